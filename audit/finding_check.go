package audit

import (
	"time"

	"github.com/ismskit/ismskit/isms"
)

// DefaultDueSoonWindow is the warning window of the due-soon checks:
// 14 days.
func DefaultDueSoonWindow() isms.Duration { return isms.Days(14) }

// CheckOptions configures the checks of the package that warn before a
// date (CheckFindings, CheckReviews, CheckImprovements). A nil
// *CheckOptions, and each zero field, means the default.
type CheckOptions struct {
	// DueSoonWindow is how long before a due date a warning is given.
	// Default DefaultDueSoonWindow (P14D); at most one year (nominal).
	DueSoonWindow isms.Duration `json:"due_soon_window,omitzero"`
}

// Validate reports a window that does not validate or is longer than a
// year. A nil o is valid.
func (o *CheckOptions) Validate() error {
	if o == nil {
		return nil
	}
	if err := o.DueSoonWindow.Validate(); err != nil {
		return isms.Invalidf("check options: due_soon_window: %v", err)
	}
	if o.DueSoonWindow.Compare(isms.Years(1)) > 0 {
		return isms.Invalidf("check options: due_soon_window %s is longer than one year", o.DueSoonWindow)
	}
	return nil
}

func (o *CheckOptions) window() isms.Duration {
	if o == nil || o.DueSoonWindow.IsZero() {
		return DefaultDueSoonWindow()
	}
	return o.DueSoonWindow
}

// CheckFindings returns what needs attention about findings at now, sorted
// with isms.SortFindings; nil findings are skipped. The checks, on open
// findings only (not verified effective nor closed):
//
//   - audit.finding.owner_missing: a nonconformity has no owner.
//   - audit.finding.due_missing: a nonconformity has no due date.
//   - audit.finding.overdue: now is after the due date.
//   - audit.finding.due_soon: the due date is within the window.
//   - audit.finding.root_cause_missing: a nonconformity in progress (or
//     reopened) records no root cause.
//   - audit.finding.major_open: a major nonconformity is open.
//
// The error, answering isms.ErrInvalid, reports options that do not
// validate; there are then no findings. It runs in linear time.
func CheckFindings(findings []*Finding, now time.Time, opts *CheckOptions) ([]isms.Finding, error) {
	if err := opts.Validate(); err != nil {
		return nil, wrap("check findings", err)
	}
	window := opts.window()
	var out []isms.Finding
	for _, f := range findings {
		if !f.Open() {
			continue
		}
		subj := f.Ref()
		nc := f.Kind.IsNonconformity()
		details := map[string]string{"kind": string(f.Kind), "status": string(f.Status), "requirement": f.Requirement.String()}
		if nc && blank(f.Owner) {
			out = append(out, newFinding(CodeFindingOwnerMissing, subj, "owner", details, "nonconformity %q has no owner", f.Title))
		}
		if nc && f.Due.IsZero() {
			out = append(out, newFinding(CodeFindingDueMissing, subj, "due", details, "nonconformity %q has no due date", f.Title))
		}
		if !f.Due.IsZero() {
			d := map[string]string{"due": stamp(f.Due), "now": stamp(now), "status": string(f.Status)}
			switch {
			case now.After(f.Due):
				out = append(out, newFinding(CodeFindingOverdue, subj, "due", d, "the action on %q was due on %s", f.Title, day(f.Due)))
			case !f.Due.After(window.AddTo(now)):
				d["window"] = window.String()
				out = append(out, newFinding(CodeFindingDueSoon, subj, "due", d, "the action on %q is due on %s", f.Title, day(f.Due)))
			}
		}
		if nc && (f.Status == StatusInProgress || f.Status == StatusReopened) && blank(f.RootCause) {
			out = append(out, newFinding(CodeRootCauseMissing, subj, "root_cause", details, "nonconformity %q records no root cause", f.Title))
		}
		if f.Kind == MajorNonconformity {
			mf := newFinding(CodeMajorOpen, subj, "status", details, "major nonconformity %q is %s", f.Title, f.Status)
			mf.Related = []isms.Ref{f.Requirement}
			out = append(out, mf)
		}
	}
	isms.SortFindings(out)
	return out, nil
}
