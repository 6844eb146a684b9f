package memstore_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

func Example() {
	ctx := isms.WithActor(context.Background(), "alice")
	s := memstore.New()
	defer s.Close()

	created, _ := s.Put(ctx, store.Record{Tenant: "acme", Kind: "note", ID: "n1", Data: []byte(`{"text":"draft"}`)})
	fmt.Println("created revision", created.Revision)

	created.Data = []byte(`{"text":"final"}`)
	updated, _ := s.Put(ctx, created)
	fmt.Println("updated revision", updated.Revision)

	// Writing from the old revision again is a conflict: no lost update.
	_, err := s.Put(ctx, created)
	fmt.Println("stale write is a conflict:", errors.Is(err, isms.ErrConflict))

	// Another tenant sees nothing.
	_, err = s.Get(ctx, "globex", "note", "n1")
	fmt.Println("other tenant:", errors.Is(err, isms.ErrNotFound))

	entries, _ := s.ReadJournal(ctx, "acme", store.JournalOptions{})
	for _, e := range entries {
		fmt.Println(e.Sequence, e.Operation, e.Kind+"/"+string(e.ID), "rev", e.Revision, "by", e.Actor)
	}
	fmt.Println("journal verifies:", store.VerifyJournal(ctx, s, "acme") == nil)
	// Output:
	// created revision 1
	// updated revision 2
	// stale write is a conflict: true
	// other tenant: true
	// 1 create note/n1 rev 1 by alice
	// 2 update note/n1 rev 2 by alice
	// journal verifies: true
}
