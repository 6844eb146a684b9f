package fair

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// TestLossesHandWorked: ten years 0, 0, 1, …, 8 (given out of order).
func TestLossesHandWorked(t *testing.T) {
	l := newLosses("x", []float64{5, 0, 8, 1, 7, 0, 3, 2, 6, 4}, nil)
	// Mean 36/10 = 3.6; Σ(x − 3.6)² = 2·12.96 + 6.76 + 2.56 + 0.36 + 0.16 + 1.96 + 5.76 + 11.56 + 19.36
	// = 74.4; sd = √(74.4/9) = 2.875181.
	assert.InDelta(t, 3.6, l.Mean(), 1e-12)
	assert.InDelta(t, math.Sqrt(74.4/9), l.StdDev(), 1e-12)
	assert.Equal(t, 0.2, l.ProbabilityOfZero())
	// Type 7: h = 9q. q = 0.5: h = 4.5, between the 5th (3) and 6th (4) values: 3.5.
	// q = 0.95: h = 8.55, 7 + 0.55·(8 − 7) = 7.55. q = 0 and 1: 0 and 8.
	for q, want := range map[float64]float64{0.5: 3.5, 0.95: 7.55, 0: 0, 1: 8, 0.1: 0, 0.25: 1.25} {
		got, err := l.Quantile(q)
		require.NoError(t, err)
		assert.InDelta(t, want, got, 1e-12, "q %v", q)
	}
	// ES(0.8): the ⌈0.2·10⌉ = 2 largest, 7 and 8: 7.5. ES(0): the mean 3.6.
	es, err := l.ExpectedShortfall(0.8)
	require.NoError(t, err)
	assert.InDelta(t, 7.5, es, 1e-12)
	es, _ = l.ExpectedShortfall(0)
	assert.InDelta(t, 3.6, es, 1e-12)
	// P(L > 4) = 4/10 (5, 6, 7, 8); P(L > −1) = 1; P(L > 8) = 0.
	assert.Equal(t, 0.4, l.Exceedance(4))
	assert.Equal(t, 1.0, l.Exceedance(-1))
	assert.Equal(t, 0.0, l.Exceedance(8))
	assert.Equal(t, 8.0, l.Max())
	pts, err := l.Curve([]float64{-1, 0, 0.5, 4, 10})
	require.NoError(t, err)
	assert.Equal(t, []CurvePoint{{-1, 1}, {0, 0.8}, {0.5, 0.8}, {4, 0.4}, {10, 0}}, pts)
	_, err = l.Quantile(1.5)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = l.ExpectedShortfall(1)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = l.Curve([]float64{1, 1})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

// TestSelectionAgreesWithSorting: quantiles found by selection equal the
// order statistics of a sorted copy, whatever the order of the queries;
// heavy ties included.
func TestSelectionAgreesWithSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 30 {
		n := 1 + r.IntN(3000)
		x := make([]float64, n)
		for i := range x {
			switch trial % 3 {
			case 0:
				x[i] = r.Float64()
			case 1:
				x[i] = float64(r.IntN(5)) // ties
			default:
				if r.IntN(4) == 0 {
					x[i] = r.ExpFloat64()
				}
			}
		}
		sorted := slices.Clone(x)
		slices.Sort(sorted)
		l := newLosses("x", x, nil)
		for range 40 {
			q := r.Float64()
			if r.IntN(5) == 0 {
				es, err := l.ExpectedShortfall(q)
				require.NoError(t, err)
				m := n - min(int(math.Floor(q*float64(n)+1e-9)), n-1)
				want := 0.0
				for _, v := range sorted[n-m:] {
					want += v
				}
				assert.InDelta(t, want/float64(m), es, 1e-9*(1+math.Abs(es)))
				continue
			}
			h := float64(n-1) * q
			lo := int(h)
			want := sorted[lo]
			if lo+1 < n {
				want += (h - float64(lo)) * (sorted[lo+1] - sorted[lo])
			}
			got, err := l.Quantile(q)
			require.NoError(t, err)
			assert.InDelta(t, want, got, 1e-12, "trial %d n %d q %v", trial, n, q)
		}
		// The sample is still the same multiset.
		after := slices.Clone(l.x)
		slices.Sort(after)
		assert.Equal(t, sorted, after)
	}
}

func TestLogGrid(t *testing.T) {
	// 1, 10, 100, 1000: ratio 1000^(1/3) = 10.
	g, err := LogGrid(1, 1000, 4)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{1, 10, 100, 1000}, g, 1e-9)
	for _, bad := range [][3]float64{{0, 1, 3}, {2, 1, 3}, {1, 2, 1}, {math.NaN(), 1, 3}, {1, math.Inf(1), 3}, {1, 2, MaxGridPoints + 1}} {
		_, err := LogGrid(bad[0], bad[1], int(bad[2]))
		assert.ErrorIs(t, err, isms.ErrInvalid, "%v", bad)
	}
	l := newLosses("x", []float64{0, 3, 40, 5000}, nil)
	assert.InDeltaSlice(t, []float64{1, 10, 100, 1000, 10000}, GridFor(5, l), 1e-9)
	assert.Nil(t, GridFor(5, newLosses("z", []float64{0, 0}, nil)))
	curve := l.LossExceedanceCurve(5)
	require.Len(t, curve, 5)
	// P(L > 1) = 3/4, > 10: 2/4, > 100: 1/4, > 1000: 1/4, > 10000: 0.
	want := []float64{0.75, 0.5, 0.25, 0.25, 0}
	for i, p := range curve {
		assert.Equal(t, want[i], p.Probability, "point %d", i)
	}
}

// TestBlockMomentsMerge: moments merged block by block equal the two-pass
// mean and variance of the whole sample.
func TestBlockMomentsMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x := make([]float64, 10*blockSize+17)
	for i := range x {
		x[i] = 1e6 + r.ExpFloat64()*1e3 // a large mean: merging must not lose the variance
	}
	var blocks []moments
	for lo := 0; lo < len(x); lo += blockSize {
		blocks = append(blocks, blockMoments(x[lo:min(lo+blockSize, len(x))]))
	}
	whole := blockMoments(x)
	l := newLosses("x", slices.Clone(x), blocks)
	assert.InDelta(t, whole.mean, l.Mean(), 1e-9*whole.mean)
	assert.InDelta(t, math.Sqrt(whole.m2/float64(len(x)-1)), l.StdDev(), 1e-9*l.StdDev())
}
