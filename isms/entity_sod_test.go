package isms_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// mgmtSoDStaffing: olaf holds service desk (requests access) and, from
// March 2026, access admin (approves access); carol is author and
// auditor, which conflicts with nothing in the rules; dave's admin role
// ended before he became service desk.
func mgmtSoDStaffing() *isms.Staffing {
	return &isms.Staffing{
		Roles: []*isms.Role{
			{Meta: isms.Meta{ID: "role-desk"}, Name: "Service desk", Duties: []string{isms.DutyAccessRequest}},
			{Meta: isms.Meta{ID: "role-admin"}, Name: "Access admin", Duties: []string{isms.DutyAccessApprove, isms.DutyControlPerform}},
			{Meta: isms.Meta{ID: "role-writer"}, Name: "Writer", Duties: []string{isms.DutyDocumentAuthor}},
			{Meta: isms.Meta{ID: "role-auditor"}, Name: "Auditor", Duties: []string{isms.DutyControlAudit}},
		},
		Assignments: []*isms.RoleAssignment{
			{Meta: isms.Meta{ID: "ra-1"}, Person: "olaf", Role: "role-desk", From: entDate(2025, 1, 1)},
			{Meta: isms.Meta{ID: "ra-2"}, Person: "olaf", Role: "role-admin", From: entDate(2026, 3, 1)},
			{Meta: isms.Meta{ID: "ra-3"}, Person: "carol", Role: "role-writer", From: entDate(2025, 1, 1)},
			{Meta: isms.Meta{ID: "ra-4"}, Person: "carol", Role: "role-auditor", From: entDate(2025, 1, 1)},
			{Meta: isms.Meta{ID: "ra-5"}, Person: "dave", Role: "role-admin", From: entDate(2024, 1, 1), Until: entDate(2025, 1, 1)},
			{Meta: isms.Meta{ID: "ra-6"}, Person: "dave", Role: "role-desk", From: entDate(2025, 1, 1)},
		},
	}
}

func TestCheckSoD(t *testing.T) {
	fs := isms.CheckSoD(mgmtSoDStaffing(), isms.DefaultSoDRules(), mgmtNow)
	require.Len(t, fs, 1)
	assert.Equal(t, isms.Finding{
		Code: "sod.conflict", Severity: isms.SeverityError, Subject: isms.NewRef("person", "olaf"),
		Message: `olaf holds both "access.request" (role role-desk) and "access.approve" (role role-admin): Request and approve access`,
		Related: []isms.Ref{isms.NewRef("sod_rule", "sod-access"), isms.NewRef("role", "role-desk"), isms.NewRef("role_assignment", "ra-1"),
			isms.NewRef("role", "role-admin"), isms.NewRef("role_assignment", "ra-2")},
		Details: map[string]string{"rule": "sod-access", "duty_a": "access.request", "duty_b": "access.approve",
			"role_a": "role-desk", "role_b": "role-admin", "assignment_a": "ra-1", "assignment_b": "ra-2"},
	}, fs[0])

	// Before March 2026 olaf is only service desk: no conflict.
	assert.Empty(t, isms.CheckSoD(mgmtSoDStaffing(), isms.DefaultSoDRules(), entDate(2026, 2, 28)))

	// carol also performs a control: performing and auditing conflict;
	// one role carrying both duties of a rule conflicts on its own.
	st := mgmtSoDStaffing()
	st.Roles[2].Duties = append(st.Roles[2].Duties, isms.DutyControlPerform, isms.DutyDocumentApprove)
	fs = isms.CheckSoD(st, isms.DefaultSoDRules(), mgmtNow)
	// Sorted by subject: carol (two rules, by message: `carol holds both
	// "control.perform"` before `carol holds both "document.author"`),
	// then olaf.
	require.Equal(t, []isms.Ref{isms.NewRef("person", "carol"), isms.NewRef("person", "carol"), isms.NewRef("person", "olaf")},
		[]isms.Ref{fs[0].Subject, fs[1].Subject, fs[2].Subject})
	assert.Equal(t, "sod-control", fs[0].Details["rule"])
	assert.Equal(t, "role-writer", fs[0].Details["role_a"])
	assert.Equal(t, "role-auditor", fs[0].Details["role_b"])
	assert.Equal(t, "sod-document", fs[1].Details["rule"])
	assert.Equal(t, []isms.Ref{isms.NewRef("sod_rule", "sod-document"), isms.NewRef("role", "role-writer"), isms.NewRef("role_assignment", "ra-3")},
		fs[1].Related, "one role, one assignment")

	// No rules, nil staffing, nil and malformed rules: nothing.
	assert.Empty(t, isms.CheckSoD(mgmtSoDStaffing(), nil, mgmtNow))
	assert.Empty(t, isms.CheckSoD(nil, isms.DefaultSoDRules(), mgmtNow))
	assert.Empty(t, isms.CheckSoD(mgmtSoDStaffing(), []*isms.SoDRule{nil, {DutyA: isms.DutyAccessRequest, DutyB: isms.DutyAccessRequest}}, mgmtNow))
}

func TestSoDRuleValidate(t *testing.T) {
	for _, r := range isms.DefaultSoDRules() {
		require.NoError(t, r.Validate(), r.ID)
	}
	entProblems(t, (&isms.SoDRule{DutyA: "x", DutyB: "x"}).Validate(),
		[2]string{"name", isms.CodeRequired}, [2]string{"duty_b", isms.CodeForbidden})
	entProblems(t, (&isms.SoDRule{Name: "n"}).Validate(),
		[2]string{"duty_a", isms.CodeRequired}, [2]string{"duty_b", isms.CodeRequired})
	rules := isms.DefaultSoDRules()
	assert.Equal(t, []string{"access.request", "control.perform", "document.author", "risk.own"},
		[]string{rules[0].DutyA, rules[1].DutyA, rules[2].DutyA, rules[3].DutyA})
	assert.Equal(t, []string{"access.approve", "control.audit", "document.approve", "risk.accept_others"},
		[]string{rules[0].DutyB, rules[1].DutyB, rules[2].DutyB, rules[3].DutyB})
}

func FuzzParseSoDRule(f *testing.F) {
	entFuzzParse(f, isms.ParseSoDRule, isms.DefaultSoDRules()[0])
}

// Olaf staffs the service desk, where he requests access for users, and
// since March also administers access: he can now approve his own
// requests.
func ExampleCheckSoD() {
	staff := &isms.Staffing{
		Roles: []*isms.Role{
			{Meta: isms.Meta{ID: "service-desk"}, Name: "Service desk", Duties: []string{isms.DutyAccessRequest}},
			{Meta: isms.Meta{ID: "access-admin"}, Name: "Access administrator", Duties: []string{isms.DutyAccessApprove}},
		},
		Assignments: []*isms.RoleAssignment{
			{Meta: isms.Meta{ID: "ra-1"}, Person: "olaf", Role: "service-desk", From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
			{Meta: isms.Meta{ID: "ra-2"}, Person: "olaf", Role: "access-admin", From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
			{Meta: isms.Meta{ID: "ra-3"}, Person: "pia", Role: "access-admin", From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		},
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range isms.CheckSoD(staff, isms.DefaultSoDRules(), now) {
		fmt.Println(f.Code, f.Subject)
		fmt.Println(" ", f.Message)
		fmt.Println("  assignments:", f.Details["assignment_a"], f.Details["assignment_b"])
	}
	// Output:
	// sod.conflict person/olaf
	//   olaf holds both "access.request" (role service-desk) and "access.approve" (role access-admin): Request and approve access
	//   assignments: ra-1 ra-2
}

// mgmtBigStaffing builds 10,000 people with 50,000 role assignments over
// 50 roles: person p holds roles (7p + 13k) mod 50 for k = 0..4, each role
// requires two competences, and there are 30,000 training records. In the
// worst case (heavy) the records mostly miss and each role carries two duties of DefaultSoDRules, so
// most people hold conflicting duties (25,000 findings); otherwise only
// role 0 (access.request) and role 13 (access.approve) carry rule duties.
// A person holds both when 7p + 13k₁ ≡ 0 and 7p + 13k₂ ≡ 13 (mod 50),
// so 13(k₂ − k₁) ≡ 13, k₂ = k₁ + 1 (13 is invertible mod 50): k₁ = 0..3
// gives 7p ≡ 0, 37, 24, 11, and with 7⁻¹ ≡ 43 (7·43 = 301), p ≡ 0, 41,
// 32, 23 (mod 50): 4 residues × 200 = 800 conflicts.
func mgmtBigStaffing(heavy bool) (*isms.Staffing, []*isms.TrainingRecord) {
	const people, perPerson, roles = 10_000, 5, 50
	duties := []string{isms.DutyAccessRequest, isms.DutyAccessApprove, isms.DutyControlPerform, isms.DutyControlAudit,
		isms.DutyDocumentAuthor, isms.DutyDocumentApprove, isms.DutyRiskOwn, isms.DutyRiskAcceptOthers, "d.x", "d.y"}
	st := &isms.Staffing{}
	for r := range roles {
		d := []string{duties[r%len(duties)], duties[(r*3+1)%len(duties)]}
		if !heavy {
			d = []string{fmt.Sprintf("d.own-%d", r)}
			switch r {
			case 0:
				d = append(d, isms.DutyAccessRequest)
			case 13:
				d = append(d, isms.DutyAccessApprove)
			}
		}
		st.Roles = append(st.Roles, &isms.Role{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("role-%02d", r))}, Name: "r",
			Duties: d, Competences: []string{fmt.Sprintf("c-%d", r%7), fmt.Sprintf("c-%d", r%11)}})
	}
	var records []*isms.TrainingRecord
	from := entDate(2025, 1, 1)
	for p := range people {
		id := isms.ID(fmt.Sprintf("p-%05d", p))
		st.People = append(st.People, &isms.Person{Meta: isms.Meta{ID: id}, Name: "n"})
		for k := range perPerson {
			st.Assignments = append(st.Assignments, &isms.RoleAssignment{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("ra-%05d-%d", p, k))},
				Person: id, Role: st.Roles[(p*7+k*13)%roles].ID, From: from})
		}
		if heavy {
			// Records that mostly do not match: nearly everyone lacks a
			// competence, and the awareness records expired at midnight.
			for k := range 3 {
				records = append(records, &isms.TrainingRecord{Person: id, Course: "c", Awareness: k == 0,
					Competences: []string{fmt.Sprintf("c-%d", (p+k)%7)}, CompletedAt: entDate(2025, time.Month(6+k), 1), Result: isms.TrainingPassed,
					ExpiresAt: entDate(2026, time.Month(6+k), 1)})
			}
			continue
		}
		// Everyone but every hundredth person is trained for their roles
		// and aware; those 100 have only an outdated record.
		var comps []string
		for k := range perPerson {
			comps = append(comps, st.Roles[(p*7+k*13)%roles].Competences...)
		}
		slices.Sort(comps)
		comps = slices.Compact(comps)
		when := entDate(2026, 1, 1)
		if p%100 == 0 {
			when = entDate(2024, 1, 1)
		}
		records = append(records,
			&isms.TrainingRecord{Person: id, Course: "role training", Competences: comps, CompletedAt: when,
				Result: isms.TrainingPassed, ExpiresAt: when.AddDate(2, 0, 0)},
			&isms.TrainingRecord{Person: id, Course: "awareness", Awareness: true, CompletedAt: when, Result: isms.TrainingAttended},
			&isms.TrainingRecord{Person: id, Course: "induction", CompletedAt: entDate(2024, 1, 1), Result: isms.TrainingAttended})
	}
	return st, records
}

// TestBigStaffingSoD checks the benchmark fixture's hand-worked count.
func TestBigStaffingSoD(t *testing.T) {
	st, _ := mgmtBigStaffing(false)
	require.Len(t, st.People, 10_000)
	require.Len(t, st.Assignments, 50_000)
	fs := isms.CheckSoD(st, isms.DefaultSoDRules(), mgmtNow)
	require.Len(t, fs, 800)
	got := []isms.Ref{fs[0].Subject, fs[1].Subject, fs[2].Subject, fs[3].Subject, fs[4].Subject}
	assert.Equal(t, []isms.Ref{isms.NewRef("person", "p-00000"), isms.NewRef("person", "p-00023"), isms.NewRef("person", "p-00032"),
		isms.NewRef("person", "p-00041"), isms.NewRef("person", "p-00050")}, got)
}

func BenchmarkCheckSoD(b *testing.B) {
	for _, heavy := range []bool{false, true} {
		name := "800_conflicts"
		if heavy {
			name = "worst_case"
		}
		b.Run(name, func(b *testing.B) {
			st, _ := mgmtBigStaffing(heavy)
			rules := isms.DefaultSoDRules()
			b.ReportAllocs()
			var n int
			for b.Loop() {
				n = len(isms.CheckSoD(st, rules, mgmtNow))
			}
			b.ReportMetric(float64(n), "findings")
		})
	}
}
