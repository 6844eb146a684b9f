package fair_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
	"github.com/ismskit/ismskit/risk/fair"
)

// TestNilAndZeroArguments calls every exported function and method with
// nil and zero arguments (and nil or zero receivers): none panics, and each
// either returns its documented zero result or fails with isms.ErrInvalid.
func TestNilAndZeroArguments(t *testing.T) {
	var (
		nilL     *fair.Losses
		nilS     *fair.Scenario
		zeroS    = &fair.Scenario{}
		nilR     *fair.Result
		nilScale *fair.ImpactScale
		nilChart *fair.Chart
		zd       fair.Distribution
		zf       fair.Frequency
		inv      = isms.ErrInvalid
		ctx      = context.Background()
		nilCtx   context.Context
	)
	ok := func(err error) { assert.NoError(t, err) }
	bad := func(err error) { assert.ErrorIs(t, err, inv) }

	bad(zd.Validate())
	bad(zf.Validate())
	assert.Zero(t, zd.Mean())
	assert.Zero(t, zf.Mean())
	assert.True(t, zd.IsZero())
	assert.True(t, zf.IsZero())
	assert.Equal(t, "none", zd.String())
	assert.Equal(t, "none", zf.String())
	assert.Equal(t, "", zd.Type())
	assert.Equal(t, "", zf.Type())
	bad(fair.PoissonRate(zd).Validate())

	bad(nilS.Validate())
	bad(zeroS.Validate())
	m, okMean := nilS.AnalyticMean()
	assert.False(t, okMean)
	assert.Zero(t, m)
	_, okMean = zeroS.AnalyticMean()
	assert.False(t, okMean)
	assert.True(t, nilS.Quantitative().IsZero())
	assert.True(t, zeroS.Quantitative().IsZero())
	js, err := json.Marshal(nilS)
	ok(err)
	assert.Equal(t, "null", string(js))
	_, err = fair.FromQuantitative("", risk.QuantitativeScenario{})
	bad(err)
	_, err = fair.FromRisk(nil)
	bad(err)
	_, err = fair.FromRisk(&risk.Risk{})
	bad(err)
	_, err = fair.ParseScenario(nil)
	bad(err)

	_, err = fair.Simulate(nilCtx, []*fair.Scenario{{Name: "x", LossEventFrequency: fair.Bernoulli(0), PrimaryLoss: fair.Constant(0)}}, nil)
	bad(err)
	_, err = fair.Simulate(ctx, nil, nil)
	bad(err)
	_, err = fair.Simulate(ctx, []*fair.Scenario{nil}, nil)
	bad(err)
	_, err = fair.Simulate(ctx, []*fair.Scenario{zeroS}, &fair.Options{})
	bad(err)
	assert.Nil(t, nilR.Scenario("x"))

	assert.Equal(t, "", nilL.Name())
	assert.Zero(t, nilL.Iterations())
	assert.Zero(t, nilL.Mean())
	assert.Zero(t, nilL.StdDev())
	assert.Zero(t, nilL.ProbabilityOfZero())
	assert.Zero(t, nilL.Max())
	assert.Zero(t, nilL.Exceedance(0))
	q, err := nilL.Quantile(0.5)
	ok(err)
	assert.Zero(t, q)
	q, err = nilL.ValueAtRisk(0)
	ok(err)
	assert.Zero(t, q)
	q, err = nilL.ExpectedShortfall(0)
	ok(err)
	assert.Zero(t, q)
	pts, err := nilL.Curve([]float64{1})
	ok(err)
	assert.Equal(t, []fair.CurvePoint{{Loss: 1}}, pts)
	_, err = nilL.Curve(nil)
	bad(err)
	assert.Nil(t, nilL.LossExceedanceCurve(0))
	assert.Nil(t, nilL.LossExceedanceCurve(10))
	assert.Nil(t, fair.GridFor(0))
	assert.Nil(t, fair.GridFor(10, nilL))
	_, err = fair.LogGrid(0, 0, 0)
	bad(err)
	_, err = fair.Compare(nilL, nilL, 0)
	bad(err)

	// A zero-loss scenario: every statistic is 0 and there is no curve.
	res, err := fair.Simulate(ctx, []*fair.Scenario{{Name: "x", LossEventFrequency: fair.Bernoulli(0), PrimaryLoss: fair.Constant(0)}}, &fair.Options{Iterations: 10})
	ok(err)
	l := res.Portfolio
	assert.Equal(t, 1.0, l.ProbabilityOfZero())
	assert.Zero(t, l.Mean())
	assert.Nil(t, l.LossExceedanceCurve(10))
	e, err := fair.Compare(l, l, 0)
	ok(err)
	assert.Zero(t, e.ReductionRatio)

	js, err = json.Marshal(zd)
	ok(err)
	assert.Equal(t, "null", string(js))
	js, err = json.Marshal(zf)
	ok(err)
	assert.Equal(t, "null", string(js))
	js, err = json.Marshal(nilL)
	ok(err)
	assert.Equal(t, "null", string(js))
	sum, err := nilL.Summary()
	ok(err)
	assert.Zero(t, sum.Mean)
	var nd *fair.Distribution
	bad(nd.UnmarshalJSON([]byte(`{}`)))
	var nf *fair.Frequency
	bad(nf.UnmarshalJSON([]byte(`{}`)))
	var ns *fair.Scenario
	bad(ns.UnmarshalJSON([]byte(`{}`)))

	bad(nilScale.Validate(nil))
	bad((&fair.ImpactScale{}).Validate(nil))
	bad((&fair.ImpactScale{}).Validate(&risk.Matrix{}))
	_, err = nilScale.Level(0)
	bad(err)
	_, err = fair.ParseImpactScale(nil, nil)
	bad(err)

	_, err = nilChart.SVG()
	bad(err)
	bad(nilChart.WriteSVG(&bytes.Buffer{}))
	bad((&fair.Chart{}).WriteSVG(nil))
	_, err = (&fair.Chart{}).SVG()
	bad(err)

	assert.False(t, fair.Mode("").IsValid())
	var mode fair.Mode
	bad(mode.UnmarshalText(nil))
	assert.Len(t, fair.ModeValues(), 2)
}
