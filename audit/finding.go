package audit

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// KindFinding is the storage kind and Ref kind of an audit finding.
const KindFinding = "audit.finding"

// FindingKind grades an audit finding.
type FindingKind string

// Finding kinds, from the most to the least serious.
const (
	// MajorNonconformity: a requirement is not fulfilled in a way that
	// puts the ISMS's ability to achieve its results in doubt (a required
	// process absent or broken down). An open one bars certification.
	MajorNonconformity FindingKind = "major_nonconformity"
	// MinorNonconformity: a requirement is not fulfilled in a single,
	// isolated way.
	MinorNonconformity FindingKind = "minor_nonconformity"
	// Observation: no requirement is broken yet, but one may be.
	Observation FindingKind = "observation"
	// OpportunityForImprovement: a suggestion; no requirement at stake.
	OpportunityForImprovement FindingKind = "opportunity_for_improvement"
)

var findingKindValues = []FindingKind{MajorNonconformity, MinorNonconformity, Observation, OpportunityForImprovement}

// FindingKindValues returns every FindingKind, most serious first.
func FindingKindValues() []FindingKind { return slices.Clone(findingKindValues) }

// IsValid reports whether k is a known FindingKind.
func (k FindingKind) IsValid() bool { return slices.Contains(findingKindValues, k) }

// IsNonconformity reports whether k is a major or minor nonconformity:
// a finding that needs a corrective action (10.2).
func (k FindingKind) IsNonconformity() bool {
	return k == MajorNonconformity || k == MinorNonconformity
}

// UnmarshalText accepts only known kinds.
func (k *FindingKind) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(k, "finding kind", b, findingKindValues)
}

// EffectivenessCheck records the review of a corrective action's
// effectiveness (10.2 d) that closing a nonconformity requires.
type EffectivenessCheck struct {
	// Effective is the verdict.
	Effective bool `json:"effective"`
	// By is who verified; not the finding's owner.
	By string `json:"by"`
	// At is when.
	At time.Time `json:"at"`
	// Evidence is what was examined.
	Evidence []isms.Ref `json:"evidence,omitzero"`
	// Note says how effectiveness was judged.
	Note string `json:"note,omitempty"`
}

// FindingTransition is one move of a finding through FindingLifecycle.
type FindingTransition struct {
	From   FindingStatus `json:"from"`
	To     FindingStatus `json:"to"`
	By     string        `json:"by"`
	At     time.Time     `json:"at"`
	Reason string        `json:"reason,omitempty"`
}

// Finding is an audit finding and, for a nonconformity, its corrective
// action (ISO/IEC 27001:2022 10.2): the requirement it fails, the
// evidence, the root cause, the correction, the corrective action with
// its owner and due date, and the effectiveness check before closing.
// It moves through FindingLifecycle by Step, which records History.
type Finding struct {
	isms.Meta
	// Audit is the ID of the audit that raised the finding, when one did
	// (findings also come from incidents, reviews and monitoring).
	Audit isms.ID `json:"audit,omitempty"`
	// Kind is required.
	Kind FindingKind `json:"kind"`
	// Title is required.
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Requirement is the clause (KindClause) or control (isms.KindControl)
	// the finding is about; required.
	Requirement isms.Ref `json:"requirement"`
	// Evidence is what shows the finding, each once.
	Evidence []isms.Ref `json:"evidence,omitzero"`
	// RootCause is the cause of the nonconformity (10.2 b 2).
	RootCause string `json:"root_cause,omitempty"`
	// Correction is the immediate action to control and correct it
	// (10.2 a).
	Correction string `json:"correction,omitempty"`
	// CorrectiveAction is the action to eliminate the cause (10.2 c).
	CorrectiveAction string `json:"corrective_action,omitempty"`
	// Owner is responsible for the corrective action.
	Owner string `json:"owner,omitempty"`
	// Due is when the corrective action is due.
	Due time.Time `json:"due,omitzero"`
	// Status is where the finding stands; required.
	Status FindingStatus `json:"status"`
	// RaisedBy and RaisedAt record who raised the finding, and when.
	RaisedBy string    `json:"raised_by,omitempty"`
	RaisedAt time.Time `json:"raised_at,omitzero"`
	// ImplementedAt is when the corrective action was implemented.
	ImplementedAt time.Time `json:"implemented_at,omitzero"`
	// Effectiveness is the latest effectiveness check.
	Effectiveness *EffectivenessCheck `json:"effectiveness,omitempty"`
	// ClosedAt is when the finding was closed.
	ClosedAt time.Time `json:"closed_at,omitzero"`
	// History lists the moves, oldest first.
	History []FindingTransition `json:"history,omitzero"`
}

// Ref returns the finding's Ref (zero for a nil finding).
func (f *Finding) Ref() isms.Ref {
	if f == nil {
		return isms.Ref{}
	}
	return f.Meta.Ref(KindFinding)
}

// Open reports whether the finding still needs work: its status is
// neither verified effective nor closed. A nil finding is not open.
func (f *Finding) Open() bool {
	return f != nil && f.Status != StatusVerifiedEffective && f.Status != StatusClosed
}

// Validate reports every problem of f: a known kind and status, a title,
// a valid requirement of kind clause or control, valid evidence refs each
// once, times in years 0001 to 9999 and a history of known statuses, each
// with an actor and a time, in order. It checks structure only; what a
// finding lacks to move on is for the lifecycle's guards, and what needs
// attention for CheckFindings. A nil f is an error.
func (f *Finding) Validate() error {
	if f == nil {
		return isms.Invalidf("finding is nil")
	}
	var ps isms.Problems
	if f.ID != "" && !f.ID.IsValid() {
		ps.Add("id", isms.CodeMalformed, "id is not a valid ID")
	}
	isms.CheckEnum(&ps, "kind", f.Kind, findingKindValues, true)
	isms.CheckEnum(&ps, "status", f.Status, findingStatusValues, true)
	if blank(f.Title) {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	checkRequirement(&ps, "requirement", f.Requirement)
	checkRefList(&ps, "evidence", f.Evidence)
	checkTimes(&ps, "", map[string]time.Time{"due": f.Due, "raised_at": f.RaisedAt,
		"implemented_at": f.ImplementedAt, "closed_at": f.ClosedAt})
	if e := f.Effectiveness; e != nil {
		if blank(e.By) {
			ps.Add("effectiveness.by", isms.CodeRequired, "an effectiveness check names who verified")
		}
		if e.At.IsZero() {
			ps.Add("effectiveness.at", isms.CodeRequired, "an effectiveness check has a time")
		}
		isms.CheckTime(&ps, "effectiveness.at", e.At)
		checkRefList(&ps, "effectiveness.evidence", e.Evidence)
	}
	for i, h := range f.History {
		fl := indexField("history", i)
		isms.CheckEnum(&ps, fl+".from", h.From, findingStatusValues, true)
		isms.CheckEnum(&ps, fl+".to", h.To, findingStatusValues, true)
		if blank(h.By) {
			ps.Add(fl+".by", isms.CodeRequired, fl+".by is required")
		}
		if h.At.IsZero() {
			ps.Add(fl+".at", isms.CodeRequired, fl+".at is required")
		} else if i > 0 && h.At.Before(f.History[i-1].At) {
			ps.Add(fl+".at", isms.CodeOrder, "the move is before the previous one")
		}
		isms.CheckTime(&ps, fl+".at", h.At)
	}
	return ps.Err(subjectName("finding", f.ID))
}

// checkRequirement reports a requirement that is missing, malformed or of
// another kind than clause or control.
func checkRequirement(ps *isms.Problems, field string, r isms.Ref) {
	switch {
	case r.IsZero():
		ps.Add(field, isms.CodeRequired, field+" is required")
	case r.Validate() != nil:
		ps.Merge(field, r.Validate())
	case r.Kind != KindClause && r.Kind != isms.KindControl:
		ps.Addf(field+".kind", isms.CodeUnknown, "kind %q is neither %q nor %q", r.Kind, KindClause, isms.KindControl)
	}
}

// ParseFinding decodes a JSON finding from a user strictly
// (isms.UnmarshalStrict) and validates it. Every error answers
// isms.ErrInvalid.
func ParseFinding(data []byte) (*Finding, error) { return parseStrict[Finding]("parse finding", data) }

// RiskInput is a risk-register input a nonconformity raises, as plain
// data with Refs: the register decides whether to record it (package
// risk is the register's, not the audit's).
type RiskInput struct {
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Requirement isms.Ref `json:"requirement"`
	// Source is the finding.
	Source isms.Ref `json:"source"`
	// Controls are the controls concerned (the requirement when it is one).
	Controls []isms.Ref `json:"controls,omitempty"`
}

// RiskInputs returns the risk-register input of a nonconformity: its
// cause may recur, so risk assessment reconsiders it (10.2 e, 6.1.2).
// Observations, opportunities and a nil f raise none.
func (f *Finding) RiskInputs() []RiskInput {
	if f == nil || !f.Kind.IsNonconformity() {
		return nil
	}
	in := RiskInput{Title: f.Title, Description: f.RootCause, Requirement: f.Requirement, Source: f.Ref()}
	if f.Requirement.Kind == isms.KindControl {
		in.Controls = []isms.Ref{f.Requirement}
	}
	return []RiskInput{in}
}

// Improvement returns the improvement-register entry the finding raises
// (10.1): an opportunity for improvement or an observation becomes a
// proposed improvement owned by the finding's owner, sourced from the
// finding; nonconformities are tracked by their corrective action and
// raise none. The entry has no ID yet.
func (f *Finding) Improvement() *Improvement {
	if f == nil || f.Kind.IsNonconformity() || f.Kind == "" {
		return nil
	}
	return &Improvement{Title: f.Title, Description: f.Description, Source: f.Ref(), SourceKind: SourceAudit,
		Requirement: f.Requirement, Owner: f.Owner, Due: f.Due, Status: ImprovementProposed, RaisedAt: f.RaisedAt}
}
