package audit

import (
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// MaxAuditsPerCycle bounds FrequencyRule.MinAudits.
const MaxAuditsPerCycle = 100

// FrequencyRule is the rule, as data, that audits a control more often
// where risk is high: every control selected by the treatment of a risk
// (not closed) with an assessment (inherent, current or residual) at
// MinLevel or higher on the matrix is audited at least MinAudits times
// in the cycle.
type FrequencyRule struct {
	// MinLevel is the ID of a risk level of the matrix.
	MinLevel string `json:"min_level"`
	// MinAudits is 1 to MaxAuditsPerCycle.
	MinAudits int `json:"min_audits"`
}

// DefaultFrequencyRules returns the default for m: a control selected by
// a risk at the matrix's highest level is audited every year of a
// three-year cycle (three times). Nil for a matrix with fewer than two
// risk levels, or nil.
func DefaultFrequencyRules(m *risk.Matrix) []FrequencyRule {
	if m == nil || len(m.Risk) < 2 {
		return nil
	}
	return []FrequencyRule{{MinLevel: m.Risk[len(m.Risk)-1].ID, MinAudits: 3}}
}

// Responsibility says that a role or a person is responsible for a
// requirement: the area or work their audits may not cover (9.2.2 c).
// Requirement may be a clause or theme, covering what it contains.
type Responsibility struct {
	Requirement isms.Ref `json:"requirement"`
	// Role is the ID of a Role of the staffing; Person of a Person. One
	// of them is set.
	Role   isms.ID `json:"role,omitempty"`
	Person isms.ID `json:"person,omitempty"`
}

// ProgrammeContext is what CheckProgramme checks a programme against.
// Every field is optional; a nil field skips what needs it.
type ProgrammeContext struct {
	// SoA gives the applicable controls the cycle must cover, and their
	// owners (an owner may not audit the control).
	SoA *controls.SoA `json:"soa,omitempty"`
	// Risks and Matrix give each control's risk level for the frequency
	// rules.
	Risks  []*risk.Risk `json:"risks,omitempty"`
	Matrix *risk.Matrix `json:"matrix,omitempty"`
	// Frequency are the frequency rules; nil means
	// DefaultFrequencyRules(Matrix), an empty non-nil slice none.
	Frequency []FrequencyRule `json:"frequency,omitempty"`
	// Staffing gives the roles each auditor holds at the audit's start.
	Staffing *isms.Staffing `json:"staffing,omitempty"`
	// Responsibilities say who is responsible for which requirement.
	Responsibilities []Responsibility `json:"responsibilities,omitempty"`
}

func (c *ProgrammeContext) rules() ([]FrequencyRule, error) {
	if c == nil || c.Matrix == nil {
		return nil, nil
	}
	rules := c.Frequency
	if rules == nil {
		rules = DefaultFrequencyRules(c.Matrix)
	}
	for i, r := range rules {
		if c.Matrix.RiskIndex(r.MinLevel) < 0 {
			return nil, isms.Invalidf("frequency[%d]: %q is not a risk level of matrix %s", i, r.MinLevel, c.Matrix.Ref())
		}
		if r.MinAudits < 1 || r.MinAudits > MaxAuditsPerCycle {
			return nil, isms.Invalidf("frequency[%d]: min_audits %d is not between 1 and %d", i, r.MinAudits, MaxAuditsPerCycle)
		}
	}
	return rules, nil
}

// CheckProgramme returns what needs attention about p at now, sorted with
// isms.SortFindings. A nil p has no findings. The checks:
//
//   - audit.programme.owner_missing: the programme has no owner.
//   - audit.programme.clause_not_covered: a clause of RequirementClauses
//     is in the scope of no audit of the cycle (cancelled audits and
//     audits starting outside the cycle do not count).
//   - audit.programme.control_not_covered: likewise for a control the
//     SoA marks applicable.
//   - audit.programme.frequency_not_met: a control selected by a risk at
//     or above a rule's level is audited fewer times than the rule says
//     (the strictest rule that applies).
//   - audit.programme.auditor_missing, criteria_missing, scope_missing:
//     an audit (not cancelled) lacks auditors, criteria or scope.
//   - audit.programme.requirement_unknown: a scope ref names no clause
//     or control of the catalogs.
//   - audit.programme.auditor_not_independent: at the audit's planned
//     start, an auditor is Responsible (as a person, or through a role
//     assignment in force) for a requirement that overlaps the audit's
//     scope, or owns (as a person or role ID) an SoA entry in scope; the
//     conflicts are listed responsibilities first, then SoA entries in
//     SoA order.
//   - audit.programme.audit_overdue: planned or in progress, and now is
//     after the planned end.
//   - audit.programme.audit_outside_cycle: the audit starts outside the
//     cycle.
//   - audit.programme.results_missing: a completed audit has neither a
//     report nor a summary.
//
// The error, answering isms.ErrInvalid, reports frequency rules that do
// not fit the matrix; there are then no findings.
func CheckProgramme(p *Programme, c *ProgrammeContext, now time.Time) ([]isms.Finding, error) {
	rules, err := c.rules()
	if err != nil {
		return nil, wrap("check programme", err)
	}
	if p == nil {
		return nil, nil
	}
	if c == nil {
		c = &ProgrammeContext{}
	}
	annex := controls.ISO27001_2022()
	subj := p.Ref()
	var out []isms.Finding
	if blank(p.Owner) {
		out = append(out, newFinding(CodeProgrammeOwnerMissing, subj, "owner", nil, "programme %q has no owner", p.Title))
	}
	var counted []*Audit
	for i := range p.Audits {
		a := &p.Audits[i]
		f := indexField("audits", i)
		aref := a.Ref()
		if a.Status == AuditCancelled {
			continue
		}
		if !p.inCycle(a) {
			out = append(out, newFinding(CodeAuditOutsideCycle, subj, f+".planned_start",
				map[string]string{"audit": string(a.ID), "planned_start": stamp(a.PlannedStart), "cycle_start": stamp(p.CycleStart), "cycle_end": stamp(p.CycleEnd())},
				"audit %q starts outside the cycle", a.Title))
		} else {
			counted = append(counted, a)
		}
		d := map[string]string{"audit": string(a.ID)}
		if len(a.Auditors) == 0 {
			out = append(out, withRelated(newFinding(CodeAuditorMissing, subj, f+".auditors", d, "audit %q names no auditor", a.Title), aref))
		}
		if len(a.Criteria) == 0 {
			out = append(out, withRelated(newFinding(CodeCriteriaMissing, subj, f+".criteria", d, "audit %q states no criteria", a.Title), aref))
		}
		if len(a.Scope) == 0 {
			out = append(out, withRelated(newFinding(CodeScopeMissing, subj, f+".scope", d, "audit %q names no scope", a.Title), aref))
		}
		for k, r := range a.Scope {
			if !knownRequirement(r, annex) {
				out = append(out, withRelated(newFinding(CodeRequirementUnknown, subj, indexField(f+".scope", k),
					map[string]string{"audit": string(a.ID), "requirement": r.String()}, "audit %q names unknown requirement %s", a.Title, r), aref))
			}
		}
		if (a.Status == AuditPlanned || a.Status == AuditInProgress) && now.After(a.PlannedEnd) {
			out = append(out, withRelated(newFinding(CodeAuditOverdue, subj, f+".planned_end",
				map[string]string{"audit": string(a.ID), "planned_end": stamp(a.PlannedEnd), "now": stamp(now), "status": string(a.Status)},
				"audit %q was to end on %s and is %s", a.Title, day(a.PlannedEnd), a.Status), aref))
		}
		if a.Status == AuditCompleted && a.Report.IsZero() && blank(a.Summary) {
			out = append(out, withRelated(newFinding(CodeResultsMissing, subj, f+".report", d, "completed audit %q records no results", a.Title), aref))
		}
		out = append(out, independence(subj, f, a, c)...)
	}
	out = append(out, coverage(subj, counted, c, rules)...)
	isms.SortFindings(out)
	return out, nil
}

func withRelated(f isms.Finding, refs ...isms.Ref) isms.Finding {
	f.Related = append(f.Related, refs...)
	return f
}

// auditCount counts the audits whose scope covers req.
func auditCount(audits []*Audit, req isms.Ref) (n int, ids []string) {
	for _, a := range audits {
		for _, s := range a.Scope {
			if Covers(s, req) {
				n++
				ids = append(ids, string(a.ID))
				break
			}
		}
	}
	return n, ids
}

// coverage reports the requirements the counted audits do not cover, and
// the controls audited less often than the frequency rules require.
func coverage(subj isms.Ref, audits []*Audit, c *ProgrammeContext, rules []FrequencyRule) []isms.Finding {
	var out []isms.Finding
	for _, id := range RequirementClauses() {
		req := controls.ClauseRef(id)
		if n, _ := auditCount(audits, req); n == 0 {
			out = append(out, withRelated(newFinding(CodeClauseNotCovered, subj, "audits",
				map[string]string{"clause": string(id)}, "clause %s %s is audited by no audit of the cycle", id, requirementTitle(req, nil)), req))
		}
	}
	if c.SoA == nil {
		return out
	}
	levels := controlLevels(c.Risks, c.Matrix)
	for _, e := range c.SoA.Entries {
		if e.Applicability != controls.Applicable {
			continue
		}
		req := e.Ref()
		n, ids := auditCount(audits, req)
		if n == 0 {
			out = append(out, withRelated(newFinding(CodeControlNotCovered, subj, "audits",
				map[string]string{"control": string(e.ControlID)}, "applicable control %s is audited by no audit of the cycle", e.ControlID), req))
			continue
		}
		lv, ok := levels[e.ControlID]
		if !ok {
			continue
		}
		need, rule := 0, FrequencyRule{}
		for _, r := range rules {
			if lv.rank >= c.Matrix.RiskIndex(r.MinLevel) && r.MinAudits > need {
				need, rule = r.MinAudits, r
			}
		}
		if n < need {
			f := newFinding(CodeFrequencyNotMet, subj, "audits",
				map[string]string{"control": string(e.ControlID), "level": lv.level, "risk": string(lv.risk.ID),
					"rule_min_level": rule.MinLevel, "required": strconv.Itoa(need), "audits": strconv.Itoa(n), "audit_ids": strings.Join(ids, ", ")},
				"control %s is selected by a %s risk and audited %d times in the cycle; the rule requires %d", e.ControlID, lv.level, n, need)
			out = append(out, withRelated(f, req, lv.risk))
		}
	}
	return out
}

type controlLevel struct {
	rank  int
	level string
	risk  isms.Ref
}

// controlLevels returns, for each control a risk (not closed) selects,
// the highest level any assessment of those risks reaches (inherent,
// current or residual: a control matters as much as the worst risk it
// treats), with the risk.
func controlLevels(risks []*risk.Risk, m *risk.Matrix) map[isms.ID]controlLevel {
	out := map[isms.ID]controlLevel{}
	if m == nil {
		return out
	}
	for _, r := range risks {
		if r == nil || r.Status == risk.StatusClosed || r.Treatment == nil {
			continue
		}
		rank, level := -1, ""
		for _, a := range []*risk.Assessment{r.Inherent, r.Current, r.Residual} {
			if a == nil {
				continue
			}
			if i := m.RiskIndex(a.Level); i > rank {
				rank, level = i, a.Level
			}
		}
		if rank < 0 {
			continue
		}
		for _, ctl := range r.Treatment.Controls {
			if ctl.Kind != isms.KindControl {
				continue
			}
			if cur, ok := out[ctl.ID]; !ok || rank > cur.rank {
				out[ctl.ID] = controlLevel{rank: rank, level: level, risk: r.Ref()}
			}
		}
	}
	return out
}

// independence reports the auditors of a who are responsible for, or own,
// a requirement in its scope at its planned start.
func independence(subj isms.Ref, field string, a *Audit, c *ProgrammeContext) []isms.Finding {
	if len(a.Auditors) == 0 || len(a.Scope) == 0 {
		return nil
	}
	at := a.PlannedStart
	roles := map[isms.ID]map[isms.ID]bool{} // person -> roles held at `at`
	if c.Staffing != nil {
		for _, as := range c.Staffing.Assignments {
			if as != nil && as.ActiveAt(at) {
				if roles[as.Person] == nil {
					roles[as.Person] = map[isms.ID]bool{}
				}
				roles[as.Person][as.Role] = true
			}
		}
	}
	overlaps := func(req isms.Ref) bool {
		for _, s := range a.Scope {
			if Covers(s, req) || Covers(req, s) {
				return true
			}
		}
		return false
	}
	var out []isms.Finding
	for k, auditor := range a.Auditors {
		held := roles[auditor]
		var conflicts []isms.Ref
		var why []string
		seen := map[isms.Ref]bool{}
		add := func(req isms.Ref, reason string) {
			if !seen[req] {
				seen[req] = true
				conflicts = append(conflicts, req)
				why = append(why, req.String()+": "+reason)
			}
		}
		for _, r := range c.Responsibilities {
			switch {
			case r.Person != "" && r.Person == auditor && overlaps(r.Requirement):
				add(r.Requirement, "responsible in person")
			case r.Role != "" && held[r.Role] && overlaps(r.Requirement):
				add(r.Requirement, "holds responsible role "+string(r.Role))
			}
		}
		if c.SoA != nil {
			for _, e := range c.SoA.Entries {
				if e.Owner == "" || !e.Applicability.Included() || !overlaps(e.Ref()) {
					continue
				}
				if e.Owner == string(auditor) {
					add(e.Ref(), "owns the control")
				} else if held[isms.ID(e.Owner)] {
					add(e.Ref(), "holds owning role "+e.Owner)
				}
			}
		}
		if len(conflicts) == 0 {
			continue
		}
		f := newFinding(CodeAuditorNotIndependent, subj, indexField(field+".auditors", k),
			map[string]string{"audit": string(a.ID), "auditor": string(auditor), "at": stamp(at), "conflicts": strings.Join(why, "; ")},
			"auditor %s of audit %q audits their own area or work (%s)", auditor, a.Title, strings.Join(why, "; "))
		out = append(out, withRelated(f, append([]isms.Ref{a.Ref()}, conflicts...)...))
	}
	return out
}
