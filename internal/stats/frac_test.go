package stats

import (
	"math"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecimalFrac(t *testing.T) {
	tests := []struct {
		in       float64
		num, den uint64
	}{
		{0, 0, 1},
		{0.035, 7, 200},
		{0.05, 1, 20},
		{0.1, 1, 10},
		{0.95, 19, 20},
		{0.0025, 1, 400},
		{1e-5, 1, 100000},
		{0.3333333333333333, 3333333333333333, 10000000000000000},
		{2.5, 5, 2},
	}
	for _, tt := range tests {
		f, err := DecimalFrac(tt.in)
		require.NoError(t, err, "%v", tt.in)
		assert.Equal(t, Frac{tt.num, tt.den}, f, "%v", tt.in)
	}
	for _, bad := range []float64{-0.1, math.NaN(), math.Inf(1), 1e-30, 1e30} {
		_, err := DecimalFrac(bad)
		assert.ErrorIs(t, err, ErrNotDecimal, "%v", bad)
	}
}

func TestFracCeilMulIsExact(t *testing.T) {
	// The float64 product 0.035 * 400 is 14.000000000000002, whose ceiling
	// is 15; the exact product is 14. (Variables, so that the product is
	// not an exact constant expression.)
	r035, r07, n400, n1300 := 0.035, 0.07, 400.0, 1300.0
	require.Equal(t, 15.0, math.Ceil(r035*n400))
	f, err := DecimalFrac(0.035)
	require.NoError(t, err)
	k, ok := f.CeilMul(400)
	require.True(t, ok)
	assert.Equal(t, uint64(14), k)
	k, _ = f.CeilMul(401) // 14.035
	assert.Equal(t, uint64(15), k)
	k, _ = f.FloorMul(401)
	assert.Equal(t, uint64(14), k)

	// 0.07 * 1300 = 91 exactly; the float product is 91.00000000000001.
	require.Equal(t, 92.0, math.Ceil(r07*n1300))
	g, _ := DecimalFrac(0.07)
	k, _ = g.CeilMul(1300)
	assert.Equal(t, uint64(91), k)

	// floor(n / f): floor(14 / 0.035) = 400, floor(13 / 0.035) = 371.
	q, ok := f.FloorDiv(14)
	require.True(t, ok)
	assert.Equal(t, uint64(400), q)
	q, _ = f.FloorDiv(13)
	assert.Equal(t, uint64(371), q)
	_, ok = Frac{0, 1}.FloorDiv(3)
	assert.False(t, ok)
}

func TestFracArithmetic(t *testing.T) {
	f := Frac{19, 20}
	assert.Equal(t, Frac{1, 20}, f.Complement())
	assert.Equal(t, 0, Frac{1, 2}.Cmp(Frac{2, 4}))
	assert.Equal(t, -1, Frac{1, 3}.Cmp(Frac{1, 2}))
	assert.Equal(t, 1, Frac{2, 3}.Cmp(Frac{1, 2}))
	assert.Equal(t, "7/200", Frac{7, 200}.String())
	assert.Equal(t, 0.035, Frac{7, 200}.Float())
	assert.Equal(t, 0, big.NewRat(7, 200).Cmp(Frac{7, 200}.Rat()))
	assert.True(t, Frac{0, 1}.IsZero())
}

func TestFracMulString(t *testing.T) {
	tests := []struct {
		f    Frac
		n    uint64
		want string
	}{
		{Frac{7, 200}, 400, "14"},
		{Frac{7, 200}, 401, "14.035"},
		{Frac{1, 100}, 93, "0.93"},
		{Frac{0, 1}, 93, "0"},
		{Frac{1, 20}, 1, "0.05"},
		{Frac{1, 1 << 20}, 1, "0.00000095367431640625"},
		{Frac{1, 3}, 1, "0.3333333333333333333333333333333333333333..."},
		{Frac{5, 2}, 1 << 63, "23058430092136939520"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.f.MulString(tt.n), "%s x %d", tt.f, tt.n)
	}
	assert.Equal(t, 0.05, Frac{1, 20}.Float())
	assert.Equal(t, 1.0/3, Frac{1 << 60, 3 << 60}.Float())
}
