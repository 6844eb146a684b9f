package risk_test

import (
	"fmt"
	"os"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// The risk treatment plan (ISO/IEC 27001 6.1.3 e) as a Markdown table:
// one row per action, with the risk, its owner, the option, the controls,
// the progress, the residual level and the acceptance state. Text renders
// as written: the underscore and the bar are escaped.
func ExampleWriteTreatmentPlanMarkdown() {
	due := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	r := &risk.Risk{
		Meta: isms.Meta{ID: "R-1"}, Title: "Ransomware | file servers", Owner: "cio",
		Treatment: &risk.Treatment{
			Option:   risk.OptionModify,
			Controls: isms.ControlRefs("A.8.13"),
			Actions:  []risk.Action{{ID: "a1", Title: "Immutable_backups", Owner: "it-ops", Due: due, Status: risk.ActionInProgress}},
		},
	}
	if err := risk.WriteTreatmentPlanMarkdown(os.Stdout, []*risk.Risk{r}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// # Risk treatment plan
	//
	// | risk\_id | risk | risk\_owner | option | controls | action\_id | action | action\_owner | due | action\_status | completed | progress | residual | acceptance | acceptance\_expires |
	// |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
	// | R-1 | Ransomware \| file servers | cio | modify | A.8.13 | a1 | Immutable\_backups | it-ops | 2025-06-30 | in\_progress |  | 0/1 |  |  |  |
}

// The controls a treatment selects, as the selections the Statement of
// Applicability records (controls.SoA.RecordSelections).
func ExampleSelections() {
	r := &risk.Risk{Meta: isms.Meta{ID: "R-1"}, Status: risk.StatusOpen,
		Treatment: &risk.Treatment{Option: risk.OptionModify, Controls: isms.ControlRefs("A.8.13", "A.8.20")}}
	for _, s := range risk.Selections([]*risk.Risk{r}) {
		fmt.Println(s.Control, "selected by", s.By)
	}
	// Output:
	// A.8.13 selected by risk/R-1
	// A.8.20 selected by risk/R-1
}
