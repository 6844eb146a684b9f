package stats

import "math"

// The probability mass functions below follow Catherine Loader's
// saddle-point formulation ("Fast and Accurate Computation of Binomial
// Probabilities", 2000): a mass is written as exp(-stirlerr - bd0 terms),
// where stirlerr is the error of Stirling's formula and bd0 the deviance
// term, each computed without cancellation. This keeps full relative
// accuracy for large n, where differences of log-gamma values would lose
// digits.

const (
	ln2Pi     = 1.8378770664093454835606594728112352797227949472756 // log(2*pi)
	lnSqrt2Pi = 0.9189385332046727417803297364056176398613974736378 // log(sqrt(2*pi))
)

// stirlerr returns log(Gamma(x+1)) - ((x+0.5)*log(x) - x + log(sqrt(2*pi)))
// for x > 0: the error of Stirling's approximation.
func stirlerr(x float64) float64 {
	if x <= 15 {
		lg, _ := math.Lgamma(x + 1)
		return lg - (x+0.5)*math.Log(x) + x - lnSqrt2Pi
	}
	// Stirling's series: 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7)
	// + 1/(1188x^9); the next term is below 3e-16 for x > 15.
	const (
		s0 = 1.0 / 12
		s1 = 1.0 / 360
		s2 = 1.0 / 1260
		s3 = 1.0 / 1680
		s4 = 1.0 / 1188
	)
	x2 := x * x
	return (s0 - (s1-(s2-(s3-s4/x2)/x2)/x2)/x2) / x
}

// bd0 returns the deviance term x*log(x/m) + m - x, computed with a series
// when x is close to m.
func bd0(x, m float64) float64 {
	if math.Abs(x-m) < 0.1*(x+m) {
		v := (x - m) / (x + m)
		s := (x - m) * v
		ej := 2 * x * v
		v2 := v * v
		for j := 3.0; j < 1000; j += 2 {
			ej *= v2
			s1 := s + ej/j
			if s1 == s {
				return s1
			}
			s = s1
		}
		return s
	}
	return x*math.Log(x/m) + m - x
}

// logBinomPMF returns log P(X = x) for X ~ Binomial(n, p), where q = 1 - p
// is passed separately so callers can supply it without rounding. x and n
// may be non-integral in the formula, but the SDK uses integers.
func logBinomPMF(x, n, p, q float64) float64 {
	if x < 0 || x > n {
		return math.Inf(-1)
	}
	if p == 0 {
		if x == 0 {
			return 0
		}
		return math.Inf(-1)
	}
	if q == 0 {
		if x == n {
			return 0
		}
		return math.Inf(-1)
	}
	if x == 0 {
		if n == 0 {
			return 0
		}
		if p < 0.1 {
			return -bd0(n, n*q) - n*p
		}
		return n * math.Log(q)
	}
	if x == n {
		if q < 0.1 {
			return -bd0(n, n*p) - n*q
		}
		return n * math.Log(p)
	}
	lc := stirlerr(n) - stirlerr(x) - stirlerr(n-x) - bd0(x, n*p) - bd0(n-x, n*q)
	lf := ln2Pi + math.Log(x) + math.Log1p(-x/n)
	return lc - 0.5*lf
}

// logPoissonPMF returns log(exp(-lambda) lambda^x / Gamma(x+1)) for x >= 0,
// including non-integral x.
func logPoissonPMF(x, lambda float64) float64 {
	if x < 0 {
		return math.Inf(-1)
	}
	if lambda == 0 {
		if x == 0 {
			return 0
		}
		return math.Inf(-1)
	}
	if x == 0 {
		return -lambda
	}
	if math.IsInf(lambda, 1) {
		return math.Inf(-1)
	}
	return -stirlerr(x) - bd0(x, lambda) - 0.5*(ln2Pi+math.Log(x))
}

// logHyperPMF returns log P(X = x) for X ~ Hypergeometric(N, M, n): the
// number of deviations in a sample of n drawn without replacement from N
// items of which M deviate. It writes the mass as a ratio of three binomial
// masses at p = n/N, which keeps its relative accuracy for large N.
func logHyperPMF(x, bigN, m, n int) float64 {
	lo := max(0, n-(bigN-m))
	hi := min(n, m)
	if x < lo || x > hi {
		return math.Inf(-1)
	}
	if n == 0 || n == bigN || m == 0 || m == bigN {
		return 0 // the only point of the support
	}
	p := float64(n) / float64(bigN)
	q := float64(bigN-n) / float64(bigN)
	return logBinomPMF(float64(x), float64(m), p, q) +
		logBinomPMF(float64(n-x), float64(bigN-m), p, q) -
		logBinomPMF(float64(n), float64(bigN), p, q)
}
