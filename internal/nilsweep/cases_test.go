package nilsweep_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ismskit/ismskit/internal/nilsweep"
	"github.com/stretchr/testify/assert"
)

var errBad = errors.New("bad input")

// Cases that behave as they declare pass, and also sees only the errors
// that answered their Want.
func TestRunCasesPasses(t *testing.T) {
	var seen []string
	nilsweep.RunCases(t, []nilsweep.Case{
		{Name: "ok", Fn: nilsweep.NoErr(func() {})},
		{Name: "bad", Want: errBad, Fn: func() error { return fmt.Errorf("wrapped: %w", errBad) }},
	}, func(t *testing.T, c nilsweep.Case, err error) { seen = append(seen, c.Name) })
	assert.Equal(t, []string{"bad"}, seen)
}

// Each way a case can fail is reported, with what went wrong.
func TestCaseCheckFailures(t *testing.T) {
	for want, c := range map[string]nilsweep.Case{
		"panic: runtime error: index out of range": {Fn: func() error { var s []int; return errors.New(fmt.Sprint(s[len(s)])) }},
		"unexpected error: bad input":              {Fn: func() error { return errBad }},
		"error other does not answer bad input":    {Want: errBad, Fn: func() error { return errors.New("other") }},
		"error <nil> does not answer bad input":    {Want: errBad, Fn: func() error { return nil }},
		"nil Fn":                                   {Want: errBad},
	} {
		problem, _ := c.Check()
		assert.True(t, strings.HasPrefix(problem, want), "got %q, want %q", problem, want)
	}
}

func ExampleCase_Check() {
	c := nilsweep.Case{Name: "nil slice", Want: errBad, Fn: func() error { return nil }}
	problem, _ := c.Check()
	fmt.Println(problem)
	// Output: error <nil> does not answer bad input
}
