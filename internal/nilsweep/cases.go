package nilsweep

import (
	"errors"
	"fmt"
	"runtime/debug"
	"testing"
)

// Case is one hand-written call of a package's nil-and-zero test, for the
// calls the generated sweep cannot make (arguments that are valid but for
// one nil part, results to compare): Fn makes the call and returns its
// error (nil for a call without one), and Want is the category the error
// must answer, such as isms.ErrInvalid (nil: the call must succeed).
type Case struct {
	Name string
	Want error
	Fn   func() error
}

// NoErr adapts a call without an error result to Case.Fn.
func NoErr(f func()) func() error { return func() error { f(); return nil } }

// Check makes the call and returns, when the case fails, why, and the
// call's error:
// the call panicked (the panic and its stack), Want is nil and the call
// returned an error, or the error does not answer errors.Is(err, Want).
// An empty problem means the case passed.
func (c Case) Check() (problem string, err error) {
	panicked, err := callCase(c.Fn)
	switch {
	case panicked != "":
		return panicked, nil
	case c.Want == nil && err != nil:
		return fmt.Sprintf("unexpected error: %v", err), err
	case c.Want != nil && !errors.Is(err, c.Want):
		return fmt.Sprintf("error %v does not answer %v", err, c.Want), err
	}
	return "", err
}

// RunCases checks each case (Case.Check) in a subtest named after it.
// also, when not nil, is called with each error that answered its Want,
// for checks a package adds (such as its error prefix).
func RunCases(t *testing.T, cases []Case, also func(t *testing.T, c Case, err error)) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			problem, err := c.Check()
			if problem != "" {
				t.Fatal(problem)
			}
			if c.Want != nil && also != nil {
				also(t, c, err)
			}
		})
	}
}

// callCase calls fn and returns a description of its panic, or its error.
func callCase(fn func() error) (panicked string, err error) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	if fn == nil {
		return "nil Fn", nil
	}
	return "", fn()
}
