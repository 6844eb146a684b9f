package isms_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

type ticketState string

// ticket is the subject of the test machine's guards.
type ticket struct {
	assignee string
	fixed    bool
}

var errNoAssignee = errors.New("nobody is assigned")

func ticketMachine() *isms.StateMachine[ticketState, ticket] {
	assigned := isms.Guard[ticket]{Name: "assigned", Check: func(t ticket) error {
		if t.assignee == "" {
			return errNoAssignee
		}
		return nil
	}}
	fixed := isms.Guard[ticket]{Name: "fix_verified", Check: func(t ticket) error {
		if !t.fixed {
			return errors.New("the fix is not verified")
		}
		return nil
	}}
	type row = isms.Transition[ticketState, ticket]
	return isms.NewStateMachine("ticket", []ticketState{"open"},
		row{From: "open", To: "in_progress", Guards: []isms.Guard[ticket]{assigned}},
		row{From: "in_progress", To: "open"},
		row{From: "in_progress", To: "closed", Guards: []isms.Guard[ticket]{assigned, fixed}},
		row{From: "open", To: "closed"},
	)
}

func TestStateMachineCheck(t *testing.T) {
	m := ticketMachine()
	require.NoError(t, m.Validate())
	assert.Equal(t, "ticket", m.Name())

	t.Run("allowed", func(t *testing.T) {
		assert.NoError(t, m.Check("open", "in_progress", ticket{assignee: "ana"}))
		assert.NoError(t, m.Check("in_progress", "closed", ticket{assignee: "ana", fixed: true}))
		assert.NoError(t, m.Check("in_progress", "open", ticket{}), "a row without guards")
		assert.True(t, m.Allowed("open", "closed"))
	})
	t.Run("refused: no such move", func(t *testing.T) {
		err := m.Check("closed", "open", ticket{assignee: "ana"})
		var te *isms.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, isms.TransitionError{Machine: "ticket", From: "closed", To: "open", Reason: "the table has no such transition"}, *te)
		assert.EqualError(t, err, `ticket: cannot move from "closed" to "open": the table has no such transition`)
		assert.ErrorIs(t, err, isms.ErrInvalid)
		assert.NotErrorIs(t, err, isms.ErrConflict)
		assert.Nil(t, errors.Unwrap(err))
		assert.False(t, m.Allowed("closed", "open"))
	})
	t.Run("refused: the first failing guard is named", func(t *testing.T) {
		err := m.Check("in_progress", "closed", ticket{})
		var te *isms.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, "assigned", te.Guard, "guards run in order")
		assert.ErrorIs(t, err, errNoAssignee, "Unwrap gives the guard's error")
		assert.ErrorIs(t, err, isms.ErrInvalid)
		assert.EqualError(t, err, `ticket: cannot move from "in_progress" to "closed": guard assigned failed: nobody is assigned`)

		err = m.Check("in_progress", "closed", ticket{assignee: "ana"})
		require.ErrorAs(t, err, &te)
		assert.Equal(t, "fix_verified", te.Guard)
		assert.Equal(t, "the fix is not verified", te.Reason)
		assert.NotErrorIs(t, err, errNoAssignee)
	})
	t.Run("next and transitions", func(t *testing.T) {
		assert.Equal(t, []ticketState{"in_progress", "closed"}, m.Next("open"))
		assert.Equal(t, []ticketState{"open", "closed"}, m.Next("in_progress"))
		assert.Empty(t, m.Next("closed"))
		rows := m.Transitions()
		require.Len(t, rows, 4)
		rows[0].Guards[0].Name = "mutated"
		rows[1].From = "mutated"
		assert.Equal(t, "assigned", m.Transitions()[0].Guards[0].Name, "Transitions returns a copy")
		assert.True(t, m.Allowed("in_progress", "open"))
	})
	t.Run("the table is copied when made", func(t *testing.T) {
		guards := []isms.Guard[ticket]{{Name: "g", Check: func(ticket) error { return nil }}}
		table := []isms.Transition[ticketState, ticket]{{From: "a", To: "b", Guards: guards}}
		m := isms.NewStateMachine("copy", []ticketState{"a"}, table...)
		guards[0].Check = func(ticket) error { return errors.New("changed") }
		table[0].To = "c"
		assert.NoError(t, m.Check("a", "b", ticket{}))
		assert.False(t, m.Allowed("a", "c"))
	})
	t.Run("a guard without a check refuses", func(t *testing.T) {
		m := isms.NewStateMachine("broken", []ticketState{"a"},
			isms.Transition[ticketState, ticket]{From: "a", To: "b", Guards: []isms.Guard[ticket]{{Name: "unchecked"}}})
		var te *isms.TransitionError
		require.ErrorAs(t, m.Check("a", "b", ticket{}), &te)
		assert.Equal(t, "unchecked", te.Guard)
		assert.ErrorIs(t, m.Validate(), isms.ErrInvalid)
	})
}

func TestStateMachineValidate(t *testing.T) {
	ok := func(ticket) error { return nil }
	type row = isms.Transition[ticketState, ticket]
	m := isms.NewStateMachine("", []ticketState{"open", "ghost", "open"},
		row{From: "open", To: ""},
		row{From: "open", To: "done", Guards: []isms.Guard[ticket]{{Name: "", Check: ok}, {Name: "x"}}},
		row{From: "open", To: "done"},
		row{From: "done", To: "in-review"},
		row{From: "in-review", To: "in_review"},
	)
	err := m.Validate()
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "state machine", ve.Subject)
	got := make([][2]string, len(ve.Problems))
	for i, p := range ve.Problems {
		got[i] = [2]string{p.Field, p.Code}
	}
	assert.Equal(t, [][2]string{
		{"name", isms.CodeRequired},
		{"transitions[0]", isms.CodeRequired},
		{"transitions[1].guards[0]", isms.CodeRequired},
		{"transitions[1].guards[1]", isms.CodeRequired},
		{"transitions[2]", isms.CodeDuplicate},
		{"transitions[4]", isms.CodeDuplicate}, // in-review and in_review are both drawn as in_review
		{"initial[1]", isms.CodeUnknown},
		{"initial[2]", isms.CodeDuplicate},
	}, got)

	named := isms.NewStateMachine("named", []ticketState{"nowhere"}, row{From: "a", To: "b"})
	require.ErrorAs(t, named.Validate(), &ve)
	assert.Equal(t, "state machine named", ve.Subject)
	assert.True(t, ve.Has("initial[0]", isms.CodeUnknown))
}

func TestStateMachineMermaid(t *testing.T) {
	// Written by hand from the table of ticketMachine: the entry arrow, one
	// arrow per row with its guards, and an exit arrow from the one state
	// with no way out.
	const want = `stateDiagram-v2
    %% ticket
    [*] --> open
    open --> in_progress : assigned
    in_progress --> open
    in_progress --> closed : assigned, fix_verified
    open --> closed
    closed --> [*]
`
	assert.Equal(t, want, ticketMachine().Mermaid())

	// Names are drawn in the characters Mermaid accepts; labels cannot end
	// early.
	odd := isms.NewStateMachine("two\nlines", []ticketState{"in review"},
		isms.Transition[ticketState, ticket]{From: "in review", To: "done!", Guards: []isms.Guard[ticket]{
			{Name: "a: b; c", Check: func(ticket) error { return nil }}}})
	assert.Equal(t, `stateDiagram-v2
    %% two lines
    [*] --> in_review
    in_review --> done_ : a  b  c
    done_ --> [*]
`, odd.Mermaid())
}

func TestStateMachineNil(t *testing.T) {
	var m *isms.StateMachine[ticketState, ticket]
	assert.Equal(t, "", m.Name())
	assert.ErrorIs(t, m.Validate(), isms.ErrInvalid)
	assert.False(t, m.Allowed("a", "b"))
	assert.Nil(t, m.Next("a"))
	assert.Nil(t, m.Transitions())
	assert.Equal(t, "stateDiagram-v2\n", m.Mermaid())
	err := m.Check("a", "b", ticket{})
	var te *isms.TransitionError
	require.ErrorAs(t, err, &te)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.Equal(t, `cannot move from "a" to "b": no state machine`, err.Error())

	var nilErr *isms.TransitionError
	assert.Equal(t, "<nil>", nilErr.Error())
	assert.False(t, nilErr.Is(isms.ErrInvalid))
	assert.Nil(t, nilErr.Unwrap())

	empty := isms.NewStateMachine[ticketState, ticket]("empty", nil)
	assert.Equal(t, "stateDiagram-v2\n    %% empty\n", empty.Mermaid())
	assert.NoError(t, empty.Validate())
}

// The lifecycle of a ticket as data: the guard that fails is named, and
// the table draws itself as a Mermaid diagram.
func ExampleStateMachine() {
	type state string
	type row = isms.Transition[state, string]
	assigned := isms.Guard[string]{Name: "assigned", Check: func(assignee string) error {
		if assignee == "" {
			return errors.New("nobody is assigned")
		}
		return nil
	}}
	m := isms.NewStateMachine("ticket", []state{"open"},
		row{From: "open", To: "in_progress", Guards: []isms.Guard[string]{assigned}},
		row{From: "in_progress", To: "closed"},
	)
	fmt.Println(m.Check("open", "in_progress", "ana"))
	err := m.Check("open", "in_progress", "")
	var te *isms.TransitionError
	fmt.Println(errors.As(err, &te), te.Guard, errors.Is(err, isms.ErrInvalid))
	fmt.Println(err)
	fmt.Print(m.Mermaid())
	// Output:
	// <nil>
	// true assigned true
	// ticket: cannot move from "open" to "in_progress": guard assigned failed: nobody is assigned
	// stateDiagram-v2
	//     %% ticket
	//     [*] --> open
	//     open --> in_progress : assigned
	//     in_progress --> closed
	//     closed --> [*]
}
