// Package memstore is ismskit's embedded default storage: an in-memory
// backend for production use in single-process applications, tests and
// examples. New returns a ready *store.Store over it.
//
// The backend is safe for concurrent use, honours context cancellation,
// enforces optimistic concurrency on revisions, and appends every write to
// the tenant's SHA-256 hash-chained journal under the same lock as the
// write itself, so the journal and the data never disagree. It passes the
// storetest conformance suite under the race detector.
//
// Records are kept compactly (the data, the revision and two times per
// record; one pointer for the garbage collector) and journal entries
// without pointers at all. IDs are kept in order on every write in a
// two-level B+tree, so listing never sorts, whatever the order in which
// records were created or deleted.
//
// Stored data is shared, never copied: package store hands the backend a
// freshly encoded document it will not touch again, and decodes what it
// reads without modifying it (the ownership rule of driver.Backend).
package memstore
