package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

func utc(us int64) time.Time { return time.UnixMicro(us).UTC() }

// listCapHint bounds the capacity List reserves up front: a page of the
// store's largest size (1000 records, plus the one that tells there is a
// next page) fits without growing.
const listCapHint = 1024

// slabSize is the largest array a listing copies documents into, and
// slabMin the smallest it starts when it needs a new one.
const (
	slabSize = 256 << 10
	slabMin  = 4 << 10
)

// dataSlab copies byte slices into large shared arrays. Each copy is
// capped at its length (b[i:j:j]), so appending to one record's Data
// reallocates instead of writing over the next record's. A new array is
// sized for the rows still to come at the mean size so far (an eighth
// more, between slabMin and slabSize), so that the last array of a page
// is not mostly empty: with fixed 256 KB arrays, a page of 1,000 risks
// of 320 bytes took two arrays, 512 KB for 320 KB of documents.
type dataSlab struct {
	buf         []byte
	rows, bytes int // copied so far
	allocated   int // bytes of arrays made, for tests
}

// copy returns a copy of src; rowsLeft is how many more rows (this one
// included) the listing may still copy, or ≤ 0 when it is not known.
func (s *dataSlab) copy(src []byte, rowsLeft int) []byte {
	if src == nil {
		return nil
	}
	s.rows++
	s.bytes += len(src)
	if len(src) > slabSize/4 {
		s.allocated += len(src)
		return append([]byte(nil), src...)
	}
	if cap(s.buf)-len(s.buf) < len(src) {
		mean := s.bytes / s.rows
		size := slabSize
		left := slabSize // rows still to come: unknown when rowsLeft ≤ 0 (no limit)
		if rowsLeft > 0 {
			left = min(rowsLeft-1, slabSize) // bounded, so the product cannot overflow
		}
		if need := (mean*left)/8*9 + len(src); need < size {
			size = max(need, slabMin)
		}
		s.buf = make([]byte, 0, size)
		s.allocated += size
	}
	i := len(s.buf)
	s.buf = append(s.buf, src...)
	return s.buf[i:len(s.buf):len(s.buf)]
}

// Get returns the stored record. Its Data is a fresh slice.
func (b *Backend) Get(ctx context.Context, k driver.Key) (driver.Record, error) {
	if err := b.check(ctx); err != nil {
		return driver.Record{}, err
	}
	rec := driver.Record{Key: k}
	var created, updated int64
	err := retryBusy(ctx, func() error {
		return b.db.QueryRowContext(ctx, b.q.get, k.Tenant, k.Kind, string(k.ID)).Scan(&rec.Revision, &rec.Data, &created, &updated)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return driver.Record{}, &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
	}
	if err != nil {
		return driver.Record{}, fail(ctx, err, "get %s %q", k.Kind, k.ID)
	}
	rec.CreatedAt, rec.UpdatedAt = utc(created), utc(updated)
	return rec, nil
}

// List returns at most limit records of the tenant and kind after after,
// in ascending byte order of ID. Paging by key (id > after) is stable
// under concurrent inserts and deletes. The records' Data are copied out
// of the driver's buffers into a few shared arrays, each record's slice
// capped at its own length, so a page costs a handful of allocations
// rather than one per record.
func (b *Backend) List(ctx context.Context, tenant, kind string, after isms.ID, limit int) ([]driver.Record, error) {
	if err := b.check(ctx); err != nil {
		return nil, err
	}
	out := make([]driver.Record, 0, min(max(limit, 0), listCapHint))
	err := retryBusy(ctx, func() error {
		out = out[:0]
		rows, err := b.db.QueryContext(ctx, b.q.list, tenant, kind, string(after), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		var (
			slab dataSlab
			// The scan targets live outside the loop: Scan takes their
			// addresses, and variables declared per row would each be
			// moved to the heap, row after row.
			raw              sql.RawBytes
			id               string
			revision         int64
			created, updated int64
		)
		for rows.Next() {
			if err := rows.Scan(&id, &revision, &raw, &created, &updated); err != nil {
				return err
			}
			out = append(out, driver.Record{Key: driver.Key{Tenant: tenant, Kind: kind, ID: isms.ID(id)}, Revision: revision,
				Data: slab.copy(raw, limit-len(out)), CreatedAt: utc(created), UpdatedAt: utc(updated)})
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fail(ctx, err, "list %s of tenant %q", kind, tenant)
	}
	return out, nil
}

// Put creates or updates a record and journals the write, in one
// transaction. The update is conditional on the revision in the database
// (UPDATE ... WHERE revision = ?), not checked before it.
func (b *Backend) Put(ctx context.Context, rec driver.Record, w driver.Write) (driver.Record, error) {
	if err := b.check(ctx); err != nil {
		return driver.Record{}, err
	}
	var out []driver.Record
	err := b.inTx(ctx, false, func(t *txn) error {
		var err error
		out, err = b.apply(ctx, t, []driver.BatchOp{{Record: rec, Write: w}})
		return err
	})
	if err != nil {
		return driver.Record{}, err
	}
	return out[0], nil
}

// Delete removes a record if revision is the stored one and journals the
// deletion, in one transaction.
func (b *Backend) Delete(ctx context.Context, k driver.Key, revision int64, w driver.Write) error {
	if err := b.check(ctx); err != nil {
		return err
	}
	return b.inTx(ctx, false, func(t *txn) error {
		_, err := b.apply(ctx, t, []driver.BatchOp{{Record: driver.Record{Key: k, Revision: revision}, Delete: true, Write: w}})
		return err
	})
}

// Batch applies ops in one transaction: all of them and their journal
// entries, or nothing. It implements driver.Batcher.
func (b *Backend) Batch(ctx context.Context, ops []driver.BatchOp) ([]driver.Record, error) {
	if err := b.check(ctx); err != nil {
		return nil, err
	}
	if len(ops) == 0 {
		return nil, nil
	}
	var out []driver.Record
	err := b.inTx(ctx, len(ops) > 1, func(t *txn) error {
		var err error
		out, err = b.apply(ctx, t, ops)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// apply makes the record writes of ops in t, then appends their journal
// entries. Taking the journal heads after every record lock means no
// transaction holds a head while it waits for a record, so writers of one
// tenant cannot deadlock. A single op's error is returned as it is; a
// batch's is wrapped in a *driver.BatchOpError.
func (b *Backend) apply(ctx context.Context, t *txn, ops []driver.BatchOp) ([]driver.Record, error) {
	out := make([]driver.Record, len(ops))
	entries := make([]driver.JournalEntry, len(ops))
	for i, op := range ops {
		rec, e, err := b.write(ctx, t, op)
		if err != nil {
			if len(ops) > 1 {
				err = &driver.BatchOpError{Index: i, Err: err}
			}
			return nil, err
		}
		out[i], entries[i] = rec, e
	}
	if err := b.appendJournal(ctx, t, entries); err != nil {
		return nil, err
	}
	return out, nil
}

// write makes one op's record write and returns the stored record and the
// (unsealed) journal entry recording it.
func (b *Backend) write(ctx context.Context, t *txn, op driver.BatchOp) (driver.Record, driver.JournalEntry, error) {
	rec, k := op.Record, op.Record.Key
	e := driver.JournalEntry{
		Tenant: k.Tenant, Time: op.Write.Time, Actor: op.Write.Actor,
		Kind: k.Kind, ID: k.ID, DataHash: op.Write.DataHash,
	}
	id := string(k.ID)
	switch {
	case op.Delete:
		res, err := t.exec(ctx, b.q.delete, k.Tenant, k.Kind, id, rec.Revision)
		if err != nil {
			return driver.Record{}, e, fail(ctx, err, "delete %s %q", k.Kind, k.ID)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return driver.Record{}, e, b.missed(ctx, t, k, rec.Revision, err)
		}
		e.Operation, e.Revision = driver.OpDelete, rec.Revision
		return driver.Record{}, e, nil
	case rec.Revision == 0:
		res, err := t.exec(ctx, b.q.insert, k.Tenant, k.Kind, id, string(rec.Data), rec.CreatedAt.UnixMicro(), rec.UpdatedAt.UnixMicro())
		if err != nil {
			return driver.Record{}, e, fail(ctx, err, "create %s %q", k.Kind, k.ID)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return driver.Record{}, e, b.missed(ctx, t, k, 0, err)
		}
		e.Operation = driver.OpCreate
	default:
		var created int64
		err := t.queryRow(ctx, b.q.update, string(rec.Data), rec.UpdatedAt.UnixMicro(), k.Tenant, k.Kind, id, rec.Revision).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return driver.Record{}, e, b.missed(ctx, t, k, rec.Revision, nil)
		}
		if err != nil {
			return driver.Record{}, e, fail(ctx, err, "update %s %q", k.Kind, k.ID)
		}
		rec.CreatedAt = utc(created)
		e.Operation = driver.OpUpdate
	}
	rec.Revision++
	rec.CreatedAt, rec.UpdatedAt = rec.CreatedAt.UTC(), rec.UpdatedAt.UTC()
	e.Revision = rec.Revision
	return rec, e, nil
}

// missed explains a conditional write that touched no row: the record is
// missing (ErrNotFound), exists where a create was asked (ErrConflict), or
// has another revision (ErrConflict).
func (b *Backend) missed(ctx context.Context, t *txn, k driver.Key, expected int64, err error) error {
	if err != nil {
		return fail(ctx, err, "write %s %q", k.Kind, k.ID)
	}
	var actual int64
	err = t.queryRow(ctx, b.q.exists, k.Tenant, k.Kind, string(k.ID)).Scan(&actual)
	switch {
	case errors.Is(err, sql.ErrNoRows) && expected == 0:
		// Created and deleted by others since the insert: still a lost race.
		return &isms.ConflictError{Kind: k.Kind, ID: k.ID}
	case errors.Is(err, sql.ErrNoRows):
		return &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
	case err != nil:
		return fail(ctx, err, "write %s %q", k.Kind, k.ID)
	}
	return &isms.ConflictError{Kind: k.Kind, ID: k.ID, Expected: expected, Actual: actual}
}
