package isms

import (
	"slices"
	"time"
)

// RecordReview records a periodic review of a published document that
// confirms it without change: it sets LastReviewedAt and LastReviewedBy,
// and NextReviewAt to at plus EffectiveReviewInterval (zero when the
// interval is zero). A review that changes the document is a revision:
// use Transition to in_review instead. The error answers
// errors.Is(err, ErrInvalid) when d is nil or not published, by is blank,
// at is zero, outside years 0001 to 9999 or before the publication; d is
// then unchanged.
func (d *Document) RecordReview(by string, at time.Time) error {
	if d == nil {
		return Invalidf("document is nil")
	}
	subject := subjectName(KindDocument, d.ID)
	switch {
	case d.Status != DocumentPublished:
		return Invalidf("%s: only a published document can be reviewed, not one in status %q", subject, d.Status)
	case blank(by):
		return Invalidf("%s: a review needs a reviewer", subject)
	case at.IsZero():
		return Invalidf("%s: a review needs a time", subject)
	}
	if msg := timeProblem(at); msg != "" {
		return Invalidf("%s: the review time %s", subject, msg)
	}
	at = NormalizeTime(at)
	if at.Before(d.PublishedAt) {
		return Invalidf("%s: review at %s is before the publication at %s", subject, formatTime(at), formatTime(d.PublishedAt))
	}
	d.LastReviewedAt, d.LastReviewedBy = at, by
	d.NextReviewAt = time.Time{}
	if iv := d.EffectiveReviewInterval(); !iv.IsZero() {
		d.NextReviewAt = iv.AddTo(at)
	}
	return nil
}

// ReviewDue returns when d's next review is due: NextReviewAt when set;
// otherwise the later of LastReviewedAt and PublishedAt plus
// EffectiveReviewInterval. ok is false when neither gives a date, as for a
// record (no periodic review), a document never published nor reviewed,
// or a nil d.
func (d *Document) ReviewDue() (due time.Time, ok bool) {
	if d == nil {
		return time.Time{}, false
	}
	due, _, ok = d.reviewDue()
	return due, ok
}

// reviewDue also returns the basis of the date, for findings' details.
func (d *Document) reviewDue() (time.Time, string, bool) {
	if !d.NextReviewAt.IsZero() {
		return d.NextReviewAt, "next_review_at", true
	}
	iv := d.EffectiveReviewInterval()
	if iv.IsZero() {
		return time.Time{}, "", false
	}
	base, name := d.LastReviewedAt, "last_reviewed_at"
	if d.PublishedAt.After(base) {
		base, name = d.PublishedAt, "published_at"
	}
	if base.IsZero() {
		return time.Time{}, "", false
	}
	return iv.AddTo(base), name + " + " + iv.String(), true
}

// DocumentReviewState says where a document stands against its review
// schedule.
type DocumentReviewState string

// Document review states.
const (
	// DocumentReviewNotApplicable: the document is not published, so it is
	// not under periodic review.
	DocumentReviewNotApplicable DocumentReviewState = "not_applicable"
	// DocumentReviewUnscheduled: the document is published but has no
	// review due date (see Document.ReviewDue).
	DocumentReviewUnscheduled DocumentReviewState = "unscheduled"
	// DocumentReviewCurrent: the review is due after the warning window.
	DocumentReviewCurrent DocumentReviewState = "current"
	// DocumentReviewDueSoon: the review is due within the warning window,
	// or exactly now.
	DocumentReviewDueSoon DocumentReviewState = "due_soon"
	// DocumentReviewOverdue: the due date has passed.
	DocumentReviewOverdue DocumentReviewState = "overdue"
)

var reviewStateValues = []DocumentReviewState{
	DocumentReviewNotApplicable, DocumentReviewUnscheduled, DocumentReviewCurrent, DocumentReviewDueSoon, DocumentReviewOverdue,
}

// DocumentReviewStateValues returns every DocumentReviewState.
func DocumentReviewStateValues() []DocumentReviewState { return slices.Clone(reviewStateValues) }

// IsValid reports whether s is a known DocumentReviewState.
func (s DocumentReviewState) IsValid() bool { return slices.Contains(reviewStateValues, s) }

// UnmarshalText accepts only known states.
func (s *DocumentReviewState) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, "document review state", b, reviewStateValues)
}

// ReviewStatus returns d's review state at now, with the default warning
// window of DefaultDueSoonDays calendar days.
func (d *Document) ReviewStatus(now time.Time) DocumentReviewState {
	return d.ReviewStatusWithin(now, Days(DefaultDueSoonDays))
}

// ReviewStatusWithin returns d's review state at now with the given
// warning window: overdue when now is after the due date, due soon when
// the due date is at most window after now (window.AddTo(now)), current
// otherwise; not applicable for a nil or unpublished d.
func (d *Document) ReviewStatusWithin(now time.Time, window Duration) DocumentReviewState {
	if d == nil || d.Status != DocumentPublished {
		return DocumentReviewNotApplicable
	}
	due, _, ok := d.reviewDue()
	return reviewState(due, ok, now, window)
}

func reviewState(due time.Time, ok bool, now time.Time, window Duration) DocumentReviewState {
	switch {
	case !ok:
		return DocumentReviewUnscheduled
	case now.After(due):
		return DocumentReviewOverdue
	case !due.After(window.AddTo(now)):
		return DocumentReviewDueSoon
	}
	return DocumentReviewCurrent
}

// DocumentCheckOptions configures CheckDocument. A nil
// *DocumentCheckOptions, and each zero field, means the default.
type DocumentCheckOptions struct {
	// DueSoonWindow is how long before the due date a review is reported
	// as due soon. Default: DefaultDueSoonDays calendar days (P30D). It
	// must validate and be at most MaxDueSoonWindow.
	DueSoonWindow Duration `json:"due_soon_window,omitzero"`
}

// Validate reports an error answering ErrInvalid when DueSoonWindow does
// not validate or is longer than one year, compared by nominal length
// (Duration.Nominal: P1Y, P12M and P365D are allowed, P13M and P366D are
// not). A nil o is valid: it means the defaults.
func (o *DocumentCheckOptions) Validate() error {
	if o == nil {
		return nil
	}
	if err := o.DueSoonWindow.Validate(); err != nil {
		return Invalidf("document check options: due_soon_window: %v", err)
	}
	if o.DueSoonWindow.Compare(Years(1)) > 0 {
		return Invalidf("document check options: due_soon_window %s is longer than one year", o.DueSoonWindow)
	}
	return nil
}

func (o *DocumentCheckOptions) window() Duration {
	if o == nil || o.DueSoonWindow.IsZero() {
		return Days(DefaultDueSoonDays)
	}
	return o.DueSoonWindow
}

// CheckDocument returns what needs attention about d at now, sorted with
// SortFindings. A nil or retired document has no findings. The checks
// (their codes, severities and sources are listed by Rules):
//
//   - document.owner_missing: Owner is blank.
//   - document.not_published: the status is not published.
//   - document.self_approved: Approver is the Author.
//   - document.not_approved: approved or published without Approver or
//     ApprovedAt.
//   - document.review_date_missing: published, with a non-zero effective
//     review interval but no due date (Document.ReviewDue).
//   - document.review_overdue: published, and now is after the due date.
//   - document.review_due_soon: published, and the due date is within the
//     window after now.
//
// Details carry the compared values (due, now, window, ...) in RFC 3339,
// UTC, so each finding can be re-performed. The error, answering
// ErrInvalid, reports options that do not validate
// (DocumentCheckOptions.Validate); there are then no findings.
func CheckDocument(d *Document, now time.Time, opts *DocumentCheckOptions) ([]Finding, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if d == nil || d.Status == DocumentRetired {
		return nil, nil
	}
	subject := d.Meta.Ref(KindDocument)
	title := d.Title
	var fs []Finding
	if blank(d.Owner) {
		fs = append(fs, newFinding(CodeDocumentOwnerMissing, subject, "owner",
			map[string]string{"status": string(d.Status)}, "document %q has no owner", title))
	}
	if d.Status != DocumentPublished {
		fs = append(fs, newFinding(CodeDocumentNotPublished, subject, "status",
			map[string]string{"status": string(d.Status)}, "document %q is %s, not published", title, d.Status))
	}
	if sameActor(d.Approver, d.Author) {
		fs = append(fs, newFinding(CodeDocumentSelfApproved, subject, "approver",
			map[string]string{"author": d.Author, "approver": d.Approver},
			"document %q was approved by its author %q", title, d.Approver))
	}
	if (d.Status == DocumentApproved || d.Status == DocumentPublished) && (blank(d.Approver) || d.ApprovedAt.IsZero()) {
		fs = append(fs, newFinding(CodeDocumentNotApproved, subject, "approver",
			map[string]string{"status": string(d.Status), "approver": d.Approver, "approved_at": formatTime(d.ApprovedAt)},
			"document %q is %s but records no complete approval", title, d.Status))
	}
	if d.Status == DocumentPublished {
		iv := d.EffectiveReviewInterval()
		due, basis, ok := d.reviewDue()
		window := opts.window()
		switch reviewState(due, ok, now, window) {
		case DocumentReviewUnscheduled:
			if !iv.IsZero() {
				fs = append(fs, newFinding(CodeDocumentReviewDateMissing, subject, "next_review_at",
					map[string]string{"review_interval": iv.String()},
					"published document %q has no review date", title))
			}
		case DocumentReviewOverdue:
			fs = append(fs, newFinding(CodeDocumentReviewOverdue, subject, "next_review_at",
				map[string]string{"due": formatTime(due), "now": formatTime(now), "basis": basis, "review_interval": iv.String()},
				"review of document %q was due on %s", title, due.UTC().Format(time.DateOnly)))
		case DocumentReviewDueSoon:
			fs = append(fs, newFinding(CodeDocumentReviewDueSoon, subject, "next_review_at",
				map[string]string{"due": formatTime(due), "now": formatTime(now), "basis": basis,
					"window": window.String(), "window_end": formatTime(window.AddTo(now))},
				"review of document %q is due on %s", title, due.UTC().Format(time.DateOnly)))
		}
	}
	SortFindings(fs)
	return fs, nil
}
