package sampling_test

import (
	"fmt"

	"github.com/ismskit/ismskit/audit/sampling"
)

// A selection records the plan it serves: Select refuses a population the
// plan is not for, and the evaluation takes the plan and the size from the
// record.
func ExampleEvaluateAttributeSelection() {
	planned, err := sampling.PlanAttribute(sampling.AttributePlan{Confidence: 0.95, TolerableRate: 0.10, ExpectedRate: 0.03, Population: 365})
	if err != nil {
		fmt.Println(err)
		return
	}
	days := make([]sampling.Item, 365)
	for i := range days {
		days[i] = sampling.Item{ID: fmt.Sprintf("day-%03d", i+1)}
	}
	spec := sampling.SelectionSpec{Method: sampling.MethodSimpleRandom, Size: planned.SampleSize, Seed: 1, Plan: planned.SelectionPlan()}
	if _, err := sampling.Select(append(days, sampling.Item{ID: "day-366"}), spec); err != nil {
		fmt.Println("366 days refused")
	}
	sel, err := sampling.Select(days, spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := sampling.EvaluateAttributeSelection(sel, len(sel.Items), 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(sel.Items), "tested,", ev.Deviations, "deviation:", ev.Conclusion)
	// Output:
	// 366 days refused
	// 57 tested, 1 deviation: rely_as_planned
}
