package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/isms/store/sqlstore"
	"github.com/ismskit/ismskit/risk"
)

var (
	benchT0    = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	benchWrite = driver.Write{Actor: "bench", Time: benchT0}
)

// doc1K is a JSON document of about 1 KB.
func doc1K(i int) []byte {
	return []byte(fmt.Sprintf(`{"id":"r%06d","title":"record %d","text":%q}`, i, i, strings.Repeat("x", 960)))
}

// benchTargets are the file and server databases benchmarks run on.
func benchTargets() []target {
	var out []target
	for _, tg := range targets() {
		if !strings.HasSuffix(tg.name, "/memory") {
			out = append(out, tg)
		}
	}
	return out
}

func benchKey(i int) driver.Key {
	return driver.Key{Tenant: "t", Kind: "k", ID: isms.ID(fmt.Sprintf("r%06d", i))}
}

// fill creates n records of about 1 KB in one batch per 10,000.
func fill(b *testing.B, d *sqlstore.Backend, n int) {
	b.Helper()
	for start := 0; start < n; start += 10_000 {
		var ops []driver.BatchOp
		for i := start; i < min(n, start+10_000); i++ {
			data := doc1K(i)
			w := benchWrite
			w.DataHash = driver.DataHash(data)
			ops = append(ops, driver.BatchOp{Record: driver.Record{Key: benchKey(i), Data: data, CreatedAt: benchT0, UpdatedAt: benchT0}, Write: w})
		}
		if _, err := d.Batch(context.Background(), ops); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPut is one update of a 1 KB record with its journal entry: one
// transaction.
func BenchmarkPut(b *testing.B) {
	for _, tg := range benchTargets() {
		b.Run(tg.name, func(b *testing.B) {
			tg.available(b)
			d := newBackend(b, tg)
			fill(b, d, 1)
			rec, err := d.Get(context.Background(), benchKey(0))
			if err != nil {
				b.Fatal(err)
			}
			w := benchWrite
			w.DataHash = driver.DataHash(rec.Data)
			b.ReportAllocs()
			for b.Loop() {
				if rec, err = d.Put(context.Background(), rec, w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGet reads one 1 KB record of 1,000.
func BenchmarkGet(b *testing.B) {
	for _, tg := range benchTargets() {
		b.Run(tg.name, func(b *testing.B) {
			tg.available(b)
			d := newBackend(b, tg)
			fill(b, d, 1000)
			k := benchKey(500)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Get(context.Background(), k); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkList100 reads a page of 100 records (1 KB each) of 10,000.
func BenchmarkList100(b *testing.B) {
	for _, tg := range benchTargets() {
		b.Run(tg.name, func(b *testing.B) {
			tg.available(b)
			d := newBackend(b, tg)
			fill(b, d, 10_000)
			b.ReportAllocs()
			for b.Loop() {
				recs, err := d.List(context.Background(), "t", "k", "r005000", 100)
				if err != nil || len(recs) != 100 {
					b.Fatal(len(recs), err)
				}
			}
		})
	}
}

// BenchmarkBatch10k creates 10,000 records of 1 KB, with their journal
// entries, in one batch (one transaction) in a fresh tenant each time.
func BenchmarkBatch10k(b *testing.B) {
	for _, tg := range benchTargets() {
		b.Run(tg.name, func(b *testing.B) {
			tg.available(b)
			d := newBackend(b, tg)
			round := 0
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				round++
				ops := make([]driver.BatchOp, 10_000)
				for i := range ops {
					data := doc1K(i)
					w := benchWrite
					w.DataHash = driver.DataHash(data)
					k := benchKey(i)
					k.Tenant = fmt.Sprintf("t%d", round)
					ops[i] = driver.BatchOp{Record: driver.Record{Key: k, Data: data, CreatedAt: benchT0, UpdatedAt: benchT0}, Write: w}
				}
				b.StartTimer()
				if _, err := d.Batch(context.Background(), ops); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRegisterList100k lists 100,000 risks through a new
// risk.Register (its cache empty, so every risk is read and JSON-decoded),
// on memstore and on each SQL target in the same run: the target
// is a SQL listing at least as fast as memstore's before the decoded-value
// cache.
func BenchmarkRegisterList100k(b *testing.B) {
	const n = 100_000
	run := func(b *testing.B, s *store.Store) {
		m := risk.Preset5x5()
		repo, err := store.NewRepository[risk.Risk](s, "bench", risk.Kind)
		if err != nil {
			b.Fatal(err)
		}
		ctx := isms.WithActor(context.Background(), "bench")
		a, err := m.Assess(risk.Rating{Likelihood: m.Likelihood[2].ID, Impact: m.Impact[2].ID}, "benchmark", "ann", benchT0)
		if err != nil {
			b.Fatal(err)
		}
		for start := 0; start < n; start += 10_000 {
			rs := make([]*risk.Risk, 10_000)
			for i := range rs {
				rs[i] = &risk.Risk{Title: fmt.Sprintf("Risk %d", start+i), Owner: "olivia", Category: "cyber", Status: risk.StatusOpen,
					Assets: []isms.Ref{{Kind: isms.KindAsset, ID: "srv-1"}}, Current: a}
			}
			if err := repo.CreateAll(ctx, rs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportAllocs()
		for b.Loop() {
			// A new register each time: its repository's cache of decoded
			// risks starts empty, so every risk is read and decoded.
			cold, err := risk.NewRegister(s, "bench", m, nil)
			if err != nil {
				b.Fatal(err)
			}
			rs, err := cold.List(ctx, nil)
			if err != nil || len(rs) != n {
				b.Fatal(len(rs), err)
			}
		}
	}
	opts := func() *store.Options {
		return &store.Options{Clock: ismstest.NewFixedClock(benchT0), IDs: ismstest.NewSequentialIDs()}
	}
	// The in-memory store in the same run, for the ratio.
	b.Run("memstore", func(b *testing.B) { run(b, memstore.NewStore(opts())) })
	for _, tg := range benchTargets() {
		b.Run(tg.name, func(b *testing.B) {
			tg.available(b)
			run(b, store.New(newBackend(b, tg), opts()))
		})
	}
}

// BenchmarkCommitFloor is the smallest durable write on the same database
// and connection settings as BenchmarkPut: one transaction that updates
// one 1 KB row by its primary key, committed. No Put can be faster; Put
// minus this is the store's own cost (its statements, the journal entry
// and the hash chain). On PostgreSQL with synchronous_commit on, most of
// both is the WAL flush at commit, which the disk decides.
func BenchmarkCommitFloor(b *testing.B) {
	for _, tg := range benchTargets() {
		b.Run(tg.name, func(b *testing.B) {
			tg.available(b)
			db, opts := tg.open(b)
			ctx := context.Background()
			table, ph1, ph2 := "commit_floor", "?", "?"
			if tg.dialect == sqlstore.PostgreSQL {
				ph1, ph2 = "$1", "$2"
				if opts != nil && opts.Schema != "" {
					if _, err := db.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS "`+opts.Schema+`"`); err != nil {
						b.Fatal(err)
					}
					table = `"` + opts.Schema + `".commit_floor`
				}
			}
			if _, err := db.ExecContext(ctx, "CREATE TABLE "+table+" (id integer PRIMARY KEY, data text NOT NULL)"); err != nil {
				b.Fatal(err)
			}
			doc := string(doc1K(0))
			if _, err := db.ExecContext(ctx, "INSERT INTO "+table+" (id, data) VALUES (1, "+ph1+")", doc); err != nil {
				b.Fatal(err)
			}
			update := "UPDATE " + table + " SET data = " + ph1 + " WHERE id = " + ph2
			for b.Loop() {
				tx, err := db.BeginTx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := tx.ExecContext(ctx, update, doc, 1); err != nil {
					b.Fatal(err)
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
