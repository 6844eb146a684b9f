// Package timebound times a piece of work against a bound in a way that a
// loaded machine does not turn into a flaky test.
//
// The SDK's tests bound the time of validating a 10 MB document (a
// quadratic validator takes minutes there; a linear one about a second or
// less). A wall-clock reading also counts the time the goroutine waited
// for a core while other test binaries ran, so [CPU] reads the process's
// CPU time instead, and [Fastest] repeats the work up to a number of runs
// and keeps the fastest, as a benchmark does: noise only ever adds time,
// and a slow algorithm is slow in every run.
package timebound
