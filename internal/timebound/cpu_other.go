//go:build !unix

package timebound

import "time"

// processCPU reports that the process's CPU time cannot be read here, so
// CPU falls back to wall-clock time.
func processCPU() (time.Duration, bool) { return 0, false }
