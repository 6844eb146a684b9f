package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRiskRegisterRunsOnTheCustomBackend runs the example: a risk register
// over the hand-written backend stores a risk, refuses an anonymous write
// and leaves a journal that verifies.
func TestRiskRegisterRunsOnTheCustomBackend(t *testing.T) {
	var buf bytes.Buffer
	out = &buf
	require.NoError(t, run())
	got := buf.String()
	assert.Contains(t, got, `risk risk-0001 "Laptop with customer data lost" stored at revision 1`)
	assert.Contains(t, got, "anonymous write refused:")
	assert.Contains(t, got, "journal #1 create risk/risk-0001 by risk-manager@acme.example\n")
	assert.NotContains(t, got, "journal #2", "the refused write is not journaled")
	assert.True(t, strings.HasSuffix(got, "journal hash chain verifies\n"), got)
}
