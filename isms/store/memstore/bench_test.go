package memstore_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

// doc1K is a 1 KB JSON document.
var doc1K = func() []byte {
	var b bytes.Buffer
	b.WriteString(`{"title":"`)
	for b.Len() < 1022 {
		b.WriteByte('x')
	}
	b.WriteString(`"}`)
	return b.Bytes()
}()

func BenchmarkGet1K(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	if _, err := s.Put(ctx, store.Record{Tenant: "t", Kind: "k", ID: "id", Data: doc1K}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(doc1K)))
	for b.Loop() {
		if _, err := s.Get(ctx, "t", "k", "id"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPut1K(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	rec, err := s.Put(ctx, store.Record{Tenant: "t", Kind: "k", ID: "id", Data: doc1K})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(doc1K)))
	for b.Loop() {
		if rec, err = s.Put(ctx, rec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPutGet1K is one update and one read of a 1 KB document: the
// figure the foundation issue targets (under 3 µs).
func BenchmarkPutGet1K(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	rec, err := s.Put(ctx, store.Record{Tenant: "t", Kind: "k", ID: "id", Data: doc1K})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err = s.Put(ctx, rec); err != nil {
			b.Fatal(err)
		}
		if rec, err = s.Get(ctx, "t", "k", "id"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreate1K(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	ids := isms.UUIDv7()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Put(ctx, store.Record{Tenant: "t", Kind: "k", ID: ids.NewID(), Data: doc1K}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkList(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	for i := range 10_000 {
		if _, err := s.Put(ctx, store.Record{Tenant: "t", Kind: "k", ID: isms.ID(fmt.Sprintf("id-%06d", i)), Data: []byte(`{"n":1}`)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range store.AllRecords(ctx, s, "t", "k") {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 10_000 {
			b.Fatalf("listed %d records", n)
		}
	}
}
