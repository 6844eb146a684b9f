package risk

import (
	"errors"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// AcceptanceStatus is the state of a risk acceptance sign-off (ISO/IEC
// 27001 6.1.3 f). The life of a sign-off is
//
//	created -> submitted -> accepted | rejected
//	created | submitted -> withdrawn
//	accepted -> revoked | expired
//
// and no other transition is allowed: AcceptanceLifecycle is the table.
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
	// AcceptanceWithdrawn is a request its requester (or an approver)
	// took back before a decision.
	AcceptanceWithdrawn AcceptanceStatus = "withdrawn"
)

var acceptanceStatusValues = []AcceptanceStatus{
	AcceptanceCreated, AcceptanceSubmitted, AcceptanceAccepted,
	AcceptanceRejected, AcceptanceRevoked, AcceptanceExpired, AcceptanceWithdrawn,
}

// AcceptanceStatusValues returns every AcceptanceStatus.
func AcceptanceStatusValues() []AcceptanceStatus { return slices.Clone(acceptanceStatusValues) }

// IsValid reports whether s is a known status.
func (s AcceptanceStatus) IsValid() bool { return slices.Contains(acceptanceStatusValues, s) }

// UnmarshalText accepts only known statuses.
func (s *AcceptanceStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "acceptance status", b, acceptanceStatusValues)
}

// Final reports whether s ends the sign-off's life (rejected, revoked,
// expired or withdrawn).
func (s AcceptanceStatus) Final() bool {
	return s == AcceptanceRejected || s == AcceptanceRevoked || s == AcceptanceExpired || s == AcceptanceWithdrawn
}

// active reports whether a sign-off in status s is still open or in force.
func (s AcceptanceStatus) active() bool {
	return s == AcceptanceCreated || s == AcceptanceSubmitted || s == AcceptanceAccepted
}

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
	// ClosedBy, ClosedAt and CloseReason record a revocation, expiry or
	// withdrawal.
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
// expired), with times in years 0001 to 9999. A nil acceptance is an error.
func (a *Acceptance) Validate() error {
	if a == nil {
		return isms.Invalidf("acceptance is nil")
	}
	var ps isms.Problems
	a.validate(&ps)
	return ps.Err("acceptance")
}

func (a *Acceptance) validate(ps *isms.Problems) {
	if err := a.ID.Validate(); err != nil {
		ps.Add("id", isms.CodeMalformed, err.Error())
	}
	isms.CheckEnum(ps, "status", a.Status, acceptanceStatusValues, true)
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
	if (a.Status == AcceptanceRevoked || a.Status == AcceptanceExpired || a.Status == AcceptanceWithdrawn) && a.ClosedAt.IsZero() {
		ps.Addf("closed_at", isms.CodeRequired, "a %s acceptance records when it closed", a.Status)
	}
	for _, t := range [...]struct {
		field string
		at    time.Time
	}{
		{"requested_at", a.RequestedAt}, {"submitted_at", a.SubmittedAt}, {"decided_at", a.DecidedAt},
		{"expires_at", a.ExpiresAt}, {"closed_at", a.ClosedAt},
	} {
		isms.CheckTime(ps, t.field, t.at)
	}
	if sn := a.Snapshot; sn != nil {
		for _, x := range [...]struct {
			field string
			a     *Assessment
		}{{"snapshot.inherent", sn.Inherent}, {"snapshot.current", sn.Current}, {"snapshot.residual", sn.Residual}} {
			if x.a != nil {
				isms.CheckTime(ps, x.field+".assessed_at", x.a.AssessedAt)
			}
		}
		if sn.Treatment != nil {
			var tps isms.Problems
			sn.Treatment.validate(&tps)
			ps.Merge("snapshot.treatment", tps.Err(""))
		}
	}
}

// ErrNotApprover is answered (besides isms.ErrInvalid) by a refused
// acceptance step whose actor is neither the risk owner nor an approver
// with a delegation in force: the *isms.TransitionError of guard
// AcceptanceGuardApprover unwraps to it.
var ErrNotApprover = errors.New("not the risk owner or a delegated approver")

// AcceptanceDue reports whether the last acceptance is accepted and has
// reached its expiry at now, so that ExpireAcceptance would succeed; false
// for a nil risk.
func (r *Risk) AcceptanceDue(now time.Time) bool {
	a := r.LatestAcceptance()
	return a != nil && a.Status == AcceptanceAccepted && !now.Before(a.ExpiresAt)
}
