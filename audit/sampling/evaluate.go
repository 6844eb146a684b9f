package sampling

import (
	"fmt"
	"slices"

	"github.com/ismskit/ismskit/internal/stats"
	"github.com/ismskit/ismskit/isms"
)

// Conclusion is the verdict of an evaluated sample.
type Conclusion string

// Conclusions.
const (
	// ConclusionRelyAsPlanned: the upper limit is below the tolerable rate
	// (or tolerable misstatement), so the sample supports relying on the
	// control (or accepting the recorded value) as planned.
	ConclusionRelyAsPlanned Conclusion = "rely_as_planned"
	// ConclusionDoNotRely: the upper limit reaches the tolerable rate, so
	// the sample does not support reliance as planned; the tester reduces
	// the planned reliance, extends testing, or tests other controls.
	ConclusionDoNotRely Conclusion = "do_not_rely"
)

var conclusionValues = []Conclusion{ConclusionRelyAsPlanned, ConclusionDoNotRely}

// ConclusionValues returns every Conclusion.
func ConclusionValues() []Conclusion { return slices.Clone(conclusionValues) }

// IsValid reports whether c is a known Conclusion.
func (c Conclusion) IsValid() bool { return slices.Contains(conclusionValues, c) }

// UnmarshalText accepts only known conclusions.
func (c *Conclusion) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, "conclusion", b, conclusionValues)
}

// AttributeEvaluation is the evaluation of a test of controls: what the
// deviations found say about the population deviation rate.
type AttributeEvaluation struct {
	// Plan is the plan evaluated against, with Model resolved.
	Plan AttributePlan `json:"plan"`
	// SampleSize is the number of items tested.
	SampleSize int `json:"sample_size"`
	// Deviations is the number of deviations found in them.
	Deviations int `json:"deviations"`
	// AllowedDeviations is ceil(ExpectedRate x SampleSize), the deviations
	// the plan expected at most.
	AllowedDeviations int `json:"allowed_deviations"`
	// SampleRate is Deviations / SampleSize.
	SampleRate float64 `json:"sample_rate"`
	// UpperLimit is the upper deviation limit at the plan's confidence: the
	// Clopper-Pearson limit (binomial), the Poisson limit, or the
	// finite-population limit UpperLimitDeviations / Population
	// (hypergeometric).
	UpperLimit float64 `json:"upper_limit"`
	// UpperLimitDeviations is the population deviation count of the
	// hypergeometric limit; 0 for the other models.
	UpperLimitDeviations int `json:"upper_limit_deviations,omitempty"`
	// Allowance is the allowance for sampling risk, UpperLimit - SampleRate
	// (0 if the limit is below the sample rate, which happens only at
	// confidences below one half).
	Allowance float64 `json:"allowance"`
	// Risk is P(X <= Deviations) when the population rate is the tolerable
	// rate: the achieved risk of overreliance. Reliance is supported when
	// it is below 1 - Confidence.
	Risk float64 `json:"risk"`
	// Conclusion is the verdict: rely as planned when the upper limit is
	// below the tolerable rate (decided exactly, as Risk < 1 - Confidence).
	Conclusion Conclusion `json:"conclusion"`
	// Explanation traces the rule and the arithmetic.
	Explanation Explanation `json:"explanation"`
}

// EvaluateAttribute evaluates a test of controls: deviations found in a
// sample of sampleSize items, against the plan's confidence and tolerable
// rate (the plan's expected rate only sets AllowedDeviations). It returns
// the sample deviation rate, the upper deviation limit, the allowance for
// sampling risk and the conclusion with its explanation.
//
// The sample size need not be the planned one. The error wraps
// isms.ErrInvalid for an invalid plan, a sample size outside [1,
// MaxPopulation] (or above the population), or deviations outside [0,
// sampleSize].
func EvaluateAttribute(p AttributePlan, sampleSize, deviations int) (AttributeEvaluation, error) {
	ev, err := evaluateAttribute(p, sampleSize, deviations)
	if err != nil {
		return AttributeEvaluation{}, wrap("evaluate attribute", err)
	}
	return ev, nil
}

// evaluateAttribute is EvaluateAttribute with unprefixed errors.
func evaluateAttribute(p AttributePlan, sampleSize, deviations int) (AttributeEvaluation, error) {
	ap, err := p.params()
	if err != nil {
		return AttributeEvaluation{}, err
	}
	if _, err := limitArgs(sampleSize, deviations, p.Confidence); err != nil {
		return AttributeEvaluation{}, err
	}
	if ap.plan.Population > 0 && sampleSize > ap.plan.Population {
		return AttributeEvaluation{}, isms.Invalidf("sample size %d exceeds the population %d", sampleSize, ap.plan.Population)
	}
	n, d := sampleSize, deviations
	ev := AttributeEvaluation{
		Plan:              ap.plan,
		SampleSize:        n,
		Deviations:        d,
		AllowedDeviations: ap.allowed(n),
		SampleRate:        float64(d) / float64(n),
		Risk:              ap.cdf(n, d),
	}
	alpha := fmtExactProduct(ap.alpha, 1)
	e := Explanation{
		Inputs: []ExplanationInput{
			{"confidence", fmtNum(p.Confidence)},
			{"tolerable_rate", fmtNum(p.TolerableRate)},
			{"expected_rate", fmtNum(p.ExpectedRate)},
			{"population", populationText(p.Population)},
			{"model", string(ap.plan.Model)},
			{"sample_size", fmtInt(n)},
			{"deviations", fmtInt(d)},
		},
		Steps: []string{fmt.Sprintf("sample deviation rate = %d / %d = %s", d, n, fmtProb(ev.SampleRate))},
	}
	switch ap.plan.Model {
	case ModelBinomial:
		ev.UpperLimit = binomialUpper(n, d, ap.alpha)
		e.Rule = "rely as planned when the upper deviation limit is below the tolerable rate, that is when P(X <= deviations) < 1 - confidence for X ~ Binomial(sample_size, tolerable_rate)"
		e.Steps = append(e.Steps, fmt.Sprintf("upper deviation limit = p with P(X <= %d | n = %d, p) = %s (Clopper-Pearson) = %s",
			d, n, alpha, fmtProb(ev.UpperLimit)))
	case ModelHypergeometric:
		m := hyperUpper(n, d, ap.plan.Population, ap.alpha)
		ev.UpperLimit = float64(m) / float64(ap.plan.Population)
		ev.UpperLimitDeviations = m
		e.Rule = "rely as planned when the upper deviation limit is below the tolerable rate, that is when P(X <= deviations) < 1 - confidence for X ~ Hypergeometric(population, ceil(tolerable_rate x population), sample_size)"
		e.Steps = append(e.Steps, fmt.Sprintf("upper deviation limit = largest M with P(X <= %d | N = %d, M, n = %d) >= %s, M = %d, rate %d / %d = %s",
			d, ap.plan.Population, n, alpha, m, m, ap.plan.Population, fmtProb(ev.UpperLimit)))
	default:
		ev.UpperLimit = stats.GammaUpperQuantile(ap.alphaF, float64(d+1)) / float64(n)
		e.Rule = "rely as planned when the upper deviation limit is below the tolerable rate, that is when P(X <= deviations) < 1 - confidence for X ~ Poisson(sample_size x tolerable_rate)"
		e.Steps = append(e.Steps, fmt.Sprintf("upper deviation limit = lambda / n with P(X <= %d | Poisson(lambda)) = %s: %s / %d = %s",
			d, alpha, fmtProb(ev.UpperLimit*float64(n)), n, fmtProb(ev.UpperLimit)))
		if ev.UpperLimit > 1 {
			// The Poisson model approximates the binomial; a deviation
			// rate cannot exceed 1.
			ev.UpperLimit = 1
			e.Steps = append(e.Steps, "upper deviation limit capped at 1: a deviation rate cannot exceed 1")
		}
	}
	ev.Allowance = max(0, ev.UpperLimit-ev.SampleRate)
	e.Steps = append(e.Steps, fmt.Sprintf("allowance for sampling risk = %s - %s = %s",
		fmtProb(ev.UpperLimit), fmtProb(ev.SampleRate), fmtProb(ev.Allowance)))
	if ap.plan.Model == ModelHypergeometric {
		e.Steps = append(e.Steps, fmt.Sprintf("population deviations at the tolerable rate M = ceil(%s x %d) = %d",
			fmtNum(p.TolerableRate), ap.plan.Population, ap.populationDeviations))
	}
	if rely, _ := ap.below(ev.Risk, 0, n, d); rely {
		ev.Conclusion = ConclusionRelyAsPlanned
		e.Steps = append(e.Steps, fmt.Sprintf("P(X <= %d) at the tolerable rate %s = %s < %s",
			d, fmtNum(p.TolerableRate), fmtProb(ev.Risk), alpha))
		e.Outcome = fmt.Sprintf("rely as planned: the upper deviation limit %s is below the tolerable rate %s at %s confidence",
			fmtProb(ev.UpperLimit), fmtNum(p.TolerableRate), fmtNum(p.Confidence))
	} else {
		ev.Conclusion = ConclusionDoNotRely
		e.Steps = append(e.Steps, fmt.Sprintf("P(X <= %d) at the tolerable rate %s = %s >= %s",
			d, fmtNum(p.TolerableRate), fmtProb(ev.Risk), alpha))
		e.Outcome = fmt.Sprintf("do not rely as planned: the upper deviation limit %s is not below the tolerable rate %s at %s confidence",
			fmtProb(ev.UpperLimit), fmtNum(p.TolerableRate), fmtNum(p.Confidence))
	}
	if d > ev.AllowedDeviations {
		e.Steps = append(e.Steps, fmt.Sprintf("the sample shows %s, more than the %d the plan expected (ceil(%s x %d))",
			plural(d, "deviation"), ev.AllowedDeviations, fmtNum(p.ExpectedRate), n))
	}
	ev.Explanation = e
	return ev, nil
}
