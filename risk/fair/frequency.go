package fair

import (
	"fmt"
	"math"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// MaxRate is the largest mean number of events a year a Frequency
// accepts; a rate drawn from a distribution is capped at it.
const MaxRate = 1e5

type freqKind uint8

const (
	freqNone freqKind = iota
	freqBernoulli
	freqPoisson
	freqRate
	freqInvalid
)

var freqNames = [...]string{freqNone: "", freqBernoulli: "bernoulli", freqPoisson: "poisson", freqRate: "poisson_rate", freqInvalid: "invalid"}

// gapLimit is the largest probability of an event year for which years
// without events are skipped by drawing the geometric gap to the next
// event year; above it every year is drawn.
const gapLimit = 0.9

// Frequency is the number of events in a simulated year: Bernoulli (at
// most one), Poisson with a fixed rate, or Poisson with a rate drawn each
// year (PoissonRate). The zero Frequency is "absent".
//
// For a fixed frequency the simulation does not draw every year: it draws
// the gap to the next year with an event (geometric, with the probability
// p₀ of at least one event), then the number of events in that year
// (one for Bernoulli, zero-truncated Poisson), so that a rare event costs
// next to nothing in the years it does not happen.
type Frequency struct {
	kind freqKind
	v    float64      // probability or rate
	rate Distribution // rate of a PoissonRate frequency
	msg  string
	// sampling constants of fixed frequencies
	p0       float64 // P(at least one event in a year)
	gapScale float64 // 1/−ln(1−p0)
	expNeg   float64 // e^−rate
	gap      bool    // skip years without events
}

// Bernoulli is at most one event a year, with probability p (0 ≤ p ≤ 1).
// Its mean is p.
func Bernoulli(p float64) Frequency {
	if !finite(p) || p < 0 || p > 1 {
		return Frequency{kind: freqInvalid, msg: fmt.Sprintf("bernoulli: probability %g is outside [0, 1]", p)}
	}
	f := Frequency{kind: freqBernoulli, v: p, p0: p}
	f.setGap()
	return f
}

// Poisson is a Poisson number of events a year of mean rate (0 ≤ rate ≤
// MaxRate). P(at least one event) = 1 − e^−rate.
func Poisson(rate float64) Frequency {
	if !finite(rate) || rate < 0 || rate > MaxRate {
		return Frequency{kind: freqInvalid, msg: fmt.Sprintf("poisson: rate %g is outside [0, %g]", rate, float64(MaxRate))}
	}
	f := Frequency{kind: freqPoisson, v: rate, expNeg: math.Exp(-rate), p0: -math.Expm1(-rate)}
	f.setGap()
	return f
}

// PoissonRate is a Poisson number of events a year whose rate is drawn
// from d each simulated year (a mixed Poisson; with PERT or lognormal
// rates this is how the spreadsheet tools model an uncertain frequency).
// Rates drawn above MaxRate are capped at it; d's mean must not exceed
// it. Its mean is d's mean.
func PoissonRate(d Distribution) Frequency {
	if m := d.problem(); m != "" {
		return Frequency{kind: freqInvalid, msg: "poisson_rate: " + m}
	}
	if d.Mean() > MaxRate {
		return Frequency{kind: freqInvalid, msg: fmt.Sprintf("poisson_rate: mean rate %g exceeds %g", d.Mean(), float64(MaxRate))}
	}
	return Frequency{kind: freqRate, rate: d}
}

func (f *Frequency) setGap() {
	f.gap = f.p0 <= gapLimit
	if f.p0 > 0 && f.gap {
		f.gapScale = -1 / math.Log1p(-f.p0)
	}
}

// IsZero reports whether f is the zero (absent) Frequency.
func (f Frequency) IsZero() bool { return f.kind == freqNone }

// Type returns the frequency's name as stored in a
// risk.QuantitativeFrequency ("bernoulli", "poisson", "poisson_rate").
func (f Frequency) Type() string { return freqNames[f.kind] }

// Validate returns nil for a frequency built with valid parameters and an
// error answering isms.ErrInvalid otherwise (the zero Frequency included).
func (f Frequency) Validate() error {
	if m := f.problem(); m != "" {
		return isms.Invalidf("fair: frequency: %s", m)
	}
	return nil
}

func (f Frequency) problem() string {
	switch f.kind {
	case freqNone:
		return "no frequency given"
	case freqInvalid:
		return f.msg
	}
	return ""
}

// Mean returns the mean number of events a year; 0 for the zero or an
// invalid Frequency.
func (f Frequency) Mean() float64 {
	switch f.kind {
	case freqBernoulli, freqPoisson:
		return f.v
	case freqRate:
		return f.rate.Mean()
	}
	return 0
}

// String describes f ("Poisson(0.1)").
func (f Frequency) String() string {
	switch f.kind {
	case freqBernoulli:
		return fmt.Sprintf("Bernoulli(%g)", f.v)
	case freqPoisson:
		return fmt.Sprintf("Poisson(%g)", f.v)
	case freqRate:
		return "PoissonRate(" + f.rate.String() + ")"
	case freqInvalid:
		return "invalid: " + f.msg
	}
	return "none"
}

// value is the frequency as a number for product mode: the probability,
// the rate, or a rate drawn.
func (f *Frequency) value(g *rng) float64 {
	if f.kind == freqRate {
		return min(f.rate.sample(g), MaxRate)
	}
	return f.v
}

// count draws the number of events in one year (every year drawn).
func (f *Frequency) count(g *rng) int {
	switch f.kind {
	case freqBernoulli:
		if g.float64() < f.v {
			return 1
		}
		return 0
	case freqPoisson:
		return poisson(g, f.v, f.expNeg)
	case freqRate:
		l := min(f.rate.sample(g), MaxRate)
		return poisson(g, l, math.Exp(-l))
	}
	return 0
}

// countGiven draws the number of events in a year known to have at least
// one (the year the gap led to).
func (f *Frequency) countGiven(g *rng) int {
	if f.kind != freqPoisson {
		return 1
	}
	// Zero-truncated Poisson by inversion: the first k ≥ 1 whose
	// distribution function exceeds e^−λ + u(1 − e^−λ).
	t := f.expNeg + g.float64()*f.p0
	pk := f.expNeg
	cdf := pk
	k := 0
	for cdf <= t && k < 1000 {
		k++
		pk *= f.v / float64(k)
		cdf += pk
	}
	return max(k, 1)
}

// poisson draws a Poisson(l) variate given e^−l: by inversion below 10,
// by Hörmann's transformed rejection (PTRS, 1993) above.
func poisson(g *rng, l, expNeg float64) int {
	if l < 10 {
		u := g.float64()
		pk, cdf, k := expNeg, expNeg, 0
		for cdf <= u && k < 1000 {
			k++
			pk *= l / float64(k)
			cdf += pk
		}
		return k
	}
	slam, loglam := math.Sqrt(l), math.Log(l)
	b := 0.931 + 2.53*slam
	a := -0.059 + 0.02483*b
	invAlpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	for {
		u := g.float64() - 0.5
		v := g.float64()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + l + 0.43)
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		lg, _ := math.Lgamma(k + 1)
		if v > 0 && math.Log(v)+math.Log(invAlpha)-math.Log(a/(us*us)+b) <= -l+k*loglam-lg {
			return int(k)
		}
	}
}

func (f Frequency) spec() risk.QuantitativeFrequency {
	switch f.kind {
	case freqBernoulli:
		return risk.QuantitativeFrequency{Type: "bernoulli", Probability: f.v}
	case freqPoisson:
		return risk.QuantitativeFrequency{Type: "poisson", Rate: f.v}
	case freqRate:
		return risk.QuantitativeFrequency{Type: "poisson_rate", RateDistribution: f.rate.spec()}
	}
	return risk.QuantitativeFrequency{}
}

func freqFromSpec(q risk.QuantitativeFrequency) Frequency {
	bad := func(format string, args ...any) Frequency {
		return Frequency{kind: freqInvalid, msg: fmt.Sprintf(format, args...)}
	}
	switch q.Type {
	case "":
		if q != (risk.QuantitativeFrequency{}) {
			return bad("frequency type is required")
		}
		return Frequency{}
	case "bernoulli":
		if q.Rate != 0 || q.RateDistribution != (risk.QuantitativeDistribution{}) {
			return bad("bernoulli: only probability may be given")
		}
		return Bernoulli(q.Probability)
	case "poisson":
		if q.Probability != 0 || q.RateDistribution != (risk.QuantitativeDistribution{}) {
			return bad("poisson: only rate may be given")
		}
		return Poisson(q.Rate)
	case "poisson_rate":
		if q.Probability != 0 || q.Rate != 0 {
			return bad("poisson_rate: only rate_distribution may be given")
		}
		return PoissonRate(distFromSpec(q.RateDistribution))
	}
	return bad("unknown frequency type %q (want bernoulli, poisson or poisson_rate)", q.Type)
}
