package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

// widget is a test entity with a validation rule.
type widget struct {
	isms.Meta
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func (w *widget) Validate() error {
	var ps isms.Problems
	if w.Name == "" {
		ps.Add("name", isms.CodeRequired, "name is required")
	}
	if w.Count < 0 {
		ps.Add("count", isms.CodeOutOfRange, "count is negative")
	}
	return ps.Err("widget")
}

var t0 = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func newRepo(t *testing.T, b store.Backend, tenant string) store.Repository[widget] {
	t.Helper()
	r, err := store.NewRepository[widget](b, tenant, "widget", &store.RepositoryOptions{
		IDs:   ismstest.NewSequentialIDs("w"),
		Clock: ismstest.NewStepClock(t0, time.Minute),
	})
	require.NoError(t, err)
	return r
}

func TestRepositoryRoundTrip(t *testing.T) {
	ctx := context.Background()
	b := memstore.New()
	repo := newRepo(t, b, "acme")

	w := &widget{Name: "first", Count: 1}
	require.NoError(t, repo.Create(ctx, w))
	assert.Equal(t, isms.Meta{ID: "w-0001", Revision: 1, CreatedAt: t0, UpdatedAt: t0}, w.Meta)

	got, err := repo.Get(ctx, "w-0001")
	require.NoError(t, err)
	assert.Equal(t, w, got)

	got.Count = 2
	require.NoError(t, repo.Update(ctx, got))
	assert.Equal(t, int64(2), got.Revision)
	assert.Equal(t, t0, got.CreatedAt)
	assert.Equal(t, t0.Add(time.Minute), got.UpdatedAt)

	// The stored document is plain JSON with the entity's own field names.
	rec, err := b.Get(ctx, "acme", "widget", "w-0001")
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"w-0001","revision":2,"created_at":"2026-11-22T09:00:00Z","updated_at":"2026-11-22T09:01:00Z","name":"first","count":2}`, string(rec.Data))

	// An entity created with its own ID keeps it.
	own := &widget{Meta: isms.Meta{ID: "A.5.1"}, Name: "natural key"}
	require.NoError(t, repo.Create(ctx, own))
	assert.Equal(t, isms.ID("A.5.1"), own.ID)

	require.NoError(t, repo.Delete(ctx, "w-0001", 2))
	_, err = repo.Get(ctx, "w-0001")
	assert.ErrorIs(t, err, isms.ErrNotFound)
	assert.ErrorContains(t, err, `store: get widget "w-0001"`)
}

func TestRepositoryStaleUpdateIsConflictAndKeepsMeta(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t, memstore.New(), "acme")
	w := &widget{Name: "w"}
	require.NoError(t, repo.Create(ctx, w))
	a, err := repo.Get(ctx, w.ID)
	require.NoError(t, err)
	b, err := repo.Get(ctx, w.ID)
	require.NoError(t, err)

	a.Count = 10
	require.NoError(t, repo.Update(ctx, a))
	b.Count = 20
	before := b.Meta
	err = repo.Update(ctx, b)
	require.ErrorIs(t, err, isms.ErrConflict)
	var ce *isms.ConflictError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, int64(1), ce.Expected)
	assert.Equal(t, int64(2), ce.Actual)
	assert.Equal(t, before, b.Meta, "a refused write leaves the caller's Meta as it was")

	got, err := repo.Get(ctx, w.ID)
	require.NoError(t, err)
	assert.Equal(t, 10, got.Count)
}

func TestRepositoryValidatesBeforeWriting(t *testing.T) {
	ctx := context.Background()
	b := memstore.New()
	repo := newRepo(t, b, "acme")
	w := &widget{Count: -1}
	err := repo.Create(ctx, w)
	require.ErrorIs(t, err, isms.ErrInvalid)
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("name", isms.CodeRequired))
	assert.True(t, ve.Has("count", isms.CodeOutOfRange))
	assert.Equal(t, isms.Meta{}, w.Meta, "a refused create leaves Meta zero")
	recs, _, err := b.List(ctx, "acme", "widget", store.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, recs, "nothing was written")

	assert.ErrorIs(t, repo.Update(ctx, &widget{Name: "x"}), isms.ErrInvalid, "update without a revision")
	assert.ErrorIs(t, repo.Create(ctx, &widget{Meta: isms.Meta{Revision: 3}, Name: "x"}), isms.ErrInvalid, "create with a revision")
	assert.ErrorIs(t, repo.Create(ctx, &widget{Meta: isms.Meta{ID: "bad id"}, Name: "x"}), isms.ErrInvalid, "create with a malformed ID")
	assert.ErrorIs(t, repo.Create(ctx, nil), isms.ErrInvalid)
	assert.ErrorIs(t, repo.Delete(ctx, "x", 0), isms.ErrInvalid)
}

func TestNewRepositoryRejectsBadArguments(t *testing.T) {
	_, err := store.NewRepository[widget](nil, "", "", nil)
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("backend", isms.CodeRequired))
	assert.True(t, ve.Has("tenant", isms.CodeRequired))
	assert.True(t, ve.Has("kind", isms.CodeRequired))
}

func TestRepositoryIsBoundToItsTenant(t *testing.T) {
	ctx := context.Background()
	b := memstore.New()
	acme, globex := newRepo(t, b, "acme"), newRepo(t, b, "globex")
	w := &widget{Name: "acme's"}
	require.NoError(t, acme.Create(ctx, w))
	_, err := globex.Get(ctx, w.ID)
	assert.ErrorIs(t, err, isms.ErrNotFound)
	assert.ErrorIs(t, globex.Delete(ctx, w.ID, 1), isms.ErrNotFound)
	stolen := *w
	stolen.Name = "overwritten"
	assert.ErrorIs(t, globex.Update(ctx, &stolen), isms.ErrNotFound)
	page, _, err := globex.List(ctx, store.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, page)
}

func TestAllVisitsEveryEntityInOrder(t *testing.T) {
	ctx := context.Background()
	repo := newRepo(t, memstore.New(), "acme")
	const n = 2500 // more than two pages of MaxLimit
	for range n {
		require.NoError(t, repo.Create(ctx, &widget{Name: "w"}))
	}
	count, prev := 0, isms.ID("")
	for w, err := range store.All(ctx, repo) {
		require.NoError(t, err)
		require.Greater(t, string(w.ID), string(prev))
		prev = w.ID
		count++
	}
	assert.Equal(t, n, count)

	// Breaking out early stops the iteration.
	seen := 0
	for range store.All(ctx, repo) {
		seen++
		if seen == 3 {
			break
		}
	}
	assert.Equal(t, 3, seen)
}

func TestAllYieldsErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	repo := newRepo(t, memstore.New(), "acme")
	cancel()
	var errs []error
	for w, err := range store.All(ctx, repo) {
		assert.Nil(t, w)
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.True(t, errors.Is(errs[0], context.Canceled))
}

func TestPageTokens(t *testing.T) {
	id, err := store.ParseAfterToken(store.AfterToken("risk-0042"))
	require.NoError(t, err)
	assert.Equal(t, isms.ID("risk-0042"), id)
	id, err = store.ParseAfterToken("")
	require.NoError(t, err)
	assert.Empty(t, id)
	for _, bad := range []string{"risk-0042", "a1.", "a1.!!!", "b1.cmlzaw", "a1." + "IA"} {
		_, err := store.ParseAfterToken(bad)
		assert.ErrorIs(t, err, isms.ErrInvalid, "%q", bad)
	}
}

func FuzzParseAfterToken(f *testing.F) {
	f.Add(store.AfterToken("risk-0001"))
	f.Add("a1.")
	f.Add("garbage")
	f.Fuzz(func(t *testing.T, token string) {
		id, err := store.ParseAfterToken(token)
		if err != nil {
			if !errors.Is(err, isms.ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		if token == "" {
			return
		}
		if id.Validate() != nil {
			t.Fatalf("token %q parsed to invalid id %q", token, id)
		}
		if again, _ := store.ParseAfterToken(store.AfterToken(id)); again != id {
			t.Fatalf("id %q does not round-trip", id)
		}
	})
}

func TestListOptionsEffectiveLimit(t *testing.T) {
	for in, want := range map[int]int{-5: 100, 0: 100, 1: 1, 1000: 1000, 1001: 1000} {
		assert.Equal(t, want, store.ListOptions{Limit: in}.EffectiveLimit(), "limit %d", in)
	}
}
