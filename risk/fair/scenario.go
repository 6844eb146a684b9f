package fair

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// Mode is how a scenario turns frequency and magnitude into a year's loss.
type Mode string

// Modes.
const (
	// ModeCompound (the default, also when empty) sums one independent
	// magnitude draw per loss event: a year with three loss events loses
	// three draws. It is the compound distribution actuaries use.
	ModeCompound Mode = "compound"
	// ModeProduct multiplies the year's loss event frequency (a rate,
	// drawn when it is a distribution) by one magnitude draw, as pyfair and
	// the spreadsheet tools compute. It has the same mean as ModeCompound
	// but a different tail: it never has a zero-loss year unless the
	// frequency is zero, and its spread comes from one magnitude draw
	// scaled by the rate instead of a sum of independent draws (whose
	// relative spread shrinks as 1/√n). It is offered for comparison.
	ModeProduct Mode = "product"
)

var modeValues = []Mode{ModeCompound, ModeProduct}

// ModeValues returns every Mode.
func ModeValues() []Mode { return slices.Clone(modeValues) }

// IsValid reports whether m is a known Mode ("" is not; it means
// ModeCompound in a Scenario).
func (m Mode) IsValid() bool { return slices.Contains(modeValues, m) }

// UnmarshalText accepts only known modes.
func (m *Mode) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(m, "fair mode", b, modeValues)
}

// MaxNameLength is the longest scenario name, in bytes.
const MaxNameLength = 255

// Scenario is one Open FAIR loss scenario: its factor tree, each node
// given directly or derived from its children.
//
// Loss event frequency (LEF) is given directly (LossEventFrequency), or
// derived as threat event frequency × vulnerability. The threat event
// frequency (TEF) is given directly (ThreatEventFrequency) or derived from
// ContactFrequency thinned by ProbabilityOfAction. Vulnerability is given
// directly as a probability (Vulnerability, drawn once per year) or
// derived per threat event as P(ThreatCapability > ResistanceStrength):
// each threat event draws a capability and a resistance and is a loss
// event when the capability is the greater.
//
// Loss magnitude is PrimaryLoss plus, with probability
// SecondaryLossEventFrequency (drawn once per year), SecondaryLoss; each
// loss event draws its own magnitudes in ModeCompound. In ModeProduct the
// year's loss is LEF × (PrimaryLoss + SecondaryLossEventFrequency ×
// SecondaryLoss), LEF being the frequency's value (probability, rate or
// drawn rate; times a ProbabilityOfAction draw for a contact frequency)
// times the vulnerability (a probability drawn, or the indicator of one
// capability draw exceeding one resistance draw).
//
// Probabilities (ProbabilityOfAction, Vulnerability,
// SecondaryLossEventFrequency) must be distributions bounded by [0, 1];
// ThreatCapability and ResistanceStrength are on any common scale (0–100
// in Open FAIR).
//
// In JSON a scenario is {"name": …} plus the fields of its stored form,
// risk.QuantitativeScenario (see ParseScenario).
type Scenario struct {
	// Name identifies the scenario in the results. It is required, unique
	// within a simulation, and seeds the scenario's random streams: the
	// same seed and name give the same draws whatever other scenarios are
	// simulated.
	Name string
	// Mode is ModeCompound (also when empty) or ModeProduct.
	Mode Mode
	// Currency names the unit of the magnitudes ("EUR"); informative.
	Currency string
	// LossEventFrequency gives LEF directly.
	LossEventFrequency Frequency
	// ThreatEventFrequency gives TEF directly.
	ThreatEventFrequency Frequency
	// ContactFrequency and ProbabilityOfAction derive TEF.
	ContactFrequency    Frequency
	ProbabilityOfAction Distribution // see ContactFrequency
	// Vulnerability gives the vulnerability directly.
	Vulnerability Distribution
	// ThreatCapability and ResistanceStrength derive the vulnerability.
	ThreatCapability   Distribution
	ResistanceStrength Distribution // see ThreatCapability
	// PrimaryLoss is the primary loss magnitude per loss event (required).
	PrimaryLoss Distribution
	// SecondaryLossEventFrequency and SecondaryLoss give the secondary
	// loss; both or neither.
	SecondaryLossEventFrequency Distribution
	SecondaryLoss               Distribution // see SecondaryLossEventFrequency
}

// Validate checks the factor tree and reports every problem as an
// *isms.ValidationError (isms.ErrInvalid): a name; a known mode; exactly
// one way to the loss event frequency; valid distributions and
// frequencies; probabilities bounded by [0, 1]; a primary loss; secondary
// loss frequency and magnitude together. A nil scenario is an error.
func (s *Scenario) Validate() error {
	if s == nil {
		return isms.Invalidf("fair: scenario is nil")
	}
	var ps isms.Problems
	switch {
	case s.Name == "":
		ps.Add("name", isms.CodeRequired, "name is required")
	case len(s.Name) > MaxNameLength:
		ps.Addf("name", isms.CodeOutOfRange, "name is %d bytes; at most %d are allowed", len(s.Name), MaxNameLength)
	}
	if s.Mode != "" && !s.Mode.IsValid() {
		ps.Addf("mode", isms.CodeUnknown, "unknown mode %q (want compound or product)", string(s.Mode))
	}
	freq := func(field string, f Frequency) {
		if m := f.problem(); m != "" && !f.IsZero() {
			ps.Add(field, isms.CodeOutOfRange, m)
		}
	}
	dist := func(field string, d Distribution, probability bool) {
		if d.IsZero() {
			return
		}
		if m := d.problem(); m != "" {
			ps.Add(field, isms.CodeOutOfRange, m)
			return
		}
		if lo, hi := d.bounds(); probability && (lo < 0 || hi > 1) {
			ps.Addf(field, isms.CodeOutOfRange, "%s is a probability: its distribution must lie in [0, 1], not %s", field, d)
		}
	}
	freq("loss_event_frequency", s.LossEventFrequency)
	freq("threat_event_frequency", s.ThreatEventFrequency)
	freq("contact_frequency", s.ContactFrequency)
	dist("probability_of_action", s.ProbabilityOfAction, true)
	dist("vulnerability", s.Vulnerability, true)
	dist("threat_capability", s.ThreatCapability, false)
	dist("resistance_strength", s.ResistanceStrength, false)
	dist("primary_loss", s.PrimaryLoss, false)
	dist("secondary_loss_event_frequency", s.SecondaryLossEventFrequency, true)
	dist("secondary_loss", s.SecondaryLoss, false)

	lef, tef, cf := !s.LossEventFrequency.IsZero(), !s.ThreatEventFrequency.IsZero(), !s.ContactFrequency.IsZero()
	poa, vul := !s.ProbabilityOfAction.IsZero(), !s.Vulnerability.IsZero()
	tc, rs := !s.ThreatCapability.IsZero(), !s.ResistanceStrength.IsZero()
	switch n := count(lef, tef, cf); {
	case n == 0:
		ps.Add("loss_event_frequency", isms.CodeRequired, "give loss_event_frequency, threat_event_frequency or contact_frequency")
	case n > 1:
		ps.Add("loss_event_frequency", isms.CodeForbidden, "give only one of loss_event_frequency, threat_event_frequency and contact_frequency")
	}
	if cf != poa {
		ps.Add("probability_of_action", isms.CodeRequired, "contact_frequency and probability_of_action go together")
	}
	if tc != rs {
		ps.Add("resistance_strength", isms.CodeRequired, "threat_capability and resistance_strength go together")
	}
	if lef && (vul || tc || rs) {
		ps.Add("vulnerability", isms.CodeForbidden, "a loss event frequency given directly takes no vulnerability")
	}
	if (tef || cf) && !vul && !tc && !rs {
		ps.Add("vulnerability", isms.CodeRequired, "give vulnerability, or threat_capability and resistance_strength")
	}
	if vul && (tc || rs) {
		ps.Add("vulnerability", isms.CodeForbidden, "give vulnerability or threat_capability and resistance_strength, not both")
	}
	if s.PrimaryLoss.IsZero() {
		ps.Add("primary_loss", isms.CodeRequired, "primary_loss is required")
	}
	if s.SecondaryLossEventFrequency.IsZero() != s.SecondaryLoss.IsZero() {
		ps.Add("secondary_loss", isms.CodeRequired, "secondary_loss_event_frequency and secondary_loss go together")
	}
	subject := "fair scenario"
	if s.Name != "" && len(s.Name) <= MaxNameLength {
		subject += " " + s.Name
	}
	return ps.Err(subject)
}

func count(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// AnalyticMean returns the scenario's expected annual loss from the means
// of its inputs, where the factor tree allows it: E[LEF] × E[LM], with
// E[LM] = E[primary] + E[SLEF]·E[secondary]. It is exact in both modes for
// trees whose inputs are independent draws, and the second value is false
// when it cannot be computed in closed form (a vulnerability derived from
// capability and resistance) or the scenario is invalid.
func (s *Scenario) AnalyticMean() (float64, bool) {
	if s == nil || s.Validate() != nil || !s.ThreatCapability.IsZero() {
		return 0, false
	}
	var lef float64
	switch {
	case !s.LossEventFrequency.IsZero():
		lef = s.LossEventFrequency.Mean()
	case !s.ThreatEventFrequency.IsZero():
		lef = s.ThreatEventFrequency.Mean() * s.Vulnerability.Mean()
	default:
		lef = s.ContactFrequency.Mean() * s.ProbabilityOfAction.Mean() * s.Vulnerability.Mean()
	}
	lm := s.PrimaryLoss.Mean() + s.SecondaryLossEventFrequency.Mean()*s.SecondaryLoss.Mean()
	return lef * lm, true
}

// Quantitative returns the scenario as stored with a risk.Risk (its name
// is not part of it: the risk names it). A nil scenario gives the zero
// value.
func (s *Scenario) Quantitative() risk.QuantitativeScenario {
	if s == nil {
		return risk.QuantitativeScenario{}
	}
	return risk.QuantitativeScenario{
		Mode:                        string(s.Mode),
		Currency:                    s.Currency,
		LossEventFrequency:          s.LossEventFrequency.spec(),
		ThreatEventFrequency:        s.ThreatEventFrequency.spec(),
		ContactFrequency:            s.ContactFrequency.spec(),
		ProbabilityOfAction:         s.ProbabilityOfAction.spec(),
		Vulnerability:               s.Vulnerability.spec(),
		ThreatCapability:            s.ThreatCapability.spec(),
		ResistanceStrength:          s.ResistanceStrength.spec(),
		PrimaryLoss:                 s.PrimaryLoss.spec(),
		SecondaryLossEventFrequency: s.SecondaryLossEventFrequency.spec(),
		SecondaryLoss:               s.SecondaryLoss.spec(),
	}
}

// FromQuantitative builds and validates the scenario a stored
// risk.QuantitativeScenario describes, under name. Unknown types, unused
// parameters, bad parameters and contradictory nodes are errors answering
// isms.ErrInvalid.
func FromQuantitative(name string, q risk.QuantitativeScenario) (*Scenario, error) {
	s, err := fromQuantitative(name, q)
	if err != nil {
		return nil, fmt.Errorf("fair: from quantitative: %w", err)
	}
	return s, nil
}

func fromQuantitative(name string, q risk.QuantitativeScenario) (*Scenario, error) {
	s := &Scenario{
		Name:                        name,
		Mode:                        Mode(q.Mode),
		Currency:                    q.Currency,
		LossEventFrequency:          freqFromSpec(q.LossEventFrequency),
		ThreatEventFrequency:        freqFromSpec(q.ThreatEventFrequency),
		ContactFrequency:            freqFromSpec(q.ContactFrequency),
		ProbabilityOfAction:         distFromSpec(q.ProbabilityOfAction),
		Vulnerability:               distFromSpec(q.Vulnerability),
		ThreatCapability:            distFromSpec(q.ThreatCapability),
		ResistanceStrength:          distFromSpec(q.ResistanceStrength),
		PrimaryLoss:                 distFromSpec(q.PrimaryLoss),
		SecondaryLossEventFrequency: distFromSpec(q.SecondaryLossEventFrequency),
		SecondaryLoss:               distFromSpec(q.SecondaryLoss),
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// FromRisk builds the scenario stored with r (risk.Risk.Quantitative),
// named by the risk's ID (its title before it has one). A nil risk, or one
// without a quantitative scenario, is an error answering isms.ErrInvalid.
func FromRisk(r *risk.Risk) (*Scenario, error) {
	if r == nil {
		return nil, isms.Invalidf("fair: from risk: nil risk")
	}
	if r.Quantitative == nil || r.Quantitative.IsZero() {
		return nil, isms.Invalidf("fair: from risk: risk %q has no quantitative scenario", r.ID)
	}
	name := string(r.ID)
	if name == "" {
		name = r.Title
	}
	s, err := fromQuantitative(name, *r.Quantitative)
	if err != nil {
		return nil, fmt.Errorf("fair: from risk: %w", err)
	}
	return s, nil
}

// scenarioDocument is the JSON form ParseScenario reads: a name and the
// stored form's fields.
type scenarioDocument struct {
	Name string `json:"name"`
	risk.QuantitativeScenario
}

// ParseScenario decodes a scenario from a JSON document strictly (with
// isms.UnmarshalStrict): {"name": …} and the fields of a
// risk.QuantitativeScenario, for example
//
//	{"name": "ransomware", "loss_event_frequency": {"type": "bernoulli", "probability": 0.1},
//	 "primary_loss": {"type": "lognormal_ci90", "low": 1e5, "high": 1e6}}
//
// It then validates the scenario. Errors answer isms.ErrInvalid.
func ParseScenario(data []byte) (*Scenario, error) {
	var doc scenarioDocument
	if err := isms.UnmarshalStrict(data, &doc); err != nil {
		return nil, fmt.Errorf("fair: parse scenario: %w", err)
	}
	s, err := fromQuantitative(doc.Name, doc.QuantitativeScenario)
	if err != nil {
		return nil, fmt.Errorf("fair: parse scenario: %w", err)
	}
	return s, nil
}

// UnmarshalJSON decodes the form MarshalJSON writes, leniently (unknown
// fields are ignored, as for stored documents; use ParseScenario for
// documents from users), and validates the scenario.
func (s *Scenario) UnmarshalJSON(data []byte) error {
	if s == nil {
		return isms.Invalidf("fair: unmarshal scenario: nil scenario")
	}
	var doc scenarioDocument
	if err := json.Unmarshal(data, &doc); err != nil {
		return isms.Invalidf("fair: unmarshal scenario: %v", err)
	}
	v, err := fromQuantitative(doc.Name, doc.QuantitativeScenario)
	if err != nil {
		return fmt.Errorf("fair: unmarshal scenario: %w", err)
	}
	*s = *v
	return nil
}

// MarshalJSON encodes the scenario in the form ParseScenario reads. A
// scenario built with invalid distributions encodes them as absent.
func (s Scenario) MarshalJSON() ([]byte, error) {
	return json.Marshal(scenarioDocument{Name: s.Name, QuantitativeScenario: s.Quantitative()})
}
