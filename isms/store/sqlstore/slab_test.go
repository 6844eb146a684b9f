package sqlstore

import (
	"bytes"
	"math"
	"testing"
)

// TestDataSlabCopiesDoNotAlias checks the property List relies on: a
// copy holds its own bytes after the source changes, and appending to one
// copy cannot write over the next one in the same array.
func TestDataSlabCopiesDoNotAlias(t *testing.T) {
	var s dataSlab
	src := []byte(`{"a":1}`)
	a := s.copy(src, 2)
	b := s.copy([]byte(`{"b":2}`), 1)
	src[2] = 'x'
	if string(a) != `{"a":1}` {
		t.Fatalf("copy changed with its source: %s", a)
	}
	if cap(a) != len(a) {
		t.Fatalf("copy has capacity %d beyond its length %d", cap(a), len(a))
	}
	_ = append(a, "garbage"...)
	if string(b) != `{"b":2}` {
		t.Fatalf("appending to one copy overwrote the next: %s", b)
	}
	if s.copy(nil, 1) != nil {
		t.Fatal("a nil source must stay nil (NULL data)")
	}
	big := bytes.Repeat([]byte{'z'}, slabSize)
	if c := s.copy(big, 1); !bytes.Equal(c, big) || &c[0] == &s.buf[0] {
		t.Fatal("a large document must get its own array")
	}
}

// TestDataSlabSizesForThePage: copying a page of 1,000 documents of 320
// bytes (the size of the benchmark's risk) makes arrays of at most an
// eighth more than the 320,000 bytes copied, plus one minimum array; a
// listing of unknown length (a huge rowsLeft, or none: 0 or less) uses
// full-size arrays.
func TestDataSlabSizesForThePage(t *testing.T) {
	doc := bytes.Repeat([]byte{'d'}, 320)
	var s dataSlab
	for i := range 1000 {
		if c := s.copy(doc, 1000-i); !bytes.Equal(c, doc) {
			t.Fatalf("copy %d differs", i)
		}
	}
	if limit := 320_000*9/8 + slabMin; s.allocated > limit {
		t.Fatalf("arrays of %d bytes for 320,000 bytes of documents; want at most %d", s.allocated, limit)
	}
	for _, left := range []int{math.MaxInt, 0, -1} {
		var open dataSlab
		open.copy(doc, left)
		if open.allocated != slabSize {
			t.Fatalf("rows left %d: first array %d bytes, want %d", left, open.allocated, slabSize)
		}
	}
}
