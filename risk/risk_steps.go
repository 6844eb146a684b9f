package risk

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// AssessCommand scores a rating and records it as one of the risk's
// assessments (Risk.Assess, Register.Assess).
type AssessCommand struct {
	// Stage is the assessment recorded: inherent, current or residual.
	Stage Stage `json:"stage"`
	// Rating is the input; an empty rule means the risk's ImpactRule.
	Rating Rating `json:"rating"`
	// Rationale explains the ratings.
	Rationale string `json:"rationale,omitempty"`
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// TreatCommand records the treatment decision and plan (Risk.Treat,
// Register.Treat).
type TreatCommand struct {
	// Option is the treatment option chosen.
	Option TreatmentOption `json:"option"`
	// Rationale explains the choice.
	Rationale string `json:"rationale,omitempty"`
	// Controls are the controls the treatment selects (Refs of kind
	// ControlKind); the modify option needs at least one.
	Controls []isms.Ref `json:"controls,omitempty"`
	// SharedWith names the parties the risk is shared with; the share
	// option needs at least one.
	SharedWith []Party `json:"shared_with,omitempty"`
	// Actions are the steps of the plan. An action without a status is
	// planned; Register gives an action without an ID one from its store's
	// IDs (kind "risk.action").
	Actions []Action `json:"actions,omitempty"`
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// SetActionStatusCommand sets the status of one treatment action.
type SetActionStatusCommand struct {
	// Action is the action's ID.
	Action isms.ID `json:"action"`
	// Status is the new status; done records the completion time.
	Status ActionStatus `json:"status"`
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// DelegateCommand lets an approver decide on the risk's acceptance for the
// owner.
type DelegateCommand struct {
	// Approver is who may decide; required.
	Approver string `json:"approver"`
	// ExpiresAt ends the delegation; leave it out for none. When set, it
	// must be after the delegation.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// UndelegateCommand removes a delegation.
type UndelegateCommand struct {
	// Approver is whose delegation ends.
	Approver string `json:"approver"`
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// ReviewCommand records a review of the risk, which restarts its review
// interval (ISO/IEC 27001 8.2).
type ReviewCommand struct {
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// Assess scores cmd.Rating with m and stores the result as the risk's
// assessment at cmd.Stage, by by at now. An empty rating rule means the
// risk's ImpactRule. A closed risk, an unknown stage, an unnamed assessor
// or a rating m cannot score is refused. Errors answer isms.ErrInvalid
// (isms.ErrConflict for a stale revision) and name the risk.
func (r *Risk) Assess(m *Matrix, by string, cmd AssessCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: assess: nil risk")
	}
	return r.subject(r.assess(m, by, cmd, now))
}

func (r *Risk) assess(m *Matrix, by string, cmd AssessCommand, now time.Time) error {
	if err := r.open(by, cmd.Revision); err != nil {
		return err
	}
	if !cmd.Stage.IsValid() {
		return isms.Invalidf("unknown assessment stage %q", string(cmd.Stage))
	}
	in := cmd.Rating
	if in.Rule == "" {
		in.Rule = r.ImpactRule
	}
	a, err := m.assess(in, cmd.Rationale, by, now)
	if err != nil {
		return err
	}
	return r.SetAssessment(cmd.Stage, a)
}

// open checks what every step on a risk needs: a named actor, the
// revision the user saw, and a risk that is not closed.
func (r *Risk) open(by string, revision int64) error {
	if err := r.actorAndRevision(by, revision); err != nil {
		return err
	}
	if r.Status == StatusClosed {
		return isms.Invalidf("the risk is closed")
	}
	return nil
}

func (r *Risk) actorAndRevision(by string, revision int64) error {
	if err := r.checkRevision(revision); err != nil {
		return err
	}
	if by == "" {
		return isms.Invalidf("the step names no actor")
	}
	return nil
}

// Treat records the treatment decision and plan of cmd, decided by by at
// now. Actions without a status are planned; action IDs are kept as given
// (Register fills empty ones). The treatment must validate; a closed risk
// is refused. Errors answer isms.ErrInvalid (isms.ErrConflict for a stale
// revision) and name the risk.
func (r *Risk) Treat(by string, cmd TreatCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: treat: nil risk")
	}
	return r.subject(r.treat(by, cmd, now))
}

func (r *Risk) treat(by string, cmd TreatCommand, now time.Time) error {
	if err := r.open(by, cmd.Revision); err != nil {
		return err
	}
	t := (&Treatment{
		Option: cmd.Option, Rationale: cmd.Rationale, Controls: cmd.Controls,
		SharedWith: cmd.SharedWith, Actions: cmd.Actions,
	}).Clone()
	for i := range t.Actions {
		a := &t.Actions[i]
		if a.Status == "" {
			a.Status = ActionPlanned
		}
		a.Due, a.CompletedAt = isms.NormalizeTime(a.Due), isms.NormalizeTime(a.CompletedAt)
	}
	t.DecidedBy, t.DecidedAt = by, isms.NormalizeTime(now)
	if err := t.Validate(); err != nil {
		return err
	}
	r.Treatment = t
	return nil
}

// SetActionStatus sets the status of one treatment action, by by at now;
// done records now as the completion time, any other status clears it. An
// unknown action is isms.ErrNotFound; an unknown status or a risk without
// treatment is isms.ErrInvalid. Errors name the risk.
func (r *Risk) SetActionStatus(by string, cmd SetActionStatusCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: set action status: nil risk")
	}
	return r.subject(r.setActionStatus(by, cmd, now))
}

func (r *Risk) setActionStatus(by string, cmd SetActionStatusCommand, now time.Time) error {
	if err := r.actorAndRevision(by, cmd.Revision); err != nil {
		return err
	}
	if !cmd.Status.IsValid() {
		return isms.Invalidf("unknown action status %q", string(cmd.Status))
	}
	if r.Treatment == nil {
		return isms.Invalidf("the risk has no treatment")
	}
	for i := range r.Treatment.Actions {
		a := &r.Treatment.Actions[i]
		if a.ID != cmd.Action {
			continue
		}
		a.Status = cmd.Status
		a.CompletedAt = time.Time{}
		if cmd.Status == ActionDone {
			a.CompletedAt = isms.NormalizeTime(now)
		}
		return nil
	}
	return &isms.NotFoundError{Kind: ActionKind, ID: cmd.Action}
}

// ActionKind is the kind of the IDs of treatment actions (what a Register
// asks its IDSource for) and of their isms.NotFoundError.
const ActionKind = "risk.action"

// AcceptanceKind is the kind of the IDs of acceptances (what a Register
// asks its IDSource for).
const AcceptanceKind = "risk.acceptance"

// DelegationKind is the kind of an isms.NotFoundError for a delegation
// (by approver).
const DelegationKind = "risk.delegation"

// Delegate lets cmd.Approver decide on the risk's acceptance until
// cmd.ExpiresAt (none when left out). Only the risk owner, as by, may
// delegate; a new delegation to the same approver replaces the old one.
// Errors answer isms.ErrInvalid (isms.ErrConflict for a stale revision)
// and name the risk.
func (r *Risk) Delegate(by string, cmd DelegateCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: delegate: nil risk")
	}
	return r.subject(r.delegate(by, cmd, now))
}

func (r *Risk) delegate(by string, cmd DelegateCommand, now time.Time) error {
	if err := r.actorAndRevision(by, cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	expires := isms.NormalizeTime(cmd.ExpiresAt)
	switch {
	case by != r.Owner:
		return isms.Invalidf("only the risk owner %q may delegate, not %q", r.Owner, by)
	case cmd.Approver == "":
		return isms.Invalidf("approver is required")
	case !expires.IsZero() && !expires.After(now):
		// Compared as stored (microseconds), so that an expiry a few
		// nanoseconds ahead is not stored equal to the grant.
		return isms.Invalidf("the delegation would expire at %s, not after it is granted at %s", stamp(expires), stamp(now))
	}
	d := Delegation{Approver: cmd.Approver, GrantedBy: by, GrantedAt: now, ExpiresAt: expires}
	for i := range r.Delegations {
		if r.Delegations[i].Approver == cmd.Approver {
			r.Delegations[i] = d
			return nil
		}
	}
	r.Delegations = append(r.Delegations, d)
	return nil
}

// Undelegate removes the delegation to cmd.Approver. Only the risk owner,
// as by, may; an unknown approver is isms.ErrNotFound. Errors name the
// risk.
func (r *Risk) Undelegate(by string, cmd UndelegateCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: undelegate: nil risk")
	}
	return r.subject(r.undelegate(by, cmd))
}

func (r *Risk) undelegate(by string, cmd UndelegateCommand) error {
	if err := r.actorAndRevision(by, cmd.Revision); err != nil {
		return err
	}
	if by != r.Owner {
		return isms.Invalidf("only the risk owner %q may remove a delegation, not %q", r.Owner, by)
	}
	i := slices.IndexFunc(r.Delegations, func(d Delegation) bool { return d.Approver == cmd.Approver })
	if i < 0 {
		return &isms.NotFoundError{Kind: DelegationKind, ID: isms.ID(cmd.Approver)}
	}
	r.Delegations = slices.Delete(r.Delegations, i, i+1)
	return nil
}

// Review records that by reviewed the risk at now, which restarts its
// review interval. Errors answer isms.ErrInvalid (isms.ErrConflict for a
// stale revision) and name the risk.
func (r *Risk) Review(by string, cmd ReviewCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: review: nil risk")
	}
	if err := r.actorAndRevision(by, cmd.Revision); err != nil {
		return r.subject(err)
	}
	r.ReviewedAt, r.ReviewedBy = isms.NormalizeTime(now), by
	return nil
}
