package risk

import (
	"context"
	"fmt"

	"github.com/ismskit/ismskit/isms"
)

// Selections returns the controls the risk's treatment selects, each as
// an isms.ControlSelection naming the risk: the input the Statement of
// Applicability consumes (controls.SoA.RecordSelections and
// controls.SoACheckOptions.Selections) without an import between the
// packages. Refs of another kind than ControlKind are left out. A nil or
// closed risk, or one without treatment, selects nothing (nil).
func (r *Risk) Selections() []isms.ControlSelection {
	return appendSelections(nil, r)
}

// Selections returns the selections of every risk, in the order given
// (Risk.Selections for each; nil and closed risks are skipped).
func Selections(risks []*Risk) []isms.ControlSelection {
	var out []isms.ControlSelection
	for _, r := range risks {
		out = appendSelections(out, r)
	}
	return out
}

func appendSelections(out []isms.ControlSelection, r *Risk) []isms.ControlSelection {
	if r == nil || r.Status == StatusClosed || r.Treatment == nil {
		return out
	}
	by := r.Ref()
	for _, c := range r.Treatment.Controls {
		if c.Kind == ControlKind {
			out = append(out, isms.ControlSelection{Control: c.ID, By: by})
		}
	}
	return out
}

// Selections returns the control selections of the risks the filter
// selects, in ascending risk ID order (the pure Selections over List).
func (g *Register) Selections(ctx context.Context, f *Filter) ([]isms.ControlSelection, error) {
	if err := g.usable(ctx); err != nil {
		return nil, fmt.Errorf("risk: selections: %w", err)
	}
	var out []isms.ControlSelection
	if err := g.scan(ctx, f, g.clock.Now(), func(r *Risk) { out = appendSelections(out, r) }); err != nil {
		return nil, fmt.Errorf("risk: selections: %w", err)
	}
	return out, nil
}
