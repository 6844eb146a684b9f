package sqlstore

import (
	"regexp"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// Options configures Open, NewBackend and Migrate. A nil *Options, and each
// zero field, means the default.
type Options struct {
	// Store configures the *store.Store that Open returns (clock, IDs).
	Store *store.Options
	// TablePrefix starts the name of every table, so the SDK can live beside
	// a host's own tables: lower-case letters, digits and underscores,
	// starting with a letter or underscore, at most MaxNameLength bytes.
	// Default: "isms_" (tables isms_records, isms_journal,
	// isms_journal_heads and isms_migrations).
	TablePrefix string
	// Schema is the PostgreSQL schema of the tables (same rules as
	// TablePrefix); Migrate creates it when missing. Default: none, the
	// tables are named unqualified and found through the connection's
	// search_path. SQLite refuses a Schema.
	Schema string
	// BusyTimeout is how long a SQLite connection waits for another
	// process's write lock before it tries again (a writer keeps trying for
	// as long as its context allows). Default: 5 s; at most 10 min.
	BusyTimeout time.Duration
	// SQLiteFullSync makes every SQLite commit wait for the disk
	// (PRAGMA synchronous = FULL). The default, NORMAL, is crash safe
	// against a killed process in WAL mode; only a power loss or an
	// operating-system crash can undo the last commits.
	SQLiteFullSync bool
}

// Limits of Options.
const (
	DefaultTablePrefix = "isms_"
	MaxNameLength      = 40
	DefaultBusyTimeout = 5 * time.Second
	MaxBusyTimeout     = 10 * time.Minute
)

var nameRE = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// config is the checked form of Options.
type config struct {
	d        Dialect
	prefix   string
	schema   string
	busy     time.Duration
	fullSync bool
	store    *store.Options
}

func newConfig(d Dialect, opts *Options) (config, error) {
	c := config{d: d, prefix: DefaultTablePrefix, busy: DefaultBusyTimeout}
	var ps isms.Problems
	if !d.IsValid() {
		ps.Addf("dialect", isms.CodeUnknown, "dialect %q is not one of %v", d, dialectValues)
	}
	if opts != nil {
		c.store, c.fullSync = opts.Store, opts.SQLiteFullSync
		if opts.TablePrefix != "" {
			c.prefix = opts.TablePrefix
			if len(c.prefix) > MaxNameLength || !nameRE.MatchString(c.prefix) {
				ps.Addf("table_prefix", isms.CodeMalformed, "table prefix %q must be at most %d lower-case letters, digits and underscores, not starting with a digit", c.prefix, MaxNameLength)
			}
		}
		if opts.Schema != "" {
			c.schema = opts.Schema
			switch {
			case d == SQLite:
				ps.Add("schema", isms.CodeForbidden, "SQLite has no schemas: use TablePrefix")
			case len(c.schema) > MaxNameLength || !nameRE.MatchString(c.schema):
				ps.Addf("schema", isms.CodeMalformed, "schema %q must be at most %d lower-case letters, digits and underscores, not starting with a digit", c.schema, MaxNameLength)
			}
		}
		switch {
		case opts.BusyTimeout < 0:
			ps.Add("busy_timeout", isms.CodeOutOfRange, "busy timeout is negative")
		case opts.BusyTimeout > MaxBusyTimeout:
			ps.Addf("busy_timeout", isms.CodeOutOfRange, "busy timeout is above %v", MaxBusyTimeout)
		case opts.BusyTimeout > 0:
			c.busy = opts.BusyTimeout
		}
	}
	return c, ps.Err("sqlstore options")
}

// qualified returns the prefix of qualified table names ("schema.prefix").
func (c config) qualified() string {
	if c.schema != "" {
		return c.schema + "." + c.prefix
	}
	return c.prefix
}
