package storetest_test

import (
	"context"
	"fmt"

	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// Storm can be pointed at any backend, for instance to check a staging
// database by hand; RunBackend runs it as part of the suite.
func ExampleStorm() {
	ctx := context.Background()
	b := memstore.New()
	res, err := storetest.Storm(ctx, b, "acme", 8, 50)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Count, res.Revision)
	fmt.Println(store.VerifyJournal(ctx, b, "acme"))
	// Output:
	// 400 401
	// <nil>
}
