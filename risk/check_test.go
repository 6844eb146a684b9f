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

var checkNow = time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)

func control(id string) isms.Ref { return isms.Ref{Kind: risk.ControlKind, ID: isms.ID(id)} }

// cleanRisk has no findings at checkNow with the 5x5 preset and default
// criteria (appetite "low") and review policy (high: every 6 months).
func cleanRisk(t testing.TB) *risk.Risk {
	m := risk.Preset5x5()
	at := checkNow.AddDate(0, 0, -20)
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
				{ID: "act-1", Title: "Immutable backups", Status: risk.ActionPlanned, Due: checkNow.AddDate(0, 1, 0)},
				{ID: "act-2", Title: "Restore test", Status: risk.ActionDone, Due: checkNow.AddDate(0, -1, 0)},
			},
		},
		ReviewedAt: checkNow.AddDate(0, 0, -10),
	}
}

func acceptedSignoff(level string, expires time.Time) risk.Acceptance {
	return risk.Acceptance{
		ID: "acc-1", Status: risk.AcceptanceAccepted, RequestedBy: "rita", DecidedBy: "olivia",
		Justification: "backups restore within the RTO; the rest is within appetite",
		DecidedAt:     checkNow.AddDate(0, -2, 0), ExpiresAt: expires,
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

func TestCheckCodes(t *testing.T) {
	m := risk.Preset5x5()
	other := m.Ref()
	other.Version = "0"
	tests := []struct {
		name   string
		mutate func(r *risk.Risk)
		opts   *risk.CheckOptions
		want   []string
	}{
		{"clean", func(*risk.Risk) {}, nil, nil},
		{"owner missing", func(r *risk.Risk) { r.Owner = "" }, nil, []string{risk.CodeOwnerMissing}},
		{"current not assessed", func(r *risk.Risk) { r.Current = nil }, nil, []string{risk.CodeCurrentNotAssessed}},
		{"residual missing", func(r *risk.Risk) { r.Residual = nil }, nil, []string{risk.CodeResidualMissing}},
		{"residual above current", func(r *risk.Risk) { r.Residual = mustAssess(t, m, "almost_certain", "severe", checkNow) },
			nil, []string{risk.CodeResidualAboveCurrent}},
		{"current above inherent", func(r *risk.Risk) { r.Inherent = mustAssess(t, m, "rare", "minor", checkNow) },
			nil, []string{risk.CodeCurrentAboveInherent}},
		// ISO/IEC 27005:2022 8.4: avoid and share lower a risk without
		// an Annex A control; retain and modify need one to lower it.
		{"residual lowered by avoiding, no control needed", func(r *risk.Risk) { r.Treatment = &risk.Treatment{Option: risk.OptionAvoid} },
			nil, nil},
		{"residual lowered by sharing, no control needed", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionShare, SharedWith: []risk.Party{{Name: "Insurer"}}}
		}, nil, nil},
		{"residual lowered, retained without control", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain}
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", checkNow.AddDate(0, 1, 0))}
		}, nil, []string{risk.CodeResidualLoweredWithoutControl}},
		{"residual lowered, modify without control", func(r *risk.Risk) { r.Treatment.Controls = nil },
			nil, []string{risk.CodeResidualLoweredWithoutControl}},
		{"modify without plan actions", func(r *risk.Risk) { r.Treatment.Actions = nil },
			nil, []string{risk.CodePlanMissing}},
		{"avoided, all actions done, still open", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionAvoid, Actions: []risk.Action{
				{ID: "a1", Title: "Decommission the FTP server", Status: risk.ActionDone},
				{ID: "a2", Title: "Migrate partners", Status: risk.ActionCancelled},
			}}
		}, nil, []string{risk.CodeAvoidedStillOpen}},
		{"avoided, an action still open", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionAvoid, Actions: []risk.Action{
				{ID: "a1", Title: "Decommission the FTP server", Status: risk.ActionDone},
				{ID: "a2", Title: "Migrate partners", Status: risk.ActionInProgress},
			}}
		}, nil, nil},
		{"avoided, all done, closed", func(r *risk.Risk) {
			r.Status = risk.StatusClosed
			r.Treatment = &risk.Treatment{Option: risk.OptionAvoid, Actions: []risk.Action{{ID: "a1", Title: "Decommission", Status: risk.ActionDone}}}
		}, nil, nil},
		{"acceptance request without justification", func(r *risk.Risk) {
			r.Acceptances = []risk.Acceptance{{ID: "acc-1", Status: risk.AcceptanceSubmitted, RequestedBy: "rita", Justification: " "}}
		}, nil, []string{risk.CodeJustificationMissing}},
		{"rejected request without justification is history", func(r *risk.Risk) {
			r.Acceptances = []risk.Acceptance{{ID: "acc-1", Status: risk.AcceptanceRejected, RequestedBy: "rita", DecidedBy: "olivia"}}
		}, nil, nil},
		{"refs resolve", func(r *risk.Risk) {
			r.Assets = []isms.Ref{isms.NewRef(isms.KindAsset, "fs-1")}
		}, &risk.CheckOptions{Assets: []isms.Ref{isms.NewRef(isms.KindAsset, "fs-1")}, Controls: []isms.ID{"A.8.7", "A.8.13"}}, nil},
		{"refs unchecked without known lists", func(r *risk.Risk) {
			r.Assets = []isms.Ref{isms.NewRef(isms.KindAsset, "nowhere")}
		}, nil, nil},
		// assets[0] unknown; existing A.8.7 unknown to this catalog;
		// treatment A.8.13 known; action control A.9.9 unknown.
		{"refs unresolved", func(r *risk.Risk) {
			r.Assets = []isms.Ref{isms.NewRef(isms.KindAsset, "nowhere")}
			r.Treatment.Actions[0].Controls = []isms.Ref{control("A.9.9")}
		}, &risk.CheckOptions{Assets: []isms.Ref{}, Controls: []isms.ID{"A.8.13"}},
			[]string{risk.CodeRefUnresolved, risk.CodeRefUnresolved, risk.CodeRefUnresolved}},
		{"residual lowered, no treatment", func(r *risk.Risk) { r.Treatment = nil },
			nil, []string{risk.CodeResidualLoweredWithoutControl, risk.CodeTreatmentMissing}},
		{"residual equal to current needs no control", func(r *risk.Risk) {
			r.Residual = r.Current.Clone()
			r.Treatment = &risk.Treatment{Option: risk.OptionShare, SharedWith: []risk.Party{{Name: "Insurer"}}}
		}, nil, nil},
		{"accepted without any sign-off", func(r *risk.Risk) { r.Status = risk.StatusAccepted }, nil, []string{risk.CodeAcceptedWithoutSignoff}},
		{"accepted with a revoked sign-off", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			a := acceptedSignoff("medium", checkNow.AddDate(1, 0, 0))
			a.Status, a.ClosedAt, a.ClosedBy = risk.AcceptanceRevoked, checkNow.AddDate(0, -1, 0), "olivia"
			r.Acceptances = []risk.Acceptance{a}
		}, nil, []string{risk.CodeAcceptedWithoutSignoff}},
		{"accepted with a sign-off in force", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", checkNow.AddDate(0, 1, 0))}
		}, nil, nil},
		// An expired acceptance also makes the risk due for review at its
		// expiry.
		{"acceptance expired", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", checkNow.AddDate(0, 0, -1))}
		}, nil, []string{risk.CodeAcceptanceExpired, risk.CodeReviewOverdue}},
		{"acceptance expires exactly now", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", checkNow)}
		}, nil, []string{risk.CodeAcceptanceExpired}},
		{"acceptance outdated", func(r *risk.Risk) {
			r.Status = risk.StatusAccepted
			r.Acceptances = []risk.Acceptance{acceptedSignoff("low", checkNow.AddDate(0, 1, 0))}
		}, nil, []string{risk.CodeAcceptanceOutdated}},
		{"control existing and planned", func(r *risk.Risk) { r.ExistingControls = append(r.ExistingControls, control("A.8.13")) },
			nil, []string{risk.CodeControlExistingAndPlanned}},
		{"retained above appetite", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
		}, nil, []string{risk.CodeRetainedAboveAppetite}},
		{"retained above appetite with an expired acceptance", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", checkNow.AddDate(0, 0, -1))}
		}, nil, []string{risk.CodeAcceptanceExpired, risk.CodeRetainedAboveAppetite, risk.CodeReviewOverdue}},
		{"retained with an acceptance in force", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
			r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", checkNow.AddDate(0, 1, 0))}
		}, nil, nil},
		{"retained within appetite", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
		}, &risk.CheckOptions{Criteria: &risk.Criteria{Matrix: m.Ref(), Appetite: "medium"}}, nil},
		{"criteria for another matrix fall back to the most cautious", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
		}, &risk.CheckOptions{Criteria: &risk.Criteria{Matrix: other, Appetite: "very_high"}}, []string{risk.CodeRetainedAboveAppetite}},
		{"retained within the risk's own appetite", func(r *risk.Risk) {
			r.Treatment = &risk.Treatment{Option: risk.OptionRetain, Controls: []isms.Ref{control("A.8.13")}}
			r.Criteria = &risk.Criteria{Matrix: m.Ref(), Appetite: "medium"}
		}, nil, nil},
		{"treatment missing", func(r *risk.Risk) { r.Treatment, r.Residual = nil, r.Current.Clone() },
			nil, []string{risk.CodeTreatmentMissing}},
		{"no treatment needed within appetite", func(r *risk.Risk) {
			r.Treatment = nil
			r.Inherent = mustAssess(t, m, "rare", "minor", checkNow)
			r.Current = mustAssess(t, m, "rare", "minor", checkNow)
			r.Residual = mustAssess(t, m, "rare", "minor", checkNow)
		}, nil, nil},
		{"action overdue", func(r *risk.Risk) { r.Treatment.Actions[0].Due = checkNow.AddDate(0, 0, -1) },
			nil, []string{risk.CodeActionOverdue}},
		{"action in progress overdue", func(r *risk.Risk) {
			r.Treatment.Actions[0].Due = checkNow.Add(-time.Second)
			r.Treatment.Actions[0].Status = risk.ActionInProgress
		}, nil, []string{risk.CodeActionOverdue}},
		{"cancelled action past due", func(r *risk.Risk) {
			r.Treatment.Actions[0].Due = checkNow.AddDate(0, 0, -1)
			r.Treatment.Actions[0].Status = risk.ActionCancelled
		}, nil, nil},
		// Current level high: every 6 months. 2024-12-30T11:59 + P6M =
		// 2025-06-30T11:59, a minute before checkNow.
		{"review overdue", func(r *risk.Risk) { r.ReviewedAt = time.Date(2024, 12, 30, 11, 59, 0, 0, time.UTC) },
			nil, []string{risk.CodeReviewOverdue}},
		// 2024-12-30T12:00 + P6M = checkNow exactly: due, not yet overdue.
		{"review due exactly now", func(r *risk.Risk) { r.ReviewedAt = time.Date(2024, 12, 30, 12, 0, 0, 0, time.UTC) },
			nil, nil},
		{"review overdue under a custom policy", func(r *risk.Risk) {}, &risk.CheckOptions{Review: &risk.ReviewPolicy{
			Intervals: []risk.ReviewInterval{{Level: "high", Every: isms.Days(7)}}, Default: isms.Years(1),
		}}, []string{risk.CodeReviewOverdue}},
		// Recorded very_high, rescored high (likely 4 × major 4 = 16); the
		// recorded level is what the other checks compare.
		{"recorded level differs from rescore", func(r *risk.Risk) { r.Current.Level = "very_high" },
			nil, []string{risk.CodeAssessmentInconsistent}},
		{"recorded level differs and ranks above inherent", func(r *risk.Risk) {
			r.Current.Level = "very_high"
			r.Inherent = mustAssess(t, m, "likely", "major", checkNow) // 16: high
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
			fs, err := risk.Check(r, m, checkNow, tc.opts)
			require.NoError(t, err)
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

func TestCheckFindingDetails(t *testing.T) {
	m := risk.Preset5x5()
	r := cleanRisk(t)
	r.ReviewedAt = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	r.ExistingControls = append(r.ExistingControls, control("A.8.13"))
	r.Treatment.Actions[0].Due = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	r.Treatment.Actions[0].Owner = "ian"
	fs, err := risk.Check(r, m, checkNow, nil)
	require.NoError(t, err)
	// Errors first (by code), then the info finding.
	require.Equal(t, []string{risk.CodeActionOverdue, risk.CodeReviewOverdue, risk.CodeControlExistingAndPlanned}, codes(fs))

	assert.Equal(t, isms.Finding{
		Code: risk.CodeActionOverdue, Severity: isms.SeverityError, Subject: r.Ref(),
		Message: `action "Immutable backups" was due on 2025-06-01`, Field: "treatment.actions[0]",
		Details: map[string]string{"due": "2025-06-01T00:00:00Z", "now": "2025-06-30T12:00:00Z", "status": "planned", "owner": "ian"},
	}, fs[0])
	assert.Equal(t, "treatment.controls[0]", fs[2].Field)
	assert.Equal(t, isms.SeverityInfo, fs[2].Severity)
	assert.Equal(t, []isms.Ref{control("A.8.13")}, fs[2].Related)
	// high: P6M from 2024-12-01 is 2025-06-01.
	assert.Equal(t, isms.Finding{
		Code: risk.CodeReviewOverdue, Severity: isms.SeverityError, Subject: r.Ref(),
		Message: "the risk was due for review on 2025-06-01", Field: "reviewed_at",
		Details: map[string]string{"now": "2025-06-30T12:00:00Z", "level": "high", "last_review": "2024-12-01T00:00:00Z",
			"next_review": "2025-06-01T00:00:00Z", "interval": "P6M"},
	}, fs[1])
}

func TestCheckAllSorted(t *testing.T) {
	m := risk.Preset5x5()
	a := cleanRisk(t)
	a.ID, a.Owner = "r2", ""
	b := cleanRisk(t)
	b.ID, b.Residual = "r1", nil
	c := cleanRisk(t)
	c.ID, c.Owner = "r0", ""
	fs, err := risk.CheckAll([]*risk.Risk{a, nil, b, c}, m, checkNow, nil)
	require.NoError(t, err)
	// Errors first, then by code, then by subject.
	require.Len(t, fs, 3)
	assert.Equal(t, []string{risk.CodeOwnerMissing, risk.CodeOwnerMissing, risk.CodeResidualMissing}, codes(fs))
	assert.Equal(t, isms.ID("r0"), fs[0].Subject.ID)
	assert.Equal(t, isms.ID("r2"), fs[1].Subject.ID)
	fs, err = risk.CheckAll(nil, m, checkNow, nil)
	require.NoError(t, err)
	assert.Empty(t, fs)
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
	assert.Len(t, seen, 21)
}

// TestRulesSeverityPolicy pins each rule's severity and source, decided by
// the SDK's policy (isms.Rule); the reasons are beside ruleTable.
func TestRulesSeverityPolicy(t *testing.T) {
	type want struct {
		sev    isms.Severity
		source string
	}
	e, w, i := isms.SeverityError, isms.SeverityWarning, isms.SeverityInfo
	wants := map[string]want{
		risk.CodeOwnerMissing:                  {e, "6.1.2 c 2"},
		risk.CodeCurrentNotAssessed:            {w, "6.1.2 d"},
		risk.CodeResidualMissing:               {w, "6.1.3 f"},
		risk.CodeResidualAboveCurrent:          {e, "6.1.2 b"},
		risk.CodeCurrentAboveInherent:          {w, "6.1.2 b"},
		risk.CodeResidualLoweredWithoutControl: {e, "6.1.3 b"},
		risk.CodeAcceptedWithoutSignoff:        {e, "6.1.3 f"},
		risk.CodeAcceptanceExpired:             {e, "6.1.3 f"},
		risk.CodeAcceptanceOutdated:            {e, "6.1.3 f"},
		risk.CodeControlExistingAndPlanned:     {i, ""},
		risk.CodeRetainedAboveAppetite:         {e, "6.1.3 f"},
		risk.CodeTreatmentMissing:              {e, "6.1.3 a"},
		risk.CodeActionOverdue:                 {e, "8.3"},
		risk.CodeReviewOverdue:                 {e, "8.2"},
		risk.CodeAssessmentInconsistent:        {e, "6.1.2 b"},
		risk.CodeMatrixOutdated:                {w, "6.1.2 b"},
		risk.CodeCriteriaMismatch:              {w, "6.1.2 a"},
		risk.CodePlanMissing:                   {w, "6.1.3 e"},
		risk.CodeJustificationMissing:          {w, "6.1.3 f"},
		risk.CodeAvoidedStillOpen:              {w, "8.3"},
		risk.CodeRefUnresolved:                 {e, ""},
	}
	rules := risk.Rules()
	require.Len(t, rules, len(wants))
	for _, r := range rules {
		assert.Equal(t, wants[r.Code], want{r.Severity, r.Source}, r.Code)
	}
	rules[0].Severity = isms.SeverityInfo
	assert.Equal(t, isms.SeverityError, risk.Rules()[0].Severity, "Rules returns a copy")
}

func TestCheckErrors(t *testing.T) {
	r := cleanRisk(t)
	_, err := risk.Check(r, nil, checkNow, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = risk.Check(r, &risk.Matrix{}, checkNow, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = risk.CheckAll([]*risk.Risk{r}, risk.Preset5x5(), checkNow, &risk.CheckOptions{Review: &risk.ReviewPolicy{}})
	assert.ErrorIs(t, err, isms.ErrInvalid, "a review policy with no default")
	fs, err := risk.Check(nil, risk.Preset5x5(), checkNow, nil)
	require.NoError(t, err)
	assert.Empty(t, fs)
}

func TestCheckRecordedImpactDiffersFromRescore(t *testing.T) {
	// likely × max(major, minor, minor) = likely × major = 16: high. The
	// record says the combined impact is moderate (likely × moderate = 12,
	// also high): the level agrees, but the heatmap and the ranking would
	// place the risk in the moderate column.
	m := risk.Preset5x5()
	r := cleanRisk(t)
	cur, err := m.Assess(risk.Rating{Likelihood: "likely", Impacts: cia("major", "minor", "minor")}, "", "ann", checkNow.AddDate(0, 0, -20))
	require.NoError(t, err)
	require.Equal(t, "high", cur.Level)
	r.Current = cur
	fs, err := risk.Check(r, m, checkNow, nil)
	require.NoError(t, err)
	require.Empty(t, fs)

	r.Current.Impact = "moderate"
	fs, err = risk.Check(r, m, checkNow, nil)
	require.NoError(t, err)
	require.Equal(t, []string{risk.CodeAssessmentInconsistent}, codes(fs))
	assert.Equal(t, "current.impact", fs[0].Field)
	assert.Equal(t, "moderate", fs[0].Details["recorded"])
	assert.Equal(t, "major", fs[0].Details["rescored"])
}
