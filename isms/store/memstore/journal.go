package memstore

import "github.com/ismskit/ismskit/isms/store/driver"

// entry is a journal entry as the store keeps it: 96 bytes without
// pointers, so that a long journal costs the garbage collector nothing to
// scan. The tenant, the sequence (the entry's place plus one) and the
// previous hash (the entry before it) are implied by where the entry is;
// the actor and kind are interned, the ID is an arena ref.
type entry struct {
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
