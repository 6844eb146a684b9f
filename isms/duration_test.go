package isms_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want isms.Duration
		str  string // canonical String(); "" means the input itself
	}{
		{"PT4H", isms.Duration{Clock: 4 * time.Hour}, ""},
		{"P30D", isms.Duration{Days: 30}, ""},
		{"P1DT2H", isms.Duration{Days: 1, Clock: 2 * time.Hour}, ""},
		{"P1Y", isms.Duration{Years: 1}, ""},
		{"P1Y6M", isms.Duration{Years: 1, Months: 6}, ""},
		{"P2W", isms.Duration{Days: 14}, "P14D"},
		{"P1W3D", isms.Duration{Days: 10}, "P10D"},
		{"PT90M", isms.Duration{Clock: 90 * time.Minute}, "PT1H30M"},
		{"PT36H", isms.Duration{Clock: 36 * time.Hour}, ""},
		{"PT0S", isms.Duration{}, ""},
		{"P0D", isms.Duration{}, "PT0S"},
		{"PT1.5S", isms.Duration{Clock: 1500 * time.Millisecond}, ""},
		{"PT0,25S", isms.Duration{Clock: 250 * time.Millisecond}, "PT0.25S"},
		{"PT0.000000001S", isms.Duration{Clock: 1}, ""},
		{"PT1.05S", isms.Duration{Clock: 1050 * time.Millisecond}, ""},
		{"PT0.1S", isms.Duration{Clock: 100 * time.Millisecond}, ""},
		{"PT0.000120S", isms.Duration{Clock: 120 * time.Microsecond}, "PT0.00012S"},
		{"PT59.999999999S", isms.Duration{Clock: time.Minute - 1}, ""},
		{"PT1H0.5S", isms.Duration{Clock: time.Hour + 500*time.Millisecond}, ""},
		{"P1Y2M3DT4H5M6S", isms.Duration{Years: 1, Months: 2, Days: 3, Clock: 4*time.Hour + 5*time.Minute + 6*time.Second}, ""},
		{"PT72H", isms.Duration{Clock: 72 * time.Hour}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := isms.ParseDuration(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			want := tc.str
			if want == "" {
				want = tc.in
			}
			assert.Equal(t, want, got.String())
		})
	}
}

func TestParseDurationRejects(t *testing.T) {
	for _, in := range []string{
		"", "P", "PT", "4H", "pt4h", "P1H", "PT1D", "P1DT", "P-1D", "P1.5D", "PT1.5H",
		"P1D1D", "P1M1Y", "PT1S1M", "PT1.S", "PT.5S", "PT1.2.3S", "PT1.0000000001S",
		"P1DT2H3", "P D", "P1 D", "PTT1H", "P99999999999D", "PT9999999999999999999H",
		"PT2562048H", "P1Y ", " P1Y", "P1YT1H1H",
	} {
		t.Run(in, func(t *testing.T) {
			_, err := isms.ParseDuration(in)
			require.Error(t, err)
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
}

func TestDurationJSON(t *testing.T) {
	type doc struct {
		Interval isms.Duration  `json:"interval"`
		Optional *isms.Duration `json:"optional,omitempty"`
	}
	b, err := json.Marshal(doc{Interval: isms.Years(1)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"interval":"P1Y"}`, string(b))

	var d doc
	require.NoError(t, json.Unmarshal([]byte(`{"interval":"P1DT2H","optional":"PT4H"}`), &d))
	assert.Equal(t, isms.Duration{Days: 1, Clock: 2 * time.Hour}, d.Interval)
	require.NotNil(t, d.Optional)
	assert.Equal(t, isms.Hours(4), *d.Optional)

	err = json.Unmarshal([]byte(`{"interval":14400000000000}`), &d)
	assert.Error(t, err, "integer nanoseconds are not a duration")
	err = json.Unmarshal([]byte(`{"interval":"4h"}`), &d)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	_, err = json.Marshal(doc{Interval: isms.Days(-1)})
	assert.Error(t, err, "negative durations have no ISO 8601 form")
}

func TestDurationAddTo(t *testing.T) {
	// Hand-worked: a month or year step keeps the day of the month, or
	// lands on the last day of a shorter month (XML Schema 1.1 appendix E,
	// java.time LocalDate.plusMonths).
	tests := []struct {
		name  string
		d     isms.Duration
		start time.Time
		want  time.Time
	}{
		{"year from leap day", isms.Years(1), date(2024, 2, 29, 9), date(2025, 2, 28, 9)},
		{"four years from leap day", isms.Years(4), date(2024, 2, 29, 9), date(2028, 2, 29, 9)},
		{"year", isms.Years(1), date(2025, 6, 30, 0), date(2026, 6, 30, 0)},
		{"month from 31 Jan", isms.Months(1), date(2025, 1, 31, 0), date(2025, 2, 28, 0)},
		{"month from 31 Jan, leap year", isms.Months(1), date(2024, 1, 31, 0), date(2024, 2, 29, 0)},
		{"month from 29 Feb", isms.Months(1), date(2024, 2, 29, 0), date(2024, 3, 29, 0)},
		{"month from 31 Mar", isms.Months(1), date(2025, 3, 31, 0), date(2025, 4, 30, 0)},
		{"three months from 30 Nov", isms.Months(3), date(2025, 11, 30, 0), date(2026, 2, 28, 0)},
		{"three months from 30 Nov, into a leap year", isms.Months(3), date(2023, 11, 30, 0), date(2024, 2, 29, 0)},
		{"six months from 31 Aug", isms.Months(6), date(2024, 8, 31, 0), date(2025, 2, 28, 0)},
		{"twelve months is a year", isms.Months(12), date(2024, 2, 29, 0), date(2025, 2, 28, 0)},
		{"month across the year end", isms.Months(2), date(2025, 12, 31, 0), date(2026, 2, 28, 0)},
		// Years and months step together, then days: 31 Jan + P1M1D is
		// 28 Feb + 1 day = 1 Mar, not 31 Jan + 1 day + 1 month.
		{"month then day", isms.Duration{Months: 1, Days: 1}, date(2025, 1, 31, 0), date(2025, 3, 1, 0)},
		{"year and month together", isms.Duration{Years: 1, Months: 1}, date(2024, 1, 31, 0), date(2025, 2, 28, 0)},
		{"30 days", isms.Days(30), date(2026, 1, 31, 0), date(2026, 3, 2, 0)},
		{"72 hours", isms.Hours(72), date(2026, 5, 25, 8), date(2026, 5, 28, 8)},
		{"day and hours", isms.Duration{Days: 1, Clock: 2 * time.Hour}, date(2026, 12, 31, 23), date(2027, 1, 2, 1)},
		{"the clock part comes last", isms.Duration{Months: 1, Clock: 2 * time.Hour}, date(2025, 1, 31, 23), date(2025, 3, 1, 1)},
		{"zero", isms.Duration{}, date(2025, 1, 31, 7), date(2025, 1, 31, 7)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.d.AddTo(tc.start))
		})
	}

	// The location and the time of day are kept.
	paris := time.FixedZone("CET", 3600)
	got := isms.Months(1).AddTo(time.Date(2025, 1, 31, 23, 30, 15, 5, paris))
	assert.Equal(t, time.Date(2025, 2, 28, 23, 30, 15, 5, paris), got)
	assert.Equal(t, paris, got.Location())
}

func TestDurationSubFrom(t *testing.T) {
	tests := []struct {
		name  string
		d     isms.Duration
		start time.Time
		want  time.Time
	}{
		{"days and hours", isms.Duration{Days: 2, Clock: 3 * time.Hour}, date(2026, 1, 3, 3), date(2026, 1, 1, 0)},
		{"month back from 31 Mar", isms.Months(1), date(2025, 3, 31, 0), date(2025, 2, 28, 0)},
		{"month back from 31 Mar, leap year", isms.Months(1), date(2024, 3, 31, 0), date(2024, 2, 29, 0)},
		{"year back from leap day", isms.Years(1), date(2024, 2, 29, 0), date(2023, 2, 28, 0)},
		{"three months back from 31 May", isms.Months(3), date(2025, 5, 31, 0), date(2025, 2, 28, 0)},
		{"month back across the year start", isms.Months(1), date(2026, 1, 15, 0), date(2025, 12, 15, 0)},
		// Months first, then days, then the clock, as AddTo with every
		// component negated: 31 Mar - P1M = 28 Feb, - 1 day = 27 Feb.
		{"month then day", isms.Duration{Months: 1, Days: 1}, date(2025, 3, 31, 0), date(2025, 2, 27, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.d.SubFrom(tc.start))
		})
	}
}

func TestDurationBounds(t *testing.T) {
	maxClock := time.Duration(1<<63 - 1)
	for _, ok := range []isms.Duration{
		{Years: isms.MaxDurationYears}, {Months: isms.MaxDurationMonths}, {Days: isms.MaxDurationDays}, {Clock: maxClock},
		{Years: isms.MaxDurationYears, Months: isms.MaxDurationMonths, Days: isms.MaxDurationDays, Clock: maxClock},
	} {
		require.NoError(t, ok.Validate(), "%+v", ok)
		text, err := ok.MarshalText()
		require.NoError(t, err)
		back, err := isms.ParseDuration(string(text))
		require.NoError(t, err, "%s", text)
		assert.Equal(t, ok, back)
	}
	assert.Equal(t, "P9999Y119988M3659634DT2562047H47M16.854775807S",
		isms.Duration{Years: 9999, Months: 119988, Days: 3659634, Clock: maxClock}.String())

	for _, bad := range []isms.Duration{
		{Years: isms.MaxDurationYears + 1}, {Months: isms.MaxDurationMonths + 1}, {Days: isms.MaxDurationDays + 1},
		{Years: 2147483648}, {Days: -1}, {Clock: -1},
	} {
		assert.ErrorIs(t, bad.Validate(), isms.ErrInvalid, "%+v", bad)
		_, err := bad.MarshalText()
		assert.ErrorIs(t, err, isms.ErrInvalid, "%+v", bad)
		_, err = isms.ParseDuration(bad.String())
		assert.ErrorIs(t, err, isms.ErrInvalid, "what does not validate does not parse: %s", bad)
	}
	// The same bounds when parsing: the largest values parse, one more
	// does not; weeks count as days.
	for in, want := range map[string]isms.Duration{
		"P9999Y": {Years: 9999}, "P119988M": {Months: 119988}, "P3659634D": {Days: 3659634},
		"P522804W": {Days: 3659628}, "P522804W6D": {Days: 3659634},
	} {
		got, err := isms.ParseDuration(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"P10000Y", "P119989M", "P3659635D", "P522805W", "P522804W7D", "P2147483648Y", "P99999999999999999999D"} {
		_, err := isms.ParseDuration(in)
		assert.ErrorIs(t, err, isms.ErrInvalid, in)
	}
	var nilDur *isms.Duration
	assert.ErrorIs(t, nilDur.UnmarshalText([]byte("P1D")), isms.ErrInvalid)
}

func TestDurationCalendarDayAcrossDST(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone database on this machine: %v", err)
	}
	// On 29 March 2026 Berlin moves from CET to CEST: the calendar day is 23 hours.
	start := time.Date(2026, 3, 28, 12, 0, 0, 0, berlin)
	assert.Equal(t, time.Date(2026, 3, 29, 12, 0, 0, 0, berlin), isms.Days(1).AddTo(start))
	assert.Equal(t, time.Date(2026, 3, 29, 13, 0, 0, 0, berlin), isms.Hours(24).AddTo(start))
}

func TestDurationNominalAndCompare(t *testing.T) {
	assert.Equal(t, 365*24*time.Hour, isms.Years(1).Nominal())
	assert.Equal(t, 30*24*time.Hour, isms.Months(1).Nominal())
	assert.Equal(t, 26*time.Hour, isms.Duration{Days: 1, Clock: 2 * time.Hour}.Nominal())
	assert.Equal(t, -1, isms.Hours(4).Compare(isms.Days(1)))
	assert.Equal(t, 0, isms.Hours(24).Compare(isms.Days(1)))
	assert.Equal(t, 1, isms.Months(1).Compare(isms.Days(29)))
	huge := isms.Duration{Years: 1 << 30}
	assert.Equal(t, time.Duration(1<<63-1), huge.Nominal(), "saturates instead of overflowing")
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"PT4H", "P1DT2H", "P30D", "P1Y2M3DT4H5M6.789S", "P2W", "PT0S", "PT", "P1.5D", "PT0,5S"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := isms.ParseDuration(s)
		if err != nil {
			if d != (isms.Duration{}) {
				t.Fatalf("error %v with a non-zero duration %+v", err, d)
			}
			return
		}
		if d.Validate() != nil {
			t.Fatalf("parsed %q into invalid %+v", s, d)
		}
		str := d.String()
		back, err := isms.ParseDuration(str)
		if err != nil {
			t.Fatalf("String() %q of %q does not parse: %v", str, s, err)
		}
		if back != d {
			t.Fatalf("%q -> %+v -> %q -> %+v", s, d, str, back)
		}
		if back.String() != str {
			t.Fatalf("String is not stable: %q then %q", str, back.String())
		}
		if len(str) > len(s)+12 {
			t.Fatalf("canonical form %q much longer than input %q", str, s)
		}
	})
}

// FuzzDurationRoundTrip checks the one bound in both directions: a
// Duration that validates prints with String and parses back equal, and
// one that does not validate neither marshals nor parses from its String.
func FuzzDurationRoundTrip(f *testing.F) {
	f.Add(1, 2, 3, int64(4*time.Hour))
	f.Add(9999, 119988, 3659634, int64(1<<63-1))
	f.Add(10000, 0, 0, int64(0))
	f.Add(0, 0, -1, int64(0))
	f.Add(0, 0, 0, int64(1))
	f.Fuzz(func(t *testing.T, years, months, days int, clock int64) {
		d := isms.Duration{Years: years, Months: months, Days: days, Clock: time.Duration(clock)}
		back, perr := isms.ParseDuration(d.String())
		if d.Validate() != nil {
			if perr == nil {
				t.Fatalf("%+v does not validate, but its String %q parses", d, d.String())
			}
			if _, err := d.MarshalText(); err == nil {
				t.Fatalf("%+v does not validate, but marshals", d)
			}
			return
		}
		if perr != nil {
			t.Fatalf("%+v validates, but its String %q does not parse: %v", d, d.String(), perr)
		}
		if back != d {
			t.Fatalf("%+v -> %q -> %+v", d, d.String(), back)
		}
	})
}

func date(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, time.UTC)
}
