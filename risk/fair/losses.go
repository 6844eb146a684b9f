package fair

import (
	"math"
	"slices"
	"sync"

	"github.com/ismskit/ismskit/isms"
)

// Losses is the simulated distribution of one annual loss (a scenario's or
// the portfolio's): one value per simulated year, 8 bytes each.
//
// Order statistics are found by selection, not by sorting: a quantile
// partitions only the part of the sample that holds its rank and
// remembers the partition points ("fences"), so later queries work on
// ever smaller segments; expected shortfall sorts only its tail. Zero
// years are set apart when the Losses are built. The methods are safe for
// concurrent use; the sample's order is internal and changes as queries
// run, without changing any answer. The simulated-year order is not kept
// (Simulate sums the portfolio before it is lost): simulate scenarios
// together to get the distribution of their sum.
type Losses struct {
	name  string
	mean  float64
	sd    float64
	zeros int // x[:zeros] are the zero years

	mu         sync.Mutex
	x          []float64
	fences     []int // ascending; x[:f] ≤ x[f:] for every fence f
	sortedFrom int   // x[sortedFrom:] is sorted ascending
}

// moments are the count, mean and sum of squared deviations of a block.
type moments struct {
	n        int
	mean, m2 float64
}

// blockMoments computes the moments of one block in two passes.
func blockMoments(x []float64) moments {
	if len(x) == 0 {
		return moments{}
	}
	sum := 0.0
	for _, v := range x {
		sum += v
	}
	mean := sum / float64(len(x))
	m2 := 0.0
	for _, v := range x {
		d := v - mean
		m2 += d * d
	}
	return moments{len(x), mean, m2}
}

// merge combines moments (Chan, Golub and LeVeque 1979); merging blocks
// in block order makes the result independent of who computed them.
func (a moments) merge(b moments) moments {
	if a.n == 0 {
		return b
	}
	n := a.n + b.n
	d := b.mean - a.mean
	w := float64(b.n) / float64(n)
	return moments{n, a.mean + d*w, a.m2 + b.m2 + d*d*float64(a.n)*w}
}

// newLosses takes ownership of x (in simulated-year order) and the
// moments of its blocks (nil: computed here), then moves the zero years
// to the front.
func newLosses(name string, x []float64, blocks []moments) *Losses {
	l := &Losses{name: name, x: x}
	n := len(x)
	if n == 0 {
		return l
	}
	if blocks == nil {
		blocks = []moments{blockMoments(x)}
	}
	var m moments
	for _, b := range blocks {
		m = m.merge(b)
	}
	l.mean = m.mean
	if n > 1 {
		l.sd = math.Sqrt(m.m2 / float64(n-1))
	}
	z := 0
	for i, v := range x {
		if v == 0 {
			x[i], x[z] = x[z], x[i]
			z++
		}
	}
	l.zeros = z
	l.fences = []int{0, z, n}
	if z == 0 {
		l.fences = []int{0, n}
	}
	l.sortedFrom = n
	return l
}

// Name returns the scenario's name ("portfolio" for the portfolio); ""
// for nil Losses.
func (l *Losses) Name() string {
	if l == nil {
		return ""
	}
	return l.name
}

// Iterations returns the number of simulated years; 0 for nil Losses.
func (l *Losses) Iterations() int {
	if l == nil {
		return 0
	}
	return len(l.x)
}

// Mean returns the mean annual loss (the annualised loss expectancy); 0
// for nil or empty Losses.
func (l *Losses) Mean() float64 {
	if l == nil {
		return 0
	}
	return l.mean
}

// StdDev returns the sample standard deviation of the annual loss; 0 for
// nil Losses or fewer than two years.
func (l *Losses) StdDev() float64 {
	if l == nil {
		return 0
	}
	return l.sd
}

// ProbabilityOfZero returns the fraction of simulated years without loss;
// 0 for nil or empty Losses.
func (l *Losses) ProbabilityOfZero() float64 {
	if l == nil || len(l.x) == 0 {
		return 0
	}
	return float64(l.zeros) / float64(len(l.x))
}

// Max returns the largest simulated annual loss; 0 for nil or empty
// Losses.
func (l *Losses) Max() float64 {
	if l == nil || len(l.x) == 0 {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.selectRank(len(l.x) - 1)
}

func checkLevel(q float64, openTop bool) error {
	if math.IsNaN(q) || q < 0 || q > 1 || (openTop && q == 1) {
		return isms.Invalidf("fair: level %g is outside [0, 1]", q)
	}
	return nil
}

// Quantile returns the q-quantile of the annual loss (0 ≤ q ≤ 1), linearly
// interpolated between order statistics (Hyndman and Fan's type 7, the
// default of R and NumPy). A q outside [0, 1] or NaN is an error answering
// isms.ErrInvalid; nil or empty Losses give 0.
func (l *Losses) Quantile(q float64) (float64, error) {
	if err := checkLevel(q, false); err != nil {
		return 0, err
	}
	if l == nil || len(l.x) == 0 {
		return 0, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	h := float64(len(l.x)-1) * q
	lo := int(h)
	v := l.selectRank(lo)
	if frac := h - float64(lo); frac > 0 && lo+1 < len(l.x) {
		w := l.selectRank(lo + 1)
		v += frac * (w - v)
	}
	return v, nil
}

// ValueAtRisk returns the annual loss not exceeded with probability level
// (the level-quantile, as Quantile): ValueAtRisk(0.95) is the 1-in-20-year
// loss.
func (l *Losses) ValueAtRisk(level float64) (float64, error) { return l.Quantile(level) }

// ExpectedShortfall returns the mean annual loss in the worst 1 − level of
// years (0 ≤ level < 1): the mean of the n − ⌊level·n⌋ largest simulated
// losses (at least one), summed in ascending order so that the answer does not depend on
// earlier queries. A level outside [0, 1) is an error answering
// isms.ErrInvalid; nil or empty Losses give 0.
func (l *Losses) ExpectedShortfall(level float64) (float64, error) {
	if err := checkLevel(level, true); err != nil {
		return 0, err
	}
	if l == nil || len(l.x) == 0 {
		return 0, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(l.x)
	// The tail is the years of rank ⌊level·n⌋ and above; level·n is
	// snapped to a near integer (0.99 × 100 is 99, not 98.999…).
	x := level * float64(n)
	k := int(math.Floor(x))
	if r := math.Round(x); math.Abs(x-r) <= 1e-9*max(1, x) {
		k = int(r)
	}
	k = max(0, min(k, n-1))
	m := n - k
	if k < l.sortedFrom {
		l.selectRank(k)
		slices.Sort(l.x[k:l.sortedFrom])
		l.sortedFrom = k
	}
	sum := 0.0
	for _, v := range l.x[k:] {
		sum += v
	}
	return sum / float64(m), nil
}

// Exceedance returns P(annual loss > x), the fraction of simulated years
// whose loss exceeds x; 0 for nil or empty Losses and for NaN.
func (l *Losses) Exceedance(x float64) float64 {
	if l == nil || len(l.x) == 0 || math.IsNaN(x) {
		return 0
	}
	if x < 0 {
		return 1
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	c := 0
	for _, v := range l.x[l.zeros:] {
		if v > x {
			c++
		}
	}
	return float64(c) / float64(len(l.x))
}

// selectRank returns the value of rank k (0-based, ascending), moving it
// into place by quickselect within the fenced segment that holds it and
// recording the new fences. The caller holds l.mu.
func (l *Losses) selectRank(k int) float64 {
	x := l.x
	if k >= l.sortedFrom {
		return x[k]
	}
	i, _ := slices.BinarySearch(l.fences, k+1)
	lo, hi := l.fences[i-1], l.fences[i] // lo ≤ k < hi
	if hi > l.sortedFrom {
		hi = l.sortedFrom
	}
	for hi-lo > 1 {
		if hi-lo <= 16 {
			slices.Sort(x[lo:hi])
			break
		}
		p := pivot(x, lo, hi)
		// Three-way partition: x[lo:lt] < p, x[lt:gt] == p, x[gt:hi] > p.
		lt, j, gt := lo, lo, hi
		for j < gt {
			switch v := x[j]; {
			case v < p:
				x[lt], x[j] = v, x[lt]
				lt++
				j++
			case v > p:
				gt--
				x[gt], x[j] = v, x[gt]
			default:
				j++
			}
		}
		l.addFence(lt)
		l.addFence(gt)
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			l.addFence(k)
			l.addFence(k + 1)
			return x[k]
		}
	}
	l.addFence(k)
	l.addFence(k + 1)
	return x[k]
}

func (l *Losses) addFence(f int) {
	if i, found := slices.BinarySearch(l.fences, f); !found {
		l.fences = slices.Insert(l.fences, i, f)
	}
}

// pivot is the median of the first, middle and last values of x[lo:hi].
func pivot(x []float64, lo, hi int) float64 {
	a, b, c := x[lo], x[lo+(hi-lo)/2], x[hi-1]
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	if a > b {
		b = a
	}
	return b
}
