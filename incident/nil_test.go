package incident_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/internal/nilsweep"
	"github.com/ismskit/ismskit/isms"
)

// TestNilAndZeroArguments calls the exported API with nil and zero
// arguments and receivers: nothing panics, and each call either gives its
// documented zero result or fails with isms.ErrInvalid.
func TestNilAndZeroArguments(t *testing.T) {
	var (
		nilInc *incident.Incident
		nilSvc *incident.Service
		zeroS  = &incident.Service{}
		nilC   *incident.Clocks
		nilE   *incident.Evidence
		nilR   *incident.Regime
		ctx    = context.Background()
		nilCtx context.Context
		zt     time.Time
		inv    = isms.ErrInvalid
		p      = incident.Policy{}
	)
	calls := []nilsweep.Case{
		{Name: "Incident.Validate", Want: inv, Fn: nilInc.Validate},
		{Name: "Incident.Step", Want: inv, Fn: func() error { return nilInc.Step("", incident.StepCommand{}, zt, p) }},
		{Name: "zero Incident.Step", Want: inv, Fn: func() error { return (&incident.Incident{}).Step("", incident.StepCommand{}, zt, p) }},
		{Name: "Incident.Classify", Want: inv, Fn: func() error { return nilInc.Classify("", incident.ClassifyCommand{}, zt, p) }},
		{Name: "Incident.Correct", Want: inv, Fn: func() error { return nilInc.Correct("", incident.CorrectCommand{}, zt) }},
		{Name: "Incident.SetAction", Want: inv, Fn: func() error { return nilInc.SetAction("", incident.ActionCommand{}, zt) }},
		{Name: "Incident.RecordReview", Want: inv, Fn: func() error { return nilInc.RecordReview("", incident.ReviewCommand{}, zt) }},
		{Name: "Incident.RecordEvidence", Want: inv, Fn: func() error { return nilInc.RecordEvidence("", incident.EvidenceCommand{}, zt) }},
		{Name: "Incident.Submit", Want: inv, Fn: func() error { return nilInc.Submit("", incident.SubmitCommand{}, zt) }},
		{Name: "Incident.Request", Want: inv, Fn: func() error { return nilInc.Request("", incident.RequestCommand{}, zt) }},
		{Name: "Incident.Assess", Want: inv, Fn: func() error { return nilInc.Assess("", incident.AssessCommand{}, zt) }},
		{Name: "Incident.Facts", Want: nil, Fn: func() error { assert.Equal(t, incident.Facts{}, nilInc.Facts()); return nil }},
		{Name: "Incident.Ref", Want: nil, Fn: func() error { assert.True(t, nilInc.Ref().IsZero()); return nil }},
		{Name: "Incident.ProposedRisks", Want: nil, Fn: func() error { assert.Nil(t, nilInc.ProposedRisks()); return nil }},
		{Name: "Incident.ClassificationHistory", Want: nil, Fn: func() error { assert.Len(t, nilInc.ClassificationHistory(), 4); return nil }},
		{Name: "Check nil", Want: nil, Fn: func() error { assert.Nil(t, incident.Check(nil, zt, nil)); return nil }},
		{Name: "Check zero", Want: nil, Fn: func() error { incident.Check(&incident.Incident{}, zt, &incident.CheckOptions{}); return nil }},
		{Name: "ParseIncident nil", Want: inv, Fn: func() error { _, err := incident.ParseIncident(nil); return err }},
		{Name: "ParseRegime nil", Want: inv, Fn: func() error { _, err := incident.ParseRegime(nil); return err }},
		{Name: "Regime.Validate nil", Want: inv, Fn: nilR.Validate},
		{Name: "Regime.Validate zero", Want: inv, Fn: (&incident.Regime{}).Validate},
		{Name: "NewClocks nil", Want: nil, Fn: func() error { _, err := incident.NewClocks(nil, nil); return err }},
		{Name: "NewClocks nil regime", Want: inv, Fn: func() error { _, err := incident.NewClocks([]*incident.Regime{nil}, nil); return err }},
		{Name: "NewClocks bad lead", Want: inv, Fn: func() error {
			_, err := incident.NewClocks(nil, &incident.ClockOptions{DueSoon: isms.Duration{Clock: -1}})
			return err
		}},
		{Name: "Clocks.Obligations nil", Want: nil, Fn: func() error { assert.Nil(t, nilC.Obligations(nil, zt)); return nil }},
		{Name: "Clocks.AppendObligations nil", Want: nil, Fn: func() error { assert.Nil(t, nilC.AppendObligations(nil, &incident.Facts{}, zt)); return nil }},
		{Name: "Obligations nil facts", Want: nil, Fn: func() error { _, err := incident.Obligations(incident.BuiltinRegimes(), nil, zt, nil); return err }},
		{Name: "Evidence.Validate nil", Want: inv, Fn: nilE.Validate},
		{Name: "Evidence.CheckCustody nil", Want: nil, Fn: func() error { assert.Nil(t, nilE.CheckCustody()); return nil }},
		{Name: "Evidence.Holder nil", Want: nil, Fn: func() error { assert.Empty(t, nilE.Holder()); return nil }},
		{Name: "Evidence.VerifyContent nil", Want: inv, Fn: func() error { return nilE.VerifyContent(nil) }},
		{Name: "zero Evidence.VerifyContent nil reader", Want: inv, Fn: func() error { return (&incident.Evidence{}).VerifyContent(nil) }},
		{Name: "HashContent nil", Want: inv, Fn: func() error { _, _, err := incident.HashContent(nil); return err }},
		{Name: "BlastRadius nil", Want: nil, Fn: func() error { assert.Nil(t, incident.BlastRadius(nil, nil)); return nil }},
		{Name: "ComputeMetrics nil", Want: nil, Fn: func() error {
			m, g := incident.ComputeMetrics(nil, nil, zt)
			assert.Zero(t, m.Count)
			assert.Empty(t, g)
			return nil
		}},
		{Name: "ComputeMetrics nil entries", Want: nil, Fn: func() error { incident.ComputeMetrics([]*incident.Incident{nil, {}}, nil, zt); return nil }},
		{Name: "Scale.Validate zero", Want: inv, Fn: incident.Scale{}.Validate},
		{Name: "Scale.Rank zero", Want: nil, Fn: func() error { assert.Zero(t, incident.Scale{}.Rank("")); return nil }},
		{Name: "Policy.Validate zero", Want: inv, Fn: incident.Policy{}.Validate},
		{Name: "Calendar.Validate zero", Want: nil, Fn: incident.Calendar{}.Validate},
		{Name: "NewService nil", Want: inv, Fn: func() error { _, err := incident.NewService(nil, "", nil); return err }},
		{Name: "NewService bad policy", Want: inv, Fn: func() error {
			_, err := incident.NewService(nil, "t", &incident.ServiceOptions{Policy: &p})
			return err
		}},
		{Name: "Service.Policy nil", Want: nil, Fn: func() error { assert.Zero(t, nilSvc.Policy()); return nil }},
		{Name: "Service.String nil", Want: nil, Fn: func() error { assert.NotEmpty(t, nilSvc.String()); return nil }},
		{Name: "Service.Report nil", Want: inv, Fn: func() error { return nilSvc.Report(ctx, nil) }},
		{Name: "Service.Report zero", Want: inv, Fn: func() error { return zeroS.Report(nilCtx, nil) }},
		{Name: "Service.Get nil", Want: inv, Fn: func() error { _, err := nilSvc.Get(ctx, ""); return err }},
		{Name: "Service.Step nil", Want: inv, Fn: func() error { _, err := nilSvc.Step(ctx, "", incident.StepCommand{}); return err }},
		{Name: "Service.Classify nil", Want: inv, Fn: func() error { _, err := nilSvc.Classify(ctx, "", incident.ClassifyCommand{}); return err }},
		{Name: "Service.Correct nil", Want: inv, Fn: func() error { _, err := nilSvc.Correct(ctx, "", incident.CorrectCommand{}); return err }},
		{Name: "Service.SetAction nil", Want: inv, Fn: func() error { _, err := nilSvc.SetAction(ctx, "", incident.ActionCommand{}); return err }},
		{Name: "Service.RecordReview nil", Want: inv, Fn: func() error { _, err := nilSvc.RecordReview(ctx, "", incident.ReviewCommand{}); return err }},
		{Name: "Service.RecordEvidence nil", Want: inv, Fn: func() error { _, err := nilSvc.RecordEvidence(ctx, "", incident.EvidenceCommand{}); return err }},
		{Name: "Service.Submit nil", Want: inv, Fn: func() error { _, err := nilSvc.Submit(ctx, "", incident.SubmitCommand{}); return err }},
		{Name: "Service.Request nil", Want: inv, Fn: func() error { _, err := nilSvc.Request(ctx, "", incident.RequestCommand{}); return err }},
		{Name: "Service.Assess nil", Want: inv, Fn: func() error { _, err := nilSvc.Assess(ctx, "", incident.AssessCommand{}); return err }},
		{Name: "Service.All nil", Want: inv, Fn: func() error {
			for _, err := range nilSvc.All(ctx) {
				return err
			}
			return nil
		}},
		{Name: "enum UnmarshalText nil", Want: inv, Fn: func() error { var s *incident.Status; return s.UnmarshalText([]byte("x")) }},
	}
	nilsweep.RunCases(t, calls, nil)
}
