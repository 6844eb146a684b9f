package incident_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

func newService(t *testing.T, now time.Time) (*incident.Service, *ismstest.StepClock) {
	t.Helper()
	clock := ismstest.NewStepClock(now, 0)
	s := memstore.NewStore(&store.Options{Clock: clock, IDs: ismstest.NewSequentialIDs()})
	svc, err := incident.NewService(s, "acme", nil)
	require.NoError(t, err)
	return svc, clock
}

func TestServiceWorkflow(t *testing.T) {
	svc, clock := newService(t, t0)
	ctx := isms.WithActor(context.Background(), "soc")
	inc := &incident.Incident{Title: "Ransomware on file server", DetectedAt: t0.Add(-time.Hour), OccurredAt: t0.Add(-3 * time.Hour)}
	require.Error(t, svc.Report(context.Background(), inc), "no actor")
	require.NoError(t, svc.Report(ctx, inc))
	assert.Equal(t, incident.StatusReported, inc.Status)
	assert.Equal(t, inc.DetectedAt, inc.AwareAt)
	id := inc.ID
	_, err := svc.Step(ctx, id, incident.StepCommand{To: incident.StatusTriaging, Revision: 1})
	require.NoError(t, err)
	_, err = svc.Step(ctx, id, incident.StepCommand{To: incident.StatusDeclared, Revision: 1})
	assert.ErrorIs(t, err, isms.ErrConflict)
	_, err = svc.Step(ctx, id, incident.StepCommand{To: incident.StatusDeclared})
	var te *isms.TransitionError
	require.ErrorAs(t, err, &te)
	assert.True(t, strings.HasPrefix(err.Error(), "incident: step: "), err.Error())
	clock.Set(t0.Add(time.Hour))
	got, err := svc.Step(ctx, id, incident.StepCommand{To: incident.StatusDeclared, Criteria: []string{"encryption observed"}, Severity: "critical"})
	require.NoError(t, err)
	assert.Equal(t, t0.Add(time.Hour), got.DeclaredAt)
	got, err = svc.SetAction(ctx, id, incident.ActionCommand{Action: incident.Action{Kind: incident.ActionContainment, Title: "Isolate VLAN 20", Owner: "net", Due: t0.Add(2 * time.Hour)}})
	require.NoError(t, err)
	assert.Equal(t, isms.ID("incident.action-0001"), got.Actions[0].ID)
	got, err = svc.Get(ctx, id)
	require.NoError(t, err)
	assert.Len(t, got.Timeline, 5) // reported, triaging, severity, declared, action
	_, err = svc.Get(ctx, "nope")
	assert.ErrorIs(t, err, isms.ErrNotFound)
	_, err = svc.Step(ctx, id, incident.StepCommand{To: incident.StatusMerged, MergeInto: "nope"})
	assert.ErrorIs(t, err, isms.ErrNotFound, "merge into an unknown incident")
	// Findings: owner missing; action overdue later.
	fs := incident.Check(got, t0.Add(3*time.Hour), nil)
	codes := []string{}
	for _, f := range fs {
		codes = append(codes, f.Code)
	}
	assert.ElementsMatch(t, []string{incident.CodeOwnerMissing, incident.CodeActionOverdue}, codes)
}

func TestCustodyChecks(t *testing.T) {
	content := []byte("disk image")
	sum, n, err := incident.HashContent(bytes.NewReader(content))
	require.NoError(t, err)
	// SHA-256 of "disk image", computed independently with sha256sum.
	assert.Equal(t, "0bb2f0f3ed953c47d835a7adaefd95afa328e30a5c80fdce417dd12b014ad602", sum)
	assert.Equal(t, int64(10), n)
	e := incident.Evidence{ID: "ev-1", Item: "image", SHA256: sum, Size: n, CollectedAt: t0, CollectedBy: "ann",
		Custody: []incident.Custody{
			{From: "ann", To: "bob", At: t0.Add(time.Hour)},
			{From: "bob", To: "lab", At: t0.Add(2 * time.Hour)},
		}}
	require.NoError(t, e.Validate())
	assert.Empty(t, e.CheckCustody())
	assert.Equal(t, "lab", e.Holder())
	require.NoError(t, e.VerifyContent(bytes.NewReader(content)))
	assert.ErrorIs(t, e.VerifyContent(bytes.NewReader([]byte("tampered!!"))), isms.ErrInvalid)

	bad := e
	bad.Custody = []incident.Custody{
		{From: "ann", To: "bob", At: t0.Add(time.Hour)},
		{From: "carol", To: "lab", At: t0.Add(2 * time.Hour)},  // gap: carol never held it
		{From: "lab", To: "dan", At: t0.Add(2 * time.Hour)},    // overlap: same instant
		{From: "dan", To: "eve", At: t0.Add(30 * time.Minute)}, // out of order
	}
	var got []string
	for _, f := range bad.CheckCustody() {
		got = append(got, f.Code+"@"+f.Field)
	}
	assert.Equal(t, []string{incident.CodeCustodyGap + "@custody[1]", incident.CodeCustodyOverlap + "@custody[2]", incident.CodeCustodyOutOfOrder + "@custody[3]"}, got)

	inc := atStatus(incident.StatusDeclared)
	require.NoError(t, inc.RecordEvidence("ann", incident.EvidenceCommand{Evidence: e}, t0.Add(3*time.Hour)))
	tampered := e
	tampered.Custody = []incident.Custody{{From: "ann", To: "zed", At: t0.Add(time.Hour)}}
	assert.Error(t, inc.RecordEvidence("ann", incident.EvidenceCommand{Evidence: tampered}, t0.Add(3*time.Hour)), "custody is append-only")
	fs := incident.Check(inc, t0.Add(4*time.Hour), &incident.CheckOptions{Contents: map[isms.ID][]byte{"ev-1": []byte("other")}})
	require.Len(t, fs, 1)
	assert.Equal(t, incident.CodeEvidenceHashMismatch, fs[0].Code)
}

func TestBlastRadius(t *testing.T) {
	a := func(id string, deps ...isms.Ref) *isms.Asset {
		return &isms.Asset{Meta: isms.Meta{ID: isms.ID(id)}, Name: id, DependsOn: deps}
	}
	ref := func(id string) isms.Ref { return isms.Ref{Kind: isms.KindAsset, ID: isms.ID(id)} }
	svc := isms.Ref{Kind: "service", ID: "payments"}
	ad := a("ad")
	files := a("files", ref("ad"))
	erp := a("erp", ref("files"))
	pay := a("pay", ref("erp"))
	pay.Supports = []isms.Ref{svc}
	lonely := a("lonely")
	got := incident.BlastRadius([]*isms.Asset{ad, files, erp, pay, lonely, nil}, []isms.Ref{ref("ad")})
	want := []incident.Reach{
		{Ref: ref("files"), Path: []isms.Ref{ref("ad"), ref("files")}, Depth: 1},
		{Ref: ref("erp"), Path: []isms.Ref{ref("ad"), ref("files"), ref("erp")}, Depth: 2},
		{Ref: ref("pay"), Path: []isms.Ref{ref("ad"), ref("files"), ref("erp"), ref("pay")}, Depth: 3},
		{Ref: svc, Path: []isms.Ref{ref("ad"), ref("files"), ref("erp"), ref("pay"), svc}, Depth: 4},
	}
	assert.Equal(t, want, got)
	assert.Empty(t, incident.BlastRadius([]*isms.Asset{lonely}, []isms.Ref{ref("lonely")}))
	assert.Empty(t, incident.BlastRadius(nil, nil))
}

func TestReviewProposesRisks(t *testing.T) {
	inc := atStatus(incident.StatusPostIncidentReview)
	inc.AffectedAssets = []isms.Ref{{Kind: isms.KindAsset, ID: "files"}}
	require.Error(t, inc.RecordReview("o", incident.ReviewCommand{Complete: true}, t0), "a complete review needs a root cause")
	require.NoError(t, inc.RecordReview("o", incident.ReviewCommand{Complete: true, Review: incident.Review{RootCause: "phished VPN credentials",
		Lessons: []incident.Lesson{{Text: "VPN without MFA", Threat: "credential phishing", Vulnerability: "no MFA on VPN"}, {Text: "good comms"}}}}, t0))
	ps := inc.ProposedRisks()
	require.Len(t, ps, 1)
	assert.Equal(t, incident.ProposedRisk{Title: "VPN without MFA", Threat: "credential phishing", Vulnerability: "no MFA on VPN",
		Assets: inc.AffectedAssets, Source: isms.Ref{Kind: "incident", ID: "inc-1"}}, ps[0])
}

func TestValidateInvariants(t *testing.T) {
	inc := &incident.Incident{Title: "x", Status: incident.StatusReported,
		OccurredAt: t0, DetectedAt: t0.Add(-time.Hour), ReportedAt: t0.Add(-2 * time.Hour), ResolvedAt: t0}
	var ve *isms.ValidationError
	require.ErrorAs(t, inc.ValidateAt(t0.Add(-3*time.Hour)), &ve)
	assert.True(t, ve.Has("detected_at", isms.CodeOrder))
	assert.True(t, ve.Has("reported_at", isms.CodeOrder))
	assert.True(t, ve.Has("resolved_at", isms.CodeOrder))
	assert.True(t, ve.Has("occurred_at", isms.CodeOutOfRange), "after now")
}

func TestRulesAreDottedAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range incident.Rules() {
		assert.True(t, strings.HasPrefix(r.Code, "incident."), r.Code)
		assert.False(t, seen[r.Code])
		seen[r.Code] = true
		assert.True(t, r.Severity.IsValid())
	}
	assert.True(t, seen[incident.CodeOwnerMissing])
}
