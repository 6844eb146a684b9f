package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTour checks what a reader can work out from the tour's data: 9
// skipped days in a sample of 57 is a 15.8% sample rate, above the 10%
// tolerable rate, so the sample does not support reliance and the item is
// a nonconformity; the SoA awaiting approval bars Stage 1; the open major
// nonconformity bars Stage 2 only; once verified effective both are ready.
func TestTour(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, run(&a))
	require.NoError(t, run(&b))
	assert.Equal(t, a.String(), b.String(), "the tour is deterministic")
	out := a.String()
	for _, want := range []string{
		"A.5.15: 57 days sampled, 9 deviations",
		"-> do_not_rely (nonconformity)",
		"management review: 0 inputs missing, 1 open nonconformities, 1 incidents",
		"== SoA awaiting approval\nStage 1: not ready\n  audit.readiness.soa_not_approved: ",
		"== SoA approved, major nonconformity open\nStage 1: ready\nStage 2: not ready\n  audit.finding.major_open: ",
		"== corrective action verified effective\nStage 1: ready\nStage 2: ready\n",
		"| 6.1.3 | Information security risk treatment | conforming | 0 |",
		"| A.5.15 | Access control | conforming | implemented | effective | 0 |",
		"journal hash chain verifies",
	} {
		assert.Contains(t, out, want)
	}
}
