package risk

import (
	"fmt"

	"github.com/ismskit/ismskit/isms"
)

// PreparedRating is a Rating resolved against one matrix: its level IDs
// looked up once, so that scoring it again (Matrix.EvaluatePrepared) is
// integer work only. Evaluate looks up the likelihood and every impact ID
// on each call; a program that scores the same ratings many times (a
// simulation, a what-if over a whole register) prepares them once. The
// zero PreparedRating prepares nothing and does not evaluate.
type PreparedRating struct {
	matrix     MatrixRef
	sizes      [3]int // the scales' lengths when prepared
	likelihood int
	impact     int   // the direct impact, when impacts is nil
	impacts    []int // the per-dimension impacts, in the rating's order
	mean       bool
}

// Prepare resolves in against m, with the checks of Evaluate (each error
// of Evaluate is an error here, answering isms.ErrInvalid), and returns
// the prepared rating for EvaluatePrepared with the same matrix.
func (m *Matrix) Prepare(in Rating) (PreparedRating, error) {
	if _, err := m.evaluate(&in); err != nil {
		return PreparedRating{}, fmt.Errorf("risk: prepare: %w", err)
	}
	p := PreparedRating{
		matrix:     m.Ref(),
		sizes:      [3]int{len(m.Likelihood), len(m.Impact), len(m.Risk)},
		likelihood: levelIndex(m.Likelihood, in.Likelihood),
		impact:     -1,
		mean:       in.Rule == RuleMean,
	}
	if len(in.Impacts) == 0 {
		p.impact = levelIndex(m.Impact, in.Impact)
		return p, nil
	}
	p.impacts = make([]int, len(in.Impacts))
	for k, d := range in.Impacts {
		p.impacts[k] = levelIndex(m.Impact, d.Impact)
	}
	return p, nil
}

// EvaluatePrepared scores a prepared rating: the Result Evaluate gives the
// rating p was prepared from, without looking up a level ID. It does not
// allocate. A rating prepared with another matrix or version (or a matrix
// whose scales have since changed length), the zero PreparedRating and a
// nil matrix are errors answering isms.ErrInvalid.
func (m *Matrix) EvaluatePrepared(p PreparedRating) (Result, error) {
	if m == nil || p.sizes[0] == 0 || p.matrix.Name != m.Name || p.matrix.Version != m.Version ||
		p.sizes != [3]int{len(m.Likelihood), len(m.Impact), len(m.Risk)} {
		return Result{}, fmt.Errorf("risk: evaluate prepared: %w", m.preparedError(p))
	}
	imp, decisive := p.impact, -1
	if p.impacts != nil {
		sum := 0
		for k, i := range p.impacts {
			if i > imp {
				imp, decisive = i, k
			}
			sum += i
		}
		if p.mean {
			n := len(p.impacts)
			imp, decisive = (sum+n-1)/n, -1
		}
	}
	v, err := m.Score(p.likelihood, imp)
	if err != nil {
		return Result{}, fmt.Errorf("risk: evaluate prepared: %w", m.scoreError(p.likelihood, imp))
	}
	return Result{Likelihood: p.likelihood, Impact: imp, Level: v, Decisive: decisive}, nil
}

func (m *Matrix) preparedError(p PreparedRating) error {
	switch {
	case m == nil:
		return isms.Invalidf("the matrix is nil")
	case p.sizes[0] == 0:
		return isms.Invalidf("the rating is not prepared (use Matrix.Prepare)")
	case p.matrix != m.Ref():
		return isms.Invalidf("the rating was prepared with matrix %s, not %s", p.matrix, m.Ref())
	}
	return isms.Invalidf("matrix %s changed its scales since the rating was prepared", m.Ref())
}
