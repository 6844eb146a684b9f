package audit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

var time0 = time.Time{}

func minorNC() *audit.Finding {
	return &audit.Finding{Meta: isms.Meta{ID: "f-1"}, Kind: audit.MinorNonconformity, Title: "Leaver kept admin access",
		Requirement: isms.ControlRef("A.5.15"), Status: audit.StatusOpen, RaisedBy: "bob", RaisedAt: date(2026, 10, 8)}
}

func guardOf(t *testing.T, err error) string {
	t.Helper()
	var te *isms.TransitionError
	require.True(t, errors.As(err, &te), "want a TransitionError, got %v", err)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	return te.Guard
}

func TestFindingLifecycleMermaid(t *testing.T) {
	want := `stateDiagram-v2
    %% audit finding lifecycle
    [*] --> open
    open --> in_progress : actor_named, owner_assigned, due_date_set
    in_progress --> implemented : actor_named, root_cause_recorded, correction_recorded, corrective_action_recorded
    implemented --> verified_effective : actor_named, effectiveness_verified, verifier_not_owner
    verified_effective --> closed : actor_named
    open --> closed : actor_named, not_a_nonconformity, reason_given
    in_progress --> closed : actor_named, not_a_nonconformity, reason_given
    implemented --> reopened : actor_named, reason_given
    verified_effective --> reopened : actor_named, reason_given
    closed --> reopened : actor_named, reason_given
    reopened --> in_progress : actor_named, owner_assigned, due_date_set
`
	assert.Equal(t, want, audit.FindingLifecycle().Mermaid())
	require.NoError(t, audit.FindingLifecycle().Validate())
}

func TestFindingCorrectiveActionLifecycle(t *testing.T) {
	f := minorNC()
	due := date(2026, 12, 15)

	// open -> in_progress needs an owner and, for a nonconformity, a due date.
	assert.Equal(t, audit.GuardActorNamed, guardOf(t, f.Step("", audit.StepCommand{To: audit.StatusInProgress, Owner: "cat", Due: due}, now)))
	assert.Equal(t, audit.GuardOwnerAssigned, guardOf(t, f.Step("bob", audit.StepCommand{To: audit.StatusInProgress, Due: due}, now)))
	assert.Equal(t, audit.GuardDueDateSet, guardOf(t, f.Step("bob", audit.StepCommand{To: audit.StatusInProgress, Owner: "cat"}, now)))
	assert.Equal(t, audit.StatusOpen, f.Status, "a refused move changes nothing")
	assert.Empty(t, f.Owner)
	require.NoError(t, f.Step("bob", audit.StepCommand{To: audit.StatusInProgress, Owner: "cat", Due: due}, now))

	// A nonconformity cannot close without its effectiveness verified.
	assert.Equal(t, audit.GuardNotNonconformity, guardOf(t, f.Step("bob", audit.StepCommand{To: audit.StatusClosed, Reason: "done"}, now)))

	// in_progress -> implemented needs the analysis and the actions.
	assert.Equal(t, audit.GuardRootCauseRecorded, guardOf(t, f.Step("cat", audit.StepCommand{To: audit.StatusImplemented,
		Correction: "removed", CorrectiveAction: "leaver process"}, now)))
	assert.Equal(t, audit.GuardCorrectionRecorded, guardOf(t, f.Step("cat", audit.StepCommand{To: audit.StatusImplemented,
		RootCause: "no ticket", CorrectiveAction: "leaver process"}, now)))
	assert.Equal(t, audit.GuardCorrectiveAction, guardOf(t, f.Step("cat", audit.StepCommand{To: audit.StatusImplemented,
		RootCause: "no ticket", Correction: "removed"}, now)))
	require.NoError(t, f.Step("cat", audit.StepCommand{To: audit.StatusImplemented, RootCause: "no ticket", Correction: "removed",
		CorrectiveAction: "leaver process"}, now))
	assert.Equal(t, now, f.ImplementedAt)

	// implemented -> verified_effective needs a passed check by someone
	// other than the owner.
	assert.Equal(t, audit.GuardEffectivenessChecked, guardOf(t, f.Step("bob", audit.StepCommand{To: audit.StatusVerifiedEffective}, now)))
	assert.Equal(t, audit.GuardEffectivenessChecked, guardOf(t, f.Step("bob", audit.StepCommand{To: audit.StatusVerifiedEffective,
		Effectiveness: &audit.EffectivenessCheck{Effective: false}}, now)))
	assert.Equal(t, audit.GuardVerifierNotOwner, guardOf(t, f.Step("cat", audit.StepCommand{To: audit.StatusVerifiedEffective,
		Effectiveness: &audit.EffectivenessCheck{Effective: true}}, now)))

	// The check fails: reopen with the failed check recorded, and work again.
	later := now.AddDate(0, 0, 7)
	assert.Equal(t, audit.GuardReasonGiven, guardOf(t, f.Step("bob", audit.StepCommand{To: audit.StatusReopened}, later)))
	require.NoError(t, f.Step("bob", audit.StepCommand{To: audit.StatusReopened, Reason: "a contractor still had access",
		Effectiveness: &audit.EffectivenessCheck{Effective: false, Note: "sampled 10 leavers, 1 kept access"}}, later))
	require.NotNil(t, f.Effectiveness)
	assert.Equal(t, "bob", f.Effectiveness.By, "an empty verifier is the actor")
	assert.Equal(t, later, f.Effectiveness.At, "a zero time is now")
	require.NoError(t, f.Step("cat", audit.StepCommand{To: audit.StatusInProgress}, later))
	require.NoError(t, f.Step("cat", audit.StepCommand{To: audit.StatusImplemented, CorrectiveAction: "contractors in the leaver process"}, later))
	require.NoError(t, f.Step("bob", audit.StepCommand{To: audit.StatusVerifiedEffective,
		Effectiveness: &audit.EffectivenessCheck{Effective: true, Evidence: []isms.Ref{{Kind: isms.KindEvidence, ID: "ev-leavers"}}}}, later))
	require.NoError(t, f.Step("bob", audit.StepCommand{To: audit.StatusClosed}, later))
	assert.Equal(t, later, f.ClosedAt)
	assert.False(t, f.Open())

	var path []audit.FindingStatus
	for _, h := range f.History {
		path = append(path, h.To)
	}
	assert.Equal(t, []audit.FindingStatus{audit.StatusInProgress, audit.StatusImplemented, audit.StatusReopened, audit.StatusInProgress,
		audit.StatusImplemented, audit.StatusVerifiedEffective, audit.StatusClosed}, path)
	assert.Equal(t, "contractors in the leaver process", f.CorrectiveAction)
	require.NoError(t, f.Validate())

	// A move the table lacks names no guard.
	assert.Equal(t, "", guardOf(t, f.Step("bob", audit.StepCommand{To: audit.StatusImplemented}, later)))
	// A stale revision is a conflict.
	assert.ErrorIs(t, f.Step("bob", audit.StepCommand{To: audit.StatusReopened, Reason: "x", Revision: 9}, later), isms.ErrConflict)
}

func TestObservationClosesWithReason(t *testing.T) {
	f := &audit.Finding{Kind: audit.Observation, Title: "Visitor log not signed", Requirement: isms.ControlRef("A.7.2"), Status: audit.StatusOpen}
	assert.Equal(t, audit.GuardReasonGiven, guardOf(t, f.Step("bob", audit.StepCommand{To: audit.StatusClosed}, now)))
	require.NoError(t, f.Step("bob", audit.StepCommand{To: audit.StatusClosed, Reason: "reception briefed"}, now))
	assert.Equal(t, audit.StatusClosed, f.Status)
	// An observation needs no due date to be worked on.
	g := &audit.Finding{Kind: audit.OpportunityForImprovement, Title: "Automate", Requirement: controls.ClauseRef("10.1"), Status: audit.StatusOpen}
	require.NoError(t, g.Step("bob", audit.StepCommand{To: audit.StatusInProgress, Owner: "cat"}, now))
}

func TestCheckFindings(t *testing.T) {
	base := func() *audit.Finding {
		f := minorNC()
		f.Owner, f.Due, f.Status, f.RootCause = "cat", date(2027, 1, 31), audit.StatusInProgress, "no ticket"
		return f
	}
	cases := []struct {
		name string
		edit func(f *audit.Finding)
		want []string
	}{
		{"clean", func(*audit.Finding) {}, []string{}},
		{"owner missing", func(f *audit.Finding) { f.Owner = "" }, []string{audit.CodeFindingOwnerMissing}},
		{"observation without owner", func(f *audit.Finding) { f.Kind, f.Owner = audit.Observation, "" }, []string{}},
		{"due missing", func(f *audit.Finding) { f.Due = time0 }, []string{audit.CodeFindingDueMissing}},
		{"overdue", func(f *audit.Finding) { f.Due = date(2026, 11, 21) }, []string{audit.CodeFindingOverdue}},
		{"due exactly now is not overdue but due soon", func(f *audit.Finding) { f.Due = now }, []string{audit.CodeFindingDueSoon}},
		{"due in 14 days is due soon", func(f *audit.Finding) { f.Due = date(2026, 12, 6) }, []string{audit.CodeFindingDueSoon}},
		{"due in 15 days is not", func(f *audit.Finding) { f.Due = date(2026, 12, 7) }, []string{}},
		{"root cause missing", func(f *audit.Finding) { f.RootCause = "" }, []string{audit.CodeRootCauseMissing}},
		{"root cause not yet needed when open", func(f *audit.Finding) { f.RootCause, f.Status = "", audit.StatusOpen }, []string{}},
		{"major open", func(f *audit.Finding) { f.Kind = audit.MajorNonconformity }, []string{audit.CodeMajorOpen}},
		{"major verified", func(f *audit.Finding) { f.Kind, f.Status = audit.MajorNonconformity, audit.StatusVerifiedEffective }, []string{}},
		{"closed and overdue", func(f *audit.Finding) { f.Status, f.Due = audit.StatusClosed, date(2026, 1, 1) }, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := base()
			c.edit(f)
			got, err := audit.CheckFindings([]*audit.Finding{f, nil}, now, nil)
			require.NoError(t, err)
			assert.Equal(t, c.want, codes(got))
		})
	}
	got, err := audit.CheckFindings([]*audit.Finding{base()}, now, &audit.CheckOptions{DueSoonWindow: isms.Days(90)})
	require.NoError(t, err)
	assert.Equal(t, []string{audit.CodeFindingDueSoon}, codes(got))
	_, err = audit.CheckFindings(nil, now, &audit.CheckOptions{DueSoonWindow: isms.Years(2)})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestFindingRaises(t *testing.T) {
	f := minorNC()
	f.RootCause = "no leaver ticket"
	assert.Equal(t, []audit.RiskInput{{Title: "Leaver kept admin access", Description: "no leaver ticket", Requirement: isms.ControlRef("A.5.15"),
		Source: isms.Ref{Kind: audit.KindFinding, ID: "f-1"}, Controls: []isms.Ref{isms.ControlRef("A.5.15")}}}, f.RiskInputs())
	assert.Nil(t, f.Improvement(), "a nonconformity is tracked by its corrective action")
	o := &audit.Finding{Meta: isms.Meta{ID: "f-9"}, Kind: audit.OpportunityForImprovement, Title: "Automate access reviews",
		Requirement: controls.ClauseRef("10.1"), Owner: "cat", RaisedAt: now}
	assert.Nil(t, o.RiskInputs())
	assert.Equal(t, &audit.Improvement{Title: "Automate access reviews", Source: isms.Ref{Kind: audit.KindFinding, ID: "f-9"},
		SourceKind: audit.SourceAudit, Requirement: controls.ClauseRef("10.1"), Owner: "cat", Status: audit.ImprovementProposed, RaisedAt: now}, o.Improvement())
}

func TestFindingValidate(t *testing.T) {
	require.NoError(t, minorNC().Validate())
	bad := &audit.Finding{Kind: "grave", Requirement: isms.Ref{Kind: "risk", ID: "r-1"}, Status: "done",
		History: []audit.FindingTransition{{From: audit.StatusOpen, To: audit.StatusInProgress}}}
	err := bad.Validate()
	var ve *isms.ValidationError
	require.True(t, errors.As(err, &ve))
	for _, p := range [][2]string{{"kind", isms.CodeUnknown}, {"status", isms.CodeUnknown}, {"title", isms.CodeRequired},
		{"requirement.kind", isms.CodeUnknown}, {"history[0].by", isms.CodeRequired}, {"history[0].at", isms.CodeRequired}} {
		assert.True(t, ve.Has(p[0], p[1]), "want problem %v in %v", p, err)
	}
	_, err = audit.ParseFinding([]byte(`{"kind":"minor_nonconformity","title":"x","requirement":{"kind":"clause","id":"7.5.3"},"status":"open","extra":1}`))
	assert.ErrorIs(t, err, isms.ErrInvalid)
	f, err := audit.ParseFinding([]byte(`{"kind":"minor_nonconformity","title":"x","requirement":{"kind":"clause","id":"7.5.3"},"status":"open"}`))
	require.NoError(t, err)
	assert.Equal(t, controls.ClauseRef("7.5.3"), f.Requirement)
}

func TestService(t *testing.T) {
	st := memstore.NewStore(&store.Options{IDs: ismstest.NewSequentialIDs(), Clock: ismstest.NewFixedClock(now)})
	svc, err := audit.NewService(st, "acme")
	require.NoError(t, err)
	bg := context.Background()
	ctx := isms.WithActor(bg, "bob")
	f := &audit.Finding{Kind: audit.MinorNonconformity, Title: "Leaver kept access", Requirement: isms.ControlRef("A.5.15")}
	assert.ErrorIs(t, svc.Raise(bg, f), isms.ErrInvalid, "a write needs an actor")
	require.NoError(t, svc.Raise(ctx, f))
	assert.Equal(t, isms.ID("audit.finding-0001"), f.ID)
	assert.Equal(t, "bob", f.RaisedBy)
	assert.Equal(t, now, f.RaisedAt)
	assert.Equal(t, audit.StatusOpen, f.Status)

	got, err := svc.Step(ctx, f.ID, audit.StepCommand{To: audit.StatusInProgress, Owner: "cat", Due: date(2026, 12, 15), Revision: f.Revision})
	require.NoError(t, err)
	assert.Equal(t, audit.StatusInProgress, got.Status)
	_, err = svc.Step(ctx, f.ID, audit.StepCommand{To: audit.StatusImplemented, RootCause: "a", Correction: "b", CorrectiveAction: "c", Revision: f.Revision})
	assert.ErrorIs(t, err, isms.ErrConflict, "the revision read before the first step is stale")
	_, err = svc.Step(ctx, f.ID, audit.StepCommand{To: audit.StatusImplemented})
	assert.Equal(t, audit.GuardRootCauseRecorded, guardOf(t, err))
	assert.Contains(t, err.Error(), "audit: step: ")
	_, err = svc.Step(ctx, "nope", audit.StepCommand{To: audit.StatusImplemented})
	assert.ErrorIs(t, err, isms.ErrNotFound)

	stored, err := svc.Get(ctx, f.ID)
	require.NoError(t, err)
	assert.Equal(t, "cat", stored.Owner)
	n := 0
	for g, err := range svc.All(ctx) {
		require.NoError(t, err)
		assert.Equal(t, f.ID, g.ID)
		n++
	}
	assert.Equal(t, 1, n)
	require.NoError(t, st.VerifyJournal(ctx, "acme"))

	var nilSvc *audit.Service
	assert.ErrorIs(t, nilSvc.Raise(ctx, f), isms.ErrInvalid)
	_, err = audit.NewService(nil, "acme")
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
