package isms_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

func mgmtAt(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }

// mgmtChecks: MFA is checked daily and passed yesterday at 09:00 (now is
// 1 June 2026 09:00); the backup restore test is monthly and failed on
// 20 May; the screen-lock check was never run.
func mgmtChecks() []*isms.ControlCheck {
	return []*isms.ControlCheck{
		{Meta: isms.Meta{ID: "cc-mfa"}, Name: "MFA enforced", Controls: []isms.ID{"A.8.5", "A.5.17"}, Method: isms.CheckAutomated,
			Owner: "it-lead", Frequency: isms.Days(1), Results: []isms.ControlCheckResult{
				{Outcome: isms.CheckPass, At: mgmtAt(5, 31, 9), By: "probe", Evidence: []isms.Ref{isms.NewRef("evidence", "ev-1")}},
			}},
		{Meta: isms.Meta{ID: "cc-backup"}, Name: "Backup restore test", Controls: []isms.ID{"A.8.13"}, Method: isms.CheckManual,
			Owner: "olaf", Frequency: isms.Months(1), Results: []isms.ControlCheckResult{
				{Outcome: isms.CheckPass, At: mgmtAt(4, 15, 10), By: "olaf", Evidence: []isms.Ref{isms.NewRef("evidence", "ev-2")}},
				{Outcome: isms.CheckFail, At: mgmtAt(5, 20, 10), By: "olaf", Evidence: []isms.Ref{isms.NewRef("evidence", "ev-3")},
					Note: "restore of the CRM database failed"},
			}},
		{Meta: isms.Meta{ID: "cc-lock"}, Name: "Screen lock policy applied", Controls: []isms.ID{"A.8.5"}, Method: isms.CheckAutomated,
			Owner: "it-lead", Frequency: isms.Days(7)},
	}
}

func TestCheckControlChecksClean(t *testing.T) {
	assert.Empty(t, isms.CheckControlChecks(mgmtChecks()[:1], mgmtNow))
	assert.Empty(t, isms.CheckControlChecks(nil, mgmtNow))
	assert.Empty(t, isms.CheckControlChecks([]*isms.ControlCheck{nil}, mgmtNow))
}

func TestCheckControlChecksFindings(t *testing.T) {
	checks := mgmtChecks()
	fs := isms.CheckControlChecks(checks[1:], mgmtNow)
	// The backup test failed (20 May + P1M = 20 June: not overdue; evidence
	// of 20 May + P1M not stale); the lock check never ran.
	require.Equal(t, []string{"control_check.failed", "control_check.not_run"}, entCodes(fs))
	assert.Equal(t, isms.Finding{
		Code: "control_check.failed", Severity: isms.SeverityError, Subject: isms.NewRef("control_check", "cc-backup"),
		Field: "results[1].outcome", Message: `control check "Backup restore test" failed on 2026-05-20`,
		Details: map[string]string{"at": "2026-05-20T10:00:00Z", "controls": "A.8.13"},
	}, fs[0])
	assert.Equal(t, isms.Finding{
		Code: "control_check.not_run", Severity: isms.SeverityWarning, Subject: isms.NewRef("control_check", "cc-lock"),
		Field: "results", Message: `control check "Screen lock policy applied" has no current result`,
		Details: map[string]string{"results": "0"},
	}, fs[1])
}

func TestCheckControlChecksEachCode(t *testing.T) {
	type tc struct {
		name   string
		mutate func(c *isms.ControlCheck)
		want   isms.Finding
	}
	mfa := isms.NewRef("control_check", "cc-mfa")
	for _, c := range []tc{
		{"owner missing", func(c *isms.ControlCheck) { c.Owner = " " }, isms.Finding{
			Code: "control_check.owner_missing", Severity: isms.SeverityError, Subject: mfa, Field: "owner",
			Message: `control check "MFA enforced" has no owner`}},
		{"overdue", func(c *isms.ControlCheck) {
			// Passed 30 May 09:00, daily: due 31 May 09:00, before now.
			c.Results[0].At = mgmtAt(5, 30, 9)
			c.EvidenceMaxAge = isms.Days(7)
		}, isms.Finding{
			Code: "control_check.overdue", Severity: isms.SeverityError, Subject: mfa, Field: "results",
			Message: `control check "MFA enforced" was due on 2026-05-31`,
			Details: map[string]string{"last_run": "2026-05-30T09:00:00Z", "due": "2026-05-31T09:00:00Z",
				"now": "2026-06-01T09:00:00Z", "frequency": "P1D"}}},
		{"not run", func(c *isms.ControlCheck) {
			c.Results = append(c.Results, isms.ControlCheckResult{Outcome: isms.CheckNotRun, At: mgmtAt(6, 1, 8), By: "probe", Note: "probe offline"})
		}, isms.Finding{
			Code: "control_check.not_run", Severity: isms.SeverityWarning, Subject: mfa, Field: "results",
			Message: `control check "MFA enforced" has no current result`,
			Details: map[string]string{"results": "2", "at": "2026-06-01T08:00:00Z"}}},
		{"evidence missing", func(c *isms.ControlCheck) { c.Results[0].Evidence = nil }, isms.Finding{
			Code: "control_check.evidence_missing", Severity: isms.SeverityWarning, Subject: mfa, Field: "results[0].evidence",
			Message: `the latest result of control check "MFA enforced" refers to no evidence`,
			Details: map[string]string{"at": "2026-05-31T09:00:00Z"}}},
		{"evidence stale", func(c *isms.ControlCheck) {
			// Collected 31 May 08:00, max age P1D: until 1 June 08:00.
			c.Results[0].EvidenceAt = mgmtAt(5, 31, 8)
		}, isms.Finding{
			Code: "control_check.evidence_stale", Severity: isms.SeverityWarning, Subject: mfa, Field: "results[0].evidence_at",
			Message: `the evidence of control check "MFA enforced" dates from 2026-05-31`,
			Details: map[string]string{"evidence_at": "2026-05-31T08:00:00Z", "max_age": "P1D", "now": "2026-06-01T09:00:00Z"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			check := mgmtChecks()[0]
			c.mutate(check)
			require.NoError(t, check.Validate())
			entOneFinding(t, isms.CheckControlChecks([]*isms.ControlCheck{check}, mgmtNow), c.want)
		})
	}
	// Boundaries that do not trigger: evidence exactly max age old, a
	// not_run after which the check is still within its frequency is
	// not_run (tested above), and a longer max age for old evidence.
	check := mgmtChecks()[0]
	check.Results[0].EvidenceAt = mgmtAt(5, 31, 9)
	assert.Empty(t, isms.CheckControlChecks([]*isms.ControlCheck{check}, mgmtNow))
	check.Results[0].EvidenceAt, check.EvidenceMaxAge = mgmtAt(5, 1, 9), isms.Days(31)
	assert.Empty(t, isms.CheckControlChecks([]*isms.ControlCheck{check}, mgmtNow))
}

func TestControlCheckRecordAppendOnly(t *testing.T) {
	c := mgmtChecks()[0]
	stored := mgmtChecks()[0]
	r := isms.ControlCheckResult{Outcome: isms.CheckFail, At: time.Date(2026, 6, 1, 9, 0, 0, 1500, time.FixedZone("x", 3600)), By: "probe"}
	require.NoError(t, c.Record(r))
	require.Len(t, c.Results, 2)
	assert.Equal(t, time.Date(2026, 6, 1, 8, 0, 0, 1000, time.UTC), c.Results[1].At, "normalised to UTC microseconds")
	latest, ok := c.Latest()
	require.True(t, ok)
	assert.Equal(t, isms.CheckFail, latest.Outcome)
	require.NoError(t, isms.ValidateControlCheckUpdate(stored, c), "appending is allowed")

	// Refused: before the latest, invalid; the check is unchanged.
	err := c.Record(isms.ControlCheckResult{Outcome: isms.CheckPass, At: mgmtAt(5, 1, 0), By: "x"})
	entProblems(t, err, [2]string{"result.at", isms.CodeOrder})
	err = c.Record(isms.ControlCheckResult{Outcome: "maybe", At: mgmtAt(6, 2, 0)})
	entProblems(t, err, [2]string{"result.outcome", isms.CodeUnknown}, [2]string{"result.by", isms.CodeRequired})
	assert.Len(t, c.Results, 2)

	// Overwriting or dropping a stored result is refused.
	changed := mgmtChecks()[0]
	changed.Results[0].Outcome = isms.CheckFail
	err = isms.ValidateControlCheckUpdate(stored, changed)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.EqualError(t, err, "control_check cc-mfa: results are append only: results[0] was changed")
	dropped := mgmtChecks()[0]
	dropped.Results = nil
	assert.EqualError(t, isms.ValidateControlCheckUpdate(stored, dropped), "control_check cc-mfa: results are append only: 1 stored, 0 in the update")
	require.NoError(t, isms.ValidateControlCheckUpdate(nil, dropped))
	assert.ErrorIs(t, isms.ValidateControlCheckUpdate(stored, nil), isms.ErrInvalid)
	_, ok = (&isms.ControlCheck{}).Latest()
	assert.False(t, ok)
}

func TestControlCheckValidate(t *testing.T) {
	for _, c := range mgmtChecks() {
		require.NoError(t, c.Validate(), c.ID)
	}
	bad := &isms.ControlCheck{Method: "robot", Frequency: isms.Duration{Days: -1}, EvidenceMaxAge: isms.Duration{Days: -2},
		Results: []isms.ControlCheckResult{
			{Outcome: isms.CheckPass, At: mgmtAt(5, 2, 0), By: "a", EvidenceAt: mgmtAt(5, 3, 0), Evidence: []isms.Ref{{Kind: "evidence", ID: "e"}, {Kind: "evidence", ID: "e"}}},
			{Outcome: isms.CheckPass, At: mgmtAt(5, 1, 0), By: "a"},
			{},
		}}
	entProblems(t, bad.Validate(),
		[2]string{"name", isms.CodeRequired}, [2]string{"controls", isms.CodeRequired}, [2]string{"method", isms.CodeUnknown},
		[2]string{"frequency", isms.CodeOutOfRange}, [2]string{"evidence_max_age", isms.CodeOutOfRange},
		[2]string{"results[0].evidence[1]", isms.CodeDuplicate}, [2]string{"results[0].evidence_at", isms.CodeOrder},
		[2]string{"results[1].at", isms.CodeOrder},
		[2]string{"results[2].outcome", isms.CodeRequired}, [2]string{"results[2].at", isms.CodeRequired}, [2]string{"results[2].by", isms.CodeRequired})
	zero := &isms.ControlCheck{Name: "n", Controls: []isms.ID{"A.5.1", "A.5.1"}, Method: isms.CheckManual}
	entProblems(t, zero.Validate(), [2]string{"controls[1]", isms.CodeDuplicate}, [2]string{"frequency", isms.CodeRequired})
	entStrictEnum(t, isms.CheckMethodValues())
	entStrictEnum(t, isms.CheckOutcomeValues())
	entStrictEnum(t, isms.EffectivenessValues())
}

func TestEffectivenessAt(t *testing.T) {
	got := isms.EffectivenessAt(append(mgmtChecks(), nil), mgmtNow)
	assert.Equal(t, []isms.ControlEffectiveness{
		{Control: "A.5.17", Status: isms.EffectivenessEffective, Checks: []isms.ID{"cc-mfa"}},
		{Control: "A.8.13", Status: isms.EffectivenessIneffective, Checks: []isms.ID{"cc-backup"}, Failing: []isms.ID{"cc-backup"}},
		{Control: "A.8.5", Status: isms.EffectivenessUnknown, Checks: []isms.ID{"cc-mfa", "cc-lock"}, Unknown: []isms.ID{"cc-lock"}},
	}, got)
	// A fail stands after a later not_run; an overdue pass is unknown.
	checks := mgmtChecks()
	checks[1].Results = append(checks[1].Results, isms.ControlCheckResult{Outcome: isms.CheckNotRun, At: mgmtAt(5, 25, 0), By: "olaf"})
	checks[0].Results[0].At = mgmtAt(5, 30, 9)
	got = isms.EffectivenessAt(checks, mgmtNow)
	assert.Equal(t, isms.EffectivenessUnknown, got[0].Status)
	assert.Equal(t, isms.EffectivenessIneffective, got[1].Status)
	assert.Empty(t, isms.EffectivenessAt(nil, mgmtNow))
}

func TestCheckControlStatus(t *testing.T) {
	eff := isms.EffectivenessAt(mgmtChecks(), mgmtNow)
	soa := map[isms.ID]string{"A.5.17": "implemented", "A.8.13": "implemented", "A.8.5": "implemented", "A.5.1": "implemented", "A.7.7": "planned"}
	fs := isms.CheckControlStatus(eff, soa, nil)
	require.Equal(t, []string{"control.implemented_but_failing", "control.implemented_unverified", "control.implemented_unmonitored"}, entCodes(fs))
	assert.Equal(t, isms.Finding{
		Code: "control.implemented_but_failing", Severity: isms.SeverityError, Subject: isms.NewRef("control", "A.8.13"),
		Message: "the SoA says A.8.13 is implemented, but its checks fail: cc-backup",
		Related: []isms.Ref{isms.NewRef("control_check", "cc-backup")},
		Details: map[string]string{"soa_status": "implemented", "effectiveness": "ineffective", "failing": "cc-backup"},
	}, fs[0])
	assert.Equal(t, isms.Finding{
		Code: "control.implemented_unverified", Severity: isms.SeverityWarning, Subject: isms.NewRef("control", "A.8.5"),
		Message: "the SoA says A.8.5 is implemented, but its checks have no current result: cc-lock",
		Related: []isms.Ref{isms.NewRef("control_check", "cc-lock")},
		Details: map[string]string{"soa_status": "implemented", "effectiveness": "unknown", "unknown": "cc-lock"},
	}, fs[1])
	assert.Equal(t, isms.Finding{
		Code: "control.implemented_unmonitored", Severity: isms.SeverityInfo, Subject: isms.NewRef("control", "A.5.1"),
		Message: "the SoA says A.5.1 is implemented, but no check tests it",
		Details: map[string]string{"soa_status": "implemented"},
	}, fs[2])
	// Not claimed implemented: nothing; other statuses can count.
	assert.Empty(t, isms.CheckControlStatus(eff, map[isms.ID]string{"A.8.13": "partial", "A.5.17": "implemented"}, nil))
	assert.Equal(t, []string{"control.implemented_but_failing"},
		entCodes(isms.CheckControlStatus(eff, map[isms.ID]string{"A.8.13": "partial"}, &isms.ControlStatusOptions{Implemented: []string{"partial"}})))
	assert.Empty(t, isms.CheckControlStatus(nil, nil, nil))
}

func FuzzParseControlCheck(f *testing.F) {
	cs := mgmtChecks()
	entFuzzParse(f, isms.ParseControlCheck, cs[0], cs[1], cs[2])
}

// Two control checks watch access control and backups. MFA passed this
// morning; the monthly restore test failed, so the SoA's claim that
// A.8.13 is implemented is contradicted by its own monitoring.
func ExampleEffectivenessAt() {
	day := func(d, h int) time.Time { return time.Date(2026, 6, d, h, 0, 0, 0, time.UTC) }
	mfa := &isms.ControlCheck{Meta: isms.Meta{ID: "cc-mfa"}, Name: "MFA enforced", Controls: []isms.ID{"A.8.5"},
		Method: isms.CheckAutomated, Owner: "it-lead", Frequency: isms.Days(1)}
	backup := &isms.ControlCheck{Meta: isms.Meta{ID: "cc-backup"}, Name: "Backup restore test", Controls: []isms.ID{"A.8.13"},
		Method: isms.CheckManual, Owner: "olaf", Frequency: isms.Months(1)}
	ev := []isms.Ref{isms.NewRef("evidence", "ev-1")}
	for _, rec := range []struct {
		c *isms.ControlCheck
		r isms.ControlCheckResult
	}{
		{backup, isms.ControlCheckResult{Outcome: isms.CheckPass, At: day(1, 10), By: "olaf", Evidence: ev}},
		{mfa, isms.ControlCheckResult{Outcome: isms.CheckPass, At: day(10, 6), By: "probe", Evidence: ev}},
		{backup, isms.ControlCheckResult{Outcome: isms.CheckFail, At: day(10, 8), By: "olaf", Evidence: ev}},
	} {
		if err := rec.c.Record(rec.r); err != nil { // appended, never overwritten
			fmt.Println(err)
			return
		}
	}
	now := day(10, 9)
	checks := []*isms.ControlCheck{mfa, backup}
	for _, f := range isms.CheckControlChecks(checks, now) {
		fmt.Println(f.Code, f.Subject, "-", f.Message)
	}
	eff := isms.EffectivenessAt(checks, now)
	for _, e := range eff {
		fmt.Println(e.Control, e.Status, e.Checks)
	}
	soa := map[isms.ID]string{"A.8.5": "implemented", "A.8.13": "implemented"}
	for _, f := range isms.CheckControlStatus(eff, soa, nil) {
		fmt.Println(f.Code, f.Subject, "-", f.Message)
	}
	fmt.Println("backup results kept:", len(backup.Results))
	// Output:
	// control_check.failed control_check/cc-backup - control check "Backup restore test" failed on 2026-06-10
	// A.8.13 ineffective [cc-backup]
	// A.8.5 effective [cc-mfa]
	// control.implemented_but_failing control/A.8.13 - the SoA says A.8.13 is implemented, but its checks fail: cc-backup
	// backup results kept: 2
}
