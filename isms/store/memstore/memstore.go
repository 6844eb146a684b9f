package memstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// Options configures NewWithOptions. A nil *Options, and each zero field,
// means the default.
type Options struct {
	// Clock stamps records whose times the caller left zero, and journal
	// entries. Default: isms.SystemClock().
	Clock isms.Clock
}

// Store is an in-memory store.Backend that journals every write. It is safe
// for concurrent use; the zero value is not usable, call New.
type Store struct {
	clock isms.Clock

	mu      sync.RWMutex
	closed  bool
	buckets map[bucketKey]*bucket
	journal map[string]*journal // by tenant
	strs    stringTable         // interned strings of journal entries
}

var (
	_ store.Backend       = (*Store)(nil)
	_ store.JournalReader = (*Store)(nil)
)

type bucketKey struct{ tenant, kind string }

// bucket holds one tenant's records of one kind. keys lists every stored
// ID, ascending when sorted is set; deletions leave stale keys behind until
// the next compaction.
type bucket struct {
	records map[isms.ID]store.Record
	keys    []isms.ID
	sorted  bool
	stale   int
}

// New returns an empty store with the default options.
func New() *Store { return NewWithOptions(nil) }

// NewWithOptions returns an empty store configured by opts.
func NewWithOptions(opts *Options) *Store {
	s := &Store{
		clock:   isms.SystemClock(),
		buckets: make(map[bucketKey]*bucket),
		journal: make(map[string]*journal),
	}
	if opts != nil && opts.Clock != nil {
		s.clock = opts.Clock
	}
	return s
}

var errClosed = isms.Unsupportedf("memstore: store is closed")

func (s *Store) check(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.closed {
		return errClosed
	}
	return nil
}

// Get returns a copy of the stored record.
func (s *Store) Get(ctx context.Context, tenant, kind string, id isms.ID) (store.Record, error) {
	if err := store.CheckKey(tenant, kind, id); err != nil {
		return store.Record{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.check(ctx); err != nil {
		return store.Record{}, err
	}
	b := s.buckets[bucketKey{tenant, kind}]
	if b == nil {
		return store.Record{}, &isms.NotFoundError{Kind: kind, ID: id}
	}
	rec, ok := b.records[id]
	if !ok {
		return store.Record{}, &isms.NotFoundError{Kind: kind, ID: id}
	}
	return rec.Clone(), nil
}

// Put creates or updates a record and journals the write.
func (s *Store) Put(ctx context.Context, rec store.Record) (store.Record, error) {
	if err := store.CheckPut(rec); err != nil {
		return store.Record{}, err
	}
	// Copy and hash the data before taking the lock. The caller keeps its
	// own slice (returned to it below); the store keeps the copy.
	callerData := rec.Data
	rec.Data = append([]byte(nil), rec.Data...)
	dataSum := sha256.Sum256(rec.Data)
	actor, _ := isms.ActorFrom(ctx)

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return store.Record{}, err
	}
	now := isms.NormalizeTime(s.clock.Now())
	key := bucketKey{rec.Tenant, rec.Kind}
	b := s.buckets[key]
	var cur *store.Record
	if b != nil {
		if r, ok := b.records[rec.ID]; ok {
			cur = &r
		}
	}
	op := opCreate
	switch {
	case rec.Revision == 0 && cur != nil:
		return store.Record{}, &isms.ConflictError{Kind: rec.Kind, ID: rec.ID, Actual: cur.Revision}
	case rec.Revision == 0:
		rec.Revision = 1
		rec.CreatedAt = orNow(rec.CreatedAt, now)
		rec.UpdatedAt = orNow(rec.UpdatedAt, rec.CreatedAt)
		if b == nil {
			b = &bucket{records: make(map[isms.ID]store.Record), sorted: true}
			s.buckets[key] = b
		}
		b.add(rec.ID)
	case cur == nil:
		return store.Record{}, &isms.NotFoundError{Kind: rec.Kind, ID: rec.ID}
	case cur.Revision != rec.Revision:
		return store.Record{}, &isms.ConflictError{Kind: rec.Kind, ID: rec.ID, Expected: rec.Revision, Actual: cur.Revision}
	default:
		op = opUpdate
		rec.Revision = cur.Revision + 1
		rec.CreatedAt = cur.CreatedAt
		rec.UpdatedAt = orNow(rec.UpdatedAt, now)
	}
	b.records[rec.ID] = rec
	s.appendJournal(rec.Tenant, now, actor, rec.Kind, rec.ID, rec.Revision, op, dataSum)
	rec.Data = callerData
	return rec, nil
}

func orNow(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return isms.NormalizeTime(t)
}

// Delete removes a record and journals the deletion.
func (s *Store) Delete(ctx context.Context, tenant, kind string, id isms.ID, revision int64) error {
	if err := store.CheckKey(tenant, kind, id); err != nil {
		return err
	}
	if revision <= 0 {
		return isms.Invalidf("memstore: delete %s %q: revision %d is not a stored revision", kind, id, revision)
	}
	actor, _ := isms.ActorFrom(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(ctx); err != nil {
		return err
	}
	b := s.buckets[bucketKey{tenant, kind}]
	var cur *store.Record
	if b != nil {
		if r, ok := b.records[id]; ok {
			cur = &r
		}
	}
	if cur == nil {
		return &isms.NotFoundError{Kind: kind, ID: id}
	}
	if cur.Revision != revision {
		return &isms.ConflictError{Kind: kind, ID: id, Expected: revision, Actual: cur.Revision}
	}
	b.remove(id)
	s.appendJournal(tenant, isms.NormalizeTime(s.clock.Now()), actor, kind, id, revision, opDelete, sha256.Sum256(nil))
	return nil
}

// List returns one page of records in ascending ID order.
func (s *Store) List(ctx context.Context, tenant, kind string, opts store.ListOptions) ([]store.Record, string, error) {
	if err := store.CheckScope(tenant, kind); err != nil {
		return nil, "", err
	}
	after, err := store.ParseAfterToken(opts.PageToken)
	if err != nil {
		return nil, "", err
	}
	limit := opts.EffectiveLimit()

	s.mu.RLock()
	if err := s.check(ctx); err != nil {
		s.mu.RUnlock()
		return nil, "", err
	}
	b := s.buckets[bucketKey{tenant, kind}]
	if b == nil {
		s.mu.RUnlock()
		return nil, "", nil
	}
	if !b.sorted || b.stale > 0 {
		// Sorting and compaction change the bucket: redo under the write lock.
		s.mu.RUnlock()
		s.mu.Lock()
		b.tidy()
		s.mu.Unlock()
		return s.List(ctx, tenant, kind, opts)
	}
	defer s.mu.RUnlock()
	start := 0
	if after != "" {
		start, _ = slices.BinarySearchFunc(b.keys, after, func(a, t isms.ID) int { return strings.Compare(string(a), string(t)) })
		if start < len(b.keys) && b.keys[start] == after {
			start++
		}
	}
	end := min(start+limit, len(b.keys))
	out := make([]store.Record, 0, end-start)
	for _, id := range b.keys[start:end] {
		out = append(out, b.records[id].Clone())
	}
	next := ""
	if end < len(b.keys) {
		next = store.AfterToken(b.keys[end-1])
	}
	return out, next, nil
}

// ReadJournal returns entries of the tenant's journal.
func (s *Store) ReadJournal(ctx context.Context, tenant string, opts store.JournalOptions) ([]store.JournalEntry, error) {
	if tenant == "" {
		return nil, isms.Invalidf("memstore: read journal: tenant is required")
	}
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
	start := min(max(opts.AfterSequence, 0), j.n)
	limit := int64(store.ListOptions{Limit: opts.Limit}.EffectiveLimit())
	end := min(start+limit, j.n)
	out := make([]store.JournalEntry, 0, end-start)
	for i := start; i < end; i++ {
		out = append(out, s.readEntry(tenant, j, i))
	}
	return out, nil
}

// Close marks the store closed: later calls fail with isms.ErrUnsupported.
// Closing twice is not an error.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.buckets = nil
	s.journal = nil
	return nil
}

// appendJournal chains a new entry onto the tenant's journal. The caller
// holds s.mu.
func (s *Store) appendJournal(tenant string, now time.Time, actor, kind string, id isms.ID, revision int64, op uint8, data [32]byte) {
	j := s.journal[tenant]
	if j == nil {
		j = &journal{}
		s.journal[tenant] = j
	}
	e := entry{
		seq: j.n + 1, unixMicro: now.UnixMicro(), revision: revision,
		actor: s.strs.intern(actor), kind: s.strs.intern(kind), id: s.strs.intern(string(id)),
		op: op, data: data,
	}
	var prev *[32]byte
	if j.n > 0 {
		prev = &j.at(j.n - 1).hash
	}
	je := s.journalEntry(tenant, &e)
	e.hash = store.EntryDigest(&je, &e.data, prev)
	j.append(e)
}

// entry is a journal entry as the store keeps it: without pointers, so
// that a long journal costs the garbage collector nothing to scan. Strings
// are interned, hashes binary, and the tenant and previous hash are implied
// by the entry's place.
type entry struct {
	seq       int64
	unixMicro int64
	revision  int64
	actor     uint32
	kind      uint32
	id        uint32
	op        uint8
	data      [32]byte
	hash      [32]byte
}

// Operation codes of entries: indexes into ops.
const (
	opCreate uint8 = iota
	opUpdate
	opDelete
)

var ops = [...]store.Operation{opCreate: store.OpCreate, opUpdate: store.OpUpdate, opDelete: store.OpDelete}

// journalEntry returns e's fields as a store.JournalEntry, without the
// hashes.
func (s *Store) journalEntry(tenant string, e *entry) store.JournalEntry {
	return store.JournalEntry{
		Tenant: tenant, Sequence: e.seq, Time: time.UnixMicro(e.unixMicro).UTC(),
		Actor: s.strs.get(e.actor), Kind: s.strs.get(e.kind), ID: isms.ID(s.strs.get(e.id)),
		Revision: e.revision, Operation: ops[e.op],
	}
}

// readEntry returns entry i (0-based) of j as a store.JournalEntry with hex
// hashes.
func (s *Store) readEntry(tenant string, j *journal, i int64) store.JournalEntry {
	e := j.at(i)
	je := s.journalEntry(tenant, e)
	je.DataHash = hex.EncodeToString(e.data[:])
	je.Hash = hex.EncodeToString(e.hash[:])
	if i > 0 {
		je.PrevHash = hex.EncodeToString(j.at(i - 1).hash[:])
	}
	return je
}

// stringTable interns the strings of journal entries.
type stringTable struct {
	list  []string
	index map[string]uint32
}

func (t *stringTable) intern(v string) uint32 {
	if i, ok := t.index[v]; ok {
		return i
	}
	if t.index == nil {
		t.index = make(map[string]uint32)
	}
	i := uint32(len(t.list))
	t.list = append(t.list, v)
	t.index[v] = i
	return i
}

func (t *stringTable) get(i uint32) string { return t.list[i] }

// journal is one tenant's entries in fixed-size chunks, so that appending
// never copies earlier entries.
type journal struct {
	chunks [][]entry
	n      int64
}

const journalChunk = 4096

func (j *journal) at(i int64) *entry {
	return &j.chunks[i/journalChunk][i%journalChunk]
}

func (j *journal) append(e entry) {
	if j.n%journalChunk == 0 {
		j.chunks = append(j.chunks, make([]entry, 0, journalChunk))
	}
	last := &j.chunks[len(j.chunks)-1]
	*last = append(*last, e)
	j.n++
}

func (b *bucket) add(id isms.ID) {
	if n := len(b.keys); n > 0 && b.keys[n-1] >= id {
		b.sorted = false
	}
	b.keys = append(b.keys, id)
}

func (b *bucket) remove(id isms.ID) {
	delete(b.records, id)
	b.stale++
}

// tidy drops the keys of deleted records and sorts the rest. An ID deleted
// and created again appears twice in keys until then.
func (b *bucket) tidy() {
	if b.stale > 0 {
		seen := make(map[isms.ID]bool, len(b.records))
		keys := b.keys[:0]
		for _, id := range b.keys {
			if _, ok := b.records[id]; ok && !seen[id] {
				seen[id] = true
				keys = append(keys, id)
			}
		}
		clear(b.keys[len(keys):])
		b.keys, b.stale = keys, 0
	}
	if !b.sorted {
		slices.Sort(b.keys)
		b.sorted = true
	}
}
