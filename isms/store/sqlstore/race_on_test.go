//go:build race

package sqlstore_test

// raceEnabled is set when the race detector runs. It slows SQLite's
// single-connection in-memory targets past any useful time, so the
// conformance suite runs them only without it (the file targets, on the
// same code paths, run under it).
const raceEnabled = true
