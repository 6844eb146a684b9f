package memstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunBackend(t, func(t *testing.T) driver.Backend { return NewBackend() })
}

// TestVerifyJournalDetectsTamperingInPlace changes the store's own journal,
// as an intruder with access to the process memory or a faulty backend
// would, and checks that VerifyJournal reports the entry.
func TestVerifyJournalDetectsTamperingInPlace(t *testing.T) {
	ctx := isms.WithActor(context.Background(), "alice")
	b := NewBackend()
	s := store.New(b, nil)
	r, err := store.NewRepository[storetest.Widget](s, "t", "k")
	require.NoError(t, err)
	for _, id := range []isms.ID{"a", "b", "c", "d"} {
		require.NoError(t, r.Create(ctx, &storetest.Widget{Meta: isms.Meta{ID: id}}))
	}
	require.NoError(t, s.VerifyJournal(ctx, "t"))

	tn := (*b.tenants.Load())["t"]
	tn.journal.at(2).actor = tn.strs.intern("mallory")
	err = s.VerifyJournal(ctx, "t")
	var broken *store.BrokenLinkError
	require.ErrorAs(t, err, &broken)
	assert.Equal(t, int64(3), broken.Sequence)
	assert.Equal(t, "t", broken.Tenant)
	assert.True(t, errors.Is(err, store.ErrJournalBroken))
}

// TestKeyIndexAgainstASortedSet drives the index with random inserts and
// removes, enough to split and merge runs many times, and compares every
// listing with a plainly sorted set.
func TestKeyIndexAgainstASortedSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var (
		x    keyIndex
		a    arena
		refs = map[isms.ID]uint32{}
	)
	want := map[isms.ID]bool{}
	for step := range 20000 {
		id := isms.ID(fmt.Sprintf("k%05d", rng.IntN(3000)))
		if rng.IntN(3) == 0 {
			x.remove(&a, string(id))
			delete(want, id)
		} else {
			ref, ok := refs[id]
			if !ok {
				var err error
				ref, err = a.add(id)
				require.NoError(t, err)
				refs[id] = ref
			}
			x.insert(&a, ref)
			want[id] = true
		}
		if step%997 != 0 {
			continue
		}
		sorted := make([]isms.ID, 0, len(want))
		for id := range want {
			sorted = append(sorted, id)
		}
		slices.Sort(sorted)
		var got []isms.ID
		x.ascend(&a, "", func(ref uint32) bool { got = append(got, isms.ID(a.get(ref))); return true })
		require.Equal(t, sorted, got, "step %d", step)
		for _, r := range x.runs {
			require.NotEmpty(t, r)
			require.LessOrEqual(t, len(r), indexChunk)
		}
		// Listing from any point, present or not, starts right after it.
		for _, after := range []isms.ID{"", "k00000", "k01500", "k01500x", "k99999"} {
			var from []isms.ID
			x.ascend(&a, string(after), func(ref uint32) bool {
				from = append(from, isms.ID(a.get(ref)))
				return len(from) < 5
			})
			i, _ := slices.BinarySearch(sorted, after)
			if i < len(sorted) && sorted[i] == after {
				i++
			}
			require.Equal(t, sorted[i:min(i+5, len(sorted))], nilIfEmpty(from), "after %q", after)
		}
	}
}

func nilIfEmpty(ids []isms.ID) []isms.ID {
	if len(ids) == 0 {
		return []isms.ID{}
	}
	return ids
}

// TestListNeverSorts: after deletes and out-of-order creates, a page is
// served straight from the ordered index (the time bound is loose; the
// benchmark BenchmarkListAfterDeletes measures it).
func TestListAfterDeletesAndOutOfOrderCreates(t *testing.T) {
	ctx := isms.WithActor(context.Background(), "alice")
	b := NewBackend()
	w := driver.Write{Actor: "alice", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, id := range []isms.ID{"m", "c", "x", "a", "q"} {
		_, err := b.Put(ctx, driver.Record{Key: driver.Key{Tenant: "t", Kind: "k", ID: id}, Data: []byte(`{}`)}, w)
		require.NoError(t, err)
	}
	require.NoError(t, b.Delete(ctx, driver.Key{Tenant: "t", Kind: "k", ID: "c"}, 1, w))
	_, err := b.Put(ctx, driver.Record{Key: driver.Key{Tenant: "t", Kind: "k", ID: "b"}, Data: []byte(`{}`)}, w)
	require.NoError(t, err)
	recs, err := b.List(ctx, "t", "k", "", 10)
	require.NoError(t, err)
	var ids []isms.ID
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []isms.ID{"a", "b", "m", "q", "x"}, ids)
	recs, err = b.List(ctx, "t", "k", "b", 2)
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.Equal(t, isms.ID("m"), recs[0].ID)
	assert.Equal(t, isms.ID("q"), recs[1].ID)
}
