package sqlstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/sqlstore"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

const (
	crashKind    = "crash.widget"
	crashRecords = 8
)

func crashID(i int) isms.ID { return isms.ID("c" + strconv.Itoa(i)) }

// childCrash writes in a loop until it is killed: single updates and
// batches of updates of several records, each record's N one less than its
// revision. It prints "ready" once it has written.
func childCrash() error {
	s, db, err := childStore()
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := store.NewRepository[storetest.Widget](s, childTenant, crashKind)
	if err != nil {
		return err
	}
	ctx := isms.WithActor(context.Background(), "crash-child")
	bump := func(w *storetest.Widget) {
		w.N++
		w.Text = fmt.Sprintf("generation %d of %s written by process %d", w.N, w.ID, os.Getpid())
	}
	for i := 0; ; i++ {
		if i%3 == 2 { // a batch of every record, in one transaction
			var b store.Batch
			for j := range crashRecords {
				w, err := r.Get(ctx, crashID(j))
				if err != nil {
					return err
				}
				bump(w)
				if err := r.BatchUpdate(&b, w); err != nil {
					return err
				}
			}
			if err := s.Apply(ctx, &b); err != nil {
				return err
			}
		} else {
			w, err := r.Get(ctx, crashID(i%crashRecords))
			if err != nil {
				return err
			}
			bump(w)
			if err := r.Update(ctx, w); err != nil {
				return err
			}
		}
		if i == 5 {
			fmt.Println("ready")
		}
	}
}

// TestCrashRounds kills a writing child process with SIGKILL at random
// moments (20 rounds per dialect, 5 with -short) and checks after each that
// the database reopens with every record a whole version — its N matches
// its revision — the journal verifying, and the last journal entry of each
// record matching it (same revision, same data hash). On SQLite the child
// writes to a file; on PostgreSQL its connection dies mid-transaction.
func TestCrashRounds(t *testing.T) {
	rounds := 20
	if testing.Short() {
		rounds = 5
	}
	for _, pt := range procTargets() {
		if pt.name == "sqlite/ncruces" && testing.Short() {
			continue
		}
		t.Run(pt.name, func(t *testing.T) {
			dsn, opts := pt.open(t)
			ctx := isms.WithActor(context.Background(), "parent")
			func() {
				db := openDB(t, pt.driver, dsn)
				s, err := sqlstore.Open(ctx, db, pt.dialect(), opts)
				if err != nil {
					t.Fatal(err)
				}
				r, err := store.NewRepository[storetest.Widget](s, childTenant, crashKind)
				if err != nil {
					t.Fatal(err)
				}
				for i := range crashRecords {
					if err := r.Create(ctx, &storetest.Widget{Meta: isms.Meta{ID: crashID(i)}}); err != nil {
						t.Fatal(err)
					}
				}
				db.Close()
			}()
			const seed = 12
			rng := rand.New(rand.NewPCG(seed, uint64(len(pt.name))))
			t.Logf("seed %d", seed)
			for round := range rounds {
				cmd, out := spawn(t, "crash", pt.childEnv(dsn, opts)...)
				line, err := out.ReadString('\n')
				if err != nil || line != "ready\n" {
					_ = cmd.Process.Kill()
					_ = cmd.Wait()
					t.Fatalf("round %d: child said %q, %v", round, line, err)
				}
				time.Sleep(time.Duration(5+rng.IntN(120)) * time.Millisecond)
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				_ = cmd.Wait()
				checkAfterCrash(t, pt, dsn, opts, round)
			}
		})
	}
}

func checkAfterCrash(t *testing.T, pt procTarget, dsn string, opts *sqlstore.Options, round int) {
	t.Helper()
	db := openDB(t, pt.driver, dsn)
	defer db.Close()
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, db, pt.dialect(), opts)
	if err != nil {
		t.Fatalf("round %d: reopen: %v", round, err)
	}
	if err := s.VerifyJournal(ctx, childTenant); err != nil {
		t.Fatalf("round %d: journal: %v", round, err)
	}
	last := map[isms.ID]store.JournalEntry{}
	var n int64
	for {
		page, err := s.ReadJournal(ctx, childTenant, store.JournalOptions{AfterSequence: n, Limit: store.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, e := range page {
			last[e.ID] = e
		}
		n = page[len(page)-1].Sequence
	}
	b := s.Backend()
	for i := range crashRecords {
		id := crashID(i)
		rec, err := b.Get(ctx, driver.Key{Tenant: childTenant, Kind: crashKind, ID: id})
		if err != nil {
			t.Fatalf("round %d: %s: %v", round, id, err)
		}
		r, _ := store.NewRepository[storetest.Widget](s, childTenant, crashKind)
		w, err := r.Get(ctx, id)
		if err != nil {
			t.Fatalf("round %d: %s: %v", round, id, err)
		}
		if int64(w.N) != w.Revision-1 {
			t.Errorf("round %d: %s has n %d at revision %d: a torn write", round, id, w.N, w.Revision)
		}
		e := last[id]
		if e.Revision != rec.Revision || e.DataHash != driver.DataHash(rec.Data) || e.Operation == driver.OpDelete {
			t.Errorf("round %d: %s at revision %d does not match its last journal entry %d (revision %d, %s)", round, id, rec.Revision, e.Sequence, e.Revision, e.Operation)
		}
	}
	if round == 0 || testing.Verbose() {
		t.Logf("round %d: %d journal entries, all consistent", round, n)
	}
}
