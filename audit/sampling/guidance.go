package sampling

import (
	"fmt"
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// Frequency is how often a control operates, the key of the
// non-statistical sample size guidance.
type Frequency string

// Control frequencies.
const (
	FrequencyAnnual        Frequency = "annual"
	FrequencyQuarterly     Frequency = "quarterly"
	FrequencyMonthly       Frequency = "monthly"
	FrequencyWeekly        Frequency = "weekly"
	FrequencyDaily         Frequency = "daily"
	FrequencyMultipleDaily Frequency = "multiple_daily"
)

var frequencyValues = []Frequency{
	FrequencyAnnual, FrequencyQuarterly, FrequencyMonthly,
	FrequencyWeekly, FrequencyDaily, FrequencyMultipleDaily,
}

// FrequencyValues returns every Frequency, least frequent first.
func FrequencyValues() []Frequency { return slices.Clone(frequencyValues) }

// IsValid reports whether f is a known Frequency.
func (f Frequency) IsValid() bool { return slices.Contains(frequencyValues, f) }

// UnmarshalText accepts only known frequencies.
func (f *Frequency) UnmarshalText(b []byte) error {
	return unmarshalEnum(f, "frequency", b, frequencyValues)
}

// FrequencyGuidance is the non-statistical sample size range commonly used
// for testing a control of one frequency, with what those sizes actually
// support statistically.
//
// The ranges are documented practice, not a standard: they are the figures
// widely used by audit firms and in practice aids for tests of controls
// that expect no deviations (annual 1, quarterly 2, monthly 2-5, weekly
// 5-15, daily 20-40, several times a day 25-60). Supports makes the
// implied assurance visible, so a tester can see that, for instance, 25
// items with no deviation support a 95%-confidence conclusion only against
// a tolerable rate above about 11%.
type FrequencyGuidance struct {
	// Frequency is the control frequency the guidance is for.
	Frequency Frequency `json:"frequency"`
	// MinSize is the smallest customary sample size.
	MinSize int `json:"min_size"`
	// MaxSize is the largest customary sample size.
	MaxSize int `json:"max_size"`
	// Population is the number of occurrences a year the supported plans
	// assume: 1, 4, 12, 52 and 365, and 0 (a large population) for controls
	// operating several times a day.
	Population int `json:"population,omitempty"`
	// Supports lists, for MinSize and MaxSize at 90% and 95% confidence,
	// the attribute plan each size supports when no deviation is found.
	Supports []SupportedPlan `json:"supports"`
}

// SupportedPlan states what a sample of SampleSize items with no deviation
// supports: at Confidence, reliance on the control for any tolerable rate
// above UpperLimit. UpperLimit is the finite-population limit for a known
// population and the binomial limit for a large one; a sample of the whole
// population has upper limit 0.
type SupportedPlan struct {
	// SampleSize is the number of items tested, none deviating.
	SampleSize int `json:"sample_size"`
	// Population is the population size, or 0 for a large population.
	Population int `json:"population,omitempty"`
	// Confidence is the confidence level considered.
	Confidence float64 `json:"confidence"`
	// UpperLimit is the upper deviation limit at Confidence: the sample
	// supports any tolerable rate above it.
	UpperLimit float64 `json:"upper_limit"`
}

// guidanceData is the practice data: frequency, customary range, occurrences
// a year.
var guidanceData = []struct {
	f          Frequency
	lo, hi     int
	population int
}{
	{FrequencyAnnual, 1, 1, 1},
	{FrequencyQuarterly, 2, 2, 4},
	{FrequencyMonthly, 2, 5, 12},
	{FrequencyWeekly, 5, 15, 52},
	{FrequencyDaily, 20, 40, 365},
	{FrequencyMultipleDaily, 25, 60, 0},
}

// Guidance returns the non-statistical sample size guidance for a control
// frequency. The error wraps isms.ErrInvalid for an unknown frequency.
func Guidance(f Frequency) (FrequencyGuidance, error) {
	for _, g := range guidanceData {
		if g.f != f {
			continue
		}
		out := FrequencyGuidance{Frequency: f, MinSize: g.lo, MaxSize: g.hi, Population: g.population}
		sizes := []int{g.lo}
		if g.hi != g.lo {
			sizes = append(sizes, g.hi)
		}
		for _, n := range sizes {
			for _, conf := range []float64{0.90, 0.95} {
				sp := SupportedPlan{SampleSize: n, Population: g.population, Confidence: conf}
				if g.population > 0 {
					sp.UpperLimit, _, _ = UpperDeviationLimitFinite(n, 0, g.population, conf)
				} else {
					sp.UpperLimit, _ = UpperDeviationLimit(n, 0, conf)
				}
				out.Supports = append(out.Supports, sp)
			}
		}
		return out, nil
	}
	return FrequencyGuidance{}, fmt.Errorf("sampling: guidance: %w", isms.Invalidf("unknown frequency %q", string(f)))
}

// GuidanceTable returns the guidance for every frequency, least frequent
// first.
func GuidanceTable() []FrequencyGuidance {
	out := make([]FrequencyGuidance, 0, len(guidanceData))
	for _, g := range guidanceData {
		fg, _ := Guidance(g.f)
		out = append(out, fg)
	}
	return out
}
