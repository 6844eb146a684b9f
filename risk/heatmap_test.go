package risk_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// heatmapRisks places, on the 5x5 preset at the current stage: two risks in
// likely × major, one in almost_certain × severe, one in rare × minor,
// one in possible × moderate; one unassessed; one from another matrix
// version; one naming an unknown level.
func heatmapRisks(t testing.TB) []*risk.Risk {
	m := risk.Preset5x5()
	mk := func(l, i string) *risk.Risk { return &risk.Risk{Current: mustAssess(t, m, l, i, t0)} }
	old := mk("likely", "major")
	old.Current.Matrix.Version = "0"
	unknown := mk("likely", "major")
	unknown.Current.Impact = "catastrophic"
	return []*risk.Risk{
		mk("likely", "major"), mk("likely", "major"), mk("almost_certain", "severe"),
		mk("rare", "minor"), mk("possible", "moderate"),
		{}, nil, old, unknown,
	}
}

func TestAggregateHeatmap(t *testing.T) {
	m := risk.Preset5x5()
	h, err := risk.AggregateHeatmap(m, risk.StageCurrent, heatmapRisks(t))
	require.NoError(t, err)
	assert.Equal(t, [][]int{
		{0, 1, 0, 0, 0}, // rare: minor
		{0, 0, 0, 0, 0},
		{0, 0, 1, 0, 0}, // possible: moderate
		{0, 0, 0, 2, 0}, // likely: major ×2
		{0, 0, 0, 0, 1}, // almost_certain: severe
	}, h.Counts)
	assert.Equal(t, 5, h.Total)
	assert.Equal(t, 1, h.Unassessed, "the nil risk is skipped, the empty one is unassessed")
	assert.Equal(t, 2, h.Excluded)
	// rare×minor 2 low; possible×moderate 9 medium; likely×major 16 high ×2;
	// almost_certain×severe 25 very_high.
	assert.Equal(t, []int{1, 1, 2, 1}, h.LevelCounts())
	assert.Equal(t, 2, h.Count(3, 3))
	assert.Equal(t, 0, h.Count(5, 0))
	assert.Equal(t, 0, h.Count(0, -1))
	assert.Equal(t, 3, h.CellLevel(4, 4))
	assert.Equal(t, -1, h.CellLevel(-1, 0))
	assert.Equal(t, -1, h.CellLevel(0, 5))

	assert.Equal(t, `current heatmap, matrix ismskit 5x5 (version 1)
L \ I          insignificant  minor moderate  major severe
almost_certain             0      0        0      0      1
likely                     0      0        0      2      0
possible                   0      0        1      0      0
unlikely                   0      0        0      0      0
rare                       0      1        0      0      0
placed 5, unassessed 1, excluded 2
`, h.String())

	// Shards merge into the same totals.
	rs := heatmapRisks(t)
	a, err := risk.AggregateHeatmap(m, risk.StageCurrent, rs[:4])
	require.NoError(t, err)
	b, err := risk.AggregateHeatmap(m, risk.StageCurrent, rs[4:])
	require.NoError(t, err)
	require.NoError(t, a.Merge(b))
	assert.Equal(t, h, a)

	other, err := risk.NewHeatmap(m, risk.StageResidual)
	require.NoError(t, err)
	assert.ErrorIs(t, a.Merge(other), isms.ErrInvalid)
	other, err = risk.NewHeatmap(risk.Preset3x3(), risk.StageCurrent)
	require.NoError(t, err)
	assert.ErrorIs(t, a.Merge(other), isms.ErrInvalid)

	_, err = risk.NewHeatmap(m, "target")
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = risk.NewHeatmap(&risk.Matrix{}, risk.StageCurrent)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	c := h.Clone()
	c.Counts[3][3] = 99
	assert.Equal(t, 2, h.Counts[3][3])

	data, err := json.Marshal(h)
	require.NoError(t, err)
	var back risk.Heatmap
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, h, &back)
}

func TestAggregateHeatmapLarge(t *testing.T) {
	// Above the parallel threshold the counts equal those of adding the
	// risks one by one, whatever the number of shards.
	m := risk.Preset5x5()
	base := heatmapRisks(t)
	risks := make([]*risk.Risk, 0, 40_000)
	for len(risks) < cap(risks) {
		risks = append(risks, base[len(risks)%len(base)])
	}
	got, err := risk.AggregateHeatmap(m, risk.StageCurrent, risks)
	require.NoError(t, err)
	want, err := risk.NewHeatmap(m, risk.StageCurrent)
	require.NoError(t, err)
	for _, r := range risks {
		require.NoError(t, want.Add(r))
	}
	assert.Equal(t, want, got)
	// 40,000 = 9 × 4,444 + 4: 4,444 full rounds of the 9 seeds (5 placed,
	// 1 unassessed, 1 nil, 2 excluded), then the first 4 seeds (placed).
	assert.Equal(t, 4444*5+4, got.Total)
	assert.Equal(t, 4444, got.Unassessed)
	assert.Equal(t, 4444*2, got.Excluded)
}

func goldenHeatmap(t *testing.T) *risk.Heatmap {
	h, err := risk.AggregateHeatmap(risk.Preset5x5(), risk.StageCurrent, heatmapRisks(t))
	require.NoError(t, err)
	return h
}

func TestHeatmapSVGGolden(t *testing.T) {
	got, err := goldenHeatmap(t).SVG(nil)
	require.NoError(t, err)
	path := filepath.Join("testdata", "heatmap_current.svg")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./risk -run TestHeatmapSVGGolden -update to create the golden file")
	assert.Equal(t, string(want), string(got))
}

// svgFacts are the structural facts of a heatmap SVG, read with an XML
// parser independently of how the SVG was written.
type svgFacts struct {
	root       xml.Name
	cells      int
	cellRects  int
	countSum   int
	texts      []string
	fills      map[string]int
	widthAttr  string
	levelAttrs map[string]int
}

func readSVG(t *testing.T, data []byte) svgFacts {
	t.Helper()
	f := svgFacts{fills: map[string]int{}, levelAttrs: map[string]int{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	depth, inCell := 0, -1
	var text *string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the SVG parses as XML")
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			attr := func(name string) string {
				for _, a := range el.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			if depth == 1 {
				f.root = el.Name
				f.widthAttr = attr("width")
			}
			switch {
			case el.Name.Local == "g" && attr("class") == "cell":
				f.cells++
				inCell = depth
				n, err := strconv.Atoi(attr("data-count"))
				require.NoError(t, err)
				f.countSum += n
				f.levelAttrs[attr("data-level")]++
			case el.Name.Local == "rect" && inCell > 0:
				f.cellRects++
				f.fills[attr("fill")]++
			case el.Name.Local == "text":
				f.texts = append(f.texts, "")
				text = &f.texts[len(f.texts)-1]
			}
		case xml.CharData:
			if text != nil {
				*text += string(el)
			}
		case xml.EndElement:
			if depth == inCell {
				inCell = -1
			}
			if el.Name.Local == "text" {
				text = nil
			}
			depth--
		}
	}
	return f
}

func TestHeatmapSVGStructure(t *testing.T) {
	h := goldenHeatmap(t)
	data, err := h.SVG(&risk.SVGOptions{Title: "Q2 <current> & more"})
	require.NoError(t, err)
	f := readSVG(t, data)
	assert.Equal(t, xml.Name{Space: "http://www.w3.org/2000/svg", Local: "svg"}, f.root)
	assert.Equal(t, 25, f.cells, "one cell per grid cell")
	assert.Equal(t, 25, f.cellRects)
	assert.Equal(t, 5, f.countSum, "the cells' counts add up to the risks placed")
	// Cells per level on the 5x5 preset, counted by hand from its grid:
	// rows L L L L M / L L M M H / L M M H H / L M H H VH / M H H VH VH:
	// low 8, medium 7, high 7, very_high 3.
	assert.Equal(t, map[string]int{"low": 8, "medium": 7, "high": 7, "very_high": 3}, f.levelAttrs)
	assert.Equal(t, map[string]int{"#2e7d32": 8, "#f9a825": 7, "#ef6c00": 7, "#c62828": 3}, f.fills)
	assert.Contains(t, f.texts, "Q2 <current> & more", "the title is escaped and survives parsing")
	for _, label := range []string{"Rare", "Almost certain", "Insignificant", "Severe", "Likelihood →", "Impact →",
		"Low: 1", "Medium: 1", "High: 2", "Very high: 1", "2"} {
		assert.Contains(t, f.texts, label)
	}
	assert.NotEmpty(t, f.widthAttr)

	// Custom colours and odd names are escaped; colourless levels get a
	// fallback colour.
	m := validMatrix()
	m.Risk[0].Color = ""
	m.Likelihood[0].Name = `"quoted" <l1>`
	h2, err := risk.NewHeatmap(m, risk.StageInherent)
	require.NoError(t, err)
	h2.Risk[1].Color = `red" onload="x`
	data, err = h2.SVG(&risk.SVGOptions{CellWidth: 50, CellHeight: 30})
	require.NoError(t, err)
	f = readSVG(t, data)
	assert.Equal(t, 6, f.cells)
	assert.Contains(t, f.texts, `"quoted" <l1>`)
	assert.NotContains(t, string(data), "onload")
	assert.Equal(t, 6, f.fills["#2e7d32"]+f.fills["#c62828"], "fallback colours by rank")

	// Short colours are kept as given; the count's text takes whichever of
	// black and white contrasts more (WCAG): black on #0f0 (luminance
	// 0.715) and on #FF0000 (0.2126: 5.25:1 against 4.0:1 for white).
	h3, err := risk.AggregateHeatmap(validMatrix(), risk.StageCurrent, nil)
	require.NoError(t, err)
	h3.Counts[0][0], h3.Counts[1][2] = 1, 1
	data, err = h3.SVG(nil)
	require.NoError(t, err)
	assert.Contains(t, string(data), `fill="#0f0" fill-opacity="1"`)
	assert.Equal(t, 2, strings.Count(string(data), `font-weight="700" fill="#1a1a1a">1</text>`))
	// White on the preset's dark red #c62828 (luminance 0.14: 5.6:1
	// against 3.7:1 for black), in the golden heatmap's very_high cell
	// (row 0 of the picture: y = 84 + 72/2 + 8 = 128).
	golden, err := h.SVG(nil)
	require.NoError(t, err)
	assert.Contains(t, string(golden), `fill="#c62828" fill-opacity="1" stroke="#ffffff" stroke-width="2"/>
<text x="704" y="128" text-anchor="middle" font-size="24" font-weight="700" fill="#ffffff">1</text>`)

	var w bytes.Buffer
	require.NoError(t, h.WriteSVG(&w, nil))
	plain, err := h.SVG(nil)
	require.NoError(t, err)
	assert.Equal(t, plain, w.Bytes())
}

func TestHeatmapSVGMalformed(t *testing.T) {
	h := goldenHeatmap(t)
	h.Counts = h.Counts[:2]
	_, err := h.SVG(nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	h = goldenHeatmap(t)
	h.Grid[1] = h.Grid[1][:3]
	_, err = h.SVG(nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = (&risk.Heatmap{}).SVG(nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestSVGOptionsBounds(t *testing.T) {
	h := goldenHeatmap(t)
	for _, o := range []risk.SVGOptions{
		{CellWidth: -10}, {CellHeight: -1}, {CellWidth: 1 << 40}, {CellHeight: risk.MaxSVGCellSize + 1},
		{Title: strings.Repeat("x", risk.MaxSVGTitle+1)},
	} {
		_, err := h.SVG(&o)
		assert.ErrorIs(t, err, isms.ErrInvalid, "%+v", o)
		assert.ErrorIs(t, o.Validate(), isms.ErrInvalid)
	}
	for _, o := range []risk.SVGOptions{{}, {CellWidth: 1, CellHeight: risk.MaxSVGCellSize}, {Title: strings.Repeat("x", risk.MaxSVGTitle)}} {
		_, err := h.SVG(&o)
		assert.NoError(t, err, "%+v", o)
	}
	var nilOpts *risk.SVGOptions
	assert.NoError(t, nilOpts.Validate())
	assert.ErrorIs(t, h.WriteSVG(nil, nil), isms.ErrInvalid)
}

func TestHeatmapAddAndMerge(t *testing.T) {
	m := risk.Preset3x3()
	h, err := risk.NewHeatmap(m, risk.StageCurrent)
	require.NoError(t, err)
	require.NoError(t, h.Add(nil), "a nil risk is skipped")
	placed, err := h.AddAssessment(mustAssess(t, m, "high", "low", t0))
	require.NoError(t, err)
	assert.True(t, placed)
	placed, err = h.AddAssessment(nil)
	require.NoError(t, err)
	assert.False(t, placed)
	// high 3 × low 1 = 3: medium; one unassessed.
	assert.Equal(t, []int{0, 1, 0}, h.LevelCounts())
	assert.Equal(t, 1, h.Unassessed)
	before := h.Clone()
	assert.ErrorIs(t, h.Merge(nil), isms.ErrInvalid)
	assert.Equal(t, before, h, "a refused merge changes nothing")
}
