package audit

import (
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// Finding codes of the programme check (CheckProgramme, 9.2). They are
// stable; Rules lists each with its severity, meaning and source.
const (
	CodeProgrammeOwnerMissing = "audit.programme.owner_missing"
	CodeClauseNotCovered      = "audit.programme.clause_not_covered"
	CodeControlNotCovered     = "audit.programme.control_not_covered"
	CodeFrequencyNotMet       = "audit.programme.frequency_not_met"
	CodeAuditorMissing        = "audit.programme.auditor_missing"
	CodeAuditorNotIndependent = "audit.programme.auditor_not_independent"
	CodeCriteriaMissing       = "audit.programme.criteria_missing"
	CodeScopeMissing          = "audit.programme.scope_missing"
	CodeRequirementUnknown    = "audit.programme.requirement_unknown"
	CodeAuditOverdue          = "audit.programme.audit_overdue"
	CodeAuditOutsideCycle     = "audit.programme.audit_outside_cycle"
	CodeResultsMissing        = "audit.programme.results_missing"
)

// Finding codes of the checklist check (CheckChecklist, 9.2.2).
const (
	CodeItemOpen               = "audit.checklist.item_open"
	CodeSampleContradicted     = "audit.checklist.sample_contradicted"
	CodeNonconformityNotRaised = "audit.checklist.nonconformity_not_raised"
	CodeEvidenceNotExamined    = "audit.checklist.evidence_not_examined"
)

// Finding codes of the findings and corrective actions check
// (CheckFindings, 10.2).
const (
	CodeFindingOwnerMissing = "audit.finding.owner_missing"
	CodeFindingDueMissing   = "audit.finding.due_missing"
	CodeFindingOverdue      = "audit.finding.overdue"
	CodeFindingDueSoon      = "audit.finding.due_soon"
	CodeRootCauseMissing    = "audit.finding.root_cause_missing"
	CodeMajorOpen           = "audit.finding.major_open"
)

// Finding codes of the management review checks (AssembleReview,
// CheckReviews, 9.3).
const (
	CodeReviewInputMissing   = "audit.review.input_missing"
	CodeReviewMissing        = "audit.review.missing"
	CodeReviewOverdue        = "audit.review.overdue"
	CodeReviewDueSoon        = "audit.review.due_soon"
	CodeDecisionOwnerMissing = "audit.review.decision_owner_missing"
	CodeDecisionDueMissing   = "audit.review.decision_due_missing"
	CodeDecisionOverdue      = "audit.review.decision_overdue"
)

// Finding codes of the improvement register check (CheckImprovements,
// 10.1).
const (
	CodeImprovementOwnerMissing = "audit.improvement.owner_missing"
	CodeImprovementOverdue      = "audit.improvement.overdue"
)

// Finding codes of the readiness assessment (Readiness): the reasons of
// its Stage 1 and Stage 2 verdicts.
const (
	CodeContextMissing         = "audit.readiness.context_missing"
	CodePartiesMissing         = "audit.readiness.parties_missing"
	CodeScopeUndefined         = "audit.readiness.scope_missing"
	CodeScopeNotApproved       = "audit.readiness.scope_not_approved"
	CodePolicyMissing          = "audit.readiness.policy_missing"
	CodePolicyNotApproved      = "audit.readiness.policy_not_approved"
	CodeRolesMissing           = "audit.readiness.roles_missing"
	CodeRiskAssessmentMissing  = "audit.readiness.risk_assessment_missing"
	CodeTreatmentPlanMissing   = "audit.readiness.treatment_plan_missing"
	CodeSoAMissing             = "audit.readiness.soa_missing"
	CodeSoANotApproved         = "audit.readiness.soa_not_approved"
	CodeObjectivesMissing      = "audit.readiness.objectives_missing"
	CodeProgrammeMissing       = "audit.readiness.programme_missing"
	CodeMonitoringMissing      = "audit.readiness.monitoring_missing"
	CodeRecordsTooShort        = "audit.readiness.records_too_short"
	CodeInternalAuditMissing   = "audit.readiness.internal_audit_missing"
	CodeManagementReviewAbsent = "audit.readiness.management_review_missing"
	CodeStage1NotReady         = "audit.readiness.stage1_not_ready"
	CodeNotAssessed            = "audit.readiness.not_assessed"
)

// ruleTable is the one list of the package's rules; the reason for each
// severity is in the comment beside it (isms.Rule's policy).
var ruleTable = [...]isms.Rule{
	// Programme. Error: 9.2.2 requires a planned programme that covers
	// the ISMS, with criteria, scope and objective auditors.
	{Code: CodeProgrammeOwnerMissing, Severity: isms.SeverityError, Source: "9.2.2",
		Summary: "The audit programme has no owner (a missing owner is an error everywhere)."},
	{Code: CodeClauseNotCovered, Severity: isms.SeverityError, Source: "9.2.2",
		Summary: "A clause of ISO/IEC 27001:2022 is audited by no audit of the certification cycle."},
	{Code: CodeControlNotCovered, Severity: isms.SeverityError, Source: "9.2.2",
		Summary: "An applicable control of the SoA is audited by no audit of the certification cycle."},
	{Code: CodeFrequencyNotMet, Severity: isms.SeverityError, Source: "9.2.2",
		Summary: "A control selected by a high risk is audited fewer times in the cycle than the frequency rule requires."},
	{Code: CodeAuditorMissing, Severity: isms.SeverityError, Source: "9.2.2 c",
		Summary: "An audit names no auditor."},
	{Code: CodeAuditorNotIndependent, Severity: isms.SeverityError, Source: "9.2.2 c",
		Summary: "An auditor audits their own area or work: they hold a role responsible for a requirement in the audit's scope, or own it."},
	{Code: CodeCriteriaMissing, Severity: isms.SeverityError, Source: "9.2.2 b",
		Summary: "An audit states no audit criteria."},
	{Code: CodeScopeMissing, Severity: isms.SeverityError, Source: "9.2.2 b",
		Summary: "An audit names no clause or control in its scope."},
	// Warning: the coverage cannot count it, but nothing is broken yet.
	{Code: CodeRequirementUnknown, Severity: isms.SeverityWarning, Source: "9.2.2",
		Summary: "An audit's scope names a clause or control the catalogs do not hold."},
	// Error: the programme is not carried out as planned (9.2.2 a).
	{Code: CodeAuditOverdue, Severity: isms.SeverityError, Source: "9.2.2",
		Summary: "An audit's planned end has passed and it is not completed."},
	// Warning: the audit does not count towards the cycle's coverage.
	{Code: CodeAuditOutsideCycle, Severity: isms.SeverityWarning, Source: "9.2.2",
		Summary: "An audit is planned outside the programme's certification cycle."},
	// Error: documented information of the results is required (9.2.2 f, g).
	{Code: CodeResultsMissing, Severity: isms.SeverityError, Source: "9.2.2",
		Summary: "A completed audit records no results (no report and no checklist)."},

	// Checklists.
	// Warning: the audit cannot conclude while items are untested.
	{Code: CodeItemOpen, Severity: isms.SeverityWarning, Source: "9.2.2",
		Summary: "A checklist item of a completed audit has no result."},
	// Error: the recorded result contradicts the evaluated sample.
	{Code: CodeSampleContradicted, Severity: isms.SeverityError, Source: "9.2.2",
		Summary: "An item is recorded as conforming but its sample does not support reliance on the control."},
	// Error: a nonconformity must be reacted to (10.2 a).
	{Code: CodeNonconformityNotRaised, Severity: isms.SeverityError, Source: "10.2",
		Summary: "A checklist item found a nonconformity but no finding records it."},
	// Warning: the result is not backed by what was examined.
	{Code: CodeEvidenceNotExamined, Severity: isms.SeverityWarning, Source: "9.2.2",
		Summary: "A checklist item has a result but records no evidence examined."},

	// Findings and corrective action (10.2).
	{Code: CodeFindingOwnerMissing, Severity: isms.SeverityError, Source: "10.2",
		Summary: "An open nonconformity has no owner."},
	{Code: CodeFindingDueMissing, Severity: isms.SeverityError, Source: "10.2",
		Summary: "An open nonconformity has no due date for its corrective action."},
	{Code: CodeFindingOverdue, Severity: isms.SeverityError, Source: "10.2",
		Summary: "An open finding's corrective action is past its due date."},
	{Code: CodeFindingDueSoon, Severity: isms.SeverityWarning, Source: "10.2",
		Summary: "An open finding's corrective action is due within the warning window."},
	// Warning: the cause must be determined (10.2 b 2) before the action
	// can be judged; it becomes an error when the action is implemented,
	// which the lifecycle refuses without it.
	{Code: CodeRootCauseMissing, Severity: isms.SeverityWarning, Source: "10.2",
		Summary: "A nonconformity in progress records no root cause."},
	{Code: CodeMajorOpen, Severity: isms.SeverityError, Source: "10.2",
		Summary: "A major nonconformity is open (not verified effective or closed)."},

	// Management review (9.3).
	{Code: CodeReviewInputMissing, Severity: isms.SeverityError, Source: "9.3.2",
		Summary: "A management review input the standard lists cannot be assembled: its source is missing."},
	{Code: CodeReviewMissing, Severity: isms.SeverityError, Source: "9.3.1",
		Summary: "No management review has been held."},
	{Code: CodeReviewOverdue, Severity: isms.SeverityError, Source: "9.3.1",
		Summary: "The next management review is past its planned date."},
	{Code: CodeReviewDueSoon, Severity: isms.SeverityWarning, Source: "9.3.1",
		Summary: "The next management review is due within the warning window."},
	{Code: CodeDecisionOwnerMissing, Severity: isms.SeverityError, Source: "9.3.3",
		Summary: "A decision of a management review has no owner."},
	// Warning: the decision cannot be followed up until it is dated.
	{Code: CodeDecisionDueMissing, Severity: isms.SeverityWarning, Source: "9.3.3",
		Summary: "A decision of a management review has no due date."},
	{Code: CodeDecisionOverdue, Severity: isms.SeverityError, Source: "9.3.3",
		Summary: "A decision of a management review is past its due date and not done."},

	// Continual improvement (10.1).
	{Code: CodeImprovementOwnerMissing, Severity: isms.SeverityError, Source: "10.1",
		Summary: "An open improvement has no owner."},
	{Code: CodeImprovementOverdue, Severity: isms.SeverityError, Source: "10.1",
		Summary: "An improvement or one of its actions is past its due date and not done."},

	// Readiness. Errors block a verdict; each names the clause.
	{Code: CodeContextMissing, Severity: isms.SeverityError, Source: "4.1",
		Summary: "No external or internal issues are recorded."},
	{Code: CodePartiesMissing, Severity: isms.SeverityError, Source: "4.2",
		Summary: "No interested parties with their requirements are recorded."},
	{Code: CodeScopeUndefined, Severity: isms.SeverityError, Source: "4.3",
		Summary: "The ISMS has no documented scope."},
	{Code: CodeScopeNotApproved, Severity: isms.SeverityError, Source: "4.3",
		Summary: "The ISMS scope is not approved."},
	{Code: CodePolicyMissing, Severity: isms.SeverityError, Source: "5.2",
		Summary: "There is no information security policy."},
	{Code: CodePolicyNotApproved, Severity: isms.SeverityError, Source: "5.2",
		Summary: "The information security policy is not approved and published."},
	{Code: CodeRolesMissing, Severity: isms.SeverityError, Source: "5.3",
		Summary: "No ISMS roles are assigned."},
	{Code: CodeRiskAssessmentMissing, Severity: isms.SeverityError, Source: "6.1.2",
		Summary: "No risk is assessed in the risk register."},
	{Code: CodeTreatmentPlanMissing, Severity: isms.SeverityError, Source: "6.1.3",
		Summary: "No risk has a treatment decision."},
	{Code: CodeSoAMissing, Severity: isms.SeverityError, Source: "6.1.3",
		Summary: "There is no Statement of Applicability."},
	{Code: CodeSoANotApproved, Severity: isms.SeverityError, Source: "6.1.3",
		Summary: "The Statement of Applicability is not approved."},
	{Code: CodeObjectivesMissing, Severity: isms.SeverityError, Source: "6.2",
		Summary: "No information security objectives are set."},
	{Code: CodeProgrammeMissing, Severity: isms.SeverityError, Source: "9.2.2",
		Summary: "There is no internal audit programme."},
	{Code: CodeMonitoringMissing, Severity: isms.SeverityError, Source: "9.1",
		Summary: "No control is monitored: there are no control check results."},
	{Code: CodeRecordsTooShort, Severity: isms.SeverityError, Source: "9.1",
		Summary: "The ISMS has not run long enough: its first operating record is more recent than the minimum period."},
	{Code: CodeInternalAuditMissing, Severity: isms.SeverityError, Source: "9.2.1",
		Summary: "No internal audit has been completed."},
	{Code: CodeManagementReviewAbsent, Severity: isms.SeverityError, Source: "9.3.1",
		Summary: "No management review has been held."},
	{Code: CodeStage1NotReady, Severity: isms.SeverityError, Source: "4.4",
		Summary: "Stage 2 needs a design ready for Stage 1 first."},
	// Info: the SDK holds no records for the clause; the assessor judges.
	{Code: CodeNotAssessed, Severity: isms.SeverityInfo, Source: "",
		Summary: "The snapshot holds no records the SDK can assess for this clause; it is left to the assessor."},
}

// ruleByCode indexes ruleTable; built once, never changed.
var ruleByCode = func() map[string]isms.Rule {
	m := make(map[string]isms.Rule, len(ruleTable))
	for _, r := range ruleTable {
		m[r.Code] = r
	}
	return m
}()

// Rules returns every rule of the package, in a stable order: the code,
// its severity under the SDK's policy (isms.Rule), what it finds, and the
// ISO/IEC 27001:2022 clause it comes from.
func Rules() []isms.Rule { return slices.Clone(ruleTable[:]) }

// ruleOf returns the rule of code; an unknown code is an error rule.
func ruleOf(code string) isms.Rule {
	if r, ok := ruleByCode[code]; ok {
		return r
	}
	return isms.Rule{Code: code, Severity: isms.SeverityError}
}
