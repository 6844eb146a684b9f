package store_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

// gadget is a cacheable entity (it has a deep Clone) that counts its JSON
// decodings.
type gadget struct {
	isms.Meta
	Name string   `json:"name"`
	Tags []string `json:"tags,omitempty"`
}

var gadgetDecodes atomic.Int64

func (g *gadget) UnmarshalJSON(b []byte) error {
	gadgetDecodes.Add(1)
	type plain gadget
	return json.Unmarshal(b, (*plain)(g))
}

func (g *gadget) Clone() *gadget {
	c := *g
	c.Tags = append([]string(nil), g.Tags...)
	if g.Tags != nil && len(g.Tags) == 0 {
		c.Tags = []string{}
	}
	return &c
}

func gadgets(t *testing.T, s *store.Store) *store.Repository[gadget] {
	t.Helper()
	r, err := store.NewRepository[gadget](s, "acme", "gadget")
	require.NoError(t, err)
	return r
}

func TestCacheDecodesOncePerRecord(t *testing.T) {
	s := newStore()
	repo := gadgets(t, s)
	g := &gadget{Name: "one", Tags: []string{"a"}}
	require.NoError(t, repo.Create(ctx, g))

	before := gadgetDecodes.Load()
	first, err := repo.Get(ctx, g.ID)
	require.NoError(t, err)
	second, err := repo.Get(ctx, g.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1), gadgetDecodes.Load()-before, "the second read copies the decoded value")
	assert.Equal(t, first, second)
	assert.NotSame(t, first, second, "each caller gets its own copy")

	// A caller changing what it read changes nothing for the next reader.
	first.Name, first.Tags[0] = "changed", "changed"
	third, err := repo.Get(ctx, g.ID)
	require.NoError(t, err)
	assert.Equal(t, "one", third.Name)
	assert.Equal(t, []string{"a"}, third.Tags)

	// An update is seen at once: the record read differs from the cached one.
	third.Name = "two"
	require.NoError(t, repo.Update(ctx, third))
	got, err := repo.Get(ctx, g.ID)
	require.NoError(t, err)
	assert.Equal(t, "two", got.Name)
	assert.Equal(t, int64(2), got.Revision)

	// Deleted and created again: revision 1 again, other bytes. The
	// revision alone would serve the old value; the bytes do not.
	require.NoError(t, repo.Delete(ctx, g.ID, 2))
	_, err = repo.Get(ctx, g.ID)
	assert.ErrorIs(t, err, isms.ErrNotFound)
	again := &gadget{Meta: isms.Meta{ID: g.ID}, Name: "one"}
	require.NoError(t, repo.Create(ctx, again))
	_, err = repo.Get(ctx, g.ID)
	require.NoError(t, err)
	// With a fixed clock the times are the same too: only the bytes
	// differ.
	fixed := gadgets(t, memstore.NewStore(&store.Options{IDs: ismstest.NewSequentialIDs(), Clock: ismstest.NewFixedClock(t0)}))
	recreated := &gadget{Meta: isms.Meta{ID: "g-2"}, Name: "x"}
	require.NoError(t, fixed.Create(ctx, recreated))
	old, err := fixed.Get(ctx, recreated.ID)
	require.NoError(t, err)
	require.NoError(t, fixed.Delete(ctx, recreated.ID, 1))
	require.NoError(t, fixed.Create(ctx, &gadget{Meta: isms.Meta{ID: "g-2"}, Name: "y"}))
	got, err = fixed.Get(ctx, "g-2")
	require.NoError(t, err)
	assert.Equal(t, old.Meta, got.Meta, "same ID, revision and times")
	assert.Equal(t, "y", got.Name, "new content all the same")
}

func TestCacheSharedReadsAndBound(t *testing.T) {
	s := newStore()
	repo := gadgets(t, s)
	for i := range 5 {
		require.NoError(t, repo.Create(ctx, &gadget{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("g-%d", i))}, Name: fmt.Sprint(i)}))
	}
	shared := func(r *store.Repository[gadget]) []*gadget {
		var out []*gadget
		for g, err := range r.AllShared(ctx) {
			require.NoError(t, err)
			out = append(out, g)
		}
		return out
	}
	a, b := shared(repo), shared(repo)
	require.Len(t, a, 5)
	for i := range a {
		assert.Same(t, a[i], b[i], "shared reads hand out the cached value")
	}
	var copies []*gadget
	for g, err := range repo.All(ctx) {
		require.NoError(t, err)
		copies = append(copies, g)
	}
	for i := range a {
		assert.NotSame(t, a[i], copies[i], "All copies")
		assert.Equal(t, a[i], copies[i])
	}

	// At most two entries: reads stay correct, most of them decode.
	small, err := repo.WithCache(2)
	require.NoError(t, err)
	before := gadgetDecodes.Load()
	x, y := shared(small), shared(small)
	assert.Equal(t, x, y)
	assert.GreaterOrEqual(t, gadgetDecodes.Load()-before, int64(8), "5 decoded, then at least 3 again")

	off, err := repo.WithCache(0)
	require.NoError(t, err)
	before = gadgetDecodes.Load()
	c, d := shared(off), shared(off)
	assert.Equal(t, c, d)
	assert.NotSame(t, c[0], d[0])
	assert.Equal(t, int64(10), gadgetDecodes.Load()-before, "no cache: every read decodes")

	_, err = repo.WithCache(-1)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = repo.WithCache(store.MaxCacheEntries + 1)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = (*store.Repository[gadget])(nil).WithCache(1)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

// TestCacheUnderConcurrentWrites: writers and readers race on the same
// entities; every read is a state some write stored (its name matches its
// revision), and the final reads see the final writes.
func TestCacheUnderConcurrentWrites(t *testing.T) {
	s := newStore()
	repo := gadgets(t, s)
	const n, writers, rounds = 4, 4, 40
	for i := range n {
		require.NoError(t, repo.Create(ctx, &gadget{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("g-%d", i))}, Name: "rev-1"}))
	}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(2)
		go func() { // a writer: read, rename after the next revision, write
			defer wg.Done()
			for k := range rounds {
				id := isms.ID(fmt.Sprintf("g-%d", (w+k)%n))
				g, err := repo.Get(ctx, id)
				if err != nil {
					t.Error(err)
					return
				}
				g.Name = fmt.Sprintf("rev-%d", g.Revision+1)
				_ = repo.Update(ctx, g) // a lost race is a conflict, and fine
			}
		}()
		go func() { // a reader
			defer wg.Done()
			for range rounds {
				for g, err := range repo.AllShared(ctx) {
					if err != nil {
						t.Error(err)
						return
					}
					if g.Name != fmt.Sprintf("rev-%d", g.Revision) {
						t.Errorf("%s at revision %d reads %q", g.ID, g.Revision, g.Name)
					}
				}
			}
		}()
	}
	wg.Wait()
	for i := range n {
		g, err := repo.Get(ctx, isms.ID(fmt.Sprintf("g-%d", i)))
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprintf("rev-%d", g.Revision), g.Name)
	}
}

// TestUncacheableTypesDecodeEveryRead: a type without Clone is never
// cached (widget has none).
func TestUncacheableTypesDecodeEveryRead(t *testing.T) {
	s := newStore()
	repo := newRepo(t, s, "acme")
	w := &widget{Name: "w"}
	require.NoError(t, repo.Create(ctx, w))
	var a, b *widget
	for v, err := range repo.AllShared(ctx) {
		require.NoError(t, err)
		a = v
	}
	for v, err := range repo.AllShared(ctx) {
		require.NoError(t, err)
		b = v
	}
	assert.Equal(t, a, b)
	assert.NotSame(t, a, b)
}

// TestShardedCacheBound: a cache large enough to be split into shards
// still holds at most its number of entries, and the default one holds a
// whole register of a few thousand entities (no shard overflows).
func TestShardedCacheBound(t *testing.T) {
	s := newStore()
	repo := gadgets(t, s)
	const n = 3000
	for i := range n {
		require.NoError(t, repo.Create(ctx, &gadget{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("s-%05d", i))}, Name: fmt.Sprint(i)}))
	}
	pass := func(r *store.Repository[gadget]) int64 {
		before := gadgetDecodes.Load()
		seen := 0
		for _, err := range r.AllShared(ctx) {
			require.NoError(t, err)
			seen++
		}
		require.Equal(t, n, seen)
		return gadgetDecodes.Load() - before
	}
	small, err := repo.WithCache(1024)
	require.NoError(t, err)
	assert.Equal(t, int64(n), pass(small), "a cold pass decodes every entity")
	assert.GreaterOrEqual(t, pass(small), int64(n-1024), "at most 1,024 entities are kept")

	full, err := repo.WithCache(store.DefaultCacheEntries)
	require.NoError(t, err)
	assert.Equal(t, int64(n), pass(full))
	assert.Equal(t, int64(0), pass(full), "the default cache keeps all 3,000")
}
