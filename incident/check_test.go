package incident_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
)

func codes(fs []isms.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func TestCheckObligationsAndReview(t *testing.T) {
	clocks, err := incident.NewClocks([]*incident.Regime{incident.GDPR(), incident.DORA()}, nil)
	require.NoError(t, err)
	aware := utc(2026, 3, 2, 9, 0)
	inc := atStatus(incident.StatusDeclared)
	inc.AwareAt, inc.PersonalData = aware, &incident.PersonalData{People: 10}
	inc.Major, inc.ClassifiedAt = true, aware.Add(time.Hour)
	opts := &incident.CheckOptions{Clocks: clocks}
	// 4 March 12:00: GDPR due 5 March 09:00 (due soon, 21 h); DORA initial
	// due 2 March 14:00 (overdue).
	assert.Equal(t, []string{incident.CodeObligationOverdue, incident.CodeObligationDueSoon}, codes(incident.Check(inc, utc(2026, 3, 4, 12, 0), opts)))
	// Late submissions, one with reasons and one without.
	inc.Submissions = []incident.Submission{
		{Obligation: "dora.initial", At: utc(2026, 3, 2, 15, 0), Reasons: "classification took longer"},
		{Obligation: "gdpr.art33", At: utc(2026, 3, 6, 9, 0)},
	}
	fs := incident.Check(inc, utc(2026, 3, 6, 10, 0), opts)
	// dora.intermediate: 2 March 15:00 + 72 h = 5 March 15:00, overdue on 6 March.
	assert.Equal(t, []string{incident.CodeLateWithoutReasons, incident.CodeObligationOverdue}, codes(fs))
	assert.Equal(t, "gdpr.art33", fs[0].Details["obligation"])

	closed := atStatus(incident.StatusClosed)
	closed.Review = nil
	assert.Equal(t, []string{incident.CodeClosedWithoutReview}, codes(incident.Check(closed, t0, nil)))
	closed.Severity = "low"
	assert.Empty(t, incident.Check(closed, t0, nil), "below the review level")
	// An inventory that lacks an affected asset.
	closed.AffectedAssets = []isms.Ref{{Kind: isms.KindAsset, ID: "ghost"}}
	assert.Equal(t, []string{incident.CodeAffectedAssetUnknown}, codes(incident.Check(closed, t0, &incident.CheckOptions{Assets: []*isms.Asset{}})))
}

func TestRegimeJSONRoundTripAndValidation(t *testing.T) {
	for _, r := range incident.BuiltinRegimes() {
		data, err := json.Marshal(r)
		require.NoError(t, err)
		back, err := incident.ParseRegime(data)
		require.NoError(t, err, r.ID)
		assert.Equal(t, r, back, r.ID)
	}
	bad := []string{
		`{"id":"x","name":"x","obligations":[]}`,
		`{"id":"x","name":"x","zone":"Mars/Olympus","obligations":[{"id":"a","name":"a","rule":"r","due":{"anchor":"aware","period":"PT1H"}}]}`,
		`{"id":"x","name":"x","obligations":[{"id":"a","name":"a","rule":"r","due":{"anchor":"submitted","obligation":"zz","period":"PT1H"}}]}`,
		`{"id":"x","name":"x","obligations":[{"id":"a","name":"a","rule":"r","due":{"anchor":"sometime","period":"PT1H"}}]}`,
		`{"id":"x","name":"x","obligations":[{"id":"a","name":"a","rule":"r","due":{"anchor":"aware","period":"PT1H"}},{"id":"a","name":"a","rule":"r","due":{"anchor":"aware","period":"PT1H"}}]}`,
		`{"id":"x","name":"x","calendar":"business_days","obligations":[{"id":"a","name":"a","rule":"r","due":{"anchor":"aware","period":"PT1H"}}]}`,
		`{"id":"x","name":"x","obligations":[{"id":"a","name":"a","rule":"r","due":{"anchor":"aware","period":"PT1H"}}],"extra":1}`,
		`{"id":"x","name":"x","working_days":{"weekend":["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]},"obligations":[{"id":"a","name":"a","rule":"r","due":{"anchor":"aware","period":"PT1H"}}]}`,
	}
	for _, b := range bad {
		_, err := incident.ParseRegime([]byte(b))
		assert.ErrorIs(t, err, isms.ErrInvalid, b)
	}
}

func TestCalendarFromData(t *testing.T) {
	// A Friday–Saturday weekend with a holiday on Sunday 7 June 2026:
	// anchor Thursday 4 June; business days Mon 8 (1), Tue 9 (2).
	r := &incident.Regime{ID: "x", Name: "x", Zone: "Asia/Jerusalem", Calendar: incident.CalendarBusinessDays,
		WorkingDays: incident.Calendar{Weekend: []incident.Weekday{incident.Friday, incident.Saturday}, Holidays: []string{"2026-06-07"}},
		Obligations: []incident.Obligation{{ID: "x.report", Name: "r", Rule: "r", Due: incident.Deadline{Anchor: incident.AnchorAware, Period: isms.Days(2)}}}}
	jer, err := time.LoadLocation("Asia/Jerusalem")
	require.NoError(t, err)
	f := incident.Facts{AwareAt: time.Date(2026, 6, 4, 10, 0, 0, 0, jer)}
	assertDue(t, time.Date(2026, 6, 9, 23, 59, 59, 999999000, jer), states(t, r, f, f.AwareAt)["x.report"])
}

func TestMetrics(t *testing.T) {
	// Two high incidents detected in March 2026: detect 2 h and 4 h (mean
	// 3 h); acknowledge 1 h and 3 h (mean 2 h); resolve 10 h and 20 h
	// (mean 15 h). One critical in April: detect 1 h.
	mk := func(sev string, occ time.Time, det, ack, res time.Duration) *incident.Incident {
		return &incident.Incident{Severity: sev, OccurredAt: occ, DetectedAt: occ.Add(det), DeclaredAt: occ.Add(det + ack), ResolvedAt: occ.Add(det + res)}
	}
	incs := []*incident.Incident{
		mk("high", utc(2026, 3, 1, 0, 0), 2*time.Hour, time.Hour, 10*time.Hour),
		mk("high", utc(2026, 3, 5, 0, 0), 4*time.Hour, 3*time.Hour, 20*time.Hour),
		{Severity: "critical", OccurredAt: utc(2026, 4, 1, 0, 0), DetectedAt: utc(2026, 4, 1, 1, 0)},
	}
	total, groups := incident.ComputeMetrics(incs, nil, t0)
	assert.Equal(t, 3, total.Count)
	// Detect: (2 + 4 + 1) / 3 = 7/3 h = 2 h 20 min.
	assert.Equal(t, isms.ClockDuration(2*time.Hour+20*time.Minute), total.MeanTimeToDetect)
	require.Len(t, groups, 2)
	assert.Equal(t, "2026-03", groups[0].Period)
	assert.Equal(t, isms.Hours(3), groups[0].Metrics.MeanTimeToDetect)
	assert.Equal(t, isms.Hours(2), groups[0].Metrics.MeanTimeToAck)
	assert.Equal(t, isms.Hours(15), groups[0].Metrics.MeanTimeToResolve)
	assert.Equal(t, "critical", groups[1].Severity)

	clocks, err := incident.NewClocks([]*incident.Regime{incident.GDPR()}, nil)
	require.NoError(t, err)
	a := &incident.Incident{AwareAt: utc(2026, 3, 1, 0, 0), PersonalData: &incident.PersonalData{},
		Submissions: []incident.Submission{{Obligation: "gdpr.art33", At: utc(2026, 3, 2, 0, 0)}}}
	b := &incident.Incident{AwareAt: utc(2026, 3, 1, 0, 0), PersonalData: &incident.PersonalData{},
		Submissions: []incident.Submission{{Obligation: "gdpr.art33", At: utc(2026, 3, 5, 0, 0)}}}
	total, _ = incident.ComputeMetrics([]*incident.Incident{a, b}, clocks, utc(2026, 4, 1, 0, 0))
	assert.Equal(t, 2, total.Submitted)
	assert.InDelta(t, 0.5, total.OnTimeShare, 1e-12)
}

func TestServiceUpdateKeepsWorkflowFields(t *testing.T) {
	svc, clock := newService(t, t0)
	ctx := isms.WithActor(context.Background(), "soc")
	inc := &incident.Incident{Title: "x", DetectedAt: t0}
	require.NoError(t, svc.Report(ctx, inc))
	edit := *inc
	edit.Title, edit.Status, edit.Owner = "renamed", incident.StatusClosed, "olivia"
	edit.RansomPaidAt = t0
	clock.Set(t0.Add(time.Hour))
	require.NoError(t, svc.Update(ctx, &edit))
	assert.Equal(t, "renamed", edit.Title)
	assert.Equal(t, incident.StatusReported, edit.Status, "status changes only through Step")
	assert.Equal(t, t0, edit.RansomPaidAt)
	assert.Len(t, edit.Timeline, 2)
	stale := edit
	stale.Revision = 1
	assert.ErrorIs(t, svc.Update(ctx, &stale), isms.ErrConflict)
	// Instants after the clock's now are refused.
	future := edit
	future.OccurredAt = t0.Add(48 * time.Hour)
	assert.ErrorIs(t, svc.Update(ctx, &future), isms.ErrInvalid)
}

func TestIntakeFromAnySourceGetsTheSameClocks(t *testing.T) {
	svc, _ := newService(t, t0)
	ctx := isms.WithActor(context.Background(), "intake")
	clocks, err := incident.NewClocks(incident.BuiltinRegimes(), nil)
	require.NoError(t, err)
	var got [][]incident.ObligationState
	for _, src := range []string{"SOC SIEM alert", "user report by e-mail", "supplier notice"} {
		inc := &incident.Incident{Title: "Leaked customer list", DetectionSource: src, DetectedAt: t0.Add(-2 * time.Hour),
			PersonalData: &incident.PersonalData{People: 700, MaxResidentsOneState: 600}, Tags: []string{incident.TagHIPAA}}
		require.NoError(t, svc.Report(ctx, inc))
		f := inc.Facts()
		assert.Equal(t, t0.Add(-2*time.Hour), f.AwareAt, "awareness defaults to detection")
		assert.True(t, f.PersonalData)
		assert.Equal(t, 700, f.PeopleAffected)
		got = append(got, clocks.Obligations(&f, t0))
	}
	assert.Equal(t, got[0], got[1])
	assert.Equal(t, got[0], got[2])
}
