package memstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

var testWrite = driver.Write{Actor: "alice", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}

// TestTableAgainstAMap drives one bucket with random creates, updates and
// deletes over a small key space, so that slots are reused after
// tombstones and the table grows and shrinks many times, and compares
// every key's Get and the full listing with a plain map.
func TestTableAgainstAMap(t *testing.T) {
	ctx := isms.WithActor(context.Background(), "alice")
	b := NewBackend()
	rng := rand.New(rand.NewPCG(3, 4))
	want := map[isms.ID]int64{} // id → revision
	for step := range 30000 {
		id := isms.ID(fmt.Sprintf("r%04d", rng.IntN(2000)))
		k := driver.Key{Tenant: "t", Kind: "k", ID: id}
		rev, ok := want[id]
		switch {
		case !ok:
			_, err := b.Put(ctx, driver.Record{Key: k, Data: []byte(`{}`)}, testWrite)
			require.NoError(t, err)
			want[id] = 1
		case rng.IntN(2) == 0:
			require.NoError(t, b.Delete(ctx, k, rev, testWrite))
			delete(want, id)
		default:
			got, err := b.Put(ctx, driver.Record{Key: k, Revision: rev, Data: []byte(`{}`)}, testWrite)
			require.NoError(t, err)
			require.Equal(t, rev+1, got.Revision)
			want[id] = rev + 1
		}
		if step%1499 != 0 {
			continue
		}
		for i := range 2000 {
			id := isms.ID(fmt.Sprintf("r%04d", i))
			got, err := b.Get(ctx, driver.Key{Tenant: "t", Kind: "k", ID: id})
			if rev, ok := want[id]; ok {
				require.NoError(t, err, id)
				require.Equal(t, rev, got.Revision, id)
			} else {
				require.ErrorIs(t, err, isms.ErrNotFound, id)
			}
		}
		recs, err := b.List(ctx, "t", "k", "", driver.MaxLimit)
		require.NoError(t, err)
		require.Len(t, recs, min(len(want), driver.MaxLimit))
		tab := (*(*b.tenants.Load())["t"].buckets.Load())["k"].table.Load()
		assert.Equal(t, len(want), tab.live)
		assert.LessOrEqual(t, 4*tab.used, 3*len(tab.slots), "table over three quarters full")
	}
}

// TestGetDuringGrowth reads records that are known to exist from several
// goroutines while one writer keeps creating records, which makes the
// table grow (and be republished) again and again: no read may miss.
func TestGetDuringGrowth(t *testing.T) {
	ctx := isms.WithActor(context.Background(), "alice")
	b := NewBackend()
	const n = 20000
	var created atomic.Int64 // records 0 .. created-1 exist
	key := func(i int64) driver.Key {
		return driver.Key{Tenant: "t", Kind: "k", ID: isms.ID(fmt.Sprintf("g%06d", i))}
	}
	_, err := b.Put(ctx, driver.Record{Key: key(0), Data: []byte(`{}`)}, testWrite)
	require.NoError(t, err)
	created.Store(1)
	var wg sync.WaitGroup
	var misses atomic.Int64
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(r), 9))
			for created.Load() < n {
				i := rng.Int64N(created.Load())
				if _, err := b.Get(ctx, key(i)); err != nil {
					misses.Add(1)
				}
			}
		}()
	}
	for i := int64(1); i < n; i++ {
		_, err := b.Put(ctx, driver.Record{Key: key(i), Data: []byte(`{}`)}, testWrite)
		require.NoError(t, err)
		created.Store(i + 1)
	}
	wg.Wait()
	assert.Zero(t, misses.Load())
}

// TestZeroAndClosedBackend: a zero or nil Backend and a closed one answer
// isms.ErrUnsupported instead of panicking.
func TestZeroAndClosedBackend(t *testing.T) {
	ctx := isms.WithActor(context.Background(), "alice")
	k := driver.Key{Tenant: "t", Kind: "k", ID: "a"}
	for name, b := range map[string]*Backend{"nil": nil, "zero": {}} {
		_, err := b.Get(ctx, k)
		assert.ErrorIs(t, err, isms.ErrUnsupported, name)
		_, err = b.Put(ctx, driver.Record{Key: k, Data: []byte(`{}`)}, testWrite)
		assert.ErrorIs(t, err, isms.ErrUnsupported, name)
		assert.ErrorIs(t, b.Close(), isms.ErrUnsupported, name)
	}
	b := NewBackend()
	_, err := b.Put(ctx, driver.Record{Key: k, Data: []byte(`{}`)}, testWrite)
	require.NoError(t, err)
	require.NoError(t, b.Close())
	require.NoError(t, b.Close())
	_, err = b.Get(ctx, k)
	assert.ErrorIs(t, err, isms.ErrUnsupported)
	_, err = b.List(ctx, "t", "k", "", 10)
	assert.ErrorIs(t, err, isms.ErrUnsupported)
}
