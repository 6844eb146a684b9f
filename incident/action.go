package incident

import (
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// ActionKind is what an action is for.
type ActionKind string

// Action kinds.
const (
	ActionContainment ActionKind = "containment"
	ActionEradication ActionKind = "eradication"
	ActionRecovery    ActionKind = "recovery"
	ActionImprovement ActionKind = "improvement"
)

var actionKindValues = []ActionKind{ActionContainment, ActionEradication, ActionRecovery, ActionImprovement}

// ActionKindValues returns every ActionKind.
func ActionKindValues() []ActionKind { return slices.Clone(actionKindValues) }

// IsValid reports whether k is a known ActionKind.
func (k ActionKind) IsValid() bool { return slices.Contains(actionKindValues, k) }

// UnmarshalText accepts only known action kinds.
func (k *ActionKind) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(k, "action kind", b, actionKindValues)
}

// ActionStatus is where an action stands.
type ActionStatus string

// Action statuses.
const (
	ActionOpen       ActionStatus = "open"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
	ActionCancelled  ActionStatus = "cancelled"
)

var actionStatusValues = []ActionStatus{ActionOpen, ActionInProgress, ActionDone, ActionCancelled}

// ActionStatusValues returns every ActionStatus.
func ActionStatusValues() []ActionStatus { return slices.Clone(actionStatusValues) }

// IsValid reports whether s is a known ActionStatus.
func (s ActionStatus) IsValid() bool { return slices.Contains(actionStatusValues, s) }

// UnmarshalText accepts only known action statuses.
func (s *ActionStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "action status", b, actionStatusValues)
}

func (s ActionStatus) done() bool { return s == ActionDone || s == ActionCancelled }

// Action is a containment, eradication, recovery or improvement task,
// with refs to the controls or risks it improves. A carried-over action
// stays open, and visible, after the incident closes.
type Action struct {
	ID          isms.ID      `json:"id"`
	Kind        ActionKind   `json:"kind"`
	Title       string       `json:"title"`
	Owner       string       `json:"owner,omitempty"`
	Due         time.Time    `json:"due,omitzero"`
	Status      ActionStatus `json:"status"`
	Improves    []isms.Ref   `json:"improves,omitempty"`
	CarriedOver bool         `json:"carried_over,omitempty"`
	DoneAt      time.Time    `json:"done_at,omitzero"`
}

func (a *Action) validate() error {
	var ps isms.Problems
	if !a.ID.IsValid() {
		ps.Add("id", isms.CodeMalformed, "action id is not a valid ID")
	}
	isms.CheckEnum(&ps, "kind", a.Kind, actionKindValues, true)
	isms.CheckEnum(&ps, "status", a.Status, actionStatusValues, true)
	if strings.TrimSpace(a.Title) == "" {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	isms.CheckTime(&ps, "due", a.Due)
	isms.CheckTime(&ps, "done_at", a.DoneAt)
	checkRefs(&ps, "improves", a.Improves)
	return ps.Err("action")
}

// ActionCommand adds an action (empty ID: the service fills one, kind
// "incident.action") or, with the ID of an existing one, updates its
// status, owner and due date.
type ActionCommand struct {
	Action   Action `json:"action"`
	Revision int64  `json:"revision,omitempty"`
}

// SetAction adds or updates an action by by at now, with a timeline entry
// (from and to being the action's status). A new action starts open.
func (inc *Incident) SetAction(by string, cmd ActionCommand, now time.Time) error {
	if inc == nil {
		return isms.Invalidf("incident: action: nil incident")
	}
	if err := inc.checkRevision(cmd.Revision); err != nil {
		return err
	}
	if by == "" {
		return isms.Invalidf("%s: action: no actor", subjectOf(inc.ID))
	}
	now = isms.NormalizeTime(now)
	a := cmd.Action
	a.Due = isms.NormalizeTime(a.Due)
	if a.Status == "" {
		a.Status = ActionOpen
	}
	i := slices.IndexFunc(inc.Actions, func(x Action) bool { return x.ID == a.ID })
	from := ""
	if i >= 0 {
		from = string(inc.Actions[i].Status)
		a.CarriedOver = a.CarriedOver || inc.Actions[i].CarriedOver
	}
	if a.Status.done() && a.DoneAt.IsZero() {
		a.DoneAt = now
	}
	if err := a.validate(); err != nil {
		return isms.Invalidf("%s: action: %v", subjectOf(inc.ID), err)
	}
	if i >= 0 {
		inc.Actions[i] = a
	} else {
		inc.Actions = append(inc.Actions, a)
	}
	inc.record(now, by, FieldAction, from, string(a.Status), string(a.ID)+": "+a.Title, 0)
	return nil
}
