package ismstest

import (
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/ismskit/ismskit/isms"
)

// SequentialIDs is an isms.IDSource that numbers each kind on its own:
// kind-0001, kind-0002, ... ("risk-0001", "risk.action-0001"); an empty
// kind is numbered as "id". The numbers are zero-padded to four digits
// (more once they pass 9999), so IDs sort in creation order up to 9999. It
// is safe for concurrent use.
type SequentialIDs struct {
	mu sync.Mutex
	n  map[string]int
}

// NewSequentialIDs returns a source whose first ID of every kind ends in
// "-0001".
func NewSequentialIDs() *SequentialIDs {
	return &SequentialIDs{n: make(map[string]int)}
}

// NewID returns the next ID of kind.
func (s *SequentialIDs) NewID(kind string) isms.ID {
	if s == nil {
		return ""
	}
	if kind == "" {
		kind = "id"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n == nil {
		s.n = make(map[string]int)
	}
	s.n[kind]++
	return isms.ID(fmt.Sprintf("%s-%04d", kind, s.n[kind]))
}

// SeededIDs is an isms.IDSource that makes random-looking UUIDs (version 4
// layout) from a seeded ChaCha8 generator: the same seed gives the same
// sequence of IDs on every platform. It is safe for concurrent use.
type SeededIDs struct {
	mu  sync.Mutex
	rng *rand.ChaCha8
}

// NewSeededIDs returns a source seeded with seed.
func NewSeededIDs(seed uint64) *SeededIDs {
	var key [32]byte
	for i := range 8 {
		key[i] = byte(seed >> (8 * i))
	}
	return &SeededIDs{rng: rand.NewChaCha8(key)}
}

// NewID returns the next ID of the one seeded sequence, whatever the kind.
func (s *SeededIDs) NewID(string) isms.ID {
	if s == nil || s.rng == nil {
		return ""
	}
	s.mu.Lock()
	var b [16]byte
	_, _ = s.rng.Read(b[:])
	s.mu.Unlock()
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	return isms.ID(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}

var (
	_ isms.IDSource = (*SequentialIDs)(nil)
	_ isms.IDSource = (*SeededIDs)(nil)
)
