package risk

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// CheckOptions configures Check and CheckAll. A nil *CheckOptions, and
// each nil field, means the default.
type CheckOptions struct {
	// Criteria apply to risks without their own. Default:
	// DefaultCriteria(m), which also replaces criteria that do not fit m
	// (another matrix, or an appetite m lacks): the most cautious
	// criteria rather than none.
	Criteria *Criteria `json:"criteria,omitempty"`
	// Review is the review cadence; it must validate against m. Default:
	// DefaultReviewPolicy(m).
	Review *ReviewPolicy `json:"review,omitempty"`
	// Assets are the known assets. When not nil, every asset ref of a
	// risk must be one of them (CodeRefUnresolved); nil skips the check.
	Assets []isms.Ref `json:"assets,omitempty"`
	// Controls are the IDs of the catalog's controls (controls.Catalog.IDs
	// gives them). When not nil, every control ref of a risk (existing,
	// selected by the treatment, implemented by an action) must name one
	// (CodeRefUnresolved); nil skips the check.
	Controls []isms.ID `json:"controls,omitempty"`
}

// Check checks one risk against m at now, as an auditor would, and returns
// its findings sorted with isms.SortFindings. It is pure: the same inputs
// give the same findings. Closed risks, and a nil risk, have none. See
// Rules for the codes, severities and sources. The error, answering
// isms.ErrInvalid, reports a nil or invalid matrix or a review policy that
// does not validate against it; there are then no findings.
func Check(r *Risk, m *Matrix, now time.Time, opts *CheckOptions) ([]isms.Finding, error) {
	c, err := newChecker(m, opts)
	if err != nil {
		return nil, fmt.Errorf("risk: check: %w", err)
	}
	fs := c.check(r, now, nil)
	sortFindings(fs) // isms.SortFindings order
	return fs, nil
}

// CheckAll checks every risk (nil ones are skipped) and returns all
// findings, sorted with isms.SortFindings. Its time is linear in the number
// of risks, plus the sort. Its errors are Check's.
func CheckAll(risks []*Risk, m *Matrix, now time.Time, opts *CheckOptions) ([]isms.Finding, error) {
	c, err := newChecker(m, opts)
	if err != nil {
		return nil, fmt.Errorf("risk: check: %w", err)
	}
	var fs []isms.Finding
	for _, r := range risks {
		fs = c.check(r, now, fs)
	}
	sortFindings(fs) // isms.SortFindings order
	return fs, nil
}

type checker struct {
	m        *Matrix
	criteria Criteria
	review   ReviewPolicy
	// assets and controls are the known refs, or nil when not supplied.
	assets   map[isms.Ref]struct{}
	controls map[isms.ID]struct{}
}

func newChecker(m *Matrix, opts *CheckOptions) (*checker, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	c := &checker{m: m, criteria: DefaultCriteria(m), review: DefaultReviewPolicy(m)}
	if opts != nil {
		if opts.Criteria != nil && opts.Criteria.Validate(m) == nil {
			c.criteria = *opts.Criteria
		}
		if opts.Review != nil {
			if err := opts.Review.Validate(m); err != nil {
				return nil, err
			}
			c.review = *opts.Review
		}
		if opts.Assets != nil {
			c.assets = make(map[isms.Ref]struct{}, len(opts.Assets))
			for _, a := range opts.Assets {
				c.assets[a] = struct{}{}
			}
		}
		if opts.Controls != nil {
			c.controls = make(map[isms.ID]struct{}, len(opts.Controls))
			for _, id := range opts.Controls {
				c.controls[id] = struct{}{}
			}
		}
	}
	return c, nil
}

type findings struct {
	r   *Risk
	out []isms.Finding
	// nowText caches stamp(now) for the risk's findings.
	nowText string
}

func (f *findings) nowStamp(now time.Time) string {
	if f.nowText == "" {
		f.nowText = stamp(now)
	}
	return f.nowText
}

func (f *findings) add(code, field, msg string, details map[string]string, related ...isms.Ref) {
	fd := ruleByCode[code].Finding(f.r.Ref(), msg)
	fd.Field, fd.Details, fd.Related = field, details, related
	f.out = append(f.out, fd)
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// rank returns the rank of an assessment's level in the checker's matrix, or
// -1 when the assessment is missing, was scored with another matrix, or
// names an unknown level.
func (c *checker) rank(a *Assessment) int {
	if a == nil || a.Matrix != c.m.Ref() {
		return -1
	}
	return c.m.RiskIndex(a.Level)
}

func (c *checker) check(r *Risk, now time.Time, out []isms.Finding) []isms.Finding {
	if r == nil || r.Status == StatusClosed {
		return out
	}
	f := &findings{r: r, out: out}
	if r.Owner == "" {
		f.add(CodeOwnerMissing, "owner", "the risk has no owner", nil)
	}
	c.checkAssessments(f)
	c.checkTreatment(f, now)
	c.checkAcceptance(f, now)
	c.checkRefs(f)
	if overdue, _ := reviewOverdue(r, c.review, now); overdue {
		// The policy validated against the matrix: every level has a
		// positive interval, so these calls do not fail.
		next, _ := nextReview(r, c.review)
		d := map[string]string{"now": f.nowStamp(now), "level": ReviewLevel(r)}
		if last := LastReview(r); !last.IsZero() {
			d["last_review"] = stamp(last)
			d["next_review"] = stamp(next)
			d["interval"] = c.review.Interval(ReviewLevel(r)).String()
		}
		f.add(CodeReviewOverdue, "reviewed_at", "the risk was due for review on "+next.UTC().Format(time.DateOnly), d)
	}
	return f.out
}

func (c *checker) checkAssessments(f *findings) {
	r := f.r
	for _, st := range stageValues {
		a := r.Assessment(st)
		if a == nil {
			continue
		}
		field := string(st)
		if a.Matrix != c.m.Ref() {
			f.add(CodeMatrixOutdated, field+".matrix",
				fmt.Sprintf("the %s assessment was scored with matrix %s, not %s", st, a.Matrix, c.m.Ref()),
				map[string]string{"assessed_with": a.Matrix.String(), "register": c.m.Ref().String()})
			continue
		}
		level, err := c.m.rescore(a)
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
		in := a.Rating()
		if res, err := c.m.evaluate(&in); err == nil && c.m.Impact[res.Impact].ID != a.Impact {
			impact := c.m.Impact[res.Impact].ID
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
	in, cur, res := c.rank(r.Inherent), c.rank(r.Current), c.rank(r.Residual)
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
	if res >= 0 && cur >= 0 && res < cur && needsControl(r.Treatment) {
		option := "none"
		if r.Treatment != nil {
			option = string(r.Treatment.Option)
		}
		f.add(CodeResidualLoweredWithoutControl, "treatment.controls",
			fmt.Sprintf("residual level %q is below current level %q but no treatment selects a control", r.Residual.Level, r.Current.Level),
			map[string]string{"current": r.Current.Level, "residual": r.Residual.Level, "option": option})
	}
}

// needsControl reports whether a lower residual level needs a selected
// control that t lacks: no treatment, retain, or modify without controls.
// Share and avoid lower a risk without an Annex A control (ISO/IEC
// 27005:2022 8.4).
func needsControl(t *Treatment) bool {
	if t.SelectsControls() {
		return false
	}
	return t == nil || t.Option == OptionRetain || t.Option == OptionModify
}

// checkRefs reports asset and control refs that are not among the known
// ones, when the options supplied them.
func (c *checker) checkRefs(f *findings) {
	r := f.r
	if c.assets != nil {
		for i, a := range r.Assets {
			if _, ok := c.assets[a]; !ok {
				f.add(CodeRefUnresolved, indexField("assets", i),
					fmt.Sprintf("asset %s is not a known asset", a), map[string]string{"ref": a.String()}, a)
			}
		}
	}
	if c.controls == nil {
		return
	}
	ctl := func(field string, refs []isms.Ref) {
		for i, ref := range refs {
			if _, ok := c.controls[ref.ID]; ok && ref.Kind == ControlKind {
				continue
			}
			f.add(CodeRefUnresolved, indexField(field, i),
				fmt.Sprintf("control %s is not a control of the catalog", ref), map[string]string{"ref": ref.String()}, ref)
		}
	}
	ctl("existing_controls", r.ExistingControls)
	if t := r.Treatment; t != nil {
		ctl("treatment.controls", t.Controls)
		for i := range t.Actions {
			ctl(indexField("treatment.actions", i)+".controls", t.Actions[i].Controls)
		}
	}
}

// criteriaFor returns the criteria that apply to r, and whether r's own
// criteria had to be set aside.
func (c *checker) criteriaFor(r *Risk) (Criteria, bool) {
	if r.Criteria == nil {
		return c.criteria, false
	}
	if r.Criteria.Validate(c.m) != nil {
		return c.criteria, true
	}
	return *r.Criteria, false
}

func (c *checker) checkTreatment(f *findings, now time.Time) {
	r := f.r
	t := r.Treatment
	if t != nil {
		if t.Option == OptionModify && len(t.Actions) == 0 {
			f.add(CodePlanMissing, "treatment.actions", "the treatment is modify but its plan has no actions", nil)
		}
		if t.Option == OptionAvoid && r.Status == StatusOpen {
			if done, total := t.Progress(); done > 0 && done == total {
				f.add(CodeAvoidedStillOpen, "status",
					fmt.Sprintf("the risk is avoided and all %d actions of its plan are done, but it is still open: close it", done),
					map[string]string{"done": strconv.Itoa(done)})
			}
		}
		if len(t.Controls) > 0 && len(r.ExistingControls) > 0 {
			// Pairwise for the usual few controls (no allocation), through a
			// set beyond, so that the time stays linear.
			isExisting := func(ref isms.Ref) bool { return slices.Contains(r.ExistingControls, ref) }
			if len(t.Controls)*len(r.ExistingControls) > 64 {
				existing := make(map[isms.Ref]bool, len(r.ExistingControls))
				for _, ec := range r.ExistingControls {
					existing[ec] = true
				}
				isExisting = func(ref isms.Ref) bool { return existing[ref] }
			}
			for i, ctl := range t.Controls {
				if isExisting(ctl) {
					f.add(CodeControlExistingAndPlanned, indexField("treatment.controls", i),
						fmt.Sprintf("control %s is listed as existing and as selected by the treatment", ctl.ID), nil, ctl)
				}
			}
		}
		for i, a := range t.Actions {
			if a.Status.Open() && !a.Due.IsZero() && a.Due.Before(now) {
				// Built without fmt: a register may hold thousands of these.
				f.add(CodeActionOverdue, indexField("treatment.actions", i),
					"action "+strconv.Quote(a.Title)+" was due on "+a.Due.UTC().Format(time.DateOnly),
					map[string]string{"due": stamp(a.Due), "now": f.nowStamp(now), "status": string(a.Status), "owner": a.Owner})
			}
		}
	}
	crit, mismatch := c.criteriaFor(r)
	if mismatch {
		f.add(CodeCriteriaMismatch, "criteria",
			fmt.Sprintf("the risk's criteria (matrix %s, appetite %q) do not fit matrix %s; the register's criteria apply", r.Criteria.Matrix, r.Criteria.Appetite, c.m.Ref()), nil)
	}
	eff := r.Effective()
	rank, appetite := c.rank(eff), c.m.RiskIndex(crit.Appetite)
	if rank < 0 || appetite < 0 || rank <= appetite {
		return
	}
	d := map[string]string{"level": eff.Level, "stage": string(r.EffectiveStage()), "appetite": crit.Appetite}
	switch {
	case t == nil:
		f.add(CodeTreatmentMissing, "treatment",
			fmt.Sprintf("level %q is above the appetite %q and no treatment is decided", eff.Level, crit.Appetite), d)
	case t.Option == OptionRetain && !r.LatestAcceptance().InForce(now):
		f.add(CodeRetainedAboveAppetite, "treatment.option",
			fmt.Sprintf("level %q is above the appetite %q, the risk is retained, and no acceptance is in force", eff.Level, crit.Appetite), d)
	}
}

func (c *checker) checkAcceptance(f *findings, now time.Time) {
	r := f.r
	a := r.LatestAcceptance()
	if a == nil && r.Status != StatusAccepted {
		return // the common case: nothing to check, nothing to format
	}
	field := indexField("acceptances", len(r.Acceptances)-1)
	if r.Status == StatusAccepted && (a == nil || a.Status != AcceptanceAccepted) {
		msg := "the risk is marked accepted but has no acceptance sign-off"
		if a != nil {
			msg = fmt.Sprintf("the risk is marked accepted but its last acceptance is %s", a.Status)
		}
		f.add(CodeAcceptedWithoutSignoff, "status", msg, nil)
	}
	if a != nil && a.Status.active() && strings.TrimSpace(a.Justification) == "" {
		f.add(CodeJustificationMissing, field+".justification",
			fmt.Sprintf("acceptance %s is %s without a justification", a.ID, a.Status),
			map[string]string{"status": string(a.Status)})
	}
	if a == nil || a.Status != AcceptanceAccepted {
		return
	}
	if !a.ExpiresAt.IsZero() && !now.Before(a.ExpiresAt) {
		f.add(CodeAcceptanceExpired, field+".expires_at",
			"the acceptance expired on "+a.ExpiresAt.UTC().Format(time.DateOnly),
			map[string]string{"expires_at": stamp(a.ExpiresAt), "now": f.nowStamp(now), "approver": a.DecidedBy})
	}
	if a.Snapshot != nil {
		eff := r.Effective()
		if cmp, ok := c.m.CompareLevels(effLevel(eff), a.Snapshot.Level); ok && cmp > 0 && a.Snapshot.Matrix == c.m.Ref() && eff.Matrix == c.m.Ref() {
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
