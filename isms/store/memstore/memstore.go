package memstore

import (
	"context"
	"fmt"
	"hash/maphash"
	"sync"
	"sync/atomic"
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
// running storetest against. It is safe for concurrent use. A nil or zero
// Backend is not usable (its methods fail with isms.ErrUnsupported): call
// NewBackend.
//
// Concurrency: Get takes no lock at all (records are immutable once
// stored and published through atomic pointers), so reads scale with the
// cores. Writes to one tenant are serialised by that tenant's lock, under
// which the journal entry is hashed and chained; writes to different
// tenants proceed in parallel. List and ReadJournal share the tenant's
// lock with each other and wait only for its writers.
type Backend struct {
	ready   bool
	closed  atomic.Bool
	seed    maphash.Seed
	mu      sync.Mutex                         // serialises adding tenants
	tenants atomic.Pointer[map[string]*tenant] // replaced, never changed
}

var _ driver.Backend = (*Backend)(nil)

// tenant is one tenant's records, by kind, and its journal.
type tenant struct {
	name    string
	mu      sync.RWMutex                       // writers; List and ReadJournal read
	buckets atomic.Pointer[map[string]*bucket] // by kind; replaced under mu, never changed
	ids     arena                              // every ID ever created; under mu
	strs    stringTable                        // actors and kinds of the journal; under mu
	journal journal                            // under mu
}

// bucket holds one tenant's records of one kind, and their IDs in order.
type bucket struct {
	table atomic.Pointer[table]
	index keyIndex // under the tenant's mu
}

// NewBackend returns an empty in-memory backend.
func NewBackend() *Backend {
	b := &Backend{ready: true, seed: maphash.MakeSeed()}
	b.tenants.Store(&map[string]*tenant{})
	return b
}

var (
	errClosed   = isms.Unsupportedf("memstore: store is closed")
	errNotReady = isms.Unsupportedf("memstore: nil or zero Backend; use NewBackend")
)

func (s *Backend) check(ctx context.Context) error {
	if s == nil || !s.ready {
		return errNotReady
	}
	if ctx == nil {
		return isms.Invalidf("memstore: nil context")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.closed.Load() {
		return errClosed
	}
	return nil
}

// tenant returns the named tenant, adding it when add is set (nil when
// it does not exist and add is not set).
func (s *Backend) tenant(name string, add bool) *tenant {
	if t := (*s.tenants.Load())[name]; t != nil || !add {
		return t
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := *s.tenants.Load()
	if t := old[name]; t != nil {
		return t
	}
	next := make(map[string]*tenant, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	t := &tenant{name: name}
	t.buckets.Store(&map[string]*bucket{})
	next[name] = t
	s.tenants.Store(&next)
	return t
}

// bucket returns the tenant's bucket of kind, adding it when add is set;
// the caller holds t.mu for writing when add is set.
func (t *tenant) bucket(kind string, add bool) *bucket {
	old := *t.buckets.Load()
	if b := old[kind]; b != nil || !add {
		return b
	}
	next := make(map[string]*bucket, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	b := &bucket{}
	b.table.Store(newTable(minTableSize))
	next[kind] = b
	t.buckets.Store(&next)
	return b
}

func record(k driver.Key, r *rec) driver.Record {
	return driver.Record{
		Key: k, Revision: r.revision, Data: r.data,
		CreatedAt: time.UnixMicro(r.created).UTC(), UpdatedAt: time.UnixMicro(r.updated).UTC(),
	}
}

// Get returns the stored record without taking a lock. Its Data is shared
// with the store, which never modifies it (see driver.Backend).
func (s *Backend) Get(ctx context.Context, k driver.Key) (driver.Record, error) {
	if err := s.check(ctx); err != nil {
		return driver.Record{}, err
	}
	if t := s.tenant(k.Tenant, false); t != nil {
		if b := t.bucket(k.Kind, false); b != nil {
			if r := b.table.Load().find(s.seed, string(k.ID)); r != nil {
				return record(k, r), nil
			}
		}
	}
	return driver.Record{}, &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
}

// Put creates or updates a record and journals the write.
func (s *Backend) Put(ctx context.Context, in driver.Record, w driver.Write) (driver.Record, error) {
	if err := s.check(ctx); err != nil {
		return driver.Record{}, err
	}
	t := s.tenant(in.Tenant, in.Revision == 0)
	if t == nil {
		return driver.Record{}, &isms.NotFoundError{Kind: in.Kind, ID: in.ID}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.put(s.seed, in, w)
}

// put is Put under t.mu.
func (t *tenant) put(seed maphash.Seed, in driver.Record, w driver.Write) (driver.Record, error) {
	create := in.Revision == 0
	b := t.bucket(in.Kind, create)
	if b == nil {
		return driver.Record{}, &isms.NotFoundError{Kind: in.Kind, ID: in.ID}
	}
	tab := b.table.Load()
	i, exists := tab.slot(seed, string(in.ID))
	var cur *rec
	if exists {
		cur = tab.slots[i].Load()
	}
	r := &rec{data: in.Data, revision: in.Revision + 1, updated: in.UpdatedAt.UnixMicro()}
	op := opUpdate
	switch {
	case create && exists:
		return driver.Record{}, &isms.ConflictError{Kind: in.Kind, ID: in.ID, Actual: cur.revision}
	case create:
		ref, err := t.ids.add(in.ID)
		if err != nil {
			return driver.Record{}, err
		}
		r.id, r.ref, r.created, op = t.ids.get(ref), ref, in.CreatedAt.UnixMicro(), opCreate
		if tab.slots[i].Load() == nil { // a fresh slot, not a tombstone
			if tab.full() {
				tab = tab.grown(seed)
				b.table.Store(tab)
				i, _ = tab.slot(seed, r.id)
			}
			tab.used++
		}
		tab.live++
		b.index.insert(&t.ids, ref)
	case !exists:
		return driver.Record{}, &isms.NotFoundError{Kind: in.Kind, ID: in.ID}
	case cur.revision != in.Revision:
		return driver.Record{}, &isms.ConflictError{Kind: in.Kind, ID: in.ID, Expected: in.Revision, Actual: cur.revision}
	default:
		r.id, r.ref, r.created = cur.id, cur.ref, cur.created
	}
	tab.slots[i].Store(r)
	t.appendJournal(r.ref, in.Kind, r.revision, op, w)
	return record(driver.Key{Tenant: in.Tenant, Kind: in.Kind, ID: isms.ID(r.id)}, r), nil
}

// Delete removes a record and journals the deletion.
func (s *Backend) Delete(ctx context.Context, k driver.Key, revision int64, w driver.Write) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	t := s.tenant(k.Tenant, false)
	if t == nil {
		return &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.delete(s.seed, k, revision, w)
}

// delete is Delete under t.mu.
func (t *tenant) delete(seed maphash.Seed, k driver.Key, revision int64, w driver.Write) error {
	b := t.bucket(k.Kind, false)
	if b == nil {
		return &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
	}
	tab := b.table.Load()
	i, exists := tab.slot(seed, string(k.ID))
	if !exists {
		return &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
	}
	cur := tab.slots[i].Load()
	if cur.revision != revision {
		return &isms.ConflictError{Kind: k.Kind, ID: k.ID, Expected: revision, Actual: cur.revision}
	}
	tab.slots[i].Store(tombstone)
	tab.live--
	b.index.remove(&t.ids, cur.id)
	t.appendJournal(cur.ref, k.Kind, revision, opDelete, w)
	return nil
}

// revision returns the stored revision of k, 0 when there is no record.
// The caller holds t.mu.
func (t *tenant) revision(seed maphash.Seed, k driver.Key) int64 {
	if b := t.bucket(k.Kind, false); b != nil {
		if r := b.table.Load().find(seed, string(k.ID)); r != nil {
			return r.revision
		}
	}
	return 0
}

// List returns at most limit records after the ID after, in ascending ID
// order. Keys are kept ordered on every write, so List never sorts.
func (s *Backend) List(ctx context.Context, tenant, kind string, after isms.ID, limit int) ([]driver.Record, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	t := s.tenant(tenant, false)
	if t == nil {
		return nil, nil
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	b := t.bucket(kind, false)
	if b == nil || limit <= 0 {
		return nil, nil
	}
	tab := b.table.Load()
	out := make([]driver.Record, 0, min(limit, tab.live))
	k := driver.Key{Tenant: tenant, Kind: kind}
	var err error
	b.index.ascend(&t.ids, string(after), func(ref uint32) bool {
		id := t.ids.get(ref)
		r := tab.find(s.seed, id)
		if r == nil {
			err = fmt.Errorf("memstore: %s %q is in the index but not in the table", kind, id)
			return false
		}
		k.ID = isms.ID(id)
		out = append(out, record(k, r))
		return len(out) < limit
	})
	return out, err
}

// ReadJournal returns entries of the tenant's journal.
func (s *Backend) ReadJournal(ctx context.Context, tenant string, after int64, limit int) ([]driver.JournalEntry, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	t := s.tenant(tenant, false)
	if t == nil || limit <= 0 {
		return nil, nil
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	j := &t.journal
	// Sequences are 1-based and gapless, so entry i has sequence i+1.
	start := min(max(after, 0), j.n)
	end := min(start+int64(limit), j.n)
	out := make([]driver.JournalEntry, 0, end-start)
	for i := start; i < end; i++ {
		e := t.journalEntry(i)
		if i > 0 {
			e.PrevHash = j.at(i - 1).hash
		}
		out = append(out, e)
	}
	return out, nil
}

// Close marks the store closed and drops its records: later calls fail
// with isms.ErrUnsupported. Closing twice is not an error; closing a nil
// or zero Backend is.
func (s *Backend) Close() error {
	if s == nil || !s.ready {
		return errNotReady
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed.Store(true)
	s.tenants.Store(&map[string]*tenant{})
	return nil
}

// appendJournal chains a new entry onto the tenant's journal. The caller
// holds t.mu for writing.
func (t *tenant) appendJournal(id uint32, kind string, revision int64, op uint8, w driver.Write) {
	j := &t.journal
	e := entry{
		unixMicro: w.Time.UnixMicro(), revision: revision,
		actor: t.strs.intern(w.Actor), kind: t.strs.intern(kind), id: id,
		op: op, data: w.DataHash,
	}
	j.append(e)
	je := t.journalEntry(j.n - 1)
	if j.n > 1 {
		je.PrevHash = j.at(j.n - 2).hash
	}
	j.at(j.n - 1).hash = je.ComputeHash()
}

// journalEntry returns entry i as a driver.JournalEntry, without its
// PrevHash.
func (t *tenant) journalEntry(i int64) driver.JournalEntry {
	e := t.journal.at(i)
	return driver.JournalEntry{
		Tenant: t.name, Sequence: i + 1, Time: time.UnixMicro(e.unixMicro).UTC(),
		Actor: t.strs.get(e.actor), Kind: t.strs.get(e.kind), ID: isms.ID(t.ids.get(e.id)),
		Revision: e.revision, Operation: ops[e.op], DataHash: e.data, Hash: e.hash,
	}
}
