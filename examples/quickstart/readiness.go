package main

import (
	"context"
	"fmt"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/risk"
)

// readinessStep reads back what the tour stored and asks whether Acme is
// ready for certification: a tour ISMS is not, and the report says why,
// reason by reason.
func readinessStep(ctx context.Context, s *store.Store) error {
	fmt.Fprintln(out, "\n== Certification readiness")
	scopes, err := all[isms.Scope](ctx, s, isms.KindScope)
	if err != nil {
		return err
	}
	docs, err := all[isms.Document](ctx, s, isms.KindDocument)
	if err != nil {
		return err
	}
	risks, err := all[risk.Risk](ctx, s, risk.Kind)
	if err != nil {
		return err
	}
	soas, err := all[controls.SoA](ctx, s, controls.KindSoA)
	if err != nil {
		return err
	}
	incidents, err := all[incident.Incident](ctx, s, incident.Kind)
	if err != nil {
		return err
	}
	snap := &audit.Snapshot{Documents: docs, Matrix: risk.Preset5x5ISO27005(), Risks: risks, Incidents: incidents}
	if len(scopes) > 0 {
		snap.Scope = scopes[0]
	}
	if len(soas) > 0 {
		snap.SoA = soas[0]
	}
	r, err := audit.Readiness(snap, today, nil)
	if err != nil {
		return err
	}
	for _, v := range []struct {
		stage string
		v     audit.Verdict
	}{{"Stage 1", r.Stage1}, {"Stage 2", r.Stage2}} {
		fmt.Fprintf(out, "%s ready: %v\n", v.stage, v.v.Ready)
		for _, f := range v.v.Reasons {
			fmt.Fprintf(out, "  %s\n", f.Code)
		}
	}
	return nil
}

// all reads every T of kind stored for the tour's tenant.
func all[T any](ctx context.Context, s *store.Store, kind string) ([]*T, error) {
	r, err := repo[T](s, kind)
	if err != nil {
		return nil, err
	}
	var out []*T
	for v, err := range r.All(ctx) {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
