package isms

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Finding codes of the checks of the clause-level entities: CheckDocument,
// CheckEvidence, CheckObjective and CheckAssets. They are stable: users
// filter and suppress findings by code (WithoutCodes). Rules lists each
// with its severity, meaning and source. Each code's severity follows the
// policy documented on Rule; the reason for it is given with the code.
const (
	// CodeDocumentReviewOverdue: a published document's review date has
	// passed. Severity error: a review at planned intervals (7.5.2, A.5.1)
	// was missed, a nonconformity as it stands. Details: due, now, basis,
	// review_interval.
	CodeDocumentReviewOverdue = "document.review_overdue"
	// CodeDocumentReviewDueSoon: a published document's review falls due
	// within the warning window. Severity warning: it becomes overdue if
	// nothing is done. Details: due, now, window, window_end, basis.
	CodeDocumentReviewDueSoon = "document.review_due_soon"
	// CodeDocumentOwnerMissing: a document in force or in preparation has
	// no owner. Severity error, as every missing owner in the SDK: nobody
	// is responsible for the document (5.3). Details: status.
	CodeDocumentOwnerMissing = "document.owner_missing"
	// CodeDocumentNotPublished: a document that is not retired is not
	// published, so it is not in force. Severity warning: drafts are work
	// in progress, but a required document that never reaches publication
	// is not available where needed (7.5.3 a). Details: status.
	CodeDocumentNotPublished = "document.not_published"
	// CodeDocumentNoReviewDate: a published document that needs periodic
	// review has no review date, and none can be derived. Severity warning:
	// the record is incomplete, and the review will be missed if nothing
	// is done (7.5.2). Details: review_interval.
	CodeDocumentNoReviewDate = "document.no_review_date"
	// CodeDocumentSelfApproved: the approver of a document is its author,
	// against segregation of duties (A.5.3). Severity error: the approval
	// as recorded does not meet the control. Details: author, approver.
	CodeDocumentSelfApproved = "document.self_approved"
	// CodeDocumentNotApproved: a document is approved or published but
	// records no approver or no approval time. Severity error: a required
	// approval record is missing (7.5.2 c). Details: status, approver,
	// approved_at.
	CodeDocumentNotApproved = "document.not_approved"

	// CodeEvidenceExpired: the evidence's validity ended before now.
	// Severity error: what it supports is, as it stands, without evidence
	// (7.5.1 b). Details: valid_until, now.
	CodeEvidenceExpired = "evidence.expired"
	// CodeEvidenceExpiresSoon: the evidence's validity ends within the
	// warning window (DefaultDueSoonDays). Severity warning: it expires if
	// nothing is done. Details: valid_until, now, window, window_end.
	CodeEvidenceExpiresSoon = "evidence.expires_soon"
	// CodeEvidenceNoHash: a file evidence records no SHA-256 of its
	// content, so its integrity cannot be verified (7.5.3 b). Severity
	// warning: the evidence exists, but an auditor may refuse it if its
	// integrity is questioned. Details: kind.
	CodeEvidenceNoHash = "evidence.no_hash"
	// CodeEvidenceCollectedInFuture: the evidence claims to be collected
	// after now. Severity error: the record is wrong as it stands.
	// Details: collected_at, now.
	CodeEvidenceCollectedInFuture = "evidence.collected_in_future"
	// CodeEvidenceUnlinked: the evidence supports nothing (no control,
	// risk or other entity). Severity info: no requirement is at stake,
	// but the evidence shows nothing either.
	CodeEvidenceUnlinked = "evidence.unlinked"

	// CodeObjectiveOverdue: the objective's due date has passed and it is
	// neither achieved nor cancelled. Severity error: the plan to achieve
	// it (6.2) was not kept. Details: due, now, status.
	CodeObjectiveOverdue = "objective.overdue"
	// CodeObjectiveOwnerMissing: nobody is responsible for the objective.
	// Severity error, as every missing owner in the SDK: 6.2 h requires
	// who will be responsible. Details: status.
	CodeObjectiveOwnerMissing = "objective.owner_missing"
	// CodeObjectiveTargetMissing: the objective has no measurable target.
	// Severity warning: 6.2 b asks for measurable objectives only "if
	// practicable", so a missing target needs a justification rather than
	// being a nonconformity by itself. Details: status.
	CodeObjectiveTargetMissing = "objective.target_missing"
	// CodeObjectiveNoDueDate: the objective does not say when it will be
	// completed. Severity error: 6.2 i requires it, as 6.2 h requires an
	// owner. Details: status.
	CodeObjectiveNoDueDate = "objective.no_due_date"
	// CodeObjectiveAchievedNotMet: the objective's status is achieved but
	// its current value does not meet its target. Severity error: the
	// record claims what its own measurement contradicts (6.2). Details:
	// metric, direction, target, current.
	CodeObjectiveAchievedNotMet = "objective.achieved_not_met"

	// CodeAssetOwnerMissing: an asset that is not disposed has no owner.
	// Severity error, as every missing owner in the SDK: A.5.9 requires
	// the inventory to include owners. Details: status.
	CodeAssetOwnerMissing = "asset.owner_missing"
	// CodeAssetClassificationMissing: an asset that is not disposed has no
	// classification (A.5.12). Severity warning: A.5.12 classifies
	// information, and an asset that is not itself information (hardware,
	// a site, people) is classified by the information it holds, which
	// the check cannot see. Details: status.
	CodeAssetClassificationMissing = "asset.classification_missing"
	// CodeAssetDanglingDependency: a depends_on or supports ref of kind
	// asset names no asset of the checked set. Severity error: the
	// inventory is incomplete as it stands (A.5.9). Details: ref.
	CodeAssetDanglingDependency = "asset.dangling_dependency"
	// CodeAssetDependencyCycle: assets depend on each other in a cycle.
	// Severity warning: mutual dependencies exist, but recovery planning
	// (A.5.30) must break them. Details: cycle (one shortest cycle through
	// the subject, as "a -> b -> a"), members (every asset of the strongly
	// connected component, comma separated).
	CodeAssetDependencyCycle = "asset.dependency_cycle"
	// CodeAssetDuplicateID: two assets of the checked set share an ID.
	// Severity error: the inventory's records are wrong as they stand.
	// Details: count.
	CodeAssetDuplicateID = "asset.duplicate_id"
)

var rules = []Rule{
	{CodeDocumentReviewOverdue, SeverityError, "A published document's review date has passed.", "7.5.2"},
	{CodeDocumentReviewDueSoon, SeverityWarning, "A published document's review falls due within the warning window.", "7.5.2"},
	{CodeDocumentOwnerMissing, SeverityError, "A document that is not retired has no owner.", "5.3"},
	{CodeDocumentNotPublished, SeverityWarning, "A document that is not retired is not published, so it is not in force.", "7.5.3"},
	{CodeDocumentNoReviewDate, SeverityWarning, "A published document that needs periodic review has no review date.", "7.5.2"},
	{CodeDocumentSelfApproved, SeverityError, "A document's approver is its author (segregation of duties).", "A.5.3"},
	{CodeDocumentNotApproved, SeverityError, "An approved or published document records no approver or approval time.", "7.5.2"},
	{CodeEvidenceExpired, SeverityError, "The evidence's validity has ended.", "7.5.1"},
	{CodeEvidenceExpiresSoon, SeverityWarning, "The evidence's validity ends within the warning window.", "7.5.1"},
	{CodeEvidenceNoHash, SeverityWarning, "A file evidence records no SHA-256 of its content.", "7.5.3"},
	{CodeEvidenceCollectedInFuture, SeverityError, "The evidence is dated after now.", ""},
	{CodeEvidenceUnlinked, SeverityInfo, "The evidence supports no entity.", ""},
	{CodeObjectiveOverdue, SeverityError, "The objective's due date has passed and it is neither achieved nor cancelled.", "6.2"},
	{CodeObjectiveOwnerMissing, SeverityError, "The objective has no owner.", "6.2 h"},
	{CodeObjectiveTargetMissing, SeverityWarning, "The objective has no measurable target.", "6.2 b"},
	{CodeObjectiveNoDueDate, SeverityError, "The objective does not say when it will be completed.", "6.2 i"},
	{CodeObjectiveAchievedNotMet, SeverityError, "The objective is marked achieved but its current value misses the target.", "6.2"},
	{CodeAssetOwnerMissing, SeverityError, "An asset that is not disposed has no owner.", "A.5.9"},
	{CodeAssetClassificationMissing, SeverityWarning, "An asset that is not disposed has no classification.", "A.5.12"},
	{CodeAssetDanglingDependency, SeverityError, "A dependency names an asset that is not in the inventory.", "A.5.9"},
	{CodeAssetDependencyCycle, SeverityWarning, "Assets depend on each other in a cycle.", "A.5.30"},
	{CodeAssetDuplicateID, SeverityError, "Two assets share an ID.", ""},
}

// Rules returns every check of the kernel's entities (CheckDocument,
// CheckEvidence, CheckObjective, CheckAssets), in a stable order, each with
// its code, severity, summary and the ISO/IEC 27001:2022 clause or
// Annex A control it comes from. The slice is the caller's.
func Rules() []Rule { return slices.Clone(rules) }

// ruleSeverity returns the documented severity of code.
func ruleSeverity(code string) Severity {
	for _, r := range rules {
		if r.Code == code {
			return r.Severity
		}
	}
	return SeverityWarning
}

// DefaultDueSoonDays is the default warning window, in calendar days, of
// the "due soon" and "expires soon" checks.
const DefaultDueSoonDays = 30

// newFinding returns a finding with the severity its code is documented
// with.
func newFinding(code string, subject Ref, field string, details map[string]string, format string, args ...any) Finding {
	return Finding{
		Code:     code,
		Severity: ruleSeverity(code),
		Subject:  subject,
		Field:    field,
		Message:  fmt.Sprintf(format, args...),
		Details:  details,
	}
}

// formatTime renders t for findings' details and messages: RFC 3339 in
// UTC with as many fractional digits as needed, so the value is exact.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// blank reports whether s is empty or only white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// sameActor reports whether a and b name the same person: equal after
// trimming space, ignoring case. Segregation-of-duties checks use it so
// that "Alice" and "alice " count as one person.
func sameActor(a, b string) bool {
	return !blank(a) && strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// subjectName names an entity in errors: "document" or "document doc-1".
func subjectName(kind string, id ID) string {
	if id == "" {
		return kind
	}
	return kind + " " + string(id)
}

// checkMeta validates the bookkeeping fields. An empty ID is accepted: the
// storage layer assigns one on create.
func checkMeta(ps *Problems, m Meta) {
	if m.ID != "" {
		if err := m.ID.Validate(); err != nil {
			ps.Add("id", CodeMalformed, err.Error())
		}
	}
	if m.Revision < 0 {
		ps.Addf("revision", CodeOutOfRange, "revision %d is negative", m.Revision)
	}
	CheckTime(ps, "created_at", m.CreatedAt)
	CheckTime(ps, "updated_at", m.UpdatedAt)
	if !m.CreatedAt.IsZero() && !m.UpdatedAt.IsZero() && m.UpdatedAt.Before(m.CreatedAt) {
		ps.Add("updated_at", CodeOrder, "updated_at is before created_at")
	}
}

// checkRequired adds a required problem when s is blank.
func checkRequired(ps *Problems, field, s string) {
	if blank(s) {
		ps.Add(field, CodeRequired, field+" is required")
	}
}

// parseEntity decodes data strictly (UnmarshalStrict) into a new T and
// validates it. Decoding errors are prefixed with the kind ("asset: json:
// unknown field ..."); a validation error names the entity itself ("asset
// a-1: invalid: ...").
func parseEntity[T any, P interface {
	*T
	Validate() error
}](kind string, data []byte) (*T, error) {
	v := new(T)
	if err := UnmarshalStrict(data, v); err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	if err := P(v).Validate(); err != nil {
		return nil, err
	}
	return v, nil
}
