package fair

import "math"

// A pertTable draws a PERT variate by rejection from a piecewise-constant
// envelope of its beta density, the table method of the simulation's
// compiled model (compile attaches one to every PERT it samples; the
// Distribution values users hold carry none).
//
// The unit interval is cut into pertStrips strips of equal width. On
// strip i the beta density f, scaled so that its maximum is 1, lies
// between lo[i] = its infimum and hi[i] = its supremum (at the ends of the
// strip, or at the mode when the strip holds it; f is unimodal because
// α, β ≥ 1). A draw picks strip i with probability hi[i]/Σhi (Walker's
// alias method: one table lookup) and a height y uniform on [0, hi[i]);
// when y < lo[i], which is most draws, the point lies under f whatever x
// in the strip, so x is uniform on the strip and is taken from the same
// uniform as y; otherwise x is drawn afresh and accepted when y ≤ f(x),
// and the draw starts again when it is not. Accepted points are uniform
// under f, so x has the beta distribution exactly (up to the rounding of
// the table's doubles); the bounds are widened by 10⁻¹² of themselves so
// that rounding in f cannot place the envelope below the density.
//
// Two 64-bit outputs make most draws: the first gives the strip (8 bits)
// and the alias coin (56 bits), the second the height. A PERT drawn as a
// ratio of two Marsaglia–Tsang gammas takes at least four.
type pertTable struct {
	e            [pertStrips]pertEntry
	alias        [pertStrips]uint8
	am1, bm1     float64 // α − 1 and β − 1
	xm           float64 // the mode of the beta density on [0, 1]
	logXm        float64 // ln xm
	log1mXm      float64 // ln(1 − xm)
	min, width   float64 // the PERT's min and max − min
	maxV         float64 // the PERT's max, a ceiling for rounding
	slowLo       [pertStrips]float64
	slowHi       [pertStrips]float64
	acceptedRate float64 // Σlo/Σhi, the share of draws that need no f(x)
}

// pertEntry is one strip's fast path: the alias coin below which a draw
// picking the strip keeps it (of 2⁵⁶); the height below which a draw is
// accepted at once (of 2⁵³); and, for those draws, the value as
// a + s·k with k the 53-bit height.
type pertEntry struct {
	keep   uint64
	accept uint64
	a, s   float64
}

const (
	pertStripBits = 8
	pertStrips    = 1 << pertStripBits
	// pertMinAccepted is the least share of draws accepted without
	// evaluating the density for which a table is used. Narrow PERTs
	// (a large PERTShape) put their mass in a few strips and fall below
	// it; they are drawn by the gamma method.
	pertMinAccepted = 0.9
)

// newPERTTable builds the table of a valid PERT distribution d, or returns
// nil when d is too narrow for the method (see pertMinAccepted).
func newPERTTable(d *Distribution) *pertTable {
	min, mode, max, shape := d.p[0], d.p[1], d.p[2], d.p[3]
	w := max - min
	t := &pertTable{am1: shape * (mode - min) / w, bm1: shape * (max - mode) / w, min: min, width: w, maxV: max}
	t.xm = t.am1 / (t.am1 + t.bm1)
	t.logXm, t.log1mXm = math.Log(t.xm), math.Log1p(-t.xm)
	if (t.am1 > 0 && !(t.xm > 0)) || (t.bm1 > 0 && !(t.xm < 1)) {
		// α − 1 so small against β − 1 that the mode rounds to an end
		// (or the reverse): the density cannot be scaled at its mode.
		return nil
	}
	var sumLo, sumHi float64
	var hi [pertStrips]float64
	fPrev := t.density(0)
	for i := range pertStrips {
		x0, x1 := float64(i)/pertStrips, float64(i+1)/pertStrips
		f1 := t.density(x1)
		lo, up := math.Min(fPrev, f1), math.Max(fPrev, f1)
		if x0 <= t.xm && t.xm <= x1 {
			up = 1
		}
		lo *= 1 - 1e-12
		up = math.Min(up*(1+1e-12), 1+1e-12)
		if !(0 <= lo && lo <= up) {
			return nil // not a density the method can bound (NaN)
		}
		t.slowLo[i], t.slowHi[i] = lo, up
		hi[i] = up
		sumLo += lo
		sumHi += up
		fPrev = f1
	}
	t.acceptedRate = sumLo / sumHi
	if !(t.acceptedRate >= pertMinAccepted && t.acceptedRate <= 1) {
		return nil
	}
	// Walker's alias table, built by Vose's method: strip j keeps a draw
	// with probability keep[j] and passes it to alias[j] otherwise.
	var keep [pertStrips]float64
	var alias [pertStrips]uint8
	var small, large []int
	for i := range pertStrips {
		keep[i] = hi[i] * pertStrips / sumHi
		if keep[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		alias[s] = uint8(l)
		keep[l] -= 1 - keep[s]
		if keep[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		keep[i] = 1 // only rounding left these over
	}
	t.alias = alias
	for i := range pertStrips {
		e := &t.e[i]
		e.keep = uint64(1) << 56
		if keep[i] < 1 {
			e.keep = uint64(keep[i] * (1 << 56))
		}
		// Heights are y = hi[i]·u with u = k/2⁵³: y < lo[i] for k below
		// accept, and then k/accept is uniform on [0, 1).
		if t.slowHi[i] > 0 { // a strip where the density underflows to 0 is never picked
			e.accept = uint64(t.slowLo[i] / t.slowHi[i] * (1 << 53))
		}
		x0 := float64(i) / pertStrips
		e.a = min + w*x0
		if e.accept > 0 {
			e.s = w / pertStrips / float64(e.accept)
		}
	}
	return t
}

// density is the beta density of the table at x in [0, 1], divided by its
// value at the mode (so at most 1).
//
// It works with logarithms of x and 1 − x, not of their ratios to the
// mode's, so that a mode near 0 or 1 cannot overflow a ratio.
func (t *pertTable) density(x float64) float64 {
	l := 0.0
	if t.am1 > 0 {
		if x <= 0 {
			return 0
		}
		l += t.am1 * (math.Log(x) - t.logXm)
	}
	if t.bm1 > 0 {
		if x >= 1 {
			return 0
		}
		l += t.bm1 * (math.Log1p(-x) - t.log1mXm)
	}
	return math.Exp(l)
}

// sample draws one PERT variate.
func (t *pertTable) sample(g *rng) float64 {
	for {
		r := g.pcg.Uint64()
		i := r & (pertStrips - 1)
		// Written so that the compiler selects without a branch: which
		// way the coin falls is unpredictable.
		j := uint64(t.alias[i])
		if r>>pertStripBits >= t.e[i].keep {
			i = j
		}
		e := &t.e[i]
		k := g.pcg.Uint64() >> 11
		if k < e.accept {
			if v := e.a + e.s*float64(k); v < t.maxV {
				return v
			}
			return t.maxV
		}
		// The wedge between lo[i] and hi[i]: a fresh x, accepted under f.
		y := t.slowHi[i] * float64(k) * 0x1p-53
		x := (float64(i) + g.float64()) / pertStrips
		if y <= t.density(x) {
			return math.Min(t.min+t.width*x, t.maxV)
		}
	}
}
