//go:build !unix

package fair

func cpuNanos() (int64, bool) { return 0, false }
