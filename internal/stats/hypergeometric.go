package stats

import (
	"math"
	"math/big"
)

// HypergeometricPMF returns P(X = k) for the number X of deviations in a
// sample of n items drawn without replacement from a population of bigN
// items of which m deviate. It returns NaN for invalid arguments.
func HypergeometricPMF(k, bigN, m, n int) float64 {
	if !hyperValid(bigN, m, n) {
		return math.NaN()
	}
	return math.Exp(logHyperPMF(k, bigN, m, n))
}

func hyperValid(bigN, m, n int) bool {
	return bigN >= 0 && m >= 0 && m <= bigN && n >= 0 && n <= bigN
}

// HypergeometricCDF returns P(X <= k) for X ~ Hypergeometric(bigN, m, n),
// summing the masses on the short side of the mode. It returns NaN for
// invalid arguments.
func HypergeometricCDF(k, bigN, m, n int) float64 {
	if !hyperValid(bigN, m, n) {
		return math.NaN()
	}
	lo, hi := max(0, n-(bigN-m)), min(n, m)
	switch {
	case k < lo:
		return 0
	case k >= hi:
		return 1
	}
	mode := int(math.Floor(float64(n+1) * float64(m+1) / float64(bigN+2)))
	if k < mode {
		l := logHyperPMF(k, bigN, m, n)
		sum, t := 1.0, 1.0
		for j := k; j > lo; j-- {
			// h(j-1)/h(j) = j (N-M-n+j) / ((M-j+1)(n-j+1))
			t *= float64(j) * float64(bigN-m-n+j) / (float64(m-j+1) * float64(n-j+1))
			sum += t
			if t < sum*1e-17 {
				break
			}
		}
		return math.Exp(l + math.Log(sum))
	}
	l := logHyperPMF(k+1, bigN, m, n)
	sum, t := 1.0, 1.0
	for j := k + 1; j < hi; j++ {
		// h(j+1)/h(j) = (M-j)(n-j) / ((j+1)(N-M-n+j+1))
		t *= float64(m-j) * float64(n-j) / (float64(j+1) * float64(bigN-m-n+j+1))
		sum += t
		if t < sum*1e-17 {
			break
		}
	}
	return max(0, 1-math.Exp(l+math.Log(sum)))
}

// HypergeometricCDFCmp compares P(X <= k), X ~ Hypergeometric(bigN, m, n),
// with alpha and returns -1, 0 or +1. decided is false only when the two
// agree to more than 2000 bits and the problem is too large to settle with
// integers; the caller must then treat the result as a tie.
func HypergeometricCDFCmp(k, bigN, m, n int, alpha Frac) (cmp int, decided bool) {
	if !hyperValid(bigN, m, n) {
		return 0, false
	}
	lo, hi := max(0, n-(bigN-m)), min(n, m)
	switch {
	case k < lo:
		return zeroCmp(alpha), true
	case k >= hi:
		return Frac{1, 1}.Cmp(alpha), true
	}
	for _, prec := range []uint{128, 512, 2048} {
		if c, ok := hyperCmpFloat(k, bigN, m, n, lo, alpha, prec); ok {
			return c, true
		}
	}
	if float64(k-lo+1)*float64(n+1)*float64(bitLen(uint64(bigN))) <= exactBudget {
		return hyperCmpExact(k, bigN, m, n, lo, alpha), true
	}
	return 0, false
}

func hyperCmpFloat(k, bigN, m, n, lo int, alpha Frac, prec uint) (int, bool) {
	t := new(big.Float).SetPrec(prec).SetInt64(1)
	tmp := new(big.Float).SetPrec(prec)
	mulDiv := func(num, den int) {
		t.Mul(t, tmp.SetInt64(int64(num)))
		t.Quo(t, tmp.SetInt64(int64(den)))
	}
	// h(lo) = C(M,lo) C(N-M,n-lo) / C(N,n)
	for i := 0; i < lo; i++ {
		mulDiv(m-i, i+1)
	}
	for i := 0; i < n-lo; i++ {
		mulDiv(bigN-m-i, i+1)
	}
	for i := 0; i < n; i++ {
		mulDiv(i+1, bigN-i)
	}
	sum := new(big.Float).SetPrec(prec).Set(t)
	for j := lo; j < k; j++ {
		mulDiv(m-j, j+1)
		mulDiv(n-j, bigN-m-n+j+1)
		sum.Add(sum, t)
	}
	ops := float64(4*n+5*(k-lo)+8) * 2
	return cmpWithError(sum, ops, alpha, prec)
}

// hyperCmpExact decides with integers:
// d * sum_j C(M,j) C(N-M,n-j) against c * C(N,n).
func hyperCmpExact(k, bigN, m, n, lo int, alpha Frac) int {
	t := new(big.Int).Binomial(int64(m), int64(lo))
	t.Mul(t, new(big.Int).Binomial(int64(bigN-m), int64(n-lo)))
	sum := new(big.Int).Set(t)
	den := new(big.Int)
	for j := lo; j < k; j++ {
		t.Mul(t, big.NewInt(int64(m-j)))
		t.Mul(t, big.NewInt(int64(n-j)))
		den.Mul(big.NewInt(int64(j+1)), big.NewInt(int64(bigN-m-n+j+1)))
		t.Quo(t, den) // exact
		sum.Add(sum, t)
	}
	lhs := sum.Mul(sum, new(big.Int).SetUint64(alpha.Den))
	rhs := new(big.Int).Binomial(int64(bigN), int64(n))
	rhs.Mul(rhs, new(big.Int).SetUint64(alpha.Num))
	return lhs.Cmp(rhs)
}
