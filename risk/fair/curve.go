package fair

import (
	"math"
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// MaxGridPoints is the largest number of points of a loss grid.
const MaxGridPoints = 10_000

// CurvePoint is one point of a loss exceedance curve: the probability that
// the annual loss exceeds Loss.
type CurvePoint struct {
	// Loss is the annual loss.
	Loss float64 `json:"loss"`
	// Probability is P(annual loss > Loss).
	Probability float64 `json:"probability"`
}

// LogGrid returns points losses from low to high (0 < low < high, both
// finite; 2 ≤ points ≤ MaxGridPoints) evenly spaced on a log scale: low ×
// (high/low)^(i/(points−1)), the last exactly high.
func LogGrid(low, high float64, points int) ([]float64, error) {
	if !finite(low, high) || !(low > 0) || !(low < high) {
		return nil, isms.Invalidf("fair: log grid: need 0 < low < high, got %g and %g", low, high)
	}
	if points < 2 || points > MaxGridPoints {
		return nil, isms.Invalidf("fair: log grid: points %d is outside [2, %d]", points, MaxGridPoints)
	}
	g := make([]float64, points)
	r := math.Log(high / low)
	for i := range g {
		g[i] = low * math.Exp(r*float64(i)/float64(points-1))
	}
	g[0], g[points-1] = low, high
	return g, nil
}

// GridFor returns a log grid of points losses covering the positive
// losses of every ls (nil ones skipped), from the power of ten at or below
// the smallest to the power of ten at or above the largest, so that
// curves to be compared share one grid. It returns nil when no year has a
// loss or points is outside [2, MaxGridPoints].
func GridFor(points int, ls ...*Losses) []float64 {
	lo, hi := math.Inf(1), 0.0
	for _, l := range ls {
		if l == nil || l.zeros == len(l.x) {
			continue
		}
		l.mu.Lock()
		lo = min(lo, l.selectRank(l.zeros))
		hi = max(hi, l.selectRank(len(l.x)-1))
		l.mu.Unlock()
	}
	if hi == 0 {
		return nil
	}
	lo = math.Pow(10, math.Floor(math.Log10(lo)))
	hi = math.Pow(10, math.Ceil(math.Log10(hi)))
	if hi <= lo {
		hi = lo * 10
	}
	g, err := LogGrid(lo, hi, points)
	if err != nil {
		return nil
	}
	return g
}

// Curve returns the loss exceedance curve at the losses of grid, which
// must be finite and strictly ascending: P(annual loss > g) for each g, in
// one pass over the sample (a binary search of the grid per year with a
// loss). A bad grid is an error answering isms.ErrInvalid; nil or empty
// Losses give probabilities 0.
func (l *Losses) Curve(grid []float64) ([]CurvePoint, error) {
	if len(grid) == 0 || len(grid) > MaxGridPoints {
		return nil, isms.Invalidf("fair: curve: grid has %d points; 1 to %d are allowed", len(grid), MaxGridPoints)
	}
	for i, g := range grid {
		if !finite(g) || (i > 0 && !(g > grid[i-1])) {
			return nil, isms.Invalidf("fair: curve: grid must be finite and strictly ascending (point %d is %g)", i, g)
		}
	}
	pts := make([]CurvePoint, len(grid))
	for i, g := range grid {
		pts[i].Loss = g
	}
	if l == nil || len(l.x) == 0 {
		return pts, nil
	}
	// counts[j] = number of years whose loss v has exactly j grid points
	// below it; v exceeds grid[i] when j > i.
	counts := make([]int, len(grid)+1)
	l.mu.Lock()
	for _, v := range l.x[l.zeros:] {
		j, _ := slices.BinarySearch(grid, v)
		counts[j]++
	}
	zeroBelow := 0 // zero years exceed negative grid points
	if l.zeros > 0 {
		zeroBelow, _ = slices.BinarySearch(grid, 0)
		counts[zeroBelow] += l.zeros
	}
	l.mu.Unlock()
	n := float64(len(l.x))
	above := 0
	for i := len(grid) - 1; i >= 0; i-- {
		above += counts[i+1]
		pts[i].Probability = float64(above) / n
	}
	return pts, nil
}

// LossExceedanceCurve returns the curve on GridFor(points, l): the
// probability that the annual loss exceeds each loss of a log grid
// covering the simulated losses. It returns nil when no year has a loss,
// points is outside [2, MaxGridPoints] or l is nil.
func (l *Losses) LossExceedanceCurve(points int) []CurvePoint {
	g := GridFor(points, l)
	if g == nil {
		return nil
	}
	pts, err := l.Curve(g)
	if err != nil {
		return nil
	}
	return pts
}
