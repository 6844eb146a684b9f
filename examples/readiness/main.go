// Command readiness takes Acme's small ISMS (the quickstart's shop, with
// a risk, its SoA, control monitoring, an incident, an internal audit with
// a sampled checklist item, a corrective action and a management review)
// through the readiness assessment of package audit, as a consultant
// would before certification.
//
//	go run ./examples/readiness
//
// It prints the Stage 1 and Stage 2 verdicts three times: with the SoA
// still awaiting approval, once it is approved but a major nonconformity
// is open, and once its corrective action is verified effective. Then it
// writes the Markdown report. It uses a fixed clock and sequential IDs, so
// its output is the same on every run.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

// today is the tour's fixed "now".
var today = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

const tenant = "acme"

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "readiness:", err)
		os.Exit(1)
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }

// run writes the tour to w.
func run(w io.Writer) error {
	clock := ismstest.NewFixedClock(today)
	st := memstore.NewStore(&store.Options{IDs: ismstest.NewSequentialIDs(), Clock: clock})
	defer st.Close()
	ctx := isms.WithActor(context.Background(), "bob@acme.example")

	s := design()
	s.SoA.ApprovedBy, s.SoA.ApprovedAt = "", time.Time{} // awaiting the board

	// Operation: the MFA probe has run monthly since May.
	var results []isms.ControlCheckResult
	for mo := time.May; mo <= time.November; mo++ {
		results = append(results, isms.ControlCheckResult{Outcome: isms.CheckPass, At: day(2026, mo, 1), By: "probe",
			Evidence: []isms.Ref{{Kind: isms.KindEvidence, ID: isms.ID("ev-mfa-" + mo.String())}}})
	}
	s.ControlChecks = []*isms.ControlCheck{{Meta: isms.Meta{ID: "chk-mfa"}, Name: "MFA enforced for admins", Controls: []isms.ID{"A.5.15", "A.8.5"},
		Method: isms.CheckAutomated, Owner: "cat", Frequency: isms.Months(1), Results: results}}
	s.Incidents = []*incident.Incident{{Meta: isms.Meta{ID: "inc-1"}, Title: "Phishing of a shop admin", Status: incident.StatusClosed, Owner: "ann",
		Severity: "medium", DetectedAt: day(2026, 3, 1), ReportedAt: day(2026, 3, 2), ResolvedAt: day(2026, 3, 3), ClosedAt: day(2026, 3, 20),
		Outcome: "Password reset", Review: &incident.Review{RootCause: "No MFA", CompletedAt: day(2026, 3, 20),
			Lessons: []incident.Lesson{{Text: "Enforce MFA for every admin"}}}}}
	s.Improvements = audit.IncidentImprovements(s.Incidents)
	s.Improvements[0].ID, s.Improvements[0].Status, s.Improvements[0].DoneAt = "imp-1", audit.ImprovementDone, day(2026, 6, 20)

	// The internal audit: its checklist from the SoA, one item tested on
	// a statistical sample of the year's daily access reviews.
	a := &s.Programme.Audits[0]
	cl := audit.BuildChecklist(a, s.SoA, nil)
	if err := sampleItem(cl); err != nil {
		return err
	}
	fmt.Fprintf(w, "checklist of %q: %d items; %s\n", a.Title, len(cl.Items), itemLine(cl))

	// The sample found a nonconformity: raise it, a major one.
	svc, err := audit.NewService(st, tenant)
	if err != nil {
		return err
	}
	f := &audit.Finding{Audit: a.ID, Kind: audit.MajorNonconformity, Title: "Access reviews skipped on many days",
		Requirement: isms.ControlRef("A.5.15"), Evidence: []isms.Ref{{Kind: audit.KindChecklist, ID: "cl-2026"}}}
	if err := svc.Raise(ctx, f); err != nil {
		return err
	}
	for i := range cl.Items {
		it := &cl.Items[i]
		switch {
		case it.Result == audit.ResultNonconformity:
			it.Finding = f.ID
		case it.Result == "":
			// Every other item was inspected and found conforming.
			it.Result, it.Examined = audit.ResultConforming, []isms.Ref{{Kind: isms.KindDocument, ID: "doc-access"}}
		}
	}
	cl.ID = "cl-2026"
	a.Findings = []isms.ID{f.ID}
	s.Checklists = []*audit.Checklist{cl}
	if f, err = svc.Step(ctx, f.ID, audit.StepCommand{To: audit.StatusInProgress, Owner: "cat", Due: day(2026, 12, 15),
		RootCause: "The review is manual and skipped on busy days", Revision: f.Revision}); err != nil {
		return err
	}

	// The management review, its inputs assembled from the records.
	inputs, missing := audit.AssembleReview(&audit.ReviewSnapshot{FirstReview: true, Issues: s.Issues, Parties: s.Parties,
		Findings: []*audit.Finding{f}, Incidents: s.Incidents, ControlChecks: s.ControlChecks, Programme: s.Programme,
		Objectives: s.Objectives, Feedback: []string{"Customers ask for a certificate"}, Risks: s.Risks, Matrix: s.Matrix,
		SoA: s.SoA, Improvements: s.Improvements}, day(2026, 11, 2))
	s.Reviews = []*audit.ManagementReview{{Meta: isms.Meta{ID: "mr-2026"}, Title: "Management review 2026", HeldAt: day(2026, 11, 2),
		Chair: "ceo", Inputs: inputs, Decisions: []audit.Decision{{ID: "d-1", Kind: audit.DecisionResources,
			Text: "Fund an automated access review tool", Owner: "ann", Due: day(2027, 3, 1)}}}}
	fmt.Fprintf(w, "management review: %d inputs missing, %d open nonconformities, %d incidents\n",
		len(missing), inputs.Nonconformities.Open, inputs.Nonconformities.Incidents)

	report := func(title string) (*audit.Report, error) {
		s.Findings = nil
		for g, err := range svc.All(ctx) {
			if err != nil {
				return nil, err
			}
			s.Findings = append(s.Findings, g)
		}
		r, err := audit.Readiness(s, clock.Now(), nil)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(w, "\n== %s\n", title)
		printVerdict(w, "Stage 1", r.Stage1)
		printVerdict(w, "Stage 2", r.Stage2)
		return r, nil
	}
	if _, err := report("SoA awaiting approval"); err != nil {
		return err
	}
	s.SoA.ApprovedBy, s.SoA.ApprovedAt = "board", day(2026, 11, 20)
	if _, err := report("SoA approved, major nonconformity open"); err != nil {
		return err
	}
	// The corrective action is implemented and verified by the auditor.
	steps := []audit.StepCommand{
		{To: audit.StatusImplemented, Correction: "Missed reviews performed", CorrectiveAction: "Daily review automated with an alert"},
		{To: audit.StatusVerifiedEffective, Effectiveness: &audit.EffectivenessCheck{Effective: true, Note: "30 days re-sampled, no skip"}},
	}
	for i, cmd := range steps {
		actor := "cat@acme.example"
		if i == 1 {
			actor = "bob@acme.example"
		}
		cmd.Revision = f.Revision
		if f, err = svc.Step(isms.WithActor(context.Background(), actor), f.ID, cmd); err != nil {
			return err
		}
	}
	r, err := report("corrective action verified effective")
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\n== Markdown report")
	if err := audit.WriteMarkdown(w, r); err != nil {
		return err
	}
	if err := st.VerifyJournal(ctx, tenant); err != nil {
		return err
	}
	fmt.Fprintln(w, "journal hash chain verifies")
	return nil
}

// sampleItem tests the checklist item of A.5.15 on a sample of the 365
// daily access reviews of 2026 and records 9 skipped days.
func sampleItem(cl *audit.Checklist) error {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pop := make([]sampling.Item, 365)
	for i := range pop {
		pop[i] = sampling.Item{ID: start.AddDate(0, 0, i).Format(time.DateOnly)}
	}
	planned, err := sampling.PlanAttribute(sampling.AttributePlan{Confidence: 0.95, TolerableRate: 0.10, ExpectedRate: 0.03, Population: len(pop)})
	if err != nil {
		return err
	}
	sel, err := sampling.Select(pop, sampling.SelectionSpec{Method: sampling.MethodSimpleRandom, Size: planned.SampleSize, Seed: 20261005,
		Plan: planned.SelectionPlan()})
	if err != nil {
		return err
	}
	for i := range cl.Items {
		if cl.Items[i].Requirement == isms.ControlRef("A.5.15") {
			return cl.Items[i].RecordSample(sel, len(sel.Items), 9)
		}
	}
	return fmt.Errorf("no checklist item for A.5.15")
}

func itemLine(cl *audit.Checklist) string {
	for _, it := range cl.Items {
		if it.Sample != nil {
			ev := it.Sample.Evaluation
			return fmt.Sprintf("%s: %d days sampled, %d deviations, upper limit %.1f%% -> %s (%s)", it.Requirement.ID, ev.SampleSize,
				ev.Deviations, 100*ev.UpperLimit, ev.Conclusion, it.Result)
		}
	}
	return "no sampled item"
}

func printVerdict(w io.Writer, name string, v audit.Verdict) {
	word := "ready"
	if !v.Ready {
		word = "not ready"
	}
	fmt.Fprintf(w, "%s: %s\n", name, word)
	for _, f := range v.Reasons {
		fmt.Fprintf(w, "  %s: %s\n", f.Code, f.Message)
	}
}

// design is Acme's ISMS as designed: context, scope, policy, roles, the
// risk and its treatment, the SoA, an objective and the audit programme.
func design() *audit.Snapshot {
	m := risk.Preset3x3()
	inherent, _ := m.Assess(risk.Rating{Likelihood: "high", Impact: "high"}, "phishing is common", "ann", day(2026, 5, 2))
	residual, _ := m.Assess(risk.Rating{Likelihood: "low", Impact: "high"}, "with MFA", "ann", day(2026, 5, 2))
	rk := &risk.Risk{Meta: isms.Meta{ID: "risk-1"}, Title: "Account takeover of shop admins", Owner: "ann", Status: risk.StatusOpen,
		Inherent: inherent, Current: inherent, Residual: residual, ReviewedAt: day(2026, 11, 1), ReviewedBy: "ann",
		Treatment: &risk.Treatment{Option: risk.OptionModify, Controls: isms.ControlRefs("A.5.15", "A.8.5"), DecidedBy: "ann", DecidedAt: day(2026, 5, 2),
			Actions: []risk.Action{{ID: "act-1", Title: "Enforce MFA", Owner: "cat", Due: day(2026, 7, 1), Status: risk.ActionDone,
				Controls: isms.ControlRefs("A.8.5"), CompletedAt: day(2026, 6, 20)}}}}
	soa := controls.NewSoA(controls.ISO27001_2022())
	soa.ID, soa.Title, soa.Version = "soa-1", "Acme SoA", "1.0"
	for i := range soa.Entries {
		e := &soa.Entries[i]
		e.Applicability, e.ExclusionReason, e.Justification, e.Status = controls.NotApplicable, controls.ExcludedOutsideScope,
			"Not in the scope of the shop.", controls.StatusNotApplicable
	}
	for _, id := range []isms.ID{"A.5.15", "A.8.5"} {
		*soa.Entry(id) = controls.Entry{ControlID: id, Applicability: controls.Applicable, InclusionReasons: []controls.InclusionReason{controls.ReasonRiskTreatment},
			Risks: []isms.Ref{rk.Ref()}, Status: controls.StatusImplemented, Owner: "role-it", Evidence: []isms.Ref{{Kind: isms.KindEvidence, ID: "ev-" + id}}}
	}
	var scope []isms.Ref
	for _, g := range []isms.ID{"4", "5", "6", "7", "8", "9", "10"} {
		scope = append(scope, controls.ClauseRef(g))
	}
	scope = append(scope, isms.ControlRef("A.5.15"), isms.ControlRef("A.8.5"))
	yearly := func(id isms.ID, y int, status audit.AuditStatus) audit.Audit {
		a := audit.Audit{ID: id, Title: fmt.Sprintf("ISMS audit %d", y), Criteria: []string{"ISO/IEC 27001:2022"}, Scope: scope,
			Auditors: []isms.ID{"bob"}, PlannedStart: day(y, 10, 5), PlannedEnd: day(y, 10, 9), Status: status}
		if status == audit.AuditCompleted {
			a.CompletedAt, a.Summary = day(y, 10, 9), "One major nonconformity on access reviews."
		}
		return a
	}
	current := 100.0
	return &audit.Snapshot{
		Issues: []string{"Online sales grow 30% a year", "The shop depends on one cloud provider"},
		Parties: []*isms.InterestedParty{{Meta: isms.Meta{ID: "party-customers"}, Name: "Customers", Kind: isms.PartyCustomer,
			Requirements: []isms.PartyRequirement{{Description: "Card data protected", Type: isms.PartyRequirementContractual}}}},
		Scope: &isms.Scope{Meta: isms.Meta{ID: "scope-1"}, Name: "Acme online shop", Version: "1.0", ApprovedBy: "board", ApprovedAt: day(2026, 4, 1)},
		Documents: []*isms.Document{
			{Meta: isms.Meta{ID: "doc-policy"}, Type: isms.DocumentPolicy, Title: "Information security policy", Status: isms.DocumentPublished,
				Owner: "ann", Author: "ann", Approver: "ceo", ApprovedAt: day(2026, 4, 15), PublishedAt: day(2026, 4, 16)},
			{Meta: isms.Meta{ID: "doc-access"}, Type: isms.DocumentProcedure, Title: "Access control procedure", Implements: "doc-policy",
				Status: isms.DocumentPublished, Owner: "cat", Author: "cat", Approver: "ann", ApprovedAt: day(2026, 4, 20), PublishedAt: day(2026, 4, 21)}},
		Staffing: &isms.Staffing{
			Roles: []*isms.Role{{Meta: isms.Meta{ID: "role-board"}, Name: "Board", Management: true}, {Meta: isms.Meta{ID: "role-ciso"}, Name: "CISO", Management: true},
				{Meta: isms.Meta{ID: "role-auditor"}, Name: "Internal auditor"}, {Meta: isms.Meta{ID: "role-it"}, Name: "IT operations"}},
			Assignments: []*isms.RoleAssignment{{Person: "ceo", Role: "role-board", From: day(2026, 1, 1)}, {Person: "ann", Role: "role-ciso", From: day(2026, 1, 1)},
				{Person: "bob", Role: "role-auditor", From: day(2026, 1, 1)}, {Person: "cat", Role: "role-it", From: day(2026, 1, 1)}}},
		Matrix: m, Risks: []*risk.Risk{rk}, SoA: soa,
		Objectives: []*isms.Objective{{Meta: isms.Meta{ID: "obj-1"}, Title: "MFA for every admin", Owner: "ann", Status: isms.ObjectiveAchieved,
			Target:  &isms.ObjectiveTarget{Metric: "admins with MFA", Value: 100, Unit: "%", Direction: isms.ObjectiveTargetAtLeast},
			Current: &current, MeasuredAt: day(2026, 11, 1), DueAt: day(2027, 3, 31)}},
		Programme: &audit.Programme{Meta: isms.Meta{ID: "prog-1"}, Title: "Internal audit programme 2026-2029", Owner: "ann", CycleStart: day(2026, 6, 1),
			Audits: []audit.Audit{yearly("a-2026", 2026, audit.AuditCompleted), yearly("a-2027", 2027, audit.AuditPlanned), yearly("a-2028", 2028, audit.AuditPlanned)}},
		Responsibilities: []audit.Responsibility{{Requirement: isms.ControlRef("A.8"), Role: "role-it"}},
	}
}
