package bcp_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/internal/nilsweep"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// TestNilAndZeroArguments calls every exported function and method of the
// package with nil and zero arguments (and nil or zero receivers): none
// panics, and each either succeeds with its documented zero result or
// fails with isms.ErrInvalid.
func TestNilAndZeroArguments(t *testing.T) {
	var (
		nilB    *bcp.BIA
		zeroB   = &bcp.BIA{}
		nilR    *bcp.Resource
		nilS    *bcp.BackupSchedule
		nilSnap *bcp.Snapshot
		nilA    *bcp.Analysis
		zeroA   = &bcp.Analysis{}
		nilP    *bcp.RecoveryPlan
		nilT    *bcp.DRTest
		zeroT   = &bcp.DRTest{}
		nilL    *bcp.Library
		zeroL   = &bcp.Library{}
		nilCtx  context.Context
		ctx     = isms.WithActor(context.Background(), "a")
		inv     = isms.ErrInvalid
		zt      time.Time
		zd      isms.Duration
	)
	var nilCrit *bcp.Criticality
	var nilKind *bcp.ResourceKind
	var nilMode *bcp.RecoveryMode
	var nilFo *bcp.FailoverMode
	var nilTK *bcp.DRTestKind
	var nilTS *bcp.DRTestStatus
	var nilBS *bcp.BIAStatus
	calls := []nilsweep.Case{
		{Name: "CriticalityValues", Want: nil, Fn: nilsweep.NoErr(func() { assert.Len(t, bcp.CriticalityValues(), 4) })},
		{Name: "ResourceKindValues", Want: nil, Fn: nilsweep.NoErr(func() { assert.Len(t, bcp.ResourceKindValues(), 7) })},
		{Name: "RecoveryModeValues", Want: nil, Fn: nilsweep.NoErr(func() { assert.Len(t, bcp.RecoveryModeValues(), 2) })},
		{Name: "FailoverModeValues", Want: nil, Fn: nilsweep.NoErr(func() { assert.Len(t, bcp.FailoverModeValues(), 3) })},
		{Name: "DRTestKindValues", Want: nil, Fn: nilsweep.NoErr(func() { assert.Len(t, bcp.DRTestKindValues(), 4) })},
		{Name: "DRTestStatusValues", Want: nil, Fn: nilsweep.NoErr(func() { assert.Len(t, bcp.DRTestStatusValues(), 5) })},
		{Name: "BIAStatusValues", Want: nil, Fn: nilsweep.NoErr(func() { assert.Len(t, bcp.BIAStatusValues(), 2) })},
		{Name: "zero enums", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.False(t, bcp.Criticality("").IsValid())
			assert.Zero(t, bcp.Criticality("").Rank())
			assert.False(t, bcp.ResourceKind("").IsValid())
			assert.False(t, bcp.RecoveryMode("").IsValid())
			assert.False(t, bcp.FailoverMode("").IsValid())
			assert.False(t, bcp.DRTestKind("").IsValid())
			assert.False(t, bcp.DRTestKind("").Measured())
			assert.False(t, bcp.DRTestStatus("").IsValid())
			assert.False(t, bcp.DRTestStatus("").Done())
			assert.False(t, bcp.BIAStatus("").IsValid())
		})},
		{Name: "Criticality.UnmarshalText nil", Want: inv, Fn: func() error { return nilCrit.UnmarshalText(nil) }},
		{Name: "ResourceKind.UnmarshalText nil", Want: inv, Fn: func() error { return nilKind.UnmarshalText(nil) }},
		{Name: "RecoveryMode.UnmarshalText nil", Want: inv, Fn: func() error { return nilMode.UnmarshalText(nil) }},
		{Name: "FailoverMode.UnmarshalText nil", Want: inv, Fn: func() error { return nilFo.UnmarshalText(nil) }},
		{Name: "DRTestKind.UnmarshalText nil", Want: inv, Fn: func() error { return nilTK.UnmarshalText(nil) }},
		{Name: "DRTestStatus.UnmarshalText nil", Want: inv, Fn: func() error { return nilTS.UnmarshalText(nil) }},
		{Name: "BIAStatus.UnmarshalText nil", Want: inv, Fn: func() error { return nilBS.UnmarshalText(nil) }},
		{Name: "BIA.Validate nil", Want: inv, Fn: func() error { return nilB.Validate() }},
		{Name: "BIA.Validate zero", Want: inv, Fn: func() error { return zeroB.Validate() }},
		{Name: "BIA.DerivedMTPD nil", Want: nil, Fn: nilsweep.NoErr(func() {
			_, ok := nilB.DerivedMTPD(nil)
			assert.False(t, ok)
			_, ok = zeroB.DerivedMTPD(&bcp.Activity{})
			assert.False(t, ok)
		})},
		{Name: "Resource nil", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.False(t, nilR.HoldsData())
			assert.False(t, nilR.CustomerShare())
			_, ok := nilR.WorstCaseRPO()
			assert.False(t, ok)
		})},
		{Name: "BackupSchedule.WorstCaseRPO nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Equal(t, bcp.Derived{}, nilS.WorstCaseRPO()) })},
		{Name: "ParseBIA nil", Want: inv, Fn: func() error { _, err := bcp.ParseBIA(nil); return err }},
		{Name: "ParseSnapshot nil", Want: inv, Fn: func() error { _, err := bcp.ParseSnapshot(nil); return err }},
		{Name: "Snapshot.Validate nil", Want: inv, Fn: func() error { return nilSnap.Validate() }},
		{Name: "Snapshot.Validate zero", Want: inv, Fn: func() error { return (&bcp.Snapshot{}).Validate() }},
		{Name: "Analyze nil", Want: nil, Fn: nilsweep.NoErr(func() {
			a := bcp.Analyze(nil)
			assert.Zero(t, a.Len())
			assert.Empty(t, a.Cycles())
			assert.Empty(t, a.RecoveryOrder())
			assert.Empty(t, a.CriticalPath())
		})},
		{Name: "Analysis nil and zero", Want: nil, Fn: nilsweep.NoErr(func() {
			for _, a := range []*bcp.Analysis{nilA, zeroA} {
				assert.Zero(t, a.Len())
				assert.Nil(t, a.Cycles())
				_, ok := a.Node("x")
				assert.False(t, ok)
				assert.Nil(t, a.RecoveryOrder())
				assert.Nil(t, a.CriticalPath())
			}
		})},
		{Name: "Objective.IsZero", Want: nil, Fn: nilsweep.NoErr(func() { assert.True(t, bcp.Objective{}.IsZero()) })},
		{Name: "Check nil", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Nil(t, bcp.Check(nil, zt))
			assert.Nil(t, bcp.Check(&bcp.Snapshot{}, zt))
			assert.Empty(t, bcp.Check(&bcp.Snapshot{BIA: zeroB}, zt))
			// A zero plan has no owner and no test; a zero test is ignored.
			fs := bcp.Check(&bcp.Snapshot{BIA: zeroB, Plans: []bcp.RecoveryPlan{{}}, Tests: []bcp.DRTest{{}}}, zt)
			var codes []string
			for _, f := range fs {
				codes = append(codes, f.Code)
			}
			assert.Equal(t, []string{bcp.CodeDRTestMissing, bcp.CodeOwnerMissing}, codes)
		})},
		{Name: "Rules", Want: nil, Fn: nilsweep.NoErr(func() { assert.NotEmpty(t, bcp.Rules()) })},
		{Name: "DefaultTestInterval", Want: nil, Fn: nilsweep.NoErr(func() { assert.Equal(t, isms.Months(12), bcp.DefaultTestInterval()) })},
		{Name: "RecoveryPlan.ExpectedDuration nil", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Equal(t, bcp.Derived{}, nilP.ExpectedDuration())
			assert.Equal(t, "no steps = PT0S", (&bcp.RecoveryPlan{}).ExpectedDuration().Trace)
		})},
		{Name: "DRTest nil", Want: nil, Fn: nilsweep.NoErr(func() {
			_, ok := nilT.MeasuredRTO()
			assert.False(t, ok)
			_, ok = nilT.MeasuredRPO()
			assert.False(t, ok)
			assert.False(t, nilT.Verdict(zd, zd).Passed)
			assert.False(t, zeroT.Verdict(zd, zd).Passed)
		})},
		{Name: "DRTest.Validate nil", Want: inv, Fn: func() error { return nilT.Validate() }},
		{Name: "DRTest.Validate zero", Want: inv, Fn: func() error { return zeroT.Validate() }},
		{Name: "DRTest.Apply nil", Want: inv, Fn: func() error { return nilT.Apply(bcp.DRTestCommand{}, "", zt) }},
		{Name: "DRTest.Apply zero", Want: inv, Fn: func() error { return (&bcp.DRTest{}).Apply(bcp.DRTestCommand{}, "", zt) }},
		{Name: "DRTestLifecycle", Want: nil, Fn: func() error { return bcp.DRTestLifecycle().Validate() }},
		{Name: "Diff nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Empty(t, bcp.Diff(nil, nil)) })},
		{Name: "Mermaid nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Contains(t, bcp.Mermaid(nil, nil), "flowchart TD") })},
		{Name: "DOT nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Contains(t, bcp.DOT(nil, nil), "digraph") })},
		{Name: "RecoveryOrderTable nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Contains(t, bcp.RecoveryOrderTable(nil), "| # |") })},
		{Name: "Report nil", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Contains(t, bcp.Report(nil, zt), "No BIA")
			assert.Contains(t, bcp.Report(&bcp.Snapshot{BIA: zeroB}, zt), "Findings (0)")
		})},
		{Name: "NewLibrary nil store", Want: inv, Fn: func() error { _, err := bcp.NewLibrary(nil, "acme"); return err }},
		{Name: "NewLibrary zero store", Want: inv, Fn: func() error { _, err := bcp.NewLibrary(&store.Store{}, ""); return err }},
	}
	for _, l := range []*bcp.Library{nilL, zeroL} {
		for _, c := range []context.Context{nilCtx, ctx} {
			calls = append(calls,
				nilsweep.Case{Name: "Library.Draft", Want: inv, Fn: func() error { _, err := l.Draft(c, nil); return err }},
				nilsweep.Case{Name: "Library.Get", Want: inv, Fn: func() error { _, err := l.Get(c, ""); return err }},
				nilsweep.Case{Name: "Library.History", Want: inv, Fn: func() error { _, err := l.History(c, "x"); return err }},
				nilsweep.Case{Name: "Library.Edit", Want: inv, Fn: func() error { _, err := l.Edit(c, "", bcp.EditCommand{}); return err }},
				nilsweep.Case{Name: "Library.SignOff", Want: inv, Fn: func() error { _, err := l.SignOff(c, "", bcp.SignOffCommand{}); return err }},
				nilsweep.Case{Name: "Library.Revise", Want: inv, Fn: func() error { _, err := l.Revise(c, "", bcp.ReviseCommand{}); return err }},
				nilsweep.Case{Name: "Library.PlanTest", Want: inv, Fn: func() error { return l.PlanTest(c, nil) }},
				nilsweep.Case{Name: "Library.GetTest", Want: inv, Fn: func() error { _, err := l.GetTest(c, ""); return err }},
				nilsweep.Case{Name: "Library.StepTest", Want: inv, Fn: func() error { _, err := l.StepTest(c, "", bcp.DRTestCommand{}); return err }},
			)
		}
	}
	// A live library with zero arguments.
	live, _ := newLibrary(t)
	calls = append(calls,
		nilsweep.Case{Name: "live Draft nil", Want: inv, Fn: func() error { _, err := live.Draft(ctx, nil); return err }},
		nilsweep.Case{Name: "live Draft zero", Want: inv, Fn: func() error { _, err := live.Draft(ctx, &bcp.BIA{}); return err }},
		nilsweep.Case{Name: "live Get zero", Want: inv, Fn: func() error { _, err := live.Get(ctx, ""); return err }},
		nilsweep.Case{Name: "live History zero", Want: nil, Fn: func() error { _, err := live.History(ctx, ""); return err }},
		nilsweep.Case{Name: "live PlanTest nil", Want: inv, Fn: func() error { return live.PlanTest(ctx, nil) }},
		nilsweep.Case{Name: "live PlanTest zero", Want: inv, Fn: func() error { return live.PlanTest(ctx, &bcp.DRTest{}) }},
		nilsweep.Case{Name: "live StepTest zero", Want: inv, Fn: func() error { _, err := live.StepTest(ctx, "", bcp.DRTestCommand{}); return err }},
	)
	nilsweep.RunCases(t, calls, nil)
}
