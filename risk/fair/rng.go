package fair

import (
	"hash/fnv"
	"math/rand/v2"
)

// Generator names the random generator and the stream derivation, as
// recorded in every Result.
const Generator = "math/rand/v2 PCG-DXSM; stream per (scenario name, block of 4096 years) seeded by splitmix64(seed, FNV-1a(name), block)"

// AlgorithmVersion identifies the sampling algorithms. It changes whenever
// a change would give different draws for the same seed, so that a
// recorded Result says which version produced it.
//
//   - v1: ziggurat normals, Marsaglia–Tsang gammas, math.Exp for lognormal
//     magnitudes.
//   - v2: PERT variates of a simulation by rejection from a 256-strip
//     envelope of the beta density (pertTable; the ratio of gammas stays
//     for PERTs too narrow for it), lognormal magnitudes through a
//     table-driven exponential within 2 ulp of math.Exp (expFast), and
//     the gamma sampler's acceptance test through a table-driven
//     logarithm (logFast).
const AlgorithmVersion = "ismskit.fair.v2"

// blockSize is the number of simulated years drawn from one stream. Blocks
// are the unit of work: results do not depend on which worker draws which
// block.
const blockSize = 4096

// rng is one stream: a PCG generator used directly for uniforms and
// normal variates (ziggurat.go), and through a rand.Rand for the
// exponential variates of the gaps between event years.
//
// Each worker updates its generator's state on every draw, so an rng is
// padded to rngSize bytes: allocated in that size class it is aligned to
// it and shares no cache line (nor the adjacent line that x86 processors
// fetch in pairs) with another worker's rng. Without the padding two
// workers' 24-byte generators land side by side in one line and every
// draw of one invalidates the other's cache (false sharing): two workers
// then ran 1.3-1.5x one instead of 1.9x.
type rng struct {
	pcg rand.PCG
	r   *rand.Rand
	_   [rngSize - 24]byte
}

// rngSize is the size of an rng: two 64-byte cache lines.
const rngSize = 128

func newRNG() *rng {
	g := &rng{}
	g.r = rand.New(&g.pcg)
	return g
}

// splitmix64 is the finaliser of SplitMix64 (Steele, Lea, Flood 2014).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// streamKey derives a scenario's key from the seed and its name, so that
// adding, removing or reordering other scenarios does not change its draws.
func streamKey(seed uint64, name string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	return splitmix64(seed ^ splitmix64(h.Sum64()))
}

// seed positions g at the start of block b of the stream key.
func (g *rng) seed(key uint64, b int) {
	x := splitmix64(key + uint64(b)*0x9e3779b97f4a7c15)
	g.pcg.Seed(x, splitmix64(x^key))
}

// float64 returns a uniform variate in [0, 1).
func (g *rng) float64() float64 { return float64(g.pcg.Uint64()>>11) * 0x1p-53 }

// exp returns a standard exponential variate.
func (g *rng) exp() float64 { return g.r.ExpFloat64() }
