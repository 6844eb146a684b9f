package audit_test

import (
	"context"
	"fmt"
	"os"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

// A three-year programme that forgets the management review clauses and
// lets the IT engineer audit her own controls.
func ExampleCheckProgramme() {
	scope := []isms.Ref{controls.ClauseRef("4"), controls.ClauseRef("5"), controls.ClauseRef("6"), controls.ClauseRef("7"),
		controls.ClauseRef("8"), controls.ClauseRef("9.1"), controls.ClauseRef("9.2"), controls.ClauseRef("10"), isms.ControlRef("A.8")}
	p := &audit.Programme{Meta: isms.Meta{ID: "prog-1"}, Title: "Audit programme 2026-2029", Owner: "ann", CycleStart: date(2026, 6, 1),
		Audits: []audit.Audit{{ID: "a-2026", Title: "ISMS audit 2026", Criteria: []string{"ISO/IEC 27001:2022"}, Scope: scope,
			Auditors: []isms.ID{"cat"}, PlannedStart: date(2026, 10, 5), PlannedEnd: date(2026, 10, 9), Status: audit.AuditPlanned}}}
	staff := &isms.Staffing{Assignments: []*isms.RoleAssignment{{Person: "cat", Role: "role-it", From: date(2026, 1, 1)}}}
	fs, err := audit.CheckProgramme(p, &audit.ProgrammeContext{Staffing: staff,
		Responsibilities: []audit.Responsibility{{Requirement: isms.ControlRef("A.8"), Role: "role-it"}}}, date(2026, 9, 1))
	if err != nil {
		panic(err)
	}
	for _, f := range fs {
		fmt.Println(f.Code, "-", f.Message)
	}
	// Output:
	// audit.programme.auditor_not_independent - auditor cat of audit "ISMS audit 2026" audits their own area or work (control/A.8: holds responsible role role-it)
	// audit.programme.clause_not_covered - clause 9.3.1 General is audited by no audit of the cycle
	// audit.programme.clause_not_covered - clause 9.3.2 Management review inputs is audited by no audit of the cycle
	// audit.programme.clause_not_covered - clause 9.3.3 Management review results is audited by no audit of the cycle
}

// A nonconformity through its corrective action: the owner cannot verify
// her own action, an independent check closes it.
func ExampleFinding_Step() {
	f := &audit.Finding{Meta: isms.Meta{ID: "f-1"}, Kind: audit.MinorNonconformity, Title: "Leaver kept admin access",
		Requirement: isms.ControlRef("A.5.15"), Status: audit.StatusOpen}
	steps := []struct {
		by  string
		cmd audit.StepCommand
	}{
		{"bob", audit.StepCommand{To: audit.StatusInProgress, Owner: "cat", Due: date(2026, 12, 15)}},
		{"cat", audit.StepCommand{To: audit.StatusImplemented, Correction: "Account removed"}},
		{"cat", audit.StepCommand{To: audit.StatusImplemented, RootCause: "Contractors have no leaver ticket",
			Correction: "Account removed", CorrectiveAction: "Contractors added to the leaver process"}},
		{"cat", audit.StepCommand{To: audit.StatusVerifiedEffective, Effectiveness: &audit.EffectivenessCheck{Effective: true}}},
		{"bob", audit.StepCommand{To: audit.StatusVerifiedEffective, Effectiveness: &audit.EffectivenessCheck{Effective: true,
			Note: "10 leavers sampled, none kept access"}}},
		{"bob", audit.StepCommand{To: audit.StatusClosed}},
	}
	for _, s := range steps {
		if err := f.Step(s.by, s.cmd, now); err != nil {
			fmt.Println("refused:", err)
			continue
		}
		fmt.Println(s.by, "->", f.Status)
	}
	// Output:
	// bob -> in_progress
	// refused: audit finding lifecycle: cannot move from "in_progress" to "implemented": guard root_cause_recorded failed: a nonconformity needs its root cause before the action is implemented
	// cat -> implemented
	// refused: audit finding lifecycle: cannot move from "implemented" to "verified_effective": guard verifier_not_owner failed: "cat" owns the corrective action and cannot verify its effectiveness
	// bob -> verified_effective
	// bob -> closed
}

// The corrective action workflow through the Service: every write is
// journaled with its actor.
func ExampleService() {
	st := memstore.NewStore(&store.Options{IDs: ismstest.NewSequentialIDs(), Clock: ismstest.NewFixedClock(now)})
	svc, err := audit.NewService(st, "acme")
	if err != nil {
		panic(err)
	}
	ctx := isms.WithActor(context.Background(), "bob")
	f := &audit.Finding{Kind: audit.MajorNonconformity, Title: "No access reviews", Requirement: isms.ControlRef("A.5.18")}
	if err := svc.Raise(ctx, f); err != nil {
		panic(err)
	}
	f, err = svc.Step(ctx, f.ID, audit.StepCommand{To: audit.StatusInProgress, Owner: "cat", Due: date(2026, 12, 1), Revision: f.Revision})
	if err != nil {
		panic(err)
	}
	fmt.Println(f.ID, f.Status, "owner", f.Owner, "revision", f.Revision)
	fs, _ := audit.CheckFindings([]*audit.Finding{f}, date(2026, 12, 2), nil)
	for _, x := range fs {
		fmt.Println(x.Code)
	}
	// Output:
	// audit.finding-0001 in_progress owner cat revision 2
	// audit.finding.major_open
	// audit.finding.overdue
	// audit.finding.root_cause_missing
}

// Assembling a management review: the inputs 9.3.2 lists, and the one
// whose source is missing.
func ExampleAssembleReview() {
	s := readyISMS()
	in, fs := audit.AssembleReview(&audit.ReviewSnapshot{FirstReview: true, Issues: s.Issues, Parties: s.Parties,
		Findings: s.Findings, ControlChecks: s.ControlChecks, Programme: s.Programme, Objectives: s.Objectives,
		Feedback: []string{"Customers ask for SOC 2"}, Risks: s.Risks, Matrix: s.Matrix, SoA: s.SoA}, now)
	fmt.Printf("nonconformities: %d open, %d closed\n", in.Nonconformities.Open, in.Nonconformities.Closed)
	fmt.Printf("monitoring: %d checks, %d results, %d controls effective\n", in.Monitoring.Checks, in.Monitoring.Results, in.Monitoring.Effective)
	fmt.Printf("audits: %d completed, %d planned\n", in.AuditResults.Completed, in.AuditResults.Planned)
	for _, f := range fs {
		fmt.Println(f.Code, f.Details["clause"], "-", f.Message)
	}
	// Output:
	// nonconformities: 0 open, 1 closed
	// monitoring: 1 checks, 7 results, 2 controls effective
	// audits: 1 completed, 2 planned
	// audit.review.input_missing 9.3.2 g - review input improvement (9.3.2 g) is missing: no improvement register is given
}

// The readiness verdicts of an ISMS whose SoA is not approved yet.
func ExampleReadiness() {
	s := readyISMS()
	s.SoA.ApprovedBy = ""
	r, err := audit.Readiness(s, now, nil)
	if err != nil {
		panic(err)
	}
	for _, v := range []struct {
		name string
		v    audit.Verdict
	}{{"Stage 1", r.Stage1}, {"Stage 2", r.Stage2}} {
		fmt.Println(v.name, "ready:", v.v.Ready)
		for _, f := range v.v.Reasons {
			fmt.Println("  ", f.Code)
		}
	}
	for _, c := range r.Clauses {
		if c.State != audit.StateConforming {
			fmt.Println(c.Requirement.ID, c.State)
		}
	}
	// Output:
	// Stage 1 ready: false
	//    audit.readiness.soa_not_approved
	// Stage 2 ready: false
	//    audit.readiness.stage1_not_ready
	// 6.1 missing
	// 6.1.3 missing
	// 6.3 not_assessed
	// 7.1 not_assessed
	// 7.4 not_assessed
	// 7.5 nonconforming
	// 7.5.2 nonconforming
}

// The readiness report in Markdown, as handed to a consultant (the
// first lines).
func ExampleWriteMarkdown() {
	r, err := audit.Readiness(readyISMS(), now, nil)
	if err != nil {
		panic(err)
	}
	w := &lineLimit{n: 8}
	if err := audit.WriteMarkdown(w, r); err != nil {
		panic(err)
	}
	// Output:
	// # ISMS readiness report
	//
	// Assessed at 2026-11-22T09:00:00Z. Records since 2026-05-01. Stage 2 needs P3M of records.
	//
	// ## Stage 1 (design documented and complete): ready
	//
	// ## Stage 2 (operation): ready
	//
}

// lineLimit writes the first n lines to standard output.
type lineLimit struct{ n int }

func (l *lineLimit) Write(p []byte) (int, error) {
	for _, c := range p {
		if l.n == 0 {
			break
		}
		os.Stdout.Write([]byte{c})
		if c == '\n' {
			l.n--
		}
	}
	return len(p), nil
}

// What happened in October and November 2026 in each phase of
// Plan-Do-Check-Act.
func ExamplePDCA() {
	s := readyISMS()
	s.Improvements = []*audit.Improvement{{Meta: isms.Meta{ID: "imp-1"}, Title: "Automate leaver checks", SourceKind: audit.SourceReview,
		Owner: "cat", Status: audit.ImprovementPlanned, RaisedAt: date(2026, 11, 5), Due: date(2026, 11, 20)}}
	v, err := audit.PDCA(s, date(2026, 10, 1), date(2026, 11, 30))
	if err != nil {
		panic(err)
	}
	for _, p := range []struct {
		name   string
		events []audit.Event
	}{{"plan", v.Plan}, {"do", v.Do}, {"check", v.Check}, {"act", v.Act}} {
		fmt.Printf("%s: %d\n", p.name, len(p.events))
		for _, e := range p.events {
			fmt.Println("  ", e.At.Format("2006-01-02"), e.What)
		}
	}
	for _, f := range v.Overdue {
		fmt.Println("overdue:", f.Message)
	}
	// Output:
	// plan: 1
	//    2026-11-05 improvement "Automate leaver checks" raised
	// do: 0
	// check: 4
	//    2026-10-08 minor nonconformity raised: "Leaver not removed from the shop admin group"
	//    2026-10-09 audit "ISMS audit 2026" completed (1 findings)
	//    2026-11-01 control check "MFA enforced for admins" ran 2 times, 0 failed
	//    2026-11-02 management review "Management review 2026" held (1 decisions)
	// act: 1
	//    2026-11-10 finding "Leaver not removed from the shop admin group" closed
	// overdue: improvement "Automate leaver checks" was due on 2026-11-20
}
