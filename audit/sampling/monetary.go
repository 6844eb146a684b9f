package sampling

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ismskit/ismskit/internal/stats"
	"github.com/ismskit/ismskit/isms"
)

// MonetaryPlan holds the parameters of a monetary-unit (dollar-unit,
// probability-proportional-to-size) sample for a test of details.
// Misstatements are fractions of the population value. Rates are read as
// exact decimals, as in AttributePlan, with at most MaxRateDecimals (18)
// decimal places.
type MonetaryPlan struct {
	// Confidence is 1 minus the risk of incorrect acceptance, strictly
	// between 0 and 1.
	Confidence float64 `json:"confidence"`
	// TolerableMisstatement is the largest misstatement, as a fraction of
	// the population value, that can be accepted; strictly between 0 and 1.
	TolerableMisstatement float64 `json:"tolerable_misstatement"`
	// ExpectedMisstatement is the misstatement the tester expects, as a
	// fraction of the population value; at least 0 and below
	// TolerableMisstatement.
	ExpectedMisstatement float64 `json:"expected_misstatement"`
	// PopulationValue is the recorded value of the population, or 0 when
	// not given; at most MaxPopulationValue. It sets the sampling interval
	// and turns the bounds into amounts.
	PopulationValue float64 `json:"population_value,omitempty"`
}

// MaxPopulationValue is the largest PopulationValue a monetary plan
// accepts: 2^53, the largest amount below which float64 holds every whole
// currency unit exactly.
const MaxPopulationValue = 1 << 53

// MonetaryResult is a planned monetary-unit sample and the trace of how
// its size was found.
type MonetaryResult struct {
	// Plan is the plan as applied.
	Plan MonetaryPlan `json:"plan"`
	// SampleSize is n, the smallest sample size that meets the plan.
	SampleSize int `json:"sample_size"`
	// ExpectedTaints is n x ExpectedMisstatement, the sum of taints the
	// plan allows for, left unrounded.
	ExpectedTaints float64 `json:"expected_taints"`
	// Bound is the Poisson upper bound at n with the expected taints found:
	// GammaQuantile(Confidence; 1 + ExpectedTaints, rate n). It is below
	// TolerableMisstatement.
	Bound float64 `json:"bound"`
	// PreviousBound is the same bound at n - 1 (1 at n = 1), which is not
	// below TolerableMisstatement.
	PreviousBound float64 `json:"previous_bound"`
	// SamplingInterval is PopulationValue / n, or 0 when no population
	// value is given.
	SamplingInterval float64 `json:"sampling_interval,omitempty"`
	// Explanation traces the rule and the arithmetic.
	Explanation Explanation `json:"explanation"`
}

// MonetarySampleSize returns the smallest sample size n for a
// monetary-unit sample on the Poisson model: the smallest n with
// GammaQuantile(Confidence; shape 1 + n x ExpectedMisstatement, rate n) <
// TolerableMisstatement, the Poisson upper bound with the expected taint
// left unrounded. With no expected misstatement at 95% confidence and a
// tolerable misstatement of 5% it is 60 (3.0 / 0.05 rounded up).
//
// The error wraps isms.ErrInvalid for an invalid plan, and when no n up to
// MaxSampleSize meets the plan.
func MonetarySampleSize(p MonetaryPlan) (int, error) {
	r, err := planMonetary(p)
	if err != nil {
		return 0, wrap("monetary sample size", err)
	}
	return r.SampleSize, nil
}

// monParams is a validated monetary plan.
type monParams struct {
	plan          MonetaryPlan
	alpha, pt, pe stats.Frac
	alphaF        float64
	ptF, peF      float64
}

// Validate reports every problem with the plan. The error is an
// *isms.ValidationError with Subject "monetary plan" and answers
// errors.Is(err, isms.ErrInvalid).
func (p MonetaryPlan) Validate() error {
	_, err := p.params()
	return err
}

func (p MonetaryPlan) params() (*monParams, error) {
	var ps isms.Problems
	mp := &monParams{plan: p}
	conf := fracField(&ps, "confidence", p.Confidence, false)
	mp.pt = fracField(&ps, "tolerable_misstatement", p.TolerableMisstatement, false)
	mp.pe = fracField(&ps, "expected_misstatement", p.ExpectedMisstatement, true)
	if p.ExpectedMisstatement >= p.TolerableMisstatement && p.TolerableMisstatement > 0 && p.TolerableMisstatement < 1 {
		ps.Add("expected_misstatement", isms.CodeOutOfRange, "expected_misstatement must be below tolerable_misstatement")
	}
	if !(p.PopulationValue >= 0 && p.PopulationValue <= MaxPopulationValue) { // NaN fails both
		ps.Addf("population_value", isms.CodeOutOfRange, "population_value must be between 0 and %d, got %s", int64(MaxPopulationValue), fmtNum(p.PopulationValue))
	}
	if err := ps.Err("monetary plan"); err != nil {
		return nil, err
	}
	mp.alpha = conf.Complement()
	mp.alphaF = mp.alpha.Float()
	mp.ptF = mp.pt.Float()
	mp.peF = mp.pe.Float()
	return mp, nil
}

// bound returns the Poisson upper bound GammaQuantile(1 - alpha; 1 + taints,
// rate n).
func (mp *monParams) bound(n int) float64 {
	if n == 0 {
		return 1
	}
	return stats.GammaUpperQuantile(mp.alphaF, 1+float64(n)*mp.peF) / float64(n)
}

// PlanMonetary finds the sample size of a monetary-unit plan as
// MonetarySampleSize does and returns it with the bounds at n and n - 1,
// the sampling interval and the explanation.
//
// The test at each n is Q(1 + n x ExpectedMisstatement, n x
// TolerableMisstatement) < 1 - Confidence, Q the regularized upper
// incomplete gamma function, which is the quantile condition without
// inverting the gamma distribution. No n below -ln(1 - Confidence) /
// TolerableMisstatement can meet it (the bound only grows with the
// expected taint), so the scan starts there.
func PlanMonetary(p MonetaryPlan) (MonetaryResult, error) {
	r, err := planMonetary(p)
	if err != nil {
		return MonetaryResult{}, wrap("plan monetary", err)
	}
	return r, nil
}

// planMonetary is PlanMonetary with unprefixed errors.
func planMonetary(p MonetaryPlan) (MonetaryResult, error) {
	mp, err := p.params()
	if err != nil {
		return MonetaryResult{}, err
	}
	start := max(1, int(math.Floor(-math.Log(mp.alphaF)/mp.ptF))-1)
	n := 0
	for c := start; c <= MaxSampleSize; c++ {
		shape := 1 + float64(c)*mp.peF
		if stats.RegGammaQ(shape, float64(c)*mp.ptF) < mp.alphaF {
			n = c
			break
		}
	}
	if n == 0 {
		return MonetaryResult{}, isms.Invalidf(
			"no monetary-unit sample of at most %d items meets confidence %s, tolerable misstatement %s, expected misstatement %s",
			MaxSampleSize, fmtNum(p.Confidence), fmtNum(p.TolerableMisstatement), fmtNum(p.ExpectedMisstatement))
	}
	r := MonetaryResult{
		Plan:           p,
		SampleSize:     n,
		ExpectedTaints: float64(n) * mp.peF,
		Bound:          mp.bound(n),
		PreviousBound:  mp.bound(n - 1),
	}
	if p.PopulationValue > 0 {
		r.SamplingInterval = p.PopulationValue / float64(n)
	}
	conf := fmtNum(p.Confidence)
	e := Explanation{
		Rule: "smallest n such that the Poisson upper bound GammaQuantile(confidence; shape 1 + n x expected_misstatement, rate n) is below tolerable_misstatement",
		Inputs: []ExplanationInput{
			{"confidence", conf},
			{"tolerable_misstatement", fmtNum(p.TolerableMisstatement)},
			{"expected_misstatement", fmtNum(p.ExpectedMisstatement)},
			{"population_value", fmtNum(p.PopulationValue)},
		},
		Steps: []string{
			fmt.Sprintf("at n = %d: expected taints = %d x %s = %s; bound = GammaQuantile(%s; %s, %d) = %s < %s",
				n, n, fmtNum(p.ExpectedMisstatement), fmtExactProduct(mp.pe, n), conf,
				fmtProb(1+r.ExpectedTaints), n, fmtProb(r.Bound), fmtNum(p.TolerableMisstatement)),
		},
	}
	if n > 1 {
		e.Steps = append(e.Steps, fmt.Sprintf("at n = %d: expected taints = %s; bound = %s >= %s",
			n-1, fmtExactProduct(mp.pe, n-1), fmtProb(r.PreviousBound), fmtNum(p.TolerableMisstatement)))
	}
	if r.SamplingInterval > 0 {
		e.Steps = append(e.Steps, fmt.Sprintf("sampling interval = %s / %d = %s",
			fmtNum(p.PopulationValue), n, fmtProb(r.SamplingInterval)))
	}
	e.Outcome = fmt.Sprintf("sample %d monetary units", n)
	r.Explanation = e
	return r, nil
}

// MonetaryBound names the upper bound that decides a monetary-unit
// evaluation.
type MonetaryBound string

// Monetary bounds.
const (
	// BoundStringer is the Stringer bound with Poisson factors: the basic
	// precision plus each taint, largest first, times the increment of the
	// Poisson upper-limit factor it adds. It is the classic, conservative
	// evaluation of monetary-unit samples.
	BoundStringer MonetaryBound = "stringer"
	// BoundPoisson is the Poisson bound on the sum of taints:
	// GammaQuantile(Confidence; 1 + sum of taints, rate n).
	BoundPoisson MonetaryBound = "poisson"
)

var monetaryBoundValues = []MonetaryBound{BoundStringer, BoundPoisson}

// MonetaryBoundValues returns every MonetaryBound.
func MonetaryBoundValues() []MonetaryBound { return slices.Clone(monetaryBoundValues) }

// IsValid reports whether b is a known MonetaryBound.
func (b MonetaryBound) IsValid() bool { return slices.Contains(monetaryBoundValues, b) }

// UnmarshalText accepts known bounds, and an explicit empty value as the
// default (BoundStringer), as the zero MonetaryBound means in
// MonetaryOptions.
func (b *MonetaryBound) UnmarshalText(t []byte) error {
	return unmarshalEnumOrDefault(b, "monetary bound", t, monetaryBoundValues)
}

// MonetaryOptions tunes EvaluateMonetary. A nil *MonetaryOptions means the
// defaults.
type MonetaryOptions struct {
	// Bound selects the bound that decides the conclusion; empty means
	// BoundStringer. Both bounds are always reported.
	Bound MonetaryBound `json:"bound,omitempty"`
}

// MonetaryEvaluation is the evaluation of a monetary-unit sample.
type MonetaryEvaluation struct {
	// Plan is the plan evaluated against.
	Plan MonetaryPlan `json:"plan"`
	// SampleSize is the number of monetary units sampled.
	SampleSize int `json:"sample_size"`
	// Taints are the non-zero taints found (misstatement / recorded value of
	// each misstated item), largest first.
	Taints []float64 `json:"taints,omitempty"`
	// MostLikely is the most likely misstatement, the sum of taints / n, as
	// a fraction of the population value.
	MostLikely float64 `json:"most_likely"`
	// Factors are the Poisson upper-limit factors GammaQuantile(Confidence;
	// i + 1) for i = 0 ... len(Taints).
	Factors []float64 `json:"factors"`
	// StringerBound is the Stringer upper misstatement bound, as a
	// fraction of the population value.
	StringerBound float64 `json:"stringer_bound"`
	// PoissonBound is the Poisson upper misstatement bound, as a fraction
	// of the population value.
	PoissonBound float64 `json:"poisson_bound"`
	// Bound names the bound that decided the conclusion.
	Bound MonetaryBound `json:"bound"`
	// UpperBound is the value of that bound.
	UpperBound float64 `json:"upper_bound"`
	// Allowance is UpperBound - MostLikely, the allowance for sampling
	// risk.
	Allowance float64 `json:"allowance"`
	// MostLikelyAmount is MostLikely times PopulationValue (0 when no
	// value is given).
	MostLikelyAmount float64 `json:"most_likely_amount,omitempty"`
	// UpperBoundAmount is UpperBound times PopulationValue (0 when no
	// value is given).
	UpperBoundAmount float64 `json:"upper_bound_amount,omitempty"`
	// Conclusion is rely as planned (accept the recorded value) when
	// UpperBound is below TolerableMisstatement.
	Conclusion Conclusion `json:"conclusion"`
	// Explanation traces the rule and the arithmetic.
	Explanation Explanation `json:"explanation"`
}

// EvaluateMonetary evaluates a monetary-unit sample of sampleSize units in
// which the listed taints were found. A taint is an item's overstatement as
// a fraction of its recorded value, in [0, 1]; zeros are ignored. It
// returns the most likely misstatement, the Stringer and Poisson upper
// bounds and the conclusion with its explanation.
//
// The Stringer bound is (F(0) + sum_i (F(i) - F(i-1)) t_i) / n with the
// taints t_1 >= t_2 >= ... and F(i) = GammaQuantile(Confidence; i + 1),
// the Poisson upper-limit factor for i misstatements (3.00, 4.75, 6.30, ...
// at 95%). The Poisson bound is GammaQuantile(Confidence; 1 + sum t_i) / n.
//
// The error wraps isms.ErrInvalid for an invalid plan or options, a sample
// size outside [1, MaxSampleSize], more taints than sampled units, or a
// taint outside [0, 1].
func EvaluateMonetary(p MonetaryPlan, sampleSize int, taints []float64, opts *MonetaryOptions) (MonetaryEvaluation, error) {
	ev, err := evaluateMonetary(p, sampleSize, taints, opts)
	if err != nil {
		return MonetaryEvaluation{}, wrap("evaluate monetary", err)
	}
	return ev, nil
}

// evaluateMonetary is EvaluateMonetary with unprefixed errors.
func evaluateMonetary(p MonetaryPlan, sampleSize int, taints []float64, opts *MonetaryOptions) (MonetaryEvaluation, error) {
	mp, err := p.params()
	if err != nil {
		return MonetaryEvaluation{}, err
	}
	bound := BoundStringer
	if opts != nil && opts.Bound != "" {
		bound = opts.Bound
	}
	var ps isms.Problems
	if !bound.IsValid() {
		ps.Addf("bound", isms.CodeUnknown, "unknown bound %q", string(bound))
	}
	if sampleSize < 1 || sampleSize > MaxSampleSize {
		ps.Addf("sample_size", isms.CodeOutOfRange, "sample size must be between 1 and %d, got %d", MaxSampleSize, sampleSize)
	}
	if len(taints) > sampleSize {
		ps.Addf("taints", isms.CodeOutOfRange, "%d taints exceed the %d sampled units", len(taints), sampleSize)
	}
	ts := make([]float64, 0, len(taints))
	for i, t := range taints {
		if math.IsNaN(t) || t < 0 || t > 1 {
			ps.Addf(fmt.Sprintf("taints[%d]", i), isms.CodeOutOfRange, "taint must be between 0 and 1, got %s", fmtNum(t))
			continue
		}
		if t > 0 {
			ts = append(ts, t)
		}
	}
	if err := ps.Err("monetary evaluation"); err != nil {
		return MonetaryEvaluation{}, err
	}
	slices.SortFunc(ts, func(a, b float64) int { return -cmpFloat(a, b) })
	n := float64(sampleSize)
	ev := MonetaryEvaluation{Plan: p, SampleSize: sampleSize, Taints: ts, Bound: bound}
	ev.Factors = make([]float64, len(ts)+1)
	for i := range ev.Factors {
		ev.Factors[i] = stats.GammaUpperQuantile(mp.alphaF, float64(i+1))
	}
	sum := 0.0
	stringer := ev.Factors[0]
	var terms []string
	for i, t := range ts {
		sum += t
		inc := ev.Factors[i+1] - ev.Factors[i]
		stringer += inc * t
		terms = append(terms, fmt.Sprintf("(%s - %s) x %s", fmtProb(ev.Factors[i+1]), fmtProb(ev.Factors[i]), fmtNum(t)))
	}
	ev.MostLikely = sum / n
	ev.StringerBound = stringer / n
	ev.PoissonBound = stats.GammaUpperQuantile(mp.alphaF, 1+sum) / n
	ev.UpperBound = ev.StringerBound
	if bound == BoundPoisson {
		ev.UpperBound = ev.PoissonBound
	}
	ev.Allowance = max(0, ev.UpperBound-ev.MostLikely)
	if p.PopulationValue > 0 {
		ev.MostLikelyAmount = ev.MostLikely * p.PopulationValue
		ev.UpperBoundAmount = ev.UpperBound * p.PopulationValue
	}
	conf := fmtNum(p.Confidence)
	stringerSum := fmtProb(ev.Factors[0])
	if len(terms) > 0 {
		stringerSum += " + " + strings.Join(terms, " + ")
	}
	e := Explanation{
		Rule: fmt.Sprintf("rely as planned when the %s upper misstatement bound at the plan's confidence is below the tolerable misstatement", bound),
		Inputs: []ExplanationInput{
			{"confidence", conf},
			{"tolerable_misstatement", fmtNum(p.TolerableMisstatement)},
			{"population_value", fmtNum(p.PopulationValue)},
			{"sample_size", fmtInt(sampleSize)},
			{"taints", fmtTaints(ts)},
		},
		Steps: []string{
			fmt.Sprintf("most likely misstatement = %s / %d = %s", fmtProb(sum), sampleSize, fmtProb(ev.MostLikely)),
			fmt.Sprintf("Stringer bound = (%s) / %d = %s", stringerSum, sampleSize, fmtProb(ev.StringerBound)),
			fmt.Sprintf("Poisson bound = GammaQuantile(%s; 1 + %s, rate %d) = %s", conf, fmtProb(sum), sampleSize, fmtProb(ev.PoissonBound)),
			fmt.Sprintf("allowance for sampling risk = %s - %s = %s", fmtProb(ev.UpperBound), fmtProb(ev.MostLikely), fmtProb(ev.Allowance)),
		},
	}
	if p.PopulationValue > 0 {
		e.Steps = append(e.Steps, fmt.Sprintf("as amounts: most likely %s, upper bound %s of %s",
			fmtProb(ev.MostLikelyAmount), fmtProb(ev.UpperBoundAmount), fmtNum(p.PopulationValue)))
	}
	if ev.UpperBound < mp.ptF {
		ev.Conclusion = ConclusionRelyAsPlanned
		e.Outcome = fmt.Sprintf("rely as planned: the %s bound %s is below the tolerable misstatement %s", bound, fmtProb(ev.UpperBound), fmtNum(p.TolerableMisstatement))
	} else {
		ev.Conclusion = ConclusionDoNotRely
		e.Outcome = fmt.Sprintf("do not rely as planned: the %s bound %s is not below the tolerable misstatement %s", bound, fmtProb(ev.UpperBound), fmtNum(p.TolerableMisstatement))
	}
	ev.Explanation = e
	return ev, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func fmtTaints(ts []float64) string {
	if len(ts) == 0 {
		return "none"
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmtNum(t)
	}
	return strings.Join(parts, ", ")
}
