package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRun checks the example's verdicts against what its data gives by
// hand: the DR test's recovery time and data loss, the four findings the
// shop's configuration has, the critical path, and the three files.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	require.NoError(t, run(context.Background(), &b, dir))
	out := b.String()
	for _, want := range []string{
		// 11:40 − 08:00 and 08:00 − 07:50
		"= PT3H40M", "= PT10M",
		// a daily backup cannot meet a 15-minute RPO
		"bcp.backup_interval_exceeds_rpo  orders-db",
		"backup interval PT24H exceeds the RPO PT15M",
		"bcp.dr_test_stale",
		"bcp.rto_not_achievable           checkout",
		"bcp.supplier_no_customer_dr      payroll-saas",
		"Findings at 2026-06-01 (4):",
		"Critical path: [checkout shop-app orders-db eu-region]",
		`changed activities[warehouse].rto: "PT24H" -> "PT12H"`,
		"is signed_off and immutable",
	} {
		assert.Contains(t, out, want)
	}
	for _, f := range []string{"graph.mmd", "graph.dot", "report.md"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err, f)
		assert.NotEmpty(t, data, f)
	}
}
