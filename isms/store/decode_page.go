package store

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ismskit/ismskit/isms/store/driver"
)

// decodeChunk is the fewest records a page decoder hands to a goroutine of
// its own: decoding a stored entity takes microseconds, so a chunk of 64
// is worth far more than the goroutine it starts.
const decodeChunk = 64

// decodePage decodes a page of records with dec, on up to GOMAXPROCS
// goroutines when the page is large enough to share out. The goroutines
// take runs of decodeChunk records in turn (a goroutine slowed down by
// other work takes fewer) and decode each into its own slot, so the result
// is in record order whatever the schedule; on failure it is the error of
// the first record in page order that failed, as a one-by-one loop would
// return. dec must be safe for concurrent use. A panic in dec on any
// goroutine is raised again in the caller's, once every goroutine has
// stopped, so it can be recovered there as with a loop.
//
// Decoding JSON is most of the time of a listing that misses the cache
// (for 100,000 risks, about three quarters of it on every backend), and
// the records of a page are independent, so a page of 1,000 decodes on
// every core the process may use.
func decodePage[T any](recs []driver.Record, dec func(driver.Record) (*T, error)) ([]*T, error) {
	out := make([]*T, len(recs))
	chunks := (len(recs) + decodeChunk - 1) / decodeChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	if workers <= 1 {
		for i, rec := range recs {
			v, err := dec(rec)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	// errs[c] is the first error of chunk c; the first chunk with one
	// holds the first failing record.
	errs := make([]error, chunks)
	var next atomic.Int64
	run := func() {
		for {
			c := int(next.Add(1) - 1)
			if c >= chunks {
				return
			}
			for i := c * decodeChunk; i < min((c+1)*decodeChunk, len(recs)); i++ {
				v, err := dec(recs[i])
				if err != nil {
					errs[c] = err
					break
				}
				out[i] = v
			}
		}
	}
	// panics[w] is what worker w panicked with, if it did.
	panics := make([]any, workers)
	guarded := func(w int) {
		defer func() {
			if p := recover(); p != nil {
				panics[w] = p
				next.Store(int64(chunks)) // the others stop after their chunk
			}
		}()
		run()
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { guarded(w) })
	}
	guarded(0)
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
