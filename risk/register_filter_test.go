package risk_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

func TestFilterNewFields(t *testing.T) {
	db, crm := isms.NewRef(isms.KindAsset, "db"), isms.NewRef(isms.KindAsset, "crm")
	now := t0
	submitted := risk.Acceptance{ID: "a1", Status: risk.AcceptanceSubmitted, RequestedBy: "rita"}
	risks := map[string]*risk.Risk{
		"modify-db":       {Title: "1", Owner: "olivia", Assets: []isms.Ref{db}, Treatment: &risk.Treatment{Option: risk.OptionModify}},
		"share-crm":       {Title: "2", Owner: "oscar", Assets: []isms.Ref{crm, db}, Treatment: &risk.Treatment{Option: risk.OptionShare}},
		"untreated":       {Title: "3", Owner: "olivia"},
		"awaiting-olivia": {Title: "4", Owner: "olivia", Acceptances: []risk.Acceptance{submitted}},
		"awaiting-oscar-delegated-dave": {Title: "5", Owner: "oscar", Acceptances: []risk.Acceptance{submitted},
			Delegations: []risk.Delegation{{Approver: "dave", GrantedBy: "oscar"}, {Approver: "eve", GrantedBy: "oscar", ExpiresAt: now.Add(-time.Hour)}}},
		"accepted": {Title: "6", Owner: "olivia", Acceptances: []risk.Acceptance{{ID: "a1", Status: risk.AcceptanceAccepted}}},
	}
	tests := []struct {
		name string
		f    risk.Filter
		want []string
	}{
		{"asset db", risk.Filter{Asset: db}, []string{"modify-db", "share-crm"}},
		{"asset crm", risk.Filter{Asset: crm}, []string{"share-crm"}},
		{"asset unknown", risk.Filter{Asset: isms.NewRef(isms.KindAsset, "none")}, nil},
		{"option share or avoid", risk.Filter{Options: []risk.TreatmentOption{risk.OptionShare, risk.OptionAvoid}}, []string{"share-crm"}},
		{"option modify", risk.Filter{Options: []risk.TreatmentOption{risk.OptionModify}}, []string{"modify-db"}},
		{"acceptance submitted", risk.Filter{Acceptances: []risk.AcceptanceStatus{risk.AcceptanceSubmitted}}, []string{"awaiting-olivia", "awaiting-oscar-delegated-dave"}},
		{"acceptance accepted", risk.Filter{Acceptances: []risk.AcceptanceStatus{risk.AcceptanceAccepted}}, []string{"accepted"}},
		{"awaiting olivia's decision", risk.Filter{AwaitingDecisionBy: "olivia"}, []string{"awaiting-olivia"}},
		{"awaiting dave's decision (delegated)", risk.Filter{AwaitingDecisionBy: "dave"}, []string{"awaiting-oscar-delegated-dave"}},
		{"eve's delegation expired", risk.Filter{AwaitingDecisionBy: "eve"}, nil},
		{"rita requested but decides nothing", risk.Filter{AwaitingDecisionBy: "rita"}, nil},
		{"combined owner and asset", risk.Filter{Owner: "oscar", Asset: db}, []string{"share-crm"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, name := range []string{"modify-db", "share-crm", "untreated", "awaiting-olivia", "awaiting-oscar-delegated-dave", "accepted"} {
				ok, err := tc.f.Match(risks[name], risk.ReviewPolicy{}, now)
				require.NoError(t, err)
				if ok {
					got = append(got, name)
				}
			}
			assert.Equal(t, tc.want, got)
		})
	}
	for name, f := range map[string]risk.Filter{
		"unknown option":     {Options: []risk.TreatmentOption{"reduce"}},
		"unknown acceptance": {Acceptances: []risk.AcceptanceStatus{"pending"}},
		"bad asset ref":      {Asset: isms.Ref{Kind: "asset"}},
	} {
		assert.ErrorIs(t, f.Validate(), isms.ErrInvalid, name)
	}
}

// racingBackend lets another write win the race for the next n updates:
// it applies the update once (the other writer) and then again, which
// the backend refuses as a conflict.
type racingBackend struct {
	driver.Backend
	mu sync.Mutex
	n  int
}

func (b *racingBackend) Put(ctx context.Context, rec driver.Record, w driver.Write) (driver.Record, error) {
	b.mu.Lock()
	race := rec.Revision > 0 && b.n > 0
	if race {
		b.n--
	}
	b.mu.Unlock()
	if race {
		if _, err := b.Backend.Put(ctx, rec, w); err != nil {
			return driver.Record{}, err
		}
	}
	return b.Backend.Put(ctx, rec, w)
}

func TestRegisterConflictRetries(t *testing.T) {
	newReg := func(t *testing.T, retries, races int) (*risk.Register, *racingBackend, isms.ID) {
		back := &racingBackend{Backend: memstore.NewBackend()}
		s, _ := newStore(t, back)
		reg, err := risk.NewRegister(s, "acme", risk.Preset5x5(), &risk.RegisterOptions{ConflictRetries: retries})
		require.NoError(t, err)
		r := &risk.Risk{Title: "Ransomware", Owner: "olivia"}
		require.NoError(t, reg.Create(admin, r))
		back.n = races
		return reg, back, r.ID
	}
	t.Run("default: the lost race is returned", func(t *testing.T) {
		reg, _, id := newReg(t, 0, 1)
		_, err := reg.Review(as("olivia"), id, risk.ReviewCommand{})
		assert.ErrorIs(t, err, isms.ErrConflict)
	})
	t.Run("opted in: re-read and re-applied", func(t *testing.T) {
		reg, _, id := newReg(t, 2, 2)
		r, err := reg.Review(as("olivia"), id, risk.ReviewCommand{})
		require.NoError(t, err)
		// Create 1, two racing writes (2, 3) each followed by a retry;
		// the third attempt writes revision 4.
		assert.Equal(t, int64(4), r.Revision)
		assert.Equal(t, "olivia", r.ReviewedBy)
	})
	t.Run("opted in: more races than retries", func(t *testing.T) {
		reg, _, id := newReg(t, 1, 2)
		_, err := reg.Review(as("olivia"), id, risk.ReviewCommand{})
		assert.ErrorIs(t, err, isms.ErrConflict)
	})
	t.Run("a stale revision the user saw is never retried", func(t *testing.T) {
		reg, back, id := newReg(t, 5, 0)
		_, err := reg.Review(as("olivia"), id, risk.ReviewCommand{Revision: 7})
		assert.ErrorIs(t, err, isms.ErrConflict)
		assert.Zero(t, back.n)
		got, err := reg.Get(context.Background(), id)
		require.NoError(t, err)
		assert.Equal(t, int64(1), got.Revision, "nothing written")
	})
	_, err := risk.NewRegister(memstore.New(), "t", risk.Preset5x5(), &risk.RegisterOptions{ConflictRetries: risk.MaxConflictRetries + 1})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = risk.NewRegister(memstore.New(), "t", risk.Preset5x5(), &risk.RegisterOptions{ConflictRetries: -1})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestRegisterListAwaitingDecision(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	for _, owner := range []string{"olivia", "oscar"} {
		r := f.create(t, "risk of "+owner, owner)
		_, err := f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "possible", "major"))
		require.NoError(t, err)
		_, err = f.reg.RequestAcceptance(as("rita"), r.ID, risk.RequestAcceptanceCommand{Justification: "x", Submit: true})
		require.NoError(t, err)
	}
	rs, err := f.reg.List(ctx, &risk.Filter{AwaitingDecisionBy: "oscar"})
	require.NoError(t, err)
	assert.Equal(t, []string{"risk of oscar"}, titles(rs))
}

func TestRegisterCheckRefs(t *testing.T) {
	f := newFixture(t, nil)
	r := &risk.Risk{Title: "Ransomware", Owner: "olivia", Assets: []isms.Ref{isms.NewRef(isms.KindAsset, "db")},
		ExistingControls: isms.ControlRefs("A.8.7", "A.99")}
	require.NoError(t, f.reg.Create(admin, r))
	fs, err := f.reg.CheckRefs(context.Background(), nil, []isms.Ref{isms.NewRef(isms.KindAsset, "db")}, []isms.ID{"A.8.7"})
	require.NoError(t, err)
	got := isms.WithCode(fs, risk.CodeRefUnresolved)
	require.Len(t, got, 1)
	assert.Equal(t, "existing_controls[1]", got[0].Field)
	fs, err = f.reg.Check(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, isms.WithCode(fs, risk.CodeRefUnresolved), "not checked without known refs")
	_, err = (*risk.Register)(nil).CheckRefs(context.Background(), nil, nil, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
