package sampling

import (
	"math"

	"github.com/ismskit/ismskit/internal/stats"
	"github.com/ismskit/ismskit/isms"
)

// UpperDeviationLimit returns the exact one-sided (Clopper-Pearson) upper
// confidence limit of the population deviation rate after finding
// deviations deviations in a sample of n items from a large population:
// the rate p at which P(X <= deviations) = 1 - confidence for
// X ~ Binomial(n, p), to within 1e-9. It is the figure the AICPA evaluation
// tables list (rounded up to 0.1%).
//
// With no deviations it is 1 - (1 - confidence)^(1/n); with deviations = n
// it is 1. The error wraps isms.ErrInvalid when n < 1, deviations is
// outside [0, n] or confidence is not strictly between 0 and 1.
func UpperDeviationLimit(n, deviations int, confidence float64) (float64, error) {
	alpha, err := limitArgs(n, deviations, confidence)
	if err != nil {
		return 0, wrap("upper deviation limit", err)
	}
	return binomialUpper(n, deviations, alpha), nil
}

// binomialUpper solves P(X <= d | n, p) = alpha for p.
func binomialUpper(n, d int, alpha stats.Frac) float64 {
	a := alpha.Float()
	switch {
	case d >= n:
		return 1
	case d == 0:
		return -math.Expm1(math.Log(a) / float64(n))
	}
	// P(X <= d | n, p) = 1 - I_p(d+1, n-d), so the limit is the
	// (1 - alpha) quantile of Beta(d+1, n-d).
	return stats.BetaQuantile(alpha.Complement().Float(), float64(d+1), float64(n-d))
}

// UpperDeviationLimitFinite is the finite-population (hypergeometric)
// variant of UpperDeviationLimit for a sample of n items from a population
// of population items. It returns the largest number of population
// deviations M that the sample does not rule out at the given confidence,
// P(X <= deviations) >= 1 - confidence for X ~ Hypergeometric(population,
// M, n), and the rate M / population. The comparison with 1 - confidence
// is exact.
//
// When the sample is the whole population, the limit is the observed
// count. The error wraps isms.ErrInvalid for invalid arguments, including
// n > population.
func UpperDeviationLimitFinite(n, deviations, population int, confidence float64) (rate float64, count int, err error) {
	alpha, err := limitArgs(n, deviations, confidence)
	if err == nil && (population < n || population > MaxPopulation) {
		err = isms.Invalidf("population %d must be at least the sample size %d and at most %d", population, n, MaxPopulation)
	}
	if err != nil {
		return 0, 0, wrap("upper deviation limit finite", err)
	}
	m := hyperUpper(n, deviations, population, alpha)
	return float64(m) / float64(population), m, nil
}

// hyperUpper returns the largest M with P(X <= d | N, M, n) >= alpha. The
// probability falls as M grows; M = d gives 1, and M cannot exceed
// N - (n - d), the items not seen to conform.
func hyperUpper(n, d, bigN int, alpha stats.Frac) int {
	a := alpha.Float()
	notBelow := func(m int) bool {
		v := stats.HypergeometricCDF(d, bigN, m, n)
		if v > a*(1+1e-9) {
			return true
		}
		if v < a*(1-1e-9) {
			return false
		}
		c, ok := stats.HypergeometricCDFCmp(d, bigN, m, n, alpha)
		return !ok || c >= 0
	}
	lo, hi := d, bigN-(n-d) // notBelow(lo) holds
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		if notBelow(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// limitArgs validates the arguments shared by the limit functions and
// returns 1 - confidence as an exact fraction.
func limitArgs(n, deviations int, confidence float64) (stats.Frac, error) {
	var ps isms.Problems
	if n < 1 || n > MaxPopulation {
		ps.Addf("sample_size", isms.CodeOutOfRange, "sample size must be between 1 and %d, got %d", MaxPopulation, n)
	}
	if deviations < 0 || deviations > n {
		ps.Addf("deviations", isms.CodeOutOfRange, "deviations must be between 0 and the sample size, got %d", deviations)
	}
	conf := fracField(&ps, "confidence", confidence, false)
	if err := ps.Err(""); err != nil {
		return stats.Frac{}, err
	}
	return conf.Complement(), nil
}
