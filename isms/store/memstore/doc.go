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
// Reads take no lock: each kind's records sit in an open-addressing hash
// table whose slots are atomic pointers to immutable records, written by
// one writer at a time, so Get scales with the cores. Writes to a tenant
// are serialised by that tenant's lock (its journal is one hash chain);
// writes to different tenants run in parallel.
//
// Memory: each ID is stored once, in a per-tenant arena of pointer-free
// chunks that the map, the ordered index and the journal all refer to;
// journal entries are 96 bytes without pointers; IDs are kept in order on
// every write in a two-level B+tree of arena refs, so listing never sorts,
// whatever the order in which records were created or deleted. A tenant
// holds at most 4 GiB of IDs (creates beyond fail with
// isms.ErrUnsupported). BenchmarkGC reports the heap bytes per record.
//
// Stored data is shared, never copied: package store hands the backend a
// freshly encoded document it will not touch again, and decodes what it
// reads without modifying it (the ownership rule of driver.Backend).
package memstore
