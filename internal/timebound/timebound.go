package timebound

import "time"

// Fastest runs f until one run takes at most bound, or runs times in all,
// and returns the fastest run's duration. runs below one count as one.
// Because it stops at the first run within bound, a fast f runs once.
func Fastest(runs int, bound time.Duration, f func()) time.Duration {
	best := time.Duration(-1)
	for range max(runs, 1) {
		start := time.Now()
		f()
		took := time.Since(start)
		if best < 0 || took < best {
			best = took
		}
		if best <= bound {
			break
		}
	}
	return best
}
