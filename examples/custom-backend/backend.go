package main

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// sliceBackend is the smallest complete driver.Backend: every record in one
// slice kept sorted by (tenant, kind, id), every journal in a slice per
// tenant, one mutex. It is a template for a backend over a host's own
// storage: each method does what only a backend can do atomically, and
// package store has checked every argument before the call.
type sliceBackend struct {
	mu       sync.Mutex
	closed   bool
	records  []driver.Record // sorted by key
	journals map[string][]driver.JournalEntry
}

func newSliceBackend() *sliceBackend {
	return &sliceBackend{journals: make(map[string][]driver.JournalEntry)}
}

var _ driver.Backend = (*sliceBackend)(nil)

func compareKeys(a, b driver.Key) int {
	if c := strings.Compare(a.Tenant, b.Tenant); c != 0 {
		return c
	}
	if c := strings.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	return strings.Compare(string(a.ID), string(b.ID))
}

// find returns where k is or would be in the sorted records.
func (b *sliceBackend) find(k driver.Key) (int, bool) {
	return slices.BinarySearchFunc(b.records, k, func(r driver.Record, k driver.Key) int { return compareKeys(r.Key, k) })
}

func (b *sliceBackend) ready(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.closed {
		return isms.Unsupportedf("slice backend is closed")
	}
	return nil
}

func (b *sliceBackend) Get(ctx context.Context, k driver.Key) (driver.Record, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.ready(ctx); err != nil {
		return driver.Record{}, err
	}
	i, ok := b.find(k)
	if !ok {
		return driver.Record{}, &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
	}
	return b.records[i], nil
}

func (b *sliceBackend) Put(ctx context.Context, rec driver.Record, w driver.Write) (driver.Record, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.ready(ctx); err != nil {
		return driver.Record{}, err
	}
	i, exists := b.find(rec.Key)
	op := driver.OpCreate
	switch {
	case rec.Revision == 0 && exists:
		return driver.Record{}, &isms.ConflictError{Kind: rec.Kind, ID: rec.ID, Actual: b.records[i].Revision}
	case rec.Revision == 0:
		rec.Revision = 1
		b.records = slices.Insert(b.records, i, rec)
	case !exists:
		return driver.Record{}, &isms.NotFoundError{Kind: rec.Kind, ID: rec.ID}
	case b.records[i].Revision != rec.Revision:
		return driver.Record{}, &isms.ConflictError{Kind: rec.Kind, ID: rec.ID, Expected: rec.Revision, Actual: b.records[i].Revision}
	default:
		op = driver.OpUpdate
		rec.Revision++
		rec.CreatedAt = b.records[i].CreatedAt
		b.records[i] = rec
	}
	b.journal(rec.Key, rec.Revision, op, w)
	return rec, nil
}

func (b *sliceBackend) Delete(ctx context.Context, k driver.Key, revision int64, w driver.Write) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.ready(ctx); err != nil {
		return err
	}
	i, ok := b.find(k)
	if !ok {
		return &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
	}
	if b.records[i].Revision != revision {
		return &isms.ConflictError{Kind: k.Kind, ID: k.ID, Expected: revision, Actual: b.records[i].Revision}
	}
	b.records = slices.Delete(b.records, i, i+1)
	b.journal(k, revision, driver.OpDelete, w)
	return nil
}

// journal appends the entry of a write; the caller holds b.mu.
func (b *sliceBackend) journal(k driver.Key, revision int64, op driver.Operation, w driver.Write) {
	entries := b.journals[k.Tenant]
	e := driver.JournalEntry{
		Tenant: k.Tenant, Time: w.Time, Actor: w.Actor, Kind: k.Kind, ID: k.ID,
		Revision: revision, Operation: op, DataHash: w.DataHash,
	}
	var prev *driver.JournalEntry
	if len(entries) > 0 {
		prev = &entries[len(entries)-1]
	}
	e.Seal(prev)
	b.journals[k.Tenant] = append(entries, e)
}

func (b *sliceBackend) List(ctx context.Context, tenant, kind string, after isms.ID, limit int) ([]driver.Record, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.ready(ctx); err != nil {
		return nil, err
	}
	i, found := b.find(driver.Key{Tenant: tenant, Kind: kind, ID: after})
	if found {
		i++
	}
	var out []driver.Record
	for ; i < len(b.records) && len(out) < limit; i++ {
		if r := b.records[i]; r.Tenant != tenant || r.Kind != kind {
			break
		}
		out = append(out, b.records[i])
	}
	return out, nil
}

func (b *sliceBackend) ReadJournal(ctx context.Context, tenant string, after int64, limit int) ([]driver.JournalEntry, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.ready(ctx); err != nil {
		return nil, err
	}
	entries := b.journals[tenant]
	start := min(int(after), len(entries))
	end := min(start+limit, len(entries))
	return slices.Clone(entries[start:end]), nil
}

func (b *sliceBackend) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	return nil
}
