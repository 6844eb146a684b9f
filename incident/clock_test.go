package incident_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/incident"
)

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

// states evaluates one regime and indexes the result by obligation.
func states(t *testing.T, r *incident.Regime, f incident.Facts, now time.Time) map[string]incident.ObligationState {
	t.Helper()
	out, err := incident.Obligations([]*incident.Regime{r}, &f, now, nil)
	require.NoError(t, err)
	m := map[string]incident.ObligationState{}
	for _, s := range out {
		m[s.Obligation] = s
	}
	return m
}

func assertDue(t *testing.T, want time.Time, got incident.ObligationState) {
	t.Helper()
	assert.True(t, want.Equal(got.Due), "%s: due %s, want %s", got.Obligation, got.Due, want.UTC())
}

func TestGDPR72HoursAcrossEuropeanDST(t *testing.T) {
	// Aware Friday 27 March 2026 10:00 UTC (11:00 CET). Clocks go forward on
	// Sunday 29 March at 02:00 CET. 72 elapsed hours later is Monday 30
	// March 10:00 UTC, which Brussels shows as 12:00 CEST, not 11:00.
	f := incident.Facts{PersonalData: true, AwareAt: utc(2026, 3, 27, 10, 0)}
	s := states(t, incident.GDPR(), f, utc(2026, 3, 28, 0, 0))
	a33 := s["gdpr.art33"]
	assertDue(t, utc(2026, 3, 30, 10, 0), a33)
	assert.Equal(t, 12, a33.Due.Hour(), "shown in the regulator's zone")
	assert.Equal(t, "Europe/Brussels", a33.Due.Location().String())
	assert.Equal(t, incident.ObligationPending, a33.Status)
	assert.Contains(t, a33.Rule, "Art. 33(1)")
	// Art. 34 applies only with a high risk, and has no numeric due.
	assert.Equal(t, incident.ObligationNotRequired, s["gdpr.art34"].Status)
	f.HighRisk = true
	a34 := states(t, incident.GDPR(), f, utc(2026, 4, 30, 0, 0))["gdpr.art34"]
	assert.Equal(t, incident.ObligationPending, a34.Status)
	assert.True(t, a34.NoNumericDue)
	assert.True(t, a34.Due.IsZero())
	// An Art. 34(3)(a) exemption makes it not required; an unknown one is ignored.
	f.NotRequired = []incident.Assessment{{Obligation: "gdpr.art34", Exemption: "made_up", Reason: "x"}}
	assert.Equal(t, incident.ObligationPending, states(t, incident.GDPR(), f, t0)["gdpr.art34"].Status)
	f.NotRequired = []incident.Assessment{{Obligation: "gdpr.art34", Exemption: incident.ExemptionUnintelligible, Reason: "AES-256 at rest, key not exposed"}}
	assert.Equal(t, incident.ObligationNotRequired, states(t, incident.GDPR(), f, t0)["gdpr.art34"].Status)
}

func TestGDPRStatusesOverTime(t *testing.T) {
	aware := utc(2026, 3, 2, 9, 0) // due 5 March 09:00 UTC (72 h, no DST change)
	due := utc(2026, 3, 5, 9, 0)
	f := incident.Facts{PersonalData: true, AwareAt: aware}
	r := incident.GDPR()
	assert.Equal(t, incident.ObligationPending, states(t, r, f, aware.Add(47*time.Hour))["gdpr.art33"].Status)
	assert.Equal(t, incident.ObligationDueSoon, states(t, r, f, due.Add(-24*time.Hour))["gdpr.art33"].Status, "24 h lead time, inclusive")
	assert.Equal(t, incident.ObligationDueSoon, states(t, r, f, due)["gdpr.art33"].Status, "due instant itself is still on time")
	assert.Equal(t, incident.ObligationOverdue, states(t, r, f, due.Add(time.Microsecond))["gdpr.art33"].Status)
	f.Submissions = []incident.Submission{{Obligation: "gdpr.art33", At: due}}
	assert.Equal(t, incident.ObligationSubmittedOnTime, states(t, r, f, due.Add(time.Hour))["gdpr.art33"].Status)
	f.Submissions = []incident.Submission{{Obligation: "gdpr.art33", At: due.Add(time.Minute)}}
	late := states(t, r, f, due.Add(time.Hour))["gdpr.art33"]
	assert.Equal(t, incident.ObligationSubmittedLate, late.Status)
	assert.Empty(t, late.Reasons)
	// The Art. 33(1) assessment that no risk is likely: not required.
	f.Submissions = nil
	f.NotRequired = []incident.Assessment{{Obligation: "gdpr.art33", Reason: "encrypted laptop, key not compromised"}}
	nr := states(t, r, f, due.Add(time.Hour))["gdpr.art33"]
	assert.Equal(t, incident.ObligationNotRequired, nr.Status)
	assert.Contains(t, nr.Note, "encrypted laptop")
	// No personal data: not required.
	assert.Equal(t, incident.ObligationNotRequired, states(t, r, incident.Facts{AwareAt: aware}, due)["gdpr.art33"].Status)
	// Awareness unknown: not computable, never overdue.
	nc := states(t, r, incident.Facts{PersonalData: true}, utc(2030, 1, 1, 0, 0))["gdpr.art33"]
	assert.Equal(t, incident.ObligationNotComputable, nc.Status)
	assert.True(t, nc.Due.IsZero())
}

func TestNIS2ChainedFinalReport(t *testing.T) {
	// Aware Thursday 29 January 2026 09:00 UTC (10:00 CET).
	// Early warning: +24 h = 30 January 09:00 UTC. Notification: +72 h =
	// 1 February 09:00 UTC.
	aware := utc(2026, 1, 29, 9, 0)
	f := incident.Facts{Significant: true, AwareAt: aware}
	s := states(t, incident.NIS2(), f, aware)
	assertDue(t, utc(2026, 1, 30, 9, 0), s["nis2.early_warning"])
	assertDue(t, utc(2026, 2, 1, 9, 0), s["nis2.notification"])
	assert.Equal(t, incident.ObligationNotRequired, s["nis2.notification_trust_service"].Status)
	assert.Equal(t, incident.ObligationNotRequired, s["nis2.intermediate"].Status, "only on request")
	// Before the notification is submitted, the final report has no anchor:
	// not computable, even years later.
	assert.Equal(t, incident.ObligationNotComputable, states(t, incident.NIS2(), f, utc(2029, 1, 1, 0, 0))["nis2.final"].Status)

	// Notification submitted Saturday 31 January 10:00 CET (09:00 UTC).
	// Final: 31 January + one month, clamped to 28 February 2026, 10:00
	// CET = 09:00 UTC.
	f.Submissions = []incident.Submission{{Obligation: "nis2.notification", At: utc(2026, 1, 31, 9, 0)}}
	f.ResolvedAt = utc(2026, 2, 10, 12, 0)
	s = states(t, incident.NIS2(), f, utc(2026, 2, 27, 12, 0))
	assert.Equal(t, incident.ObligationSubmittedOnTime, s["nis2.notification"].Status)
	assertDue(t, utc(2026, 2, 28, 9, 0), s["nis2.final"])
	assert.Equal(t, incident.ObligationDueSoon, s["nis2.final"].Status)
	assert.Equal(t, incident.ObligationNotRequired, s["nis2.progress"].Status, "handling ended before the final report")
	assert.Equal(t, incident.ObligationOverdue, s["nis2.early_warning"].Status)

	// Still ongoing on 28 February: a progress report was due then, and the
	// final report counts from the end of handling.
	f.ResolvedAt = time.Time{}
	s = states(t, incident.NIS2(), f, utc(2026, 3, 1, 0, 0))
	assertDue(t, utc(2026, 2, 28, 9, 0), s["nis2.progress"])
	assert.Equal(t, incident.ObligationOverdue, s["nis2.progress"].Status)
	assert.Equal(t, incident.ObligationNotComputable, s["nis2.final"].Status)
	// Before 28 February the final report is provisionally due then.
	s = states(t, incident.NIS2(), f, utc(2026, 2, 20, 0, 0))
	assertDue(t, utc(2026, 2, 28, 9, 0), s["nis2.final"])
	assert.Equal(t, incident.ObligationPending, s["nis2.progress"].Status)
	// Handling ends Tuesday 10 March 13:00 CET (12:00 UTC): final due 10
	// April 13:00 local, which is CEST after 29 March: 11:00 UTC.
	f.ResolvedAt = utc(2026, 3, 10, 12, 0)
	s = states(t, incident.NIS2(), f, utc(2026, 3, 11, 0, 0))
	assertDue(t, utc(2026, 4, 10, 11, 0), s["nis2.final"])
	assert.Equal(t, incident.AnchorResolved, s["nis2.final"].Anchor)

	// Trust service providers: the notification within 24 hours.
	f = incident.Facts{Significant: true, AwareAt: aware, Tags: []string{incident.TagTrustService}}
	s = states(t, incident.NIS2(), f, aware)
	assert.Equal(t, incident.ObligationNotRequired, s["nis2.notification"].Status)
	assertDue(t, utc(2026, 1, 30, 9, 0), s["nis2.notification_trust_service"])
	// An intermediate report on request: no numeric due.
	f.Requests = []incident.Request{{Obligation: "nis2.intermediate", At: aware.Add(48 * time.Hour)}}
	assert.True(t, states(t, incident.NIS2(), f, aware)["nis2.intermediate"].NoNumericDue)
}

func TestDORAChain(t *testing.T) {
	aware := utc(2026, 6, 1, 8, 0) // Monday
	// Not yet classified as major: nothing is required yet.
	s := states(t, incident.DORA(), incident.Facts{AwareAt: aware}, aware)
	assert.Equal(t, incident.ObligationNotRequired, s["dora.initial"].Status)

	// Classified 20:00 UTC: 4 h later is 2 June 00:00 UTC, before the 24 h
	// cap (2 June 08:00 UTC).
	f := incident.Facts{Major: true, AwareAt: aware, ClassifiedAt: utc(2026, 6, 1, 20, 0)}
	s = states(t, incident.DORA(), f, utc(2026, 6, 1, 21, 0))
	assertDue(t, utc(2026, 6, 2, 0, 0), s["dora.initial"])
	assert.Equal(t, incident.ObligationNotComputable, s["dora.intermediate"].Status)
	// Classified 2 June 06:00 UTC: 4 h later (10:00) is after the cap; 08:00 applies.
	f.ClassifiedAt = utc(2026, 6, 2, 6, 0)
	s = states(t, incident.DORA(), f, utc(2026, 6, 2, 6, 0))
	assertDue(t, utc(2026, 6, 2, 8, 0), s["dora.initial"])
	assert.Equal(t, incident.AnchorAware, s["dora.initial"].Anchor)

	// Initial submitted 1 June 23:00 UTC: intermediate +72 h = Thursday 4
	// June 23:00 UTC. Intermediate submitted 4 June 20:00 UTC: final +1
	// month = Saturday 4 July 20:00 UTC (22:00 CEST).
	f.ClassifiedAt = utc(2026, 6, 1, 20, 0)
	f.Submissions = []incident.Submission{{Obligation: "dora.initial", At: utc(2026, 6, 1, 23, 0)}}
	s = states(t, incident.DORA(), f, utc(2026, 6, 2, 0, 0))
	assert.Equal(t, incident.ObligationSubmittedOnTime, s["dora.initial"].Status)
	assertDue(t, utc(2026, 6, 4, 23, 0), s["dora.intermediate"])
	f.Submissions = append(f.Submissions, incident.Submission{Obligation: "dora.intermediate", At: utc(2026, 6, 4, 20, 0)})
	s = states(t, incident.DORA(), f, utc(2026, 6, 5, 0, 0))
	assertDue(t, utc(2026, 7, 4, 20, 0), s["dora.final"])
	// A later intermediate report moves the final report: the latest counts.
	f.Submissions = append(f.Submissions, incident.Submission{Obligation: "dora.intermediate", At: utc(2026, 6, 10, 9, 0)})
	assertDue(t, utc(2026, 7, 10, 9, 0), states(t, incident.DORA(), f, utc(2026, 6, 11, 0, 0))["dora.final"])
	f.Submissions = f.Submissions[:2]

	// The weekend rule, when on: Saturday 4 July moves to Monday 6 July
	// 12:00 CEST = 10:00 UTC.
	r := incident.DORA()
	r.WeekendRelief = true
	s = states(t, r, f, utc(2026, 6, 5, 0, 0))
	assertDue(t, utc(2026, 7, 6, 10, 0), s["dora.final"])
	// A Monday holiday of the Member State moves it to Tuesday.
	r.WorkingDays.Holidays = []string{"2026-07-06"}
	assertDue(t, utc(2026, 7, 7, 10, 0), states(t, r, f, utc(2026, 6, 5, 0, 0))["dora.final"])
}

func TestSECBusinessDaysAndHolidays(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	eod := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 23, 59, 59, 999999000, ny) }
	cases := []struct {
		name       string
		determined time.Time
		want       time.Time
	}{
		// Thursday 2 July 2026; 4 July is a Saturday, observed Friday 3 July:
		// Mon 6 (1), Tue 7 (2), Wed 8 (3), Thu 9 (4).
		{"observed Independence Day", time.Date(2026, 7, 2, 15, 0, 0, 0, ny), eod(2026, 7, 9)},
		// Friday 6 November 2026: Mon 9 (1), Tue 10 (2), Wed 11 Veterans Day,
		// Thu 12 (3), Fri 13 (4).
		{"Veterans Day", time.Date(2026, 11, 6, 10, 0, 0, 0, ny), eod(2026, 11, 13)},
		// Wednesday 22 December 2027: Thu 23 (1), Fri 24 observed Christmas,
		// Mon 27 (2), Tue 28 (3), Wed 29 (4).
		{"Christmas on a Saturday", time.Date(2027, 12, 22, 9, 0, 0, 0, ny), eod(2027, 12, 29)},
		// Tuesday 28 December 2027: Wed 29 (1), Thu 30 (2), Fri 31 observed
		// New Year's Day 2028, Mon 3 Jan (3), Tue 4 (4).
		{"New Year's Day 2028 observed in 2027", time.Date(2027, 12, 28, 9, 0, 0, 0, ny), eod(2028, 1, 4)},
		// Saturday 7 March 2026 (DST starts Sunday 8): Mon 9 (1) .. Thu 12 (4).
		{"weekend determination", time.Date(2026, 3, 7, 9, 0, 0, 0, ny), eod(2026, 3, 12)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := incident.Facts{Material: true, MaterialityDeterminedAt: c.determined}
			assertDue(t, c.want, states(t, incident.SEC8K(), f, c.determined)["sec.8k_1_05"])
		})
	}
}

func TestUSFederalHolidays2027(t *testing.T) {
	// Written out from 5 U.S.C. 6103 for 2027 with the weekday of each
	// date: Juneteenth (Sat) on Fri 18 June, Independence Day (Sun) on
	// Mon 5 July, Christmas (Sat) on Fri 24 December, New Year's Day 2028
	// (Sat) on Fri 31 December.
	assert.Equal(t, []string{"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05",
		"2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31"}, incident.USFederalHolidays(2027))
	// 2022: New Year's Day 2022 was a Saturday, observed in 2021.
	assert.NotContains(t, incident.USFederalHolidays(2022), "2022-01-01")
	assert.Contains(t, incident.USFederalHolidays(2021), "2021-12-31")
	assert.NotContains(t, incident.USFederalHolidays(2020), "2020-06-19", "Juneteenth from 2021")
}

func TestHIPAAAndNYDFSAcrossUSDST(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	// Aware Friday 6 March 2026 12:00 EST; DST starts Sunday 8 March.
	aware := time.Date(2026, 3, 6, 12, 0, 0, 0, ny)
	f := incident.Facts{AwareAt: aware, DeclaredAt: aware, PeopleAffected: 120, Tags: []string{incident.TagHIPAA, incident.TagNYDFS}}
	h := states(t, incident.HIPAA(), f, aware)
	// 60 calendar days keep the wall clock: 5 May 12:00 EDT = 16:00 UTC.
	assertDue(t, utc(2026, 5, 5, 16, 0), h["hipaa.individuals"])
	assert.Equal(t, incident.ObligationNotRequired, h["hipaa.hhs"].Status)
	assert.Equal(t, incident.ObligationNotRequired, h["hipaa.media"].Status)
	// Fewer than 500: 60 days after the end of 2026: 1 January 2027 + 60
	// days = 2 March 2027 00:00 EST (the end of 1 March).
	assertDue(t, time.Date(2027, 3, 2, 0, 0, 0, 0, ny), h["hipaa.hhs_annual"])
	// 72 elapsed hours: 9 March 17:00 UTC, 13:00 EDT.
	n := states(t, incident.NYDFS(), f, aware)
	assertDue(t, utc(2026, 3, 9, 17, 0), n["nydfs.incident"])
	assert.Equal(t, 13, n["nydfs.incident"].Due.Hour())
	assert.Equal(t, incident.ObligationNotRequired, n["nydfs.extortion"].Status)
	f.PeopleAffected, f.MaxResidentsOneState, f.RansomPaidAt = 800, 501, aware
	h = states(t, incident.HIPAA(), f, aware)
	assertDue(t, utc(2026, 5, 5, 16, 0), h["hipaa.hhs"])
	assertDue(t, utc(2026, 5, 5, 16, 0), h["hipaa.media"])
	n = states(t, incident.NYDFS(), f, aware)
	assertDue(t, utc(2026, 3, 7, 17, 0), n["nydfs.extortion"])                               // 24 h, before DST
	assertDue(t, time.Date(2026, 4, 5, 12, 0, 0, 0, ny), n["nydfs.extortion_justification"]) // 30 calendar days
}

func TestCRAAndSOCI(t *testing.T) {
	before := utc(2026, 9, 10, 12, 0)
	f := incident.Facts{AwareAt: before, Tags: []string{incident.TagCRASevereIncident, incident.TagSOCICritical}}
	assert.Equal(t, incident.ObligationNotRequired, states(t, incident.CRA(), f, before)["cra.incident.early_warning"].Status, "CRA applies from 11 September 2026")
	after := utc(2026, 9, 11, 0, 0)
	f.AwareAt = after
	s := states(t, incident.CRA(), f, after)
	assertDue(t, utc(2026, 9, 12, 0, 0), s["cra.incident.early_warning"])
	assertDue(t, utc(2026, 9, 14, 0, 0), s["cra.incident.notification"])
	assert.Equal(t, incident.ObligationNotComputable, s["cra.incident.final"].Status)
	assert.Equal(t, incident.ObligationNotRequired, s["cra.vulnerability.final"].Status)
	// Sydney: 12 hours after awareness.
	a := states(t, incident.SOCI(), f, after)
	assertDue(t, utc(2026, 9, 11, 12, 0), a["au_soci.critical"])
	assert.Equal(t, incident.ObligationNotRequired, a["au_soci.relevant"].Status)
}

func TestBuiltinRegimesValidateAndIDsAreUnique(t *testing.T) {
	c, err := incident.NewClocks(incident.BuiltinRegimes(), nil)
	require.NoError(t, err)
	f := incident.Facts{}
	assert.NotEmpty(t, c.Obligations(&f, t0))
	_, err = incident.NewClocks([]*incident.Regime{incident.GDPR(), incident.GDPR()}, nil)
	require.Error(t, err)
}
