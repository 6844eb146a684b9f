package store

import (
	"github.com/ismskit/ismskit/internal/parallel"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// decodeChunk is the fewest records a page decoder hands to a goroutine of
// its own: decoding a stored entity takes microseconds, so a chunk of 64
// is worth far more than the goroutine it starts.
const decodeChunk = 64

// decodePage decodes a page of records with dec, on up to GOMAXPROCS
// goroutines when the page is large enough to share out (parallel.Runs:
// runs of decodeChunk records taken in turn). Each record decodes into its
// own slot, so the result is in record order whatever the schedule; on
// failure it is the error of the first record in page order that failed,
// as a one-by-one loop would return. dec must be safe for concurrent use.
// A panic in dec on any goroutine is raised again in the caller's, once
// every goroutine has stopped, so it can be recovered there as with a
// loop.
//
// Decoding JSON is most of the time of a listing that misses the cache
// (for 100,000 risks, about three quarters of it on every backend), and
// the records of a page are independent, so a page of 1,000 decodes on
// every core the process may use.
func decodePage[T any](recs []driver.Record, dec func(driver.Record) (*T, error)) ([]*T, error) {
	out := make([]*T, len(recs))
	// errs[c] is the first error of run c; the first run with one holds
	// the first failing record.
	errs := make([]error, (len(recs)+decodeChunk-1)/decodeChunk)
	parallel.Runs(len(recs), decodeChunk, func(c, lo, hi int) {
		for i := lo; i < hi; i++ {
			v, err := dec(recs[i])
			if err != nil {
				errs[c] = err
				return
			}
			out[i] = v
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
