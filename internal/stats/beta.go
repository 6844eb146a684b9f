package stats

import "math"

// RegIncBeta returns the regularized incomplete beta function I_x(a, b)
// for a, b > 0 and x in [0, 1]: the probability that a Beta(a, b) variable
// is at most x. It returns NaN for invalid arguments.
//
// It is the continuous form of the binomial distribution function:
// P(X <= k) for X ~ Binomial(n, p) equals I_{1-p}(n-k, k+1).
func RegIncBeta(a, b, x float64) float64 {
	switch {
	case math.IsNaN(a) || math.IsNaN(b) || math.IsNaN(x) || a <= 0 || b <= 0 || x < 0 || x > 1:
		return math.NaN()
	case x == 0:
		return 0
	case x == 1:
		return 1
	}
	front := betaFront(a, b, x)
	if x < (a+1)/(a+b+2) {
		return min(front*betaCF(a, b, x)/a, 1)
	}
	return max(1-front*betaCF(b, a, 1-x)/b, 0)
}

// betaFront returns x^a (1-x)^b / B(a, b), written as
// a*b/(a+b) * C(a+b, a) x^a (1-x)^b so that Loader's binomial mass keeps
// the relative accuracy for large a and b.
func betaFront(a, b, x float64) float64 {
	return math.Exp(logBinomPMF(a, a+b, x, 1-x)) * a * b / (a + b)
}

// betaCF evaluates the continued fraction of the incomplete beta function
// with the modified Lentz method.
func betaCF(a, b, x float64) float64 {
	qab, qap, qam := a+b, a+1, a-1
	c := 1.0
	d := 1 - qab*x/qap
	if math.Abs(d) < tinyCF {
		d = tinyCF
	}
	d = 1 / d
	h := d
	for m := 1.0; m < maxIt; m++ {
		m2 := 2 * m
		aa := m * (b - m) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tinyCF {
			d = tinyCF
		}
		c = 1 + aa/c
		if math.Abs(c) < tinyCF {
			c = tinyCF
		}
		d = 1 / d
		h *= d * c
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tinyCF {
			d = tinyCF
		}
		c = 1 + aa/c
		if math.Abs(c) < tinyCF {
			c = tinyCF
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < epsCF {
			break
		}
	}
	return h
}

// BetaQuantile returns the x in [0, 1] with RegIncBeta(a, b, x) = p, to
// about 1e-15 absolute. It returns NaN for invalid arguments.
//
// The one-sided exact (Clopper-Pearson) upper confidence limit for a
// binomial proportion after k events in n trials at confidence c is
// BetaQuantile(c, k+1, n-k) for k < n.
func BetaQuantile(p, a, b float64) float64 {
	switch {
	case math.IsNaN(a) || math.IsNaN(b) || math.IsNaN(p) || a <= 0 || b <= 0 || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return 0
	case p == 1:
		return 1
	}
	lo, hi := 0.0, 1.0
	x := a / (a + b)
	for i := 0; i < 400; i++ {
		fx := RegIncBeta(a, b, x) - p
		if fx == 0 {
			return x
		}
		if fx < 0 {
			lo = x
		} else {
			hi = x
		}
		deriv := betaFront(a, b, x) / (x * (1 - x))
		next := x - fx/deriv
		if !(next > lo && next < hi) {
			next = lo + (hi-lo)/2
		}
		if math.Abs(next-x) <= 2e-16*x || hi-lo <= 2e-16*hi {
			return next
		}
		x = next
	}
	return x
}
