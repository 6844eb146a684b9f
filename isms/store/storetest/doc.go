// Package storetest is the conformance suite every driver.Backend must
// pass, ismskit's own and third parties' alike, in the spirit of
// testing/fstest and gocloud's drivertest.
//
// A backend's test calls RunBackend with a function that returns a fresh,
// empty backend:
//
//	func TestConformance(t *testing.T) {
//		storetest.RunBackend(t, func(t *testing.T) driver.Backend {
//			return memstore.NewBackend()
//		})
//	}
//
// The suite wraps the backend in a *store.Store and exercises it through
// typed repositories, as every service of the SDK does: not found; create,
// read, update and delete; conflicts on create-over-existing and stale
// revisions; refused input and anonymous writes (nothing stored, nothing
// journaled); paging in byte order of ID at several page sizes, with
// deletes and foreign or malformed tokens; tenant and kind isolation;
// returned data never modified by later writes; times in UTC at
// microsecond precision, created_at kept on update; a concurrent
// read-modify-write storm that must lose no update; the hash-chained
// journal (content, actors, chaining, paging, tamper detection); prompt
// return on a cancelled context; and a closed backend. Run it under -race.
package storetest
