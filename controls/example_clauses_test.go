package controls_test

import (
	"fmt"

	"github.com/ismskit/ismskit/controls"
)

// The management-system clauses beside Annex A: clause 9 with its
// sub-clauses.
func ExampleCatalog_ControlsInGroup_clauses() {
	cat := controls.ISO27001_2022Clauses()
	for _, c := range cat.ControlsInGroup("9") {
		indent := ""
		if c.Prop(controls.PropParent) != "" {
			indent = "  "
		}
		fmt.Printf("%s%s %s\n", indent, c.ID, c.Title)
	}
	// Output:
	// 9.1 Monitoring, measurement, analysis and evaluation
	// 9.2 Internal audit
	//   9.2.1 General
	//   9.2.2 Internal audit programme
	// 9.3 Management review
	//   9.3.1 General
	//   9.3.2 Management review inputs
	//   9.3.3 Management review results
}
