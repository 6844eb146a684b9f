package fair_test

import (
	"context"
	"fmt"

	"github.com/ismskit/ismskit/risk/fair"
)

// A single scenario: a breach at most once a year with probability 0.1,
// costing between 100k and 1M (90% interval).
func ExampleSimulate() {
	s := &fair.Scenario{
		Name:               "customer data breach",
		LossEventFrequency: fair.Bernoulli(0.1),
		PrimaryLoss:        fair.LognormalCI90(100_000, 1_000_000),
	}
	mean, _ := s.AnalyticMean()
	res, err := fair.Simulate(context.Background(), []*fair.Scenario{s}, &fair.Options{Iterations: 200_000, Seed: 42})
	if err != nil {
		fmt.Println(err)
		return
	}
	l := res.Scenarios[0]
	p95, _ := l.Quantile(0.95)
	fmt.Printf("analytic mean %.0f\n", mean)
	fmt.Printf("simulated mean %.3g, P(no loss) %.2f\n", l.Mean(), l.ProbabilityOfZero())
	fmt.Printf("95th percentile %.3g, P(loss > 1M) %.3f\n", p95, l.Exceedance(1e6))
	// Output:
	// analytic mean 40400
	// simulated mean 4.08e+04, P(no loss) 0.90
	// 95th percentile 3.17e+05, P(loss > 1M) 0.005
}

// A portfolio: the annual losses of several scenarios summed year by year.
// Analytic means: ransomware 2 × (0.05 + 4·0.1 + 0.3)/6 = 0.25 loss events a
// year × e^(μ+σ²/2) = 1.087M (μ = ln √(2e5·3e6), σ = ln 15 / 3.2897) = 272k;
// phishing 0.5 × (10k + 40k + 150k)/3 = 33.3k; portfolio 305k.
func ExampleSimulate_portfolio() {
	ss := []*fair.Scenario{
		{Name: "ransomware", ThreatEventFrequency: fair.Poisson(2), Vulnerability: fair.PERT(0.05, 0.1, 0.3),
			PrimaryLoss: fair.LognormalCI90(200_000, 3_000_000)},
		{Name: "phishing fraud", LossEventFrequency: fair.Poisson(0.5), PrimaryLoss: fair.Triangular(10_000, 40_000, 150_000)},
	}
	res, err := fair.Simulate(context.Background(), ss, &fair.Options{Iterations: 100_000, Seed: 7})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range append(res.Scenarios, res.Portfolio) {
		es, _ := l.ExpectedShortfall(0.99)
		fmt.Printf("%-15s mean %6.0fk  ES99 %5.2fM\n", l.Name(), l.Mean()/1e3, es/1e6)
	}
	// Output:
	// ransomware      mean    271k  ES99  5.16M
	// phishing fraud  mean     33k  ES99  0.25M
	// portfolio       mean    305k  ES99  5.19M
}

// The effect of a control: current against residual, and the return on
// security investment of a control costing 50k a year. Analytic means:
// 2 × 0.2167 × 1.087M = 471k, then 2 × 0.0533 × 1.087M = 116k; ROSI =
// (471k − 116k − 50k)/50k ≈ 6.1.
func ExampleCompare() {
	current := &fair.Scenario{Name: "ransomware", ThreatEventFrequency: fair.Poisson(2),
		Vulnerability: fair.PERT(0.1, 0.2, 0.4), PrimaryLoss: fair.LognormalCI90(200_000, 3_000_000)}
	residual := *current
	residual.Vulnerability = fair.PERT(0.02, 0.05, 0.1) // with EDR and offline backups
	opts := &fair.Options{Iterations: 100_000, Seed: 1}
	cur, _ := fair.Simulate(context.Background(), []*fair.Scenario{current}, opts)
	res, _ := fair.Simulate(context.Background(), []*fair.Scenario{&residual}, opts)
	e, err := fair.Compare(cur.Portfolio, res.Portfolio, 50_000, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("expected loss %.0fk -> %.0fk (-%.0f%%)\n", e.CurrentMean/1e3, e.ResidualMean/1e3, 100*e.ReductionRatio)
	fmt.Printf("95th percentile %.2fM -> %.2fM\n", e.Quantiles[0].Current/1e6, e.Quantiles[0].Residual/1e6)
	fmt.Printf("ROSI %.1f\n", *e.ROSI)
	// Output:
	// expected loss 471k -> 118k (-75%)
	// 95th percentile 2.41M -> 0.83M
	// ROSI 6.1
}
