package fair

import "math"

// The ziggurat method for normal variates (Marsaglia and Tsang 2000),
// 128 layers, drawn from one 64-bit output of the stream: the layer from
// the low 7 bits and a 56-bit signed abscissa from the high bits, so that
// the two are independent. The tables are computed once from the method's
// two constants; they are the same as math/rand's at 32-bit precision.

const (
	zigR = 3.442619855899      // start of the tail
	zigV = 9.91256303526217e-3 // area of each layer
	zigM = 1 << 55             // scale of the abscissa
)

type zigTables struct {
	k [128]int64
	w [128]float64
	f [128]float64
}

var zig = newZigTables()

func newZigTables() *zigTables {
	t := &zigTables{}
	dn, tn := zigR, zigR
	q := zigV / math.Exp(-0.5*dn*dn)
	t.k[0] = int64(dn / q * zigM)
	t.k[1] = 0
	t.w[0] = q / zigM
	t.w[127] = dn / zigM
	t.f[0] = 1
	t.f[127] = math.Exp(-0.5 * dn * dn)
	for i := 126; i >= 1; i-- {
		dn = math.Sqrt(-2 * math.Log(zigV/dn+math.Exp(-0.5*dn*dn)))
		t.k[i+1] = int64(dn / tn * zigM)
		tn = dn
		t.f[i] = math.Exp(-0.5 * dn * dn)
		t.w[i] = dn / zigM
	}
	return t
}

// norm returns a standard normal variate.
func (g *rng) norm() float64 {
	for {
		u := g.pcg.Uint64()
		i := u & 0x7f
		j := int64(u) >> 8
		x := float64(j) * zig.w[i]
		if a := j; a < zig.k[i] && -a < zig.k[i] {
			return x // better than 99% of draws
		}
		if x, ok := g.normSlow(i, j, x); ok {
			return x
		}
	}
}

// normSlow handles the base strip's tail and the wedges of the layers.
func (g *rng) normSlow(i uint64, j int64, x float64) (float64, bool) {
	if i == 0 {
		for {
			x = -math.Log(1-g.float64()) * (1 / zigR)
			y := -math.Log(1 - g.float64())
			if y+y >= x*x {
				break
			}
		}
		if j > 0 {
			return zigR + x, true
		}
		return -zigR - x, true
	}
	if zig.f[i]+g.float64()*(zig.f[i-1]-zig.f[i]) < expFast(-0.5*x*x) {
		return x, true
	}
	return 0, false
}
