package main

import (
	"context"
	"fmt"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/risk"
)

// riskStep registers a risk to the shop's customer data, assesses it with
// the ISO/IEC 27005-style 5x5 matrix, treats it with Annex A controls,
// prints the score's trace and the register's lint findings, and returns
// the controls the treatment selected, for the Statement of Applicability.
func riskStep(ctx context.Context, b *store.Store) ([]controls.Selection, []isms.Finding, error) {
	fmt.Fprintln(out, "\n== Risk assessment and treatment")
	m := risk.Preset5x5ISO27005()
	reg, err := risk.NewRegister(b, tenant, m, &risk.RegisterOptions{
		Criteria: &risk.Criteria{Matrix: m.Ref(), Appetite: "medium"},
	})
	if err != nil {
		return nil, nil, err
	}
	ctx = isms.WithActor(ctx, "risk-manager") // who assessed and treated

	r := &risk.Risk{
		Title:            "Ransomware encrypts the shop platform and its backups",
		Owner:            "CTO",
		Assets:           []isms.Ref{isms.NewRef(isms.KindAsset, "shop-platform"), isms.NewRef(isms.KindAsset, "customer-db")},
		ExistingControls: isms.ControlRefs("A.8.7"),
	}
	if err := reg.Create(ctx, r); err != nil {
		return nil, nil, err
	}
	current := risk.Rating{Likelihood: "likely", Impacts: []risk.DimensionImpact{
		{Dimension: risk.Confidentiality, Impact: "significant"},
		{Dimension: risk.Availability, Impact: "serious"},
	}}
	if _, err := reg.Assess(ctx, r.ID, risk.AssessCommand{Stage: risk.StageCurrent, Rating: current, Rationale: "backups are reachable from the servers"}); err != nil {
		return nil, nil, err
	}
	if _, err := reg.Treat(ctx, r.ID, risk.TreatCommand{
		Option:   risk.OptionModify,
		Controls: isms.ControlRefs("A.8.13", "A.8.20"),
		Actions:  []risk.Action{{Title: "Immutable off-site backups", Owner: "IT operations", Due: today.AddDate(0, 3, 0)}},
	}); err != nil {
		return nil, nil, err
	}
	r, err = reg.Assess(ctx, r.ID, risk.AssessCommand{Stage: risk.StageResidual, Rating: risk.Rating{Likelihood: "unlikely", Impact: "serious"}, Rationale: "after immutable backups"})
	if err != nil {
		return nil, nil, err
	}
	trace, err := m.Explain(r.Current.Rating())
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(out, "risk %s %q: current %s, residual %s (appetite %s)\n", r.ID, r.Title, r.Current.Level, r.Residual.Level, reg.Criteria().Appetite)
	fmt.Fprint(out, trace)
	findings, err := reg.Check(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	// The controls the treatments selected, for the SoA (controls.Selection
	// is the kernel's isms.ControlSelection: no glue between the packages).
	selected, err := reg.Selections(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	return selected, findings, nil
}
