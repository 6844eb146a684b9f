package sampling_test

import (
	"fmt"

	"github.com/ismskit/ismskit/audit/sampling"
)

// Size a test of controls from the AICPA parameters: 95% confidence, a 5%
// tolerable rate and a 1% expected rate.
func ExamplePlanAttribute() {
	r, err := sampling.PlanAttribute(sampling.AttributePlan{
		Confidence:    0.95,
		TolerableRate: 0.05,
		ExpectedRate:  0.01,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("sample %d, allow %d deviation(s)\n", r.SampleSize, r.AllowedDeviations)
	fmt.Println(r.Explanation)
	// Output:
	// sample 93, allow 1 deviation(s)
	// rule: smallest n such that P(X <= k) < 1 - confidence, where k = ceil(expected_rate x n) and X ~ Binomial(n, tolerable_rate)
	// inputs:
	//   confidence = 0.95
	//   tolerable_rate = 0.05
	//   expected_rate = 0.01
	//   population = large (0)
	//   model = binomial
	// steps:
	//   1 - confidence = 1 - 0.95 = 0.05
	//   at n = 93: k = ceil(0.01 x 93) = ceil(0.93) = 1; X ~ Binomial(n = 93, p = 0.05); P(X <= 1) = 0.0499758 < 0.05
	//   at n = 92: k = ceil(0.01 x 92) = ceil(0.92) = 1; P(X <= 1) = 0.0521364 >= 0.05
	// outcome: sample 93 items; rely on the control as planned if at most 1 deviation is found
}

// A finite population: a daily control that ran 365 times.
func ExampleAttributeSampleSize() {
	for _, pop := range []int{0, 365} {
		n, err := sampling.AttributeSampleSize(sampling.AttributePlan{
			Confidence:    0.95,
			TolerableRate: 0.10,
			Population:    pop,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("population %d: %d items\n", pop, n)
	}
	// Output:
	// population 0: 29 items
	// population 365: 27 items
}

func ExampleUpperDeviationLimit() {
	// 3 deviations in 60 items at 95% confidence: the AICPA evaluation
	// table lists 12.5% (rounded up).
	ul, err := sampling.UpperDeviationLimit(60, 3, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f\n", ul)
	// Output:
	// 0.1242
}

// Evaluate a test of controls: 2 deviations in 93 items against a 5%
// tolerable rate.
func ExampleEvaluateAttribute() {
	ev, err := sampling.EvaluateAttribute(sampling.AttributePlan{
		Confidence:    0.95,
		TolerableRate: 0.05,
		ExpectedRate:  0.01,
	}, 93, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("sample rate %.4f, upper limit %.4f, allowance %.4f\n", ev.SampleRate, ev.UpperLimit, ev.Allowance)
	fmt.Println(ev.Conclusion)
	fmt.Println(ev.Explanation.Outcome)
	// Output:
	// sample rate 0.0215, upper limit 0.0662, allowance 0.0446
	// do_not_rely
	// do not rely as planned: the upper deviation limit 0.06615 is not below the tolerable rate 0.05 at 0.95 confidence
}

func ExamplePlanMonetary() {
	r, err := sampling.PlanMonetary(sampling.MonetaryPlan{
		Confidence:            0.95,
		TolerableMisstatement: 0.05,
		ExpectedMisstatement:  0.01,
		PopulationValue:       2_500_000,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("n = %d, interval %.2f, bound %.4f\n", r.SampleSize, r.SamplingInterval, r.Bound)
	// Output:
	// n = 93, interval 26881.72, bound 0.0498
}

func ExampleEvaluateMonetary() {
	plan := sampling.MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05, PopulationValue: 2_500_000}
	ev, err := sampling.EvaluateMonetary(plan, 93, []float64{0.25, 0.1}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("most likely %.0f, Stringer %.0f, Poisson %.0f\n",
		ev.MostLikelyAmount, ev.StringerBound*plan.PopulationValue, ev.PoissonBound*plan.PopulationValue)
	fmt.Println(ev.Conclusion)
	// Output:
	// most likely 9409, Stringer 96450, Poisson 97954
	// rely_as_planned
}

func ExampleGuidance() {
	g, err := sampling.Guidance(sampling.FrequencyDaily)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d-%d items of %d\n", g.Frequency, g.MinSize, g.MaxSize, g.Population)
	for _, s := range g.Supports {
		fmt.Printf("  %d items, no deviation, %.0f%% confidence: tolerable rate above %.1f%%\n",
			s.SampleSize, s.Confidence*100, s.UpperLimit*100)
	}
	// Output:
	// daily: 20-40 items of 365
	//   20 items, no deviation, 90% confidence: tolerable rate above 10.4%
	//   20 items, no deviation, 95% confidence: tolerable rate above 13.4%
	//   40 items, no deviation, 90% confidence: tolerable rate above 5.2%
	//   40 items, no deviation, 95% confidence: tolerable rate above 6.6%
}

// Select a reproducible sample and re-perform it.
func ExampleSelect() {
	items := make([]sampling.Item, 12)
	for i := range items {
		items[i] = sampling.Item{ID: fmt.Sprintf("CHG-%02d", i+1)}
	}
	sel, err := sampling.Select(items, sampling.SelectionSpec{
		Method: sampling.MethodSimpleRandom,
		Size:   4,
		Seed:   20260131,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sel.Algorithm, "version", sel.AlgorithmVersion)
	fmt.Println(sel.Generator)
	fmt.Println("population", sel.Population.Fingerprint[:16])
	for _, it := range sel.Items {
		fmt.Printf("  %s (draw %d)\n", it.ID, it.Draw)
	}
	fmt.Println("re-performed:", sampling.Reperform(sel, items))
	items[3].Value = 1 // the population changes
	fmt.Println("after a change:", sampling.Reperform(sel, items) != nil)
	// Output:
	// simple-random/fisher-yates version 1
	// math/rand/v2 PCG(seed=20260131, stream=0x69736d736b697421)
	// population 943b105bf576226c
	//   CHG-05 (draw 2)
	//   CHG-08 (draw 4)
	//   CHG-10 (draw 1)
	//   CHG-12 (draw 3)
	// re-performed: <nil>
	// after a change: true
}

func ExampleSelect_monetaryUnit() {
	items := []sampling.Item{
		{ID: "INV-001", Value: 120_000},
		{ID: "INV-002", Value: 4_500},
		{ID: "INV-003", Value: 61_000},
		{ID: "INV-004", Value: 250},
		{ID: "INV-005", Value: 38_250},
	}
	sel, err := sampling.Select(items, sampling.SelectionSpec{Method: sampling.MethodMonetaryUnit, Size: 4, Seed: 7})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Interval 224,000 / 4 = 56,000; INV-001 is larger than the interval
	// and is hit twice.
	fmt.Printf("interval %.0f\n", sel.Interval.Length)
	for _, it := range sel.Items {
		fmt.Println(it.ID, it.Hits)
	}
	// Output:
	// interval 56000
	// INV-001 [11324 67324]
	// INV-002 [123324]
	// INV-003 [179324]
}
