package isms

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Duration is an ISO 8601 duration such as "PT4H", "P1DT2H", "P30D" or
// "P1Y". Years, months and days are calendar units; Clock holds the
// hours, minutes and seconds part exactly, to the nanosecond.
//
// AddTo steps through the calendar as XML Schema 1.1 (appendix E) and
// java.time do: years and months first, clamped to the last day of the
// month they land in (31 January + P1M is 28 February, or 29 in a leap
// year; 29 February 2024 + P1Y is 28 February 2025), then days (a day
// across a daylight-saving change stays a calendar day), then the clock
// part.
//
// Every component is non-negative and bounded: at most MaxDurationYears
// years, MaxDurationMonths months and MaxDurationDays days (bounds large
// enough to span the whole range of times the SDK accepts, years 0001 to
// 9999), and a clock part any time.Duration holds. Validate, MarshalText,
// UnmarshalText and ParseDuration apply the same bounds, so every Duration
// that validates is written and read back equal.
//
// Duration marshals to JSON and text as its ISO 8601 string, never as an
// integer. Weeks ("P2W") are accepted on input and stored as days. The zero
// Duration is "PT0S".
type Duration struct {
	Years  int
	Months int
	Days   int
	Clock  time.Duration
}

// Bounds of a Duration's calendar components. The clock part may be any
// non-negative time.Duration.
const (
	// MaxDurationYears is the most years a Duration holds: 9999, the span
	// of the years the SDK accepts in times.
	MaxDurationYears = 9999
	// MaxDurationMonths is the most months a Duration holds: 12 ×
	// MaxDurationYears.
	MaxDurationMonths = 12 * MaxDurationYears
	// MaxDurationDays is the most days a Duration holds (weeks included):
	// 366 × MaxDurationYears.
	MaxDurationDays = 366 * MaxDurationYears
)

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

// AddTo returns t plus d: years and months together, clamped to the last
// day of the month they land in, then days with time.Time.AddDate, then
// the clock part. The time of day and the location of t are kept by the
// calendar steps.
//
//	31 Jan 2025 + P1M = 28 Feb 2025      31 Jan 2024 + P1M = 29 Feb 2024
//	29 Feb 2024 + P1Y = 28 Feb 2025      31 Mar 2025 + P1M = 30 Apr 2025
//	30 Nov 2025 + P3M = 28 Feb 2026      31 Aug 2024 + P6M = 28 Feb 2025
//
// AddTo does not validate d; a negative component steps backwards.
func (d Duration) AddTo(t time.Time) time.Time {
	t = addMonthsClamped(t, d.Years, d.Months)
	if d.Days != 0 {
		t = t.AddDate(0, 0, d.Days)
	}
	return t.Add(d.Clock)
}

// SubFrom returns t minus d, calculated as AddTo calculates t plus d with
// every component negated: years and months back, clamped to the last day
// of the month they land in (31 March - P1M is 28 February, or 29 in a
// leap year), then days, then the clock part.
func (d Duration) SubFrom(t time.Time) time.Time {
	t = addMonthsClamped(t, -d.Years, -d.Months)
	if d.Days != 0 {
		t = t.AddDate(0, 0, -d.Days)
	}
	return t.Add(-d.Clock)
}

// addMonthsClamped moves t by years and months, keeping the day of the
// month unless the target month is shorter, in which case it lands on that
// month's last day.
func addMonthsClamped(t time.Time, years, months int) time.Time {
	if years == 0 && months == 0 {
		return t
	}
	y, m, day := t.Date()
	total := int64(y)*12 + int64(m-1) + int64(years)*12 + int64(months)
	ty, tm := floorDiv(total, 12), time.Month(floorMod(total, 12)+1)
	if last := daysIn(int(ty), tm); day > last {
		day = last
	}
	hh, mm, ss := t.Clock()
	return time.Date(int(ty), tm, day, hh, mm, ss, t.Nanosecond(), t.Location())
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

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

// Validate reports an error answering ErrInvalid when a component is
// negative or a calendar component is above its bound (MaxDurationYears,
// MaxDurationMonths, MaxDurationDays). A Duration that validates prints
// with String and parses back equal with ParseDuration.
func (d Duration) Validate() error {
	if d.Years < 0 || d.Months < 0 || d.Days < 0 || d.Clock < 0 {
		return Invalidf("duration has a negative component (years %d, months %d, days %d, clock %v)", d.Years, d.Months, d.Days, d.Clock)
	}
	switch {
	case d.Years > MaxDurationYears:
		return Invalidf("duration of %d years is more than the %d allowed", d.Years, MaxDurationYears)
	case d.Months > MaxDurationMonths:
		return Invalidf("duration of %d months is more than the %d allowed", d.Months, MaxDurationMonths)
	case d.Days > MaxDurationDays:
		return Invalidf("duration of %d days is more than the %d allowed", d.Days, MaxDurationDays)
	}
	return nil
}

// String returns the ISO 8601 form of d, such as "P1DT2H30M" or "PT0.5S".
// A duration that does not validate (a negative component, a component
// above its bound) prints in Go's %+v form, which ParseDuration refuses.
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
	// The longest form (every component at its bound, a fractional
	// second) fits in 64 bytes, so one allocation makes the string.
	var buf [64]byte
	b := append(buf[:0], 'P')
	if d.Years != 0 {
		b = append(strconv.AppendInt(b, int64(d.Years), 10), 'Y')
	}
	if d.Months != 0 {
		b = append(strconv.AppendInt(b, int64(d.Months), 10), 'M')
	}
	if d.Days != 0 {
		b = append(strconv.AppendInt(b, int64(d.Days), 10), 'D')
	}
	if d.Clock != 0 {
		b = append(b, 'T')
		c := d.Clock
		if h := c / time.Hour; h != 0 {
			b = append(strconv.AppendInt(b, int64(h), 10), 'H')
			c -= h * time.Hour
		}
		if m := c / time.Minute; m != 0 {
			b = append(strconv.AppendInt(b, int64(m), 10), 'M')
			c -= m * time.Minute
		}
		if c != 0 {
			sec := c / time.Second
			b = strconv.AppendInt(b, int64(sec), 10)
			if frac := int64(c - sec*time.Second); frac != 0 {
				// The nine digits of nanoseconds from the first, up to
				// the last that is not zero.
				b = append(b, '.')
				for div := int64(1e8); frac > 0; div /= 10 {
					b = append(b, byte('0'+frac/div))
					frac %= div
				}
			}
			b = append(b, 'S')
		}
	}
	return string(b)
}

// MarshalText returns the ISO 8601 form. It fails, with an error answering
// ErrInvalid, for a duration that does not validate.
func (d Duration) MarshalText() ([]byte, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses an ISO 8601 duration (see ParseDuration); a nil d
// is an error answering ErrInvalid.
func (d *Duration) UnmarshalText(b []byte) error {
	if d == nil {
		return Invalidf("duration: unmarshal into a nil pointer")
	}
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
// days. The bounds of Duration apply: at most MaxDurationYears years,
// MaxDurationMonths months, MaxDurationDays days (weeks included) and a
// clock part that fits a time.Duration, so what parses validates. Errors
// answer errors.Is(err, ErrInvalid).
func ParseDuration(s string) (Duration, error) {
	var d Duration
	bad := func(why string) (Duration, error) {
		shown := s
		if len(shown) > 64 {
			shown = shown[:64] + "..."
		}
		return Duration{}, Invalidf("duration %q: %s", shown, why)
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
		n, err := strconv.ParseInt(num, 10, 64)
		if err != nil || n < 0 {
			return bad(fmt.Sprintf("number %q is not a whole number or is too large", num))
		}
		if !inTime {
			switch unit {
			case 'Y':
				if n > MaxDurationYears {
					return bad(fmt.Sprintf("more than %d years", MaxDurationYears))
				}
				d.Years = int(n)
			case 'M':
				if n > MaxDurationMonths {
					return bad(fmt.Sprintf("more than %d months", MaxDurationMonths))
				}
				d.Months = int(n)
			case 'W':
				if n > MaxDurationDays/7 {
					return bad(fmt.Sprintf("more than %d days", MaxDurationDays))
				}
				d.Days = int(n) * 7
			case 'D':
				if int64(d.Days)+n > MaxDurationDays {
					return bad(fmt.Sprintf("more than %d days", MaxDurationDays))
				}
				d.Days += int(n)
			}
			continue
		}
		per := time.Minute
		if unit == 'H' {
			per = time.Hour
		}
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
