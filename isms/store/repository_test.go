package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
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
	return ps.Err("widget " + string(w.ID))
}

var (
	t0  = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	ctx = isms.WithActor(context.Background(), "alice")
)

func newStore() *store.Store {
	return memstore.NewStore(&store.Options{IDs: ismstest.NewSequentialIDs(), Clock: ismstest.NewStepClock(t0, time.Minute)})
}

func newRepo(t *testing.T, s *store.Store, tenant string) *store.Repository[widget] {
	t.Helper()
	r, err := store.NewRepository[widget](s, tenant, "widget")
	require.NoError(t, err)
	return r
}

func TestRepositoryRoundTrip(t *testing.T) {
	repo := newRepo(t, newStore(), "acme")
	w := &widget{Name: "first", Count: 1}
	require.NoError(t, repo.Create(ctx, w))
	assert.Equal(t, isms.Meta{ID: "widget-0001", Revision: 1, CreatedAt: t0, UpdatedAt: t0}, w.Meta, "IDs come from the store's source, numbered per kind")

	got, err := repo.Get(ctx, "widget-0001")
	require.NoError(t, err)
	assert.Equal(t, w, got)

	got.Count = 2
	require.NoError(t, repo.Update(ctx, got))
	assert.Equal(t, isms.Meta{ID: "widget-0001", Revision: 2, CreatedAt: t0, UpdatedAt: t0.Add(time.Minute)}, got.Meta)
}

func TestRefusedWritesLeaveMetaUnchanged(t *testing.T) {
	repo := newRepo(t, newStore(), "acme")
	w := &widget{Name: "w"}
	require.NoError(t, repo.Create(ctx, w))
	stale := *w
	w.Count = 1
	require.NoError(t, repo.Update(ctx, w))

	before := stale.Meta
	err := repo.Update(ctx, &stale)
	require.ErrorIs(t, err, isms.ErrConflict)
	assert.Equal(t, before, stale.Meta)

	bad := &widget{Name: ""}
	require.ErrorIs(t, repo.Create(ctx, bad), isms.ErrInvalid)
	assert.Equal(t, isms.Meta{}, bad.Meta, "a refused create assigns no ID")
}

func TestValidationErrorsNameTheEntityOnce(t *testing.T) {
	repo := newRepo(t, newStore(), "acme")
	err := repo.Create(ctx, &widget{Meta: isms.Meta{ID: "w-9"}, Count: -1})
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("name", isms.CodeRequired))
	assert.True(t, ve.Has("count", isms.CodeOutOfRange))
	assert.Equal(t, 1, strings.Count(err.Error(), "w-9"), err.Error())
	assert.False(t, strings.HasPrefix(err.Error(), "store:"), "the store adds no prefix: %s", err)

	_, err = repo.Get(ctx, "missing")
	assert.Equal(t, `widget "missing" not found`, err.Error())
}

type noMeta struct{ Name string }

func TestNewRepositoryRejectsBadArguments(t *testing.T) {
	s := newStore()
	for name, fn := range map[string]func() error{
		"type without Meta": func() error { _, err := store.NewRepository[noMeta](s, "acme", "x"); return err },
		"nil store":         func() error { _, err := store.NewRepository[widget](nil, "acme", "x"); return err },
		"no backend":        func() error { _, err := store.NewRepository[widget](store.New(nil, nil), "acme", "x"); return err },
		"empty tenant":      func() error { _, err := store.NewRepository[widget](s, "", "x"); return err },
		"empty kind":        func() error { _, err := store.NewRepository[widget](s, "acme", ""); return err },
	} {
		assert.ErrorIs(t, fn(), isms.ErrInvalid, name)
	}
}

// TestNilAndZeroArguments calls every exported function and method of the
// package with nil and zero arguments: each returns an error of the
// documented category, or a documented zero value, and none panics.
func TestNilAndZeroArguments(t *testing.T) {
	var nilStore *store.Store
	var nilRepo *store.Repository[widget]
	var nilVerifier *store.JournalVerifier
	var nilCtx context.Context
	empty := store.New(nil, nil)
	repo := newRepo(t, newStore(), "acme")
	invalid := []struct {
		name string
		err  error
	}{
		{"nil Store Close", nilStore.Close()},
		{"no-backend Close", empty.Close()},
		{"nil Store VerifyJournal", nilStore.VerifyJournal(ctx, "t")},
		{"nil Repository Create", nilRepo.Create(ctx, &widget{Name: "x"})},
		{"nil Repository Update", nilRepo.Update(ctx, &widget{Name: "x"})},
		{"nil Repository Delete", nilRepo.Delete(ctx, "x", 1)},
		{"Create nil entity", repo.Create(ctx, nil)},
		{"Update nil entity", repo.Update(ctx, nil)},
		{"Create nil context", repo.Create(nilCtx, &widget{Name: "x"})},
		{"Update nil context", repo.Update(nilCtx, &widget{Name: "x"})},
		{"Delete nil context", repo.Delete(nilCtx, "x", 1)},
		{"Delete zero", repo.Delete(ctx, "", 0)},
		{"nil verifier Add", nilVerifier.Add(store.JournalEntry{})},
		{"VerifyJournal nil context", repo.Store().VerifyJournal(nilCtx, "t")},
		{"VerifyJournal empty tenant", repo.Store().VerifyJournal(ctx, "")},
	}
	for _, tc := range invalid {
		assert.ErrorIs(t, tc.err, isms.ErrInvalid, tc.name)
	}
	_, err := nilRepo.Get(ctx, "x")
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, _, err = nilRepo.List(ctx, store.ListOptions{})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = repo.Get(nilCtx, "x")
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, _, err = repo.List(nilCtx, store.ListOptions{})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = nilStore.ReadJournal(ctx, "t", store.JournalOptions{})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	for _, err := range nilRepo.All(ctx) {
		assert.ErrorIs(t, err, isms.ErrInvalid)
	}
	assert.NotNil(t, nilStore.Clock())
	assert.NotNil(t, nilStore.IDs())
	assert.Empty(t, nilRepo.Tenant())
	assert.Empty(t, nilRepo.Kind())
	assert.Nil(t, nilRepo.Store())
	seq, _, ok := nilVerifier.Last()
	assert.Zero(t, seq)
	assert.False(t, ok)
	assert.NoError(t, store.VerifyEntries(nil))
	var nilBroken *store.BrokenLinkError
	assert.Equal(t, "<nil>", nilBroken.Error())
	assert.False(t, nilBroken.Is(store.ErrJournalBroken))
	assert.Equal(t, store.DefaultLimit, store.ListOptions{}.EffectiveLimit())
}

func TestAllVisitsEveryEntityInOrderAndStopsEarly(t *testing.T) {
	repo := newRepo(t, newStore(), "acme")
	for range 2500 {
		require.NoError(t, repo.Create(ctx, &widget{Name: "w"}))
	}
	n, last := 0, isms.ID("")
	for w, err := range repo.All(ctx) {
		require.NoError(t, err)
		require.Greater(t, w.ID, last)
		last = w.ID
		n++
	}
	assert.Equal(t, 2500, n)
	seen := 0
	for range repo.All(ctx) {
		seen++
		if seen == 3 {
			break
		}
	}
	assert.Equal(t, 3, seen)
}

func TestListOptionsEffectiveLimit(t *testing.T) {
	for in, want := range map[int]int{-5: 100, 0: 100, 1: 1, 999: 999, 1000: 1000, 1001: 1000, 1 << 40: 1000} {
		assert.Equal(t, want, store.ListOptions{Limit: in}.EffectiveLimit(), "limit %d", in)
	}
}

func FuzzPageToken(f *testing.F) {
	repo, err := store.NewRepository[widget](newStore(), "acme", "widget")
	require.NoError(f, err)
	for _, name := range []string{"a", "b", "c"} {
		require.NoError(f, repo.Create(ctx, &widget{Name: name}))
	}
	_, next, err := repo.List(ctx, store.ListOptions{Limit: 1})
	require.NoError(f, err)
	f.Add(next)
	f.Add(next + "\n")
	f.Add("p1.")
	f.Add("")
	f.Fuzz(func(t *testing.T, token string) {
		ws, got, err := repo.List(ctx, store.ListOptions{Limit: 1, PageToken: token})
		if err != nil {
			if !errors.Is(err, isms.ErrInvalid) {
				t.Fatalf("token %q: error %v is not ErrInvalid", token, err)
			}
			return
		}
		// An accepted token is the empty one or one the store made: it
		// re-appears exactly when listing from the record before it.
		if token != "" && token != next {
			_, again, err := repo.List(ctx, store.ListOptions{Limit: 1, PageToken: token})
			if err != nil || again != got {
				t.Fatalf("token %q accepted but not stable: %v", token, err)
			}
			if len(ws) > 0 && !strings.HasPrefix(token, "p1.") {
				t.Fatalf("token %q without the prefix was accepted", token)
			}
		}
	})
}

// brokenBackend breaks the driver contract in the ways the portable layer
// checks for.
type brokenBackend struct {
	driver.Backend
	mode string
}

func (b *brokenBackend) List(ctx context.Context, tenant, kind string, after isms.ID, limit int) ([]driver.Record, error) {
	recs, err := b.Backend.List(ctx, tenant, kind, after, limit)
	switch b.mode {
	case "unordered":
		if len(recs) > 1 {
			recs[0], recs[1] = recs[1], recs[0]
		}
	case "foreign":
		if len(recs) > 0 {
			recs[0].Tenant = "other"
		}
	case "too many":
		recs = append(recs, recs...)
	}
	return recs, err
}

func (b *brokenBackend) Put(ctx context.Context, rec driver.Record, w driver.Write) (driver.Record, error) {
	out, err := b.Backend.Put(ctx, rec, w)
	if b.mode == "revision" {
		out.Revision += 5
	}
	return out, err
}

func TestPortableLayerCatchesBrokenBackends(t *testing.T) {
	for _, mode := range []string{"unordered", "foreign", "too many", "revision"} {
		t.Run(mode, func(t *testing.T) {
			s := store.New(&brokenBackend{Backend: memstore.NewBackend()}, nil)
			repo := newRepo(t, s, "acme")
			for _, id := range []isms.ID{"a", "b", "c"} {
				require.NoError(t, repo.Create(ctx, &widget{Meta: isms.Meta{ID: id}, Name: "w"}))
			}
			s = store.New(&brokenBackend{Backend: s.Backend(), mode: mode}, nil)
			repo = newRepo(t, s, "acme")
			var err error
			if mode == "revision" {
				err = repo.Create(ctx, &widget{Name: "w"})
			} else {
				_, _, err = repo.List(ctx, store.ListOptions{Limit: 2})
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "broke the driver contract")
			for _, cat := range []error{isms.ErrInvalid, isms.ErrNotFound, isms.ErrConflict, isms.ErrUnsupported} {
				assert.NotErrorIs(t, err, cat, "a broken backend is not the caller's fault")
			}
		})
	}
}
