package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPersistedTour runs the example on a file of its own and checks what
// the data implies: after reopening, the three imported assets come back
// in ID order, the risk is at revision 2 (created, then assessed), and the
// journal holds 1 scope + 3 assets + 1 risk create + 1 assessment = 6
// writes and verifies.
func TestPersistedTour(t *testing.T) {
	var buf bytes.Buffer
	out = &buf
	t.Cleanup(func() { out = nil })
	require.NoError(t, run(filepath.Join(t.TempDir(), "isms.db")))
	got := buf.String()
	reopened := got[bytes.Index(buf.Bytes(), []byte("== Closed and reopened")):]
	for _, want := range []string{
		`scope scope-0001 "Acme online shop", revision 1, created 2026-11-22T09:00:00Z`,
		"asset cloudco       supplier    owner \"CTO\"\nasset customer-db   information owner \"head of sales\"\nasset shop-platform software    owner \"CTO\"\n",
		`risk risk-0001 "Ransomware encrypts the shop platform and its backups": current `,
		", revision 2\n",
		"6 writes journaled; last: #6 update risk/risk-0001 by ciso@acme.example",
		"journal hash chain verifies",
	} {
		assert.Contains(t, reopened, want)
	}
}
