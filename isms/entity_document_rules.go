package isms

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// TransitionReason is the stable code of why Document.Transition refused a
// transition.
type TransitionReason string

// Reasons for refusing a document transition.
const (
	// TransitionUnknownStatus: the current or the target status is not a
	// known DocumentStatus.
	TransitionUnknownStatus TransitionReason = "unknown_status"
	// TransitionNotAllowed: the lifecycle has no such step (see
	// DocumentStatus.Next); retired is final.
	TransitionNotAllowed TransitionReason = "not_allowed"
	// TransitionActorRequired: nobody is named as making the transition.
	TransitionActorRequired TransitionReason = "actor_required"
	// TransitionApproverRequired: an approval names no approver.
	TransitionApproverRequired TransitionReason = "approver_required"
	// TransitionTimeRequired: the transition has no time.
	TransitionTimeRequired TransitionReason = "time_required"
	// TransitionOutOfOrder: the time is before the document's last
	// transition, or a publication is before the approval.
	TransitionOutOfOrder TransitionReason = "out_of_order"
	// TransitionAuthorRequired: the document names no author, so
	// segregation of duties cannot be shown for its approval.
	TransitionAuthorRequired TransitionReason = "author_required"
	// TransitionSelfApproval: the approver is the author (segregation of
	// duties, ISO/IEC 27001:2022 A.5.3), or a publication rests on such an
	// approval.
	TransitionSelfApproval TransitionReason = "self_approval"
	// TransitionNotApproved: a publication without a recorded approval
	// (approver and approval time).
	TransitionNotApproved TransitionReason = "not_approved"
)

var transitionReasonValues = []TransitionReason{
	TransitionUnknownStatus, TransitionNotAllowed, TransitionActorRequired, TransitionApproverRequired,
	TransitionTimeRequired, TransitionOutOfOrder, TransitionAuthorRequired, TransitionSelfApproval,
	TransitionNotApproved,
}

// TransitionReasonValues returns every TransitionReason.
func TransitionReasonValues() []TransitionReason { return slices.Clone(transitionReasonValues) }

// IsValid reports whether r is a known TransitionReason.
func (r TransitionReason) IsValid() bool { return slices.Contains(transitionReasonValues, r) }

// UnmarshalText accepts only known reasons.
func (r *TransitionReason) UnmarshalText(b []byte) error {
	return UnmarshalEnum(r, "transition reason", b, transitionReasonValues)
}

// DocumentTransitionError reports a refused document transition. It
// answers errors.Is(err, ErrInvalid); use errors.As to read the reason.
type DocumentTransitionError struct {
	ID     ID
	From   DocumentStatus
	To     DocumentStatus
	Reason TransitionReason
	// Detail explains the refusal in words.
	Detail string
}

// Error returns "document <id>: cannot move from <from> to <to>: <detail>
// (<reason>)".
func (e *DocumentTransitionError) Error() string {
	var b strings.Builder
	b.WriteString("document")
	if e.ID != "" {
		fmt.Fprintf(&b, " %q", e.ID)
	}
	fmt.Fprintf(&b, ": cannot move from %q to %q", e.From, e.To)
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	fmt.Fprintf(&b, " (%s)", e.Reason)
	return b.String()
}

// Is reports whether target is ErrInvalid.
func (e *DocumentTransitionError) Is(target error) bool { return target == ErrInvalid }

// Transition moves d to status to, made by actor by at time at, and
// appends the step to d.History. On refusal it returns a
// *DocumentTransitionError and leaves d unchanged.
//
// The lifecycle allows:
//
//	draft → in_review        submit; sets Author to by when it is empty
//	in_review → draft        send back for rework
//	in_review → approved     approve; by is the approver, who must differ
//	                         from Author (A.5.3); sets Approver, ApprovedAt,
//	                         LastReviewedAt and LastReviewedBy
//	approved → published     publish; needs a recorded approval not made by
//	                         the author, at or after ApprovedAt; sets
//	                         PublishedAt and schedules the next review
//	published → in_review    open a revision; clears Approver and
//	                         ApprovedAt, since the revision needs its own
//	                         approval
//	any but retired → retired   retire; sets RetiredAt. Retired is final.
//
// by and at are required, and at may not be before the last transition
// in History. at is stored in UTC, truncated to microseconds
// (NormalizeTime). Actors are compared ignoring case and surrounding
// space.
//
// On publication, when NextReviewAt is zero or not after at (a date left
// over from the previous version), it becomes at plus
// EffectiveReviewInterval, in calendar arithmetic (Duration.AddTo): a
// policy published on 29 February 2024 is next due on 1 March 2025. A
// later date already planned is kept, and a document whose effective
// interval is zero gets no date.
func (d *Document) Transition(to DocumentStatus, by string, at time.Time) error {
	if d == nil {
		return Invalidf("document: transition of a nil document")
	}
	from := d.Status
	fail := func(r TransitionReason, format string, args ...any) error {
		return &DocumentTransitionError{ID: d.ID, From: from, To: to, Reason: r, Detail: fmt.Sprintf(format, args...)}
	}
	switch {
	case !from.IsValid():
		return fail(TransitionUnknownStatus, "the current status is not a known document status")
	case !to.IsValid():
		return fail(TransitionUnknownStatus, "the target status is not a known document status")
	case !from.CanTransition(to):
		if from == DocumentRetired {
			return fail(TransitionNotAllowed, "a retired document is final")
		}
		return fail(TransitionNotAllowed, "the lifecycle allows %s only", joinStatuses(from.Next()))
	case blank(by) && to == DocumentApproved:
		return fail(TransitionApproverRequired, "an approval needs an approver")
	case blank(by):
		return fail(TransitionActorRequired, "the transition needs an actor")
	case at.IsZero():
		return fail(TransitionTimeRequired, "the transition needs a time")
	}
	at = NormalizeTime(at)
	if n := len(d.History); n > 0 && at.Before(d.History[n-1].At) {
		return fail(TransitionOutOfOrder, "%s is before the last transition at %s", formatTime(at), formatTime(d.History[n-1].At))
	}
	switch to {
	case DocumentApproved:
		if blank(d.Author) {
			return fail(TransitionAuthorRequired, "the document names no author, so segregation of duties cannot be shown")
		}
		if sameActor(by, d.Author) {
			return fail(TransitionSelfApproval, "%q cannot approve a document they wrote", by)
		}
	case DocumentPublished:
		if blank(d.Approver) || d.ApprovedAt.IsZero() {
			return fail(TransitionNotApproved, "no approval is recorded")
		}
		if sameActor(d.Approver, d.Author) {
			return fail(TransitionSelfApproval, "the recorded approval by %q is by the author", d.Approver)
		}
		if at.Before(d.ApprovedAt) {
			return fail(TransitionOutOfOrder, "publication at %s is before the approval at %s", formatTime(at), formatTime(d.ApprovedAt))
		}
	}

	switch to {
	case DocumentInReview:
		if from == DocumentDraft && blank(d.Author) {
			d.Author = by
		}
		if from == DocumentPublished {
			d.Approver, d.ApprovedAt = "", time.Time{}
		}
	case DocumentApproved:
		d.Approver, d.ApprovedAt = by, at
		d.LastReviewedBy, d.LastReviewedAt = by, at
	case DocumentPublished:
		d.PublishedAt = at
		if iv := d.EffectiveReviewInterval(); !iv.IsZero() && !d.NextReviewAt.After(at) {
			d.NextReviewAt = iv.AddTo(at)
		}
	case DocumentRetired:
		d.RetiredAt = at
	}
	d.Status = to
	d.History = append(d.History, DocumentTransition{From: from, To: to, By: by, At: at})
	return nil
}

func joinStatuses(ss []DocumentStatus) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// RecordReview records a periodic review of a published document that
// confirms it without change: it sets LastReviewedAt and LastReviewedBy,
// and NextReviewAt to at plus EffectiveReviewInterval (zero when the
// interval is zero). A review that changes the document is a revision:
// use Transition to in_review instead. The error answers
// errors.Is(err, ErrInvalid) when d is not published, by is blank, at is
// zero or at is before the publication; d is then unchanged.
func (d *Document) RecordReview(by string, at time.Time) error {
	switch {
	case d == nil:
		return Invalidf("document: review of a nil document")
	case d.Status != DocumentPublished:
		return Invalidf("document %q: only a published document can be reviewed, not one in status %q", d.ID, d.Status)
	case blank(by):
		return Invalidf("document %q: a review needs a reviewer", d.ID)
	case at.IsZero():
		return Invalidf("document %q: a review needs a time", d.ID)
	}
	at = NormalizeTime(at)
	if at.Before(d.PublishedAt) {
		return Invalidf("document %q: review at %s is before the publication at %s", d.ID, formatTime(at), formatTime(d.PublishedAt))
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
// record (no periodic review) or a document never published nor reviewed.
func (d *Document) ReviewDue() (due time.Time, ok bool) {
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

// ReviewState says where a document stands against its review schedule.
type ReviewState string

// Review states.
const (
	// ReviewStateNotApplicable: the document is not published, so it is
	// not under periodic review.
	ReviewStateNotApplicable ReviewState = "not_applicable"
	// ReviewStateUnscheduled: the document is published but has no review
	// due date (see Document.ReviewDue).
	ReviewStateUnscheduled ReviewState = "unscheduled"
	// ReviewStateCurrent: the review is due after the warning window.
	ReviewStateCurrent ReviewState = "current"
	// ReviewStateDueSoon: the review is due within the warning window, or
	// exactly now.
	ReviewStateDueSoon ReviewState = "due_soon"
	// ReviewStateOverdue: the due date has passed.
	ReviewStateOverdue ReviewState = "overdue"
)

var reviewStateValues = []ReviewState{
	ReviewStateNotApplicable, ReviewStateUnscheduled, ReviewStateCurrent, ReviewStateDueSoon, ReviewStateOverdue,
}

// ReviewStateValues returns every ReviewState.
func ReviewStateValues() []ReviewState { return slices.Clone(reviewStateValues) }

// IsValid reports whether s is a known ReviewState.
func (s ReviewState) IsValid() bool { return slices.Contains(reviewStateValues, s) }

// UnmarshalText accepts only known states.
func (s *ReviewState) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, "review state", b, reviewStateValues)
}

// ReviewStatus returns d's review state at now, with the default warning
// window of DefaultDueSoonDays calendar days.
func (d *Document) ReviewStatus(now time.Time) ReviewState {
	return d.ReviewStatusWithin(now, Days(DefaultDueSoonDays))
}

// ReviewStatusWithin returns d's review state at now with the given
// warning window: overdue when now is after the due date, due soon when
// the due date is at most window after now (window.AddTo(now)), current
// otherwise.
func (d *Document) ReviewStatusWithin(now time.Time, window Duration) ReviewState {
	if d == nil || d.Status != DocumentPublished {
		return ReviewStateNotApplicable
	}
	due, _, ok := d.reviewDue()
	return reviewState(due, ok, now, window)
}

func reviewState(due time.Time, ok bool, now time.Time, window Duration) ReviewState {
	switch {
	case !ok:
		return ReviewStateUnscheduled
	case now.After(due):
		return ReviewStateOverdue
	case !due.After(window.AddTo(now)):
		return ReviewStateDueSoon
	}
	return ReviewStateCurrent
}

// DocumentCheckOptions configures CheckDocument. A nil
// *DocumentCheckOptions, and each zero field, means the default.
type DocumentCheckOptions struct {
	// DueSoonWindow is how long before the due date a review is reported
	// as due soon. Default: DefaultDueSoonDays calendar days (P30D).
	DueSoonWindow Duration
}

func (o *DocumentCheckOptions) window() Duration {
	if o == nil || o.DueSoonWindow.IsZero() {
		return Days(DefaultDueSoonDays)
	}
	return o.DueSoonWindow
}

// CheckDocument returns what needs attention about d at now, sorted with
// SortFindings. A nil or retired document has no findings. The checks
// (codes in codes.go):
//
//   - document.no_owner: Owner is blank.
//   - document.not_published: the status is not published.
//   - document.self_approved: Approver is the Author.
//   - document.not_approved: approved or published without Approver or
//     ApprovedAt.
//   - document.no_review_date: published, with a non-zero effective
//     review interval but no due date (Document.ReviewDue).
//   - document.review_overdue: published, and now is after the due date.
//   - document.review_due_soon: published, and the due date is within the
//     window after now.
//
// Details carry the compared values (due, now, window, ...) in RFC 3339,
// UTC, so each finding can be re-performed.
func CheckDocument(d *Document, now time.Time, opts *DocumentCheckOptions) []Finding {
	if d == nil || d.Status == DocumentRetired {
		return nil
	}
	subject := d.Meta.Ref(KindDocument)
	title := d.Title
	var fs []Finding
	if blank(d.Owner) {
		fs = append(fs, newFinding(CodeDocumentNoOwner, subject, "owner",
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
		case ReviewStateUnscheduled:
			if !iv.IsZero() {
				fs = append(fs, newFinding(CodeDocumentNoReviewDate, subject, "next_review_at",
					map[string]string{"review_interval": iv.String()},
					"published document %q has no review date", title))
			}
		case ReviewStateOverdue:
			fs = append(fs, newFinding(CodeDocumentReviewOverdue, subject, "next_review_at",
				map[string]string{"due": formatTime(due), "now": formatTime(now), "basis": basis, "review_interval": iv.String()},
				"review of document %q was due on %s", title, due.UTC().Format(time.DateOnly)))
		case ReviewStateDueSoon:
			fs = append(fs, newFinding(CodeDocumentReviewDueSoon, subject, "next_review_at",
				map[string]string{"due": formatTime(due), "now": formatTime(now), "basis": basis,
					"window": window.String(), "window_end": formatTime(window.AddTo(now))},
				"review of document %q is due on %s", title, due.UTC().Format(time.DateOnly)))
		}
	}
	SortFindings(fs)
	return fs
}
