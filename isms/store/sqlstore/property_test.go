package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/isms/store/sqlstore"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// TestMatchesMemstore is a property test: goroutines make random creates,
// updates and deletes (many of them refused: stale revisions, duplicates,
// missing records) on each dialect; replaying the successful ones on
// memstore, in the order of the SQL journal, must succeed write for write
// and end in the same records, byte for byte.
func TestMatchesMemstore(t *testing.T) {
	const goroutines, opsEach = 4, 150
	tenants := []string{"t1", "t2"}
	kinds := []string{"k1", "k2"}
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			tg.available(t)
			b := newBackend(t, tg)
			rec := &recorder{Backend: b, written: map[driver.Hash][]byte{}}
			s := store.New(rec, nil)
			var mu sync.Mutex
			written := rec.written // data of every successful write
			successes := 0
			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Go(func() {
					rng := rand.New(rand.NewPCG(uint64(g), 12))
					ctx := isms.WithActor(context.Background(), fmt.Sprintf("g%d", g))
					stale := map[isms.ID]int64{}
					for i := range opsEach {
						r, _ := store.NewRepository[storetest.Widget](s, tenants[rng.IntN(2)], kinds[rng.IntN(2)])
						id := isms.ID(fmt.Sprintf("r%d", rng.IntN(6)))
						text := fmt.Sprintf("g%d op%d", g, i)
						var w *storetest.Widget
						var err error
						switch op := rng.IntN(4); op {
						case 0:
							w = &storetest.Widget{Meta: isms.Meta{ID: id}, N: rng.IntN(100), Text: text}
							err = r.Create(ctx, w)
						case 1, 2:
							if w, err = r.Get(ctx, id); err == nil {
								if op == 2 && stale[id] > 0 {
									w.Revision = stale[id] // often stale
								}
								stale[id] = w.Revision
								w.N, w.Text = rng.IntN(100), text
								err = r.Update(ctx, w)
							}
						case 3:
							if w, err = r.Get(ctx, id); err == nil {
								err = r.Delete(ctx, id, w.Revision)
							}
						}
						if err != nil && !errors.Is(err, isms.ErrConflict) && !errors.Is(err, isms.ErrNotFound) {
							t.Errorf("g%d op %d: %v", g, i, err)
							return
						}
						if err != nil {
							continue
						}
						mu.Lock()
						successes++
						mu.Unlock()
					}
				})
			}
			wg.Wait()

			if rec.len() == 0 {
				t.Fatal("no write succeeded")
			}
			mem := memstore.NewBackend()
			ctx := context.Background()
			entries := 0
			for _, tenant := range tenants {
				journal := readJournal(t, s, tenant)
				entries += len(journal)
				for _, e := range journal {
					k := driver.Key{Tenant: tenant, Kind: e.Kind, ID: e.ID}
					w := driver.Write{Actor: e.Actor, Time: e.Time, DataHash: e.DataHash}
					var err error
					switch e.Operation {
					case driver.OpDelete:
						err = mem.Delete(ctx, k, e.Revision, w)
					default:
						data, ok := written[e.DataHash]
						if !ok {
							t.Fatalf("journal entry %d of %s: no successful write has its data", e.Sequence, tenant)
						}
						_, err = mem.Put(ctx, driver.Record{Key: k, Revision: e.Revision - 1, Data: data, CreatedAt: e.Time, UpdatedAt: e.Time}, w)
					}
					if err != nil {
						t.Fatalf("replaying entry %d of %s (%s %s at %d) on memstore: %v", e.Sequence, tenant, e.Operation, e.ID, e.Revision, err)
					}
				}
				memJournal, err := mem.ReadJournal(ctx, tenant, 0, driver.MaxLimit)
				if err != nil {
					t.Fatal(err)
				}
				if len(memJournal) != len(journal) || (len(journal) > 0 && memJournal[len(journal)-1].Hash != journal[len(journal)-1].Hash) {
					t.Errorf("%s: memstore's journal does not end where the SQL journal does", tenant)
				}
				for _, kind := range kinds {
					got, _ := b.List(ctx, tenant, kind, "", driver.MaxLimit)
					want, _ := mem.List(ctx, tenant, kind, "", driver.MaxLimit)
					if !slices.EqualFunc(got, want, func(a, b driver.Record) bool {
						return a.Key == b.Key && a.Revision == b.Revision && string(a.Data) == string(b.Data)
					}) {
						t.Errorf("%s/%s: SQL records %v differ from memstore's %v", tenant, kind, brief(got), brief(want))
					}
				}
			}
			if entries != successes {
				t.Errorf("journals hold %d entries for %d successful writes", entries, successes)
			}
			t.Logf("%d successful writes of %d attempted", successes, goroutines*opsEach)
		})
	}
}

// recorder is a driver.Backend that remembers the data of every
// successful Put by its hash.
type recorder struct {
	*sqlstore.Backend
	mu      sync.Mutex
	written map[driver.Hash][]byte
}

func (r *recorder) Put(ctx context.Context, rec driver.Record, w driver.Write) (driver.Record, error) {
	out, err := r.Backend.Put(ctx, rec, w)
	if err == nil {
		r.mu.Lock()
		r.written[w.DataHash] = rec.Data
		r.mu.Unlock()
	}
	return out, err
}

func (r *recorder) len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.written)
}

func brief(recs []driver.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, fmt.Sprintf("%s@%d", r.ID, r.Revision))
	}
	return out
}

func readJournal(t *testing.T, s *store.Store, tenant string) []store.JournalEntry {
	t.Helper()
	var all []store.JournalEntry
	for {
		page, err := s.ReadJournal(context.Background(), tenant, store.JournalOptions{AfterSequence: int64(len(all)), Limit: store.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
	}
}
