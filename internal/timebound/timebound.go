package timebound

import "time"

// CPU runs f and returns the CPU time the process used while it ran: user
// and system time over all threads, so the garbage collector's work on
// other cores counts too. Where the process's CPU time cannot be read it
// returns the wall-clock time f took.
//
// Unlike wall-clock time, CPU time does not grow while other processes
// hold the cores; it does count any other goroutine of the process that
// runs meanwhile, so time work that runs alone (not beside parallel tests).
func CPU(f func()) time.Duration {
	start := time.Now()
	before, ok := processCPU()
	f()
	after, ok2 := processCPU()
	if !ok || !ok2 {
		return time.Since(start)
	}
	return after - before
}

// Fastest runs f until one run takes at most bound of CPU time (see CPU),
// or runs times in all, and returns the fastest run's time. runs below one
// count as one. Because it stops at the first run within bound, a fast f
// runs once.
func Fastest(runs int, bound time.Duration, f func()) time.Duration {
	best := time.Duration(-1)
	for range max(runs, 1) {
		took := CPU(f)
		if best < 0 || took < best {
			best = took
		}
		if best <= bound {
			break
		}
	}
	return best
}
