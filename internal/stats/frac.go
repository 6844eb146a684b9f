package stats

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

// MaxDen is the largest denominator a Frac may have (2^62). Every decimal
// with at most 18 digits after the point fits.
const MaxDen = 1 << 62

// Frac is an exact non-negative fraction Num/Den in lowest terms, with
// 0 < Den <= MaxDen. It carries decimal rates such as 0.035 = 7/200 so that
// products such as 0.035 x 400 = 14 are computed exactly.
type Frac struct {
	// Num is the numerator.
	Num uint64
	// Den is the denominator, at least 1 and at most MaxDen.
	Den uint64
}

// ErrNotDecimal reports a float64 that is negative, not finite, or whose
// shortest decimal form does not fit a Frac.
var ErrNotDecimal = errors.New("stats: not a representable non-negative decimal")

// DecimalFrac returns the exact value of the shortest decimal string that
// round-trips to x (strconv.FormatFloat(x, 'g', -1, 64)): 0.035 becomes
// 7/200, not the binary fraction nearest to 0.035. It fails for negative,
// infinite or NaN values and for decimals whose reduced denominator exceeds
// MaxDen.
func DecimalFrac(x float64) (Frac, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return Frac{}, fmt.Errorf("%w: %v", ErrNotDecimal, x)
	}
	if x == 0 {
		return Frac{0, 1}, nil
	}
	// The shortest round-trip digits in exponent form, "d.ddde-05", are
	// read as the integer ddd... times 10^(exp - digits after the point).
	var buf [32]byte
	s := strconv.AppendFloat(buf[:0], x, 'e', -1, 64)
	e := len(s) - 1
	for s[e] != 'e' {
		e--
	}
	exp, err := strconv.Atoi(string(s[e+1:]))
	if err != nil {
		return Frac{}, fmt.Errorf("%w: %v", ErrNotDecimal, x)
	}
	var mant uint64
	frac := 0
	for i, c := range s[:e] {
		if c == '.' {
			frac = e - i - 1
			continue
		}
		mant = mant*10 + uint64(c-'0') // at most 17 digits: no overflow
	}
	shift := exp - frac // x = mant * 10^shift
	if shift >= 0 {
		for ; shift > 0; shift-- {
			if mant > math.MaxUint64/20 {
				return Frac{}, fmt.Errorf("%w: %v has too many digits", ErrNotDecimal, x)
			}
			mant *= 10
		}
		return Frac{Num: mant, Den: 1}, nil
	}
	// Divide out common factors of 2 and 5 before building 10^-shift, so
	// that only the reduced denominator has to fit.
	den2, den5 := -shift, -shift
	for den2 > 0 && mant%2 == 0 {
		mant /= 2
		den2--
	}
	for den5 > 0 && mant%5 == 0 {
		mant /= 5
		den5--
	}
	den := uint64(1)
	for range den2 {
		if den > MaxDen/2 {
			return Frac{}, fmt.Errorf("%w: %v has too many digits", ErrNotDecimal, x)
		}
		den *= 2
	}
	for range den5 {
		if den > MaxDen/5 {
			return Frac{}, fmt.Errorf("%w: %v has too many digits", ErrNotDecimal, x)
		}
		den *= 5
	}
	return Frac{Num: mant, Den: den}, nil
}

// Rat returns f as a new big.Rat.
func (f Frac) Rat() *big.Rat {
	return new(big.Rat).SetFrac(new(big.Int).SetUint64(f.Num), new(big.Int).SetUint64(f.Den))
}

// Float returns the float64 nearest to f.
func (f Frac) Float() float64 {
	if f.Num <= 1<<53 && f.Den <= 1<<53 {
		// Both convert exactly, and one division rounds correctly.
		return float64(f.Num) / float64(f.Den)
	}
	v, _ := f.Rat().Float64()
	return v
}

// MulString renders f x n exactly as a decimal: "14" for 7/200 x 400,
// "0.93" for 1/100 x 93. A fraction whose denominator has prime factors
// other than 2 and 5 has no finite decimal; it is cut after 40 digits and
// marked with "...".
func (f Frac) MulString(n uint64) string {
	hi, lo := bits.Mul64(f.Num, n)
	if hi >= f.Den {
		r := f.Rat()
		r.Mul(r, new(big.Rat).SetInt(new(big.Int).SetUint64(n)))
		if r.IsInt() {
			return r.Num().String()
		}
		if d, exact := r.FloatPrec(); exact {
			return r.FloatString(d)
		}
		return r.FloatString(40) + "..."
	}
	q, r := bits.Div64(hi, lo, f.Den)
	b := strconv.AppendUint(make([]byte, 0, 24), q, 10)
	if r == 0 {
		return string(b)
	}
	b = append(b, '.')
	for i := 0; r != 0; i++ {
		if i == 40 {
			return string(append(b, "..."...))
		}
		// r < Den <= 2^62, so 10r fits in 64 bits.
		r *= 10
		b = append(b, byte('0'+r/f.Den))
		r %= f.Den
	}
	return string(b)
}

// IsZero reports whether f is zero.
func (f Frac) IsZero() bool { return f.Num == 0 }

// Cmp compares f and g and returns -1, 0 or +1.
func (f Frac) Cmp(g Frac) int {
	// f.Num*g.Den versus g.Num*f.Den, in 128 bits.
	ah, al := bits.Mul64(f.Num, g.Den)
	bh, bl := bits.Mul64(g.Num, f.Den)
	switch {
	case ah < bh || (ah == bh && al < bl):
		return -1
	case ah == bh && al == bl:
		return 0
	}
	return 1
}

// Complement returns 1 - f. It requires f <= 1.
func (f Frac) Complement() Frac {
	return Frac{Num: f.Den - f.Num, Den: f.Den}
}

// String renders f as "num/den".
func (f Frac) String() string {
	return strconv.FormatUint(f.Num, 10) + "/" + strconv.FormatUint(f.Den, 10)
}

// CeilMul returns ceil(f x n) exactly, and false when the result does not
// fit in a uint64.
func (f Frac) CeilMul(n uint64) (uint64, bool) {
	hi, lo := bits.Mul64(f.Num, n)
	if hi >= f.Den {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, f.Den)
	if r != 0 {
		if q == math.MaxUint64 {
			return 0, false
		}
		q++
	}
	return q, true
}

// FloorMul returns floor(f x n) exactly, and false when the result does
// not fit in a uint64.
func (f Frac) FloorMul(n uint64) (uint64, bool) {
	hi, lo := bits.Mul64(f.Num, n)
	if hi >= f.Den {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, f.Den)
	return q, true
}

// FloorDiv returns floor(n / f) exactly for f > 0, and false when the
// result does not fit in a uint64.
func (f Frac) FloorDiv(n uint64) (uint64, bool) {
	if f.Num == 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(n, f.Den)
	if hi >= f.Num {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, f.Num)
	return q, true
}
