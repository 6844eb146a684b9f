package incident

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Status is where an incident stands in Lifecycle.
type Status string

// Statuses, in the order of the lifecycle.
const (
	StatusReported           Status = "reported"
	StatusTriaging           Status = "triaging"
	StatusDeclared           Status = "declared"
	StatusContainment        Status = "containment"
	StatusEradication        Status = "eradication"
	StatusRecovery           Status = "recovery"
	StatusResolved           Status = "resolved"
	StatusPostIncidentReview Status = "post_incident_review"
	StatusClosed             Status = "closed"
	StatusDismissed          Status = "dismissed"
	StatusMerged             Status = "merged"
)

var statusValues = []Status{StatusReported, StatusTriaging, StatusDeclared, StatusContainment, StatusEradication,
	StatusRecovery, StatusResolved, StatusPostIncidentReview, StatusClosed, StatusDismissed, StatusMerged}

// openStatuses are the states an incident may be dismissed or merged
// from.
var openStatuses = []Status{StatusReported, StatusTriaging, StatusDeclared, StatusContainment, StatusEradication, StatusRecovery}

// StatusValues returns every Status, in lifecycle order.
func StatusValues() []Status { return slices.Clone(statusValues) }

// IsValid reports whether s is a known Status.
func (s Status) IsValid() bool { return slices.Contains(statusValues, s) }

// IsOpen reports whether s is a state from which an incident may still be
// dismissed or merged (reported to recovery).
func (s Status) IsOpen() bool { return slices.Contains(openStatuses, s) }

// UnmarshalText accepts only known statuses.
func (s *Status) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "status", b, statusValues)
}

// DismissReason says why a report is dismissed.
type DismissReason string

// Dismissal reasons.
const (
	DismissFalsePositive DismissReason = "false_positive"
	DismissLegitimate    DismissReason = "legitimate_activity"
	DismissOutOfScope    DismissReason = "out_of_scope"
	DismissDuplicate     DismissReason = "duplicate"
)

var dismissReasonValues = []DismissReason{DismissFalsePositive, DismissLegitimate, DismissOutOfScope, DismissDuplicate}

// DismissReasonValues returns every DismissReason.
func DismissReasonValues() []DismissReason { return slices.Clone(dismissReasonValues) }

// IsValid reports whether r is a known DismissReason.
func (r DismissReason) IsValid() bool { return slices.Contains(dismissReasonValues, r) }

// UnmarshalText accepts only known dismissal reasons.
func (r *DismissReason) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(r, "dismiss reason", b, dismissReasonValues)
}

// Scale is a declared ordinal severity scale: its levels, and which end
// is the worst.
type Scale struct {
	// Levels are listed from one end to the other; at least two, unique.
	Levels []string `json:"levels"`
	// WorstFirst: the first level is the worst (as in "SEV1, SEV2, ...").
	WorstFirst bool `json:"worst_first,omitempty"`
}

// DefaultScale returns low, medium, high, critical (critical worst).
func DefaultScale() Scale { return Scale{Levels: []string{"low", "medium", "high", "critical"}} }

// Validate reports a scale with fewer than two levels, or blank or
// repeated ones.
func (s Scale) Validate() error {
	var ps isms.Problems
	if len(s.Levels) < 2 {
		ps.Add("levels", isms.CodeRequired, "a scale needs at least two levels")
	}
	seen := make(map[string]bool, len(s.Levels))
	for i, l := range s.Levels {
		if strings.TrimSpace(l) == "" {
			ps.Add(indexField("levels", i), isms.CodeRequired, "a level needs a name")
		}
		if seen[l] {
			ps.Add(indexField("levels", i), isms.CodeDuplicate, "level listed twice")
		}
		seen[l] = true
	}
	return ps.Err("scale")
}

// Rank returns 1 for the least severe level up to len(Levels) for the
// worst, and 0 for a level the scale lacks.
func (s Scale) Rank(level string) int {
	i := slices.Index(s.Levels, level)
	switch {
	case i < 0 || level == "":
		return 0
	case s.WorstFirst:
		return len(s.Levels) - i
	}
	return i + 1
}

// Policy is what the lifecycle's guards need besides the incident: the
// severity scale and the level from which a post-incident review is
// required before closing.
type Policy struct {
	Scale Scale `json:"scale"`
	// ReviewFrom is the lowest level that needs a completed post-incident
	// review before closing; empty means every incident does.
	ReviewFrom string `json:"review_from,omitempty"`
}

// DefaultPolicy returns DefaultScale with reviews required from "high".
func DefaultPolicy() Policy { return Policy{Scale: DefaultScale(), ReviewFrom: "high"} }

// Validate reports an invalid scale or a ReviewFrom it lacks.
func (p Policy) Validate() error {
	var ps isms.Problems
	ps.Merge("scale", p.Scale.Validate())
	if p.ReviewFrom != "" && p.Scale.Rank(p.ReviewFrom) == 0 {
		ps.Addf("review_from", isms.CodeUnknown, "level %q is not on the scale", p.ReviewFrom)
	}
	return ps.Err("policy")
}

// TransitionRequest is what the guards of Lifecycle inspect: the incident
// (before the move), the command asking for it, who and when, and the
// policy.
type TransitionRequest struct {
	Incident *Incident   `json:"-"`
	Command  StepCommand `json:"command"`
	By       string      `json:"by"`
	At       time.Time   `json:"at"`
	Policy   Policy      `json:"policy"`
}

// Names of the guards of Lifecycle, as a refused move reports them in
// isms.TransitionError.Guard. They are stable.
const (
	GuardActorNamed       = "actor_named"
	GuardCriteriaGiven    = "declaration_criteria_given"
	GuardSeverityOnScale  = "severity_on_scale"
	GuardRecoveryCriteria = "recovery_criteria_given"
	GuardOutcomeRecorded  = "outcome_recorded"
	GuardReviewCompleted  = "review_completed"
	GuardActionsClosed    = "actions_closed_or_carried_over"
	GuardDismissReason    = "dismiss_reason_given"
	GuardMergeTarget      = "merge_target_given"
	GuardReopenReason     = "reopen_reason_given"
)

const machineName = "incident lifecycle"

type guard = isms.Guard[TransitionRequest]

func newLifecycle() *isms.StateMachine[Status, TransitionRequest] {
	actor := guard{Name: GuardActorNamed, Check: func(q TransitionRequest) error {
		if strings.TrimSpace(q.By) == "" {
			return errors.New("the step names no actor")
		}
		return nil
	}}
	criteria := guard{Name: GuardCriteriaGiven, Check: func(q TransitionRequest) error {
		if !slices.ContainsFunc(q.Command.Criteria, func(c string) bool { return strings.TrimSpace(c) != "" }) {
			return errors.New("a declaration names the criteria the event meets")
		}
		return nil
	}}
	severity := guard{Name: GuardSeverityOnScale, Check: func(q TransitionRequest) error {
		sev := q.Command.Severity
		if sev == "" && q.Incident != nil {
			sev = q.Incident.Severity
		}
		if q.Policy.Scale.Rank(sev) == 0 {
			return fmt.Errorf("severity %q is not a level of the scale %v", sev, q.Policy.Scale.Levels)
		}
		return nil
	}}
	recovery := guard{Name: GuardRecoveryCriteria, Check: func(q TransitionRequest) error {
		if strings.TrimSpace(q.Command.RecoveryCriteria) == "" && (q.Incident == nil || strings.TrimSpace(q.Incident.RecoveryCriteria) == "") {
			return errors.New("recovery needs criteria for when it is complete")
		}
		return nil
	}}
	outcome := guard{Name: GuardOutcomeRecorded, Check: func(q TransitionRequest) error {
		if strings.TrimSpace(q.Command.Outcome) == "" && (q.Incident == nil || strings.TrimSpace(q.Incident.Outcome) == "") {
			return errors.New("closing records the outcome")
		}
		return nil
	}}
	review := guard{Name: GuardReviewCompleted, Check: func(q TransitionRequest) error {
		inc := q.Incident
		if inc == nil {
			return errors.New("no incident")
		}
		if q.Policy.ReviewFrom != "" && q.Policy.Scale.Rank(inc.Severity) < q.Policy.Scale.Rank(q.Policy.ReviewFrom) {
			return nil
		}
		if inc.Review == nil || inc.Review.CompletedAt.IsZero() {
			return fmt.Errorf("severity %q needs a completed post-incident review", inc.Severity)
		}
		return nil
	}}
	actions := guard{Name: GuardActionsClosed, Check: func(q TransitionRequest) error {
		if q.Incident == nil {
			return errors.New("no incident")
		}
		var open []string
		for _, a := range q.Incident.Actions {
			if !a.Status.done() && !a.CarriedOver && !slices.Contains(q.Command.CarryOver, a.ID) {
				open = append(open, string(a.ID))
			}
		}
		if len(open) > 0 {
			return fmt.Errorf("actions %s are open and not carried over", strings.Join(open, ", "))
		}
		return nil
	}}
	dismiss := guard{Name: GuardDismissReason, Check: func(q TransitionRequest) error {
		if !q.Command.Dismissal.IsValid() {
			return fmt.Errorf("dismissal reason %q is not one of %v", q.Command.Dismissal, dismissReasonValues)
		}
		return nil
	}}
	merge := guard{Name: GuardMergeTarget, Check: func(q TransitionRequest) error {
		t := q.Command.MergeInto
		if !t.IsValid() {
			return errors.New("merging names the incident merged into")
		}
		if q.Incident != nil && t == q.Incident.ID {
			return errors.New("an incident cannot be merged into itself")
		}
		return nil
	}}
	reopen := guard{Name: GuardReopenReason, Check: func(q TransitionRequest) error {
		if strings.TrimSpace(q.Command.Reason) == "" {
			return errors.New("reopening gives the reason")
		}
		return nil
	}}
	row := func(from, to Status, gs ...guard) isms.Transition[Status, TransitionRequest] {
		return isms.Transition[Status, TransitionRequest]{From: from, To: to, Guards: append([]guard{actor}, gs...)}
	}
	rows := []isms.Transition[Status, TransitionRequest]{
		row(StatusReported, StatusTriaging),
		row(StatusTriaging, StatusDeclared, criteria, severity),
		row(StatusDeclared, StatusContainment),
		row(StatusContainment, StatusEradication),
		row(StatusEradication, StatusRecovery, recovery),
		row(StatusRecovery, StatusResolved),
		row(StatusResolved, StatusPostIncidentReview),
		row(StatusResolved, StatusClosed, outcome, review, actions),
		row(StatusPostIncidentReview, StatusClosed, outcome, review, actions),
		row(StatusClosed, StatusDeclared, reopen),
	}
	for _, s := range openStatuses {
		rows = append(rows, row(s, StatusDismissed, dismiss))
	}
	for _, s := range openStatuses {
		rows = append(rows, row(s, StatusMerged, merge))
	}
	return isms.NewStateMachine(machineName, []Status{StatusReported}, rows...)
}

// Lifecycle returns the incident lifecycle as one transition table:
// reported → triaging → declared (with criteria and a severity) →
// containment → eradication → recovery (with recovery criteria) →
// resolved → post_incident_review → closed (an outcome, a completed
// review at or above the policy's level, no open actions unless carried
// over; a resolved incident below that level may close directly);
// dismissed with a reason or merged into another incident from any state
// from reported to recovery; reopened from closed to declared with a
// reason. Every move names its actor. The machine is shared and
// immutable.
func Lifecycle() *isms.StateMachine[Status, TransitionRequest] { return lifecycle }

var lifecycle = newLifecycle()
