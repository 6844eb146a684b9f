package audit

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
)

// KindImprovement is the storage kind and Ref kind of an improvement.
const KindImprovement = "audit.improvement"

// SourceKind says where an improvement comes from.
type SourceKind string

// Sources of improvements (10.1).
const (
	SourceAudit        SourceKind = "audit"
	SourceIncident     SourceKind = "incident"
	SourceReview       SourceKind = "management_review"
	SourceRisk         SourceKind = "risk"
	SourceControlCheck SourceKind = "control_check"
	SourceOther        SourceKind = "other"
)

var sourceKindValues = []SourceKind{SourceAudit, SourceIncident, SourceReview, SourceRisk, SourceControlCheck, SourceOther}

// SourceKindValues returns every SourceKind.
func SourceKindValues() []SourceKind { return slices.Clone(sourceKindValues) }

// IsValid reports whether k is a known SourceKind.
func (k SourceKind) IsValid() bool { return slices.Contains(sourceKindValues, k) }

// UnmarshalText accepts only known sources.
func (k *SourceKind) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(k, "improvement source", b, sourceKindValues)
}

// ImprovementStatus is where an improvement or one of its actions stands.
type ImprovementStatus string

// Improvement statuses.
const (
	ImprovementProposed   ImprovementStatus = "proposed"
	ImprovementPlanned    ImprovementStatus = "planned"
	ImprovementInProgress ImprovementStatus = "in_progress"
	ImprovementDone       ImprovementStatus = "done"
	ImprovementRejected   ImprovementStatus = "rejected"
)

var improvementStatusValues = []ImprovementStatus{ImprovementProposed, ImprovementPlanned, ImprovementInProgress,
	ImprovementDone, ImprovementRejected}

// ImprovementStatusValues returns every ImprovementStatus.
func ImprovementStatusValues() []ImprovementStatus { return slices.Clone(improvementStatusValues) }

// IsValid reports whether s is a known ImprovementStatus.
func (s ImprovementStatus) IsValid() bool { return slices.Contains(improvementStatusValues, s) }

// Open reports whether s is neither done nor rejected.
func (s ImprovementStatus) Open() bool { return s != ImprovementDone && s != ImprovementRejected }

// UnmarshalText accepts only known statuses.
func (s *ImprovementStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "improvement status", b, improvementStatusValues)
}

// ImprovementAction is one action of an improvement.
type ImprovementAction struct {
	Title  string            `json:"title"`
	Owner  string            `json:"owner,omitempty"`
	Due    time.Time         `json:"due,omitzero"`
	Status ImprovementStatus `json:"status"`
	DoneAt time.Time         `json:"done_at,omitzero"`
}

// Improvement is an entry of the continual improvement register (ISO/IEC
// 27001:2022 10.1): an opportunity to improve the suitability, adequacy
// or effectiveness of the ISMS, from any source, with its actions.
type Improvement struct {
	isms.Meta
	// Title is required.
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Source is the record the opportunity comes from (a finding, an
	// incident, a review, a risk, a control check); SourceKind its kind.
	Source     isms.Ref   `json:"source,omitzero"`
	SourceKind SourceKind `json:"source_kind"`
	// Requirement is the clause or control concerned, when there is one.
	Requirement isms.Ref  `json:"requirement,omitzero"`
	Owner       string    `json:"owner,omitempty"`
	Due         time.Time `json:"due,omitzero"`
	// Status is required.
	Status  ImprovementStatus   `json:"status"`
	Actions []ImprovementAction `json:"actions,omitzero"`
	// RaisedAt is when the opportunity was recorded; DoneAt when it was
	// done.
	RaisedAt time.Time `json:"raised_at,omitzero"`
	DoneAt   time.Time `json:"done_at,omitzero"`
}

// Ref returns the improvement's Ref (zero for nil).
func (m *Improvement) Ref() isms.Ref {
	if m == nil {
		return isms.Ref{}
	}
	return m.Meta.Ref(KindImprovement)
}

// Validate reports every problem of m: a title, a known source kind and
// status, valid refs (a requirement of kind clause or control), actions
// with a title and a known status, and times in years 0001 to 9999. A nil
// m is an error.
func (m *Improvement) Validate() error {
	if m == nil {
		return isms.Invalidf("improvement is nil")
	}
	var ps isms.Problems
	if m.ID != "" && !m.ID.IsValid() {
		ps.Add("id", isms.CodeMalformed, "id is not a valid ID")
	}
	if blank(m.Title) {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	isms.CheckEnum(&ps, "source_kind", m.SourceKind, sourceKindValues, true)
	isms.CheckEnum(&ps, "status", m.Status, improvementStatusValues, true)
	if !m.Source.IsZero() {
		ps.Merge("source", m.Source.Validate())
	}
	if !m.Requirement.IsZero() {
		checkRequirement(&ps, "requirement", m.Requirement)
	}
	checkTimes(&ps, "", map[string]time.Time{"due": m.Due, "raised_at": m.RaisedAt, "done_at": m.DoneAt})
	for i, a := range m.Actions {
		f := indexField("actions", i)
		if blank(a.Title) {
			ps.Add(f+".title", isms.CodeRequired, "an action needs a title")
		}
		isms.CheckEnum(&ps, f+".status", a.Status, improvementStatusValues, true)
		checkTimes(&ps, f, map[string]time.Time{"due": a.Due, "done_at": a.DoneAt})
	}
	return ps.Err(subjectName("improvement", m.ID))
}

// ParseImprovement decodes a JSON improvement from a user strictly
// (isms.UnmarshalStrict) and validates it. Every error answers
// isms.ErrInvalid.
func ParseImprovement(data []byte) (*Improvement, error) {
	return parseStrict[Improvement]("parse improvement", data)
}

// CheckImprovements returns what needs attention about the register at
// now, sorted with isms.SortFindings; nil entries are skipped. On open
// improvements: audit.improvement.owner_missing (no owner) and
// audit.improvement.overdue (the improvement, or one of its open
// actions, is past its due date). The error, answering isms.ErrInvalid,
// reports options that do not validate.
func CheckImprovements(register []*Improvement, now time.Time, opts *CheckOptions) ([]isms.Finding, error) {
	if err := opts.Validate(); err != nil {
		return nil, wrap("check improvements", err)
	}
	var out []isms.Finding
	for _, m := range register {
		if m == nil || !m.Status.Open() {
			continue
		}
		subj := m.Ref()
		if blank(m.Owner) {
			out = append(out, newFinding(CodeImprovementOwnerMissing, subj, "owner",
				map[string]string{"source": m.Source.String()}, "improvement %q has no owner", m.Title))
		}
		if !m.Due.IsZero() && now.After(m.Due) {
			out = append(out, newFinding(CodeImprovementOverdue, subj, "due",
				map[string]string{"due": stamp(m.Due), "now": stamp(now)}, "improvement %q was due on %s", m.Title, day(m.Due)))
		}
		for i, a := range m.Actions {
			if a.Status.Open() && !a.Due.IsZero() && now.After(a.Due) {
				out = append(out, newFinding(CodeImprovementOverdue, subj, indexField("actions", i)+".due",
					map[string]string{"due": stamp(a.Due), "now": stamp(now)},
					"action %q of improvement %q was due on %s", a.Title, m.Title, day(a.Due)))
			}
		}
	}
	isms.SortFindings(out)
	return out, nil
}

// IncidentImprovements returns the improvements the completed
// post-incident reviews of incs raise: one proposed improvement per
// lesson, sourced from the incident, owned by the incident's owner and
// raised when the review was completed (A.5.27, 10.1). Nil incidents and
// incidents without a completed review raise none.
func IncidentImprovements(incs []*incident.Incident) []*Improvement {
	var out []*Improvement
	for _, inc := range incs {
		if inc == nil || inc.Review == nil || inc.Review.CompletedAt.IsZero() {
			continue
		}
		for _, l := range inc.Review.Lessons {
			if blank(l.Text) {
				continue
			}
			out = append(out, &Improvement{Title: l.Text, Source: inc.Ref(), SourceKind: SourceIncident,
				Owner: inc.Owner, Status: ImprovementProposed, RaisedAt: inc.Review.CompletedAt})
		}
	}
	return out
}
