package oscal_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
)

// ExampleExportAuditResults exports an internal audit of clause 9.2 as
// OSCAL assessment-results: each tested checklist item an observation,
// each requirement a finding, not satisfied where a nonconformity names
// it. The nonconformity's corrective action then goes into a POA&M.
func ExampleExportAuditResults() {
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	a := &audit.Audit{ID: "IA-1", Title: "Internal audit of the audit process", Scope: []isms.Ref{controls.ClauseRef("9.2")},
		PlannedStart: start, PlannedEnd: start.AddDate(0, 0, 1), Status: audit.AuditInProgress}
	cl := audit.BuildChecklist(a, nil, nil) // 9.2.1 and 9.2.2, inspected
	cl.Items[0].Result = audit.ResultConforming
	cl.Items[1].Result, cl.Items[1].Finding = audit.ResultNonconformity, "F-1"
	nc := &audit.Finding{Meta: isms.Meta{ID: "F-1"}, Audit: "IA-1", Kind: audit.MinorNonconformity,
		Title: "Audit programme not approved", Requirement: cl.Items[1].Requirement, Status: audit.StatusOpen,
		CorrectiveAction: "Have top management approve the programme.", Owner: "CISO", Due: start.AddDate(0, 1, 0), RaisedAt: start}

	out, err := oscal.ExportAuditResults(a, cl, []*audit.Finding{nc}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		AR struct {
			Results []struct {
				Observations []struct{ Methods []string }
				Findings     []struct {
					Target struct {
						TargetID string `json:"target-id"`
						Status   struct{ State string }
					}
				}
			}
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		fmt.Println(err)
		return
	}
	r := doc.AR.Results[0]
	for i, f := range r.Findings {
		fmt.Println(f.Target.TargetID, r.Observations[i].Methods[0], f.Target.Status.State)
	}

	poam, err := oscal.ExportFindingsPOAM([]*audit.Finding{nc}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var p struct {
		POAM struct {
			Items []struct{ Title string } `json:"poam-items"`
			Risks []struct{ Status, Deadline string }
		} `json:"plan-of-action-and-milestones"`
	}
	if err := json.Unmarshal(poam, &p); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.POAM.Items[0].Title)
	fmt.Println(p.POAM.Risks[0].Status, "until", p.POAM.Risks[0].Deadline)
	// Output:
	// clause-9.2.1 EXAMINE satisfied
	// clause-9.2.2 EXAMINE not-satisfied
	// Corrective action: Audit programme not approved
	// open until 2026-12-02T09:00:00Z
}
