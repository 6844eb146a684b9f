package fair

import (
	"testing"
	"unsafe"
)

// TestRNGOwnsItsCacheLines checks the padding that keeps workers'
// generators from sharing a cache line: an rng fills exactly its size
// class, so every one the allocator hands out starts on a 128-byte
// boundary and no two overlap a 64-byte line (or the pair of lines an x86
// prefetcher loads together).
func TestRNGOwnsItsCacheLines(t *testing.T) {
	if got := unsafe.Sizeof(rng{}); got != rngSize {
		t.Fatalf("unsafe.Sizeof(rng{}) = %d, want %d: adjust the padding", got, rngSize)
	}
	gs := make([]*rng, 64)
	for i := range gs {
		gs[i] = newRNG()
	}
	for i, g := range gs {
		if a := uintptr(unsafe.Pointer(g)); a%rngSize != 0 {
			t.Fatalf("rng %d at %#x is not aligned to %d bytes", i, a, rngSize)
		}
	}
}
