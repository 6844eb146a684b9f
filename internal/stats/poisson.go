package stats

import (
	"math"
	"math/big"
)

// PoissonPMF returns P(X = k) for X ~ Poisson(lambda).
func PoissonPMF(k int, lambda float64) float64 {
	if math.IsNaN(lambda) || lambda < 0 {
		return math.NaN()
	}
	if k < 0 {
		return 0
	}
	return math.Exp(logPoissonPMF(float64(k), lambda))
}

// PoissonCDF returns P(X <= k) for X ~ Poisson(lambda), as the regularized
// upper incomplete gamma function Q(k+1, lambda).
func PoissonCDF(k int, lambda float64) float64 {
	switch {
	case math.IsNaN(lambda) || lambda < 0:
		return math.NaN()
	case k < 0:
		return 0
	case lambda == 0:
		return 1
	}
	return RegGammaQ(float64(k)+1, lambda)
}

// PoissonCDFCmp compares P(X <= k), X ~ Poisson(n x p), with alpha and
// returns -1, 0 or +1. The mean n x p is taken exactly. Because e^lambda is
// irrational for a rational lambda > 0, the two are never equal then, and
// the comparison is settled in big.Float arithmetic of rising precision;
// decided is false only if 8192 bits do not separate them.
func PoissonCDFCmp(k, n int, p, alpha Frac) (cmp int, decided bool) {
	switch {
	case k < 0:
		return zeroCmp(alpha), true
	case n == 0 || p.IsZero():
		return Frac{1, 1}.Cmp(alpha), true
	}
	for _, prec := range []uint{128, 512, 2048, 8192} {
		if c, ok := poissonCmpFloat(k, n, p, alpha, prec); ok {
			return c, true
		}
	}
	return 0, false
}

// poissonCmpFloat compares S = sum_{j<=k} lambda^j/j! with alpha e^lambda.
func poissonCmpFloat(k, n int, p, alpha Frac, prec uint) (int, bool) {
	na := new(big.Float).SetPrec(prec).SetInt(new(big.Int).Mul(big.NewInt(int64(n)), new(big.Int).SetUint64(p.Num)))
	b := new(big.Float).SetPrec(prec).SetUint64(p.Den)
	t := new(big.Float).SetPrec(prec).SetInt64(1)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	tmp := new(big.Float).SetPrec(prec)
	for j := 1; j <= k; j++ {
		t.Mul(t, na)
		t.Quo(t, tmp.SetInt64(int64(j)))
		t.Quo(t, b)
		sum.Add(sum, t)
	}
	e := expRat(n, p, prec)
	rhs := e.Mul(e, new(big.Float).SetPrec(prec).SetUint64(alpha.Num))
	rhs.Quo(rhs, new(big.Float).SetPrec(prec).SetUint64(alpha.Den))
	// sum: 1 rounding for n*a, 3 per term, 1 per addition; rhs: the
	// exponential (below 2^-prec relative) and two operations.
	errS := float64(4*k + 4)
	errR := 8.0
	u := new(big.Float).SetPrec(prec).SetMantExp(big.NewFloat(1), -int(prec))
	bound := new(big.Float).SetPrec(prec).Mul(sum, big.NewFloat(errS))
	bound.Add(bound, new(big.Float).SetPrec(prec).Mul(rhs, big.NewFloat(errR)))
	bound.Mul(bound, u)
	diff := new(big.Float).SetPrec(prec).Sub(sum, rhs)
	if new(big.Float).Abs(diff).Cmp(bound) > 0 {
		return diff.Sign(), true
	}
	return 0, false
}

// expRat returns e^(n*p) with a relative error below 2^-prec.
//
// It reduces the argument x = n*p to y = x/2^s <= 1/2, sums the Taylor
// series of e^y at a working precision of prec+s+40 bits, and squares the
// result s times. Each squaring doubles the relative error, which the s
// extra bits absorb; the 40 further bits absorb the roundings of the
// series (fewer than 3 per term, and fewer than 2^13 terms).
func expRat(n int, p Frac, prec uint) *big.Float {
	x := new(big.Int).Mul(big.NewInt(int64(n)), new(big.Int).SetUint64(p.Num))
	// s = bits of ceil(x/den) + 1, so that x/den/2^s <= 1/2.
	q := new(big.Int).Quo(x, new(big.Int).SetUint64(p.Den))
	s := q.BitLen() + 1
	w := prec + uint(s) + 40
	y := new(big.Float).SetPrec(w).SetInt(x)
	y.Quo(y, new(big.Float).SetPrec(w).SetUint64(p.Den))
	y.SetMantExp(y, -s)
	sum := new(big.Float).SetPrec(w).SetInt64(1)
	term := new(big.Float).SetPrec(w).SetInt64(1)
	tmp := new(big.Float).SetPrec(w)
	limit := new(big.Float).SetPrec(w)
	for j := int64(1); j < 1<<13; j++ {
		term.Mul(term, y)
		term.Quo(term, tmp.SetInt64(j))
		sum.Add(sum, term)
		limit.SetMantExp(sum, -int(w)-4)
		if term.Cmp(limit) < 0 {
			break
		}
	}
	for i := 0; i < s; i++ {
		sum.Mul(sum, sum)
	}
	return new(big.Float).SetPrec(prec).Set(sum)
}
