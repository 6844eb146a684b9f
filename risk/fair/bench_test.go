package fair

import (
	"context"
	"strings"
	"testing"
)

// benchYears is the number of simulated years per benchmark operation.
const benchYears = 1 << 16

// benchKernel times the sampling loop of one scenario on one core, over a
// reused buffer, and reports nanoseconds per simulated year.
func benchKernel(b *testing.B, s *Scenario) {
	if err := s.Validate(); err != nil {
		b.Fatal(err)
	}
	m := compile(s)
	g := newRNG()
	out := make([]float64, benchYears)
	b.ReportAllocs()
	blk := 0
	c0, cpuOK := cpuNanos()
	for b.Loop() {
		clear(out)
		for lo := 0; lo < len(out); lo += blockSize {
			g.seed(1, blk)
			blk++
			m.simulate(g, out[lo:lo+blockSize])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchYears, "ns/year")
	if c1, ok := cpuNanos(); ok && cpuOK {
		b.ReportMetric(float64(c1-c0)/float64(b.N)/benchYears, "cpu-ns/year")
	}
}

func bernoulliLognormal() *Scenario {
	return &Scenario{Name: "bl", LossEventFrequency: Bernoulli(0.1), PrimaryLoss: LognormalCI90(1e5, 1e6)}
}

// pyfairReadme is pyfair's README model in product mode: LEF PERT(20, 100,
// 900) × (PERT(3.0M, 3.5M, 5.0M) + 3.5M); mean 220 × (3.6667M + 3.5M) = 1.5767e9.
func pyfairReadme() *Scenario {
	return &Scenario{Name: "pyfair", Mode: ModeProduct,
		LossEventFrequency:          PoissonRate(PERT(20, 100, 900)),
		PrimaryLoss:                 PERT(3.0e6, 3.5e6, 5.0e6),
		SecondaryLossEventFrequency: Constant(1),
		SecondaryLoss:               Constant(3.5e6)}
}

// factorTree is the full seven-input tree with PERT inputs: contact
// frequency, probability of action, threat capability, resistance
// strength, primary loss, secondary loss event frequency, secondary loss.
func factorTree() *Scenario {
	return &Scenario{Name: "tree",
		ContactFrequency:            PoissonRate(PERT(1, 4, 12)),
		ProbabilityOfAction:         PERT(0.1, 0.3, 0.6),
		ThreatCapability:            PERT(30, 60, 95),
		ResistanceStrength:          PERT(40, 70, 90),
		PrimaryLoss:                 PERT(1e4, 5e4, 5e5),
		SecondaryLossEventFrequency: PERT(0.05, 0.2, 0.5),
		SecondaryLoss:               PERT(5e4, 2e5, 2e6)}
}

func BenchmarkKernelBernoulliLognormal(b *testing.B) { benchKernel(b, bernoulliLognormal()) }
func BenchmarkKernelPyfairProduct(b *testing.B)      { benchKernel(b, pyfairReadme()) }

// BenchmarkKernelPoissonLognormal is riskquant's model: Poisson(0.1)
// events, lognormal magnitudes.
func BenchmarkKernelPoissonLognormal(b *testing.B) {
	benchKernel(b, &Scenario{Name: "pl", LossEventFrequency: Poisson(0.1), PrimaryLoss: LognormalCI90(1e5, 1e6)})
}
func BenchmarkKernelFactorTree(b *testing.B) { benchKernel(b, factorTree()) }

// benchSimulate times Simulate end to end (allocation of the 8-byte-per-
// year result included) with the given number of workers.
func benchSimulate(b *testing.B, s *Scenario, years, workers int, stats bool) {
	b.ReportAllocs()
	c0, cpuOK := cpuNanos()
	for b.Loop() {
		res, err := Simulate(context.Background(), []*Scenario{s}, &Options{Iterations: years, Seed: 1, Workers: workers})
		if err != nil {
			b.Fatal(err)
		}
		if stats {
			l := res.Portfolio
			for _, q := range []float64{0.5, 0.9, 0.95, 0.99} {
				if _, err := l.Quantile(q); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := l.ExpectedShortfall(0.99); err != nil {
				b.Fatal(err)
			}
			if l.LossExceedanceCurve(50) == nil {
				b.Fatal("no curve")
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(years), "ns/year")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/op")
	if c1, ok := cpuNanos(); ok && cpuOK {
		b.ReportMetric(float64(c1-c0)/float64(b.N)/float64(years), "cpu-ns/year")
	}
}

func BenchmarkSimulateBernoulliLognormal1Worker(b *testing.B) {
	benchSimulate(b, bernoulliLognormal(), 1_000_000, 1, false)
}
func BenchmarkSimulateFactorTree1Worker(b *testing.B) {
	benchSimulate(b, factorTree(), 1<<18, 1, false)
}
func BenchmarkSimulateFactorTree2Workers(b *testing.B) {
	benchSimulate(b, factorTree(), 1<<18, 2, false)
}
func BenchmarkSimulatePyfair1Worker(b *testing.B)  { benchSimulate(b, pyfairReadme(), 1<<18, 1, false) }
func BenchmarkSimulatePyfair2Workers(b *testing.B) { benchSimulate(b, pyfairReadme(), 1<<18, 2, false) }

// BenchmarkMillionWithStats is the issue's "1,000,000-iteration run with
// quantiles and the curve" (four quantiles, one expected shortfall, a
// 50-point curve).
func BenchmarkMillionWithStats(b *testing.B) {
	benchSimulate(b, bernoulliLognormal(), 1_000_000, 0, true)
}

// BenchmarkMillionWithStatsPortfolio is the same for the factor tree,
// where most years have a loss.
func BenchmarkMillionWithStatsFactorTree(b *testing.B) {
	benchSimulate(b, factorTree(), 1_000_000, 0, true)
}

// BenchmarkParseScenario10MB decodes and validates a 10 MB scenario
// document (a valid scenario padded with whitespace): linear in its size.
func BenchmarkParseScenario10MB(b *testing.B) {
	doc := []byte(`{"name":"a","loss_event_frequency":{"type":"bernoulli","probability":0.1},"primary_loss":{"type":"pert","min":1,"mode":2,"max":3}` +
		strings.Repeat(" ", 10<<20) + `}`)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseScenario(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSerialPart times the only serial work of Simulate after the
// parallel phases (merging block moments, setting zero years apart), for
// 2^18 years of the pyfair model: with the parallel phase it bounds the
// speed-up of more workers (Amdahl).
func BenchmarkSerialPart(b *testing.B) {
	const n = 1 << 18
	m := compile(pyfairReadme())
	g := newRNG()
	x := make([]float64, n)
	moms := make([]moments, n/blockSize)
	for blk := range moms {
		g.seed(1, blk)
		m.simulate(g, x[blk*blockSize:(blk+1)*blockSize])
		moms[blk] = blockMoments(x[blk*blockSize : (blk+1)*blockSize])
	}
	y := make([]float64, n)
	b.ReportAllocs()
	for b.Loop() {
		copy(y, x)
		newLosses("p", y, moms)
	}
}
