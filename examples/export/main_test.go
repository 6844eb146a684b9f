package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms/schema"
)

// TestExport runs the example into a temporary folder and validates what
// it wrote: the OSCAL documents against NIST's official schemas (kept in
// isms/oscal/testdata), the SoA against the SDK's own schema.
func TestExport(t *testing.T) {
	var buf bytes.Buffer
	out = &buf
	t.Cleanup(func() { out = os.Stdout })
	dir := t.TempDir()
	require.NoError(t, run(dir))
	assert.Contains(t, buf.String(), "ssp-soa.json reads back as soa soa-0001 with 93 entries")
	assert.Contains(t, buf.String(), `poam: risk risk-0001 "Ransomware encrypts the shop platform and its backups", current high, 1 treatment action(s)`)
	// 87 items: the hypergeometric attribute sample for 480 items at 95%
	// confidence, 5% tolerable (24 deviations) and 1% expected deviation
	// rate, worked in Python with math.comb: the smallest n with
	// P(X <= ceil(0.01 n)) <= 0.05 for X ~ Hypergeometric(480, 24, n) is
	// 87 (one allowed deviation, P = 0.0479).
	assert.Contains(t, buf.String(), "assessment results: test-access-reviews, 87 of 480 accounts drawn with seed 20261122")

	// The internal audit: four items (clauses 9.2.1 and 9.2.2 from the
	// audit's scope, A.5.18 and A.8.13 from the SoA), one minor
	// nonconformity on A.8.13, so exactly one finding is not satisfied.
	for _, line := range []string{
		"internal audit ia-2026-1: clause/9.2.1 by inspect: conforming",
		"internal audit ia-2026-1: clause/9.2.2 by inspect: conforming",
		"internal audit ia-2026-1: control/A.5.18 by reperform: conforming",
		"internal audit ia-2026-1: control/A.8.13 by enquire: nonconformity",
		"assessment-results-internal-audit.json: clause-9.2.1 satisfied\n" +
			"assessment-results-internal-audit.json: clause-9.2.2 satisfied\n" +
			"assessment-results-internal-audit.json: A.5.18 satisfied\n" +
			"assessment-results-internal-audit.json: A.8.13 not-satisfied\n",
		// Due two months after 2026-11-22.
		"corrective action of audit-f-1 (minor_nonconformity, control/A.8.13): owner IT operations, due 2027-01-22",
	} {
		assert.Contains(t, buf.String(), line)
	}

	nist := filepath.Join("..", "..", "isms", "oscal", "testdata", "schema")
	for file, sch := range map[string]string{
		"oscal/ssp-soa.json":                           filepath.Join(nist, "1.1.3", "oscal_ssp_schema.json"),
		"oscal/catalog-iso27001-2022.json":             filepath.Join(nist, "1.1.3", "oscal_catalog_schema.json"),
		"oscal/mapping-iso27001-2022-to-csf-2.0.json":  filepath.Join(nist, "1.2.1", "oscal_mapping_schema.json"),
		"oscal/poam-risks.json":                        filepath.Join(nist, "1.1.3", "oscal_poam_schema.json"),
		"oscal/assessment-results-audit.json":          filepath.Join(nist, "1.1.3", "oscal_assessment-results_schema.json"),
		"oscal/assessment-results-internal-audit.json": filepath.Join(nist, "1.1.3", "oscal_assessment-results_schema.json"),
		"oscal/poam-corrective-actions.json":           filepath.Join(nist, "1.1.3", "oscal_poam_schema.json"),
		"soa.json":                                     filepath.Join(dir, "schema", schema.FileName("controls.soa")),
	} {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		s, err := c.Compile(sch)
		require.NoError(t, err, sch)
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(file)))
		require.NoError(t, err)
		inst, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		require.NoError(t, err)
		assert.NoError(t, s.Validate(inst), file)
	}
	got, err := filepath.Glob(filepath.Join(dir, "schema", "*.schema.json"))
	require.NoError(t, err)
	assert.Len(t, got, len(schema.Kinds()))

	// Each stored risk validates against the SDK's risk schema.
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	rs, err := c.Compile(filepath.Join(dir, "schema", schema.FileName("risk.risk")))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dir, "risks.json"))
	require.NoError(t, err)
	var risks []json.RawMessage
	require.NoError(t, json.Unmarshal(b, &risks))
	require.Len(t, risks, 2)
	for i, r := range risks {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(r))
		require.NoError(t, err)
		assert.NoError(t, rs.Validate(inst), "risk %d", i)
	}

	// A second run writes the same bytes.
	dir2 := t.TempDir()
	require.NoError(t, run(dir2))
	for _, name := range []string{"oscal/ssp-soa.json", "oscal/poam-risks.json", "oscal/assessment-results-audit.json",
		"oscal/assessment-results-internal-audit.json", "oscal/poam-corrective-actions.json", "risks.json"} {
		a, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(dir2, filepath.FromSlash(name)))
		require.NoError(t, err)
		assert.Equal(t, string(a), string(b), name)
	}
}
