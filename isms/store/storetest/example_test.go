package storetest_test

import (
	"context"
	"fmt"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// Storm can be pointed at any store, for instance to check a staging
// database by hand; RunBackend runs it as part of the suite.
func ExampleStorm() {
	ctx := isms.WithActor(context.Background(), "load-test")
	s := memstore.New()
	res, err := storetest.Storm(ctx, s, "acme", 8, 50)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Count, res.Revision)
	fmt.Println(s.VerifyJournal(ctx, "acme"))
	// Output:
	// 400 401
	// <nil>
}
