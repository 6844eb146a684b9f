package memstore

import (
	"hash/maphash"
	"sync/atomic"
)

// rec is one stored record. A rec never changes once published: an update
// publishes a new one, so readers need no lock to read it.
type rec struct {
	id       string // into the tenant's arena
	data     []byte
	revision int64
	created  int64 // Unix microseconds
	updated  int64
	ref      uint32 // the id's arena ref
}

// tombstone marks a deleted slot, so that probes for keys placed after it
// continue past it.
var tombstone = &rec{}

// table is an open-addressing hash table of one bucket's records with
// lock-free reads: slots are atomic pointers to immutable recs, and only
// one writer at a time (holding the tenant's lock) changes them. When the
// table fills up the writer builds a larger one and publishes it whole;
// a reader that still holds the old one sees the records as they were
// when it started, which is a valid result of a read that overlapped the
// write.
type table struct {
	slots []atomic.Pointer[rec]
	mask  uint64
	live  int // records (writer only)
	used  int // records and tombstones (writer only)
}

const minTableSize = 8

func newTable(size int) *table {
	return &table{slots: make([]atomic.Pointer[rec], size), mask: uint64(size - 1)}
}

// find returns the record with id, or nil. Safe for concurrent use with
// one writer.
func (t *table) find(seed maphash.Seed, id string) *rec {
	for i := maphash.String(seed, id) & t.mask; ; i = (i + 1) & t.mask {
		r := t.slots[i].Load()
		if r == nil {
			return nil
		}
		if r != tombstone && r.id == id {
			return r
		}
	}
}

// slot returns the index of id's slot, or, when id is absent, the index
// where it should be inserted (the first tombstone or empty slot on its
// probe path) and false. Writer only.
func (t *table) slot(seed maphash.Seed, id string) (int, bool) {
	insert := -1
	for i := maphash.String(seed, id) & t.mask; ; i = (i + 1) & t.mask {
		r := t.slots[i].Load()
		switch {
		case r == nil:
			if insert < 0 {
				insert = int(i)
			}
			return insert, false
		case r == tombstone:
			if insert < 0 {
				insert = int(i)
			}
		case r.id == id:
			return int(i), true
		}
	}
}

// full reports whether inserting one more record into an empty slot would
// take the table above three quarters full (tombstones count: they
// lengthen probes as records do).
func (t *table) full() bool { return 4*(t.used+1) > 3*len(t.slots) }

// grown returns a new table holding t's records, sized for them to fill
// it at most half (at least minTableSize slots), without tombstones.
func (t *table) grown(seed maphash.Seed) *table {
	size := minTableSize
	for size < 2*(t.live+1) {
		size *= 2
	}
	n := newTable(size)
	for i := range t.slots {
		r := t.slots[i].Load()
		if r == nil || r == tombstone {
			continue
		}
		j := maphash.String(seed, r.id) & n.mask
		for n.slots[j].Load() != nil {
			j = (j + 1) & n.mask
		}
		n.slots[j].Store(r)
	}
	n.live, n.used = t.live, t.live
	return n
}
