package fair

import (
	"fmt"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// MaxThresholds is the largest number of thresholds of an ImpactScale.
const MaxThresholds = risk.MaxLevels

// ImpactThreshold maps losses from From upwards (up to the next
// threshold) to the impact level Level of a risk matrix.
type ImpactThreshold struct {
	// Level is the ID of an impact level of the matrix.
	Level string `json:"level"`
	// From is the smallest loss of the level.
	From float64 `json:"from"`
}

// ImpactScale maps a loss (an expected annual loss, a quantile) onto the
// impact levels of a qualitative matrix, through thresholds given as data,
// so that a quantitative scenario can be placed on the matrix.
type ImpactScale struct {
	// Matrix is the matrix whose impact levels the scale names.
	Matrix risk.MatrixRef `json:"matrix"`
	// Thresholds are ascending: the first From is 0, each From greater
	// than the last, and their levels in the matrix's impact order.
	Thresholds []ImpactThreshold `json:"thresholds"`
}

// Validate checks s against m: s names m; 1 to MaxThresholds thresholds;
// the first starts at 0; From strictly ascending and finite; each level an
// impact level of m, in ascending impact order. A nil scale or matrix is
// an error. Errors answer isms.ErrInvalid.
func (s *ImpactScale) Validate(m *risk.Matrix) error {
	if s == nil {
		return isms.Invalidf("fair: impact scale is nil")
	}
	var ps isms.Problems
	if m == nil {
		ps.Add("matrix", isms.CodeRequired, "a matrix is required to check the impact scale")
		return ps.Err("fair impact scale")
	}
	if s.Matrix != m.Ref() {
		ps.Addf("matrix", isms.CodeUnknown, "scale is for matrix %s, not %s", s.Matrix, m.Ref())
	}
	switch {
	case len(s.Thresholds) == 0:
		ps.Add("thresholds", isms.CodeRequired, "at least one threshold is required")
	case len(s.Thresholds) > MaxThresholds:
		ps.Addf("thresholds", isms.CodeOutOfRange, "%d thresholds; at most %d are allowed", len(s.Thresholds), MaxThresholds)
	default:
		index := make(map[string]int, len(m.Impact))
		for i, lv := range m.Impact {
			index[lv.ID] = i
		}
		last := -1
		for i, t := range s.Thresholds {
			f := fmt.Sprintf("thresholds[%d]", i)
			switch {
			case !finite(t.From):
				ps.Add(f+".from", isms.CodeOutOfRange, "from must be a finite number")
			case i == 0 && t.From != 0:
				ps.Addf(f+".from", isms.CodeOutOfRange, "the first threshold must start at 0, not %g", t.From)
			case i > 0 && !(t.From > s.Thresholds[i-1].From):
				ps.Addf(f+".from", isms.CodeOrder, "from %g is not greater than the previous threshold's", t.From)
			}
			j, ok := index[t.Level]
			switch {
			case !ok:
				ps.Addf(f+".level", isms.CodeUnknown, "%q is not an impact level of matrix %s", t.Level, m.Ref())
			case j <= last:
				ps.Addf(f+".level", isms.CodeOrder, "level %q is not above the previous threshold's level", t.Level)
			default:
				last = j
			}
		}
	}
	return ps.Err("fair impact scale")
}

// Level returns the impact level of loss: the level of the last threshold
// whose From is at most loss. A nil or empty scale, or a negative or NaN
// loss, is an error answering isms.ErrInvalid. Validate the scale against
// its matrix first.
func (s *ImpactScale) Level(loss float64) (string, error) {
	if s == nil || len(s.Thresholds) == 0 {
		return "", isms.Invalidf("fair: impact level: no thresholds")
	}
	if !(loss >= 0) {
		return "", isms.Invalidf("fair: impact level: loss %g must be ≥ 0", loss)
	}
	lv := ""
	for _, t := range s.Thresholds {
		if loss >= t.From {
			lv = t.Level
		}
	}
	if lv == "" {
		return "", isms.Invalidf("fair: impact level: loss %g is below the first threshold", loss)
	}
	return lv, nil
}

// ParseImpactScale decodes an ImpactScale strictly (isms.UnmarshalStrict)
// and validates it against m. Errors answer isms.ErrInvalid.
func ParseImpactScale(data []byte, m *risk.Matrix) (*ImpactScale, error) {
	var s ImpactScale
	if err := isms.UnmarshalStrict(data, &s); err != nil {
		return nil, fmt.Errorf("fair: parse impact scale: %w", err)
	}
	if err := s.Validate(m); err != nil {
		return nil, fmt.Errorf("fair: parse impact scale: %w", err)
	}
	return &s, nil
}
