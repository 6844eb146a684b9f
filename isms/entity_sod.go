package isms

import (
	"cmp"
	"slices"
	"time"
)

// Common duties of segregation-of-duties rules, named as in Role.Duties.
// The set is open: any non-blank name is a duty.
const (
	DutyAccessRequest    = "access.request"
	DutyAccessApprove    = "access.approve"
	DutyControlPerform   = "control.perform"
	DutyControlAudit     = "control.audit"
	DutyDocumentAuthor   = "document.author"
	DutyDocumentApprove  = "document.approve"
	DutyRiskOwn          = "risk.own"
	DutyRiskAcceptOthers = "risk.accept_others"
)

// SoDRule is one pair of duties a person may not hold together
// (segregation of duties, ISO/IEC 27001:2022 A.5.3).
type SoDRule struct {
	Meta
	// Name is required.
	Name string `json:"name"`
	// DutyA and DutyB are the conflicting duties; both required and
	// different.
	DutyA     string `json:"duty_a"`
	DutyB     string `json:"duty_b"`
	Rationale string `json:"rationale,omitempty"`
}

// Validate reports every problem of r: a name and two different duties
// are required. A nil r is an error.
func (r *SoDRule) Validate() error {
	if r == nil {
		return Invalidf("sod rule is nil")
	}
	var ps Problems
	checkMeta(&ps, r.Meta)
	checkRequired(&ps, "name", r.Name)
	checkRequired(&ps, "duty_a", r.DutyA)
	checkRequired(&ps, "duty_b", r.DutyB)
	if !blank(r.DutyA) && r.DutyA == r.DutyB {
		ps.Add("duty_b", CodeForbidden, "duty_b is the same duty as duty_a")
	}
	return ps.Err(subjectName(KindSoDRule, r.ID))
}

// ParseSoDRule decodes a JSON segregation-of-duties rule from a user
// strictly (UnmarshalStrict) and validates it. Every error answers
// errors.Is(err, ErrInvalid).
func ParseSoDRule(data []byte) (*SoDRule, error) { return parseEntity[SoDRule](KindSoDRule, data) }

// DefaultSoDRules returns the four conflicts of A.5.3 every organisation
// starts from: requesting and approving access; performing and auditing a
// control; authoring and approving a document; owning a risk and
// accepting risks on another's behalf.
func DefaultSoDRules() []*SoDRule {
	return []*SoDRule{
		{Meta: Meta{ID: "sod-access"}, Name: "Request and approve access", DutyA: DutyAccessRequest, DutyB: DutyAccessApprove,
			Rationale: "whoever requests access must not grant it to themselves"},
		{Meta: Meta{ID: "sod-control"}, Name: "Perform and audit a control", DutyA: DutyControlPerform, DutyB: DutyControlAudit,
			Rationale: "auditors must not audit their own work (9.2.2)"},
		{Meta: Meta{ID: "sod-document"}, Name: "Author and approve a document", DutyA: DutyDocumentAuthor, DutyB: DutyDocumentApprove,
			Rationale: "an approval is an independent review of the author's work"},
		{Meta: Meta{ID: "sod-risk"}, Name: "Own a risk and accept others' risks", DutyA: DutyRiskOwn, DutyB: DutyRiskAcceptOthers,
			Rationale: "risk acceptance on another's behalf needs an independent decision"},
	}
}

// CheckSoD returns every violation of the rules in s at now, sorted with
// SortFindings: one sod.conflict finding per person and rule, when the
// person holds, through the roles assigned to them at now, both duties of
// the rule. The subject is the person (Ref{KindPerson, id}); Related lists
// the rule, the roles and the assignments behind the conflict; Details
// name the rule, both duties, and the role and assignment that carry each
// (the first in input order, when several do). Nil rules and entries are
// skipped; a role not in s carries no duties. It runs in time linear in
// the size of s and rules (for a bounded number of duties per role).
func CheckSoD(s *Staffing, rules []*SoDRule, now time.Time) []Finding {
	if s == nil || len(rules) == 0 {
		return nil
	}
	// byDuty maps a duty to the rules that name it.
	byDuty := map[string][]int{}
	for i, r := range rules {
		if r == nil || blank(r.DutyA) || r.DutyA == r.DutyB {
			continue
		}
		byDuty[r.DutyA] = append(byDuty[r.DutyA], i)
		byDuty[r.DutyB] = append(byDuty[r.DutyB], i)
	}
	// Only roles that carry a duty of some rule matter.
	roles := make(map[ID]*Role, len(s.Roles))
	for _, r := range s.Roles {
		if r == nil {
			continue
		}
		if _, dup := roles[r.ID]; dup {
			continue
		}
		for _, d := range r.Duties {
			if _, ok := byDuty[d]; ok {
				roles[r.ID] = r
				break
			}
		}
	}
	var left map[ID]bool // people not active at now
	for _, p := range s.People {
		if p != nil && !p.ActiveAt(now) {
			if left == nil {
				left = map[ID]bool{}
			}
			left[p.ID] = true
		}
	}
	// The active assignments of relevant roles, grouped by person in
	// input order.
	var active []*RoleAssignment
	for _, a := range s.Assignments {
		if a == nil || !a.ActiveAt(now) || left[a.Person] {
			continue
		}
		if _, ok := roles[a.Role]; ok {
			active = append(active, a)
		}
	}
	slices.SortStableFunc(active, func(a, b *RoleAssignment) int { return cmp.Compare(a.Person, b.Person) })
	type carrier struct {
		duty       string
		role       ID
		assignment *RoleAssignment
	}
	var (
		fs   []Finding
		held []carrier
		hits []int
	)
	find := func(duty string) (carrier, bool) {
		for _, c := range held {
			if c.duty == duty {
				return c, true
			}
		}
		return carrier{}, false
	}
	for start := 0; start < len(active); {
		person := active[start].Person
		end := start
		held, hits = held[:0], hits[:0]
		for ; end < len(active) && active[end].Person == person; end++ {
			a := active[end]
			r := roles[a.Role]
			for _, d := range r.Duties {
				ix, relevant := byDuty[d]
				if !relevant {
					continue
				}
				if _, dup := find(d); dup {
					continue
				}
				held = append(held, carrier{d, r.ID, a})
				hits = append(hits, ix...)
			}
		}
		start = end
		if len(held) < 2 {
			continue
		}
		slices.Sort(hits)
		hits = slices.Compact(hits)
		for _, i := range hits {
			rule := rules[i]
			ca, okA := find(rule.DutyA)
			cb, okB := find(rule.DutyB)
			if !okA || !okB {
				continue
			}
			related := []Ref{rule.Meta.Ref(KindSoDRule), {Kind: KindRole, ID: ca.role}, ca.assignment.Meta.Ref(KindRoleAssignment)}
			if cb.assignment != ca.assignment {
				related = append(related, Ref{Kind: KindRole, ID: cb.role}, cb.assignment.Meta.Ref(KindRoleAssignment))
			}
			f := newFinding(CodeSoDConflict, Ref{Kind: KindPerson, ID: person}, "",
				map[string]string{
					"rule": string(rule.ID), "duty_a": rule.DutyA, "duty_b": rule.DutyB,
					"role_a": string(ca.role), "role_b": string(cb.role),
					"assignment_a": string(ca.assignment.ID), "assignment_b": string(cb.assignment.ID),
				},
				"%s holds both %q (role %s) and %q (role %s): %s", person, rule.DutyA, ca.role, rule.DutyB, cb.role, rule.Name)
			f.Related = related
			fs = append(fs, f)
		}
	}
	SortFindings(fs)
	return fs
}
