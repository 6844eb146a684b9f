package risk

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Lint codes. They are stable: users filter and suppress findings by code
// (isms.WithoutCodes). Rules lists each with its severity and meaning.
const (
	CodeOwnerMissing                  = "risk.owner_missing"
	CodeCurrentNotAssessed            = "risk.current_not_assessed"
	CodeResidualMissing               = "risk.residual_missing"
	CodeResidualAboveCurrent          = "risk.residual_above_current"
	CodeCurrentAboveInherent          = "risk.current_above_inherent"
	CodeResidualLoweredWithoutControl = "risk.residual_lowered_without_control"
	CodeAcceptedWithoutSignoff        = "risk.accepted_without_signoff"
	CodeAcceptanceExpired             = "risk.acceptance_expired"
	CodeAcceptanceOutdated            = "risk.acceptance_outdated"
	CodeControlExistingAndPlanned     = "risk.control_existing_and_planned"
	CodeRetainedAboveAppetite         = "risk.retained_above_appetite"
	CodeTreatmentMissing              = "risk.treatment_missing"
	CodeActionOverdue                 = "risk.action_overdue"
	CodeReviewOverdue                 = "risk.review_overdue"
	CodeAssessmentInconsistent        = "risk.assessment_inconsistent"
	CodeMatrixOutdated                = "risk.matrix_outdated"
	CodeCriteriaMismatch              = "risk.criteria_mismatch"
)

// Rule documents one lint check.
type Rule struct {
	// Code is the stable code of the findings the check returns.
	Code string `json:"code"`
	// Severity is the severity of those findings.
	Severity isms.Severity `json:"severity"`
	// Summary says what the check finds.
	Summary string `json:"summary"`
}

var lintRules = []Rule{
	{CodeOwnerMissing, isms.SeverityError, "The risk has no owner (ISO/IEC 27001 6.1.2 c 2)."},
	{CodeCurrentNotAssessed, isms.SeverityWarning, "The risk has no current assessment."},
	{CodeResidualMissing, isms.SeverityWarning, "The current level is assessed but the residual (target) level is not."},
	{CodeResidualAboveCurrent, isms.SeverityError, "The residual level is above the current level: treatment cannot raise a risk."},
	{CodeCurrentAboveInherent, isms.SeverityWarning, "The current level is above the inherent level: existing controls cannot raise a risk."},
	{CodeResidualLoweredWithoutControl, isms.SeverityError, "The residual level is below the current level but no treatment selects a control."},
	{CodeAcceptedWithoutSignoff, isms.SeverityError, "The risk's status is accepted but its last acceptance is not an accepted sign-off."},
	{CodeAcceptanceExpired, isms.SeverityError, "The acceptance in force has reached its expiry; the risk is due for review."},
	{CodeAcceptanceOutdated, isms.SeverityWarning, "The risk's level is now above the level that was accepted."},
	{CodeControlExistingAndPlanned, isms.SeverityWarning, "A control is listed both as existing and as selected by the treatment."},
	{CodeRetainedAboveAppetite, isms.SeverityError, "The level is above the appetite, the treatment is retain, and no acceptance is in force."},
	{CodeTreatmentMissing, isms.SeverityWarning, "The level is above the appetite and no treatment is decided."},
	{CodeActionOverdue, isms.SeverityWarning, "A treatment action is open past its due date."},
	{CodeReviewOverdue, isms.SeverityWarning, "The risk's next review date has passed."},
	{CodeAssessmentInconsistent, isms.SeverityError, "Re-scoring an assessment with its matrix gives another level or combined impact, or names levels the matrix lacks."},
	{CodeMatrixOutdated, isms.SeverityInfo, "An assessment was scored with another matrix or version than the register's; re-assess it."},
	{CodeCriteriaMismatch, isms.SeverityWarning, "The risk's own criteria name another matrix or an unknown level; the register's criteria apply."},
}

// Rules returns every lint rule, in a stable order.
func Rules() []Rule { return slices.Clone(lintRules) }

func severityOf(code string) isms.Severity {
	for _, r := range lintRules {
		if r.Code == code {
			return r.Severity
		}
	}
	return isms.SeverityWarning
}

// LintOptions configures Lint. A nil *LintOptions, and each nil field,
// means the default.
type LintOptions struct {
	// Criteria apply to risks without their own. Default:
	// DefaultCriteria(m), which also replaces criteria that do not fit m
	// (another matrix, or an appetite m lacks): the most cautious
	// criteria rather than none.
	Criteria *Criteria
	// Review is the review cadence. Default: DefaultReviewPolicy(m).
	Review *ReviewPolicy
}

// Lint checks one risk against m at now and returns its findings, sorted
// with isms.SortFindings. It is pure: the same inputs give the same
// findings. Closed risks are not checked. See Rules for the codes.
func Lint(r *Risk, m *Matrix, now time.Time, opts *LintOptions) []isms.Finding {
	l := newLinter(m, opts)
	fs := l.lint(r, now, nil)
	isms.SortFindings(fs)
	return fs
}

// LintAll checks every risk and returns all findings, sorted with
// isms.SortFindings.
func LintAll(risks []*Risk, m *Matrix, now time.Time, opts *LintOptions) []isms.Finding {
	l := newLinter(m, opts)
	var fs []isms.Finding
	for _, r := range risks {
		fs = l.lint(r, now, fs)
	}
	isms.SortFindings(fs)
	return fs
}

type linter struct {
	m        *Matrix
	criteria Criteria
	review   ReviewPolicy
}

func newLinter(m *Matrix, opts *LintOptions) *linter {
	l := &linter{m: m, criteria: DefaultCriteria(m), review: DefaultReviewPolicy(m)}
	if opts != nil {
		if opts.Criteria != nil && opts.Criteria.Validate(m) == nil {
			l.criteria = *opts.Criteria
		}
		if opts.Review != nil {
			l.review = *opts.Review
		}
	}
	return l
}

type findings struct {
	r   *Risk
	out []isms.Finding
}

func (f *findings) add(code, field, msg string, details map[string]string, related ...isms.Ref) {
	f.out = append(f.out, isms.Finding{
		Code: code, Severity: severityOf(code), Subject: f.r.Ref(),
		Message: msg, Field: field, Details: details, Related: related,
	})
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// rank returns the rank of an assessment's level in the linter's matrix, or
// -1 when the assessment is missing, was scored with another matrix, or
// names an unknown level.
func (l *linter) rank(a *Assessment) int {
	if a == nil || a.Matrix != l.m.Ref() {
		return -1
	}
	return l.m.RiskIndex(a.Level)
}

func (l *linter) lint(r *Risk, now time.Time, out []isms.Finding) []isms.Finding {
	if r == nil || r.Status == StatusClosed {
		return out
	}
	f := &findings{r: r, out: out}
	if r.Owner == "" {
		f.add(CodeOwnerMissing, "owner", "the risk has no owner", nil)
	}
	l.lintAssessments(f)
	l.lintTreatment(f, now)
	l.lintAcceptance(f, now)
	if ReviewOverdue(r, l.review, now) {
		next := NextReview(r, l.review)
		d := map[string]string{"now": stamp(now), "level": ReviewLevel(r)}
		if last := LastReview(r); !last.IsZero() {
			d["last_review"] = stamp(last)
			d["next_review"] = stamp(next)
			d["interval"] = l.review.Interval(ReviewLevel(r)).String()
		}
		f.add(CodeReviewOverdue, "reviewed_at", "the risk was due for review on "+next.UTC().Format(time.DateOnly), d)
	}
	return f.out
}

func (l *linter) lintAssessments(f *findings) {
	r := f.r
	for _, st := range stageValues {
		a := r.Assessment(st)
		if a == nil {
			continue
		}
		field := string(st)
		if a.Matrix != l.m.Ref() {
			f.add(CodeMatrixOutdated, field+".matrix",
				fmt.Sprintf("the %s assessment was scored with matrix %s, not %s", st, a.Matrix, l.m.Ref()),
				map[string]string{"assessed_with": a.Matrix.String(), "register": l.m.Ref().String()})
			continue
		}
		level, err := l.m.Rescore(a)
		switch {
		case err != nil:
			f.add(CodeAssessmentInconsistent, field, fmt.Sprintf("the %s assessment cannot be re-scored: %v", st, err), nil)
			continue
		case level != a.Level:
			f.add(CodeAssessmentInconsistent, field+".level",
				fmt.Sprintf("the %s assessment records level %q but its inputs give %q", st, a.Level, level),
				map[string]string{"recorded": a.Level, "rescored": level, "likelihood": a.Likelihood, "impact": a.Impact})
		}
		// The combined impact places the risk on the heatmap and in the
		// ranking: it must be the one its per-dimension inputs give, even
		// where both cells have the same level.
		if res, err := l.m.Evaluate(a.Rating()); err == nil && l.m.Impact[res.Impact].ID != a.Impact {
			impact := l.m.Impact[res.Impact].ID
			f.add(CodeAssessmentInconsistent, field+".impact",
				fmt.Sprintf("the %s assessment records combined impact %q but its per-dimension impacts give %q", st, a.Impact, impact),
				map[string]string{"recorded": a.Impact, "rescored": impact, "rule": string(a.Rule.orDefault())})
		}
	}
	if r.Current == nil {
		f.add(CodeCurrentNotAssessed, "current", "the current level is not assessed", nil)
	} else if r.Residual == nil {
		f.add(CodeResidualMissing, "residual", "the current level is assessed but the residual level is not", nil)
	}
	in, cur, res := l.rank(r.Inherent), l.rank(r.Current), l.rank(r.Residual)
	if in >= 0 && cur > in {
		f.add(CodeCurrentAboveInherent, "current.level",
			fmt.Sprintf("current level %q is above inherent level %q", r.Current.Level, r.Inherent.Level),
			map[string]string{"inherent": r.Inherent.Level, "current": r.Current.Level})
	}
	if cur >= 0 && res > cur {
		f.add(CodeResidualAboveCurrent, "residual.level",
			fmt.Sprintf("residual level %q is above current level %q", r.Residual.Level, r.Current.Level),
			map[string]string{"current": r.Current.Level, "residual": r.Residual.Level})
	}
	if res >= 0 && cur >= 0 && res < cur && !r.Treatment.SelectsControls() {
		f.add(CodeResidualLoweredWithoutControl, "treatment.controls",
			fmt.Sprintf("residual level %q is below current level %q but no treatment selects a control", r.Residual.Level, r.Current.Level),
			map[string]string{"current": r.Current.Level, "residual": r.Residual.Level})
	}
}

// criteriaFor returns the criteria that apply to r, and whether r's own
// criteria had to be set aside.
func (l *linter) criteriaFor(r *Risk) (Criteria, bool) {
	if r.Criteria == nil {
		return l.criteria, false
	}
	if r.Criteria.Validate(l.m) != nil {
		return l.criteria, true
	}
	return *r.Criteria, false
}

func (l *linter) lintTreatment(f *findings, now time.Time) {
	r := f.r
	t := r.Treatment
	if t != nil {
		for i, c := range t.Controls {
			if slices.Contains(r.ExistingControls, c) {
				f.add(CodeControlExistingAndPlanned, fmt.Sprintf("treatment.controls[%d]", i),
					fmt.Sprintf("control %s is listed as existing and as selected by the treatment", c.ID), nil, c)
			}
		}
		for i, a := range t.Actions {
			if a.Status.Open() && !a.Due.IsZero() && a.Due.Before(now) {
				f.add(CodeActionOverdue, fmt.Sprintf("treatment.actions[%d]", i),
					fmt.Sprintf("action %q was due on %s", a.Title, a.Due.UTC().Format(time.DateOnly)),
					map[string]string{"due": stamp(a.Due), "now": stamp(now), "status": string(a.Status), "owner": a.Owner})
			}
		}
	}
	c, mismatch := l.criteriaFor(r)
	if mismatch {
		f.add(CodeCriteriaMismatch, "criteria",
			fmt.Sprintf("the risk's criteria (matrix %s, appetite %q) do not fit matrix %s; the register's criteria apply", r.Criteria.Matrix, r.Criteria.Appetite, l.m.Ref()), nil)
	}
	eff := r.Effective()
	rank, appetite := l.rank(eff), l.m.RiskIndex(c.Appetite)
	if rank < 0 || appetite < 0 || rank <= appetite {
		return
	}
	d := map[string]string{"level": eff.Level, "stage": string(r.EffectiveStage()), "appetite": c.Appetite}
	switch {
	case t == nil:
		f.add(CodeTreatmentMissing, "treatment",
			fmt.Sprintf("level %q is above the appetite %q and no treatment is decided", eff.Level, c.Appetite), d)
	case t.Option == OptionRetain && !r.LatestAcceptance().InForce(now):
		f.add(CodeRetainedAboveAppetite, "treatment.option",
			fmt.Sprintf("level %q is above the appetite %q, the risk is retained, and no acceptance is in force", eff.Level, c.Appetite), d)
	}
}

func (l *linter) lintAcceptance(f *findings, now time.Time) {
	r := f.r
	a := r.LatestAcceptance()
	field := fmt.Sprintf("acceptances[%d]", len(r.Acceptances)-1)
	if r.Status == StatusAccepted && (a == nil || a.Status != AcceptanceAccepted) {
		msg := "the risk is marked accepted but has no acceptance sign-off"
		if a != nil {
			msg = fmt.Sprintf("the risk is marked accepted but its last acceptance is %s", a.Status)
		}
		f.add(CodeAcceptedWithoutSignoff, "status", msg, nil)
	}
	if a == nil || a.Status != AcceptanceAccepted {
		return
	}
	if !a.ExpiresAt.IsZero() && !now.Before(a.ExpiresAt) {
		f.add(CodeAcceptanceExpired, field+".expires_at",
			"the acceptance expired on "+a.ExpiresAt.UTC().Format(time.DateOnly),
			map[string]string{"expires_at": stamp(a.ExpiresAt), "now": stamp(now), "approver": a.DecidedBy})
	}
	if a.Snapshot != nil {
		eff := r.Effective()
		if cmp, ok := l.m.CompareLevels(effLevel(eff), a.Snapshot.Level); ok && cmp > 0 && a.Snapshot.Matrix == l.m.Ref() && eff.Matrix == l.m.Ref() {
			f.add(CodeAcceptanceOutdated, field+".snapshot.level",
				fmt.Sprintf("level %q is above the level %q that was accepted", eff.Level, a.Snapshot.Level),
				map[string]string{"accepted": a.Snapshot.Level, "now": eff.Level})
		}
	}
}

func effLevel(a *Assessment) string {
	if a == nil {
		return ""
	}
	return a.Level
}
