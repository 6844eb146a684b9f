// Package archtest holds the test that enforces the import floors of
// DESIGN.md: which package of ismskit may import which, and which
// third-party modules each may depend on. It has no exported API; its test
// runs `go list -deps` over the module, so the architecture cannot rot
// silently.
//
// The floors, bottom to top (an import may only point down):
//
//  1. internal/*, then isms (the kernel)
//  2. isms/store (the contract), isms/ismstest
//  3. the domain packages: risk, risk/fair, controls, incident, bcp,
//     audit/sampling; they refer to each other by isms.Ref, never by import
//     (risk/fair may import risk)
//  4. audit
//  5. storage implementations, isms/schema, isms/oscal, examples
package archtest
