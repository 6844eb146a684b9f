package sqlstore

import (
	"context"
	"slices"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// appendJournal seals entries (in order, per tenant) onto their tenants'
// journals and inserts them. For each tenant, in ascending order so that
// concurrent batches lock heads in one order, it locks the tenant's head
// row, chains the entries onto it and moves the head. The primary key
// (tenant, seq) refuses a duplicate sequence should anything go wrong.
func (b *Backend) appendJournal(ctx context.Context, t *txn, entries []driver.JournalEntry) error {
	tenants := make([]string, 0, 1)
	for i := range entries {
		if !slices.Contains(tenants, entries[i].Tenant) {
			tenants = append(tenants, entries[i].Tenant)
		}
	}
	slices.Sort(tenants)
	var zero driver.Hash
	for _, tenant := range tenants {
		var prev driver.JournalEntry
		var hash []byte
		if err := t.queryRow(ctx, b.q.head, tenant, zero[:]).Scan(&prev.Sequence, &hash); err != nil {
			return fail(ctx, err, "journal of tenant %q: lock head", tenant)
		}
		if len(hash) != len(prev.Hash) {
			return fail(ctx, errBadHash, "journal of tenant %q: head", tenant)
		}
		copy(prev.Hash[:], hash)
		last := &prev
		if prev.Sequence == 0 {
			last = nil
		}
		lastOf := -1
		for i := range entries {
			if entries[i].Tenant == tenant {
				lastOf = i
			}
		}
		for i := range entries {
			e := &entries[i]
			if e.Tenant != tenant {
				continue
			}
			e.Seal(last)
			last = e
			args := []any{e.Tenant, e.Sequence, e.Time.UnixMicro(), e.Actor,
				e.Kind, string(e.ID), e.Revision, string(e.Operation), e.DataHash[:], e.PrevHash[:], e.Hash[:]}
			query := b.q.appendEntry
			if i == lastOf && b.q.appendLast != "" {
				query, args = b.q.appendLast, append(args, e.Sequence, e.Hash[:], tenant)
			}
			if _, err := t.exec(ctx, query, args...); err != nil {
				return fail(ctx, err, "journal of tenant %q: append entry %d", tenant, e.Sequence)
			}
		}
		if b.q.appendLast == "" {
			if _, err := t.exec(ctx, b.q.setHead, last.Sequence, last.Hash[:], tenant); err != nil {
				return fail(ctx, err, "journal of tenant %q: move head", tenant)
			}
		}
	}
	return nil
}

var errBadHash = isms.Invalidf("stored hash is not 32 bytes")

// ReadJournal returns at most limit entries of the tenant's journal after
// sequence after, in ascending sequence.
func (b *Backend) ReadJournal(ctx context.Context, tenant string, after int64, limit int) ([]driver.JournalEntry, error) {
	if err := b.check(ctx); err != nil {
		return nil, err
	}
	var out []driver.JournalEntry
	err := retryBusy(ctx, func() error {
		out = out[:0]
		rows, err := b.db.QueryContext(ctx, b.q.readJournal, tenant, after, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e := driver.JournalEntry{Tenant: tenant}
			var us int64
			var id, op string
			var dh, ph, h []byte
			if err := rows.Scan(&e.Sequence, &us, &e.Actor, &e.Kind, &id, &e.Revision, &op, &dh, &ph, &h); err != nil {
				return err
			}
			if len(dh) != len(e.DataHash) || len(ph) != len(e.PrevHash) || len(h) != len(e.Hash) {
				return errBadHash
			}
			e.Time, e.ID, e.Operation = utc(us), isms.ID(id), driver.Operation(op)
			copy(e.DataHash[:], dh)
			copy(e.PrevHash[:], ph)
			copy(e.Hash[:], h)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fail(ctx, err, "read journal of tenant %q", tenant)
	}
	return out, nil
}
