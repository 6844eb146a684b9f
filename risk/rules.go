package risk

import (
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// Finding codes of Check. They are stable: users filter and suppress
// findings by code (isms.WithoutCodes). Rules lists each with its
// severity, meaning and source.
const (
	CodeOwnerMissing                  = "risk.owner_missing"
	CodeCurrentNotAssessed            = "risk.current_not_assessed"
	CodeResidualMissing               = "risk.residual_missing"
	CodeResidualAboveCurrent          = "risk.residual_above_current"
	CodeCurrentAboveInherent          = "risk.current_above_inherent"
	CodeResidualLoweredWithoutControl = "risk.residual_lowered_without_control"
	CodeAcceptedWithoutSignoff        = "risk.accepted_without_signoff"
	CodeAcceptanceExpired             = "risk.acceptance_expired"
	CodeAcceptanceOutdated            = "risk.acceptance_outdated"
	CodeControlExistingAndPlanned     = "risk.control_existing_and_planned"
	CodeRetainedAboveAppetite         = "risk.retained_above_appetite"
	CodeTreatmentMissing              = "risk.treatment_missing"
	CodeActionOverdue                 = "risk.action_overdue"
	CodeReviewOverdue                 = "risk.review_overdue"
	CodeAssessmentInconsistent        = "risk.assessment_inconsistent"
	CodeMatrixOutdated                = "risk.matrix_outdated"
	CodeCriteriaMismatch              = "risk.criteria_mismatch"
	CodePlanMissing                   = "risk.plan_missing"
	CodeJustificationMissing          = "risk.acceptance_justification_missing"
	CodeAvoidedStillOpen              = "risk.avoided_still_open"
	CodeRefUnresolved                 = "risk.ref_unresolved"
)

// ruleTable is the one list of Check's rules. Severities follow the
// policy of isms.Rule; the reason for each is in the comment beside it.
var ruleTable = [...]isms.Rule{
	// Error: 6.1.2 c 2 requires an owner for every risk; decided SDK-wide.
	{Code: CodeOwnerMissing, Severity: isms.SeverityError, Source: "6.1.2 c 2",
		Summary: "The risk has no owner."},
	// Warning: the risk is identified and may carry an inherent level; the
	// analysis with existing controls is incomplete, not yet missing.
	{Code: CodeCurrentNotAssessed, Severity: isms.SeverityWarning, Source: "6.1.2 d",
		Summary: "The risk has no current assessment."},
	// Warning: the residual level is what the owner accepts (6.1.3 f); it
	// is needed before the sign-off, so its absence is still incomplete.
	{Code: CodeResidualMissing, Severity: isms.SeverityWarning, Source: "6.1.3 f",
		Summary: "The current level is assessed but the residual (target) level is not."},
	// Error: the residual level, which the owner accepts, is wrong as
	// recorded: the results are not consistent and valid (6.1.2 b).
	{Code: CodeResidualAboveCurrent, Severity: isms.SeverityError, Source: "6.1.2 b",
		Summary: "The residual level is above the current level: treatment cannot raise a risk."},
	// Warning: ISO/IEC 27001 does not require an inherent assessment, so an
	// inconsistent one is no nonconformity yet, but it undermines
	// comparable results (6.1.2 b) if left.
	{Code: CodeCurrentAboveInherent, Severity: isms.SeverityWarning, Source: "6.1.2 b",
		Summary: "The current level is above the inherent level: existing controls cannot raise a risk."},
	// Error: a lower residual level rests on controls the treatment must
	// determine (6.1.3 b); none is recorded. Only retain (which changes
	// nothing), modify without controls, and no treatment at all qualify:
	// under ISO/IEC 27005:2022 share (insurance, outsourcing) and avoid
	// (ending the activity) lower the risk without an Annex A control.
	{Code: CodeResidualLoweredWithoutControl, Severity: isms.SeverityError, Source: "6.1.3 b",
		Summary: "The residual level is below the current level but the treatment (none, retain, or modify without controls) selects no control."},
	// Error: the owner's approval (6.1.3 f) is missing for a risk recorded
	// as accepted.
	{Code: CodeAcceptedWithoutSignoff, Severity: isms.SeverityError, Source: "6.1.3 f",
		Summary: "The risk's status is accepted but its last acceptance is not an accepted sign-off."},
	// Error: an expired acceptance is an overdue decision (overdue = error,
	// decided SDK-wide): the risk is no longer accepted.
	{Code: CodeAcceptanceExpired, Severity: isms.SeverityError, Source: "6.1.3 f",
		Summary: "The acceptance in force has reached its expiry; the risk is due for review."},
	// Error: the level the owner accepted is below the one that stands, so
	// the present residual risk has no acceptance (6.1.3 f), as with
	// retained_above_appetite.
	{Code: CodeAcceptanceOutdated, Severity: isms.SeverityError, Source: "6.1.3 f",
		Summary: "The risk's level is now above the level that was accepted."},
	// Info: a control listed twice breaks no requirement, but the
	// treatment's effect may be counted twice: worth checking.
	{Code: CodeControlExistingAndPlanned, Severity: isms.SeverityInfo,
		Summary: "A control is listed both as existing and as selected by the treatment."},
	// Error: a risk above the acceptance criteria (6.1.2 a 1) is retained
	// without the owner's acceptance (6.1.3 f).
	{Code: CodeRetainedAboveAppetite, Severity: isms.SeverityError, Source: "6.1.3 f",
		Summary: "The level is above the appetite, the treatment is retain, and no acceptance is in force."},
	// Error: every risk above the acceptance criteria needs a treatment
	// option (6.1.3 a); the required decision is missing.
	{Code: CodeTreatmentMissing, Severity: isms.SeverityError, Source: "6.1.3 a",
		Summary: "The level is above the appetite and no treatment is decided."},
	// Error: an open action past its due date means the treatment plan
	// runs behind what 8.3 requires; overdue = error, decided SDK-wide.
	{Code: CodeActionOverdue, Severity: isms.SeverityError, Source: "8.3",
		Summary: "A treatment action is open past its due date."},
	// Error: risk assessments are performed at planned intervals (8.2);
	// overdue review = error, decided SDK-wide.
	{Code: CodeReviewOverdue, Severity: isms.SeverityError, Source: "8.2",
		Summary: "The risk's next review date has passed."},
	// Error: re-performing the assessment gives another result: it is not
	// consistent and valid (6.1.2 b) as recorded.
	{Code: CodeAssessmentInconsistent, Severity: isms.SeverityError, Source: "6.1.2 b",
		Summary: "Re-scoring an assessment with its matrix gives another level or combined impact, or names levels the matrix lacks."},
	// Warning: results of a superseded method are not comparable (6.1.2 b)
	// with the rest of the register; re-assessment makes them so.
	{Code: CodeMatrixOutdated, Severity: isms.SeverityWarning, Source: "6.1.2 b",
		Summary: "An assessment was scored with another matrix or version than the register's; re-assess it."},
	// Warning: the risk's own criteria (6.1.2 a) cannot be applied; the most
	// cautious criteria stand in until they are fixed.
	{Code: CodeCriteriaMismatch, Severity: isms.SeverityWarning, Source: "6.1.2 a",
		Summary: "The risk's own criteria name another matrix or an unknown level; the register's criteria apply."},
	// Warning: the treatment option is decided (6.1.3 a-d); the plan that
	// 6.1.3 e requires is still to be written, which becomes a
	// nonconformity if it never is.
	{Code: CodePlanMissing, Severity: isms.SeverityWarning, Source: "6.1.3 e",
		Summary: "The treatment is modify but its plan has no actions."},
	// Warning: the owner's decision (6.1.3 f) can still be recorded, but a
	// request without a justification leaves the approver nothing to weigh
	// and the auditor no reason to read.
	{Code: CodeJustificationMissing, Severity: isms.SeverityWarning, Source: "6.1.3 f",
		Summary: "The open or accepted acceptance request has an empty justification."},
	// Warning: the activity was ended as planned, so the risk no longer
	// applies; the register still reports it open until someone closes it.
	{Code: CodeAvoidedStillOpen, Severity: isms.SeverityWarning, Source: "8.3",
		Summary: "The treatment is avoid, every action of its plan is done, and the risk is still open."},
	// Error: the record points at an asset or a control that does not
	// exist (in the known assets or the catalog the caller supplied), so
	// the risk cannot be traced to what it affects or how it is treated.
	{Code: CodeRefUnresolved, Severity: isms.SeverityError,
		Summary: "An asset or control ref of the risk is not among the known assets or the catalog's controls."},
}

// ruleByCode indexes ruleTable; it is built once and never changed.
var ruleByCode = func() map[string]isms.Rule {
	m := make(map[string]isms.Rule, len(ruleTable))
	for _, r := range ruleTable {
		m[r.Code] = r
	}
	return m
}()

// Rules returns every rule of Check, in a stable order: the code, the
// severity under the SDK's policy (isms.Rule), what it finds, and the
// ISO/IEC 27001:2022 clause it comes from (empty for the SDK's own
// consistency checks).
func Rules() []isms.Rule { return slices.Clone(ruleTable[:]) }
