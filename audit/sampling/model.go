package sampling

import (
	"slices"
)

// Model names the probability distribution an attribute sample is planned
// and evaluated with.
type Model string

// Models.
const (
	// ModelBinomial treats every sampled item as an independent draw with
	// the same deviation probability: sampling from a large population, or
	// with replacement. It is the model of the AICPA attribute tables.
	ModelBinomial Model = "binomial"
	// ModelHypergeometric draws without replacement from a finite
	// population of Population items holding ceil(TolerableRate x
	// Population) deviations. It gives the smallest exact sample for a
	// known, finite population.
	ModelHypergeometric Model = "hypergeometric"
	// ModelPoisson approximates the binomial by a Poisson distribution with
	// mean n x TolerableRate. It is conservative (larger samples) and is the
	// model of monetary-unit sampling.
	ModelPoisson Model = "poisson"
)

var modelValues = []Model{ModelBinomial, ModelHypergeometric, ModelPoisson}

// ModelValues returns every Model.
func ModelValues() []Model { return slices.Clone(modelValues) }

// IsValid reports whether m is a known Model. The empty Model is not valid
// here, although AttributePlan accepts it as "choose for me".
func (m Model) IsValid() bool { return slices.Contains(modelValues, m) }

// UnmarshalText accepts known models, and an explicit empty value as
// "choose for me", as the zero Model means in AttributePlan.
func (m *Model) UnmarshalText(b []byte) error {
	return unmarshalEnumOrDefault(m, "model", b, modelValues)
}
