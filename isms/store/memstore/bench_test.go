package memstore_test

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// doc1K is a 1 KB JSON document.
var doc1K = func() []byte {
	var b bytes.Buffer
	b.WriteString(`{"title":"`)
	for b.Len() < 1022 {
		b.WriteByte('x')
	}
	b.WriteString(`"}`)
	return b.Bytes()
}()

var (
	benchCtx   = isms.WithActor(context.Background(), "bench")
	benchWrite = driver.Write{Actor: "bench", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	benchSizes = []int{1_000, 100_000, 1_000_000}
)

func key(i int) driver.Key {
	return driver.Key{Tenant: "t", Kind: "k", ID: isms.ID(fmt.Sprintf("id-%08d", i))}
}

// filled returns a backend holding n small records id-00000000 ... in one
// tenant and kind, created in a scrambled order, so its journal has n
// entries.
func filled(b *testing.B, n int) *memstore.Backend {
	b.Helper()
	d := memstore.NewBackend()
	data := []byte(`{"n":1}`)
	w := benchWrite
	w.DataHash = driver.DataHash(data)
	for i := range n {
		j := (i * 7919) % n // a permutation when n is not a multiple of 7919
		if _, err := d.Put(benchCtx, driver.Record{Key: key(j), Data: data}, w); err != nil {
			b.Fatal(err)
		}
	}
	return d
}

func sizes(b *testing.B, fn func(b *testing.B, n int)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { fn(b, n) })
	}
}

// BenchmarkPutGet1K is one update (data hash included) and one read of a
// 1 KB document in a store of n records: the figure the kernel issue
// targets (under 3 µs, flat in n).
func BenchmarkPutGet1K(b *testing.B) {
	sizes(b, func(b *testing.B, n int) {
		d := filled(b, n)
		k := key(n / 2)
		rec, err := d.Get(benchCtx, k)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			w := benchWrite
			w.DataHash = driver.DataHash(doc1K)
			rec.Data = doc1K
			if _, err := d.Put(benchCtx, rec, w); err != nil {
				b.Fatal(err)
			}
			if rec, err = d.Get(benchCtx, k); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkListAfterDelete deletes a record, creates it again and lists
// the first page (100 records) in a store of n records: a listing after
// every kind of write, which must not re-sort the keys.
func BenchmarkListAfterDelete(b *testing.B) {
	sizes(b, func(b *testing.B, n int) {
		d := filled(b, n)
		k := key(n / 3)
		data := []byte(`{"n":1}`)
		b.ReportAllocs()
		for b.Loop() {
			if err := d.Delete(benchCtx, k, 1, benchWrite); err != nil {
				b.Fatal(err)
			}
			if _, err := d.Put(benchCtx, driver.Record{Key: k, Data: data}, benchWrite); err != nil {
				b.Fatal(err)
			}
			recs, err := d.List(benchCtx, "t", "k", "", 100)
			if err != nil || len(recs) != 100 {
				b.Fatal(len(recs), err)
			}
		}
	})
}

// BenchmarkVerifyJournal verifies a journal of n entries through the
// portable store.
func BenchmarkVerifyJournal(b *testing.B) {
	sizes(b, func(b *testing.B, n int) {
		s := store.New(filled(b, n), nil)
		b.ReportAllocs()
		for b.Loop() {
			if err := s.VerifyJournal(benchCtx, "t"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGC is one forced garbage collection with n records (and n
// journal entries) live: what the store's memory layout costs the GC.
func BenchmarkGC(b *testing.B) {
	sizes(b, func(b *testing.B, n int) {
		d := filled(b, n)
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		for b.Loop() {
			runtime.GC()
		}
		b.ReportMetric(float64(before.HeapAlloc)/float64(n), "heap-B/record")
		runtime.KeepAlive(d)
	})
}

// BenchmarkRepositoryRoundTrip is one typed Update and Get of a ~1 KB
// entity through a repository: JSON both ways, validation, the backend
// write with its journal entry.
func BenchmarkRepositoryRoundTrip(b *testing.B) {
	r, err := store.NewRepository[storetest.Widget](memstore.New(), "acme", "widget")
	if err != nil {
		b.Fatal(err)
	}
	w := &storetest.Widget{Text: string(doc1K[:1000])}
	if err := r.Create(benchCtx, w); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w.N++
		if err := r.Update(benchCtx, w); err != nil {
			b.Fatal(err)
		}
		if w, err = r.Get(benchCtx, w.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetParallel reads one record from every core at once. Get
// takes no lock and shares the stored data instead of copying it, so
// reads scale with the cores: compare -cpu 1,2.
func BenchmarkGetParallel(b *testing.B) {
	d := filled(b, 1000)
	k := key(500)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := d.Get(benchCtx, k); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGetParallelKeys reads different records from every core, each
// goroutine walking the 1,000 records from its own starting point.
func BenchmarkGetParallelKeys(b *testing.B) {
	d := filled(b, 1000)
	keys := make([]driver.Key, 1000)
	for i := range keys {
		keys[i] = key(i)
	}
	var start atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := int(start.Add(397))
		for pb.Next() {
			i = (i + 1) % len(keys)
			if _, err := d.Get(benchCtx, keys[i]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPutParallelTenants updates a 1 KB record of a different tenant
// from every core: each tenant's writes are serialised (its journal is a
// chain), but different tenants' writes proceed in parallel.
func BenchmarkPutParallelTenants(b *testing.B) {
	d := memstore.NewBackend()
	var next atomic.Int64
	w := benchWrite
	w.DataHash = driver.DataHash(doc1K)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		k := driver.Key{Tenant: fmt.Sprintf("t%d", next.Add(1)), Kind: "k", ID: "r"}
		rec, err := d.Put(benchCtx, driver.Record{Key: k, Data: doc1K}, w)
		if err != nil {
			b.Fatal(err)
		}
		for pb.Next() {
			if rec, err = d.Put(benchCtx, rec, w); err != nil {
				b.Fatal(err)
			}
		}
	})
}
