package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, run(&a))
	require.NoError(t, run(&b))
	assert.Equal(t, a.String(), b.String())
	out := a.String()
	// The plan: hypergeometric, 365 days, 95%, 10% tolerable.
	assert.Contains(t, out, "population deviations M = ceil(0.1 x 365) = ceil(36.5) = 37")
	assert.Contains(t, out, "re-performed against the same population: identical sample")
	assert.Contains(t, out, "re-performed against an edited population: sampling: reperform: population changed")
	assert.Contains(t, out, "conclusion: rely_as_planned")
	// Two deviations, within what the plan tolerates: an observation.
	assert.Contains(t, out, "checklist item A.8.15: observation (rely_as_planned, method reperform, 57 of 57 tested)")
}
