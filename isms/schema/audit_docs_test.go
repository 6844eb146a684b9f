package schema_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// auditDocs returns documents of every audit kind as package audit makes
// them: a finding taken through its corrective action to closed, a
// programme, the checklist built from it and an SoA, a management review,
// an improvement, and the readiness report of a small ISMS. Each is read
// back by its strict parser first, so that it is a document the SDK reads.
func auditDocs(t testing.TB) map[string][][]byte {
	t.Helper()
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 9, 0, 0, 0, time.UTC) }
	out := map[string][][]byte{}
	add := func(kind string, v any, parse func([]byte) error) {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		if parse != nil {
			require.NoError(t, parse(b), kind)
		}
		out[kind] = append(out[kind], b)
	}

	f := &audit.Finding{Meta: isms.Meta{ID: "f-1"}, Kind: audit.MinorNonconformity, Title: "Leaver kept admin access",
		Requirement: isms.ControlRef("A.5.15"), Status: audit.StatusOpen}
	for _, s := range []struct {
		by  string
		cmd audit.StepCommand
	}{
		{"bob", audit.StepCommand{To: audit.StatusInProgress, Owner: "cat", Due: day(12, 15)}},
		{"cat", audit.StepCommand{To: audit.StatusImplemented, RootCause: "Contractors have no leaver ticket",
			Correction: "Account removed", CorrectiveAction: "Contractors added to the leaver process"}},
		{"bob", audit.StepCommand{To: audit.StatusVerifiedEffective, Effectiveness: &audit.EffectivenessCheck{Effective: true,
			Note: "10 leavers sampled, none kept access"}}},
		{"bob", audit.StepCommand{To: audit.StatusClosed}},
	} {
		require.NoError(t, f.Step(s.by, s.cmd, day(12, 20)))
	}
	add("audit.finding", f, func(b []byte) error { _, err := audit.ParseFinding(b); return err })

	a := audit.Audit{ID: "a-2026", Title: "ISMS audit 2026", Criteria: []string{"ISO/IEC 27001:2022"},
		Scope:    []isms.Ref{controls.ClauseRef("9.2"), isms.ControlRef("A.5.15")},
		Auditors: []isms.ID{"cat"}, PlannedStart: day(10, 5), PlannedEnd: day(10, 9), Status: audit.AuditPlanned}
	p := &audit.Programme{Meta: isms.Meta{ID: "prog-1"}, Title: "Audit programme 2026-2029", Owner: "ann",
		CycleStart: day(6, 1), Audits: []audit.Audit{a}}
	add("audit.programme", p, func(b []byte) error { _, err := audit.ParseProgramme(b); return err })

	soa := controls.NewSoA(controls.ISO27001_2022())
	soa.ID = "soa-1"
	add("audit.checklist", audit.BuildChecklist(&a, soa, controls.ISO27001_2022()),
		func(b []byte) error { _, err := audit.ParseChecklist(b); return err })

	r := &audit.ManagementReview{Meta: isms.Meta{ID: "mr-1"}, Title: "Management review 2026", HeldAt: day(11, 2),
		Chair: "ceo", Attendees: []string{"ceo", "ciso"},
		Decisions: []audit.Decision{{ID: "d-1", Kind: audit.DecisionKindValues()[0], Text: "Automate leaver checks", Owner: "cat", Due: day(12, 31)}}}
	add("audit.management_review", r, func(b []byte) error { _, err := audit.ParseManagementReview(b); return err })

	imp := &audit.Improvement{Meta: isms.Meta{ID: "imp-1"}, Title: "Automate leaver checks", SourceKind: audit.SourceReview,
		Source: isms.NewRef("audit.management_review", "mr-1"), Owner: "cat", Status: audit.ImprovementPlanned,
		RaisedAt: day(11, 5), Due: day(11, 20)}
	add("audit.improvement", imp, func(b []byte) error { _, err := audit.ParseImprovement(b); return err })

	rep, err := audit.Readiness(&audit.Snapshot{SoA: soa, Programme: p, Findings: []*audit.Finding{f},
		Reviews: []*audit.ManagementReview{r}, Improvements: []*audit.Improvement{imp}}, day(12, 20), nil)
	require.NoError(t, err)
	add("audit.readiness_report", rep, nil)
	return out
}
