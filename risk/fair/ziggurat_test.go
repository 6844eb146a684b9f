package fair

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestZigguratTablesMatchMathRand: at 32-bit precision the tables are
// math/rand's published ones (kn[0] = 0x76ad2212, kn[2] = 0x600f1b53,
// kn[127] = 0x7f7ba800 … checked at three entries: the layer ratios
// x_{i−1}/x_i scaled by 2^31).
func TestZigguratTablesMatchMathRand(t *testing.T) {
	for i, want := range map[int]uint32{0: 0x76ad2212, 2: 0x600f1b53, 3: 0x6ce447a6, 4: 0x725b46a2} {
		got := uint32(float64(zig.k[i]) / zigM * (1 << 31))
		assert.InDelta(t, float64(want), float64(got), 2, "k[%d]", i)
	}
}

// TestNormalDistribution: the fraction of draws below z matches Φ(z) =
// erfc(−z/√2)/2 within 4 standard errors, including the tail beyond the
// ziggurat's base strip (z = ±3.5); mean 0 and variance 1.
func TestNormalDistribution(t *testing.T) {
	const n = 2_000_000
	g := newRNG()
	g.seed(7, 0)
	zs := []float64{-3.5, -2, -1, -0.3, 0, 0.5, 1.5, 2.5, 3.5}
	below := make([]int, len(zs))
	sum, sum2 := 0.0, 0.0
	for range n {
		x := g.norm()
		sum += x
		sum2 += x * x
		for k, z := range zs {
			if x < z {
				below[k]++
			}
		}
	}
	for k, z := range zs {
		p := math.Erfc(-z/math.Sqrt2) / 2
		se := math.Sqrt(p * (1 - p) / n)
		assert.InDelta(t, p, float64(below[k])/n, 4*se+1e-7, "z %v", z)
	}
	assert.InDelta(t, 0, sum/n, 4/math.Sqrt(n))
	assert.InDelta(t, 1, sum2/n, 4*math.Sqrt(2.0/n))
}
