package storetest

import (
	"context"
	"errors"
	"sync"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// StormResult is the state of the counter after a Storm.
type StormResult struct {
	// Count is the counter's final value: workers x increments when no
	// update was lost.
	Count int `json:"count"`
	// Revision is the counter record's final revision: Count + 1.
	Revision int64 `json:"revision"`
	// Conflicts counts the writes refused with isms.ErrConflict and retried.
	Conflicts int `json:"conflicts"`
}

// StormKind is the kind of the counter a Storm writes.
const StormKind = "storetest.counter"

// Storm creates a counter (a Widget of kind StormKind with ID "counter")
// in tenant and runs workers goroutines that each increment it increments
// times by read-modify-write through a repository, retrying on
// isms.ErrConflict. On a store that enforces optimistic concurrency the
// final count is exactly workers x increments. ctx must carry an actor. It
// returns the first error other than a conflict.
func Storm(ctx context.Context, s *store.Store, tenant string, workers, increments int) (StormResult, error) {
	r, err := store.NewRepository[Widget](s, tenant, StormKind)
	if err != nil {
		return StormResult{}, err
	}
	if err := r.Create(ctx, &Widget{Meta: isms.Meta{ID: "counter"}}); err != nil {
		return StormResult{}, err
	}
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		conflicts int
		firstErr  error
	)
	for range workers {
		wg.Go(func() {
			for range increments {
				n, err := increment(ctx, r)
				mu.Lock()
				conflicts += n
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return StormResult{}, firstErr
	}
	w, err := r.Get(ctx, "counter")
	if err != nil {
		return StormResult{}, err
	}
	return StormResult{Count: w.N, Revision: w.Revision, Conflicts: conflicts}, nil
}

// increment adds one to the counter, retrying on conflicts, and returns how
// many conflicts it met.
func increment(ctx context.Context, r *store.Repository[Widget]) (int, error) {
	for conflicts := 0; conflicts < 1_000_000; conflicts++ {
		w, err := r.Get(ctx, "counter")
		if err != nil {
			return conflicts, err
		}
		w.N++
		err = r.Update(ctx, w)
		if err == nil {
			return conflicts, nil
		}
		if !errors.Is(err, isms.ErrConflict) {
			return conflicts, err
		}
	}
	return 0, errors.New("storetest: an increment lost a million races in a row")
}
