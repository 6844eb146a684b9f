package audit_test

import (
	"time"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// now is the fixed "now" of the package's tests.
var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }

// allClauses is a scope naming every clause group 4 to 10.
func allClauses() []isms.Ref {
	var out []isms.Ref
	for _, g := range []isms.ID{"4", "5", "6", "7", "8", "9", "10"} {
		out = append(out, controls.ClauseRef(g))
	}
	return out
}

// soaOf returns an SoA of Annex A with the given controls applicable and
// implemented (owner "role-it", evidence ev-<id>) and every other control
// excluded with a reason and justification, approved when approved.
func soaOf(approved bool, applicable ...isms.ID) *controls.SoA {
	s := controls.NewSoA(controls.ISO27001_2022())
	s.ID, s.Title = "soa-1", "Acme SoA"
	for i := range s.Entries {
		e := &s.Entries[i]
		e.Applicability, e.ExclusionReason, e.Justification = controls.NotApplicable, controls.ExcludedOutsideScope, "Not in the scope of the shop."
		e.Status = controls.StatusNotApplicable
	}
	for _, id := range applicable {
		e := s.Entry(id)
		*e = controls.Entry{ControlID: id, Applicability: controls.Applicable, InclusionReasons: []controls.InclusionReason{controls.ReasonRiskTreatment},
			Risks: []isms.Ref{{Kind: risk.Kind, ID: "risk-1"}}, Status: controls.StatusImplemented, Owner: "role-it",
			Evidence: []isms.Ref{{Kind: isms.KindEvidence, ID: "ev-" + id}}}
	}
	if approved {
		s.ApprovedBy, s.ApprovedAt, s.Version = "ceo", date(2026, 6, 1), "1.0"
	}
	return s
}

// readyISMS is a small ISMS built by hand that is ready for Stage 1 and
// Stage 2 at now: every element of the design is documented and approved,
// control checks have run monthly since May 2026 (more than three months),
// one internal audit is completed, a management review was held, and the
// only nonconformity is closed.
func readyISMS() *audit.Snapshot {
	m := risk.Preset3x3()
	inherent, err := m.Assess(risk.Rating{Likelihood: "high", Impact: "high"}, "phishing is common", "ciso", date(2026, 5, 2))
	if err != nil {
		panic(err)
	}
	residual, err := m.Assess(risk.Rating{Likelihood: "low", Impact: "high"}, "with MFA", "ciso", date(2026, 5, 2))
	if err != nil {
		panic(err)
	}
	rk := &risk.Risk{Meta: isms.Meta{ID: "risk-1"}, Title: "Account takeover of shop admins", Owner: "ciso", Status: risk.StatusOpen,
		Threat: "phishing", Vulnerability: "password-only login", Inherent: inherent, Current: inherent, Residual: residual,
		Treatment: &risk.Treatment{Option: risk.OptionModify, Controls: isms.ControlRefs("A.5.15", "A.8.5"), DecidedBy: "ciso", DecidedAt: date(2026, 5, 2),
			Actions: []risk.Action{{ID: "act-1", Title: "Enforce MFA for admins", Owner: "cat", Due: date(2026, 7, 1), Status: risk.ActionDone,
				Controls: isms.ControlRefs("A.8.5"), CompletedAt: date(2026, 6, 20)}}},
		ReviewedAt: date(2026, 11, 1), ReviewedBy: "ciso"}
	results := []isms.ControlCheckResult{}
	for mo := time.May; mo <= time.November; mo++ {
		results = append(results, isms.ControlCheckResult{Outcome: isms.CheckPass, At: date(2026, mo, 1), By: "probe",
			Evidence: []isms.Ref{{Kind: isms.KindEvidence, ID: isms.ID("ev-mfa-" + mo.String())}}})
	}
	check := &isms.ControlCheck{Meta: isms.Meta{ID: "chk-mfa"}, Name: "MFA enforced for admins", Controls: []isms.ID{"A.8.5", "A.5.15"},
		Method: isms.CheckAutomated, Owner: "it", Frequency: isms.Months(1), Results: results}
	current := 99.0
	return &audit.Snapshot{
		Issues: []string{"Online sales grow 30% a year", "The shop depends on one cloud provider"},
		Parties: []*isms.InterestedParty{{Meta: isms.Meta{ID: "party-customers"}, Name: "Customers", Kind: isms.PartyCustomer,
			Requirements: []isms.PartyRequirement{{Description: "Card data protected", Type: isms.PartyRequirementContractual}}}},
		Scope: &isms.Scope{Meta: isms.Meta{ID: "scope-1"}, Name: "Acme online shop", Version: "1.0", ApprovedBy: "board", ApprovedAt: date(2026, 4, 1)},
		Documents: []*isms.Document{{Meta: isms.Meta{ID: "doc-policy"}, Type: isms.DocumentPolicy, Title: "Information security policy",
			Status: isms.DocumentPublished, Owner: "ciso", Author: "ciso", Approver: "ann", ApprovedAt: date(2026, 4, 15), PublishedAt: date(2026, 4, 16)},
			{Meta: isms.Meta{ID: "doc-access"}, Type: isms.DocumentProcedure, Title: "Access control procedure", Implements: "doc-policy",
				Status: isms.DocumentPublished, Owner: "cat", Author: "cat", Approver: "ann", ApprovedAt: date(2026, 4, 20), PublishedAt: date(2026, 4, 21)}},
		Staffing: &isms.Staffing{
			People: []*isms.Person{{Meta: isms.Meta{ID: "ann"}, Name: "Ann (CISO)"}, {Meta: isms.Meta{ID: "bob"}, Name: "Bob (internal auditor)"},
				{Meta: isms.Meta{ID: "cat"}, Name: "Cat (IT)"}},
			Roles: []*isms.Role{{Meta: isms.Meta{ID: "role-ciso"}, Name: "CISO", Management: true}, {Meta: isms.Meta{ID: "role-auditor"}, Name: "Internal auditor"},
				{Meta: isms.Meta{ID: "role-it"}, Name: "IT operations"}},
			Assignments: []*isms.RoleAssignment{
				{Meta: isms.Meta{ID: "as-1"}, Person: "ann", Role: "role-ciso", From: date(2026, 1, 1)},
				{Meta: isms.Meta{ID: "as-2"}, Person: "bob", Role: "role-auditor", From: date(2026, 1, 1)},
				{Meta: isms.Meta{ID: "as-3"}, Person: "cat", Role: "role-it", From: date(2026, 1, 1)},
			},
		},
		Matrix: m,
		Risks:  []*risk.Risk{rk},
		SoA:    soaOf(true, "A.5.15", "A.8.5"),
		Objectives: []*isms.Objective{{Meta: isms.Meta{ID: "obj-1"}, Title: "MFA for every admin", Owner: "ciso", Status: isms.ObjectiveOnTrack,
			Target:  &isms.ObjectiveTarget{Metric: "admins with MFA", Value: 100, Unit: "%", Direction: isms.ObjectiveTargetAtLeast},
			Current: &current, MeasuredAt: date(2026, 11, 1), DueAt: date(2027, 3, 31)}},
		ControlChecks: []*isms.ControlCheck{check},
		Programme: &audit.Programme{Meta: isms.Meta{ID: "prog-1"}, Title: "Internal audit programme 2026-2029", Owner: "ann",
			CycleStart: date(2026, 6, 1), Audits: []audit.Audit{
				{ID: "a-2026", Title: "ISMS audit 2026", Criteria: []string{"ISO/IEC 27001:2022"},
					Scope:    append(allClauses(), isms.ControlRef("A.5.15"), isms.ControlRef("A.8.5")),
					Auditors: []isms.ID{"bob"}, PlannedStart: date(2026, 10, 5), PlannedEnd: date(2026, 10, 9), Status: audit.AuditCompleted,
					CompletedAt: date(2026, 10, 9), Summary: "One minor nonconformity, closed.", Findings: []isms.ID{"f-1"}},
				{ID: "a-2027", Title: "ISMS audit 2027", Criteria: []string{"ISO/IEC 27001:2022"},
					Scope: append(allClauses(), isms.ControlRef("A.5.15"), isms.ControlRef("A.8.5")), Auditors: []isms.ID{"bob"},
					PlannedStart: date(2027, 10, 4), PlannedEnd: date(2027, 10, 8), Status: audit.AuditPlanned},
				{ID: "a-2028", Title: "ISMS audit 2028", Criteria: []string{"ISO/IEC 27001:2022"},
					Scope: append(allClauses(), isms.ControlRef("A.5.15"), isms.ControlRef("A.8.5")), Auditors: []isms.ID{"bob"},
					PlannedStart: date(2028, 10, 2), PlannedEnd: date(2028, 10, 6), Status: audit.AuditPlanned},
			}},
		Findings: []*audit.Finding{{Meta: isms.Meta{ID: "f-1"}, Audit: "a-2026", Kind: audit.MinorNonconformity, Title: "Leaver not removed from the shop admin group",
			Requirement: isms.ControlRef("A.5.15"), RootCause: "No leaver ticket for contractors", Correction: "Account removed",
			CorrectiveAction: "Contractors added to the leaver process", Owner: "cat", Due: date(2026, 11, 15), Status: audit.StatusClosed,
			RaisedBy: "bob", RaisedAt: date(2026, 10, 8), ClosedAt: date(2026, 11, 10)}},
		Reviews: []*audit.ManagementReview{{Meta: isms.Meta{ID: "mr-2026"}, Title: "Management review 2026", HeldAt: date(2026, 11, 2), Chair: "ceo",
			Decisions: []audit.Decision{{ID: "d-1", Kind: audit.DecisionImprovement, Text: "Automate leaver checks", Owner: "cat", Due: date(2027, 2, 1)}}}},
		Improvements: []*audit.Improvement{},
	}
}
