package isms_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// mgmtCompetence: ana audits, trained and aware; ben develops and audits,
// his secure coding expired on 1 January 2026, he never took the auditor
// course, his awareness training of April 2025 is more than a year old;
// cid has left; dan holds no role and was never trained.
func mgmtCompetence() (*isms.Staffing, []*isms.TrainingRecord) {
	st := &isms.Staffing{
		People: []*isms.Person{
			{Meta: isms.Meta{ID: "ana"}, Name: "Ana"},
			{Meta: isms.Meta{ID: "ben"}, Name: "Ben"},
			{Meta: isms.Meta{ID: "cid"}, Name: "Cid", LeftAt: entDate(2026, 1, 1)},
			{Meta: isms.Meta{ID: "dan"}, Name: "Dan", JoinedAt: entDate(2026, 5, 1)},
		},
		Roles: []*isms.Role{
			{Meta: isms.Meta{ID: "role-auditor"}, Name: "Internal auditor", Competences: []string{"iso27001_auditor"}},
			{Meta: isms.Meta{ID: "role-dev"}, Name: "Developer", Competences: []string{"secure_coding"}},
		},
		Assignments: []*isms.RoleAssignment{
			{Meta: isms.Meta{ID: "ra-1"}, Person: "ana", Role: "role-auditor", From: entDate(2025, 1, 1)},
			{Meta: isms.Meta{ID: "ra-2"}, Person: "ben", Role: "role-dev", From: entDate(2025, 1, 1)},
			{Meta: isms.Meta{ID: "ra-3"}, Person: "ben", Role: "role-auditor", From: entDate(2026, 1, 1)},
			{Meta: isms.Meta{ID: "ra-4"}, Person: "cid", Role: "role-dev", From: entDate(2025, 1, 1)},
		},
	}
	recs := []*isms.TrainingRecord{
		{Meta: isms.Meta{ID: "tr-1"}, Person: "ana", Course: "Lead auditor", Competences: []string{"iso27001_auditor"},
			CompletedAt: entDate(2025, 3, 1), Result: isms.TrainingPassed, ExpiresAt: entDate(2028, 3, 1)},
		{Meta: isms.Meta{ID: "tr-2"}, Person: "ana", Course: "Awareness 2026", Awareness: true,
			CompletedAt: entDate(2026, 2, 1), Result: isms.TrainingAttended},
		{Meta: isms.Meta{ID: "tr-3"}, Person: "ben", Course: "Secure coding", Competences: []string{"secure_coding"},
			CompletedAt: entDate(2023, 1, 1), Result: isms.TrainingPassed, ExpiresAt: entDate(2026, 1, 1)},
		{Meta: isms.Meta{ID: "tr-4"}, Person: "ben", Course: "Awareness 2025", Awareness: true,
			CompletedAt: entDate(2025, 4, 1), Result: isms.TrainingAttended},
	}
	return st, recs
}

func mgmtCheckCompetence(t *testing.T, st *isms.Staffing, recs []*isms.TrainingRecord, opts *isms.CompetenceCheckOptions) []isms.Finding {
	t.Helper()
	fs, err := isms.CheckCompetence(st, recs, mgmtNow, opts)
	require.NoError(t, err)
	return fs
}

func TestCheckCompetence(t *testing.T) {
	st, recs := mgmtCompetence()
	fs := mgmtCheckCompetence(t, st, recs, nil)
	require.Equal(t, []string{"awareness.expired", "awareness.missing", "competence.expired", "competence.missing"}, entCodes(fs))
	assert.Equal(t, isms.Finding{
		Code: "awareness.expired", Severity: isms.SeverityError, Subject: isms.NewRef("person", "ben"),
		Message: "ben's security awareness training of 2025-04-01 is no longer current",
		Details: map[string]string{"last_completed_at": "2025-04-01T00:00:00Z", "now": "2026-06-01T09:00:00Z", "period": "P1Y"},
	}, fs[0])
	assert.Equal(t, isms.Finding{
		Code: "awareness.missing", Severity: isms.SeverityError, Subject: isms.NewRef("person", "dan"),
		Message: "dan has no security awareness training",
		Details: map[string]string{"now": "2026-06-01T09:00:00Z", "period": "P1Y"},
	}, fs[1])
	assert.Equal(t, isms.Finding{
		Code: "competence.expired", Severity: isms.SeverityError, Subject: isms.NewRef("person", "ben"),
		Message: `ben's competence "secure_coding", required by role role-dev, expired on 2026-01-01`,
		Related: []isms.Ref{isms.NewRef("role", "role-dev"), isms.NewRef("role_assignment", "ra-2")},
		Details: map[string]string{"competence": "secure_coding", "role": "role-dev", "assignment": "ra-2",
			"expired_at": "2026-01-01T00:00:00Z", "now": "2026-06-01T09:00:00Z"},
	}, fs[2])
	assert.Equal(t, isms.Finding{
		Code: "competence.missing", Severity: isms.SeverityError, Subject: isms.NewRef("person", "ben"),
		Message: `ben lacks competence "iso27001_auditor", required by role role-auditor`,
		Related: []isms.Ref{isms.NewRef("role", "role-auditor"), isms.NewRef("role_assignment", "ra-3")},
		Details: map[string]string{"competence": "iso27001_auditor", "role": "role-auditor", "assignment": "ra-3"},
	}, fs[3])
}

func TestCheckCompetenceNoFinding(t *testing.T) {
	st, recs := mgmtCompetence()
	// Ben renews everything; dan takes the awareness course.
	recs = append(recs,
		&isms.TrainingRecord{Person: "ben", Course: "Secure coding", Competences: []string{"secure_coding"},
			CompletedAt: entDate(2026, 2, 1), Result: isms.TrainingPassed, ExpiresAt: entDate(2029, 2, 1)},
		&isms.TrainingRecord{Person: "ben", Course: "Auditor", Competences: []string{"iso27001_auditor"},
			CompletedAt: entDate(2026, 2, 1), Result: isms.TrainingPassed},
		// Exactly one year before now: within the period.
		&isms.TrainingRecord{Person: "ben", Course: "Awareness", Awareness: true,
			CompletedAt: time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC), Result: isms.TrainingPassed},
		&isms.TrainingRecord{Person: "dan", Course: "Awareness", Awareness: true, CompletedAt: entDate(2026, 5, 2), Result: isms.TrainingPassed},
		nil)
	assert.Empty(t, mgmtCheckCompetence(t, st, recs, nil))
	// A two-year period forgives ben's April 2025 training alone.
	st2, recs2 := mgmtCompetence()
	fs := mgmtCheckCompetence(t, st2, recs2, &isms.CompetenceCheckOptions{AwarenessPeriod: isms.Years(2)})
	assert.Equal(t, []string{"awareness.missing", "competence.expired", "competence.missing"}, entCodes(fs))
	assert.Empty(t, mgmtCheckCompetence(t, nil, recs, nil))
}

func TestCheckCompetenceRecordsThatDoNotCount(t *testing.T) {
	st, recs := mgmtCompetence()
	st.People = st.People[:1] // ana only
	st.Assignments = st.Assignments[:1]
	for _, tc := range []struct {
		name   string
		mutate func(r *isms.TrainingRecord)
		want   string
	}{
		{"failed", func(r *isms.TrainingRecord) { r.Result = isms.TrainingFailed }, "competence.missing"},
		{"in the future", func(r *isms.TrainingRecord) { r.CompletedAt = entDate(2026, 7, 1); r.ExpiresAt = time.Time{} }, "competence.missing"},
		{"expires exactly now", func(r *isms.TrainingRecord) { r.ExpiresAt = mgmtNow }, "competence.expired"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, recs = mgmtCompetence()
			tc.mutate(recs[0])
			assert.Equal(t, []string{tc.want}, entCodes(mgmtCheckCompetence(t, st, recs, nil)))
		})
	}
	// A failed or expired awareness course is not current awareness.
	_, recs = mgmtCompetence()
	recs[1].Result = isms.TrainingFailed
	assert.Equal(t, []string{"awareness.missing"}, entCodes(mgmtCheckCompetence(t, st, recs, nil)))
	_, recs = mgmtCompetence()
	recs[1].ExpiresAt = entDate(2026, 3, 1)
	assert.Equal(t, []string{"awareness.expired"}, entCodes(mgmtCheckCompetence(t, st, recs, nil)))
}

func TestAwarenessCoverage(t *testing.T) {
	st, recs := mgmtCompetence()
	// Active at 1 June 2026: ana, ben, dan (cid left); only ana's
	// awareness is current: 1/3.
	c, err := isms.AwarenessCoverage(st, recs, mgmtNow, nil)
	require.NoError(t, err)
	assert.Equal(t, isms.Coverage{Staff: 3, Trained: 1, Share: 1.0 / 3, Period: isms.Years(1)}, c)
	// Over 18 months ben's April 2025 training counts too: 2/3.
	c, err = isms.AwarenessCoverage(st, recs, mgmtNow, &isms.CompetenceCheckOptions{AwarenessPeriod: isms.Months(18)})
	require.NoError(t, err)
	assert.Equal(t, isms.Coverage{Staff: 3, Trained: 2, Share: 2.0 / 3, Period: isms.Months(18)}, c)
	c, err = isms.AwarenessCoverage(nil, recs, mgmtNow, nil)
	require.NoError(t, err)
	assert.Equal(t, isms.Coverage{Period: isms.Years(1)}, c)
	_, err = isms.AwarenessCoverage(st, recs, mgmtNow, &isms.CompetenceCheckOptions{AwarenessPeriod: isms.Duration{Days: -1}})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestCompetenceOptionsAndRecordValidate(t *testing.T) {
	require.NoError(t, (*isms.CompetenceCheckOptions)(nil).Validate())
	assert.ErrorIs(t, (&isms.CompetenceCheckOptions{AwarenessPeriod: isms.Duration{Days: -1}}).Validate(), isms.ErrInvalid)
	_, err := isms.CheckCompetence(&isms.Staffing{}, nil, mgmtNow, &isms.CompetenceCheckOptions{AwarenessPeriod: isms.Duration{Days: -1}})
	assert.ErrorIs(t, err, isms.ErrInvalid)

	_, recs := mgmtCompetence()
	for _, r := range recs {
		require.NoError(t, r.Validate())
	}
	entProblems(t, (&isms.TrainingRecord{Person: "has space", Competences: []string{"a", "a"}, Result: "great",
		CompletedAt: entDate(2026, 1, 1), ExpiresAt: entDate(2026, 1, 1)}).Validate(),
		[2]string{"person", isms.CodeMalformed}, [2]string{"course", isms.CodeRequired}, [2]string{"competences[1]", isms.CodeDuplicate},
		[2]string{"result", isms.CodeUnknown}, [2]string{"expires_at", isms.CodeOrder})
	entProblems(t, (&isms.TrainingRecord{Person: "p", Course: "c", Result: isms.TrainingPassed}).Validate(),
		[2]string{"completed_at", isms.CodeRequired})
	entStrictEnum(t, isms.TrainingResultValues())
}

func FuzzParseTrainingRecord(f *testing.F) {
	_, recs := mgmtCompetence()
	entFuzzParse(f, isms.ParseTrainingRecord, recs[0], recs[1])
}

// TestBigStaffingCompetence checks the benchmark fixture: the 100 people
// with p a multiple of 100 trained on 1 January 2024 hold a role training
// that expired on 1 January 2026 and an awareness record older than a
// year; everyone else is trained and aware.
func TestBigStaffingCompetence(t *testing.T) {
	st, recs := mgmtBigStaffing(false)
	require.Len(t, recs, 30_000)
	fs, err := isms.CheckCompetence(st, recs, mgmtNow, nil)
	require.NoError(t, err)
	assert.Len(t, isms.WithCode(fs, isms.CodeAwarenessExpired), 100)
	assert.Empty(t, isms.WithCode(fs, isms.CodeAwarenessMissing))
	assert.Empty(t, isms.WithCode(fs, isms.CodeCompetenceMissing))
	for _, f := range isms.WithCode(fs, isms.CodeCompetenceExpired) {
		assert.Equal(t, "00", string(f.Subject.ID[len(f.Subject.ID)-2:]), f.Subject.ID)
	}
	c, err := isms.AwarenessCoverage(st, recs, mgmtNow, nil)
	require.NoError(t, err)
	assert.Equal(t, isms.Coverage{Staff: 10_000, Trained: 9_900, Share: 0.99, Period: isms.Years(1)}, c)
}

// BenchmarkCheckCompetence: 10,000 people, 50,000 role assignments, 30,000
// training records (mgmtBigStaffing).
func BenchmarkCheckCompetence(b *testing.B) {
	for _, heavy := range []bool{false, true} {
		name := "1pct_untrained"
		if heavy {
			name = "worst_case"
		}
		b.Run(name, func(b *testing.B) {
			st, recs := mgmtBigStaffing(heavy)
			b.ReportAllocs()
			var n int
			for b.Loop() {
				fs, err := isms.CheckCompetence(st, recs, mgmtNow, nil)
				if err != nil {
					b.Fatal(err)
				}
				n = len(fs)
			}
			b.ReportMetric(float64(n), "findings")
		})
	}
}

func BenchmarkAwarenessCoverage(b *testing.B) {
	st, recs := mgmtBigStaffing(false)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := isms.AwarenessCoverage(st, recs, mgmtNow, nil); err != nil {
			b.Fatal(err)
		}
	}
}
