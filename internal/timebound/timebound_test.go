package timebound_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ismskit/ismskit/internal/timebound"
	"github.com/stretchr/testify/assert"
)

// A run within the bound stops the repetition.
func TestFastestStopsWithinBound(t *testing.T) {
	n := 0
	took := timebound.Fastest(3, time.Hour, func() { n++ })
	assert.Equal(t, 1, n)
	assert.Less(t, took, time.Hour)
}

// Work slower than the bound runs every time, and the fastest run is
// reported: the 1 ms sleep is the shortest of 30, 1 and 20 ms.
func TestFastestKeepsTheFastest(t *testing.T) {
	sleeps := []time.Duration{30 * time.Millisecond, time.Millisecond, 20 * time.Millisecond}
	n := 0
	took := timebound.Fastest(len(sleeps), 0, func() { time.Sleep(sleeps[n]); n++ })
	assert.Equal(t, 3, n)
	assert.GreaterOrEqual(t, took, time.Millisecond)
	assert.Less(t, took, 20*time.Millisecond)
}

// Zero or negative runs still run f once.
func TestFastestRunsAtLeastOnce(t *testing.T) {
	n := 0
	timebound.Fastest(0, 0, func() { n++ })
	assert.Equal(t, 1, n)
}

func ExampleFastest() {
	calls := 0
	took := timebound.Fastest(3, time.Second, func() { calls++ })
	fmt.Println(calls, took < time.Second)
	// Output: 1 true
}
