package risk

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// scan calls fn with every risk the filter selects at now, in ascending ID
// order: the one read of the whole register that List, Top, Heatmap and
// Check share. The risks are the repository's shared decoded values
// (store.Repository.AllShared): fn only reads them, and copies (Clone)
// any it hands out or keeps beyond the call. Reading shared values is
// what makes a report over 100,000 risks cost microseconds per risk
// rather than a JSON decoding each.
func (g *Register) scan(ctx context.Context, f *Filter, now time.Time, fn func(r *Risk)) error {
	if err := g.usable(ctx); err != nil {
		return err
	}
	if err := f.Validate(); err != nil {
		return err
	}
	for r, err := range g.repo.AllShared(ctx) {
		if err != nil {
			return err
		}
		ok, err := f.match(r, g.review, now)
		if err != nil {
			return r.subject(err)
		}
		if ok {
			fn(r)
		}
	}
	return nil
}

// list is scan collecting the risks, shared: the caller copies those it
// hands out.
func (g *Register) list(ctx context.Context, f *Filter, now time.Time) ([]*Risk, error) {
	var out []*Risk
	err := g.scan(ctx, f, now, func(r *Risk) { out = append(out, r) })
	return out, err
}

// List returns the risks the filter selects, in ascending ID order. The
// Overdue filter uses the register's clock.
func (g *Register) List(ctx context.Context, f *Filter) ([]*Risk, error) {
	if err := g.usable(ctx); err != nil {
		return nil, fmt.Errorf("risk: list: %w", err)
	}
	out, err := g.list(ctx, f, g.clock.Now())
	if err != nil {
		return nil, fmt.Errorf("risk: list: %w", err)
	}
	return cloneAll(out), nil
}

// Top returns the n highest risks at stage among those the filter selects,
// ranked by Rank; n <= 0 returns them all.
func (g *Register) Top(ctx context.Context, n int, stage Stage, f *Filter) ([]*Risk, error) {
	if err := g.usable(ctx); err != nil {
		return nil, fmt.Errorf("risk: top: %w", err)
	}
	if !stage.IsValid() {
		return nil, isms.Invalidf("risk: top: unknown stage %q", string(stage))
	}
	rs, err := g.list(ctx, f, g.clock.Now())
	if err != nil {
		return nil, fmt.Errorf("risk: top: %w", err)
	}
	ranked := rank(rs, g.m, stage)
	if n > 0 && len(ranked) > n {
		ranked = ranked[:n]
	}
	return cloneAll(ranked), nil
}

// Heatmap counts the selected risks' assessments at stage on the
// register's grid (AggregateHeatmap's counting, fed by the same scan as
// List).
func (g *Register) Heatmap(ctx context.Context, stage Stage, f *Filter) (*Heatmap, error) {
	if err := g.usable(ctx); err != nil {
		return nil, fmt.Errorf("risk: heatmap: %w", err)
	}
	h, err := NewHeatmap(g.m, stage)
	if err != nil {
		return nil, err
	}
	if err := g.scan(ctx, f, g.clock.Now(), h.add); err != nil {
		return nil, fmt.Errorf("risk: heatmap: %w", err)
	}
	return h, nil
}

// Check checks the selected risks at the clock's time with the register's
// matrix, criteria and review cadence (the pure Check), and returns the
// findings sorted with isms.SortFindings.
func (g *Register) Check(ctx context.Context, f *Filter) ([]isms.Finding, error) {
	if err := g.usable(ctx); err != nil {
		return nil, fmt.Errorf("risk: check: %w", err)
	}
	return g.checkWith(ctx, f, g.checker)
}

// CheckRefs is Check that also resolves every risk's asset and control
// refs against the known assets and the catalog's control IDs
// (CheckOptions.Assets and CheckOptions.Controls; CodeRefUnresolved). A
// nil list skips that check. The register's criteria and review cadence
// apply.
func (g *Register) CheckRefs(ctx context.Context, f *Filter, assets []isms.Ref, controls []isms.ID) ([]isms.Finding, error) {
	if err := g.usable(ctx); err != nil {
		return nil, fmt.Errorf("risk: check: %w", err)
	}
	c, err := newChecker(g.m, &CheckOptions{Criteria: &g.criteria, Review: &g.review, Assets: assets, Controls: controls})
	if err != nil {
		return nil, fmt.Errorf("risk: check: %w", err)
	}
	return g.checkWith(ctx, f, c)
}

func (g *Register) checkWith(ctx context.Context, f *Filter, c *checker) ([]isms.Finding, error) {
	now := g.clock.Now()
	var fs []isms.Finding
	if err := g.scan(ctx, f, now, func(r *Risk) { fs = c.check(r, now, fs) }); err != nil {
		return nil, fmt.Errorf("risk: check: %w", err)
	}
	sortFindings(fs) // isms.SortFindings order
	return fs, nil
}

// All iterates over every risk in ascending ID order. Iteration stops at
// the first error, which is yielded with a nil risk.
func (g *Register) All(ctx context.Context) iter.Seq2[*Risk, error] {
	return func(yield func(*Risk, error) bool) {
		if err := g.usable(ctx); err != nil {
			yield(nil, fmt.Errorf("risk: all: %w", err))
			return
		}
		for r, err := range g.repo.All(ctx) {
			if err != nil {
				yield(nil, fmt.Errorf("risk: all: %w", err))
				return
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

// NextReview returns when the risk is next due for review under the
// register's cadence (the pure NextReview). A nil risk or register is an
// error answering isms.ErrInvalid.
func (g *Register) NextReview(r *Risk) (time.Time, error) {
	if g == nil {
		return time.Time{}, isms.Invalidf("risk: next review: nil register")
	}
	return NextReview(r, g.review)
}
