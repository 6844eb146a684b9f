package audit_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/isms"
)

func TestRules(t *testing.T) {
	code := regexp.MustCompile(`^audit\.[a-z]+\.[a-z0-9_]+$`)
	source := regexp.MustCompile(`^(4|5|6|7|8|9|10)(\.[0-9]+)*( [a-z0-9 ]+)?$`)
	seen := map[string]bool{}
	for _, r := range audit.Rules() {
		assert.Regexp(t, code, r.Code)
		assert.False(t, seen[r.Code], "code %s listed twice", r.Code)
		seen[r.Code] = true
		assert.True(t, r.Severity.IsValid(), r.Code)
		assert.NotEmpty(t, r.Summary, r.Code)
		if r.Code != audit.CodeNotAssessed {
			assert.Regexp(t, source, r.Source, r.Code)
		}
		if strings.HasSuffix(r.Code, ".owner_missing") {
			assert.Equal(t, isms.SeverityError, r.Severity, "a missing owner is an error everywhere")
		}
	}
	// Every code constant of the package is listed.
	for _, c := range []string{audit.CodeProgrammeOwnerMissing, audit.CodeClauseNotCovered, audit.CodeControlNotCovered, audit.CodeFrequencyNotMet,
		audit.CodeAuditorMissing, audit.CodeAuditorNotIndependent, audit.CodeCriteriaMissing, audit.CodeScopeMissing, audit.CodeRequirementUnknown,
		audit.CodeAuditOverdue, audit.CodeAuditOutsideCycle, audit.CodeResultsMissing, audit.CodeItemOpen, audit.CodeSampleContradicted,
		audit.CodeNonconformityNotRaised, audit.CodeEvidenceNotExamined, audit.CodeFindingOwnerMissing, audit.CodeFindingDueMissing,
		audit.CodeFindingOverdue, audit.CodeFindingDueSoon, audit.CodeRootCauseMissing, audit.CodeMajorOpen, audit.CodeReviewInputMissing,
		audit.CodeReviewMissing, audit.CodeReviewOverdue, audit.CodeReviewDueSoon, audit.CodeDecisionOwnerMissing, audit.CodeDecisionDueMissing,
		audit.CodeDecisionOverdue, audit.CodeImprovementOwnerMissing, audit.CodeImprovementOverdue, audit.CodeContextMissing,
		audit.CodePartiesMissing, audit.CodeScopeUndefined, audit.CodeScopeNotApproved, audit.CodePolicyMissing, audit.CodePolicyNotApproved,
		audit.CodeRolesMissing, audit.CodeRiskAssessmentMissing, audit.CodeTreatmentPlanMissing, audit.CodeSoAMissing, audit.CodeSoANotApproved,
		audit.CodeObjectivesMissing, audit.CodeProgrammeMissing, audit.CodeMonitoringMissing, audit.CodeRecordsTooShort,
		audit.CodeInternalAuditMissing, audit.CodeManagementReviewAbsent, audit.CodeStage1NotReady, audit.CodeNotAssessed} {
		assert.True(t, seen[c], "code %s has no rule", c)
	}
	assert.Len(t, seen, 50)
}

// TestReadinessReasonsEachTriggered removes one element of the ready ISMS
// at a time and expects exactly its Stage 1 reason.
func TestReadinessReasonsEachTriggered(t *testing.T) {
	cases := []struct {
		code string
		drop func(s *audit.Snapshot)
	}{
		{audit.CodeContextMissing, func(s *audit.Snapshot) { s.Issues = nil }},
		{audit.CodePartiesMissing, func(s *audit.Snapshot) { s.Parties = nil }},
		{audit.CodeScopeUndefined, func(s *audit.Snapshot) { s.Scope = nil }},
		{audit.CodeScopeNotApproved, func(s *audit.Snapshot) { s.Scope.ApprovedBy = "" }},
		{audit.CodePolicyMissing, func(s *audit.Snapshot) { s.Documents = s.Documents[1:] }},
		{audit.CodePolicyNotApproved, func(s *audit.Snapshot) { s.Documents[0].Approver = "" }},
		{audit.CodeRolesMissing, func(s *audit.Snapshot) { s.Staffing.Assignments = nil }},
		{audit.CodeRiskAssessmentMissing, func(s *audit.Snapshot) { s.Risks = nil }},
		{audit.CodeTreatmentPlanMissing, func(s *audit.Snapshot) { s.Risks[0].Treatment = nil }},
		{audit.CodeSoAMissing, func(s *audit.Snapshot) { s.SoA = nil }},
		{audit.CodeSoANotApproved, func(s *audit.Snapshot) { s.SoA.ApprovedAt = now.AddDate(0, 0, 1) }},
		{audit.CodeObjectivesMissing, func(s *audit.Snapshot) { s.Objectives = nil }},
		{audit.CodeProgrammeMissing, func(s *audit.Snapshot) { s.Programme = nil }},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			s := readyISMS()
			c.drop(s)
			r, err := audit.Readiness(s, now, nil)
			require.NoError(t, err)
			assert.Equal(t, []string{c.code}, codes(r.Stage1.Reasons))
			assert.Equal(t, audit.CodeStage1NotReady, r.Stage2.Reasons[0].Code)
		})
	}
	stage2 := []struct {
		code string
		drop func(s *audit.Snapshot)
	}{
		{audit.CodeMonitoringMissing, func(s *audit.Snapshot) { s.ControlChecks[0].Results = nil }},
		{audit.CodeInternalAuditMissing, func(s *audit.Snapshot) {
			s.Programme.Audits[0].Status, s.Programme.Audits[0].CompletedAt = audit.AuditInProgress, time0
			s.Programme.Audits[0].PlannedEnd = date(2026, 12, 18)
		}},
		{audit.CodeManagementReviewAbsent, func(s *audit.Snapshot) { s.Reviews[0].HeldAt = date(2026, 12, 1) }},
	}
	for _, c := range stage2 {
		t.Run(c.code, func(t *testing.T) {
			s := readyISMS()
			c.drop(s)
			r, err := audit.Readiness(s, now, nil)
			require.NoError(t, err)
			assert.True(t, r.Stage1.Ready)
			assert.Contains(t, codes(r.Stage2.Reasons), c.code)
		})
	}
}

func TestEnumsAreStrict(t *testing.T) {
	var k audit.FindingKind
	require.NoError(t, k.UnmarshalText([]byte("observation")))
	assert.Equal(t, audit.Observation, k)
	assert.ErrorIs(t, k.UnmarshalText([]byte("grave")), isms.ErrInvalid)
	assert.Equal(t, audit.Observation, k, "unchanged on error")
	for _, c := range []struct {
		name string
		fn   func([]byte) error
	}{
		{"finding status", new(audit.FindingStatus).UnmarshalText},
		{"audit status", new(audit.AuditStatus).UnmarshalText},
		{"method", new(audit.Method).UnmarshalText},
		{"result", new(audit.Result).UnmarshalText},
		{"review input", new(audit.ReviewInput).UnmarshalText},
		{"decision kind", new(audit.DecisionKind).UnmarshalText},
		{"source kind", new(audit.SourceKind).UnmarshalText},
		{"improvement status", new(audit.ImprovementStatus).UnmarshalText},
		{"state", new(audit.State).UnmarshalText},
		{"phase", new(audit.Phase).UnmarshalText},
	} {
		assert.ErrorIs(t, c.fn([]byte("nope")), isms.ErrInvalid, c.name)
		assert.ErrorIs(t, c.fn([]byte("")), isms.ErrInvalid, c.name)
	}
	assert.Equal(t, []audit.FindingKind{audit.MajorNonconformity, audit.MinorNonconformity, audit.Observation, audit.OpportunityForImprovement},
		audit.FindingKindValues())
	assert.Equal(t, []audit.Method{"inspect", "observe", "enquire", "reperform"}, audit.MethodValues())
	assert.Equal(t, []audit.Result{"conforming", "nonconformity", "observation", "not_sampled"}, audit.ResultValues())
}
