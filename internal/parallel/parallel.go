package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Runs calls fn(run, lo, hi) for the consecutive runs [lo, hi) that cut
// [0, n) into pieces of size indices (the last may be shorter), run
// counting them from 0. With one run, or one processor, it calls fn in
// the caller's goroutine, run after run; otherwise on up to GOMAXPROCS
// goroutines, the caller's among them, which take runs in turn. fn must be
// safe to call concurrently for different runs. Runs returns once every
// run is done. If fn panics, the runs not yet started are not started and
// the first panic (in goroutine order) is raised again in the caller's
// goroutine once every goroutine has stopped. n ≤ 0 calls nothing; size
// < 1 counts as 1.
func Runs(n, size int, fn func(run, lo, hi int)) {
	if n <= 0 {
		return
	}
	size = max(size, 1)
	runs := n / size
	if n%size != 0 {
		runs++
	}
	bounds := func(r int) (int, int) { // without overflow, whatever n and size
		lo := r * size
		return lo, lo + min(size, n-lo)
	}
	workers := min(runtime.GOMAXPROCS(0), runs)
	if workers <= 1 {
		for r := range runs {
			lo, hi := bounds(r)
			fn(r, lo, hi)
		}
		return
	}
	var next atomic.Int64
	panics := make([]any, workers)
	work := func(w int) {
		defer func() {
			if p := recover(); p != nil {
				panics[w] = p
				next.Store(int64(runs)) // the others stop after their run
			}
		}()
		for {
			r := int(next.Add(1) - 1)
			if r >= runs {
				return
			}
			lo, hi := bounds(r)
			fn(r, lo, hi)
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { work(w) })
	}
	work(0)
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}
