package risk_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

func TestSelections(t *testing.T) {
	treated := &risk.Risk{Meta: isms.Meta{ID: "R-1"}, Status: risk.StatusOpen, Treatment: &risk.Treatment{
		Option:   risk.OptionModify,
		Controls: []isms.Ref{isms.ControlRef("A.8.13"), {Kind: "policy", ID: "P-1"}, isms.ControlRef("A.8.20")},
	}}
	closed := &risk.Risk{Meta: isms.Meta{ID: "R-2"}, Status: risk.StatusClosed, Treatment: &risk.Treatment{
		Option: risk.OptionModify, Controls: isms.ControlRefs("A.5.1"),
	}}
	untreated := &risk.Risk{Meta: isms.Meta{ID: "R-3"}, Status: risk.StatusOpen}
	by := isms.NewRef(risk.Kind, "R-1")
	want := []isms.ControlSelection{{Control: "A.8.13", By: by}, {Control: "A.8.20", By: by}}
	assert.Equal(t, want, treated.Selections(), "the policy ref is not a control")
	assert.Equal(t, want, risk.Selections([]*risk.Risk{nil, closed, treated, untreated}))
	assert.Nil(t, closed.Selections())
	assert.Nil(t, (*risk.Risk)(nil).Selections())
	assert.Equal(t, isms.KindControl, risk.ControlKind)
	assert.Nil(t, isms.ControlRefs())

	f := newFixture(t, nil)
	r := f.create(t, "Ransomware", "olivia")
	_, err := f.reg.Assess(as("ann"), r.ID, assessCmd(risk.StageCurrent, "likely", "major"))
	require.NoError(t, err)
	_, err = f.reg.Treat(as("olivia"), r.ID, risk.TreatCommand{Option: risk.OptionModify, Controls: isms.ControlRefs("A.8.13")})
	require.NoError(t, err)
	f.create(t, "Untreated", "olivia")
	got, err := f.reg.Selections(as("olivia"), nil)
	require.NoError(t, err)
	assert.Equal(t, []isms.ControlSelection{{Control: "A.8.13", By: r.Ref()}}, got)
	_, err = (*risk.Register)(nil).Selections(as("x"), nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
