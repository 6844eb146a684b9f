package driver_test

import (
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms/store/driver"
)

// A backend appends each write's entry to the tenant's journal with Seal,
// under the same lock or transaction as the write.
func ExampleJournalEntry_Seal() {
	w := driver.Write{Actor: "alice", Time: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), DataHash: driver.DataHash([]byte(`{"n":1}`))}
	first := driver.JournalEntry{Tenant: "acme", Time: w.Time, Actor: w.Actor, Kind: "note", ID: "n1", Revision: 1, Operation: driver.OpCreate, DataHash: w.DataHash}
	first.Seal(nil)
	second := driver.JournalEntry{Tenant: "acme", Time: w.Time, Actor: w.Actor, Kind: "note", ID: "n1", Revision: 1, Operation: driver.OpDelete, DataHash: driver.DataHash(nil)}
	second.Seal(&first)
	fmt.Println(first.Sequence, first.PrevHash.IsZero(), first.Hash == first.ComputeHash())
	fmt.Println(second.Sequence, second.PrevHash == first.Hash)
	// Output:
	// 1 true true
	// 2 true
}
