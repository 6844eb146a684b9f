package risk

import (
	"fmt"
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// GridSpec describes a matrix whose grid is computed from a score of the
// likelihood and impact ordinals and a set of band thresholds, for
// Multiplicative and Additive.
//
// Ordinals count from 1 for the lowest level. The risk level of a cell is
// the number of thresholds at or below the cell's score: a score below
// Thresholds[0] is Risk[0], a score at or above Thresholds[k] and below
// Thresholds[k+1] is Risk[k+1]. Thresholds must hold len(Risk)-1 strictly
// ascending values.
type GridSpec struct {
	// Name, Version and Description become the matrix's.
	Name        string `json:"name"`
	Version     string `json:"version"`               // see Name
	Description string `json:"description,omitempty"` // see Name
	// Likelihood, Impact and Risk are the scales, lowest first, each of at
	// most MaxLevels levels.
	Likelihood []Level `json:"likelihood"`
	Impact     []Level `json:"impact"` // see Likelihood
	Risk       []Level `json:"risk"`   // see Likelihood
	// Thresholds are the lowest scores of Risk[1], Risk[2], ...
	Thresholds []int `json:"thresholds,omitempty"`
}

// Multiplicative returns the matrix whose cell (l, i) has the score
// (l+1) × (i+1), banded by spec.Thresholds. The matrix is monotonic.
// Errors answer isms.ErrInvalid.
func Multiplicative(spec GridSpec) (*Matrix, error) {
	return generate(spec, "multiplicative", product)
}

// Additive returns the matrix whose cell (l, i) has the score
// (l+1) + (i+1), banded by spec.Thresholds. The matrix is monotonic.
// Errors answer isms.ErrInvalid.
func Additive(spec GridSpec) (*Matrix, error) {
	return generate(spec, "additive", sum)
}

func generate(spec GridSpec, kind string, score func(l, i int) int) (*Matrix, error) {
	m := &Matrix{
		Name:        spec.Name,
		Version:     spec.Version,
		Description: spec.Description,
		Likelihood:  slices.Clone(spec.Likelihood),
		Impact:      slices.Clone(spec.Impact),
		Risk:        slices.Clone(spec.Risk),
		Monotonic:   true,
	}
	var ps isms.Problems
	if len(spec.Risk) > 0 && len(spec.Thresholds) != len(spec.Risk)-1 && len(spec.Risk) <= MaxLevels {
		ps.Addf("thresholds", isms.CodeMalformed, "%d thresholds for %d risk levels; exactly %d are required", len(spec.Thresholds), len(spec.Risk), len(spec.Risk)-1)
	}
	for k := 1; k < len(spec.Thresholds) && k < MaxLevels; k++ {
		if spec.Thresholds[k] <= spec.Thresholds[k-1] {
			ps.Addf(fmt.Sprintf("thresholds[%d]", k), isms.CodeOrder, "threshold %d is not above the previous one, %d", spec.Thresholds[k], spec.Thresholds[k-1])
		}
	}
	if err := ps.Err(kind + " risk matrix " + spec.Name); err != nil {
		return nil, fmt.Errorf("risk: %s: %w", kind, err)
	}
	// The grid costs cells × thresholds: build it only from scales that
	// can be valid, and let Validate report the others.
	if len(spec.Likelihood) <= MaxLevels && len(spec.Impact) <= MaxLevels && len(spec.Thresholds) < MaxLevels {
		m.Grid = bandGrid(len(spec.Likelihood), len(spec.Impact), score, spec.Thresholds)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("risk: %s: %w", kind, err)
	}
	return m, nil
}
