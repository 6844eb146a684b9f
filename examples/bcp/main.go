// Command bcp runs the business continuity checks of package bcp on an
// online shop: three activities (checkout, warehouse, payroll) and the
// resources they need (a database, a payment provider, a cloud region, an
// identity provider, a warehouse system and a payroll service), with
// realistic objectives, recovery plans and DR tests. The shop has two
// deliberate gaps (checkout cannot be recovered within its RTO, and the
// nightly database backup cannot meet its RPO), one stale DR test and one
// supplier that leaves recovery to the shop without a plan or a test.
//
// The BIA is stored as a signed-off version, then revised (the diff is
// printed); a DR test is taken through its lifecycle; the findings, the
// recovery order and the critical path are printed, and the dependency
// graph is written as Mermaid and Graphviz DOT, with the BIA report in
// Markdown, to -out.
//
//	go run ./examples/bcp [-out dir]
//
// Its output is deterministic: the store's clock and IDs come from package
// ismstest.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

func main() {
	out := flag.String("out", filepath.Join(os.TempDir(), "ismskit-bcp"), "directory for graph.mmd, graph.dot and report.md")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bcp:", err)
		os.Exit(1)
	}
}

func hours(n int) isms.Duration   { return isms.Hours(n) }
func minutes(n int) isms.Duration { return isms.ClockDuration(time.Duration(n) * time.Minute) }
func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// shop is the online shop's BIA.
func shop() *bcp.BIA {
	return &bcp.BIA{
		ID:               "shop-bia",
		ImpactScale:      []string{"minor", "moderate", "major", "severe"},
		IntolerableLevel: "major",
		Activities: []bcp.Activity{
			{ID: "checkout", Name: "Checkout", Owner: "head-of-ecommerce", Criticality: bcp.CriticalityCritical,
				MTPD: hours(8), RTO: hours(4), RPO: minutes(15), ResumeTime: minutes(30),
				MBCO: &bcp.Quantity{Value: 200, Unit: "orders per hour"},
				Impacts: []bcp.ImpactThreshold{
					{After: hours(1), Level: "minor", Quantity: &bcp.Quantity{Value: 8000, Unit: "EUR"}},
					{After: hours(4), Level: "moderate", Quantity: &bcp.Quantity{Value: 40000, Unit: "EUR"}},
					{After: hours(12), Level: "major", Quantity: &bcp.Quantity{Value: 150000, Unit: "EUR"}},
				},
				DependsOn: []isms.ID{"shop-app", "payments", "idp"}},
			{ID: "warehouse", Name: "Warehouse dispatch", Owner: "head-of-logistics", Criticality: bcp.CriticalityHigh,
				MTPD: isms.Days(2), RTO: hours(24), RPO: hours(4), ResumeTime: hours(2),
				DependsOn: []isms.ID{"wms", "idp"}},
			{ID: "payroll", Name: "Payroll", Owner: "head-of-finance", Criticality: bcp.CriticalityMedium,
				MTPD: isms.Days(10), RTO: isms.Days(3), RPO: isms.Days(1),
				DependsOn: []isms.ID{"payroll-saas"}},
		},
		Resources: []bcp.Resource{
			{ID: "shop-app", Name: "Shop application", Kind: bcp.ResourceApplication, RestoreTime: hours(1), RestoreMeasured: true,
				DependsOn: []isms.ID{"orders-db", "eu-region"}},
			{ID: "orders-db", Name: "Orders database", Kind: bcp.ResourceDataStore, Asset: isms.NewRef(isms.KindAsset, "asset-orders-db"),
				RestoreTime: hours(2), RestoreMeasured: true, ChangedAt: day("2026-01-15T00:00:00Z"),
				// Gap: a nightly backup cannot meet checkout's 15-minute RPO.
				Backup:    &bcp.BackupSchedule{Interval: hours(24), JobDuration: hours(1), TransferLag: minutes(30), Retention: isms.Days(35), Immutable: true},
				DependsOn: []isms.ID{"eu-region"}},
			{ID: "eu-region", Name: "Cloud region eu-west", Kind: bcp.ResourceCloudService,
				Failover: &bcp.Failover{Mode: bcp.FailoverManual, Time: hours(2)},
				SLA:      &bcp.SLA{RTO: hours(2), ProviderRecovers: []string{"compute", "storage"}}},
			{ID: "payments", Name: "Payment provider", Kind: bcp.ResourceSupplier,
				SLA: &bcp.SLA{RTO: hours(1), ProviderRecovers: []string{"payment processing", "transaction records"}}},
			{ID: "idp", Name: "Identity provider", Kind: bcp.ResourceCloudService, RestoreTime: minutes(15),
				SLA: &bcp.SLA{RTO: hours(1), ProviderRecovers: []string{"directory", "sign-in"}}},
			{ID: "wms", Name: "Warehouse management system", Kind: bcp.ResourceApplication, RestoreTime: hours(6),
				Backup: &bcp.BackupSchedule{Interval: hours(1), JobDuration: minutes(10), Offline: true}},
			// The payroll service keeps the data; exporting and re-importing
			// it is the shop's job, and nobody has planned or tested that.
			{ID: "payroll-saas", Name: "Payroll service", Kind: bcp.ResourceSupplier,
				SLA: &bcp.SLA{RTO: isms.Days(1), RPO: isms.Days(1), ProviderRecovers: []string{"platform"}, CustomerRecovers: []string{"employee master data"}}},
		},
	}
}

func plans() []bcp.RecoveryPlan {
	return []bcp.RecoveryPlan{
		{ID: "plan-checkout", Name: "Recover checkout", Target: "checkout", Owner: "head-of-ecommerce",
			ReviewDue: day("2026-11-01T00:00:00Z"), ChangedAt: day("2026-02-01T00:00:00Z"),
			Steps: []bcp.PlanStep{
				{Name: "Fail over to eu-central", Role: "cloud engineer", Resources: []isms.ID{"eu-region"}, Duration: hours(2)},
				{Name: "Restore the orders database", Role: "DBA", Resources: []isms.ID{"orders-db"}, Duration: hours(1)},
				{Name: "Redeploy and smoke-test the shop", Role: "SRE", Resources: []isms.ID{"shop-app"}, Duration: minutes(45)},
			}},
		{ID: "plan-warehouse", Name: "Recover dispatch", Target: "warehouse", Owner: "head-of-logistics",
			ReviewDue: day("2026-09-01T00:00:00Z"),
			Steps: []bcp.PlanStep{
				{Name: "Restore the WMS", Role: "vendor support", Resources: []isms.ID{"wms"}, Duration: hours(6)},
				{Name: "Reprint open pick lists", Role: "shift lead", Duration: hours(1)},
			}},
	}
}

func run(ctx context.Context, w io.Writer, outDir string) error {
	clock := ismstest.NewFixedClock(day("2026-06-01T09:00:00Z"))
	s := memstore.NewStore(&store.Options{Clock: clock, IDs: ismstest.NewSequentialIDs()})
	lib, err := bcp.NewLibrary(s, "shop")
	if err != nil {
		return err
	}
	ctx = isms.WithActor(ctx, "ciso")

	// Version 1, signed off; then a revision with its diff.
	v1, err := lib.Draft(ctx, shop())
	if err != nil {
		return err
	}
	if v1, err = lib.SignOff(ctx, v1.ID, bcp.SignOffCommand{Revision: v1.Revision}); err != nil {
		return err
	}
	if _, err := lib.Edit(ctx, v1.ID, bcp.EditCommand{BIA: *shop()}); err != nil {
		fmt.Fprintf(w, "editing the signed-off version is refused: %v\n", err)
	}
	next := shop()
	next.Activities[1].RTO = hours(12) // dispatch must now be back within 12 hours
	v2, err := lib.Revise(ctx, v1.ID, bcp.ReviseCommand{BIA: *next, Revision: v1.Revision})
	if err != nil {
		return err
	}
	if v2, err = lib.SignOff(ctx, v2.ID, bcp.SignOffCommand{}); err != nil {
		return err
	}
	fmt.Fprintf(w, "BIA %s version %d signed off by %s; changes from version %d:\n", v2.BIA.ID, v2.BIA.Version, v2.SignedOffBy, v1.BIA.Version)
	for _, c := range v2.Changes {
		fmt.Fprintf(w, "  %s %s: %s -> %s\n", c.Op, c.Path, c.Old, c.New)
	}

	// This year's full-scale checkout test, through its lifecycle.
	t := &bcp.DRTest{Name: "Checkout full-scale 2026", Kind: bcp.DRTestFullScale, Plan: "plan-checkout",
		Resources:  []isms.ID{"eu-region", "orders-db", "shop-app"},
		PlannedFor: day("2026-05-20T00:00:00Z"),
		Criteria:   []bcp.Criterion{{Description: "test orders are taken and paid"}, {Description: "stock levels reconcile"}}}
	if err := lib.PlanTest(ctx, t); err != nil {
		return err
	}
	steps := []bcp.DRTestCommand{
		{To: bcp.DRTestExecuted, ExecutedAt: day("2026-05-20T08:00:00Z"), DisruptedAt: day("2026-05-20T08:00:00Z"),
			RestoredAt: day("2026-05-20T11:40:00Z"), RestorePoint: day("2026-05-20T07:50:00Z")},
		{To: bcp.DRTestEvaluated, Met: []bool{true, true}, Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-dr-2026-05")}},
		{To: bcp.DRTestClosed},
	}
	for _, cmd := range steps {
		if t, err = lib.StepTest(ctx, t.ID, cmd); err != nil {
			return err
		}
	}
	v := t.Verdict(hours(4), minutes(15))
	fmt.Fprintf(w, "\nDR test %s: %s, passed=%v (%s; %s)\n", t.ID, t.Status, v.Passed, v.MeasuredRTO.Trace, v.MeasuredRPO.Trace)

	// The warehouse was last tested in 2025: a passing test, now stale.
	old := bcp.DRTest{Meta: isms.Meta{ID: "dr-warehouse-2025"}, Name: "WMS restore 2025", Kind: bcp.DRTestBackupRestore,
		Plan: "plan-warehouse", Status: bcp.DRTestClosed,
		ExecutedAt: day("2025-04-10T06:00:00Z"), DisruptedAt: day("2025-04-10T06:00:00Z"),
		RestoredAt: day("2025-04-10T13:00:00Z"), RestorePoint: day("2025-04-10T05:30:00Z"),
		Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-dr-2025-04")}}

	snap := &bcp.Snapshot{BIA: &v2.BIA, Plans: plans(), Tests: []bcp.DRTest{*t, old}}
	if err := snap.Validate(); err != nil {
		return err
	}
	now := clock.Now()
	fs := bcp.Check(snap, now)
	fmt.Fprintf(w, "\nFindings at %s (%d):\n", now.Format(time.DateOnly), len(fs))
	for _, f := range fs {
		fmt.Fprintf(w, "  %-7s %-32s %-24s %s\n", f.Severity, f.Code, f.Subject.ID, f.Message)
	}

	a := bcp.Analyze(snap.BIA)
	fmt.Fprintf(w, "\nRecovery order:\n%s", bcp.RecoveryOrderTable(a.RecoveryOrder()))
	fmt.Fprintf(w, "Critical path: %v\n", a.CriticalPath())

	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	for name, body := range map[string]string{
		"graph.mmd": bcp.Mermaid(snap.BIA, fs),
		"graph.dot": bcp.DOT(snap.BIA, fs),
		"report.md": bcp.Report(snap, now),
	} {
		if err := os.WriteFile(filepath.Join(outDir, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "\nwrote graph.mmd, graph.dot and report.md")
	return nil
}
