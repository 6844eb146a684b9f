package bcp_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

type sweepCall struct {
	name string
	want error
	fn   func() error
}

func noErr(f func()) func() error { return func() error { f(); return nil } }

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
	calls := []sweepCall{
		{"CriticalityValues", nil, noErr(func() { assert.Len(t, bcp.CriticalityValues(), 4) })},
		{"ResourceKindValues", nil, noErr(func() { assert.Len(t, bcp.ResourceKindValues(), 7) })},
		{"RecoveryModeValues", nil, noErr(func() { assert.Len(t, bcp.RecoveryModeValues(), 2) })},
		{"FailoverModeValues", nil, noErr(func() { assert.Len(t, bcp.FailoverModeValues(), 3) })},
		{"DRTestKindValues", nil, noErr(func() { assert.Len(t, bcp.DRTestKindValues(), 4) })},
		{"DRTestStatusValues", nil, noErr(func() { assert.Len(t, bcp.DRTestStatusValues(), 5) })},
		{"BIAStatusValues", nil, noErr(func() { assert.Len(t, bcp.BIAStatusValues(), 2) })},
		{"zero enums", nil, noErr(func() {
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
		{"Criticality.UnmarshalText nil", inv, func() error { return nilCrit.UnmarshalText(nil) }},
		{"ResourceKind.UnmarshalText nil", inv, func() error { return nilKind.UnmarshalText(nil) }},
		{"RecoveryMode.UnmarshalText nil", inv, func() error { return nilMode.UnmarshalText(nil) }},
		{"FailoverMode.UnmarshalText nil", inv, func() error { return nilFo.UnmarshalText(nil) }},
		{"DRTestKind.UnmarshalText nil", inv, func() error { return nilTK.UnmarshalText(nil) }},
		{"DRTestStatus.UnmarshalText nil", inv, func() error { return nilTS.UnmarshalText(nil) }},
		{"BIAStatus.UnmarshalText nil", inv, func() error { return nilBS.UnmarshalText(nil) }},
		{"BIA.Validate nil", inv, func() error { return nilB.Validate() }},
		{"BIA.Validate zero", inv, func() error { return zeroB.Validate() }},
		{"BIA.DerivedMTPD nil", nil, noErr(func() {
			_, ok := nilB.DerivedMTPD(nil)
			assert.False(t, ok)
			_, ok = zeroB.DerivedMTPD(&bcp.Activity{})
			assert.False(t, ok)
		})},
		{"Resource nil", nil, noErr(func() {
			assert.False(t, nilR.HoldsData())
			assert.False(t, nilR.CustomerShare())
			_, ok := nilR.WorstCaseRPO()
			assert.False(t, ok)
		})},
		{"BackupSchedule.WorstCaseRPO nil", nil, noErr(func() { assert.Equal(t, bcp.Derived{}, nilS.WorstCaseRPO()) })},
		{"ParseBIA nil", inv, func() error { _, err := bcp.ParseBIA(nil); return err }},
		{"ParseSnapshot nil", inv, func() error { _, err := bcp.ParseSnapshot(nil); return err }},
		{"Snapshot.Validate nil", inv, func() error { return nilSnap.Validate() }},
		{"Snapshot.Validate zero", inv, func() error { return (&bcp.Snapshot{}).Validate() }},
		{"Analyze nil", nil, noErr(func() {
			a := bcp.Analyze(nil)
			assert.Zero(t, a.Len())
			assert.Empty(t, a.Cycles())
			assert.Empty(t, a.RecoveryOrder())
			assert.Empty(t, a.CriticalPath())
		})},
		{"Analysis nil and zero", nil, noErr(func() {
			for _, a := range []*bcp.Analysis{nilA, zeroA} {
				assert.Zero(t, a.Len())
				assert.Nil(t, a.Cycles())
				_, ok := a.Node("x")
				assert.False(t, ok)
				assert.Nil(t, a.RecoveryOrder())
				assert.Nil(t, a.CriticalPath())
			}
		})},
		{"Objective.IsZero", nil, noErr(func() { assert.True(t, bcp.Objective{}.IsZero()) })},
		{"Check nil", nil, noErr(func() {
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
		{"Rules", nil, noErr(func() { assert.NotEmpty(t, bcp.Rules()) })},
		{"DefaultTestInterval", nil, noErr(func() { assert.Equal(t, isms.Months(12), bcp.DefaultTestInterval()) })},
		{"RecoveryPlan.ExpectedDuration nil", nil, noErr(func() {
			assert.Equal(t, bcp.Derived{}, nilP.ExpectedDuration())
			assert.Equal(t, "no steps = PT0S", (&bcp.RecoveryPlan{}).ExpectedDuration().Trace)
		})},
		{"DRTest nil", nil, noErr(func() {
			_, ok := nilT.MeasuredRTO()
			assert.False(t, ok)
			_, ok = nilT.MeasuredRPO()
			assert.False(t, ok)
			assert.False(t, nilT.Verdict(zd, zd).Passed)
			assert.False(t, zeroT.Verdict(zd, zd).Passed)
		})},
		{"DRTest.Validate nil", inv, func() error { return nilT.Validate() }},
		{"DRTest.Validate zero", inv, func() error { return zeroT.Validate() }},
		{"DRTest.Apply nil", inv, func() error { return nilT.Apply(bcp.DRTestCommand{}, "", zt) }},
		{"DRTest.Apply zero", inv, func() error { return (&bcp.DRTest{}).Apply(bcp.DRTestCommand{}, "", zt) }},
		{"DRTestLifecycle", nil, func() error { return bcp.DRTestLifecycle().Validate() }},
		{"Diff nil", nil, noErr(func() { assert.Empty(t, bcp.Diff(nil, nil)) })},
		{"Mermaid nil", nil, noErr(func() { assert.Contains(t, bcp.Mermaid(nil, nil), "flowchart TD") })},
		{"DOT nil", nil, noErr(func() { assert.Contains(t, bcp.DOT(nil, nil), "digraph") })},
		{"RecoveryOrderTable nil", nil, noErr(func() { assert.Contains(t, bcp.RecoveryOrderTable(nil), "| # |") })},
		{"Report nil", nil, noErr(func() {
			assert.Contains(t, bcp.Report(nil, zt), "No BIA")
			assert.Contains(t, bcp.Report(&bcp.Snapshot{BIA: zeroB}, zt), "Findings (0)")
		})},
		{"NewLibrary nil store", inv, func() error { _, err := bcp.NewLibrary(nil, "acme"); return err }},
		{"NewLibrary zero store", inv, func() error { _, err := bcp.NewLibrary(&store.Store{}, ""); return err }},
	}
	for _, l := range []*bcp.Library{nilL, zeroL} {
		for _, c := range []context.Context{nilCtx, ctx} {
			calls = append(calls,
				sweepCall{"Library.Draft", inv, func() error { _, err := l.Draft(c, nil); return err }},
				sweepCall{"Library.Get", inv, func() error { _, err := l.Get(c, ""); return err }},
				sweepCall{"Library.History", inv, func() error { _, err := l.History(c, "x"); return err }},
				sweepCall{"Library.Edit", inv, func() error { _, err := l.Edit(c, "", bcp.EditCommand{}); return err }},
				sweepCall{"Library.SignOff", inv, func() error { _, err := l.SignOff(c, "", bcp.SignOffCommand{}); return err }},
				sweepCall{"Library.Revise", inv, func() error { _, err := l.Revise(c, "", bcp.ReviseCommand{}); return err }},
				sweepCall{"Library.PlanTest", inv, func() error { return l.PlanTest(c, nil) }},
				sweepCall{"Library.GetTest", inv, func() error { _, err := l.GetTest(c, ""); return err }},
				sweepCall{"Library.StepTest", inv, func() error { _, err := l.StepTest(c, "", bcp.DRTestCommand{}); return err }},
			)
		}
	}
	// A live library with zero arguments.
	live, _ := newLibrary(t)
	calls = append(calls,
		sweepCall{"live Draft nil", inv, func() error { _, err := live.Draft(ctx, nil); return err }},
		sweepCall{"live Draft zero", inv, func() error { _, err := live.Draft(ctx, &bcp.BIA{}); return err }},
		sweepCall{"live Get zero", inv, func() error { _, err := live.Get(ctx, ""); return err }},
		sweepCall{"live History zero", nil, func() error { _, err := live.History(ctx, ""); return err }},
		sweepCall{"live PlanTest nil", inv, func() error { return live.PlanTest(ctx, nil) }},
		sweepCall{"live PlanTest zero", inv, func() error { return live.PlanTest(ctx, &bcp.DRTest{}) }},
		sweepCall{"live StepTest zero", inv, func() error { _, err := live.StepTest(ctx, "", bcp.DRTestCommand{}); return err }},
	)
	for _, c := range calls {
		var err error
		require.NotPanics(t, func() { err = c.fn() }, c.name)
		if c.want == nil {
			assert.NoError(t, err, c.name)
		} else {
			assert.ErrorIs(t, err, c.want, c.name)
		}
	}
}
