package sampling

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ismskit/ismskit/internal/stats"
	"github.com/ismskit/ismskit/isms"
)

// MaxSampleSize is the largest sample size the planners consider, and the
// largest number of monetary units Select draws. A plan that needs more
// is reported as an error wrapping isms.ErrInvalid: such a test is better
// redesigned (a higher tolerable rate, a lower expected rate) or replaced
// by testing the whole population.
const MaxSampleSize = 100_000

// MaxPopulation is the largest population size a plan or a selection
// accepts.
const MaxPopulation = 1_000_000_000

// AttributePlan holds the parameters of a statistical test of controls
// (attribute sampling): how sure the tester must be that the population
// deviation rate is below the tolerable rate.
//
// Rates are decimal fractions (0.05 is 5%) and are read exactly: the
// shortest decimal that round-trips to the float64 is taken as the exact
// value, so 0.035 x 400 is exactly 14. A rate has at most MaxRateDecimals
// (18) decimal places; a finer one is refused.
type AttributePlan struct {
	// Confidence is 1 minus the risk of overreliance (assessing control
	// risk too low), such as 0.95 or 0.90. It lies strictly between 0 and 1.
	Confidence float64 `json:"confidence"`
	// TolerableRate is the highest population deviation rate at which the
	// control can still be relied on as planned, strictly between 0 and 1.
	TolerableRate float64 `json:"tolerable_rate"`
	// ExpectedRate is the population deviation rate the tester expects, at
	// least 0 and below TolerableRate. The plan allows
	// ceil(ExpectedRate x n) deviations in a sample of n.
	ExpectedRate float64 `json:"expected_rate"`
	// Population is the number of items in the population, or 0 for a large
	// population (sampling as if with replacement).
	Population int `json:"population,omitempty"`
	// Model is the distribution to plan with. Empty means binomial for a
	// large population (Population 0) and hypergeometric otherwise.
	Model Model `json:"model,omitempty"`
}

// AttributeResult is a planned attribute sample and the trace of how its
// size was found.
type AttributeResult struct {
	// Plan is the plan as applied, with Model resolved.
	Plan AttributePlan `json:"plan"`
	// SampleSize is n, the smallest sample size that meets the plan.
	SampleSize int `json:"sample_size"`
	// AllowedDeviations is k = ceil(ExpectedRate x n): the number of
	// deviations the sample may show and still support reliance as planned
	// (the parenthesised figure of the AICPA tables).
	AllowedDeviations int `json:"allowed_deviations"`
	// PopulationDeviations is ceil(TolerableRate x Population), the
	// deviations the hypergeometric model assumes the population holds; 0
	// for the other models.
	PopulationDeviations int `json:"population_deviations,omitempty"`
	// Risk is P(X <= k) at n when the true rate is the tolerable rate: the
	// risk of overreliance the sample achieves. It is below 1 - Confidence.
	Risk float64 `json:"risk"`
	// PreviousAllowedDeviations is k at n - 1 (0 at n = 1).
	PreviousAllowedDeviations int `json:"previous_allowed_deviations"`
	// PreviousRisk is P(X <= k) at n - 1, showing why n - 1 is not enough
	// (it is not below 1 - Confidence). At n = 1 it is 1, the probability
	// for the empty sample.
	PreviousRisk float64 `json:"previous_risk"`
	// Explanation traces the rule and the arithmetic.
	Explanation Explanation `json:"explanation"`
}

// AttributeSampleSize returns the smallest sample size n such that, with
// k = ceil(ExpectedRate x n) deviations allowed, P(X <= k) < 1 - Confidence
// when the population deviation rate equals TolerableRate. X follows the
// plan's model: Binomial(n, TolerableRate); Hypergeometric with
// ceil(TolerableRate x Population) deviations among Population items; or
// Poisson with mean n x TolerableRate.
//
// At 95% confidence, a 5% tolerable rate and no expected deviations it is
// 59; at 90%, 10% and 0% it is 22; at 95%, 5% and 1% it is 93. The error
// wraps isms.ErrInvalid for an invalid plan and for a plan that no sample
// of at most MaxSampleSize (or Population) items meets.
func AttributeSampleSize(p AttributePlan) (int, error) {
	r, err := planAttribute(p)
	if err != nil {
		return 0, wrap("attribute sample size", err)
	}
	return r.SampleSize, nil
}

// PlanAttribute finds the sample size of an attribute plan as
// AttributeSampleSize does and returns it with the allowed deviations, the
// probabilities at n and n - 1, and the explanation.
//
// The decision P(X <= k) < 1 - Confidence is exact: it is made in floating
// point only when the probability is clearly away from the threshold
// (further than its bounded rounding error), and otherwise with exact
// rational arithmetic (binomial, hypergeometric) or big.Float arithmetic of
// rising precision (Poisson), so table cells that sit on the boundary come
// out as the mathematics says; an exact tie is not below. For samples so
// large that exact integers would be too costly, a probability within
// 2^-2000 (relative) of the threshold counts as a tie.
func PlanAttribute(p AttributePlan) (AttributeResult, error) {
	r, err := planAttribute(p)
	if err != nil {
		return AttributeResult{}, wrap("plan attribute", err)
	}
	return r, nil
}

// planAttribute is PlanAttribute with unprefixed errors.
func planAttribute(p AttributePlan) (AttributeResult, error) {
	ap, err := p.params()
	if err != nil {
		return AttributeResult{}, err
	}
	limit := MaxSampleSize
	if ap.plan.Population > 0 {
		limit = min(limit, ap.plan.Population)
	}
	var n int
	var ok bool
	switch ap.plan.Model {
	case ModelBinomial:
		n, ok = ap.searchBinomial(limit)
	case ModelHypergeometric:
		n, ok = ap.searchHypergeometric(limit)
	default:
		n, ok = ap.searchPoisson(limit)
	}
	if !ok {
		return AttributeResult{}, isms.Invalidf(
			"no %s sample of at most %d items meets confidence %s, tolerable rate %s, expected rate %s",
			ap.plan.Model, limit, fmtNum(p.Confidence), fmtNum(p.TolerableRate), fmtNum(p.ExpectedRate))
	}
	return ap.result(n), nil
}

// Validate reports every problem with the plan. The error is an
// *isms.ValidationError with Subject "attribute plan" and answers
// errors.Is(err, isms.ErrInvalid).
func (p AttributePlan) Validate() error {
	_, err := p.params()
	return err
}

// attrParams is a validated plan with its rates as exact fractions.
type attrParams struct {
	plan                 AttributePlan
	conf, alpha, pt, pe  stats.Frac
	alphaF, ptF, qtF     float64
	populationDeviations int // ceil(pt x N), hypergeometric only
}

func (p AttributePlan) params() (*attrParams, error) {
	var ps isms.Problems
	ap := &attrParams{plan: p}
	ap.conf = fracField(&ps, "confidence", p.Confidence, false)
	ap.pt = fracField(&ps, "tolerable_rate", p.TolerableRate, false)
	ap.pe = fracField(&ps, "expected_rate", p.ExpectedRate, true)
	if p.ExpectedRate >= p.TolerableRate && p.TolerableRate > 0 && p.TolerableRate < 1 {
		ps.Add("expected_rate", isms.CodeOutOfRange, "expected_rate must be below tolerable_rate")
	}
	if p.Population < 0 || p.Population > MaxPopulation {
		ps.Addf("population", isms.CodeOutOfRange, "population must be between 0 and %d", MaxPopulation)
	}
	switch {
	case p.Model == "":
		if p.Population > 0 {
			ap.plan.Model = ModelHypergeometric
		} else {
			ap.plan.Model = ModelBinomial
		}
	case !p.Model.IsValid():
		ps.Addf("model", isms.CodeUnknown, "unknown model %q", string(p.Model))
	case p.Model == ModelHypergeometric && p.Population <= 0:
		ps.Add("population", isms.CodeRequired, "the hypergeometric model needs a population size")
	}
	if err := ps.Err("attribute plan"); err != nil {
		return nil, err
	}
	ap.alpha = ap.conf.Complement()
	ap.alphaF = ap.alpha.Float()
	ap.ptF = ap.pt.Float()
	ap.qtF = ap.pt.Complement().Float()
	if ap.plan.Model == ModelHypergeometric {
		m, _ := ap.pt.CeilMul(uint64(p.Population))
		ap.populationDeviations = int(m)
	}
	return ap, nil
}

// fracField reads a rate strictly between 0 and 1 (or in [0, 1) when
// zeroOK) as an exact decimal fraction, adding a problem when it is not one.
func fracField(ps *isms.Problems, field string, x float64, zeroOK bool) stats.Frac {
	if math.IsNaN(x) || math.IsInf(x, 0) || x >= 1 || x < 0 || (x == 0 && !zeroOK) {
		if zeroOK {
			ps.Addf(field, isms.CodeOutOfRange, "%s must be at least 0 and below 1, got %s", field, fmtNum(x))
		} else {
			ps.Addf(field, isms.CodeOutOfRange, "%s must be strictly between 0 and 1, got %s", field, fmtNum(x))
		}
		return stats.Frac{}
	}
	if d := decimalPlaces(x); d > MaxRateDecimals {
		ps.Addf(field, isms.CodeMalformed, "%s %s has %d decimal places; rates are read as exact decimals of at most %d decimal places (MaxRateDecimals)",
			field, fmtNum(x), d, MaxRateDecimals)
		return stats.Frac{}
	}
	f, err := stats.DecimalFrac(x)
	if err != nil {
		// Unreachable: every decimal of at most MaxRateDecimals places in
		// [0, 1) fits a Frac (10^18 < 2^62).
		ps.Addf(field, isms.CodeMalformed, "%s %s is not an exact decimal of at most %d decimal places", field, fmtNum(x), MaxRateDecimals)
		return stats.Frac{}
	}
	return f
}

// MaxRateDecimals is the number of decimal places a rate (confidence,
// tolerable and expected rates and misstatements) may have: each is read
// as the exact decimal of its shortest round-trip form (0.035 is 35/1000),
// and a decimal of at most 18 places always has an exact fraction with a
// denominator below 2^62. A finer rate, such as 1e-19 or 2.5e-18 (19
// places), is refused with ErrInvalid.
const MaxRateDecimals = 18

// decimalPlaces returns the number of decimal places of the shortest
// decimal that round-trips to x (0 for whole numbers).
func decimalPlaces(x float64) int {
	s := strconv.FormatFloat(x, 'e', -1, 64)
	e := strings.LastIndexByte(s, 'e')
	exp, _ := strconv.Atoi(s[e+1:])
	digits := 0
	if dot := strings.IndexByte(s[:e], '.'); dot >= 0 {
		digits = e - dot - 1
	}
	return max(digits-exp, 0)
}

// allowed returns k = ceil(ExpectedRate x n), exactly.
func (ap *attrParams) allowed(n int) int {
	k, _ := ap.pe.CeilMul(uint64(n))
	return int(k)
}

// cdf returns P(X <= k) for a sample of n under the plan's model, computed
// directly in floating point.
func (ap *attrParams) cdf(n, k int) float64 {
	switch ap.plan.Model {
	case ModelBinomial:
		return stats.BinomialCDF(k, n, ap.ptF)
	case ModelHypergeometric:
		return stats.HypergeometricCDF(k, ap.plan.Population, ap.populationDeviations, n)
	}
	return stats.PoissonCDF(k, float64(n)*ap.ptF)
}

// cmp compares P(X <= k) at n with alpha exactly; an undecidable tie
// counts as "not below".
func (ap *attrParams) cmp(n, k int) int {
	var c int
	var ok bool
	switch ap.plan.Model {
	case ModelBinomial:
		c, ok = stats.BinomialCDFCmp(k, n, ap.pt, ap.alpha)
	case ModelHypergeometric:
		c, ok = stats.HypergeometricCDFCmp(k, ap.plan.Population, ap.populationDeviations, n, ap.alpha)
	default:
		c, ok = stats.PoissonCDFCmp(k, n, ap.pt, ap.alpha)
	}
	if !ok {
		return 0
	}
	return c
}

// below decides P(X <= k) < alpha at n. estimate is a floating-point value
// of the probability with absolute error at most errAbs. When the estimate
// is within its error (plus a margin) of alpha, the probability is
// recomputed directly, and when that is within 1e-9 relative of alpha the
// exact comparison decides. It returns the decision and, when it
// recomputed, the direct value (otherwise -1) so the caller can resynchronise.
func (ap *attrParams) below(estimate, errAbs float64, n, k int) (bool, float64) {
	a := ap.alphaF
	band := errAbs + 1e-7*a
	if estimate < a-band {
		return true, -1
	}
	if estimate > a+band {
		return false, -1
	}
	direct := ap.cdf(n, k)
	if direct < a*(1-1e-9) {
		return true, direct
	}
	if direct > a*(1+1e-9) {
		return false, direct
	}
	return ap.cmp(n, k) < 0, direct
}

const eps = 0x1p-52

// searchBinomial walks n = 1, 2, ... keeping the binomial mass f = P(X = k)
// and distribution F = P(X <= k) up to date in O(1) a step:
//
//	P(X_{n+1} <= k) = P(X_n <= k) - p P(X_n = k)
//	P(X_{n+1} = k)  = P(X_n = k) (n+1)/(n+1-k) q
//	P(X_n = k+1)    = P(X_n = k) (n-k)/(k+1) p/q
//
// and returns the first n whose F is below alpha.
func (ap *attrParams) searchBinomial(limit int) (int, bool) {
	p, q := ap.ptF, ap.qtF
	pq := p / q
	hiBand := ap.alphaF * (1 + 1e-7)
	a, b := ap.pe.Num, ap.pe.Den
	var quo, rem uint64 // a*n = quo*b + rem
	n, k := 0, 0
	f, cdf := 1.0, 1.0
	errAbs, relF := 0.0, 0.0
	for n < limit {
		d := p * f
		cdf -= d
		f *= float64(n+1) / float64(n+1-k) * q
		n++
		relF += 6 * eps
		errAbs += 4*eps*(cdf+d) + relF*d
		rem += a
		if rem >= b {
			rem -= b
			quo++
		}
		kn := int(quo)
		if rem > 0 {
			kn++
		}
		for k < kn {
			f *= float64(n-k) / float64(k+1) * pq
			k++
			cdf += f
			relF += 6 * eps
			errAbs += 4*eps*cdf + relF*f
		}
		if f < 1e-250 {
			f = stats.BinomialPMF(k, n, p)
			relF = 1e-12
		}
		if cdf > hiBand+errAbs { // clearly not below: the common case
			continue
		}
		ok, direct := ap.below(cdf, errAbs, n, k)
		if ok {
			return n, true
		}
		if direct >= 0 {
			cdf, errAbs = direct, 1e-12*direct
		}
	}
	return 0, false
}

// searchHypergeometric walks n = 1, 2, ... as searchBinomial does, with the
// hypergeometric recurrences for N items of which M deviate:
//
//	P(X_{n+1} <= k) = P(X_n <= k) - P(X_n = k) (M-k)/(N-n)
//	P(X_{n+1} = k)  = P(X_n = k) (n+1)/(n+1-k) (N-M-n+k)/(N-n)
//	P(X_n = k+1)    = P(X_n = k) (M-k)(n-k) / ((k+1)(N-M-n+k+1))
//
// recomputing the mass directly whenever the recurrence cannot carry it
// (outside the support, or after underflow).
func (ap *attrParams) searchHypergeometric(limit int) (int, bool) {
	bigN, m := ap.plan.Population, ap.populationDeviations
	a, b := ap.pe.Num, ap.pe.Den
	hiBand := ap.alphaF * (1 + 1e-7)
	var quo, rem uint64
	n, k := 0, 0
	h, cdf := 1.0, 1.0
	errAbs, relH := 0.0, 0.0
	for n < limit {
		d := h * float64(m-k) / float64(bigN-n)
		cdf -= d
		if free := bigN - m - n + k; free > 0 {
			h *= float64(n+1) / float64(n+1-k) * float64(free) / float64(bigN-n)
		} else {
			h = 0
		}
		n++
		relH += 8 * eps
		errAbs += 4*eps*(cdf+d) + relH*d
		rem += a
		if rem >= b {
			rem -= b
			quo++
		}
		kn := int(quo)
		if rem > 0 {
			kn++
		}
		for k < kn {
			if den := (k + 1) * (bigN - m - n + k + 1); den > 0 && h > 0 {
				h *= float64(m-k) * float64(n-k) / float64(den)
			} else {
				h = stats.HypergeometricPMF(k+1, bigN, m, n)
				relH = 1e-12
			}
			k++
			cdf += h
			errAbs += 4*eps*cdf + relH*h
		}
		if h < 1e-250 {
			h = stats.HypergeometricPMF(k, bigN, m, n)
			relH = 1e-12
		}
		if cdf > hiBand+errAbs {
			continue
		}
		ok, direct := ap.below(cdf, errAbs, n, k)
		if ok {
			return n, true
		}
		if direct >= 0 {
			cdf, errAbs = direct, 1e-12*direct
		}
	}
	return 0, false
}

// searchPoisson visits the runs of n that share one k = ceil(pe x n): for
// k >= 1 they are floor((k-1)/pe) < n <= floor(k/pe), and for pe = 0 all n
// share k = 0. Within a run P(X <= k) falls as n grows, so a run holds an
// answer only if its last n does, and then a bisection finds its first.
func (ap *attrParams) searchPoisson(limit int) (int, bool) {
	test := func(n, k int) bool {
		ok, _ := ap.below(ap.cdf(n, k), 0, n, k)
		return ok
	}
	run := func(lo, hi, k int) (int, bool) {
		if lo > hi || !test(hi, k) {
			return 0, false
		}
		for lo < hi {
			mid := lo + (hi-lo)/2
			if test(mid, k) {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		return lo, true
	}
	if ap.pe.IsZero() {
		return run(1, limit, 0)
	}
	for k := 1; ; k++ {
		lo64, ok := ap.pe.FloorDiv(uint64(k - 1))
		if !ok || lo64 >= uint64(limit) {
			return 0, false
		}
		hi64, ok := ap.pe.FloorDiv(uint64(k))
		if !ok || hi64 > uint64(limit) {
			hi64 = uint64(limit)
		}
		if n, ok := run(int(lo64)+1, int(hi64), k); ok {
			return n, true
		}
	}
}

// result assembles the AttributeResult for the sample size n.
func (ap *attrParams) result(n int) AttributeResult {
	p := ap.plan
	k := ap.allowed(n)
	r := AttributeResult{
		Plan:                 p,
		SampleSize:           n,
		AllowedDeviations:    k,
		PopulationDeviations: ap.populationDeviations,
		Risk:                 ap.cdf(n, k),
		PreviousRisk:         1,
	}
	if n > 1 {
		r.PreviousAllowedDeviations = ap.allowed(n - 1)
		r.PreviousRisk = ap.cdf(n-1, r.PreviousAllowedDeviations)
	}
	alpha := fmtExactProduct(ap.alpha, 1)
	e := Explanation{
		Inputs: []ExplanationInput{
			{"confidence", fmtNum(p.Confidence)},
			{"tolerable_rate", fmtNum(p.TolerableRate)},
			{"expected_rate", fmtNum(p.ExpectedRate)},
			{"population", populationText(p.Population)},
			{"model", string(p.Model)},
		},
	}
	var dist func(n int) string
	switch p.Model {
	case ModelBinomial:
		e.Rule = "smallest n such that P(X <= k) < 1 - confidence, where k = ceil(expected_rate x n) and X ~ Binomial(n, tolerable_rate)"
		dist = func(n int) string { return fmt.Sprintf("X ~ Binomial(n = %d, p = %s)", n, fmtNum(p.TolerableRate)) }
	case ModelHypergeometric:
		e.Rule = "smallest n such that P(X <= k) < 1 - confidence, where k = ceil(expected_rate x n) and X ~ Hypergeometric(N = population, M = ceil(tolerable_rate x N), n)"
		e.Steps = append(e.Steps, fmt.Sprintf("population deviations M = ceil(%s x %d) = ceil(%s) = %d",
			fmtNum(p.TolerableRate), p.Population, fmtExactProduct(ap.pt, p.Population), ap.populationDeviations))
		dist = func(n int) string {
			return fmt.Sprintf("X ~ Hypergeometric(N = %d, M = %d, n = %d)", p.Population, ap.populationDeviations, n)
		}
	default:
		e.Rule = "smallest n such that P(X <= k) < 1 - confidence, where k = ceil(expected_rate x n) and X ~ Poisson(n x tolerable_rate)"
		dist = func(n int) string {
			return fmt.Sprintf("X ~ Poisson(lambda = %d x %s = %s)", n, fmtNum(p.TolerableRate), fmtExactProduct(ap.pt, n))
		}
	}
	e.Steps = append(e.Steps,
		fmt.Sprintf("1 - confidence = 1 - %s = %s", fmtNum(p.Confidence), alpha),
		fmt.Sprintf("at n = %d: k = ceil(%s x %d) = ceil(%s) = %d; %s; P(X <= %d) = %s < %s",
			n, fmtNum(p.ExpectedRate), n, fmtExactProduct(ap.pe, n), k, dist(n), k, fmtProb(r.Risk), alpha))
	if n > 1 {
		e.Steps = append(e.Steps, fmt.Sprintf("at n = %d: k = ceil(%s x %d) = ceil(%s) = %d; P(X <= %d) = %s >= %s",
			n-1, fmtNum(p.ExpectedRate), n-1, fmtExactProduct(ap.pe, n-1), r.PreviousAllowedDeviations,
			r.PreviousAllowedDeviations, fmtProb(r.PreviousRisk), alpha))
	}
	verb := "are"
	if k == 1 {
		verb = "is"
	}
	e.Outcome = fmt.Sprintf("sample %s; rely on the control as planned if at most %s %s found",
		plural(n, "item"), plural(k, "deviation"), verb)
	r.Explanation = e
	return r
}

func populationText(n int) string {
	if n == 0 {
		return "large (0)"
	}
	return fmtInt(n)
}
