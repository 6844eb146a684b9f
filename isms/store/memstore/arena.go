package memstore

import (
	"unsafe"

	"github.com/ismskit/ismskit/isms"
)

// arena keeps the IDs of one tenant: each ID is written once, on its
// record's create, as a length byte and its bytes, into 1 MiB chunks that
// hold no pointers, so the garbage collector never scans them. A ref is
// the chunk number in its upper 12 bits and the offset in its lower 20;
// a tenant can therefore hold 4 GiB of IDs (some 300 million records of
// UUID-sized IDs), after which creates fail with isms.ErrUnsupported.
//
// The strings handed out (get) point into the chunks, whose written bytes
// never change, so they are as immutable as any Go string.
type arena struct {
	chunks [][]byte
}

const (
	arenaChunkBits = 20
	arenaChunk     = 1 << arenaChunkBits
	arenaMaxChunks = 1 << (32 - arenaChunkBits)
)

var errArenaFull = isms.Unsupportedf("memstore: the tenant holds 4 GiB of IDs, the most one in-memory tenant can")

// add writes id and returns its ref. IDs are at most isms.MaxIDLength
// (255) bytes, which the length byte holds.
func (a *arena) add(id isms.ID) (uint32, error) {
	if len(id) == 0 || len(id) > isms.MaxIDLength {
		return 0, isms.Invalidf("id is empty or longer than %d bytes", isms.MaxIDLength)
	}
	need := 1 + len(id)
	n := len(a.chunks)
	if n == 0 || len(a.chunks[n-1])+need > arenaChunk {
		if n == arenaMaxChunks {
			return 0, errArenaFull
		}
		a.chunks = append(a.chunks, make([]byte, 0, arenaChunk))
		n++
	}
	c := &a.chunks[n-1]
	off := len(*c)
	*c = append(*c, byte(len(id)))
	*c = append(*c, id...)
	return uint32(n-1)<<arenaChunkBits | uint32(off), nil
}

// fits reports whether IDs totalling n bytes (length bytes included) can
// be added. It assumes the worst packing: every chunk ends with up to
// isms.MaxIDLength bytes it cannot use.
func (a *arena) fits(n int) bool {
	free := (arenaMaxChunks - len(a.chunks)) * (arenaChunk - 1 - isms.MaxIDLength)
	if k := len(a.chunks); k > 0 {
		free += arenaChunk - len(a.chunks[k-1])
	}
	return n <= free
}

// get returns the ID with ref r.
func (a *arena) get(r uint32) string {
	c := a.chunks[r>>arenaChunkBits]
	off := r & (arenaChunk - 1)
	n := uint32(c[off])
	if n == 0 {
		return ""
	}
	return unsafe.String(&c[off+1], n)
}

// stringTable interns the actors and kinds of one tenant's journal, which
// are few and repeat in every entry.
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
