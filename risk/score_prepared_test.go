package risk_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// TestEvaluatePreparedIsEvaluate: for every rating of the 5x5 preset
// (direct, per dimension under max and mean) the prepared score is the
// score.
func TestEvaluatePreparedIsEvaluate(t *testing.T) {
	m := risk.Preset5x5()
	var ratings []risk.Rating
	for _, l := range m.Likelihood {
		for _, i := range m.Impact {
			ratings = append(ratings,
				risk.Rating{Likelihood: l.ID, Impact: i.ID},
				risk.Rating{Likelihood: l.ID, Impacts: cia(i.ID, "minor", "moderate")},
				risk.Rating{Likelihood: l.ID, Impacts: cia("minor", i.ID, "major"), Rule: risk.RuleMean})
		}
	}
	for _, in := range ratings {
		want, err := m.Evaluate(in)
		require.NoError(t, err)
		p, err := m.Prepare(in)
		require.NoError(t, err)
		got, err := m.EvaluatePrepared(p)
		require.NoError(t, err)
		assert.Equal(t, want, got, "%+v", in)
	}
	// Hand-worked: likely is likelihood index 3; the impacts minor (1),
	// major (3) and moderate (2) have the mean ceil(6 / 3) = 2, moderate;
	// the level is the preset's Grid[3][2] (likely x moderate = 4 x 3 =
	// 12, high).
	p, err := m.Prepare(risk.Rating{Likelihood: "likely", Impacts: cia("minor", "major", "moderate"), Rule: risk.RuleMean})
	require.NoError(t, err)
	got, err := m.EvaluatePrepared(p)
	require.NoError(t, err)
	assert.Equal(t, risk.Result{Likelihood: 3, Impact: 2, Level: m.Grid[3][2], Decisive: -1}, got)
	assert.Equal(t, "high", m.Risk[got.Level].ID)
}

func TestEvaluatePreparedRefused(t *testing.T) {
	m := risk.Preset5x5()
	_, err := m.Prepare(risk.Rating{Likelihood: "often", Impact: "major"})
	assert.ErrorIs(t, err, isms.ErrInvalid, "Evaluate's errors")
	p, err := m.Prepare(risk.Rating{Likelihood: "likely", Impact: "major"})
	require.NoError(t, err)
	other := m.Clone()
	other.Version = "2"
	_, err = other.EvaluatePrepared(p)
	assert.ErrorIs(t, err, isms.ErrInvalid, "prepared with another version")
	_, err = risk.Preset3x3().EvaluatePrepared(p)
	assert.ErrorIs(t, err, isms.ErrInvalid, "another matrix")
	shrunk := m.Clone()
	shrunk.Risk = shrunk.Risk[:2]
	_, err = shrunk.EvaluatePrepared(p)
	assert.ErrorIs(t, err, isms.ErrInvalid, "scales changed")
	_, err = m.EvaluatePrepared(risk.PreparedRating{})
	assert.ErrorIs(t, err, isms.ErrInvalid, "zero")
	_, err = (*risk.Matrix)(nil).EvaluatePrepared(p)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = (*risk.Matrix)(nil).Prepare(risk.Rating{})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
