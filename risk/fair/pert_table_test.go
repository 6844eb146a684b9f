package fair

import (
	"math"
	"testing"
)

// TestPERTTableEnvelope checks the two properties the table method's
// exactness rests on, for PERTs from symmetric to one-sided: on every
// strip the density (the closed form x^(α−1)(1−x)^(β−1), scaled to 1 at
// the mode) lies between the strip's bounds, at 64 points across it and
// at its ends; and the alias table picks each strip with probability
// hi/Σhi (keep of its own plus the shares other strips pass to it).
func TestPERTTableEnvelope(t *testing.T) {
	for _, d := range []Distribution{
		PERT(0, 1, 10), PERT(20, 100, 900), PERT(3e6, 3.5e6, 5e6), PERT(0, 0, 1), PERT(5, 9, 9),
		PERT(0, 50, 100), PERTShape(2, 7, 8, 10), PERTShape(0, 50, 100, 60), PERTShape(0, 1, 1000, 0.5),
	} {
		tab := newPERTTable(&d)
		if tab == nil {
			t.Fatalf("%s: no table", d)
		}
		a, b := tab.am1+1, tab.bm1+1
		mode := (a - 1) / (a + b - 2)
		closed := func(x float64) float64 {
			return math.Pow(x, a-1) * math.Pow(1-x, b-1) / (math.Pow(mode, a-1) * math.Pow(1-mode, b-1))
		}
		var sumHi float64
		for i := range pertStrips {
			sumHi += tab.slowHi[i]
		}
		var share [pertStrips]float64
		for i := range pertStrips {
			keep := math.Min(float64(tab.e[i].keep)/(1<<56), 1)
			share[i] += keep
			share[tab.alias[i]] += 1 - keep
		}
		for i := range pertStrips {
			for k := 0; k <= 64; k++ {
				x := (float64(i) + float64(k)/64) / pertStrips
				if f := closed(x); f < tab.slowLo[i] || f > tab.slowHi[i] {
					t.Fatalf("%s: strip %d: density %v at %v outside [%v, %v]", d, i, f, x, tab.slowLo[i], tab.slowHi[i])
				}
			}
			if want := tab.slowHi[i] / sumHi; math.Abs(share[i]/pertStrips-want) > 1e-12 {
				t.Fatalf("%s: strip %d is picked with probability %v, want %v", d, i, share[i]/pertStrips, want)
			}
		}
		if tab.acceptedRate < pertMinAccepted {
			t.Errorf("%s: accepted rate %v below %v", d, tab.acceptedRate, pertMinAccepted)
		}
	}
}

// TestPERTTableNarrowFallsBack: a PERT too narrow for the strips (shape
// 10,000: its standard deviation is 0.005 of the range, about one strip)
// gets no table, so it is drawn by the gamma method, and draws stay in
// range.
func TestPERTTableNarrowFallsBack(t *testing.T) {
	d := PERTShape(0, 30, 100, 1e4)
	if tab := d.withTable(); tab.tab != nil {
		t.Fatalf("%s got a table with accepted rate %v", d, tab.tab.acceptedRate)
	}
	if tab := PERTShape(0, 30, 100, 50).withTable(); tab.tab == nil {
		t.Fatal("shape 50 should get a table")
	}
}

// TestPERTTableHostileParameters: PERTs at the edges of what the
// constructors accept (subnormal modes and shapes, a mode one ulp from
// max, a range of one unit at 10¹⁵, a mode so close to min that the
// beta mode rounds to 0) either get no table (and are drawn by the gamma
// method) or get one whose draws follow the beta distribution function,
// and every draw stays within [min, max]. (At 10¹⁵ doubles are 0.125
// apart, so a range of one unit holds nine values and is not compared
// with the continuous distribution function.)
func TestPERTTableHostileParameters(t *testing.T) {
	cases := []struct {
		d              Distribution
		wantTable, cdf bool
	}{
		{PERT(0, 5e-324, 4), false, false}, // α − 1 = 5e-324: the mode rounds to 0
		{PERTShape(0, 1e-300, 1e15, 1e6), false, false},
		{PERT(0, 1e-320, 1), true, true},
		{PERT(0, 4-4e-16, 4), true, true},
		{PERTShape(0, 0.5, 1, 5e-324), true, true}, // α = β = 1: uniform
		{PERT(1e15-1, 1e15-1, 1e15), true, false},
		{PERT(0, 1e-310, 1e-300), true, true},
	}
	for _, c := range cases {
		if err := c.d.Validate(); err != nil {
			t.Fatalf("%s: %v", c.d, err)
		}
		d := c.d.withTable()
		if got := d.tab != nil; got != c.wantTable {
			t.Fatalf("%s: table %v, want %v", c.d, got, c.wantTable)
		}
		min, mode, max, shape := c.d.p[0], c.d.p[1], c.d.p[2], c.d.p[3]
		w := max - min
		if c.cdf {
			checkPERTDraws(t, &d, min, w, 1+shape*(mode-min)/w, 1+shape*(max-mode)/w)
			continue
		}
		g := newRNG()
		for range 10_000 {
			if v := d.sample(g); !(v >= min && v <= max) {
				t.Fatalf("%s drew %v", c.d, v)
			}
		}
	}
}

func BenchmarkMicroPERTTable(b *testing.B) {
	g := newRNG()
	d := PERT(20, 100, 900).withTable()
	for b.Loop() {
		sink += d.sample(g)
	}
}
