package risk

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// Rank returns the risks assessed at stage with m, highest first: by risk
// level, then likelihood, then impact (all descending), then ID
// (ascending), so that the order is total and deterministic. Risks not
// assessed at stage, assessed with another matrix or version, or naming
// levels m lacks, are left out, and so are nil risks. The input slice is
// not changed. A nil or invalid matrix, or an unknown stage, is an error
// answering isms.ErrInvalid.
func Rank(risks []*Risk, m *Matrix, stage Stage) ([]*Risk, error) {
	if !stage.IsValid() {
		return nil, isms.Invalidf("risk: rank: unknown stage %q", string(stage))
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("risk: rank: %w", err)
	}
	return rank(risks, m, stage), nil
}

// rank is Rank for a matrix known to be valid and a known stage.
func rank(risks []*Risk, m *Matrix, stage Stage) []*Risk {
	type ranked struct {
		r            *Risk
		level, l, im int
	}
	rs := make([]ranked, 0, len(risks))
	ref := m.Ref()
	for _, r := range risks {
		if r == nil {
			continue
		}
		a := r.Assessment(stage)
		if a == nil || a.Matrix != ref {
			continue
		}
		lv, l, im := m.RiskIndex(a.Level), m.LikelihoodIndex(a.Likelihood), m.ImpactIndex(a.Impact)
		if lv < 0 || l < 0 || im < 0 {
			continue
		}
		rs = append(rs, ranked{r, lv, l, im})
	}
	// Compared key by key, lazily: cmp.Or would compute every key (the ID
	// comparison included) for every pair.
	slices.SortFunc(rs, func(a, b ranked) int {
		if c := cmp.Compare(b.level, a.level); c != 0 {
			return c
		}
		if c := cmp.Compare(b.l, a.l); c != 0 {
			return c
		}
		if c := cmp.Compare(b.im, a.im); c != 0 {
			return c
		}
		return cmp.Compare(a.r.ID, b.r.ID)
	})
	out := make([]*Risk, len(rs))
	for i, x := range rs {
		out[i] = x.r
	}
	return out
}
