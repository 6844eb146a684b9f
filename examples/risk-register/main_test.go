package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/risk"
)

func TestRunIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out", "heatmap.svg")
	var a, b bytes.Buffer
	require.NoError(t, run(context.Background(), &a, out, risk.StageCurrent))
	svgA, err := os.ReadFile(out)
	require.NoError(t, err)
	require.NoError(t, run(context.Background(), &b, out, risk.StageCurrent))
	svgB, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, a.String(), b.String())
	assert.Equal(t, svgA, svgB)

	report := a.String()
	for _, code := range []string{
		risk.CodeAcceptanceExpired, risk.CodeOwnerMissing, risk.CodeResidualLoweredWithoutControl,
		risk.CodeRetainedAboveAppetite, risk.CodeActionOverdue, risk.CodeControlExistingAndPlanned,
		risk.CodeCurrentNotAssessed, risk.CodeResidualMissing, risk.CodeReviewOverdue, risk.CodeTreatmentMissing,
		risk.CodePlanMissing,
	} {
		assert.Contains(t, report, code)
	}
	for _, line := range []string{
		// Acceptances are numbered apart from risks: R-08's was the first,
		// R-09's the second.
		// Create, three assessments and a treatment (5), then request and
		// submit in one step: revision 6 is what the owner signs off.
		"request risk.acceptance-0002 by risk-manager: submitted (revision 6)",
		`decision by it-ops refused: risk: decide acceptance: risk R-09: risk acceptance: cannot move from "submitted" to "accepted": guard approver_authorised failed: "it-ops" is not the risk owner or a delegated approver`,
		// Accepted on 3 March 2025 for a year.
		"decision by ciso: accepted; accepted level high (residual stage); expires 2026-03-03; risk status accepted",
		// Overdue is an error under the severity policy; a control listed
		// twice is only worth knowing.
		`error    risk.action_overdue                    R-01  action "Segment server VLANs" was due on 2025-05-31`,
		// R-06 was last assessed on 6 January (very_high: P3M): due 6 April.
		"error    risk.review_overdue                    R-06  the risk was due for review on 2025-04-06",
		"info     risk.control_existing_and_planned      R-06  control A.8.8 is listed as existing and as selected by the treatment",
		"== Expiry sweep by acceptance-sweep: acceptances expired on [R-08]; those risks are open again",
		// 12 creates, 33 assessments (three stages for ten risks, two for
		// R-03, one for R-10), 11 treatments, 2 × 2 acceptance steps
		// (request+submit, decide; the refused decision writes nothing), 11
		// reviews and 1 expiry.
		"== Journal: 72 writes, 0 anonymous, 1 by the sweep; the hash chain verifies",
	} {
		assert.Contains(t, report, line)
	}
	assert.Equal(t, 12, strings.Count(report, "\nR-"), "a dozen risks in the register table")

	dec := xml.NewDecoder(bytes.NewReader(svgA))
	cells := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "g" {
			for _, at := range el.Attr {
				if at.Name.Local == "class" && at.Value == "cell" {
					cells++
				}
			}
		}
	}
	assert.Equal(t, 25, cells)
}
