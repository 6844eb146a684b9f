// Package incident manages information security incidents (ISO/IEC
// 27001:2022 A.5.24–A.5.28, A.6.8): one lifecycle as a transition table
// with guards (Lifecycle, exported as a Mermaid diagram), the incident
// record with its invariants, an append-only timeline written by every
// step, the blast radius over the asset dependency graph of package isms,
// actions, the post-incident review, evidence with a chain of custody,
// and the regulatory notification clocks.
//
// The clocks are data: a Regime lists Obligations, each with a trigger
// on the incident's Facts, an anchor event, a period and a calendar, in
// the regulator's zone; a later report may count from the submission of
// an earlier one (NIS2's final report, DORA's intermediate and final
// reports). Clocks.Obligations evaluates every obligation at a time and
// returns its due instant (or not computable when the anchor has not
// happened, never overdue), its status and the rule text that produced
// it. BuiltinRegimes covers GDPR and UK GDPR, NIS2, DORA, SEC Form 8-K
// Item 1.05, HIPAA, NYDFS Part 500, the Cyber Resilience Act and
// Australia's SOCI and ransomware payment reporting; users write their
// own in Go or JSON (ParseRegime).
//
// Service stores incidents through a store.Repository over a
// store.Store for one tenant; every write needs an actor
// (isms.WithActor), and every workflow step is a method taking a command
// struct with the revision the user saw. Check returns findings with
// stable "incident." codes, listed by Rules.
package incident
