package controls_test

import (
	"fmt"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// What the risk treatment selected goes into the SoA without glue: the
// entry is included for risk treatment and names the risk.
func ExampleSoA_RecordSelections() {
	soa := controls.NewSoA(controls.ISO27001_2022())
	missing := soa.RecordSelections([]isms.ControlSelection{
		{Control: "A.8.13", By: isms.NewRef("risk", "R-1")},
		{Control: "A.99", By: isms.NewRef("risk", "R-2")},
	})
	e := soa.Entry("A.8.13")
	fmt.Println(e.Applicability, e.InclusionReasons, e.Risks)
	fmt.Println("not in the catalog:", missing)
	// Output:
	// applicable [risk_treatment] [risk/R-1]
	// not in the catalog: [A.99]
}
