package risk

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Kind is the storage kind and Ref kind of a Risk.
const Kind = "risk"

// ControlKind is the Ref kind of a catalog control selected by a risk, as
// in isms.Ref{Kind: "control", ID: "A.8.24"}.
const ControlKind = "control"

// Status is where a risk stands in the register.
type Status string

// Statuses.
const (
	// StatusOpen is a risk being assessed or treated, or one whose
	// acceptance was rejected, revoked or has expired.
	StatusOpen Status = "open"
	// StatusAccepted is a risk whose residual level the risk owner (or a
	// delegated approver) has accepted with a sign-off.
	StatusAccepted Status = "accepted"
	// StatusClosed is a risk that no longer applies, such as one avoided
	// by ending the activity that caused it.
	StatusClosed Status = "closed"
)

var statusValues = []Status{StatusOpen, StatusAccepted, StatusClosed}

// StatusValues returns every Status.
func StatusValues() []Status { return slices.Clone(statusValues) }

// IsValid reports whether s is a known Status.
func (s Status) IsValid() bool { return slices.Contains(statusValues, s) }

// UnmarshalText accepts only known statuses.
func (s *Status) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "risk status", b, statusValues)
}

// Stage names one of a risk's three assessments.
type Stage string

// Stages of assessment.
const (
	// StageInherent is the risk with no controls at all.
	StageInherent Stage = "inherent"
	// StageCurrent is the risk as it stands, with the existing controls.
	StageCurrent Stage = "current"
	// StageResidual is the target: the risk expected once the treatment is
	// in place.
	StageResidual Stage = "residual"
)

var stageValues = []Stage{StageInherent, StageCurrent, StageResidual}

// StageValues returns every Stage, in the order inherent, current,
// residual.
func StageValues() []Stage { return slices.Clone(stageValues) }

// IsValid reports whether s is a known Stage.
func (s Stage) IsValid() bool { return slices.Contains(stageValues, s) }

// UnmarshalText accepts only known stages.
func (s *Stage) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "assessment stage", b, stageValues)
}

// Assessment is one scoring of a risk: the matrix it used, the inputs by
// level ID, the combined impact and the resulting risk level, with the
// rationale, the assessor and the time. It keeps the levels, not a number,
// so that it can be re-performed with the matrix it names.
type Assessment struct {
	// Matrix is the matrix (name and version) the assessment was scored
	// with.
	Matrix MatrixRef `json:"matrix"`
	// Likelihood is the ID of the likelihood level.
	Likelihood string `json:"likelihood"`
	// Impacts rates each dimension, when impact was rated per dimension.
	Impacts []DimensionImpact `json:"impacts,omitempty"`
	// Rule combined Impacts; empty when Impacts is empty.
	Rule CombineRule `json:"rule,omitempty"`
	// Impact is the ID of the combined (or directly given) impact level.
	Impact string `json:"impact"`
	// Level is the ID of the risk level.
	Level string `json:"level"`
	// Rationale explains the ratings.
	Rationale string `json:"rationale,omitempty"`
	// AssessedBy and AssessedAt record who assessed, and when.
	AssessedBy string    `json:"assessed_by,omitempty"`
	AssessedAt time.Time `json:"assessed_at,omitzero"` // see AssessedBy
}

// Rating returns the inputs of the assessment, to re-score it.
func (a *Assessment) Rating() Rating {
	if len(a.Impacts) == 0 {
		return Rating{Likelihood: a.Likelihood, Impact: a.Impact}
	}
	return Rating{Likelihood: a.Likelihood, Impacts: a.Impacts, Rule: a.Rule}
}

// Clone returns a deep copy of a (nil for nil).
func (a *Assessment) Clone() *Assessment {
	if a == nil {
		return nil
	}
	c := *a
	c.Impacts = slices.Clone(a.Impacts)
	return &c
}

// Validate checks the assessment's structure; whether its levels belong to
// a matrix is a matter for Matrix.Rescore and Lint.
func (a *Assessment) Validate() error {
	var ps isms.Problems
	if a.Matrix.Name == "" {
		ps.Add("matrix.name", isms.CodeRequired, "matrix name is required")
	}
	if a.Matrix.Version == "" {
		ps.Add("matrix.version", isms.CodeRequired, "matrix version is required")
	}
	if a.Likelihood == "" {
		ps.Add("likelihood", isms.CodeRequired, "likelihood is required")
	}
	if a.Impact == "" {
		ps.Add("impact", isms.CodeRequired, "impact is required")
	}
	if a.Level == "" {
		ps.Add("level", isms.CodeRequired, "level is required")
	}
	for k, d := range a.Impacts {
		f := fmt.Sprintf("impacts[%d]", k)
		if err := d.Dimension.Validate(); err != nil {
			ps.Add(f+".dimension", isms.CodeMalformed, err.Error())
		} else if slices.ContainsFunc(a.Impacts[:k], func(o DimensionImpact) bool { return o.Dimension == d.Dimension }) {
			ps.Addf(f+".dimension", isms.CodeDuplicate, "dimension %q is rated twice", string(d.Dimension))
		}
		if d.Impact == "" {
			ps.Add(f+".impact", isms.CodeRequired, "impact is required")
		}
	}
	isms.CheckEnum(&ps, "rule", a.Rule, combineRuleValues, len(a.Impacts) > 0)
	if len(a.Impacts) == 0 && a.Rule != "" {
		ps.Add("rule", isms.CodeForbidden, "a rule needs per-dimension impacts")
	}
	return ps.Err("assessment")
}

// Criteria are the risk acceptance criteria of ISO/IEC 27001 6.1.2 a) for
// one matrix.
type Criteria struct {
	// Matrix is the matrix whose risk levels the criteria name.
	Matrix MatrixRef `json:"matrix"`
	// Appetite is the ID of the highest risk level the organisation
	// retains without a formal acceptance: the acceptance threshold. A risk
	// above it must be treated (modify, avoid, share) or accepted with a
	// sign-off.
	Appetite string `json:"appetite"`
}

// DefaultCriteria returns the most cautious criteria for m: the appetite is
// its lowest risk level.
func DefaultCriteria(m *Matrix) Criteria {
	c := Criteria{Matrix: m.Ref()}
	if len(m.Risk) > 0 {
		c.Appetite = m.Risk[0].ID
	}
	return c
}

// Validate checks that c names m and one of its risk levels.
func (c Criteria) Validate(m *Matrix) error {
	var ps isms.Problems
	if c.Matrix != m.Ref() {
		ps.Addf("matrix", isms.CodeUnknown, "criteria are for matrix %s, not %s", c.Matrix, m.Ref())
	}
	if c.Appetite == "" {
		ps.Add("appetite", isms.CodeRequired, "appetite is required")
	} else if m.RiskIndex(c.Appetite) < 0 {
		ps.Addf("appetite", isms.CodeUnknown, "%q is not a risk level of matrix %s", c.Appetite, m.Ref())
	}
	return ps.Err("risk criteria")
}

// Delegation lets Approver accept risks on behalf of the risk owner
// (ISO/IEC 27001 6.1.3 f). It is in force while GrantedBy is still the
// risk's owner and, when ExpiresAt is set, until ExpiresAt.
type Delegation struct {
	// Approver is who may decide.
	Approver string `json:"approver"`
	// GrantedBy and GrantedAt record the owner who delegated, and when.
	GrantedBy string    `json:"granted_by"`
	GrantedAt time.Time `json:"granted_at,omitzero"` // see GrantedBy
	// ExpiresAt ends the delegation; zero means no end.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
}

// Risk is an information security risk in the register: a scenario
// (threat exploiting a vulnerability, affecting assets), its owner, its
// three assessments, its treatment and its acceptance history.
type Risk struct {
	isms.Meta
	// Title names the risk scenario in a line.
	Title string `json:"title"`
	// Description tells the scenario in full.
	Description string `json:"description,omitempty"`
	// Owner is the person accountable for the risk (ISO/IEC 27001
	// 6.1.2 c 2); the approver of its acceptance.
	Owner string `json:"owner,omitempty"`
	// Status is where the risk stands in the register.
	Status Status `json:"status"`
	// Category groups risks ("cyber", "supplier").
	Category string `json:"category,omitempty"`
	// Assets are the assets affected, usually Refs of kind
	// isms.KindAsset.
	Assets []isms.Ref `json:"assets,omitempty"`
	// Threat is the potential cause of the incident.
	Threat string `json:"threat,omitempty"`
	// Vulnerability is the weakness the threat exploits.
	Vulnerability string `json:"vulnerability,omitempty"`
	// ImpactRule combines per-dimension impacts; empty means RuleMax.
	ImpactRule CombineRule `json:"impact_rule,omitempty"`
	// Criteria overrides the register's risk criteria for this risk.
	Criteria *Criteria `json:"criteria,omitempty"`
	// ExistingControls are the controls already in place, which the
	// current assessment takes into account.
	ExistingControls []isms.Ref `json:"existing_controls,omitempty"`
	// Inherent is the assessment without any control.
	Inherent *Assessment `json:"inherent,omitempty"`
	// Current is the assessment with the existing controls.
	Current *Assessment `json:"current,omitempty"`
	// Residual is the target assessment once the treatment is in place.
	Residual *Assessment `json:"residual,omitempty"`
	// Treatment is the treatment decision and plan.
	Treatment *Treatment `json:"treatment,omitempty"`
	// Acceptances is the history of acceptance requests, oldest first;
	// only the last may be in force.
	Acceptances []Acceptance `json:"acceptances,omitempty"`
	// Delegations let others decide on acceptance for the owner.
	Delegations []Delegation `json:"delegations,omitempty"`
	// ReviewedAt and ReviewedBy record the last review.
	ReviewedAt time.Time `json:"reviewed_at,omitzero"`
	ReviewedBy string    `json:"reviewed_by,omitempty"` // see ReviewedAt
}

// Ref returns the risk's Ref.
func (r *Risk) Ref() isms.Ref { return isms.Ref{Kind: Kind, ID: r.ID} }

// Assessment returns the assessment at stage, or nil.
func (r *Risk) Assessment(stage Stage) *Assessment {
	switch stage {
	case StageInherent:
		return r.Inherent
	case StageCurrent:
		return r.Current
	case StageResidual:
		return r.Residual
	}
	return nil
}

// SetAssessment sets the assessment at stage.
func (r *Risk) SetAssessment(stage Stage, a *Assessment) error {
	switch stage {
	case StageInherent:
		r.Inherent = a
	case StageCurrent:
		r.Current = a
	case StageResidual:
		r.Residual = a
	default:
		return isms.Invalidf("risk: unknown assessment stage %q", string(stage))
	}
	return nil
}

// EffectiveStage returns the stage that describes the risk the
// organisation carries: residual when assessed, else current, else
// inherent; "" when none is assessed.
func (r *Risk) EffectiveStage() Stage {
	switch {
	case r.Residual != nil:
		return StageResidual
	case r.Current != nil:
		return StageCurrent
	case r.Inherent != nil:
		return StageInherent
	}
	return ""
}

// Effective returns the assessment at EffectiveStage, or nil.
func (r *Risk) Effective() *Assessment { return r.Assessment(r.EffectiveStage()) }

// LatestAcceptance returns the last acceptance, or nil.
func (r *Risk) LatestAcceptance() *Acceptance {
	if len(r.Acceptances) == 0 {
		return nil
	}
	return &r.Acceptances[len(r.Acceptances)-1]
}

// CanApprove reports whether who may decide on the risk's acceptance at
// now: the owner, or an approver with a delegation in force.
func (r *Risk) CanApprove(who string, now time.Time) bool {
	if who == "" {
		return false
	}
	if who == r.Owner {
		return true
	}
	for _, d := range r.Delegations {
		if d.Approver == who && d.inForce(r.Owner, now) {
			return true
		}
	}
	return false
}

func (d Delegation) inForce(owner string, now time.Time) bool {
	return owner != "" && d.GrantedBy == owner && (d.ExpiresAt.IsZero() || now.Before(d.ExpiresAt))
}

// Clone returns a deep copy of r.
func (r *Risk) Clone() *Risk {
	if r == nil {
		return nil
	}
	c := *r
	c.Assets = slices.Clone(r.Assets)
	if r.Criteria != nil {
		cr := *r.Criteria
		c.Criteria = &cr
	}
	c.ExistingControls = slices.Clone(r.ExistingControls)
	c.Inherent, c.Current, c.Residual = r.Inherent.Clone(), r.Current.Clone(), r.Residual.Clone()
	c.Treatment = r.Treatment.Clone()
	if r.Acceptances != nil {
		c.Acceptances = make([]Acceptance, len(r.Acceptances))
		for i := range r.Acceptances {
			c.Acceptances[i] = r.Acceptances[i].clone()
		}
	}
	c.Delegations = slices.Clone(r.Delegations)
	return &c
}

// normalizeTimes stores every time of r in UTC at microsecond precision,
// as the storage layer does, so that a stored risk reads back equal.
func (r *Risk) normalizeTimes() {
	n := isms.NormalizeTime
	r.ReviewedAt = n(r.ReviewedAt)
	for _, a := range []*Assessment{r.Inherent, r.Current, r.Residual} {
		if a != nil {
			a.AssessedAt = n(a.AssessedAt)
		}
	}
	if t := r.Treatment; t != nil {
		t.DecidedAt = n(t.DecidedAt)
		for i := range t.Actions {
			t.Actions[i].Due, t.Actions[i].CompletedAt = n(t.Actions[i].Due), n(t.Actions[i].CompletedAt)
		}
	}
	for i := range r.Acceptances {
		a := &r.Acceptances[i]
		a.RequestedAt, a.SubmittedAt, a.DecidedAt = n(a.RequestedAt), n(a.SubmittedAt), n(a.DecidedAt)
		a.ExpiresAt, a.ClosedAt = n(a.ExpiresAt), n(a.ClosedAt)
	}
	for i := range r.Delegations {
		d := &r.Delegations[i]
		d.GrantedAt, d.ExpiresAt = n(d.GrantedAt), n(d.ExpiresAt)
	}
}

// Validate checks the risk's structure and reports every problem: a title
// and a known status are required, refs must be well formed (controls of
// kind "control"), and the assessments, treatment, acceptances and
// delegations must each be valid. A missing owner is not a validation
// error but a lint finding, so that incomplete registers can be imported.
func (r *Risk) Validate() error {
	var ps isms.Problems
	if r.Title == "" {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	isms.CheckEnum(&ps, "status", r.Status, statusValues, true)
	isms.CheckEnum(&ps, "impact_rule", r.ImpactRule, combineRuleValues, false)
	for i, a := range r.Assets {
		ps.Merge(fmt.Sprintf("assets[%d]", i), a.Validate())
	}
	checkControls(&ps, "existing_controls", r.ExistingControls)
	if r.Criteria != nil {
		if r.Criteria.Matrix.Name == "" || r.Criteria.Matrix.Version == "" {
			ps.Add("criteria.matrix", isms.CodeRequired, "criteria must name a matrix and version")
		}
		if r.Criteria.Appetite == "" {
			ps.Add("criteria.appetite", isms.CodeRequired, "appetite is required")
		}
	}
	for _, st := range stageValues {
		if a := r.Assessment(st); a != nil {
			ps.Merge(string(st), a.Validate())
		}
	}
	if r.Treatment != nil {
		ps.Merge("treatment", r.Treatment.Validate())
	}
	for i := range r.Acceptances {
		a := &r.Acceptances[i]
		f := fmt.Sprintf("acceptances[%d]", i)
		ps.Merge(f, a.Validate())
		if i < len(r.Acceptances)-1 && a.Status.active() {
			ps.Addf(f+".status", isms.CodeForbidden, "only the last acceptance may be %s", a.Status)
		}
		if a.ID != "" && slices.ContainsFunc(r.Acceptances[:i], func(o Acceptance) bool { return o.ID == a.ID }) {
			ps.Addf(f+".id", isms.CodeDuplicate, "acceptance id %q is used twice", a.ID)
		}
	}
	for i, d := range r.Delegations {
		f := fmt.Sprintf("delegations[%d]", i)
		if d.Approver == "" {
			ps.Add(f+".approver", isms.CodeRequired, "approver is required")
		}
		if d.GrantedBy == "" {
			ps.Add(f+".granted_by", isms.CodeRequired, "granted_by is required")
		}
	}
	subject := "risk"
	if r.ID != "" {
		subject = "risk " + string(r.ID)
	}
	return ps.Err(subject)
}

// checkControls requires each ref to be a valid control Ref, once.
func checkControls(ps *isms.Problems, field string, refs []isms.Ref) {
	for i, c := range refs {
		f := fmt.Sprintf("%s[%d]", field, i)
		if c.Kind != ControlKind {
			ps.Addf(f+".kind", isms.CodeUnknown, "kind %q is not %q", c.Kind, ControlKind)
		}
		if err := c.ID.Validate(); err != nil {
			ps.Add(f+".id", isms.CodeMalformed, err.Error())
		}
		if slices.Contains(refs[:i], c) {
			ps.Addf(f, isms.CodeDuplicate, "control %s is listed twice", c.ID)
		}
	}
}
