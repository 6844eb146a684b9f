package stats

import (
	"math"
	"math/big"
	"strconv"
	"testing"
)

// FuzzDecimalFrac: every accepted float64 maps to the exact value of its
// shortest decimal, which converts back to the same float64.
func FuzzDecimalFrac(f *testing.F) {
	for _, x := range []float64{0, 0.035, 0.95, 1e-5, 1e-30, -1, 123.456} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		fr, err := DecimalFrac(x)
		if err != nil {
			return
		}
		if fr.Den == 0 || fr.Den > MaxDen {
			t.Fatalf("denominator %d", fr.Den)
		}
		if fr.Float() != x {
			t.Fatalf("%v became %v (%s)", x, fr.Float(), fr)
		}
		want, _ := new(big.Rat).SetString(strconv.FormatFloat(x, 'g', -1, 64))
		if want.Cmp(fr.Rat()) != 0 {
			t.Fatalf("%v: %s, want %s", x, fr, want)
		}
	})
}

// FuzzBinomialCDFCmp: the exact comparison agrees with the float64
// distribution function wherever the two are not within 1e-9 of each
// other, and with the integer path always.
func FuzzBinomialCDFCmp(f *testing.F) {
	f.Add(14, 400, uint64(5), uint64(100), uint64(1), uint64(10))
	f.Add(0, 1, uint64(1), uint64(2), uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, k, n int, pn, pd, an, ad uint64) {
		n = (n%300+300)%300 + 1
		k %= n + 1
		pd = pd%1000 + 1
		pn %= pd + 1
		ad = ad%1000 + 1
		an %= ad + 1
		p, alpha := Frac{pn, pd}, Frac{an, ad}
		c, ok := BinomialCDFCmp(k, n, p, alpha)
		if !ok {
			t.Fatalf("undecided for k %d n %d p %s alpha %s", k, n, p, alpha)
		}
		if k >= 0 && k < n && pn > 0 && pn < pd {
			if e := binomialCmpExact(k, n, p, alpha); e != c {
				t.Fatalf("float path %d, integer path %d", c, e)
			}
		}
		v, a := BinomialCDF(k, n, p.Float()), alpha.Float()
		if math.Abs(v-a) > 1e-9 && (v < a) != (c < 0) {
			t.Fatalf("cmp %d but cdf %v vs alpha %v", c, v, a)
		}
	})
}
