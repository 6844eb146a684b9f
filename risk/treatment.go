package risk

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// TreatmentOption is one of the four risk treatment options of
// ISO/IEC 27005:2022.
type TreatmentOption string

// Treatment options.
const (
	// OptionModify changes the likelihood or the consequence by selecting
	// controls (once called "reduce" or "mitigate").
	OptionModify TreatmentOption = "modify"
	// OptionRetain keeps the risk as it is, by an informed decision.
	OptionRetain TreatmentOption = "retain"
	// OptionAvoid removes the risk source, by not starting or by ending the
	// activity that gives rise to the risk.
	OptionAvoid TreatmentOption = "avoid"
	// OptionShare shares the risk with another party, such as an insurer
	// or a supplier under contract (once called "transfer").
	OptionShare TreatmentOption = "share"
)

var treatmentOptionValues = []TreatmentOption{OptionModify, OptionRetain, OptionAvoid, OptionShare}

// TreatmentOptionValues returns every TreatmentOption.
func TreatmentOptionValues() []TreatmentOption { return slices.Clone(treatmentOptionValues) }

// IsValid reports whether o is a known option.
func (o TreatmentOption) IsValid() bool { return slices.Contains(treatmentOptionValues, o) }

// UnmarshalText accepts only known options.
func (o *TreatmentOption) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(o, "treatment option", b, treatmentOptionValues)
}

// ActionStatus is the state of one action of a treatment plan.
type ActionStatus string

// Action statuses.
const (
	ActionPlanned    ActionStatus = "planned"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
	ActionCancelled  ActionStatus = "cancelled"
)

var actionStatusValues = []ActionStatus{ActionPlanned, ActionInProgress, ActionDone, ActionCancelled}

// ActionStatusValues returns every ActionStatus.
func ActionStatusValues() []ActionStatus { return slices.Clone(actionStatusValues) }

// IsValid reports whether s is a known status.
func (s ActionStatus) IsValid() bool { return slices.Contains(actionStatusValues, s) }

// UnmarshalText accepts only known statuses.
func (s *ActionStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "action status", b, actionStatusValues)
}

// Open reports whether the action is still to be done (planned or in
// progress).
func (s ActionStatus) Open() bool { return s == ActionPlanned || s == ActionInProgress }

// PlanStatus summarises a treatment plan's actions.
type PlanStatus string

// Plan statuses, derived by Treatment.PlanStatus.
const (
	// PlanEmpty is a plan without actions.
	PlanEmpty PlanStatus = "empty"
	// PlanNotStarted is a plan whose actions are all planned.
	PlanNotStarted PlanStatus = "not_started"
	// PlanInProgress is a plan with open actions, at least one started or
	// finished.
	PlanInProgress PlanStatus = "in_progress"
	// PlanCompleted is a plan whose actions are all done or cancelled.
	PlanCompleted PlanStatus = "completed"
)

var planStatusValues = []PlanStatus{PlanEmpty, PlanNotStarted, PlanInProgress, PlanCompleted}

// PlanStatusValues returns every PlanStatus.
func PlanStatusValues() []PlanStatus { return slices.Clone(planStatusValues) }

// IsValid reports whether s is a known plan status.
func (s PlanStatus) IsValid() bool { return slices.Contains(planStatusValues, s) }

// UnmarshalText accepts only known plan statuses.
func (s *PlanStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "plan status", b, planStatusValues)
}

// Party is someone a risk is shared with: an insurer, a supplier, a
// customer under contract.
type Party struct {
	// Name names the party.
	Name string `json:"name"`
	// Ref points at the party when the host application models it, such
	// as an isms.KindInterestedParty.
	Ref isms.Ref `json:"ref,omitzero"`
	// Arrangement names the instrument that shares the risk ("cyber
	// insurance policy 2025-114", "DPA clause 9").
	Arrangement string `json:"arrangement,omitempty"`
}

// Action is one step of a treatment plan.
type Action struct {
	// ID identifies the action within the plan.
	ID isms.ID `json:"id"`
	// Title says what is to be done.
	Title string `json:"title"`
	// Owner is who is responsible for doing it.
	Owner string `json:"owner,omitempty"`
	// Due is when the action must be done.
	Due time.Time `json:"due,omitzero"`
	// Status is the action's progress.
	Status ActionStatus `json:"status"`
	// Controls are the controls the action implements.
	Controls []isms.Ref `json:"controls,omitempty"`
	// CompletedAt is when the action was done.
	CompletedAt time.Time `json:"completed_at,omitzero"`
}

// Treatment is the decision on how to treat a risk (ISO/IEC 27001 6.1.3,
// 8.3) and its plan.
type Treatment struct {
	// Option is the treatment option chosen.
	Option TreatmentOption `json:"option"`
	// Rationale explains the choice.
	Rationale string `json:"rationale,omitempty"`
	// Controls are the controls the treatment selects, as Refs of kind
	// ControlKind to catalog controls ("A.8.24"). The modify option needs
	// at least one; the residual level is expected to fall only when
	// controls are selected.
	Controls []isms.Ref `json:"controls,omitempty"`
	// SharedWith names the parties the risk is shared with; the share
	// option needs at least one.
	SharedWith []Party `json:"shared_with,omitempty"`
	// Actions are the steps of the treatment plan.
	Actions []Action `json:"actions,omitempty"`
	// DecidedBy and DecidedAt record who decided the treatment, and when.
	DecidedBy string    `json:"decided_by,omitempty"`
	DecidedAt time.Time `json:"decided_at,omitzero"` // see DecidedBy
}

// Clone returns a deep copy of t (nil for nil).
func (t *Treatment) Clone() *Treatment {
	if t == nil {
		return nil
	}
	c := *t
	c.Controls = slices.Clone(t.Controls)
	c.SharedWith = slices.Clone(t.SharedWith)
	if t.Actions != nil {
		c.Actions = make([]Action, len(t.Actions))
		for i, a := range t.Actions {
			a.Controls = slices.Clone(a.Controls)
			c.Actions[i] = a
		}
	}
	return &c
}

// SelectsControls reports whether the treatment selects at least one
// control.
func (t *Treatment) SelectsControls() bool { return t != nil && len(t.Controls) > 0 }

// Progress returns the number of actions done and the number of actions
// that count (all but the cancelled ones); 0, 0 for a nil treatment.
func (t *Treatment) Progress() (done, total int) {
	if t == nil {
		return 0, 0
	}
	for _, a := range t.Actions {
		switch a.Status {
		case ActionDone:
			done++
			total++
		case ActionCancelled:
		default:
			total++
		}
	}
	return done, total
}

// PlanStatus derives the plan's status from its actions; PlanEmpty for a
// nil treatment.
func (t *Treatment) PlanStatus() PlanStatus {
	if t == nil || len(t.Actions) == 0 {
		return PlanEmpty
	}
	open, started := 0, 0
	for _, a := range t.Actions {
		if a.Status.Open() {
			open++
		}
		if a.Status != ActionPlanned {
			started++
		}
	}
	switch {
	case open == 0:
		return PlanCompleted
	case started == 0:
		return PlanNotStarted
	}
	return PlanInProgress
}

// Validate checks the treatment and reports every problem: a known option;
// controls of kind ControlKind, each once, and at least one for modify; at
// least one named party for share; each action with a title, a known
// status, a unique ID when it has one, and times in years 0001 to 9999. Its
// time is linear in the size of the treatment: duplicates are found with
// sets. A nil treatment is an error.
func (t *Treatment) Validate() error {
	if t == nil {
		return isms.Invalidf("treatment is nil")
	}
	var ps isms.Problems
	t.validate(&ps)
	return ps.Err("treatment")
}

func (t *Treatment) validate(ps *isms.Problems) {
	isms.CheckEnum(ps, "option", t.Option, treatmentOptionValues, true)
	checkControls(ps, "controls", t.Controls)
	if t.Option == OptionModify && len(t.Controls) == 0 {
		ps.Add("controls", isms.CodeRequired, "the modify option selects at least one control")
	}
	if t.Option == OptionShare && len(t.SharedWith) == 0 {
		ps.Add("shared_with", isms.CodeRequired, "the share option names at least one party")
	}
	for i, p := range t.SharedWith {
		f := indexField("shared_with", i)
		if p.Name == "" {
			ps.Add(f+".name", isms.CodeRequired, "name is required")
		}
		if !p.Ref.IsZero() {
			ps.Merge(f+".ref", p.Ref.Validate())
		}
	}
	ids := make(map[isms.ID]int, len(t.Actions))
	for i, a := range t.Actions {
		f := indexField("actions", i)
		if a.ID != "" {
			if err := a.ID.Validate(); err != nil {
				ps.Add(f+".id", isms.CodeMalformed, err.Error())
			} else if j, dup := ids[a.ID]; dup {
				ps.Addf(f+".id", isms.CodeDuplicate, "action id %q is also the id of actions[%d]", a.ID, j)
			} else {
				ids[a.ID] = i
			}
		}
		if a.Title == "" {
			ps.Add(f+".title", isms.CodeRequired, "title is required")
		}
		isms.CheckEnum(ps, f+".status", a.Status, actionStatusValues, true)
		checkControls(ps, f+".controls", a.Controls)
		isms.CheckTime(ps, f+".due", a.Due)
		isms.CheckTime(ps, f+".completed_at", a.CompletedAt)
	}
	isms.CheckTime(ps, "decided_at", t.DecidedAt)
}
