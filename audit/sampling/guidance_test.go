package sampling

import (
	"math"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGuidanceRanges(t *testing.T) {
	// The documented practice ranges.
	want := map[Frequency][2]int{
		FrequencyAnnual:        {1, 1},
		FrequencyQuarterly:     {2, 2},
		FrequencyMonthly:       {2, 5},
		FrequencyWeekly:        {5, 15},
		FrequencyDaily:         {20, 40},
		FrequencyMultipleDaily: {25, 60},
	}
	table := GuidanceTable()
	require.Len(t, table, len(FrequencyValues()))
	for i, g := range table {
		assert.Equal(t, FrequencyValues()[i], g.Frequency)
		assert.Equal(t, want[g.Frequency], [2]int{g.MinSize, g.MaxSize}, "%s", g.Frequency)
		for _, s := range g.Supports {
			assert.GreaterOrEqual(t, s.UpperLimit, 0.0)
			assert.LessOrEqual(t, s.UpperLimit, 1.0)
		}
	}
	_, err := Guidance("hourly")
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestGuidanceSupports(t *testing.T) {
	// Several times a day (a large population): 25 items with no
	// deviation support 95% confidence only above 1 - 0.05^(1/25) = 11.3%,
	// and 60 items above 1 - 0.05^(1/60) = 4.9%.
	g, err := Guidance(FrequencyMultipleDaily)
	require.NoError(t, err)
	require.Len(t, g.Supports, 4)
	assert.Equal(t, SupportedPlan{SampleSize: 25, Confidence: 0.95, UpperLimit: g.Supports[1].UpperLimit}, g.Supports[1])
	assert.InDelta(t, 1-math.Pow(0.05, 1.0/25), g.Supports[1].UpperLimit, 1e-12)
	assert.InDelta(t, 1-math.Pow(0.10, 1.0/25), g.Supports[0].UpperLimit, 1e-12)
	assert.InDelta(t, 1-math.Pow(0.05, 1.0/60), g.Supports[3].UpperLimit, 1e-12)

	// Annual: the single occurrence tested is the whole population.
	g, err = Guidance(FrequencyAnnual)
	require.NoError(t, err)
	require.Len(t, g.Supports, 2)
	for _, s := range g.Supports {
		assert.Equal(t, 0.0, s.UpperLimit)
		assert.Equal(t, 1, s.Population)
	}

	// Quarterly: 2 of 4 with no deviation. P(X = 0 | M) = C(4-M,2)/C(4,2):
	// M = 1 gives 3/6, M = 2 gives 1/6 (>= 0.10 and >= 0.05), M = 3 gives 0.
	// So the limit is 2/4 at both confidences.
	g, err = Guidance(FrequencyQuarterly)
	require.NoError(t, err)
	for _, s := range g.Supports {
		assert.Equal(t, 0.5, s.UpperLimit)
	}

	// Daily: 20 of 365 with no deviation, against the product formula.
	g, err = Guidance(FrequencyDaily)
	require.NoError(t, err)
	assert.Equal(t, 365, g.Population)
	want := 0
	for m := 0; m <= 345; m++ {
		prod := 1.0
		for i := range 20 {
			prod *= float64(365-m-i) / float64(365-i)
		}
		if prod >= 0.05 {
			want = m
		}
	}
	assert.Equal(t, 20, g.Supports[1].SampleSize)
	assert.Equal(t, 0.95, g.Supports[1].Confidence)
	assert.InDelta(t, float64(want)/365, g.Supports[1].UpperLimit, 1e-15)
}
