package fair

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/internal/stats"
)

// TestPERTDistributionFunction checks the whole distribution of PERT
// draws, not only the mean, against the beta distribution function
// (internal/stats.RegIncBeta, itself tested against exact values):
// PERT(0, 1, 10) is 10·Beta(α, β) with α = 1 + 4·(1−0)/10 = 1.4 and
// β = 1 + 4·(10−1)/10 = 4.6; PERTShape(2, 7, 8, 10) is 2 + 6·Beta(1 +
// 10·5/6, 1 + 10·1/6). The fraction of draws at most x must be I_{(x−min)/w}
// within 4 standard errors.
func TestPERTDistributionFunction(t *testing.T) {
	cases := []struct {
		d          Distribution
		min, w     float64
		alpha, bet float64
	}{
		{PERT(0, 1, 10), 0, 10, 1.4, 4.6},
		{PERTShape(2, 7, 8, 10), 2, 6, 1 + 10*5.0/6, 1 + 10*1.0/6},
		{PERT(20, 100, 900), 20, 880, 1 + 4*80.0/880, 1 + 4*800.0/880},
	}
	const n = 400_000
	g := newRNG()
	for _, c := range cases {
		g.seed(21, 0)
		xs := []float64{0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98}
		below := make([]int, len(xs))
		for range n {
			v := (c.d.sample(g) - c.min) / c.w
			for k, x := range xs {
				if v <= x {
					below[k]++
				}
			}
		}
		for k, x := range xs {
			p := stats.RegIncBeta(c.alpha, c.bet, x)
			se := math.Sqrt(p*(1-p)/n) + 1e-9
			assert.InDelta(t, p, float64(below[k])/n, 4*se, "%s at %v", c.d, x)
		}
	}
}
