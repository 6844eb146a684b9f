//go:build unix

package fair

import "syscall"

// cpuNanos returns the process's user and system CPU time, so that
// benchmarks on a shared machine can report CPU time besides wall time.
func cpuNanos() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
