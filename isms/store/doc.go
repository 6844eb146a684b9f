// Package store is ismskit's storage contract: the Backend interface a
// storage implementation provides, the typed Repository every domain uses,
// paging, and the hash-chained journal that is the ISMS's audit trail.
//
// # Backends and repositories
//
// A Backend stores JSON documents as Records keyed by (tenant, kind, id).
// Implement it once — memstore (in memory, the default) and sqlstore
// (SQLite, PostgreSQL) are ismskit's own — and every domain works on it
// through NewRepository, which gives typed access to one kind of entity for
// one tenant:
//
//	risks, err := store.NewRepository[risk.Risk](backend, "acme", risk.Kind, nil)
//	err = risks.Create(ctx, r)     // assigns ID, revision 1 and times
//	r, err = risks.Get(ctx, id)
//	err = risks.Update(ctx, r)     // isms.ErrConflict if someone wrote first
//	for r, err := range store.All(ctx, risks) { ... }
//
// A repository is bound to its tenant when it is made: no call through it
// can reach another tenant's data. Host applications that keep entities in
// their own tables may implement Repository directly instead.
//
// # Concurrency
//
// Writes are optimistic: every update and delete names the revision it
// read, and a stale revision is isms.ErrConflict, so no update is ever
// lost. Callers retry by reading again.
//
// # The journal
//
// Each write appends, atomically with it, a JournalEntry to the tenant's
// journal: who (the actor from isms.WithActor), when, what (kind, id,
// revision, operation), the SHA-256 of the data written, and the hash of the
// previous entry. VerifyJournal re-computes the chain and reports the first
// broken link, so any change to past entries is detected. The hash input is
// documented on JournalEntry.ComputeHash so an auditor can re-perform it
// with any SHA-256 tool.
//
// Package storetest holds the conformance suite every Backend must pass.
package store
