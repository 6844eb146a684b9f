// Package bcp checks business continuity and ICT readiness (ISO/IEC
// 27001:2022 A.5.29, A.5.30, A.8.13, A.8.14): a business impact analysis
// (BIA) of activities with their recovery objectives, the resources they
// depend on with their recovery capabilities, recovery plans, and DR tests
// whose verdicts are derived, never typed in.
//
// # The BIA
//
// A BIA lists activities (business processes) with an owner, a
// criticality, MTPD, RTO, RPO, an MBCO (a Quantity with its unit) and
// impact-over-time thresholds on the BIA's declared impact scale;
// BIA.DerivedMTPD is the first time the impact reaches the BIA's
// intolerable level. Resources (systems, applications, data stores, sites,
// people, suppliers, cloud services; isms.Refs to assets where they exist)
// carry a restore time (estimated or measured), a backup schedule, a
// replication lag, a failover capability and, for suppliers and cloud
// services, the contracted RTO and RPO with the shared-responsibility
// split. Activities and resources depend on resources (DependsOn).
//
// Library stores BIA versions in a store.Store: a draft may be edited, a
// signed-off version is immutable, and a change is a new version
// (Library.Revise) carrying its Diff from the previous one. It stores DR
// tests too, moved through DRTestLifecycle (planned → executed →
// evaluated → closed, or cancelled) by Library.StepTest.
//
// # The dependency graph
//
// Analyze walks the graph iteratively in time linear in its nodes and
// edges: it reports each cyclic part once with one cycle through it
// (Tarjan's algorithm); it inherits objectives down the graph (a
// resource's effective RTO and RPO are the strictest of its own and of
// everything that depends on it, with the node that sets them and the
// path from it); and it rolls capabilities up (a node's achievable RTO is
// its own time plus the slowest of its dependencies when they recover in
// parallel, or their sum when in sequence; its achievable RPO the worst
// worst-case RPO of the data it holds or depends on). RecoveryOrder gives
// a topological order by criticality, with the critical path. A resource's
// own time is its failover time when it fails over, otherwise its restore
// time, otherwise its supplier's contracted RTO.
//
// On a graph of more than a few thousand nodes, Analyze resolves the
// dependencies' IDs and Check checks the nodes on up to GOMAXPROCS
// goroutines; the analysis and the findings are the same on any number of
// processors.
//
// The worst-case RPO of a backup schedule is interval + job duration +
// transfer lag (+ verification delay when only verified copies count); of
// continuous replication, its maximum lag. Every derived value is a
// Derived: labelled derived and carrying its arithmetic.
//
// # Checks and exports
//
// Check is a pure function over a Snapshot (a BIA with its plans and
// tests) and a time, returning isms.Findings whose codes Rules lists
// (bcp.rto_exceeds_mtpd, bcp.rto_not_achievable, bcp.dr_test_stale, ...);
// each names its subject, the values compared and the path through the
// graph where one is involved. Mermaid and DOT draw the graph with
// objectives, capabilities and failing nodes and edges highlighted;
// Report writes a BIA report in Markdown and RecoveryOrderTable the
// recovery order.
//
// Durations are isms.Duration (ISO 8601) in JSON. Arithmetic on them uses
// their nominal length (isms.Duration.Nominal: a day is 24 hours, a month
// 30 days, a year 365 days), the convention for comparing recovery
// objectives; dates (a test's next due date) step through the calendar
// (isms.Duration.AddTo).
package bcp
