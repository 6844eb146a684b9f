package sampling

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvaluateAttributeTextbook(t *testing.T) {
	// A sample of 60 with 3 deviations at 5% risk: Table A-3 gives an upper
	// limit of 12.5%; the sample rate is 5%, the allowance 7.5%. Against a
	// 6% tolerable rate the control cannot be relied on as planned.
	ev, err := EvaluateAttribute(AttributePlan{Confidence: 0.95, TolerableRate: 0.06, ExpectedRate: 0.01}, 60, 3)
	require.NoError(t, err)
	assert.Equal(t, 0.05, ev.SampleRate)
	assert.Equal(t, 12.5, math.Ceil(ev.UpperLimit*1000)/10)
	assert.InDelta(t, ev.UpperLimit-0.05, ev.Allowance, 1e-15)
	assert.Equal(t, ConclusionDoNotRely, ev.Conclusion)
	assert.Equal(t, 1, ev.AllowedDeviations)
	assert.Contains(t, ev.Explanation.Outcome, "do not rely")
	assert.Contains(t, ev.Explanation.Steps[len(ev.Explanation.Steps)-1], "more than the 1 the plan expected")

	// 93 items, 1 deviation, 5% tolerable at 95%: the plan's own case. The
	// upper limit 5.0% (Table A-3 lists 4.7% at 100, 5.2% at 90) is below
	// 5%, and P(X <= 1 | 93, 0.05) = 0.0487 < 0.05: rely.
	ev, err = EvaluateAttribute(AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0.01}, 93, 1)
	require.NoError(t, err)
	assert.Equal(t, ConclusionRelyAsPlanned, ev.Conclusion)
	assert.Less(t, ev.UpperLimit, 0.05)
	assert.Less(t, ev.Risk, 0.05)
	assert.Contains(t, ev.Explanation.Outcome, "rely as planned")
}

// TestEvaluateAgreesWithUpperLimit: the conclusion (decided exactly) is
// "rely" exactly when the upper limit is below the tolerable rate.
func TestEvaluateAgreesWithUpperLimit(t *testing.T) {
	for _, m := range []Model{ModelBinomial, ModelHypergeometric, ModelPoisson} {
		for _, n := range []int{20, 45, 100, 250} {
			for d := 0; d <= 8; d++ {
				plan := AttributePlan{Confidence: 0.9, TolerableRate: 0.07, Model: m}
				if m == ModelHypergeometric {
					plan.Population = 1000
				}
				ev, err := EvaluateAttribute(plan, n, d)
				require.NoError(t, err)
				want := ConclusionDoNotRely
				if ev.UpperLimit < 0.07 {
					want = ConclusionRelyAsPlanned
				}
				assert.Equal(t, want, ev.Conclusion, "%s n %d d %d ul %v", m, n, d, ev.UpperLimit)
				assert.GreaterOrEqual(t, ev.UpperLimit, ev.SampleRate)
			}
		}
	}
}

func TestEvaluateAttributeModels(t *testing.T) {
	// Hypergeometric: N = 20, n = 16, 0 deviations, 10% tolerable:
	// M_U = 1 (5%), rely, since M = 2 is ruled out (P = 12/380).
	ev, err := EvaluateAttribute(AttributePlan{Confidence: 0.95, TolerableRate: 0.10, Population: 20}, 16, 0)
	require.NoError(t, err)
	assert.Equal(t, ModelHypergeometric, ev.Plan.Model)
	assert.Equal(t, 1, ev.UpperLimitDeviations)
	assert.Equal(t, 0.05, ev.UpperLimit)
	assert.InDelta(t, 12.0/380, ev.Risk, 1e-12)
	assert.Equal(t, ConclusionRelyAsPlanned, ev.Conclusion)
	// Poisson: no deviation in 60 items: upper limit ln(20)/60 = 4.99%.
	ev, err = EvaluateAttribute(AttributePlan{Confidence: 0.95, TolerableRate: 0.05, Model: ModelPoisson}, 60, 0)
	require.NoError(t, err)
	assert.InDelta(t, math.Log(20)/60, ev.UpperLimit, 1e-14)
	assert.Equal(t, ConclusionRelyAsPlanned, ev.Conclusion)
}

func TestEvaluateAttributeErrors(t *testing.T) {
	good := AttributePlan{Confidence: 0.95, TolerableRate: 0.05}
	for _, c := range []struct {
		plan AttributePlan
		n, d int
	}{
		{AttributePlan{Confidence: 1.2, TolerableRate: 0.05}, 10, 0},
		{good, 0, 0},
		{good, 10, 11},
		{good, 10, -1},
		{AttributePlan{Confidence: 0.95, TolerableRate: 0.05, Population: 5}, 10, 0},
	} {
		_, err := EvaluateAttribute(c.plan, c.n, c.d)
		assert.ErrorIs(t, err, isms.ErrInvalid, "%+v", c)
	}
}

func TestConclusionJSON(t *testing.T) {
	ev, err := EvaluateAttribute(AttributePlan{Confidence: 0.95, TolerableRate: 0.05}, 59, 0)
	require.NoError(t, err)
	b, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"conclusion":"rely_as_planned"`)
	assert.Contains(t, string(b), `"tolerable_rate":0.05`)
	var back AttributeEvaluation
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, ev, back)
	assert.Error(t, json.Unmarshal([]byte(`{"conclusion":"maybe"}`), &back))
}

// TestEvaluatePoissonLimitCappedAtOne: with every item deviating, the
// Poisson limit lambda/n exceeds 1 (P(X <= 87 | Poisson(lambda)) = 0.1 at
// lambda about 100.2 for n = 87), but a rate cannot exceed 1.
func TestEvaluatePoissonLimitCappedAtOne(t *testing.T) {
	ev, err := EvaluateAttribute(AttributePlan{Confidence: 0.9, TolerableRate: 0.07, Model: ModelPoisson}, 87, 87)
	if err != nil {
		t.Fatal(err)
	}
	if ev.UpperLimit != 1 || ev.SampleRate != 1 || ev.Allowance != 0 {
		t.Fatalf("upper limit %v, sample rate %v, allowance %v; want 1, 1, 0", ev.UpperLimit, ev.SampleRate, ev.Allowance)
	}
	if ev.Conclusion != ConclusionDoNotRely {
		t.Fatalf("conclusion %s", ev.Conclusion)
	}
}

// TestEvaluateFiniteLimitBelowSampleRate works a case by hand: 3 deviations
// in 40 items sampled from 42, at 69.5% confidence (alpha 0.305). With
// M = 4 population deviations, seeing at most 3 needs one of the 4 among
// the 2 unsampled items: 1 - C(38,2)/C(42,2) = 1 - 703/861 = 0.1835 < alpha,
// so M = 4 is ruled out and the limit is M = 3, a rate of 3/42 below the
// sample rate 3/40.
func TestEvaluateFiniteLimitBelowSampleRate(t *testing.T) {
	ev, err := EvaluateAttribute(AttributePlan{Confidence: 0.695, TolerableRate: 0.12, ExpectedRate: 0.01, Population: 42, Model: ModelHypergeometric}, 40, 3)
	if err != nil {
		t.Fatal(err)
	}
	if ev.UpperLimitDeviations != 3 || ev.UpperLimit != 3.0/42 || ev.SampleRate != 3.0/40 || ev.Allowance != 0 {
		t.Fatalf("limit %d (%v), sample rate %v, allowance %v; want 3 (3/42), 3/40, 0", ev.UpperLimitDeviations, ev.UpperLimit, ev.SampleRate, ev.Allowance)
	}
	if ev.Conclusion != ConclusionRelyAsPlanned {
		t.Fatalf("conclusion %s; 3/42 is below the tolerable 12%%", ev.Conclusion)
	}
}
