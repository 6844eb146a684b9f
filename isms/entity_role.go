package isms

import (
	"slices"
	"time"
)

// Kinds of the management-system entities, used in Refs and as storage
// kinds.
const (
	KindPerson         = "person"
	KindRole           = "role"
	KindRoleAssignment = "role_assignment"
	KindRACIMatrix     = "raci_matrix"
	KindSoDRule        = "sod_rule"
	KindTrainingRecord = "training_record"
	KindControlCheck   = "control_check"
)

// Person is someone who works for the organisation (staff, contractors):
// who holds roles (RoleAssignment), is trained (TrainingRecord) and counts
// towards the awareness coverage (AwarenessCoverage). Other records name a
// person by the ID of their Person record: Document.Approver,
// RoleAssignment.Person, TrainingRecord.Person.
type Person struct {
	Meta
	// Name is required.
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	// JoinedAt is when the person started; zero means "since always".
	JoinedAt time.Time `json:"joined_at,omitzero"`
	// LeftAt is when the person left; zero while they are still there.
	LeftAt time.Time `json:"left_at,omitzero"`
}

// ActiveAt reports whether p works for the organisation at t: JoinedAt is
// zero or not after t, and LeftAt is zero or after t. A nil p is not
// active.
func (p *Person) ActiveAt(t time.Time) bool {
	return p != nil && !p.JoinedAt.After(t) && (p.LeftAt.IsZero() || p.LeftAt.After(t))
}

// Validate reports every problem of p: a name is required, times must lie
// in years 0001 to 9999 and LeftAt must not be before JoinedAt. A nil p is
// an error.
func (p *Person) Validate() error {
	if p == nil {
		return Invalidf("person is nil")
	}
	var ps Problems
	checkMeta(&ps, p.Meta)
	checkRequired(&ps, "name", p.Name)
	CheckTime(&ps, "joined_at", p.JoinedAt)
	CheckTime(&ps, "left_at", p.LeftAt)
	if !p.LeftAt.IsZero() && p.LeftAt.Before(p.JoinedAt) {
		ps.Add("left_at", CodeOrder, "left_at is before joined_at")
	}
	return ps.Err(subjectName(KindPerson, p.ID))
}

// ParsePerson decodes a JSON person from a user strictly (UnmarshalStrict)
// and validates it. Every error answers errors.Is(err, ErrInvalid).
func ParsePerson(data []byte) (*Person, error) { return parseEntity[Person](KindPerson, data) }

// Role is an ISMS role with its responsibilities and authorities (ISO/IEC
// 27001:2022 5.3, A.5.2): "CISO", "asset owner", "internal auditor".
type Role struct {
	Meta
	// Name is required.
	Name             string   `json:"name"`
	Description      string   `json:"description,omitempty"`
	Responsibilities []string `json:"responsibilities,omitzero"`
	// Management reports whether the role is a management role: whoever
	// holds it may approve policies (5.1, 5.2, A.5.1).
	Management bool `json:"management,omitempty"`
	// Duties are the duties the role carries, named as in SoDRule
	// ("access.request", "access.approve"); CheckSoD finds people who hold
	// conflicting duties through their roles. Each at most once.
	Duties []string `json:"duties,omitzero"`
	// Competences are the competences (7.2) a holder of the role needs,
	// named as in TrainingRecord.Competences; each at most once (see
	// CheckCompetence).
	Competences []string `json:"competences,omitzero"`
}

// Validate reports every problem of r: a name is required; duties and
// competences must not be blank nor listed twice. A nil r is an error.
func (r *Role) Validate() error {
	if r == nil {
		return Invalidf("role is nil")
	}
	var ps Problems
	checkMeta(&ps, r.Meta)
	checkRequired(&ps, "name", r.Name)
	checkNameList(&ps, "duties", r.Duties)
	checkNameList(&ps, "competences", r.Competences)
	return ps.Err(subjectName(KindRole, r.ID))
}

// ParseRole decodes a JSON role from a user strictly (UnmarshalStrict) and
// validates it. Every error answers errors.Is(err, ErrInvalid).
func ParseRole(data []byte) (*Role, error) { return parseEntity[Role](KindRole, data) }

// checkNameList reports blank names and names listed twice, in one pass.
func checkNameList(ps *Problems, field string, names []string) {
	first := make(map[string]int, len(names))
	for i, n := range names {
		if blank(n) {
			ps.Add(indexField(field, i), CodeRequired, indexField(field, i)+" is blank")
			continue
		}
		if j, dup := first[n]; dup {
			ps.Addf(indexField(field, i), CodeDuplicate, "%q is listed twice (first at [%d])", n, j)
			continue
		}
		first[n] = i
	}
}

// RoleAssignment records that a person holds a role over a period:
// from From (inclusive) until Until (exclusive; zero while it lasts).
// Assignments are kept when they end, so that who held a role at any time
// can be answered (the approver of a policy held a management role when
// they approved it).
type RoleAssignment struct {
	Meta
	// Person is the ID of the Person record; required.
	Person ID `json:"person"`
	// Role is the ID of the Role; required.
	Role ID `json:"role"`
	// From is required.
	From  time.Time `json:"from"`
	Until time.Time `json:"until,omitzero"`
}

// ActiveAt reports whether a is in force at t: From is not after t and
// Until is zero or after t. A nil a is not active.
func (a *RoleAssignment) ActiveAt(t time.Time) bool {
	return a != nil && !a.From.After(t) && (a.Until.IsZero() || a.Until.After(t))
}

// Validate reports every problem of a: a valid person and role ID and a
// start are required; Until must be after From. A nil a is an error.
func (a *RoleAssignment) Validate() error {
	if a == nil {
		return Invalidf("role assignment is nil")
	}
	var ps Problems
	checkMeta(&ps, a.Meta)
	checkRequiredID(&ps, "person", a.Person)
	checkRequiredID(&ps, "role", a.Role)
	if a.From.IsZero() {
		ps.Add("from", CodeRequired, "from is required")
	}
	CheckTime(&ps, "from", a.From)
	CheckTime(&ps, "until", a.Until)
	if !a.Until.IsZero() && !a.Until.After(a.From) {
		ps.Add("until", CodeOrder, "until is not after from")
	}
	return ps.Err(subjectName(KindRoleAssignment, a.ID))
}

// ParseRoleAssignment decodes a JSON role assignment from a user strictly
// (UnmarshalStrict) and validates it. Every error answers
// errors.Is(err, ErrInvalid).
func ParseRoleAssignment(data []byte) (*RoleAssignment, error) {
	return parseEntity[RoleAssignment](KindRoleAssignment, data)
}

// checkRequiredID reports an empty or malformed ID.
func checkRequiredID(ps *Problems, field string, id ID) {
	switch {
	case id == "":
		ps.Add(field, CodeRequired, field+" is required")
	case !id.IsValid():
		addIDProblem(ps, field, id)
	}
}

// Staffing is who works for the organisation and which roles they hold:
// the input of CheckRoles, CheckSoD, CheckCompetence, CheckDocumentSet and
// AwarenessCoverage. Nil entries of its slices are skipped.
type Staffing struct {
	People      []*Person         `json:"people,omitzero"`
	Roles       []*Role           `json:"roles,omitzero"`
	Assignments []*RoleAssignment `json:"assignments,omitzero"`
}

// staffIndex is a Staffing indexed once, so that every check is linear.
type staffIndex struct {
	roles    map[ID]*Role
	people   map[ID]*Person
	byPerson map[ID][]*RoleAssignment // every assignment, in input order
	// active are the assignments in force at the index's time.
	activeByPerson map[ID][]*RoleAssignment
	activeByRole   map[ID]int
}

func (s *Staffing) index(now time.Time) *staffIndex {
	ix := &staffIndex{roles: map[ID]*Role{}, people: map[ID]*Person{}, byPerson: map[ID][]*RoleAssignment{},
		activeByPerson: map[ID][]*RoleAssignment{}, activeByRole: map[ID]int{}}
	if s == nil {
		return ix
	}
	ix.roles = make(map[ID]*Role, len(s.Roles))
	for _, r := range s.Roles {
		if r != nil {
			if _, dup := ix.roles[r.ID]; !dup {
				ix.roles[r.ID] = r
			}
		}
	}
	ix.people = make(map[ID]*Person, len(s.People))
	for _, p := range s.People {
		if p != nil {
			if _, dup := ix.people[p.ID]; !dup {
				ix.people[p.ID] = p
			}
		}
	}
	ix.byPerson = make(map[ID][]*RoleAssignment, len(s.People))
	ix.activeByPerson = make(map[ID][]*RoleAssignment, len(s.People))
	ix.activeByRole = make(map[ID]int, len(s.Roles))
	for _, a := range s.Assignments {
		if a == nil {
			continue
		}
		ix.byPerson[a.Person] = append(ix.byPerson[a.Person], a)
		if a.ActiveAt(now) && ix.personActive(a.Person, now) {
			ix.activeByPerson[a.Person] = append(ix.activeByPerson[a.Person], a)
			ix.activeByRole[a.Role]++
		}
	}
	return ix
}

// personActive reports whether the person works for the organisation at
// t; a person with no Person record is taken as active, so that
// assignments alone can be checked.
func (ix *staffIndex) personActive(id ID, t time.Time) bool {
	p, ok := ix.people[id]
	return !ok || p.ActiveAt(t)
}

// managementAt reports whether person held a management role at t, and
// which role.
func (ix *staffIndex) managementAt(person string, t time.Time) (ID, bool) {
	for _, a := range ix.byPerson[ID(person)] {
		if r, ok := ix.roles[a.Role]; ok && r.Management && a.ActiveAt(t) {
			return r.ID, true
		}
	}
	return "", false
}

// Holders returns the IDs of the people who hold the role at t, sorted and
// each once: their assignment is in force at t, and their Person record,
// if any, is active at t (as the checks count them). A nil s has none.
func (s *Staffing) Holders(role ID, t time.Time) []ID {
	if s == nil {
		return nil
	}
	seen := map[ID]bool{}
	for _, p := range s.People {
		if p != nil && !p.ActiveAt(t) {
			seen[p.ID] = true // left, or not yet joined: not a holder
		}
	}
	var out []ID
	for _, a := range s.Assignments {
		if a != nil && a.Role == role && a.ActiveAt(t) && !seen[a.Person] {
			seen[a.Person] = true
			out = append(out, a.Person)
		}
	}
	slices.Sort(out)
	return out
}

// RACI is the part a role plays in an activity.
type RACI string

// RACI parts.
const (
	RACIResponsible RACI = "responsible"
	RACIAccountable RACI = "accountable"
	RACIConsulted   RACI = "consulted"
	RACIInformed    RACI = "informed"
)

var raciValues = []RACI{RACIResponsible, RACIAccountable, RACIConsulted, RACIInformed}

// RACIValues returns every RACI part.
func RACIValues() []RACI { return slices.Clone(raciValues) }

// IsValid reports whether r is a known RACI part.
func (r RACI) IsValid() bool { return slices.Contains(raciValues, r) }

// UnmarshalText accepts only known parts.
func (r *RACI) UnmarshalText(b []byte) error { return UnmarshalEnum(r, "raci", b, raciValues) }

// Common ISMS activities of a RACI matrix. The set is open: any non-blank
// name is an activity.
const (
	ActivityRiskOwnership     = "risk_ownership"
	ActivityControlOwnership  = "control_ownership"
	ActivityIncidentHandling  = "incident_handling"
	ActivityInternalAudit     = "internal_audit"
	ActivityDocumentApproval  = "document_approval"
	ActivityAccessReview      = "access_review"
	ActivityManagementReview  = "management_review"
	ActivitySecurityAwareness = "security_awareness"
)

// RACIEntry says that a role plays a part in an activity.
type RACIEntry struct {
	// Activity is required.
	Activity string `json:"activity"`
	// Role is the ID of the Role; required.
	Role ID `json:"role"`
	// Part is required.
	Part RACI `json:"part"`
}

// RACIMatrix assigns roles to ISMS activities (5.3): who is responsible,
// accountable, consulted and informed. CheckRoles requires exactly one
// accountable role per activity.
type RACIMatrix struct {
	Meta
	// Name is required.
	Name    string      `json:"name"`
	Entries []RACIEntry `json:"entries,omitzero"`
}

// Validate reports every problem of m: a name is required; every entry
// needs an activity, a valid role ID and a known part, and an entry
// (activity, role, part) must not be listed twice. A nil m is an error.
func (m *RACIMatrix) Validate() error {
	if m == nil {
		return Invalidf("raci matrix is nil")
	}
	var ps Problems
	checkMeta(&ps, m.Meta)
	checkRequired(&ps, "name", m.Name)
	seen := make(map[RACIEntry]int, len(m.Entries))
	for i, e := range m.Entries {
		f := indexField("entries", i)
		checkRequired(&ps, f+".activity", e.Activity)
		checkRequiredID(&ps, f+".role", e.Role)
		CheckEnum(&ps, f+".part", e.Part, raciValues, true)
		if j, dup := seen[e]; dup {
			ps.Addf(f, CodeDuplicate, "the entry is listed twice (first at [%d])", j)
		} else {
			seen[e] = i
		}
	}
	return ps.Err(subjectName(KindRACIMatrix, m.ID))
}

// ParseRACIMatrix decodes a JSON RACI matrix from a user strictly
// (UnmarshalStrict) and validates it. Every error answers
// errors.Is(err, ErrInvalid).
func ParseRACIMatrix(data []byte) (*RACIMatrix, error) {
	return parseEntity[RACIMatrix](KindRACIMatrix, data)
}

// CheckRoles returns what needs attention about the roles of s and the
// RACI matrix m at now, sorted with SortFindings. A nil s and a nil m are
// empty. The checks:
//
//   - raci.accountable_missing: an activity of m has no accountable role.
//   - raci.accountable_multiple: an activity has more than one.
//   - raci.role_unknown: an entry names a role that is not in s.
//   - role.vacant: a role of s is held by nobody at now.
//   - role.unknown: an assignment of s names a role that is not in s.
//
// It runs in time linear in the size of s and m.
func CheckRoles(s *Staffing, m *RACIMatrix, now time.Time) []Finding {
	ix := s.index(now)
	var fs []Finding
	if m != nil {
		subject := m.Meta.Ref(KindRACIMatrix)
		accountable := map[string][]ID{}
		var activities []string
		for i, e := range m.Entries {
			if _, ok := accountable[e.Activity]; !ok {
				accountable[e.Activity] = nil
				activities = append(activities, e.Activity)
			}
			if e.Part == RACIAccountable {
				accountable[e.Activity] = append(accountable[e.Activity], e.Role)
			}
			if _, ok := ix.roles[e.Role]; !ok {
				fs = append(fs, newFinding(CodeRACIRoleUnknown, subject, indexField("entries", i)+".role",
					map[string]string{"activity": e.Activity, "role": string(e.Role)},
					"activity %q names role %q, which is not defined", e.Activity, e.Role))
			}
		}
		for _, a := range activities {
			switch roles := accountable[a]; {
			case len(roles) == 0:
				fs = append(fs, newFinding(CodeRACIAccountableMissing, subject, "entries",
					map[string]string{"activity": a}, "activity %q has no accountable role", a))
			case len(roles) > 1:
				fs = append(fs, newFinding(CodeRACIAccountableMultiple, subject, "entries",
					map[string]string{"activity": a, "roles": joinIDs(roles)},
					"activity %q has %d accountable roles", a, len(roles)))
			}
		}
	}
	if s != nil {
		for _, r := range s.Roles {
			if r != nil && ix.activeByRole[r.ID] == 0 {
				fs = append(fs, newFinding(CodeRoleVacant, r.Meta.Ref(KindRole), "",
					map[string]string{"now": formatTime(now)}, "role %q is held by nobody", r.Name))
			}
		}
		for _, a := range s.Assignments {
			if a == nil {
				continue
			}
			if _, ok := ix.roles[a.Role]; !ok {
				fs = append(fs, newFinding(CodeRoleUnknown, a.Meta.Ref(KindRoleAssignment), "role",
					map[string]string{"person": string(a.Person), "role": string(a.Role)},
					"%s is assigned role %q, which is not defined", a.Person, a.Role))
			}
		}
	}
	SortFindings(fs)
	return fs
}

// joinIDs joins ids with ", ".
func joinIDs(ids []ID) string {
	var b []byte
	for i, id := range ids {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, id...)
	}
	return string(b)
}

// addIDProblem reports a malformed id.
func addIDProblem(ps *Problems, field string, id ID) {
	if ps == nil || id.IsValid() {
		return
	}
	if len(*ps) >= MaxProblems {
		ps.room() // the list is full: close it, without building the message
		return
	}
	if err := id.Validate(); err != nil {
		ps.Add(field, CodeMalformed, err.Error())
	}
}
