package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// Backend is the database/sql driver.Backend behind Open. It is safe for
// concurrent use, within one process and across processes sharing one
// database. The zero value is not usable: call NewBackend.
type Backend struct {
	db  *sql.DB
	cfg config
	q   queries
	// wmu queues this process's SQLite writers in Go, so that they do not
	// poll SQLite's lock; other processes are waited for by busy_timeout.
	wmu    sync.Mutex
	closed atomic.Bool
}

var (
	_ driver.Backend = (*Backend)(nil)
	_ driver.Batcher = (*Backend)(nil)
)

// Open applies the pending migrations to db (see Migrate) and returns a
// Store over it. The *sql.DB stays the caller's: Store.Close stops the
// store but does not close db.
//
//	db, err := sql.Open("sqlite", "file:isms.db") // modernc.org/sqlite
//	s, err := sqlstore.Open(ctx, db, sqlstore.SQLite, nil)
func Open(ctx context.Context, db *sql.DB, d Dialect, opts *Options) (*store.Store, error) {
	b, err := NewBackend(ctx, db, d, opts)
	if err != nil {
		return nil, err
	}
	return store.New(b, b.cfg.store), nil
}

// NewBackend applies the pending migrations to db (see Migrate) and returns
// a Backend over it, for wrapping or for running storetest against; most
// code calls Open.
//
// An in-memory SQLite database exists once per connection, so NewBackend
// limits the pool of a db it finds in memory to one connection.
func NewBackend(ctx context.Context, db *sql.DB, d Dialect, opts *Options) (*Backend, error) {
	if ctx == nil {
		return nil, isms.Invalidf("sqlstore: nil context")
	}
	if db == nil {
		return nil, isms.Invalidf("sqlstore: nil *sql.DB")
	}
	cfg, err := newConfig(d, opts)
	if err != nil {
		return nil, err
	}
	b := &Backend{db: db, cfg: cfg, q: newQueries(cfg)}
	if d == SQLite {
		if err := b.limitMemoryPool(ctx); err != nil {
			return nil, err
		}
	}
	if err := b.migrate(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

// limitMemoryPool sets db to one connection when its main database is in
// memory (PRAGMA database_list names no file).
func (b *Backend) limitMemoryPool(ctx context.Context) error {
	rows, err := b.db.QueryContext(ctx, "PRAGMA database_list")
	if err != nil {
		return fmt.Errorf("sqlstore: open: %w", err)
	}
	defer rows.Close()
	memory := false
	for rows.Next() {
		var seq int64
		var name string
		var file sql.NullString
		if err := rows.Scan(&seq, &name, &file); err != nil {
			return fmt.Errorf("sqlstore: open: %w", err)
		}
		if name == "main" && file.String == "" {
			memory = true
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlstore: open: %w", err)
	}
	if memory {
		b.db.SetMaxOpenConns(1)
	}
	return nil
}

// Dialect returns the backend's dialect.
func (b *Backend) Dialect() Dialect {
	if b == nil {
		return ""
	}
	return b.cfg.d
}

// DB returns the database the backend uses.
func (b *Backend) DB() *sql.DB {
	if b == nil {
		return nil
	}
	return b.db
}

// Close stops the backend: later calls fail with isms.ErrUnsupported. It
// does not close the *sql.DB, which belongs to the caller.
func (b *Backend) Close() error {
	if b != nil {
		b.closed.Store(true)
	}
	return nil
}

var errClosed = isms.Unsupportedf("sqlstore: store is closed")

func (b *Backend) check(ctx context.Context) error {
	if b == nil || b.db == nil {
		return isms.Invalidf("sqlstore: nil backend")
	}
	if ctx == nil {
		return isms.Invalidf("sqlstore: nil context")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.closed.Load() {
		return errClosed
	}
	return nil
}

// fail returns ctx's error when ctx ended (the statement was aborted
// because of it), and otherwise err with what names its record.
func fail(ctx context.Context, err error, format string, args ...any) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if sqlState(err) == "22P05" { // untranslatable character: \u0000 in jsonb
		return isms.Invalidf("%s: PostgreSQL cannot store it as JSONB: %v", fmt.Sprintf(format, args...), err)
	}
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), err)
}
