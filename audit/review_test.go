package audit_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
)

// reviewSnapshot is a snapshot with every input's source given.
func reviewSnapshot() *audit.ReviewSnapshot {
	s := readyISMS()
	prev := &audit.ManagementReview{Meta: isms.Meta{ID: "mr-2025"}, Title: "Management review 2025", HeldAt: date(2025, 11, 3),
		Decisions: []audit.Decision{
			{ID: "d-1", Kind: audit.DecisionChange, Text: "Extend scope to the warehouse", Owner: "ann", Due: date(2026, 6, 1), DoneAt: date(2026, 5, 20)},
			{ID: "d-2", Kind: audit.DecisionResources, Text: "Hire a second IT engineer", Owner: "ceo", Due: date(2026, 9, 1)},
		}}
	inc := &incident.Incident{Meta: isms.Meta{ID: "inc-1"}, Title: "Phishing of an admin", Status: incident.StatusClosed, ReportedAt: date(2026, 3, 2),
		Review: &incident.Review{RootCause: "no MFA", CompletedAt: date(2026, 3, 20), Lessons: []incident.Lesson{{Text: "Enforce MFA for admins"}}}}
	old := &incident.Incident{Meta: isms.Meta{ID: "inc-0"}, Title: "Lost laptop", Status: incident.StatusClosed, ReportedAt: date(2025, 10, 1)}
	open := &audit.Finding{Meta: isms.Meta{ID: "f-2"}, Kind: audit.MajorNonconformity, Title: "No access reviews", Requirement: isms.ControlRef("A.5.15"),
		Status: audit.StatusInProgress, Due: date(2026, 11, 1)}
	return &audit.ReviewSnapshot{Previous: prev, Issues: s.Issues, Parties: s.Parties, Findings: append(s.Findings, open),
		Incidents: []*incident.Incident{inc, old}, ControlChecks: s.ControlChecks, Programme: s.Programme, Objectives: s.Objectives,
		Feedback: []string{"Customers ask for SOC 2"}, Risks: s.Risks, Matrix: s.Matrix, SoA: s.SoA,
		Improvements: []*audit.Improvement{{Title: "Automate leaver checks", SourceKind: audit.SourceReview, Status: audit.ImprovementPlanned},
			{Title: "Old idea", SourceKind: audit.SourceOther, Status: audit.ImprovementRejected}}}
}

func TestAssembleReviewComplete(t *testing.T) {
	in, fs := audit.AssembleReview(reviewSnapshot(), now)
	assert.Empty(t, fs)
	assert.Empty(t, in.Missing)
	assert.Equal(t, []audit.DecisionStatus{
		{Review: isms.Ref{Kind: audit.KindReview, ID: "mr-2025"}, Decision: "d-1", Kind: audit.DecisionChange, Text: "Extend scope to the warehouse",
			Owner: "ann", Due: date(2026, 6, 1), Done: true},
		{Review: isms.Ref{Kind: audit.KindReview, ID: "mr-2025"}, Decision: "d-2", Kind: audit.DecisionResources, Text: "Hire a second IT engineer",
			Owner: "ceo", Due: date(2026, 9, 1), Overdue: true},
	}, in.PreviousActions)
	assert.Equal(t, []audit.PartyNeeds{{Party: isms.Ref{Kind: isms.KindInterestedParty, ID: "party-customers"}, Name: "Customers", Requirements: 1}}, in.Parties)
	// One closed minor, one open major past its due date; the incident of
	// 2025 is before the previous review and not counted.
	assert.Equal(t, &audit.NonconformitySummary{Open: 1, Major: 1, Overdue: 1, Closed: 1, Incidents: 1, Lessons: []string{"Enforce MFA for admins"}}, in.Nonconformities)
	assert.Equal(t, &audit.MonitoringSummary{Checks: 1, Results: 7, Effective: 2, Unknown: 0}, in.Monitoring)
	assert.Equal(t, &audit.AuditSummary{Completed: 1, Planned: 2, Findings: 1, Audits: []isms.ID{"a-2026"}}, in.AuditResults)
	assert.Equal(t, []audit.ObjectiveResult{{Objective: isms.Ref{Kind: isms.KindObjective, ID: "obj-1"}, Title: "MFA for every admin", Met: false, Known: true}}, in.Objectives)
	assert.Equal(t, []string{"Customers ask for SOC 2"}, in.PartyFeedback)
	// The risk's residual (effective) level is medium; its one action is done.
	assert.Equal(t, &audit.RiskSummary{Risks: 1, ByLevel: map[string]int{"medium": 1}}, in.Risk)
	assert.Equal(t, []string{"Automate leaver checks"}, in.Improvements)
}

func TestAssembleReviewEachInputMissing(t *testing.T) {
	cases := []struct {
		input  audit.ReviewInput
		clause string
		drop   func(s *audit.ReviewSnapshot)
	}{
		{audit.InputPreviousActions, "9.3.2 a", func(s *audit.ReviewSnapshot) { s.Previous = nil }},
		{audit.InputIssues, "9.3.2 b", func(s *audit.ReviewSnapshot) { s.Issues = nil }},
		{audit.InputParties, "9.3.2 c", func(s *audit.ReviewSnapshot) { s.Parties = nil }},
		{audit.InputNonconformities, "9.3.2 d 1", func(s *audit.ReviewSnapshot) { s.Findings, s.Incidents = nil, nil }},
		{audit.InputMonitoring, "9.3.2 d 2", func(s *audit.ReviewSnapshot) { s.ControlChecks = nil }},
		{audit.InputAuditResults, "9.3.2 d 3", func(s *audit.ReviewSnapshot) { s.Programme = nil }},
		{audit.InputObjectives, "9.3.2 d 4", func(s *audit.ReviewSnapshot) { s.Objectives = nil }},
		{audit.InputPartyFeedback, "9.3.2 e", func(s *audit.ReviewSnapshot) { s.Feedback = nil }},
		{audit.InputRisk, "9.3.2 f", func(s *audit.ReviewSnapshot) { s.Risks = nil }},
		{audit.InputImprovement, "9.3.2 g", func(s *audit.ReviewSnapshot) { s.Improvements = nil }},
	}
	require.Len(t, cases, len(audit.ReviewInputValues()), "every input of 9.3.2 is tested")
	for _, c := range cases {
		t.Run(string(c.input), func(t *testing.T) {
			s := reviewSnapshot()
			c.drop(s)
			in, fs := audit.AssembleReview(s, now)
			assert.Equal(t, []audit.ReviewInput{c.input}, in.Missing)
			require.Len(t, fs, 1)
			assert.Equal(t, audit.CodeReviewInputMissing, fs[0].Code)
			assert.Equal(t, isms.SeverityError, fs[0].Severity)
			assert.Equal(t, "inputs."+string(c.input), fs[0].Field)
			assert.Equal(t, map[string]string{"input": string(c.input), "clause": c.clause}, fs[0].Details)
			assert.Equal(t, c.clause, c.input.Clause())
		})
	}
	t.Run("first review has no previous actions to miss", func(t *testing.T) {
		s := reviewSnapshot()
		s.Previous, s.FirstReview = nil, true
		in, fs := audit.AssembleReview(s, now)
		assert.Empty(t, fs)
		assert.Empty(t, in.Missing)
	})
	t.Run("incidents alone are a nonconformity source", func(t *testing.T) {
		s := reviewSnapshot()
		s.Findings = nil
		_, fs := audit.AssembleReview(s, now)
		assert.Empty(t, fs)
	})
	t.Run("nil snapshot misses every input", func(t *testing.T) {
		in, fs := audit.AssembleReview(nil, now)
		assert.Equal(t, audit.ReviewInputValues(), in.Missing)
		assert.Len(t, fs, 10)
	})
}

func TestCheckReviews(t *testing.T) {
	held := func(at, due, done time.Time) []*audit.ManagementReview {
		r := &audit.ManagementReview{Meta: isms.Meta{ID: "mr-1"}, Title: "MR", HeldAt: at,
			Decisions: []audit.Decision{{ID: "d-1", Kind: audit.DecisionImprovement, Text: "Automate", Owner: "cat", Due: due, DoneAt: done}}}
		return []*audit.ManagementReview{r}
	}
	cases := []struct {
		name    string
		reviews []*audit.ManagementReview
		want    []string
	}{
		{"clean", held(date(2026, 3, 1), date(2027, 1, 1), time0), []string{}},
		{"missing", nil, []string{audit.CodeReviewMissing}},
		{"planned only is missing", []*audit.ManagementReview{{Title: "MR", PlannedAt: date(2026, 12, 1)}}, []string{audit.CodeReviewMissing}},
		// 21 November 2025 + P1Y = 21 November 2026, before now.
		{"overdue", held(date(2025, 11, 21), date(2027, 1, 1), time0), []string{audit.CodeReviewOverdue}},
		// 1 December 2025 + P1Y is within 14 days of 22 November 2026.
		{"due soon", held(date(2025, 12, 1), date(2027, 1, 1), time0), []string{audit.CodeReviewDueSoon}},
		{"due in 15 days is not soon", held(date(2025, 12, 7), date(2027, 1, 1), time0), []string{}},
		{"decision overdue", held(date(2026, 3, 1), date(2026, 11, 1), time0), []string{audit.CodeDecisionOverdue}},
		{"decision done is not overdue", held(date(2026, 3, 1), date(2026, 11, 1), date(2026, 10, 30)), []string{}},
		{"decision due missing", held(date(2026, 3, 1), time0, time0), []string{audit.CodeDecisionDueMissing}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, err := audit.CheckReviews(c.reviews, now, nil)
			require.NoError(t, err)
			assert.Equal(t, c.want, codes(fs))
		})
	}
	r := held(date(2026, 3, 1), date(2027, 1, 1), time0)
	r[0].Decisions[0].Owner = ""
	fs, err := audit.CheckReviews(r, now, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{audit.CodeDecisionOwnerMissing}, codes(fs))
	// A six-monthly interval makes the March review overdue.
	fs, err = audit.CheckReviews(held(date(2026, 3, 1), date(2027, 1, 1), time0), now, &audit.ReviewOptions{Interval: isms.Months(6)})
	require.NoError(t, err)
	assert.Equal(t, []string{audit.CodeReviewOverdue}, codes(fs))
	assert.Equal(t, "2026-09-01T09:00:00Z", fs[0].Details["due"])
	_, err = audit.CheckReviews(nil, now, &audit.ReviewOptions{Interval: isms.Years(4)})
	assert.ErrorIs(t, err, isms.ErrInvalid)

	assert.Equal(t, []*audit.Improvement{{Title: "Automate", Source: isms.Ref{Kind: audit.KindReview, ID: "mr-1"}, SourceKind: audit.SourceReview,
		Owner: "cat", Due: date(2027, 1, 1), Status: audit.ImprovementPlanned, RaisedAt: date(2026, 3, 1)}},
		audit.ReviewImprovements(held(date(2026, 3, 1), date(2027, 1, 1), time0)[0]))
}
