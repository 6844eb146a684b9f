package risk_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/risk"
)

// sweepCall is one call of the nil-and-zero sweep: fn returns the error of
// the call (nil for functions without one), want the documented category
// (nil: the call succeeds with its documented zero result).
type sweepCall struct {
	name string
	want error
	fn   func() error
}

// noErr wraps a call without an error result.
func noErr(f func()) func() error { return func() error { f(); return nil } }

// TestNilAndZeroArguments calls every exported function and method of the
// package with nil and zero arguments (and nil or zero receivers): none
// panics, and each either succeeds with its documented zero result or
// fails with isms.ErrInvalid.
func TestNilAndZeroArguments(t *testing.T) {
	var (
		nilM    *risk.Matrix
		zeroM   = &risk.Matrix{}
		nilR    *risk.Risk
		zeroR   = &risk.Risk{}
		nilH    *risk.Heatmap
		zeroH   = &risk.Heatmap{}
		nilT    *risk.Treatment
		nilA    *risk.Assessment
		nilAcc  *risk.Acceptance
		nilF    *risk.Filter
		nilReg  *risk.Register
		zeroReg = &risk.Register{}
		nilOpts *risk.SVGOptions
		ctx     = context.Background()
		nilCtx  context.Context
		inv     = isms.ErrInvalid
		zt      time.Time
		zp      risk.ReviewPolicy
	)
	f := newFixture(t, nil)
	live := f.create(t, "live", "olivia")

	calls := []sweepCall{
		// Package functions.
		{"AcceptanceLifecycle", nil, func() error { return risk.AcceptanceLifecycle().Validate() }},
		{"StatusLifecycle", nil, func() error { return risk.StatusLifecycle().Validate() }},
		{"AcceptanceLifecycle.Check zero request", inv, func() error {
			return risk.AcceptanceLifecycle().Check(risk.AcceptanceAccepted, risk.AcceptanceExpired, risk.AcceptanceTransitionRequest{})
		}},
		{"StatusLifecycle.Check zero request", inv, func() error {
			return risk.StatusLifecycle().Check(risk.StatusAccepted, risk.StatusOpen, risk.StatusChangeRequest{})
		}},
		{"Check nil", inv, func() error { _, err := risk.Check(nil, nil, zt, nil); return err }},
		{"Check zero matrix", inv, func() error { _, err := risk.Check(zeroR, zeroM, zt, nil); return err }},
		{"Check zero options", nil, func() error { _, err := risk.Check(zeroR, risk.Preset3x3(), zt, &risk.CheckOptions{}); return err }},
		{"Check zero review", inv, func() error {
			_, err := risk.Check(zeroR, risk.Preset3x3(), zt, &risk.CheckOptions{Review: &zp})
			return err
		}},
		{"CheckAll nil", inv, func() error { _, err := risk.CheckAll(nil, nil, zt, nil); return err }},
		{"CheckAll nil risks", nil, func() error {
			_, err := risk.CheckAll([]*risk.Risk{nil, zeroR}, risk.Preset3x3(), zt, nil)
			return err
		}},
		{"DefaultAcceptanceValidity", nil, func() error { return risk.DefaultAcceptanceValidity().Validate() }},
		{"LastReview nil", nil, noErr(func() { assert.True(t, risk.LastReview(nil).IsZero()) })},
		{"NextReview nil", inv, func() error { _, err := risk.NextReview(nil, zp); return err }},
		{"NextReview zero risk", nil, func() error { _, err := risk.NextReview(zeroR, zp); return err }},
		{"NextReview zero policy", inv, func() error { _, err := risk.NextReview(&risk.Risk{Meta: isms.Meta{CreatedAt: t0}}, zp); return err }},
		{"ReviewLevel nil", nil, noErr(func() { assert.Empty(t, risk.ReviewLevel(nil)) })},
		{"ReviewOverdue nil", inv, func() error { _, err := risk.ReviewOverdue(nil, zp, zt); return err }},
		{"ReviewOverdue zero risk", nil, func() error { _, err := risk.ReviewOverdue(zeroR, zp, zt); return err }},
		{"Rules", nil, noErr(func() { assert.NotEmpty(t, risk.Rules()) })},
		{"enum values", nil, noErr(func() {
			_, _, _, _ = risk.AcceptanceStatusValues(), risk.ActionStatusValues(), risk.CombineRuleValues(), risk.PlanStatusValues()
			_, _, _ = risk.StageValues(), risk.StatusValues(), risk.TreatmentOptionValues()
		})},
		{"DefaultCriteria nil", nil, noErr(func() { assert.Equal(t, risk.Criteria{}, risk.DefaultCriteria(nil)) })},
		{"DefaultReviewPolicy nil", nil, noErr(func() {
			assert.Equal(t, risk.ReviewPolicy{Default: isms.Months(3)}, risk.DefaultReviewPolicy(nil))
		})},
		{"AggregateHeatmap nil", inv, func() error { _, err := risk.AggregateHeatmap(nil, "", nil); return err }},
		{"AggregateHeatmap nil risks", nil, func() error {
			_, err := risk.AggregateHeatmap(risk.Preset3x3(), risk.StageCurrent, []*risk.Risk{nil})
			return err
		}},
		{"NewHeatmap nil", inv, func() error { _, err := risk.NewHeatmap(nil, risk.StageCurrent); return err }},
		{"Additive zero", inv, func() error { _, err := risk.Additive(risk.GridSpec{}); return err }},
		{"Multiplicative zero", inv, func() error { _, err := risk.Multiplicative(risk.GridSpec{}); return err }},
		{"ParseMatrix nil", inv, func() error { _, err := risk.ParseMatrix(nil); return err }},
		{"ParseRisk nil", inv, func() error { _, err := risk.ParseRisk(nil); return err }},
		{"presets", nil, noErr(func() {
			_, _, _, _, _ = risk.Preset3x3(), risk.Preset4x4(), risk.Preset5x5(), risk.Preset5x5ISO27005(), risk.Presets()
		})},
		{"NewRegister nil", inv, func() error { _, err := risk.NewRegister(nil, "", nil, nil); return err }},
		{"NewRegister nil store", inv, func() error { _, err := risk.NewRegister(nil, "t", risk.Preset3x3(), nil); return err }},
		{"NewRegister zero store", inv, func() error {
			_, err := risk.NewRegister(&store.Store{}, "t", risk.Preset3x3(), &risk.RegisterOptions{})
			return err
		}},
		{"Rank nil", inv, func() error { _, err := risk.Rank(nil, nil, ""); return err }},
		{"Rank nil risks", nil, func() error { _, err := risk.Rank([]*risk.Risk{nil}, risk.Preset3x3(), risk.StageCurrent); return err }},

		// Enums and small values.
		{"enum UnmarshalText nil receivers", inv, func() error {
			errs := []error{
				(*risk.AcceptanceStatus)(nil).UnmarshalText(nil), (*risk.ActionStatus)(nil).UnmarshalText(nil),
				(*risk.CombineRule)(nil).UnmarshalText(nil), (*risk.PlanStatus)(nil).UnmarshalText(nil),
				(*risk.Stage)(nil).UnmarshalText(nil), (*risk.Status)(nil).UnmarshalText(nil),
				(*risk.TreatmentOption)(nil).UnmarshalText(nil),
			}
			for _, err := range errs {
				assert.ErrorIs(t, err, inv)
			}
			return errs[0]
		}},
		{"enum zero values", nil, noErr(func() {
			var (
				as risk.AcceptanceStatus
				ac risk.ActionStatus
			)
			assert.False(t, as.IsValid() || as.Final() || ac.IsValid() || ac.Open())
			assert.False(t, risk.CombineRule("").IsValid() || risk.PlanStatus("").IsValid() || risk.Stage("").IsValid())
			assert.False(t, risk.Status("").IsValid() || risk.TreatmentOption("").IsValid())
		})},
		{"Dimension zero", inv, func() error { return risk.Dimension("").Validate() }},
		{"MatrixRef zero", nil, noErr(func() {
			assert.True(t, risk.MatrixRef{}.IsZero())
			assert.Equal(t, " (version )", risk.MatrixRef{}.String())
		})},
		{"Trace zero", nil, noErr(func() { _, _ = risk.Trace{}.String(), risk.TraceLevel{}.String() })},
		{"Criteria.Validate nil", inv, func() error { return risk.Criteria{}.Validate(nil) }},
		{"ReviewPolicy.Validate nil", inv, func() error { return zp.Validate(nil) }},
		{"ReviewPolicy.Interval zero", nil, noErr(func() { assert.True(t, zp.Interval("").IsZero()) })},
		{"Filter nil", nil, func() error {
			ok, err := nilF.Match(nil, zp, zt)
			assert.False(t, ok)
			return err
		}},
		{"Filter.Validate nil", nil, func() error { return nilF.Validate() }},
		{"Filter zero overdue", inv, func() error {
			_, err := (&risk.Filter{Overdue: true}).Match(&risk.Risk{Meta: isms.Meta{CreatedAt: t0}}, zp, zt)
			return err
		}},
		{"SVGOptions.Validate nil", nil, func() error { return nilOpts.Validate() }},

		// Matrix.
		{"Matrix nil accessors", nil, noErr(func() {
			assert.Nil(t, nilM.Clone())
			assert.Equal(t, risk.MatrixRef{}, nilM.Ref())
			assert.Equal(t, -1, nilM.LikelihoodIndex("")+nilM.ImpactIndex("")+nilM.RiskIndex("")+2)
			_, ok := nilM.CompareLevels("", "")
			assert.False(t, ok)
			assert.Nil(t, nilM.NonMonotonicCells())
		})},
		{"Matrix.Validate nil", inv, func() error { return nilM.Validate() }},
		{"Matrix.Validate zero", inv, func() error { return zeroM.Validate() }},
		{"Matrix.Score nil", inv, func() error { _, err := nilM.Score(0, 0); return err }},
		{"Matrix.Score zero", inv, func() error { _, err := zeroM.Score(0, 0); return err }},
		{"Matrix.Evaluate nil", inv, func() error { _, err := nilM.Evaluate(risk.Rating{}); return err }},
		{"Matrix.Evaluate zero", inv, func() error { _, err := zeroM.Evaluate(risk.Rating{}); return err }},
		{"Matrix.Explain nil", inv, func() error { _, err := nilM.Explain(risk.Rating{}); return err }},
		{"Matrix.Assess nil", inv, func() error { _, err := nilM.Assess(risk.Rating{}, "", "", zt); return err }},
		{"Matrix.Rescore nil", inv, func() error { _, err := nilM.Rescore(nil); return err }},
		{"Matrix.Rescore nil assessment", inv, func() error { _, err := risk.Preset3x3().Rescore(nil); return err }},
		{"Matrix.Rescore zero", inv, func() error { _, err := zeroM.Rescore(&risk.Assessment{}); return err }},

		// Assessment, Treatment, Acceptance.
		{"Assessment nil accessors", nil, noErr(func() {
			assert.Equal(t, risk.Rating{}, nilA.Rating())
			assert.Nil(t, nilA.Clone())
		})},
		{"Assessment.Validate nil", inv, func() error { return nilA.Validate() }},
		{"Assessment.Validate zero", inv, func() error { return (&risk.Assessment{}).Validate() }},
		{"Treatment nil accessors", nil, noErr(func() {
			assert.Nil(t, nilT.Clone())
			assert.False(t, nilT.SelectsControls())
			assert.Equal(t, risk.PlanEmpty, nilT.PlanStatus())
			done, total := nilT.Progress()
			assert.Zero(t, done+total)
		})},
		{"Treatment.Validate nil", inv, func() error { return nilT.Validate() }},
		{"Treatment.Validate zero", inv, func() error { return (&risk.Treatment{}).Validate() }},
		{"Acceptance nil", nil, noErr(func() { assert.False(t, nilAcc.InForce(zt)) })},
		{"Acceptance.Validate nil", inv, func() error { return nilAcc.Validate() }},
		{"Acceptance.Validate zero", inv, func() error { return (&risk.Acceptance{}).Validate() }},

		// Risk.
		{"Risk nil accessors", nil, noErr(func() {
			assert.Equal(t, isms.Ref{Kind: risk.Kind}, nilR.Ref())
			assert.Nil(t, nilR.Assessment(risk.StageCurrent))
			assert.Empty(t, nilR.EffectiveStage())
			assert.Nil(t, nilR.Effective())
			assert.Nil(t, nilR.LatestAcceptance())
			assert.False(t, nilR.CanApprove("x", zt))
			assert.Nil(t, nilR.Clone())
			assert.False(t, nilR.AcceptanceDue(zt))
		})},
		{"Risk zero accessors", nil, noErr(func() {
			assert.Equal(t, isms.Ref{Kind: risk.Kind}, zeroR.Ref())
			assert.Nil(t, zeroR.Effective())
			assert.False(t, zeroR.CanApprove("", zt))
			assert.False(t, zeroR.AcceptanceDue(zt))
		})},
		{"Risk.Validate nil", inv, func() error { return nilR.Validate() }},
		{"Risk.Validate zero", inv, func() error { return zeroR.Validate() }},
		{"Risk.SetAssessment nil", inv, func() error { return nilR.SetAssessment(risk.StageCurrent, nil) }},
		{"Risk.SetAssessment zero stage", inv, func() error { return (&risk.Risk{}).SetAssessment("", nil) }},
	}
	// Every pure step, on a nil risk and on a zero risk with zero arguments.
	steps := map[string]func(r *risk.Risk) error{
		"Assess":            func(r *risk.Risk) error { return r.Assess(nil, "", risk.AssessCommand{}, zt) },
		"Treat":             func(r *risk.Risk) error { return r.Treat("", risk.TreatCommand{}, zt) },
		"SetActionStatus":   func(r *risk.Risk) error { return r.SetActionStatus("", risk.SetActionStatusCommand{}, zt) },
		"Delegate":          func(r *risk.Risk) error { return r.Delegate("", risk.DelegateCommand{}, zt) },
		"Undelegate":        func(r *risk.Risk) error { return r.Undelegate("", risk.UndelegateCommand{}, zt) },
		"RequestAcceptance": func(r *risk.Risk) error { return r.RequestAcceptance("", risk.RequestAcceptanceCommand{}, zt) },
		"SubmitAcceptance":  func(r *risk.Risk) error { return r.SubmitAcceptance("", risk.SubmitAcceptanceCommand{}, zt) },
		"DecideAcceptance":  func(r *risk.Risk) error { return r.DecideAcceptance("", risk.DecideAcceptanceCommand{}, zt) },
		"RevokeAcceptance":  func(r *risk.Risk) error { return r.RevokeAcceptance("", risk.RevokeAcceptanceCommand{}, zt) },
		"ExpireAcceptance":  func(r *risk.Risk) error { return r.ExpireAcceptance("", zt) },
		"Review":            func(r *risk.Risk) error { return r.Review("", risk.ReviewCommand{}, zt) },
		"WithdrawAcceptance": func(r *risk.Risk) error {
			return r.WithdrawAcceptance("", risk.WithdrawAcceptanceCommand{}, zt)
		},
	}
	for name, step := range steps {
		calls = append(calls,
			sweepCall{"Risk." + name + " nil", inv, func() error { return step(nilR) }},
			sweepCall{"Risk." + name + " zero", inv, func() error { return step(&risk.Risk{}) }},
			// With an actor and a real matrix, zero commands are still refused.
			sweepCall{"Risk." + name + " zero command", inv, func() error {
				r := cleanRisk(t)
				switch name {
				case "Assess":
					return r.Assess(risk.Preset5x5(), "ann", risk.AssessCommand{}, t0)
				case "Treat":
					return r.Treat("ann", risk.TreatCommand{}, t0)
				case "SetActionStatus":
					return r.SetActionStatus("ann", risk.SetActionStatusCommand{}, t0)
				case "Delegate":
					return r.Delegate("olivia", risk.DelegateCommand{}, t0)
				case "Undelegate":
					return r.Undelegate("ann", risk.UndelegateCommand{}, t0)
				case "RequestAcceptance":
					return r.RequestAcceptance("ann", risk.RequestAcceptanceCommand{}, t0)
				case "SubmitAcceptance":
					return r.SubmitAcceptance("ann", risk.SubmitAcceptanceCommand{}, t0)
				case "DecideAcceptance":
					return r.DecideAcceptance("ann", risk.DecideAcceptanceCommand{}, t0)
				case "RevokeAcceptance":
					return r.RevokeAcceptance("ann", risk.RevokeAcceptanceCommand{}, t0)
				case "ExpireAcceptance":
					return r.ExpireAcceptance("system", t0)
				case "WithdrawAcceptance":
					return r.WithdrawAcceptance("ann", risk.WithdrawAcceptanceCommand{}, t0)
				}
				return r.Review("", risk.ReviewCommand{}, t0)
			}},
		)
	}

	// Heatmap.
	calls = append(calls,
		sweepCall{"Heatmap nil accessors", nil, noErr(func() {
			assert.Equal(t, "<nil heatmap>", nilH.String())
			assert.Nil(t, nilH.Clone())
			assert.Zero(t, nilH.Count(0, 0))
			assert.Equal(t, -1, nilH.CellLevel(0, 0))
			assert.Nil(t, nilH.LevelCounts())
		})},
		sweepCall{"Heatmap zero accessors", nil, noErr(func() {
			_ = zeroH.String()
			assert.NotNil(t, zeroH.Clone())
			assert.Zero(t, zeroH.Count(0, 0))
			assert.Equal(t, -1, zeroH.CellLevel(0, 0))
			assert.Empty(t, zeroH.LevelCounts())
		})},
		sweepCall{"Heatmap.Add nil", inv, func() error { return nilH.Add(nil) }},
		sweepCall{"Heatmap.Add zero", nil, func() error { return (&risk.Heatmap{}).Add(zeroR) }},
		sweepCall{"Heatmap.AddAssessment nil", inv, func() error { _, err := nilH.AddAssessment(nil); return err }},
		sweepCall{"Heatmap.AddAssessment zero", nil, func() error { _, err := (&risk.Heatmap{}).AddAssessment(&risk.Assessment{}); return err }},
		sweepCall{"Heatmap.Merge nil", inv, func() error { return nilH.Merge(nil) }},
		sweepCall{"Heatmap.Merge nil other", inv, func() error { return zeroH.Merge(nil) }},
		sweepCall{"Heatmap.Merge zero", nil, func() error { return (&risk.Heatmap{}).Merge(&risk.Heatmap{}) }},
		sweepCall{"Heatmap.SVG nil", inv, func() error { _, err := nilH.SVG(nil); return err }},
		sweepCall{"Heatmap.SVG zero", inv, func() error { _, err := zeroH.SVG(&risk.SVGOptions{}); return err }},
		sweepCall{"Heatmap.WriteSVG nil", inv, func() error { return nilH.WriteSVG(nil, nil) }},
		sweepCall{"Heatmap.WriteSVG zero", inv, func() error { return zeroH.WriteSVG(&bytes.Buffer{}, nil) }},
	)

	// Register: nil and zero receivers, nil contexts, zero arguments.
	for _, g := range []struct {
		name string
		reg  *risk.Register
	}{{"nil", nilReg}, {"zero", zeroReg}} {
		reg := g.reg
		calls = append(calls,
			sweepCall{"Register " + g.name + " accessors", nil, noErr(func() {
				assert.Nil(t, reg.Matrix())
				assert.Equal(t, risk.Criteria{}, reg.Criteria())
				assert.Equal(t, risk.ReviewPolicy{}, reg.ReviewPolicy())
				_ = reg.SystemActor()
			})},
			sweepCall{"Register " + g.name + " NextReview", inv, func() error { _, err := reg.NextReview(nil); return err }},
		)
	}
	for _, reg := range []*risk.Register{nilReg, zeroReg, f.reg} {
		for _, c := range []context.Context{nilCtx, ctx} {
			ops := map[string]func() error{
				"Create":            func() error { return reg.Create(c, nil) },
				"Get":               func() error { _, err := reg.Get(c, ""); return err },
				"Update":            func() error { return reg.Update(c, nil) },
				"Delete":            func() error { return reg.Delete(c, "", 0) },
				"Assess":            func() error { _, err := reg.Assess(c, "", risk.AssessCommand{}); return err },
				"Treat":             func() error { _, err := reg.Treat(c, "", risk.TreatCommand{}); return err },
				"SetActionStatus":   func() error { _, err := reg.SetActionStatus(c, "", risk.SetActionStatusCommand{}); return err },
				"Delegate":          func() error { _, err := reg.Delegate(c, "", risk.DelegateCommand{}); return err },
				"Undelegate":        func() error { _, err := reg.Undelegate(c, "", risk.UndelegateCommand{}); return err },
				"RequestAcceptance": func() error { _, err := reg.RequestAcceptance(c, "", risk.RequestAcceptanceCommand{}); return err },
				"SubmitAcceptance":  func() error { _, err := reg.SubmitAcceptance(c, "", risk.SubmitAcceptanceCommand{}); return err },
				"DecideAcceptance":  func() error { _, err := reg.DecideAcceptance(c, "", risk.DecideAcceptanceCommand{}); return err },
				"RevokeAcceptance":  func() error { _, err := reg.RevokeAcceptance(c, "", risk.RevokeAcceptanceCommand{}); return err },
				"WithdrawAcceptance": func() error {
					_, err := reg.WithdrawAcceptance(c, "", risk.WithdrawAcceptanceCommand{})
					return err
				},
				"Review":  func() error { _, err := reg.Review(c, "", risk.ReviewCommand{}); return err },
				"Top":     func() error { _, err := reg.Top(c, 0, "", nil); return err },
				"Heatmap": func() error { _, err := reg.Heatmap(c, "", nil); return err },
			}
			if reg != f.reg || c == nil {
				// The real register with a context: All, List, Check and
				// ExpireAcceptances succeed with nil and zero arguments.
				ops["All"] = func() error {
					for _, err := range reg.All(c) {
						return err
					}
					return nil
				}
				ops["List"] = func() error { _, err := reg.List(c, nil); return err }
				ops["Check"] = func() error { _, err := reg.Check(c, nil); return err }
				ops["ExpireAcceptances"] = func() error { _, err := reg.ExpireAcceptances(c); return err }
				ops["Selections"] = func() error { _, err := reg.Selections(c, nil); return err }
			}
			for name, op := range ops {
				calls = append(calls, sweepCall{"Register." + name, inv, op})
			}
		}
	}
	calls = append(calls,
		sweepCall{"Register.All", nil, func() error {
			for _, err := range f.reg.All(ctx) {
				return err
			}
			return nil
		}},
		sweepCall{"Register.List zero filter", nil, func() error { _, err := f.reg.List(ctx, &risk.Filter{}); return err }},
		sweepCall{"Register.Check nil filter", nil, func() error { _, err := f.reg.Check(ctx, nil); return err }},
		sweepCall{"Register.Selections nil filter", nil, func() error { _, err := f.reg.Selections(ctx, nil); return err }},
		sweepCall{"Selections nil", nil, noErr(func() {
			assert.Nil(t, risk.Selections(nil))
			assert.Nil(t, nilR.Selections())
			assert.Nil(t, zeroR.Selections())
		})},
		sweepCall{"exports nil writer", inv, func() error { return risk.WriteRegisterCSV(nil, nil, nil) }},
		sweepCall{"exports nil risks", nil, func() error {
			var b bytes.Buffer
			return errors.Join(risk.WriteRegisterCSV(&b, nil, nil), risk.WriteTreatmentPlanCSV(&b, []*risk.Risk{nil, zeroR}, &risk.ExportOptions{}),
				risk.WriteRegisterMarkdown(&b, []*risk.Risk{nil, zeroR}), risk.WriteTreatmentPlanMarkdown(&b, nil))
		}},
		sweepCall{"MigrateAssessments nil", inv, func() error { _, err := risk.MigrateAssessments(nil, nil, nil); return err }},
		sweepCall{"MigrateAssessments zero matrices", inv, func() error { _, err := risk.MigrateAssessments(zeroR, zeroM, zeroM); return err }},
		sweepCall{"Register.CheckRefs nil", inv, func() error { _, err := nilReg.CheckRefs(ctx, nil, nil, nil); return err }},
		sweepCall{"Register.CheckRefs zero", inv, func() error { _, err := zeroReg.CheckRefs(ctx, nil, nil, nil); return err }},
		sweepCall{"Register.CheckRefs nil lists", nil, func() error { _, err := f.reg.CheckRefs(ctx, nil, nil, nil); return err }},
		sweepCall{"Register.MigrateMatrix nil", inv, func() error { _, err := nilReg.MigrateMatrix(ctx, nil); return err }},
		sweepCall{"Register.MigrateMatrix zero", inv, func() error { _, err := zeroReg.MigrateMatrix(admin, nil); return err }},
		sweepCall{"Register.MigrateMatrix nil matrix", inv, func() error { _, err := f.reg.MigrateMatrix(admin, nil); return err }},
		sweepCall{"export columns", nil, noErr(func() {
			assert.NotEmpty(t, risk.RegisterColumns())
			assert.NotEmpty(t, risk.TreatmentPlanColumns())
		})},
		sweepCall{"Register.ExpireAcceptances no actor", nil, func() error { _, err := f.reg.ExpireAcceptances(ctx); return err }},
		sweepCall{"Register.NextReview nil risk", inv, func() error { _, err := f.reg.NextReview(nil); return err }},
		sweepCall{"Register.Update zero risk", inv, func() error { return f.reg.Update(admin, &risk.Risk{}) }},
		sweepCall{"Register.Create zero risk", inv, func() error { return f.reg.Create(admin, &risk.Risk{}) }},
		sweepCall{"Register.Assess zero command", inv, func() error { _, err := f.reg.Assess(admin, live.ID, risk.AssessCommand{}); return err }},
	)

	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = c.fn() })
			if c.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, c.want)
		})
	}
}
