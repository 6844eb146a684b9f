package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestManagementTour checks what a reader can work out by hand from the
// example's data:
//   - seven policies (the information security policy and six topics) and
//     seven procedures, every policy implemented and approved by the
//     managing director: no policy or procedure finding;
//   - olaf requests access (IT operations, since 2024) and approves it (IT
//     lead, since March 2026): one sod.conflict, assignments ra-4 and ra-5;
//   - his backup course expired on 30 April 2026, before 1 June: one
//     competence.expired; everyone took awareness training in January:
//     coverage 6 of 6;
//   - the restore test failed on 28 May, so A.8.13, implemented in the
//     SoA, is ineffective; MFA passed at 06:00 today (daily), so A.8.5 is
//     effective; A.5.15 is implemented and unmonitored (info); A.7.7 is
//     partial, so not compared;
//   - writes: 6 people + 7 roles + 8 assignments + 14 documents + 1 RACI
//   - 4 SoD rules + 11 training records + 2 checks + 3 result updates = 56.
func TestManagementTour(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, run(&buf))
	got := buf.String()
	for _, want := range []string{
		"procedure proc-backup              Backup procedure",
		"implements pol-backup, steps: 2",
		"it-lead          IT lead            held by [ivan olaf]",
		"segregation of duties: 4 rules, 1 conflicts",
		"olaf: assignments ra-4 and ra-5",
		"awareness coverage 6 of 6 staff (100%) within P1Y",
		"refused: control_check cc-restore: results are append only: results[1] was changed",
		"cc-restore Monthly restore test             manual    every P1M  results: 2, latest fail on 2026-05-28",
		"control A.8.13  ineffective",
		"control A.8.5   effective",
		"5 findings:",
		`competence.expired               person/olaf              olaf's competence "backup_admin", required by role it-ops, expired on 2026-04-30`,
		"control.implemented_but_failing  control/A.8.13",
		"control_check.failed             control_check/cc-restore",
		"sod.conflict                     person/olaf",
		"info    control.implemented_unmonitored  control/A.5.15",
		"56 writes journaled; the hash chain verifies",
	} {
		assert.Contains(t, got, want)
	}
	for _, absent := range []string{"policy.", "procedure.", "raci.", "role.", "awareness.", "A.7.7 "} {
		assert.NotContains(t, got, "  "+absent, "no finding of that kind")
	}
	assert.Equal(t, 7, strings.Count(got, "\npolicy    "))
	assert.Equal(t, 7, strings.Count(got, "\nprocedure "))

	var again bytes.Buffer
	require.NoError(t, run(&again))
	assert.Equal(t, got, again.String(), "the tour is deterministic")
}
