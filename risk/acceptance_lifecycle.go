package risk

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// AcceptanceTransitionRequest is what the guards of AcceptanceLifecycle
// inspect: the risk whose last acceptance moves, who asks for the move and
// when, and the values the move needs (a revocation's reason, an
// acceptance's expiry). The acceptance steps of Risk build it; times are
// normalized (isms.NormalizeTime) before the guards run.
type AcceptanceTransitionRequest struct {
	// Risk is the risk whose last acceptance moves.
	Risk *Risk `json:"-"`
	// By is who makes the move: the requester, the submitter, the
	// approver, or the system actor of an expiry sweep.
	By string `json:"by"`
	// At is when.
	At time.Time `json:"at"`
	// Reason is a revocation's reason.
	Reason string `json:"reason,omitempty"`
	// ExpiresAt is the expiry an acceptance would get.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
}

// Names of the guards of AcceptanceLifecycle (and of a request for a new
// acceptance), as a refused step reports them in isms.TransitionError.Guard.
// They are stable.
const (
	// AcceptanceGuardActorNamed: the step names who makes it.
	AcceptanceGuardActorNamed = "actor_named"
	// AcceptanceGuardOwnerNamed: a new request needs a risk owner, who
	// decides it or delegates the decision (ISO/IEC 27001 6.1.3 f);
	// without one nobody could ever decide it.
	AcceptanceGuardOwnerNamed = "owner_named"
	// AcceptanceGuardWithdrawer: a request is withdrawn by its requester,
	// the risk owner or an approver with a delegation in force.
	AcceptanceGuardWithdrawer = "withdrawer_authorised"
	// AcceptanceGuardRiskNotClosed: the risk is not closed (a closed risk
	// no longer applies; accepting it would reopen it as accepted).
	AcceptanceGuardRiskNotClosed = "risk_not_closed"
	// AcceptanceGuardRiskAssessed: the risk has an assessment to accept.
	AcceptanceGuardRiskAssessed = "risk_assessed"
	// AcceptanceGuardPreviousClosed: a new request needs the last
	// acceptance, if any, to be rejected, revoked or expired.
	AcceptanceGuardPreviousClosed = "previous_closed"
	// AcceptanceGuardApprover: the actor is the risk owner or holds a
	// delegation in force (ISO/IEC 27001 6.1.3 f); its error wraps
	// ErrNotApprover.
	AcceptanceGuardApprover = "approver_authorised"
	// AcceptanceGuardExpiryAfterDecision: an acceptance expires after it is
	// decided.
	AcceptanceGuardExpiryAfterDecision = "expiry_after_decision"
	// AcceptanceGuardReasonGiven: a revocation gives its reason.
	AcceptanceGuardReasonGiven = "reason_given"
	// AcceptanceGuardExpiryReached: an acceptance expires only at or after
	// its expiry.
	AcceptanceGuardExpiryReached = "expiry_reached"
)

// acceptanceMachine is the name of AcceptanceLifecycle, as refusals print
// it.
const acceptanceMachine = "risk acceptance"

type acceptanceGuard = isms.Guard[AcceptanceTransitionRequest]

// The guards, shared by the table and by requests.
var (
	guardActorNamed = acceptanceGuard{Name: AcceptanceGuardActorNamed, Check: func(q AcceptanceTransitionRequest) error {
		if q.By == "" {
			return errors.New("the step names no actor")
		}
		return nil
	}}
	guardOwnerNamed = acceptanceGuard{Name: AcceptanceGuardOwnerNamed, Check: func(q AcceptanceTransitionRequest) error {
		r, err := requestRisk(q)
		if err != nil {
			return err
		}
		if strings.TrimSpace(r.Owner) == "" {
			return errors.New("the risk has no owner to decide on its acceptance")
		}
		return nil
	}}
	guardWithdrawer = acceptanceGuard{Name: AcceptanceGuardWithdrawer, Check: func(q AcceptanceTransitionRequest) error {
		r, err := requestRisk(q)
		if err != nil {
			return err
		}
		if a := r.LatestAcceptance(); a != nil && q.By != "" && q.By == a.RequestedBy {
			return nil
		}
		if !r.CanApprove(q.By, q.At) {
			return fmt.Errorf("%q is neither the requester nor %w", q.By, ErrNotApprover)
		}
		return nil
	}}
	guardRiskNotClosed = acceptanceGuard{Name: AcceptanceGuardRiskNotClosed, Check: func(q AcceptanceTransitionRequest) error {
		r, err := requestRisk(q)
		if err != nil {
			return err
		}
		if r.Status == StatusClosed {
			return errors.New("the risk is closed")
		}
		return nil
	}}
	guardRiskAssessed = acceptanceGuard{Name: AcceptanceGuardRiskAssessed, Check: func(q AcceptanceTransitionRequest) error {
		r, err := requestRisk(q)
		if err != nil {
			return err
		}
		if r.Effective() == nil {
			return errors.New("the risk has no assessment to accept")
		}
		return nil
	}}
	guardPreviousClosed = acceptanceGuard{Name: AcceptanceGuardPreviousClosed, Check: func(q AcceptanceTransitionRequest) error {
		r, err := requestRisk(q)
		if err != nil {
			return err
		}
		if a := r.LatestAcceptance(); a != nil && a.Status.active() {
			return fmt.Errorf("acceptance %s is still %s", a.ID, a.Status)
		}
		return nil
	}}
	guardApprover = acceptanceGuard{Name: AcceptanceGuardApprover, Check: func(q AcceptanceTransitionRequest) error {
		r, err := requestRisk(q)
		if err != nil {
			return err
		}
		if !r.CanApprove(q.By, q.At) {
			return fmt.Errorf("%q is %w", q.By, ErrNotApprover)
		}
		return nil
	}}
	guardExpiryAfterDecision = acceptanceGuard{Name: AcceptanceGuardExpiryAfterDecision, Check: func(q AcceptanceTransitionRequest) error {
		if !q.ExpiresAt.After(q.At) {
			return fmt.Errorf("expiry %s is not after the decision at %s", stamp(q.ExpiresAt), stamp(q.At))
		}
		return nil
	}}
	guardReasonGiven = acceptanceGuard{Name: AcceptanceGuardReasonGiven, Check: func(q AcceptanceTransitionRequest) error {
		if q.Reason == "" {
			return errors.New("a reason is required")
		}
		return nil
	}}
	guardExpiryReached = acceptanceGuard{Name: AcceptanceGuardExpiryReached, Check: func(q AcceptanceTransitionRequest) error {
		r, err := requestRisk(q)
		if err != nil {
			return err
		}
		if a := r.LatestAcceptance(); a != nil && q.At.Before(a.ExpiresAt) {
			return fmt.Errorf("it is in force until %s", stamp(a.ExpiresAt))
		}
		return nil
	}}
)

// requestGuards are the conditions of a request for a new acceptance,
// checked in order: the move from no acceptance ("") to created.
var requestGuards = []acceptanceGuard{guardActorNamed, guardRiskNotClosed, guardOwnerNamed, guardRiskAssessed, guardPreviousClosed}

func requestRisk(q AcceptanceTransitionRequest) (*Risk, error) {
	if q.Risk == nil {
		return nil, errors.New("the request names no risk")
	}
	return q.Risk, nil
}

// acceptanceLifecycle is built once; a StateMachine is immutable.
var acceptanceLifecycle = newAcceptanceLifecycle()

// AcceptanceLifecycle returns the life of a risk acceptance sign-off
// (ISO/IEC 27001:2022 6.1.3 f) as a transition table, the one the
// acceptance steps of Risk (and Register) apply:
//
//	created -> submitted     submit: actor_named, risk_not_closed
//	submitted -> accepted    accept: risk_not_closed, approver_authorised,
//	                         risk_assessed, expiry_after_decision
//	submitted -> rejected    reject: risk_not_closed, approver_authorised
//	accepted -> revoked      revoke: approver_authorised, reason_given
//	accepted -> expired      expire: actor_named, expiry_reached
//	created -> withdrawn     withdraw: actor_named, withdrawer_authorised
//	submitted -> withdrawn   withdraw: actor_named, withdrawer_authorised
//
// Rejected, revoked, expired and withdrawn are final. A new acceptance
// starts in created (RequestAcceptance) when the requester is named, the
// risk is not closed, has an owner and is assessed, and the last
// acceptance, if any, is final (actor_named, risk_not_closed, owner_named,
// risk_assessed, previous_closed); a refused request reports the move from
// "" to created. Draw the table with
// Mermaid. The machine is shared and immutable.
func AcceptanceLifecycle() *isms.StateMachine[AcceptanceStatus, AcceptanceTransitionRequest] {
	return acceptanceLifecycle
}

func newAcceptanceLifecycle() *isms.StateMachine[AcceptanceStatus, AcceptanceTransitionRequest] {
	type row = isms.Transition[AcceptanceStatus, AcceptanceTransitionRequest]
	g := func(gs ...acceptanceGuard) []acceptanceGuard { return gs }
	return isms.NewStateMachine(acceptanceMachine, []AcceptanceStatus{AcceptanceCreated},
		row{From: AcceptanceCreated, To: AcceptanceSubmitted, Guards: g(guardActorNamed, guardRiskNotClosed)},
		row{From: AcceptanceSubmitted, To: AcceptanceAccepted, Guards: g(guardRiskNotClosed, guardApprover, guardRiskAssessed, guardExpiryAfterDecision)},
		row{From: AcceptanceSubmitted, To: AcceptanceRejected, Guards: g(guardRiskNotClosed, guardApprover)},
		row{From: AcceptanceAccepted, To: AcceptanceRevoked, Guards: g(guardApprover, guardReasonGiven)},
		row{From: AcceptanceAccepted, To: AcceptanceExpired, Guards: g(guardActorNamed, guardExpiryReached)},
		row{From: AcceptanceCreated, To: AcceptanceWithdrawn, Guards: g(guardActorNamed, guardWithdrawer)},
		row{From: AcceptanceSubmitted, To: AcceptanceWithdrawn, Guards: g(guardActorNamed, guardWithdrawer)},
	)
}

// moveAcceptance checks the move of the risk's last acceptance to status
// to, with the machine's table and guards. A risk without an acceptance is
// refused as the move from "".
func (r *Risk) moveAcceptance(to AcceptanceStatus, q AcceptanceTransitionRequest) (*Acceptance, error) {
	a := r.LatestAcceptance()
	if a == nil {
		return nil, &isms.TransitionError{Machine: acceptanceMachine, To: string(to), Reason: "the risk has no acceptance"}
	}
	q.Risk = r
	if err := acceptanceLifecycle.Check(a.Status, to, q); err != nil {
		var te *isms.TransitionError
		if errors.As(err, &te) && te.Guard == "" {
			te.Reason = fmt.Sprintf("the last acceptance, %s, is %s; %s needs one that is %s", a.ID, a.Status, to, acceptanceSource(to))
		}
		return nil, err
	}
	return a, nil
}

// acceptanceSource names the statuses the table moves from to reach to.
func acceptanceSource(to AcceptanceStatus) string {
	var from []string
	for _, t := range acceptanceLifecycle.Transitions() {
		if t.To == to {
			from = append(from, string(t.From))
		}
	}
	if len(from) == 0 {
		return "none (no move reaches " + string(to) + ")"
	}
	return strings.Join(from, " or ")
}

// checkRequest applies requestGuards: the move from no acceptance to
// created.
func checkRequest(q AcceptanceTransitionRequest) error {
	for _, g := range requestGuards {
		if err := g.Check(q); err != nil {
			return &isms.TransitionError{Machine: acceptanceMachine, To: string(AcceptanceCreated), Guard: g.Name, Reason: err.Error(), Err: err}
		}
	}
	return nil
}
