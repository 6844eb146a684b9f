package isms_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/isms"
)

func TestControlRefs(t *testing.T) {
	assert.Equal(t, isms.Ref{Kind: "control", ID: "A.8.24"}, isms.ControlRef("A.8.24"))
	assert.Equal(t, []isms.Ref{{Kind: "control", ID: "A.8.13"}, {Kind: "control", ID: "A.8.20"}}, isms.ControlRefs("A.8.13", "A.8.20"))
	assert.Nil(t, isms.ControlRefs())
	assert.Equal(t, "control/A.5.1", isms.ControlRef("A.5.1").String())
}

func TestControlSelectionValidate(t *testing.T) {
	ok := isms.ControlSelection{Control: "A.8.13", By: isms.NewRef("risk", "R-1")}
	assert.NoError(t, ok.Validate())
	assert.Equal(t, isms.ControlRef("A.8.13"), ok.ControlRef())
	for name, s := range map[string]isms.ControlSelection{
		"zero":         {},
		"no control":   {By: isms.NewRef("risk", "R-1")},
		"no selector":  {Control: "A.8.13"},
		"bad selector": {Control: "A.8.13", By: isms.Ref{Kind: "ri sk", ID: "R-1"}},
		"bad control":  {Control: "A 8", By: isms.NewRef("risk", "R-1")},
	} {
		assert.ErrorIs(t, s.Validate(), isms.ErrInvalid, name)
	}
}
