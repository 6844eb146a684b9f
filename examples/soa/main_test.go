package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
)

func TestRunIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	dirA, dirB := t.TempDir(), t.TempDir()
	require.NoError(t, run(&a, io.Discard, dirA))
	require.NoError(t, run(&b, io.Discard, dirB))
	assert.Equal(t, a.String(), b.String())
	for _, name := range []string{"soa.csv", "soa.md", "soa.json"} {
		x, err := os.ReadFile(filepath.Join(dirA, name))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(dirB, name))
		require.NoError(t, err)
		assert.Equal(t, x, y, name)
	}
	out := a.String()
	for _, want := range []string{
		"error   soa.selected_control_excluded  A.7.4 is selected by risk/R-4 but the SoA excludes it",
		"error   soa.planned_date_passed        A.8.12 was planned for 2026-01-31",
		"findings after the fix: 0",
	} {
		assert.Contains(t, out, want)
	}
	csv, err := os.ReadFile(filepath.Join(dirA, "soa.csv"))
	require.NoError(t, err)
	assert.Equal(t, 94, strings.Count(string(csv), "\n"), "header and 93 controls")

	// What the example writes, the SDK reads back and writes the same.
	doc, err := os.ReadFile(filepath.Join(dirA, "soa.json"))
	require.NoError(t, err)
	soa, err := controls.ReadSoA(bytes.NewReader(doc))
	require.NoError(t, err)
	var again bytes.Buffer
	require.NoError(t, controls.WriteSoA(&again, soa))
	assert.Equal(t, string(doc), again.String())
}
