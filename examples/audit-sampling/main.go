// Command audit-sampling walks through a statistical test of a daily
// control with package sampling: plan the sample size, select the items
// with a recorded seed, re-perform the selection as an auditor would, and
// evaluate the deviations found.
//
//	go run ./examples/audit-sampling
//
// The output is the same on every run and every platform.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/isms"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "audit-sampling:", err)
		os.Exit(1)
	}
}

// run writes the walk-through to w.
func run(w io.Writer) error {
	// The population: a daily log review that ran on every day of 2025.
	// ISO dates as IDs sort chronologically, so the canonical order is the
	// calendar.
	start := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	population := make([]sampling.Item, 365)
	for i := range population {
		population[i] = sampling.Item{ID: start.AddDate(0, 0, i).Format(time.DateOnly)}
	}

	// 1. Plan: 95% confidence that the deviation rate is below 10%,
	// expecting about 3% deviations. With a known population of 365 the
	// hypergeometric model applies.
	plan := sampling.AttributePlan{
		Confidence:    0.95,
		TolerableRate: 0.10,
		ExpectedRate:  0.03,
		Population:    len(population),
	}
	planned, err := sampling.PlanAttribute(plan)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "== 1. Plan")
	fmt.Fprintln(w, planned.Explanation)

	// 2. Select the sample with a recorded seed, tied to the plan it
	// serves: Select refuses a population or size the plan is not for.
	spec := sampling.SelectionSpec{
		Method: sampling.MethodSimpleRandom,
		Size:   planned.SampleSize,
		Seed:   20260115,
		Plan:   planned.SelectionPlan(),
	}
	tooMany := append(slices.Clone(population), sampling.Item{ID: "2026-01-01"})
	_, err = sampling.Select(tooMany, spec)
	if err == nil {
		return errors.New("a population of 366 days should be refused for a plan of 365")
	}
	fmt.Fprintln(w, "a day too many is refused:", err)
	sel, err := sampling.Select(population, spec)
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "== 2. Select")
	fmt.Fprintf(w, "algorithm: %s (version %d)\n", sel.Algorithm, sel.AlgorithmVersion)
	fmt.Fprintf(w, "generator: %s\n", sel.Generator)
	fmt.Fprintf(w, "population: %d items, fingerprint %s (%s)\n",
		sel.Population.Size, sel.Population.Fingerprint, sel.Population.FingerprintFormat)
	fmt.Fprintf(w, "selected %d days:\n", len(sel.Items))
	for i, it := range sel.Items {
		if i%6 == 0 {
			fmt.Fprint(w, "  ")
		}
		fmt.Fprint(w, it.ID)
		if i%6 == 5 || i == len(sel.Items)-1 {
			fmt.Fprintln(w)
		} else {
			fmt.Fprint(w, " ")
		}
	}

	// 3. Re-perform. The record is what the working papers keep (as JSON);
	// the auditor reads it back, strictly, and re-performs it against the
	// population as it stands.
	record, err := json.Marshal(sel)
	if err != nil {
		return err
	}
	kept, err := sampling.ParseSelection(record)
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "== 3. Re-perform")
	fmt.Fprintln(w, "procedure:", kept.Procedure)
	fmt.Fprintln(w, "re-performed against the same population:", verdict(sampling.Reperform(kept, population)))
	edited := append([]sampling.Item(nil), population...)
	edited[100].Value = 1 // someone edits one day's record afterwards
	fmt.Fprintln(w, "re-performed against an edited population:", verdict(sampling.Reperform(kept, edited)))

	// 4. Evaluate: the tester tested every selected day and found two
	// deviations; the plan and the size come from the record.
	ev, err := sampling.EvaluateAttributeSelection(kept, len(kept.Items), 2)
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "== 4. Evaluate")
	fmt.Fprintf(w, "sample deviation rate %.2f%%, upper deviation limit %.2f%%, allowance for sampling risk %.2f%%\n",
		ev.SampleRate*100, ev.UpperLimit*100, ev.Allowance*100)
	fmt.Fprintln(w, "conclusion:", ev.Conclusion)
	fmt.Fprintln(w, ev.Explanation)

	// 5. Record the test in the audit's checklist, under the control the
	// log review implements: deviations within what the plan tolerates
	// make an observation, not a nonconformity.
	item := audit.Item{Requirement: isms.ControlRef("A.8.15"), Title: "A.8.15 Logging"}
	if err := item.RecordSample(kept, len(kept.Items), 2); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "== 5. Checklist")
	fmt.Fprintf(w, "checklist item %s: %s (%s, method %s, %d of %d tested)\n", item.Requirement.ID, item.Result,
		item.Sample.Evaluation.Conclusion, item.Method, item.Sample.Tested, len(kept.Items))
	return nil
}

func verdict(err error) string {
	if err == nil {
		return "identical sample"
	}
	return err.Error()
}
