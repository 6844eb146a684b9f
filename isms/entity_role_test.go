package isms_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

func mgmtRACI() *isms.RACIMatrix {
	return &isms.RACIMatrix{Meta: isms.Meta{ID: "raci-1"}, Name: "ISMS RACI", Entries: []isms.RACIEntry{
		{Activity: isms.ActivityRiskOwnership, Role: "role-mgmt", Part: isms.RACIAccountable},
		{Activity: isms.ActivityRiskOwnership, Role: "role-ops", Part: isms.RACIResponsible},
		{Activity: isms.ActivityIncidentHandling, Role: "role-ops", Part: isms.RACIAccountable},
		{Activity: isms.ActivityIncidentHandling, Role: "role-mgmt", Part: isms.RACIInformed},
		{Activity: isms.ActivityInternalAudit, Role: "role-auditor", Part: isms.RACIAccountable},
		{Activity: isms.ActivityInternalAudit, Role: "role-mgmt", Part: isms.RACIConsulted},
	}}
}

func TestPersonAndAssignmentActiveAt(t *testing.T) {
	p := &isms.Person{Name: "p", JoinedAt: entDate(2025, 1, 1), LeftAt: entDate(2026, 1, 1)}
	// Joined inclusive, left exclusive.
	assert.False(t, p.ActiveAt(time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)))
	assert.True(t, p.ActiveAt(entDate(2025, 1, 1)))
	assert.True(t, p.ActiveAt(time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)))
	assert.False(t, p.ActiveAt(entDate(2026, 1, 1)))
	assert.True(t, (&isms.Person{Name: "always"}).ActiveAt(entDate(1, 1, 1)))

	a := &isms.RoleAssignment{Person: "p", Role: "r", From: entDate(2025, 1, 1), Until: entDate(2026, 1, 1)}
	assert.False(t, a.ActiveAt(entDate(2024, 12, 31)))
	assert.True(t, a.ActiveAt(entDate(2025, 1, 1)))
	assert.False(t, a.ActiveAt(entDate(2026, 1, 1)))
	a.Until = time.Time{}
	assert.True(t, a.ActiveAt(entDate(9999, 1, 1)))
}

func TestStaffingHolders(t *testing.T) {
	st := mgmtStaffing()
	st.Assignments = append(st.Assignments, &isms.RoleAssignment{Meta: isms.Meta{ID: "ra-4"}, Person: "olaf", Role: "role-ops", From: entDate(2025, 2, 1)}, nil)
	assert.Equal(t, []isms.ID{"olaf"}, st.Holders("role-ops", mgmtNow), "olaf once, carol's assignment ended")
	assert.Equal(t, []isms.ID{"carol", "olaf"}, st.Holders("role-ops", entDate(2025, 3, 1)))
	assert.Empty(t, st.Holders("role-auditor", mgmtNow))
	// Olaf leaves on 1 May 2026: no longer a holder on 1 June.
	st.People[1].LeftAt = entDate(2026, 5, 1)
	assert.Empty(t, st.Holders("role-ops", mgmtNow))
}

func TestEntityValidateMgmt(t *testing.T) {
	entProblems(t, (&isms.Person{Meta: isms.Meta{ID: "p"}, Name: "P", JoinedAt: entDate(2025, 1, 1), LeftAt: entDate(2025, 1, 1)}).Validate())
	entProblems(t, (&isms.Person{JoinedAt: entDate(2025, 1, 2), LeftAt: entDate(2025, 1, 1)}).Validate(),
		[2]string{"name", isms.CodeRequired}, [2]string{"left_at", isms.CodeOrder})

	entProblems(t, (&isms.Role{Name: "r", Duties: []string{"a", "b"}, Competences: []string{"c"}}).Validate())
	entProblems(t, (&isms.Role{Duties: []string{"a", "a", " "}, Competences: []string{""}}).Validate(),
		[2]string{"name", isms.CodeRequired}, [2]string{"duties[1]", isms.CodeDuplicate},
		[2]string{"duties[2]", isms.CodeRequired}, [2]string{"competences[0]", isms.CodeRequired})

	entProblems(t, (&isms.RoleAssignment{Person: "p", Role: "r", From: entDate(2025, 1, 1)}).Validate())
	entProblems(t, (&isms.RoleAssignment{Person: "has space", From: entDate(2025, 1, 1), Until: entDate(2025, 1, 1)}).Validate(),
		[2]string{"person", isms.CodeMalformed}, [2]string{"role", isms.CodeRequired}, [2]string{"until", isms.CodeOrder})
	entProblems(t, (&isms.RoleAssignment{Person: "p", Role: "r"}).Validate(), [2]string{"from", isms.CodeRequired})

	entProblems(t, mgmtRACI().Validate())
	bad := mgmtRACI()
	bad.Name = ""
	bad.Entries = append(bad.Entries, bad.Entries[0], isms.RACIEntry{Part: "owner"})
	entProblems(t, bad.Validate(),
		[2]string{"name", isms.CodeRequired}, [2]string{"entries[6]", isms.CodeDuplicate},
		[2]string{"entries[7].activity", isms.CodeRequired}, [2]string{"entries[7].role", isms.CodeRequired},
		[2]string{"entries[7].part", isms.CodeUnknown})
	entStrictEnum(t, isms.RACIValues())
}

func TestCheckRolesClean(t *testing.T) {
	st := mgmtStaffing()
	st.Assignments = append(st.Assignments, &isms.RoleAssignment{Meta: isms.Meta{ID: "ra-9"}, Person: "carol", Role: "role-auditor", From: entDate(2026, 1, 1)})
	assert.Empty(t, isms.CheckRoles(st, mgmtRACI(), mgmtNow))
	assert.Empty(t, isms.CheckRoles(nil, nil, mgmtNow))
}

func TestCheckRolesRACI(t *testing.T) {
	st := mgmtStaffing()
	st.Assignments = append(st.Assignments, &isms.RoleAssignment{Meta: isms.Meta{ID: "ra-9"}, Person: "carol", Role: "role-auditor", From: entDate(2026, 1, 1)})

	m := mgmtRACI()
	m.Entries[0].Part = isms.RACIConsulted // risk ownership loses its accountable role
	entOneFinding(t, isms.CheckRoles(st, m, mgmtNow), isms.Finding{
		Code: "raci.accountable_missing", Severity: isms.SeverityError, Subject: isms.NewRef("raci_matrix", "raci-1"),
		Field: "entries", Message: `activity "risk_ownership" has no accountable role`,
		Details: map[string]string{"activity": "risk_ownership"},
	})

	m = mgmtRACI()
	m.Entries[3].Part = isms.RACIAccountable // incident handling: ops and mgmt
	entOneFinding(t, isms.CheckRoles(st, m, mgmtNow), isms.Finding{
		Code: "raci.accountable_multiple", Severity: isms.SeverityError, Subject: isms.NewRef("raci_matrix", "raci-1"),
		Field: "entries", Message: `activity "incident_handling" has 2 accountable roles`,
		Details: map[string]string{"activity": "incident_handling", "roles": "role-ops, role-mgmt"},
	})

	m = mgmtRACI()
	m.Entries[1].Role = "role-ghost"
	entOneFinding(t, isms.CheckRoles(st, m, mgmtNow), isms.Finding{
		Code: "raci.role_unknown", Severity: isms.SeverityError, Subject: isms.NewRef("raci_matrix", "raci-1"),
		Field: "entries[1].role", Message: `activity "risk_ownership" names role "role-ghost", which is not defined`,
		Details: map[string]string{"activity": "risk_ownership", "role": "role-ghost"},
	})
}

func TestCheckRolesStaffing(t *testing.T) {
	// Nobody holds the auditor role (carol's assignment is not added).
	entOneFinding(t, isms.CheckRoles(mgmtStaffing(), nil, mgmtNow), isms.Finding{
		Code: "role.vacant", Severity: isms.SeverityWarning, Subject: isms.NewRef("role", "role-auditor"),
		Message: `role "Internal auditor" is held by nobody`, Details: map[string]string{"now": "2026-06-01T09:00:00Z"},
	})
	st := mgmtStaffing()
	st.Assignments = append(st.Assignments,
		&isms.RoleAssignment{Meta: isms.Meta{ID: "ra-9"}, Person: "carol", Role: "role-auditor", From: entDate(2026, 1, 1)},
		&isms.RoleAssignment{Meta: isms.Meta{ID: "ra-10"}, Person: "carol", Role: "role-dpo", From: entDate(2026, 1, 1)})
	entOneFinding(t, isms.CheckRoles(st, nil, mgmtNow), isms.Finding{
		Code: "role.unknown", Severity: isms.SeverityError, Subject: isms.NewRef("role_assignment", "ra-10"),
		Field: "role", Message: `carol is assigned role "role-dpo", which is not defined`,
		Details: map[string]string{"person": "carol", "role": "role-dpo"},
	})
}

func TestRoleRoundTrip(t *testing.T) {
	st := mgmtStaffing()
	for _, v := range []any{st.People[0], st.Roles[0], st.Assignments[2], mgmtRACI()} {
		switch v := v.(type) {
		case *isms.Person:
			assert.Equal(t, v, entRoundTrip(t, v))
		case *isms.Role:
			assert.Equal(t, v, entRoundTrip(t, v))
		case *isms.RoleAssignment:
			assert.Equal(t, v, entRoundTrip(t, v))
		case *isms.RACIMatrix:
			assert.Equal(t, v, entRoundTrip(t, v))
		}
	}
	_, err := isms.ParseRole([]byte(`{"name":"r","management":"yes"}`))
	require.ErrorIs(t, err, isms.ErrInvalid)
}

func FuzzParsePerson(f *testing.F) {
	entFuzzParse(f, isms.ParsePerson, mgmtStaffing().People[0], isms.Person{Name: "p", JoinedAt: entDate(2025, 1, 1)})
}

func FuzzParseRole(f *testing.F) {
	entFuzzParse(f, isms.ParseRole, isms.Role{Name: "r", Management: true, Duties: []string{"a"}, Competences: []string{"c"}})
}

func FuzzParseRoleAssignment(f *testing.F) {
	entFuzzParse(f, isms.ParseRoleAssignment, mgmtStaffing().Assignments[2])
}

func FuzzParseRACIMatrix(f *testing.F) {
	entFuzzParse(f, isms.ParseRACIMatrix, mgmtRACI())
}
