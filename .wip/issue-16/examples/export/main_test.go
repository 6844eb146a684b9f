package main

import (
	"bytes"
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

	nist := filepath.Join("..", "..", "isms", "oscal", "testdata", "schema")
	for file, sch := range map[string]string{
		"oscal/ssp-soa.json":                          filepath.Join(nist, "1.1.3", "oscal_ssp_schema.json"),
		"oscal/catalog-iso27001-2022.json":            filepath.Join(nist, "1.1.3", "oscal_catalog_schema.json"),
		"oscal/mapping-iso27001-2022-to-csf-2.0.json": filepath.Join(nist, "1.2.1", "oscal_mapping_schema.json"),
		"soa.json": filepath.Join(dir, "schema", schema.FileName("controls.soa")),
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
}
