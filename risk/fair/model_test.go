package fair_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/risk/fair"
)

// TestClosedForms checks means and zero-loss probabilities of trees whose
// answers are known in closed form (arithmetic in each case).
func TestClosedForms(t *testing.T) {
	tree := func(mode fair.Mode) *fair.Scenario {
		return &fair.Scenario{Name: "tree", Mode: mode,
			ContactFrequency: fair.Poisson(10), ProbabilityOfAction: fair.Constant(0.5),
			ThreatCapability: fair.Uniform(0, 100), ResistanceStrength: fair.Uniform(0, 100),
			PrimaryLoss: fair.Constant(100), SecondaryLossEventFrequency: fair.Constant(0.25), SecondaryLoss: fair.Constant(400)}
	}
	cases := []struct {
		name      string
		s         *fair.Scenario
		mean, sd  float64 // sd < 0: not checked
		zero      float64
		tolerance float64 // relative, on the mean
	}{
		// Contact Poisson(10) thinned by PoA 0.5 and P(U1 > U2) = 0.5 for two
		// independent Uniform(0, 100): loss events are Poisson(10·0.5·0.5 = 2.5);
		// LM = 100 + 0.25·400 = 200; mean 2.5·200 = 500; P(no loss) = e^−2.5.
		{"factor tree, compound", tree(fair.ModeCompound), 500, -1, math.Exp(-2.5), 0.01},
		// Product mode: 10 · 0.5 · 1{TCap > RS} · 200: the same mean 500, but
		// zero exactly when the one capability draw loses: P = 0.5, and
		// otherwise exactly 1000, so sd = 500.
		{"factor tree, product", tree(fair.ModeProduct), 500, 500, 0.5, 0.01},
		// TEF Poisson(4) × vulnerability 0.25 = LEF Poisson(1): P(no loss) = e^−1;
		// Constant(10) per event: mean 10, sd 10·√1 = 10.
		{"direct vulnerability", &fair.Scenario{Name: "v", ThreatEventFrequency: fair.Poisson(4),
			Vulnerability: fair.Constant(0.25), PrimaryLoss: fair.Constant(10)}, 10, 10, math.Exp(-1), 0.01},
		// Rate ~ Uniform(0, 2): P(N = 0) = E[e^−λ] = (1 − e^−2)/2 = 0.4323324; mean 1.
		{"poisson rate", &fair.Scenario{Name: "r", LossEventFrequency: fair.PoissonRate(fair.Uniform(0, 2)),
			PrimaryLoss: fair.Constant(1)}, 1, -1, (1 - math.Exp(-2)) / 2, 0.01},
		// Poisson(25), drawn by transformed rejection: mean 25, sd 5, P(0) = e^−25.
		{"large poisson", &fair.Scenario{Name: "l", LossEventFrequency: fair.Poisson(25),
			PrimaryLoss: fair.Constant(1)}, 25, 5, 0, 0.005},
		// Poisson(5), by inversion every year: mean 5, sd √5, P(0) = e^−5.
		{"poisson 5", &fair.Scenario{Name: "p5", LossEventFrequency: fair.Poisson(5),
			PrimaryLoss: fair.Constant(1)}, 5, math.Sqrt(5), math.Exp(-5), 0.005},
		// Bernoulli(1) × Normal(0, 1) truncated at zero: half-normal, mean √(2/π)
		// = 0.7978846, sd √(1 − 2/π) = 0.6028103.
		{"half normal", &fair.Scenario{Name: "n", LossEventFrequency: fair.Bernoulli(1),
			PrimaryLoss: fair.Normal(0, 1)}, math.Sqrt(2 / math.Pi), math.Sqrt(1 - 2/math.Pi), 0, 0.005},
		// Triangular(0, 0, 3): mean 1, sd √((0+0+9−0−0−0)/18) = √0.5.
		{"triangular", &fair.Scenario{Name: "t", LossEventFrequency: fair.Bernoulli(1),
			PrimaryLoss: fair.Triangular(0, 0, 3)}, 1, math.Sqrt(0.5), 0, 0.005},
		// Uniform(2, 4): mean 3, sd 2/√12.
		{"uniform", &fair.Scenario{Name: "u", LossEventFrequency: fair.Bernoulli(1),
			PrimaryLoss: fair.Uniform(2, 4)}, 3, 2 / math.Sqrt(12), 0, 0.002},
		// pyfair's README model in product mode: 220 × (3.5M·… PERT mean
		// (3.0 + 4·3.5 + 5.0)/6 = 3.6667M, + 3.5M) = 220 × 7.1667M = 1.5767e9.
		{"pyfair readme", &fair.Scenario{Name: "pyfair", Mode: fair.ModeProduct,
			LossEventFrequency: fair.PoissonRate(fair.PERT(20, 100, 900)), PrimaryLoss: fair.PERT(3e6, 3.5e6, 5e6),
			SecondaryLossEventFrequency: fair.Constant(1), SecondaryLoss: fair.Constant(3.5e6)}, 220 * (22e6/6 + 3.5e6), -1, 0, 0.01},
		// PERTShape(0, 5, 10, 8): mean (0 + 8·5 + 10)/10 = 5.
		{"pert shape", &fair.Scenario{Name: "ps", LossEventFrequency: fair.Bernoulli(1),
			PrimaryLoss: fair.PERTShape(0, 5, 10, 8)}, 5, -1, 0, 0.002},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := simulate(t, 400_000, 11, c.s).Scenarios[0]
			assert.Less(t, relErr(l.Mean(), c.mean), c.tolerance, "mean %v, want %v", l.Mean(), c.mean)
			if c.sd >= 0 {
				assert.Less(t, relErr(l.StdDev(), c.sd), 0.02, "sd %v, want %v", l.StdDev(), c.sd)
			}
			assert.InDelta(t, c.zero, l.ProbabilityOfZero(), 0.004, "P(zero)")
			if m, ok := c.s.AnalyticMean(); ok {
				assert.InDelta(t, c.mean, m, 1e-9*c.mean, "analytic mean")
			}
		})
	}
}
