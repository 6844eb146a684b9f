package fair

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/internal/stats"
)

// TestPERTDistributionFunction checks the whole distribution of PERT
// draws, not only the mean, against the beta distribution function
// (internal/stats.RegIncBeta, itself tested against exact values), for
// both samplers: the table of a compiled model (pertTable) and the ratio
// of gammas used without one. PERT(0, 1, 10) is 10·Beta(α, β) with α =
// 1 + 4·(1−0)/10 = 1.4 and β = 1 + 4·(10−1)/10 = 4.6; PERTShape(2, 7, 8,
// 10) is 2 + 6·Beta(1 + 10·5/6, 1 + 10·1/6); a mode at min or max gives
// α = 1 or β = 1, where the density does not vanish at that end. The
// fraction of draws at most x must be I_{(x−min)/w} within 4 standard
// errors, at points that fall inside strips and on strip boundaries.
func TestPERTDistributionFunction(t *testing.T) {
	cases := []struct {
		d          Distribution
		min, w     float64
		alpha, bet float64
	}{
		{PERT(0, 1, 10), 0, 10, 1.4, 4.6},
		{PERTShape(2, 7, 8, 10), 2, 6, 1 + 10*5.0/6, 1 + 10*1.0/6},
		{PERT(20, 100, 900), 20, 880, 1 + 4*80.0/880, 1 + 4*800.0/880},
		{PERT(3e6, 3.5e6, 5e6), 3e6, 2e6, 2, 4},
		{PERT(0, 0, 1), 0, 1, 1, 5},
		{PERT(5, 9, 9), 5, 4, 5, 1},
		{PERTShape(0, 50, 100, 60), 0, 100, 31, 31},
	}
	for _, c := range cases {
		tab := c.d.withTable()
		if tab.tab == nil {
			t.Fatalf("%s: no table", c.d)
		}
		t.Run(c.d.String()+"/table", func(t *testing.T) { checkPERTDraws(t, &tab, c.min, c.w, c.alpha, c.bet) })
		t.Run(c.d.String()+"/gamma", func(t *testing.T) { checkPERTDraws(t, &c.d, c.min, c.w, c.alpha, c.bet) })
	}
}

func checkPERTDraws(t *testing.T, d *Distribution, min, w, alpha, bet float64) {
	const n = 400_000
	g := newRNG()
	g.seed(21, 0)
	xs := []float64{0.002, 0.02, 0.1, 0.25, 0.3, 0.5, 0.5 + 0.5/pertStrips, 0.75, 0.9, 0.98, 0.998}
	below := make([]int, len(xs))
	for range n {
		v := d.sample(g)
		if v < min || v > min+w {
			t.Fatalf("%s drew %v outside [%v, %v]", d, v, min, min+w)
		}
		for k, x := range xs {
			if (v-min)/w <= x {
				below[k]++
			}
		}
	}
	for k, x := range xs {
		p := stats.RegIncBeta(alpha, bet, x)
		se := math.Sqrt(p*(1-p)/n) + 1e-9
		assert.InDelta(t, p, float64(below[k])/n, 4*se, "%s at %v", d, x)
	}
}
