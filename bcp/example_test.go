package bcp_test

import (
	"fmt"
	"time"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
)

// A checkout that must be back in 4 hours depends on an app that depends
// on a database; restoring both takes 1h + 3h, plus 30 minutes to resume:
// 4h30m, more than the RTO. The database's hourly backup cannot meet a
// 30-minute RPO either.
func ExampleCheck() {
	s := &bcp.Snapshot{BIA: &bcp.BIA{
		ID: "shop",
		Activities: []bcp.Activity{{
			ID: "checkout", Name: "Checkout", Owner: "olivia", Criticality: bcp.CriticalityMedium,
			MTPD: isms.Hours(8), RTO: isms.Hours(4), RPO: isms.ClockDuration(30 * time.Minute),
			ResumeTime: isms.ClockDuration(30 * time.Minute), DependsOn: []isms.ID{"app"},
		}},
		Resources: []bcp.Resource{
			{ID: "app", Name: "App", Kind: bcp.ResourceApplication, RestoreTime: isms.Hours(1), DependsOn: []isms.ID{"db"}},
			{ID: "db", Name: "DB", Kind: bcp.ResourceDataStore, RestoreTime: isms.Hours(3),
				Backup: &bcp.BackupSchedule{Interval: isms.Hours(1), Offline: true}},
		},
	}}
	for _, f := range bcp.Check(s, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(f.Code, f.Subject, "|", f.Details["trace"])
	}
	// Output:
	// bcp.backup_interval_exceeds_rpo bcp.resource/db | backup: PT1H interval + PT0S job + PT0S transfer = PT1H
	// bcp.rto_not_achievable bcp.activity/checkout | PT30M resume + max(app PT4H) = PT4H30M
}

// The recovery order brings every dependency back before what needs it,
// the most critical first (then the strictest RTO, then BIA order: db and
// idp tie, db comes first, and app, ready after db, ties with idp and
// comes before it), and marks the critical path of the most critical
// activity: checkout over app (1h + 2h) rather than idp (1h).
func ExampleAnalysis_RecoveryOrder() {
	b := &bcp.BIA{
		ID: "shop",
		Activities: []bcp.Activity{
			{ID: "checkout", Name: "Checkout", Criticality: bcp.CriticalityCritical, RTO: isms.Hours(4), DependsOn: []isms.ID{"app", "idp"}},
			{ID: "payroll", Name: "Payroll", Criticality: bcp.CriticalityLow, RTO: isms.Hours(72), DependsOn: []isms.ID{"hr"}},
		},
		Resources: []bcp.Resource{
			{ID: "app", Name: "App", Kind: bcp.ResourceApplication, RestoreTime: isms.Hours(1), DependsOn: []isms.ID{"db"}},
			{ID: "db", Name: "DB", Kind: bcp.ResourceDataStore, RestoreTime: isms.Hours(2)},
			{ID: "idp", Name: "Identity provider", Kind: bcp.ResourceCloudService, RestoreTime: isms.Hours(1)},
			{ID: "hr", Name: "HR system", Kind: bcp.ResourceApplication, RestoreTime: isms.Hours(8)},
		},
	}
	fmt.Print(bcp.RecoveryOrderTable(bcp.Analyze(b).RecoveryOrder()))
	// Output:
	// | # | Node | Kind | Criticality | RTO | Achievable RTO | Critical path |
	// |---|------|------|-------------|-----|----------------|---------------|
	// | 1 | db | resource | critical | PT4H | PT2H | yes |
	// | 2 | app | resource | critical | PT4H | PT3H | yes |
	// | 3 | idp | resource | critical | PT4H | PT1H | — |
	// | 4 | checkout | activity | critical | PT4H | PT3H | yes |
	// | 5 | hr | resource | low | PT72H | PT8H | — |
	// | 6 | payroll | activity | low | PT72H | PT8H | — |
}

// The worst-case RPO of a backup adds up everything that can stand
// between the last good copy and the disruption.
func ExampleBackupSchedule_WorstCaseRPO() {
	s := &bcp.BackupSchedule{
		Interval: isms.Hours(24), JobDuration: isms.Hours(1), TransferLag: isms.ClockDuration(30 * time.Minute),
		VerificationDelay: isms.Hours(2), VerifiedOnly: true,
	}
	w := s.WorstCaseRPO()
	fmt.Println(w.Value, w.Derived)
	fmt.Println(w.Trace)
	// Output:
	// PT27H30M true
	// PT24H interval + PT1H job + PT30M transfer + PT2H verification = PT27H30M
}

// The derived MTPD is the first time the impact reaches the intolerable
// level.
func ExampleBIA_DerivedMTPD() {
	b := &bcp.BIA{ID: "shop", ImpactScale: []string{"low", "medium", "high"}, IntolerableLevel: "high"}
	a := &bcp.Activity{ID: "checkout", Impacts: []bcp.ImpactThreshold{
		{After: isms.Hours(1), Level: "low"},
		{After: isms.Hours(6), Level: "medium"},
		{After: isms.Days(1), Level: "high", Quantity: &bcp.Quantity{Value: 120000, Unit: "EUR"}},
	}}
	d, ok := b.DerivedMTPD(a)
	fmt.Println(d.Value, ok)
	// Output: P1D true
}

// The dependency graph as Mermaid, with the failing path in red.
func ExampleMermaid() {
	b := &bcp.BIA{ID: "g",
		Activities: []bcp.Activity{{ID: "a", Name: "A", Criticality: bcp.CriticalityHigh, RTO: isms.Hours(1), DependsOn: []isms.ID{"r"}}},
		Resources:  []bcp.Resource{{ID: "r", Name: "R", Kind: bcp.ResourceSystem, RestoreTime: isms.Hours(2)}},
	}
	fmt.Print(bcp.Mermaid(b, bcp.Check(&bcp.Snapshot{BIA: b}, time.Time{})))
	// Output:
	// flowchart TD
	//     classDef activity fill:#e3f2fd,stroke:#1565c0
	//     classDef failing fill:#ffebee,stroke:#c62828,stroke-width:2px
	//     n0(["<b>a</b><br/>A (high)<br/>RTO PT1H<br/>achievable RTO PT2H"])
	//     n1["<b>r</b><br/>R (system)<br/>RTO PT1H from a<br/>achievable RTO PT2H"]
	//     n0 --> n1
	//     class n0 failing
	//     linkStyle 0 stroke:#c62828,stroke-width:2px
}
