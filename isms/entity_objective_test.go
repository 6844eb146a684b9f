package isms_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

func entFloat(v float64) *float64 { return &v }

func validObjective() *isms.Objective {
	return &isms.Objective{
		Meta:        isms.Meta{ID: "obj-1"},
		Title:       "Train staff on phishing",
		Description: "Reduce successful phishing by training.",
		Owner:       "security awareness lead",
		Target:      &isms.ObjectiveTarget{Metric: "staff trained", Value: 95, Unit: "%", Direction: isms.ObjectiveTargetAtLeast},
		Current:     entFloat(80),
		MeasuredAt:  entDate(2025, 5, 1),
		DueAt:       entDate(2025, 12, 31),
		Status:      isms.ObjectiveOnTrack,
	}
}

func TestObjectiveValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(o *isms.Objective)
		want   [][2]string
	}{
		{"valid", func(*isms.Objective) {}, nil},
		{"minimal", func(o *isms.Objective) { *o = isms.Objective{Title: "t", Status: isms.ObjectivePlanned} }, nil},
		{"zero current is a value", func(o *isms.Objective) { o.Current = entFloat(0) }, nil},
		{"title missing", func(o *isms.Objective) { o.Title = "" }, [][2]string{{"title", isms.CodeRequired}}},
		{"status missing", func(o *isms.Objective) { o.Status = "" }, [][2]string{{"status", isms.CodeRequired}}},
		{"status unknown", func(o *isms.Objective) { o.Status = "done" }, [][2]string{{"status", isms.CodeUnknown}}},
		{"target metric missing", func(o *isms.Objective) { o.Target.Metric = " " }, [][2]string{{"target.metric", isms.CodeRequired}}},
		{"target direction missing", func(o *isms.Objective) { o.Target.Direction = "" }, [][2]string{{"target.direction", isms.CodeRequired}}},
		{"target direction unknown", func(o *isms.Objective) { o.Target.Direction = "exactly" }, [][2]string{{"target.direction", isms.CodeUnknown}}},
		{"target value NaN", func(o *isms.Objective) { o.Target.Value = math.NaN() }, [][2]string{{"target.value", isms.CodeOutOfRange}}},
		{"target value infinite", func(o *isms.Objective) { o.Target.Value = math.Inf(-1) }, [][2]string{{"target.value", isms.CodeOutOfRange}}},
		{"current infinite", func(o *isms.Objective) { o.Current = entFloat(math.Inf(1)) }, [][2]string{{"current", isms.CodeOutOfRange}}},
		{"every problem", func(o *isms.Objective) {
			o.Title, o.Status = "", ""
			o.Target.Metric = ""
			o.ID = "\n"
		}, [][2]string{{"title", isms.CodeRequired}, {"status", isms.CodeRequired}, {"target.metric", isms.CodeRequired}, {"id", isms.CodeMalformed}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := validObjective()
			tt.mutate(o)
			entProblems(t, o.Validate(), tt.want...)
		})
	}
}

func TestObjectiveJSON(t *testing.T) {
	o := validObjective()
	assert.Equal(t, o, entRoundTrip(t, o))

	b, err := json.Marshal(o)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"id": "obj-1", "title": "Train staff on phishing", "description": "Reduce successful phishing by training.",
		"owner": "security awareness lead",
		"target": {"metric": "staff trained", "value": 95, "unit": "%", "direction": "at_least"},
		"current": 80, "measured_at": "2025-05-01T00:00:00Z", "due_at": "2025-12-31T00:00:00Z", "status": "on_track"
	}`, string(b))

	zero := &isms.Objective{Title: "t", Status: isms.ObjectivePlanned, Current: entFloat(0)}
	got := entRoundTrip(t, zero)
	require.NotNil(t, got.Current, "a measured zero survives")
	assert.Equal(t, 0.0, *got.Current)
	assert.Nil(t, entRoundTrip(t, &isms.Objective{Title: "t", Status: isms.ObjectivePlanned}).Target)

	for _, bad := range []string{
		`{"title":"t","status":"finished"}`,
		`{"title":"t","status":"planned","target":{"metric":"m","value":1,"direction":"around"}}`,
	} {
		var o isms.Objective
		assert.ErrorIs(t, json.Unmarshal([]byte(bad), &o), isms.ErrInvalid, bad)
	}
}

func TestObjectiveEnums(t *testing.T) {
	entStrictEnum(t, isms.ObjectiveStatusValues())
	entStrictEnum(t, isms.ObjectiveTargetDirectionValues())
	assert.Equal(t, []isms.ObjectiveStatus{"planned", "on_track", "at_risk", "achieved", "missed", "cancelled"}, isms.ObjectiveStatusValues())
	assert.Equal(t, []isms.ObjectiveTargetDirection{"at_least", "at_most"}, isms.ObjectiveTargetDirectionValues())
	assert.True(t, isms.ObjectiveAtRisk.IsValid())
	assert.False(t, isms.ObjectiveStatus("canceled").IsValid())
	assert.True(t, isms.ObjectiveTargetAtMost.IsValid())
	assert.False(t, isms.ObjectiveTargetDirection("").IsValid())
}

func TestTargetMetBy(t *testing.T) {
	atLeast := isms.ObjectiveTarget{Metric: "m", Value: 95, Direction: isms.ObjectiveTargetAtLeast}
	atMost := isms.ObjectiveTarget{Metric: "m", Value: 5, Direction: isms.ObjectiveTargetAtMost}
	tests := []struct {
		target isms.ObjectiveTarget
		v      float64
		want   bool
	}{
		{atLeast, 95, true}, {atLeast, 100, true}, {atLeast, 94.999, false}, {atLeast, math.NaN(), false},
		{atMost, 5, true}, {atMost, -1, true}, {atMost, 5.0001, false}, {atMost, math.NaN(), false},
		{isms.ObjectiveTarget{Value: 1}, 1, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.target.MetBy(tt.v), "%+v with %v", tt.target, tt.v)
	}

	o := validObjective()
	met, known := o.TargetMet()
	assert.False(t, met)
	assert.True(t, known)
	o.Current = entFloat(96)
	met, known = o.TargetMet()
	assert.True(t, met)
	assert.True(t, known)
	o.Current = nil
	_, known = o.TargetMet()
	assert.False(t, known)
	o.Current, o.Target = entFloat(1), nil
	_, known = o.TargetMet()
	assert.False(t, known)
}

func TestCheckObjective(t *testing.T) {
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	subject := isms.NewRef(isms.KindObjective, "obj-1")
	require.Empty(t, isms.CheckObjective(validObjective(), now))

	tests := []struct {
		code     string
		trigger  func(o *isms.Objective)
		severity isms.Severity
		field    string
		details  map[string]string
		message  string
	}{
		{isms.CodeObjectiveOverdue, func(o *isms.Objective) { o.DueAt = entDate(2025, 5, 31); o.Status = isms.ObjectiveAtRisk },
			isms.SeverityError, "due_at",
			map[string]string{"due": "2025-05-31T00:00:00Z", "now": "2025-06-01T00:00:00Z", "status": "at_risk"},
			`objective "Train staff on phishing" was due on 2025-05-31 and is at_risk`},
		{isms.CodeObjectiveOwnerMissing, func(o *isms.Objective) { o.Owner = "" },
			isms.SeverityError, "owner", map[string]string{"status": "on_track"},
			`objective "Train staff on phishing" has no owner`},
		{isms.CodeObjectiveTargetMissing, func(o *isms.Objective) { o.Target = nil },
			isms.SeverityWarning, "target", map[string]string{"status": "on_track"},
			`objective "Train staff on phishing" has no measurable target`},
		{isms.CodeObjectiveDueDateMissing, func(o *isms.Objective) { o.DueAt = time.Time{} },
			isms.SeverityError, "due_at", map[string]string{"status": "on_track"},
			`objective "Train staff on phishing" has no due date`},
		{isms.CodeObjectiveAchievedNotMet, func(o *isms.Objective) { o.Status = isms.ObjectiveAchieved; o.Current = entFloat(94.5) },
			isms.SeverityError, "current",
			map[string]string{"metric": "staff trained", "direction": "at_least", "target": "95", "current": "94.5"},
			`objective "Train staff on phishing" is marked achieved but staff trained is 94.5, target at_least 95`},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			o := validObjective()
			tt.trigger(o)
			fs := isms.CheckObjective(o, now)
			entOneFinding(t, fs, isms.Finding{Code: tt.code, Severity: tt.severity, Subject: subject,
				Field: tt.field, Details: tt.details, Message: tt.message})
		})
	}

	t.Run("not overdue", func(t *testing.T) {
		for _, tc := range []struct {
			status isms.ObjectiveStatus
			due    time.Time
		}{
			{isms.ObjectiveOnTrack, now},                  // due exactly now
			{isms.ObjectiveOnTrack, now.AddDate(0, 0, 1)}, // due tomorrow
			{isms.ObjectiveAchieved, now.AddDate(0, -1, 0)},
			{isms.ObjectiveCancelled, now.AddDate(0, -1, 0)},
		} {
			o := validObjective()
			o.Status, o.DueAt = tc.status, tc.due
			o.Current = entFloat(99)
			assert.Empty(t, isms.WithCode(isms.CheckObjective(o, now), isms.CodeObjectiveOverdue), "%s due %s", tc.status, tc.due)
		}
	})
	t.Run("missed is still overdue", func(t *testing.T) {
		o := validObjective()
		o.Status, o.DueAt = isms.ObjectiveMissed, entDate(2025, 1, 1)
		assert.Equal(t, []string{isms.CodeObjectiveOverdue}, entCodes(isms.CheckObjective(o, now)))
	})
	t.Run("achieved and met", func(t *testing.T) {
		o := validObjective()
		o.Status, o.Current = isms.ObjectiveAchieved, entFloat(95)
		assert.Empty(t, isms.CheckObjective(o, now))
		o.Current = nil
		assert.Empty(t, isms.CheckObjective(o, now), "no current value: nothing to compare")
	})
	t.Run("cancelled has no findings", func(t *testing.T) {
		o := &isms.Objective{Title: "t", Status: isms.ObjectiveCancelled}
		assert.Empty(t, isms.CheckObjective(o, now))
		assert.Empty(t, isms.CheckObjective(nil, now))
	})
	t.Run("sorted", func(t *testing.T) {
		o := &isms.Objective{Meta: isms.Meta{ID: "o"}, Title: "t", Status: isms.ObjectivePlanned}
		// Errors first (due_date_missing, owner_missing), then the warning.
		assert.Equal(t, []string{isms.CodeObjectiveDueDateMissing, isms.CodeObjectiveOwnerMissing, isms.CodeObjectiveTargetMissing},
			entCodes(isms.CheckObjective(o, now)))
	})
}
