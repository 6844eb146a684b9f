package fair_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
	"github.com/ismskit/ismskit/risk/fair"
)

// FuzzScenario builds scenarios from arbitrary parameters, through the
// constructors and through the strict JSON decoder. Invariant: bad
// parameters are errors answering isms.ErrInvalid, never panics; a valid
// scenario has a finite analytic mean (when it has one), and a 100-year
// simulation of one with few events gives finite, non-negative losses.
func FuzzScenario(f *testing.F) {
	f.Add(uint8(0), uint8(3), 0.1, 1e5, 1e6, 4.0, []byte(`{"name":"a","loss_event_frequency":{"type":"bernoulli","probability":0.1},"primary_loss":{"type":"lognormal_ci90","low":100000,"high":1000000}}`))
	f.Add(uint8(1), uint8(2), 3.0, 20.0, 900.0, 1.0, []byte(`{"name":"b","mode":"product","loss_event_frequency":{"type":"poisson_rate","rate_distribution":{"type":"pert","min":20,"mode":100,"max":900}},"primary_loss":{"type":"constant","value":5}}`))
	f.Add(uint8(2), uint8(5), -1.0, math.NaN(), math.Inf(1), 0.0, []byte(`{"name":"c","threat_event_frequency":{"type":"poisson","rate":2},"threat_capability":{"type":"uniform","max":100},"resistance_strength":{"type":"normal","mean":50,"sd":10},"primary_loss":{"type":"triangular","min":1,"mode":2,"max":3}}`))
	f.Add(uint8(3), uint8(4), 0.5, 0.0, 1.0, 1e300, []byte(`{"name":"d","contact_frequency":{"type":"poisson","rate":1e9}}`))
	f.Fuzz(func(t *testing.T, fk, dk uint8, a, b, c, d float64, doc []byte) {
		dist := func(k uint8) fair.Distribution {
			switch k % 7 {
			case 0:
				return fair.Constant(a)
			case 1:
				return fair.Uniform(a, b)
			case 2:
				return fair.Triangular(a, b, c)
			case 3:
				return fair.LognormalCI90(b, c)
			case 4:
				return fair.PERTShape(a, b, c, d)
			case 5:
				return fair.Normal(b, c)
			}
			return fair.PERT(a, b, c)
		}
		var freq fair.Frequency
		switch fk % 4 {
		case 0:
			freq = fair.Bernoulli(a)
		case 1:
			freq = fair.Poisson(a)
		case 2:
			freq = fair.PoissonRate(dist(dk + 1))
		}
		pd := dist(dk)
		if err := pd.Validate(); err == nil {
			if m := pd.Mean(); math.IsNaN(m) || math.IsInf(m, 0) || m < 0 {
				t.Fatalf("%s: mean %v", pd, m)
			}
		} else if !isInvalid(err) {
			t.Fatalf("%s: %v", pd, err)
		}
		mode := fair.ModeCompound
		if fk&4 != 0 {
			mode = fair.ModeProduct
		}
		check(t, &fair.Scenario{Name: "f", Mode: mode, LossEventFrequency: freq, PrimaryLoss: pd,
			SecondaryLossEventFrequency: dist(dk + 2), SecondaryLoss: dist(dk + 3)})
		check(t, &fair.Scenario{Name: "g", Mode: mode, ThreatEventFrequency: freq,
			ThreatCapability: dist(dk + 4), ResistanceStrength: dist(dk + 5), PrimaryLoss: pd})

		s, err := fair.ParseScenario(doc)
		if err != nil {
			if !isInvalid(err) {
				t.Fatalf("parse: %v", err)
			}
			return
		}
		check(t, s)
		back, err := fair.FromQuantitative(s.Name, s.Quantitative())
		if err != nil {
			t.Fatalf("stored form of a valid scenario is refused: %v", err)
		}
		_ = back
	})
}

func isInvalid(err error) bool { return err != nil && errors.Is(err, isms.ErrInvalid) }

// check validates s; a valid scenario with a modest number of events a
// year is simulated for 100 years.
func check(t *testing.T, s *fair.Scenario) {
	err := s.Validate()
	if err != nil {
		if !isInvalid(err) {
			t.Fatalf("validate: %v", err)
		}
		return
	}
	if m, ok := s.AnalyticMean(); ok && (math.IsNaN(m) || math.IsInf(m, 0) || m < 0) {
		t.Fatalf("analytic mean %v", m)
	}
	q := s.Quantitative()
	if _, err := fair.FromQuantitative(s.Name, q); err != nil {
		t.Fatalf("stored form refused: %v", err)
	}
	if events(s) > 20 {
		return
	}
	res, err := fair.Simulate(context.Background(), []*fair.Scenario{s}, &fair.Options{Iterations: 100, Workers: 1})
	if err != nil {
		t.Fatalf("simulate: %v", err)
	}
	l := res.Portfolio
	for _, v := range []float64{l.Mean(), l.StdDev(), l.Max()} {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("%+v: statistic %v", q, v)
		}
	}
}

// events bounds the mean number of events a year the simulation will draw.
func events(s *fair.Scenario) float64 {
	return s.LossEventFrequency.Mean() + s.ThreatEventFrequency.Mean() + s.ContactFrequency.Mean()
}

// FuzzParseImpactScale decodes arbitrary documents against a preset
// matrix. Invariant: errors answer isms.ErrInvalid; a parsed scale maps
// every non-negative loss to one of its levels.
func FuzzParseImpactScale(f *testing.F) {
	m := risk.Preset5x5ISO27005()
	f.Add([]byte(`{"matrix":{"name":"ismskit 5x5 ISO/IEC 27005-style","version":"1"},"thresholds":[{"level":"negligible","from":0},{"level":"critical","from":5e6}]}`), 1e6)
	f.Add([]byte(`{"matrix":{},"thresholds":[{"level":"minor","from":-1}]}`), 0.0)
	f.Fuzz(func(t *testing.T, doc []byte, loss float64) {
		s, err := fair.ParseImpactScale(doc, m)
		if err != nil {
			if !isInvalid(err) {
				t.Fatalf("parse: %v", err)
			}
			return
		}
		if !(loss >= 0) {
			loss = 0
		}
		lv, err := s.Level(loss)
		if err != nil || m.ImpactIndex(lv) < 0 {
			t.Fatalf("level %q of %v: %v", lv, loss, err)
		}
	})
}
