package fair

import (
	"context"
	"errors"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

func portfolio() []*Scenario {
	return []*Scenario{bernoulliLognormal(), pyfairReadme(), factorTree(),
		{Name: "poisson", LossEventFrequency: Poisson(0.7), PrimaryLoss: Triangular(1, 5, 20)},
		{Name: "big-rate", LossEventFrequency: Poisson(25), PrimaryLoss: Uniform(0, 10)},
		{Name: "normal", LossEventFrequency: Bernoulli(0.5), PrimaryLoss: Normal(10, 20)}}
}

// rawSample returns the losses in their internal order, which is a
// deterministic function of the simulated-year order.
func bits(l *Losses) []uint64 {
	out := make([]uint64, len(l.x))
	for i, v := range l.x {
		out[i] = math.Float64bits(v)
	}
	return out
}

// TestWorkersDoNotChangeTheResult: the same seed gives byte-identical
// samples and statistics with 1, 2 and 8 workers.
func TestWorkersDoNotChangeTheResult(t *testing.T) {
	const n = 3*blockSize + 1234 // a partial last block
	var want [][]uint64
	var wantStats []float64
	for _, w := range []int{1, 2, 8} {
		res, err := Simulate(context.Background(), portfolio(), &Options{Iterations: n, Seed: 99, Workers: w})
		require.NoError(t, err)
		var got [][]uint64
		var stats []float64
		for _, l := range append(res.Scenarios, res.Portfolio) {
			got = append(got, bits(l))
			q, _ := l.Quantile(0.9)
			es, _ := l.ExpectedShortfall(0.95)
			stats = append(stats, l.Mean(), l.StdDev(), q, es, l.Exceedance(10))
		}
		if want == nil {
			want, wantStats = got, stats
			continue
		}
		assert.Equal(t, want, got, "workers %d", w)
		assert.Equal(t, toBits(wantStats), toBits(stats), "workers %d", w)
	}
}

func toBits(xs []float64) []uint64 {
	out := make([]uint64, len(xs))
	for i, x := range xs {
		out[i] = math.Float64bits(x)
	}
	return out
}

// TestScenarioStreamsAreIndependent: adding, removing or reordering other
// scenarios does not change a scenario's draws; another seed does.
func TestScenarioStreamsAreIndependent(t *testing.T) {
	const n = 10_000
	alone, err := Simulate(context.Background(), []*Scenario{factorTree()}, &Options{Iterations: n, Seed: 5})
	require.NoError(t, err)
	ps := portfolio()
	ps[0], ps[2] = ps[2], ps[0]
	with, err := Simulate(context.Background(), ps, &Options{Iterations: n, Seed: 5})
	require.NoError(t, err)
	assert.Equal(t, bits(alone.Scenarios[0]), bits(with.Scenario("tree")))
	other, err := Simulate(context.Background(), []*Scenario{factorTree()}, &Options{Iterations: n, Seed: 6})
	require.NoError(t, err)
	assert.NotEqual(t, bits(alone.Scenarios[0]), bits(other.Scenarios[0]))
	assert.Equal(t, uint64(5), alone.Seed)
	assert.Equal(t, n, alone.Iterations)
	assert.Equal(t, Generator, alone.Generator)
	assert.Equal(t, AlgorithmVersion, alone.Algorithm)
}

// TestPortfolioIsTheSumPerYear: a portfolio of a scenario and a constant
// scenario (Bernoulli(1) × Constant(1000): exactly 1000 every year) is the
// scenario shifted by 1000 — same standard deviation, mean + 1000.
func TestPortfolioIsTheSumPerYear(t *testing.T) {
	fixed := &Scenario{Name: "fixed", LossEventFrequency: Bernoulli(1), PrimaryLoss: Constant(1000)}
	res, err := Simulate(context.Background(), []*Scenario{bernoulliLognormal(), fixed}, &Options{Iterations: 20_000, Seed: 1})
	require.NoError(t, err)
	a, p := res.Scenarios[0], res.Portfolio
	assert.InDelta(t, a.Mean()+1000, p.Mean(), 1e-6*p.Mean())
	assert.InDelta(t, a.StdDev(), p.StdDev(), 1e-6*a.StdDev())
	assert.Equal(t, 0.0, p.ProbabilityOfZero())
	qa, _ := a.Quantile(0.97)
	qp, _ := p.Quantile(0.97)
	assert.InDelta(t, qa+1000, qp, 1e-6*qp)
	// One scenario: the portfolio is the scenario.
	one, err := Simulate(context.Background(), []*Scenario{fixed}, &Options{Iterations: 10})
	require.NoError(t, err)
	assert.Same(t, one.Scenarios[0], one.Portfolio)
}

func TestSimulateOptionsAndCancellation(t *testing.T) {
	ctx := context.Background()
	s := []*Scenario{bernoulliLognormal()}
	for name, o := range map[string]*Options{
		"negative iterations": {Iterations: -1}, "too many iterations": {Iterations: MaxIterations + 1},
		"negative workers": {Workers: -1}, "too many workers": {Workers: MaxWorkers + 1},
	} {
		_, err := Simulate(ctx, s, o)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
	_, err := Simulate(ctx, nil, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	// 3 scenarios + portfolio = 4 samples × 25,000,001 years > 10⁸.
	_, err = Simulate(ctx, portfolio()[:3], &Options{Iterations: MaxSampleYears/4 + 1})
	require.ErrorAs(t, err, new(*isms.ValidationError))
	assert.Contains(t, err.Error(), "exceed")
	_, err = Simulate(ctx, []*Scenario{bernoulliLognormal(), bernoulliLognormal()}, nil)
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("scenarios[1].name", isms.CodeDuplicate), "%v", err)
	_, err = Simulate(ctx, []*Scenario{{Name: "bad"}}, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	res, err := Simulate(ctx, s, nil)
	require.NoError(t, err)
	assert.Equal(t, DefaultIterations, res.Iterations)

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = Simulate(cctx, s, &Options{Iterations: 100_000})
	assert.True(t, errors.Is(err, context.Canceled), "%v", err)

	// Progress: serialised, growing, ending at the total.
	var calls, last int
	_, err = Simulate(ctx, portfolio()[:2], &Options{Iterations: 5 * blockSize, Workers: 2, Progress: func(done, total int) {
		calls++
		assert.Greater(t, done, last)
		assert.Equal(t, 2*5*blockSize, total)
		last = done
	}})
	require.NoError(t, err)
	assert.Equal(t, 10, calls)
	assert.Equal(t, 2*5*blockSize, last)

	// Cancelling from the progress callback stops the run.
	cctx, cancel = context.WithCancel(ctx)
	_, err = Simulate(cctx, s, &Options{Iterations: 100 * blockSize, Workers: 1, Progress: func(done, _ int) {
		if done >= 2*blockSize {
			cancel()
		}
	}})
	assert.ErrorIs(t, err, context.Canceled)
}

// TestNoAllocationsInTheSamplingLoop: the sampling kernel allocates
// nothing per simulated year.
func TestNoAllocationsInTheSamplingLoop(t *testing.T) {
	g := newRNG()
	out := make([]float64, blockSize)
	for _, s := range portfolio() {
		require.NoError(t, s.Validate())
		m := compile(s)
		allocs := testing.AllocsPerRun(5, func() {
			g.seed(1, 0)
			clear(out)
			m.simulate(g, out)
		})
		assert.Zero(t, allocs, s.Name)
	}
}

// TestPortfolioSumsAlignedYears recomputes every scenario's years from its
// streams (stream key and block seeds) and checks that the portfolio is
// the multiset of the per-year sums.
func TestPortfolioSumsAlignedYears(t *testing.T) {
	const n = 2*blockSize + 100
	ss := portfolio()
	res, err := Simulate(context.Background(), ss, &Options{Iterations: n, Seed: 8, Workers: 2})
	require.NoError(t, err)
	want := make([]float64, n)
	g := newRNG()
	for _, s := range ss {
		m := compile(s)
		out := make([]float64, n)
		for lo := 0; lo < n; lo += blockSize {
			g.seed(streamKey(8, s.Name), lo/blockSize)
			m.simulate(g, out[lo:min(lo+blockSize, n)])
		}
		for i, v := range out {
			want[i] += v
		}
	}
	got := slices.Clone(res.Portfolio.x)
	slices.Sort(got)
	slices.Sort(want)
	assert.Equal(t, want, got)
}

// TestAllocationsDoNotGrowWithIterations: Simulate's allocations are per
// run (samples, blocks, workers), not per simulated year.
func TestAllocationsDoNotGrowWithIterations(t *testing.T) {
	run := func(n int) float64 {
		return testing.AllocsPerRun(3, func() {
			_, err := Simulate(context.Background(), portfolio()[:2], &Options{Iterations: n, Workers: 1})
			require.NoError(t, err)
		})
	}
	const smallBlocks, largeBlocks = 4, 200
	small, large := run(smallBlocks*blockSize), run(largeBlocks*blockSize)
	// 196 more blocks (and 800,000 more years) cost no more allocations.
	// One allocation per block would add 196, one per year 800,000; the
	// slack, an eighth of a block's worth, is the runtime's own (a few
	// more under the race detector as garbage collection runs more often
	// over the longer run: 5 were seen in CI).
	slack := float64(largeBlocks-smallBlocks) / 8
	assert.LessOrEqual(t, large, small+slack, "allocations: %v for %d blocks, %v for %d", small, smallBlocks, large, largeBlocks)
}

// TestLossesConcurrentQueries: queries from several goroutines agree with
// the same queries made one after another (run with -race).
func TestLossesConcurrentQueries(t *testing.T) {
	res, err := Simulate(context.Background(), portfolio()[:3], &Options{Iterations: 20_000, Seed: 4})
	require.NoError(t, err)
	levels := []float64{0.1, 0.5, 0.9, 0.95, 0.99, 0.999}
	want := make([]float64, len(levels))
	ref, err := Simulate(context.Background(), portfolio()[:3], &Options{Iterations: 20_000, Seed: 4})
	require.NoError(t, err)
	for i, q := range levels {
		want[i], _ = ref.Portfolio.Quantile(q)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range levels {
				i := (k + w) % len(levels)
				got, err := res.Portfolio.Quantile(levels[i])
				assert.NoError(t, err)
				assert.Equal(t, want[i], got)
				_, _ = res.Portfolio.ExpectedShortfall(levels[i])
				_ = res.Portfolio.Exceedance(want[i])
				_ = res.Portfolio.LossExceedanceCurve(20)
			}
		}()
	}
	wg.Wait()
}
