package bcp

import (
	"context"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// BIAKindName is the storage kind of BIA versions (store.Repository) and
// the kind of their Refs.
const BIAKindName = "bcp.bia"

// BIARecord is one stored version of a BIA. A draft may be edited; a
// signed-off version is immutable, and a change to it is a new version
// (Library.Revise) that records its diff from the previous one.
type BIARecord struct {
	isms.Meta
	// Status is draft or signed_off.
	Status BIAStatus `json:"status"`
	// BIA is the analysis.
	BIA BIA `json:"bia"`
	// SignedOffBy and SignedOffAt record the sign-off.
	SignedOffBy string    `json:"signed_off_by,omitempty"`
	SignedOffAt time.Time `json:"signed_off_at,omitzero"` // see SignedOffBy
	// Previous is the record ID of the version this one revises.
	Previous isms.ID `json:"previous,omitempty"`
	// Changes is the diff from Previous (Diff).
	Changes []Change `json:"changes,omitempty"`
}

// EditCommand replaces a draft's analysis (Library.Edit).
type EditCommand struct {
	// BIA is the new content; its Version is kept as stored.
	BIA BIA `json:"bia"`
	// Revision is the revision of the record the user saw; 0 skips the
	// check, and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// SignOffCommand signs a draft off (Library.SignOff); the signatory is
// the context's actor.
type SignOffCommand struct {
	// Revision is the revision of the record the user saw; 0 skips the
	// check, and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// ReviseCommand starts a new version of a signed-off BIA (Library.Revise).
type ReviseCommand struct {
	// BIA is the new version's content; its Version is the previous
	// version's plus one whatever it says.
	BIA BIA `json:"bia"`
	// Revision is the revision of the signed-off record the user saw; 0
	// skips the check, and a different stored revision is
	// isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// Library keeps the BIA versions and the DR tests of one tenant in a
// store.Store, through store.Repository. Dates come from the store's
// clock and new IDs from its IDSource (kinds BIAKindName and
// DRTestKindName). Every write takes its actor from the context
// (isms.WithActor) and fails with isms.ErrInvalid without one. Errors
// carry one prefix, "bcp: <operation>: ". A Library is safe for
// concurrent use.
type Library struct {
	bias  *store.Repository[BIARecord]
	tests *store.Repository[DRTest]
	clock isms.Clock
}

// NewLibrary returns the library of tenant in s. It fails with
// isms.ErrInvalid when the store or the tenant is missing or malformed.
func NewLibrary(s *store.Store, tenant string) (*Library, error) {
	bias, err := store.NewRepository[BIARecord](s, tenant, BIAKindName)
	if err != nil {
		return nil, fmt.Errorf("bcp: new library: %w", err)
	}
	tests, err := store.NewRepository[DRTest](s, tenant, DRTestKindName)
	if err != nil {
		return nil, fmt.Errorf("bcp: new library: %w", err)
	}
	return &Library{bias: bias, tests: tests, clock: s.Clock()}, nil
}

func (l *Library) writable(ctx context.Context) (string, error) {
	if l == nil || l.bias == nil {
		return "", isms.Invalidf("nil library (use NewLibrary)")
	}
	if ctx == nil {
		return "", isms.Invalidf("nil context")
	}
	return isms.RequireActor(ctx)
}

func (l *Library) readable(ctx context.Context, id isms.ID) error {
	if l == nil || l.bias == nil {
		return isms.Invalidf("nil library (use NewLibrary)")
	}
	if ctx == nil {
		return isms.Invalidf("nil context")
	}
	if err := id.Validate(); err != nil {
		return isms.Invalidf("invalid ID: %v", err)
	}
	return nil
}

func (l *Library) now() time.Time {
	if l.clock == nil {
		return time.Time{}
	}
	return isms.NormalizeTime(l.clock.Now())
}

// Draft stores b as version 1 of a new BIA, a draft, and returns the
// record. b is validated (BIA.Validate).
func (l *Library) Draft(ctx context.Context, b *BIA) (*BIARecord, error) {
	if _, err := l.writable(ctx); err != nil {
		return nil, fmt.Errorf("bcp: draft: %w", err)
	}
	if b == nil {
		return nil, isms.Invalidf("bcp: draft: nil bia")
	}
	rec := &BIARecord{Status: BIADraft, BIA: *b}
	rec.BIA.Version = 1
	if err := rec.BIA.Validate(); err != nil {
		return nil, fmt.Errorf("bcp: draft: %w", err)
	}
	if err := l.bias.Create(ctx, rec); err != nil {
		return nil, fmt.Errorf("bcp: draft: %w", err)
	}
	return rec, nil
}

// Get returns the BIA version with the given record ID.
func (l *Library) Get(ctx context.Context, id isms.ID) (*BIARecord, error) {
	if err := l.readable(ctx, id); err != nil {
		return nil, fmt.Errorf("bcp: get: %w", err)
	}
	rec, err := l.bias.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("bcp: get: %w", err)
	}
	return rec, nil
}

// History returns the versions from the one with the given record ID back
// to the first, newest first. It stops at a version listed twice, so a
// corrupted chain cannot loop.
func (l *Library) History(ctx context.Context, id isms.ID) ([]*BIARecord, error) {
	var out []*BIARecord
	seen := make(map[isms.ID]bool)
	for id != "" && !seen[id] {
		seen[id] = true
		if err := l.readable(ctx, id); err != nil {
			return nil, fmt.Errorf("bcp: history: %w", err)
		}
		rec, err := l.bias.Get(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("bcp: history: %w", err)
		}
		out = append(out, rec)
		id = rec.Previous
	}
	return out, nil
}

// step reads a record, checks the revision the user saw, applies fn and
// writes the record back with the revision it read.
func (l *Library) step(ctx context.Context, op string, id isms.ID, revision int64, fn func(rec *BIARecord, actor string) error) (*BIARecord, error) {
	actor, err := l.writable(ctx)
	if err == nil {
		err = l.readable(ctx, id)
	}
	if err != nil {
		return nil, fmt.Errorf("bcp: %s: %w", op, err)
	}
	rec, err := l.bias.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("bcp: %s: %w", op, err)
	}
	if revision != 0 && revision != rec.Revision {
		return nil, fmt.Errorf("bcp: %s: %w", op, &isms.ConflictError{Kind: BIAKindName, ID: id, Expected: revision, Actual: rec.Revision})
	}
	if err := fn(rec, actor); err != nil {
		return nil, fmt.Errorf("bcp: %s: %w", op, err)
	}
	if err := l.bias.Update(ctx, rec); err != nil {
		return nil, fmt.Errorf("bcp: %s: %w", op, err)
	}
	return rec, nil
}

// Edit replaces a draft's analysis; a signed-off version is immutable
// (isms.ErrInvalid: revise it instead). The diff from the previous
// version, if any, is recomputed.
func (l *Library) Edit(ctx context.Context, id isms.ID, cmd EditCommand) (*BIARecord, error) {
	return l.step(ctx, "edit", id, cmd.Revision, func(rec *BIARecord, _ string) error {
		if rec.Status != BIADraft {
			return isms.Invalidf("bia %q is %s and immutable: revise it for a new version", id, rec.Status)
		}
		b := cmd.BIA
		b.Version = rec.BIA.Version
		if err := b.Validate(); err != nil {
			return err
		}
		rec.BIA = b
		if rec.Previous != "" {
			prev, err := l.bias.Get(ctx, rec.Previous)
			if err != nil {
				return err
			}
			rec.Changes = Diff(&prev.BIA, &rec.BIA)
		}
		return nil
	})
}

// SignOff signs a draft off as the context's actor at the store's time,
// after validating it; the version is immutable from then on.
func (l *Library) SignOff(ctx context.Context, id isms.ID, cmd SignOffCommand) (*BIARecord, error) {
	return l.step(ctx, "sign off", id, cmd.Revision, func(rec *BIARecord, actor string) error {
		if rec.Status != BIADraft {
			return isms.Invalidf("bia %q is already %s", id, rec.Status)
		}
		if err := rec.BIA.Validate(); err != nil {
			return err
		}
		rec.Status, rec.SignedOffBy, rec.SignedOffAt = BIASignedOff, actor, l.now()
		return nil
	})
}

// Revise starts a new version of the signed-off BIA id: a new draft
// record with the version number after it, Previous set to id, and the
// diff from it. The signed-off version is left unchanged.
func (l *Library) Revise(ctx context.Context, id isms.ID, cmd ReviseCommand) (*BIARecord, error) {
	if _, err := l.writable(ctx); err != nil {
		return nil, fmt.Errorf("bcp: revise: %w", err)
	}
	if err := l.readable(ctx, id); err != nil {
		return nil, fmt.Errorf("bcp: revise: %w", err)
	}
	prev, err := l.bias.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("bcp: revise: %w", err)
	}
	if cmd.Revision != 0 && cmd.Revision != prev.Revision {
		return nil, fmt.Errorf("bcp: revise: %w", &isms.ConflictError{Kind: BIAKindName, ID: id, Expected: cmd.Revision, Actual: prev.Revision})
	}
	if prev.Status != BIASignedOff {
		return nil, isms.Invalidf("bcp: revise: bia %q is a %s: edit it instead", id, prev.Status)
	}
	rec := &BIARecord{Status: BIADraft, BIA: cmd.BIA, Previous: id}
	rec.BIA.Version = prev.BIA.Version + 1
	if err := rec.BIA.Validate(); err != nil {
		return nil, fmt.Errorf("bcp: revise: %w", err)
	}
	rec.Changes = Diff(&prev.BIA, &rec.BIA)
	if err := l.bias.Create(ctx, rec); err != nil {
		return nil, fmt.Errorf("bcp: revise: %w", err)
	}
	return rec, nil
}

// PlanTest stores a new DR test, planned (its status is set to planned and
// the lifecycle's values cleared: a test is executed and evaluated
// through StepTest only).
func (l *Library) PlanTest(ctx context.Context, t *DRTest) error {
	if _, err := l.writable(ctx); err != nil {
		return fmt.Errorf("bcp: plan test: %w", err)
	}
	if t == nil {
		return isms.Invalidf("bcp: plan test: nil test")
	}
	t.Status = DRTestPlanned
	t.ExecutedAt, t.DisruptedAt, t.RestoredAt, t.RestorePoint = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	t.EvaluatedAt, t.ClosedAt, t.CancelledAt, t.By, t.Reason = time.Time{}, time.Time{}, time.Time{}, "", ""
	for i := range t.Criteria {
		t.Criteria[i].Met = nil
	}
	t.PlannedFor = isms.NormalizeTime(t.PlannedFor)
	if err := t.Validate(); err != nil {
		return fmt.Errorf("bcp: plan test: %w", err)
	}
	if err := l.tests.Create(ctx, t); err != nil {
		return fmt.Errorf("bcp: plan test: %w", err)
	}
	return nil
}

// GetTest returns the DR test with the given ID.
func (l *Library) GetTest(ctx context.Context, id isms.ID) (*DRTest, error) {
	if err := l.readable(ctx, id); err != nil {
		return nil, fmt.Errorf("bcp: get test: %w", err)
	}
	t, err := l.tests.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("bcp: get test: %w", err)
	}
	return t, nil
}

// StepTest moves a DR test through DRTestLifecycle as cmd says
// (DRTest.Apply), as the context's actor at the store's time, and stores
// it.
func (l *Library) StepTest(ctx context.Context, id isms.ID, cmd DRTestCommand) (*DRTest, error) {
	actor, err := l.writable(ctx)
	if err == nil {
		err = l.readable(ctx, id)
	}
	if err != nil {
		return nil, fmt.Errorf("bcp: step test: %w", err)
	}
	t, err := l.tests.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("bcp: step test: %w", err)
	}
	if cmd.Revision != 0 && cmd.Revision != t.Revision {
		return nil, fmt.Errorf("bcp: step test: %w", &isms.ConflictError{Kind: DRTestKindName, ID: id, Expected: cmd.Revision, Actual: t.Revision})
	}
	if err := t.Apply(cmd, actor, l.now()); err != nil {
		return nil, fmt.Errorf("bcp: step test: %w", err)
	}
	if err := l.tests.Update(ctx, t); err != nil {
		return nil, fmt.Errorf("bcp: step test: %w", err)
	}
	return t, nil
}
