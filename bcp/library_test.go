package bcp_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

func newLibrary(t *testing.T) (*bcp.Library, *ismstest.StepClock) {
	t.Helper()
	clock := ismstest.NewStepClock(at("2026-06-01T09:00:00Z"), time.Minute)
	s := memstore.NewStore(&store.Options{Clock: clock, IDs: ismstest.NewSequentialIDs()})
	l, err := bcp.NewLibrary(s, "acme")
	require.NoError(t, err)
	return l, clock
}

func TestLibraryVersions(t *testing.T) {
	l, _ := newLibrary(t)
	ctx := isms.WithActor(context.Background(), "olivia")
	b := baseline().BIA

	_, err := l.Draft(context.Background(), b)
	assert.ErrorIs(t, err, isms.ErrInvalid, "no actor")

	v1, err := l.Draft(ctx, b)
	require.NoError(t, err)
	assert.Equal(t, isms.ID("bcp.bia-0001"), v1.ID)
	assert.Equal(t, 1, v1.BIA.Version)
	assert.Equal(t, bcp.BIADraft, v1.Status)

	// A draft may be edited; a stale revision is a conflict.
	edit := *b
	edit.IntolerableLevel = "severe"
	_, err = l.Edit(ctx, v1.ID, bcp.EditCommand{BIA: edit, Revision: 7})
	assert.ErrorIs(t, err, isms.ErrConflict)
	v1, err = l.Edit(ctx, v1.ID, bcp.EditCommand{BIA: edit, Revision: v1.Revision})
	require.NoError(t, err)
	assert.Equal(t, "severe", v1.BIA.IntolerableLevel)

	v1, err = l.SignOff(ctx, v1.ID, bcp.SignOffCommand{Revision: v1.Revision})
	require.NoError(t, err)
	assert.Equal(t, bcp.BIASignedOff, v1.Status)
	assert.Equal(t, "olivia", v1.SignedOffBy)
	assert.False(t, v1.SignedOffAt.IsZero())

	// Signed off: immutable.
	_, err = l.Edit(ctx, v1.ID, bcp.EditCommand{BIA: *b})
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), "bcp: edit: ")
	assert.Contains(t, err.Error(), "immutable")
	_, err = l.SignOff(ctx, v1.ID, bcp.SignOffCommand{})
	assert.ErrorIs(t, err, isms.ErrInvalid)

	// A change is a new version with its diff.
	next := edit
	next.Activities = append([]bcp.Activity(nil), edit.Activities...)
	next.Activities[0].RTO = d("PT3H")
	next.Activities[0].DependsOn = []isms.ID{"app"}
	next.Resources = append([]bcp.Resource(nil), edit.Resources[:2]...) // pay removed
	v2, err := l.Revise(ctx, v1.ID, bcp.ReviseCommand{BIA: next, Revision: v1.Revision})
	require.NoError(t, err)
	assert.Equal(t, 2, v2.BIA.Version)
	assert.Equal(t, v1.ID, v2.Previous)
	assert.Equal(t, bcp.BIADraft, v2.Status)
	assert.Equal(t, []bcp.Change{
		{Path: "activities[checkout].depends_on", Op: bcp.ChangeChanged, Old: `["app","pay"]`, New: `["app"]`},
		{Path: "activities[checkout].rto", Op: bcp.ChangeChanged, Old: `"PT4H"`, New: `"PT3H"`},
		{Path: "resources[pay]", Op: bcp.ChangeRemoved, Old: `{"id":"pay","name":"Payment provider","kind":"supplier","sla":{"rto":"PT2H","rpo":"PT15M","provider_recovers":["payments"]}}`},
	}, v2.Changes)

	// Editing the new draft recomputes its diff from version 1.
	next.Activities[0].RTO = d("PT4H")
	v2, err = l.Edit(ctx, v2.ID, bcp.EditCommand{BIA: next, Revision: v2.Revision})
	require.NoError(t, err)
	assert.Equal(t, 2, v2.BIA.Version)
	require.Len(t, v2.Changes, 2)
	assert.Equal(t, "activities[checkout].depends_on", v2.Changes[0].Path)
	assert.Equal(t, "resources[pay]", v2.Changes[1].Path)

	// Revising a draft is refused; the signed-off version is unchanged.
	_, err = l.Revise(ctx, v2.ID, bcp.ReviseCommand{BIA: next})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	got, err := l.Get(ctx, v1.ID)
	require.NoError(t, err)
	assert.Equal(t, d("PT4H"), got.BIA.Activities[0].RTO)

	hist, err := l.History(ctx, v2.ID)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	assert.Equal(t, []int{2, 1}, []int{hist[0].BIA.Version, hist[1].BIA.Version})

	_, err = l.Get(ctx, "nope")
	assert.ErrorIs(t, err, isms.ErrNotFound)
}

func TestDiff(t *testing.T) {
	a := baseline().BIA
	assert.Empty(t, bcp.Diff(a, baseline().BIA))
	b := baseline().BIA
	b.ImpactScale = []string{"low", "high"}
	b.Activities = append(b.Activities, bcp.Activity{ID: "payroll", Name: "Payroll", Criticality: bcp.CriticalityLow})
	b.Resources[1].Backup.Offline = false
	assert.Equal(t, []bcp.Change{
		{Path: "impact_scale", Op: bcp.ChangeChanged, Old: `["minor","moderate","major","severe"]`, New: `["low","high"]`},
		{Path: "resources[db].backup", Op: bcp.ChangeChanged,
			Old: `{"interval":"PT15M","job_duration":"PT5M","transfer_lag":"PT5M","offline":true}`,
			New: `{"interval":"PT15M","job_duration":"PT5M","transfer_lag":"PT5M"}`},
		{Path: "activities[payroll]", Op: bcp.ChangeAdded, New: `{"id":"payroll","name":"Payroll","criticality":"low"}`},
	}, reorder(bcp.Diff(a, b)))
	assert.Len(t, bcp.Diff(nil, a), 1+1+1+1+3, "id, scale, level, one activity, three resources")
}

// reorder puts activity additions last, as Diff lists activities before
// resources: the expectation above is written resources-first for the
// changed field, so compare as sets with a fixed order.
func reorder(cs []bcp.Change) []bcp.Change {
	var first, last []bcp.Change
	for _, c := range cs {
		if c.Op == bcp.ChangeAdded {
			last = append(last, c)
		} else {
			first = append(first, c)
		}
	}
	return append(first, last...)
}

func TestLibraryDRTestLifecycle(t *testing.T) {
	l, clock := newLibrary(t)
	ctx := isms.WithActor(context.Background(), "sam")
	tst := &bcp.DRTest{Name: "Restore", Kind: bcp.DRTestBackupRestore, Resources: []isms.ID{"db"},
		PlannedFor: at("2026-06-10T00:00:00Z"), Criteria: []bcp.Criterion{{Description: "row counts match", Met: yes()}}}
	require.NoError(t, l.PlanTest(ctx, tst))
	assert.Equal(t, bcp.DRTestPlanned, tst.Status)
	assert.Nil(t, tst.Criteria[0].Met, "assessed only at evaluation")

	// Evaluating before executing is not in the table.
	_, err := l.StepTest(ctx, tst.ID, bcp.DRTestCommand{To: bcp.DRTestEvaluated, Met: []bool{true}})
	var te *isms.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "", te.Guard)

	// Executing needs the instants, in order.
	_, err = l.StepTest(ctx, tst.ID, bcp.DRTestCommand{To: bcp.DRTestExecuted, ExecutedAt: at("2026-06-01T08:00:00Z")})
	require.ErrorAs(t, err, &te)
	assert.Equal(t, bcp.DRTestGuardExecutionRecorded, te.Guard)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	clock.Set(at("2026-06-01T12:00:00Z"))
	got, err := l.StepTest(ctx, tst.ID, bcp.DRTestCommand{To: bcp.DRTestExecuted,
		ExecutedAt: at("2026-06-01T08:00:00Z"), DisruptedAt: at("2026-06-01T08:00:00Z"),
		RestoredAt: at("2026-06-01T09:30:00Z"), RestorePoint: at("2026-06-01T07:50:00Z"), Revision: tst.Revision})
	require.NoError(t, err)
	assert.Equal(t, bcp.DRTestExecuted, got.Status)

	_, err = l.StepTest(ctx, tst.ID, bcp.DRTestCommand{To: bcp.DRTestEvaluated, Met: []bool{true}})
	require.ErrorAs(t, err, &te)
	assert.Equal(t, bcp.DRTestGuardEvidenceAttached, te.Guard)
	got, err = l.StepTest(ctx, tst.ID, bcp.DRTestCommand{To: bcp.DRTestEvaluated, Met: []bool{true},
		Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-9")}})
	require.NoError(t, err)
	assert.Equal(t, "sam", got.By)

	// The verdict is derived: 9:30 − 8:00 = 1h30m against an RTO of 2h
	// passes; against 1h it fails. 8:00 − 7:50 = 10m.
	v := got.Verdict(d("PT2H"), d("PT15M"))
	assert.True(t, v.Passed, v.Failures)
	assert.Equal(t, "PT1H30M", v.MeasuredRTO.Value.String())
	assert.Equal(t, "restored 2026-06-01T09:30:00Z − disrupted 2026-06-01T08:00:00Z = PT1H30M", v.MeasuredRTO.Trace)
	assert.Equal(t, "PT10M", v.MeasuredRPO.Value.String())
	v = got.Verdict(d("PT1H"), d("PT5M"))
	assert.False(t, v.Passed)
	assert.Equal(t, []string{"measured RTO PT1H30M exceeds RTO PT1H", "measured RPO PT10M exceeds RPO PT5M"}, v.Failures)

	got, err = l.StepTest(ctx, tst.ID, bcp.DRTestCommand{To: bcp.DRTestClosed})
	require.NoError(t, err)
	assert.Equal(t, bcp.DRTestClosed, got.Status)

	// Cancelling needs a reason.
	c := &bcp.DRTest{Name: "Tabletop", Kind: bcp.DRTestTabletop}
	require.NoError(t, l.PlanTest(ctx, c))
	_, err = l.StepTest(ctx, c.ID, bcp.DRTestCommand{To: bcp.DRTestCancelled})
	require.ErrorAs(t, err, &te)
	assert.Equal(t, bcp.DRTestGuardReasonGiven, te.Guard)
	_, err = l.StepTest(ctx, c.ID, bcp.DRTestCommand{To: bcp.DRTestCancelled, Reason: "merged into the full-scale test"})
	require.NoError(t, err)
	_, err = l.StepTest(context.Background(), c.ID, bcp.DRTestCommand{To: bcp.DRTestClosed})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = l.StepTest(ctx, c.ID, bcp.DRTestCommand{To: bcp.DRTestClosed, Revision: 99})
	assert.True(t, errors.Is(err, isms.ErrConflict))
}

func TestDRTestLifecycleDiagram(t *testing.T) {
	m := bcp.DRTestLifecycle()
	require.NoError(t, m.Validate())
	want := `stateDiagram-v2
    %% bcp dr test
    [*] --> planned
    planned --> executed : actor_named, execution_recorded
    executed --> evaluated : actor_named, criteria_assessed, evidence_attached
    evaluated --> closed : actor_named
    planned --> cancelled : actor_named, reason_given
    executed --> cancelled : actor_named, reason_given
    closed --> [*]
    cancelled --> [*]
`
	assert.Equal(t, want, m.Mermaid())
}

func TestTabletopVerdict(t *testing.T) {
	// A tabletop measures nothing: criteria alone decide.
	tt := &bcp.DRTest{Name: "tt", Kind: bcp.DRTestTabletop, ExecutedAt: at("2026-01-01T00:00:00Z"),
		Criteria: []bcp.Criterion{{Description: "roles known", Met: yes()}}}
	assert.True(t, tt.Verdict(d("PT1H"), d("PT1H")).Passed)
	tt.Criteria = append(tt.Criteria, bcp.Criterion{Description: "contacts current"})
	assert.Equal(t, []string{"criterion 2 not assessed: contacts current"}, tt.Verdict(isms.Duration{}, isms.Duration{}).Failures)
	tt.ExecutedAt = time.Time{}
	assert.Contains(t, tt.Verdict(isms.Duration{}, isms.Duration{}).Failures, "not executed")
}
