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
	"controls.catalog", "controls.mapping", "controls.soa",
	"isms.asset", "isms.document", "isms.evidence", "isms.interested_party", "isms.objective", "isms.scope",
	"risk.matrix", "risk.risk",
	"sampling.attribute_plan", "sampling.monetary_plan", "sampling.selection",
}

func TestKinds(t *testing.T) {
	var names []string
	for _, k := range schema.Kinds() {
		names = append(names, k.Name)
		assert.Equal(t, "https://ismskit.github.io/schema/v1/"+k.Name+".schema.json", k.ID)
	}
	assert.Equal(t, wantKinds, names)
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
