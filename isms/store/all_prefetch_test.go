package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

// watchedBackend counts List calls, knows how many are running, and fails
// the call numbered failAt (from 1; 0 never), or panics in it when panics
// is set.
type watchedBackend struct {
	driver.Backend
	calls, running atomic.Int64
	failAt         int64
	panics         bool
}

var errListFailed = errors.New("list failed")

func (w *watchedBackend) List(ctx context.Context, tenant, kind string, after isms.ID, limit int) ([]driver.Record, error) {
	w.running.Add(1)
	defer w.running.Add(-1)
	if w.calls.Add(1) == w.failAt {
		if w.panics {
			panic("backend broke")
		}
		return nil, errListFailed
	}
	return w.Backend.List(ctx, tenant, kind, after, limit)
}

func watchedGadgets(t *testing.T, n int, failAt int64) (*watchedBackend, *store.Repository[gadget]) {
	t.Helper()
	w := &watchedBackend{Backend: memstore.NewBackend(), failAt: failAt}
	repo := gadgets(t, store.New(w, nil))
	for i := range n {
		require.NoError(t, repo.Create(ctx, &gadget{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("g-%05d", i))}, Name: fmt.Sprint(i)}))
	}
	return w, repo
}

// TestAllReadsAheadAndStopsClean: All reads the next page while it yields
// one; a loop that stops early returns only after that read has ended, so
// nothing uses the backend after it.
func TestAllReadsAheadAndStopsClean(t *testing.T) {
	w, repo := watchedGadgets(t, 2*store.MaxLimit+500, 0)
	for _, r := range []*store.Repository[gadget]{repo, mustNoCache(t, repo)} {
		w.calls.Store(0)
		seen := 0
		for g, err := range r.All(ctx) {
			require.NoError(t, err)
			require.Equal(t, fmt.Sprintf("g-%05d", seen), string(g.ID))
			seen++
			if seen == 10 {
				break
			}
		}
		assert.Equal(t, int64(0), w.running.Load(), "a read still running after the loop")
		assert.Equal(t, int64(2), w.calls.Load(), "the first page and the one read ahead")

		// A full iteration reads each page once, in order.
		w.calls.Store(0)
		seen = 0
		for g, err := range r.AllShared(ctx) {
			require.NoError(t, err)
			require.Equal(t, fmt.Sprintf("g-%05d", seen), string(g.ID))
			seen++
		}
		assert.Equal(t, 2*store.MaxLimit+500, seen)
		assert.Equal(t, int64(3), w.calls.Load())
		assert.Equal(t, int64(0), w.running.Load())
	}
}

// TestAllYieldsLaterPageError: when the read of the second page fails,
// All yields the whole first page, then the error, and nothing after it.
func TestAllYieldsLaterPageError(t *testing.T) {
	_, repo := watchedGadgets(t, store.MaxLimit+10, 2)
	seen := 0
	var got error
	for g, err := range repo.All(ctx) {
		if err != nil {
			require.Nil(t, g)
			got = err
			continue
		}
		require.Nil(t, got, "an entity after the error")
		seen++
	}
	assert.Equal(t, store.MaxLimit, seen)
	assert.ErrorIs(t, got, errListFailed)
}

// TestAllCancelled: a context cancelled before the loop yields its error
// first; one cancelled inside the loop ends it with the error.
func TestAllCancelled(t *testing.T) {
	_, repo := watchedGadgets(t, store.MaxLimit+10, 0)
	c, cancel := context.WithCancel(ctx)
	cancel()
	for g, err := range repo.All(c) {
		assert.Nil(t, g)
		assert.ErrorIs(t, err, context.Canceled)
		break
	}
	c, cancel = context.WithCancel(ctx)
	defer cancel()
	seen := 0
	var got error
	for _, err := range repo.All(c) {
		if err != nil {
			got = err
			break
		}
		if seen++; seen == 1 {
			cancel()
		}
	}
	assert.ErrorIs(t, got, context.Canceled)
	assert.Equal(t, store.MaxLimit, seen, "the first page is yielded whole")
}

func mustNoCache(t *testing.T, r *store.Repository[gadget]) *store.Repository[gadget] {
	t.Helper()
	nc, err := r.WithCache(0)
	require.NoError(t, err)
	return nc
}

// TestAllBackendPanic: a backend that panics while a page is read ahead
// panics in the caller's goroutine when the loop reaches that page, after
// the whole page before it; a loop that stopped before it never sees the
// panic (as it would never have made the read).
func TestAllBackendPanic(t *testing.T) {
	w, repo := watchedGadgets(t, store.MaxLimit+10, 2)
	w.panics = true
	seen := 0
	got := func() (p any) {
		defer func() { p = recover() }()
		for _, err := range repo.All(ctx) {
			require.NoError(t, err)
			seen++
		}
		return nil
	}()
	assert.Equal(t, "backend broke", got)
	assert.Equal(t, store.MaxLimit, seen)

	w.calls.Store(0)
	for _, err := range repo.All(ctx) {
		require.NoError(t, err)
		break
	}
	assert.Equal(t, int64(2), w.calls.Load(), "the read ahead was made, and panicked")
	assert.Equal(t, int64(0), w.running.Load())
}
