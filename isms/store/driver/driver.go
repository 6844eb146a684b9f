package driver

import (
	"context"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Key identifies one record: a tenant's record of one kind.
type Key struct {
	Tenant string
	Kind   string
	ID     isms.ID
}

// Record is one stored JSON document. Revision is 1 after its create and
// one more per update. Times are in UTC at microsecond precision.
type Record struct {
	Key
	Revision  int64
	Data      []byte
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Write is what the journal records of a write besides the record's key
// and revision: who made it, when, and the SHA-256 of the data written
// (of no bytes for a delete). Package store fills it in; Time is also the
// record's new UpdatedAt (and CreatedAt on a create).
type Write struct {
	Actor    string
	Time     time.Time
	DataHash Hash
}

// Backend stores records for every tenant and kind and keeps each
// tenant's journal. Package store has already checked every argument:
// keys are valid (non-empty tenant and kind, a valid ID), revisions are not
// negative, Data is non-empty JSON, actors are non-empty, limits are in
// [1, MaxLimit], and times are UTC at microsecond precision.
//
// Ownership: Put takes ownership of rec.Data, which the caller will not
// modify afterwards, so a backend may keep the slice. Get and List return
// Data the caller only reads; a backend must never modify a slice after
// returning it (replace stored data, do not overwrite it in place).
//
// Errors: a missing record answers isms.ErrNotFound, a lost race
// isms.ErrConflict, a closed backend isms.ErrUnsupported, and a done
// context its own error. Messages carry no package prefix and name the
// record once (isms.NotFoundError and isms.ConflictError do).
type Backend interface {
	// Get returns the record with key k.
	Get(ctx context.Context, k Key) (Record, error)
	// Put creates the record when rec.Revision is 0 (isms.ErrConflict if it
	// exists) and otherwise updates it, provided rec.Revision is the stored
	// revision (isms.ErrConflict if not, isms.ErrNotFound if there is no
	// record). The stored record gets revision rec.Revision+1; a create
	// keeps rec's CreatedAt and UpdatedAt, an update keeps the stored
	// CreatedAt and takes rec's UpdatedAt. In the same atomic step Put
	// appends a journal entry for the write (OpCreate or OpUpdate, the new
	// revision, w's actor, time and data hash). It returns the stored
	// record.
	Put(ctx context.Context, rec Record, w Write) (Record, error)
	// Delete removes the record with key k if revision is the stored
	// revision (isms.ErrConflict if not, isms.ErrNotFound if there is no
	// record), and in the same atomic step journals an OpDelete entry with
	// that revision.
	Delete(ctx context.Context, k Key, revision int64, w Write) error
	// List returns at most limit records of the tenant and kind whose ID
	// sorts after after (all records when after is ""), in ascending byte
	// order of ID.
	List(ctx context.Context, tenant, kind string, after isms.ID, limit int) ([]Record, error)
	// ReadJournal returns at most limit entries of the tenant's journal
	// with a sequence above after, in ascending sequence.
	ReadJournal(ctx context.Context, tenant string, after int64, limit int) ([]JournalEntry, error)
	// Close releases the backend's resources; later calls fail with
	// isms.ErrUnsupported. Closing twice is not an error.
	Close() error
}

// MaxLimit is the largest page a Backend is asked for.
const MaxLimit = 1001
