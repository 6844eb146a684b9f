package bcp

import (
	"testing"
	"unsafe"
)

// TestPassStatesFitCacheLines: the per-node records of the analysis
// passes are one cache line (down) and half of one (up), so an edge
// relaxation touches one line; a field added without adjusting the
// padding fails here.
func TestPassStatesFitCacheLines(t *testing.T) {
	if got := unsafe.Sizeof(downState{}); got != 64 {
		t.Errorf("downState is %d bytes, want 64", got)
	}
	if got := unsafe.Sizeof(upState{}); got != 32 {
		t.Errorf("upState is %d bytes, want 32", got)
	}
}
