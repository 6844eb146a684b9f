package schema_test

import (
	"path/filepath"
	"testing"

	"github.com/ismskit/ismskit/isms/schema"
)

// BenchmarkGenerateAll generates every schema from the Go types, with the
// doc comments read from the source (what go generate does).
func BenchmarkGenerateAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := schema.GenerateAll(filepath.Join("..", "..")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateAllNoComments generates every schema without reading
// the source: the reflection alone.
func BenchmarkGenerateAllNoComments(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := schema.GenerateAll(""); err != nil {
			b.Fatal(err)
		}
	}
}
