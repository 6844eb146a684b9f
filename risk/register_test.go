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
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

var regStart = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

type fixture struct {
	reg   *risk.Register
	clock *ismstest.StepClock
	back  store.Backend
}

func newFixture(t *testing.T, opts *risk.RegisterOptions) fixture {
	t.Helper()
	back := memstore.New()
	t.Cleanup(func() { _ = back.Close() })
	clock := ismstest.NewStepClock(regStart, time.Minute)
	if opts == nil {
		opts = &risk.RegisterOptions{}
	}
	opts.Clock, opts.IDs = clock, ismstest.NewSequentialIDs("risk")
	reg, err := risk.NewRegister(back, "acme", risk.Preset5x5(), opts)
	require.NoError(t, err)
	return fixture{reg: reg, clock: clock, back: back}
}

func as(who string) context.Context { return isms.WithActor(context.Background(), who) }

func (f fixture) create(t *testing.T, title, owner string) *risk.Risk {
	t.Helper()
	r := &risk.Risk{Title: title, Owner: owner, Category: "cyber"}
	require.NoError(t, f.reg.Create(context.Background(), r))
	return r
}

func TestNewRegisterErrors(t *testing.T) {
	back := memstore.New()
	m := risk.Preset5x5()
	bad := risk.Preset5x5()
	bad.Grid[0][0] = 9
	tests := map[string]func() (*risk.Register, error){
		"nil matrix":     func() (*risk.Register, error) { return risk.NewRegister(back, "t", nil, nil) },
		"invalid matrix": func() (*risk.Register, error) { return risk.NewRegister(back, "t", bad, nil) },
		"nil backend":    func() (*risk.Register, error) { return risk.NewRegister(nil, "t", m, nil) },
		"no tenant":      func() (*risk.Register, error) { return risk.NewRegister(back, "", m, nil) },
		"criteria for another matrix": func() (*risk.Register, error) {
			return risk.NewRegister(back, "t", m, &risk.RegisterOptions{Criteria: &risk.Criteria{Matrix: risk.Preset3x3().Ref(), Appetite: "low"}})
		},
		"unknown appetite": func() (*risk.Register, error) {
			return risk.NewRegister(back, "t", m, &risk.RegisterOptions{Criteria: &risk.Criteria{Matrix: m.Ref(), Appetite: "none"}})
		},
		"review policy": func() (*risk.Register, error) {
			return risk.NewRegister(back, "t", m, &risk.RegisterOptions{Review: &risk.ReviewPolicy{}})
		},
		"negative validity": func() (*risk.Register, error) {
			return risk.NewRegister(back, "t", m, &risk.RegisterOptions{AcceptanceValidity: isms.Duration{Months: -1}})
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

	_, err := f.reg.Assess(ctx, r.ID, risk.StageCurrent, risk.Rating{Likelihood: "likely", Impact: "major"}, "")
	assert.ErrorIs(t, err, isms.ErrInvalid, "an actor is required")

	_, err = f.reg.Assess(as("ann"), r.ID, "target", risk.Rating{Likelihood: "likely", Impact: "major"}, "")
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "often", Impact: "major"}, "")
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = f.reg.Assess(as("ann"), "risk-9999", risk.StageCurrent, risk.Rating{Likelihood: "likely", Impact: "major"}, "")
	assert.ErrorIs(t, err, isms.ErrNotFound)

	at := f.clock.Peek()
	got, err := f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "likely", Impacts: cia("major", "minor", "minor")}, "MFA only on VPN")
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
	require.NoError(t, f.reg.Update(ctx, r))
	got, err = f.reg.Assess(as("ann"), r.ID, risk.StageInherent, risk.Rating{Likelihood: "likely", Impacts: cia("major", "minor", "minor")}, "")
	require.NoError(t, err)
	assert.Equal(t, risk.RuleMean, got.Inherent.Rule)
	assert.Equal(t, "moderate", got.Inherent.Impact)
	assert.Equal(t, "high", got.Inherent.Level)

	_, err = f.reg.Get(ctx, "nope")
	assert.ErrorIs(t, err, isms.ErrNotFound)
	assert.ErrorIs(t, f.reg.Create(ctx, nil), isms.ErrInvalid)
	assert.ErrorIs(t, f.reg.Create(ctx, &risk.Risk{}), isms.ErrInvalid, "title is required")
}

func TestRegisterUpdate(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	r := f.create(t, "Laptop theft", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "possible", Impact: "moderate"}, "")
	require.NoError(t, err)

	t.Run("stale revision", func(t *testing.T) {
		stale := r.Clone()
		stale.Title = "x"
		err := f.reg.Update(ctx, stale)
		assert.ErrorIs(t, err, isms.ErrConflict)
	})

	t.Run("workflow fields are kept", func(t *testing.T) {
		cur, err := f.reg.Get(ctx, r.ID)
		require.NoError(t, err)
		cur.Title = "Laptop theft or loss"
		cur.Current = nil
		cur.Treatment = &risk.Treatment{Option: risk.OptionAvoid}
		cur.ReviewedBy = "mallory"
		require.NoError(t, f.reg.Update(ctx, cur))
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
		ok       bool
	}{
		{risk.StatusOpen, risk.StatusClosed, true},
		{risk.StatusClosed, risk.StatusOpen, true},
		{risk.StatusOpen, risk.StatusAccepted, false},
		{risk.StatusClosed, risk.StatusAccepted, false},
		{risk.StatusOpen, "draft", false},
	}
	for _, tc := range statusTests {
		t.Run(fmt.Sprintf("%s to %s", tc.from, tc.to), func(t *testing.T) {
			x := f.create(t, "status test", "olivia")
			if tc.from != risk.StatusOpen {
				x.Status = tc.from
				require.NoError(t, f.reg.Update(ctx, x))
			}
			x.Status = tc.to
			err := f.reg.Update(ctx, x)
			if tc.ok {
				require.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
	assert.ErrorIs(t, f.reg.Update(ctx, nil), isms.ErrInvalid)
	assert.ErrorIs(t, f.reg.Update(ctx, &risk.Risk{Meta: isms.Meta{ID: "nope", Revision: 1}, Title: "x"}), isms.ErrNotFound)

	t.Run("delete", func(t *testing.T) {
		x := f.create(t, "to delete", "olivia")
		assert.ErrorIs(t, f.reg.Delete(ctx, x.ID, 7), isms.ErrConflict)
		require.NoError(t, f.reg.Delete(ctx, x.ID, x.Revision))
		_, err := f.reg.Get(ctx, x.ID)
		assert.ErrorIs(t, err, isms.ErrNotFound)
	})
}

func TestRegisterTreat(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	r := f.create(t, "Ransomware", "olivia")
	due := time.Date(2025, 4, 30, 17, 0, 0, 999, time.UTC)
	at := f.clock.Peek()
	got, err := f.reg.Treat(as("olivia"), r.ID, risk.Treatment{
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
	// The risk got risk-0001; the first action the next ID.
	assert.Equal(t, isms.ID("risk-0002"), tr.Actions[0].ID)
	assert.Equal(t, risk.ActionPlanned, tr.Actions[0].Status)
	assert.Equal(t, due.Truncate(time.Microsecond), tr.Actions[0].Due)
	assert.Equal(t, isms.ID("own-id"), tr.Actions[1].ID)
	assert.Equal(t, risk.PlanInProgress, tr.PlanStatus())

	doneAt := f.clock.Peek()
	got, err = f.reg.SetActionStatus(as("ian"), r.ID, "risk-0002", risk.ActionDone)
	require.NoError(t, err)
	assert.Equal(t, doneAt, got.Treatment.Actions[0].CompletedAt)
	got, err = f.reg.SetActionStatus(as("ian"), r.ID, "risk-0002", risk.ActionInProgress)
	require.NoError(t, err)
	assert.True(t, got.Treatment.Actions[0].CompletedAt.IsZero())

	_, err = f.reg.SetActionStatus(as("ian"), r.ID, "nope", risk.ActionDone)
	assert.ErrorIs(t, err, isms.ErrNotFound)
	_, err = f.reg.SetActionStatus(as("ian"), r.ID, "risk-0002", "finished")
	assert.ErrorIs(t, err, isms.ErrInvalid)

	before, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	_, err = f.reg.Treat(as("olivia"), r.ID, risk.Treatment{Option: risk.OptionModify})
	assert.ErrorIs(t, err, isms.ErrInvalid, "modify needs a control")
	after, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, before, after, "a refused step stores nothing")

	other := f.create(t, "untreated", "olivia")
	_, err = f.reg.SetActionStatus(as("ian"), other.ID, "x", risk.ActionDone)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestRegisterAcceptanceFlow(t *testing.T) {
	f := newFixture(t, &risk.RegisterOptions{AcceptanceValidity: isms.Months(6)})
	ctx := context.Background()
	r := f.create(t, "Supplier breach", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "possible", Impact: "major"}, "")
	require.NoError(t, err)
	_, err = f.reg.Treat(as("olivia"), r.ID, risk.Treatment{Option: risk.OptionRetain, Rationale: "contract renegotiation next year"})
	require.NoError(t, err)

	got, err := f.reg.RequestAcceptance(as("rita"), r.ID, "retain until renewal", isms.Duration{})
	require.NoError(t, err)
	acc := got.LatestAcceptance()
	assert.Equal(t, risk.AcceptanceCreated, acc.Status)
	assert.Equal(t, "rita", acc.RequestedBy)
	assert.Equal(t, isms.Months(6), acc.ValidFor, "the register's validity applies")
	assert.Equal(t, isms.ID("risk-0002"), acc.ID)

	_, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.Decision{Accept: true})
	assert.ErrorIs(t, err, isms.ErrInvalid, "not submitted yet")

	_, err = f.reg.SubmitAcceptance(as("rita"), r.ID)
	require.NoError(t, err)

	_, err = f.reg.DecideAcceptance(as("mallory"), r.ID, risk.Decision{Accept: true})
	assert.ErrorIs(t, err, risk.ErrNotApprover)
	_, err = f.reg.DecideAcceptance(as("dave"), r.ID, risk.Decision{Accept: true})
	assert.ErrorIs(t, err, risk.ErrNotApprover, "not delegated yet")
	_, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.Decision{Approver: "dave", Accept: true})
	assert.ErrorIs(t, err, isms.ErrInvalid, "approver must be the actor")

	_, err = f.reg.Delegate(as("rita"), r.ID, "dave", time.Time{})
	assert.ErrorIs(t, err, isms.ErrInvalid, "only the owner delegates")
	_, err = f.reg.Delegate(as("olivia"), r.ID, "", time.Time{})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	got, err = f.reg.Delegate(as("olivia"), r.ID, "dave", regStart.AddDate(0, 1, 0))
	require.NoError(t, err)
	assert.Len(t, got.Delegations, 1)
	got, err = f.reg.Delegate(as("olivia"), r.ID, "dave", time.Time{})
	require.NoError(t, err)
	assert.Equal(t, []risk.Delegation{{Approver: "dave", GrantedBy: "olivia", GrantedAt: got.Delegations[0].GrantedAt}}, got.Delegations, "replaced")

	decidedAt := f.clock.Peek()
	got, err = f.reg.DecideAcceptance(as("dave"), r.ID, risk.Decision{Accept: true, Note: "agreed with CFO"})
	require.NoError(t, err)
	assert.Equal(t, risk.StatusAccepted, got.Status)
	acc = got.LatestAcceptance()
	assert.Equal(t, "dave", acc.DecidedBy)
	assert.Equal(t, decidedAt.AddDate(0, 6, 0), acc.ExpiresAt)
	assert.Equal(t, "high", acc.Snapshot.Level) // possible 3 × major 4 = 12
	assert.Equal(t, risk.StageCurrent, acc.Snapshot.Stage)
	assert.Equal(t, got.Revision-1, acc.Snapshot.RiskRevision, "the revision that was read and accepted")

	lint, err := f.reg.Lint(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, isms.WithCode(lint, risk.CodeRetainedAboveAppetite), "accepted, so retaining is fine")

	_, err = f.reg.RevokeAcceptance(as("mallory"), r.ID, "x")
	assert.ErrorIs(t, err, risk.ErrNotApprover)
	_, err = f.reg.Undelegate(as("dave"), r.ID, "dave")
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = f.reg.Undelegate(as("olivia"), r.ID, "nobody")
	assert.ErrorIs(t, err, isms.ErrNotFound)
	got, err = f.reg.Undelegate(as("olivia"), r.ID, "dave")
	require.NoError(t, err)
	assert.Empty(t, got.Delegations)

	got, err = f.reg.RevokeAcceptance(as("olivia"), r.ID, "supplier had an incident")
	require.NoError(t, err)
	assert.Equal(t, risk.StatusOpen, got.Status)
	assert.Equal(t, risk.AcceptanceRevoked, got.LatestAcceptance().Status)

	lint, err = f.reg.Lint(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, isms.WithCode(lint, risk.CodeRetainedAboveAppetite), 1, "revoked: retained above appetite again")

	// A new request may follow; a rejection leaves the risk open.
	_, err = f.reg.RequestAcceptance(as("rita"), r.ID, "again", isms.Days(30))
	require.NoError(t, err)
	_, err = f.reg.SubmitAcceptance(as("rita"), r.ID)
	require.NoError(t, err)
	got, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.Decision{Accept: false, Note: "no"})
	require.NoError(t, err)
	assert.Equal(t, risk.StatusOpen, got.Status)
	assert.Equal(t, risk.AcceptanceRejected, got.LatestAcceptance().Status)
	assert.Len(t, got.Acceptances, 2)
	require.NoError(t, got.Validate())
}

func TestRegisterExpireAcceptances(t *testing.T) {
	f := newFixture(t, &risk.RegisterOptions{AcceptanceValidity: isms.Days(30)})
	accept := func(title string) *risk.Risk {
		r := f.create(t, title, "olivia")
		_, err := f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "rare", Impact: "minor"}, "")
		require.NoError(t, err)
		_, err = f.reg.RequestAcceptance(as("olivia"), r.ID, "", isms.Duration{})
		require.NoError(t, err)
		_, err = f.reg.SubmitAcceptance(as("olivia"), r.ID)
		require.NoError(t, err)
		r, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.Decision{Accept: true})
		require.NoError(t, err)
		return r
	}
	a := accept("first")
	f.clock.Advance(10 * 24 * time.Hour)
	b := accept("second")
	f.create(t, "never accepted", "olivia")

	expired, err := f.reg.ExpireAcceptances(as("sweeper"))
	require.NoError(t, err)
	assert.Empty(t, expired)

	// 25 days later the first (30 days) is due, the second not yet.
	f.clock.Advance(25 * 24 * time.Hour)
	expired, err = f.reg.ExpireAcceptances(as("sweeper"))
	require.NoError(t, err)
	assert.Equal(t, []isms.ID{a.ID}, expired)
	got, err := f.reg.Get(context.Background(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, risk.StatusOpen, got.Status)
	assert.Equal(t, risk.AcceptanceExpired, got.LatestAcceptance().Status)

	f.clock.Advance(10 * 24 * time.Hour)
	expired, err = f.reg.ExpireAcceptances(as("sweeper"))
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
		require.NoError(t, f.reg.Update(context.Background(), r))
		if s.l != "" {
			_, err := f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: s.l, Impact: s.i}, "")
			require.NoError(t, err)
		}
		if s.status == risk.StatusClosed {
			cur, err := f.reg.Get(context.Background(), r.ID)
			require.NoError(t, err)
			cur.Status = risk.StatusClosed
			require.NoError(t, f.reg.Update(context.Background(), cur))
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
		// Reviewing a risk restarts its interval.
		reviewedAt := f.clock.Peek()
		r, err := f.reg.Review(as("olivia"), rs[0].ID)
		require.NoError(t, err)
		assert.Equal(t, reviewedAt, r.ReviewedAt)
		assert.Equal(t, "olivia", r.ReviewedBy)
		assert.Equal(t, reviewedAt.AddDate(0, 3, 0), f.reg.NextReview(r))
		rs, err = f.reg.List(ctx, &risk.Filter{Overdue: true})
		require.NoError(t, err)
		assert.Equal(t, []string{"c", "f"}, titles(rs))
	})
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
	assert.Equal(t, []string{"c", "b", "g", "e", "d"}, titles(risk.Rank(all, m, risk.StageCurrent)))
}

func TestRegisterHeatmapAndLint(t *testing.T) {
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

	fs, err := f.reg.Lint(ctx, nil)
	require.NoError(t, err)
	// Six open risks: f unassessed; five with no residual; four above the
	// "low" appetite with no treatment. The closed one is not checked.
	assert.Len(t, isms.WithCode(fs, risk.CodeCurrentNotAssessed), 1)
	assert.Len(t, isms.WithCode(fs, risk.CodeResidualMissing), 5)
	assert.Len(t, isms.WithCode(fs, risk.CodeTreatmentMissing), 4)
	assert.Len(t, fs, 10)
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
	require.NoError(t, f.reg.Create(ctx, r))
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
}

func TestRegisterTenantIsolation(t *testing.T) {
	back := memstore.New()
	m := risk.Preset3x3()
	a, err := risk.NewRegister(back, "tenant-a", m, nil)
	require.NoError(t, err)
	b, err := risk.NewRegister(back, "tenant-b", m, nil)
	require.NoError(t, err)
	r := &risk.Risk{Title: "only in A"}
	require.NoError(t, a.Create(context.Background(), r))
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
			_, errs[i] = f.reg.Assess(as("ann"), ids[i], risk.StageCurrent, risk.Rating{Likelihood: "likely", Impact: "minor"}, "")
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
			_, err := f.reg.Review(as("olivia"), ids[0])
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

func TestRegisterJournalRecordsActor(t *testing.T) {
	f := newFixture(t, nil)
	r := f.create(t, "journalled", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "rare", Impact: "minor"}, "")
	require.NoError(t, err)
	entries, err := store.ReadJournal(context.Background(), f.back, "acme", store.JournalOptions{})
	require.NoError(t, err)
	require.Len(t, entries, 2)
	assert.Equal(t, "ann", entries[1].Actor)
	assert.Equal(t, risk.Kind, entries[1].Kind)
	require.NoError(t, store.VerifyJournal(context.Background(), f.back, "acme"))
}

// interferingBackend lets a test run a competing write just before the
// register's next write of a given record, as another user would.
type interferingBackend struct {
	store.Backend
	mu     sync.Mutex
	before map[isms.ID]func(ctx context.Context, b store.Backend)
}

func (b *interferingBackend) Put(ctx context.Context, rec store.Record) (store.Record, error) {
	b.mu.Lock()
	hook := b.before[rec.ID]
	delete(b.before, rec.ID)
	b.mu.Unlock()
	if hook != nil && rec.Revision > 0 {
		hook(ctx, b.Backend)
	}
	return b.Backend.Put(ctx, rec)
}

// TestRegisterDecisionNamesTheRevisionReviewed: the approver reviewed
// revision 4 (create, assess, request, submit); a reassessment moves the
// risk to revision 5 before the decision, which is then refused, and
// accepted once it names revision 5.
func TestRegisterDecisionNamesTheRevisionReviewed(t *testing.T) {
	f := newFixture(t, nil)
	r := f.create(t, "Unpatched VPN appliance", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "possible", Impact: "major"}, "")
	require.NoError(t, err)
	_, err = f.reg.RequestAcceptance(as("rita"), r.ID, "vendor patch due next quarter", isms.Duration{})
	require.NoError(t, err)
	reviewed, err := f.reg.SubmitAcceptance(as("rita"), r.ID)
	require.NoError(t, err)
	require.Equal(t, int64(4), reviewed.Revision)

	_, err = f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "likely", Impact: "major"}, "exploit published")
	require.NoError(t, err)

	_, err = f.reg.DecideAcceptance(as("olivia"), r.ID, risk.Decision{Accept: true, Revision: 4})
	var ce *isms.ConflictError
	require.ErrorAs(t, err, &ce)
	assert.ErrorIs(t, err, isms.ErrConflict)
	assert.Equal(t, int64(4), ce.Expected)
	assert.Equal(t, int64(5), ce.Actual)

	got, err := f.reg.DecideAcceptance(as("olivia"), r.ID, risk.Decision{Accept: true, Revision: 5})
	require.NoError(t, err)
	assert.Equal(t, risk.StatusAccepted, got.Status)
	assert.Equal(t, int64(5), got.LatestAcceptance().Snapshot.RiskRevision)
}

func TestRegisterClosedRiskIsNotAcceptedLater(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	r := f.create(t, "Legacy FTP server", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "possible", Impact: "major"}, "")
	require.NoError(t, err)
	_, err = f.reg.RequestAcceptance(as("rita"), r.ID, "", isms.Duration{})
	require.NoError(t, err)
	cur, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	cur.Status = risk.StatusClosed // the FTP server was switched off
	require.NoError(t, f.reg.Update(ctx, cur))

	_, err = f.reg.SubmitAcceptance(as("rita"), r.ID)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	got, err := f.reg.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, risk.StatusClosed, got.Status)
	assert.Equal(t, risk.AcceptanceCreated, got.LatestAcceptance().Status)
}

func TestRegisterExpireAcceptancesSurvivesConcurrentWrites(t *testing.T) {
	back := &interferingBackend{Backend: memstore.New(), before: map[isms.ID]func(context.Context, store.Backend){}}
	t.Cleanup(func() { _ = back.Close() })
	clock := ismstest.NewStepClock(regStart, time.Minute)
	reg, err := risk.NewRegister(back, "acme", risk.Preset5x5(), &risk.RegisterOptions{
		Clock: clock, IDs: ismstest.NewSequentialIDs("risk"), AcceptanceValidity: isms.Days(30),
	})
	require.NoError(t, err)
	ctx := context.Background()
	var ids []isms.ID
	for _, title := range []string{"first", "second", "third"} {
		r := &risk.Risk{Title: title, Owner: "olivia"}
		require.NoError(t, reg.Create(ctx, r))
		_, err := reg.Assess(as("ann"), r.ID, risk.StageCurrent, risk.Rating{Likelihood: "rare", Impact: "minor"}, "")
		require.NoError(t, err)
		_, err = reg.RequestAcceptance(as("olivia"), r.ID, "", isms.Duration{})
		require.NoError(t, err)
		_, err = reg.SubmitAcceptance(as("olivia"), r.ID)
		require.NoError(t, err)
		_, err = reg.DecideAcceptance(as("olivia"), r.ID, risk.Decision{Accept: true})
		require.NoError(t, err)
		ids = append(ids, r.ID)
	}
	clock.Advance(40 * 24 * time.Hour)

	// Someone edits the first risk while the sweep expires it, and
	// someone deletes the second one after the sweep listed it.
	back.before[ids[0]] = func(ctx context.Context, b store.Backend) {
		rec, err := b.Get(ctx, "acme", risk.Kind, ids[0])
		require.NoError(t, err)
		_, err = b.Put(ctx, rec)
		require.NoError(t, err)
	}
	back.before[ids[1]] = func(ctx context.Context, b store.Backend) {
		rec, err := b.Get(ctx, "acme", risk.Kind, ids[1])
		require.NoError(t, err)
		require.NoError(t, b.Delete(ctx, "acme", risk.Kind, ids[1], rec.Revision))
	}
	expired, err := reg.ExpireAcceptances(as("sweeper"))
	require.NoError(t, err, "a concurrent edit or deletion of one risk does not stop the sweep")
	assert.Equal(t, []isms.ID{ids[0], ids[2]}, expired)
	for _, id := range []isms.ID{ids[0], ids[2]} {
		got, err := reg.Get(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, risk.StatusOpen, got.Status, id)
		assert.Equal(t, risk.AcceptanceExpired, got.LatestAcceptance().Status, id)
	}
}
