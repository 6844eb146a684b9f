package timebound_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ismskit/ismskit/internal/timebound"
	"github.com/stretchr/testify/assert"
)

// spin burns CPU for about d of wall-clock time.
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// A run within the bound stops the repetition.
func TestFastestStopsWithinBound(t *testing.T) {
	n := 0
	took := timebound.Fastest(3, time.Hour, func() { n++ })
	assert.Equal(t, 1, n)
	assert.Less(t, took, time.Hour)
}

// Work slower than the bound runs every time, and the fastest run is
// reported: the 5 ms spin is the shortest of 60, 5 and 40 ms.
func TestFastestKeepsTheFastest(t *testing.T) {
	spins := []time.Duration{60 * time.Millisecond, 5 * time.Millisecond, 40 * time.Millisecond}
	n := 0
	took := timebound.Fastest(len(spins), 0, func() { spin(spins[n]); n++ })
	assert.Equal(t, 3, n)
	assert.Less(t, took, 40*time.Millisecond)
}

// Sleeping uses no CPU: CPU time stays far below the wall-clock time,
// while a spin is counted.
func TestCPUCountsWorkNotWaiting(t *testing.T) {
	slept := timebound.CPU(func() { time.Sleep(200 * time.Millisecond) })
	assert.Less(t, slept, 100*time.Millisecond)
	spun := timebound.CPU(func() { spin(200 * time.Millisecond) })
	assert.Greater(t, spun, 50*time.Millisecond)
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
