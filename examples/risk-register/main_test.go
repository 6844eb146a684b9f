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
	} {
		assert.Contains(t, report, code)
	}
	assert.Contains(t, report, "decision by it-ops refused")
	assert.Contains(t, report, "acceptances expired on [R-08]")
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
