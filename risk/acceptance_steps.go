package risk

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// RequestAcceptanceCommand opens an acceptance sign-off
// (Risk.RequestAcceptance, Register.RequestAcceptance).
type RequestAcceptanceCommand struct {
	// ID identifies the new acceptance. Register fills an empty ID from its
	// store's IDs (kind "risk.acceptance"); Risk.RequestAcceptance
	// requires one.
	ID isms.ID `json:"id,omitempty"`
	// Justification explains why the risk should be accepted.
	Justification string `json:"justification,omitempty"`
	// ValidFor is how long the acceptance stays in force once accepted;
	// leave it out for the default (DefaultAcceptanceValidity, or the
	// register's AcceptanceValidity).
	ValidFor isms.Duration `json:"valid_for,omitzero"`
	// Submit submits the new acceptance for decision in the same step, as
	// SubmitAcceptance would, by the same actor: one round trip instead of
	// two. A refused submission refuses the whole step.
	Submit bool `json:"submit,omitempty"`
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// WithdrawAcceptanceCommand takes back an acceptance request (created or
// submitted) before it is decided.
type WithdrawAcceptanceCommand struct {
	// Reason says why; optional.
	Reason string `json:"reason,omitempty"`
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// SubmitAcceptanceCommand submits the open acceptance for decision.
type SubmitAcceptanceCommand struct {
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// DecideAcceptanceCommand is an approver's answer to a submitted
// acceptance. The approver is the actor of the step.
type DecideAcceptanceCommand struct {
	// Accept accepts the risk; false rejects the request.
	Accept bool `json:"accept"`
	// Note records the reasons for the decision.
	Note string `json:"note,omitempty"`
	// ExpiresAt overrides the acceptance's expiry (the decision time plus
	// its ValidFor); leave it out for the default. It must be after the
	// decision.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// Revision is the revision of the risk the approver reviewed; 0 skips
	// the check. A different stored revision is refused with an
	// *isms.ConflictError (isms.ErrConflict), so that a sign-off never
	// applies to a state its approver did not see.
	Revision int64 `json:"revision,omitempty"`
}

// RevokeAcceptanceCommand withdraws the acceptance in force.
type RevokeAcceptanceCommand struct {
	// Reason says why; required.
	Reason string `json:"reason"`
	// Revision is the revision of the risk the user saw; 0 skips the check,
	// and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// DefaultAcceptanceValidity is how long an acceptance stays in force when
// neither the request nor the decision says: one year.
func DefaultAcceptanceValidity() isms.Duration { return isms.Years(1) }

// RequestAcceptance appends a new acceptance in status created, requested
// by by at now, and with cmd.Submit submits it at once (status
// submitted). It is refused for a closed risk, a risk without an owner
// (nobody could decide it), a risk with no assessment, an unnamed
// requester, or while the last acceptance is
// created, submitted or accepted (requestGuards, reported as the move from
// "" to created in an *isms.TransitionError); the ID must be valid and
// new. A zero ValidFor means DefaultAcceptanceValidity. Errors answer
// isms.ErrInvalid (isms.ErrConflict for a stale revision) and name the
// risk.
func (r *Risk) RequestAcceptance(by string, cmd RequestAcceptanceCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: request acceptance: nil risk")
	}
	return r.subject(r.requestAcceptance(by, cmd, now))
}

func (r *Risk) requestAcceptance(by string, cmd RequestAcceptanceCommand, now time.Time) error {
	if err := r.checkRevision(cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	if err := checkRequest(AcceptanceTransitionRequest{Risk: r, By: by, At: now}); err != nil {
		return err
	}
	if err := cmd.ID.Validate(); err != nil {
		return isms.Invalidf("acceptance %s", err)
	}
	if slices.ContainsFunc(r.Acceptances, func(a Acceptance) bool { return a.ID == cmd.ID }) {
		return isms.Invalidf("acceptance id %s is already used", cmd.ID)
	}
	if err := cmd.ValidFor.Validate(); err != nil {
		return isms.Invalidf("valid_for: %v", err)
	}
	valid := cmd.ValidFor
	if valid.IsZero() {
		valid = DefaultAcceptanceValidity()
	}
	r.Acceptances = append(r.Acceptances, Acceptance{
		ID:            cmd.ID,
		Status:        AcceptanceCreated,
		Justification: cmd.Justification,
		ValidFor:      valid,
		RequestedBy:   by,
		RequestedAt:   now,
	})
	if cmd.Submit {
		if err := r.submitAcceptance(by, SubmitAcceptanceCommand{}, now); err != nil {
			r.Acceptances = r.Acceptances[:len(r.Acceptances)-1]
			return err
		}
	}
	return nil
}

// WithdrawAcceptance takes back the last acceptance, which must be created
// or submitted, by by at now: its requester, the risk owner or an approver
// with a delegation in force (AcceptanceLifecycle). The acceptance becomes
// withdrawn, a final status, and records who closed it, when and why; a
// new request may follow. Errors answer isms.ErrInvalid (isms.ErrConflict
// for a stale revision) and name the risk.
func (r *Risk) WithdrawAcceptance(by string, cmd WithdrawAcceptanceCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: withdraw acceptance: nil risk")
	}
	return r.subject(r.withdrawAcceptance(by, cmd, now))
}

func (r *Risk) withdrawAcceptance(by string, cmd WithdrawAcceptanceCommand, now time.Time) error {
	if err := r.checkRevision(cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	a, err := r.moveAcceptance(AcceptanceWithdrawn, AcceptanceTransitionRequest{By: by, At: now, Reason: cmd.Reason})
	if err != nil {
		return err
	}
	a.Status, a.ClosedBy, a.ClosedAt, a.CloseReason = AcceptanceWithdrawn, by, now, cmd.Reason
	return nil
}

// SubmitAcceptance moves the last acceptance from created to submitted, by
// by at now (AcceptanceLifecycle). Errors answer isms.ErrInvalid
// (isms.ErrConflict for a stale revision) and name the risk.
func (r *Risk) SubmitAcceptance(by string, cmd SubmitAcceptanceCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: submit acceptance: nil risk")
	}
	return r.subject(r.submitAcceptance(by, cmd, now))
}

func (r *Risk) submitAcceptance(by string, cmd SubmitAcceptanceCommand, now time.Time) error {
	if err := r.checkRevision(cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	a, err := r.moveAcceptance(AcceptanceSubmitted, AcceptanceTransitionRequest{By: by, At: now})
	if err != nil {
		return err
	}
	a.Status, a.SubmittedBy, a.SubmittedAt = AcceptanceSubmitted, by, now
	return nil
}

// DecideAcceptance accepts or rejects the last acceptance, which must be
// submitted, of a risk that is not closed; by is the approver, who must be
// the owner or hold a delegation in force (AcceptanceLifecycle; the refusal
// answers ErrNotApprover). On acceptance it records the expiry (now plus
// the acceptance's ValidFor, in calendar arithmetic, unless the command
// sets ExpiresAt) and a snapshot of the risk, and sets the risk's status to
// accepted (StatusLifecycle); a rejection leaves the risk open. Errors
// answer isms.ErrInvalid (isms.ErrConflict for a stale revision) and name
// the risk.
func (r *Risk) DecideAcceptance(by string, cmd DecideAcceptanceCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: decide acceptance: nil risk")
	}
	return r.subject(r.decideAcceptance(by, cmd, now))
}

func (r *Risk) decideAcceptance(by string, cmd DecideAcceptanceCommand, now time.Time) error {
	if err := r.checkRevision(cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	if !cmd.Accept {
		a, err := r.moveAcceptance(AcceptanceRejected, AcceptanceTransitionRequest{By: by, At: now})
		if err != nil {
			return err
		}
		a.Status, a.DecidedBy, a.DecidedAt, a.DecisionNote = AcceptanceRejected, by, now, cmd.Note
		if r.Status == StatusAccepted {
			return r.setStatus(StatusOpen, now)
		}
		return nil
	}
	var expires time.Time
	if last := r.LatestAcceptance(); last != nil {
		valid := last.ValidFor
		if valid.IsZero() {
			valid = DefaultAcceptanceValidity()
		}
		expires = valid.AddTo(now)
	}
	if !cmd.ExpiresAt.IsZero() {
		expires = isms.NormalizeTime(cmd.ExpiresAt)
	}
	a, err := r.moveAcceptance(AcceptanceAccepted, AcceptanceTransitionRequest{By: by, At: now, ExpiresAt: expires})
	if err != nil {
		return err
	}
	if r.Status != StatusAccepted && !statusLifecycle.Allowed(r.Status, StatusAccepted) {
		// Refuse before changing anything (a status outside the table).
		return statusLifecycle.Check(r.Status, StatusAccepted, StatusChangeRequest{Risk: r, At: now})
	}
	eff := r.Effective()
	a.Status, a.DecidedBy, a.DecidedAt, a.DecisionNote = AcceptanceAccepted, by, now, cmd.Note
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
	return r.setStatus(StatusAccepted, now)
}

// RevokeAcceptance withdraws the last acceptance, which must be accepted,
// and sends the risk back to open. Only the owner or a delegated approver
// may revoke (by), and a reason is required (AcceptanceLifecycle). Errors
// answer isms.ErrInvalid (isms.ErrConflict for a stale revision) and name
// the risk.
func (r *Risk) RevokeAcceptance(by string, cmd RevokeAcceptanceCommand, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: revoke acceptance: nil risk")
	}
	return r.subject(r.revokeAcceptance(by, cmd, now))
}

func (r *Risk) revokeAcceptance(by string, cmd RevokeAcceptanceCommand, now time.Time) error {
	if err := r.checkRevision(cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	a, err := r.moveAcceptance(AcceptanceRevoked, AcceptanceTransitionRequest{By: by, At: now, Reason: cmd.Reason})
	if err != nil {
		return err
	}
	a.Status, a.ClosedBy, a.ClosedAt, a.CloseReason = AcceptanceRevoked, by, now, cmd.Reason
	if r.Status == StatusAccepted {
		return r.setStatus(StatusOpen, now)
	}
	return nil
}

// ExpireAcceptance marks the last acceptance expired when it is accepted
// and now is at or after its expiry, and sends the risk back to open. by
// is recorded as who closed it: the system actor of a sweep
// (Register.ExpireAcceptances), never empty. It is refused before the
// expiry. Errors answer isms.ErrInvalid and name the risk.
func (r *Risk) ExpireAcceptance(by string, now time.Time) error {
	if r == nil {
		return isms.Invalidf("risk: expire acceptance: nil risk")
	}
	return r.subject(r.expireAcceptance(by, now))
}

func (r *Risk) expireAcceptance(by string, now time.Time) error {
	now = isms.NormalizeTime(now)
	a, err := r.moveAcceptance(AcceptanceExpired, AcceptanceTransitionRequest{By: by, At: now})
	if err != nil {
		return err
	}
	a.Status, a.ClosedBy, a.ClosedAt = AcceptanceExpired, by, now
	a.CloseReason = "expired on " + stamp(a.ExpiresAt)
	if r.Status == StatusAccepted {
		return r.setStatus(StatusOpen, now)
	}
	return nil
}
