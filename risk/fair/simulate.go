package fair

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ismskit/ismskit/isms"
)

// Limits and defaults of Options.
const (
	// DefaultIterations is the number of simulated years when Options
	// leave it zero.
	DefaultIterations = 100_000
	// MaxIterations is the largest number of simulated years (8 bytes of
	// memory each per scenario and for the portfolio).
	MaxIterations = 50_000_000
	// MaxWorkers is the largest number of workers.
	MaxWorkers = 256
	// MaxScenarios is the largest number of scenarios of one simulation.
	MaxScenarios = 1000
	// MaxSampleYears bounds the memory of one simulation: iterations ×
	// (scenarios, plus the portfolio when there are several) at most 10⁸
	// simulated years, 800 MB.
	MaxSampleYears = 100_000_000
)

// Options tune Simulate; nil means defaults.
type Options struct {
	// Iterations is the number of simulated years, 1 to MaxIterations;
	// zero means DefaultIterations.
	Iterations int
	// Seed seeds every stream. Each scenario draws from its own streams,
	// derived from the seed and its name, one per block of 4096 years, so
	// the result is the same whatever the number of workers and whatever
	// other scenarios are simulated.
	Seed uint64
	// Workers is the number of goroutines, 1 to MaxWorkers; zero means
	// runtime.GOMAXPROCS(0). It changes the speed, never the result.
	Workers int
	// Progress, when set, is called after each block of years with the
	// number of scenario-years simulated so far and the total (scenarios ×
	// iterations). Calls are serialised and done only grows.
	Progress func(done, total int)
}

// Result is the outcome of Simulate: per-scenario and portfolio loss
// distributions and what is needed to reproduce them.
type Result struct {
	// Seed, Iterations, Generator and Algorithm record how the result was
	// drawn: the same four and the same scenarios give the same result.
	Seed       uint64 `json:"seed"`
	Iterations int    `json:"iterations"` // see Seed
	Generator  string `json:"generator"`  // see Seed
	Algorithm  string `json:"algorithm"`  // see Seed
	// Scenarios holds one loss distribution per scenario, in the order
	// given. In JSON each is its Summary.
	Scenarios []*Losses `json:"scenarios"`
	// Portfolio is the distribution of the sum of the scenarios' losses
	// in each simulated year (the same *Losses as Scenarios[0] when there
	// is one scenario).
	Portfolio *Losses `json:"portfolio"`
}

// Scenario returns the losses of the named scenario, or nil (also for a
// nil result).
func (r *Result) Scenario(name string) *Losses {
	if r == nil {
		return nil
	}
	for _, l := range r.Scenarios {
		if l.name == name {
			return l
		}
	}
	return nil
}

// Simulate runs the Monte Carlo: opts.Iterations simulated years of every
// scenario, on opts.Workers goroutines. Scenarios must be valid and their
// names unique; bad options are errors answering isms.ErrInvalid. A
// cancelled context stops the run between blocks and returns its error.
//
// Memory is 8 bytes per simulated year per scenario and for the
// portfolio; the sampling loop allocates nothing.
func Simulate(ctx context.Context, scenarios []*Scenario, opts *Options) (*Result, error) {
	if ctx == nil {
		return nil, isms.Invalidf("fair: simulate: nil context")
	}
	o, err := checkOptions(scenarios, opts)
	if err != nil {
		return nil, fmt.Errorf("fair: simulate: %w", err)
	}
	n := o.Iterations
	models := make([]model, len(scenarios))
	keys := make([]uint64, len(scenarios))
	outs := make([][]float64, len(scenarios))
	for i, s := range scenarios {
		models[i] = compile(s)
		keys[i] = streamKey(o.Seed, s.Name)
		outs[i] = make([]float64, n)
	}
	blocks := (n + blockSize - 1) / blockSize
	moms := make([][]moments, len(scenarios))
	for i := range moms {
		moms[i] = make([]moments, blocks)
	}
	var (
		mu    sync.Mutex
		done  int
		total = n * len(scenarios)
	)
	// Phase 1: every (scenario, block) from its own stream, and the
	// block's moments.
	err = parallel(ctx, o.Workers, blocks*len(scenarios), func(g *rng, j int) {
		s, b := j/blocks, j%blocks
		lo, hi := b*blockSize, min((b+1)*blockSize, n)
		g.seed(keys[s], b)
		models[s].simulate(g, outs[s][lo:hi])
		moms[s][b] = blockMoments(outs[s][lo:hi])
		if o.Progress != nil {
			mu.Lock()
			done += hi - lo
			o.Progress(done, total)
			mu.Unlock()
		}
	})
	if err != nil {
		return nil, fmt.Errorf("fair: simulate: %w", err)
	}
	// Phase 2: the portfolio, block by block, while the samples are still
	// in simulated-year order.
	var port []float64
	var pm []moments
	if len(scenarios) > 1 {
		port = make([]float64, n)
		pm = make([]moments, blocks)
		err = parallel(ctx, o.Workers, blocks, func(_ *rng, b int) {
			lo, hi := b*blockSize, min((b+1)*blockSize, n)
			dst := port[lo:hi]
			for _, out := range outs {
				for i, v := range out[lo:hi] {
					dst[i] += v
				}
			}
			pm[b] = blockMoments(dst)
		})
		if err != nil {
			return nil, fmt.Errorf("fair: simulate: %w", err)
		}
	}
	res := &Result{Seed: o.Seed, Iterations: n, Generator: Generator, Algorithm: AlgorithmVersion}
	res.Scenarios = make([]*Losses, len(scenarios))
	for i, s := range scenarios {
		res.Scenarios[i] = newLosses(s.Name, outs[i], moms[i])
	}
	if port == nil {
		res.Portfolio = res.Scenarios[0]
	} else {
		res.Portfolio = newLosses("portfolio", port, pm)
	}
	return res, nil
}

// parallel runs fn for jobs 0 to jobs−1 on up to workers goroutines, each
// with its own rng, and stops early when ctx is done.
func parallel(ctx context.Context, workers, jobs int, fn func(g *rng, job int)) error {
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	worker := func() {
		defer wg.Done()
		g := newRNG()
		for {
			j := int(next.Add(1) - 1)
			if j >= jobs || ctx.Err() != nil {
				return
			}
			fn(g, j)
		}
	}
	workers = max(1, min(workers, jobs))
	wg.Add(workers)
	for range workers - 1 {
		go worker()
	}
	worker()
	wg.Wait()
	return ctx.Err()
}

func checkOptions(scenarios []*Scenario, opts *Options) (Options, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	var ps isms.Problems
	switch {
	case o.Iterations == 0:
		o.Iterations = DefaultIterations
	case o.Iterations < 0 || o.Iterations > MaxIterations:
		ps.Addf("iterations", isms.CodeOutOfRange, "iterations %d is outside [1, %d]", o.Iterations, MaxIterations)
	}
	switch {
	case o.Workers == 0:
		o.Workers = max(1, min(runtime.GOMAXPROCS(0), MaxWorkers))
	case o.Workers < 0 || o.Workers > MaxWorkers:
		ps.Addf("workers", isms.CodeOutOfRange, "workers %d is outside [1, %d]", o.Workers, MaxWorkers)
	}
	switch {
	case len(scenarios) == 0:
		ps.Add("scenarios", isms.CodeRequired, "at least one scenario is required")
	case len(scenarios) > MaxScenarios:
		ps.Addf("scenarios", isms.CodeOutOfRange, "%d scenarios; at most %d are allowed", len(scenarios), MaxScenarios)
	default:
		seen := make(map[string]int, len(scenarios))
		for i, s := range scenarios {
			f := fmt.Sprintf("scenarios[%d]", i)
			if s == nil {
				ps.Add(f, isms.CodeRequired, "scenario is nil")
				continue
			}
			ps.Merge(f, s.Validate())
			if j, dup := seen[s.Name]; dup && s.Name != "" {
				ps.Addf(f+".name", isms.CodeDuplicate, "name %q is also the name of scenarios[%d]", s.Name, j)
			} else if !dup {
				seen[s.Name] = i
			}
		}
	}
	if samples := len(scenarios) + min(1, len(scenarios)-1); len(ps) == 0 && o.Iterations*samples > MaxSampleYears {
		ps.Addf("iterations", isms.CodeOutOfRange, "%d iterations × %d samples exceed %d simulated years", o.Iterations, samples, MaxSampleYears)
	}
	return o, ps.Err("options")
}
