package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRunDeadlines checks the deadlines the example prints against the
// regulations' texts, worked out by hand from its timeline (all times UTC;
// Brussels is UTC+2 in June): detection 06-01 05:00, classified major and
// significant 08:00, DORA initial and NIS2 early warning submitted 11:00,
// GDPR and NIS2 notifications submitted 06-02 12:00, DORA intermediate
// submitted 06-03 18:00.
func TestRunDeadlines(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, run(context.Background(), &b))
	out := b.String()
	for obligation, due := range map[string]string{
		// GDPR Art. 33(1): 72 hours after becoming aware (05:00 + 72 h).
		"gdpr.art33": "2026-06-04 07:00 CEST",
		// NIS2 Art. 23(4)(a): early warning within 24 hours of awareness.
		"nis2.early_warning": "2026-06-02 07:00 CEST",
		// NIS2 Art. 23(4)(b): notification within 72 hours of awareness.
		"nis2.notification": "2026-06-04 07:00 CEST",
		// DORA RTS: initial within 4 hours of classification (08:00 + 4 h).
		"dora.initial": "2026-06-01 14:00 CEST",
		// DORA RTS: intermediate within 72 hours of the initial
		// notification's submission (11:00 + 72 h).
		"dora.intermediate": "2026-06-04 13:00 CEST",
		// DORA RTS: final within one month of the intermediate report's
		// submission (06-03 18:00 + 1 month).
		"dora.final": "2026-07-03 20:00 CEST",
		// NIS2 Art. 23(4)(d): final report one month after the
		// notification's submission (06-02 12:00 + 1 month).
		"nis2.final": "2026-07-02 14:00 CEST",
	} {
		re := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(obligation) + `\s+\S+\s+` + regexp.QuoteMeta(due))
		assert.Regexp(t, re, out, obligation)
	}
	// At the final report every deadline that ran was met.
	final := out[bytes.LastIndex(b.Bytes(), []byte("Obligations at the final report")):]
	assert.NotContains(t, final, "overdue")
	assert.NotContains(t, final, "submitted_late")
	assert.Contains(t, out, "asset/payments-app")
}
