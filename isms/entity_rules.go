package isms

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Finding codes of the kernel's checks: CheckDocument, CheckEvidence,
// CheckObjective and CheckAssets. They are stable: users filter and
// suppress findings by code (WithoutCodes). CheckRules lists each with its
// severity and meaning.
const (
	// CodeDocumentReviewOverdue: a published document's review date has
	// passed. Severity error. Details: due, now, basis, review_interval.
	CodeDocumentReviewOverdue = "document.review_overdue"
	// CodeDocumentReviewDueSoon: a published document's review falls due
	// within the warning window. Severity warning. Details: due, now,
	// window, window_end, basis.
	CodeDocumentReviewDueSoon = "document.review_due_soon"
	// CodeDocumentNoOwner: a document in force or in preparation has no
	// owner. Severity warning. Details: status.
	CodeDocumentNoOwner = "document.no_owner"
	// CodeDocumentNotPublished: a document that is not retired is not
	// published, so it is not in force. Severity warning. Details: status.
	CodeDocumentNotPublished = "document.not_published"
	// CodeDocumentNoReviewDate: a published document that needs periodic
	// review has no review date, and none can be derived. Severity warning.
	// Details: review_interval.
	CodeDocumentNoReviewDate = "document.no_review_date"
	// CodeDocumentSelfApproved: the approver of a document is its author,
	// against segregation of duties (ISO/IEC 27001:2022 A.5.3). Severity
	// error. Details: author, approver.
	CodeDocumentSelfApproved = "document.self_approved"
	// CodeDocumentNotApproved: a document is approved or published but
	// records no approver or no approval time. Severity error. Details:
	// status, approver, approved_at.
	CodeDocumentNotApproved = "document.not_approved"

	// CodeEvidenceExpired: the evidence's validity ended before now.
	// Severity error. Details: valid_until, now.
	CodeEvidenceExpired = "evidence.expired"
	// CodeEvidenceExpiresSoon: the evidence's validity ends within the
	// warning window (DefaultDueSoonDays). Severity warning. Details:
	// valid_until, now, window, window_end.
	CodeEvidenceExpiresSoon = "evidence.expires_soon"
	// CodeEvidenceNoHash: a file evidence records no SHA-256 of its
	// content, so its integrity cannot be verified. Severity warning.
	// Details: kind.
	CodeEvidenceNoHash = "evidence.no_hash"
	// CodeEvidenceCollectedInFuture: the evidence claims to be collected
	// after now. Severity error. Details: collected_at, now.
	CodeEvidenceCollectedInFuture = "evidence.collected_in_future"
	// CodeEvidenceUnlinked: the evidence supports nothing (no control,
	// risk or other entity). Severity info.
	CodeEvidenceUnlinked = "evidence.unlinked"

	// CodeObjectiveOverdue: the objective's due date has passed and it is
	// neither achieved nor cancelled. Severity error. Details: due, now,
	// status.
	CodeObjectiveOverdue = "objective.overdue"
	// CodeObjectiveNoOwner: nobody is responsible for the objective
	// (ISO/IEC 27001:2022 6.2 h). Severity warning. Details: status.
	CodeObjectiveNoOwner = "objective.no_owner"
	// CodeObjectiveTargetMissing: the objective has no measurable target
	// (6.2 b). Severity warning. Details: status.
	CodeObjectiveTargetMissing = "objective.target_missing"
	// CodeObjectiveNoDueDate: the objective does not say when it will be
	// completed (6.2 i). Severity info. Details: status.
	CodeObjectiveNoDueDate = "objective.no_due_date"
	// CodeObjectiveAchievedNotMet: the objective's status is achieved but
	// its current value does not meet its target. Severity warning.
	// Details: metric, direction, target, current.
	CodeObjectiveAchievedNotMet = "objective.achieved_not_met"

	// CodeAssetNoOwner: an asset that is not disposed has no owner
	// (A.5.9). Severity warning. Details: status.
	CodeAssetNoOwner = "asset.no_owner"
	// CodeAssetClassificationMissing: an asset that is not disposed has no
	// classification (A.5.12). Severity warning. Details: status.
	CodeAssetClassificationMissing = "asset.classification_missing"
	// CodeAssetDanglingDependency: a depends_on or supports ref of kind
	// asset names no asset of the checked set. Severity error. Details:
	// ref.
	CodeAssetDanglingDependency = "asset.dangling_dependency"
	// CodeAssetDependencyCycle: assets depend on each other in a cycle.
	// Severity warning (mutual dependencies exist, but recovery planning
	// must break them). Details: cycle (one shortest cycle through the
	// subject, as "a -> b -> a"), members (every asset of the strongly
	// connected component, comma separated).
	CodeAssetDependencyCycle = "asset.dependency_cycle"
	// CodeAssetDuplicateID: two assets of the checked set share an ID.
	// Severity error. Details: count.
	CodeAssetDuplicateID = "asset.duplicate_id"
)

// CheckRule documents one check of the kernel.
type CheckRule struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Summary says what the check finds.
	Summary string `json:"summary"`
}

var checkRules = []CheckRule{
	{CodeDocumentReviewOverdue, SeverityError, "A published document's review date has passed."},
	{CodeDocumentReviewDueSoon, SeverityWarning, "A published document's review falls due within the warning window."},
	{CodeDocumentNoOwner, SeverityWarning, "A document that is not retired has no owner."},
	{CodeDocumentNotPublished, SeverityWarning, "A document that is not retired is not published, so it is not in force."},
	{CodeDocumentNoReviewDate, SeverityWarning, "A published document that needs periodic review has no review date."},
	{CodeDocumentSelfApproved, SeverityError, "A document's approver is its author (segregation of duties, A.5.3)."},
	{CodeDocumentNotApproved, SeverityError, "An approved or published document records no approver or approval time."},
	{CodeEvidenceExpired, SeverityError, "The evidence's validity has ended."},
	{CodeEvidenceExpiresSoon, SeverityWarning, "The evidence's validity ends within the warning window."},
	{CodeEvidenceNoHash, SeverityWarning, "A file evidence records no SHA-256 of its content."},
	{CodeEvidenceCollectedInFuture, SeverityError, "The evidence is dated after now."},
	{CodeEvidenceUnlinked, SeverityInfo, "The evidence supports no entity."},
	{CodeObjectiveOverdue, SeverityError, "The objective's due date has passed and it is neither achieved nor cancelled."},
	{CodeObjectiveNoOwner, SeverityWarning, "The objective has no owner (6.2 h)."},
	{CodeObjectiveTargetMissing, SeverityWarning, "The objective has no measurable target (6.2 b)."},
	{CodeObjectiveNoDueDate, SeverityInfo, "The objective has no due date (6.2 i)."},
	{CodeObjectiveAchievedNotMet, SeverityWarning, "The objective is marked achieved but its current value misses the target."},
	{CodeAssetNoOwner, SeverityWarning, "An asset that is not disposed has no owner (A.5.9)."},
	{CodeAssetClassificationMissing, SeverityWarning, "An asset that is not disposed has no classification (A.5.12)."},
	{CodeAssetDanglingDependency, SeverityError, "A dependency names an asset that is not in the set."},
	{CodeAssetDependencyCycle, SeverityWarning, "Assets depend on each other in a cycle."},
	{CodeAssetDuplicateID, SeverityError, "Two assets share an ID."},
}

// CheckRules returns every check of the kernel's entities, in a stable
// order.
func CheckRules() []CheckRule { return slices.Clone(checkRules) }

func ruleSeverity(code string) Severity {
	for _, r := range checkRules {
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

// subjectName names an entity in a ValidationError: "document" or
// "document 42".
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

// checkRefs validates each ref of a list and reports refs listed twice.
// When kind is not empty, it is the only kind accepted.
func checkRefs(ps *Problems, field string, refs []Ref, kind string) {
	for i, r := range refs {
		f := fmt.Sprintf("%s[%d]", field, i)
		checkRef(ps, f, r, kind)
		if slices.Contains(refs[:i], r) {
			ps.Addf(f, CodeDuplicate, "%s is listed twice", r)
		}
	}
}

// checkRef validates one ref; when kind is not empty, it is the only kind
// accepted.
func checkRef(ps *Problems, field string, r Ref, kind string) {
	ps.Merge(field, r.Validate())
	if kind != "" && r.Kind != "" && r.Kind != kind {
		ps.Addf(field+".kind", CodeUnknown, "kind %q is not %q", r.Kind, kind)
	}
}
