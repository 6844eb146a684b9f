package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRunIsDeterministic: the output and the chart are the same with one
// and with two workers.
func TestRunIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	pa, pb := filepath.Join(t.TempDir(), "a.svg"), filepath.Join(t.TempDir(), "b.svg")
	require.NoError(t, run(context.Background(), &a, pa, 50_000, 1))
	require.NoError(t, run(context.Background(), &b, pb, 50_000, 2))
	assert.Equal(t, a.String(), b.String())
	x, err := os.ReadFile(pa)
	require.NoError(t, err)
	y, err := os.ReadFile(pb)
	require.NoError(t, err)
	assert.Equal(t, x, y)
	assert.True(t, bytes.HasPrefix(x, []byte("<svg ")))
	out := a.String()
	for _, want := range []string{"50000 years, seed 20260302, ismskit.fair.v2", "portfolio   current", "Treatment effect", "loss exceedance chart:"} {
		assert.Contains(t, out, want)
	}
	assert.Equal(t, 3, strings.Count(string(x), "<polyline"), "current, residual, tolerance")
}
