package risk

import (
	"errors"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// StatusChangeRequest is what the guards of StatusLifecycle inspect: the
// risk, with its acceptances as they stand after the step that asks for
// the change, and the time of the change.
type StatusChangeRequest struct {
	// Risk is the risk whose status changes.
	Risk *Risk `json:"-"`
	// At is when.
	At time.Time `json:"at"`
}

// Names of the guards of StatusLifecycle, as a refused change reports them
// in isms.TransitionError.Guard. They are stable.
const (
	// StatusGuardSignoffInForce: a risk becomes accepted only with an
	// accepted sign-off in force (ISO/IEC 27001 6.1.3 f), which only
	// DecideAcceptance records.
	StatusGuardSignoffInForce = "signoff_in_force"
	// StatusGuardSignoffNotInForce: an accepted risk goes back to open only
	// once its sign-off is no longer in force (rejected, revoked or
	// expired).
	StatusGuardSignoffNotInForce = "signoff_not_in_force"
)

// statusMachine is the name of StatusLifecycle, as refusals print it.
const statusMachine = "risk status"

// statusLifecycle is built once; a StateMachine is immutable.
var statusLifecycle = newStatusLifecycle()

// StatusLifecycle returns the moves of a risk's Status as a transition
// table, the one Register.Update and the acceptance steps apply:
//
//	open -> closed          the risk no longer applies
//	open -> accepted        signoff_in_force
//	accepted -> open        signoff_not_in_force
//	accepted -> closed
//	closed -> open          the risk applies again
//
// A closed risk is never accepted directly: it is reopened, assessed and
// accepted again. Draw the table with Mermaid. The machine is shared and
// immutable.
func StatusLifecycle() *isms.StateMachine[Status, StatusChangeRequest] {
	return statusLifecycle
}

func newStatusLifecycle() *isms.StateMachine[Status, StatusChangeRequest] {
	type guard = isms.Guard[StatusChangeRequest]
	inForce := guard{Name: StatusGuardSignoffInForce, Check: func(q StatusChangeRequest) error {
		if q.Risk == nil {
			return errors.New("the request names no risk")
		}
		if a := q.Risk.LatestAcceptance(); !a.InForce(q.At) {
			return errors.New("the risk has no accepted sign-off in force; use the acceptance steps")
		}
		return nil
	}}
	notInForce := guard{Name: StatusGuardSignoffNotInForce, Check: func(q StatusChangeRequest) error {
		if q.Risk == nil {
			return errors.New("the request names no risk")
		}
		if a := q.Risk.LatestAcceptance(); a.InForce(q.At) {
			return fmt.Errorf("acceptance %s is in force until %s; revoke it first", a.ID, stamp(a.ExpiresAt))
		}
		return nil
	}}
	type row = isms.Transition[Status, StatusChangeRequest]
	return isms.NewStateMachine(statusMachine, []Status{StatusOpen},
		row{From: StatusOpen, To: StatusClosed},
		row{From: StatusOpen, To: StatusAccepted, Guards: []guard{inForce}},
		row{From: StatusAccepted, To: StatusOpen, Guards: []guard{notInForce}},
		row{From: StatusAccepted, To: StatusClosed},
		row{From: StatusClosed, To: StatusOpen},
	)
}

// setStatus moves the risk to status to at time at, as StatusLifecycle
// allows; staying in the same status is no move.
func (r *Risk) setStatus(to Status, at time.Time) error {
	if r.Status == to {
		return nil
	}
	if err := statusLifecycle.Check(r.Status, to, StatusChangeRequest{Risk: r, At: at}); err != nil {
		return err
	}
	r.Status = to
	return nil
}
