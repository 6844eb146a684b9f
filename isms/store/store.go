package store

import (
	"context"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// Options configures New. A nil *Options, and each zero field, means the
// default.
type Options struct {
	// Clock stamps the created and updated times of records and the time of
	// journal entries. Services built on the store (such as risk.Register)
	// date their own records with it too. Default: isms.SystemClock().
	Clock isms.Clock
	// IDs makes the ID of every entity created without one, and the IDs
	// services give to parts of entities; it is told the kind each ID is
	// for. Default: isms.UUIDv7().
	IDs isms.IDSource
}

// Store is the portable handle over a storage backend, as *sql.DB is over
// a database driver. It checks every argument, sets times, hashes data and
// requires an actor for every write before the backend sees the call, and
// it is the one value every service of the SDK is built on.
//
// A Store is safe for concurrent use. The zero value is not usable: call
// New (or memstore.New for the in-memory default).
type Store struct {
	d     driver.Backend
	clock isms.Clock
	ids   isms.IDSource
}

// New returns a Store over the backend d. A nil d gives a Store whose
// every call fails with isms.ErrInvalid.
func New(d driver.Backend, opts *Options) *Store {
	s := &Store{d: d, clock: isms.SystemClock(), ids: isms.UUIDv7()}
	if opts != nil {
		if opts.Clock != nil {
			s.clock = opts.Clock
		}
		if opts.IDs != nil {
			s.ids = opts.IDs
		}
	}
	return s
}

// Clock returns the store's clock.
func (s *Store) Clock() isms.Clock {
	if s == nil {
		return isms.SystemClock()
	}
	return s.clock
}

// IDs returns the store's ID source.
func (s *Store) IDs() isms.IDSource {
	if s == nil {
		return isms.UUIDv7()
	}
	return s.ids
}

// Close closes the backend. Later calls fail with isms.ErrUnsupported.
func (s *Store) Close() error {
	if err := s.usable(); err != nil {
		return err
	}
	return s.d.Close()
}

var errNoBackend = isms.Invalidf("store has no backend (use store.New with a driver.Backend, or memstore.New)")

func (s *Store) usable() error {
	if s == nil || s.d == nil {
		return errNoBackend
	}
	return nil
}

// now returns the store's time, normalized to UTC microseconds.
func (s *Store) now() time.Time { return isms.NormalizeTime(s.clock.Now()) }

// writeInfo returns the journal information of a write made in ctx at
// now: its actor, which every write must have, and the data's hash.
func (s *Store) writeInfo(ctx context.Context, now time.Time, data []byte) (driver.Write, error) {
	actor, err := isms.RequireActor(ctx)
	if err != nil {
		return driver.Write{}, err
	}
	return driver.Write{Actor: actor, Time: now, DataHash: driver.DataHash(data)}, nil
}

// MaxTenantLength and MaxKindLength bound the tenant and kind of a record
// key, in bytes.
const (
	MaxTenantLength = 255
	MaxKindLength   = 255
)

// checkScope reports whether tenant and kind can scope records: non-empty,
// at most 255 bytes, printable without spaces (the rules of isms.ID).
func checkScope(ps *isms.Problems, tenant, kind string) {
	if tenant == "" {
		ps.Add("tenant", isms.CodeRequired, "tenant is required")
	} else if !isms.ID(tenant).IsValid() {
		ps.Add("tenant", isms.CodeMalformed, "tenant must be at most 255 bytes of printable characters without spaces")
	}
	if kind == "" {
		ps.Add("kind", isms.CodeRequired, "kind is required")
	} else if !isms.ID(kind).IsValid() {
		ps.Add("kind", isms.CodeMalformed, "kind must be at most 255 bytes of printable characters without spaces")
	}
}

// Backend returns the backend the store wraps (nil for a nil store), for
// wrapping it in another store or checking it with storetest.
func (s *Store) Backend() driver.Backend {
	if s == nil {
		return nil
	}
	return s.d
}
