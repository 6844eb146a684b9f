package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// Service is the register of audit findings and corrective actions of
// one tenant, stored through a store.Repository over a store.Store. Dates
// come from the store's clock and new IDs from its IDSource (KindFinding).
// Every write takes its actor from the context (isms.WithActor) and fails
// with isms.ErrInvalid without one; every step reads the finding, applies
// the pure Finding.Step with the same command and writes it back with the
// revision it read, so a concurrent change fails with isms.ErrConflict.
// Errors carry one prefix, "audit: <operation>: ". A Service is safe for
// concurrent use.
type Service struct {
	repo  *store.Repository[Finding]
	clock isms.Clock
	ids   isms.IDSource
}

// NewService returns the findings service of tenant in s. It fails with
// isms.ErrInvalid when the store or tenant is missing.
func NewService(s *store.Store, tenant string) (*Service, error) {
	repo, err := store.NewRepository[Finding](s, tenant, KindFinding)
	if err != nil {
		return nil, wrap("new service", err)
	}
	return &Service{repo: repo, clock: s.Clock(), ids: s.IDs()}, nil
}

func (v *Service) usable(ctx context.Context) error {
	switch {
	case v == nil || v.repo == nil:
		return isms.Invalidf("nil service (use NewService)")
	case ctx == nil:
		return isms.Invalidf("nil context")
	}
	return nil
}

func (v *Service) writable(ctx context.Context) (string, error) {
	if err := v.usable(ctx); err != nil {
		return "", err
	}
	return isms.RequireActor(ctx)
}

// Raise stores a new finding in status open, raised by the context's
// actor now (RaisedBy and RaisedAt are set unless given), with an ID from
// the store's IDs when it has none and an empty history.
func (v *Service) Raise(ctx context.Context, f *Finding) error {
	actor, err := v.writable(ctx)
	if err != nil {
		return wrap("raise", err)
	}
	if f == nil {
		return isms.Invalidf("audit: raise: nil finding")
	}
	now := isms.NormalizeTime(v.clock.Now())
	f.Status, f.History, f.ImplementedAt, f.ClosedAt, f.Effectiveness = StatusOpen, nil, time.Time{}, time.Time{}, nil
	if blank(f.RaisedBy) {
		f.RaisedBy = actor
	}
	if f.RaisedAt.IsZero() {
		f.RaisedAt = now
	}
	f.RaisedAt, f.Due = isms.NormalizeTime(f.RaisedAt), isms.NormalizeTime(f.Due)
	if f.ID == "" {
		f.ID = v.ids.NewID(KindFinding)
	}
	if err := f.Validate(); err != nil {
		return wrap("raise", err)
	}
	if err := v.repo.Create(ctx, f); err != nil {
		return wrap("raise", err)
	}
	return nil
}

// Get returns the finding with the given ID (isms.ErrNotFound if none).
func (v *Service) Get(ctx context.Context, id isms.ID) (*Finding, error) {
	if err := v.usable(ctx); err != nil {
		return nil, wrap("get", err)
	}
	if err := id.Validate(); err != nil {
		return nil, isms.Invalidf("audit: get: invalid finding ID: %v", err)
	}
	f, err := v.repo.Get(ctx, id)
	if err != nil {
		return nil, wrap("get", err)
	}
	return f, nil
}

// All iterates over every finding in ID order; iteration stops at the
// first error, yielded with a nil finding.
func (v *Service) All(ctx context.Context) func(yield func(*Finding, error) bool) {
	return func(yield func(*Finding, error) bool) {
		if err := v.usable(ctx); err != nil {
			yield(nil, wrap("all", err))
			return
		}
		for f, err := range v.repo.All(ctx) {
			if err != nil {
				err = wrap("all", err)
			}
			if !yield(f, err) {
				return
			}
		}
	}
}

// Step moves the finding through FindingLifecycle (Finding.Step) as the
// context's actor at the store's time, and stores it with the revision it
// read.
func (v *Service) Step(ctx context.Context, id isms.ID, cmd StepCommand) (*Finding, error) {
	actor, err := v.writable(ctx)
	if err != nil {
		return nil, wrap("step", err)
	}
	if err := id.Validate(); err != nil {
		return nil, isms.Invalidf("audit: step: invalid finding ID: %v", err)
	}
	f, err := v.repo.Get(ctx, id)
	if err != nil {
		return nil, wrap("step", err)
	}
	now := isms.NormalizeTime(v.clock.Now())
	if err := f.Step(actor, cmd, now); err != nil {
		return nil, wrap("step", err)
	}
	if err := f.Validate(); err != nil {
		return nil, wrap("step", err)
	}
	if err := v.repo.Update(ctx, f); err != nil {
		return nil, wrap("step", err)
	}
	return f, nil
}

// String names the service for debugging.
func (v *Service) String() string {
	if v == nil || v.repo == nil {
		return "audit.Service(nil)"
	}
	return fmt.Sprintf("audit.Service(%s)", v.repo.Tenant())
}
