package audit_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/isms"
)

func codes(fs []isms.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func clauseState(t *testing.T, r *audit.Report, id isms.ID) audit.State {
	t.Helper()
	for _, c := range r.Clauses {
		if c.Requirement.ID == id {
			return c.State
		}
	}
	t.Fatalf("clause %s not in the report", id)
	return ""
}

func controlState(t *testing.T, r *audit.Report, id isms.ID) audit.State {
	t.Helper()
	for _, c := range r.Controls {
		if c.Requirement.ID == id {
			return c.State
		}
	}
	t.Fatalf("control %s not in the report", id)
	return ""
}

func TestReadinessVerdicts(t *testing.T) {
	t.Run("ready", func(t *testing.T) {
		r, err := audit.Readiness(readyISMS(), now, nil)
		require.NoError(t, err)
		assert.True(t, r.Stage1.Ready, "stage 1 reasons: %v", codes(r.Stage1.Reasons))
		assert.Empty(t, r.Stage1.Reasons)
		assert.True(t, r.Stage2.Ready, "stage 2 reasons: %v", codes(r.Stage2.Reasons))
		assert.Empty(t, r.Stage2.Reasons)
		// The first operating record is the control check result of 1 May
		// 2026 (the risk assessment is of 2 May).
		assert.Equal(t, date(2026, 5, 1), r.OperatingSince)
		// Nothing stands against the ISMS but the three clauses the SDK
		// holds no records for.
		assert.Equal(t, []string{audit.CodeNotAssessed, audit.CodeNotAssessed, audit.CodeNotAssessed}, codes(r.Findings))
		assert.Len(t, r.Clauses, 34, "every clause and sub-clause of 4.1 to 10.2")
		assert.Equal(t, []isms.ID{"A.5.15", "A.8.5"}, []isms.ID{r.Controls[0].Requirement.ID, r.Controls[1].Requirement.ID})
		assert.Equal(t, audit.StateConforming, clauseState(t, r, "6.1.3"))
		assert.Equal(t, audit.StateNotAssessed, clauseState(t, r, "7.4"))
		assert.Equal(t, audit.StateConforming, controlState(t, r, "A.5.15"))
	})
	t.Run("soa not approved", func(t *testing.T) {
		s := readyISMS()
		s.SoA.ApprovedBy, s.SoA.ApprovedAt = "", time.Time{}
		r, err := audit.Readiness(s, now, nil)
		require.NoError(t, err)
		assert.False(t, r.Stage1.Ready)
		assert.Equal(t, []string{audit.CodeSoANotApproved}, codes(r.Stage1.Reasons))
		assert.Equal(t, isms.Ref{Kind: "soa", ID: "soa-1"}, r.Stage1.Reasons[0].Subject)
		assert.False(t, r.Stage2.Ready)
		assert.Equal(t, []string{audit.CodeStage1NotReady}, codes(r.Stage2.Reasons))
		assert.Equal(t, audit.StateMissing, clauseState(t, r, "6.1.3"))
		assert.Equal(t, audit.StateMissing, clauseState(t, r, "6.1"), "a clause is as bad as its worst sub-clause")
	})
	t.Run("open major nonconformity", func(t *testing.T) {
		s := readyISMS()
		s.Findings = append(s.Findings, &audit.Finding{Meta: isms.Meta{ID: "f-2"}, Audit: "a-2026", Kind: audit.MajorNonconformity,
			Title: "Access reviews not performed", Requirement: isms.ControlRef("A.5.15"), Owner: "cat", Due: date(2026, 12, 15),
			Status: audit.StatusInProgress, RootCause: "No reviewer named", RaisedBy: "bob", RaisedAt: date(2026, 10, 8)})
		r, err := audit.Readiness(s, now, nil)
		require.NoError(t, err)
		assert.True(t, r.Stage1.Ready, "stage 1 reasons: %v", codes(r.Stage1.Reasons))
		assert.False(t, r.Stage2.Ready)
		require.Equal(t, []string{audit.CodeMajorOpen}, codes(r.Stage2.Reasons))
		assert.Equal(t, isms.Ref{Kind: audit.KindFinding, ID: "f-2"}, r.Stage2.Reasons[0].Subject)
		assert.Equal(t, audit.StateNonconforming, clauseState(t, r, "10.2"))
		assert.Equal(t, audit.StateNonconforming, controlState(t, r, "A.5.15"))
	})
}

func TestReadinessMarkdownAndJSON(t *testing.T) {
	s := readyISMS()
	s.SoA.ApprovedBy, s.SoA.ApprovedAt = "", time.Time{}
	r, err := audit.Readiness(s, now, nil)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, audit.WriteMarkdown(&b, r))
	md := b.String()
	for _, want := range []string{
		"# ISMS readiness report\n\nAssessed at 2026-11-22T09:00:00Z. Records since 2026-05-01. Stage 2 needs P3M of records.\n",
		"## Stage 1 (design documented and complete): not ready\n\n- `audit.readiness.soa_not_approved` the Statement of Applicability \"Acme SoA\" is not approved\n",
		"## Stage 2 (operation): not ready\n\n- `audit.readiness.stage1_not_ready` the design is not ready for Stage 1 (1 reasons)\n",
		"| 6.1.3 | Information security risk treatment | missing |",
		"| 7.4 | Communication | not_assessed | 1 |",
		"| A.5.15 | Access control | conforming | implemented | effective | 0 |",
	} {
		assert.Contains(t, md, want)
	}
	data, err := json.Marshal(r)
	require.NoError(t, err)
	var doc struct {
		Stage1 struct {
			Ready   bool `json:"ready"`
			Reasons []struct {
				Code string `json:"code"`
			} `json:"reasons"`
		} `json:"stage1"`
		MinOperation string `json:"min_operation"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.False(t, doc.Stage1.Ready)
	assert.Equal(t, "audit.readiness.soa_not_approved", doc.Stage1.Reasons[0].Code)
	assert.Equal(t, "P3M", doc.MinOperation)
	assert.True(t, strings.Contains(string(data), `"operating_since":"2026-05-01T09:00:00Z"`))

	assert.ErrorIs(t, audit.WriteMarkdown(&b, nil), isms.ErrInvalid)
}

func TestReadinessEmptyISMS(t *testing.T) {
	r, err := audit.Readiness(nil, now, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{
		audit.CodeContextMissing, audit.CodeObjectivesMissing, audit.CodePartiesMissing, audit.CodePolicyMissing,
		audit.CodeProgrammeMissing, audit.CodeRiskAssessmentMissing, audit.CodeRolesMissing, audit.CodeScopeUndefined, audit.CodeSoAMissing,
	}, codes(r.Stage1.Reasons))
	assert.Equal(t, []string{
		audit.CodeStage1NotReady, audit.CodeInternalAuditMissing, audit.CodeManagementReviewAbsent, audit.CodeMonitoringMissing, audit.CodeRecordsTooShort,
	}, codes(r.Stage2.Reasons))

	_, err = audit.Readiness(nil, now, &audit.ReadinessOptions{MinOperation: isms.Years(4)})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestReadinessRecordsTooShort(t *testing.T) {
	s := readyISMS()
	// Almost seven months of records are not enough when nine are asked for.
	r, err := audit.Readiness(s, now, &audit.ReadinessOptions{MinOperation: isms.Months(9)})
	require.NoError(t, err)
	assert.True(t, r.Stage1.Ready)
	require.Equal(t, []string{audit.CodeRecordsTooShort}, codes(r.Stage2.Reasons))
	assert.Equal(t, map[string]string{"operating_since": "2026-05-01T09:00:00Z", "min_operation": "P9M",
		"needed_by": "2026-02-22T09:00:00Z", "now": "2026-11-22T09:00:00Z"}, r.Stage2.Reasons[0].Details)
}

// TestReadinessAttachesDomainFindings checks that domain findings land on
// the clause their rule's source names and on the controls they concern,
// without touching the verdicts, which only the readiness reasons decide.
func TestReadinessAttachesDomainFindings(t *testing.T) {
	s := readyISMS()
	// The procedure was published in April 2025: its yearly review fell
	// due in April 2026 (document.review_overdue, source 7.5.2).
	s.Documents[1].ApprovedAt, s.Documents[1].PublishedAt = date(2025, 4, 20), date(2025, 4, 21)
	// The MFA probe failed on 15 November (control_check.failed).
	chk := s.ControlChecks[0]
	chk.Results = append(chk.Results, isms.ControlCheckResult{Outcome: isms.CheckFail, At: date(2026, 11, 15), By: "probe",
		Evidence: []isms.Ref{{Kind: isms.KindEvidence, ID: "ev-mfa-fail"}}})
	r, err := audit.Readiness(s, now, nil)
	require.NoError(t, err)
	assert.True(t, r.Stage1.Ready)
	assert.True(t, r.Stage2.Ready)
	assert.Equal(t, audit.StateNonconforming, clauseState(t, r, "7.5.2"))
	assert.Equal(t, audit.StateNonconforming, clauseState(t, r, "7.5"))
	assert.Equal(t, audit.StateConforming, clauseState(t, r, "7.5.1"))
	for _, id := range []isms.ID{"A.5.15", "A.8.5"} {
		assert.Equal(t, audit.StateNonconforming, controlState(t, r, id))
		for _, c := range r.Controls {
			if c.Requirement.ID == id {
				assert.Equal(t, isms.EffectivenessIneffective, c.Effectiveness)
				assert.Equal(t, []string{isms.CodeControlCheckFailed}, codes(c.Findings))
			}
		}
	}
}
