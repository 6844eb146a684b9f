package stats

import "math"

const (
	epsCF  = 1e-16  // convergence threshold of the continued fractions and series
	tinyCF = 1e-300 // guard against division by zero in Lentz's method
	maxIt  = 100000 // iteration cap of the series and continued fractions
)

// RegGammaP returns the regularized lower incomplete gamma function
// P(a, x) = gamma(a, x) / Gamma(a) for a > 0 and x >= 0: the probability
// that a Gamma(a, 1) variable is at most x. It returns NaN for invalid
// arguments.
func RegGammaP(a, x float64) float64 {
	p, _ := regGamma(a, x)
	return p
}

// RegGammaQ returns the regularized upper incomplete gamma function
// Q(a, x) = 1 - P(a, x), computed directly (not as 1 - P) where Q is small.
func RegGammaQ(a, x float64) float64 {
	_, q := regGamma(a, x)
	return q
}

// regGamma returns P(a, x) and Q(a, x), computing the smaller of the two
// directly: by the power series when x < a+1, by the continued fraction
// otherwise.
func regGamma(a, x float64) (p, q float64) {
	switch {
	case math.IsNaN(a) || math.IsNaN(x) || a <= 0 || x < 0:
		return math.NaN(), math.NaN()
	case x == 0:
		return 0, 1
	case math.IsInf(x, 1):
		return 1, 0
	case math.IsInf(a, 1):
		return 0, 1
	}
	if x < a+1 {
		// P = x^a e^-x / Gamma(a+1) * sum_n x^n / ((a+1)...(a+n))
		front := math.Exp(logPoissonPMF(a, x))
		sum, term := 1.0, 1.0
		for n := 1.0; n < maxIt; n++ {
			term *= x / (a + n)
			sum += term
			if term < sum*epsCF {
				break
			}
		}
		p = min(front*sum, 1)
		return p, 1 - p
	}
	// Q = x^a e^-x / Gamma(a) * 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...)))
	// evaluated with the modified Lentz method.
	front := a * math.Exp(logPoissonPMF(a, x))
	b := x + 1 - a
	c := 1 / tinyCF
	d := 1 / b
	h := d
	for i := 1.0; i < maxIt; i++ {
		an := -i * (i - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tinyCF {
			d = tinyCF
		}
		c = b + an/c
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
	q = min(front*h, 1)
	return 1 - q, q
}

// GammaQuantile returns the x at which a Gamma(shape, 1) variable has
// lower-tail probability p: RegGammaP(shape, x) = p. For a rate r, divide
// the result by r. It returns NaN for p outside [0, 1] or shape <= 0.
func GammaQuantile(p, shape float64) float64 {
	return gammaInv(shape, p, 1-p)
}

// GammaUpperQuantile returns the x with RegGammaQ(shape, x) = q, solving on
// the upper tail so that a small q keeps its relative accuracy. The Poisson
// upper confidence limit for k events at confidence c is
// GammaUpperQuantile(1-c, k+1).
func GammaUpperQuantile(q, shape float64) float64 {
	return gammaInv(shape, 1-q, q)
}

func gammaInv(a, p, q float64) float64 {
	switch {
	case math.IsNaN(a) || math.IsNaN(p) || a <= 0 || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return 0
	case p == 1:
		return math.Inf(1)
	}
	upper := p > 0.5 // solve on the tail that is small
	f := func(x float64) float64 {
		pp, qq := regGamma(a, x)
		if upper {
			return q - qq // increasing in x
		}
		return pp - p
	}
	// Wilson-Hilferty starting point.
	z := math.Sqrt2 * math.Erfinv(2*p-1)
	if upper {
		z = -math.Sqrt2 * math.Erfinv(2*q-1)
	}
	t := 1 / (9 * a)
	x := a * math.Pow(1-t+z*math.Sqrt(t), 3)
	if !(x > 0) || math.IsInf(x, 0) {
		x = a
	}
	// Bracket the root: f(lo) < 0 <= f(hi).
	lo, hi := 0.0, x
	for f(hi) < 0 {
		lo = hi
		hi *= 2
		if math.IsInf(hi, 1) {
			return math.Inf(1)
		}
	}
	for i := 0; i < 400; i++ {
		fx := f(x)
		if fx == 0 {
			return x
		}
		if fx < 0 {
			lo = x
		} else {
			hi = x
		}
		// Derivative of P(a, x): x^(a-1) e^-x / Gamma(a).
		deriv := math.Exp(logPoissonPMF(a, x)) * a / x
		next := x - fx/deriv
		if !(next > lo && next < hi) {
			next = lo + (hi-lo)/2
		}
		if math.Abs(next-x) <= 1e-15*x || hi-lo <= 4e-16*hi {
			return next
		}
		x = next
	}
	return x
}
