package store

import (
	"context"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// MaxBatch is the largest number of writes one Batch may hold.
const MaxBatch = driver.MaxBatch

// Batch collects writes to entities, of any kinds and tenants of one
// Store, to apply together with Store.Apply — for imports of whole
// registers or catalogs. Writes are added through repositories
// (Repository.BatchCreate, BatchUpdate, BatchDelete) and checked then as
// far as they can be; the rest of the checks of a single write (the
// actor, validation, encoding) run in Apply before anything is written.
//
// The zero value is an empty batch. A Batch is not safe for concurrent
// use; Apply empties it.
type Batch struct {
	s   *Store
	ops []batchOp
}

// batchOp is one write of a batch. prepare stamps the entity with the
// write's time, validates and encodes it; done sets its Meta from the
// stored record; undo restores the Meta it had before prepare.
type batchOp struct {
	prepare func(ctx context.Context, now time.Time) (driver.BatchOp, error)
	done    func(rec driver.Record)
	undo    func()
}

// Len returns the number of writes in the batch.
func (b *Batch) Len() int {
	if b == nil {
		return 0
	}
	return len(b.ops)
}

func (b *Batch) add(s *Store, op batchOp) error {
	if b == nil {
		return isms.Invalidf("nil batch")
	}
	if b.s != nil && b.s != s {
		return isms.Invalidf("batch holds writes of another store")
	}
	if len(b.ops) >= MaxBatch {
		return isms.Invalidf("batch is full: at most %d writes", MaxBatch)
	}
	b.s = s
	b.ops = append(b.ops, op)
	return nil
}

// Apply performs the batch's writes in order and empties the batch.
//
// Every write is checked as a single write is (the actor in ctx, the
// entity's validation and encoding, revisions), all of them before the
// first is written. When the backend implements driver.Batcher, as
// sqlstore's does, the writes and their journal entries are applied in
// one transaction: a failed batch writes nothing, and its error (a
// *driver.BatchOpError naming the write) answers errors.Is like the
// write's own error. A backend without the capability gets the writes
// one at a time: atomicity is then NOT guaranteed, and when a write
// fails the writes before it stay stored (their entities' Meta updated)
// and the ones from it on are not made.
//
// On success every entity's Meta is updated as Create and Update do; on
// failure the entities of writes not stored keep their Meta.
func (s *Store) Apply(ctx context.Context, b *Batch) error {
	if err := s.usable(); err != nil {
		return err
	}
	if ctx == nil {
		return isms.Invalidf("nil context")
	}
	if b == nil {
		return isms.Invalidf("nil batch")
	}
	if b.s != nil && b.s != s {
		return isms.Invalidf("batch holds writes of another store")
	}
	ops := b.ops
	b.ops, b.s = nil, nil
	if len(ops) == 0 {
		return nil
	}
	if _, err := isms.RequireActor(ctx); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	now := s.now()
	dops := make([]driver.BatchOp, len(ops))
	undoFrom := func(i int) {
		for j := len(ops) - 1; j >= i; j-- {
			ops[j].undo()
		}
	}
	for i, op := range ops {
		dop, err := op.prepare(ctx, now)
		if err != nil {
			for j := i; j >= 0; j-- {
				ops[j].undo()
			}
			return &driver.BatchOpError{Index: i, Err: err}
		}
		dops[i] = dop
	}
	if err := ctx.Err(); err != nil {
		undoFrom(0)
		return err
	}
	if bt, ok := s.d.(driver.Batcher); ok {
		recs, err := bt.Batch(ctx, dops)
		if err != nil {
			undoFrom(0)
			return err
		}
		if len(recs) != len(dops) {
			undoFrom(0)
			return brokenDriver(s.d, "Batch of %d writes returned %d records", len(dops), len(recs))
		}
		for i := range dops {
			if err := s.checkBatchResult(dops[i], recs[i]); err != nil {
				undoFrom(0)
				return err
			}
		}
		for i, op := range ops {
			op.done(recs[i])
		}
		return nil
	}
	for i, dop := range dops {
		var rec driver.Record
		var err error
		if dop.Delete {
			err = s.d.Delete(ctx, dop.Record.Key, dop.Record.Revision, dop.Write)
		} else {
			rec, err = s.d.Put(ctx, dop.Record, dop.Write)
		}
		if err == nil {
			err = s.checkBatchResult(dop, rec)
		}
		if err != nil {
			undoFrom(i)
			return &driver.BatchOpError{Index: i, Err: err}
		}
		ops[i].done(rec)
	}
	return nil
}

func (s *Store) checkBatchResult(op driver.BatchOp, out driver.Record) error {
	if op.Delete {
		return nil
	}
	rec := op.Record
	if out.Revision != rec.Revision+1 || out.Key != rec.Key {
		return brokenDriver(s.d, "Put of %s %q at revision %d returned %s %q at revision %d", rec.Kind, rec.ID, rec.Revision, out.Kind, out.ID, out.Revision)
	}
	return nil
}
