package bcp

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// DRTestKindName is the storage kind of DR tests (store.Repository) and
// the kind of their Refs.
const DRTestKindName = "bcp.dr_test"

// DRTest is a DR test or exercise of a recovery plan and the resources it
// covers. Its verdict is never typed in: Verdict derives it from the
// measured instants, the objectives and the success criteria.
type DRTest struct {
	isms.Meta
	// Name is required.
	Name string `json:"name"`
	// Kind is required.
	Kind DRTestKind `json:"kind"`
	// Plan is the ID of the recovery plan tested, if any.
	Plan isms.ID `json:"plan,omitempty"`
	// Resources lists the IDs of the resources the test covers (besides
	// those of the plan's steps).
	Resources []isms.ID `json:"resources,omitempty"`
	// Status is where the test is in DRTestLifecycle; empty means planned.
	Status DRTestStatus `json:"status,omitempty"`
	// PlannedFor is when the test is planned.
	PlannedFor time.Time `json:"planned_for,omitzero"`
	// ExecutedAt is when the test was run; required once executed.
	ExecutedAt time.Time `json:"executed_at,omitzero"`
	// DisruptedAt is when the disruption began (or was simulated), for
	// every kind but the tabletop.
	DisruptedAt time.Time `json:"disrupted_at,omitzero"`
	// RestoredAt is when the service was restored.
	RestoredAt time.Time `json:"restored_at,omitzero"`
	// RestorePoint is the instant the restored data is from.
	RestorePoint time.Time `json:"restore_point,omitzero"`
	// Criteria are the success criteria, each assessed at evaluation.
	Criteria []Criterion `json:"criteria,omitempty"`
	// Evidence points at the records that show what happened.
	Evidence []isms.Ref `json:"evidence,omitempty"`
	// FollowUps are the actions the test gave rise to.
	FollowUps []FollowUp `json:"follow_ups,omitempty"`
	// EvaluatedAt, ClosedAt and CancelledAt record the lifecycle's steps,
	// and By who made the last one.
	EvaluatedAt time.Time `json:"evaluated_at,omitzero"`
	ClosedAt    time.Time `json:"closed_at,omitzero"`    // see EvaluatedAt
	CancelledAt time.Time `json:"cancelled_at,omitzero"` // see EvaluatedAt
	By          string    `json:"by,omitempty"`          // see EvaluatedAt
	// Reason is why the test was cancelled.
	Reason string `json:"reason,omitempty"`
}

// Criterion is one success criterion of a DR test. Met is nil until the
// test is evaluated.
type Criterion struct {
	// Description says what must hold; required.
	Description string `json:"description"`
	// Met is the assessment; nil when not yet assessed.
	Met *bool `json:"met,omitempty"`
}

// FollowUp is an action a DR test gave rise to.
type FollowUp struct {
	// Action says what is to be done; required.
	Action string `json:"action"`
	// Owner is who does it.
	Owner string `json:"owner,omitempty"`
	// Due is when.
	Due time.Time `json:"due,omitzero"`
	// Ref points at the action where it is tracked (a corrective action).
	Ref isms.Ref `json:"ref,omitzero"`
}

// status returns the test's status, planned when empty.
func (t *DRTest) status() DRTestStatus {
	if t.Status == "" {
		return DRTestPlanned
	}
	return t.Status
}

// MeasuredRTO returns the time the service took to come back: restored −
// disruption. ok is false when either instant is missing or they are out
// of order.
func (t *DRTest) MeasuredRTO() (d Derived, ok bool) {
	if t == nil || t.DisruptedAt.IsZero() || t.RestoredAt.IsZero() || t.RestoredAt.Before(t.DisruptedAt) {
		return Derived{}, false
	}
	v := t.RestoredAt.Sub(t.DisruptedAt)
	return derived(v, "restored "+stamp(t.RestoredAt)+" − disrupted "+stamp(t.DisruptedAt)+" = "+show(v)), true
}

// MeasuredRPO returns the data lost: disruption − restore point. ok is
// false when either instant is missing or they are out of order.
func (t *DRTest) MeasuredRPO() (d Derived, ok bool) {
	if t == nil || t.DisruptedAt.IsZero() || t.RestorePoint.IsZero() || t.DisruptedAt.Before(t.RestorePoint) {
		return Derived{}, false
	}
	v := t.DisruptedAt.Sub(t.RestorePoint)
	return derived(v, "disrupted "+stamp(t.DisruptedAt)+" − restore point "+stamp(t.RestorePoint)+" = "+show(v)), true
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Verdict is the derived outcome of a DR test: pass or fail against the
// objectives and the success criteria, with the values compared.
type Verdict struct {
	// Passed is true when every measurement is within its objective and
	// every criterion is met.
	Passed bool `json:"passed"`
	// RTO and RPO are the objectives the test was judged against; zero
	// when none applies.
	RTO isms.Duration `json:"rto,omitzero"`
	RPO isms.Duration `json:"rpo,omitzero"` // see RTO
	// MeasuredRTO and MeasuredRPO are the measurements; zero for a
	// tabletop exercise.
	MeasuredRTO Derived `json:"measured_rto,omitzero"`
	MeasuredRPO Derived `json:"measured_rpo,omitzero"` // see MeasuredRTO
	// Failures says why the test failed, one reason each.
	Failures []string `json:"failures,omitempty"`
}

// Verdict judges the test against the objectives rto and rpo (zero: none
// applies): a test that measures (every kind but the tabletop) fails
// without its instants, when restored − disruption exceeds rto or
// disruption − restore point exceeds rpo; any test fails on a criterion
// not met or not assessed, and a test that was never executed fails. A
// nil test fails.
func (t *DRTest) Verdict(rto, rpo isms.Duration) Verdict {
	v := Verdict{RTO: rto, RPO: rpo}
	if t == nil {
		v.Failures = []string{"no test"}
		return v
	}
	if t.ExecutedAt.IsZero() {
		v.Failures = append(v.Failures, "not executed")
	}
	if t.Kind.Measured() {
		if m, ok := t.MeasuredRTO(); ok {
			v.MeasuredRTO = m
			if !rto.IsZero() && m.Value.Nominal() > rto.Nominal() {
				v.Failures = append(v.Failures, "measured RTO "+m.Value.String()+" exceeds RTO "+rto.String())
			}
		} else {
			v.Failures = append(v.Failures, "no measured RTO (disruption and restoration instants)")
		}
		if m, ok := t.MeasuredRPO(); ok {
			v.MeasuredRPO = m
			if !rpo.IsZero() && m.Value.Nominal() > rpo.Nominal() {
				v.Failures = append(v.Failures, "measured RPO "+m.Value.String()+" exceeds RPO "+rpo.String())
			}
		} else if t.Kind != DRTestFailover || !rpo.IsZero() {
			v.Failures = append(v.Failures, "no measured RPO (disruption and restore point instants)")
		}
	}
	for i, c := range t.Criteria {
		switch {
		case c.Met == nil:
			v.Failures = append(v.Failures, "criterion "+strconv.Itoa(i+1)+" not assessed: "+c.Description)
		case !*c.Met:
			v.Failures = append(v.Failures, "criterion "+strconv.Itoa(i+1)+" not met: "+c.Description)
		}
	}
	v.Passed = len(v.Failures) == 0
	return v
}

// Validate reports every problem of the test on its own: name and kind
// required, enums known, times valid, the instants in order (restore
// point ≤ disruption ≤ restoration), criteria described, evidence refs
// valid. A nil test is an error answering isms.ErrInvalid.
func (t *DRTest) Validate() error {
	if t == nil {
		return isms.Invalidf("bcp: dr test is nil")
	}
	var ps isms.Problems
	t.validate(&ps, "", nil, nil)
	return ps.Err(fmt.Sprintf("dr test %q", t.ID))
}

func (t *DRTest) validate(ps *isms.Problems, f string, plans, resources map[isms.ID]bool) {
	if t.ID != "" {
		if err := t.ID.Validate(); err != nil {
			ps.Add(isms.JoinField(f, "id"), isms.CodeMalformed, err.Error())
		}
	}
	if t.Name == "" {
		ps.Add(isms.JoinField(f, "name"), isms.CodeRequired, "name is required")
	}
	isms.CheckEnum(ps, isms.JoinField(f, "kind"), t.Kind, drTestKindValues, true)
	isms.CheckEnum(ps, isms.JoinField(f, "status"), t.Status, drTestStatusValues, false)
	if plans != nil && t.Plan != "" && !plans[t.Plan] {
		ps.Addf(isms.JoinField(f, "plan"), isms.CodeUnknown, "%q is no recovery plan of the snapshot", t.Plan)
	}
	if resources != nil {
		for j, r := range t.Resources {
			if !resources[r] {
				ps.Addf(isms.JoinField(f, "resources["+strconv.Itoa(j)+"]"), isms.CodeUnknown, "%q is no resource of the BIA", r)
			}
		}
	}
	for _, x := range [...]struct {
		n string
		v time.Time
	}{{"planned_for", t.PlannedFor}, {"executed_at", t.ExecutedAt}, {"disrupted_at", t.DisruptedAt},
		{"restored_at", t.RestoredAt}, {"restore_point", t.RestorePoint}, {"evaluated_at", t.EvaluatedAt},
		{"closed_at", t.ClosedAt}, {"cancelled_at", t.CancelledAt}} {
		isms.CheckTime(ps, isms.JoinField(f, x.n), x.v)
	}
	if !t.DisruptedAt.IsZero() && !t.RestoredAt.IsZero() && t.RestoredAt.Before(t.DisruptedAt) {
		ps.Add(isms.JoinField(f, "restored_at"), isms.CodeOrder, "restored before the disruption")
	}
	if !t.DisruptedAt.IsZero() && !t.RestorePoint.IsZero() && t.DisruptedAt.Before(t.RestorePoint) {
		ps.Add(isms.JoinField(f, "restore_point"), isms.CodeOrder, "restore point after the disruption")
	}
	for j, c := range t.Criteria {
		if c.Description == "" {
			ps.Add(isms.JoinField(f, "criteria["+strconv.Itoa(j)+"].description"), isms.CodeRequired, "description is required")
		}
	}
	for j, r := range t.Evidence {
		ps.Merge(isms.JoinField(f, "evidence["+strconv.Itoa(j)+"]"), r.Validate())
	}
	for j, u := range t.FollowUps {
		uf := isms.JoinField(f, "follow_ups["+strconv.Itoa(j)+"]")
		if u.Action == "" {
			ps.Add(uf+".action", isms.CodeRequired, "action is required")
		}
		isms.CheckTime(ps, uf+".due", u.Due)
		if !u.Ref.IsZero() {
			ps.Merge(uf+".ref", u.Ref.Validate())
		}
	}
}
