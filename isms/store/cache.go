package store

import (
	"bytes"
	"hash/maphash"
	"sync"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// DefaultCacheEntries is the number of decoded entities a Repository keeps
// by default (see Repository): enough for a register of 100,000 risks.
const DefaultCacheEntries = 1 << 17

// MaxCacheEntries bounds Repository.WithCache.
const MaxCacheEntries = 1 << 24

// Cloner is implemented by entity types that can deep-copy themselves
// (risk.Risk, for instance). A Repository keeps decoded values only of
// such types, and hands out copies, so that a caller who changes what it
// read never changes what another caller reads.
type Cloner[T any] interface {
	Clone() *T
}

// decodedCache keeps decoded entities keyed by ID, each with the record it
// was decoded from. A lookup hits only when the record read now is the
// same one: same revision, same created and updated times and the same
// bytes. The bytes settle every case the revision alone does not (a
// record deleted and created again restarts at revision 1; another
// process may write to the same backend): a hit returns exactly what
// decoding the record would. The bytes are the record's own Data, which a
// backend never changes after returning it (the driver contract), so the
// cache copies nothing; with memstore they are the backend's own slice
// and bytes.Equal returns at the first comparison, on the pointers.
//
// Entries are immutable once stored; each map is guarded by a mutex, so
// the cache is safe for concurrent use, and a concurrent write can only
// make a later read miss (its record differs), never return a stale
// value. A large cache is split into cacheShards maps by a hash of the ID,
// each with its own mutex and a share of the bound, so that the
// goroutines decoding one page (decodePage) rarely wait for each other's
// lookups and stores, nor for a map that grows under its lock. It holds
// at most max entries; when a shard is full, storing a new ID evicts an
// arbitrary entry of that shard (Go's map order), which keeps memory
// bounded without the bookkeeping of an LRU list.
type decodedCache[T any] struct {
	seed   maphash.Seed
	shards []cacheShard[T]
}

// cacheShard is one map of a decodedCache and its bound.
type cacheShard[T any] struct {
	mu  sync.RWMutex
	max int
	m   map[isms.ID]*cacheEntry[T]
}

// cacheShards is the number of shards of a cache of at least
// minShardedCache entries; a smaller cache is one map.
const (
	cacheShards     = 16
	minShardedCache = 1024
)

type cacheEntry[T any] struct {
	rec driver.Record // Data shared with the backend, never changed
	v   *T            // decoded, Meta set from rec; never changed
}

func newDecodedCache[T any](max int) *decodedCache[T] {
	if max <= 0 {
		return nil
	}
	if _, ok := any(new(T)).(Cloner[T]); !ok {
		return nil
	}
	n := 1
	if max >= minShardedCache {
		n = cacheShards
	}
	c := &decodedCache[T]{seed: maphash.MakeSeed(), shards: make([]cacheShard[T], n)}
	for i := range c.shards {
		// The shards' bounds add up to at most max.
		sh := &c.shards[i]
		sh.max = max / n
		sh.m = make(map[isms.ID]*cacheEntry[T], min(sh.max, 1024/n))
	}
	return c
}

// shard returns the shard that holds id.
func (c *decodedCache[T]) shard(id isms.ID) *cacheShard[T] {
	if len(c.shards) == 1 {
		return &c.shards[0]
	}
	return &c.shards[maphash.String(c.seed, string(id))%uint64(len(c.shards))]
}

// get returns the value decoded from rec, shared: the caller must not
// change it.
func (c *decodedCache[T]) get(rec driver.Record) (*T, bool) {
	sh := c.shard(rec.ID)
	sh.mu.RLock()
	e := sh.m[rec.ID]
	sh.mu.RUnlock()
	if e == nil || e.rec.Revision != rec.Revision || !e.rec.CreatedAt.Equal(rec.CreatedAt) ||
		!e.rec.UpdatedAt.Equal(rec.UpdatedAt) || !bytes.Equal(e.rec.Data, rec.Data) {
		return nil, false
	}
	return e.v, true
}

// put stores v, decoded from rec; v must not be changed afterwards.
func (c *decodedCache[T]) put(rec driver.Record, v *T) {
	e := &cacheEntry[T]{rec: driver.Record{Key: rec.Key, Revision: rec.Revision, Data: rec.Data, CreatedAt: rec.CreatedAt, UpdatedAt: rec.UpdatedAt}, v: v}
	sh := c.shard(rec.ID)
	sh.mu.Lock()
	if _, ok := sh.m[rec.ID]; !ok && len(sh.m) >= sh.max {
		for id := range sh.m {
			delete(sh.m, id)
			break
		}
	}
	sh.m[rec.ID] = e
	sh.mu.Unlock()
}

// drop forgets id (after a delete: not needed for correctness, only to
// free the memory sooner).
func (c *decodedCache[T]) drop(id isms.ID) {
	sh := c.shard(id)
	sh.mu.Lock()
	delete(sh.m, id)
	sh.mu.Unlock()
}

// clone copies a shared value for a caller that may change it.
func clone[T any](v *T) *T { return any(v).(Cloner[T]).Clone() }
