package risk_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

func cia(c, i, a string) []risk.DimensionImpact {
	return []risk.DimensionImpact{
		{Dimension: risk.Confidentiality, Impact: c},
		{Dimension: risk.Integrity, Impact: i},
		{Dimension: risk.Availability, Impact: a},
	}
}

func TestEvaluate(t *testing.T) {
	m := risk.Preset5x5()
	tests := []struct {
		name     string
		in       risk.Rating
		level    string
		impact   string
		decisive int
	}{
		// likely (4) × major (4) = 16: high.
		{"direct", risk.Rating{Likelihood: "likely", Impact: "major"}, "high", "major", -1},
		// max(major, minor, moderate) = major; possible (3) × 4 = 12: high.
		{"max by default", risk.Rating{Likelihood: "possible", Impacts: cia("major", "minor", "moderate")}, "high", "major", 0},
		// The first dimension at the maximum decides: availability.
		{"max decisive", risk.Rating{Likelihood: "rare", Impacts: cia("minor", "minor", "severe"), Rule: risk.RuleMax}, "medium", "severe", 2},
		// mean of indices (3+1+2)/3 = 2 -> moderate (3); possible 3 × 3 = 9: medium.
		{"mean exact", risk.Rating{Likelihood: "possible", Impacts: cia("major", "minor", "moderate"), Rule: risk.RuleMean}, "medium", "moderate", -1},
		// mean of indices (4+0+0)/3 = 1.33 -> rounded up to 2 (moderate); likely 4 × 3 = 12: high.
		{"mean rounded up", risk.Rating{Likelihood: "likely", Impacts: cia("severe", "insignificant", "insignificant"), Rule: risk.RuleMean}, "high", "moderate", -1},
		// One extra dimension only.
		{"extra dimension", risk.Rating{Likelihood: "almost_certain", Impacts: []risk.DimensionImpact{{Dimension: "safety", Impact: "severe"}}}, "very_high", "severe", 0},
		// Impacts take precedence over Impact.
		{"impacts win", risk.Rating{Likelihood: "rare", Impact: "severe", Impacts: cia("minor", "minor", "minor")}, "low", "minor", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := m.Evaluate(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.level, m.Risk[res.Level].ID)
			assert.Equal(t, tc.impact, m.Impact[res.Impact].ID)
			assert.Equal(t, tc.decisive, res.Decisive)
		})
	}
}

func TestEvaluateErrors(t *testing.T) {
	m := risk.Preset5x5()
	tests := map[string]risk.Rating{
		"unknown likelihood":  {Likelihood: "often", Impact: "major"},
		"no impact":           {Likelihood: "likely"},
		"unknown impact":      {Likelihood: "likely", Impact: "huge"},
		"unknown dim impact":  {Likelihood: "likely", Impacts: cia("major", "huge", "minor")},
		"dimension twice":     {Likelihood: "likely", Impacts: []risk.DimensionImpact{{Dimension: "integrity", Impact: "minor"}, {Dimension: "integrity", Impact: "major"}}},
		"unknown rule":        {Likelihood: "likely", Impacts: cia("major", "minor", "minor"), Rule: "sum"},
		"likelihood as level": {Likelihood: "high", Impact: "major"},
		// Assess would otherwise record an assessment that fails Validate.
		"malformed dimension": {Likelihood: "likely", Impacts: []risk.DimensionImpact{{Dimension: "Confidentiality", Impact: "major"}}},
		"empty dimension":     {Likelihood: "likely", Impacts: []risk.DimensionImpact{{Impact: "major"}}},
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := m.Evaluate(in)
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
}

func TestScoreOutOfRange(t *testing.T) {
	m := risk.Preset3x3()
	for _, c := range [][2]int{{-1, 0}, {0, -1}, {3, 0}, {0, 3}} {
		_, err := m.Score(c[0], c[1])
		assert.ErrorIs(t, err, isms.ErrInvalid, "%v", c)
	}
	// A malformed matrix is an error, never a panic.
	bad := &risk.Matrix{Name: "x", Version: "1", Likelihood: m.Likelihood, Impact: m.Impact, Risk: m.Risk, Grid: [][]int{{0, 9}}}
	_, err := bad.Score(0, 1)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = bad.Score(0, 2)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = bad.Score(1, 0)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	var empty risk.Matrix
	_, err = empty.Evaluate(risk.Rating{Likelihood: "a", Impact: "b"})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestExplain(t *testing.T) {
	m := risk.Preset5x5ISO27005()
	tr, err := m.Explain(risk.Rating{Likelihood: "likely", Impacts: cia("serious", "minor", "significant")})
	require.NoError(t, err)
	// Hand-worked: max(4, 2, 3) = 4 (serious); likely 4 + serious 4 = 8: high.
	assert.Equal(t, risk.TraceLevel{Index: 3, ID: "likely", Name: "Likely"}, tr.Likelihood)
	assert.Equal(t, risk.TraceLevel{Index: 3, ID: "serious", Name: "Serious"}, tr.Impact)
	assert.Equal(t, risk.TraceLevel{Index: 2, ID: "high", Name: "High"}, tr.Level)
	assert.Equal(t, [2]int{3, 3}, tr.Cell)
	assert.Equal(t, risk.RuleMax, tr.Rule)
	assert.Equal(t, "max(4, 2, 3) = 4, set by confidentiality", tr.Combination)
	assert.Equal(t, `matrix:     ismskit 5x5 ISO/IEC 27005-style (version 1)
likelihood: L4 of 5  Likely [likely]
impact:     I4 of 5  Serious [serious]  (confidentiality)
impact:     I2 of 5  Minor [minor]  (integrity)
impact:     I3 of 5  Significant [significant]  (availability)
rule:       max: max(4, 2, 3) = 4, set by confidentiality
impact:     I4 of 5  Serious [serious]  (combined)
cell:       grid[L4][I4]
level:      R3 of 4  High [high]
`, tr.String())

	tr, err = m.Explain(risk.Rating{Likelihood: "rare", Impacts: cia("critical", "negligible", "negligible"), Rule: risk.RuleMean})
	require.NoError(t, err)
	// Hand-worked: ordinals 5, 1, 1; sum 7 over 3 = 2.33, rounded up to 3
	// (significant); rare 1 + 3 = 4: low.
	assert.Equal(t, "mean(5, 1, 1) = 7/3, rounded up to 3", tr.Combination)
	assert.Equal(t, "significant", tr.Impact.ID)
	assert.Equal(t, "low", tr.Level.ID)

	tr, err = m.Explain(risk.Rating{Likelihood: "almost_certain", Impact: "critical"})
	require.NoError(t, err)
	assert.Empty(t, tr.Combination)
	assert.Contains(t, tr.String(), "impact:     I5 of 5  Critical [critical]  (given)\n")
	assert.Contains(t, tr.String(), "level:      R4 of 4  Very high [very_high]\n")

	_, err = m.Explain(risk.Rating{Likelihood: "never", Impact: "critical"})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestAssessAndRescore(t *testing.T) {
	m := risk.Preset5x5()
	at := time.Date(2025, 3, 4, 10, 0, 0, 123456789, time.FixedZone("CET", 3600))
	a, err := m.Assess(risk.Rating{Likelihood: "likely", Impacts: cia("major", "minor", "minor")}, "phishing seen monthly", "alice", at)
	require.NoError(t, err)
	assert.Equal(t, &risk.Assessment{
		Matrix:     risk.MatrixRef{Name: "ismskit 5x5", Version: "1"},
		Likelihood: "likely",
		Impacts:    cia("major", "minor", "minor"),
		Rule:       risk.RuleMax,
		Impact:     "major",
		Level:      "high",
		Rationale:  "phishing seen monthly",
		AssessedBy: "alice",
		AssessedAt: time.Date(2025, 3, 4, 9, 0, 0, 123456000, time.UTC),
	}, a)
	require.NoError(t, a.Validate())
	lvl, err := m.Rescore(a)
	require.NoError(t, err)
	assert.Equal(t, "high", lvl)

	direct, err := m.Assess(risk.Rating{Likelihood: "rare", Impact: "minor"}, "", "bob", at)
	require.NoError(t, err)
	assert.Empty(t, direct.Rule)
	assert.Empty(t, direct.Impacts)
	assert.Equal(t, "low", direct.Level)

	// Another version of the matrix refuses to re-score silently.
	m2 := risk.Preset5x5()
	m2.Version = "2"
	_, err = m2.Rescore(a)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = m.Rescore(nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	bad := a.Clone()
	bad.Likelihood = "nope"
	_, err = m.Rescore(bad)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	_, err = m.Assess(risk.Rating{Likelihood: "nope", Impact: "minor"}, "", "bob", at)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestAssessmentValidate(t *testing.T) {
	var a risk.Assessment
	err := a.Validate()
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, f := range []string{"matrix.name", "matrix.version", "likelihood", "impact", "level"} {
		assert.True(t, ve.Has(f, isms.CodeRequired), f)
	}
	a = risk.Assessment{Matrix: risk.MatrixRef{Name: "m", Version: "1"}, Likelihood: "l", Impact: "i", Level: "r", Rule: risk.RuleMax}
	err = a.Validate()
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("rule", isms.CodeForbidden))
	a.Impacts = []risk.DimensionImpact{{Dimension: "Bad", Impact: "i"}, {Dimension: "x", Impact: ""}, {Dimension: "x", Impact: "i"}}
	a.Rule = "sum"
	err = a.Validate()
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("impacts[0].dimension", isms.CodeMalformed))
	assert.True(t, ve.Has("impacts[1].impact", isms.CodeRequired))
	assert.True(t, ve.Has("impacts[2].dimension", isms.CodeDuplicate))
	assert.True(t, ve.Has("rule", isms.CodeUnknown))
}
