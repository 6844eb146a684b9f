package ismstest_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
)

var start = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func TestFixedClock(t *testing.T) {
	c := ismstest.NewFixedClock(start)
	assert.Equal(t, start, c.Now())
	assert.Equal(t, start, c.Now())
}

func TestStepClock(t *testing.T) {
	c := ismstest.NewStepClock(start, time.Second)
	assert.Equal(t, start, c.Now())
	assert.Equal(t, start.Add(time.Second), c.Now())
	assert.Equal(t, start.Add(2*time.Second), c.Peek())
	c.Advance(time.Hour)
	assert.Equal(t, start.Add(time.Hour+2*time.Second), c.Now())
	c.Set(start)
	assert.Equal(t, start, c.Now())
}

func TestStepClockConcurrentCallsGetDistinctTimes(t *testing.T) {
	c := ismstest.NewStepClock(start, time.Millisecond)
	var mu sync.Mutex
	seen := map[time.Time]bool{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				now := c.Now()
				mu.Lock()
				seen[now] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Len(t, seen, 800)
}

func TestSequentialIDs(t *testing.T) {
	ids := ismstest.NewSequentialIDs()
	assert.Equal(t, isms.ID("risk-0001"), ids.NewID("risk"))
	assert.Equal(t, isms.ID("risk-0002"), ids.NewID("risk"))
	assert.Equal(t, isms.ID("risk.action-0001"), ids.NewID("risk.action"), "each kind is numbered on its own")
	assert.Equal(t, isms.ID("risk-0003"), ids.NewID("risk"))
	assert.Equal(t, isms.ID("id-0001"), ids.NewID(""), "an empty kind is numbered as id")
	for _, id := range []isms.ID{ids.NewID("risk"), ids.NewID("risk.acceptance")} {
		assert.NoError(t, id.Validate())
	}

	var zero ismstest.SequentialIDs
	assert.Equal(t, isms.ID("asset-0001"), zero.NewID("asset"), "the zero value is ready to use")

	// Past 9999 the numbers grow a digit.
	for range 9998 {
		zero.NewID("asset")
	}
	assert.Equal(t, isms.ID("asset-10000"), zero.NewID("asset"))
}

func TestSequentialIDsConcurrent(t *testing.T) {
	ids := ismstest.NewSequentialIDs()
	var mu sync.Mutex
	seen := map[isms.ID]bool{}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			kind := []string{"risk", "asset"}[g%2]
			for range 250 {
				id := ids.NewID(kind)
				mu.Lock()
				seen[id] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Len(t, seen, 1000)
	assert.True(t, seen["risk-0500"] && seen["asset-0500"] && !seen["risk-0501"])
}

func TestSeededIDsAreReproducibleUUIDs(t *testing.T) {
	a, b, c := ismstest.NewSeededIDs(42), ismstest.NewSeededIDs(42), ismstest.NewSeededIDs(43)
	for range 100 {
		x, y, z := a.NewID("risk"), b.NewID("asset"), c.NewID("risk")
		assert.Equal(t, x, y, "same seed, same sequence, whatever the kind")
		assert.NotEqual(t, x, z, "another seed, another sequence")
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, string(x))
	}
}

// TestNilHelpers: nil clocks and ID sources return zero values rather than
// panic (an empty ID is refused by the store, so a nil source fails loudly
// there instead).
func TestNilHelpers(t *testing.T) {
	var fixed *ismstest.FixedClock
	var step *ismstest.StepClock
	var seq *ismstest.SequentialIDs
	var seeded *ismstest.SeededIDs
	assert.True(t, fixed.Now().IsZero())
	assert.True(t, step.Now().IsZero())
	assert.True(t, step.Peek().IsZero())
	step.Advance(time.Hour)
	step.Set(time.Now())
	assert.Empty(t, seq.NewID("risk"))
	assert.Empty(t, seeded.NewID("risk"))
}
