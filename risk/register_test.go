package risk_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

var regStart = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

type fixture struct {
	reg   *risk.Register
	clock *ismstest.StepClock
	store *store.Store
}

// newStore is an in-memory store with a step clock (one minute per read)
// and IDs numbered per kind.
func newStore(t testing.TB, back driver.Backend) (*store.Store, *ismstest.StepClock) {
	t.Helper()
	clock := ismstest.NewStepClock(regStart, time.Minute)
	if back == nil {
		back = memstore.NewBackend()
	}
	s := store.New(back, &store.Options{Clock: clock, IDs: ismstest.NewSequentialIDs()})
	t.Cleanup(func() { _ = s.Close() })
	return s, clock
}

func newFixture(t *testing.T, opts *risk.RegisterOptions) fixture {
	t.Helper()
	s, clock := newStore(t, nil)
	reg, err := risk.NewRegister(s, "acme", risk.Preset5x5(), opts)
	require.NoError(t, err)
	return fixture{reg: reg, clock: clock, store: s}
}

func as(who string) context.Context { return isms.WithActor(context.Background(), who) }

// admin is the actor of the tests' plain CRUD writes.
var admin = as("admin")

func (f fixture) create(t *testing.T, title, owner string) *risk.Risk {
	t.Helper()
	r := &risk.Risk{Title: title, Owner: owner, Category: "cyber"}
	require.NoError(t, f.reg.Create(admin, r))
	return r
}

func assessCmd(stage risk.Stage, l, i string) risk.AssessCommand {
	return risk.AssessCommand{Stage: stage, Rating: risk.Rating{Likelihood: l, Impact: i}}
}

func TestNewRegisterErrors(t *testing.T) {
	s := memstore.New()
	m := risk.Preset5x5()
	bad := risk.Preset5x5()
	bad.Grid[0][0] = 9
	tests := map[string]func() (*risk.Register, error){
		"nil matrix":     func() (*risk.Register, error) { return risk.NewRegister(s, "t", nil, nil) },
		"invalid matrix": func() (*risk.Register, error) { return risk.NewRegister(s, "t", bad, nil) },
		"nil store":      func() (*risk.Register, error) { return risk.NewRegister(nil, "t", m, nil) },
		"zero store":     func() (*risk.Register, error) { return risk.NewRegister(&store.Store{}, "t", m, nil) },
		"no tenant":      func() (*risk.Register, error) { return risk.NewRegister(s, "", m, nil) },
		"criteria for another matrix": func() (*risk.Register, error) {
			return risk.NewRegister(s, "t", m, &risk.RegisterOptions{Criteria: &risk.Criteria{Matrix: risk.Preset3x3().Ref(), Appetite: "low"}})
		},
		"unknown appetite": func() (*risk.Register, error) {
			return risk.NewRegister(s, "t", m, &risk.RegisterOptions{Criteria: &risk.Criteria{Matrix: m.Ref(), Appetite: "none"}})
		},
		"review policy": func() (*risk.Register, error) {
			return risk.NewRegister(s, "t", m, &risk.RegisterOptions{Review: &risk.ReviewPolicy{}})
		},
		"negative validity": func() (*risk.Register, error) {
			return risk.NewRegister(s, "t", m, &risk.RegisterOptions{AcceptanceValidity: isms.Duration{Months: -1}})
		},
		"blank system actor": func() (*risk.Register, error) {
			return risk.NewRegister(s, "t", m, &risk.RegisterOptions{SystemActor: "  "})
		},
	}
	for name, mk := range tests {
		t.Run(name, func(t *testing.T) {
			reg, err := mk()
			assert.Nil(t, reg)
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
}

func TestRegisterDefaultsAndCopies(t *testing.T) {
	m := risk.Preset5x5()
	reg, err := risk.NewRegister(memstore.New(), "t", m, nil)
	require.NoError(t, err)
	assert.Equal(t, risk.DefaultCriteria(m), reg.Criteria())
	assert.Equal(t, "low", reg.Criteria().Appetite)
	assert.Equal(t, risk.DefaultReviewPolicy(m), reg.ReviewPolicy())
	assert.Equal(t, "system", reg.SystemActor())
	// The register keeps its own copy of the matrix.
	m.Grid[4][4] = 0
	assert.Equal(t, 3, reg.Matrix().Grid[4][4])
	got := reg.Matrix()
	got.Grid[4][4] = 0
	assert.Equal(t, 3, reg.Matrix().Grid[4][4])
}

func TestRegisterCreateGetAssess(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	r := f.create(t, "Phishing steals credentials", "olivia")
	assert.Equal(t, isms.ID("risk-0001"), r.ID)
	assert.Equal(t, risk.StatusOpen, r.Status)
	assert.Equal(t, int64(1), r.Revision)

	_, err := f.reg.Assess(ctx, r.ID, assessCmd(risk.StageCurrent, "likely", "major"))
	assert.ErrorIs(t, err, isms.ErrInvalid, "an actor is required")

	_, err = f.reg.Assess(as("ann"), r.ID, assessCmd("target", "likely", "major"))
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "often", "major"))
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.EqualError(t, err, `risk: assess: risk risk-0001: "often" is not a likelihood level of matrix ismskit 5x5 (version 1)`)
	_, err = f.reg.Assess(as("ann"), "risk-9999", assessCmd(risk.StageCurrent, "likely", "major"))
	assert.ErrorIs(t, err, isms.ErrNotFound)

	at := f.clock.Peek()
	got, err := f.reg.Assess(as("ann"), r.ID, risk.AssessCommand{
		Stage: risk.StageCurrent, Rating: risk.Rating{Likelihood: "likely", Impacts: cia("major", "minor", "minor")}, Rationale: "MFA only on VPN",
	})
	require.NoError(t, err)
	assert.Equal(t, &risk.Assessment{
		Matrix: risk.Preset5x5().Ref(), Likelihood: "likely", Impacts: cia("major", "minor", "minor"), Rule: risk.RuleMax,
		Impact: "major", Level: "high", Rationale: "MFA only on VPN", AssessedBy: "ann", AssessedAt: at,
	}, got.Current)
	assert.Equal(t, int64(2), got.Revision)

	stored, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, got, stored)

	// The risk's impact rule applies when the rating names none:
	// mean(3, 1, 1) over indices = 5/3 rounded up to 2 (moderate);
	// likely 4 × moderate 3 = 12: high.
	r.ImpactRule = risk.RuleMean
	r.Revision = stored.Revision
	require.NoError(t, f.reg.Update(admin, r))
	got, err = f.reg.Assess(as("ann"), r.ID, risk.AssessCommand{
		Stage: risk.StageInherent, Rating: risk.Rating{Likelihood: "likely", Impacts: cia("major", "minor", "minor")},
	})
	require.NoError(t, err)
	assert.Equal(t, risk.RuleMean, got.Inherent.Rule)
	assert.Equal(t, "moderate", got.Inherent.Impact)
	assert.Equal(t, "high", got.Inherent.Level)

	_, err = f.reg.Get(ctx, "nope")
	assert.ErrorIs(t, err, isms.ErrNotFound)
	assert.EqualError(t, err, `risk: get: risk "nope" not found`, "kind and id once")
	assert.ErrorIs(t, f.reg.Create(admin, nil), isms.ErrInvalid)
	err = f.reg.Create(admin, &risk.Risk{})
	assert.ErrorIs(t, err, isms.ErrInvalid, "title is required")
	assert.EqualError(t, err, "risk: create: risk risk-0002: invalid: title: title is required (required)")
}

func TestRegisterWritesNeedAnActor(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	err := f.reg.Create(ctx, &risk.Risk{Title: "anonymous"})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), "risk: create: no actor in the context")
	r := f.create(t, "named", "olivia")
	r.Title = "renamed anonymously"
	assert.ErrorIs(t, f.reg.Update(ctx, r), isms.ErrInvalid)
	assert.ErrorIs(t, f.reg.Delete(ctx, r.ID, r.Revision), isms.ErrInvalid)
	_, err = f.reg.Review(isms.WithActor(ctx, ""), r.ID, risk.ReviewCommand{})
	assert.ErrorIs(t, err, isms.ErrInvalid, "an empty actor counts as none")
	got, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, "named", got.Title)
	assert.Equal(t, int64(1), got.Revision, "nothing was written")
}

func TestRegisterUpdate(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	r := f.create(t, "Laptop theft", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "possible", "moderate"))
	require.NoError(t, err)

	t.Run("stale revision", func(t *testing.T) {
		stale := r.Clone()
		stale.Title = "x"
		err := f.reg.Update(admin, stale)
		assert.ErrorIs(t, err, isms.ErrConflict)
		assert.EqualError(t, err, `risk: update: risk "risk-0001": revision 1 is stale, stored revision is 2`)
	})

	t.Run("workflow fields are kept", func(t *testing.T) {
		cur, err := f.reg.Get(ctx, r.ID)
		require.NoError(t, err)
		cur.Title = "Laptop theft or loss"
		cur.Current = nil
		cur.Treatment = &risk.Treatment{Option: risk.OptionAvoid}
		cur.ReviewedBy = "mallory"
		require.NoError(t, f.reg.Update(admin, cur))
		got, err := f.reg.Get(ctx, r.ID)
		require.NoError(t, err)
		assert.Equal(t, "Laptop theft or loss", got.Title)
		require.NotNil(t, got.Current)
		assert.Equal(t, "medium", got.Current.Level) // possible 3 × moderate 3 = 9
		assert.Nil(t, got.Treatment)
		assert.Empty(t, got.ReviewedBy)
		assert.Equal(t, got, cur, "the caller's copy matches what was stored")
	})

	statusTests := []struct {
		from, to risk.Status
		guard    string // the guard that refuses; "" for a move the table lacks
		ok       bool
	}{
		{risk.StatusOpen, risk.StatusClosed, "", true},
		{risk.StatusClosed, risk.StatusOpen, "", true},
		{risk.StatusOpen, risk.StatusAccepted, risk.StatusGuardSignoffInForce, false},
		{risk.StatusClosed, risk.StatusAccepted, "", false},
		{risk.StatusOpen, "draft", "", false},
	}
	for _, tc := range statusTests {
		t.Run(fmt.Sprintf("%s to %s", tc.from, tc.to), func(t *testing.T) {
			x := f.create(t, "status test", "olivia")
			if tc.from != risk.StatusOpen {
				x.Status = tc.from
				require.NoError(t, f.reg.Update(admin, x))
			}
			x.Status = tc.to
			err := f.reg.Update(admin, x)
			if tc.ok {
				require.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, isms.ErrInvalid)
			var te *isms.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, "risk status", te.Machine)
			assert.Equal(t, tc.guard, te.Guard)
		})
	}
	assert.ErrorIs(t, f.reg.Update(admin, nil), isms.ErrInvalid)
	assert.ErrorIs(t, f.reg.Update(admin, &risk.Risk{Meta: isms.Meta{ID: "nope", Revision: 1}, Title: "x"}), isms.ErrNotFound)

	t.Run("delete", func(t *testing.T) {
		x := f.create(t, "to delete", "olivia")
		assert.ErrorIs(t, f.reg.Delete(admin, x.ID, 7), isms.ErrConflict)
		require.NoError(t, f.reg.Delete(admin, x.ID, x.Revision))
		_, err := f.reg.Get(ctx, x.ID)
		assert.ErrorIs(t, err, isms.ErrNotFound)
	})
}

func TestStatusLifecycleTable(t *testing.T) {
	m := risk.StatusLifecycle()
	require.NoError(t, m.Validate())
	assert.Equal(t, `stateDiagram-v2
    %% risk status
    [*] --> open
    open --> closed
    open --> accepted : signoff_in_force
    accepted --> open : signoff_not_in_force
    accepted --> closed
    closed --> open
`, m.Mermaid())
	assert.False(t, m.Allowed(risk.StatusClosed, risk.StatusAccepted))

	// Each guard refuses with its name.
	r := riskIn(t, risk.AcceptanceAccepted)
	err := m.Check(risk.StatusAccepted, risk.StatusOpen, risk.StatusChangeRequest{Risk: r, At: t0.Add(48 * time.Hour)})
	var te *isms.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, risk.StatusGuardSignoffNotInForce, te.Guard)
	open := acceptableRisk(t)
	err = m.Check(risk.StatusOpen, risk.StatusAccepted, risk.StatusChangeRequest{Risk: open, At: t0})
	require.ErrorAs(t, err, &te)
	assert.Equal(t, risk.StatusGuardSignoffInForce, te.Guard)
	err = m.Check(risk.StatusOpen, risk.StatusAccepted, risk.StatusChangeRequest{})
	require.ErrorAs(t, err, &te)
	assert.Equal(t, risk.StatusGuardSignoffInForce, te.Guard, "no risk: refused, not a panic")
	require.NoError(t, m.Check(risk.StatusOpen, risk.StatusAccepted, risk.StatusChangeRequest{Risk: r, At: t0.Add(48 * time.Hour)}))
}

func TestRegisterTreat(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	r := f.create(t, "Ransomware", "olivia")
	due := time.Date(2025, 4, 30, 17, 0, 0, 999, time.UTC)
	at := f.clock.Peek()
	got, err := f.reg.Treat(as("olivia"), r.ID, risk.TreatCommand{
		Option:   risk.OptionModify,
		Controls: []isms.Ref{control("A.8.13"), control("A.8.7")},
		Actions: []risk.Action{
			{Title: "Immutable backups", Owner: "ian", Due: due},
			{ID: "own-id", Title: "EDR on servers", Owner: "ian", Status: risk.ActionInProgress},
		},
	})
	require.NoError(t, err)
	tr := got.Treatment
	assert.Equal(t, "olivia", tr.DecidedBy)
	assert.Equal(t, at, tr.DecidedAt)
	// Actions are numbered on their own, apart from risks.
	assert.Equal(t, isms.ID("risk.action-0001"), tr.Actions[0].ID)
	assert.Equal(t, risk.ActionPlanned, tr.Actions[0].Status)
	assert.Equal(t, due.Truncate(time.Microsecond), tr.Actions[0].Due)
	assert.Equal(t, isms.ID("own-id"), tr.Actions[1].ID)
	assert.Equal(t, risk.PlanInProgress, tr.PlanStatus())

	doneAt := f.clock.Peek()
	got, err = f.reg.SetActionStatus(as("ian"), r.ID, risk.SetActionStatusCommand{Action: "risk.action-0001", Status: risk.ActionDone})
	require.NoError(t, err)
	assert.Equal(t, doneAt, got.Treatment.Actions[0].CompletedAt)
	got, err = f.reg.SetActionStatus(as("ian"), r.ID, risk.SetActionStatusCommand{Action: "risk.action-0001", Status: risk.ActionInProgress, Revision: got.Revision})
	require.NoError(t, err)
	assert.True(t, got.Treatment.Actions[0].CompletedAt.IsZero())

	_, err = f.reg.SetActionStatus(as("ian"), r.ID, risk.SetActionStatusCommand{Action: "nope", Status: risk.ActionDone})
	assert.ErrorIs(t, err, isms.ErrNotFound)
	assert.EqualError(t, err, `risk: set action status: risk risk-0001: risk.action "nope" not found`)
	_, err = f.reg.SetActionStatus(as("ian"), r.ID, risk.SetActionStatusCommand{Action: "risk.action-0001", Status: "finished"})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = f.reg.SetActionStatus(as("ian"), r.ID, risk.SetActionStatusCommand{Action: "risk.action-0001", Status: risk.ActionDone, Revision: 1})
	assert.ErrorIs(t, err, isms.ErrConflict, "the revision the user saw is stale")

	before, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	_, err = f.reg.Treat(as("olivia"), r.ID, risk.TreatCommand{Option: risk.OptionModify})
	assert.ErrorIs(t, err, isms.ErrInvalid, "modify needs a control")
	after, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, before, after, "a refused step stores nothing")

	other := f.create(t, "untreated", "olivia")
	_, err = f.reg.SetActionStatus(as("ian"), other.ID, risk.SetActionStatusCommand{Action: "x", Status: risk.ActionDone})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestRegisterAcceptanceFlow(t *testing.T) {
	f := newFixture(t, &risk.RegisterOptions{AcceptanceValidity: isms.Months(6)})
	ctx := context.Background()
	r := f.create(t, "Supplier breach", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "possible", "major"))
	require.NoError(t, err)
	_, err = f.reg.Treat(as("olivia"), r.ID, risk.TreatCommand{Option: risk.OptionRetain, Rationale: "contract renegotiation next year"})
	require.NoError(t, err)

	got, err := f.reg.RequestAcceptance(as("rita"), r.ID, risk.RequestAcceptanceCommand{Justification: "retain until renewal"})
	require.NoError(t, err)
	acc := got.LatestAcceptance()
	assert.Equal(t, risk.AcceptanceCreated, acc.Status)
	assert.Equal(t, "rita", acc.RequestedBy)
	assert.Equal(t, isms.Months(6), acc.ValidFor, "the register's validity applies")
	assert.Equal(t, isms.ID("risk.acceptance-0001"), acc.ID, "acceptances are numbered on their own")

	_, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.DecideAcceptanceCommand{Accept: true})
	assert.ErrorIs(t, err, isms.ErrInvalid, "not submitted yet")

	_, err = f.reg.SubmitAcceptance(as("rita"), r.ID, risk.SubmitAcceptanceCommand{})
	require.NoError(t, err)

	_, err = f.reg.DecideAcceptance(as("mallory"), r.ID, risk.DecideAcceptanceCommand{Accept: true})
	assert.ErrorIs(t, err, risk.ErrNotApprover)
	_, err = f.reg.DecideAcceptance(as("dave"), r.ID, risk.DecideAcceptanceCommand{Accept: true})
	assert.ErrorIs(t, err, risk.ErrNotApprover, "not delegated yet")

	_, err = f.reg.Delegate(as("rita"), r.ID, risk.DelegateCommand{Approver: "dave"})
	assert.ErrorIs(t, err, isms.ErrInvalid, "only the owner delegates")
	_, err = f.reg.Delegate(as("olivia"), r.ID, risk.DelegateCommand{})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = f.reg.Delegate(as("olivia"), r.ID, risk.DelegateCommand{Approver: "dave", ExpiresAt: regStart})
	assert.ErrorIs(t, err, isms.ErrInvalid, "an expiry in the past")
	got, err = f.reg.Delegate(as("olivia"), r.ID, risk.DelegateCommand{Approver: "dave", ExpiresAt: time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	assert.Len(t, got.Delegations, 1)
	got, err = f.reg.Delegate(as("olivia"), r.ID, risk.DelegateCommand{Approver: "dave"})
	require.NoError(t, err)
	assert.Equal(t, []risk.Delegation{{Approver: "dave", GrantedBy: "olivia", GrantedAt: got.Delegations[0].GrantedAt}}, got.Delegations, "replaced")

	decidedAt := f.clock.Peek()
	got, err = f.reg.DecideAcceptance(as("dave"), r.ID, risk.DecideAcceptanceCommand{Accept: true, Note: "agreed with CFO"})
	require.NoError(t, err)
	assert.Equal(t, risk.StatusAccepted, got.Status)
	acc = got.LatestAcceptance()
	assert.Equal(t, "dave", acc.DecidedBy)
	// Decided on 1 March 2025 (09:00 plus one minute per clock read); six
	// months later is 1 September.
	assert.Equal(t, time.Date(2025, 9, 1, decidedAt.Hour(), decidedAt.Minute(), 0, 0, time.UTC), acc.ExpiresAt)
	assert.Equal(t, "high", acc.Snapshot.Level) // possible 3 × major 4 = 12
	assert.Equal(t, risk.StageCurrent, acc.Snapshot.Stage)
	assert.Equal(t, got.Revision-1, acc.Snapshot.RiskRevision, "the revision that was read and accepted")

	fs, err := f.reg.Check(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, isms.WithCode(fs, risk.CodeRetainedAboveAppetite), "accepted, so retaining is fine")

	t.Run("an update cannot reopen a risk accepted in force", func(t *testing.T) {
		cur, err := f.reg.Get(ctx, r.ID)
		require.NoError(t, err)
		cur.Status = risk.StatusOpen
		err = f.reg.Update(admin, cur)
		var te *isms.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, risk.StatusGuardSignoffNotInForce, te.Guard)
	})

	_, err = f.reg.RevokeAcceptance(as("mallory"), r.ID, risk.RevokeAcceptanceCommand{Reason: "x"})
	assert.ErrorIs(t, err, risk.ErrNotApprover)
	_, err = f.reg.Undelegate(as("dave"), r.ID, risk.UndelegateCommand{Approver: "dave"})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = f.reg.Undelegate(as("olivia"), r.ID, risk.UndelegateCommand{Approver: "nobody"})
	assert.ErrorIs(t, err, isms.ErrNotFound)
	got, err = f.reg.Undelegate(as("olivia"), r.ID, risk.UndelegateCommand{Approver: "dave"})
	require.NoError(t, err)
	assert.Empty(t, got.Delegations)

	got, err = f.reg.RevokeAcceptance(as("olivia"), r.ID, risk.RevokeAcceptanceCommand{Reason: "supplier had an incident"})
	require.NoError(t, err)
	assert.Equal(t, risk.StatusOpen, got.Status)
	assert.Equal(t, risk.AcceptanceRevoked, got.LatestAcceptance().Status)

	fs, err = f.reg.Check(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, isms.WithCode(fs, risk.CodeRetainedAboveAppetite), 1, "revoked: retained above appetite again")

	// A new request may follow; a rejection leaves the risk open.
	got, err = f.reg.RequestAcceptance(as("rita"), r.ID, risk.RequestAcceptanceCommand{Justification: "again", ValidFor: isms.Days(30)})
	require.NoError(t, err)
	assert.Equal(t, isms.ID("risk.acceptance-0002"), got.LatestAcceptance().ID)
	_, err = f.reg.SubmitAcceptance(as("rita"), r.ID, risk.SubmitAcceptanceCommand{})
	require.NoError(t, err)
	got, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.DecideAcceptanceCommand{Note: "no"})
	require.NoError(t, err)
	assert.Equal(t, risk.StatusOpen, got.Status)
	assert.Equal(t, risk.AcceptanceRejected, got.LatestAcceptance().Status)
}

func TestRegisterExpireAcceptances(t *testing.T) {
	f := newFixture(t, &risk.RegisterOptions{AcceptanceValidity: isms.Days(30), SystemActor: "sweeper"})
	accept := func(title string) *risk.Risk {
		r := f.create(t, title, "olivia")
		_, err := f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "rare", "minor"))
		require.NoError(t, err)
		_, err = f.reg.RequestAcceptance(as("olivia"), r.ID, risk.RequestAcceptanceCommand{})
		require.NoError(t, err)
		_, err = f.reg.SubmitAcceptance(as("olivia"), r.ID, risk.SubmitAcceptanceCommand{})
		require.NoError(t, err)
		r, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.DecideAcceptanceCommand{Accept: true})
		require.NoError(t, err)
		return r
	}
	a := accept("first")
	f.clock.Advance(10 * 24 * time.Hour)
	b := accept("second")
	f.create(t, "never accepted", "olivia")

	expired, err := f.reg.ExpireAcceptances(context.Background())
	require.NoError(t, err)
	assert.Empty(t, expired)

	// 25 days later the first (30 days) is due, the second not yet.
	f.clock.Advance(25 * 24 * time.Hour)
	expired, err = f.reg.ExpireAcceptances(as("someone-else"))
	require.NoError(t, err)
	assert.Equal(t, []isms.ID{a.ID}, expired)
	got, err := f.reg.Get(context.Background(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, risk.StatusOpen, got.Status)
	assert.Equal(t, risk.AcceptanceExpired, got.LatestAcceptance().Status)
	assert.Equal(t, "sweeper", got.LatestAcceptance().ClosedBy, "the sweep closes as the system actor")

	entries, err := f.store.ReadJournal(context.Background(), "acme", store.JournalOptions{})
	require.NoError(t, err)
	last := entries[len(entries)-1]
	assert.Equal(t, a.ID, last.ID)
	assert.Equal(t, "sweeper", last.Actor, "whatever actor the context carries")

	f.clock.Advance(10 * 24 * time.Hour)
	expired, err = f.reg.ExpireAcceptances(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []isms.ID{b.ID}, expired)
}

func seedRegister(t *testing.T, f fixture) map[string]isms.ID {
	t.Helper()
	type spec struct {
		title, owner, category string
		l, i                   string
		status                 risk.Status
	}
	specs := []spec{
		{"a", "olivia", "cyber", "almost_certain", "severe", ""},       // 25 very_high
		{"b", "olivia", "cyber", "likely", "major", ""},                // 16 high
		{"c", "oscar", "physical", "likely", "severe", ""},             // 20 very_high
		{"d", "oscar", "cyber", "rare", "minor", ""},                   // 2 low
		{"e", "oscar", "cyber", "possible", "major", ""},               // 12 high
		{"f", "olivia", "supplier", "", "", ""},                        // unassessed
		{"g", "olivia", "cyber", "likely", "major", risk.StatusClosed}, // 16 high, closed
	}
	ids := map[string]isms.ID{}
	for _, s := range specs {
		r := f.create(t, s.title, s.owner)
		r.Category = s.category
		require.NoError(t, f.reg.Update(admin, r))
		if s.l != "" {
			_, err := f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, s.l, s.i))
			require.NoError(t, err)
		}
		if s.status == risk.StatusClosed {
			cur, err := f.reg.Get(context.Background(), r.ID)
			require.NoError(t, err)
			cur.Status = risk.StatusClosed
			require.NoError(t, f.reg.Update(admin, cur))
		}
		ids[s.title] = r.ID
	}
	return ids
}

func titles(rs []*risk.Risk) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Title)
	}
	return out
}

func TestRegisterListFilters(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	seedRegister(t, f)
	tests := []struct {
		name   string
		filter *risk.Filter
		want   []string
	}{
		{"all", nil, []string{"a", "b", "c", "d", "e", "f", "g"}},
		{"zero filter", &risk.Filter{}, []string{"a", "b", "c", "d", "e", "f", "g"}},
		{"owner", &risk.Filter{Owner: "oscar"}, []string{"c", "d", "e"}},
		{"category", &risk.Filter{Category: "cyber"}, []string{"a", "b", "d", "e", "g"}},
		{"levels at current", &risk.Filter{Levels: []string{"high", "very_high"}}, []string{"a", "b", "c", "e", "g"}},
		{"levels at residual", &risk.Filter{Stage: risk.StageResidual, Levels: []string{"high"}}, []string{}},
		{"status", &risk.Filter{Statuses: []risk.Status{risk.StatusClosed}}, []string{"g"}},
		{"combined", &risk.Filter{Owner: "olivia", Levels: []string{"high"}, Statuses: []risk.Status{risk.StatusOpen}}, []string{"b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := f.reg.List(ctx, tc.filter)
			require.NoError(t, err)
			assert.Equal(t, tc.want, titles(rs))
		})
	}
	_, err := f.reg.List(ctx, &risk.Filter{Stage: "target"})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = f.reg.List(ctx, &risk.Filter{Statuses: []risk.Status{"gone"}})
	assert.ErrorIs(t, err, isms.ErrInvalid)

	t.Run("overdue", func(t *testing.T) {
		rs, err := f.reg.List(ctx, &risk.Filter{Overdue: true})
		require.NoError(t, err)
		assert.Empty(t, rs)
		// very_high every 3 months, high every 6, low every 12; unassessed
		// 3 months from creation. Four months later a, c and f are overdue
		// (g is closed).
		f.clock.Advance(4 * 30 * 24 * time.Hour)
		rs, err = f.reg.List(ctx, &risk.Filter{Overdue: true})
		require.NoError(t, err)
		assert.Equal(t, []string{"a", "c", "f"}, titles(rs))
		// Reviewing a risk restarts its interval: very_high, P3M.
		reviewedAt := f.clock.Peek()
		r, err := f.reg.Review(as("olivia"), rs[0].ID, risk.ReviewCommand{Revision: rs[0].Revision})
		require.NoError(t, err)
		assert.Equal(t, reviewedAt, r.ReviewedAt)
		assert.Equal(t, "olivia", r.ReviewedBy)
		next, err := f.reg.NextReview(r)
		require.NoError(t, err)
		// Reviewed on 29 June 2025 (1 March + 120 days); + P3M = 29 September.
		assert.Equal(t, time.Date(2025, 9, 29, reviewedAt.Hour(), reviewedAt.Minute(), 0, 0, time.UTC), next)
		rs, err = f.reg.List(ctx, &risk.Filter{Overdue: true})
		require.NoError(t, err)
		assert.Equal(t, []string{"c", "f"}, titles(rs))
	})
}

func TestFilterMatch(t *testing.T) {
	p := risk.DefaultReviewPolicy(risk.Preset5x5())
	r := cleanRisk(t)
	ok, err := (*risk.Filter)(nil).Match(r, p, checkNow)
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = (&risk.Filter{Owner: "olivia"}).Match(nil, p, checkNow)
	require.NoError(t, err)
	assert.False(t, ok, "a nil risk matches no filter")
	_, err = (&risk.Filter{Stage: "target"}).Match(r, p, checkNow)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = (&risk.Filter{Overdue: true}).Match(r, risk.ReviewPolicy{}, checkNow)
	assert.ErrorIs(t, err, isms.ErrInvalid, "no positive interval")
	ok, err = (&risk.Filter{Overdue: true}).Match(r, p, checkNow)
	require.NoError(t, err)
	assert.False(t, ok, "reviewed ten days ago")
}

func TestRegisterTopAndRank(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	seedRegister(t, f)
	// Level desc, then likelihood desc, impact desc, ID asc:
	// a (very_high, almost_certain), c (very_high, likely),
	// b (high, likely, major) = g (high, likely, major) -> by ID b before g,
	// e (high, possible), d (low). f is unassessed.
	top, err := f.reg.Top(ctx, 0, risk.StageCurrent, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "c", "b", "g", "e", "d"}, titles(top))
	top, err = f.reg.Top(ctx, 3, risk.StageCurrent, &risk.Filter{Statuses: []risk.Status{risk.StatusOpen}})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "c", "b"}, titles(top))
	top, err = f.reg.Top(ctx, 3, risk.StageResidual, nil)
	require.NoError(t, err)
	assert.Empty(t, top)
	_, err = f.reg.Top(ctx, 3, "target", nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	// Assessments of another matrix version are left out of a ranking.
	m := risk.Preset5x5()
	all, err := f.reg.List(ctx, nil)
	require.NoError(t, err)
	all[0].Current.Matrix.Version = "0"
	ranked, err := risk.Rank(all, m, risk.StageCurrent)
	require.NoError(t, err)
	assert.Equal(t, []string{"c", "b", "g", "e", "d"}, titles(ranked))
	_, err = risk.Rank(all, nil, risk.StageCurrent)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = risk.Rank(all, m, "target")
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestRegisterHeatmapAndCheck(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	seedRegister(t, f)
	h, err := f.reg.Heatmap(ctx, risk.StageCurrent, nil)
	require.NoError(t, err)
	// Indices: almost_certain 4 × severe 4; likely 3 × major 3 (twice);
	// likely 3 × severe 4; rare 0 × minor 1; possible 2 × major 3.
	want := [][]int{
		{0, 1, 0, 0, 0},
		{0, 0, 0, 0, 0},
		{0, 0, 0, 1, 0},
		{0, 0, 0, 2, 1},
		{0, 0, 0, 0, 1},
	}
	assert.Equal(t, want, h.Counts)
	assert.Equal(t, 6, h.Total)
	assert.Equal(t, 1, h.Unassessed)
	assert.Equal(t, []int{1, 0, 3, 2}, h.LevelCounts())

	h, err = f.reg.Heatmap(ctx, risk.StageCurrent, &risk.Filter{Statuses: []risk.Status{risk.StatusOpen}})
	require.NoError(t, err)
	assert.Equal(t, 5, h.Total)
	_, err = f.reg.Heatmap(ctx, "target", nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = f.reg.Heatmap(ctx, risk.StageCurrent, &risk.Filter{Stage: "x"})
	assert.ErrorIs(t, err, isms.ErrInvalid)

	fs, err := f.reg.Check(ctx, nil)
	require.NoError(t, err)
	// Six open risks: f unassessed; five with no residual; four above the
	// "low" appetite with no treatment. The closed one is not checked.
	assert.Len(t, isms.WithCode(fs, risk.CodeCurrentNotAssessed), 1)
	assert.Len(t, isms.WithCode(fs, risk.CodeResidualMissing), 5)
	assert.Len(t, isms.WithCode(fs, risk.CodeTreatmentMissing), 4)
	assert.Len(t, fs, 10)
	fs, err = f.reg.Check(ctx, &risk.Filter{Owner: "oscar"})
	require.NoError(t, err)
	// c and e above the appetite untreated, and c, d, e without residual.
	assert.Len(t, fs, 5)
}

func TestRegisterCreateImportsAndNormalizesTimes(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	cet := time.FixedZone("CET", 3600)
	r := cleanRisk(t)
	r.Meta = isms.Meta{ID: "IMP-1"}
	r.ReviewedAt = time.Date(2025, 2, 1, 10, 0, 0, 123456789, cet)
	r.Treatment.Actions[0].Due = time.Date(2025, 5, 1, 18, 0, 0, 999, cet)
	r.Delegations = []risk.Delegation{{Approver: "dave", GrantedBy: "olivia", GrantedAt: time.Date(2025, 1, 2, 3, 4, 5, 6, cet)}}
	r.Acceptances = []risk.Acceptance{{ID: "acc-1", Status: risk.AcceptanceCreated, RequestedBy: "rita", RequestedAt: time.Date(2025, 1, 3, 0, 0, 0, 7, cet)}}
	require.NoError(t, f.reg.Create(admin, r))
	assert.Equal(t, time.Date(2025, 2, 1, 9, 0, 0, 123456000, time.UTC), r.ReviewedAt)
	assert.Equal(t, time.Date(2025, 5, 1, 17, 0, 0, 0, time.UTC), r.Treatment.Actions[0].Due)
	got, err := f.reg.Get(ctx, "IMP-1")
	require.NoError(t, err)
	assert.Equal(t, r, got, "an imported risk reads back equal")
}

func TestRegisterAll(t *testing.T) {
	f := newFixture(t, nil)
	seedRegister(t, f)
	var got []string
	for r, err := range f.reg.All(context.Background()) {
		require.NoError(t, err)
		got = append(got, r.Title)
	}
	assert.Equal(t, []string{"a", "b", "c", "d", "e", "f", "g"}, got)
	var reg *risk.Register
	for r, err := range reg.All(context.Background()) {
		assert.Nil(t, r)
		assert.ErrorIs(t, err, isms.ErrInvalid)
	}
}

func TestRegisterTenantIsolation(t *testing.T) {
	s := memstore.New()
	m := risk.Preset3x3()
	a, err := risk.NewRegister(s, "tenant-a", m, nil)
	require.NoError(t, err)
	b, err := risk.NewRegister(s, "tenant-b", m, nil)
	require.NoError(t, err)
	r := &risk.Risk{Title: "only in A"}
	require.NoError(t, a.Create(admin, r))
	_, err = b.Get(context.Background(), r.ID)
	assert.ErrorIs(t, err, isms.ErrNotFound)
	rs, err := b.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, rs)
}

func TestRegisterConcurrentSteps(t *testing.T) {
	f := newFixture(t, nil)
	const n = 16
	ids := make([]isms.ID, n)
	for i := range ids {
		ids[i] = f.create(t, fmt.Sprintf("r%d", i), "olivia").ID
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range ids {
		wg.Go(func() {
			_, errs[i] = f.reg.Assess(as("ann"), ids[i], assessCmd(risk.StageCurrent, "likely", "minor"))
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	// Steps on the same risk never lose an update: each either succeeds or
	// fails with a conflict.
	var ok, conflict int
	var mu sync.Mutex
	for range n {
		wg.Go(func() {
			_, err := f.reg.Review(as("olivia"), ids[0], risk.ReviewCommand{})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			default:
				assert.ErrorIs(t, err, isms.ErrConflict)
				conflict++
			}
		})
	}
	wg.Wait()
	assert.Equal(t, n, ok+conflict)
	got, err := f.reg.Get(context.Background(), ids[0])
	require.NoError(t, err)
	assert.Equal(t, int64(2+ok), got.Revision)
}

// TestJournalHasNoAnonymousEntry runs every write of the register, then
// reads the whole journal: every entry names its actor, and the chain
// verifies.
func TestJournalHasNoAnonymousEntry(t *testing.T) {
	f := newFixture(t, &risk.RegisterOptions{AcceptanceValidity: isms.Days(10)})
	ctx := context.Background()
	r := f.create(t, "journalled", "olivia")
	steps := []func() (*risk.Risk, error){
		func() (*risk.Risk, error) {
			return f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "likely", "major"))
		},
		func() (*risk.Risk, error) {
			return f.reg.Treat(as("olivia"), r.ID, risk.TreatCommand{Option: risk.OptionRetain, Actions: []risk.Action{{Title: "quote a generator"}}})
		},
		func() (*risk.Risk, error) {
			return f.reg.SetActionStatus(as("ian"), r.ID, risk.SetActionStatusCommand{Action: "risk.action-0001", Status: risk.ActionDone})
		},
		func() (*risk.Risk, error) {
			return f.reg.Delegate(as("olivia"), r.ID, risk.DelegateCommand{Approver: "dave"})
		},
		func() (*risk.Risk, error) {
			return f.reg.RequestAcceptance(as("rita"), r.ID, risk.RequestAcceptanceCommand{})
		},
		func() (*risk.Risk, error) {
			return f.reg.SubmitAcceptance(as("rita"), r.ID, risk.SubmitAcceptanceCommand{})
		},
		func() (*risk.Risk, error) {
			return f.reg.DecideAcceptance(as("dave"), r.ID, risk.DecideAcceptanceCommand{Accept: true})
		},
		func() (*risk.Risk, error) {
			return f.reg.Undelegate(as("olivia"), r.ID, risk.UndelegateCommand{Approver: "dave"})
		},
		func() (*risk.Risk, error) {
			return f.reg.RevokeAcceptance(as("olivia"), r.ID, risk.RevokeAcceptanceCommand{Reason: "changed"})
		},
		func() (*risk.Risk, error) {
			return f.reg.RequestAcceptance(as("rita"), r.ID, risk.RequestAcceptanceCommand{})
		},
		func() (*risk.Risk, error) {
			return f.reg.SubmitAcceptance(as("rita"), r.ID, risk.SubmitAcceptanceCommand{})
		},
		func() (*risk.Risk, error) {
			return f.reg.DecideAcceptance(as("olivia"), r.ID, risk.DecideAcceptanceCommand{Accept: true})
		},
		func() (*risk.Risk, error) { return f.reg.Review(as("olivia"), r.ID, risk.ReviewCommand{}) },
	}
	for i, step := range steps {
		_, err := step()
		require.NoError(t, err, "step %d", i)
	}
	cur, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	cur.Title = "journalled, renamed"
	require.NoError(t, f.reg.Update(as("admin"), cur))
	f.clock.Advance(11 * 24 * time.Hour)
	expired, err := f.reg.ExpireAcceptances(ctx) // no actor in ctx: the system actor
	require.NoError(t, err)
	require.Equal(t, []isms.ID{r.ID}, expired)
	require.NoError(t, f.reg.Delete(as("admin"), r.ID, int64(len(steps)+3)))

	entries, err := f.store.ReadJournal(ctx, "acme", store.JournalOptions{})
	require.NoError(t, err)
	// Create, 13 steps, update, expiry, delete.
	require.Len(t, entries, 1+len(steps)+3)
	actors := map[string]int{}
	for _, e := range entries {
		assert.NotEmpty(t, e.Actor, "entry %d (%s %s)", e.Sequence, e.Operation, e.ID)
		actors[e.Actor]++
	}
	assert.Equal(t, map[string]int{"admin": 3, "ann": 1, "olivia": 6, "ian": 1, "rita": 4, "dave": 1, "system": 1}, actors)
	assert.Equal(t, "system", entries[len(entries)-2].Actor, "the sweep")
	require.NoError(t, f.store.VerifyJournal(ctx, "acme"))
}

// interferingBackend lets a test run a competing write just before the
// register's next write of a given record, as another user would.
type interferingBackend struct {
	driver.Backend
	mu     sync.Mutex
	before map[isms.ID]func(ctx context.Context, b driver.Backend)
}

func (b *interferingBackend) Put(ctx context.Context, rec driver.Record, w driver.Write) (driver.Record, error) {
	b.mu.Lock()
	hook := b.before[rec.ID]
	delete(b.before, rec.ID)
	b.mu.Unlock()
	if hook != nil && rec.Revision > 0 {
		hook(ctx, b.Backend)
	}
	return b.Backend.Put(ctx, rec, w)
}

// TestRegisterDecisionNamesTheRevisionReviewed: the approver reviewed
// revision 4 (create, assess, request, submit); a reassessment moves the
// risk to revision 5 before the decision, which is then refused, and
// accepted once it names revision 5.
func TestRegisterDecisionNamesTheRevisionReviewed(t *testing.T) {
	f := newFixture(t, nil)
	r := f.create(t, "Unpatched VPN appliance", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "possible", "major"))
	require.NoError(t, err)
	_, err = f.reg.RequestAcceptance(as("rita"), r.ID, risk.RequestAcceptanceCommand{Justification: "vendor patch due next quarter"})
	require.NoError(t, err)
	reviewed, err := f.reg.SubmitAcceptance(as("rita"), r.ID, risk.SubmitAcceptanceCommand{})
	require.NoError(t, err)
	require.Equal(t, int64(4), reviewed.Revision)

	_, err = f.reg.Assess(as("ann"), r.ID, risk.AssessCommand{Stage: risk.StageCurrent, Rating: risk.Rating{Likelihood: "likely", Impact: "major"}, Rationale: "exploit published"})
	require.NoError(t, err)

	_, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.DecideAcceptanceCommand{Accept: true, Revision: 4})
	var ce *isms.ConflictError
	require.ErrorAs(t, err, &ce)
	assert.ErrorIs(t, err, isms.ErrConflict)
	assert.Equal(t, int64(4), ce.Expected)
	assert.Equal(t, int64(5), ce.Actual)
	assert.EqualError(t, err, `risk: decide acceptance: risk risk-0001: risk "risk-0001": revision 4 is stale, stored revision is 5`)

	got, err := f.reg.DecideAcceptance(as("olivia"), r.ID, risk.DecideAcceptanceCommand{Accept: true, Revision: 5})
	require.NoError(t, err)
	assert.Equal(t, risk.StatusAccepted, got.Status)
	assert.Equal(t, int64(5), got.LatestAcceptance().Snapshot.RiskRevision)
}

func TestRegisterClosedRiskIsNotAcceptedLater(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	r := f.create(t, "Legacy FTP server", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "possible", "major"))
	require.NoError(t, err)
	_, err = f.reg.RequestAcceptance(as("rita"), r.ID, risk.RequestAcceptanceCommand{})
	require.NoError(t, err)
	cur, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	cur.Status = risk.StatusClosed // the FTP server was switched off
	require.NoError(t, f.reg.Update(admin, cur))

	_, err = f.reg.SubmitAcceptance(as("rita"), r.ID, risk.SubmitAcceptanceCommand{})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	got, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, risk.StatusClosed, got.Status)
	assert.Equal(t, risk.AcceptanceCreated, got.LatestAcceptance().Status)
}

func TestRegisterExpireAcceptancesSurvivesConcurrentWrites(t *testing.T) {
	back := &interferingBackend{Backend: memstore.NewBackend(), before: map[isms.ID]func(context.Context, driver.Backend){}}
	s, clock := newStore(t, back)
	reg, err := risk.NewRegister(s, "acme", risk.Preset5x5(), &risk.RegisterOptions{AcceptanceValidity: isms.Days(30)})
	require.NoError(t, err)
	var ids []isms.ID
	for _, title := range []string{"first", "second", "third"} {
		r := &risk.Risk{Title: title, Owner: "olivia"}
		require.NoError(t, reg.Create(admin, r))
		_, err := reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "rare", "minor"))
		require.NoError(t, err)
		_, err = reg.RequestAcceptance(as("olivia"), r.ID, risk.RequestAcceptanceCommand{})
		require.NoError(t, err)
		_, err = reg.SubmitAcceptance(as("olivia"), r.ID, risk.SubmitAcceptanceCommand{})
		require.NoError(t, err)
		_, err = reg.DecideAcceptance(as("olivia"), r.ID, risk.DecideAcceptanceCommand{Accept: true})
		require.NoError(t, err)
		ids = append(ids, r.ID)
	}
	clock.Advance(40 * 24 * time.Hour)

	// Someone edits the first risk while the sweep expires it, and
	// someone deletes the second one after the sweep listed it.
	write := driver.Write{Actor: "intruder", Time: clock.Peek()}
	back.before[ids[0]] = func(ctx context.Context, b driver.Backend) {
		rec, err := b.Get(ctx, driver.Key{Tenant: "acme", Kind: risk.Kind, ID: ids[0]})
		require.NoError(t, err)
		rec.UpdatedAt = write.Time
		_, err = b.Put(ctx, rec, write)
		require.NoError(t, err)
	}
	back.before[ids[1]] = func(ctx context.Context, b driver.Backend) {
		k := driver.Key{Tenant: "acme", Kind: risk.Kind, ID: ids[1]}
		rec, err := b.Get(ctx, k)
		require.NoError(t, err)
		require.NoError(t, b.Delete(ctx, k, rec.Revision, write))
	}
	expired, err := reg.ExpireAcceptances(context.Background())
	require.NoError(t, err, "a concurrent edit or deletion of one risk does not stop the sweep")
	assert.Equal(t, []isms.ID{ids[0], ids[2]}, expired)
	for _, id := range []isms.ID{ids[0], ids[2]} {
		got, err := reg.Get(context.Background(), id)
		require.NoError(t, err)
		assert.Equal(t, risk.StatusOpen, got.Status, id)
		assert.Equal(t, risk.AcceptanceExpired, got.LatestAcceptance().Status, id)
	}
}

func TestRegisterErrorsNameTheRiskOnce(t *testing.T) {
	f := newFixture(t, nil)
	_, err := f.reg.Assess(as("ann"), "missing", assessCmd(risk.StageCurrent, "likely", "major"))
	assert.EqualError(t, err, `risk: assess: risk "missing" not found`)
	_, err = f.reg.Assess(as("ann"), "", assessCmd(risk.StageCurrent, "likely", "major"))
	assert.EqualError(t, err, `risk: assess: invalid risk ID: id is empty`)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	r := f.create(t, "closed", "olivia")
	r.Status = risk.StatusClosed
	require.NoError(t, f.reg.Update(admin, r))
	_, err = f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "likely", "major"))
	assert.EqualError(t, err, `risk: assess: risk risk-0001: the risk is closed`)
	assert.EqualError(t, f.reg.Delete(admin, "missing", 1), `risk: delete: risk "missing" not found`)
}

// TestRegisterRequestSubmitWithdraw: request and submit in one write,
// withdraw by the requester, and an ownerless risk refused.
func TestRegisterRequestSubmitWithdraw(t *testing.T) {
	f := newFixture(t, nil)
	r := f.create(t, "Supplier breach", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "possible", "major"))
	require.NoError(t, err)

	got, err := f.reg.RequestAcceptance(as("rita"), r.ID, risk.RequestAcceptanceCommand{Justification: "retain until renewal", Submit: true})
	require.NoError(t, err)
	assert.Equal(t, risk.AcceptanceSubmitted, got.LatestAcceptance().Status)
	assert.Equal(t, int64(3), got.Revision, "create, assess, request+submit: one write for both")

	_, err = f.reg.WithdrawAcceptance(as("mallory"), r.ID, risk.WithdrawAcceptanceCommand{})
	assert.ErrorIs(t, err, risk.ErrNotApprover)
	got, err = f.reg.WithdrawAcceptance(as("rita"), r.ID, risk.WithdrawAcceptanceCommand{Reason: "renewal moved", Revision: got.Revision})
	require.NoError(t, err)
	assert.Equal(t, risk.AcceptanceWithdrawn, got.LatestAcceptance().Status)
	_, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.DecideAcceptanceCommand{Accept: true})
	assert.ErrorIs(t, err, isms.ErrInvalid, "a withdrawn request cannot be decided")

	ownerless := f.create(t, "Nobody's risk", "")
	_, err = f.reg.Assess(as("ann"), ownerless.ID, assessCmd(risk.StageCurrent, "possible", "major"))
	require.NoError(t, err)
	_, err = f.reg.RequestAcceptance(as("rita"), ownerless.ID, risk.RequestAcceptanceCommand{Justification: "x"})
	var te *isms.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, risk.AcceptanceGuardOwnerNamed, te.Guard)
}
