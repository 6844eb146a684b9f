package sampling

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func days(n int) []Item {
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{ID: fmt.Sprintf("d%03d", i)}
	}
	return items
}

// TestSelectionTiedToAttributePlan: the plan for 365 days refuses 366
// items, another size, and a monetary method; the selection records the
// plan, reads back strictly, re-performs, and evaluates only at its size.
func TestSelectionTiedToAttributePlan(t *testing.T) {
	planned, err := PlanAttribute(AttributePlan{Confidence: 0.95, TolerableRate: 0.10, ExpectedRate: 0.03, Population: 365})
	require.NoError(t, err)
	plan := planned.SelectionPlan()
	require.NoError(t, plan.Validate())
	assert.Equal(t, ModelHypergeometric, plan.Attribute.Model, "the model is recorded resolved")
	n := planned.SampleSize
	spec := SelectionSpec{Method: MethodSimpleRandom, Size: n, Seed: 7, Plan: plan}

	_, err = Select(days(366), spec)
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), "the plan is for a population of 365 items, got 366")
	bad := spec
	bad.Size = n + 1
	_, err = Select(days(365), bad)
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), fmt.Sprintf("is not the planned sample size %d", n))
	bad = spec
	bad.Method = MethodMonetaryUnit
	_, err = Select(days(365), bad)
	require.ErrorIs(t, err, isms.ErrInvalid)

	sel, err := Select(days(365), spec)
	require.NoError(t, err)
	assert.Equal(t, plan, sel.Spec.Plan)
	doc, err := json.Marshal(sel)
	require.NoError(t, err)
	kept, err := ParseSelection(doc)
	require.NoError(t, err)
	assert.Equal(t, sel, kept)
	require.NoError(t, Reperform(kept, days(365)))

	ev, err := EvaluateAttributeSelection(kept, n, 2)
	require.NoError(t, err)
	want, err := EvaluateAttribute(planned.Plan, n, 2)
	require.NoError(t, err)
	assert.Equal(t, want, ev, "the same evaluation as against the plan itself")
	_, err = EvaluateAttributeSelection(kept, n-1, 0)
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), fmt.Sprintf("%d items tested, but the selection holds %d", n-1, n))
	_, err = EvaluateMonetarySelection(kept, n, nil, nil)
	require.ErrorIs(t, err, isms.ErrInvalid)

	plain, err := Select(days(365), SelectionSpec{Method: MethodSimpleRandom, Size: n, Seed: 7})
	require.NoError(t, err)
	_, err = EvaluateAttributeSelection(plain, n, 0)
	require.ErrorIs(t, err, isms.ErrInvalid, "a selection without a plan")
	_, err = EvaluateAttributeSelection(nil, n, 0)
	require.ErrorIs(t, err, isms.ErrInvalid)
}

func TestSelectionTiedToMonetaryPlan(t *testing.T) {
	items := make([]Item, 100)
	for i := range items {
		items[i] = Item{ID: fmt.Sprintf("inv-%03d", i), Value: 1000}
	}
	planned, err := PlanMonetary(MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05, PopulationValue: 100_000})
	require.NoError(t, err)
	require.Equal(t, 60, planned.SampleSize, "3.0 / 0.05, the AICPA table")
	spec := SelectionSpec{Method: MethodMonetaryUnit, Size: 60, Seed: 1, Plan: planned.SelectionPlan()}

	_, err = Select(items[:99], spec)
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), "the plan is for a population value of 100000, the items total 99000")
	bad := spec
	bad.Method = MethodSimpleRandom
	_, err = Select(items, bad)
	require.ErrorIs(t, err, isms.ErrInvalid)

	sel, err := Select(items, spec)
	require.NoError(t, err)
	ev, err := EvaluateMonetarySelection(sel, 60, []float64{0.5}, nil)
	require.NoError(t, err)
	want, err := EvaluateMonetary(planned.Plan, 60, []float64{0.5}, nil)
	require.NoError(t, err)
	assert.Equal(t, want, ev)
	_, err = EvaluateMonetarySelection(sel, 59, nil, nil)
	require.ErrorIs(t, err, isms.ErrInvalid)
	_, err = EvaluateAttributeSelection(sel, len(sel.Items), 0)
	require.ErrorIs(t, err, isms.ErrInvalid)
}

func TestSelectionPlanValidate(t *testing.T) {
	ok := &SelectionPlan{Attribute: &AttributePlan{Confidence: 0.95, TolerableRate: 0.05}, SampleSize: 59}
	require.NoError(t, ok.Validate())
	for name, p := range map[string]*SelectionPlan{
		"nil":              nil,
		"neither":          {SampleSize: 10},
		"both":             {Attribute: ok.Attribute, Monetary: &MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05}, SampleSize: 10},
		"size 0":           {Attribute: ok.Attribute},
		"size too large":   {Attribute: ok.Attribute, SampleSize: MaxSampleSize + 1},
		"bad plan":         {Attribute: &AttributePlan{Confidence: 2, TolerableRate: 0.05}, SampleSize: 10},
		"allowed mismatch": {Attribute: &AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0.01}, SampleSize: 93, AllowedDeviations: 0},
		"above population": {Attribute: &AttributePlan{Confidence: 0.95, TolerableRate: 0.05, Population: 10}, SampleSize: 11},
		"monetary allowed": {Monetary: &MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05}, SampleSize: 60, AllowedDeviations: 1},
	} {
		assert.ErrorIs(t, p.Validate(), isms.ErrInvalid, name)
	}
	// ceil(0.01 x 93) = 1 deviation allowed.
	require.NoError(t, (&SelectionPlan{Attribute: &AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0.01}, SampleSize: 93, AllowedDeviations: 1}).Validate())
}

// TestRateDecimalLimit: 18 decimal places are read exactly; 19 are
// refused with a message that states the limit.
func TestRateDecimalLimit(t *testing.T) {
	ok := AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0.000000000000000001} // 1e-18: 18 places
	require.NoError(t, ok.Validate())
	for _, x := range []float64{1e-19, 0.0000000000000000025, 1.25e-18} {
		p := AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: x}
		err := p.Validate()
		require.ErrorIs(t, err, isms.ErrInvalid, "%v", x)
		assert.Contains(t, err.Error(), "at most 18 decimal places", "%v", x)
	}
	m := MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05, ExpectedMisstatement: 1e-19}
	assert.ErrorIs(t, m.Validate(), isms.ErrInvalid)
	for x, want := range map[float64]int{0.5: 1, 0.035: 3, 1e-18: 18, 1.5e-19: 20, 0: 0, 2.5e-18: 19} {
		assert.Equal(t, want, decimalPlaces(x), "%v", x)
	}
}
