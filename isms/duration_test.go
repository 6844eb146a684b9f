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
	tests := []struct {
		name  string
		d     isms.Duration
		start time.Time
		want  time.Time
	}{
		// Go's AddDate normalises 29 Feb 2025 to 1 Mar 2025.
		{"year from leap day", isms.Years(1), date(2024, 2, 29, 9), date(2025, 3, 1, 9)},
		{"year", isms.Years(1), date(2025, 6, 30, 0), date(2026, 6, 30, 0)},
		// 31 Jan + 1 month = "31 Feb" = 3 Mar in 2026.
		{"month from 31 Jan", isms.Months(1), date(2026, 1, 31, 0), date(2026, 3, 3, 0)},
		{"30 days", isms.Days(30), date(2026, 1, 31, 0), date(2026, 3, 2, 0)},
		{"72 hours", isms.Hours(72), date(2026, 5, 25, 8), date(2026, 5, 28, 8)},
		{"day and hours", isms.Duration{Days: 1, Clock: 2 * time.Hour}, date(2026, 12, 31, 23), date(2027, 1, 2, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.d.AddTo(tc.start))
		})
	}
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

func TestDurationSubFrom(t *testing.T) {
	d := isms.Duration{Days: 2, Clock: 3 * time.Hour}
	assert.Equal(t, date(2026, 1, 1, 0), d.SubFrom(date(2026, 1, 3, 3)))
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

func date(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, time.UTC)
}
