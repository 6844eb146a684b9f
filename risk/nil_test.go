package risk_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/internal/nilsweep"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/risk"
)

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

	calls := []nilsweep.Case{
		// Package functions.
		{Name: "AcceptanceLifecycle", Want: nil, Fn: func() error { return risk.AcceptanceLifecycle().Validate() }},
		{Name: "StatusLifecycle", Want: nil, Fn: func() error { return risk.StatusLifecycle().Validate() }},
		{Name: "AcceptanceLifecycle.Check zero request", Want: inv, Fn: func() error {
			return risk.AcceptanceLifecycle().Check(risk.AcceptanceAccepted, risk.AcceptanceExpired, risk.AcceptanceTransitionRequest{})
		}},
		{Name: "StatusLifecycle.Check zero request", Want: inv, Fn: func() error {
			return risk.StatusLifecycle().Check(risk.StatusAccepted, risk.StatusOpen, risk.StatusChangeRequest{})
		}},
		{Name: "Check nil", Want: inv, Fn: func() error { _, err := risk.Check(nil, nil, zt, nil); return err }},
		{Name: "Check zero matrix", Want: inv, Fn: func() error { _, err := risk.Check(zeroR, zeroM, zt, nil); return err }},
		{Name: "Check zero options", Want: nil, Fn: func() error { _, err := risk.Check(zeroR, risk.Preset3x3(), zt, &risk.CheckOptions{}); return err }},
		{Name: "Check zero review", Want: inv, Fn: func() error {
			_, err := risk.Check(zeroR, risk.Preset3x3(), zt, &risk.CheckOptions{Review: &zp})
			return err
		}},
		{Name: "CheckAll nil", Want: inv, Fn: func() error { _, err := risk.CheckAll(nil, nil, zt, nil); return err }},
		{Name: "CheckAll nil risks", Want: nil, Fn: func() error {
			_, err := risk.CheckAll([]*risk.Risk{nil, zeroR}, risk.Preset3x3(), zt, nil)
			return err
		}},
		{Name: "DefaultAcceptanceValidity", Want: nil, Fn: func() error { return risk.DefaultAcceptanceValidity().Validate() }},
		{Name: "LastReview nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.True(t, risk.LastReview(nil).IsZero()) })},
		{Name: "NextReview nil", Want: inv, Fn: func() error { _, err := risk.NextReview(nil, zp); return err }},
		{Name: "NextReview zero risk", Want: nil, Fn: func() error { _, err := risk.NextReview(zeroR, zp); return err }},
		{Name: "NextReview zero policy", Want: inv, Fn: func() error { _, err := risk.NextReview(&risk.Risk{Meta: isms.Meta{CreatedAt: t0}}, zp); return err }},
		{Name: "ReviewLevel nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Empty(t, risk.ReviewLevel(nil)) })},
		{Name: "ReviewOverdue nil", Want: inv, Fn: func() error { _, err := risk.ReviewOverdue(nil, zp, zt); return err }},
		{Name: "ReviewOverdue zero risk", Want: nil, Fn: func() error { _, err := risk.ReviewOverdue(zeroR, zp, zt); return err }},
		{Name: "Rules", Want: nil, Fn: nilsweep.NoErr(func() { assert.NotEmpty(t, risk.Rules()) })},
		{Name: "enum values", Want: nil, Fn: nilsweep.NoErr(func() {
			_, _, _, _ = risk.AcceptanceStatusValues(), risk.ActionStatusValues(), risk.CombineRuleValues(), risk.PlanStatusValues()
			_, _, _ = risk.StageValues(), risk.StatusValues(), risk.TreatmentOptionValues()
		})},
		{Name: "DefaultCriteria nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Equal(t, risk.Criteria{}, risk.DefaultCriteria(nil)) })},
		{Name: "DefaultReviewPolicy nil", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Equal(t, risk.ReviewPolicy{Default: isms.Months(3)}, risk.DefaultReviewPolicy(nil))
		})},
		{Name: "AggregateHeatmap nil", Want: inv, Fn: func() error { _, err := risk.AggregateHeatmap(nil, "", nil); return err }},
		{Name: "AggregateHeatmap nil risks", Want: nil, Fn: func() error {
			_, err := risk.AggregateHeatmap(risk.Preset3x3(), risk.StageCurrent, []*risk.Risk{nil})
			return err
		}},
		{Name: "NewHeatmap nil", Want: inv, Fn: func() error { _, err := risk.NewHeatmap(nil, risk.StageCurrent); return err }},
		{Name: "Additive zero", Want: inv, Fn: func() error { _, err := risk.Additive(risk.GridSpec{}); return err }},
		{Name: "Multiplicative zero", Want: inv, Fn: func() error { _, err := risk.Multiplicative(risk.GridSpec{}); return err }},
		{Name: "ParseMatrix nil", Want: inv, Fn: func() error { _, err := risk.ParseMatrix(nil); return err }},
		{Name: "ParseRisk nil", Want: inv, Fn: func() error { _, err := risk.ParseRisk(nil); return err }},
		{Name: "presets", Want: nil, Fn: nilsweep.NoErr(func() {
			_, _, _, _, _ = risk.Preset3x3(), risk.Preset4x4(), risk.Preset5x5(), risk.Preset5x5ISO27005(), risk.Presets()
		})},
		{Name: "NewRegister nil", Want: inv, Fn: func() error { _, err := risk.NewRegister(nil, "", nil, nil); return err }},
		{Name: "NewRegister nil store", Want: inv, Fn: func() error { _, err := risk.NewRegister(nil, "t", risk.Preset3x3(), nil); return err }},
		{Name: "NewRegister zero store", Want: inv, Fn: func() error {
			_, err := risk.NewRegister(&store.Store{}, "t", risk.Preset3x3(), &risk.RegisterOptions{})
			return err
		}},
		{Name: "Rank nil", Want: inv, Fn: func() error { _, err := risk.Rank(nil, nil, ""); return err }},
		{Name: "Rank nil risks", Want: nil, Fn: func() error { _, err := risk.Rank([]*risk.Risk{nil}, risk.Preset3x3(), risk.StageCurrent); return err }},

		// Enums and small values.
		{Name: "enum UnmarshalText nil receivers", Want: inv, Fn: func() error {
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
		{Name: "enum zero values", Want: nil, Fn: nilsweep.NoErr(func() {
			var (
				as risk.AcceptanceStatus
				ac risk.ActionStatus
			)
			assert.False(t, as.IsValid() || as.Final() || ac.IsValid() || ac.Open())
			assert.False(t, risk.CombineRule("").IsValid() || risk.PlanStatus("").IsValid() || risk.Stage("").IsValid())
			assert.False(t, risk.Status("").IsValid() || risk.TreatmentOption("").IsValid())
		})},
		{Name: "Dimension zero", Want: inv, Fn: func() error { return risk.Dimension("").Validate() }},
		{Name: "MatrixRef zero", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.True(t, risk.MatrixRef{}.IsZero())
			assert.Equal(t, " (version )", risk.MatrixRef{}.String())
		})},
		{Name: "Trace zero", Want: nil, Fn: nilsweep.NoErr(func() { _, _ = risk.Trace{}.String(), risk.TraceLevel{}.String() })},
		{Name: "Criteria.Validate nil", Want: inv, Fn: func() error { return risk.Criteria{}.Validate(nil) }},
		{Name: "ReviewPolicy.Validate nil", Want: inv, Fn: func() error { return zp.Validate(nil) }},
		{Name: "ReviewPolicy.Interval zero", Want: nil, Fn: nilsweep.NoErr(func() { assert.True(t, zp.Interval("").IsZero()) })},
		{Name: "Filter nil", Want: nil, Fn: func() error {
			ok, err := nilF.Match(nil, zp, zt)
			assert.False(t, ok)
			return err
		}},
		{Name: "Filter.Validate nil", Want: nil, Fn: func() error { return nilF.Validate() }},
		{Name: "Filter zero overdue", Want: inv, Fn: func() error {
			_, err := (&risk.Filter{Overdue: true}).Match(&risk.Risk{Meta: isms.Meta{CreatedAt: t0}}, zp, zt)
			return err
		}},
		{Name: "SVGOptions.Validate nil", Want: nil, Fn: func() error { return nilOpts.Validate() }},

		// Matrix.
		{Name: "Matrix nil accessors", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Nil(t, nilM.Clone())
			assert.Equal(t, risk.MatrixRef{}, nilM.Ref())
			assert.Equal(t, -1, nilM.LikelihoodIndex("")+nilM.ImpactIndex("")+nilM.RiskIndex("")+2)
			_, ok := nilM.CompareLevels("", "")
			assert.False(t, ok)
			assert.Nil(t, nilM.NonMonotonicCells())
		})},
		{Name: "Matrix.Validate nil", Want: inv, Fn: func() error { return nilM.Validate() }},
		{Name: "Matrix.Validate zero", Want: inv, Fn: func() error { return zeroM.Validate() }},
		{Name: "Matrix.Score nil", Want: inv, Fn: func() error { _, err := nilM.Score(0, 0); return err }},
		{Name: "Matrix.Score zero", Want: inv, Fn: func() error { _, err := zeroM.Score(0, 0); return err }},
		{Name: "Matrix.Evaluate nil", Want: inv, Fn: func() error { _, err := nilM.Evaluate(risk.Rating{}); return err }},
		{Name: "Matrix.Evaluate zero", Want: inv, Fn: func() error { _, err := zeroM.Evaluate(risk.Rating{}); return err }},
		{Name: "Matrix.Explain nil", Want: inv, Fn: func() error { _, err := nilM.Explain(risk.Rating{}); return err }},
		{Name: "Matrix.Assess nil", Want: inv, Fn: func() error { _, err := nilM.Assess(risk.Rating{}, "", "", zt); return err }},
		{Name: "Matrix.Rescore nil", Want: inv, Fn: func() error { _, err := nilM.Rescore(nil); return err }},
		{Name: "Matrix.Rescore nil assessment", Want: inv, Fn: func() error { _, err := risk.Preset3x3().Rescore(nil); return err }},
		{Name: "Matrix.Rescore zero", Want: inv, Fn: func() error { _, err := zeroM.Rescore(&risk.Assessment{}); return err }},

		// Assessment, Treatment, Acceptance.
		{Name: "Assessment nil accessors", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Equal(t, risk.Rating{}, nilA.Rating())
			assert.Nil(t, nilA.Clone())
		})},
		{Name: "Assessment.Validate nil", Want: inv, Fn: func() error { return nilA.Validate() }},
		{Name: "Assessment.Validate zero", Want: inv, Fn: func() error { return (&risk.Assessment{}).Validate() }},
		{Name: "Treatment nil accessors", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Nil(t, nilT.Clone())
			assert.False(t, nilT.SelectsControls())
			assert.Equal(t, risk.PlanEmpty, nilT.PlanStatus())
			done, total := nilT.Progress()
			assert.Zero(t, done+total)
		})},
		{Name: "Treatment.Validate nil", Want: inv, Fn: func() error { return nilT.Validate() }},
		{Name: "Treatment.Validate zero", Want: inv, Fn: func() error { return (&risk.Treatment{}).Validate() }},
		{Name: "Acceptance nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.False(t, nilAcc.InForce(zt)) })},
		{Name: "Acceptance.Validate nil", Want: inv, Fn: func() error { return nilAcc.Validate() }},
		{Name: "Acceptance.Validate zero", Want: inv, Fn: func() error { return (&risk.Acceptance{}).Validate() }},

		// Risk.
		{Name: "Risk nil accessors", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Equal(t, isms.Ref{Kind: risk.Kind}, nilR.Ref())
			assert.Nil(t, nilR.Assessment(risk.StageCurrent))
			assert.Empty(t, nilR.EffectiveStage())
			assert.Nil(t, nilR.Effective())
			assert.Nil(t, nilR.LatestAcceptance())
			assert.False(t, nilR.CanApprove("x", zt))
			assert.Nil(t, nilR.Clone())
			assert.False(t, nilR.AcceptanceDue(zt))
		})},
		{Name: "Risk zero accessors", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Equal(t, isms.Ref{Kind: risk.Kind}, zeroR.Ref())
			assert.Nil(t, zeroR.Effective())
			assert.False(t, zeroR.CanApprove("", zt))
			assert.False(t, zeroR.AcceptanceDue(zt))
		})},
		{Name: "Risk.Validate nil", Want: inv, Fn: func() error { return nilR.Validate() }},
		{Name: "Risk.Validate zero", Want: inv, Fn: func() error { return zeroR.Validate() }},
		{Name: "Risk.SetAssessment nil", Want: inv, Fn: func() error { return nilR.SetAssessment(risk.StageCurrent, nil) }},
		{Name: "Risk.SetAssessment zero stage", Want: inv, Fn: func() error { return (&risk.Risk{}).SetAssessment("", nil) }},
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
			nilsweep.Case{Name: "Risk." + name + " nil", Want: inv, Fn: func() error { return step(nilR) }},
			nilsweep.Case{Name: "Risk." + name + " zero", Want: inv, Fn: func() error { return step(&risk.Risk{}) }},
			// With an actor and a real matrix, zero commands are still refused.
			nilsweep.Case{Name: "Risk." + name + " zero command", Want: inv, Fn: func() error {
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
		nilsweep.Case{Name: "Heatmap nil accessors", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Equal(t, "<nil heatmap>", nilH.String())
			assert.Nil(t, nilH.Clone())
			assert.Zero(t, nilH.Count(0, 0))
			assert.Equal(t, -1, nilH.CellLevel(0, 0))
			assert.Nil(t, nilH.LevelCounts())
		})},
		nilsweep.Case{Name: "Heatmap zero accessors", Want: nil, Fn: nilsweep.NoErr(func() {
			_ = zeroH.String()
			assert.NotNil(t, zeroH.Clone())
			assert.Zero(t, zeroH.Count(0, 0))
			assert.Equal(t, -1, zeroH.CellLevel(0, 0))
			assert.Empty(t, zeroH.LevelCounts())
		})},
		nilsweep.Case{Name: "Heatmap.Add nil", Want: inv, Fn: func() error { return nilH.Add(nil) }},
		nilsweep.Case{Name: "Heatmap.Add zero", Want: nil, Fn: func() error { return (&risk.Heatmap{}).Add(zeroR) }},
		nilsweep.Case{Name: "Heatmap.AddAssessment nil", Want: inv, Fn: func() error { _, err := nilH.AddAssessment(nil); return err }},
		nilsweep.Case{Name: "Heatmap.AddAssessment zero", Want: nil, Fn: func() error { _, err := (&risk.Heatmap{}).AddAssessment(&risk.Assessment{}); return err }},
		nilsweep.Case{Name: "Heatmap.Merge nil", Want: inv, Fn: func() error { return nilH.Merge(nil) }},
		nilsweep.Case{Name: "Heatmap.Merge nil other", Want: inv, Fn: func() error { return zeroH.Merge(nil) }},
		nilsweep.Case{Name: "Heatmap.Merge zero", Want: nil, Fn: func() error { return (&risk.Heatmap{}).Merge(&risk.Heatmap{}) }},
		nilsweep.Case{Name: "Heatmap.SVG nil", Want: inv, Fn: func() error { _, err := nilH.SVG(nil); return err }},
		nilsweep.Case{Name: "Heatmap.SVG zero", Want: inv, Fn: func() error { _, err := zeroH.SVG(&risk.SVGOptions{}); return err }},
		nilsweep.Case{Name: "Heatmap.WriteSVG nil", Want: inv, Fn: func() error { return nilH.WriteSVG(nil, nil) }},
		nilsweep.Case{Name: "Heatmap.WriteSVG zero", Want: inv, Fn: func() error { return zeroH.WriteSVG(&bytes.Buffer{}, nil) }},
	)

	// Register: nil and zero receivers, nil contexts, zero arguments.
	for _, g := range []struct {
		name string
		reg  *risk.Register
	}{{"nil", nilReg}, {"zero", zeroReg}} {
		reg := g.reg
		calls = append(calls,
			nilsweep.Case{Name: "Register " + g.name + " accessors", Want: nil, Fn: nilsweep.NoErr(func() {
				assert.Nil(t, reg.Matrix())
				assert.Equal(t, risk.Criteria{}, reg.Criteria())
				assert.Equal(t, risk.ReviewPolicy{}, reg.ReviewPolicy())
				_ = reg.SystemActor()
			})},
			nilsweep.Case{Name: "Register " + g.name + " NextReview", Want: inv, Fn: func() error { _, err := reg.NextReview(nil); return err }},
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
				calls = append(calls, nilsweep.Case{Name: "Register." + name, Want: inv, Fn: op})
			}
		}
	}
	calls = append(calls,
		nilsweep.Case{Name: "Register.All", Want: nil, Fn: func() error {
			for _, err := range f.reg.All(ctx) {
				return err
			}
			return nil
		}},
		nilsweep.Case{Name: "Register.List zero filter", Want: nil, Fn: func() error { _, err := f.reg.List(ctx, &risk.Filter{}); return err }},
		nilsweep.Case{Name: "Register.Check nil filter", Want: nil, Fn: func() error { _, err := f.reg.Check(ctx, nil); return err }},
		nilsweep.Case{Name: "Register.Selections nil filter", Want: nil, Fn: func() error { _, err := f.reg.Selections(ctx, nil); return err }},
		nilsweep.Case{Name: "Selections nil", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Nil(t, risk.Selections(nil))
			assert.Nil(t, nilR.Selections())
			assert.Nil(t, zeroR.Selections())
		})},
		nilsweep.Case{Name: "exports nil writer", Want: inv, Fn: func() error { return risk.WriteRegisterCSV(nil, nil, nil) }},
		nilsweep.Case{Name: "exports nil risks", Want: nil, Fn: func() error {
			var b bytes.Buffer
			return errors.Join(risk.WriteRegisterCSV(&b, nil, nil), risk.WriteTreatmentPlanCSV(&b, []*risk.Risk{nil, zeroR}, &risk.ExportOptions{}),
				risk.WriteRegisterMarkdown(&b, []*risk.Risk{nil, zeroR}), risk.WriteTreatmentPlanMarkdown(&b, nil))
		}},
		nilsweep.Case{Name: "MigrateAssessments nil", Want: inv, Fn: func() error { _, err := risk.MigrateAssessments(nil, nil, nil); return err }},
		nilsweep.Case{Name: "MigrateAssessments zero matrices", Want: inv, Fn: func() error { _, err := risk.MigrateAssessments(zeroR, zeroM, zeroM); return err }},
		nilsweep.Case{Name: "Register.CheckRefs nil", Want: inv, Fn: func() error { _, err := nilReg.CheckRefs(ctx, nil, nil, nil); return err }},
		nilsweep.Case{Name: "Register.CheckRefs zero", Want: inv, Fn: func() error { _, err := zeroReg.CheckRefs(ctx, nil, nil, nil); return err }},
		nilsweep.Case{Name: "Register.CheckRefs nil lists", Want: nil, Fn: func() error { _, err := f.reg.CheckRefs(ctx, nil, nil, nil); return err }},
		nilsweep.Case{Name: "Register.MigrateMatrix nil", Want: inv, Fn: func() error { _, err := nilReg.MigrateMatrix(ctx, nil); return err }},
		nilsweep.Case{Name: "Register.MigrateMatrix zero", Want: inv, Fn: func() error { _, err := zeroReg.MigrateMatrix(admin, nil); return err }},
		nilsweep.Case{Name: "Register.MigrateMatrix nil matrix", Want: inv, Fn: func() error { _, err := f.reg.MigrateMatrix(admin, nil); return err }},
		nilsweep.Case{Name: "export columns", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.NotEmpty(t, risk.RegisterColumns())
			assert.NotEmpty(t, risk.TreatmentPlanColumns())
		})},
		nilsweep.Case{Name: "Register.ExpireAcceptances no actor", Want: nil, Fn: func() error { _, err := f.reg.ExpireAcceptances(ctx); return err }},
		nilsweep.Case{Name: "Register.NextReview nil risk", Want: inv, Fn: func() error { _, err := f.reg.NextReview(nil); return err }},
		nilsweep.Case{Name: "Register.Update zero risk", Want: inv, Fn: func() error { return f.reg.Update(admin, &risk.Risk{}) }},
		nilsweep.Case{Name: "Register.Create zero risk", Want: inv, Fn: func() error { return f.reg.Create(admin, &risk.Risk{}) }},
		nilsweep.Case{Name: "Register.Assess zero command", Want: inv, Fn: func() error { _, err := f.reg.Assess(admin, live.ID, risk.AssessCommand{}); return err }},
	)

	nilsweep.RunCases(t, calls, nil)
}
