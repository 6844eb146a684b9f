package risk

import (
	"fmt"
	"strconv"
	"strings"
)

// TraceLevel is one level named in a Trace: its 0-based index in its
// scale, its ID and its name.
type TraceLevel struct {
	// Index is the level's 0-based position in its scale.
	Index int `json:"index"`
	// ID and Name are the level's.
	ID   string `json:"id"`
	Name string `json:"name"` // see ID
}

// String returns the level as "Name [id]".
func (l TraceLevel) String() string { return fmt.Sprintf("%s [%s]", l.Name, l.ID) }

// TraceImpact is one dimension's impact in a Trace.
type TraceImpact struct {
	// Dimension is the aspect rated.
	Dimension Dimension `json:"dimension"`
	// Impact is the level rated for it.
	Impact TraceLevel `json:"impact"`
}

// Trace explains a score so that an auditor can re-perform it: the matrix
// it used, the inputs resolved to levels, how the dimension impacts were
// combined, and the grid cell read.
type Trace struct {
	// Matrix is the matrix that scored.
	Matrix MatrixRef `json:"matrix"`
	// Likelihood is the likelihood level given.
	Likelihood TraceLevel `json:"likelihood"`
	// Impacts are the per-dimension impacts given, if any.
	Impacts []TraceImpact `json:"impacts,omitempty"`
	// Rule is the combination rule, empty when one overall impact was
	// given.
	Rule CombineRule `json:"rule,omitempty"`
	// Combination spells out the rule's arithmetic on the 1-based impact
	// ordinals, such as "max(4, 2, 3) = 4"; empty for a direct impact.
	Combination string `json:"combination,omitempty"`
	// Impact is the combined (or given) impact level.
	Impact TraceLevel `json:"impact"`
	// Cell is the grid cell read, as [likelihood index, impact index].
	Cell [2]int `json:"cell"`
	// Level is the risk level in that cell.
	Level TraceLevel `json:"level"`
	// Scales gives the number of likelihood, impact and risk levels.
	Scales [3]int `json:"scales"`
}

// Explain scores a rating like Evaluate and returns the trace of the
// computation. It allocates; keep Evaluate for hot paths. Its errors are
// Evaluate's, answering isms.ErrInvalid (a nil matrix is one).
func (m *Matrix) Explain(in Rating) (Trace, error) {
	res, err := m.evaluate(&in)
	if err != nil {
		return Trace{}, fmt.Errorf("risk: explain: %w", err)
	}
	t := Trace{
		Matrix:     m.Ref(),
		Likelihood: traceLevel(m.Likelihood, res.Likelihood),
		Impact:     traceLevel(m.Impact, res.Impact),
		Cell:       [2]int{res.Likelihood, res.Impact},
		Level:      traceLevel(m.Risk, res.Level),
		Scales:     [3]int{len(m.Likelihood), len(m.Impact), len(m.Risk)},
	}
	if len(in.Impacts) > 0 {
		t.Rule = in.Rule.orDefault()
		ords := make([]string, len(in.Impacts))
		t.Impacts = make([]TraceImpact, 0, len(in.Impacts))
		for k, d := range in.Impacts {
			i := m.ImpactIndex(d.Impact)
			t.Impacts = append(t.Impacts, TraceImpact{Dimension: d.Dimension, Impact: traceLevel(m.Impact, i)})
			ords[k] = strconv.Itoa(i + 1)
		}
		args := strings.Join(ords, ", ")
		switch t.Rule {
		case RuleMean:
			sum := 0
			for _, ti := range t.Impacts {
				sum += ti.Impact.Index
			}
			// Mean of 0-based indices rounded up, shown on 1-based ordinals:
			// ceil(sum0/n) + 1.
			t.Combination = fmt.Sprintf("mean(%s) = %d/%d, rounded up to %d", args, sum+len(in.Impacts), len(in.Impacts), res.Impact+1)
		default:
			t.Combination = fmt.Sprintf("max(%s) = %d, set by %s", args, res.Impact+1, in.Impacts[res.Decisive].Dimension)
		}
	}
	return t, nil
}

func traceLevel(levels []Level, i int) TraceLevel {
	return TraceLevel{Index: i, ID: levels[i].ID, Name: levels[i].Name}
}

// String renders the trace on several lines for an auditor. Levels are
// shown with their 1-based ordinal ("L4 of 5"), lowest first.
func (t Trace) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "matrix:     %s\n", t.Matrix)
	fmt.Fprintf(&b, "likelihood: L%d of %d  %s\n", t.Likelihood.Index+1, t.Scales[0], t.Likelihood)
	for _, ti := range t.Impacts {
		fmt.Fprintf(&b, "impact:     I%d of %d  %s  (%s)\n", ti.Impact.Index+1, t.Scales[1], ti.Impact, ti.Dimension)
	}
	if t.Combination != "" {
		fmt.Fprintf(&b, "rule:       %s: %s\n", t.Rule, t.Combination)
	}
	how := "  (combined)"
	if len(t.Impacts) == 0 {
		how = "  (given)"
	}
	fmt.Fprintf(&b, "impact:     I%d of %d  %s%s\n", t.Impact.Index+1, t.Scales[1], t.Impact, how)
	fmt.Fprintf(&b, "cell:       grid[L%d][I%d]\n", t.Cell[0]+1, t.Cell[1]+1)
	fmt.Fprintf(&b, "level:      R%d of %d  %s\n", t.Level.Index+1, t.Scales[2], t.Level)
	return b.String()
}
