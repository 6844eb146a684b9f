package risk_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

func problemFields(t *testing.T, err error) []string {
	t.Helper()
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	out := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		out[i] = p.Field + ":" + p.Code
	}
	return out
}

func TestRiskValidate(t *testing.T) {
	require.NoError(t, cleanRisk(t).Validate())
	tests := []struct {
		name   string
		mutate func(r *risk.Risk)
		want   []string
	}{
		{"title and status", func(r *risk.Risk) { r.Title, r.Status = "", "" }, []string{"title:required", "status:required"}},
		{"unknown enums", func(r *risk.Risk) { r.Status, r.ImpactRule = "draft", "sum" }, []string{"status:unknown_value", "impact_rule:unknown_value"}},
		{"bad asset ref", func(r *risk.Risk) { r.Assets = []isms.Ref{{Kind: "asset", ID: "srv 1"}} }, []string{"assets[0].id:malformed"}},
		{"controls of another kind, twice", func(r *risk.Risk) {
			r.ExistingControls = []isms.Ref{{Kind: "asset", ID: "A.5.1"}, control("A.8.7"), control("A.8.7")}
		}, []string{"existing_controls[0].kind:unknown_value", "existing_controls[2]:duplicate"}},
		{"criteria incomplete", func(r *risk.Risk) { r.Criteria = &risk.Criteria{} }, []string{"criteria.matrix:required", "criteria.appetite:required"}},
		{"assessment incomplete", func(r *risk.Risk) { r.Residual.Level = "" }, []string{"residual.level:required"}},
		{"treatment invalid", func(r *risk.Risk) { r.Treatment.Controls = nil }, []string{"treatment.controls:required"}},
		{"acceptances", func(r *risk.Risk) {
			r.Acceptances = []risk.Acceptance{
				{ID: "a", Status: risk.AcceptanceCreated, RequestedBy: "x"},
				{ID: "a", Status: risk.AcceptanceCreated, RequestedBy: "x"},
			}
		}, []string{"acceptances[0].status:forbidden", "acceptances[1].id:duplicate"}},
		{"delegations", func(r *risk.Risk) { r.Delegations = []risk.Delegation{{}} },
			[]string{"delegations[0].approver:required", "delegations[0].granted_by:required"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := cleanRisk(t)
			tc.mutate(r)
			err := r.Validate()
			assert.ErrorIs(t, err, isms.ErrInvalid)
			assert.Equal(t, tc.want, problemFields(t, err))
			assert.Contains(t, err.Error(), "risk r1: invalid")
		})
	}
}

func TestTreatmentValidate(t *testing.T) {
	tests := []struct {
		name string
		tr   risk.Treatment
		want []string
	}{
		{"modify with a control", risk.Treatment{Option: risk.OptionModify, Controls: []isms.Ref{control("A.8.24")}}, nil},
		{"retain alone", risk.Treatment{Option: risk.OptionRetain}, nil},
		{"avoid alone", risk.Treatment{Option: risk.OptionAvoid, Rationale: "stop the legacy FTP service"}, nil},
		{"share with a party", risk.Treatment{Option: risk.OptionShare, SharedWith: []risk.Party{{Name: "Insurer", Arrangement: "policy 7"}}}, nil},
		{"no option", risk.Treatment{}, []string{"option:required"}},
		{"unknown option", risk.Treatment{Option: "transfer"}, []string{"option:unknown_value"}},
		{"modify without controls", risk.Treatment{Option: risk.OptionModify}, []string{"controls:required"}},
		{"share without a party", risk.Treatment{Option: risk.OptionShare}, []string{"shared_with:required"}},
		{"party without a name, bad ref", risk.Treatment{Option: risk.OptionShare, SharedWith: []risk.Party{{Ref: isms.Ref{Kind: "x"}}}},
			[]string{"shared_with[0].name:required", "shared_with[0].ref.id:malformed"}},
		{"actions", risk.Treatment{Option: risk.OptionRetain, Actions: []risk.Action{
			{ID: "a1", Title: "x", Status: risk.ActionPlanned},
			{ID: "a1", Status: "todo", Controls: []isms.Ref{{Kind: "ctl", ID: "A.5.1"}}},
			{ID: "bad id", Title: "y", Status: risk.ActionDone},
		}}, []string{"actions[1].id:duplicate", "actions[1].title:required", "actions[1].status:unknown_value", "actions[1].controls[0].kind:unknown_value", "actions[2].id:malformed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.tr.Validate()
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tc.want, problemFields(t, err))
		})
	}
}

func TestPlanStatus(t *testing.T) {
	act := func(ss ...risk.ActionStatus) *risk.Treatment {
		tr := &risk.Treatment{Option: risk.OptionModify}
		for _, s := range ss {
			tr.Actions = append(tr.Actions, risk.Action{Title: "a", Status: s})
		}
		return tr
	}
	tests := []struct {
		tr          *risk.Treatment
		want        risk.PlanStatus
		done, total int
	}{
		{act(), risk.PlanEmpty, 0, 0},
		{act(risk.ActionPlanned, risk.ActionPlanned), risk.PlanNotStarted, 0, 2},
		{act(risk.ActionPlanned, risk.ActionInProgress), risk.PlanInProgress, 0, 2},
		{act(risk.ActionPlanned, risk.ActionDone), risk.PlanInProgress, 1, 2},
		{act(risk.ActionDone, risk.ActionCancelled), risk.PlanCompleted, 1, 1},
		{act(risk.ActionCancelled), risk.PlanCompleted, 0, 0},
	}
	for _, tc := range tests {
		t.Run(string(tc.want), func(t *testing.T) {
			assert.Equal(t, tc.want, tc.tr.PlanStatus())
			done, total := tc.tr.Progress()
			assert.Equal(t, [2]int{tc.done, tc.total}, [2]int{done, total})
		})
	}
	var none *risk.Treatment
	assert.False(t, none.SelectsControls())
	assert.Nil(t, none.Clone())
}

func TestRiskCloneIsDeep(t *testing.T) {
	r := cleanRisk(t)
	r.Assets = []isms.Ref{{Kind: isms.KindAsset, ID: "fs-1"}}
	r.Criteria = &risk.Criteria{Matrix: risk.Preset5x5().Ref(), Appetite: "medium"}
	r.Current.Impacts = cia("major", "minor", "minor")
	r.Delegations = []risk.Delegation{{Approver: "dave", GrantedBy: "olivia"}}
	r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", checkNow)}
	r.Acceptances[0].Snapshot.Treatment = r.Treatment.Clone()
	r.Treatment.Actions[0].Controls = []isms.Ref{control("A.8.13")}
	r.Quantitative = &risk.QuantitativeScenario{Currency: "EUR"}
	c := r.Clone()
	require.Equal(t, r, c)

	c.Assets[0].ID = "x"
	c.Criteria.Appetite = "x"
	c.Current.Impacts[0].Impact = "x"
	c.Current.Level = "x"
	c.ExistingControls[0].ID = "x"
	c.Treatment.Controls[0].ID = "x"
	c.Treatment.Actions[0].Controls[0].ID = "x"
	c.Delegations[0].Approver = "x"
	c.Acceptances[0].Snapshot.Level = "x"
	c.Acceptances[0].Snapshot.Treatment.Controls[0].ID = "x"
	c.Quantitative.Currency = "x"
	assert.Equal(t, "EUR", r.Quantitative.Currency)
	assert.Equal(t, isms.ID("fs-1"), r.Assets[0].ID)
	assert.Equal(t, "medium", r.Criteria.Appetite)
	assert.Equal(t, "major", r.Current.Impacts[0].Impact)
	assert.Equal(t, "high", r.Current.Level)
	assert.Equal(t, isms.ID("A.8.7"), r.ExistingControls[0].ID)
	assert.Equal(t, isms.ID("A.8.13"), r.Treatment.Controls[0].ID)
	assert.Equal(t, isms.ID("A.8.13"), r.Treatment.Actions[0].Controls[0].ID)
	assert.Equal(t, "dave", r.Delegations[0].Approver)
	assert.Equal(t, "medium", r.Acceptances[0].Snapshot.Level)
	assert.Equal(t, isms.ID("A.8.13"), r.Acceptances[0].Snapshot.Treatment.Controls[0].ID)
	var none *risk.Risk
	assert.Nil(t, none.Clone())
}

func TestRiskJSON(t *testing.T) {
	m := risk.Preset3x3()
	at := time.Date(2025, 2, 3, 4, 5, 6, 0, time.UTC)
	a, err := m.Assess(risk.Rating{Likelihood: "medium", Impacts: []risk.DimensionImpact{{Dimension: risk.Availability, Impact: "high"}}}, "outage", "ann", at)
	require.NoError(t, err)
	r := &risk.Risk{
		Meta:    isms.Meta{ID: "r-9", Revision: 2, CreatedAt: at, UpdatedAt: at},
		Title:   "DDoS on the portal",
		Owner:   "olivia",
		Status:  risk.StatusOpen,
		Assets:  []isms.Ref{{Kind: isms.KindAsset, ID: "portal"}},
		Current: a,
		Treatment: &risk.Treatment{Option: risk.OptionShare, SharedWith: []risk.Party{{Name: "CDN provider", Arrangement: "MSA schedule 4"}},
			Actions: []risk.Action{{ID: "x1", Title: "Enable scrubbing", Status: risk.ActionPlanned, Due: at.AddDate(0, 1, 0)}}},
		Acceptances: []risk.Acceptance{{ID: "acc", Status: risk.AcceptanceCreated, RequestedBy: "rita", RequestedAt: at, ValidFor: isms.Months(6)}},
	}
	data, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"id":"r-9","revision":2,"created_at":"2025-02-03T04:05:06Z","updated_at":"2025-02-03T04:05:06Z",
		"title":"DDoS on the portal","owner":"olivia","status":"open",
		"assets":[{"kind":"asset","id":"portal"}],
		"current":{"matrix":{"name":"ismskit 3x3","version":"1"},"likelihood":"medium",
			"impacts":[{"dimension":"availability","impact":"high"}],"rule":"max","impact":"high","level":"high",
			"rationale":"outage","assessed_by":"ann","assessed_at":"2025-02-03T04:05:06Z"},
		"treatment":{"option":"share","shared_with":[{"name":"CDN provider","arrangement":"MSA schedule 4"}],
			"actions":[{"id":"x1","title":"Enable scrubbing","due":"2025-03-03T04:05:06Z","status":"planned"}]},
		"acceptances":[{"id":"acc","status":"created","valid_for":"P6M","requested_by":"rita","requested_at":"2025-02-03T04:05:06Z"}]
	}`, string(data))
	var back risk.Risk
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, r, &back)
}

func TestRiskAccessors(t *testing.T) {
	r := cleanRisk(t)
	assert.Equal(t, risk.StageResidual, r.EffectiveStage())
	assert.Same(t, r.Residual, r.Effective())
	r.Residual = nil
	assert.Equal(t, risk.StageCurrent, r.EffectiveStage())
	r.Current = nil
	assert.Equal(t, risk.StageInherent, r.EffectiveStage())
	r.Inherent = nil
	assert.Equal(t, risk.Stage(""), r.EffectiveStage())
	assert.Nil(t, r.Effective())
	assert.Nil(t, r.Assessment("target"))
	assert.ErrorIs(t, r.SetAssessment("target", nil), isms.ErrInvalid)
	a := &risk.Assessment{Level: "x"}
	for _, st := range risk.StageValues() {
		require.NoError(t, r.SetAssessment(st, a))
		assert.Same(t, a, r.Assessment(st))
	}
	assert.Nil(t, r.LatestAcceptance())
	assert.False(t, r.CanApprove("", checkNow))
}

func TestParseRisk(t *testing.T) {
	r := cleanRisk(t)
	data, err := json.Marshal(r)
	require.NoError(t, err)
	got, err := risk.ParseRisk(data)
	require.NoError(t, err)
	assert.Equal(t, r, got)

	tests := map[string]string{
		"unknown field":  `{"title":"x","status":"open","severity":"high"}`,
		"unknown status": `{"title":"x","status":"pending"}`,
		"trailing data":  `{"title":"x","status":"open"} {}`,
		"no title":       `{"status":"open"}`,
		"not an object":  `[]`,
		"empty":          ``,
		"year 10000":     `{"title":"x","status":"open","reviewed_at":"9999-12-31T23:00:00-05:00"}`,
		"duplicate control": `{"title":"x","status":"open","existing_controls":[
			{"kind":"control","id":"A.8.7"},{"kind":"control","id":"A.8.7"}]}`,
		"bad action due": `{"title":"x","status":"open","treatment":{"option":"retain",
			"actions":[{"title":"a","status":"planned","due":"0000-12-31T22:00:00-01:00"}]}}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := risk.ParseRisk([]byte(in))
			assert.ErrorIs(t, err, isms.ErrInvalid)
			assert.True(t, strings.HasPrefix(err.Error(), "risk: parse: "), err.Error())
		})
	}
	// The one prefix, then the subject: "risk: parse: risk r9: invalid: ...".
	_, err = risk.ParseRisk([]byte(`{"id":"r9","status":"open"}`))
	assert.EqualError(t, err, "risk: parse: risk r9: invalid: title: title is required (required)")
}
