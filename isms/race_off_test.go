//go:build !race

package isms_test

// raceEnabled is set when the race detector runs, which slows the
// 10 MB tests far beyond their time bound.
const raceEnabled = false
