package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// BatchCreate adds the creation of v to b, as Create would make it: v's
// revision must be 0, and an empty ID is filled from the store's IDSource
// when the batch is applied. v must not be changed before Store.Apply.
func (r *Repository[T]) BatchCreate(b *Batch, v *T) error {
	if err := r.batchUsable(b); err != nil {
		return err
	}
	if v == nil {
		return isms.Invalidf("%s: nil entity", r.kind)
	}
	m := meta(v)
	if m.Revision != 0 {
		return isms.Invalidf("%s %q: revision is %d; a new entity has revision 0", r.kind, m.ID, m.Revision)
	}
	if m.ID != "" && !m.ID.IsValid() {
		return isms.Invalidf("%s: %v", r.kind, m.ID.Validate())
	}
	return b.add(r.s, r.batchWrite(v, true))
}

// BatchUpdate adds the update of v to b, as Update would make it: v's
// revision must be the stored one when the batch is applied. v must not be
// changed before Store.Apply.
func (r *Repository[T]) BatchUpdate(b *Batch, v *T) error {
	if err := r.batchUsable(b); err != nil {
		return err
	}
	if v == nil {
		return isms.Invalidf("%s: nil entity", r.kind)
	}
	m := meta(v)
	if m.Revision <= 0 {
		return isms.Invalidf("%s %q: revision is %d; update the revision you read", r.kind, m.ID, m.Revision)
	}
	if !m.ID.IsValid() {
		return isms.Invalidf("%s: %v", r.kind, m.ID.Validate())
	}
	return b.add(r.s, r.batchWrite(v, false))
}

// BatchDelete adds the deletion of the entity id at revision to b.
func (r *Repository[T]) BatchDelete(b *Batch, id isms.ID, revision int64) error {
	if err := r.batchUsable(b); err != nil {
		return err
	}
	if !id.IsValid() {
		return isms.Invalidf("%s: %v", r.kind, id.Validate())
	}
	if revision <= 0 {
		return isms.Invalidf("%s %q: revision is %d; delete the revision you read", r.kind, id, revision)
	}
	k := r.key(id)
	return b.add(r.s, batchOp{
		prepare: func(ctx context.Context, now time.Time) (driver.BatchOp, error) {
			w, err := r.s.writeInfo(ctx, now, nil)
			if err != nil {
				return driver.BatchOp{}, err
			}
			return driver.BatchOp{Record: driver.Record{Key: k, Revision: revision}, Delete: true, Write: w}, nil
		},
		done: func(driver.Record) {},
		undo: func() {},
	})
}

// CreateAll creates every entity of vs in one batch (see Store.Apply):
// on a backend with batch writes, such as sqlstore, all or none of them
// are stored.
func (r *Repository[T]) CreateAll(ctx context.Context, vs []*T) error {
	if err := r.usable(ctx); err != nil {
		return err
	}
	var b Batch
	for _, v := range vs {
		if err := r.BatchCreate(&b, v); err != nil {
			return err
		}
	}
	return r.s.Apply(ctx, &b)
}

func (r *Repository[T]) batchUsable(b *Batch) error {
	if r == nil || r.s == nil {
		return isms.Invalidf("nil repository")
	}
	if b == nil {
		return isms.Invalidf("nil batch")
	}
	return r.s.usable()
}

// batchWrite returns the op that creates (create true) or updates v, with
// the checks and stamping of Repository.write.
func (r *Repository[T]) batchWrite(v *T, create bool) batchOp {
	m := meta(v)
	var saved isms.Meta
	prepared := false
	return batchOp{
		prepare: func(ctx context.Context, now time.Time) (driver.BatchOp, error) {
			saved, prepared = *m, true
			rec := driver.Record{}
			if create {
				if m.ID == "" {
					m.ID = r.s.ids.NewID(r.kind)
				}
				m.Revision = 1
				m.CreatedAt = now
			} else {
				rec.Revision, rec.CreatedAt = saved.Revision, saved.CreatedAt
				m.Revision = saved.Revision + 1
			}
			m.UpdatedAt = now
			rec.Key = r.key(m.ID)
			if !rec.ID.IsValid() {
				return driver.BatchOp{}, isms.Invalidf("%s: %v", r.kind, rec.ID.Validate())
			}
			if val, ok := any(v).(validator); ok {
				if err := val.Validate(); err != nil {
					return driver.BatchOp{}, err
				}
			}
			data, err := json.Marshal(v)
			if err != nil {
				return driver.BatchOp{}, isms.Invalidf("%s %q: encode: %v", r.kind, rec.ID, err)
			}
			w, err := r.s.writeInfo(ctx, now, data)
			if err != nil {
				return driver.BatchOp{}, err
			}
			rec.Data, rec.UpdatedAt = data, now
			if create {
				rec.CreatedAt = now
			}
			return driver.BatchOp{Record: rec, Write: w}, nil
		},
		done: func(rec driver.Record) { setMeta(m, rec) },
		undo: func() {
			if prepared {
				*m, prepared = saved, false
			}
		},
	}
}
