package bcp

import (
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// DefaultTestInterval is how old the last passing DR test of a plan may
// be when the plan does not say: 12 months.
func DefaultTestInterval() isms.Duration { return isms.Months(12) }

// RecoveryPlan is the procedure to recover one activity or resource.
type RecoveryPlan struct {
	// ID is required and unique among the snapshot's plans.
	ID isms.ID `json:"id"`
	// Name is required.
	Name string `json:"name"`
	// Target is the ID of the activity or resource the plan recovers;
	// required.
	Target isms.ID `json:"target"`
	// Owner is accountable for the plan; a missing one is a finding.
	Owner string `json:"owner,omitempty"`
	// ReviewDue is when the plan is next due for review.
	ReviewDue time.Time `json:"review_due,omitzero"`
	// ChangedAt is the plan's last substantive change: a DR test before
	// it no longer counts as current.
	ChangedAt time.Time `json:"changed_at,omitzero"`
	// TestInterval is how old the last passing DR test may be; zero means
	// DefaultTestInterval.
	TestInterval isms.Duration `json:"test_interval,omitzero"`
	// Steps are the procedure, in order.
	Steps []PlanStep `json:"steps,omitempty"`
}

// PlanStep is one step of a recovery plan.
type PlanStep struct {
	// Name says what is done; required.
	Name string `json:"name"`
	// Role is who does it.
	Role string `json:"role,omitempty"`
	// Resources lists the IDs of the resources the step needs.
	Resources []isms.ID `json:"resources,omitempty"`
	// Duration is the step's expected duration.
	Duration isms.Duration `json:"duration,omitzero"`
}

// ExpectedDuration returns the plan's total expected duration: the sum of
// its steps' durations (they run in order), with the arithmetic. A nil
// plan gives a zero Derived.
func (p *RecoveryPlan) ExpectedDuration() Derived {
	if p == nil {
		return Derived{}
	}
	var sum time.Duration
	parts := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		d := s.Duration.Nominal()
		sum = addSat(sum, d)
		parts[i] = show(d)
	}
	if len(parts) == 0 {
		return derived(0, "no steps = PT0S")
	}
	return derived(sum, strings.Join(parts, " + ")+" = "+show(sum))
}

// interval returns the plan's test interval, the default when unset.
func (p *RecoveryPlan) interval() isms.Duration {
	if p.TestInterval.IsZero() {
		return DefaultTestInterval()
	}
	return p.TestInterval
}

// resources lists the distinct resources the plan's steps need, in order.
func (p *RecoveryPlan) resources() []isms.ID {
	var out []isms.ID
	seen := make(map[isms.ID]bool)
	for _, s := range p.Steps {
		for _, r := range s.Resources {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}

func (p *RecoveryPlan) validate(ps *isms.Problems, f string, nodes map[isms.ID]bool, resources map[isms.ID]bool) {
	if err := p.ID.Validate(); err != nil {
		ps.Add(f+".id", isms.CodeMalformed, err.Error())
	}
	if p.Name == "" {
		ps.Add(f+".name", isms.CodeRequired, "name is required")
	}
	switch {
	case p.Target == "":
		ps.Add(f+".target", isms.CodeRequired, "target is required")
	case !nodes[p.Target]:
		ps.Addf(f+".target", isms.CodeUnknown, "%q is no activity or resource of the BIA", p.Target)
	}
	isms.CheckTime(ps, f+".review_due", p.ReviewDue)
	isms.CheckTime(ps, f+".changed_at", p.ChangedAt)
	if err := p.TestInterval.Validate(); err != nil {
		ps.Add(f+".test_interval", isms.CodeOutOfRange, err.Error())
	}
	for i, s := range p.Steps {
		sf := f + ".steps[" + strconv.Itoa(i) + "]"
		if s.Name == "" {
			ps.Add(sf+".name", isms.CodeRequired, "name is required")
		}
		if err := s.Duration.Validate(); err != nil {
			ps.Add(sf+".duration", isms.CodeOutOfRange, err.Error())
		}
		for j, r := range s.Resources {
			if !resources[r] {
				ps.Addf(sf+".resources["+strconv.Itoa(j)+"]", isms.CodeUnknown, "%q is no resource of the BIA", r)
			}
		}
	}
}
