package fair

import "testing"

var sink float64

func BenchmarkMicroNorm(b *testing.B) {
	b.ReportAllocs()
	g := newRNG()
	for b.Loop() {
		sink += g.norm()
	}
}
func BenchmarkMicroUniform(b *testing.B) {
	b.ReportAllocs()
	g := newRNG()
	for b.Loop() {
		sink += g.float64()
	}
}
func BenchmarkMicroGamma(b *testing.B) {
	b.ReportAllocs()
	g := newRNG()
	d := PERT(20, 100, 900)
	for b.Loop() {
		sink += gamma(g, d.c[0], d.c[1])
	}
}
func BenchmarkMicroPERT(b *testing.B) {
	b.ReportAllocs()
	g := newRNG()
	d := PERT(20, 100, 900)
	for b.Loop() {
		sink += d.sample(g)
	}
}
