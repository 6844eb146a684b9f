package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/sqlstore"
)

// Asset is an entity of the examples.
type Asset struct {
	isms.Meta
	Name string `json:"name"`
}

// useStore writes and reads one asset and verifies the journal.
func useStore(ctx context.Context, s *store.Store) {
	assets, err := store.NewRepository[Asset](s, "acme", "asset")
	if err != nil {
		fmt.Println(err)
		return
	}
	a := &Asset{Name: "Customer database"}
	if err := assets.Create(ctx, a); err != nil {
		fmt.Println(err)
		return
	}
	got, err := assets.Get(ctx, a.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(got.ID, got.Name, "revision", got.Revision)
	fmt.Println("journal verifies:", s.VerifyJournal(ctx, "acme") == nil)
}

func exampleOptions() *sqlstore.Options {
	return &sqlstore.Options{Store: &store.Options{
		Clock: ismstest.NewFixedClock(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)),
		IDs:   ismstest.NewSequentialIDs(),
	}}
}

// Open a SQLite database with modernc.org/sqlite (driver name "sqlite").
// A file path works the same as ":memory:" ("file:isms.db"), and keeps the
// data.
func ExampleOpen() {
	ctx := isms.WithActor(context.Background(), "alice@example.com")
	db, err := sql.Open("sqlite", ":memory:") // import _ "modernc.org/sqlite"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	s, err := sqlstore.Open(ctx, db, sqlstore.SQLite, exampleOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	useStore(ctx, s)
	// Output:
	// asset-0001 Customer database revision 1
	// journal verifies: true
}

// Open a SQLite database with github.com/ncruces/go-sqlite3 (driver name
// "sqlite3"): the same dialect.
func ExampleOpen_ncruces() {
	ctx := isms.WithActor(context.Background(), "alice@example.com")
	db, err := sql.Open("sqlite3", ":memory:") // import _ "github.com/ncruces/go-sqlite3/driver"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	s, err := sqlstore.Open(ctx, db, sqlstore.SQLite, exampleOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	useStore(ctx, s)
	// Output:
	// asset-0001 Customer database revision 1
	// journal verifies: true
}

// Open a PostgreSQL database with github.com/jackc/pgx/v5/stdlib (driver
// name "pgx"), its tables in a schema of their own. The example needs a
// server, so it is compiled but not run; TestConformance runs the same
// calls against ISMS_TEST_POSTGRES_DSN.
func ExampleOpen_postgreSQL() {
	ctx := isms.WithActor(context.Background(), "alice@example.com")
	db, err := sql.Open("pgx", "postgres://isms@localhost:5432/isms") // import _ "github.com/jackc/pgx/v5/stdlib"
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	s, err := sqlstore.Open(ctx, db, sqlstore.PostgreSQL, &sqlstore.Options{Schema: "isms"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	useStore(ctx, s)
}

// Migrations lists the schema changes Migrate applies, for review or for a
// host's own migration tool.
func ExampleMigrations() {
	ms, err := sqlstore.Migrations(sqlstore.PostgreSQL, &sqlstore.Options{Schema: "grc", TablePrefix: "sdk_"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms {
		fmt.Println(m.Version, m.Name)
	}
	// Output:
	// 1 init
}
