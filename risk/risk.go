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
// in isms.Ref{Kind: "control", ID: "A.8.24"}: the kernel's
// isms.KindControl, which isms.ControlRef and isms.ControlRefs build.
const ControlKind = isms.KindControl

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
// its lowest risk level. A nil matrix gives the zero Criteria, which do not
// validate.
func DefaultCriteria(m *Matrix) Criteria {
	if m == nil {
		return Criteria{}
	}
	c := Criteria{Matrix: m.Ref()}
	if len(m.Risk) > 0 {
		c.Appetite = m.Risk[0].ID
	}
	return c
}

// Validate checks that c names m and one of its risk levels. A nil matrix
// is an error.
func (c Criteria) Validate(m *Matrix) error {
	var ps isms.Problems
	if m == nil {
		ps.Add("matrix", isms.CodeRequired, "a matrix is required to check the criteria")
		return ps.Err("risk criteria")
	}
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
	// Quantitative is an optional quantitative (Open FAIR) scenario, read
	// by package risk/fair (fair.FromRisk); nil (or a zero scenario)
	// means none. A pointer, so that the risks without one (most of a
	// register) do not carry its kilobyte in every copy.
	Quantitative *QuantitativeScenario `json:"quantitative,omitempty"`
	// Acceptances is the history of acceptance requests, oldest first;
	// only the last may be in force.
	Acceptances []Acceptance `json:"acceptances,omitempty"`
	// Delegations let others decide on acceptance for the owner.
	Delegations []Delegation `json:"delegations,omitempty"`
	// ReviewedAt and ReviewedBy record the last review.
	ReviewedAt time.Time `json:"reviewed_at,omitzero"`
	ReviewedBy string    `json:"reviewed_by,omitempty"` // see ReviewedAt
}

// Ref returns the risk's Ref (of kind Kind, with no ID for a nil risk).
func (r *Risk) Ref() isms.Ref {
	if r == nil {
		return isms.Ref{Kind: Kind}
	}
	return isms.Ref{Kind: Kind, ID: r.ID}
}

// Assessment returns the assessment at stage, or nil (also for a nil
// risk).
func (r *Risk) Assessment(stage Stage) *Assessment {
	if r == nil {
		return nil
	}
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

// SetAssessment sets the assessment at stage (nil removes it). An unknown
// stage or a nil risk is an error answering isms.ErrInvalid.
func (r *Risk) SetAssessment(stage Stage, a *Assessment) error {
	if r == nil {
		return isms.Invalidf("risk: set assessment: nil risk")
	}
	switch stage {
	case StageInherent:
		r.Inherent = a
	case StageCurrent:
		r.Current = a
	case StageResidual:
		r.Residual = a
	default:
		return isms.Invalidf("risk: set assessment: unknown assessment stage %q", string(stage))
	}
	return nil
}

// EffectiveStage returns the stage that describes the risk the
// organisation carries: residual when assessed, else current, else
// inherent; "" when none is assessed (and for a nil risk).
func (r *Risk) EffectiveStage() Stage {
	switch {
	case r == nil:
		return ""
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

// LatestAcceptance returns the last acceptance, or nil (also for a nil
// risk).
func (r *Risk) LatestAcceptance() *Acceptance {
	if r == nil || len(r.Acceptances) == 0 {
		return nil
	}
	return &r.Acceptances[len(r.Acceptances)-1]
}

// CanApprove reports whether who may decide on the risk's acceptance at
// now: the owner, or an approver with a delegation in force. Nobody may
// approve for a nil risk.
func (r *Risk) CanApprove(who string, now time.Time) bool {
	if r == nil || who == "" {
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
	if r.Quantitative != nil {
		q := *r.Quantitative
		c.Quantitative = &q
	}
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
// kind "control", each once), times must lie in years 0001 to 9999
// (isms.CheckTime), and the assessments, treatment, acceptances (each ID
// once) and delegations must each be valid. A missing owner is not a
// validation error but a finding of Check, so that incomplete registers
// can be imported. Its time is linear in the size of the risk: duplicates
// are found with sets. A nil risk is an error.
func (r *Risk) Validate() error {
	if r == nil {
		return isms.Invalidf("risk is nil")
	}
	var ps isms.Problems
	if r.ID != "" {
		if err := r.ID.Validate(); err != nil {
			ps.Add("id", isms.CodeMalformed, err.Error())
		}
	}
	if r.Revision < 0 {
		ps.Addf("revision", isms.CodeOutOfRange, "revision %d is negative", r.Revision)
	}
	isms.CheckTime(&ps, "created_at", r.CreatedAt)
	isms.CheckTime(&ps, "updated_at", r.UpdatedAt)
	if r.Title == "" {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	isms.CheckEnum(&ps, "status", r.Status, statusValues, true)
	isms.CheckEnum(&ps, "impact_rule", r.ImpactRule, combineRuleValues, false)
	for i, a := range r.Assets {
		ps.Merge(indexField("assets", i), a.Validate())
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
			var aps isms.Problems
			a.validate(&aps)
			ps.Merge(string(st), aps.Err(""))
		}
	}
	if r.Treatment != nil {
		var tps isms.Problems
		r.Treatment.validate(&tps)
		ps.Merge("treatment", tps.Err(""))
	}
	ids := make(map[isms.ID]int, len(r.Acceptances))
	for i := range r.Acceptances {
		a := &r.Acceptances[i]
		f := indexField("acceptances", i)
		var aps isms.Problems
		a.validate(&aps)
		ps.Merge(f, aps.Err(""))
		if i < len(r.Acceptances)-1 && a.Status.active() {
			ps.Addf(f+".status", isms.CodeForbidden, "only the last acceptance may be %s", a.Status)
		}
		if j, dup := ids[a.ID]; dup && a.ID != "" {
			ps.Addf(f+".id", isms.CodeDuplicate, "acceptance id %q is also the id of acceptances[%d]", a.ID, j)
		} else if !dup {
			ids[a.ID] = i
		}
	}
	for i, d := range r.Delegations {
		f := indexField("delegations", i)
		if d.Approver == "" {
			ps.Add(f+".approver", isms.CodeRequired, "approver is required")
		}
		if d.GrantedBy == "" {
			ps.Add(f+".granted_by", isms.CodeRequired, "granted_by is required")
		}
		isms.CheckTime(&ps, f+".granted_at", d.GrantedAt)
		isms.CheckTime(&ps, f+".expires_at", d.ExpiresAt)
	}
	isms.CheckTime(&ps, "reviewed_at", r.ReviewedAt)
	return ps.Err(r.subjectName())
}

// subjectName is how errors name the risk: "risk <id>", or "risk" before
// it has an ID.
func (r *Risk) subjectName() string {
	if r == nil || r.ID == "" {
		return "risk"
	}
	return "risk " + string(r.ID)
}

// subject prefixes err with the risk's name ("risk risk-0001: ...") when
// the risk has an ID, so that every error of a step names the risk once.
func (r *Risk) subject(err error) error {
	if err == nil || r == nil || r.ID == "" {
		return err
	}
	return fmt.Errorf("risk %s: %w", r.ID, err)
}

// checkRevision compares the revision a command names with the risk's:
// 0 skips the check, a negative revision is invalid, and another revision
// is an *isms.ConflictError (isms.ErrConflict).
func (r *Risk) checkRevision(revision int64) error {
	switch {
	case revision == 0 || revision == r.Revision:
		return nil
	case revision < 0:
		return isms.Invalidf("revision %d is negative", revision)
	}
	return &isms.ConflictError{Kind: Kind, ID: r.ID, Expected: revision, Actual: r.Revision}
}

// checkControls requires each ref to be a valid control Ref, once; a set
// finds duplicates in one pass.
func checkControls(ps *isms.Problems, field string, refs []isms.Ref) {
	if len(refs) == 0 {
		return
	}
	seen := make(map[isms.Ref]bool, len(refs))
	for i, c := range refs {
		f := indexField(field, i)
		if c.Kind != ControlKind {
			ps.Addf(f+".kind", isms.CodeUnknown, "kind %q is not %q", c.Kind, ControlKind)
		}
		if err := c.ID.Validate(); err != nil {
			ps.Add(f+".id", isms.CodeMalformed, err.Error())
		}
		if seen[c] {
			ps.Addf(f, isms.CodeDuplicate, "control %s is listed twice", c.ID)
		}
		seen[c] = true
	}
}

// ParseRisk decodes a risk from a JSON document supplied by a user (an
// import, an API request) strictly, with isms.UnmarshalStrict: unknown
// fields, unknown enum values, trailing data, documents larger than
// isms.MaxDocumentSize or nested deeper than isms.MaxDocumentDepth are
// refused. It then validates the risk. Errors answer isms.ErrInvalid, and
// its time is linear in the size of the document.
//
// Stored risks are read leniently (a Register ignores unknown fields), so
// that documents written by a newer version of a program stay readable;
// ParseRisk is for documents from users.
func ParseRisk(data []byte) (*Risk, error) {
	var r Risk
	if err := isms.UnmarshalStrict(data, &r); err != nil {
		return nil, fmt.Errorf("risk: parse: %w", err)
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("risk: parse: %w", err)
	}
	return &r, nil
}
