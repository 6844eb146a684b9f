package controls_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

func TestRecordSelections(t *testing.T) {
	cat := controls.ISO27001_2022()
	s := controls.NewSoA(cat)
	excluded := s.Entry("A.7.10")
	excluded.Applicability, excluded.ExclusionReason = controls.NotApplicable, controls.ExcludedOutsideScope
	decided := s.Entry("A.8.5")
	decided.Applicability = controls.Applicable
	decided.InclusionReasons = []controls.InclusionReason{controls.ReasonBestPractice}
	decided.Risks = []isms.Ref{isms.NewRef("risk", "R-2")}

	r1, r2 := isms.NewRef("risk", "R-1"), isms.NewRef("risk", "R-2")
	missing := s.RecordSelections([]isms.ControlSelection{
		{Control: "A.8.13", By: r1},
		{Control: "A.8.13", By: r1}, // twice: recorded once
		{Control: "A.8.13", By: r2},
		{Control: "A.8.5", By: r2}, // already listed
		{Control: "A.7.10", By: r1},
		{Control: "A.99", By: r1},
		{Control: "A.99", By: r2},
	})
	assert.Equal(t, []isms.ID{"A.99"}, missing)

	backup := s.Entry("A.8.13")
	assert.Equal(t, controls.Applicable, backup.Applicability, "pending becomes applicable")
	assert.Equal(t, []controls.InclusionReason{controls.ReasonRiskTreatment}, backup.InclusionReasons)
	assert.Equal(t, []isms.Ref{r1, r2}, backup.Risks)

	assert.Equal(t, []controls.InclusionReason{controls.ReasonRiskTreatment, controls.ReasonBestPractice}, decided.InclusionReasons)
	assert.Equal(t, []isms.Ref{r2}, decided.Risks)

	assert.Equal(t, controls.NotApplicable, excluded.Applicability, "an exclusion stays for a person to resolve")
	assert.Empty(t, excluded.Risks)
	fs := controls.CheckSoA(s, cat, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), &controls.SoACheckOptions{Selections: []controls.Selection{{Control: "A.7.10", By: r1}}})
	var found bool
	for _, f := range fs {
		found = found || (f.Code == controls.CodeSelectedControlExcluded && f.Subject.ID == "A.7.10")
	}
	assert.True(t, found)

	var nilSoA *controls.SoA
	assert.Nil(t, nilSoA.RecordSelections([]isms.ControlSelection{{Control: "A.8.13", By: r1}}))
	assert.Nil(t, s.RecordSelections(nil))
	require.Equal(t, controls.KindControl, isms.KindControl)
}
