package stats

import (
	"math"
	"math/big"
)

// BinomialPMF returns P(X = k) for X ~ Binomial(n, p).
func BinomialPMF(k, n int, p float64) float64 {
	if n < 0 || math.IsNaN(p) || p < 0 || p > 1 {
		return math.NaN()
	}
	return math.Exp(logBinomPMF(float64(k), float64(n), p, 1-p))
}

// BinomialCDF returns P(X <= k) for X ~ Binomial(n, p), by summing the
// masses on the short side of the mode, so the result keeps its relative
// accuracy in the lower tail. It returns NaN for n < 0 or p outside [0, 1].
func BinomialCDF(k, n int, p float64) float64 {
	switch {
	case n < 0 || math.IsNaN(p) || p < 0 || p > 1:
		return math.NaN()
	case k < 0:
		return 0
	case k >= n || p == 0:
		return 1
	case p == 1:
		return 0
	}
	q := 1 - p
	fn := float64(n)
	mode := math.Floor((fn + 1) * p)
	if float64(k) < mode {
		// Lower tail from k downwards; the masses decrease.
		l := logBinomPMF(float64(k), fn, p, q)
		sum, t := 1.0, 1.0
		for j := k; j > 0; j-- {
			t *= float64(j) / float64(n-j+1) * (q / p)
			sum += t
			if t < sum*1e-17 {
				break
			}
		}
		return math.Exp(l + math.Log(sum))
	}
	// Upper tail from k+1 upwards; the masses decrease above the mode.
	l := logBinomPMF(float64(k+1), fn, p, q)
	sum, t := 1.0, 1.0
	for j := k + 1; j < n; j++ {
		t *= float64(n-j) / float64(j+1) * (p / q)
		sum += t
		if t < sum*1e-17 {
			break
		}
	}
	return max(0, 1-math.Exp(l+math.Log(sum)))
}

// exactBudget bounds the size, in bit-terms, of an exact big-integer
// comparison; above it the comparisons rely on big.Float arithmetic with a
// bounded error. The published tables lie far below it.
const exactBudget = 1 << 32

// BinomialCDFCmp compares P(X <= k), X ~ Binomial(n, p), with alpha and
// returns -1, 0 or +1 as the probability is below, equal to or above
// alpha. decided is false only when the two agree to more than 2000 bits
// and the problem is too large to settle with integers; the caller must then
// treat the result as a tie.
func BinomialCDFCmp(k, n int, p, alpha Frac) (cmp int, decided bool) {
	switch {
	case k < 0:
		return zeroCmp(alpha), true
	case k >= n || p.IsZero():
		return Frac{1, 1}.Cmp(alpha), true
	case p.Num >= p.Den:
		return zeroCmp(alpha), true
	}
	for _, prec := range []uint{128, 512, 2048} {
		if c, ok := binomialCmpFloat(k, n, p, alpha, prec); ok {
			return c, true
		}
	}
	if float64(k+1)*float64(n)*float64(bitLen(p.Den)) <= exactBudget {
		return binomialCmpExact(k, n, p, alpha), true
	}
	return 0, false
}

// binomialCmpFloat sums the masses in big.Float arithmetic with precision
// prec and decides the comparison when the difference exceeds the bound on
// the rounding error.
func binomialCmpFloat(k, n int, p, alpha Frac, prec uint) (int, bool) {
	a := new(big.Float).SetPrec(prec).SetUint64(p.Num)
	b := new(big.Float).SetPrec(prec).SetUint64(p.Den)
	bma := new(big.Float).SetPrec(prec).SetUint64(p.Den - p.Num)
	q := new(big.Float).SetPrec(prec).Quo(bma, b)
	t := powFloat(q, n, prec) // (1-p)^n
	sum := new(big.Float).SetPrec(prec).Set(t)
	tmp := new(big.Float).SetPrec(prec)
	for j := 0; j < k; j++ {
		// t_{j+1} = t_j (n-j) a / ((j+1)(b-a))
		t.Mul(t, tmp.SetInt64(int64(n-j)))
		t.Mul(t, a)
		t.Quo(t, tmp.SetInt64(int64(j+1)))
		t.Quo(t, bma)
		sum.Add(sum, t)
	}
	// Rounding error: the power, four operations per term, one per addition.
	ops := float64(2*bitLen(uint64(n))+6*k+8) * 2
	return cmpWithError(sum, ops, alpha, prec)
}

// binomialCmpExact decides with integers: d * sum_j C(n,j) a^j (b-a)^(n-j)
// against c * b^n, for p = a/b and alpha = c/d.
func binomialCmpExact(k, n int, p, alpha Frac) int {
	a := new(big.Int).SetUint64(p.Num)
	b := new(big.Int).SetUint64(p.Den)
	bma := new(big.Int).SetUint64(p.Den - p.Num)
	t := new(big.Int).Exp(bma, big.NewInt(int64(n)), nil)
	sum := new(big.Int).Set(t)
	den := new(big.Int)
	for j := 0; j < k; j++ {
		t.Mul(t, big.NewInt(int64(n-j)))
		t.Mul(t, a)
		den.Mul(big.NewInt(int64(j+1)), bma)
		t.Quo(t, den) // exact: the result is C(n,j+1) a^(j+1) (b-a)^(n-j-1)
		sum.Add(sum, t)
	}
	lhs := sum.Mul(sum, new(big.Int).SetUint64(alpha.Den))
	rhs := new(big.Int).Exp(b, big.NewInt(int64(n)), nil)
	rhs.Mul(rhs, new(big.Int).SetUint64(alpha.Num))
	return lhs.Cmp(rhs)
}

// powFloat returns x^n by repeated squaring at precision prec.
func powFloat(x *big.Float, n int, prec uint) *big.Float {
	r := new(big.Float).SetPrec(prec).SetInt64(1)
	base := new(big.Float).SetPrec(prec).Set(x)
	for n > 0 {
		if n&1 == 1 {
			r.Mul(r, base)
		}
		n >>= 1
		if n > 0 {
			base.Mul(base, base)
		}
	}
	return r
}

// cmpWithError compares v, computed with at most ops roundings of relative
// size 2^-prec each (so a relative error of at most ops*2^-prec), with the
// fraction alpha. It reports ok = false when the bound does not separate
// them.
func cmpWithError(v *big.Float, ops float64, alpha Frac, prec uint) (int, bool) {
	al := new(big.Float).SetPrec(prec).SetUint64(alpha.Num)
	al.Quo(al, new(big.Float).SetPrec(prec).SetUint64(alpha.Den))
	diff := new(big.Float).SetPrec(prec).Sub(v, al)
	// |v - true| <= ops*u*|v|; |al - alpha| <= u*alpha; subtraction adds u.
	u := new(big.Float).SetPrec(prec).SetMantExp(big.NewFloat(ops+4), -int(prec))
	bound := new(big.Float).SetPrec(prec).Abs(v)
	bound.Add(bound, al)
	bound.Mul(bound, u)
	if new(big.Float).Abs(diff).Cmp(bound) > 0 {
		return diff.Sign(), true
	}
	return 0, false
}

// zeroCmp compares 0 with alpha.
func zeroCmp(alpha Frac) int {
	if alpha.Num == 0 {
		return 0
	}
	return -1
}

func bitLen(x uint64) int {
	n := 0
	for x != 0 {
		n++
		x >>= 1
	}
	return n
}
