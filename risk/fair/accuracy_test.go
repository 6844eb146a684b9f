package fair_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/risk/fair"
)

func simulate(t testing.TB, n int, seed uint64, ss ...*fair.Scenario) *fair.Result {
	t.Helper()
	res, err := fair.Simulate(context.Background(), ss, &fair.Options{Iterations: n, Seed: seed})
	require.NoError(t, err)
	return res
}

func relErr(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }

// TestBernoulliLognormalClosedForms checks the first case.
//
// LognormalCI90(1e5, 1e6): μ = (ln 1e5 + ln 1e6)/2 = ln √1e11 = ln 316,227.766;
// σ = ln 10 / (2 × 1.6448536) = 2.3025851 / 3.2897073 = 0.6999361.
// Mean magnitude = e^(μ + σ²/2) = 316,227.766 × e^0.2449553 = 316,227.766 × 1.2775672
// = 404,001.3; annual mean = 0.1 × 404,001.3 = 40,400.13.
// P(loss > 1e6) = P(event) × P(X > 95th percentile) = 0.1 × 0.05 = 0.005.
// 95th percentile of the annual loss: 0.9 of years are 0, so P(L ≤ x) = 0.9 + 0.1 F(x) = 0.95
// gives F(x) = 0.5: the magnitude's median √(1e5·1e6) = 316,227.77.
func TestBernoulliLognormalClosedForms(t *testing.T) {
	s := &fair.Scenario{Name: "b", LossEventFrequency: fair.Bernoulli(0.1), PrimaryLoss: fair.LognormalCI90(1e5, 1e6)}
	mean, ok := s.AnalyticMean()
	require.True(t, ok)
	assert.InDelta(t, 40400.13, mean, 0.01, "analytic mean")

	l := simulate(t, 1_000_000, 1, s).Scenarios[0]
	assert.Less(t, relErr(l.Mean(), 40400.13), 0.01, "mean %v", l.Mean())
	assert.Less(t, relErr(l.Exceedance(1e6), 0.005), 0.05, "P(L > 1e6) %v", l.Exceedance(1e6))
	p95, err := l.Quantile(0.95)
	require.NoError(t, err)
	assert.Less(t, relErr(p95, 316227.77), 0.01, "p95 %v", p95)
	assert.Less(t, relErr(l.ProbabilityOfZero(), 0.9), 0.001, "P(zero) %v", l.ProbabilityOfZero())
}

// TestPoissonProbabilityOfLoss: with Poisson(0.1), P(N > 0) = 1 − e^−0.1 = 0.0951626.
func TestPoissonProbabilityOfLoss(t *testing.T) {
	s := &fair.Scenario{Name: "p", LossEventFrequency: fair.Poisson(0.1), PrimaryLoss: fair.Constant(1000)}
	l := simulate(t, 1_000_000, 2, s).Scenarios[0]
	want := 1 - math.Exp(-0.1)
	assert.Less(t, relErr(1-l.ProbabilityOfZero(), want), 0.01, "P(L > 0) %v, want %v", 1-l.ProbabilityOfZero(), want)
	// Mean = 0.1 × 1000 = 100; P(L > 1000) = P(N ≥ 2) = 1 − e^−0.1(1 + 0.1) = 0.0046788.
	assert.Less(t, relErr(l.Mean(), 100), 0.01)
	assert.Less(t, relErr(l.Exceedance(1000), 1-math.Exp(-0.1)*1.1), 0.05)
}

// TestPERTMean: PERT(20, 100, 900) has mean (20 + 4·100 + 900)/6 = 1320/6 = 220.
func TestPERTMean(t *testing.T) {
	d := fair.PERT(20, 100, 900)
	assert.InDelta(t, 220, d.Mean(), 1e-12)
	s := &fair.Scenario{Name: "pert", LossEventFrequency: fair.Bernoulli(1), PrimaryLoss: d}
	l := simulate(t, 1_000_000, 3, s).Scenarios[0]
	assert.Less(t, relErr(l.Mean(), 220), 0.005, "simulated mean %v", l.Mean())
	// Its support is [20, 900].
	lo, _ := l.Quantile(0)
	hi, _ := l.Quantile(1)
	assert.GreaterOrEqual(t, lo, 20.0)
	assert.LessOrEqual(t, hi, 900.0)
}
