package store_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

type supplier struct {
	isms.Meta
	Name string `json:"name"`
}

func ExampleNewRepository() {
	ctx := isms.WithActor(context.Background(), "alice")
	backend := memstore.New()
	suppliers, err := store.NewRepository[supplier](backend, "acme", "supplier", &store.RepositoryOptions{
		IDs:   ismstest.NewSequentialIDs("sup"),
		Clock: ismstest.NewFixedClock(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)),
	})
	if err != nil {
		panic(err)
	}
	s := &supplier{Name: "Cloud hosting Ltd"}
	if err := suppliers.Create(ctx, s); err != nil {
		panic(err)
	}
	fmt.Println(s.ID, s.Revision, s.CreatedAt.Format(time.RFC3339))

	// Two editors read revision 1; the second write loses and must re-read.
	a, _ := suppliers.Get(ctx, s.ID)
	b, _ := suppliers.Get(ctx, s.ID)
	a.Name = "Cloud Hosting Ltd"
	fmt.Println(suppliers.Update(ctx, a), a.Revision)
	b.Name = "Cloud-Hosting"
	err = suppliers.Update(ctx, b)
	fmt.Println(errors.Is(err, isms.ErrConflict))

	// Every write is in the tenant's hash-chained journal.
	entries, _ := store.ReadJournal(ctx, backend, "acme", store.JournalOptions{})
	for _, e := range entries {
		fmt.Println(e.Sequence, e.Operation, e.ID, e.Revision, e.Actor)
	}
	fmt.Println(store.VerifyJournal(ctx, backend, "acme"))
	// Output:
	// sup-0001 1 2026-11-22T09:00:00Z
	// <nil> 2
	// true
	// 1 create sup-0001 1 alice
	// 2 update sup-0001 2 alice
	// <nil>
}
