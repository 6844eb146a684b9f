package audit

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// KindReview is the storage kind and Ref kind of a management review.
const KindReview = "audit.management_review"

// DefaultReviewInterval is the planned interval between management
// reviews: one year.
func DefaultReviewInterval() isms.Duration { return isms.Years(1) }

// ReviewInput names one input of a management review as ISO/IEC
// 27001:2022 9.3.2 lists them.
type ReviewInput string

// Management review inputs, in the order of 9.3.2.
const (
	InputPreviousActions ReviewInput = "previous_actions"   // a) status of actions from previous reviews
	InputIssues          ReviewInput = "issues"             // b) changes in external and internal issues
	InputParties         ReviewInput = "interested_parties" // c) changes in needs and expectations of interested parties
	InputNonconformities ReviewInput = "nonconformities"    // d 1) nonconformities and corrective actions
	InputMonitoring      ReviewInput = "monitoring"         // d 2) monitoring and measurement results
	InputAuditResults    ReviewInput = "audit_results"      // d 3) audit results
	InputObjectives      ReviewInput = "objectives"         // d 4) fulfilment of objectives
	InputPartyFeedback   ReviewInput = "party_feedback"     // e) feedback from interested parties
	InputRisk            ReviewInput = "risk"               // f) results of risk assessment, status of the treatment plan
	InputImprovement     ReviewInput = "improvement"        // g) opportunities for continual improvement
)

var reviewInputValues = []ReviewInput{InputPreviousActions, InputIssues, InputParties, InputNonconformities,
	InputMonitoring, InputAuditResults, InputObjectives, InputPartyFeedback, InputRisk, InputImprovement}

var reviewInputClause = map[ReviewInput]string{
	InputPreviousActions: "9.3.2 a", InputIssues: "9.3.2 b", InputParties: "9.3.2 c",
	InputNonconformities: "9.3.2 d 1", InputMonitoring: "9.3.2 d 2", InputAuditResults: "9.3.2 d 3",
	InputObjectives: "9.3.2 d 4", InputPartyFeedback: "9.3.2 e", InputRisk: "9.3.2 f", InputImprovement: "9.3.2 g",
}

// ReviewInputValues returns every ReviewInput, in the order of 9.3.2.
func ReviewInputValues() []ReviewInput { return slices.Clone(reviewInputValues) }

// IsValid reports whether in is a known ReviewInput.
func (in ReviewInput) IsValid() bool { return slices.Contains(reviewInputValues, in) }

// Clause returns the item of 9.3.2 the input comes from ("9.3.2 d 3"),
// "" for an unknown input.
func (in ReviewInput) Clause() string { return reviewInputClause[in] }

// UnmarshalText accepts only known inputs.
func (in *ReviewInput) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(in, "review input", b, reviewInputValues)
}

// DecisionKind classifies a management review output (9.3.3).
type DecisionKind string

// Decision kinds.
const (
	DecisionImprovement DecisionKind = "improvement"
	DecisionChange      DecisionKind = "change"
	DecisionResources   DecisionKind = "resources"
)

var decisionKindValues = []DecisionKind{DecisionImprovement, DecisionChange, DecisionResources}

// DecisionKindValues returns every DecisionKind.
func DecisionKindValues() []DecisionKind { return slices.Clone(decisionKindValues) }

// IsValid reports whether k is a known DecisionKind.
func (k DecisionKind) IsValid() bool { return slices.Contains(decisionKindValues, k) }

// UnmarshalText accepts only known kinds.
func (k *DecisionKind) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(k, "decision kind", b, decisionKindValues)
}

// Decision is an output of a management review: a decision on an
// improvement, a change to the ISMS or resources, with its owner and due
// date (9.3.3).
type Decision struct {
	// ID identifies the decision within the review; required.
	ID isms.ID `json:"id"`
	// Kind is required.
	Kind DecisionKind `json:"kind"`
	// Text is the decision; required.
	Text  string    `json:"text"`
	Owner string    `json:"owner,omitempty"`
	Due   time.Time `json:"due,omitzero"`
	// DoneAt is when the decision was carried out.
	DoneAt time.Time `json:"done_at,omitzero"`
}

// ManagementReview is the record of a management review (ISO/IEC
// 27001:2022 9.3): when it was held, who attended, its inputs as 9.3.2
// lists them (AssembleReview gathers them) and its decisions.
type ManagementReview struct {
	isms.Meta
	// Title is required.
	Title string `json:"title"`
	// HeldAt is when the review was held; zero while it is planned.
	HeldAt time.Time `json:"held_at,omitzero"`
	// PlannedAt is when it is planned.
	PlannedAt time.Time `json:"planned_at,omitzero"`
	Chair     string    `json:"chair,omitempty"`
	Attendees []string  `json:"attendees,omitzero"`
	// Inputs are the inputs considered.
	Inputs ReviewInputs `json:"inputs,omitzero"`
	// Decisions are the outputs, each ID once.
	Decisions []Decision `json:"decisions,omitzero"`
}

// Ref returns the review's Ref (zero for nil).
func (r *ManagementReview) Ref() isms.Ref {
	if r == nil {
		return isms.Ref{}
	}
	return r.Meta.Ref(KindReview)
}

// Validate reports every problem of r: a title; decisions with a unique
// valid ID, a known kind and a text; times in years 0001 to 9999; the
// inputs' missing list of known inputs. A nil r is an error.
func (r *ManagementReview) Validate() error {
	if r == nil {
		return isms.Invalidf("management review is nil")
	}
	var ps isms.Problems
	if r.ID != "" && !r.ID.IsValid() {
		ps.Add("id", isms.CodeMalformed, "id is not a valid ID")
	}
	if blank(r.Title) {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	checkTimes(&ps, "", map[string]time.Time{"held_at": r.HeldAt, "planned_at": r.PlannedAt})
	ids := make(map[isms.ID]bool, len(r.Decisions))
	for i, d := range r.Decisions {
		f := indexField("decisions", i)
		if err := d.ID.Validate(); err != nil {
			ps.Add(f+".id", isms.CodeMalformed, err.Error())
		} else if ids[d.ID] {
			ps.Addf(f+".id", isms.CodeDuplicate, "decision %q is listed twice", d.ID)
		}
		ids[d.ID] = true
		isms.CheckEnum(&ps, f+".kind", d.Kind, decisionKindValues, true)
		if blank(d.Text) {
			ps.Add(f+".text", isms.CodeRequired, "a decision needs a text")
		}
		checkTimes(&ps, f, map[string]time.Time{"due": d.Due, "done_at": d.DoneAt})
	}
	for i, in := range r.Inputs.Missing {
		isms.CheckEnum(&ps, indexField("inputs.missing", i), in, reviewInputValues, true)
	}
	for i, a := range r.Inputs.PreviousActions {
		isms.CheckEnum(&ps, indexField("inputs.previous_actions", i)+".kind", a.Kind, decisionKindValues, false)
	}
	return ps.Err(subjectName("management review", r.ID))
}

// ParseManagementReview decodes a JSON management review from a user
// strictly (isms.UnmarshalStrict) and validates it. Every error answers
// isms.ErrInvalid.
func ParseManagementReview(data []byte) (*ManagementReview, error) {
	return parseStrict[ManagementReview]("parse management review", data)
}

// ReviewOptions configures CheckReviews. A nil *ReviewOptions, and each
// zero field, means the default.
type ReviewOptions struct {
	// Interval is the planned interval between reviews; default
	// DefaultReviewInterval (P1Y). At most three years (nominal).
	Interval isms.Duration `json:"interval,omitzero"`
	// DueSoonWindow is the warning window; default DefaultDueSoonWindow.
	DueSoonWindow isms.Duration `json:"due_soon_window,omitzero"`
}

// Validate reports an interval or window that does not validate, a
// negative one, an interval longer than three years or a window longer
// than one. A nil o is valid.
func (o *ReviewOptions) Validate() error {
	if o == nil {
		return nil
	}
	if err := o.Interval.Validate(); err != nil {
		return isms.Invalidf("review options: interval: %v", err)
	}
	if o.Interval.Nominal() < 0 || o.Interval.Compare(isms.Years(3)) > 0 {
		return isms.Invalidf("review options: interval %s is not between zero and three years", o.Interval)
	}
	return (&CheckOptions{DueSoonWindow: o.DueSoonWindow}).Validate()
}

func (o *ReviewOptions) interval() isms.Duration {
	if o == nil || o.Interval.IsZero() {
		return DefaultReviewInterval()
	}
	return o.Interval
}

// NextReviewDue returns when the next management review is due: the
// latest HeldAt among reviews (held at or before now) plus the interval
// (DefaultReviewInterval when zero). ok is false when no review has been
// held.
func NextReviewDue(reviews []*ManagementReview, interval isms.Duration, now time.Time) (due time.Time, last *ManagementReview, ok bool) {
	for _, r := range reviews {
		if r == nil || r.HeldAt.IsZero() || r.HeldAt.After(now) {
			continue
		}
		if last == nil || r.HeldAt.After(last.HeldAt) {
			last = r
		}
	}
	if last == nil {
		return time.Time{}, nil, false
	}
	if interval.IsZero() {
		interval = DefaultReviewInterval()
	}
	return interval.AddTo(last.HeldAt), last, true
}

// CheckReviews returns what needs attention about the management reviews
// at now, sorted with isms.SortFindings; nil reviews are skipped:
//
//   - audit.review.missing: no review has been held by now.
//   - audit.review.overdue: now is after the last review plus the
//     interval; audit.review.due_soon: that date is within the window.
//   - audit.review.decision_owner_missing, decision_due_missing: an open
//     decision (not done) has no owner or no due date.
//   - audit.review.decision_overdue: an open decision is past its due
//     date.
//
// The error, answering isms.ErrInvalid, reports options that do not
// validate.
func CheckReviews(reviews []*ManagementReview, now time.Time, opts *ReviewOptions) ([]isms.Finding, error) {
	if err := opts.Validate(); err != nil {
		return nil, wrap("check reviews", err)
	}
	var out []isms.Finding
	due, last, ok := NextReviewDue(reviews, opts.interval(), now)
	window := (&CheckOptions{}).window()
	if opts != nil && !opts.DueSoonWindow.IsZero() {
		window = opts.DueSoonWindow
	}
	switch {
	case !ok:
		out = append(out, newFinding(CodeReviewMissing, isms.Ref{Kind: KindReview}, "", map[string]string{"now": stamp(now)},
			"no management review has been held"))
	case now.After(due):
		out = append(out, newFinding(CodeReviewOverdue, last.Ref(), "held_at",
			map[string]string{"last": stamp(last.HeldAt), "interval": opts.interval().String(), "due": stamp(due), "now": stamp(now)},
			"the next management review was due on %s", day(due)))
	case !due.After(window.AddTo(now)):
		out = append(out, newFinding(CodeReviewDueSoon, last.Ref(), "held_at",
			map[string]string{"last": stamp(last.HeldAt), "interval": opts.interval().String(), "due": stamp(due), "now": stamp(now), "window": window.String()},
			"the next management review is due on %s", day(due)))
	}
	for _, r := range reviews {
		if r == nil {
			continue
		}
		for i, d := range r.Decisions {
			if !d.DoneAt.IsZero() {
				continue
			}
			f := indexField("decisions", i)
			det := map[string]string{"decision": string(d.ID), "kind": string(d.Kind)}
			if blank(d.Owner) {
				out = append(out, newFinding(CodeDecisionOwnerMissing, r.Ref(), f+".owner", det, "decision %q has no owner", d.Text))
			}
			switch {
			case d.Due.IsZero():
				out = append(out, newFinding(CodeDecisionDueMissing, r.Ref(), f+".due", det, "decision %q has no due date", d.Text))
			case now.After(d.Due):
				out = append(out, newFinding(CodeDecisionOverdue, r.Ref(), f+".due",
					map[string]string{"decision": string(d.ID), "due": stamp(d.Due), "now": stamp(now)},
					"decision %q was due on %s", d.Text, day(d.Due)))
			}
		}
	}
	isms.SortFindings(out)
	return out, nil
}

// ReviewImprovements returns the improvement-register entries of a
// review's open improvement decisions, sourced from the review. Nil for a
// nil review.
func ReviewImprovements(r *ManagementReview) []*Improvement {
	if r == nil {
		return nil
	}
	var out []*Improvement
	for _, d := range r.Decisions {
		if d.Kind == DecisionImprovement {
			st := ImprovementPlanned
			if !d.DoneAt.IsZero() {
				st = ImprovementDone
			}
			out = append(out, &Improvement{Title: d.Text, Source: r.Ref(), SourceKind: SourceReview, Owner: d.Owner,
				Due: d.Due, Status: st, RaisedAt: r.HeldAt, DoneAt: d.DoneAt})
		}
	}
	return out
}
