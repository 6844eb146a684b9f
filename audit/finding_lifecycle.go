package audit

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// FindingStatus is where a finding stands in FindingLifecycle.
type FindingStatus string

// Finding statuses, in lifecycle order.
const (
	StatusOpen              FindingStatus = "open"
	StatusInProgress        FindingStatus = "in_progress"
	StatusImplemented       FindingStatus = "implemented"
	StatusVerifiedEffective FindingStatus = "verified_effective"
	StatusClosed            FindingStatus = "closed"
	StatusReopened          FindingStatus = "reopened"
)

var findingStatusValues = []FindingStatus{StatusOpen, StatusInProgress, StatusImplemented,
	StatusVerifiedEffective, StatusClosed, StatusReopened}

// FindingStatusValues returns every FindingStatus, in lifecycle order.
func FindingStatusValues() []FindingStatus { return slices.Clone(findingStatusValues) }

// IsValid reports whether s is a known FindingStatus.
func (s FindingStatus) IsValid() bool { return slices.Contains(findingStatusValues, s) }

// UnmarshalText accepts only known statuses.
func (s *FindingStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "finding status", b, findingStatusValues)
}

// StepCommand asks for one move of FindingLifecycle, with the data the
// move's guards require. Fields left empty keep the finding's values.
type StepCommand struct {
	// To is the target status; required.
	To FindingStatus `json:"to"`
	// Reason is recorded in the history; reopening and closing an
	// observation or opportunity require it.
	Reason string `json:"reason,omitempty"`
	// Owner and Due set the corrective action's owner and due date.
	Owner string    `json:"owner,omitempty"`
	Due   time.Time `json:"due,omitzero"`
	// RootCause, Correction and CorrectiveAction record the analysis and
	// the actions (10.2 a to c).
	RootCause        string `json:"root_cause,omitempty"`
	Correction       string `json:"correction,omitempty"`
	CorrectiveAction string `json:"corrective_action,omitempty"`
	// Effectiveness is the effectiveness check; an empty By is the
	// actor, a zero At is now.
	Effectiveness *EffectivenessCheck `json:"effectiveness,omitempty"`
	// Revision is the revision the user saw; 0 skips the check, and a
	// different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// FindingRequest is what the guards of FindingLifecycle inspect: the
// finding before the move, the command, who and when.
type FindingRequest struct {
	Finding *Finding    `json:"-"`
	Command StepCommand `json:"command"`
	By      string      `json:"by"`
	At      time.Time   `json:"at"`
}

// Names of the guards of FindingLifecycle, as a refused move reports them
// in isms.TransitionError.Guard. They are stable.
const (
	GuardActorNamed           = "actor_named"
	GuardOwnerAssigned        = "owner_assigned"
	GuardDueDateSet           = "due_date_set"
	GuardRootCauseRecorded    = "root_cause_recorded"
	GuardCorrectionRecorded   = "correction_recorded"
	GuardCorrectiveAction     = "corrective_action_recorded"
	GuardEffectivenessChecked = "effectiveness_verified"
	GuardVerifierNotOwner     = "verifier_not_owner"
	GuardNotNonconformity     = "not_a_nonconformity"
	GuardReasonGiven          = "reason_given"
)

type findingGuard = isms.Guard[FindingRequest]

// pick returns the command's value when set, and the finding's otherwise.
func pick(cmd, cur string) string {
	if !blank(cmd) {
		return cmd
	}
	return cur
}

func (q FindingRequest) kind() FindingKind {
	if q.Finding == nil {
		return ""
	}
	return q.Finding.Kind
}

func (q FindingRequest) field(get func(*Finding) string, cmd string) string {
	if q.Finding == nil {
		return cmd
	}
	return pick(cmd, get(q.Finding))
}

func newFindingLifecycle() *isms.StateMachine[FindingStatus, FindingRequest] {
	actor := findingGuard{Name: GuardActorNamed, Check: func(q FindingRequest) error {
		if blank(q.By) {
			return errors.New("the step names no actor")
		}
		return nil
	}}
	owner := findingGuard{Name: GuardOwnerAssigned, Check: func(q FindingRequest) error {
		if blank(q.field(func(f *Finding) string { return f.Owner }, q.Command.Owner)) {
			return errors.New("the corrective action needs an owner")
		}
		return nil
	}}
	due := findingGuard{Name: GuardDueDateSet, Check: func(q FindingRequest) error {
		if !q.kind().IsNonconformity() {
			return nil
		}
		if q.Command.Due.IsZero() && (q.Finding == nil || q.Finding.Due.IsZero()) {
			return errors.New("a nonconformity's corrective action needs a due date")
		}
		return nil
	}}
	text := func(name, what string, get func(*Finding) string, cmd func(StepCommand) string) findingGuard {
		return findingGuard{Name: name, Check: func(q FindingRequest) error {
			if q.kind().IsNonconformity() && blank(q.field(get, cmd(q.Command))) {
				return fmt.Errorf("a nonconformity needs its %s before the action is implemented", what)
			}
			return nil
		}}
	}
	rootCause := text(GuardRootCauseRecorded, "root cause", func(f *Finding) string { return f.RootCause },
		func(c StepCommand) string { return c.RootCause })
	correction := text(GuardCorrectionRecorded, "correction", func(f *Finding) string { return f.Correction },
		func(c StepCommand) string { return c.Correction })
	corrective := text(GuardCorrectiveAction, "corrective action", func(f *Finding) string { return f.CorrectiveAction },
		func(c StepCommand) string { return c.CorrectiveAction })
	effective := findingGuard{Name: GuardEffectivenessChecked, Check: func(q FindingRequest) error {
		e := q.Command.Effectiveness
		switch {
		case e == nil:
			return errors.New("verifying effectiveness records an effectiveness check")
		case !e.Effective:
			return errors.New("the effectiveness check found the action not effective: reopen the finding instead")
		}
		return nil
	}}
	independent := findingGuard{Name: GuardVerifierNotOwner, Check: func(q FindingRequest) error {
		by := q.By
		if e := q.Command.Effectiveness; e != nil && !blank(e.By) {
			by = e.By
		}
		if o := q.field(func(f *Finding) string { return f.Owner }, q.Command.Owner); !blank(o) && o == by {
			return fmt.Errorf("%q owns the corrective action and cannot verify its effectiveness", by)
		}
		return nil
	}}
	notNC := findingGuard{Name: GuardNotNonconformity, Check: func(q FindingRequest) error {
		if q.kind().IsNonconformity() {
			return fmt.Errorf("a %s is closed only after its effectiveness is verified", q.kind())
		}
		return nil
	}}
	reason := findingGuard{Name: GuardReasonGiven, Check: func(q FindingRequest) error {
		if blank(q.Command.Reason) {
			return errors.New("the move needs a reason")
		}
		return nil
	}}
	row := func(from, to FindingStatus, gs ...findingGuard) isms.Transition[FindingStatus, FindingRequest] {
		return isms.Transition[FindingStatus, FindingRequest]{From: from, To: to, Guards: append([]findingGuard{actor}, gs...)}
	}
	return isms.NewStateMachine("audit finding lifecycle", []FindingStatus{StatusOpen},
		row(StatusOpen, StatusInProgress, owner, due),
		row(StatusInProgress, StatusImplemented, rootCause, correction, corrective),
		row(StatusImplemented, StatusVerifiedEffective, effective, independent),
		row(StatusVerifiedEffective, StatusClosed),
		row(StatusOpen, StatusClosed, notNC, reason),
		row(StatusInProgress, StatusClosed, notNC, reason),
		row(StatusImplemented, StatusReopened, reason),
		row(StatusVerifiedEffective, StatusReopened, reason),
		row(StatusClosed, StatusReopened, reason),
		row(StatusReopened, StatusInProgress, owner, due),
	)
}

var findingLifecycle = newFindingLifecycle()

// FindingLifecycle returns the lifecycle of findings and their corrective
// actions as one transition table: open → in_progress (an owner and, for
// a nonconformity, a due date) → implemented (a nonconformity records
// its root cause, correction and corrective action) → verified_effective
// (a passed effectiveness check by someone other than the owner) →
// closed; an observation or opportunity may close from open or
// in_progress with a reason; implemented (the check failed),
// verified_effective and closed may be reopened with a reason, and a
// reopened finding goes back in progress. Every move names its actor.
// The machine is shared and immutable.
func FindingLifecycle() *isms.StateMachine[FindingStatus, FindingRequest] { return findingLifecycle }

// checkRevision refuses a command for another revision than f's.
func (f *Finding) checkRevision(rev int64) error {
	if rev != 0 && rev != f.Revision {
		return &isms.ConflictError{Kind: KindFinding, ID: f.ID, Expected: rev, Actual: f.Revision}
	}
	return nil
}

// Step moves the finding as cmd asks, by by at now (FindingLifecycle): a
// refused move is an *isms.TransitionError naming the guard that failed
// (isms.ErrInvalid), and f is then unchanged. The move records the
// command's owner, due date, root cause, correction, corrective action
// and effectiveness check, sets ImplementedAt or ClosedAt, and appends
// to History.
func (f *Finding) Step(by string, cmd StepCommand, now time.Time) error {
	if f == nil {
		return isms.Invalidf("audit: step: nil finding")
	}
	if err := f.checkRevision(cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	if cmd.Effectiveness != nil {
		e := *cmd.Effectiveness
		if blank(e.By) {
			e.By = by
		}
		if e.At.IsZero() {
			e.At = now
		}
		e.At = isms.NormalizeTime(e.At)
		e.Evidence = slices.Clone(e.Evidence)
		cmd.Effectiveness = &e
	}
	from := f.Status
	if err := findingLifecycle.Check(from, cmd.To, FindingRequest{Finding: f, Command: cmd, By: by, At: now}); err != nil {
		return err
	}
	f.Owner = pick(cmd.Owner, f.Owner)
	if !cmd.Due.IsZero() {
		f.Due = isms.NormalizeTime(cmd.Due)
	}
	f.RootCause = pick(cmd.RootCause, f.RootCause)
	f.Correction = pick(cmd.Correction, f.Correction)
	f.CorrectiveAction = pick(cmd.CorrectiveAction, f.CorrectiveAction)
	if cmd.Effectiveness != nil {
		f.Effectiveness = cmd.Effectiveness
	}
	switch cmd.To {
	case StatusImplemented:
		f.ImplementedAt = now
	case StatusClosed:
		f.ClosedAt = now
	case StatusReopened:
		f.ClosedAt = time.Time{}
	}
	f.History = append(f.History, FindingTransition{From: from, To: cmd.To, By: by, At: now, Reason: cmd.Reason})
	f.Status = cmd.To
	return nil
}
