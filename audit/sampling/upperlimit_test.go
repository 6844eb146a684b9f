package sampling

import (
	"math"
	"testing"

	"github.com/ismskit/ismskit/internal/stats"
	"github.com/ismskit/ismskit/isms"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAICPAUpperLimitTables checks every cell of Tables: the
// guide lists the upper limit in percent, rounded up to a tenth.
func TestAICPAUpperLimitTables(t *testing.T) {
	cells := 0
	for conf, rows := range upperLimitTables {
		for i, n := range upperLimitSizes {
			for d, want := range rows[i] {
				ul, err := UpperDeviationLimit(n, d, conf)
				require.NoError(t, err)
				assert.Equal(t, want, math.Ceil(ul*1000)/10, "conf %v n %d deviations %d: %v", conf, n, d, ul)
				cells++
			}
		}
	}
	assert.Equal(t, 2*21*11, cells)
}

func TestUpperDeviationLimitDefinition(t *testing.T) {
	// No deviations: 1 - (1-c)^(1/n), e.g. 1 - 0.05^(1/59) = 0.04951.
	ul, err := UpperDeviationLimit(59, 0, 0.95)
	require.NoError(t, err)
	assert.InDelta(t, 1-math.Pow(0.05, 1.0/59), ul, 1e-15)
	assert.Less(t, ul, 0.05)
	// All deviations: 1.
	ul, err = UpperDeviationLimit(10, 10, 0.95)
	require.NoError(t, err)
	assert.Equal(t, 1.0, ul)
	// One deviation in two items: P(X <= 1 | 2, p) = 1 - p^2 = 0.05 gives
	// p = sqrt(0.95).
	ul, err = UpperDeviationLimit(2, 1, 0.95)
	require.NoError(t, err)
	assert.InDelta(t, math.Sqrt(0.95), ul, 1e-12)
	// n - 1 deviations in n: 1 - p^n = alpha, p = (1 - alpha)^(1/n).
	ul, err = UpperDeviationLimit(40, 39, 0.90)
	require.NoError(t, err)
	assert.InDelta(t, math.Pow(0.9, 1.0/40), ul, 1e-12)
	// In general the limit solves P(X <= d | n, p) = alpha to 1e-9 in p;
	// check that the exact rational CDF brackets alpha at p +- 1e-9.
	for _, c := range []struct{ n, d int }{{93, 1}, {150, 4}, {400, 14}, {1000, 30}, {25, 3}} {
		ul, err := UpperDeviationLimit(c.n, c.d, 0.95)
		require.NoError(t, err)
		lo := stats.Frac{Num: uint64(math.Floor((ul - 1e-9) * 1e12)), Den: 1e12}
		hi := stats.Frac{Num: uint64(math.Ceil((ul + 1e-9) * 1e12)), Den: 1e12}
		cLo, ok := stats.BinomialCDFCmp(c.d, c.n, lo, stats.Frac{Num: 1, Den: 20})
		require.True(t, ok)
		cHi, ok := stats.BinomialCDFCmp(c.d, c.n, hi, stats.Frac{Num: 1, Den: 20})
		require.True(t, ok)
		assert.Equal(t, 1, cLo, "%+v", c)
		assert.Equal(t, -1, cHi, "%+v", c)
	}
}

func TestUpperDeviationLimitFinite(t *testing.T) {
	// N = 20, n = 16, no deviation: P(X = 0 | M) = C(20-M, 16)/C(20, 16):
	// M = 1 gives 4/20 = 0.2 >= 0.05, M = 2 gives 12/380 < 0.05. So M_U = 1.
	rate, m, err := UpperDeviationLimitFinite(16, 0, 20, 0.95)
	require.NoError(t, err)
	assert.Equal(t, 1, m)
	assert.Equal(t, 0.05, rate)
	// The whole population tested: the limit is what was found.
	rate, m, err = UpperDeviationLimitFinite(50, 3, 50, 0.95)
	require.NoError(t, err)
	assert.Equal(t, 3, m)
	assert.Equal(t, 0.06, rate)
	// A tie counts as not ruled out: N = 10, n = 1, d = 0, confidence 0.5:
	// P(X = 0 | M = 5) = 0.5 exactly, P(X = 0 | M = 6) = 0.4. M_U = 5.
	_, m, err = UpperDeviationLimitFinite(1, 0, 10, 0.5)
	require.NoError(t, err)
	assert.Equal(t, 5, m)
	// Against a direct scan with the product formula (N = 365, n = 45, d = 0).
	want := 0
	for mm := 0; mm <= 365-45; mm++ {
		prod := 1.0
		for i := range 45 {
			prod *= float64(365-mm-i) / float64(365-i)
		}
		if prod >= 0.05 {
			want = mm
		}
	}
	_, m, err = UpperDeviationLimitFinite(45, 0, 365, 0.95)
	require.NoError(t, err)
	assert.Equal(t, want, m)
	// A large population gives nearly the binomial limit, and never more.
	fin, _, err := UpperDeviationLimitFinite(100, 2, 10_000_000, 0.95)
	require.NoError(t, err)
	bin, err := UpperDeviationLimit(100, 2, 0.95)
	require.NoError(t, err)
	assert.InDelta(t, bin, fin, 1e-6)
	assert.LessOrEqual(t, fin, bin)
}

func TestUpperDeviationLimitErrors(t *testing.T) {
	tests := []struct {
		n, d int
		conf float64
	}{
		{0, 0, 0.95}, {-3, 0, 0.95}, {10, -1, 0.95}, {10, 11, 0.95},
		{10, 1, 1.2}, {10, 1, 0}, {10, 1, 1}, {10, 1, math.NaN()},
	}
	for _, tt := range tests {
		_, err := UpperDeviationLimit(tt.n, tt.d, tt.conf)
		assert.ErrorIs(t, err, isms.ErrInvalid, "%+v", tt)
		_, _, err = UpperDeviationLimitFinite(tt.n, tt.d, 100, tt.conf)
		assert.ErrorIs(t, err, isms.ErrInvalid, "%+v", tt)
	}
	_, _, err := UpperDeviationLimitFinite(10, 1, 9, 0.95)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
