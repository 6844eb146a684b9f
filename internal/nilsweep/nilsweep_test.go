package nilsweep_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/internal/nilsweep"
)

func TestCheck(t *testing.T) {
	assert.Empty(t, nilsweep.Check(func() {}, time.Second))
	msg := nilsweep.Check(func() {
		var p *struct{ n int }
		_ = p.n
	}, time.Second)
	assert.True(t, strings.HasPrefix(msg, "panic: runtime error: invalid memory address"), msg)
	assert.Contains(t, msg, "nilsweep_test.go", "the stack names the panicking code")
	block := make(chan struct{})
	defer close(block)
	assert.Equal(t, "did not return within 10ms", nilsweep.Check(func() { <-block }, 10*time.Millisecond))
}

type counter struct{ n int }

// Inc has a pointer receiver and is nil-safe.
func (c *counter) Inc() int {
	if c == nil {
		return 0
	}
	c.n++
	return c.n
}

// Value has a value receiver: called on a zero counter only.
func (c counter) Value() int { return c.n }

// TestRunCallsEveryMethod sweeps a type whose methods are safe: the sweep
// passes, and it ran both receivers of Inc and the zero one of Value.
func TestRunCallsEveryMethod(t *testing.T) {
	called := 0
	nilsweep.Run(t, []nilsweep.Func{{Name: "f", Call: func() { called++ }}},
		[]nilsweep.Type{{Nil: (*counter)(nil), PointerDeclared: []string{"Inc"}}})
	assert.Equal(t, 1, called)
}

func ExampleCheck() {
	fmt.Println(nilsweep.Check(func() {}, time.Second) == "")
	msg := nilsweep.Check(func() {
		var steps []int
		_ = steps[len(steps)]
	}, time.Second)
	fmt.Println(msg[:strings.Index(msg, "\n")])
	// Output:
	// true
	// panic: runtime error: index out of range [0] with length 0
}
