package main

import (
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// managementStep checks who does what: Bob runs the backups and, since he
// deputises for the CTO, also approves access — the one segregation-of-
// duties conflict; and the monthly restore test of the backups (A.8.13)
// failed last week, so the control the SoA calls planned is not working
// either. It stores nothing.
func managementStep() []isms.Finding {
	fmt.Fprintln(out, "\n== Roles and control monitoring")
	since := today.AddDate(-1, 0, 0)
	staff := &isms.Staffing{
		People: []*isms.Person{
			{Meta: isms.Meta{ID: "alice"}, Name: "Alice", JoinedAt: since},
			{Meta: isms.Meta{ID: "bob"}, Name: "Bob", JoinedAt: since},
		},
		Roles: []*isms.Role{
			{Meta: isms.Meta{ID: "cto"}, Name: "CTO", Management: true, Duties: []string{isms.DutyAccessApprove}},
			{Meta: isms.Meta{ID: "it-ops"}, Name: "IT operations", Duties: []string{isms.DutyAccessRequest, isms.DutyControlPerform}},
		},
		Assignments: []*isms.RoleAssignment{
			{Meta: isms.Meta{ID: "ra-1"}, Person: "alice", Role: "cto", From: since},
			{Meta: isms.Meta{ID: "ra-2"}, Person: "bob", Role: "it-ops", From: since},
			{Meta: isms.Meta{ID: "ra-3"}, Person: "bob", Role: "cto", From: today.AddDate(0, -1, 0)},
		},
	}
	findings := isms.CheckSoD(staff, isms.DefaultSoDRules(), today)
	for _, f := range findings {
		fmt.Fprintf(out, "segregation of duties: %s holds %s (%s) and %s (%s)\n", f.Subject.ID,
			f.Details["duty_a"], f.Details["assignment_a"], f.Details["duty_b"], f.Details["assignment_b"])
	}

	restore := &isms.ControlCheck{Meta: isms.Meta{ID: "cc-restore"}, Name: "Monthly restore test", Controls: []isms.ID{"A.8.13"},
		Method: isms.CheckManual, Owner: "bob", Frequency: isms.Months(1)}
	for _, r := range []isms.ControlCheckResult{
		{Outcome: isms.CheckPass, At: today.AddDate(0, -1, -7), By: "bob", Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-restore-10")}},
		{Outcome: isms.CheckFail, At: today.AddDate(0, 0, -7), By: "bob", Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-restore-11")},
			Note: "restore of the customer database failed: corrupt archive"},
	} {
		if err := restore.Record(r); err != nil {
			fmt.Fprintln(out, "refused:", err)
		}
	}
	latest, _ := restore.Latest()
	fmt.Fprintf(out, "control check %s %q: latest %s on %s\n", restore.ID, restore.Name, latest.Outcome, latest.At.Format(time.DateOnly))
	checks := []*isms.ControlCheck{restore}
	findings = append(findings, isms.CheckControlChecks(checks, today)...)
	return findings
}
