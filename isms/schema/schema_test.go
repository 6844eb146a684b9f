package schema_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/schema"
)

// wantKinds is the list of persisted kinds of the packages that exist
// today, written out by hand.
var wantKinds = []string{
	"audit.checklist", "audit.finding", "audit.improvement", "audit.management_review", "audit.programme",
	"audit.readiness_report",
	"bcp.bia", "bcp.bia_record", "bcp.dr_test", "bcp.snapshot",
	"controls.catalog", "controls.mapping", "controls.soa",
	"fair.impact_scale", "fair.scenario",
	"incident.incident", "incident.regime",
	"isms.asset", "isms.control_check", "isms.document", "isms.evidence", "isms.interested_party", "isms.objective",
	"isms.person", "isms.raci_matrix", "isms.role", "isms.role_assignment", "isms.scope", "isms.sod_rule",
	"isms.training_record",
	"risk.matrix", "risk.risk",
	"sampling.attribute_plan", "sampling.monetary_plan", "sampling.selection",
}

// wantStorage is the storage kind of each kind a service stores, written
// out by hand from the packages' Kind constants and NewRepository calls.
var wantStorage = map[string]string{
	"audit.finding":  "audit.finding",
	"bcp.bia_record": "bcp.bia", "bcp.dr_test": "bcp.dr_test", "controls.soa": "soa", "incident.incident": "incident",
	"isms.asset": "asset", "isms.control_check": "control_check", "isms.document": "document", "isms.evidence": "evidence",
	"isms.interested_party": "interested_party", "isms.objective": "objective", "isms.person": "person",
	"isms.raci_matrix": "raci_matrix", "isms.role": "role", "isms.role_assignment": "role_assignment", "isms.scope": "scope",
	"isms.sod_rule": "sod_rule", "isms.training_record": "training_record", "risk.risk": "risk",
}

func TestKinds(t *testing.T) {
	var names []string
	for _, k := range schema.Kinds() {
		names = append(names, k.Name)
		assert.Equal(t, "https://ismskit.github.io/schema/v1/"+k.Name+".schema.json", k.ID)
	}
	assert.Equal(t, wantKinds, names)
	for _, k := range schema.Kinds() {
		assert.Equal(t, wantStorage[k.Name], k.StorageKind, k.Name)
	}
}

// compile compiles every committed schema with an independent validator,
// with format assertions on; compiling checks each schema against the
// draft 2020-12 meta-schema.
func compile(t testing.TB) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	out := map[string]*jsonschema.Schema{}
	for _, k := range schema.Kinds() {
		b, err := schema.Schema(k.Name)
		require.NoError(t, err)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		require.NoError(t, err)
		require.NoError(t, c.AddResource(k.ID, doc))
	}
	for _, k := range schema.Kinds() {
		s, err := c.Compile(k.ID)
		require.NoError(t, err, k.Name)
		out[k.Name] = s
	}
	return out
}

func TestSchemasCompileAgainstMetaSchema(t *testing.T) {
	for name, s := range compile(t) {
		assert.Equal(t, 2020, s.DraftVersion, name)
	}
	for _, k := range schema.Kinds() {
		b, err := schema.Schema(k.Name)
		require.NoError(t, err)
		var doc map[string]any
		require.NoError(t, json.Unmarshal(b, &doc))
		assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", doc["$schema"])
		assert.Equal(t, k.ID, doc["$id"])
		assert.Equal(t, false, doc["additionalProperties"], "%s is closed", k.Name)
		assert.NotEmpty(t, doc["description"], "%s has a description from its doc comment", k.Name)
	}
}

// update rewrites the committed schemas; go generate ./isms/schema sets it.
var update = flag.Bool("update", false, "rewrite the committed schemas in json/")

// TestGeneratedFilesMatchTypes fails when the committed schemas drift from
// the Go types: run go generate ./isms/schema. With -update it rewrites
// them instead.
func TestGeneratedFilesMatchTypes(t *testing.T) {
	got, err := schema.GenerateAll(filepath.Join("..", ".."))
	require.NoError(t, err)
	if *update {
		old, err := filepath.Glob(filepath.Join("json", "*.schema.json"))
		require.NoError(t, err)
		for _, f := range old {
			require.NoError(t, os.Remove(f))
		}
		for name, b := range got {
			require.NoError(t, os.WriteFile(filepath.Join("json", name), b, 0o644))
		}
	}
	committed, err := filepath.Glob(filepath.Join("json", "*.schema.json"))
	require.NoError(t, err)
	var names []string
	for _, f := range committed {
		names = append(names, filepath.Base(f))
	}
	var want []string
	for name := range got {
		want = append(want, name)
	}
	slices.Sort(want)
	assert.Equal(t, want, names, "the json directory holds exactly one file per kind")
	for name, b := range got {
		disk, err := os.ReadFile(filepath.Join("json", name))
		require.NoError(t, err)
		if !bytes.Equal(b, disk) {
			t.Errorf("%s drifted from the Go types: run go generate ./isms/schema", name)
		}
	}
}

func TestValidDocuments(t *testing.T) {
	schemas := compile(t)
	docs := producedDocs(t)
	for _, kind := range wantKinds {
		require.NotEmpty(t, docs[kind], "a document of kind %s", kind)
		for i, b := range docs[kind] {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			require.NoError(t, err)
			if err := schemas[kind].Validate(inst); err != nil {
				t.Errorf("%s document %d fails its schema: %v", kind, i, err)
			}
		}
	}
}

// invalid lists, per kind, hand-written changes that make a valid
// document invalid: a path (dot-separated, numbers index arrays) and the
// value to set there (remove deletes the field).
type change struct {
	why   string
	path  string
	value any
}

var remove = struct{}{}

var invalid = map[string][]change{
	"isms.scope": {
		{"extra field", "bogus", 1}, {"missing required", "name", remove},
		{"wrong type", "revision", "two"}, {"wrong enum", "inclusions.0.kind", "planet"},
		{"bad time", "approved_at", "yesterday"},
	},
	"isms.interested_party": {
		{"extra field", "requirements.0.bogus", true}, {"missing required", "kind", remove},
		{"wrong enum", "kind", "alien"}, {"wrong type", "requirements", "none"},
	},
	"isms.asset": {
		{"extra field", "cia.secret", "x"}, {"missing required", "status", remove},
		{"wrong enum", "classification", "top_secret"}, {"wrong type", "depends_on.0.id", 7},
	},
	"isms.document": {
		{"bad duration", "review_interval", "1 year"}, {"bad duration", "review_interval", "P"},
		{"bad duration", "review_interval", "P1DT"}, {"bad duration", "review_interval", 31536000},
		{"wrong enum", "status", "lost"}, {"missing required", "title", remove},
		{"extra field", "history.0.why", "x"},
	},
	"isms.objective": {
		{"wrong type", "target.value", "seven"}, {"wrong enum", "target.direction", "sideways"},
		{"missing required", "target.metric", remove}, {"extra field", "score", 1},
	},
	"isms.evidence": {
		{"wrong enum", "kind", "photo"}, {"missing required", "collected_at", remove},
		{"bad time", "valid_until", "2026-13-01T00:00:00Z"}, {"extra field", "supports.0.note", "x"},
	},
	"risk.risk": {
		{"wrong enum", "status", "mitigated"}, {"bad duration", "acceptances.0.valid_for", "six months"},
		{"missing required", "inherent.level", remove}, {"wrong enum", "treatment.option", "ignore"},
		{"wrong type", "treatment.actions.0.due", 20260630}, {"extra field", "inherent.score", 9},
	},
	"risk.matrix": {
		{"wrong type", "grid.0.0", "low"}, {"missing required", "risk", remove},
		{"extra field", "likelihood.0.weight", 2}, {"wrong type", "monotonic", "yes"},
	},
	"controls.soa": {
		{"wrong enum", "entries.0.applicability", "maybe"}, {"wrong enum", "entries.0.inclusion_reasons.0", "whim"},
		{"wrong enum", "entries.0.implementation_status", "done"}, {"missing required", "catalog_id", remove},
		{"missing required", "entries.1.control_id", remove}, {"extra field", "entries.0.score", 1},
	},
	"controls.mapping": {
		{"wrong enum", "pairs.0.relationship", "similar"}, {"missing required", "provenance.author", remove},
		{"extra field", "provenance.licence", "x"}, {"wrong type", "pairs", map[string]any{}},
	},
	"controls.catalog": {
		{"wrong enum", "controls.0.attributes.control_types.0", "deterrent"}, {"missing required", "controls.0.title", remove},
		{"wrong type", "controls.0.props.k", 1}, {"extra field", "groups.0.rank", 1},
	},
	"sampling.attribute_plan": {
		{"wrong enum", "model", "normal"}, {"missing required", "confidence", remove},
		{"wrong type", "population", 1.5}, {"extra field", "seed", 1},
	},
	"sampling.monetary_plan": {
		{"wrong type", "confidence", "high"}, {"missing required", "tolerable_misstatement", remove},
		{"extra field", "population", 10},
	},
	"isms.person": {
		{"missing required", "name", remove}, {"bad time", "joined_at", "2024-03-01"},
		{"wrong type", "revision", 1.5}, {"extra field", "phone", "123"},
	},
	"isms.role": {
		{"wrong type", "management", "yes"}, {"missing required", "name", remove},
		{"wrong type", "duties", "risk.own"}, {"extra field", "level", 3},
	},
	"isms.role_assignment": {
		{"missing required", "from", remove}, {"missing required", "role", remove},
		{"bad time", "until", "forever"}, {"extra field", "note", "x"},
	},
	"isms.raci_matrix": {
		{"wrong enum", "entries.0.part", "owner"}, {"missing required", "entries.1.role", remove},
		{"extra field", "entries.0.since", "2026"}, {"wrong type", "entries", map[string]any{}},
	},
	"isms.sod_rule": {
		{"missing required", "duty_b", remove}, {"wrong type", "duty_a", []any{"a"}}, {"extra field", "severity", "high"},
	},
	"isms.training_record": {
		{"wrong enum", "result", "excellent"}, {"missing required", "completed_at", remove},
		{"wrong type", "awareness", 1}, {"bad time", "expires_at", "next year"}, {"extra field", "score", 99},
	},
	"isms.control_check": {
		{"wrong enum", "method", "ai"}, {"wrong enum", "results.0.outcome", "ok"},
		{"bad duration", "frequency", "monthly"}, {"bad duration", "evidence_max_age", 3024000},
		{"bad duration", "frequency", "PT"}, {"missing required", "results.0.by", remove},
		{"extra field", "results.0.score", 1}, {"wrong type", "controls", "A.8.5"},
	},
	"fair.scenario": {
		{"wrong enum", "mode", "sum"}, {"wrong enum", "primary_loss.type", "gamma"},
		{"wrong enum", "threat_event_frequency.type", "binomial"}, {"wrong type", "primary_loss.low", "100k"},
		{"missing required", "name", remove}, {"missing required", "primary_loss.type", remove},
		{"extra field", "primary_loss.alpha", 2},
	},
	"fair.impact_scale": {
		{"missing required", "thresholds.0.level", remove}, {"wrong type", "thresholds.1.from", "10k"},
		{"missing required", "matrix", remove}, {"extra field", "matrix.id", "m"},
	},
	"incident.incident": {
		{"wrong enum", "status", "open"}, {"wrong enum", "category", "alien"},
		{"missing required", "title", remove}, {"bad time", "detected_at", "this morning"},
		{"wrong type", "personal_data.people", "ten"}, {"extra field", "personal_data.ssn", true},
		{"wrong type", "affected_assets.0", "mail"},
	},
	"incident.regime": {
		{"bad duration", "obligations.0.due.period", "24h"}, {"bad duration", "obligations.0.due.period", 86400},
		{"wrong enum", "obligations.0.due.anchor", "noticed"}, {"wrong enum", "calendar", "lunar"},
		{"wrong enum", "working_days.weekend.0", "funday"}, {"missing required", "obligations", remove},
		{"missing required", "obligations.0.rule", remove}, {"extra field", "obligations.0.trigger.always", true},
	},
	"bcp.bia": {
		{"wrong enum", "activities.0.criticality", "vital"}, {"bad duration", "activities.0.rto", "4 hours"},
		{"bad duration", "resources.0.backup.interval", 3600}, {"wrong enum", "resources.0.kind", "database"},
		{"missing required", "activities.0.impacts.0.after", remove}, {"missing required", "id", remove},
		{"wrong type", "version", "v1"}, {"extra field", "resources.0.backup.encrypted", true},
	},
	"bcp.snapshot": {
		{"missing required", "bia", remove}, {"wrong enum", "tests.0.kind", "chaos"},
		{"bad duration", "plans.0.steps.0.duration", "P"}, {"bad duration", "plans.0.test_interval", "P1DT"},
		{"wrong type", "tests.0.criteria.0.met", "yes"}, {"extra field", "plans.0.priority", 1},
		{"bad time", "tests.0.planned_for", "May"},
	},
	"bcp.bia_record": {
		{"wrong enum", "status", "approved"}, {"missing required", "bia", remove},
		{"bad duration", "bia.activities.0.mtpd", "8h"}, {"extra field", "bia.owner", "x"},
		{"wrong type", "revision", "1"},
	},
	"bcp.dr_test": {
		{"wrong enum", "kind", "chaos"}, {"wrong enum", "status", "done"}, {"missing required", "name", remove},
		{"bad time", "planned_for", "soon"}, {"wrong type", "resources", "db"}, {"extra field", "score", 1},
	},
	"audit.finding": {
		{"wrong enum", "kind", "major"}, {"wrong enum", "status", "done"}, {"missing required", "title", remove},
		{"bad time", "due", "next week"}, {"wrong type", "effectiveness.effective", "yes"}, {"extra field", "score", 1},
	},
	"audit.programme": {
		{"wrong enum", "audits.0.status", "booked"}, {"missing required", "title", remove},
		{"bad time", "cycle_start", "2026"}, {"wrong type", "audits.0.auditors", "cat"}, {"extra field", "budget", 1},
	},
	"audit.checklist": {
		{"wrong enum", "items.0.method", "guess"}, {"missing required", "items.0.requirement", remove},
		{"wrong type", "items", map[string]any{}}, {"extra field", "items.0.weight", 2},
	},
	"audit.management_review": {
		{"wrong enum", "decisions.0.kind", "wish"}, {"missing required", "title", remove},
		{"bad time", "held_at", "yesterday"}, {"extra field", "minutes", "x"},
	},
	"audit.improvement": {
		{"wrong enum", "source_kind", "rumour"}, {"wrong enum", "status", "someday"}, {"missing required", "title", remove},
		{"bad time", "due", "soon"}, {"extra field", "priority", 1},
	},
	"audit.readiness_report": {
		{"wrong type", "stage1.ready", "no"}, {"bad duration", "min_operation", "3 months"},
		{"bad time", "at", "now"}, {"wrong enum", "stage1.reasons.0.severity", "fatal"}, {"extra field", "score", 1},
	},
	"sampling.selection": {
		{"wrong enum", "spec.method", "haphazard"}, {"missing required", "population.fingerprint", remove},
		{"wrong type", "items.0.draw", "first"}, {"extra field", "spec.replace", true},
	},
}

func TestInvalidDocumentsAreRejected(t *testing.T) {
	schemas := compile(t)
	docs := producedDocs(t)
	for _, kind := range wantKinds {
		require.NotEmpty(t, invalid[kind], "invalid documents of kind %s", kind)
		// The first document of a kind is the hand-written one, except for
		// selections, which only Select produces.
		base := docs[kind][0]
		for _, ch := range invalid[kind] {
			var doc any
			require.NoError(t, json.Unmarshal(base, &doc))
			require.True(t, set(doc, strings.Split(ch.path, "."), ch.value), "%s: path %s exists", kind, ch.path)
			b, err := json.Marshal(doc)
			require.NoError(t, err)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			require.NoError(t, err)
			assert.Error(t, schemas[kind].Validate(inst), "%s with %s at %s (%v) must be rejected", kind, ch.why, ch.path, ch.value)
		}
	}
}

// set changes doc at path; it reports whether the path's parent exists
// (and, to remove, the field itself).
func set(doc any, path []string, value any) bool {
	for len(path) > 1 {
		switch x := doc.(type) {
		case map[string]any:
			doc = x[path[0]]
		case []any:
			i := index(path[0])
			if i < 0 || i >= len(x) {
				return false
			}
			doc = x[i]
		default:
			return false
		}
		path = path[1:]
	}
	switch x := doc.(type) {
	case map[string]any:
		if value == remove {
			_, ok := x[path[0]]
			delete(x, path[0])
			return ok
		}
		x[path[0]] = value
		return true
	case []any:
		i := index(path[0])
		if i < 0 || i >= len(x) {
			return false
		}
		x[i] = value
		return true
	}
	return false
}

func index(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// TestEnumValuesInSchemas checks that the schemas list enum values, from
// hand-written lists (TestEnumRegistryIsComplete checks the registry).
func TestEnumValuesInSchemas(t *testing.T) {
	for _, k := range schema.Kinds() {
		b, err := schema.Schema(k.Name)
		require.NoError(t, err)
		assert.NotContains(t, string(b), `"$defs": {
    ".":`, "no unnamed $defs")
	}
	// The enums' values must appear in the schemas: spot checks from the
	// SDK's own value lists.
	b, err := schema.Schema("controls.soa")
	require.NoError(t, err)
	for _, v := range []string{"applicable", "not_applicable", "inherited", "risk_treatment", "covered_by_other_control", "alternative"} {
		assert.Contains(t, string(b), `"`+v+`"`)
	}
}

func TestDurationSchema(t *testing.T) {
	b, err := schema.Schema("isms.document")
	require.NoError(t, err)
	var doc struct {
		Properties map[string]struct {
			Type    string `json:"type"`
			Pattern string `json:"pattern"`
		} `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	ri := doc.Properties["review_interval"]
	assert.Equal(t, "string", ri.Type, "a duration is a string, never an integer")
	assert.Equal(t, schema.DurationPattern, ri.Pattern)
	// Every duration the SDK writes validates.
	schemas := compile(t)
	for _, d := range []isms.Duration{{}, isms.Years(1), isms.Months(18), isms.Days(30), isms.Hours(4), {Years: 1, Months: 2, Days: 3, Clock: 3723500000000}} {
		text, err := d.MarshalText()
		require.NoError(t, err)
		raw := `{"id":"d","type":"policy","title":"T","status":"draft","review_interval":"` + string(text) + `"}`
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(raw))
		require.NoError(t, err)
		assert.NoError(t, schemas["isms.document"].Validate(inst), "duration %s", text)
	}
}

func TestSchemaErrors(t *testing.T) {
	_, err := schema.Schema("nope")
	require.ErrorIs(t, err, isms.ErrNotFound)
	_, err = schema.Generate("nope", "")
	require.ErrorIs(t, err, isms.ErrNotFound)
	require.ErrorIs(t, schema.WriteAll(""), isms.ErrInvalid)
	b, err := schema.Generate("risk.risk", "")
	require.NoError(t, err)
	assert.NotContains(t, string(b), `"description": "`, "no source, no descriptions")
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, schema.WriteAll(dir))
	for _, k := range schema.Kinds() {
		disk, err := os.ReadFile(filepath.Join(dir, schema.FileName(k.Name)))
		require.NoError(t, err)
		emb, err := schema.Schema(k.Name)
		require.NoError(t, err)
		assert.Equal(t, emb, disk)
	}
}

// TestDefsNeverCollide checks that a $defs name means one type everywhere:
// the same name has the same schema in every file, and same-named Go
// types of different packages (risk.Action and incident.Action,
// bcp.ImpactThreshold and fair.ImpactThreshold, isms.Evidence and
// incident.Evidence) get different names.
func TestDefsNeverCollide(t *testing.T) {
	defs := map[string]string{}
	for _, k := range schema.Kinds() {
		b, err := schema.Schema(k.Name)
		require.NoError(t, err)
		var doc struct {
			Defs map[string]json.RawMessage `json:"$defs"`
		}
		require.NoError(t, json.Unmarshal(b, &doc))
		for name, def := range doc.Defs {
			assert.Contains(t, name, ".", "%s: $defs %q is qualified by its package", k.Name, name)
			if prev, ok := defs[name]; ok {
				assert.JSONEq(t, prev, string(def), "%s: $defs %q differs from another file's", k.Name, name)
			}
			defs[name] = string(def)
		}
	}
	for _, name := range []string{"risk.Action", "incident.Action", "bcp.ImpactThreshold", "risk.Assessment", "incident.Assessment"} {
		assert.Contains(t, defs, name)
	}
}
