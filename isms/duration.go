package isms

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Duration is an ISO 8601 duration such as "PT4H", "P1DT2H", "P30D" or
// "P1Y". Years, months and days are calendar units: they are added to a time
// with time.Time.AddDate, so "P1Y" from 29 February lands on 1 March and a
// day across a daylight-saving change stays a calendar day. Clock holds the
// hours, minutes and seconds part exactly, to the nanosecond.
//
// Duration marshals to JSON and text as its ISO 8601 string, never as an
// integer. Weeks ("P2W") are accepted on input and stored as days. The zero
// Duration is "PT0S". Negative durations are not accepted.
type Duration struct {
	Years  int
	Months int
	Days   int
	Clock  time.Duration
}

// Years returns a Duration of n calendar years.
func Years(n int) Duration { return Duration{Years: n} }

// Months returns a Duration of n calendar months.
func Months(n int) Duration { return Duration{Months: n} }

// Days returns a Duration of n calendar days.
func Days(n int) Duration { return Duration{Days: n} }

// Hours returns a Duration of n hours.
func Hours(n int) Duration { return Duration{Clock: time.Duration(n) * time.Hour} }

// ClockDuration returns a Duration whose clock part is d.
func ClockDuration(d time.Duration) Duration { return Duration{Clock: d} }

// IsZero reports whether d is zero in every unit.
func (d Duration) IsZero() bool { return d == Duration{} }

// AddTo returns t plus d: years, months and days with AddDate, then the
// clock part.
func (d Duration) AddTo(t time.Time) time.Time {
	if d.Years != 0 || d.Months != 0 || d.Days != 0 {
		t = t.AddDate(d.Years, d.Months, d.Days)
	}
	return t.Add(d.Clock)
}

// SubFrom returns t minus d, the inverse of AddTo for the clock part and
// calendar arithmetic for the rest.
func (d Duration) SubFrom(t time.Time) time.Time {
	t = t.Add(-d.Clock)
	if d.Years != 0 || d.Months != 0 || d.Days != 0 {
		t = t.AddDate(-d.Years, -d.Months, -d.Days)
	}
	return t
}

// Nominal returns d as a time.Duration counting a year as 365 days, a month
// as 30 days and a day as 24 hours, saturating at the largest
// time.Duration. Use it to compare or rank durations such as recovery
// objectives; use AddTo to compute dates.
func (d Duration) Nominal() time.Duration {
	const day = int64(24 * time.Hour)
	total := int64(d.Clock)
	for _, part := range [...][2]int64{{int64(d.Years), 365 * day}, {int64(d.Months), 30 * day}, {int64(d.Days), day}} {
		n, unit := part[0], part[1]
		if n > math.MaxInt64/unit || n < math.MinInt64/unit {
			return saturate(n)
		}
		v := n * unit
		if (v > 0 && total > math.MaxInt64-v) || (v < 0 && total < math.MinInt64-v) {
			return saturate(v)
		}
		total += v
	}
	return time.Duration(total)
}

func saturate(sign int64) time.Duration {
	if sign < 0 {
		return math.MinInt64
	}
	return math.MaxInt64
}

// Compare compares the nominal lengths of d and o (see Nominal), returning
// -1, 0 or +1.
func (d Duration) Compare(o Duration) int {
	a, b := d.Nominal(), o.Nominal()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Validate reports an error when a component is negative.
func (d Duration) Validate() error {
	if d.Years < 0 || d.Months < 0 || d.Days < 0 || d.Clock < 0 {
		return Invalidf("duration has a negative component (years %d, months %d, days %d, clock %v)", d.Years, d.Months, d.Days, d.Clock)
	}
	return nil
}

// String returns the ISO 8601 form of d, such as "P1DT2H30M" or "PT0.5S".
// A duration with a negative component prints in Go's %+v form, since
// ISO 8601 has no form for it.
func (d Duration) String() string {
	if d.Validate() != nil {
		return fmt.Sprintf("%+v", struct {
			Years, Months, Days int
			Clock               time.Duration
		}(d))
	}
	if d.IsZero() {
		return "PT0S"
	}
	var b strings.Builder
	b.WriteByte('P')
	if d.Years != 0 {
		b.WriteString(strconv.Itoa(d.Years))
		b.WriteByte('Y')
	}
	if d.Months != 0 {
		b.WriteString(strconv.Itoa(d.Months))
		b.WriteByte('M')
	}
	if d.Days != 0 {
		b.WriteString(strconv.Itoa(d.Days))
		b.WriteByte('D')
	}
	if d.Clock != 0 {
		b.WriteByte('T')
		c := d.Clock
		if h := c / time.Hour; h != 0 {
			b.WriteString(strconv.FormatInt(int64(h), 10))
			b.WriteByte('H')
			c -= h * time.Hour
		}
		if m := c / time.Minute; m != 0 {
			b.WriteString(strconv.FormatInt(int64(m), 10))
			b.WriteByte('M')
			c -= m * time.Minute
		}
		if c != 0 {
			sec := c / time.Second
			b.WriteString(strconv.FormatInt(int64(sec), 10))
			if frac := c - sec*time.Second; frac != 0 {
				f := fmt.Sprintf("%09d", int64(frac))
				b.WriteByte('.')
				b.WriteString(strings.TrimRight(f, "0"))
			}
			b.WriteByte('S')
		}
	}
	return b.String()
}

// MarshalText returns the ISO 8601 form. It fails for a negative component.
func (d Duration) MarshalText() ([]byte, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses an ISO 8601 duration (see ParseDuration).
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDuration parses an ISO 8601 duration in the format
// P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]: "P30D", "PT4H", "P1DT2H", "P1Y6M",
// "PT1.5S". Every number is a non-negative integer, except that seconds may
// carry up to nine decimal places; at least one component must follow P, and
// T must be followed by at least one time component. Weeks are converted to
// days. Errors answer errors.Is(err, ErrInvalid).
func ParseDuration(s string) (Duration, error) {
	var d Duration
	bad := func(why string) (Duration, error) {
		return Duration{}, Invalidf("duration %q: %s", s, why)
	}
	if len(s) < 2 || s[0] != 'P' {
		return bad("must start with P and name at least one component")
	}
	rest := s[1:]
	inTime := false
	const dateUnits, timeUnits = "YMWD", "HMS"
	lastDate, lastTime := -1, -1
	seen, seenTime := false, false
	for len(rest) > 0 {
		if rest[0] == 'T' {
			if inTime {
				return bad("second T")
			}
			inTime = true
			rest = rest[1:]
			continue
		}
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.' || rest[i] == ',') {
			i++
		}
		if i == 0 || i == len(rest) {
			return bad("expected a number followed by a unit")
		}
		num, unit := rest[:i], rest[i]
		rest = rest[i+1:]
		units := dateUnits
		last := &lastDate
		if inTime {
			units, last = timeUnits, &lastTime
		}
		pos := strings.IndexByte(units, unit)
		if pos < 0 {
			return bad(fmt.Sprintf("unit %q is not allowed here", unit))
		}
		if pos <= *last {
			return bad(fmt.Sprintf("unit %q is repeated or out of order", unit))
		}
		*last = pos
		seen = true
		if inTime {
			seenTime = true
		}
		if inTime && unit == 'S' {
			c, err := parseSeconds(num)
			if err != nil {
				return bad(err.Error())
			}
			if d.Clock > math.MaxInt64-c {
				return bad("too large")
			}
			d.Clock += c
			continue
		}
		n, err := strconv.ParseInt(num, 10, 32)
		if err != nil || n < 0 {
			return bad(fmt.Sprintf("number %q must be a whole number below 2^31", num))
		}
		if !inTime {
			switch unit {
			case 'Y':
				d.Years = int(n)
			case 'M':
				d.Months = int(n)
			case 'W':
				if n > math.MaxInt32/7 {
					return bad("too many weeks")
				}
				d.Days += int(n) * 7
			case 'D':
				if int64(d.Days)+n > math.MaxInt32 {
					return bad("too many days")
				}
				d.Days += int(n)
			}
			continue
		}
		per := map[byte]time.Duration{'H': time.Hour, 'M': time.Minute}[unit]
		if n > int64(math.MaxInt64/per) {
			return bad("too large")
		}
		c := time.Duration(n) * per
		if d.Clock > math.MaxInt64-c {
			return bad("too large")
		}
		d.Clock += c
	}
	if !seen {
		return bad("no component")
	}
	if inTime && !seenTime {
		return bad("T must be followed by a time component")
	}
	return d, nil
}

// parseSeconds parses "12", "12.5" or "12,5" seconds exactly, to the
// nanosecond.
func parseSeconds(num string) (time.Duration, error) {
	whole, frac, hasFrac := strings.Cut(strings.Replace(num, ",", ".", 1), ".")
	if whole == "" || strings.ContainsAny(frac, ".,") || (hasFrac && frac == "") {
		return 0, fmt.Errorf("seconds %q are malformed", num)
	}
	if len(frac) > 9 {
		return 0, fmt.Errorf("seconds %q have more than nine decimal places", num)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > math.MaxInt64/int64(time.Second) {
		return 0, fmt.Errorf("seconds %q are too large", num)
	}
	c := time.Duration(w) * time.Second
	if frac != "" {
		f, err := strconv.ParseInt(frac+strings.Repeat("0", 9-len(frac)), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("seconds %q are malformed", num)
		}
		if c > math.MaxInt64-time.Duration(f) {
			return 0, fmt.Errorf("seconds %q are too large", num)
		}
		c += time.Duration(f)
	}
	return c, nil
}
