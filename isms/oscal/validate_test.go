package oscal_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
)

// schemaCache holds NIST's official OSCAL JSON schemas, compiled once per
// (version, model).
var schemaCache sync.Map

// officialSchema compiles testdata/schema/<version>/oscal_<model>_schema.json
// (copied unchanged from NIST's OSCAL releases) with format assertions on.
func officialSchema(t testing.TB, version, model string) *jsonschema.Schema {
	t.Helper()
	key := version + "/" + model
	if s, ok := schemaCache.Load(key); ok {
		return s.(*jsonschema.Schema)
	}
	path := filepath.Join("testdata", "schema", version, "oscal_"+model+"_schema.json")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///oscal/" + key + ".json"
	require.NoError(t, c.AddResource(url, doc))
	s, err := c.Compile(url)
	require.NoError(t, err, "compile %s", path)
	schemaCache.Store(key, s)
	return s
}

// requireValidOSCAL validates data against the official schema of model
// and version, then runs the semantic checks the JSON schema cannot
// express.
func requireValidOSCAL(t testing.TB, version, model string, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	if err := officialSchema(t, version, model).Validate(inst); err != nil {
		t.Fatalf("%s %s export fails NIST's schema: %v", model, version, err)
	}
	var doc any
	require.NoError(t, json.Unmarshal(data, &doc))
	requireSemantics(t, doc, model != "catalog")
}

var (
	// sdkNS is the SDK's namespace, written out here as an independent
	// truth (the package constant must equal it).
	sdkNS = "https://ismskit.github.io/ns/oscal"
	// allowedSDKProps lists, for each SDK prop name, the pattern its values
	// must match: the enum values of the SDK types the props carry.
	allowedSDKProps = map[string]*regexp.Regexp{
		"applicability":            regexp.MustCompile(`^(applicable|not_applicable|inherited)$`),
		"inclusion_reason":         regexp.MustCompile(`^(risk_treatment|legal_regulatory|contractual|business_requirement|best_practice)$`),
		"exclusion_reason":         regexp.MustCompile(`^(outside_scope|no_asset_or_technology|function_not_performed|requirement_not_applicable|covered_by_other_control)$`),
		"risk":                     regexp.MustCompile(`^[^/\s]+/\S+$`),
		"evidence":                 regexp.MustCompile(`^[^/\s]+/\S+$`),
		"scope_ref":                regexp.MustCompile(`^[^/\s]+/\S+$`),
		"unset":                    regexp.MustCompile(`^(title|version|scope|id|assessment_plan)$`),
		"revision":                 regexp.MustCompile(`^[1-9][0-9]*$`),
		"created_at":               rfc3339,
		"updated_at":               rfc3339,
		"approved_at":              rfc3339,
		"planned_date":             rfc3339,
		"date":                     rfc3339,
		"control_types":            regexp.MustCompile(`^(preventive|detective|corrective)$`),
		"security_properties":      regexp.MustCompile(`^(confidentiality|integrity|availability)$`),
		"cybersecurity_concepts":   regexp.MustCompile(`^(identify|protect|detect|respond|recover)$`),
		"operational_capabilities": regexp.MustCompile(`^[a-z_]+$`),
		// POA&M props (risk statuses and action statuses share the name).
		"status":           regexp.MustCompile(`^(open|accepted|closed|planned|in_progress|done|cancelled)$`),
		"treatment_option": regexp.MustCompile(`^(modify|retain|avoid|share)$`),
		"plan_status":      regexp.MustCompile(`^(empty|not_started|in_progress|completed)$`),
		"stage":            regexp.MustCompile(`^(inherent|current|residual)$`),
		"rule":             regexp.MustCompile(`^(max|mean)$`),
		"asset":            regexp.MustCompile(`^[^/\s]+/\S+$`),
		"control":          regexp.MustCompile(`^[^/\s]+/\S+$`),
		"assessed_at":      rfc3339,
		// Assessment-results props.
		"sampling_method":     regexp.MustCompile(`^(simple_random|systematic|stratified|monetary_unit|cell)$`),
		"plan":                regexp.MustCompile(`^(attribute|monetary)$`),
		"model":               regexp.MustCompile(`^(binomial|poisson|hypergeometric)$`),
		"seed":                regexp.MustCompile(`^[0-9]+$`),
		"sample_size":         regexp.MustCompile(`^[1-9][0-9]*$`),
		"planned_sample_size": regexp.MustCompile(`^[1-9][0-9]*$`),
		"population_size":     regexp.MustCompile(`^[1-9][0-9]*$`),
		"population_value":    regexp.MustCompile(`^[0-9]+$`),
		"allowed_deviations":  regexp.MustCompile(`^[0-9]+$`),
		"algorithm_version":   regexp.MustCompile(`^[1-9][0-9]*$`),
		"confidence":          regexp.MustCompile(`^0\.[0-9]+$`),
		"decided_at":          rfc3339,
		"completed_at":        rfc3339,
		"security_domains":    regexp.MustCompile(`^[a-z_]+$`),
		// Audit results and corrective-action props.
		"requirement":            regexp.MustCompile(`^(clause|control)/\S+$`),
		"examined":               regexp.MustCompile(`^[^/\s]+/\S+$`),
		"method":                 regexp.MustCompile(`^(inspect|observe|enquire|reperform)$`),
		"result":                 regexp.MustCompile(`^(conforming|nonconformity|observation)$`),
		"finding_kind":           regexp.MustCompile(`^(major_nonconformity|minor_nonconformity|observation|opportunity_for_improvement)$`),
		"finding_status":         regexp.MustCompile(`^(open|in_progress|implemented|verified_effective|closed|reopened)$`),
		"audit_status":           regexp.MustCompile(`^(planned|in_progress|completed|cancelled)$`),
		"conclusion":             regexp.MustCompile(`^(rely_as_planned|do_not_rely)$`),
		"tested":                 regexp.MustCompile(`^[0-9]+$`),
		"deviations":             regexp.MustCompile(`^[0-9]+$`),
		"upper_limit_deviations": regexp.MustCompile(`^[1-9][0-9]*$`),
		"sample_rate":            unitInterval,
		"upper_limit":            unitInterval,
		"allowance":              unitInterval,
		"overreliance_risk":      unitInterval,
		"due":                    rfc3339,
		"implemented_at":         rfc3339,
		"raised_at":              rfc3339,
	}
	// unitInterval matches a number from 0 to 1 as strconv writes it.
	unitInterval = regexp.MustCompile(`^(0|1|0\.[0-9]+(e-[0-9]+)?|[1-9](\.[0-9]+)?e-[0-9]+)$`)
	rfc3339      = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?(Z|[+-]\d\d:\d\d)$`)
)

// sdkPropNames are the other SDK props of SSPs and mappings, whose values
// are free text.
var sdkPropNames = map[string]bool{
	"catalog_id": true, "catalog_version": true, "approved_by": true, "owner": true, "provider": true,
	"mapping_id": true, "source_catalog": true, "target_catalog": true, "author": true, "source": true,
	"test_id": true, "algorithm": true, "generator": true, "population_fingerprint": true, "fingerprint_format": true,
	"sampled_item": true, "tolerable_rate": true, "expected_rate": true, "tolerable_misstatement": true,
	"expected_misstatement": true, "plan_population_value": true,
	"category": true, "shared_with": true, "decided_by": true, "action_id": true,
	"audit_id": true, "audit": true, "criteria": true, "finding": true,
}

// requireSemantics checks what OSCAL's JSON schemas cannot: every uuid is
// unique, every "#uuid" reference and "*-uuid" reference resolves, every
// date-time has no zero fraction, and the values of the SDK's props are
// allowed ones. When closed, an SDK prop of an unknown name is an error
// (catalogs carry their users' own props in the SDK's namespace).
func requireSemantics(t testing.TB, doc any, closed bool) {
	t.Helper()
	uuids := map[string]int{}
	var refs []string
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch x := v.(type) {
		case map[string]any:
			if u, ok := x["uuid"].(string); ok {
				uuids[u]++
			}
			if href, ok := x["href"].(string); ok && strings.HasPrefix(href, "#") {
				refs = append(refs, href[1:])
			}
			// Every "*-uuid" reference (component-uuid, risk-uuid,
			// actor-uuid, ...) and every party-uuids entry must resolve.
			for k, v := range x {
				if !strings.HasSuffix(k, "-uuid") && k != "party-uuids" {
					continue
				}
				switch ref := v.(type) {
				case string:
					refs = append(refs, ref)
				case []any:
					for _, r := range ref {
						if s, ok := r.(string); ok {
							refs = append(refs, s)
						}
					}
				}
			}
			for _, k := range []string{"last-modified", "published", "date"} {
				if v, ok := x[k].(string); ok && !rfc3339.MatchString(v) {
					t.Errorf("%s %q is not RFC 3339 without a zero fraction", k, v)
				}
			}
			if ns, _ := x["ns"].(string); ns == sdkNS {
				name, _ := x["name"].(string)
				value, _ := x["value"].(string)
				if re, known := allowedSDKProps[name]; known {
					if !re.MatchString(value) {
						t.Errorf("SDK prop %s has value %q, not allowed", name, value)
					}
				} else if closed && !sdkPropNames[name] {
					t.Errorf("SDK prop %s is not one the SDK writes", name)
				}
			}
			for k, e := range x {
				walk(e, k)
			}
		case []any:
			require.NotEmpty(t, x, "empty array under %q", key)
			for _, e := range x {
				walk(e, key)
			}
		}
	}
	walk(doc, "")
	for u, n := range uuids {
		if n > 1 {
			t.Errorf("uuid %s is used %d times", u, n)
		}
	}
	for _, r := range refs {
		if uuids[r] == 0 {
			t.Errorf("reference to %s resolves to nothing", r)
		}
	}
}
