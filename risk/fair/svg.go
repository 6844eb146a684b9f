package fair

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/ismskit/ismskit/isms"
)

// Limits of Chart.
const (
	// MaxChartSize is the largest width or height of a Chart, in pixels.
	MaxChartSize = 4096
	// MaxChartTitle is the longest title, in bytes.
	MaxChartTitle = 1024
)

// Chart is a loss exceedance chart: the current and residual curves and a
// risk tolerance curve, on a log-scale loss axis and a linear probability
// axis. Each curve is optional, but at least one point must have a
// positive loss. Points with a loss ≤ 0 are not drawn.
type Chart struct {
	// Title is the heading, at most MaxChartTitle bytes; default "Loss
	// exceedance curve".
	Title string `json:"title,omitempty"`
	// Currency prefixes the loss axis labels ("EUR").
	Currency string `json:"currency,omitempty"`
	// Current, Residual and Tolerance are the curves drawn: current
	// (solid red), residual (solid blue), tolerance (dashed black).
	Current   []CurvePoint `json:"current,omitempty"`
	Residual  []CurvePoint `json:"residual,omitempty"`  // see Current
	Tolerance []CurvePoint `json:"tolerance,omitempty"` // see Current
	// Width and Height are the size in pixels, 1 to MaxChartSize; 0 means
	// 720 and 440.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"` // see Width
}

const (
	chartMarginLeft   = 80
	chartMarginRight  = 24
	chartMarginTop    = 48
	chartMarginBottom = 72
	chartFont         = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
)

type chartSeries struct {
	name, color, dash string
	pts               []CurvePoint
}

// SVG renders the chart as a standalone SVG document. Bad sizes, a long
// title, non-finite points or a chart without a positive loss are errors
// answering isms.ErrInvalid. A nil chart is an error.
func (c *Chart) SVG() ([]byte, error) {
	var b bytes.Buffer
	if err := c.WriteSVG(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteSVG writes the chart as SVG to w (see SVG).
func (c *Chart) WriteSVG(w io.Writer) error {
	if c == nil {
		return isms.Invalidf("fair: chart svg: nil chart")
	}
	if w == nil {
		return isms.Invalidf("fair: chart svg: nil writer")
	}
	width, height := c.Width, c.Height
	if width == 0 {
		width = 720
	}
	if height == 0 {
		height = 440
	}
	minW, minH := chartMarginLeft+chartMarginRight+40, chartMarginTop+chartMarginBottom+40
	if width < minW || width > MaxChartSize || height < minH || height > MaxChartSize {
		return isms.Invalidf("fair: chart svg: size %d×%d is outside %d..%d × %d..%d", width, height, minW, MaxChartSize, minH, MaxChartSize)
	}
	if len(c.Title) > MaxChartTitle || len(c.Currency) > MaxChartTitle {
		return isms.Invalidf("fair: chart svg: title or currency longer than %d bytes", MaxChartTitle)
	}
	series := []chartSeries{
		{"Current", "#c62828", "", c.Current},
		{"Residual", "#1565c0", "", c.Residual},
		{"Tolerance", "#212121", "6 4", c.Tolerance},
	}
	lo, hi, pmax := math.Inf(1), 0.0, 0.0
	for _, s := range series {
		for _, p := range s.pts {
			if !finite(p.Loss, p.Probability) || p.Probability < 0 || p.Probability > 1 {
				return isms.Invalidf("fair: chart svg: %s curve has a bad point (%g, %g)", s.name, p.Loss, p.Probability)
			}
			if p.Loss > 0 {
				lo, hi, pmax = min(lo, p.Loss), max(hi, p.Loss), max(pmax, p.Probability)
			}
		}
	}
	if hi == 0 {
		return isms.Invalidf("fair: chart svg: no point with a positive loss")
	}
	d0, d1 := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if d1 <= d0 {
		d1 = d0 + 1
	}
	ymax := niceCeil(pmax)
	pw, ph := float64(width-chartMarginLeft-chartMarginRight), float64(height-chartMarginTop-chartMarginBottom)
	xOf := func(v float64) float64 { return chartMarginLeft + (math.Log10(v)-d0)/(d1-d0)*pw }
	yOf := func(p float64) float64 { return chartMarginTop + (1-p/ymax)*ph }
	title := c.Title
	if title == "" {
		title = "Loss exceedance curve"
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="%s" font-size="12">`+"\n", width, height, width, height, chartFont)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="28" font-size="16" font-weight="bold">%s</text>`+"\n", chartMarginLeft, esc(title))
	// Grid and axes.
	for d := d0; d <= d1; d++ {
		x := xOf(math.Pow(10, d))
		fmt.Fprintf(&b, `<line x1="%s" y1="%d" x2="%s" y2="%s" stroke="#e0e0e0"/>`+"\n", f1(x), chartMarginTop, f1(x), f1(chartMarginTop+ph))
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", f1(x), f1(chartMarginTop+ph+18), esc(lossLabel(d, c.Currency)))
	}
	for i := 0; i <= 4; i++ {
		p := ymax * float64(i) / 4
		y := yOf(p)
		fmt.Fprintf(&b, `<line x1="%d" y1="%s" x2="%s" y2="%s" stroke="#e0e0e0"/>`+"\n", chartMarginLeft, f1(y), f1(chartMarginLeft+pw), f1(y))
		fmt.Fprintf(&b, `<text x="%d" y="%s" text-anchor="end">%s%%</text>`+"\n", chartMarginLeft-8, f1(y+4), strconv.FormatFloat(p*100, 'g', 4, 64))
	}
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%s" height="%s" fill="none" stroke="#616161"/>`+"\n", chartMarginLeft, chartMarginTop, f1(pw), f1(ph))
	fmt.Fprintf(&b, `<text x="%s" y="%d" text-anchor="middle">Annual loss (log scale)</text>`+"\n", f1(chartMarginLeft+pw/2), height-chartMarginBottom+40)
	fmt.Fprintf(&b, `<text transform="translate(18 %s) rotate(-90)" text-anchor="middle">P(annual loss &gt; x)</text>`+"\n", f1(chartMarginTop+ph/2))
	// Curves and legend.
	lx := float64(chartMarginLeft)
	for _, s := range series {
		var pts bytes.Buffer
		for _, p := range s.pts {
			if p.Loss <= 0 {
				continue
			}
			if pts.Len() > 0 {
				pts.WriteByte(' ')
			}
			pts.WriteString(f1(xOf(p.Loss)) + "," + f1(yOf(p.Probability)))
		}
		if pts.Len() == 0 {
			continue
		}
		dash := ""
		if s.dash != "" {
			dash = ` stroke-dasharray="` + s.dash + `"`
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"><title>%s</title></polyline>`+"\n", s.color, dash, pts.String(), s.name)
		ly := float64(height - 14)
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/>`+"\n", f1(lx), f1(ly-4), f1(lx+24), f1(ly-4), s.color, dash)
		fmt.Fprintf(&b, `<text x="%s" y="%s">%s</text>`+"\n", f1(lx+30), f1(ly), s.name)
		lx += 120
	}
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// niceCeil rounds p up to 1, 2 or 5 times a power of ten (at most 1).
func niceCeil(p float64) float64 {
	if p <= 0 {
		return 1
	}
	e := math.Pow(10, math.Floor(math.Log10(p)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v := m * e; v >= p*(1-1e-12) {
			return min(v, 1)
		}
	}
	return 1
}

// lossLabel labels the power of ten 10^d ("1k", "10M").
func lossLabel(d float64, currency string) string {
	units := []string{"", "k", "M", "B", "T", "P"}
	k := int(d)
	var s string
	if k < 0 || k/3 >= len(units) {
		s = "1e" + strconv.Itoa(k)
	} else {
		s = strconv.Itoa(int(math.Pow10(k%3))) + units[k/3]
	}
	if currency != "" {
		s = currency + " " + s
	}
	return s
}

func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
