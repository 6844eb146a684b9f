package fair_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk/fair"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenChart is hand-made: current and residual exceedance curves and a
// tolerance curve, on losses 1k to 10M (four decades on the log axis).
func goldenChart() *fair.Chart {
	return &fair.Chart{
		Title:     "Ransomware & BEC <portfolio>",
		Currency:  "EUR",
		Current:   []fair.CurvePoint{{Loss: 1e3, Probability: 0.6}, {Loss: 1e4, Probability: 0.5}, {Loss: 1e5, Probability: 0.3}, {Loss: 1e6, Probability: 0.1}, {Loss: 1e7, Probability: 0.01}},
		Residual:  []fair.CurvePoint{{Loss: 1e3, Probability: 0.3}, {Loss: 1e4, Probability: 0.2}, {Loss: 1e5, Probability: 0.1}, {Loss: 1e6, Probability: 0.02}, {Loss: 1e7, Probability: 0}},
		Tolerance: []fair.CurvePoint{{Loss: 0, Probability: 1}, {Loss: 1e4, Probability: 0.4}, {Loss: 1e6, Probability: 0.05}, {Loss: 1e7, Probability: 0.005}},
	}
}

func TestChartSVGGolden(t *testing.T) {
	got, err := goldenChart().SVG()
	require.NoError(t, err)
	path := filepath.Join("testdata", "lec.svg.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./risk/fair -run TestChartSVGGolden -update to create the golden file")
	assert.Equal(t, string(want), string(got))
}

// TestChartGeometry checks the layout against hand-computed coordinates:
// plot area x from 80 to 720 − 24 = 696 (616 px) over the decades 10^3 to
// 10^7 (154 px a decade), y from 48 to 440 − 72 = 368 (320 px) over 0 to
// 1 (the largest probability at a positive loss, 0.6, rounded up to the
// next of 0.1, 0.2, 0.5, 1). Loss 1e5 is at x = 80 + 2·154 = 388;
// probability 0.3 at y = 48 + (1 − 0.3)·320 = 272.
func TestChartGeometry(t *testing.T) {
	svg, err := goldenChart().SVG()
	require.NoError(t, err)
	s := string(svg)
	assert.Contains(t, s, "388.0,272.0", "current curve at (1e5, 0.3)")
	assert.Contains(t, s, "80.0,176.0", "current curve at (1e3, 0.6): y = 48 + 0.4·320")
	assert.Contains(t, s, `stroke-dasharray="6 4"`, "tolerance is dashed")
	assert.Contains(t, s, "Ransomware &amp; BEC &lt;portfolio&gt;", "title escaped")
	assert.Contains(t, s, ">EUR 10M<", "decade label")
	assert.Equal(t, 3, strings.Count(s, "<polyline"))

	for name, c := range map[string]*fair.Chart{
		"nil":        nil,
		"empty":      {},
		"no loss":    {Current: []fair.CurvePoint{{Loss: 0, Probability: 1}}},
		"bad point":  {Current: []fair.CurvePoint{{Loss: 1, Probability: 2}}},
		"too wide":   {Width: fair.MaxChartSize + 1, Current: goldenChart().Current},
		"too small":  {Width: 10, Current: goldenChart().Current},
		"long title": {Title: strings.Repeat("x", fair.MaxChartTitle+1), Current: goldenChart().Current},
	} {
		_, err := c.SVG()
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
}
