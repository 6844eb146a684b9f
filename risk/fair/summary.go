package fair

import (
	"encoding/json"
	"fmt"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// defaultSummaryLevels are the levels of Losses.Summary when none are
// given.
var defaultSummaryLevels = [...]float64{0.5, 0.9, 0.95, 0.99}

// LevelValue is a statistic at one level (a quantile, an expected
// shortfall).
type LevelValue struct {
	// Level is the level (0.95).
	Level float64 `json:"level"`
	// Value is the statistic at that level.
	Value float64 `json:"value"`
}

// Summary is the report of one loss distribution, as Losses.MarshalJSON
// writes it.
type Summary struct {
	// Name is the scenario's name ("portfolio" for the portfolio).
	Name string `json:"name"`
	// Iterations is the number of simulated years.
	Iterations int `json:"iterations"`
	// Mean, StdDev, ProbabilityOfZero and Max are as the Losses methods
	// of the same names.
	Mean              float64 `json:"mean"`
	StdDev            float64 `json:"std_dev"`             // see Mean
	ProbabilityOfZero float64 `json:"probability_of_zero"` // see Mean
	Max               float64 `json:"max"`                 // see Mean
	// Quantiles and ExpectedShortfall hold the quantile (value at risk)
	// and the expected shortfall at each level.
	Quantiles         []LevelValue `json:"quantiles"`
	ExpectedShortfall []LevelValue `json:"expected_shortfall"` // see Quantiles
}

// Summary reports l at the given levels (each in [0, 1); none means 0.5,
// 0.9, 0.95 and 0.99). A bad level is an error answering isms.ErrInvalid;
// nil Losses give a zero Summary at those levels.
func (l *Losses) Summary(levels ...float64) (Summary, error) {
	if len(levels) == 0 {
		levels = defaultSummaryLevels[:]
	}
	s := Summary{Name: l.Name(), Iterations: l.Iterations(), Mean: l.Mean(), StdDev: l.StdDev(),
		ProbabilityOfZero: l.ProbabilityOfZero(), Max: l.Max()}
	for _, lv := range levels {
		q, err := l.Quantile(lv)
		if err != nil {
			return Summary{}, fmt.Errorf("fair: summary: %w", err)
		}
		es, err := l.ExpectedShortfall(lv)
		if err != nil {
			return Summary{}, fmt.Errorf("fair: summary: %w", err)
		}
		s.Quantiles = append(s.Quantiles, LevelValue{lv, q})
		s.ExpectedShortfall = append(s.ExpectedShortfall, LevelValue{lv, es})
	}
	return s, nil
}

// MarshalJSON writes l's Summary at the default levels (not the sample).
func (l *Losses) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("null"), nil
	}
	s, err := l.Summary()
	if err != nil {
		return nil, err
	}
	return json.Marshal(s)
}

// MarshalJSON writes d in its stored form (risk.QuantitativeDistribution),
// null for the zero Distribution; an invalid one is an error.
func (d Distribution) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(d.spec())
}

// UnmarshalJSON reads the stored form (null: the zero value), leniently
// (unknown fields are ignored), and refuses bad parameters with
// isms.ErrInvalid.
func (d *Distribution) UnmarshalJSON(data []byte) error {
	if d == nil {
		return isms.Invalidf("fair: unmarshal distribution: nil distribution")
	}
	if string(data) == "null" {
		*d = Distribution{}
		return nil
	}
	var q risk.QuantitativeDistribution
	if err := json.Unmarshal(data, &q); err != nil {
		return isms.Invalidf("fair: unmarshal distribution: %v", err)
	}
	v := distFromSpec(q)
	if err := v.Validate(); err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes f in its stored form (risk.QuantitativeFrequency),
// null for the zero Frequency; an invalid one is an error.
func (f Frequency) MarshalJSON() ([]byte, error) {
	if f.IsZero() {
		return []byte("null"), nil
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(f.spec())
}

// UnmarshalJSON reads the stored form (null: the zero value), leniently
// (unknown fields are ignored), and refuses bad parameters with
// isms.ErrInvalid.
func (f *Frequency) UnmarshalJSON(data []byte) error {
	if f == nil {
		return isms.Invalidf("fair: unmarshal frequency: nil frequency")
	}
	if string(data) == "null" {
		*f = Frequency{}
		return nil
	}
	var q risk.QuantitativeFrequency
	if err := json.Unmarshal(data, &q); err != nil {
		return isms.Invalidf("fair: unmarshal frequency: %v", err)
	}
	v := freqFromSpec(q)
	if err := v.Validate(); err != nil {
		return err
	}
	*f = v
	return nil
}
