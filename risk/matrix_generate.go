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
	Name        string
	Version     string // see Name
	Description string // see Name
	// Likelihood, Impact and Risk are the scales, lowest first.
	Likelihood []Level
	Impact     []Level // see Likelihood
	Risk       []Level // see Likelihood
	// Thresholds are the lowest scores of Risk[1], Risk[2], ...
	Thresholds []int
}

// Multiplicative returns the matrix whose cell (l, i) has the score
// (l+1) × (i+1), banded by spec.Thresholds. The matrix is monotonic.
func Multiplicative(spec GridSpec) (*Matrix, error) {
	return generate(spec, "multiplicative", product)
}

// Additive returns the matrix whose cell (l, i) has the score
// (l+1) + (i+1), banded by spec.Thresholds. The matrix is monotonic.
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
	if len(spec.Risk) > 0 && len(spec.Thresholds) != len(spec.Risk)-1 {
		ps.Addf("thresholds", isms.CodeMalformed, "%d thresholds for %d risk levels; exactly %d are required", len(spec.Thresholds), len(spec.Risk), len(spec.Risk)-1)
	}
	for k := 1; k < len(spec.Thresholds); k++ {
		if spec.Thresholds[k] <= spec.Thresholds[k-1] {
			ps.Addf(fmt.Sprintf("thresholds[%d]", k), isms.CodeOrder, "threshold %d is not above the previous one, %d", spec.Thresholds[k], spec.Thresholds[k-1])
		}
	}
	if err := ps.Err("risk: " + kind + " matrix " + spec.Name); err != nil {
		return nil, err
	}
	if len(spec.Likelihood) <= MaxLevels && len(spec.Impact) <= MaxLevels {
		m.Grid = bandGrid(len(spec.Likelihood), len(spec.Impact), score, spec.Thresholds)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}
