package controls_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// RFC 4180 section 2: each record ends with a line break, CRLF.
func TestWriteCSVUsesCRLF(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, controls.WriteCSV(&buf, validSoA(), demoCatalog(t), nil))
	out := buf.String()
	require.True(t, strings.HasSuffix(out, "\r\n"), "records end with CRLF")
	assert.Equal(t, strings.Count(out, "\n"), strings.Count(out, "\r\n"), "no bare LF record terminator")
	assert.Equal(t, 5, strings.Count(out, "\r\n"), "header and 4 controls")
}

// The built-in catalogs are documented as immutable and shared: decoding
// into the *Catalog a caller got must not change what everyone else gets.
func TestBuiltinCatalogCannotBeOverwritten(t *testing.T) {
	other, err := json.Marshal(demoCatalog(t))
	require.NoError(t, err)
	for _, get := range []func() *controls.Catalog{controls.ISO27001_2022, controls.NISTCSF2} {
		c := get()
		want := c.Len()
		require.NoError(t, json.Unmarshal(other, c))
		assert.Equal(t, 4, c.Len())
		assert.Equal(t, want, get().Len(), "the built-in catalog is unchanged")
		*get() = controls.Catalog{}
		assert.Equal(t, want, get().Len(), "the built-in catalog is unchanged")
	}
}

// A nil *Mapping behaves as an empty one, as Clone already does: bad input
// is an error or an empty answer, never a panic.
func TestNilMapping(t *testing.T) {
	var m *controls.Mapping
	assert.NotPanics(t, func() { assert.Nil(t, m.Inverse()) })
	assert.NotPanics(t, func() { assert.Empty(t, m.TargetsOf("A.5.1")) })
	assert.NotPanics(t, func() { assert.Empty(t, m.SourcesOf("A.5.1")) })
}

// SoADiff.String promises one line per change, also for values that hold
// line breaks (justifications, notes).
func TestSoADiffStringOneLinePerChange(t *testing.T) {
	from := validSoA()
	to := from.Clone()
	to.Entries[1].Justification = "line one\nline two\r\n- C.9 applicable"
	to.Title = "New\ntitle"
	d := controls.DiffSoA(from, to)
	require.Len(t, d.Changed, 1)
	lines := strings.Split(strings.TrimSuffix(d.String(), "\n"), "\n")
	assert.Len(t, lines, 2, "%q", d.String())
	assert.Equal(t, `~ C.2 justification: "We do not develop software." -> "line one\nline two\r\n- C.9 applicable"`, lines[1])
}

// An SoA that names no catalog is reported once as malformed; the catalog
// it is validated against is still used, so missing controls are found.
func TestCheckSoAWithoutCatalogID(t *testing.T) {
	s := validSoA()
	s.CatalogID = ""
	s.Entries = s.Entries[:3] // C.4 missing
	fs := controls.CheckSoA(s, demoCatalog(t), validNow, &controls.SoACheckOptions{Selections: validSelections()})
	var codes []string
	for _, f := range fs {
		codes = append(codes, f.Code)
	}
	assert.Contains(t, codes, controls.CodeSoAMalformed)
	assert.NotContains(t, codes, controls.CodeCatalogMismatch, "a missing catalog_id is malformed, not another catalog")
	missing := isms.WithCode(fs, controls.CodeControlMissing)
	require.Len(t, missing, 1, "%v", codes)
	assert.Equal(t, isms.ID("C.4"), missing[0].Subject.ID)
}
