package sampling

import (
	"fmt"
	"math"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAICPATableC1 checks every cell of Table C-1 (monetary unit sample
// sizes) against the Poisson rule with the expected taint left unrounded.
func TestAICPATableC1(t *testing.T) {
	cells := 0
	for _, row := range tableC1 {
		for j, want := range row.sizes {
			tolBP := tableC1TolerableBP[j]
			// expected = tolerable x ratio, in basis points: integer exact.
			expBP10 := tolBP * row.ratioTenths // tenths of a basis point
			plan := MonetaryPlan{
				Confidence:            float64(100-row.riskPct) / 100,
				TolerableMisstatement: bp(tolBP),
				ExpectedMisstatement:  float64(expBP10) / 100000,
			}
			name := fmt.Sprintf("%+v", plan)
			r, err := PlanMonetary(plan)
			require.NoError(t, err, name)
			assert.Equal(t, want, r.SampleSize, name)
			assert.Less(t, r.Bound, plan.TolerableMisstatement, name)
			assert.GreaterOrEqual(t, r.PreviousBound, plan.TolerableMisstatement, name)
			cells++
		}
	}
	assert.Equal(t, 38*11, cells)
}

func TestMonetarySampleSizeClosedForm(t *testing.T) {
	// With no expected misstatement the bound is -ln(1-c)/n: at 95% and 5%
	// tolerable, n > 2.9957/0.05 = 59.9, so 60.
	n, err := MonetarySampleSize(MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05})
	require.NoError(t, err)
	assert.Equal(t, 60, n)
	r, err := PlanMonetary(MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05, PopulationValue: 1_200_000})
	require.NoError(t, err)
	assert.InDelta(t, math.Log(20)/60, r.Bound, 1e-14)
	assert.InDelta(t, math.Log(20)/59, r.PreviousBound, 1e-14)
	assert.Equal(t, 20_000.0, r.SamplingInterval)
	assert.Contains(t, r.Explanation.Steps[len(r.Explanation.Steps)-1], "sampling interval = 1.2e+06 / 60 = 20000")
}

func TestMonetaryPlanErrors(t *testing.T) {
	for _, p := range []MonetaryPlan{
		{Confidence: 1.2, TolerableMisstatement: 0.05},
		{Confidence: 0.95},
		{Confidence: 0.95, TolerableMisstatement: 0.05, ExpectedMisstatement: 0.05},
		{Confidence: 0.95, TolerableMisstatement: 0.05, PopulationValue: -1},
		{Confidence: 0.95, TolerableMisstatement: 0.05, PopulationValue: math.Inf(1)},
		// Feasible in principle, but beyond MaxSampleSize.
		{Confidence: 0.95, TolerableMisstatement: 0.0001, ExpectedMisstatement: 0.00009},
	} {
		_, err := MonetarySampleSize(p)
		assert.ErrorIs(t, err, isms.ErrInvalid, "%+v", p)
	}
	assert.NoError(t, MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05}.Validate())
	assert.ErrorIs(t, MonetaryPlan{}.Validate(), isms.ErrInvalid)
}

func TestEvaluateMonetaryHandWorked(t *testing.T) {
	// 100 units, 95%, taints 1.0 and 0.5. Poisson factors (published):
	// F(0) = 2.9957, F(1) = 4.7439, F(2) = 6.2958. Stringer:
	// (2.9957 + 1.7482 x 1.0 + 1.5519 x 0.5) / 100 = 0.055198.
	plan := MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.06, PopulationValue: 1_000_000}
	ev, err := EvaluateMonetary(plan, 100, []float64{0.5, 0, 1.0}, nil)
	require.NoError(t, err)
	assert.Equal(t, []float64{1.0, 0.5}, ev.Taints)
	assert.InDelta(t, 2.9957, ev.Factors[0], 5e-5)
	assert.InDelta(t, 4.7439, ev.Factors[1], 5e-5)
	assert.InDelta(t, 6.2958, ev.Factors[2], 5e-5)
	assert.InDelta(t, (2.9957+(4.7439-2.9957)*1.0+(6.2958-4.7439)*0.5)/100, ev.StringerBound, 1e-6)
	assert.InDelta(t, 0.015, ev.MostLikely, 1e-15)
	assert.Equal(t, BoundStringer, ev.Bound)
	assert.Equal(t, ev.StringerBound, ev.UpperBound)
	assert.InDelta(t, ev.UpperBound-0.015, ev.Allowance, 1e-15)
	assert.InDelta(t, ev.UpperBound*1_000_000, ev.UpperBoundAmount, 1e-6)
	assert.InDelta(t, 15_000, ev.MostLikelyAmount, 1e-6)
	assert.Equal(t, ConclusionRelyAsPlanned, ev.Conclusion)
	// The Poisson bound on 1.5 taints lies between the 1- and 2-event
	// factors.
	assert.Greater(t, ev.PoissonBound, 4.7439/100)
	assert.Less(t, ev.PoissonBound, 6.2958/100)
	// Deciding on the Poisson bound.
	ev2, err := EvaluateMonetary(plan, 100, []float64{1.0, 0.5}, &MonetaryOptions{Bound: BoundPoisson})
	require.NoError(t, err)
	assert.Equal(t, ev2.PoissonBound, ev2.UpperBound)
	// Whole taints: the Poisson and Stringer bounds coincide with the
	// factor for that many events (3 events: 7.7537).
	ev3, err := EvaluateMonetary(plan, 100, []float64{1, 1, 1}, nil)
	require.NoError(t, err)
	assert.InDelta(t, 7.7537/100, ev3.StringerBound, 1e-6)
	assert.InDelta(t, ev3.StringerBound, ev3.PoissonBound, 1e-12)
	assert.Equal(t, ConclusionDoNotRely, ev3.Conclusion)
	// No misstatement at the planned size: bound ln(20)/60 < 5%.
	ev4, err := EvaluateMonetary(MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05}, 60, nil, nil)
	require.NoError(t, err)
	assert.InDelta(t, math.Log(20)/60, ev4.StringerBound, 1e-14)
	assert.Equal(t, ConclusionRelyAsPlanned, ev4.Conclusion)
	assert.Equal(t, "none", ev4.Explanation.Inputs[4].Value)
}

func TestEvaluateMonetaryErrors(t *testing.T) {
	plan := MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05}
	for _, c := range []struct {
		plan   MonetaryPlan
		n      int
		taints []float64
		opts   *MonetaryOptions
	}{
		{MonetaryPlan{Confidence: 2, TolerableMisstatement: 0.05}, 10, nil, nil},
		{plan, 0, nil, nil},
		{plan, 2, []float64{0.1, 0.2, 0.3}, nil},
		{plan, 10, []float64{1.5}, nil},
		{plan, 10, []float64{-0.5}, nil},
		{plan, 10, []float64{math.NaN()}, nil},
		{plan, 10, nil, &MonetaryOptions{Bound: "cell"}},
	} {
		_, err := EvaluateMonetary(c.plan, c.n, c.taints, c.opts)
		assert.ErrorIs(t, err, isms.ErrInvalid, "%+v", c)
	}
}
