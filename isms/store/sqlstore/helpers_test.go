package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/ncruces/go-sqlite3/driver"
	_ "modernc.org/sqlite"

	"github.com/ismskit/ismskit/isms/store/sqlstore"
)

// target is one database the tests run against: a dialect, a driver and
// where the data lives.
type target struct {
	name    string
	dialect sqlstore.Dialect
	// open returns a new, empty database and the options to open it with;
	// it registers its cleanup with t.
	open func(t testing.TB) (*sql.DB, *sqlstore.Options)
}

// sqliteDSN returns the driver's DSN for the SQLite file path, with the
// busy timeout and WAL mode set on every connection.
func sqliteDSN(driverName, path string) string {
	return "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"
}

func openDB(t testing.TB, driverName, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		t.Fatalf("sql.Open(%s): %v", driverName, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func sqliteFile(driverName string) func(t testing.TB) (*sql.DB, *sqlstore.Options) {
	return func(t testing.TB) (*sql.DB, *sqlstore.Options) {
		path := filepath.Join(t.TempDir(), "isms.db")
		return openDB(t, driverName, sqliteDSN(driverName, path)), nil
	}
}

func sqliteMemory(driverName string) func(t testing.TB) (*sql.DB, *sqlstore.Options) {
	return func(t testing.TB) (*sql.DB, *sqlstore.Options) {
		return openDB(t, driverName, ":memory:"), nil
	}
}

var schemaSeq atomic.Int64

// postgresDSN returns the DSN of the test server. Without one, or when it
// does not answer, the test fails on CI (CI=true) and is skipped elsewhere.
func postgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("ISMS_TEST_POSTGRES_DSN")
	unavailable := func(why string) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL tests: %s (CI=true requires ISMS_TEST_POSTGRES_DSN to reach a server)", why)
		}
		t.Skipf("PostgreSQL tests skipped: %s", why)
	}
	if dsn == "" {
		unavailable("ISMS_TEST_POSTGRES_DSN is not set")
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		unavailable(err.Error())
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		unavailable(fmt.Sprintf("cannot reach %s: %v", redact(dsn), err))
	}
	return dsn
}

func redact(dsn string) string {
	if i := strings.Index(dsn, "@"); i >= 0 {
		if j := strings.Index(dsn, "://"); j >= 0 && j < i {
			return dsn[:j+3] + "…" + dsn[i:]
		}
	}
	return dsn
}

// newSchemaName returns a schema name unique to this process and call.
func newSchemaName() string {
	return fmt.Sprintf("ismstest_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1_000_000, schemaSeq.Add(1))
}

// dropSchema removes a test schema and everything in it.
func dropSchema(t testing.TB, dsn, schema string) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
		return
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
	}
}

// postgres opens the test server with a schema of its own, dropped when
// the test ends.
func postgres(t testing.TB) (*sql.DB, *sqlstore.Options) {
	dsn := postgresDSN(t)
	schema := newSchemaName()
	t.Cleanup(func() { dropSchema(t, dsn, schema) })
	db := openDB(t, "pgx", dsn)
	db.SetMaxOpenConns(12)
	return db, &sqlstore.Options{Schema: schema}
}

func targets() []target {
	return []target{
		{"sqlite/modernc/file", sqlstore.SQLite, sqliteFile("sqlite")},
		{"sqlite/modernc/memory", sqlstore.SQLite, sqliteMemory("sqlite")},
		{"sqlite/ncruces/file", sqlstore.SQLite, sqliteFile("sqlite3")},
		{"sqlite/ncruces/memory", sqlstore.SQLite, sqliteMemory("sqlite3")},
		{"postgres/pgx", sqlstore.PostgreSQL, postgres},
	}
}

// available skips (or, on CI, fails) a PostgreSQL test without a server,
// once for the whole test rather than in every subtest.
func (tg target) available(t testing.TB) {
	t.Helper()
	if tg.dialect == sqlstore.PostgreSQL {
		postgresDSN(t)
	}
}

func newBackend(t testing.TB, tg target) *sqlstore.Backend {
	t.Helper()
	db, opts := tg.open(t)
	b, err := sqlstore.NewBackend(context.Background(), db, tg.dialect, opts)
	if err != nil {
		t.Fatalf("NewBackend(%s): %v", tg.name, err)
	}
	return b
}
