package audit

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// KindProgramme is the storage kind and Ref kind of an audit programme.
const KindProgramme = "audit.programme"

// KindAudit is the Ref kind of one audit of a programme.
const KindAudit = "audit.audit"

// DefaultCycle is the length of a certification cycle: three years.
func DefaultCycle() isms.Duration { return isms.Years(3) }

// AuditStatus is where one audit of a programme stands.
type AuditStatus string

// Audit statuses.
const (
	AuditPlanned    AuditStatus = "planned"
	AuditInProgress AuditStatus = "in_progress"
	AuditCompleted  AuditStatus = "completed"
	AuditCancelled  AuditStatus = "cancelled"
)

var auditStatusValues = []AuditStatus{AuditPlanned, AuditInProgress, AuditCompleted, AuditCancelled}

// AuditStatusValues returns every AuditStatus.
func AuditStatusValues() []AuditStatus { return slices.Clone(auditStatusValues) }

// IsValid reports whether s is a known AuditStatus.
func (s AuditStatus) IsValid() bool { return slices.Contains(auditStatusValues, s) }

// UnmarshalText accepts only known statuses.
func (s *AuditStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "audit status", b, auditStatusValues)
}

// Audit is one internal audit of a programme (9.2.2): its criteria and
// scope, its auditors, its dates and its results.
type Audit struct {
	// ID identifies the audit within the programme; required.
	ID isms.ID `json:"id"`
	// Title is required.
	Title string `json:"title"`
	// Criteria are the audit criteria (9.2.2 b): "ISO/IEC 27001:2022",
	// "Access control policy v2".
	Criteria []string `json:"criteria,omitzero"`
	// Scope lists the clauses (controls.ClauseRef) and controls (isms.ControlRef)
	// audited; a clause or theme covers what it contains (Covers).
	Scope []isms.Ref `json:"scope,omitzero"`
	// Auditors are the IDs of the Person records of the auditors.
	Auditors []isms.ID `json:"auditors,omitzero"`
	// PlannedStart and PlannedEnd are the planned dates; required.
	PlannedStart time.Time `json:"planned_start"`
	PlannedEnd   time.Time `json:"planned_end"`
	// Status is required.
	Status AuditStatus `json:"status"`
	// CompletedAt is when a completed audit ended.
	CompletedAt time.Time `json:"completed_at,omitzero"`
	// Report points at the audit report (documented information of the
	// results, 9.2.2 g).
	Report isms.Ref `json:"report,omitzero"`
	// Summary states the results in a few lines.
	Summary string `json:"summary,omitempty"`
	// Findings are the IDs of the findings the audit raised.
	Findings []isms.ID `json:"findings,omitzero"`
}

// Ref returns the audit's Ref.
func (a *Audit) Ref() isms.Ref {
	if a == nil {
		return isms.Ref{}
	}
	return isms.Ref{Kind: KindAudit, ID: a.ID}
}

// Programme is the internal audit programme (ISO/IEC 27001:2022 9.2.2):
// the audits planned over a certification cycle, and the results of
// those already done.
type Programme struct {
	isms.Meta
	// Title is required.
	Title string `json:"title"`
	// Owner manages the programme.
	Owner string `json:"owner,omitempty"`
	// CycleStart is the start of the certification cycle; required.
	CycleStart time.Time `json:"cycle_start"`
	// CycleLength is the length of the cycle; zero means DefaultCycle.
	CycleLength isms.Duration `json:"cycle_length,omitzero"`
	// Audits are the audits of the cycle, each ID once.
	Audits []Audit `json:"audits,omitzero"`
}

// Ref returns the programme's Ref (zero for nil).
func (p *Programme) Ref() isms.Ref {
	if p == nil {
		return isms.Ref{}
	}
	return p.Meta.Ref(KindProgramme)
}

// CycleEnd returns the end of the cycle (exclusive): CycleStart plus the
// cycle length. Zero for a nil p or a zero start.
func (p *Programme) CycleEnd() time.Time {
	if p == nil || p.CycleStart.IsZero() {
		return time.Time{}
	}
	l := p.CycleLength
	if l.IsZero() {
		l = DefaultCycle()
	}
	return l.AddTo(p.CycleStart)
}

// inCycle reports whether the audit starts within the cycle.
func (p *Programme) inCycle(a *Audit) bool {
	return !a.PlannedStart.Before(p.CycleStart) && a.PlannedStart.Before(p.CycleEnd())
}

// Validate reports every problem of p: a title and a cycle start are
// required; the cycle length must validate and be positive; each audit
// needs a unique valid ID, a title, a known status, planned dates in
// order, scope refs of kind clause or control each once, valid auditor
// IDs each once, and a completion time only when completed. Times lie in
// years 0001 to 9999. It runs in time linear in the size of p. A nil p is
// an error.
func (p *Programme) Validate() error {
	if p == nil {
		return isms.Invalidf("programme is nil")
	}
	var ps isms.Problems
	if p.ID != "" && !p.ID.IsValid() {
		ps.Add("id", isms.CodeMalformed, "id is not a valid ID")
	}
	if blank(p.Title) {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	if p.CycleStart.IsZero() {
		ps.Add("cycle_start", isms.CodeRequired, "cycle_start is required")
	}
	isms.CheckTime(&ps, "cycle_start", p.CycleStart)
	if err := p.CycleLength.Validate(); err != nil {
		ps.Add("cycle_length", isms.CodeOutOfRange, err.Error())
	} else if p.CycleLength.Nominal() < 0 || (!p.CycleLength.IsZero() && p.CycleLength.Nominal() == 0) {
		ps.Add("cycle_length", isms.CodeOutOfRange, "cycle_length must be positive")
	}
	ids := make(map[isms.ID]int, len(p.Audits))
	for i := range p.Audits {
		a := &p.Audits[i]
		f := indexField("audits", i)
		if err := a.ID.Validate(); err != nil {
			ps.Add(f+".id", isms.CodeMalformed, err.Error())
		} else if j, dup := ids[a.ID]; dup {
			ps.Addf(f+".id", isms.CodeDuplicate, "audit %q is listed twice (first at [%d])", a.ID, j)
		} else {
			ids[a.ID] = i
		}
		if blank(a.Title) {
			ps.Add(f+".title", isms.CodeRequired, "title is required")
		}
		isms.CheckEnum(&ps, f+".status", a.Status, auditStatusValues, true)
		if a.PlannedStart.IsZero() || a.PlannedEnd.IsZero() {
			ps.Add(f+".planned_start", isms.CodeRequired, "planned_start and planned_end are required")
		} else if a.PlannedEnd.Before(a.PlannedStart) {
			ps.Add(f+".planned_end", isms.CodeOrder, "planned_end is before planned_start")
		}
		checkTimes(&ps, f, map[string]time.Time{"planned_start": a.PlannedStart, "planned_end": a.PlannedEnd, "completed_at": a.CompletedAt})
		if !a.CompletedAt.IsZero() && a.Status != AuditCompleted {
			ps.Addf(f+".completed_at", isms.CodeForbidden, "completed_at is set but the status is %q", a.Status)
		}
		seen := make(map[isms.Ref]int, len(a.Scope))
		for k, r := range a.Scope {
			checkRequirement(&ps, indexField(f+".scope", k), r)
			if j, dup := seen[r]; dup {
				ps.Addf(indexField(f+".scope", k), isms.CodeDuplicate, "%s is listed twice (first at [%d])", r, j)
			} else {
				seen[r] = k
			}
		}
		checkIDs(&ps, f+".auditors", a.Auditors)
		checkIDs(&ps, f+".findings", a.Findings)
		if !a.Report.IsZero() {
			ps.Merge(f+".report", a.Report.Validate())
		}
	}
	return ps.Err(subjectName("programme", p.ID))
}

// ParseProgramme decodes a JSON programme from a user strictly
// (isms.UnmarshalStrict) and validates it. Every error answers
// isms.ErrInvalid.
func ParseProgramme(data []byte) (*Programme, error) {
	return parseStrict[Programme]("parse programme", data)
}
