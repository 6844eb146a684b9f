// Package memstore is ismskit's embedded default storage: an in-memory
// store.Backend for production use in single-process applications, tests
// and examples.
//
// A Store is safe for concurrent use, copies every record it is given and
// returns (it never shares memory with its caller), honours context
// cancellation, enforces optimistic concurrency on revisions, and appends
// every write to the tenant's SHA-256 hash-chained journal under the same
// lock as the write itself, so the journal and the data never disagree. It
// passes the storetest conformance suite under the race detector.
//
// Listing is in ascending ID order. With time-ordered IDs (the default
// UUIDv7) new records append in order; other IDs are sorted lazily on the
// next List.
package memstore
