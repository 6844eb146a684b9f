package bcp

import (
	"errors"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// DRTestCommand moves a DR test through DRTestLifecycle (DRTest.Apply,
// Library.StepTest). The fields a move needs are set; the others are
// ignored.
type DRTestCommand struct {
	// To is the status the test moves to; required.
	To DRTestStatus `json:"to"`
	// ExecutedAt, DisruptedAt, RestoredAt and RestorePoint are recorded by
	// the move to executed; ExecutedAt is required, the other three for
	// every kind but the tabletop.
	ExecutedAt   time.Time `json:"executed_at,omitzero"`
	DisruptedAt  time.Time `json:"disrupted_at,omitzero"`  // see ExecutedAt
	RestoredAt   time.Time `json:"restored_at,omitzero"`   // see ExecutedAt
	RestorePoint time.Time `json:"restore_point,omitzero"` // see ExecutedAt
	// Met assesses the test's criteria, in order, at the move to evaluated;
	// it must have one entry per criterion.
	Met []bool `json:"met,omitempty"`
	// Evidence is added to the test's evidence.
	Evidence []isms.Ref `json:"evidence,omitempty"`
	// FollowUps are added to the test's follow-up actions.
	FollowUps []FollowUp `json:"follow_ups,omitempty"`
	// Reason is required to cancel.
	Reason string `json:"reason,omitempty"`
	// Revision is the revision of the test the user saw; 0 skips the
	// check, and a different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

// DRTestRequest is what the guards of DRTestLifecycle inspect: the test
// as it would be after the move, who makes it and when.
type DRTestRequest struct {
	// Test is the test after the move.
	Test *DRTest `json:"-"`
	// By is who makes the move.
	By string `json:"by"`
	// At is when.
	At time.Time `json:"at"`
}

// Names of the guards of DRTestLifecycle, as a refused move reports them
// in isms.TransitionError.Guard. They are stable.
const (
	// DRTestGuardActorNamed: the move names who makes it.
	DRTestGuardActorNamed = "actor_named"
	// DRTestGuardExecutionRecorded: the execution instant, and for a
	// measuring kind the disruption, restoration and restore point, are
	// recorded, in order (restore point ≤ disruption ≤ restoration ≤ now).
	DRTestGuardExecutionRecorded = "execution_recorded"
	// DRTestGuardCriteriaAssessed: every success criterion is assessed.
	DRTestGuardCriteriaAssessed = "criteria_assessed"
	// DRTestGuardEvidenceAttached: an evaluated test has evidence.
	DRTestGuardEvidenceAttached = "evidence_attached"
	// DRTestGuardReasonGiven: a cancellation gives its reason.
	DRTestGuardReasonGiven = "reason_given"
)

const drTestMachine = "bcp dr test"

type drGuard = isms.Guard[DRTestRequest]

func drTest(q DRTestRequest) (*DRTest, error) {
	if q.Test == nil {
		return nil, errors.New("no test")
	}
	return q.Test, nil
}

func drTestTable() []isms.Transition[DRTestStatus, DRTestRequest] {
	actor := drGuard{Name: DRTestGuardActorNamed, Check: func(q DRTestRequest) error {
		if q.By == "" {
			return errors.New("the move names no actor")
		}
		return nil
	}}
	executed := drGuard{Name: DRTestGuardExecutionRecorded, Check: func(q DRTestRequest) error {
		t, err := drTest(q)
		if err != nil {
			return err
		}
		switch {
		case t.ExecutedAt.IsZero():
			return errors.New("no execution instant")
		case t.ExecutedAt.After(q.At):
			return errors.New("executed in the future")
		case !t.Kind.Measured():
			return nil
		case t.DisruptedAt.IsZero() || t.RestoredAt.IsZero() || t.RestorePoint.IsZero():
			return errors.New("a measuring test needs its disruption, restoration and restore point")
		case t.RestoredAt.Before(t.DisruptedAt), t.DisruptedAt.Before(t.RestorePoint):
			return errors.New("the instants are out of order (restore point ≤ disruption ≤ restoration)")
		case t.RestoredAt.After(q.At):
			return errors.New("restored in the future")
		}
		return nil
	}}
	assessed := drGuard{Name: DRTestGuardCriteriaAssessed, Check: func(q DRTestRequest) error {
		t, err := drTest(q)
		if err != nil {
			return err
		}
		for _, c := range t.Criteria {
			if c.Met == nil {
				return errors.New("criterion not assessed: " + c.Description)
			}
		}
		return nil
	}}
	evidence := drGuard{Name: DRTestGuardEvidenceAttached, Check: func(q DRTestRequest) error {
		t, err := drTest(q)
		if err != nil {
			return err
		}
		if len(t.Evidence) == 0 {
			return errors.New("no evidence")
		}
		return nil
	}}
	reason := drGuard{Name: DRTestGuardReasonGiven, Check: func(q DRTestRequest) error {
		t, err := drTest(q)
		if err != nil {
			return err
		}
		if t.Reason == "" {
			return errors.New("no reason")
		}
		return nil
	}}
	type row = isms.Transition[DRTestStatus, DRTestRequest]
	return []row{
		{From: DRTestPlanned, To: DRTestExecuted, Guards: []drGuard{actor, executed}},
		{From: DRTestExecuted, To: DRTestEvaluated, Guards: []drGuard{actor, assessed, evidence}},
		{From: DRTestEvaluated, To: DRTestClosed, Guards: []drGuard{actor}},
		{From: DRTestPlanned, To: DRTestCancelled, Guards: []drGuard{actor, reason}},
		{From: DRTestExecuted, To: DRTestCancelled, Guards: []drGuard{actor, reason}},
	}
}

// DRTestLifecycle returns the lifecycle of DR tests: planned → executed →
// evaluated → closed, or planned or executed → cancelled, with the guards
// named by the DRTestGuard… constants. Each call returns a new machine
// over the same table.
func DRTestLifecycle() *isms.StateMachine[DRTestStatus, DRTestRequest] {
	return isms.NewStateMachine(drTestMachine, []DRTestStatus{DRTestPlanned}, drTestTable()...)
}

// Apply moves the test as cmd says, by the actor by at the time at (a
// pure step: Library.StepTest stores it). The move's values are recorded
// on a copy, the lifecycle's guards inspect the copy, and only an allowed
// move changes t. A refused move is an *isms.TransitionError; a nil test
// is an error answering isms.ErrInvalid. cmd.Revision is not checked here.
func (t *DRTest) Apply(cmd DRTestCommand, by string, at time.Time) error {
	if t == nil {
		return isms.Invalidf("bcp: dr test is nil")
	}
	at = isms.NormalizeTime(at)
	next := *t
	next.Criteria = slices.Clone(t.Criteria)
	next.Evidence = append(slices.Clone(t.Evidence), cmd.Evidence...)
	next.FollowUps = append(slices.Clone(t.FollowUps), cmd.FollowUps...)
	next.Status, next.By = cmd.To, by
	switch cmd.To {
	case DRTestExecuted:
		next.ExecutedAt = isms.NormalizeTime(cmd.ExecutedAt)
		next.DisruptedAt = isms.NormalizeTime(cmd.DisruptedAt)
		next.RestoredAt = isms.NormalizeTime(cmd.RestoredAt)
		next.RestorePoint = isms.NormalizeTime(cmd.RestorePoint)
	case DRTestEvaluated:
		if len(cmd.Met) != len(next.Criteria) {
			return isms.Invalidf("bcp: dr test %q: %d assessments for %d criteria", t.ID, len(cmd.Met), len(next.Criteria))
		}
		for i, m := range cmd.Met {
			next.Criteria[i].Met = &m
		}
		next.EvaluatedAt = at
	case DRTestClosed:
		next.ClosedAt = at
	case DRTestCancelled:
		next.CancelledAt, next.Reason = at, cmd.Reason
	}
	if err := DRTestLifecycle().Check(t.status(), cmd.To, DRTestRequest{Test: &next, By: by, At: at}); err != nil {
		return err
	}
	*t = next
	return nil
}
