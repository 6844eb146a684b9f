package incident

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// CalendarKind says how a calendar counts a period.
type CalendarKind string

// Calendar kinds.
const (
	// CalendarContinuous counts a period as isms.Duration.AddTo does in the
	// regulator's zone: the clock part as elapsed time (72 hours are 72
	// elapsed hours across a daylight-saving change), days as calendar
	// days, months clamped to the month's end.
	CalendarContinuous CalendarKind = "continuous"
	// CalendarBusinessDays counts the period's days as business days: the
	// due instant is the end (23:59:59.999999) of the Nth business day
	// after the anchor's date, in the regulator's zone.
	CalendarBusinessDays CalendarKind = "business_days"
)

var calendarKindValues = []CalendarKind{CalendarContinuous, CalendarBusinessDays}

// CalendarKindValues returns every CalendarKind.
func CalendarKindValues() []CalendarKind { return slices.Clone(calendarKindValues) }

// IsValid reports whether k is a known CalendarKind.
func (k CalendarKind) IsValid() bool { return slices.Contains(calendarKindValues, k) }

// UnmarshalText accepts only known calendar kinds.
func (k *CalendarKind) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(k, "calendar kind", b, calendarKindValues)
}

// Weekday is a day of the week by its English name in lower case
// ("saturday"), as calendars from data name their weekend days.
type Weekday string

// Weekdays.
const (
	Sunday    Weekday = "sunday"
	Monday    Weekday = "monday"
	Tuesday   Weekday = "tuesday"
	Wednesday Weekday = "wednesday"
	Thursday  Weekday = "thursday"
	Friday    Weekday = "friday"
	Saturday  Weekday = "saturday"
)

// weekdayValues is in time.Weekday order (Sunday = 0).
var weekdayValues = []Weekday{Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday}

// WeekdayValues returns every Weekday, Sunday first.
func WeekdayValues() []Weekday { return slices.Clone(weekdayValues) }

// IsValid reports whether d is a known Weekday.
func (d Weekday) IsValid() bool { return slices.Contains(weekdayValues, d) }

// UnmarshalText accepts only known weekdays.
func (d *Weekday) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(d, "weekday", b, weekdayValues)
}

// Calendar is a jurisdiction's working calendar as data: its weekend
// days and holidays, and whether the US federal holidays (computed by
// rule for any year, with their observed dates) are among them. A
// calendar does not carry a zone: the regime that uses it does.
type Calendar struct {
	// Weekend lists the non-working days of the week. Empty means
	// Saturday and Sunday.
	Weekend []Weekday `json:"weekend,omitempty"`
	// Holidays lists non-working dates as "YYYY-MM-DD".
	Holidays []string `json:"holidays,omitempty"`
	// USFederal adds the US federal holidays of 5 U.S.C. 6103 with their
	// observed dates (USFederalHolidays).
	USFederal bool `json:"us_federal,omitempty"`
}

// Validate reports unknown weekdays and malformed or repeated holiday
// dates.
func (c Calendar) Validate() error {
	var ps isms.Problems
	seen := make(map[Weekday]bool, len(c.Weekend))
	for i, d := range c.Weekend {
		f := indexField("weekend", i)
		isms.CheckEnum(&ps, f, d, weekdayValues, true)
		if seen[d] {
			ps.Add(f, isms.CodeDuplicate, "weekday listed twice")
		}
		seen[d] = true
	}
	if len(seen) == 7 {
		ps.Add("weekend", isms.CodeOutOfRange, "a calendar needs at least one working day of the week")
	}
	days := make(map[string]bool, len(c.Holidays))
	for i, h := range c.Holidays {
		f := indexField("holidays", i)
		if _, err := time.Parse(time.DateOnly, h); err != nil {
			ps.Addf(f, isms.CodeMalformed, "holiday %q is not a YYYY-MM-DD date", h)
		}
		if days[h] {
			ps.Add(f, isms.CodeDuplicate, "holiday listed twice")
		}
		days[h] = true
	}
	return ps.Err("calendar")
}

// compiledCalendar answers "is this date a working day" quickly.
type compiledCalendar struct {
	weekend  [7]bool
	holidays map[civilDate]bool
	federal  bool
}

// civilDate is a date without a zone.
type civilDate struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) civilDate {
	y, m, d := t.Date()
	return civilDate{y, m, d}
}

func compileCalendar(c Calendar) (*compiledCalendar, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	cc := &compiledCalendar{federal: c.USFederal, holidays: make(map[civilDate]bool, len(c.Holidays))}
	if len(c.Weekend) == 0 {
		cc.weekend[time.Saturday], cc.weekend[time.Sunday] = true, true
	}
	for _, d := range c.Weekend {
		cc.weekend[slices.Index(weekdayValues, d)] = true
	}
	for _, h := range c.Holidays {
		t, _ := time.Parse(time.DateOnly, h)
		cc.holidays[dateOf(t)] = true
	}
	return cc, nil
}

// working reports whether the date of t (in t's location) is a working
// day.
func (c *compiledCalendar) working(t time.Time) bool {
	if c.weekend[t.Weekday()] {
		return false
	}
	d := dateOf(t)
	if c.holidays[d] {
		return false
	}
	return !c.federal || !isUSFederalHoliday(d)
}

// endOfBusinessDays returns the end (23:59:59.999999) of the nth working
// day after the date of t, in t's location. n = 0 is the end of t's own
// date if it is a working day, else of the next working day.
func (c *compiledCalendar) endOfBusinessDays(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 12, 0, 0, 0, t.Location())
	if n == 0 {
		for !c.working(day) {
			day = day.AddDate(0, 0, 1)
		}
	}
	for counted := 0; counted < n; {
		day = day.AddDate(0, 0, 1)
		if c.working(day) {
			counted++
		}
	}
	y, m, d = day.Date()
	return time.Date(y, m, d, 23, 59, 59, 999999000, t.Location())
}

// nextWorkingNoon returns t when its date is a working day, and
// otherwise 12:00 of the next working day, in t's location.
func (c *compiledCalendar) nextWorkingNoon(t time.Time) time.Time {
	if c.working(t) {
		return t
	}
	y, m, d := t.Date()
	day := time.Date(y, m, d, 12, 0, 0, 0, t.Location())
	for !c.working(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day
}

// USFederalHolidays returns the observed dates of the US federal holidays
// of 5 U.S.C. 6103 that fall in year, in date order, as "YYYY-MM-DD": New
// Year's Day, Birthday of Martin Luther King Jr. (third Monday of
// January), Washington's Birthday (third Monday of February), Memorial
// Day (last Monday of May), Juneteenth (19 June, from 2021), Independence
// Day, Labor Day (first Monday of September), Columbus Day (second Monday
// of October), Veterans Day, Thanksgiving (fourth Thursday of November)
// and Christmas Day. A fixed-date holiday on a Saturday is observed on the
// Friday before, on a Sunday on the Monday after (Executive Order 11582),
// so 1 January of the next year on a Saturday gives 31 December of year.
// Inauguration Day, a holiday only around Washington, DC, is left out.
func USFederalHolidays(year int) []string {
	ds := usFederalObserved(year)
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return out
}

func usFederalObserved(year int) []civilDate {
	var out []civilDate
	fixed := func(y int, m time.Month, d int) {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		switch t.Weekday() {
		case time.Saturday:
			t = t.AddDate(0, 0, -1)
		case time.Sunday:
			t = t.AddDate(0, 0, 1)
		}
		if t.Year() == year {
			out = append(out, dateOf(t))
		}
	}
	nth := func(m time.Month, wd time.Weekday, n int) {
		t := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, 1)
		}
		out = append(out, dateOf(t.AddDate(0, 0, 7*(n-1))))
	}
	last := func(m time.Month, wd time.Weekday) {
		t := time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC)
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, -1)
		}
		out = append(out, dateOf(t))
	}
	fixed(year, time.January, 1)
	nth(time.January, time.Monday, 3)
	nth(time.February, time.Monday, 3)
	last(time.May, time.Monday)
	if year >= 2021 {
		fixed(year, time.June, 19)
	}
	fixed(year, time.July, 4)
	nth(time.September, time.Monday, 1)
	nth(time.October, time.Monday, 2)
	fixed(year, time.November, 11)
	nth(time.November, time.Thursday, 4)
	fixed(year, time.December, 25)
	fixed(year+1, time.January, 1)
	return out
}

// isUSFederalHoliday reports whether d is an observed US federal holiday.
// It checks only the rules that can land in d's month, without
// allocating.
func isUSFederalHoliday(d civilDate) bool {
	y := d.y
	is := func(c civilDate) bool { return c == d }
	switch d.m {
	case time.January:
		return is(observed(y, time.January, 1)) || d.d == nthWeekday(y, time.January, time.Monday, 3)
	case time.February:
		return d.d == nthWeekday(y, time.February, time.Monday, 3)
	case time.May:
		return d.d == lastWeekday(y, time.May, time.Monday)
	case time.June:
		return y >= 2021 && is(observed(y, time.June, 19))
	case time.July:
		return is(observed(y, time.July, 4))
	case time.September:
		return d.d == nthWeekday(y, time.September, time.Monday, 1)
	case time.October:
		return d.d == nthWeekday(y, time.October, time.Monday, 2)
	case time.November:
		return is(observed(y, time.November, 11)) || d.d == nthWeekday(y, time.November, time.Thursday, 4)
	case time.December:
		return is(observed(y, time.December, 25)) || is(observed(y+1, time.January, 1))
	}
	return false
}

// observed returns the observed date of a fixed-date holiday.
func observed(y int, m time.Month, day int) civilDate {
	t := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	switch t.Weekday() {
	case time.Saturday:
		t = t.AddDate(0, 0, -1)
	case time.Sunday:
		t = t.AddDate(0, 0, 1)
	}
	return dateOf(t)
}

// nthWeekday returns the day of the month of the nth wd of month m.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) int {
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
	return 1 + (int(wd)-int(first)+7)%7 + 7*(n-1)
}

// lastWeekday returns the day of the month of the last wd of month m.
func lastWeekday(y int, m time.Month, wd time.Weekday) int {
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	return last.Day() - (int(last.Weekday())-int(wd)+7)%7
}
