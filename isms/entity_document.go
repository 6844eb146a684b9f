package isms

import (
	"fmt"
	"slices"
	"time"
)

// DocumentType says what kind of documented information a Document is.
type DocumentType string

// Types of controlled documents.
const (
	DocumentPolicy    DocumentType = "policy"
	DocumentStandard  DocumentType = "standard"
	DocumentProcedure DocumentType = "procedure"
	DocumentGuideline DocumentType = "guideline"
	DocumentPlan      DocumentType = "plan"
	DocumentRegister  DocumentType = "register"
	DocumentRecord    DocumentType = "record"
	DocumentOther     DocumentType = "other"
)

var documentTypeValues = []DocumentType{
	DocumentPolicy, DocumentStandard, DocumentProcedure, DocumentGuideline,
	DocumentPlan, DocumentRegister, DocumentRecord, DocumentOther,
}

// DocumentTypeValues returns every DocumentType.
func DocumentTypeValues() []DocumentType { return slices.Clone(documentTypeValues) }

// IsValid reports whether t is a known DocumentType.
func (t DocumentType) IsValid() bool { return slices.Contains(documentTypeValues, t) }

// UnmarshalText accepts only known types.
func (t *DocumentType) UnmarshalText(b []byte) error {
	return UnmarshalEnum(t, "document type", b, documentTypeValues)
}

// DefaultDocumentReviewInterval returns the review interval of a document
// of type t
// that sets none. ISO/IEC 27001:2022 asks for review "at planned
// intervals" (5.2, A.5.1, 7.5.2) without fixing them; the defaults follow
// common practice:
//
//	policy, standard, procedure, plan, register, other   P1Y (yearly)
//	guideline                                            P2Y
//	record                                               none (zero)
//
// Records are evidence of what happened: they are retained (7.5.3), not
// reviewed, so their default is zero, meaning no periodic review. An
// unknown type gets P1Y.
func DefaultDocumentReviewInterval(t DocumentType) Duration {
	switch t {
	case DocumentRecord:
		return Duration{}
	case DocumentGuideline:
		return Years(2)
	default:
		return Years(1)
	}
}

// DocumentStatus is where a document is in its control lifecycle
// (DocumentLifecycle).
//
//	draft ⇄ in_review → approved → published → in_review (revision)
//	any status except retired → retired (final)
type DocumentStatus string

// Document statuses, in lifecycle order.
const (
	DocumentDraft     DocumentStatus = "draft"
	DocumentInReview  DocumentStatus = "in_review"
	DocumentApproved  DocumentStatus = "approved"
	DocumentPublished DocumentStatus = "published"
	DocumentRetired   DocumentStatus = "retired"
)

var documentStatusValues = []DocumentStatus{
	DocumentDraft, DocumentInReview, DocumentApproved, DocumentPublished, DocumentRetired,
}

// DocumentStatusValues returns every DocumentStatus, in lifecycle order.
func DocumentStatusValues() []DocumentStatus { return slices.Clone(documentStatusValues) }

// IsValid reports whether s is a known DocumentStatus.
func (s DocumentStatus) IsValid() bool { return slices.Contains(documentStatusValues, s) }

// UnmarshalText accepts only known statuses.
func (s *DocumentStatus) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, "document status", b, documentStatusValues)
}

// Document is a controlled document (ISO/IEC 27001:2022 7.5): a policy,
// standard, procedure, plan, register or record, with its approval,
// publication and review schedule.
//
// Move a document through its lifecycle with Transition, which enforces
// the guards of DocumentLifecycle and records each step in History; record a periodic review
// that changes nothing with RecordReview. CheckDocument reports what needs
// attention at a given time.
type Document struct {
	Meta
	// Type is required.
	Type DocumentType `json:"type"`
	// Title is required.
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Version is the document's own version label, such as "1.2".
	Version string `json:"version,omitempty"`
	// Status is required.
	Status DocumentStatus `json:"status"`
	// Owner is accountable for the document and its reviews.
	Owner string `json:"owner,omitempty"`
	// Author wrote the current version. Transition sets it to whoever
	// submits a draft for review when it is empty; set it yourself when
	// someone else writes a revision.
	Author string `json:"author,omitempty"`
	// Approver and ApprovedAt record the approval of the current version;
	// Transition sets them.
	Approver   string    `json:"approver,omitempty"`
	ApprovedAt time.Time `json:"approved_at,omitzero"`
	// PublishedAt is when the current version was published.
	PublishedAt time.Time `json:"published_at,omitzero"`
	// RetiredAt is when the document was retired.
	RetiredAt time.Time `json:"retired_at,omitzero"`
	// ReviewInterval is how often the document is reviewed. Zero means the
	// default of its type (see EffectiveReviewInterval).
	ReviewInterval Duration `json:"review_interval,omitzero"`
	// LastReviewedAt and LastReviewedBy record the last review: an
	// approval, or a review recorded with RecordReview.
	LastReviewedAt time.Time `json:"last_reviewed_at,omitzero"`
	LastReviewedBy string    `json:"last_reviewed_by,omitempty"`
	// NextReviewAt is when the next review is due. When it is zero, the
	// due date is derived (see ReviewDue).
	NextReviewAt time.Time `json:"next_review_at,omitzero"`
	// Location is where the controlled copy lives: a URL, a path, the key
	// of a document management system.
	Location string `json:"location,omitempty"`
	// History lists the transitions the document went through, oldest
	// first.
	History []DocumentTransition `json:"history,omitzero"`

	// Topic is the subject of a topic-specific policy ("access_control",
	// "backup", ...); empty for the organisation's information security
	// policy (5.2). Only a policy has a topic (see CheckPolicyContent).
	Topic string `json:"topic,omitempty"`
	// Controls lists the Annex A controls (natural ids such as "A.5.15")
	// a topic-specific policy, standard or procedure addresses, each once.
	Controls []ID `json:"controls,omitzero"`
	// Implements is the ID of the policy a standard, procedure or
	// guideline implements; a policy implements nothing (see
	// CheckDocumentSet).
	Implements ID `json:"implements,omitempty"`
	// Sections is the content of the document as structured data, in
	// reading order (see CheckPolicyContent).
	Sections []DocumentSection `json:"sections,omitzero"`
	// Steps are the ordered steps of a procedure (only a procedure has
	// steps; see CheckDocumentSet).
	Steps []ProcedureStep `json:"steps,omitzero"`
}

// DocumentTransition is one step of a document's lifecycle: who moved it
// from one status to another, and when.
type DocumentTransition struct {
	From DocumentStatus `json:"from"`
	To   DocumentStatus `json:"to"`
	By   string         `json:"by"`
	At   time.Time      `json:"at"`
}

// EffectiveReviewInterval returns d.ReviewInterval, or the default of the
// document's type (DefaultDocumentReviewInterval: P1Y for policies) when
// it is zero. A zero result means the document has no periodic review; a
// nil d has none.
func (d *Document) EffectiveReviewInterval() Duration {
	if d == nil {
		return Duration{}
	}
	if !d.ReviewInterval.IsZero() {
		return d.ReviewInterval
	}
	return DefaultDocumentReviewInterval(d.Type)
}

// Validate reports every problem of d: a title, a known type and a known
// status are required; the review interval must not be negative; a
// retirement time needs the retired status; every history entry needs
// known statuses, an actor and a time, in chronological order.
//
// The management-system fields must be well formed too: a topic only on
// a policy, implements only on a standard, procedure or guideline (a
// valid ID, not the document's own), steps only on a procedure (each with
// a name, a valid role ID when set and a valid, non-negative expected
// duration), controls valid IDs listed once, and sections of known kinds,
// each kind but "other" at most once.
//
// Validate checks structure only. Whether the document is owned,
// approved by someone other than its author, or due for review is for
// CheckDocument, so that documents in any state can be imported. Every
// time must lie in years 0001 to 9999 (CheckTime). It runs in time linear
// in the size of d. A nil d is an error.
func (d *Document) Validate() error {
	if d == nil {
		return Invalidf("document is nil")
	}
	var ps Problems
	checkMeta(&ps, d.Meta)
	checkRequired(&ps, "title", d.Title)
	CheckEnum(&ps, "type", d.Type, documentTypeValues, true)
	CheckEnum(&ps, "status", d.Status, documentStatusValues, true)
	if err := d.ReviewInterval.Validate(); err != nil {
		ps.Add("review_interval", CodeOutOfRange, err.Error())
	}
	if !d.RetiredAt.IsZero() && d.Status != DocumentRetired {
		ps.Addf("retired_at", CodeForbidden, "retired_at is set but the status is %q", d.Status)
	}
	for _, t := range [...]struct {
		field string
		t     time.Time
	}{
		{"approved_at", d.ApprovedAt}, {"published_at", d.PublishedAt}, {"retired_at", d.RetiredAt},
		{"last_reviewed_at", d.LastReviewedAt}, {"next_review_at", d.NextReviewAt},
	} {
		CheckTime(&ps, t.field, t.t)
	}
	for i, h := range d.History {
		if h.From.IsValid() && h.To.IsValid() && !blank(h.By) && !h.At.IsZero() && timeProblem(h.At) == "" &&
			(i == 0 || !h.At.Before(d.History[i-1].At)) {
			continue
		}
		f := indexField("history", i)
		CheckEnum(&ps, f+".from", h.From, documentStatusValues, true)
		CheckEnum(&ps, f+".to", h.To, documentStatusValues, true)
		checkRequired(&ps, f+".by", h.By)
		if h.At.IsZero() {
			ps.Add(f+".at", CodeRequired, f+".at is required")
		} else if i > 0 && h.At.Before(d.History[i-1].At) {
			ps.Addf(f+".at", CodeOrder, "%s is before the previous transition", formatTime(h.At))
		}
		CheckTime(&ps, f+".at", h.At)
	}
	d.validateContent(&ps)
	return ps.Err(subjectName(KindDocument, d.ID))
}

// MaxDocumentRecordSize is the largest JSON form of a Document that
// ParseDocument decodes (4 MiB). A document's record holds its metadata,
// history, sections and procedure steps, not the file it describes: a
// hundred-page policy written into its sections is well below it.
const MaxDocumentRecordSize = 4 << 20

// ParseDocument decodes a JSON document from a user strictly
// (UnmarshalStrict: unknown fields, trailing data and more than
// MaxDocumentDepth levels are refused) and validates it; a document over
// MaxDocumentRecordSize bytes is refused before it is decoded. Every error
// answers errors.Is(err, ErrInvalid). Stored documents are read leniently,
// for forward compatibility; ParseDocument is for documents from users.
func ParseDocument(data []byte) (*Document, error) {
	if len(data) > MaxDocumentRecordSize {
		return nil, fmt.Errorf("%s: %w", KindDocument, Invalidf("input is %d bytes, more than the %d allowed for a document record", len(data), MaxDocumentRecordSize))
	}
	return parseEntity[Document](KindDocument, data)
}
