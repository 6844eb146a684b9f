package fair

import (
	"fmt"
	"math"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// Limits on parameters, so that no valid scenario can overflow to an
// infinite or NaN loss.
const (
	// MaxValue is the largest parameter a distribution accepts (a
	// quadrillion currency units).
	MaxValue = 1e15
	// MaxLognormalRatio is the largest High/Low ratio of LognormalCI90.
	MaxLognormalRatio = 1e9
	// MaxPERTShape is the largest shape of PERTShape.
	MaxPERTShape = 1e6
)

// z95 is the 95th percentile of the standard normal distribution.
const z95 = 1.6448536269514722

type distKind uint8

const (
	distNone distKind = iota
	distConstant
	distUniform
	distTriangular
	distPERT
	distLognormal
	distNormal
	distInvalid
)

var distNames = [...]string{
	distNone: "", distConstant: "constant", distUniform: "uniform", distTriangular: "triangular",
	distPERT: "pert", distLognormal: "lognormal_ci90", distNormal: "normal", distInvalid: "invalid",
}

// Distribution is the distribution of one non-negative quantity: a loss
// magnitude, a rate, a probability, a capability. Build one with Constant,
// Uniform, Triangular, PERT, PERTShape, LognormalCI90 or Normal; a
// constructor given bad parameters returns a Distribution that reports
// them from Validate (and that every scenario using it refuses). The zero
// Distribution is "absent": an optional node of a Scenario that is not
// given.
//
// A Distribution is a small immutable value: copy and share it freely.
type Distribution struct {
	kind distKind
	p    [4]float64 // parameters as given
	c    [4]float64 // precomputed sampling constants
	msg  string     // why the parameters are invalid
	// tab is the sampling table of a PERT in a compiled model (withTable);
	// nil in the values users build, hold and compare.
	tab *pertTable
}

// withTable returns d ready for sampling in a compiled model: a PERT gets
// its table (pertTable), unless it is too narrow for one.
func (d Distribution) withTable() Distribution {
	if d.kind == distPERT && d.tab == nil {
		d.tab = newPERTTable(&d)
	}
	return d
}

func invalidDist(format string, args ...any) Distribution {
	return Distribution{kind: distInvalid, msg: fmt.Sprintf(format, args...)}
}

func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// checkRange reports the first parameter outside [0, MaxValue].
func checkRange(name string, xs ...float64) string {
	if !finite(xs...) {
		return name + ": parameters must be finite numbers"
	}
	for _, x := range xs {
		if x < 0 || x > MaxValue {
			return fmt.Sprintf("%s: parameter %g is outside [0, %g]", name, x, float64(MaxValue))
		}
	}
	return ""
}

// Constant is the distribution of a quantity that is always v (0 ≤ v ≤
// MaxValue).
func Constant(v float64) Distribution {
	if m := checkRange("constant", v); m != "" {
		return invalidDist("%s", m)
	}
	return Distribution{kind: distConstant, p: [4]float64{v}}
}

// Uniform is the uniform distribution on [min, max], 0 ≤ min ≤ max ≤
// MaxValue. Its mean is (min+max)/2.
func Uniform(min, max float64) Distribution {
	if m := checkRange("uniform", min, max); m != "" {
		return invalidDist("%s", m)
	}
	if min > max {
		return invalidDist("uniform: min %g is greater than max %g", min, max)
	}
	return Distribution{kind: distUniform, p: [4]float64{min, max}, c: [4]float64{max - min}}
}

func checkMinModeMax(name string, min, mode, max float64) string {
	if m := checkRange(name, min, mode, max); m != "" {
		return m
	}
	if !(min < max) {
		return fmt.Sprintf("%s: min %g must be less than max %g", name, min, max)
	}
	if mode < min || mode > max {
		return fmt.Sprintf("%s: mode %g is outside [min %g, max %g]", name, mode, min, max)
	}
	return ""
}

// Triangular is the triangular distribution on [min, max] with its peak at
// mode: 0 ≤ min ≤ mode ≤ max ≤ MaxValue and min < max. Its mean is
// (min+mode+max)/3. It is drawn by inverting its distribution function.
func Triangular(min, mode, max float64) Distribution {
	if m := checkMinModeMax("triangular", min, mode, max); m != "" {
		return invalidDist("%s", m)
	}
	w := max - min
	return Distribution{kind: distTriangular, p: [4]float64{min, mode, max},
		c: [4]float64{(mode - min) / w, w * (mode - min), w * (max - mode)}}
}

// PERT is the PERT (beta-PERT) distribution on [min, max] with mode mode,
// in the standard parameterisation of Vose and of mc2d (shape 4):
// min + (max−min)·Beta(α, β) with α = 1 + 4(mode−min)/(max−min) and
// β = 1 + 4(max−mode)/(max−min). Its mean is (min + 4·mode + max)/6.
// 0 ≤ min ≤ mode ≤ max ≤ MaxValue and min < max.
func PERT(min, mode, max float64) Distribution { return pert("pert", min, mode, max, 4) }

// PERTShape is PERT with shape λ in place of 4 (0 < λ ≤ MaxPERTShape):
// α = 1 + λ(mode−min)/(max−min), β = 1 + λ(max−mode)/(max−min), mean
// (min + λ·mode + max)/(λ+2). A larger shape concentrates the
// distribution around the mode.
func PERTShape(min, mode, max, shape float64) Distribution {
	return pert("pert", min, mode, max, shape)
}

func pert(name string, min, mode, max, shape float64) Distribution {
	if m := checkMinModeMax(name, min, mode, max); m != "" {
		return invalidDist("%s", m)
	}
	if !finite(shape) || !(shape > 0) || shape > MaxPERTShape {
		return invalidDist("%s: shape %g is outside (0, %g]", name, shape, float64(MaxPERTShape))
	}
	w := max - min
	a := 1 + shape*(mode-min)/w
	b := 1 + shape*(max-mode)/w
	da, db := a-1.0/3, b-1.0/3
	return Distribution{kind: distPERT, p: [4]float64{min, mode, max, shape},
		c: [4]float64{da, 1 / math.Sqrt(9*da), db, 1 / math.Sqrt(9*db)}}
}

// LognormalCI90 is the lognormal distribution whose 5th and 95th
// percentiles are low and high (0 < low < high ≤ MaxValue, high/low ≤
// MaxLognormalRatio): ln X is normal with μ = (ln low + ln high)/2 and
// σ = (ln high − ln low)/(2·1.6448536…). Its median is √(low·high) and
// its mean exp(μ + σ²/2).
func LognormalCI90(low, high float64) Distribution {
	if m := checkRange("lognormal_ci90", low, high); m != "" {
		return invalidDist("%s", m)
	}
	if !(low > 0) || !(low < high) {
		return invalidDist("lognormal_ci90: need 0 < low < high, got low %g, high %g", low, high)
	}
	if high/low > MaxLognormalRatio {
		return invalidDist("lognormal_ci90: high/low = %g exceeds %g", high/low, float64(MaxLognormalRatio))
	}
	ll, lh := math.Log(low), math.Log(high)
	return Distribution{kind: distLognormal, p: [4]float64{low, high},
		c: [4]float64{(ll + lh) / 2, (lh - ll) / (2 * z95)}}
}

// Normal is the normal distribution of mean mean and standard deviation sd
// truncated at zero (draws below zero are redrawn), as every quantity of
// the factor tree is non-negative: 0 ≤ mean ≤ MaxValue, 0 < sd ≤
// MaxValue. Mean reports the mean of the truncated distribution,
// mean + sd·φ(a)/(1−Φ(a)) with a = −mean/sd.
func Normal(mean, sd float64) Distribution {
	if m := checkRange("normal", mean, sd); m != "" {
		return invalidDist("%s", m)
	}
	if !(sd > 0) {
		return invalidDist("normal: sd %g must be positive", sd)
	}
	return Distribution{kind: distNormal, p: [4]float64{mean, sd}}
}

// IsZero reports whether d is the zero (absent) Distribution.
func (d Distribution) IsZero() bool { return d.kind == distNone }

// Type returns the distribution's name as stored in a
// risk.QuantitativeDistribution ("pert", "lognormal_ci90"); "" for the
// zero Distribution and "invalid" for one built with bad parameters.
func (d Distribution) Type() string { return distNames[d.kind] }

// Validate returns nil for a distribution built with valid parameters,
// and an error answering isms.ErrInvalid for the zero Distribution or one
// built with bad parameters.
func (d Distribution) Validate() error {
	if m := d.problem(); m != "" {
		return isms.Invalidf("fair: distribution: %s", m)
	}
	return nil
}

func (d Distribution) problem() string {
	switch d.kind {
	case distNone:
		return "no distribution given"
	case distInvalid:
		return d.msg
	}
	return ""
}

// Mean returns the analytic mean of d; 0 for the zero or an invalid
// Distribution (see Validate).
func (d Distribution) Mean() float64 {
	p := d.p
	switch d.kind {
	case distConstant:
		return p[0]
	case distUniform:
		return (p[0] + p[1]) / 2
	case distTriangular:
		return (p[0] + p[1] + p[2]) / 3
	case distPERT:
		return (p[0] + p[3]*p[1] + p[2]) / (p[3] + 2)
	case distLognormal:
		return math.Exp(d.c[0] + d.c[1]*d.c[1]/2)
	case distNormal:
		a := -p[0] / p[1]
		phi := math.Exp(-a*a/2) / math.Sqrt(2*math.Pi)
		tail := math.Erfc(a/math.Sqrt2) / 2 // 1 − Φ(a) ≥ 1/2 as mean ≥ 0
		return p[0] + p[1]*phi/tail
	}
	return 0
}

// bounds returns the support of d; hi is +Inf for unbounded
// distributions.
func (d Distribution) bounds() (lo, hi float64) {
	switch d.kind {
	case distConstant:
		return d.p[0], d.p[0]
	case distUniform:
		return d.p[0], d.p[1]
	case distTriangular, distPERT:
		return d.p[0], d.p[2]
	case distLognormal, distNormal:
		return 0, math.Inf(1)
	}
	return 0, 0
}

// String describes d ("PERT(20, 100, 900)").
func (d Distribution) String() string {
	p := d.p
	switch d.kind {
	case distConstant:
		return fmt.Sprintf("Constant(%g)", p[0])
	case distUniform:
		return fmt.Sprintf("Uniform(%g, %g)", p[0], p[1])
	case distTriangular:
		return fmt.Sprintf("Triangular(%g, %g, %g)", p[0], p[1], p[2])
	case distPERT:
		if p[3] == 4 {
			return fmt.Sprintf("PERT(%g, %g, %g)", p[0], p[1], p[2])
		}
		return fmt.Sprintf("PERTShape(%g, %g, %g, %g)", p[0], p[1], p[2], p[3])
	case distLognormal:
		return fmt.Sprintf("LognormalCI90(%g, %g)", p[0], p[1])
	case distNormal:
		return fmt.Sprintf("Normal(%g, %g)", p[0], p[1])
	case distInvalid:
		return "invalid: " + d.msg
	}
	return "none"
}

// sample draws one value of a valid, non-zero d.
func (d *Distribution) sample(g *rng) float64 {
	switch d.kind {
	case distConstant:
		return d.p[0]
	case distUniform:
		return d.p[0] + d.c[0]*g.float64()
	case distTriangular:
		u := g.float64()
		if u < d.c[0] {
			return d.p[0] + math.Sqrt(u*d.c[1])
		}
		return d.p[2] - math.Sqrt((1-u)*d.c[2])
	case distPERT:
		if d.tab != nil {
			return d.tab.sample(g)
		}
		x := gamma(g, d.c[0], d.c[1])
		y := gamma(g, d.c[2], d.c[3])
		return d.p[0] + (d.p[2]-d.p[0])*(x/(x+y))
	case distLognormal:
		return expFast(d.c[0] + d.c[1]*g.norm())
	case distNormal:
		for {
			if x := d.p[0] + d.p[1]*g.norm(); x >= 0 {
				return x
			}
		}
	}
	return 0
}

// gamma draws a Gamma(a, 1) variate for a ≥ 1 by the method of Marsaglia
// and Tsang (2000), given d = a − 1/3 and c = 1/√(9d).
//
// It is the hot path of PERT sampling, so the ziggurat's fast path and
// the uniform are written out here (same draws as g.norm and g.float64).
func gamma(g *rng, d, c float64) float64 {
	for {
		r := g.pcg.Uint64()
		i := r & 0x7f
		j := int64(r) >> 8
		x := float64(j) * zig.w[i]
		if !(j < zig.k[i] && -j < zig.k[i]) {
			var ok bool
			if x, ok = g.normSlow(i, j, x); !ok {
				continue
			}
		}
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := float64(g.pcg.Uint64()>>11) * 0x1p-53
		x2 := x * x
		if u < 1-0.0331*x2*x2 {
			return d * v
		}
		if u > 0 && logFast(u) < 0.5*x2+d*(1-v+logFast(v)) {
			return d * v
		}
	}
}

// spec returns d as stored in a risk.QuantitativeDistribution.
func (d Distribution) spec() risk.QuantitativeDistribution {
	p := d.p
	q := risk.QuantitativeDistribution{Type: d.Type()}
	switch d.kind {
	case distConstant:
		q.Value = p[0]
	case distUniform:
		q.Min, q.Max = p[0], p[1]
	case distTriangular:
		q.Min, q.Mode, q.Max = p[0], p[1], p[2]
	case distPERT:
		q.Min, q.Mode, q.Max = p[0], p[1], p[2]
		if p[3] != 4 {
			q.Shape = p[3]
		}
	case distLognormal:
		q.Low, q.High = p[0], p[1]
	case distNormal:
		q.Mean, q.SD = p[0], p[1]
	default:
		return risk.QuantitativeDistribution{}
	}
	return q
}

// distFromSpec builds the distribution a stored
// risk.QuantitativeDistribution describes; the zero value gives the zero
// Distribution. Parameters the type does not use must be zero.
func distFromSpec(q risk.QuantitativeDistribution) Distribution {
	if q == (risk.QuantitativeDistribution{}) {
		return Distribution{}
	}
	type used struct{ value, min, mode, max, shape, low, high, mean, sd bool }
	var u used
	var d Distribution
	switch q.Type {
	case "constant":
		u.value, d = true, Constant(q.Value)
	case "uniform":
		u.min, u.max, d = true, true, Uniform(q.Min, q.Max)
	case "triangular":
		u.min, u.mode, u.max, d = true, true, true, Triangular(q.Min, q.Mode, q.Max)
	case "pert":
		u.min, u.mode, u.max, u.shape = true, true, true, true
		if q.Shape == 0 {
			d = PERT(q.Min, q.Mode, q.Max)
		} else {
			d = PERTShape(q.Min, q.Mode, q.Max, q.Shape)
		}
	case "lognormal_ci90":
		u.low, u.high, d = true, true, LognormalCI90(q.Low, q.High)
	case "normal":
		u.mean, u.sd, d = true, true, Normal(q.Mean, q.SD)
	default:
		return invalidDist("unknown distribution type %q (want constant, uniform, triangular, pert, lognormal_ci90 or normal)", q.Type)
	}
	for _, f := range []struct {
		name string
		used bool
		v    float64
	}{{"value", u.value, q.Value}, {"min", u.min, q.Min}, {"mode", u.mode, q.Mode}, {"max", u.max, q.Max},
		{"shape", u.shape, q.Shape}, {"low", u.low, q.Low}, {"high", u.high, q.High}, {"mean", u.mean, q.Mean}, {"sd", u.sd, q.SD}} {
		if !f.used && f.v != 0 {
			return invalidDist("%s: parameter %s is not used by this type", q.Type, f.name)
		}
	}
	return d
}
