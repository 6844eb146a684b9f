package sqlstore

import (
	"bytes"
	"testing"
)

// TestDataSlabCopiesDoNotAlias checks the property List relies on: a
// copy holds its own bytes after the source changes, and appending to one
// copy cannot write over the next one in the same array.
func TestDataSlabCopiesDoNotAlias(t *testing.T) {
	var s dataSlab
	src := []byte(`{"a":1}`)
	a := s.copy(src)
	b := s.copy([]byte(`{"b":2}`))
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
	if s.copy(nil) != nil {
		t.Fatal("a nil source must stay nil (NULL data)")
	}
	big := bytes.Repeat([]byte{'z'}, slabSize)
	if c := s.copy(big); !bytes.Equal(c, big) || &c[0] == &s.buf[0] {
		t.Fatal("a large document must get its own array")
	}
}
