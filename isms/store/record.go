package store

import (
	"context"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Record is one stored JSON document, keyed by (Tenant, Kind, ID).
// Revision is 0 for a record not yet written, 1 after its create and one
// more per update. Times are stored in UTC at microsecond precision.
type Record struct {
	Tenant    string
	Kind      string
	ID        isms.ID
	Revision  int64
	Data      []byte
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Ref returns a Ref to the record's entity.
func (r Record) Ref() isms.Ref { return isms.Ref{Kind: r.Kind, ID: r.ID} }

// Clone returns a deep copy of r: its Data shares no memory with r's.
func (r Record) Clone() Record {
	if r.Data != nil {
		r.Data = append([]byte(nil), r.Data...)
	}
	return r
}

// ListOptions selects one page of a listing. Limit <= 0 means DefaultLimit,
// and a Limit above MaxLimit is lowered to MaxLimit. PageToken is "" for the
// first page, and otherwise the token the previous page returned.
type ListOptions struct {
	Limit     int
	PageToken string
}

// Page sizes for List.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// EffectiveLimit returns the page size a backend uses for o.
func (o ListOptions) EffectiveLimit() int {
	switch {
	case o.Limit <= 0:
		return DefaultLimit
	case o.Limit > MaxLimit:
		return MaxLimit
	}
	return o.Limit
}

// Backend stores records for every tenant and kind. It is the one interface
// a storage implementation provides; typed access for every domain comes
// from NewRepository. Implementations must be safe for concurrent use, must
// not retain or share memory with the records passed in or returned, and
// must honour context cancellation.
//
// Every write also appends an entry to the tenant's journal, atomically with
// the write, when the backend keeps one (see JournalReader).
type Backend interface {
	// Get returns the record, or an error answering isms.ErrNotFound.
	Get(ctx context.Context, tenant, kind string, id isms.ID) (Record, error)
	// Put creates the record when rec.Revision is 0 (isms.ErrConflict if it
	// exists) and otherwise updates it, provided rec.Revision equals the
	// stored revision (isms.ErrConflict if not, isms.ErrNotFound if there
	// is no record). It returns the stored record with its new revision and
	// times: a zero CreatedAt or UpdatedAt is set from the backend's clock,
	// and an update keeps the stored CreatedAt.
	Put(ctx context.Context, rec Record) (Record, error)
	// Delete removes the record if revision equals the stored revision
	// (isms.ErrConflict if not, isms.ErrNotFound if there is no record).
	Delete(ctx context.Context, tenant, kind string, id isms.ID, revision int64) error
	// List returns one page of the tenant's records of kind in ascending
	// byte order of ID, and the token of the next page ("" after the last).
	// A token is opaque and valid only for the same tenant and kind.
	List(ctx context.Context, tenant, kind string, opts ListOptions) ([]Record, string, error)
	// Close releases the backend's resources.
	Close() error
}

// CheckKey reports whether tenant, kind and id can key a record. Backends
// call it first in every method.
func CheckKey(tenant, kind string, id isms.ID) error {
	var ps isms.Problems
	if tenant == "" {
		ps.Add("tenant", isms.CodeRequired, "tenant is required")
	}
	if kind == "" {
		ps.Add("kind", isms.CodeRequired, "kind is required")
	}
	if err := id.Validate(); err != nil {
		ps.Add("id", isms.CodeMalformed, err.Error())
	}
	return ps.Err("record key")
}

// CheckScope reports whether tenant and kind can scope a listing.
func CheckScope(tenant, kind string) error {
	var ps isms.Problems
	if tenant == "" {
		ps.Add("tenant", isms.CodeRequired, "tenant is required")
	}
	if kind == "" {
		ps.Add("kind", isms.CodeRequired, "kind is required")
	}
	return ps.Err("record scope")
}

// CheckPut reports whether rec can be written: a valid key, a
// non-negative revision and data present.
func CheckPut(rec Record) error {
	var ps isms.Problems
	ps.Merge("", CheckKey(rec.Tenant, rec.Kind, rec.ID))
	if rec.Revision < 0 {
		ps.Add("revision", isms.CodeOutOfRange, "revision is negative")
	}
	if len(rec.Data) == 0 {
		ps.Add("data", isms.CodeRequired, "data is required")
	}
	return ps.Err("record")
}
