// Package storetest is the conformance suite every store.Backend must pass,
// ismskit's own and third parties' alike, in the spirit of testing/fstest
// and gocloud's drivertest.
//
// A backend's test calls RunBackend with a function that returns a fresh,
// empty backend:
//
//	func TestConformance(t *testing.T) {
//		storetest.RunBackend(t, func(t *testing.T) store.Backend {
//			return memstore.New()
//		})
//	}
//
// The suite checks the whole contract of store.Backend: not found; create,
// read, update and delete; conflicts on create-over-existing and stale
// revisions; paging in ID order at several page sizes; tenant and kind
// isolation; no aliasing of caller memory; times in UTC at microsecond
// precision; a concurrent read-modify-write storm that must lose no update;
// the hash-chained journal (when the backend keeps one); and prompt return
// on a cancelled context. Run it under -race.
package storetest
