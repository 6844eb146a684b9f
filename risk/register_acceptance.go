package risk

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Delegate lets cmd.Approver decide on the risk's acceptance; only the risk
// owner, as the context's actor, may (Risk.Delegate).
func (g *Register) Delegate(ctx context.Context, id isms.ID, cmd DelegateCommand) (*Risk, error) {
	return g.step(ctx, "delegate", id, func(r *Risk, actor string, now time.Time) error {
		return r.Delegate(actor, cmd, now)
	})
}

// Undelegate removes the delegation to cmd.Approver; only the risk owner
// may (Risk.Undelegate).
func (g *Register) Undelegate(ctx context.Context, id isms.ID, cmd UndelegateCommand) (*Risk, error) {
	return g.step(ctx, "undelegate", id, func(r *Risk, actor string, now time.Time) error {
		return r.Undelegate(actor, cmd, now)
	})
}

// RequestAcceptance opens an acceptance sign-off requested by the
// context's actor (Risk.RequestAcceptance). An empty cmd.ID is filled from
// the store's IDs (kind AcceptanceKind), and a zero cmd.ValidFor means the
// register's acceptance validity. With cmd.Submit the request is submitted
// in the same write.
func (g *Register) RequestAcceptance(ctx context.Context, id isms.ID, cmd RequestAcceptanceCommand) (*Risk, error) {
	return g.step(ctx, "request acceptance", id, func(r *Risk, actor string, now time.Time) error {
		c := cmd
		if c.ValidFor.IsZero() {
			c.ValidFor = g.validity
		}
		if c.ID == "" {
			c.ID = g.ids.NewID(AcceptanceKind)
		}
		return r.RequestAcceptance(actor, c, now)
	})
}

// WithdrawAcceptance takes back the open (created or submitted)
// acceptance request, by the context's actor: its requester, the risk
// owner or a delegated approver (Risk.WithdrawAcceptance).
func (g *Register) WithdrawAcceptance(ctx context.Context, id isms.ID, cmd WithdrawAcceptanceCommand) (*Risk, error) {
	return g.step(ctx, "withdraw acceptance", id, func(r *Risk, actor string, now time.Time) error {
		return r.WithdrawAcceptance(actor, cmd, now)
	})
}

// SubmitAcceptance submits the open acceptance for decision, by the
// context's actor (Risk.SubmitAcceptance).
func (g *Register) SubmitAcceptance(ctx context.Context, id isms.ID, cmd SubmitAcceptanceCommand) (*Risk, error) {
	return g.step(ctx, "submit acceptance", id, func(r *Risk, actor string, now time.Time) error {
		return r.SubmitAcceptance(actor, cmd, now)
	})
}

// DecideAcceptance accepts or rejects the submitted acceptance. The
// approver is the context's actor, who must be the risk owner or hold a
// delegation in force (Risk.DecideAcceptance; refusals answer
// ErrNotApprover).
func (g *Register) DecideAcceptance(ctx context.Context, id isms.ID, cmd DecideAcceptanceCommand) (*Risk, error) {
	return g.step(ctx, "decide acceptance", id, func(r *Risk, actor string, now time.Time) error {
		return r.DecideAcceptance(actor, cmd, now)
	})
}

// RevokeAcceptance withdraws the acceptance in force, for a reason, and
// sends the risk back to open (Risk.RevokeAcceptance).
func (g *Register) RevokeAcceptance(ctx context.Context, id isms.ID, cmd RevokeAcceptanceCommand) (*Risk, error) {
	return g.step(ctx, "revoke acceptance", id, func(r *Risk, actor string, now time.Time) error {
		return r.RevokeAcceptance(actor, cmd, now)
	})
}

// ExpireAcceptances marks expired every acceptance whose expiry has
// passed at the clock's time, sends those risks back to open, and returns
// their IDs in ascending order. The sweep runs as the register's system
// actor (RegisterOptions.SystemActor), whatever actor ctx carries: the
// journal records it for each write, and each expired acceptance names it
// in ClosedBy.
//
// Each risk is read again and written with the revision read: when
// another write comes first (isms.ErrConflict), the risk is read and
// checked again, up to maxStepAttempts times; a risk deleted meanwhile is
// skipped. Any other error stops the sweep and is returned with the IDs
// expired so far.
func (g *Register) ExpireAcceptances(ctx context.Context) ([]isms.ID, error) {
	const op = "risk: expire acceptances: %w"
	if err := g.usable(ctx); err != nil {
		return nil, fmt.Errorf(op, err)
	}
	ctx = isms.WithActor(ctx, g.system)
	now := isms.NormalizeTime(g.clock.Now())
	var due []isms.ID
	for r, err := range g.repo.AllShared(ctx) {
		if err != nil {
			return nil, fmt.Errorf(op, err)
		}
		if r.AcceptanceDue(now) {
			due = append(due, r.ID)
		}
	}
	var done []isms.ID
	for _, id := range due {
		expired, err := g.expireAcceptance(ctx, id, now)
		if err != nil {
			return done, fmt.Errorf(op, err)
		}
		if expired {
			done = append(done, id)
		}
	}
	return done, nil
}

// maxStepAttempts bounds how often ExpireAcceptances reads a risk again
// after losing a race to another write.
const maxStepAttempts = 5

// expireAcceptance expires the acceptance of one risk if it is still due,
// reading the risk again after a conflict, and reports whether it did.
func (g *Register) expireAcceptance(ctx context.Context, id isms.ID, now time.Time) (bool, error) {
	for attempt := 1; ; attempt++ {
		r, err := g.repo.Get(ctx, id)
		if errors.Is(err, isms.ErrNotFound) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if !r.AcceptanceDue(now) {
			return false, nil
		}
		if err := r.ExpireAcceptance(g.system, now); err != nil {
			return false, err
		}
		err = g.repo.Update(ctx, r)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, isms.ErrNotFound):
			return false, nil
		case errors.Is(err, isms.ErrConflict) && attempt < maxStepAttempts:
			continue
		}
		return false, err
	}
}
