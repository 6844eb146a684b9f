// Package store is ismskit's storage layer: the portable *Store every
// service of the SDK is built on, typed repositories over it, paging, and
// the hash-chained journal that is the ISMS's audit trail.
//
// # Stores, backends and repositories
//
// A Store wraps a storage backend (a driver.Backend) as *sql.DB wraps a
// database driver: memstore.New returns one in memory, the default;
// third parties implement package driver for their own storage. The Store
// checks every call before the backend sees it — keys, revisions, page
// sizes and tokens, and the actor of every write — so the contract holds
// whatever the backend forgets. Typed access to one kind of entity of one
// tenant is a Repository:
//
//	s := memstore.New()
//	risks, err := store.NewRepository[risk.Risk](s, "acme", risk.Kind)
//	ctx = isms.WithActor(ctx, "alice@example.com") // every write has an actor
//	err = risks.Create(ctx, r)     // assigns ID, revision 1 and times
//	r, err = risks.Get(ctx, id)
//	err = risks.Update(ctx, r)     // isms.ErrConflict if someone wrote first
//	for r, err := range risks.All(ctx) { ... }
//
// Services (risk.NewRegister and those that follow) take the *Store and a
// tenant. The one extension point is package driver: a host that keeps its
// ISMS in its own tables implements driver.Backend once, runs
// storetest.RunBackend against it, and every domain works on it.
//
// A repository is bound to its tenant when it is made: no call through it
// can reach another tenant's data.
//
// # Concurrency
//
// Writes are optimistic: every update and delete names the revision it
// read, and a stale revision is isms.ErrConflict, so no update is ever
// lost. Callers retry by reading again.
//
// A Store, its repositories and every backend are safe for concurrent
// use. Repository.All and AllShared read the next page while the current
// one is yielded, and decode a large page on up to GOMAXPROCS goroutines;
// neither changes what they yield or in which order.
//
// # Decoding
//
// Stored documents are JSON, decoded leniently as json.Unmarshal decodes
// them (a field written by a newer version of a program is ignored). An
// entity type may decode its documents itself, without reflection, by
// implementing Unmarshaler with exactly json.Unmarshal's result, as
// risk.Risk does; a type that implements Cloner is kept in a
// repository's cache of decoded values.
//
// # Errors
//
// Errors of this package carry no package prefix and name the record
// once ("risk \"risk-0001\" not found"), so a service adds exactly one
// prefix at its boundary ("risk: assess: risk \"risk-0001\" not found").
// They answer errors.Is with the isms categories.
//
// # The journal
//
// Each write appends, atomically with it, a JournalEntry to the tenant's
// journal: who (the actor from isms.WithActor, never empty), when, what
// (kind, id, revision, operation), the SHA-256 of the data written, and the
// hash of the previous entry. Store.VerifyJournal re-computes the chain and
// reports the first broken link, so any change to past entries is
// detected. The hash input is documented on driver.JournalEntry.ComputeHash
// so an auditor can re-perform it with any SHA-256 tool.
//
// Package storetest holds the conformance suite every backend must pass.
package store
