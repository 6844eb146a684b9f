package isms

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// DocumentTransitionRequest is what the guards of DocumentLifecycle
// inspect: the document as it stands and who asks for the move, when. At
// is compared as given: Document.Transition normalizes it (NormalizeTime)
// before the guards run.
type DocumentTransitionRequest struct {
	Document *Document `json:"-"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// Names of the guards of DocumentLifecycle, as a refused transition
// reports them in TransitionError.Guard. They are stable.
const (
	// DocumentGuardActorNamed: the move names who makes it.
	DocumentGuardActorNamed = "actor_named"
	// DocumentGuardApproverNamed: an approval names its approver.
	DocumentGuardApproverNamed = "approver_named"
	// DocumentGuardTimeValid: the move has a time, in years 0001 to 9999
	// (CheckTime).
	DocumentGuardTimeValid = "time_valid"
	// DocumentGuardInOrder: the time is not before the document's last
	// transition in History.
	DocumentGuardInOrder = "in_order"
	// DocumentGuardAuthorNamed: an approval needs the document to name its
	// author, or segregation of duties cannot be shown.
	DocumentGuardAuthorNamed = "author_named"
	// DocumentGuardApproverNotAuthor: the approver is not the author
	// (segregation of duties, ISO/IEC 27001:2022 A.5.3).
	DocumentGuardApproverNotAuthor = "approver_not_author"
	// DocumentGuardApprovalRecorded: a publication needs a recorded
	// approval (approver and approval time).
	DocumentGuardApprovalRecorded = "approval_recorded"
	// DocumentGuardApprovalNotByAuthor: a publication cannot rest on an
	// approval by the author (A.5.3).
	DocumentGuardApprovalNotByAuthor = "approval_not_by_author"
	// DocumentGuardAfterApproval: a publication is not dated before its
	// approval.
	DocumentGuardAfterApproval = "after_approval"
)

// documentLifecycle is built once; a StateMachine is immutable.
var documentLifecycle = newDocumentLifecycle()

// DocumentLifecycle returns the lifecycle of controlled documents
// (ISO/IEC 27001:2022 7.5.2, 7.5.3) as a transition table, the one
// Document.Transition applies:
//
//	draft → in_review        submit
//	in_review → draft        send back for rework
//	in_review → approved     approve: the approver is named and is not the
//	                         author, who must be named (A.5.3)
//	approved → published     publish: on a recorded approval not by the
//	                         author, at or after it
//	published → in_review    open a revision
//	any but retired → retired   retire; retired is final
//
// Every move needs an actor (the approver, for an approval) and a valid
// time not before the last transition. Draw it with Mermaid. The machine
// is shared and immutable.
func DocumentLifecycle() *StateMachine[DocumentStatus, DocumentTransitionRequest] {
	return documentLifecycle
}

func newDocumentLifecycle() *StateMachine[DocumentStatus, DocumentTransitionRequest] {
	type guard = Guard[DocumentTransitionRequest]
	actor := guard{DocumentGuardActorNamed, func(r DocumentTransitionRequest) error {
		if blank(r.By) {
			return errors.New("the transition needs an actor")
		}
		return nil
	}}
	approver := guard{DocumentGuardApproverNamed, func(r DocumentTransitionRequest) error {
		if blank(r.By) {
			return errors.New("an approval needs an approver")
		}
		return nil
	}}
	timeValid := guard{DocumentGuardTimeValid, func(r DocumentTransitionRequest) error {
		if r.At.IsZero() {
			return errors.New("the transition needs a time")
		}
		if msg := timeProblem(r.At); msg != "" {
			return errors.New("the transition time " + msg)
		}
		return nil
	}}
	inOrder := guard{DocumentGuardInOrder, func(r DocumentTransitionRequest) error {
		d, err := requestDocument(r)
		if err != nil {
			return err
		}
		if n := len(d.History); n > 0 && r.At.Before(d.History[n-1].At) {
			return fmt.Errorf("%s is before the last transition at %s", formatTime(r.At), formatTime(d.History[n-1].At))
		}
		return nil
	}}
	authorNamed := guard{DocumentGuardAuthorNamed, func(r DocumentTransitionRequest) error {
		d, err := requestDocument(r)
		if err != nil {
			return err
		}
		if blank(d.Author) {
			return errors.New("the document names no author, so segregation of duties cannot be shown")
		}
		return nil
	}}
	approverNotAuthor := guard{DocumentGuardApproverNotAuthor, func(r DocumentTransitionRequest) error {
		d, err := requestDocument(r)
		if err != nil {
			return err
		}
		if sameActor(r.By, d.Author) {
			return fmt.Errorf("%q cannot approve a document they wrote", r.By)
		}
		return nil
	}}
	approvalRecorded := guard{DocumentGuardApprovalRecorded, func(r DocumentTransitionRequest) error {
		d, err := requestDocument(r)
		if err != nil {
			return err
		}
		if blank(d.Approver) || d.ApprovedAt.IsZero() {
			return errors.New("no approval is recorded")
		}
		return nil
	}}
	approvalNotByAuthor := guard{DocumentGuardApprovalNotByAuthor, func(r DocumentTransitionRequest) error {
		d, err := requestDocument(r)
		if err != nil {
			return err
		}
		if sameActor(d.Approver, d.Author) {
			return fmt.Errorf("the recorded approval by %q is by the author", d.Approver)
		}
		return nil
	}}
	afterApproval := guard{DocumentGuardAfterApproval, func(r DocumentTransitionRequest) error {
		d, err := requestDocument(r)
		if err != nil {
			return err
		}
		if r.At.Before(d.ApprovedAt) {
			return fmt.Errorf("publication at %s is before the approval at %s", formatTime(r.At), formatTime(d.ApprovedAt))
		}
		return nil
	}}

	type row = Transition[DocumentStatus, DocumentTransitionRequest]
	common := []guard{actor, timeValid, inOrder}
	return NewStateMachine("document lifecycle", []DocumentStatus{DocumentDraft},
		row{From: DocumentDraft, To: DocumentInReview, Guards: common},
		row{From: DocumentDraft, To: DocumentRetired, Guards: common},
		row{From: DocumentInReview, To: DocumentDraft, Guards: common},
		row{From: DocumentInReview, To: DocumentApproved, Guards: []guard{approver, timeValid, inOrder, authorNamed, approverNotAuthor}},
		row{From: DocumentInReview, To: DocumentRetired, Guards: common},
		row{From: DocumentApproved, To: DocumentPublished, Guards: []guard{actor, timeValid, inOrder, approvalRecorded, approvalNotByAuthor, afterApproval}},
		row{From: DocumentApproved, To: DocumentRetired, Guards: common},
		row{From: DocumentPublished, To: DocumentInReview, Guards: common},
		row{From: DocumentPublished, To: DocumentRetired, Guards: common},
	)
}

// requestDocument returns the request's document, or an error when there
// is none.
func requestDocument(r DocumentTransitionRequest) (*Document, error) {
	if r.Document == nil {
		return nil, errors.New("the request names no document")
	}
	return r.Document, nil
}

// Next returns the statuses a document in status s may move to, in
// lifecycle order (DocumentLifecycle); none for retired or an unknown
// status. The guards of each move are applied by Document.Transition.
func (s DocumentStatus) Next() []DocumentStatus { return documentLifecycle.Next(s) }

// CanTransition reports whether the lifecycle has a move from s to to,
// before its guards.
func (s DocumentStatus) CanTransition(to DocumentStatus) bool {
	return documentLifecycle.Allowed(s, to)
}

// Transition moves d to status to, made by actor by at time at, and
// appends the step to d.History. The move and its guards are those of
// DocumentLifecycle. On refusal it returns an error wrapping a
// *TransitionError (errors.As) that names the failed guard (one of the
// DocumentGuard… names; empty when the lifecycle has no such move), and
// leaves d unchanged. Errors answer errors.Is(err, ErrInvalid).
//
// The effects of each move:
//
//	draft → in_review        sets Author to by when it is empty
//	in_review → approved     sets Approver, ApprovedAt, LastReviewedAt and
//	                         LastReviewedBy
//	approved → published     sets PublishedAt and schedules the next review
//	published → in_review    clears Approver and ApprovedAt, since the
//	                         revision needs its own approval
//	→ retired                sets RetiredAt
//
// at is stored in UTC, truncated to microseconds (NormalizeTime). Actors
// are compared ignoring case and surrounding space.
//
// On publication, when NextReviewAt is zero or not after at (a date left
// over from the previous version), it becomes at plus
// EffectiveReviewInterval, in calendar arithmetic (Duration.AddTo, which
// clamps to the end of the month): a policy published on 29 February 2024
// is next due on 28 February 2025. A later date already planned is kept,
// and a document whose effective interval is zero gets no date.
func (d *Document) Transition(to DocumentStatus, by string, at time.Time) error {
	if d == nil {
		return Invalidf("document is nil")
	}
	from := d.Status
	at = NormalizeTime(at)
	if err := documentLifecycle.Check(from, to, DocumentTransitionRequest{Document: d, By: by, At: at}); err != nil {
		var te *TransitionError
		if errors.As(err, &te) && te.Guard == "" {
			te.Reason = noDocumentMove(from, to)
		}
		if d.ID != "" {
			return fmt.Errorf("%s: %w", subjectName(KindDocument, d.ID), err)
		}
		return err
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

// noDocumentMove says why the lifecycle has no move from -> to.
func noDocumentMove(from, to DocumentStatus) string {
	switch {
	case !from.IsValid():
		return fmt.Sprintf("the current status %q is not a known document status", from)
	case !to.IsValid():
		return fmt.Sprintf("the target status %q is not a known document status", to)
	case from == DocumentRetired:
		return "a retired document is final"
	}
	next := from.Next()
	names := make([]string, len(next))
	for i, s := range next {
		names[i] = string(s)
	}
	return "the lifecycle allows " + strings.Join(names, ", ") + " only"
}
