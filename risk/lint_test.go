package risk_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

var lintNow = time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)

func control(id string) isms.Ref { return isms.Ref{Kind: risk.ControlKind, ID: isms.ID(id)} }

// cleanRisk has no findings at lintNow with the 5x5 preset and default
// criteria (appetite "low") and review policy (high: every 6 months).
func cleanRisk(t testing.TB) *risk.Risk {
	m := risk.Preset5x5()
	at := lintNow.AddDate(0, 0, -20)
	return &risk.Risk{
		Meta:             isms.Meta{ID: "r1", Revision: 1, CreatedAt: at},
		Title:            "Ransomware on file servers",
		Owner:            "olivia",
		Status:           risk.StatusOpen,
		Inherent:         mustAssess(t, m, "almost_certain", "major", at), // 20: very_high
		Current:          mustAssess(t, m, "likely", "major", at),         // 16: high
		Residual:         mustAssess(t, m, "possible", "moderate", at),    // 9: medium
		ExistingControls: []isms.Ref{control("A.8.7")},
		Treatment: &risk.Treatment{
			Option:   risk.OptionModify,
			Controls: []isms.Ref{control("A.8.13")},
			Actions: []risk.Action{
				{ID: "act-1", Title: "Immutable backups", Status: risk.ActionPlanned, Due: lintNow.AddDate(0, 1, 0)},
				{ID: "act-2", Title: "Restore test", Status: risk.ActionDone, Due: lintNow.AddDate(0, -1, 0)},
			},
		},
		ReviewedAt: lintNow.AddDate(0, 0, -10),
	}
}

func acceptedSignoff(level string, expires time.Time) risk.Acceptance {
	return risk.Acceptance{
		ID: "acc-1", Status: risk.AcceptanceAccepted, RequestedBy: "rita", DecidedBy: "olivia",
		DecidedAt: lintNow.AddDate(0, -2, 0), ExpiresAt: expires,
		Snapshot: &risk.AcceptanceSnapshot{Stage: risk.StageResidual, Level: level, Matrix: risk.Preset5x5().Ref()},
	}
}

func codes(fs []isms.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func TestLintCodes(t *testing.T) {
	m := risk.Preset5x5()
	other := m.Ref()
	other.Version = "0"
	tests := []struct {
		name   string
		mutate func(r *risk.Risk)
		opts   *risk.LintOptions
		want   []string
	}{
		{"clean", func(*risk.Risk) {}, nil, nil},
		{"owner missing", func(r *risk.Risk) { r.Owner = "" }, nil, []string{risk.CodeOwnerMissing}},
		{"current not assessed", func(r *risk.Risk) { r.Current = nil }, nil, []string{risk.CodeCurrentNotAssessed}},
		{"residual missing", func(r *risk.Risk) { r.Residual = nil }, nil, []string{risk.CodeResidualMissing}},
		{"residual above current", func(r *risk.Risk) { r.Residual = mustAssess(t, m, "almost_certain", "severe", lintNow) },
			nil, []string{risk.CodeResidualAboveCurrent}},
		{"current above inherent", func(r *risk.Risk) { r.Inherent = mustAssess(t, m, "rare", "minor", lintNow) },
			nil, []string{risk.CodeCurrentAboveInherent}},
		{"residual lowered, treatment selects no control", func(r *risk.Risk) { r.Treatment = &risk.Treatment{Option: risk.OptionAvoid} },
			nil, []string{risk.CodeResidualLoweredWithoutControl}},
		{"residual lowered, no treatment", func(r *risk.Risk) { r.Treatment = nil },
			nil, []string{risk.CodeResidualLoweredWithoutControl, risk.CodeTreatmentMissing}},
		{"residual equal to current needs no control", func(r *risk.Risk) {
			r.Residual = r.Current.Clone()
			r.Treatment = &risk.Treatment{Option: risk.OptionShare, SharedWith: []risk.Party{{Name: "Insurer"}}}
		}, nil, nil},
		{"accepted without any sign-off", func(r *risk.Risk) { r.Status = risk.StatusAccepted }, nil, []string{risk.CodeAcceptedWithoutSignoff}},
		{"accepted with a revoked sign-off", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			a := acceptedSignoff("medium", lintNow.AddDate(1, 0, 0))
			a.Status, a.ClosedAt, a.ClosedBy = risk.AcceptanceRevoked, lintNow.AddDate(0, -1, 0), "olivia"
			r.Acceptances = []risk.Acceptance{a}
		}, nil, []string{risk.CodeAcceptedWithoutSignoff}},
		{"accepted with a sign-off in force", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", lintNow.AddDate(0, 1, 0))}
		}, nil, nil},
		// An expired acceptance also makes the risk due for review at its
		// expiry.
		{"acceptance expired", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", lintNow.AddDate(0, 0, -1))}
		}, nil, []string{risk.CodeAcceptanceExpired, risk.CodeReviewOverdue}},
		{"acceptance expires exactly now", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", lintNow)}
		}, nil, []string{risk.CodeAcceptanceExpired}},
		{"acceptance outdated", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			r.Acceptances = []risk.Acceptance{acceptedSignoff("low", lintNow.AddDate(0, 1, 0))}
		}, nil, []string{risk.CodeAcceptanceOutdated}},
		{"control existing and planned", func(r *risk.Risk) { r.ExistingControls = append(r.ExistingControls, control("A.8.13")) },
			nil, []string{risk.CodeControlExistingAndPlanned}},
		{"retained above appetite", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
		}, nil, []string{risk.CodeRetainedAboveAppetite}},
		{"retained above appetite with an expired acceptance", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", lintNow.AddDate(0, 0, -1))}
		}, nil, []string{risk.CodeAcceptanceExpired, risk.CodeRetainedAboveAppetite, risk.CodeReviewOverdue}},
		{"retained with an acceptance in force", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", lintNow.AddDate(0, 1, 0))}
		}, nil, nil},
		{"retained within appetite", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
		}, &risk.LintOptions{Criteria: &risk.Criteria{Matrix: m.Ref(), Appetite: "medium"}}, nil},
		{"criteria for another matrix fall back to the most cautious", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
		}, &risk.LintOptions{Criteria: &risk.Criteria{Matrix: other, Appetite: "very_high"}}, []string{risk.CodeRetainedAboveAppetite}},
		{"retained within the risk's own appetite", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
			r.Criteria = &risk.Criteria{Matrix: m.Ref(), Appetite: "medium"}
		}, nil, nil},
		{"treatment missing", func(r *risk.Risk) { r.Treatment, r.Residual = nil, r.Current.Clone() },
			nil, []string{risk.CodeTreatmentMissing}},
		{"no treatment needed within appetite", func(r *risk.Risk) {
			r.Treatment = nil
			r.Inherent = mustAssess(t, m, "rare", "minor", lintNow)
			r.Current = mustAssess(t, m, "rare", "minor", lintNow)
			r.Residual = mustAssess(t, m, "rare", "minor", lintNow)
		}, nil, nil},
		{"action overdue", func(r *risk.Risk) { r.Treatment.Actions[0].Due = lintNow.AddDate(0, 0, -1) },
			nil, []string{risk.CodeActionOverdue}},
		{"action in progress overdue", func(r *risk.Risk) {
			r.Treatment.Actions[0].Due = lintNow.Add(-time.Second)
			r.Treatment.Actions[0].Status = risk.ActionInProgress
		}, nil, []string{risk.CodeActionOverdue}},
		{"cancelled action past due", func(r *risk.Risk) {
			r.Treatment.Actions[0].Due = lintNow.AddDate(0, 0, -1)
			r.Treatment.Actions[0].Status = risk.ActionCancelled
		}, nil, nil},
		// Current level high: every 6 months. 2024-12-30T11:59 + P6M =
		// 2025-06-30T11:59, a minute before lintNow.
		{"review overdue", func(r *risk.Risk) { r.ReviewedAt = time.Date(2024, 12, 30, 11, 59, 0, 0, time.UTC) },
			nil, []string{risk.CodeReviewOverdue}},
		// 2024-12-30T12:00 + P6M = lintNow exactly: due, not yet overdue.
		{"review due exactly now", func(r *risk.Risk) { r.ReviewedAt = time.Date(2024, 12, 30, 12, 0, 0, 0, time.UTC) },
			nil, nil},
		{"review overdue under a custom policy", func(r *risk.Risk) {}, &risk.LintOptions{Review: &risk.ReviewPolicy{
			Intervals: []risk.ReviewInterval{{Level: "high", Every: isms.Days(7)}}, Default: isms.Years(1),
		}}, []string{risk.CodeReviewOverdue}},
		// Recorded very_high, rescored high (likely 4 × major 4 = 16); the
		// recorded level is what the other checks compare.
		{"recorded level differs from rescore", func(r *risk.Risk) { r.Current.Level = "very_high" },
			nil, []string{risk.CodeAssessmentInconsistent}},
		{"recorded level differs and ranks above inherent", func(r *risk.Risk) {
			r.Current.Level = "very_high"
			r.Inherent = mustAssess(t, m, "likely", "major", lintNow) // 16: high
		}, nil, []string{risk.CodeAssessmentInconsistent, risk.CodeCurrentAboveInherent}},
		{"assessment names unknown level", func(r *risk.Risk) { r.Current.Likelihood = "frequent" },
			nil, []string{risk.CodeAssessmentInconsistent}},
		{"matrix outdated", func(r *risk.Risk) { r.Inherent.Matrix = other },
			nil, []string{risk.CodeMatrixOutdated}},
		{"criteria mismatch", func(r *risk.Risk) { r.Criteria = &risk.Criteria{Matrix: other, Appetite: "medium"} },
			nil, []string{risk.CodeCriteriaMismatch}},
		{"closed risks are not checked", func(r *risk.Risk) {
			r.Status, r.Owner, r.Current = risk.StatusClosed, "", nil
		}, nil, nil},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := cleanRisk(t)
			tc.mutate(r)
			fs := risk.Lint(r, m, lintNow, tc.opts)
			want := tc.want
			if want == nil {
				want = []string{}
			}
			assert.Equal(t, want, codes(fs), "%+v", fs)
			for _, f := range fs {
				covered[f.Code] = true
				assert.Equal(t, isms.Ref{Kind: "risk", ID: "r1"}, f.Subject)
				assert.NotEmpty(t, f.Message)
				assert.True(t, f.Severity.IsValid())
			}
		})
	}
	for _, rule := range risk.Rules() {
		assert.True(t, covered[rule.Code], "no test case produces %s", rule.Code)
	}
}

func TestLintFindingDetails(t *testing.T) {
	m := risk.Preset5x5()
	r := cleanRisk(t)
	r.ReviewedAt = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	r.ExistingControls = append(r.ExistingControls, control("A.8.13"))
	r.Treatment.Actions[0].Due = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	r.Treatment.Actions[0].Owner = "ian"
	fs := risk.Lint(r, m, lintNow, nil)
	require.Equal(t, []string{risk.CodeActionOverdue, risk.CodeControlExistingAndPlanned, risk.CodeReviewOverdue}, codes(fs))

	assert.Equal(t, isms.Finding{
		Code: risk.CodeActionOverdue, Severity: isms.SeverityWarning, Subject: r.Ref(),
		Message: `action "Immutable backups" was due on 2025-06-01`, Field: "treatment.actions[0]",
		Details: map[string]string{"due": "2025-06-01T00:00:00Z", "now": "2025-06-30T12:00:00Z", "status": "planned", "owner": "ian"},
	}, fs[0])
	assert.Equal(t, "treatment.controls[0]", fs[1].Field)
	assert.Equal(t, []isms.Ref{control("A.8.13")}, fs[1].Related)
	// high: P6M from 2024-12-01 is 2025-06-01.
	assert.Equal(t, isms.Finding{
		Code: risk.CodeReviewOverdue, Severity: isms.SeverityWarning, Subject: r.Ref(),
		Message: "the risk was due for review on 2025-06-01", Field: "reviewed_at",
		Details: map[string]string{"now": "2025-06-30T12:00:00Z", "level": "high", "last_review": "2024-12-01T00:00:00Z",
			"next_review": "2025-06-01T00:00:00Z", "interval": "P6M"},
	}, fs[2])
}

func TestLintAllSorted(t *testing.T) {
	m := risk.Preset5x5()
	a := cleanRisk(t)
	a.ID, a.Owner = "r2", ""
	b := cleanRisk(t)
	b.ID, b.Residual = "r1", nil
	c := cleanRisk(t)
	c.ID, c.Owner = "r0", ""
	fs := risk.LintAll([]*risk.Risk{a, nil, b, c}, m, lintNow, nil)
	// Errors first, then by code, then by subject.
	require.Len(t, fs, 3)
	assert.Equal(t, []string{risk.CodeOwnerMissing, risk.CodeOwnerMissing, risk.CodeResidualMissing}, codes(fs))
	assert.Equal(t, isms.ID("r0"), fs[0].Subject.ID)
	assert.Equal(t, isms.ID("r2"), fs[1].Subject.ID)
	assert.Empty(t, risk.LintAll(nil, m, lintNow, nil))
}

func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, r := range risk.Rules() {
		assert.False(t, seen[r.Code], "duplicate %s", r.Code)
		seen[r.Code] = true
		assert.True(t, strings.HasPrefix(r.Code, "risk."), r.Code)
		assert.True(t, r.Severity.IsValid(), r.Code)
		assert.NotEmpty(t, r.Summary)
		assert.Contains(t, string(doc), r.Code+" ", "doc.go lists %s", r.Code)
		assert.Contains(t, string(doc), r.Code+strings.Repeat(" ", 38-len(r.Code))+string(r.Severity), "doc.go gives the severity of %s", r.Code)
	}
	assert.Len(t, seen, 17)
}

func TestLintRecordedImpactDiffersFromRescore(t *testing.T) {
	// likely × max(major, minor, minor) = likely × major = 16: high. The
	// record says the combined impact is moderate (likely × moderate = 12,
	// also high): the level agrees, but the heatmap and the ranking would
	// place the risk in the moderate column.
	m := risk.Preset5x5()
	r := cleanRisk(t)
	cur, err := m.Assess(risk.Rating{Likelihood: "likely", Impacts: cia("major", "minor", "minor")}, "", "ann", lintNow.AddDate(0, 0, -20))
	require.NoError(t, err)
	require.Equal(t, "high", cur.Level)
	r.Current = cur
	require.Empty(t, risk.Lint(r, m, lintNow, nil))

	r.Current.Impact = "moderate"
	fs := risk.Lint(r, m, lintNow, nil)
	require.Equal(t, []string{risk.CodeAssessmentInconsistent}, codes(fs))
	assert.Equal(t, "current.impact", fs[0].Field)
	assert.Equal(t, "moderate", fs[0].Details["recorded"])
	assert.Equal(t, "major", fs[0].Details["rescored"])
}
