package bcp

import (
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// Finding codes of Check. They are stable: users filter and suppress
// findings by code (isms.WithoutCodes). Rules lists each with its
// severity, meaning and source.
const (
	CodeOwnerMissing                  = "bcp.owner_missing"
	CodeRTOExceedsMTPD                = "bcp.rto_exceeds_mtpd"
	CodeRTOEqualsMTPD                 = "bcp.rto_equals_mtpd"
	CodeMTPDExceedsDerived            = "bcp.mtpd_exceeds_derived"
	CodeDependencyRTOExceedsDependent = "bcp.dependency_rto_exceeds_dependent"
	CodeDependencyRPOExceedsDependent = "bcp.dependency_rpo_exceeds_dependent"
	CodeRTONotAchievable              = "bcp.rto_not_achievable"
	CodeRPONotAchievable              = "bcp.rpo_not_achievable"
	CodeBackupIntervalExceedsRPO      = "bcp.backup_interval_exceeds_rpo"
	CodeNoOfflineCopy                 = "bcp.no_offline_copy"
	CodeSupplierSLAExceedsObjective   = "bcp.supplier_sla_exceeds_objective"
	CodeSupplierNoCustomerDR          = "bcp.supplier_no_customer_dr"
	CodeDependencyCycle               = "bcp.dependency_cycle"
	CodeObjectiveMissing              = "bcp.objective_missing"
	CodePlanMissing                   = "bcp.plan_missing"
	CodePlanExceedsRTO                = "bcp.plan_exceeds_rto"
	CodePlanReviewOverdue             = "bcp.plan_review_overdue"
	CodeDRTestMissing                 = "bcp.dr_test_missing"
	CodeDRTestStale                   = "bcp.dr_test_stale"
	CodeDRTestFailed                  = "bcp.dr_test_failed"
	CodeFailoverUntested              = "bcp.failover_untested"
)

// ruleTable is the one list of Check's rules. Severities follow the
// policy of isms.Rule; the reason for each is in the comment beside it.
var ruleTable = [...]isms.Rule{
	// Error: a missing owner is an error everywhere (decided SDK-wide).
	{Code: CodeOwnerMissing, Severity: isms.SeverityError, Source: "A.5.29",
		Summary: "An activity or a recovery plan has no owner."},
	// Error: the objective cannot be met without the disruption becoming
	// intolerable: the continuity requirements are wrong as recorded.
	{Code: CodeRTOExceedsMTPD, Severity: isms.SeverityError, Source: "A.5.29",
		Summary: "An activity's RTO is longer than its MTPD (or its derived MTPD when it declares none)."},
	// Warning: consistent as recorded, but any delay makes it intolerable.
	{Code: CodeRTOEqualsMTPD, Severity: isms.SeverityWarning, Source: "A.5.29",
		Summary: "An activity's RTO equals its MTPD: the recovery has no margin."},
	// Error: the declared tolerance contradicts the activity's own impact
	// analysis.
	{Code: CodeMTPDExceedsDerived, Severity: isms.SeverityError, Source: "A.5.29",
		Summary: "An activity's MTPD is longer than the first time its impact reaches the intolerable level."},
	// Error: what depends on the resource cannot meet its RTO if the
	// resource only comes back later.
	{Code: CodeDependencyRTOExceedsDependent, Severity: isms.SeverityError, Source: "A.5.30",
		Summary: "A resource's declared RTO is longer than the RTO of something that depends on it."},
	// Error: as for the RTO, for the data that can be lost.
	{Code: CodeDependencyRPOExceedsDependent, Severity: isms.SeverityError, Source: "A.5.30",
		Summary: "A resource's declared RPO is longer than the RPO of something that depends on it."},
	// Error: ICT readiness (A.5.30) is not achieved as planned.
	{Code: CodeRTONotAchievable, Severity: isms.SeverityError, Source: "A.5.30",
		Summary: "The achievable recovery along the dependency graph takes longer than the RTO."},
	// Error: the backups (A.8.13) cannot meet the recovery point.
	{Code: CodeRPONotAchievable, Severity: isms.SeverityError, Source: "A.8.13",
		Summary: "The worst-case RPO of a resource's backup or replication (or its absence) exceeds its effective RPO."},
	// Error: no tuning of the job can meet the RPO with this interval.
	{Code: CodeBackupIntervalExceedsRPO, Severity: isms.SeverityError, Source: "A.8.13",
		Summary: "A backup's interval alone is longer than the resource's effective RPO."},
	// Error: a critical data store every copy of which ransomware or an
	// operator error can reach is not protected as A.8.13 requires.
	{Code: CodeNoOfflineCopy, Severity: isms.SeverityError, Source: "A.8.13",
		Summary: "A data store a critical activity needs has no offline or immutable copy."},
	// Error: the supplier is contracted to recover later (or lose more)
	// than the objective allows (A.5.30, A.5.20).
	{Code: CodeSupplierSLAExceedsObjective, Severity: isms.SeverityError, Source: "A.5.30",
		Summary: "A supplier's or cloud service's contracted RTO or RPO is longer than the effective objective."},
	// Error: the customer's share of the recovery is neither planned nor
	// tested (A.5.23, A.5.30).
	{Code: CodeSupplierNoCustomerDR, Severity: isms.SeverityError, Source: "A.5.23",
		Summary: "A supplier or cloud service leaves recovery to the customer, and the customer has no plan or test for it."},
	// Error: a cycle makes recovery impossible to order, and objectives and
	// capabilities through it cannot be derived.
	{Code: CodeDependencyCycle, Severity: isms.SeverityError, Source: "A.5.30",
		Summary: "The dependency graph has a cycle."},
	// Error: the BIA must determine the objectives of each activity.
	{Code: CodeObjectiveMissing, Severity: isms.SeverityError, Source: "A.5.30",
		Summary: "An activity has no RTO, no RPO, or neither a declared nor a derived MTPD."},
	// Error: a critical or high activity without a recovery procedure.
	{Code: CodePlanMissing, Severity: isms.SeverityError, Source: "A.5.29",
		Summary: "A critical or high activity has no recovery plan."},
	// Error: following the plan takes longer than the objective allows.
	{Code: CodePlanExceedsRTO, Severity: isms.SeverityError, Source: "A.5.29",
		Summary: "A recovery plan's expected duration is longer than its target's RTO."},
	// Error: overdue review = error (decided SDK-wide).
	{Code: CodePlanReviewOverdue, Severity: isms.SeverityError, Source: "A.5.29",
		Summary: "A recovery plan's review date has passed."},
	// Error: the plan is not verified (A.5.30: ICT readiness tested).
	{Code: CodeDRTestMissing, Severity: isms.SeverityError, Source: "A.5.30",
		Summary: "A recovery plan has no evaluated DR test."},
	// Error: overdue = error (decided SDK-wide); the evidence no longer
	// shows the present set-up works.
	{Code: CodeDRTestStale, Severity: isms.SeverityError, Source: "A.5.30",
		Summary: "The last passing DR test of a plan is older than its interval (12 months by default) or than the last substantive change."},
	// Error: the latest evidence shows the recovery does not work.
	{Code: CodeDRTestFailed, Severity: isms.SeverityError, Source: "A.5.30",
		Summary: "The latest evaluated DR test of a plan failed its objectives or criteria."},
	// Error: a failover nobody has exercised is no verified capability
	// (A.8.14).
	{Code: CodeFailoverUntested, Severity: isms.SeverityError, Source: "A.8.14",
		Summary: "A resource fails over but no evaluated failover or full-scale test covering it passed."},
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
// ISO/IEC 27001:2022 Annex A control it comes from.
func Rules() []isms.Rule { return slices.Clone(ruleTable[:]) }
