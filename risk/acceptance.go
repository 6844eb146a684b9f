package risk

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// AcceptanceStatus is the state of a risk acceptance sign-off (ISO/IEC
// 27001 6.1.3 f). The life of a sign-off is
//
//	created -> submitted -> accepted | rejected
//	accepted -> revoked | expired
//
// and no other transition is allowed.
type AcceptanceStatus string

// Acceptance statuses.
const (
	// AcceptanceCreated is a request being prepared.
	AcceptanceCreated AcceptanceStatus = "created"
	// AcceptanceSubmitted is a request awaiting the approver's decision.
	AcceptanceSubmitted AcceptanceStatus = "submitted"
	// AcceptanceAccepted is a sign-off in force until it expires or is
	// revoked.
	AcceptanceAccepted AcceptanceStatus = "accepted"
	// AcceptanceRejected is a request the approver refused.
	AcceptanceRejected AcceptanceStatus = "rejected"
	// AcceptanceRevoked is a sign-off withdrawn before its expiry.
	AcceptanceRevoked AcceptanceStatus = "revoked"
	// AcceptanceExpired is a sign-off that reached its expiry; the risk is
	// due for review again.
	AcceptanceExpired AcceptanceStatus = "expired"
)

var acceptanceStatusValues = []AcceptanceStatus{
	AcceptanceCreated, AcceptanceSubmitted, AcceptanceAccepted,
	AcceptanceRejected, AcceptanceRevoked, AcceptanceExpired,
}

// acceptanceTransitions is the state machine as data: the statuses each
// status may move to.
var acceptanceTransitions = map[AcceptanceStatus][]AcceptanceStatus{
	AcceptanceCreated:   {AcceptanceSubmitted},
	AcceptanceSubmitted: {AcceptanceAccepted, AcceptanceRejected},
	AcceptanceAccepted:  {AcceptanceRevoked, AcceptanceExpired},
}

// AcceptanceStatusValues returns every AcceptanceStatus.
func AcceptanceStatusValues() []AcceptanceStatus { return slices.Clone(acceptanceStatusValues) }

// IsValid reports whether s is a known status.
func (s AcceptanceStatus) IsValid() bool { return slices.Contains(acceptanceStatusValues, s) }

// UnmarshalText accepts only known statuses.
func (s *AcceptanceStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "acceptance status", b, acceptanceStatusValues)
}

// CanBecome reports whether the state machine allows a move from s to to.
func (s AcceptanceStatus) CanBecome(to AcceptanceStatus) bool {
	return slices.Contains(acceptanceTransitions[s], to)
}

// Final reports whether s ends the sign-off's life (rejected, revoked or
// expired).
func (s AcceptanceStatus) Final() bool {
	return s == AcceptanceRejected || s == AcceptanceRevoked || s == AcceptanceExpired
}

// active reports whether a sign-off in status s is still open or in force.
func (s AcceptanceStatus) active() bool {
	return s == AcceptanceCreated || s == AcceptanceSubmitted || s == AcceptanceAccepted
}

// DefaultAcceptanceValidity is how long an acceptance stays in force when
// neither the request nor the decision says: one year.
func DefaultAcceptanceValidity() isms.Duration { return isms.Years(1) }

// Acceptance is one risk acceptance sign-off and its history.
type Acceptance struct {
	// ID identifies the acceptance.
	ID isms.ID `json:"id"`
	// Status is where the sign-off stands.
	Status AcceptanceStatus `json:"status"`
	// Justification explains why the risk should be accepted.
	Justification string `json:"justification,omitempty"`
	// ValidFor is how long the acceptance stays in force once accepted.
	ValidFor isms.Duration `json:"valid_for,omitzero"`
	// RequestedBy and RequestedAt record the request.
	RequestedBy string    `json:"requested_by"`
	RequestedAt time.Time `json:"requested_at,omitzero"` // see RequestedBy
	// SubmittedBy and SubmittedAt record the submission.
	SubmittedBy string    `json:"submitted_by,omitempty"`
	SubmittedAt time.Time `json:"submitted_at,omitzero"` // see SubmittedBy
	// DecidedBy is the approver who accepted or rejected, DecidedAt when,
	// and DecisionNote why.
	DecidedBy    string    `json:"decided_by,omitempty"`
	DecidedAt    time.Time `json:"decided_at,omitzero"`     // see DecidedBy
	DecisionNote string    `json:"decision_note,omitempty"` // see DecidedBy
	// ExpiresAt is when an accepted sign-off stops being in force and the
	// risk is due for review.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// Snapshot is the state of the risk the approver accepted.
	Snapshot *AcceptanceSnapshot `json:"snapshot,omitempty"`
	// ClosedBy, ClosedAt and CloseReason record a revocation or expiry.
	ClosedBy    string    `json:"closed_by,omitempty"`
	ClosedAt    time.Time `json:"closed_at,omitzero"`     // see ClosedBy
	CloseReason string    `json:"close_reason,omitempty"` // see ClosedBy
}

// AcceptanceSnapshot is the state of a risk when it was accepted: its
// assessments, its treatment and its existing controls, so that an auditor
// can see what was accepted even after the risk changed.
type AcceptanceSnapshot struct {
	// RiskRevision is the stored revision of the risk that was accepted.
	RiskRevision int64 `json:"risk_revision,omitempty"`
	// Stage and Level are the effective stage and its level: what was
	// accepted.
	Stage Stage  `json:"stage"`
	Level string `json:"level"` // see Stage
	// Matrix is the matrix the accepted level was scored with.
	Matrix MatrixRef `json:"matrix"`
	// Inherent, Current and Residual are copies of the assessments.
	Inherent *Assessment `json:"inherent,omitempty"`
	Current  *Assessment `json:"current,omitempty"`  // see Inherent
	Residual *Assessment `json:"residual,omitempty"` // see Inherent
	// Treatment is a copy of the treatment and its plan.
	Treatment *Treatment `json:"treatment,omitempty"`
	// ExistingControls is a copy of the controls in place.
	ExistingControls []isms.Ref `json:"existing_controls,omitempty"`
}

func (a Acceptance) clone() Acceptance {
	if a.Snapshot != nil {
		s := *a.Snapshot
		s.Inherent, s.Current, s.Residual = s.Inherent.Clone(), s.Current.Clone(), s.Residual.Clone()
		s.Treatment = s.Treatment.Clone()
		s.ExistingControls = slices.Clone(s.ExistingControls)
		a.Snapshot = &s
	}
	return a
}

// InForce reports whether the acceptance is accepted and not expired at
// now.
func (a *Acceptance) InForce(now time.Time) bool {
	return a != nil && a.Status == AcceptanceAccepted && (a.ExpiresAt.IsZero() || now.Before(a.ExpiresAt))
}

// Validate checks that the acceptance has an ID, a known status, and the
// fields its status implies (a decision for accepted and rejected, an
// expiry and snapshot for accepted and later, a close time for revoked and
// expired).
func (a *Acceptance) Validate() error {
	var ps isms.Problems
	if err := a.ID.Validate(); err != nil {
		ps.Add("id", isms.CodeMalformed, err.Error())
	}
	isms.CheckEnum(&ps, "status", a.Status, acceptanceStatusValues, true)
	if a.RequestedBy == "" {
		ps.Add("requested_by", isms.CodeRequired, "requested_by is required")
	}
	ps.Merge("valid_for", a.ValidFor.Validate())
	decided := a.Status == AcceptanceAccepted || a.Status == AcceptanceRejected || a.Status == AcceptanceRevoked || a.Status == AcceptanceExpired
	if decided && a.DecidedBy == "" {
		ps.Addf("decided_by", isms.CodeRequired, "a %s acceptance names its approver", a.Status)
	}
	wasAccepted := a.Status == AcceptanceAccepted || a.Status == AcceptanceRevoked || a.Status == AcceptanceExpired
	if wasAccepted && a.ExpiresAt.IsZero() {
		ps.Addf("expires_at", isms.CodeRequired, "a %s acceptance has an expiry", a.Status)
	}
	if wasAccepted && a.Snapshot == nil {
		ps.Addf("snapshot", isms.CodeRequired, "a %s acceptance keeps a snapshot of the risk", a.Status)
	}
	if (a.Status == AcceptanceRevoked || a.Status == AcceptanceExpired) && a.ClosedAt.IsZero() {
		ps.Addf("closed_at", isms.CodeRequired, "a %s acceptance records when it closed", a.Status)
	}
	return ps.Err("acceptance")
}

// ErrNotApprover is answered (besides isms.ErrInvalid) by a
// *TransitionError refused because the actor is neither the risk owner nor
// an approver with a delegation in force.
var ErrNotApprover = errors.New("not the risk owner or a delegated approver")

// TransitionError reports an acceptance action the rules refuse. It
// answers errors.Is(err, isms.ErrInvalid), and also ErrNotApprover when the
// actor may not decide.
type TransitionError struct {
	// Risk is the risk's ID.
	Risk isms.ID
	// Acceptance is the last acceptance's ID ("" when there is none).
	Acceptance isms.ID
	// Action is "request", "submit", "accept", "reject", "revoke" or
	// "expire".
	Action string
	// From is the status of the last acceptance ("" when there is none).
	From AcceptanceStatus
	// Reason says why the step was refused.
	Reason      string
	notApprover bool
}

// Error describes the refused step.
func (e *TransitionError) Error() string {
	from := string(e.From)
	if e.Acceptance == "" {
		return fmt.Sprintf("%s acceptance (none yet): %s", e.Action, e.Reason)
	}
	return fmt.Sprintf("%s acceptance %s (status %s): %s", e.Action, e.Acceptance, from, e.Reason)
}

// Is reports whether target is isms.ErrInvalid, or ErrNotApprover for a
// refusal of the actor.
func (e *TransitionError) Is(target error) bool {
	return target == isms.ErrInvalid || e.notApprover && target == ErrNotApprover
}

func (r *Risk) refuse(action, reason string) *TransitionError {
	e := &TransitionError{Risk: r.ID, Action: action, Reason: reason}
	if a := r.LatestAcceptance(); a != nil {
		e.Acceptance, e.From = a.ID, a.Status
	}
	return e
}

// latestIn returns the last acceptance when its status is want.
func (r *Risk) latestIn(action string, want AcceptanceStatus) (*Acceptance, error) {
	a := r.LatestAcceptance()
	if a == nil {
		return nil, r.refuse(action, "the risk has no acceptance")
	}
	if a.Status != want {
		return nil, r.refuse(action, fmt.Sprintf("the last acceptance is %s; %s needs one that is %s", a.Status, action, want))
	}
	return a, nil
}

// AcceptanceRequest opens a sign-off with RequestAcceptance.
type AcceptanceRequest struct {
	// ID identifies the acceptance; required.
	ID isms.ID
	// RequestedBy names the requester; required.
	RequestedBy string
	// Justification explains why the risk should be accepted.
	Justification string
	// ValidFor is how long the acceptance stays in force once accepted;
	// zero means DefaultAcceptanceValidity.
	ValidFor isms.Duration
}

// RequestAcceptance appends a new acceptance in status created. It is
// refused for a closed risk, a risk with no assessment, or while the last
// acceptance is created, submitted or accepted.
func (r *Risk) RequestAcceptance(req AcceptanceRequest, now time.Time) error {
	const action = "request"
	switch {
	case r.Status == StatusClosed:
		return r.refuse(action, "the risk is closed")
	case r.Effective() == nil:
		return r.refuse(action, "the risk has no assessment to accept")
	case req.RequestedBy == "":
		return r.refuse(action, "the requester is not named")
	}
	if a := r.LatestAcceptance(); a != nil && a.Status.active() {
		return r.refuse(action, fmt.Sprintf("acceptance %s is already %s", a.ID, a.Status))
	}
	if err := req.ID.Validate(); err != nil {
		return fmt.Errorf("request acceptance: %w", err)
	}
	if slices.ContainsFunc(r.Acceptances, func(a Acceptance) bool { return a.ID == req.ID }) {
		return r.refuse(action, fmt.Sprintf("acceptance id %s is already used", req.ID))
	}
	if err := req.ValidFor.Validate(); err != nil {
		return fmt.Errorf("request acceptance: %w", err)
	}
	valid := req.ValidFor
	if valid.IsZero() {
		valid = DefaultAcceptanceValidity()
	}
	r.Acceptances = append(r.Acceptances, Acceptance{
		ID:            req.ID,
		Status:        AcceptanceCreated,
		Justification: req.Justification,
		ValidFor:      valid,
		RequestedBy:   req.RequestedBy,
		RequestedAt:   isms.NormalizeTime(now),
	})
	return nil
}

// SubmitAcceptance moves the last acceptance from created to submitted.
// It is refused for a closed risk.
func (r *Risk) SubmitAcceptance(by string, now time.Time) error {
	a, err := r.latestIn("submit", AcceptanceCreated)
	if err != nil {
		return err
	}
	if r.Status == StatusClosed {
		return r.refuse("submit", "the risk is closed")
	}
	if by == "" {
		return r.refuse("submit", "the submitter is not named")
	}
	a.Status, a.SubmittedBy, a.SubmittedAt = AcceptanceSubmitted, by, isms.NormalizeTime(now)
	return nil
}

// Decision is an approver's answer to a submitted acceptance.
type Decision struct {
	// Approver must be the risk owner or hold a delegation in force.
	Approver string
	// Accept accepts the risk; false rejects the request.
	Accept bool
	// Note records the reasons for the decision.
	Note string
	// ExpiresAt overrides the acceptance's expiry (the decision time plus
	// its ValidFor); it must be after the decision.
	ExpiresAt time.Time
	// Revision, when set, is the revision of the risk the approver
	// reviewed. The decision is then refused with an *isms.ConflictError
	// (isms.ErrConflict) if the risk has changed since, so that a sign-off
	// never applies to a state its approver did not see.
	Revision int64
}

// DecideAcceptance accepts or rejects the last acceptance, which must be
// submitted, of a risk that is not closed (a closed risk no longer
// applies, and accepting it would reopen it as accepted). The approver
// must be the owner or a delegated approver. On
// acceptance it records the expiry and a snapshot of the risk, and sets
// the risk's status to accepted; a rejection leaves the risk open.
func (r *Risk) DecideAcceptance(d Decision, now time.Time) error {
	action := "reject"
	if d.Accept {
		action = "accept"
	}
	if d.Revision != 0 && d.Revision != r.Revision {
		return &isms.ConflictError{Kind: Kind, ID: r.ID, Expected: d.Revision, Actual: r.Revision}
	}
	a, err := r.latestIn(action, AcceptanceSubmitted)
	if err != nil {
		return err
	}
	if r.Status == StatusClosed {
		return r.refuse(action, "the risk is closed")
	}
	if !r.CanApprove(d.Approver, now) {
		e := r.refuse(action, fmt.Sprintf("%q is not the risk owner or a delegated approver", d.Approver))
		e.notApprover = true
		return e
	}
	now = isms.NormalizeTime(now)
	if !d.Accept {
		a.Status, a.DecidedBy, a.DecidedAt, a.DecisionNote = AcceptanceRejected, d.Approver, now, d.Note
		if r.Status == StatusAccepted {
			r.Status = StatusOpen
		}
		return nil
	}
	eff := r.Effective()
	if eff == nil {
		return r.refuse(action, "the risk has no assessment to accept")
	}
	expires := a.ValidFor.AddTo(now)
	if a.ValidFor.IsZero() {
		expires = DefaultAcceptanceValidity().AddTo(now)
	}
	if !d.ExpiresAt.IsZero() {
		expires = isms.NormalizeTime(d.ExpiresAt)
	}
	if !expires.After(now) {
		return r.refuse(action, fmt.Sprintf("expiry %s is not after the decision", expires.Format(time.RFC3339)))
	}
	a.Status, a.DecidedBy, a.DecidedAt, a.DecisionNote = AcceptanceAccepted, d.Approver, now, d.Note
	a.ExpiresAt = expires
	a.Snapshot = &AcceptanceSnapshot{
		RiskRevision:     r.Revision,
		Stage:            r.EffectiveStage(),
		Level:            eff.Level,
		Matrix:           eff.Matrix,
		Inherent:         r.Inherent.Clone(),
		Current:          r.Current.Clone(),
		Residual:         r.Residual.Clone(),
		Treatment:        r.Treatment.Clone(),
		ExistingControls: slices.Clone(r.ExistingControls),
	}
	r.Status = StatusAccepted
	return nil
}

// RevokeAcceptance withdraws the last acceptance, which must be accepted,
// and sends the risk back to open. Only the owner or a delegated approver
// may revoke, and a reason is required.
func (r *Risk) RevokeAcceptance(by, reason string, now time.Time) error {
	const action = "revoke"
	a, err := r.latestIn(action, AcceptanceAccepted)
	if err != nil {
		return err
	}
	if !r.CanApprove(by, now) {
		e := r.refuse(action, fmt.Sprintf("%q is not the risk owner or a delegated approver", by))
		e.notApprover = true
		return e
	}
	if reason == "" {
		return r.refuse(action, "a reason is required")
	}
	a.Status, a.ClosedBy, a.ClosedAt, a.CloseReason = AcceptanceRevoked, by, isms.NormalizeTime(now), reason
	if r.Status == StatusAccepted {
		r.Status = StatusOpen
	}
	return nil
}

// ExpireAcceptance marks the last acceptance expired when it is accepted
// and now is at or after its expiry, and sends the risk back to open. It
// is refused before the expiry.
func (r *Risk) ExpireAcceptance(now time.Time) error {
	const action = "expire"
	a, err := r.latestIn(action, AcceptanceAccepted)
	if err != nil {
		return err
	}
	if now.Before(a.ExpiresAt) {
		return r.refuse(action, fmt.Sprintf("it is in force until %s", a.ExpiresAt.Format(time.RFC3339)))
	}
	a.Status, a.ClosedAt, a.CloseReason = AcceptanceExpired, isms.NormalizeTime(now), "expired on "+a.ExpiresAt.Format(time.RFC3339)
	if r.Status == StatusAccepted {
		r.Status = StatusOpen
	}
	return nil
}

// AcceptanceDue reports whether the last acceptance is accepted and has
// reached its expiry at now, so that ExpireAcceptance would succeed.
func (r *Risk) AcceptanceDue(now time.Time) bool {
	a := r.LatestAcceptance()
	return a != nil && a.Status == AcceptanceAccepted && !now.Before(a.ExpiresAt)
}
