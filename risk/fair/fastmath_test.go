package fair

import (
	"math"
	"testing"
)

// ulps is the distance from got to want in units of want's last place.
func ulps(got, want float64) float64 {
	if got == want {
		return 0
	}
	return math.Abs(got-want) / math.Abs(math.Nextafter(want, math.Inf(1))-want)
}

// TestExpFast compares expFast with math.Exp (itself within 1 ulp of e^x)
// over the whole fast range and at the boundaries where it hands over.
func TestExpFast(t *testing.T) {
	worst, at := 0.0, 0.0
	const steps = 1 << 21
	for i := range steps + 1 {
		x := -700 + 1400*float64(i)/steps
		if u := ulps(expFast(x), math.Exp(x)); u > worst {
			worst, at = u, x
		}
	}
	// Arguments near the reduction's rounding boundaries (r = ±ln2/128)
	// and around small multiples of ln2, where cancellation is worst.
	for k := -1000; k <= 1000; k++ {
		for _, d := range []float64{-1e-12, 0, 1e-12} {
			x := float64(k)*math.Ln2/128 + d
			if u := ulps(expFast(x), math.Exp(x)); u > worst {
				worst, at = u, x
			}
		}
	}
	if worst > 2 {
		t.Fatalf("expFast is %g ulp from math.Exp at x = %g; want at most 2", worst, at)
	}
	// Exact values and the hand-over outside the fast range.
	cases := map[float64]float64{
		0:             1,
		1:             math.E,
		math.Ln2:      2,
		-math.Ln2:     0.5,
		10 * math.Ln2: 1024,
		-700:          math.Exp(-700),
		700:           math.Exp(700),
		710:           math.Inf(1),
		-746:          0,
		-745:          math.Exp(-745), // subnormal
		math.Inf(1):   math.Inf(1),
		math.Inf(-1):  0,
	}
	for x, want := range cases {
		if got := expFast(x); ulps(got, want) > 1 {
			t.Errorf("expFast(%g) = %g, want %g", x, got, want)
		}
	}
	if got := expFast(math.NaN()); !math.IsNaN(got) {
		t.Errorf("expFast(NaN) = %g, want NaN", got)
	}
}

func BenchmarkMicroExpFast(b *testing.B) {
	x := 12.0
	for b.Loop() {
		sink += expFast(x)
		x += 1e-7
	}
}

func BenchmarkMicroMathExp(b *testing.B) {
	x := 12.0
	for b.Loop() {
		sink += math.Exp(x)
		x += 1e-7
	}
}

// TestLogFast compares logFast with math.Log (itself within 1 ulp of ln y)
// over ten binades either side of 1, densely near 1, at every table
// boundary and at the arguments it hands over.
func TestLogFast(t *testing.T) {
	check := func(y float64) {
		t.Helper()
		got, want := logFast(y), math.Log(y)
		if ulps(got, want) > 2 && math.Abs(got-want) > 2.5e-16 {
			t.Fatalf("logFast(%v) = %v, math.Log = %v: %g ulp, %g absolute", y, got, want, ulps(got, want), math.Abs(got-want))
		}
	}
	const steps = 1 << 20
	for i := range steps + 1 {
		check(math.Ldexp(1, -10) * math.Pow(2, 20*float64(i)/steps))
		check(1 - 0x1p-6 + 0x1p-5*float64(i)/steps) // [1 − 1/64, 1 + 1/64]
	}
	for e := -1022; e <= 1023; e += 7 {
		for j := range logTableSize {
			f := math.Ldexp(1+float64(j)/logTableSize, e)
			check(f)
			check(math.Nextafter(f, 0))
			check(math.Nextafter(f, math.Inf(1)))
		}
	}
	for _, y := range []float64{1, 2, 0.5, math.E, math.MaxFloat64, 0x1p-1022, math.SmallestNonzeroFloat64} {
		check(y)
	}
	if got := logFast(1); got != 0 {
		t.Errorf("logFast(1) = %g, want 0", got)
	}
	if got := logFast(0); !math.IsInf(got, -1) {
		t.Errorf("logFast(0) = %g, want -Inf", got)
	}
	if got := logFast(math.Inf(1)); !math.IsInf(got, 1) {
		t.Errorf("logFast(+Inf) = %g, want +Inf", got)
	}
	for _, y := range []float64{-1, math.NaN()} {
		if got := logFast(y); !math.IsNaN(got) {
			t.Errorf("logFast(%g) = %g, want NaN", y, got)
		}
	}
}

func BenchmarkMicroLogFast(b *testing.B) {
	y := 0.97
	for b.Loop() {
		sink += logFast(y)
		y += 1e-9
	}
}

func BenchmarkMicroMathLog(b *testing.B) {
	y := 0.97
	for b.Loop() {
		sink += math.Log(y)
		y += 1e-9
	}
}
