package memstore

import "github.com/ismskit/ismskit/isms/store/driver"

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
	data      driver.Hash
	hash      driver.Hash
}

// Operation codes of entries: indexes into ops.
const (
	opCreate uint8 = iota
	opUpdate
	opDelete
)

var ops = [...]driver.Operation{opCreate: driver.OpCreate, opUpdate: driver.OpUpdate, opDelete: driver.OpDelete}

func opCode(op driver.Operation) uint8 {
	switch op {
	case driver.OpUpdate:
		return opUpdate
	case driver.OpDelete:
		return opDelete
	}
	return opCreate
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
