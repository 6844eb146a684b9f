package fair

import "math"

// expFast returns e^x for the lognormal sampler, where math.Exp took more
// than half of the time of a Bernoulli × lognormal simulation.
//
// Method (Tang's table-driven reduction): x = (64k + j)·ln2/64 + r with
// |r| ≤ ln2/128, so e^x = 2^k · 2^(j/64) · e^r, where 2^(j/64) comes from
// a 64-entry table and e^r − 1 from its Taylor polynomial of degree 6
// (truncation error below r⁷/5040 < 3·10⁻²⁰). The reduction subtracts
// n·ln2/64 in two parts (Cody and Waite) so that r is exact to double
// precision. The result is within 2 ulp of math.Exp (TestExpFast).
// Outside (−700, 700), and for NaN, it returns math.Exp(x), which handles
// overflow, underflow and subnormal results.
//
// The explicit float64 conversions forbid fused multiply-adds, so the
// draws are the same whether or not the compiler could fuse.
func expFast(x float64) float64 {
	if !(x > -700 && x < 700) {
		return math.Exp(x)
	}
	// n = round(x·64/ln2), read from the low mantissa bits of s.
	s := float64(x*(expTableSize/math.Ln2)) + expRoundMagic
	n := int64(math.Float64bits(s)) << 13 >> 13
	nf := float64(s - expRoundMagic)
	r := float64(x-float64(nf*expLn2Hi)) - float64(nf*expLn2Lo)
	// e^r − 1 = r + r²/2 + … + r⁶/720, evaluated in Estrin's form: the
	// sampler is bound by this chain of dependent operations, and Horner's
	// form makes it twice as long.
	r2 := float64(r * r)
	p1 := float64(1.0/2) + float64(r*(1.0/6))
	p2 := float64(float64(1.0/24)+float64(r*(1.0/120))) + float64(r2*(1.0/720))
	q := r + float64(r2*float64(p1+float64(r2*p2)))
	t := expTable[n&(expTableSize-1)]
	scale := math.Float64frombits(uint64(n>>expTableBits+1023) << 52)
	return float64(t+float64(t*q)) * scale
}

const (
	expTableBits = 6
	expTableSize = 1 << expTableBits
	// expRoundMagic is 1.5·2⁵²: adding it to a number of magnitude below
	// 2⁵⁰ rounds it to an integer held in the low mantissa bits.
	expRoundMagic = 0x1.8p52
	// ln2/64 in two parts so that n·expLn2Hi is exact for |n| < 2²¹ (in
	// the fast range |n| < 2¹⁶).
	expLn2Hi = expLn2HiFull / expTableSize
	expLn2Lo = expLn2LoFull / expTableSize
)

// expTable holds 2^(j/64) for j = 0..63.
var expTable = func() (t [expTableSize]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / expTableSize)
	}
	return t
}()

// logFast returns ln y for the acceptance test of the gamma sampler, where
// the two logarithms of Marsaglia and Tsang's test took a third of the
// time of a PERT draw although only 8% of draws reach it.
//
// Method: y = 2^k · m with m in [1, 2); F = 1 + j/128 from the top seven
// bits of m, so that f = m − F is exact and in [0, 1/128); then
// ln y = k·ln2 + ln F + ln(1 + f/F), the last from its Taylor polynomial
// of degree 8 (truncation error below (1/128)⁹/9 < 10⁻²⁰). ln F is
// tabulated at double precision (math.Log), so the error is at most about
// one unit in the last place of ln F or k·ln2: TestLogFast bounds it by
// 2 ulp of the result or 2.5·10⁻¹⁶ absolute, whichever is larger (near
// y = 1 the result is small and only the absolute bound is meaningful, as
// it is for the acceptance test, which compares ln u with a sum of terms
// of order one). Zero, negative, subnormal, infinite and NaN arguments
// return math.Log(y).
func logFast(y float64) float64 {
	if !(y >= 0x1p-1022 && y <= math.MaxFloat64) {
		return math.Log(y)
	}
	b := math.Float64bits(y)
	k := float64(int64(b>>52) - 1023)
	j := b >> (52 - logTableBits) & (logTableSize - 1)
	m := math.Float64frombits(b&(1<<52-1) | 1023<<52)
	e := &logTable[j]
	r := float64(float64(m-e.f) * e.inv)
	// ln(1+r) = r − r²/2 + r³/3 − … − r⁸/8, in Estrin's form.
	r2 := float64(r * r)
	r4 := float64(r2 * r2)
	a := float64(-1.0/2) + float64(r*(1.0/3))
	c := float64(float64(-1.0/4)+float64(r*(1.0/5))) + float64(r2*float64(float64(-1.0/6)+float64(r*(1.0/7))))
	c = c + float64(r4*(-1.0/8))
	q := float64(r+float64(r2*a)) + float64(r4*c)
	return float64(float64(k*expLn2HiFull)+e.log) + float64(q+float64(k*expLn2LoFull))
}

const (
	logTableBits = 7
	logTableSize = 1 << logTableBits
	// fdlibm's split of ln2: the high part's low 21 bits are zero, so
	// k·expLn2HiFull is exact for every binary exponent k.
	expLn2HiFull = 6.93147180369123816490e-01
	expLn2LoFull = 1.90821492927058770002e-10
)

// logTable holds, for F = 1 + j/128, F itself, 1/F and ln F.
var logTable = func() (t [logTableSize]struct{ f, inv, log float64 }) {
	for j := range t {
		f := 1 + float64(j)/logTableSize
		t[j].f, t[j].inv, t[j].log = f, 1/f, math.Log(f)
	}
	return t
}()
