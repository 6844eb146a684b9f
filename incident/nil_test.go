package incident_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/incident"
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
	calls := []struct {
		name string
		want error
		fn   func() error
	}{
		{"Incident.Validate", inv, nilInc.Validate},
		{"Incident.Step", inv, func() error { return nilInc.Step("", incident.StepCommand{}, zt, p) }},
		{"zero Incident.Step", inv, func() error { return (&incident.Incident{}).Step("", incident.StepCommand{}, zt, p) }},
		{"Incident.Classify", inv, func() error { return nilInc.Classify("", incident.ClassifyCommand{}, zt, p) }},
		{"Incident.Correct", inv, func() error { return nilInc.Correct("", incident.CorrectCommand{}, zt) }},
		{"Incident.SetAction", inv, func() error { return nilInc.SetAction("", incident.ActionCommand{}, zt) }},
		{"Incident.RecordReview", inv, func() error { return nilInc.RecordReview("", incident.ReviewCommand{}, zt) }},
		{"Incident.RecordEvidence", inv, func() error { return nilInc.RecordEvidence("", incident.EvidenceCommand{}, zt) }},
		{"Incident.Submit", inv, func() error { return nilInc.Submit("", incident.SubmitCommand{}, zt) }},
		{"Incident.Request", inv, func() error { return nilInc.Request("", incident.RequestCommand{}, zt) }},
		{"Incident.Assess", inv, func() error { return nilInc.Assess("", incident.AssessCommand{}, zt) }},
		{"Incident.Facts", nil, func() error { assert.Equal(t, incident.Facts{}, nilInc.Facts()); return nil }},
		{"Incident.Ref", nil, func() error { assert.True(t, nilInc.Ref().IsZero()); return nil }},
		{"Incident.ProposedRisks", nil, func() error { assert.Nil(t, nilInc.ProposedRisks()); return nil }},
		{"Incident.ClassificationHistory", nil, func() error { assert.Len(t, nilInc.ClassificationHistory(), 4); return nil }},
		{"Check nil", nil, func() error { assert.Nil(t, incident.Check(nil, zt, nil)); return nil }},
		{"Check zero", nil, func() error { incident.Check(&incident.Incident{}, zt, &incident.CheckOptions{}); return nil }},
		{"ParseIncident nil", inv, func() error { _, err := incident.ParseIncident(nil); return err }},
		{"ParseRegime nil", inv, func() error { _, err := incident.ParseRegime(nil); return err }},
		{"Regime.Validate nil", inv, nilR.Validate},
		{"Regime.Validate zero", inv, (&incident.Regime{}).Validate},
		{"NewClocks nil", nil, func() error { _, err := incident.NewClocks(nil, nil); return err }},
		{"NewClocks nil regime", inv, func() error { _, err := incident.NewClocks([]*incident.Regime{nil}, nil); return err }},
		{"NewClocks bad lead", inv, func() error {
			_, err := incident.NewClocks(nil, &incident.ClockOptions{DueSoon: isms.Duration{Clock: -1}})
			return err
		}},
		{"Clocks.Obligations nil", nil, func() error { assert.Nil(t, nilC.Obligations(nil, zt)); return nil }},
		{"Clocks.AppendObligations nil", nil, func() error { assert.Nil(t, nilC.AppendObligations(nil, &incident.Facts{}, zt)); return nil }},
		{"Obligations nil facts", nil, func() error { _, err := incident.Obligations(incident.BuiltinRegimes(), nil, zt, nil); return err }},
		{"Evidence.Validate nil", inv, nilE.Validate},
		{"Evidence.CheckCustody nil", nil, func() error { assert.Nil(t, nilE.CheckCustody()); return nil }},
		{"Evidence.Holder nil", nil, func() error { assert.Empty(t, nilE.Holder()); return nil }},
		{"Evidence.VerifyContent nil", inv, func() error { return nilE.VerifyContent(nil) }},
		{"zero Evidence.VerifyContent nil reader", inv, func() error { return (&incident.Evidence{}).VerifyContent(nil) }},
		{"HashContent nil", inv, func() error { _, _, err := incident.HashContent(nil); return err }},
		{"BlastRadius nil", nil, func() error { assert.Nil(t, incident.BlastRadius(nil, nil)); return nil }},
		{"ComputeMetrics nil", nil, func() error {
			m, g := incident.ComputeMetrics(nil, nil, zt)
			assert.Zero(t, m.Count)
			assert.Empty(t, g)
			return nil
		}},
		{"ComputeMetrics nil entries", nil, func() error { incident.ComputeMetrics([]*incident.Incident{nil, {}}, nil, zt); return nil }},
		{"Scale.Validate zero", inv, incident.Scale{}.Validate},
		{"Scale.Rank zero", nil, func() error { assert.Zero(t, incident.Scale{}.Rank("")); return nil }},
		{"Policy.Validate zero", inv, incident.Policy{}.Validate},
		{"Calendar.Validate zero", nil, incident.Calendar{}.Validate},
		{"NewService nil", inv, func() error { _, err := incident.NewService(nil, "", nil); return err }},
		{"NewService bad policy", inv, func() error {
			_, err := incident.NewService(nil, "t", &incident.ServiceOptions{Policy: &p})
			return err
		}},
		{"Service.Policy nil", nil, func() error { assert.Zero(t, nilSvc.Policy()); return nil }},
		{"Service.String nil", nil, func() error { assert.NotEmpty(t, nilSvc.String()); return nil }},
		{"Service.Report nil", inv, func() error { return nilSvc.Report(ctx, nil) }},
		{"Service.Report zero", inv, func() error { return zeroS.Report(nilCtx, nil) }},
		{"Service.Get nil", inv, func() error { _, err := nilSvc.Get(ctx, ""); return err }},
		{"Service.Step nil", inv, func() error { _, err := nilSvc.Step(ctx, "", incident.StepCommand{}); return err }},
		{"Service.Classify nil", inv, func() error { _, err := nilSvc.Classify(ctx, "", incident.ClassifyCommand{}); return err }},
		{"Service.Correct nil", inv, func() error { _, err := nilSvc.Correct(ctx, "", incident.CorrectCommand{}); return err }},
		{"Service.SetAction nil", inv, func() error { _, err := nilSvc.SetAction(ctx, "", incident.ActionCommand{}); return err }},
		{"Service.RecordReview nil", inv, func() error { _, err := nilSvc.RecordReview(ctx, "", incident.ReviewCommand{}); return err }},
		{"Service.RecordEvidence nil", inv, func() error { _, err := nilSvc.RecordEvidence(ctx, "", incident.EvidenceCommand{}); return err }},
		{"Service.Submit nil", inv, func() error { _, err := nilSvc.Submit(ctx, "", incident.SubmitCommand{}); return err }},
		{"Service.Request nil", inv, func() error { _, err := nilSvc.Request(ctx, "", incident.RequestCommand{}); return err }},
		{"Service.Assess nil", inv, func() error { _, err := nilSvc.Assess(ctx, "", incident.AssessCommand{}); return err }},
		{"Service.All nil", inv, func() error {
			for _, err := range nilSvc.All(ctx) {
				return err
			}
			return nil
		}},
		{"enum UnmarshalText nil", inv, func() error { var s *incident.Status; return s.UnmarshalText([]byte("x")) }},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			var err error
			assert.NotPanics(t, func() { err = c.fn() })
			if c.want == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, c.want)
			}
		})
	}
}
