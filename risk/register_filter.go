package risk

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Filter selects risks. The zero Filter (and a nil *Filter) selects every
// risk; each set field narrows the selection.
type Filter struct {
	// Stage is the assessment whose level Levels matches. Default:
	// StageCurrent.
	Stage Stage `json:"stage,omitempty"`
	// Levels keeps the risks whose level at Stage is one of these risk
	// level IDs.
	Levels []string `json:"levels,omitempty"`
	// Owner keeps the risks of this owner.
	Owner string `json:"owner,omitempty"`
	// Statuses keeps the risks in one of these statuses.
	Statuses []Status `json:"statuses,omitempty"`
	// Category keeps the risks of this category.
	Category string `json:"category,omitempty"`
	// Overdue keeps the risks whose review is overdue.
	Overdue bool `json:"overdue,omitempty"`
}

// Validate checks that the stage and every status are known. A nil filter
// is valid.
func (f *Filter) Validate() error {
	if f == nil {
		return nil
	}
	var ps isms.Problems
	isms.CheckEnum(&ps, "stage", f.Stage, stageValues, false)
	for i, s := range f.Statuses {
		isms.CheckEnum(&ps, indexField("statuses", i), s, statusValues, true)
	}
	return ps.Err("risk filter")
}

// Match reports whether the filter selects r, with the review policy and
// time used for Overdue. A nil filter matches every risk, and a nil risk
// matches no filter. An invalid filter, or (with Overdue) a policy with no
// positive interval for the risk's level, is an error answering
// isms.ErrInvalid.
func (f *Filter) Match(r *Risk, review ReviewPolicy, now time.Time) (bool, error) {
	if err := f.Validate(); err != nil {
		return false, err
	}
	ok, err := f.match(r, review, now)
	if err != nil {
		return false, r.subject(err)
	}
	return ok, nil
}

// match is Match for a filter that validated.
func (f *Filter) match(r *Risk, review ReviewPolicy, now time.Time) (bool, error) {
	if r == nil {
		return false, nil
	}
	if f == nil {
		return true, nil
	}
	if f.Owner != "" && r.Owner != f.Owner {
		return false, nil
	}
	if f.Category != "" && r.Category != f.Category {
		return false, nil
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, r.Status) {
		return false, nil
	}
	if len(f.Levels) > 0 {
		stage := f.Stage
		if stage == "" {
			stage = StageCurrent
		}
		a := r.Assessment(stage)
		if a == nil || !slices.Contains(f.Levels, a.Level) {
			return false, nil
		}
	}
	if f.Overdue {
		return reviewOverdue(r, review, now)
	}
	return true, nil
}
