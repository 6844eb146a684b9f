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
	// Asset keeps the risks that affect this asset (one of their Assets).
	Asset isms.Ref `json:"asset,omitzero"`
	// Options keeps the risks whose treatment option is one of these;
	// untreated risks match none.
	Options []TreatmentOption `json:"options,omitempty"`
	// Acceptances keeps the risks whose last acceptance is in one of these
	// statuses; risks without an acceptance match none.
	Acceptances []AcceptanceStatus `json:"acceptances,omitempty"`
	// AwaitingDecisionBy keeps the risks whose last acceptance is submitted
	// and that this person may decide at the filter's time: the risk owner
	// or an approver with a delegation in force ("awaiting my decision").
	AwaitingDecisionBy string `json:"awaiting_decision_by,omitempty"`
}

// Validate checks that the stage, every status, option and acceptance
// status are known and that the asset ref, when set, is valid. A nil
// filter is valid.
func (f *Filter) Validate() error {
	if f == nil {
		return nil
	}
	var ps isms.Problems
	isms.CheckEnum(&ps, "stage", f.Stage, stageValues, false)
	for i, s := range f.Statuses {
		isms.CheckEnum(&ps, indexField("statuses", i), s, statusValues, true)
	}
	for i, o := range f.Options {
		isms.CheckEnum(&ps, indexField("options", i), o, treatmentOptionValues, true)
	}
	for i, a := range f.Acceptances {
		isms.CheckEnum(&ps, indexField("acceptances", i), a, acceptanceStatusValues, true)
	}
	if !f.Asset.IsZero() {
		ps.Merge("asset", f.Asset.Validate())
	}
	return ps.Err("risk filter")
}

// Match reports whether the filter selects r, with the review policy and
// time used for Overdue (and the time for AwaitingDecisionBy). A nil filter matches every risk, and a nil risk
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
	if !f.Asset.IsZero() && !slices.Contains(r.Assets, f.Asset) {
		return false, nil
	}
	if len(f.Options) > 0 && (r.Treatment == nil || !slices.Contains(f.Options, r.Treatment.Option)) {
		return false, nil
	}
	last := r.LatestAcceptance()
	if len(f.Acceptances) > 0 && (last == nil || !slices.Contains(f.Acceptances, last.Status)) {
		return false, nil
	}
	if f.AwaitingDecisionBy != "" && (last == nil || last.Status != AcceptanceSubmitted || !r.CanApprove(f.AwaitingDecisionBy, now)) {
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
