package ismstest

import (
	"sync"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// FixedClock is an isms.Clock that always returns the same time.
type FixedClock struct {
	t time.Time
}

// NewFixedClock returns a clock stopped at t.
func NewFixedClock(t time.Time) *FixedClock { return &FixedClock{t: t} }

// Now returns the fixed time.
func (c *FixedClock) Now() time.Time {
	if c == nil {
		return time.Time{}
	}
	return c.t
}

var _ isms.Clock = (*FixedClock)(nil)

// StepClock is an isms.Clock that starts at a time and moves forward by a
// step after each call to Now, so that every event in a test gets its own,
// predictable time. It can also be moved by hand with Advance and Set. It
// is safe for concurrent use.
type StepClock struct {
	mu   sync.Mutex
	next time.Time
	step time.Duration
}

// NewStepClock returns a clock whose first Now returns start, and each
// later Now the previous time plus step.
func NewStepClock(start time.Time, step time.Duration) *StepClock {
	return &StepClock{next: start, step: step}
}

// Now returns the current time and then advances the clock by its step.
func (c *StepClock) Now() time.Time {
	if c == nil {
		return time.Time{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.next
	c.next = c.next.Add(c.step)
	return t
}

// Peek returns the time the next call to Now will return, without
// advancing the clock.
func (c *StepClock) Peek() time.Time {
	if c == nil {
		return time.Time{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.next
}

// Advance moves the clock forward by d.
func (c *StepClock) Advance(d time.Duration) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next = c.next.Add(d)
}

// Set moves the clock to t.
func (c *StepClock) Set(t time.Time) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next = t
}

var _ isms.Clock = (*StepClock)(nil)
