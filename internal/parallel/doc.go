// Package parallel shares independent work over an index range out to the
// processors the process may use (runtime.GOMAXPROCS), for the pure
// functions of the SDK that handle large inputs: decoding a page of
// stored documents, checking every node of a large BIA.
//
// The work is cut into runs of consecutive indices that goroutines take
// in turn, so a goroutine slowed down by other work takes fewer; each run
// writes only its own part of the result, so the result does not depend
// on the schedule. A panic in the work is raised again in the caller's
// goroutine once every goroutine has stopped, where a host can recover it
// as it would from a loop.
//
// The package imports only the standard library and keeps no state.
package parallel
