package risk

// QuantitativeScenario is a quantitative (Open FAIR) scenario stored with a
// Risk: the factor tree of package risk/fair as plain data. Package risk
// stores it and does not interpret it; fair.FromRisk and
// fair.FromQuantitative read it strictly (unknown types, missing or
// contradictory nodes and bad parameters are errors there).
//
// It holds values only — no pointers, slices or maps — so copying a Risk
// (Risk.Clone included) copies it deeply. The zero value means that the
// risk has no quantitative scenario.
type QuantitativeScenario struct {
	// Mode is "compound" (the default when empty: a year's loss is the
	// sum of one magnitude draw per loss event) or "product" (loss event
	// frequency × one magnitude draw).
	Mode string `json:"mode,omitempty"`
	// Currency names the unit of the magnitudes ("EUR"); informative.
	Currency string `json:"currency,omitempty"`
	// LossEventFrequency is the loss event frequency given directly.
	LossEventFrequency QuantitativeFrequency `json:"loss_event_frequency,omitzero"`
	// ThreatEventFrequency is the threat event frequency given directly.
	ThreatEventFrequency QuantitativeFrequency `json:"threat_event_frequency,omitzero"`
	// ContactFrequency and ProbabilityOfAction derive the threat event
	// frequency.
	ContactFrequency    QuantitativeFrequency    `json:"contact_frequency,omitzero"`
	ProbabilityOfAction QuantitativeDistribution `json:"probability_of_action,omitzero"` // see ContactFrequency
	// Vulnerability is the probability that a threat event becomes a loss
	// event, given directly.
	Vulnerability QuantitativeDistribution `json:"vulnerability,omitzero"`
	// ThreatCapability and ResistanceStrength derive the vulnerability:
	// a threat event is a loss event when the capability drawn exceeds the
	// resistance drawn.
	ThreatCapability   QuantitativeDistribution `json:"threat_capability,omitzero"`
	ResistanceStrength QuantitativeDistribution `json:"resistance_strength,omitzero"` // see ThreatCapability
	// PrimaryLoss is the primary loss magnitude of one loss event.
	PrimaryLoss QuantitativeDistribution `json:"primary_loss,omitzero"`
	// SecondaryLossEventFrequency is the probability that a loss event has
	// secondary effects, and SecondaryLoss their magnitude.
	SecondaryLossEventFrequency QuantitativeDistribution `json:"secondary_loss_event_frequency,omitzero"`
	SecondaryLoss               QuantitativeDistribution `json:"secondary_loss,omitzero"` // see SecondaryLossEventFrequency
}

// IsZero reports whether q is the zero QuantitativeScenario (no scenario).
func (q QuantitativeScenario) IsZero() bool { return q == QuantitativeScenario{} }

// QuantitativeDistribution is one input distribution of a
// QuantitativeScenario. Type is "constant" (Value), "uniform" (Min, Max),
// "triangular" (Min, Mode, Max), "pert" (Min, Mode, Max and an optional
// Shape, 4 when zero), "lognormal_ci90" (Low and High, the 5th and 95th
// percentiles) or "normal" (Mean, SD; truncated at zero). Unused
// parameters must be zero. The zero value means the node is absent.
type QuantitativeDistribution struct {
	// Type names the distribution.
	Type string `json:"type"`
	// Value is the constant's value.
	Value float64 `json:"value,omitempty"`
	// Min, Mode, Max and Shape parameterise uniform, triangular and PERT
	// distributions.
	Min   float64 `json:"min,omitempty"`
	Mode  float64 `json:"mode,omitempty"`  // see Min
	Max   float64 `json:"max,omitempty"`   // see Min
	Shape float64 `json:"shape,omitempty"` // see Min
	// Low and High are the 90% confidence interval of a lognormal.
	Low  float64 `json:"low,omitempty"`
	High float64 `json:"high,omitempty"` // see Low
	// Mean and SD parameterise a normal distribution.
	Mean float64 `json:"mean,omitempty"`
	SD   float64 `json:"sd,omitempty"` // see Mean
}

// QuantitativeFrequency is a frequency of events per year in a
// QuantitativeScenario. Type is "bernoulli" (Probability: at most one event
// a year), "poisson" (Rate) or "poisson_rate" (a Poisson rate drawn from
// RateDistribution each simulated year). The zero value means the node is
// absent.
type QuantitativeFrequency struct {
	// Type names the frequency.
	Type string `json:"type"`
	// Probability is the yearly probability of a Bernoulli frequency.
	Probability float64 `json:"probability,omitempty"`
	// Rate is the mean number of events a year of a Poisson frequency.
	Rate float64 `json:"rate,omitempty"`
	// RateDistribution is the distribution of the yearly rate.
	RateDistribution QuantitativeDistribution `json:"rate_distribution,omitzero"`
}
