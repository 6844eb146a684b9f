package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

// BenchmarkRepositoryRoundTrip is one typed Update and Get of a ~1 KB
// entity through NewRepository over memstore: JSON encoding, validation,
// the backend write with its journal entry, the read and decoding.
func BenchmarkRepositoryRoundTrip(b *testing.B) {
	ctx := context.Background()
	repo, err := store.NewRepository[widget](memstore.New(), "acme", "widget", nil)
	if err != nil {
		b.Fatal(err)
	}
	w := &widget{Name: strings.Repeat("x", 1000)}
	if err := repo.Create(ctx, w); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w.Count++
		if err := repo.Update(ctx, w); err != nil {
			b.Fatal(err)
		}
		if w, err = repo.Get(ctx, w.ID); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRepositoryCreate(b *testing.B) {
	ctx := context.Background()
	repo, err := store.NewRepository[widget](memstore.New(), "acme", "widget", &store.RepositoryOptions{IDs: isms.UUIDv7()})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := repo.Create(ctx, &widget{Name: "w"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyJournal(b *testing.B) {
	ctx := context.Background()
	s := memstore.New()
	for range 10_000 {
		if _, err := s.Put(ctx, store.Record{Tenant: "t", Kind: "k", ID: isms.UUIDv7().NewID(), Data: []byte(`{}`)}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := store.VerifyJournal(ctx, s, "t"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDataHash1K is the SHA-256 of a 1 KB document that every journaled
// write computes: the floor under any backend's Put.
func BenchmarkDataHash1K(b *testing.B) {
	data := []byte(strings.Repeat("x", 1024))
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_ = store.DataHash(data)
	}
}
