// Package archtest holds the tests that enforce the architecture written
// in ARCHITECTURE.md at the repository's root: which package of ismskit
// may import which, which third-party modules each may depend on, and that
// every library package has doc.go, documented exported identifiers and a
// runnable example. It has no exported API; its test runs `go list -deps`
// over the module, so the architecture cannot rot silently.
//
// The floors, bottom to top (an import may only point down):
//
//  1. internal/*, then isms (the kernel)
//  2. isms/store/driver, then isms/store (the storage layer), isms/ismstest
//  3. the domain packages: risk, risk/fair, controls, incident, bcp,
//     audit/sampling; they refer to each other by isms.Ref, never by import
//     (risk/fair may import risk)
//  4. audit
//  5. storage backends, isms/store/storetest, isms/schema, isms/oscal,
//     examples
package archtest
