package isms

import (
	"math"
	"slices"
	"strconv"
	"time"
)

// ObjectiveStatus is where an information security objective stands.
type ObjectiveStatus string

// Objective statuses.
const (
	ObjectivePlanned   ObjectiveStatus = "planned"
	ObjectiveOnTrack   ObjectiveStatus = "on_track"
	ObjectiveAtRisk    ObjectiveStatus = "at_risk"
	ObjectiveAchieved  ObjectiveStatus = "achieved"
	ObjectiveMissed    ObjectiveStatus = "missed"
	ObjectiveCancelled ObjectiveStatus = "cancelled"
)

var objectiveStatusValues = []ObjectiveStatus{
	ObjectivePlanned, ObjectiveOnTrack, ObjectiveAtRisk, ObjectiveAchieved, ObjectiveMissed, ObjectiveCancelled,
}

// ObjectiveStatusValues returns every ObjectiveStatus.
func ObjectiveStatusValues() []ObjectiveStatus { return slices.Clone(objectiveStatusValues) }

// IsValid reports whether s is a known ObjectiveStatus.
func (s ObjectiveStatus) IsValid() bool { return slices.Contains(objectiveStatusValues, s) }

// UnmarshalText accepts only known statuses.
func (s *ObjectiveStatus) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, "objective status", b, objectiveStatusValues)
}

// ObjectiveTargetDirection says which side of an objective's target value
// meets it.
type ObjectiveTargetDirection string

// Directions of an objective's target.
const (
	// ObjectiveTargetAtLeast is met by values greater than or equal to the target,
	// as for "at least 95 % of staff trained".
	ObjectiveTargetAtLeast ObjectiveTargetDirection = "at_least"
	// ObjectiveTargetAtMost is met by values less than or equal to the target, as
	// for "at most 2 critical findings open".
	ObjectiveTargetAtMost ObjectiveTargetDirection = "at_most"
)

var targetDirectionValues = []ObjectiveTargetDirection{ObjectiveTargetAtLeast, ObjectiveTargetAtMost}

// ObjectiveTargetDirectionValues returns every ObjectiveTargetDirection.
func ObjectiveTargetDirectionValues() []ObjectiveTargetDirection {
	return slices.Clone(targetDirectionValues)
}

// IsValid reports whether d is a known ObjectiveTargetDirection.
func (d ObjectiveTargetDirection) IsValid() bool { return slices.Contains(targetDirectionValues, d) }

// UnmarshalText accepts only known directions.
func (d *ObjectiveTargetDirection) UnmarshalText(b []byte) error {
	return UnmarshalEnum(d, "target direction", b, targetDirectionValues)
}

// ObjectiveTarget is the measurable target of an Objective (6.2 b): a
// metric, a value and the direction that meets it, such as "phishing click
// rate at most 5 %".
type ObjectiveTarget struct {
	// Metric is required: what is measured.
	Metric string `json:"metric"`
	// Value is the target value; it must be finite.
	Value float64 `json:"value"`
	// Unit of Value, such as "%" or "days".
	Unit string `json:"unit,omitempty"`
	// Direction is required.
	Direction ObjectiveTargetDirection `json:"direction"`
}

// MetBy reports whether v meets the target. It is false for an unknown
// direction or a NaN.
func (t ObjectiveTarget) MetBy(v float64) bool {
	switch t.Direction {
	case ObjectiveTargetAtLeast:
		return v >= t.Value
	case ObjectiveTargetAtMost:
		return v <= t.Value
	}
	return false
}

// Objective is an information security objective (ISO/IEC 27001:2022
// clause 6.2): what will be achieved, how it is measured, who is
// responsible and when it is due.
type Objective struct {
	Meta
	// Title is required.
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Owner is responsible for the objective (6.2 h).
	Owner string `json:"owner,omitempty"`
	// Target is the measurable target (6.2 b); nil when none is set.
	Target *ObjectiveTarget `json:"target,omitempty"`
	// Current is the latest measured value, nil when not measured; it
	// must be finite.
	Current *float64 `json:"current,omitempty"`
	// MeasuredAt is when Current was measured.
	MeasuredAt time.Time `json:"measured_at,omitzero"`
	// DueAt is when the objective is to be achieved (6.2 i).
	DueAt time.Time `json:"due_at,omitzero"`
	// Status is required.
	Status ObjectiveStatus `json:"status"`
}

// TargetMet reports whether the current value meets the target; known is
// false when there is no target or no current value, or o is nil.
func (o *Objective) TargetMet() (met, known bool) {
	if o == nil || o.Target == nil || o.Current == nil {
		return false, false
	}
	return o.Target.MetBy(*o.Current), true
}

// Validate reports every problem of o: a title and a known status are
// required; a target needs a metric, a known direction and a finite
// value; the current value must be finite; times must lie in years 0001
// to 9999 (CheckTime). A missing target or owner is a finding of
// CheckObjective, not a validation error. A nil o is an error.
func (o *Objective) Validate() error {
	if o == nil {
		return Invalidf("objective is nil")
	}
	var ps Problems
	checkMeta(&ps, o.Meta)
	checkRequired(&ps, "title", o.Title)
	CheckEnum(&ps, "status", o.Status, objectiveStatusValues, true)
	if t := o.Target; t != nil {
		checkRequired(&ps, "target.metric", t.Metric)
		CheckEnum(&ps, "target.direction", t.Direction, targetDirectionValues, true)
		if math.IsNaN(t.Value) || math.IsInf(t.Value, 0) {
			ps.Add("target.value", CodeOutOfRange, "target value must be a finite number")
		}
	}
	if o.Current != nil && (math.IsNaN(*o.Current) || math.IsInf(*o.Current, 0)) {
		ps.Add("current", CodeOutOfRange, "current value must be a finite number")
	}
	CheckTime(&ps, "measured_at", o.MeasuredAt)
	CheckTime(&ps, "due_at", o.DueAt)
	return ps.Err(subjectName(KindObjective, o.ID))
}

// ParseObjective decodes a JSON objective from a user strictly
// (UnmarshalStrict: unknown fields, trailing data, more than
// MaxDocumentSize bytes or MaxDocumentDepth levels are refused) and
// validates it. Every error answers errors.Is(err, ErrInvalid). Stored
// objectives are read leniently, for forward compatibility; ParseObjective
// is for documents from users.
func ParseObjective(data []byte) (*Objective, error) {
	return parseEntity[Objective](KindObjective, data)
}

// CheckObjective returns what needs attention about o at now, sorted with
// SortFindings. A nil or cancelled objective has no findings. The checks
// (listed with their severities and sources by Rules):
//
//   - objective.overdue: DueAt is set, now is after it, and the status is
//     neither achieved nor cancelled.
//   - objective.owner_missing: Owner is blank.
//   - objective.target_missing: Target is nil.
//   - objective.due_date_missing: DueAt is zero.
//   - objective.achieved_not_met: the status is achieved but the current
//     value does not meet the target.
func CheckObjective(o *Objective, now time.Time) []Finding {
	if o == nil || o.Status == ObjectiveCancelled {
		return nil
	}
	subject := o.Meta.Ref(KindObjective)
	status := func() map[string]string { return map[string]string{"status": string(o.Status)} }
	var fs []Finding
	if blank(o.Owner) {
		fs = append(fs, newFinding(CodeObjectiveOwnerMissing, subject, "owner", status(), "objective %q has no owner", o.Title))
	}
	if o.Target == nil {
		fs = append(fs, newFinding(CodeObjectiveTargetMissing, subject, "target", status(),
			"objective %q has no measurable target", o.Title))
	}
	if o.DueAt.IsZero() {
		fs = append(fs, newFinding(CodeObjectiveDueDateMissing, subject, "due_at", status(), "objective %q has no due date", o.Title))
	} else if now.After(o.DueAt) && o.Status != ObjectiveAchieved {
		fs = append(fs, newFinding(CodeObjectiveOverdue, subject, "due_at",
			map[string]string{"due": formatTime(o.DueAt), "now": formatTime(now), "status": string(o.Status)},
			"objective %q was due on %s and is %s", o.Title, o.DueAt.UTC().Format(time.DateOnly), o.Status))
	}
	if met, known := o.TargetMet(); known && !met && o.Status == ObjectiveAchieved {
		t := o.Target
		fs = append(fs, newFinding(CodeObjectiveAchievedNotMet, subject, "current",
			map[string]string{
				"metric": t.Metric, "direction": string(t.Direction),
				"target": formatFloat(t.Value), "current": formatFloat(*o.Current),
			},
			"objective %q is marked achieved but %s is %s, target %s %s", o.Title, t.Metric,
			formatFloat(*o.Current), t.Direction, formatFloat(t.Value)))
	}
	SortFindings(fs)
	return fs
}

// formatFloat renders v exactly and briefly ("95", "0.5").
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
