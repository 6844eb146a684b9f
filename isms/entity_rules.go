package isms

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Finding codes of the checks of the clause-level entities: CheckDocument,
// CheckEvidence, CheckObjective and CheckAssets, then those of the
// management system (policies, procedures, roles, segregation of duties,
// competence and awareness, control monitoring). They are stable: users
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
	// CodeDocumentReviewDateMissing: a published document that needs periodic
	// review has no review date, and none can be derived. Severity warning:
	// the record is incomplete, and the review will be missed if nothing
	// is done (7.5.2). Details: review_interval.
	CodeDocumentReviewDateMissing = "document.review_date_missing"
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
	// CodeEvidenceHashMissing: a file evidence records no SHA-256 of its
	// content, so its integrity cannot be verified (7.5.3 b). Severity
	// warning: the evidence exists, but an auditor may refuse it if its
	// integrity is questioned. Details: kind.
	CodeEvidenceHashMissing = "evidence.hash_missing"
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
	// CodeObjectiveDueDateMissing: the objective does not say when it will be
	// completed. Severity error: 6.2 i requires it, as 6.2 h requires an
	// owner. Details: status.
	CodeObjectiveDueDateMissing = "objective.due_date_missing"
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

	// CodePolicyNoProcedure: a policy in force or in preparation that no
	// procedure implements (CheckDocumentSet). Severity warning: ISO/IEC
	// 27001 does not require a procedure per policy, but a policy nothing
	// puts into practice is not operated (8.1) and will be found so.
	CodePolicyNoProcedure = "policy.no_procedure"
	// CodePolicyApproverNotManagement: a policy's approver held no
	// management role when approving it. Severity error: A.5.1 requires
	// policies approved by management. Details: approver, approved_at.
	CodePolicyApproverNotManagement = "policy.approver_not_management"
	// CodePolicyReviewIntervalTooLong: a policy is reviewed less often than
	// every 12 months. Severity error: the planned interval itself misses
	// the yearly review policies need (A.5.1). Details: review_interval,
	// max.
	CodePolicyReviewIntervalTooLong = "policy.review_interval_too_long"
	// CodePolicySectionMissing: a policy lacks a required section
	// (CheckPolicyContent). Severity error: 5.2 requires what the section
	// states. Details: section, topic.
	CodePolicySectionMissing = "policy.section_missing"
	// CodePolicySectionEmpty: a required section of a policy has no text.
	// Severity error, as a missing section. Details: section, topic.
	CodePolicySectionEmpty = "policy.section_empty"
	// CodePolicyControlsMissing: a topic-specific policy names no Annex A
	// control it addresses. Severity warning: the link is what shows the
	// policy supports the controls of the SoA (A.5.1), and is incomplete
	// rather than wrong. Details: topic.
	CodePolicyControlsMissing = "policy.controls_missing"

	// CodeProcedurePolicyMissing: a standard or procedure names no policy
	// it implements. Severity error: a documented procedure (A.5.37) that
	// implements no policy has no approved basis. Details: type.
	CodeProcedurePolicyMissing = "procedure.policy_missing"
	// CodeProcedurePolicyUnknown: a standard, procedure or guideline names
	// a policy that is not a policy of the set in force. Severity error:
	// the documented information is inconsistent as it stands. Details:
	// type, implements.
	CodeProcedurePolicyUnknown = "procedure.policy_unknown"
	// CodeProcedurePolicyChanged: its policy was published after the
	// document's last review or approval. Severity warning: it is due for
	// review and becomes a nonconformity if it stays out of step (A.5.37).
	// Details: policy, policy_published_at, policy_version, reviewed_at.
	CodeProcedurePolicyChanged = "procedure.policy_changed"
	// CodeProcedureApproverNotManagement: where the organisation requires
	// it, a procedure's approver held no management role when approving
	// it. Severity error: the organisation's own rule is broken (7.5.2).
	// Details: approver, approved_at.
	CodeProcedureApproverNotManagement = "procedure.approver_not_management"
	// CodeProcedureStepRoleMissing: a procedure step names no responsible
	// role. Severity error: A.5.37 requires procedures to name who does
	// what (5.3). Details: step.
	CodeProcedureStepRoleMissing = "procedure.step_role_missing"
	// CodeProcedureStepRoleVacant: a procedure step's role is undefined or
	// held by nobody. Severity error: the step cannot be performed as
	// documented (5.3). Details: step, role, reason, now.
	CodeProcedureStepRoleVacant = "procedure.step_role_vacant"

	// CodeRACIAccountableMissing: an activity of a RACI matrix has no
	// accountable role. Severity error: 5.3 requires responsibilities and
	// authorities assigned. Details: activity.
	CodeRACIAccountableMissing = "raci.accountable_missing"
	// CodeRACIAccountableMultiple: an activity has more than one
	// accountable role. Severity error: accountability is not clear
	// (5.3). Details: activity, roles.
	CodeRACIAccountableMultiple = "raci.accountable_multiple"
	// CodeRACIRoleUnknown: a RACI entry names an undefined role. Severity
	// error: the assignment is inconsistent as it stands (5.3). Details:
	// activity, role.
	CodeRACIRoleUnknown = "raci.role_unknown"
	// CodeRoleVacant: nobody holds a role. Severity warning: the
	// responsibilities are assigned to a role, but not yet to a person
	// (5.3). Details: now.
	CodeRoleVacant = "role.vacant"
	// CodeRoleUnknown: a role assignment names an undefined role. Severity
	// error: the record is inconsistent as it stands. Details: person,
	// role.
	CodeRoleUnknown = "role.unknown"

	// CodeSoDConflict: a person holds two duties that must be segregated.
	// Severity error: A.5.3 as it stands. Details: rule, duty_a, duty_b,
	// role_a, role_b, assignment_a, assignment_b.
	CodeSoDConflict = "sod.conflict"

	// CodeCompetenceMissing: a person holds a role without a competence it
	// requires. Severity error: 7.2 b requires competence and 7.2 d its
	// evidence. Details: competence, role, assignment.
	CodeCompetenceMissing = "competence.missing"
	// CodeCompetenceExpired: a required competence's record has expired.
	// Severity error, as a missing one. Details: competence, role,
	// assignment, expired_at, now.
	CodeCompetenceExpired = "competence.expired"
	// CodeAwarenessMissing: a member of staff has never had awareness
	// training. Severity error: 7.3 and A.6.3. Details: now, period.
	CodeAwarenessMissing = "awareness.missing"
	// CodeAwarenessExpired: a member of staff's awareness training is not
	// current (older than the period, or expired). Severity error: A.6.3
	// requires regular updates. Details: last_completed_at, now, period.
	CodeAwarenessExpired = "awareness.expired"

	// CodeControlCheckOwnerMissing: a control check has no owner.
	// Severity error, as every missing owner in the SDK (5.3).
	CodeControlCheckOwnerMissing = "control_check.owner_missing"
	// CodeControlCheckFailed: a control check's latest result is a fail.
	// Severity error: the control does not work as it stands (9.1).
	// Details: at, controls.
	CodeControlCheckFailed = "control_check.failed"
	// CodeControlCheckOverdue: a control check did not run within its
	// frequency. Severity error: monitoring as planned (9.1 c) was missed.
	// Details: last_run, due, now, frequency.
	CodeControlCheckOverdue = "control_check.overdue"
	// CodeControlCheckNotRun: a control check has no result yet, or its
	// latest result is not_run. Severity warning: it becomes overdue if
	// nothing is done (9.1). Details: results, at.
	CodeControlCheckNotRun = "control_check.not_run"
	// CodeControlCheckEvidenceMissing: a control check's latest result
	// refers to no evidence. Severity warning: the result stands, but
	// 9.1 asks for documented evidence of the results. Details: at.
	CodeControlCheckEvidenceMissing = "control_check.evidence_missing"
	// CodeControlCheckEvidenceStale: the evidence of a control check's
	// latest result is older than allowed. Severity warning: the result
	// can no longer be relied on if nothing is done (9.1). Details:
	// evidence_at, max_age, now.
	CodeControlCheckEvidenceStale = "control_check.evidence_stale"

	// CodeControlImplementedButFailing: the SoA says a control is
	// implemented but its checks fail (CheckControlStatus). Severity
	// error: the SoA (6.1.3 d) contradicts the monitoring (9.1). Details:
	// soa_status, effectiveness, failing.
	CodeControlImplementedButFailing = "control.implemented_but_failing"
	// CodeControlImplementedUnverified: the SoA says a control is
	// implemented, and its checks have no current verdict. Severity
	// warning: the claim is unverified and will be found so. Details:
	// soa_status, effectiveness, unknown.
	CodeControlImplementedUnverified = "control.implemented_unverified"
	// CodeControlImplementedUnmonitored: the SoA says a control is
	// implemented and no check tests it. Severity info: not every control
	// needs a recurring check. Details: soa_status.
	CodeControlImplementedUnmonitored = "control.implemented_unmonitored"
)

var rules = []Rule{
	{CodeDocumentReviewOverdue, SeverityError, "A published document's review date has passed.", "7.5.2"},
	{CodeDocumentReviewDueSoon, SeverityWarning, "A published document's review falls due within the warning window.", "7.5.2"},
	{CodeDocumentOwnerMissing, SeverityError, "A document that is not retired has no owner.", "5.3"},
	{CodeDocumentNotPublished, SeverityWarning, "A document that is not retired is not published, so it is not in force.", "7.5.3"},
	{CodeDocumentReviewDateMissing, SeverityWarning, "A published document that needs periodic review has no review date.", "7.5.2"},
	{CodeDocumentSelfApproved, SeverityError, "A document's approver is its author (segregation of duties).", "A.5.3"},
	{CodeDocumentNotApproved, SeverityError, "An approved or published document records no approver or approval time.", "7.5.2"},
	{CodeEvidenceExpired, SeverityError, "The evidence's validity has ended.", "7.5.1"},
	{CodeEvidenceExpiresSoon, SeverityWarning, "The evidence's validity ends within the warning window.", "7.5.1"},
	{CodeEvidenceHashMissing, SeverityWarning, "A file evidence records no SHA-256 of its content.", "7.5.3"},
	{CodeEvidenceCollectedInFuture, SeverityError, "The evidence is dated after now.", ""},
	{CodeEvidenceUnlinked, SeverityInfo, "The evidence supports no entity.", ""},
	{CodeObjectiveOverdue, SeverityError, "The objective's due date has passed and it is neither achieved nor cancelled.", "6.2"},
	{CodeObjectiveOwnerMissing, SeverityError, "The objective has no owner.", "6.2 h"},
	{CodeObjectiveTargetMissing, SeverityWarning, "The objective has no measurable target.", "6.2 b"},
	{CodeObjectiveDueDateMissing, SeverityError, "The objective does not say when it will be completed.", "6.2 i"},
	{CodeObjectiveAchievedNotMet, SeverityError, "The objective is marked achieved but its current value misses the target.", "6.2"},
	{CodeAssetOwnerMissing, SeverityError, "An asset that is not disposed has no owner.", "A.5.9"},
	{CodeAssetClassificationMissing, SeverityWarning, "An asset that is not disposed has no classification.", "A.5.12"},
	{CodeAssetDanglingDependency, SeverityError, "A dependency names an asset that is not in the inventory.", "A.5.9"},
	{CodeAssetDependencyCycle, SeverityWarning, "Assets depend on each other in a cycle.", "A.5.30"},
	{CodeAssetDuplicateID, SeverityError, "Two assets share an ID.", ""},
	{CodePolicyNoProcedure, SeverityWarning, "No procedure implements the policy.", "8.1"},
	{CodePolicyApproverNotManagement, SeverityError, "A policy was approved by someone holding no management role.", "A.5.1"},
	{CodePolicyReviewIntervalTooLong, SeverityError, "A policy is reviewed less often than every 12 months.", "A.5.1"},
	{CodePolicySectionMissing, SeverityError, "A policy lacks a required section.", "5.2"},
	{CodePolicySectionEmpty, SeverityError, "A required section of a policy is empty.", "5.2"},
	{CodePolicyControlsMissing, SeverityWarning, "A topic-specific policy names no Annex A control.", "A.5.1"},
	{CodeProcedurePolicyMissing, SeverityError, "A standard or procedure names no policy it implements.", "A.5.37"},
	{CodeProcedurePolicyUnknown, SeverityError, "A document implements a policy that is not in force.", "A.5.37"},
	{CodeProcedurePolicyChanged, SeverityWarning, "The policy changed after the document's last review.", "A.5.37"},
	{CodeProcedureApproverNotManagement, SeverityError, "A procedure was approved by someone holding no management role where management approval is required.", "7.5.2"},
	{CodeProcedureStepRoleMissing, SeverityError, "A procedure step names no responsible role.", "A.5.37"},
	{CodeProcedureStepRoleVacant, SeverityError, "A procedure step's role is undefined or held by nobody.", "5.3"},
	{CodeRACIAccountableMissing, SeverityError, "An activity has no accountable role.", "5.3"},
	{CodeRACIAccountableMultiple, SeverityError, "An activity has more than one accountable role.", "5.3"},
	{CodeRACIRoleUnknown, SeverityError, "A RACI entry names an undefined role.", "5.3"},
	{CodeRoleVacant, SeverityWarning, "Nobody holds the role.", "5.3"},
	{CodeRoleUnknown, SeverityError, "A role assignment names an undefined role.", "5.3"},
	{CodeSoDConflict, SeverityError, "A person holds two duties that must be segregated.", "A.5.3"},
	{CodeCompetenceMissing, SeverityError, "A person holds a role without a competence it requires.", "7.2"},
	{CodeCompetenceExpired, SeverityError, "A competence a person's role requires has expired.", "7.2"},
	{CodeAwarenessMissing, SeverityError, "A member of staff has had no awareness training.", "7.3"},
	{CodeAwarenessExpired, SeverityError, "A member of staff's awareness training is not current.", "A.6.3"},
	{CodeControlCheckOwnerMissing, SeverityError, "A control check has no owner.", "5.3"},
	{CodeControlCheckFailed, SeverityError, "A control check's latest result is a fail.", "9.1"},
	{CodeControlCheckOverdue, SeverityError, "A control check did not run within its frequency.", "9.1"},
	{CodeControlCheckNotRun, SeverityWarning, "A control check has no current result.", "9.1"},
	{CodeControlCheckEvidenceMissing, SeverityWarning, "A control check's latest result refers to no evidence.", "9.1"},
	{CodeControlCheckEvidenceStale, SeverityWarning, "The evidence of a control check's latest result is stale.", "9.1"},
	{CodeControlImplementedButFailing, SeverityError, "The SoA says a control is implemented but its checks fail.", "9.1"},
	{CodeControlImplementedUnverified, SeverityWarning, "The SoA says a control is implemented but its checks have no current verdict.", "9.1"},
	{CodeControlImplementedUnmonitored, SeverityInfo, "The SoA says a control is implemented but no check tests it.", "9.1"},
}

// Rules returns every check of the kernel's entities (CheckDocument,
// CheckEvidence, CheckObjective, CheckAssets) and of the management system
// (CheckPolicyContent, CheckDocumentSet, CheckRoles, CheckSoD,
// CheckCompetence, CheckControlChecks, CheckControlStatus), in a stable order, each with
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
