package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickstartTour runs the tour and checks what a reader can work out
// by hand from its data: the backup procedure was published two years
// before "today" with a yearly review, so its review is overdue; the
// supplier asset has no owner; the policy published three months ago is
// current; the SoA covers the 93 Annex A controls; the breach detected 30
// hours before today (2026-11-21 03:00 UTC) must reach the supervisory
// authority 72 hours after detection (GDPR Art. 33); the shop platform's
// six-hour restore misses order processing's four-hour RTO and its nightly
// backup the one-hour RPO; Bob, who requests access in IT operations, has
// also approved it since he began deputising for the CTO a month ago (one
// segregation-of-duties conflict), and last week's restore test failed;
// the readiness report finds what a tour ISMS lacks for Stage 1 (no
// issues, objectives, interested parties, audit programme or roles are
// recorded) and, for Stage 2, no internal audit, management review or
// control monitoring, and records that start with this week's risk
// assessment and incident, not three months ago; every write is journaled (11 for the ISMS, risk
// and SoA, 3 for the incident's report and two steps, 2 for the BIA's
// draft and sign-off) and the journal verifies.
func TestQuickstartTour(t *testing.T) {
	var buf bytes.Buffer
	out = &buf
	t.Cleanup(func() { out = nil })
	require.NoError(t, run())
	got := buf.String()
	for _, want := range []string{
		`document document-0002 "Backup procedure"`,
		"next 2025-11-22: overdue",
		"next 2027-08-22: current",
		"document.review_overdue         document/document-0002",
		"asset.owner_missing             asset/cloudco",
		"cannot approve a document they wrote",
		"current high, residual medium",
		"cell:       grid[L4][I4]",
		"93 controls",
		"soa.planned_date_passed         control/A.8.13",
		"gdpr.art33  pending      due 2026-11-24T03:00:00Z",
		"bcp.rto_not_achievable          bcp.activity/order-processing  achievable recovery PT6H exceeds the RTO PT4H",
		"bcp.backup_interval_exceeds_rpo bcp.resource/shop-platform     backup interval PT24H exceeds the RPO PT1H",
		"bcp.plan_missing                bcp.activity/order-processing",
		"sod.conflict                    person/bob",
		"bob holds access.request (ra-2) and access.approve (ra-3)",
		"control_check.failed            control_check/cc-restore       control check \"Monthly restore test\" failed on 2026-11-15",
		"Stage 1 ready: false\n  audit.readiness.context_missing\n  audit.readiness.objectives_missing\n" +
			"  audit.readiness.parties_missing\n  audit.readiness.programme_missing\n  audit.readiness.roles_missing\n",
		"Stage 2 ready: false\n  audit.readiness.stage1_not_ready\n  audit.readiness.internal_audit_missing\n" +
			"  audit.readiness.management_review_missing\n  audit.readiness.monitoring_missing\n  audit.readiness.records_too_short\n",
		"16 writes journaled",
		"journal hash chain verifies",
	} {
		assert.Contains(t, got, want)
	}
	assert.NotContains(t, got, "soa.selection_not_recorded", "the SoA records the risk treatment's selections")

	var again bytes.Buffer
	out = &again
	require.NoError(t, run())
	assert.Equal(t, got, again.String(), "the tour is deterministic")
	assert.Equal(t, 8, strings.Count(got, "\n  warning ")+strings.Count(got, "\n  error "), "findings printed")
}
