package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/ismskit/ismskit/isms"
)

//go:embed migrations
var migrationFS embed.FS

// Migration is one versioned schema change, embedded in the package.
type Migration struct {
	Version int    `json:"version"`
	Name    string `json:"name"`
	// SQL is the migration's statements with the table names of the
	// options it was made for.
	SQL string `json:"sql"`
}

// Migrations returns the dialect's migrations in version order, with
// table names for opts (which may be nil), for review or for applying
// them with a host's own migration tool.
func Migrations(d Dialect, opts *Options) ([]Migration, error) {
	c, err := newConfig(d, opts)
	if err != nil {
		return nil, err
	}
	return migrations(c)
}

func migrations(c config) ([]Migration, error) {
	dir := path.Join("migrations", string(c.d))
	files, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	r := strings.NewReplacer("{{q}}", c.qualified(), "{{p}}", c.prefix)
	var out []Migration
	for _, f := range files {
		num, name, ok := strings.Cut(strings.TrimSuffix(f.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("sqlstore: migration file %s is not named NNNN_name.sql", f.Name())
		}
		text, err := fs.ReadFile(migrationFS, path.Join(dir, f.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: name, SQL: r.Replace(string(text))})
	}
	slices.SortFunc(out, func(a, b Migration) int { return a.Version - b.Version })
	return out, nil
}

// statements splits a migration at its "-- split" lines.
func (m Migration) statements() []string {
	var out []string
	for _, s := range strings.Split(m.SQL, "-- split\n") {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// Migrate applies the dialect's pending migrations to db, each recorded
// in the migrations table (<prefix>migrations: version, name, applied_at).
// It is idempotent, and safe when several processes run it at once: on
// PostgreSQL the migrations run in one transaction under an advisory lock
// (and create the schema if Options.Schema names one), on SQLite in one
// BEGIN IMMEDIATE transaction, which also switches the database to WAL
// mode. A database migrated by a newer version of the package (a version
// this one does not know) is isms.ErrUnsupported.
func Migrate(ctx context.Context, db *sql.DB, d Dialect, opts *Options) error {
	if ctx == nil {
		return isms.Invalidf("sqlstore: nil context")
	}
	if db == nil {
		return isms.Invalidf("sqlstore: nil *sql.DB")
	}
	cfg, err := newConfig(d, opts)
	if err != nil {
		return err
	}
	b := &Backend{db: db, cfg: cfg, q: newQueries(cfg)}
	return b.migrate(ctx)
}

func (b *Backend) migrate(ctx context.Context) error {
	ms, err := migrations(b.cfg)
	if err != nil {
		return err
	}
	table := b.cfg.qualified() + "migrations"
	if b.cfg.d == SQLite {
		if err := b.walMode(ctx); err != nil {
			return err
		}
	}
	err = b.inTx(ctx, false, func(t *txn) error {
		if b.cfg.d == PostgreSQL {
			key := "ismskit.sqlstore.migrate:" + b.cfg.qualified()
			if _, err := t.exec(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", key); err != nil {
				return err
			}
			if b.cfg.schema != "" {
				if _, err := t.exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+b.cfg.schema); err != nil {
					return err
				}
			}
		}
		ts := "TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP"
		if b.cfg.d == PostgreSQL {
			ts = "TIMESTAMPTZ NOT NULL DEFAULT now()"
		}
		if _, err := t.exec(ctx, "CREATE TABLE IF NOT EXISTS "+table+" (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at "+ts+")"); err != nil {
			return err
		}
		applied, err := appliedVersions(ctx, t, table)
		if err != nil {
			return err
		}
		for _, v := range applied {
			if !slices.ContainsFunc(ms, func(m Migration) bool { return m.Version == v }) {
				return isms.Unsupportedf("sqlstore: the database has migration %d, which this version of the package does not know: upgrade it", v)
			}
		}
		for _, m := range ms {
			if slices.Contains(applied, m.Version) {
				continue
			}
			for _, stmt := range m.statements() {
				if _, err := t.exec(ctx, stmt); err != nil {
					return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
				}
			}
			if _, err := t.exec(ctx, b.cfg.d.rebind("INSERT INTO "+table+" (version, name) VALUES (?, ?)"), m.Version, m.Name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, isms.ErrUnsupported) || errors.Is(err, isms.ErrInvalid) {
			return err
		}
		return fail(ctx, err, "sqlstore: migrate")
	}
	return nil
}

func appliedVersions(ctx context.Context, t *txn, table string) ([]int, error) {
	rows, err := t.q.QueryContext(ctx, "SELECT version FROM "+table+" ORDER BY version")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// walMode switches a SQLite database file to WAL mode (a no-op in memory,
// and once done it stays with the file).
func (b *Backend) walMode(ctx context.Context) error {
	conn, err := b.db.Conn(ctx)
	if err != nil {
		return fail(ctx, err, "sqlstore: migrate")
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", b.cfg.busy.Milliseconds())); err != nil {
		return fail(ctx, err, "sqlstore: migrate")
	}
	var mode string
	err = retryBusy(ctx, func() error {
		return conn.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
	})
	if err != nil {
		return fail(ctx, err, "sqlstore: migrate: WAL mode")
	}
	if mode != "wal" && mode != "memory" {
		return fmt.Errorf("sqlstore: migrate: journal_mode is %q, want wal", mode)
	}
	return nil
}
