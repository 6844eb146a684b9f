package bcp_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
)

func d(s string) isms.Duration {
	v, err := isms.ParseDuration(s)
	if err != nil {
		panic(err)
	}
	return v
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func yes() *bool { b := true; return &b }

// checkNow is the time of the baseline checks.
var checkNow = at("2026-06-01T00:00:00Z")

// baseline returns a snapshot on which no rule fires at checkNow. The
// hand-worked values:
//
//	checkout: RTO PT4H, RPO PT1H, MTPD PT8H, resume PT30M, parallel over
//	  app and pay; impacts PT2H minor, PT4H moderate, PT12H major
//	  (intolerable = major), so the derived MTPD is PT12H.
//	db:  restore PT2H; backup PT15M + PT5M job + PT5M transfer = PT25M
//	  worst case ≤ PT1H; offline copy.
//	app: restore PT1H after db: 1h + 2h = PT3H.
//	pay: supplier, contracted RTO PT2H, RPO PT15M; the provider recovers.
//	checkout achievable: 30m + max(app 3h, pay 2h) = PT3H30M ≤ PT4H.
//	plan-checkout: PT1H + PT2H = PT3H ≤ PT4H; review due 2026-12-01.
//	t1: full scale, disrupted 10:00, restored 13:30 (PT3H30M ≤ PT4H),
//	  restore point 09:40 (PT20M ≤ PT1H), executed 2026-03-01: due again
//	  2027-03-01.
func baseline() *bcp.Snapshot {
	return &bcp.Snapshot{
		BIA: &bcp.BIA{
			ID: "bia", Version: 1,
			ImpactScale:      []string{"minor", "moderate", "major", "severe"},
			IntolerableLevel: "major",
			Activities: []bcp.Activity{{
				ID: "checkout", Name: "Checkout", Owner: "olivia", Criticality: bcp.CriticalityCritical,
				MTPD: d("PT8H"), RTO: d("PT4H"), RPO: d("PT1H"), ResumeTime: d("PT30M"),
				Impacts: []bcp.ImpactThreshold{
					{After: d("PT2H"), Level: "minor"},
					{After: d("PT4H"), Level: "moderate"},
					{After: d("PT12H"), Level: "major", Quantity: &bcp.Quantity{Value: 50000, Unit: "EUR"}},
				},
				MBCO:      &bcp.Quantity{Value: 100, Unit: "orders per hour"},
				DependsOn: []isms.ID{"app", "pay"},
			}},
			Resources: []bcp.Resource{
				{ID: "app", Name: "Shop app", Kind: bcp.ResourceApplication, RestoreTime: d("PT1H"), RestoreMeasured: true,
					DependsOn: []isms.ID{"db"}},
				{ID: "db", Name: "Orders DB", Kind: bcp.ResourceDataStore, RestoreTime: d("PT2H"),
					Asset:  isms.NewRef(isms.KindAsset, "asset-db"),
					Backup: &bcp.BackupSchedule{Interval: d("PT15M"), JobDuration: d("PT5M"), TransferLag: d("PT5M"), Offline: true}},
				{ID: "pay", Name: "Payment provider", Kind: bcp.ResourceSupplier,
					SLA: &bcp.SLA{RTO: d("PT2H"), RPO: d("PT15M"), ProviderRecovers: []string{"payments"}}},
			},
		},
		Plans: []bcp.RecoveryPlan{{
			ID: "plan-checkout", Name: "Recover checkout", Target: "checkout", Owner: "olivia",
			ReviewDue: at("2026-12-01T00:00:00Z"), ChangedAt: at("2026-01-01T00:00:00Z"),
			Steps: []bcp.PlanStep{
				{Name: "Restore the database", Role: "DBA", Resources: []isms.ID{"db"}, Duration: d("PT1H")},
				{Name: "Start the app", Role: "SRE", Resources: []isms.ID{"app"}, Duration: d("PT2H")},
			},
		}},
		Tests: []bcp.DRTest{{
			Meta: isms.Meta{ID: "t1"}, Name: "Full-scale 2026", Kind: bcp.DRTestFullScale, Plan: "plan-checkout",
			Status:     bcp.DRTestEvaluated,
			ExecutedAt: at("2026-03-01T10:00:00Z"), DisruptedAt: at("2026-03-01T10:00:00Z"),
			RestoredAt: at("2026-03-01T13:30:00Z"), RestorePoint: at("2026-03-01T09:40:00Z"),
			Criteria: []bcp.Criterion{{Description: "orders flow", Met: yes()}},
			Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-1")},
		}},
	}
}

func TestBaselineIsValidAndClean(t *testing.T) {
	s := baseline()
	require.NoError(t, s.Validate())
	assert.Empty(t, bcp.Check(s, checkNow))
}

func res(s *bcp.Snapshot, id isms.ID) *bcp.Resource {
	for i := range s.BIA.Resources {
		if s.BIA.Resources[i].ID == id {
			return &s.BIA.Resources[i]
		}
	}
	panic("no resource " + id)
}

func act(s *bcp.Snapshot) *bcp.Activity { return &s.BIA.Activities[0] }

// TestCheckCodes triggers each code on the baseline and shows, with the
// closest change that must not trigger it, where its boundary lies.
func TestCheckCodes(t *testing.T) {
	actRef := isms.NewRef(bcp.KindActivity, "checkout")
	dbRef := isms.NewRef(bcp.KindResource, "db")
	payRef := isms.NewRef(bcp.KindResource, "pay")
	planRef := isms.NewRef(bcp.KindPlan, "plan-checkout")
	cases := []struct {
		code    string
		fire    func(*bcp.Snapshot)
		quiet   func(*bcp.Snapshot)
		now     time.Time // zero: checkNow
		qnow    time.Time // of the quiet case; zero: now
		subject isms.Ref
		details map[string]string
	}{
		{code: bcp.CodeOwnerMissing, subject: actRef,
			fire:  func(s *bcp.Snapshot) { act(s).Owner = "" },
			quiet: func(s *bcp.Snapshot) { act(s).Owner = "someone" }},
		{code: bcp.CodeRTOExceedsMTPD, subject: actRef,
			// 9h > 8h; 7h is within.
			fire:    func(s *bcp.Snapshot) { act(s).RTO = d("PT9H") },
			quiet:   func(s *bcp.Snapshot) { act(s).RTO = d("PT7H") },
			details: map[string]string{"rto": "PT9H", "mtpd": "PT8H"}},
		{code: bcp.CodeRTOExceedsMTPD, subject: actRef,
			// No declared MTPD: the derived PT12H applies; 13h > 12h.
			fire:    func(s *bcp.Snapshot) { act(s).MTPD = isms.Duration{}; act(s).RTO = d("PT13H") },
			quiet:   func(s *bcp.Snapshot) { act(s).MTPD = isms.Duration{}; act(s).RTO = d("PT11H") },
			details: map[string]string{"rto": "PT13H", "derived_mtpd": "PT12H"}},
		{code: bcp.CodeRTOEqualsMTPD, subject: actRef,
			fire:    func(s *bcp.Snapshot) { act(s).RTO = d("PT8H") },
			quiet:   func(s *bcp.Snapshot) { act(s).RTO = d("PT7H59M") },
			details: map[string]string{"rto": "PT8H", "mtpd": "PT8H"}},
		{code: bcp.CodeMTPDExceedsDerived, subject: actRef,
			// The first threshold at or above "major" is PT12H.
			fire:    func(s *bcp.Snapshot) { act(s).MTPD = d("PT13H") },
			quiet:   func(s *bcp.Snapshot) { act(s).MTPD = d("PT12H") },
			details: map[string]string{"mtpd": "PT13H", "derived_mtpd": "PT12H"}},
		{code: bcp.CodeDependencyRTOExceedsDependent, subject: dbRef,
			// db declares 5h; checkout, through app, needs 4h.
			fire:    func(s *bcp.Snapshot) { res(s, "db").RTO = d("PT5H") },
			quiet:   func(s *bcp.Snapshot) { res(s, "db").RTO = d("PT4H") },
			details: map[string]string{"rto": "PT5H", "dependent_rto": "PT4H", "set_by": "checkout", "path": "checkout → app → db"}},
		{code: bcp.CodeDependencyRPOExceedsDependent, subject: dbRef,
			fire:    func(s *bcp.Snapshot) { res(s, "db").RPO = d("PT2H") },
			quiet:   func(s *bcp.Snapshot) { res(s, "db").RPO = d("PT1H") },
			details: map[string]string{"rpo": "PT2H", "dependent_rpo": "PT1H", "set_by": "checkout", "path": "checkout → app → db"}},
		{code: bcp.CodeRTONotAchievable, subject: actRef,
			// db 3h: app 1h + 3h = 4h; checkout 30m + max(4h, 2h) = 4h30m > 4h.
			// db 2h30m: checkout 30m + 3h30m = 4h, within.
			fire:  func(s *bcp.Snapshot) { res(s, "db").RestoreTime = d("PT3H") },
			quiet: func(s *bcp.Snapshot) { res(s, "db").RestoreTime = d("PT2H30M") },
			details: map[string]string{"rto": "PT4H", "achievable_rto": "PT4H30M", "path": "checkout → app → db",
				"trace": "PT30M resume + max(app PT4H, pay PT2H) = PT4H30M"}},
		{code: bcp.CodeRPONotAchievable, subject: dbRef,
			// 15m + 40m + 10m = 65m > 60m; with a 35m job 15 + 35 + 10 = 60m.
			fire: func(s *bcp.Snapshot) {
				res(s, "db").Backup.JobDuration, res(s, "db").Backup.TransferLag = d("PT40M"), d("PT10M")
			},
			quiet: func(s *bcp.Snapshot) {
				res(s, "db").Backup.JobDuration, res(s, "db").Backup.TransferLag = d("PT35M"), d("PT10M")
			},
			details: map[string]string{"rpo": "PT1H", "worst_case_rpo": "PT1H5M", "set_by": "checkout",
				"trace": "backup: PT15M interval + PT40M job + PT10M transfer = PT1H5M"}},
		{code: bcp.CodeRPONotAchievable, subject: dbRef,
			// Verified copies only: 15 + 5 + 5 + 40m verification = 65m.
			fire: func(s *bcp.Snapshot) {
				res(s, "db").Backup.VerifiedOnly, res(s, "db").Backup.VerificationDelay = true, d("PT40M")
			},
			quiet:   func(s *bcp.Snapshot) { res(s, "db").Backup.VerificationDelay = d("PT40M") },
			details: map[string]string{"worst_case_rpo": "PT1H5M"}},
		{code: bcp.CodeBackupIntervalExceedsRPO, subject: dbRef,
			fire: func(s *bcp.Snapshot) { res(s, "db").Backup.Interval = d("PT2H") },
			// Replication with a 5m lag meets the RPO whatever the backup.
			quiet: func(s *bcp.Snapshot) {
				res(s, "db").Backup.Interval = d("PT2H")
				res(s, "db").ReplicationLag = d("PT5M")
			},
			details: map[string]string{"interval": "PT2H", "rpo": "PT1H"}},
		{code: bcp.CodeNoOfflineCopy, subject: dbRef,
			fire: func(s *bcp.Snapshot) { res(s, "db").Backup.Offline = false },
			quiet: func(s *bcp.Snapshot) {
				res(s, "db").Backup.Offline, res(s, "db").Backup.Immutable = false, true
			},
			details: map[string]string{"criticality": "critical"}},
		{code: bcp.CodeNoOfflineCopy, subject: dbRef,
			// Only for critical activities' data.
			fire:  func(s *bcp.Snapshot) { res(s, "db").Backup.Offline = false },
			quiet: func(s *bcp.Snapshot) { res(s, "db").Backup.Offline = false; act(s).Criticality = bcp.CriticalityHigh }},
		{code: bcp.CodeSupplierSLAExceedsObjective, subject: payRef,
			fire:    func(s *bcp.Snapshot) { res(s, "pay").SLA.RTO = d("PT5H") },
			quiet:   func(s *bcp.Snapshot) { res(s, "pay").SLA.RTO = d("PT3H30M") },
			details: map[string]string{"sla": "PT5H", "objective": "PT4H", "set_by": "checkout", "path": "checkout → pay"}},
		{code: bcp.CodeSupplierNoCustomerDR, subject: payRef,
			fire: func(s *bcp.Snapshot) { res(s, "pay").SLA.CustomerRecovers = []string{"merchant settings"} },
			quiet: func(s *bcp.Snapshot) {
				res(s, "pay").SLA.CustomerRecovers = []string{"merchant settings"}
				s.Tests[0].Resources = []isms.ID{"pay"}
			},
			details: map[string]string{"customer_recovers": "merchant settings"}},
		{code: bcp.CodeDependencyCycle, subject: isms.NewRef(bcp.KindResource, "app"),
			fire:    func(s *bcp.Snapshot) { res(s, "db").DependsOn = []isms.ID{"app"} },
			quiet:   func(s *bcp.Snapshot) { res(s, "pay").DependsOn = []isms.ID{"db"} },
			details: map[string]string{"path": "app → db → app"}},
		{code: bcp.CodeObjectiveMissing, subject: actRef,
			fire: func(s *bcp.Snapshot) { act(s).RPO = isms.Duration{} },
			// The derived MTPD stands in for a missing declared one.
			quiet:   func(s *bcp.Snapshot) { act(s).MTPD = isms.Duration{} },
			details: map[string]string{"missing": "rpo"}},
		{code: bcp.CodeObjectiveMissing, subject: actRef,
			fire: func(s *bcp.Snapshot) {
				act(s).MTPD, act(s).Impacts = isms.Duration{}, act(s).Impacts[:2]
			},
			quiet:   func(s *bcp.Snapshot) { act(s).Impacts = act(s).Impacts[:2] },
			details: map[string]string{"missing": "mtpd"}},
		{code: bcp.CodePlanMissing, subject: actRef,
			fire:    func(s *bcp.Snapshot) { s.Plans, s.Tests = nil, nil },
			quiet:   func(s *bcp.Snapshot) { s.Plans, s.Tests = nil, nil; act(s).Criticality = bcp.CriticalityMedium },
			details: map[string]string{"criticality": "critical"}},
		{code: bcp.CodePlanExceedsRTO, subject: planRef,
			// 1h + 3h1m = 4h1m > 4h.
			fire:    func(s *bcp.Snapshot) { s.Plans[0].Steps[1].Duration = d("PT3H1M") },
			quiet:   func(s *bcp.Snapshot) { s.Plans[0].Steps[1].Duration = d("PT3H") },
			details: map[string]string{"expected_duration": "PT4H1M", "rto": "PT4H", "trace": "PT1H + PT3H1M = PT4H1M"}},
		{code: bcp.CodePlanReviewOverdue, subject: planRef,
			fire:    func(s *bcp.Snapshot) { s.Plans[0].ReviewDue = at("2026-05-31T23:59:59Z") },
			quiet:   func(s *bcp.Snapshot) { s.Plans[0].ReviewDue = checkNow },
			details: map[string]string{"review_due": "2026-05-31T23:59:59Z", "now": "2026-06-01T00:00:00Z"}},
		{code: bcp.CodeDRTestMissing, subject: planRef,
			fire:  func(s *bcp.Snapshot) { s.Tests = nil },
			quiet: func(s *bcp.Snapshot) {}},
		{code: bcp.CodeDRTestMissing, subject: planRef,
			// A merely executed test is no evidence; a closed one is.
			fire:  func(s *bcp.Snapshot) { s.Tests[0].Status = bcp.DRTestExecuted },
			quiet: func(s *bcp.Snapshot) { s.Tests[0].Status = bcp.DRTestClosed }},
		{code: bcp.CodeDRTestStale, subject: planRef,
			// Executed 2026-03-01T10:00 + P12M = 2027-03-01T10:00.
			fire:    func(s *bcp.Snapshot) { s.Plans[0].ReviewDue = time.Time{} },
			quiet:   func(s *bcp.Snapshot) { s.Plans[0].ReviewDue = time.Time{} },
			now:     at("2027-03-01T10:00:01Z"),
			qnow:    at("2027-03-01T10:00:00Z"),
			details: map[string]string{"executed_at": "2026-03-01T10:00:00Z", "interval": "P12M", "due": "2027-03-01T10:00:00Z"}},
		{code: bcp.CodeDRTestStale, subject: planRef,
			// The database changed after the last passing test.
			fire:    func(s *bcp.Snapshot) { res(s, "db").ChangedAt = at("2026-04-01T00:00:00Z") },
			quiet:   func(s *bcp.Snapshot) { res(s, "db").ChangedAt = at("2026-02-01T00:00:00Z") },
			details: map[string]string{"changed": "db", "changed_at": "2026-04-01T00:00:00Z"}},
		{code: bcp.CodeDRTestFailed, subject: planRef,
			// Restored 14:30 − 10:00 = 4h30m > 4h; 14:00 gives 4h exactly.
			fire:  func(s *bcp.Snapshot) { s.Tests[0].RestoredAt = at("2026-03-01T14:30:00Z") },
			quiet: func(s *bcp.Snapshot) { s.Tests[0].RestoredAt = at("2026-03-01T14:00:00Z") },
			details: map[string]string{"rto": "PT4H", "measured_rto": "PT4H30M",
				"failures": "measured RTO PT4H30M exceeds RTO PT4H"}},
		{code: bcp.CodeDRTestFailed, subject: planRef,
			fire:    func(s *bcp.Snapshot) { no := false; s.Tests[0].Criteria[0].Met = &no },
			quiet:   func(s *bcp.Snapshot) { s.Tests[0].Criteria = nil },
			details: map[string]string{"failures": "criterion 1 not met: orders flow"}},
		{code: bcp.CodeFailoverUntested, subject: dbRef,
			// A backup-restore test does not exercise the failover; the
			// full-scale test covers db through the plan's first step.
			fire: func(s *bcp.Snapshot) {
				res(s, "db").Failover = &bcp.Failover{Mode: bcp.FailoverAutomatic, Time: d("PT10M")}
				s.Tests[0].Kind = bcp.DRTestBackupRestore
			},
			quiet: func(s *bcp.Snapshot) {
				res(s, "db").Failover = &bcp.Failover{Mode: bcp.FailoverAutomatic, Time: d("PT10M")}
			},
			details: map[string]string{"mode": "automatic"}},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		seen[tc.code] = true
		now := tc.now
		if now.IsZero() {
			now = checkNow
		}
		t.Run(tc.code+"/fires", func(t *testing.T) {
			s := baseline()
			tc.fire(s)
			fs := isms.WithCode(bcp.Check(s, now), tc.code)
			require.Len(t, fs, 1, "findings %+v", fs)
			f := fs[0]
			assert.Equal(t, tc.subject, f.Subject)
			assert.NotEmpty(t, f.Message)
			for k, v := range tc.details {
				assert.Equal(t, v, f.Details[k], "detail %s", k)
			}
		})
		qnow := tc.qnow
		if qnow.IsZero() {
			qnow = now
		}
		t.Run(tc.code+"/quiet", func(t *testing.T) {
			s := baseline()
			tc.quiet(s)
			assert.Empty(t, isms.WithCode(bcp.Check(s, qnow), tc.code))
		})
	}
	for _, r := range bcp.Rules() {
		assert.True(t, seen[r.Code], "no test case for %s", r.Code)
	}
}

func TestRulesAreDottedUniqueAndComplete(t *testing.T) {
	codes := map[string]bool{}
	for _, r := range bcp.Rules() {
		assert.Regexp(t, `^bcp\.[a-z_]+$`, r.Code)
		assert.False(t, codes[r.Code], "duplicate %s", r.Code)
		codes[r.Code] = true
		assert.True(t, r.Severity.IsValid())
		assert.NotEmpty(t, r.Summary)
	}
	// The codes the issue fixes, plus owner_missing (SDK-wide) and
	// plan_review_overdue.
	for _, c := range []string{"bcp.rto_exceeds_mtpd", "bcp.rto_equals_mtpd", "bcp.mtpd_exceeds_derived",
		"bcp.dependency_rto_exceeds_dependent", "bcp.dependency_rpo_exceeds_dependent", "bcp.rto_not_achievable",
		"bcp.rpo_not_achievable", "bcp.backup_interval_exceeds_rpo", "bcp.no_offline_copy",
		"bcp.supplier_sla_exceeds_objective", "bcp.supplier_no_customer_dr", "bcp.dependency_cycle",
		"bcp.objective_missing", "bcp.plan_missing", "bcp.plan_exceeds_rto", "bcp.dr_test_missing",
		"bcp.dr_test_stale", "bcp.dr_test_failed", "bcp.failover_untested", "bcp.owner_missing", "bcp.plan_review_overdue"} {
		assert.True(t, codes[c], c)
	}
	assert.Len(t, codes, 21)
	for _, r := range bcp.Rules() {
		want := isms.SeverityError
		if r.Code == bcp.CodeRTOEqualsMTPD {
			want = isms.SeverityWarning
		}
		assert.Equal(t, want, r.Severity, r.Code)
	}
}
