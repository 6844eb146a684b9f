package sqlstore_test

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/sqlstore"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// The multi-process tests re-run this test binary as a child process,
// selected by these environment variables; TestMain runs the child's job
// instead of the tests.
const (
	envMode     = "ISMS_SQLSTORE_CHILD"
	envDriver   = "ISMS_SQLSTORE_CHILD_DRIVER"
	envDSN      = "ISMS_SQLSTORE_CHILD_DSN"
	envSchema   = "ISMS_SQLSTORE_CHILD_SCHEMA"
	envWorkers  = "ISMS_SQLSTORE_CHILD_WORKERS"
	envRounds   = "ISMS_SQLSTORE_CHILD_ROUNDS"
	childTenant = "proc"
)

func TestMain(m *testing.M) {
	switch os.Getenv(envMode) {
	case "":
		os.Exit(m.Run())
	case "storm":
		exitWith(childStorm())
	case "crash":
		exitWith(childCrash())
	default:
		exitWith(fmt.Errorf("unknown child mode %q", os.Getenv(envMode)))
	}
}

func exitWith(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// childStore opens the store the parent named in the environment.
func childStore() (*store.Store, *sql.DB, error) {
	driverName := os.Getenv(envDriver)
	db, err := sql.Open(driverName, os.Getenv(envDSN))
	if err != nil {
		return nil, nil, err
	}
	dialect := sqlstore.SQLite
	var opts *sqlstore.Options
	if driverName == "pgx" {
		dialect = sqlstore.PostgreSQL
		opts = &sqlstore.Options{Schema: os.Getenv(envSchema)}
		db.SetMaxOpenConns(8)
	}
	s, err := sqlstore.Open(context.Background(), db, dialect, opts)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return s, db, nil
}

func envInt(name string) int {
	n, _ := strconv.Atoi(os.Getenv(name))
	return n
}

// childStorm increments the parent's counter by read-modify-write from
// several goroutines, retrying on conflicts.
func childStorm() error {
	s, db, err := childStore()
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := store.NewRepository[storetest.Widget](s, childTenant, storetest.StormKind)
	if err != nil {
		return err
	}
	ctx := isms.WithActor(context.Background(), "child-"+strconv.Itoa(os.Getpid()))
	var wg sync.WaitGroup
	errs := make(chan error, envInt(envWorkers))
	for range envInt(envWorkers) {
		wg.Go(func() {
			for range envInt(envRounds) {
				for {
					w, err := r.Get(ctx, "counter")
					if err != nil {
						errs <- err
						return
					}
					w.N++
					err = r.Update(ctx, w)
					if err == nil {
						break
					}
					if !errors.Is(err, isms.ErrConflict) {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// spawn starts this test binary as a child in mode, with env added.
func spawn(t *testing.T, mode string, env ...string) (*exec.Cmd, *bufio.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), envMode+"="+mode), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start child: %v", err)
	}
	return cmd, bufio.NewReader(out)
}

// procTarget is a database several processes can share.
type procTarget struct {
	name   string
	driver string
	// open returns the DSN and the options (schema) of a new database.
	open func(t *testing.T) (dsn string, opts *sqlstore.Options)
}

func procTargets() []procTarget {
	sqliteFileDSN := func(driverName string) func(t *testing.T) (string, *sqlstore.Options) {
		return func(t *testing.T) (string, *sqlstore.Options) {
			return sqliteDSN(driverName, t.TempDir()+"/isms.db"), nil
		}
	}
	return []procTarget{
		{"sqlite/modernc", "sqlite", sqliteFileDSN("sqlite")},
		{"sqlite/ncruces", "sqlite3", sqliteFileDSN("sqlite3")},
		{"postgres/pgx", "pgx", func(t *testing.T) (string, *sqlstore.Options) {
			dsn := postgresDSN(t)
			schema := newSchemaName()
			t.Cleanup(func() { dropSchema(t, dsn, schema) })
			return dsn, &sqlstore.Options{Schema: schema}
		}},
	}
}

func (p procTarget) dialect() sqlstore.Dialect {
	if p.driver == "pgx" {
		return sqlstore.PostgreSQL
	}
	return sqlstore.SQLite
}

func (p procTarget) childEnv(dsn string, opts *sqlstore.Options) []string {
	env := []string{envDriver + "=" + p.driver, envDSN + "=" + dsn}
	if opts != nil {
		env = append(env, envSchema+"="+opts.Schema)
	}
	return env
}

// TestMultiProcessStorm runs the storm from 4 processes at once against one
// database: 4 processes x 8 goroutines x 200 increments = 6,400 (in -short
// mode 4 x 2 x 100 = 800), none lost, and a journal without a gap.
func TestMultiProcessStorm(t *testing.T) {
	const procs = 4
	workers, rounds := 8, 200
	if testing.Short() {
		workers, rounds = 2, 100
	}
	for _, pt := range procTargets() {
		t.Run(pt.name, func(t *testing.T) {
			dsn, opts := pt.open(t)
			db := openDB(t, pt.driver, dsn)
			s, err := sqlstore.Open(context.Background(), db, pt.dialect(), opts)
			if err != nil {
				t.Fatal(err)
			}
			r, err := store.NewRepository[storetest.Widget](s, childTenant, storetest.StormKind)
			if err != nil {
				t.Fatal(err)
			}
			ctx := isms.WithActor(context.Background(), "parent")
			if err := r.Create(ctx, &storetest.Widget{Meta: isms.Meta{ID: "counter"}}); err != nil {
				t.Fatal(err)
			}
			env := append(pt.childEnv(dsn, opts), envWorkers+"="+strconv.Itoa(workers), envRounds+"="+strconv.Itoa(rounds))
			var cmds []*exec.Cmd
			for range procs {
				cmd, _ := spawn(t, "storm", env...)
				cmds = append(cmds, cmd)
			}
			for i, cmd := range cmds {
				if err := cmd.Wait(); err != nil {
					t.Errorf("child %d: %v", i, err)
				}
			}
			want := procs * workers * rounds
			w, err := r.Get(ctx, "counter")
			if err != nil {
				t.Fatal(err)
			}
			if w.N != want || w.Revision != int64(want)+1 {
				t.Errorf("counter = %d at revision %d, want %d at %d: updates were lost", w.N, w.Revision, want, want+1)
			}
			if err := s.VerifyJournal(ctx, childTenant); err != nil {
				t.Errorf("journal: %v", err)
			}
			last, err := s.ReadJournal(ctx, childTenant, store.JournalOptions{AfterSequence: int64(want)})
			if err != nil || len(last) != 1 || last[0].Sequence != int64(want)+1 {
				t.Errorf("journal after entry %d = %+v, %v; want exactly entry %d (no gap, no duplicate)", want, last, err, want+1)
			}
		})
	}
}
