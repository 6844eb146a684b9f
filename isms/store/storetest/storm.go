package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// StormResult is the state of the counter after a Storm.
type StormResult struct {
	// Count is the counter's final value: workers x increments when no
	// update was lost.
	Count int
	// Revision is the counter record's final revision: Count + 1.
	Revision int64
	// Conflicts counts the writes refused with isms.ErrConflict and retried.
	Conflicts int
}

// Storm creates a counter record (kind "storetest.counter", ID
// "counter") in tenant and runs workers goroutines that each increment it
// increments times by read-modify-write, retrying on isms.ErrConflict. On a
// backend that enforces optimistic concurrency the final count is exactly
// workers x increments. It returns the first error other than a conflict.
func Storm(ctx context.Context, b store.Backend, tenant string, workers, increments int) (StormResult, error) {
	const kind, id = "storetest.counter", isms.ID("counter")
	if _, err := b.Put(ctx, store.Record{Tenant: tenant, Kind: kind, ID: id, Data: []byte(`{"n":0}`)}); err != nil {
		return StormResult{}, fmt.Errorf("storetest: create counter: %w", err)
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
				n, err := increment(ctx, b, tenant, kind, id)
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
	rec, err := b.Get(ctx, tenant, kind, id)
	if err != nil {
		return StormResult{}, err
	}
	var c struct {
		N int `json:"n"`
	}
	if err := json.Unmarshal(rec.Data, &c); err != nil {
		return StormResult{}, err
	}
	return StormResult{Count: c.N, Revision: rec.Revision, Conflicts: conflicts}, nil
}

// increment adds one to the counter, retrying on conflicts, and returns how
// many conflicts it met.
func increment(ctx context.Context, b store.Backend, tenant, kind string, id isms.ID) (int, error) {
	for conflicts := 0; conflicts < 1_000_000; conflicts++ {
		r, err := b.Get(ctx, tenant, kind, id)
		if err != nil {
			return conflicts, err
		}
		var c struct {
			N int `json:"n"`
		}
		if err := json.Unmarshal(r.Data, &c); err != nil {
			return conflicts, err
		}
		c.N++
		r.Data = fmt.Appendf(nil, `{"n":%d}`, c.N)
		_, err = b.Put(ctx, r)
		if err == nil {
			return conflicts, nil
		}
		if !errors.Is(err, isms.ErrConflict) {
			return conflicts, err
		}
	}
	return 0, errors.New("storetest: an increment lost a million races in a row")
}
