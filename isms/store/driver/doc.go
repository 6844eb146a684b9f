// Package driver defines the interface a storage backend of ismskit
// implements. Most code should use package store, which wraps a Backend
// in the portable *store.Store and its typed repositories.
//
// The split follows database/sql over database/sql/driver: package store
// checks every argument once (tenant, kind and ID keys, revisions, the
// actor of every write, page sizes and page tokens, journal ranges), sets
// times, hashes the data and encodes page tokens, so a Backend receives only
// well-formed calls and cannot break the contract by forgetting a check.
// What a Backend must do itself is what only it can do atomically:
//
//   - store records keyed by (tenant, kind, id), with optimistic
//     concurrency on revisions (isms.ErrConflict, isms.ErrNotFound);
//   - append, in the same atomic step as each write, a JournalEntry to the
//     tenant's hash-chained journal, sealed with JournalEntry.Seal;
//   - list records of one tenant and kind in ascending byte order of ID;
//   - honour context cancellation and be safe for concurrent use.
//
// Package storetest is the conformance suite: run storetest.RunBackend
// against a new Backend and it is exercised through package store exactly
// as every domain of the SDK uses it.
package driver
