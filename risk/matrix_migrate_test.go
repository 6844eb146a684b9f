package risk_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// nextVersion is the 5x5 preset in version "2": the cell (likely, major)
// moves from high to very_high; every other cell is unchanged.
func nextVersion(t testing.TB) *risk.Matrix {
	m := risk.Preset5x5()
	m.Version = "2"
	l, i := m.LikelihoodIndex("likely"), m.ImpactIndex("major")
	m.Grid[l][i] = m.RiskIndex("very_high")
	m.Monotonic = false
	require.NoError(t, m.Validate())
	return m
}

func TestMigrateAssessments(t *testing.T) {
	v1, v2 := risk.Preset5x5(), nextVersion(t)
	r := &risk.Risk{
		Meta:     isms.Meta{ID: "r1"},
		Inherent: mustAssess(t, v1, "almost_certain", "major", t0), // 20 very_high in both
		Current:  mustAssess(t, v1, "likely", "major", t0),         // high in v1, very_high in v2
		Residual: mustAssess(t, v1, "possible", "moderate", t0),    // 9 medium in both
	}
	before := r.Clone()
	mig, err := risk.MigrateAssessments(r, v1, v2)
	require.NoError(t, err)
	assert.Equal(t, v1.Ref(), mig.From)
	assert.Equal(t, v2.Ref(), mig.To)
	assert.Equal(t, []risk.MigratedAssessment{
		{Risk: "r1", Stage: risk.StageInherent, Level: "very_high"},
		{Risk: "r1", Stage: risk.StageResidual, Level: "medium"},
	}, mig.Migrated)
	require.Len(t, mig.Reassess, 1)
	assert.Equal(t, risk.StageCurrent, mig.Reassess[0].Stage)
	assert.Contains(t, mig.Reassess[0].Reason, `gives level "high"`)
	assert.Equal(t, v2.Ref(), r.Inherent.Matrix)
	assert.Equal(t, v2.Ref(), r.Residual.Matrix)
	assert.Equal(t, v1.Ref(), r.Current.Matrix, "left for a person")
	assert.Equal(t, before.Inherent.AssessedAt, r.Inherent.AssessedAt, "re-scored, not re-assessed")

	// Checked against v2: the migrated ones are current, the other one is
	// reported outdated.
	fs, err := risk.Check(r, v2, checkNow, nil)
	require.NoError(t, err)
	outdated := 0
	for _, f := range fs {
		if f.Code == risk.CodeMatrixOutdated {
			outdated++
			assert.Equal(t, "current.matrix", f.Field)
		}
	}
	assert.Equal(t, 1, outdated)

	// A removed level and an inconsistent record need a person too.
	v3 := risk.Preset5x5()
	v3.Version = "3"
	v3.Likelihood[0].ID = "very_rare" // "rare" is gone
	require.NoError(t, v3.Validate())
	odd := &risk.Risk{Meta: isms.Meta{ID: "r2"}, Current: mustAssess(t, v1, "rare", "minor", t0), Residual: mustAssess(t, v1, "possible", "minor", t0)}
	odd.Residual.Level = "very_high" // possible 3 × minor 2 = 6 is low, not very_high
	mig, err = risk.MigrateAssessments(odd, v1, v3)
	require.NoError(t, err)
	assert.Empty(t, mig.Migrated)
	require.Len(t, mig.Reassess, 2)
	assert.Contains(t, mig.Reassess[0].Reason, `"rare" is not a likelihood level`)
	assert.Contains(t, mig.Reassess[1].Reason, "does not give its inputs")

	// Refused: nil, invalid or identical matrices; nil risk migrates nothing.
	_, err = risk.MigrateAssessments(r, nil, v2)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = risk.MigrateAssessments(r, v2, v2.Clone())
	assert.ErrorIs(t, err, isms.ErrInvalid)
	bad := v2.Clone()
	bad.Grid = nil
	_, err = risk.MigrateAssessments(r, v1, bad)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	mig, err = risk.MigrateAssessments(nil, v1, v2)
	require.NoError(t, err)
	assert.Empty(t, mig.Migrated)
}

func TestRegisterMigrateMatrix(t *testing.T) {
	v1, v2 := risk.Preset5x5(), nextVersion(t)
	s, _ := newStore(t, nil)
	old, err := risk.NewRegister(s, "acme", v1, nil)
	require.NoError(t, err)
	a := &risk.Risk{Title: "moves", Owner: "olivia"}
	b := &risk.Risk{Title: "stays", Owner: "olivia"}
	require.NoError(t, old.Create(admin, a))
	require.NoError(t, old.Create(admin, b))
	_, err = old.Assess(as("ann"), a.ID, assessCmd(risk.StageCurrent, "possible", "moderate"))
	require.NoError(t, err)
	_, err = old.Assess(as("ann"), b.ID, assessCmd(risk.StageCurrent, "likely", "major"))
	require.NoError(t, err)

	reg, err := risk.NewRegister(s, "acme", v2, nil)
	require.NoError(t, err)
	h, err := reg.Heatmap(context.Background(), risk.StageCurrent, nil)
	require.NoError(t, err)
	assert.Zero(t, h.Total, "before the migration nothing is on v2's heatmap")

	_, err = reg.MigrateMatrix(context.Background(), v1)
	assert.ErrorIs(t, err, isms.ErrInvalid, "a write needs an actor")
	mig, err := reg.MigrateMatrix(as("risk-manager"), v1)
	require.NoError(t, err)
	assert.Equal(t, []risk.MigratedAssessment{{Risk: a.ID, Stage: risk.StageCurrent, Level: "medium"}}, mig.Migrated)
	require.Len(t, mig.Reassess, 1)
	assert.Equal(t, b.ID, mig.Reassess[0].Risk)

	h, err = reg.Heatmap(context.Background(), risk.StageCurrent, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, h.Total, "the migrated risk is on the heatmap again")
	got, err := reg.Get(context.Background(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, v2.Ref(), got.Current.Matrix)

	// Running it again carries on: nothing left to migrate.
	mig, err = reg.MigrateMatrix(as("risk-manager"), v1)
	require.NoError(t, err)
	assert.Empty(t, mig.Migrated)
	assert.Len(t, mig.Reassess, 1)
	_, err = reg.MigrateMatrix(as("risk-manager"), v2)
	assert.ErrorIs(t, err, isms.ErrInvalid, "same version")
	_, err = (*risk.Register)(nil).MigrateMatrix(as("x"), v1)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
