package stats

import (
	"math"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// binomialCDFRat is an independent exact reference: the sum of
// C(n,j) a^j (b-a)^(n-j) over j <= k, divided by b^n, for p = a/b.
func binomialCDFRat(k, n int, a, b int64) *big.Rat {
	sum := new(big.Int)
	for j := 0; j <= k; j++ {
		t := new(big.Int).Binomial(int64(n), int64(j))
		t.Mul(t, new(big.Int).Exp(big.NewInt(a), big.NewInt(int64(j)), nil))
		t.Mul(t, new(big.Int).Exp(big.NewInt(b-a), big.NewInt(int64(n-j)), nil))
		sum.Add(sum, t)
	}
	return new(big.Rat).SetFrac(sum, new(big.Int).Exp(big.NewInt(b), big.NewInt(int64(n)), nil))
}

func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func TestBinomialCDFAgainstExactRationals(t *testing.T) {
	cases := []struct {
		k, n     int
		num, den int64
	}{
		{0, 59, 1, 20}, {1, 93, 1, 20}, {2, 181, 1, 20}, {14, 400, 1, 20},
		{4, 112, 7, 100}, {1, 157, 3, 100}, {30, 60, 1, 2}, {0, 1, 1, 2},
		{5, 10, 9, 10}, {9, 10, 1, 100}, {100, 300, 2, 5}, {0, 2000, 1, 1000},
	}
	for _, c := range cases {
		want, _ := binomialCDFRat(c.k, c.n, c.num, c.den).Float64()
		pf, _ := big.NewRat(c.num, c.den).Float64()
		got := BinomialCDF(c.k, c.n, pf)
		assert.Less(t, relErr(got, want), 1e-12, "k=%d n=%d p=%v: %v vs %v", c.k, c.n, pf, got, want)
		// The regularized incomplete beta function gives the same value.
		assert.Less(t, relErr(RegIncBeta(float64(c.n-c.k), float64(c.k+1), 1-pf), want), 1e-11)
	}
}

func TestBinomialClosedForms(t *testing.T) {
	// P(X <= 0) = (1-p)^n and P(X <= n-1) = 1 - p^n.
	assert.InDelta(t, math.Pow(0.95, 59), BinomialCDF(0, 59, 0.05), 1e-15)
	assert.InDelta(t, 1-math.Pow(0.3, 7), BinomialCDF(6, 7, 0.3), 1e-15)
	assert.Equal(t, 0.0, BinomialCDF(-1, 7, 0.3))
	assert.Equal(t, 1.0, BinomialCDF(7, 7, 0.3))
	assert.Equal(t, 1.0, BinomialCDF(3, 7, 0))
	assert.Equal(t, 0.0, BinomialCDF(3, 7, 1))
	assert.True(t, math.IsNaN(BinomialCDF(3, 7, 1.5)))
	assert.InDelta(t, 0.375, BinomialPMF(1, 3, 0.5), 1e-15) // 3/8
}

func TestBinomialCDFCmp(t *testing.T) {
	tests := []struct {
		name     string
		k, n     int
		p, alpha Frac
		want     int
	}{
		// P(X <= 0 | 1, 1/2) = 1/2 exactly: a tie.
		{"tie one trial", 0, 1, Frac{1, 2}, Frac{1, 2}, 0},
		// P(X <= 1 | 2, 1/2) = 3/4.
		{"tie two trials", 1, 2, Frac{1, 2}, Frac{3, 4}, 0},
		// P(X <= 14 | 400, 0.05) = 0.09898 < 0.10.
		{"AICPA 400", 14, 400, Frac{1, 20}, Frac{1, 10}, -1},
		// P(X <= 4 | 112, 0.07) = 0.10071 > 0.10.
		{"AICPA 112", 4, 112, Frac{7, 100}, Frac{1, 10}, 1},
		{"k negative", -1, 5, Frac{1, 2}, Frac{1, 10}, -1},
		{"k at n", 5, 5, Frac{1, 2}, Frac{1, 10}, 1},
		{"p zero", 0, 5, Frac{0, 1}, Frac{1, 10}, 1},
		{"p one", 2, 5, Frac{1, 1}, Frac{1, 10}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := BinomialCDFCmp(tt.k, tt.n, tt.p, tt.alpha)
			require.True(t, ok)
			assert.Equal(t, tt.want, got)
			if tt.k >= 0 && tt.k < tt.n && tt.p.Num > 0 && tt.p.Num < tt.p.Den {
				// The integer path agrees with the big.Float path.
				assert.Equal(t, tt.want, binomialCmpExact(tt.k, tt.n, tt.p, tt.alpha))
			}
		})
	}
	// A probability an ulp away from a threshold is still decided exactly:
	// alpha = 3/4 - 1/2^80 and 3/4 + 1/2^80 around P = 3/4.
	lo, ok := BinomialCDFCmp(1, 2, Frac{1, 2}, Frac{3<<60 - 1, 4 << 60})
	require.True(t, ok)
	assert.Equal(t, 1, lo)
	hi, ok := BinomialCDFCmp(1, 2, Frac{1, 2}, Frac{3<<60 + 1, 4 << 60})
	require.True(t, ok)
	assert.Equal(t, -1, hi)
}

func TestHypergeometricHandWorked(t *testing.T) {
	// 20 items, 2 deviating, sample of 16: P(X = 0) = C(18,16)/C(20,16)
	// = (4*3)/(20*19) = 12/380 = 3/95.
	assert.InDelta(t, 3.0/95, HypergeometricCDF(0, 20, 2, 16), 1e-15)
	assert.InDelta(t, 3.0/95, HypergeometricPMF(0, 20, 2, 16), 1e-15)
	// P(X = 2) = C(16,2)/C(20,2) = 120/190; P(X = 1) = 1 - 3/95 - 12/19.
	assert.InDelta(t, 120.0/190, HypergeometricPMF(2, 20, 2, 16), 1e-14)
	assert.InDelta(t, 1-3.0/95-120.0/190, HypergeometricPMF(1, 20, 2, 16), 1e-14)
	assert.InDelta(t, 1-120.0/190, HypergeometricCDF(1, 20, 2, 16), 1e-14)
	// The exact comparison sees the tie with 3/95 and both sides of it.
	for _, tt := range []struct {
		alpha Frac
		want  int
	}{{Frac{3, 95}, 0}, {Frac{1, 20}, -1}, {Frac{1, 40}, 1}} {
		got, ok := HypergeometricCDFCmp(0, 20, 2, 16, tt.alpha)
		require.True(t, ok)
		assert.Equal(t, tt.want, got, "%v", tt.alpha)
		assert.Equal(t, tt.want, hyperCmpExact(0, 20, 2, 16, 0, tt.alpha))
	}
	// A sample larger than the conforming items: N=10, M=6, n=7 has X >= 3.
	assert.Equal(t, 0.0, HypergeometricCDF(2, 10, 6, 7))
	// P(X = 3) = C(6,3) C(4,4) / C(10,7) = 20/120.
	assert.InDelta(t, 20.0/120, HypergeometricCDF(3, 10, 6, 7), 1e-15)
	got, ok := HypergeometricCDFCmp(3, 10, 6, 7, Frac{1, 6})
	require.True(t, ok)
	assert.Equal(t, 0, got)
	// Invalid arguments.
	assert.True(t, math.IsNaN(HypergeometricCDF(0, 10, 11, 3)))
	_, ok = HypergeometricCDFCmp(0, 10, 3, 11, Frac{1, 2})
	assert.False(t, ok)
}

func TestHypergeometricLargePopulationKeepsAccuracy(t *testing.T) {
	// With N = 10^9 and M = 5% of N, the hypergeometric is within 1e-6
	// (relative) of the binomial for a sample of 59.
	got := HypergeometricCDF(0, 1_000_000_000, 50_000_000, 59)
	// Exact product: prod_{i<59} (N-M-i)/(N-i).
	want := 1.0
	for i := range 59 {
		want *= float64(950_000_000-i) / float64(1_000_000_000-i)
	}
	assert.Less(t, relErr(got, want), 1e-12)
}

func TestPoisson(t *testing.T) {
	for _, lambda := range []float64{0.5, 3, 4.75, 30, 200} {
		// P(X <= 1) = (1 + lambda) e^-lambda.
		assert.Less(t, relErr(PoissonCDF(1, lambda), (1+lambda)*math.Exp(-lambda)), 1e-13, "%v", lambda)
		assert.Less(t, relErr(PoissonPMF(2, lambda), lambda*lambda/2*math.Exp(-lambda)), 1e-13)
	}
	assert.Equal(t, 1.0, PoissonCDF(3, 0))
	assert.Equal(t, 0.0, PoissonCDF(-1, 3))
	// (1 + 4.75) e^-4.75 = 0.049747 < 0.05; (1 + 4.7) e^-4.7 = 0.051843.
	c, ok := PoissonCDFCmp(1, 95, Frac{1, 20}, Frac{1, 20})
	require.True(t, ok)
	assert.Equal(t, -1, c)
	c, ok = PoissonCDFCmp(1, 94, Frac{1, 20}, Frac{1, 20})
	require.True(t, ok)
	assert.Equal(t, 1, c)
	// e^-3 = 0.0497871 against thresholds a hair either side.
	c, _ = PoissonCDFCmp(0, 3, Frac{1, 1}, Frac{497870683678639, 10000000000000000})
	assert.Equal(t, 1, c)
	c, _ = PoissonCDFCmp(0, 3, Frac{1, 1}, Frac{497870683678640, 10000000000000000})
	assert.Equal(t, -1, c)
	c, _ = PoissonCDFCmp(0, 0, Frac{1, 1}, Frac{1, 2})
	assert.Equal(t, 1, c)
}

func TestExpRat(t *testing.T) {
	// e^1 and e^(1000 x 0.05) = e^50 to well beyond float64 precision.
	e1 := expRat(1, Frac{1, 1}, 200)
	f, _ := e1.Float64()
	assert.Equal(t, math.E, f)
	e50 := expRat(1000, Frac{1, 20}, 200)
	f, _ = e50.Float64()
	assert.Less(t, relErr(f, math.Exp(50)), 1e-15)
	// e^a e^b = e^(a+b) to 150 bits.
	a := expRat(3, Frac{7, 10}, 200) // e^2.1
	b := expRat(1, Frac{9, 10}, 200) // e^0.9
	ab := new(big.Float).SetPrec(200).Mul(a, b)
	c := expRat(3, Frac{1, 1}, 200)
	diff := new(big.Float).Sub(ab, c)
	diff.Quo(diff, c)
	d, _ := diff.Float64()
	assert.Less(t, math.Abs(d), 1e-45)
}

func TestRegularizedGamma(t *testing.T) {
	for _, x := range []float64{0.1, 1, 2.5, 10, 40} {
		// P(1, x) = 1 - e^-x.
		assert.Less(t, relErr(RegGammaP(1, x), -math.Expm1(-x)), 1e-14, "%v", x)
		assert.Less(t, relErr(RegGammaQ(1, x), math.Exp(-x)), 1e-14, "%v", x)
		// Q(3, x) = e^-x (1 + x + x^2/2).
		assert.Less(t, relErr(RegGammaQ(3, x), math.Exp(-x)*(1+x+x*x/2)), 1e-13, "%v", x)
		// P(1/2, x) = erf(sqrt(x)).
		assert.Less(t, relErr(RegGammaP(0.5, x), math.Erf(math.Sqrt(x))), 1e-13, "%v", x)
	}
	assert.Equal(t, 0.0, RegGammaP(2, 0))
	assert.True(t, math.IsNaN(RegGammaP(-1, 2)))
	assert.Equal(t, 1.0, RegGammaP(2, math.Inf(1)))
}

// Published one-sided Poisson upper confidence limits for 0 ... 10
// observed events (the monetary-unit "confidence factors"), to three
// decimals, at 95% and 90% confidence.
var poissonLimits = map[float64][]float64{
	0.95: {2.996, 4.744, 6.296, 7.754, 9.154, 10.513, 11.842, 13.148, 14.435, 15.705, 16.962},
	0.90: {2.303, 3.890, 5.322, 6.681, 7.994, 9.275, 10.532, 11.771, 12.995, 14.206, 15.407},
}

func TestGammaQuantiles(t *testing.T) {
	// Closed forms: the zero-event limit is -ln(1 - c).
	assert.InDelta(t, math.Log(20), GammaUpperQuantile(0.05, 1), 1e-14)
	assert.InDelta(t, math.Log(10), GammaQuantile(0.9, 1), 1e-14)
	for conf, want := range poissonLimits {
		for k, w := range want {
			got := GammaUpperQuantile(1-conf, float64(k+1))
			assert.InDelta(t, w, got, 0.0005, "conf %v k %d", conf, k)
			// And it inverts the Poisson distribution function.
			assert.InDelta(t, 1-conf, PoissonCDF(k, got), 1e-13)
		}
	}
	// Lower-tail quantiles invert P.
	for _, a := range []float64{1, 2.5, 17, 300} {
		for _, p := range []float64{0.01, 0.3, 0.5, 0.9} {
			x := GammaQuantile(p, a)
			assert.InDelta(t, p, RegGammaP(a, x), 1e-13, "a %v p %v", a, p)
		}
	}
	assert.Equal(t, 0.0, GammaQuantile(0, 2))
	assert.True(t, math.IsInf(GammaQuantile(1, 2), 1))
	assert.True(t, math.IsNaN(GammaQuantile(1.2, 2)))
}

func TestRegIncBetaClosedForms(t *testing.T) {
	for _, x := range []float64{0.01, 0.2, 0.5, 0.77, 0.99} {
		assert.InDelta(t, x, RegIncBeta(1, 1, x), 1e-15)
		assert.Less(t, relErr(RegIncBeta(3, 1, x), x*x*x), 1e-14, "%v", x)
		assert.Less(t, relErr(RegIncBeta(1, 4, x), 1-math.Pow(1-x, 4)), 1e-14, "%v", x)
	}
	assert.InDelta(t, 0.5, RegIncBeta(7, 7, 0.5), 1e-15)
	assert.InDelta(t, 0.5, RegIncBeta(250, 250, 0.5), 1e-13)
	assert.Equal(t, 0.0, RegIncBeta(2, 3, 0))
	assert.Equal(t, 1.0, RegIncBeta(2, 3, 1))
	assert.True(t, math.IsNaN(RegIncBeta(0, 3, 0.5)))
}

func TestBetaQuantile(t *testing.T) {
	// Inverse of the closed forms: I_x(a,1) = x^a and I_x(1,b) = 1-(1-x)^b.
	assert.InDelta(t, math.Pow(0.95, 1.0/3), BetaQuantile(0.95, 3, 1), 1e-14)
	assert.InDelta(t, 1-math.Pow(0.05, 1.0/59), BetaQuantile(0.95, 1, 59), 1e-14)
	for _, c := range []struct{ a, b float64 }{{2, 59}, {5, 96}, {11, 490}, {3, 3}} {
		for _, p := range []float64{0.05, 0.5, 0.9, 0.95} {
			x := BetaQuantile(p, c.a, c.b)
			assert.InDelta(t, p, RegIncBeta(c.a, c.b, x), 1e-13, "%v %v", c, p)
		}
	}
	assert.Equal(t, 0.0, BetaQuantile(0, 2, 3))
	assert.Equal(t, 1.0, BetaQuantile(1, 2, 3))
	assert.True(t, math.IsNaN(BetaQuantile(0.5, -2, 3)))
}

// hyperCDFRat is an independent exact reference from binomial
// coefficients.
func hyperCDFRat(k, bigN, m, n int) *big.Rat {
	sum := new(big.Int)
	for j := 0; j <= k; j++ {
		if j > m || n-j > bigN-m || n-j < 0 {
			continue
		}
		t := new(big.Int).Binomial(int64(m), int64(j))
		sum.Add(sum, t.Mul(t, new(big.Int).Binomial(int64(bigN-m), int64(n-j))))
	}
	return new(big.Rat).SetFrac(sum, new(big.Int).Binomial(int64(bigN), int64(n)))
}

// TestWholeDistributions compares every k, on both sides of the mode,
// with the exact references, and the exact comparisons at those values.
func TestWholeDistributions(t *testing.T) {
	for _, c := range []struct{ n, a, b int }{{40, 3, 10}, {25, 1, 100}, {12, 19, 20}, {200, 1, 2}} {
		pf := float64(c.a) / float64(c.b)
		for k := 0; k <= c.n; k++ {
			exact := binomialCDFRat(k, c.n, int64(c.a), int64(c.b))
			want, _ := exact.Float64()
			assert.Less(t, relErr(BinomialCDF(k, c.n, pf), want), 1e-12, "%+v k %d", c, k)
			if k < c.n && exact.Num().IsUint64() && exact.Denom().IsUint64() && exact.Denom().Uint64() <= MaxDen {
				got, ok := BinomialCDFCmp(k, c.n, Frac{uint64(c.a), uint64(c.b)}, Frac{exact.Num().Uint64(), exact.Denom().Uint64()})
				require.True(t, ok)
				assert.Equal(t, 0, got, "tie at %+v k %d", c, k)
			}
		}
	}
	for _, c := range []struct{ bigN, m, n int }{{60, 17, 25}, {30, 29, 10}, {500, 3, 450}, {12, 6, 6}} {
		for k := 0; k <= c.n; k++ {
			exact := hyperCDFRat(k, c.bigN, c.m, c.n)
			want, _ := exact.Float64()
			assert.Less(t, relErr(HypergeometricCDF(k, c.bigN, c.m, c.n), want), 1e-12, "%+v k %d", c, k)
			pmf := new(big.Rat).Sub(exact, hyperCDFRat(k-1, c.bigN, c.m, c.n))
			wantPMF, _ := pmf.Float64()
			assert.Less(t, relErr(HypergeometricPMF(k, c.bigN, c.m, c.n), wantPMF), 1e-12, "%+v k %d", c, k)
			if exact.Denom().IsUint64() && exact.Denom().Uint64() <= MaxDen && exact.Sign() > 0 && exact.Cmp(big.NewRat(1, 1)) < 0 {
				al := Frac{exact.Num().Uint64(), exact.Denom().Uint64()}
				got, ok := HypergeometricCDFCmp(k, c.bigN, c.m, c.n, al)
				require.True(t, ok)
				assert.Equal(t, 0, got, "tie at %+v k %d", c, k)
				lo := max(0, c.n-(c.bigN-c.m))
				assert.Equal(t, 0, hyperCmpExact(k, c.bigN, c.m, c.n, lo, al))
			}
		}
	}
	// Masses at the edges of the support, small and large p.
	assert.InDelta(t, math.Pow(0.97, 50), BinomialPMF(0, 50, 0.03), 1e-15)
	assert.InDelta(t, math.Pow(0.97, 50), BinomialPMF(50, 50, 0.97), 1e-15)
	assert.InDelta(t, math.Pow(0.4, 9), BinomialPMF(0, 9, 0.6), 1e-15)
	assert.InDelta(t, math.Pow(0.6, 9), BinomialPMF(9, 9, 0.6), 1e-15)
	assert.Equal(t, 0.0, BinomialPMF(10, 9, 0.6))
	assert.Equal(t, 1.0, BinomialPMF(0, 9, 0))
	assert.Equal(t, 0.0, BinomialPMF(1, 9, 0))
	assert.Equal(t, 1.0, BinomialPMF(9, 9, 1))
	assert.True(t, math.IsNaN(BinomialPMF(1, -1, 0.5)))
	assert.Equal(t, math.Exp(-2.5), PoissonPMF(0, 2.5))
	assert.Equal(t, 1.0, PoissonPMF(0, 0))
	assert.Equal(t, 0.0, PoissonPMF(2, 0))
	assert.Equal(t, 0.0, PoissonPMF(-1, 2))
	assert.True(t, math.IsNaN(PoissonPMF(1, -2)))
	assert.True(t, math.IsNaN(HypergeometricPMF(1, 5, 6, 2)))
}
