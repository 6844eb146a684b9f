package isms

import (
	"fmt"
	"slices"
	"strings"
)

// Guard is a named condition a transition requires. Check returns nil when
// the condition holds for the subject, and otherwise an error saying what
// is missing; the name is what a refused transition reports, so it should
// be stable and readable ("approver_not_author").
type Guard[T any] struct {
	Name  string
	Check func(subject T) error
}

// Transition is one row of a state machine's table: the move From -> To is
// allowed when every guard holds, checked in order.
type Transition[S ~string, T any] struct {
	From   S
	To     S
	Guards []Guard[T]
}

// StateMachine is a transition table as data: the states an entity may
// move between and the guards each move requires. Documents and risk
// acceptances use one; so do incidents, corrective actions and DR tests.
// It is immutable once made and safe for concurrent use.
//
// T is the subject the guards inspect: typically the entity together with
// the command that asks for the move.
type StateMachine[S ~string, T any] struct {
	name    string
	initial []S
	rows    []Transition[S, T]
	index   map[[2]S]int
}

// NewStateMachine returns the machine named name (used in errors and in the
// diagram) with the given initial states and transition table. The table
// is copied. Call Validate in a test to check the table itself.
func NewStateMachine[S ~string, T any](name string, initial []S, table ...Transition[S, T]) *StateMachine[S, T] {
	m := &StateMachine[S, T]{
		name:    name,
		initial: slices.Clone(initial),
		rows:    make([]Transition[S, T], len(table)),
		index:   make(map[[2]S]int, len(table)),
	}
	for i, t := range table {
		t.Guards = slices.Clone(t.Guards)
		m.rows[i] = t
		if _, dup := m.index[[2]S{t.From, t.To}]; !dup {
			m.index[[2]S{t.From, t.To}] = i
		}
	}
	return m
}

// Name returns the machine's name.
func (m *StateMachine[S, T]) Name() string {
	if m == nil {
		return ""
	}
	return m.name
}

// Validate reports problems of the table: an empty state, a move listed
// twice, a guard without a name or a check, two states that the Mermaid
// diagram would draw as one, or an initial state listed twice or in no
// row. A nil machine is an error.
func (m *StateMachine[S, T]) Validate() error {
	if m == nil {
		return Invalidf("state machine is nil")
	}
	var ps Problems
	if m.name == "" {
		ps.Add("name", CodeRequired, "name is required")
	}
	seen := make(map[[2]S]bool, len(m.rows))
	known := make(map[S]bool)
	drawn := make(map[string]S)
	for i, t := range m.rows {
		f := indexField("transitions", i)
		if t.From == "" || t.To == "" {
			ps.Add(f, CodeRequired, "from and to are required")
		}
		if seen[[2]S{t.From, t.To}] {
			ps.Addf(f, CodeDuplicate, "%s -> %s is listed twice", t.From, t.To)
		}
		seen[[2]S{t.From, t.To}] = true
		for _, s := range [...]S{t.From, t.To} {
			if known[s] {
				continue
			}
			known[s] = true
			id := mermaidState(string(s))
			if other, clash := drawn[id]; clash {
				ps.Addf(f, CodeDuplicate, "states %q and %q are both drawn as %s", other, s, id)
			}
			drawn[id] = s
		}
		for j, g := range t.Guards {
			if g.Name == "" || g.Check == nil {
				ps.Addf(indexField(f+".guards", j), CodeRequired, "a guard needs a name and a check")
			}
		}
	}
	initial := make(map[S]bool, len(m.initial))
	for i, s := range m.initial {
		switch {
		case initial[s]:
			ps.Addf(indexField("initial", i), CodeDuplicate, "initial state %q is listed twice", s)
		case !known[s]:
			ps.Addf(indexField("initial", i), CodeUnknown, "initial state %q is in no transition", s)
		}
		initial[s] = true
	}
	subject := "state machine"
	if m.name != "" {
		subject += " " + m.name
	}
	return ps.Err(subject)
}

// Allowed reports whether the table has a row from -> to, without checking
// its guards.
func (m *StateMachine[S, T]) Allowed(from, to S) bool {
	if m == nil {
		return false
	}
	_, ok := m.index[[2]S{from, to}]
	return ok
}

// Next returns the states the table allows from from, in table order;
// nil for a nil machine or a state with no way out.
func (m *StateMachine[S, T]) Next(from S) []S {
	if m == nil {
		return nil
	}
	var out []S
	var seen map[S]bool
	for _, t := range m.rows {
		if t.From == from && !seen[t.To] {
			if seen == nil {
				seen = make(map[S]bool)
			}
			seen[t.To] = true
			out = append(out, t.To)
		}
	}
	return out
}

// Transitions returns a copy of the table; nil for a nil machine.
func (m *StateMachine[S, T]) Transitions() []Transition[S, T] {
	if m == nil {
		return nil
	}
	out := make([]Transition[S, T], len(m.rows))
	for i, t := range m.rows {
		t.Guards = slices.Clone(t.Guards)
		out[i] = t
	}
	return out
}

// Check reports whether subject may move from -> to: nil when the table
// has the row and every guard holds, and otherwise a *TransitionError
// naming the first guard that failed (or no guard, when the table has no
// such move). A guard without a check fails: the table is wrong, and a
// move it guards is refused rather than let through. A nil machine
// refuses every move.
func (m *StateMachine[S, T]) Check(from, to S, subject T) error {
	if m == nil {
		return &TransitionError{From: string(from), To: string(to), Reason: "no state machine"}
	}
	i, ok := m.index[[2]S{from, to}]
	if !ok {
		return &TransitionError{Machine: m.name, From: string(from), To: string(to), Reason: "the table has no such transition"}
	}
	for _, g := range m.rows[i].Guards {
		if g.Check == nil {
			return &TransitionError{Machine: m.name, From: string(from), To: string(to), Guard: g.Name, Reason: "the guard has no check"}
		}
		if err := g.Check(subject); err != nil {
			return &TransitionError{Machine: m.name, From: string(from), To: string(to), Guard: g.Name, Reason: err.Error(), Err: err}
		}
	}
	return nil
}

// Mermaid returns the table as a Mermaid state diagram
// (https://mermaid.js.org/syntax/stateDiagram.html): the machine's name as
// a comment, an entry arrow to each initial state, one arrow per row in
// table order, labelled with its guards, and an exit arrow from each state
// with no way out, in order of first appearance. State names are drawn
// with every character other than ASCII letters, digits and "_" replaced
// by "_". A nil machine is an empty diagram.
func (m *StateMachine[S, T]) Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	if m == nil {
		return b.String()
	}
	if m.name != "" {
		fmt.Fprintf(&b, "    %%%% %s\n", strings.NewReplacer("\n", " ", "\r", " ").Replace(m.name))
	}
	for _, s := range m.initial {
		fmt.Fprintf(&b, "    [*] --> %s\n", mermaidState(string(s)))
	}
	var states []S
	seen := make(map[S]bool)
	exits := make(map[S]bool)
	for _, t := range m.rows {
		for _, s := range [...]S{t.From, t.To} {
			if !seen[s] {
				seen[s] = true
				states = append(states, s)
			}
		}
		exits[t.From] = true
		fmt.Fprintf(&b, "    %s --> %s", mermaidState(string(t.From)), mermaidState(string(t.To)))
		if len(t.Guards) > 0 {
			names := make([]string, len(t.Guards))
			for i, g := range t.Guards {
				names[i] = mermaidLabel(g.Name)
			}
			fmt.Fprintf(&b, " : %s", strings.Join(names, ", "))
		}
		b.WriteByte('\n')
	}
	for _, s := range states {
		if !exits[s] {
			fmt.Fprintf(&b, "    %s --> [*]\n", mermaidState(string(s)))
		}
	}
	return b.String()
}

// mermaidState keeps a state name to the characters Mermaid accepts in an
// identifier.
func mermaidState(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, s)
}

// mermaidLabel drops the characters that would end a Mermaid label.
func mermaidLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == ':' || r == ';' || r == '%' {
			return ' '
		}
		return r
	}, s)
}

// TransitionError reports a refused state change: the machine, the states,
// and the guard that failed (empty when the table has no such move). It
// answers errors.Is(err, ErrInvalid), and unwraps to the guard's own error.
type TransitionError struct {
	Machine string `json:"machine,omitempty"`
	From    string `json:"from"`
	To      string `json:"to"`
	Guard   string `json:"guard,omitempty"`
	Reason  string `json:"reason"`
	Err     error  `json:"-"`
}

// Error names the machine, the move and the failed guard: `machine: cannot
// move from "a" to "b": guard g failed: reason`. A nil *TransitionError
// reads "<nil>".
func (e *TransitionError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	if e.Machine != "" {
		b.WriteString(e.Machine)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "cannot move from %q to %q", e.From, e.To)
	if e.Guard != "" {
		fmt.Fprintf(&b, ": guard %s failed", e.Guard)
	}
	if e.Reason != "" {
		b.WriteString(": ")
		b.WriteString(e.Reason)
	}
	return b.String()
}

// Is reports whether target is ErrInvalid; false for a nil
// *TransitionError.
func (e *TransitionError) Is(target error) bool { return e != nil && target == ErrInvalid }

// Unwrap returns the guard's error, if any; nil for a nil
// *TransitionError.
func (e *TransitionError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
