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
	s := memstore.NewStore(&store.Options{
		IDs:   ismstest.NewSequentialIDs(),
		Clock: ismstest.NewFixedClock(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)),
	})
	suppliers, err := store.NewRepository[supplier](s, "acme", "supplier")
	if err != nil {
		fmt.Println(err)
		return
	}
	sup := &supplier{Name: "Cloud hosting Ltd"}
	if err := suppliers.Create(ctx, sup); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sup.ID, sup.Revision, sup.CreatedAt.Format(time.RFC3339))

	// A second writer updates from the same revision: the later one loses.
	a, _ := suppliers.Get(ctx, sup.ID)
	b, _ := suppliers.Get(ctx, sup.ID)
	a.Name = "Cloud hosting plc"
	fmt.Println(suppliers.Update(ctx, a))
	b.Name = "Cloud Hosting Ltd."
	err = suppliers.Update(ctx, b)
	fmt.Println(errors.Is(err, isms.ErrConflict), err)

	for e, err := range suppliers.All(ctx) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(e.ID, e.Name, e.Revision)
	}
	fmt.Println(s.VerifyJournal(ctx, "acme"))
	// Output:
	// supplier-0001 1 2026-11-22T09:00:00Z
	// <nil>
	// true supplier "supplier-0001": revision 1 is stale, stored revision is 2
	// supplier-0001 Cloud hosting plc 2
	// <nil>
}
