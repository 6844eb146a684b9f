package fair

import (
	"fmt"

	"github.com/ismskit/ismskit/isms"
)

// QuantileEffect is the change a control brings at one quantile.
type QuantileEffect struct {
	// Level is the quantile's level (0.95).
	Level float64 `json:"level"`
	// Current and Residual are the quantiles before and after the
	// control; Reduction is Current − Residual.
	Current   float64 `json:"current"`
	Residual  float64 `json:"residual"`  // see Current
	Reduction float64 `json:"reduction"` // see Current
}

// Effect is the effect of a control (or a treatment plan): current versus
// residual loss distributions.
type Effect struct {
	// CurrentMean and ResidualMean are the expected annual losses;
	// Reduction is their difference, the annual loss avoided.
	CurrentMean  float64 `json:"current_mean"`
	ResidualMean float64 `json:"residual_mean"` // see CurrentMean
	Reduction    float64 `json:"reduction"`     // see CurrentMean
	// ReductionRatio is Reduction / CurrentMean (0 when CurrentMean is 0).
	ReductionRatio float64 `json:"reduction_ratio"`
	// Quantiles are the changes at the requested levels, in their order.
	Quantiles []QuantileEffect `json:"quantiles,omitempty"`
	// Cost is the annual cost of the control.
	Cost float64 `json:"cost"`
	// ROSI is the return on security investment, (Reduction − Cost) /
	// Cost; nil when Cost is 0.
	ROSI *float64 `json:"rosi,omitempty"`
}

// Compare computes the effect of a control from the current and residual
// losses: the reduction of the expected annual loss, of each quantile
// level asked, and the return on security investment (ENISA's ROSI,
// (reduction − cost)/cost) given the control's annual cost (≥ 0, finite).
// Nil losses, a bad cost or a level outside [0, 1] are errors answering
// isms.ErrInvalid. Simulate current and residual with the same seed and
// scenario names: both then start every block from the same streams
// (common random numbers), which reduces the sampling noise of the
// difference; the draws part ways where the two trees consume different
// numbers of variates.
func Compare(current, residual *Losses, cost float64, levels ...float64) (*Effect, error) {
	if current == nil || residual == nil {
		return nil, isms.Invalidf("fair: compare: current and residual losses are required")
	}
	if !finite(cost) || cost < 0 {
		return nil, isms.Invalidf("fair: compare: cost %g must be a finite number ≥ 0", cost)
	}
	e := &Effect{CurrentMean: current.Mean(), ResidualMean: residual.Mean(), Cost: cost}
	e.Reduction = e.CurrentMean - e.ResidualMean
	if e.CurrentMean != 0 {
		e.ReductionRatio = e.Reduction / e.CurrentMean
	}
	if cost > 0 {
		r := (e.Reduction - cost) / cost
		e.ROSI = &r
	}
	for _, lv := range levels {
		c, err := current.Quantile(lv)
		if err != nil {
			return nil, fmt.Errorf("fair: compare: %w", err)
		}
		r, _ := residual.Quantile(lv)
		e.Quantiles = append(e.Quantiles, QuantileEffect{Level: lv, Current: c, Residual: r, Reduction: c - r})
	}
	return e, nil
}
