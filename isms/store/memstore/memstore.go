package memstore

import (
	"context"
	"sync"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// New returns an empty in-memory store with the default options (system
// clock, UUIDv7 IDs).
func New() *store.Store { return NewStore(nil) }

// NewStore returns an empty in-memory store configured by opts, which may
// be nil. Tests and examples pass a fixed clock and sequential IDs:
//
//	s := memstore.NewStore(&store.Options{Clock: clk, IDs: ismstest.NewSequentialIDs()})
func NewStore(opts *store.Options) *store.Store { return store.New(NewBackend(), opts) }

// Backend is the in-memory driver.Backend behind New. Most code uses New;
// a Backend is for wrapping (say, to inject faults in a test) and for
// running storetest against. It is safe for concurrent use; the zero value
// is not usable, call NewBackend.
type Backend struct {
	mu      sync.RWMutex
	closed  bool
	buckets map[bucketKey]*bucket
	journal map[string]*journal // by tenant
	strs    stringTable         // interned strings of journal entries
}

var _ driver.Backend = (*Backend)(nil)

type bucketKey struct{ tenant, kind string }

// bucket holds one tenant's records of one kind, and their IDs in order.
type bucket struct {
	records map[isms.ID]slot
	index   keyIndex
}

// slot is a stored record without its key: one pointer (the data) for the
// garbage collector to scan, times as Unix microseconds.
type slot struct {
	data     []byte
	revision int64
	created  int64
	updated  int64
}

// NewBackend returns an empty in-memory backend.
func NewBackend() *Backend {
	return &Backend{
		buckets: make(map[bucketKey]*bucket),
		journal: make(map[string]*journal),
	}
}

var errClosed = isms.Unsupportedf("memstore: store is closed")

func (s *Backend) check(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.closed {
		return errClosed
	}
	return nil
}

func record(k driver.Key, v slot) driver.Record {
	return driver.Record{
		Key: k, Revision: v.revision, Data: v.data,
		CreatedAt: time.UnixMicro(v.created).UTC(), UpdatedAt: time.UnixMicro(v.updated).UTC(),
	}
}

// Get returns the stored record. Its Data is shared with the store, which
// never modifies it (see driver.Backend).
func (s *Backend) Get(ctx context.Context, k driver.Key) (driver.Record, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return driver.Record{}, err
	}
	if b := s.buckets[bucketKey{k.Tenant, k.Kind}]; b != nil {
		if v, ok := b.records[k.ID]; ok {
			return record(k, v), nil
		}
	}
	return driver.Record{}, &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
}

// Put creates or updates a record and journals the write.
func (s *Backend) Put(ctx context.Context, rec driver.Record, w driver.Write) (driver.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return driver.Record{}, err
	}
	key := bucketKey{rec.Tenant, rec.Kind}
	b := s.buckets[key]
	var cur slot
	exists := false
	if b != nil {
		cur, exists = b.records[rec.ID]
	}
	op := driver.OpCreate
	v := slot{data: rec.Data, revision: rec.Revision + 1, updated: rec.UpdatedAt.UnixMicro()}
	switch {
	case rec.Revision == 0 && exists:
		return driver.Record{}, &isms.ConflictError{Kind: rec.Kind, ID: rec.ID, Actual: cur.revision}
	case rec.Revision == 0:
		v.created = rec.CreatedAt.UnixMicro()
		if b == nil {
			b = &bucket{records: make(map[isms.ID]slot)}
			s.buckets[key] = b
		}
		b.index.insert(rec.ID)
	case !exists:
		return driver.Record{}, &isms.NotFoundError{Kind: rec.Kind, ID: rec.ID}
	case cur.revision != rec.Revision:
		return driver.Record{}, &isms.ConflictError{Kind: rec.Kind, ID: rec.ID, Expected: rec.Revision, Actual: cur.revision}
	default:
		op = driver.OpUpdate
		v.created = cur.created
	}
	b.records[rec.ID] = v
	s.appendJournal(rec.Key, v.revision, op, w)
	return record(rec.Key, v), nil
}

// Delete removes a record and journals the deletion.
func (s *Backend) Delete(ctx context.Context, k driver.Key, revision int64, w driver.Write) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return err
	}
	b := s.buckets[bucketKey{k.Tenant, k.Kind}]
	var cur slot
	exists := false
	if b != nil {
		cur, exists = b.records[k.ID]
	}
	if !exists {
		return &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
	}
	if cur.revision != revision {
		return &isms.ConflictError{Kind: k.Kind, ID: k.ID, Expected: revision, Actual: cur.revision}
	}
	delete(b.records, k.ID)
	b.index.remove(k.ID)
	s.appendJournal(k, revision, driver.OpDelete, w)
	return nil
}

// List returns at most limit records after the ID after, in ascending ID
// order. Keys are kept ordered on every write, so List never sorts.
func (s *Backend) List(ctx context.Context, tenant, kind string, after isms.ID, limit int) ([]driver.Record, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	b := s.buckets[bucketKey{tenant, kind}]
	if b == nil {
		return nil, nil
	}
	out := make([]driver.Record, 0, min(limit, len(b.records)))
	k := driver.Key{Tenant: tenant, Kind: kind}
	b.index.ascend(after, func(id isms.ID) bool {
		k.ID = id
		out = append(out, record(k, b.records[id]))
		return len(out) < limit
	})
	return out, nil
}

// ReadJournal returns entries of the tenant's journal.
func (s *Backend) ReadJournal(ctx context.Context, tenant string, after int64, limit int) ([]driver.JournalEntry, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	j := s.journal[tenant]
	if j == nil {
		return nil, nil
	}
	// Sequences are 1-based and gapless, so entry i has sequence i+1.
	start := min(max(after, 0), j.n)
	end := min(start+int64(limit), j.n)
	out := make([]driver.JournalEntry, 0, end-start)
	for i := start; i < end; i++ {
		e := s.journalEntry(tenant, j.at(i))
		if i > 0 {
			e.PrevHash = j.at(i - 1).hash
		}
		out = append(out, e)
	}
	return out, nil
}

// Close marks the store closed: later calls fail with isms.ErrUnsupported.
// Closing twice is not an error.
func (s *Backend) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.buckets = nil
	s.journal = nil
	return nil
}

// appendJournal chains a new entry onto the tenant's journal. The caller
// holds s.mu for writing.
func (s *Backend) appendJournal(k driver.Key, revision int64, op driver.Operation, w driver.Write) {
	j := s.journal[k.Tenant]
	if j == nil {
		j = &journal{}
		s.journal[k.Tenant] = j
	}
	e := entry{
		seq: j.n + 1, unixMicro: w.Time.UnixMicro(), revision: revision,
		actor: s.strs.intern(w.Actor), kind: s.strs.intern(k.Kind), id: s.strs.intern(string(k.ID)),
		op: opCode(op), data: w.DataHash,
	}
	je := s.journalEntry(k.Tenant, &e)
	if j.n > 0 {
		je.PrevHash = j.at(j.n - 1).hash
	}
	e.hash = je.ComputeHash()
	j.append(e)
}

// journalEntry returns e as a driver.JournalEntry, without its PrevHash.
func (s *Backend) journalEntry(tenant string, e *entry) driver.JournalEntry {
	return driver.JournalEntry{
		Tenant: tenant, Sequence: e.seq, Time: time.UnixMicro(e.unixMicro).UTC(),
		Actor: s.strs.get(e.actor), Kind: s.strs.get(e.kind), ID: isms.ID(s.strs.get(e.id)),
		Revision: e.revision, Operation: ops[e.op], DataHash: e.data, Hash: e.hash,
	}
}
