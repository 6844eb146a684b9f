package fair_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
	"github.com/ismskit/ismskit/risk/fair"
)

func TestDistributionParameters(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	bad := map[string]fair.Distribution{
		"negative constant": fair.Constant(-1), "nan constant": fair.Constant(nan), "huge constant": fair.Constant(2 * fair.MaxValue),
		"uniform reversed": fair.Uniform(2, 1), "uniform inf": fair.Uniform(0, inf),
		"triangular degenerate": fair.Triangular(1, 1, 1), "triangular mode out": fair.Triangular(0, 5, 4),
		"pert reversed": fair.PERT(10, 5, 1), "pert mode out": fair.PERT(1, 0, 3), "pert nan": fair.PERT(nan, 1, 2),
		"pert shape 0": fair.PERTShape(0, 1, 2, 0), "pert shape nan": fair.PERTShape(0, 1, 2, nan), "pert shape huge": fair.PERTShape(0, 1, 2, 2e6),
		"lognormal zero low": fair.LognormalCI90(0, 1), "lognormal reversed": fair.LognormalCI90(2, 1), "lognormal wide": fair.LognormalCI90(1, 1e10),
		"normal sd 0": fair.Normal(1, 0), "normal negative mean": fair.Normal(-1, 1),
	}
	for name, d := range bad {
		assert.ErrorIs(t, d.Validate(), isms.ErrInvalid, name)
		assert.Equal(t, "invalid", d.Type(), name)
		assert.Zero(t, d.Mean(), name)
	}
	assert.ErrorIs(t, fair.Distribution{}.Validate(), isms.ErrInvalid)
	// Analytic means: (1+3)/2 = 2; (0+1+5)/3 = 2; (20 + 400 + 900)/6 = 220;
	// (0 + 2·3 + 6)/4 = 3; lognormal: √(1·100)·e^{σ²/2} with σ = ln 100/(2·1.6448536) = 1.3998722;
	// normal(100, 1): 100 + φ(−100)/(1 − Φ(−100)) ≈ 100.
	good := map[fair.Distribution]float64{
		fair.Constant(7): 7, fair.Uniform(1, 3): 2, fair.Triangular(0, 1, 5): 2, fair.PERT(20, 100, 900): 220,
		fair.PERTShape(0, 3, 6, 2): 3, fair.LognormalCI90(1, 100): 10 * math.Exp(1.3998722*1.3998722/2), fair.Normal(100, 1): 100,
	}
	for d, want := range good {
		require.NoError(t, d.Validate(), d.String())
		assert.InDelta(t, want, d.Mean(), 1e-6*want, d.String())
	}
	for name, f := range map[string]fair.Frequency{"p > 1": fair.Bernoulli(1.1), "p nan": fair.Bernoulli(nan),
		"rate < 0": fair.Poisson(-1), "rate huge": fair.Poisson(2 * fair.MaxRate), "rate dist bad": fair.PoissonRate(fair.PERT(3, 2, 1)),
		"rate dist absent": fair.PoissonRate(fair.Distribution{}), "rate dist mean": fair.PoissonRate(fair.Constant(2 * fair.MaxRate))} {
		assert.ErrorIs(t, f.Validate(), isms.ErrInvalid, name)
	}
	assert.ErrorIs(t, fair.Frequency{}.Validate(), isms.ErrInvalid)
	assert.Equal(t, 0.3, fair.Bernoulli(0.3).Mean())
	assert.Equal(t, 2.0, fair.PoissonRate(fair.Uniform(1, 3)).Mean())
}

func TestScenarioValidation(t *testing.T) {
	base := func() *fair.Scenario {
		return &fair.Scenario{Name: "s", LossEventFrequency: fair.Bernoulli(0.1), PrimaryLoss: fair.Constant(1)}
	}
	cases := []struct {
		name  string
		edit  func(s *fair.Scenario)
		field string
		code  string
	}{
		{"no name", func(s *fair.Scenario) { s.Name = "" }, "name", isms.CodeRequired},
		{"bad mode", func(s *fair.Scenario) { s.Mode = "sum" }, "mode", isms.CodeUnknown},
		{"no frequency", func(s *fair.Scenario) { s.LossEventFrequency = fair.Frequency{} }, "loss_event_frequency", isms.CodeRequired},
		{"two frequencies", func(s *fair.Scenario) { s.ThreatEventFrequency = fair.Poisson(1) }, "loss_event_frequency", isms.CodeForbidden},
		{"bad frequency", func(s *fair.Scenario) { s.LossEventFrequency = fair.Bernoulli(2) }, "loss_event_frequency", isms.CodeOutOfRange},
		{"lef with vulnerability", func(s *fair.Scenario) { s.Vulnerability = fair.Constant(0.5) }, "vulnerability", isms.CodeForbidden},
		{"tef without vulnerability", func(s *fair.Scenario) {
			s.LossEventFrequency, s.ThreatEventFrequency = fair.Frequency{}, fair.Poisson(1)
		}, "vulnerability", isms.CodeRequired},
		{"contact without action", func(s *fair.Scenario) {
			s.LossEventFrequency, s.ContactFrequency, s.Vulnerability = fair.Frequency{}, fair.Poisson(1), fair.Constant(1)
		}, "probability_of_action", isms.CodeRequired},
		{"capability alone", func(s *fair.Scenario) {
			s.LossEventFrequency, s.ThreatEventFrequency, s.ThreatCapability = fair.Frequency{}, fair.Poisson(1), fair.Constant(1)
		}, "resistance_strength", isms.CodeRequired},
		{"both vulnerabilities", func(s *fair.Scenario) {
			s.LossEventFrequency, s.ThreatEventFrequency = fair.Frequency{}, fair.Poisson(1)
			s.Vulnerability, s.ThreatCapability, s.ResistanceStrength = fair.Constant(1), fair.Constant(1), fair.Constant(1)
		}, "vulnerability", isms.CodeForbidden},
		{"probability above 1", func(s *fair.Scenario) {
			s.LossEventFrequency, s.ThreatEventFrequency, s.Vulnerability = fair.Frequency{}, fair.Poisson(1), fair.Uniform(0, 2)
		}, "vulnerability", isms.CodeOutOfRange},
		{"unbounded probability", func(s *fair.Scenario) {
			s.SecondaryLossEventFrequency, s.SecondaryLoss = fair.Normal(0.5, 0.1), fair.Constant(1)
		}, "secondary_loss_event_frequency", isms.CodeOutOfRange},
		{"no primary", func(s *fair.Scenario) { s.PrimaryLoss = fair.Distribution{} }, "primary_loss", isms.CodeRequired},
		{"bad primary", func(s *fair.Scenario) { s.PrimaryLoss = fair.PERT(1, 2, 1) }, "primary_loss", isms.CodeOutOfRange},
		{"secondary alone", func(s *fair.Scenario) { s.SecondaryLoss = fair.Constant(1) }, "secondary_loss", isms.CodeRequired},
	}
	require.NoError(t, base().Validate())
	for _, c := range cases {
		s := base()
		c.edit(s)
		err := s.Validate()
		var ve *isms.ValidationError
		require.ErrorAs(t, err, &ve, c.name)
		assert.True(t, ve.Has(c.field, c.code), "%s: %v", c.name, err)
	}
}

// TestStoredWithARisk: a scenario stored on a risk.Risk survives JSON and
// risk.ParseRisk, and reads back equal; bad stored forms are refused.
func TestStoredWithARisk(t *testing.T) {
	s := &fair.Scenario{Name: "risk-0001", Mode: fair.ModeProduct, Currency: "EUR",
		ContactFrequency: fair.PoissonRate(fair.PERT(1, 4, 12)), ProbabilityOfAction: fair.Uniform(0.1, 0.6),
		ThreatCapability: fair.PERTShape(30, 60, 95, 6), ResistanceStrength: fair.Triangular(40, 70, 90),
		PrimaryLoss: fair.LognormalCI90(1e4, 5e5), SecondaryLossEventFrequency: fair.Constant(0.2), SecondaryLoss: fair.Normal(1e5, 3e4)}
	r := &risk.Risk{Title: "t", Status: risk.StatusOpen, Quantitative: new(s.Quantitative())}
	r.ID = "risk-0001"
	data, err := json.Marshal(r)
	require.NoError(t, err)
	back, err := risk.ParseRisk(data)
	require.NoError(t, err)
	got, err := fair.FromRisk(back)
	require.NoError(t, err)
	assert.Equal(t, s, got)
	assert.Equal(t, r.Quantitative, back.Clone().Quantitative)

	// The JSON of a scenario (pointer or value) parses back equal.
	byValue, err := json.Marshal(*s)
	require.NoError(t, err)
	doc, err := json.Marshal(s)
	assert.Equal(t, string(doc), string(byValue))
	require.NoError(t, err)
	parsed, err := fair.ParseScenario(doc)
	require.NoError(t, err)
	assert.Equal(t, s, parsed)
	var un fair.Scenario
	require.NoError(t, json.Unmarshal(doc, &un))
	assert.Equal(t, s, &un)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"name":""}`), &un), isms.ErrInvalid)
	_, err = fair.ParseScenario([]byte(`{"name":"x","loss_event_frequency":{"type":"bernoulli","probability":0.1},"primary_loss":{"type":"constant","value":1},"extra":1}`))
	assert.ErrorIs(t, err, isms.ErrInvalid)

	for name, q := range map[string]risk.QuantitativeScenario{
		"unknown type":   {LossEventFrequency: risk.QuantitativeFrequency{Type: "weekly"}, PrimaryLoss: risk.QuantitativeDistribution{Type: "constant", Value: 1}},
		"unused param":   {LossEventFrequency: risk.QuantitativeFrequency{Type: "poisson", Rate: 1, Probability: 0.5}, PrimaryLoss: risk.QuantitativeDistribution{Type: "constant", Value: 1}},
		"unused dist":    {LossEventFrequency: risk.QuantitativeFrequency{Type: "poisson", Rate: 1}, PrimaryLoss: risk.QuantitativeDistribution{Type: "constant", Value: 1, Max: 3}},
		"bad dist type":  {LossEventFrequency: risk.QuantitativeFrequency{Type: "poisson", Rate: 1}, PrimaryLoss: risk.QuantitativeDistribution{Type: "beta"}},
		"no primary":     {LossEventFrequency: risk.QuantitativeFrequency{Type: "poisson", Rate: 1}},
		"untyped values": {LossEventFrequency: risk.QuantitativeFrequency{Rate: 1}, PrimaryLoss: risk.QuantitativeDistribution{Type: "constant", Value: 1}},
	} {
		_, err := fair.FromQuantitative("x", q)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
	_, err = fair.FromRisk(&risk.Risk{Title: "none"})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestCompare(t *testing.T) {
	// Current: every year exactly 1000 (Bernoulli(1) × Constant(1000)); residual: 250.
	// Reduction 750 (75%), at every quantile too; ROSI with cost 150 = (750 − 150)/150 = 4.
	cur := &fair.Scenario{Name: "s", LossEventFrequency: fair.Bernoulli(1), PrimaryLoss: fair.Constant(1000)}
	res := &fair.Scenario{Name: "s", LossEventFrequency: fair.Bernoulli(1), PrimaryLoss: fair.Constant(250)}
	a, b := simulate(t, 1000, 1, cur), simulate(t, 1000, 1, res)
	e, err := fair.Compare(a.Portfolio, b.Portfolio, 150, 0.5, 0.99)
	require.NoError(t, err)
	assert.Equal(t, 750.0, e.Reduction)
	assert.Equal(t, 0.75, e.ReductionRatio)
	require.NotNil(t, e.ROSI)
	assert.Equal(t, 4.0, *e.ROSI)
	assert.Equal(t, []fair.QuantileEffect{{Level: 0.5, Current: 1000, Residual: 250, Reduction: 750}, {Level: 0.99, Current: 1000, Residual: 250, Reduction: 750}}, e.Quantiles)
	e, err = fair.Compare(a.Portfolio, b.Portfolio, 0)
	require.NoError(t, err)
	assert.Nil(t, e.ROSI)
	for _, c := range []float64{-1, math.NaN(), math.Inf(1)} {
		_, err = fair.Compare(a.Portfolio, b.Portfolio, c)
		assert.ErrorIs(t, err, isms.ErrInvalid)
	}
	_, err = fair.Compare(a.Portfolio, b.Portfolio, 1, 2)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestImpactScale(t *testing.T) {
	m := risk.Preset5x5ISO27005()
	s := &fair.ImpactScale{Matrix: m.Ref(), Thresholds: []fair.ImpactThreshold{
		{Level: "negligible", From: 0}, {Level: "minor", From: 1e4}, {Level: "serious", From: 1e6}}}
	require.NoError(t, s.Validate(m))
	for loss, want := range map[float64]string{0: "negligible", 9999: "negligible", 1e4: "minor", 999_999: "minor", 1e6: "serious", 1e12: "serious"} {
		got, err := s.Level(loss)
		require.NoError(t, err)
		assert.Equal(t, want, got, "%g", loss)
	}
	_, err := s.Level(-1)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = s.Level(math.NaN())
	assert.ErrorIs(t, err, isms.ErrInvalid)

	bad := []fair.ImpactScale{
		{Matrix: m.Ref()},
		{Matrix: risk.MatrixRef{Name: "other", Version: "1"}, Thresholds: s.Thresholds},
		{Matrix: m.Ref(), Thresholds: []fair.ImpactThreshold{{Level: "minor", From: 5}}},
		{Matrix: m.Ref(), Thresholds: []fair.ImpactThreshold{{Level: "minor", From: 0}, {Level: "negligible", From: 5}}},
		{Matrix: m.Ref(), Thresholds: []fair.ImpactThreshold{{Level: "minor", From: 0}, {Level: "serious", From: 0}}},
		{Matrix: m.Ref(), Thresholds: []fair.ImpactThreshold{{Level: "huge", From: 0}}},
	}
	for i := range bad {
		assert.ErrorIs(t, bad[i].Validate(m), isms.ErrInvalid, "case %d", i)
	}
	parsed, err := fair.ParseImpactScale([]byte(`{"matrix":{"name":"ismskit 5x5 ISO/IEC 27005-style","version":"1"},"thresholds":[{"level":"negligible","from":0},{"level":"critical","from":5e6}]}`), m)
	require.NoError(t, err)
	lv, _ := parsed.Level(6e6)
	assert.Equal(t, "critical", lv)
	_, err = fair.ParseImpactScale([]byte(`{"matrix":{},"thresholds":[],"x":1}`), m)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestJSONForms(t *testing.T) {
	// A distribution and a frequency encode as their stored forms and read back equal.
	for _, d := range []fair.Distribution{fair.PERT(1, 2, 9), fair.PERTShape(1, 2, 9, 6), fair.LognormalCI90(1, 5), fair.Normal(3, 1)} {
		data, err := json.Marshal(d)
		require.NoError(t, err)
		var back fair.Distribution
		require.NoError(t, json.Unmarshal(data, &back), string(data))
		assert.Equal(t, d, back)
	}
	data, err := json.Marshal(fair.PoissonRate(fair.Uniform(1, 2)))
	require.NoError(t, err)
	assert.JSONEq(t, `{"type":"poisson_rate","rate_distribution":{"type":"uniform","min":1,"max":2}}`, string(data))
	var f fair.Frequency
	require.NoError(t, json.Unmarshal(data, &f))
	assert.Equal(t, fair.PoissonRate(fair.Uniform(1, 2)), f)
	_, err = json.Marshal(fair.PERT(3, 2, 1))
	assert.Error(t, err)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"type":"bernoulli","probability":2}`), &f), isms.ErrInvalid)
	var d fair.Distribution
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"type":"uniform","min":3,"max":1}`), &d), isms.ErrInvalid)

	// A result encodes its provenance and each distribution's summary:
	// Bernoulli(1) × Constant(5) is 5 every year — mean 5, sd 0, every quantile 5.
	res := simulate(t, 1000, 3, &fair.Scenario{Name: "five", LossEventFrequency: fair.Bernoulli(1), PrimaryLoss: fair.Constant(5)})
	data, err = json.Marshal(res)
	require.NoError(t, err)
	var got struct {
		Seed      uint64         `json:"seed"`
		Algorithm string         `json:"algorithm"`
		Portfolio fair.Summary   `json:"portfolio"`
		Scenarios []fair.Summary `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal(data, &got))
	assert.Equal(t, uint64(3), got.Seed)
	assert.Equal(t, fair.AlgorithmVersion, got.Algorithm)
	assert.Equal(t, fair.Summary{Name: "five", Iterations: 1000, Mean: 5, Max: 5,
		Quantiles:         []fair.LevelValue{{0.5, 5}, {0.9, 5}, {0.95, 5}, {0.99, 5}},
		ExpectedShortfall: []fair.LevelValue{{0.5, 5}, {0.9, 5}, {0.95, 5}, {0.99, 5}}}, got.Portfolio)
	_, err = res.Portfolio.Summary(1)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
