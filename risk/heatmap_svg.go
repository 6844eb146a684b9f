package risk

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/ismskit/ismskit/isms"
)

// SVGOptions configures Heatmap.SVG. A nil *SVGOptions, and each zero
// field, means the default.
type SVGOptions struct {
	// Title is the heading, at most MaxSVGTitle bytes. Default: "Risk
	// heatmap: <stage> level".
	Title string `json:"title,omitempty"`
	// CellWidth and CellHeight are the size of a grid cell in pixels, from
	// 1 to MaxSVGCellSize. Defaults: 112 and 72. A negative or larger size
	// is an error answering isms.ErrInvalid.
	CellWidth  int `json:"cell_width,omitempty"`
	CellHeight int `json:"cell_height,omitempty"` // see CellWidth
}

// Limits of SVGOptions.
const (
	// MaxSVGCellSize is the largest cell width or height, in pixels.
	MaxSVGCellSize = 1024
	// MaxSVGTitle is the longest title, in bytes.
	MaxSVGTitle = 1024
)

// Validate reports options out of their documented bounds, as an
// *isms.ValidationError. A nil *SVGOptions is valid (the defaults).
func (o *SVGOptions) Validate() error {
	if o == nil {
		return nil
	}
	var ps isms.Problems
	if o.CellWidth < 0 || o.CellWidth > MaxSVGCellSize {
		ps.Addf("cell_width", isms.CodeOutOfRange, "cell width %d is outside 1..%d (0 for the default)", o.CellWidth, MaxSVGCellSize)
	}
	if o.CellHeight < 0 || o.CellHeight > MaxSVGCellSize {
		ps.Addf("cell_height", isms.CodeOutOfRange, "cell height %d is outside 1..%d (0 for the default)", o.CellHeight, MaxSVGCellSize)
	}
	if len(o.Title) > MaxSVGTitle {
		ps.Addf("title", isms.CodeOutOfRange, "title of %d bytes is longer than %d", len(o.Title), MaxSVGTitle)
	}
	return ps.Err("svg options")
}

// Layout of the SVG, in pixels.
const (
	svgMarginLeft   = 200
	svgMarginTop    = 84
	svgMarginRight  = 32
	svgAxisBelow    = 76
	svgLegendHeight = 64
	svgDefaultCellW = 112
	svgDefaultCellH = 72
	svgFont         = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
)

// fallbackPalette colours risk levels that have no (valid) colour, by rank.
var fallbackPalette = [...]string{"#2e7d32", "#9e9d24", "#f9a825", "#ef6c00", "#c62828"}

// levelColor returns the display colour of risk level v of n.
func levelColor(levels []Level, v int) string {
	if v >= 0 && v < len(levels) && validColor(levels[v].Color) {
		return levels[v].Color
	}
	n := len(levels)
	if n <= 1 || v < 0 {
		return "#9e9e9e"
	}
	k := (v*(len(fallbackPalette)-1) + (n-1)/2) / (n - 1)
	return fallbackPalette[min(k, len(fallbackPalette)-1)]
}

// textColor returns black or white, whichever reads better on the fill
// colour, by the WCAG 2 contrast ratio of relative luminances.
func textColor(fill string) string {
	r, g, b := rgb(fill)
	lum := 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	// Contrast with white, 1.05/(L+0.05), against contrast with black,
	// (L+0.05)/0.05.
	if 1.05/(lum+0.05) >= (lum+0.05)/0.05 {
		return "#ffffff"
	}
	return "#1a1a1a"
}

func rgb(c string) (r, g, b float64) {
	if len(c) == 4 {
		c = string([]byte{'#', c[1], c[1], c[2], c[2], c[3], c[3]})
	}
	if len(c) != 7 {
		return 0.6, 0.6, 0.6
	}
	p := func(s string) float64 {
		v, err := strconv.ParseUint(s, 16, 8)
		if err != nil {
			return 0.6
		}
		return float64(v) / 255
	}
	return p(c[1:3]), p(c[3:5]), p(c[5:7])
}

func lin(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// SVG renders the heatmap as a standalone SVG document: one cell per grid
// cell filled with its risk level's colour and labelled with its count,
// likelihood rising upwards and impact rising to the right, axis labels,
// and a legend with the count per risk level. Cells without risks are
// drawn pale. The output is deterministic. A nil or malformed heatmap
// (scales, grid and counts that disagree, more than MaxLevels levels on a
// scale) or options out of bounds (SVGOptions.Validate) are an error
// answering isms.ErrInvalid.
func (h *Heatmap) SVG(opts *SVGOptions) ([]byte, error) {
	var buf bytes.Buffer
	if err := h.WriteSVG(&buf, opts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteSVG writes the SVG rendering of the heatmap (see SVG) to w. A nil
// writer is an error answering isms.ErrInvalid, and so are SVG's.
func (h *Heatmap) WriteSVG(w io.Writer, opts *SVGOptions) error {
	if w == nil {
		return isms.Invalidf("risk: heatmap: svg: nil writer")
	}
	if h == nil {
		return isms.Invalidf("risk: heatmap: svg: nil heatmap")
	}
	if err := h.checkShape(); err != nil {
		return fmt.Errorf("risk: heatmap: svg: %w", err)
	}
	if err := opts.Validate(); err != nil {
		return fmt.Errorf("risk: heatmap: svg: %w", err)
	}
	o := SVGOptions{Title: fmt.Sprintf("Risk heatmap: %s level", h.Stage), CellWidth: svgDefaultCellW, CellHeight: svgDefaultCellH}
	if opts != nil {
		if opts.Title != "" {
			o.Title = opts.Title
		}
		if opts.CellWidth > 0 {
			o.CellWidth = opts.CellWidth
		}
		if opts.CellHeight > 0 {
			o.CellHeight = opts.CellHeight
		}
	}
	nl, ni := len(h.Likelihood), len(h.Impact)
	cw, ch := o.CellWidth, o.CellHeight
	gridW, gridH := ni*cw, nl*ch
	counts := h.LevelCounts()
	legend := make([]string, len(h.Risk))
	legendW := 24
	for v, lv := range h.Risk {
		legend[v] = fmt.Sprintf("%s: %d", lv.Name, counts[v])
		legendW += legendStep(legend[v])
	}
	width := max(svgMarginLeft+gridW+svgMarginRight, legendW, 640)
	height := svgMarginTop + gridH + svgAxisBelow + svgLegendHeight

	s := &svgWriter{}
	s.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.raw(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="%s" role="img" aria-labelledby="heatmap-title heatmap-desc">`+"\n",
		width, height, width, height, svgFont))
	s.el("title", o.Title, "id", "heatmap-title")
	s.el("desc", fmt.Sprintf("%d risks placed on the %d×%d grid of matrix %s at the %s stage; %d unassessed, %d excluded.",
		h.Total, nl, ni, h.Matrix, h.Stage, h.Unassessed, h.Excluded), "id", "heatmap-desc")
	s.raw(fmt.Sprintf(`<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height))
	s.el("text", o.Title, "x", "24", "y", "34", "font-size", "20", "font-weight", "600", "fill", "#1a1a1a")
	s.el("text", fmt.Sprintf("Matrix %s · %d risks placed · %d unassessed · %d excluded", h.Matrix, h.Total, h.Unassessed, h.Excluded),
		"x", "24", "y", "58", "font-size", "13", "fill", "#555555")

	// Cells, highest likelihood on top.
	s.raw(`<g class="cells">` + "\n")
	for l := range nl {
		y := svgMarginTop + (nl-1-l)*ch
		for i := range ni {
			x := svgMarginLeft + i*cw
			v := h.CellLevel(l, i)
			fill := levelColor(h.Risk, v)
			n := h.Counts[l][i]
			levelID, levelName := "", "?"
			if v >= 0 {
				levelID, levelName = h.Risk[v].ID, h.Risk[v].Name
			}
			opacity := "1"
			if n == 0 {
				opacity = "0.28"
			}
			s.raw(`<g class="cell"`)
			s.attr("data-likelihood", h.Likelihood[l].ID)
			s.attr("data-impact", h.Impact[i].ID)
			s.attr("data-level", levelID)
			s.attr("data-count", strconv.Itoa(n))
			s.raw(">\n")
			s.el("title", fmt.Sprintf("Likelihood %s × impact %s: %s, %d %s", h.Likelihood[l].Name, h.Impact[i].Name, levelName, n, plural(n, "risk", "risks")))
			s.raw(fmt.Sprintf(`<rect x="%d" y="%d" width="%d" height="%d" fill="%s" fill-opacity="%s" stroke="#ffffff" stroke-width="2"/>`+"\n",
				x, y, cw, ch, fill, opacity))
			if n > 0 {
				s.el("text", strconv.Itoa(n), "x", strconv.Itoa(x+cw/2), "y", strconv.Itoa(y+ch/2+8),
					"text-anchor", "middle", "font-size", "24", "font-weight", "700", "fill", textColor(fill))
			}
			s.raw("</g>\n")
		}
	}
	s.raw("</g>\n")

	// Axes.
	s.raw(`<g class="axis likelihood">` + "\n")
	for l := range nl {
		y := svgMarginTop + (nl-1-l)*ch + ch/2 + 5
		s.el("text", h.Likelihood[l].Name, "x", strconv.Itoa(svgMarginLeft-12), "y", strconv.Itoa(y), "text-anchor", "end", "font-size", "13", "fill", "#1a1a1a")
	}
	cy := svgMarginTop + gridH/2
	s.el("text", "Likelihood →", "x", "28", "y", strconv.Itoa(cy), "text-anchor", "middle", "font-size", "14", "font-weight", "600",
		"fill", "#1a1a1a", "transform", fmt.Sprintf("rotate(-90 28 %d)", cy))
	s.raw("</g>\n")
	s.raw(`<g class="axis impact">` + "\n")
	for i := range ni {
		x := svgMarginLeft + i*cw + cw/2
		s.el("text", h.Impact[i].Name, "x", strconv.Itoa(x), "y", strconv.Itoa(svgMarginTop+gridH+22), "text-anchor", "middle", "font-size", "13", "fill", "#1a1a1a")
	}
	s.el("text", "Impact →", "x", strconv.Itoa(svgMarginLeft+gridW/2), "y", strconv.Itoa(svgMarginTop+gridH+50), "text-anchor", "middle",
		"font-size", "14", "font-weight", "600", "fill", "#1a1a1a")
	s.raw("</g>\n")

	// Legend: one swatch per risk level with its count.
	s.raw(`<g class="legend">` + "\n")
	ly := svgMarginTop + gridH + svgAxisBelow
	x := 24
	for v := range h.Risk {
		s.raw(fmt.Sprintf(`<rect x="%d" y="%d" width="18" height="18" rx="3" fill="%s"/>`+"\n", x, ly, levelColor(h.Risk, v)))
		s.el("text", legend[v], "x", strconv.Itoa(x+26), "y", strconv.Itoa(ly+14), "font-size", "13", "fill", "#1a1a1a")
		x += legendStep(legend[v])
	}
	s.raw("</g>\n</svg>\n")
	if s.err != nil {
		return s.err
	}
	_, err := w.Write(s.buf.Bytes())
	return err
}

// legendStep is the width of one legend entry: swatch, gap, label (about
// 8 pixels a character at 13 pixels) and spacing.
func legendStep(label string) int { return 26 + 8*len([]rune(label)) + 28 }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// checkShape reports whether the heatmap's scales, grid and counts agree.
func (h *Heatmap) checkShape() error {
	var ps isms.Problems
	if len(h.Likelihood) == 0 || len(h.Impact) == 0 || len(h.Risk) == 0 {
		ps.Add("", isms.CodeRequired, "likelihood, impact and risk levels are required")
	}
	if len(h.Likelihood) > MaxLevels || len(h.Impact) > MaxLevels || len(h.Risk) > MaxLevels {
		ps.Addf("", isms.CodeOutOfRange, "at most %d levels per scale are drawn", MaxLevels)
		return ps.Err("heatmap")
	}
	if len(h.Counts) != len(h.Likelihood) || len(h.Grid) != len(h.Likelihood) {
		ps.Addf("counts", isms.CodeMalformed, "%d count rows and %d grid rows for %d likelihood levels", len(h.Counts), len(h.Grid), len(h.Likelihood))
	} else {
		for l := range h.Counts {
			if len(h.Counts[l]) != len(h.Impact) || len(h.Grid[l]) != len(h.Impact) {
				ps.Addf(fmt.Sprintf("counts[%d]", l), isms.CodeMalformed, "row does not have one cell per impact level (%d)", len(h.Impact))
			}
		}
	}
	return ps.Err("heatmap")
}

// svgWriter accumulates the document, escaping text and attribute values.
type svgWriter struct {
	buf bytes.Buffer
	err error
}

func (s *svgWriter) raw(t string) { s.buf.WriteString(t) }

func (s *svgWriter) escape(t string) {
	if err := xml.EscapeText(&s.buf, []byte(t)); err != nil && s.err == nil {
		s.err = err
	}
}

func (s *svgWriter) attr(name, value string) {
	s.buf.WriteByte(' ')
	s.buf.WriteString(name)
	s.buf.WriteString(`="`)
	s.escape(value)
	s.buf.WriteByte('"')
}

// el writes <name attrs...>text</name> and a newline; attrs are name,
// value pairs.
func (s *svgWriter) el(name, text string, attrs ...string) {
	s.buf.WriteByte('<')
	s.buf.WriteString(name)
	for k := 0; k+1 < len(attrs); k += 2 {
		s.attr(attrs[k], attrs[k+1])
	}
	s.buf.WriteByte('>')
	s.escape(text)
	s.buf.WriteString("</")
	s.buf.WriteString(name)
	s.buf.WriteString(">\n")
}
