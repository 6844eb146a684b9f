package main

import (
	"context"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// incidentStep reports a personal-data breach found 30 hours before today,
// declares it, and prints its GDPR clocks: the supervisory authority must
// hear of it within 72 hours of awareness (Art. 33).
func incidentStep(ctx context.Context, s *store.Store) error {
	fmt.Fprintln(out, "\n== Incident and notification clocks")
	svc, err := incident.NewService(s, tenant, nil)
	if err != nil {
		return err
	}
	clocks, err := incident.NewClocks([]*incident.Regime{incident.GDPR()}, nil)
	if err != nil {
		return err
	}
	inc := &incident.Incident{
		Title: "Customer list exposed by a misconfigured export", Category: incident.CategoryDataBreach,
		DetectionSource: "customer report", Owner: "CISO",
		OccurredAt: today.Add(-48 * time.Hour), DetectedAt: today.Add(-30 * time.Hour),
		AffectedAssets: []isms.Ref{isms.NewRef(isms.KindAsset, "customer-db")},
		PersonalData:   &incident.PersonalData{Categories: []string{"contact"}, People: 900, Records: 900},
	}
	if err := svc.Report(ctx, inc); err != nil {
		return err
	}
	for _, cmd := range []incident.StepCommand{
		{To: incident.StatusTriaging},
		{To: incident.StatusDeclared, Severity: "high", Criteria: []string{"customer personal data disclosed to an unauthorised party"}},
	} {
		if inc, err = svc.Step(ctx, inc.ID, cmd); err != nil {
			return err
		}
	}
	facts := inc.Facts()
	fmt.Fprintf(out, "incident %s %q: %s, detected %s\n", inc.ID, inc.Title, inc.Status, inc.DetectedAt.Format(time.RFC3339))
	for _, o := range clocks.Obligations(&facts, today) {
		due := "-"
		if !o.Due.IsZero() {
			due = o.Due.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(out, "  %-11s %-12s due %-20s %s\n", o.Obligation, o.Status, due, o.Note)
	}
	return nil
}

// continuityStep signs off a one-activity business impact analysis of
// order processing and checks it: the shop platform takes six hours to
// restore and is backed up nightly, so neither the four-hour RTO nor the
// one-hour RPO can be met.
func continuityStep(ctx context.Context, s *store.Store) ([]isms.Finding, error) {
	fmt.Fprintln(out, "\n== Business continuity")
	lib, err := bcp.NewLibrary(s, tenant)
	if err != nil {
		return nil, err
	}
	v, err := lib.Draft(ctx, &bcp.BIA{
		ID:               "acme-bia",
		ImpactScale:      []string{"minor", "major", "severe"},
		IntolerableLevel: "severe",
		Activities: []bcp.Activity{{
			ID: "order-processing", Name: "Order processing", Owner: "head of sales", Criticality: bcp.CriticalityCritical,
			MTPD: isms.Days(1), RTO: isms.Hours(4), RPO: isms.Hours(1),
			DependsOn: []isms.ID{"shop-platform"},
		}},
		Resources: []bcp.Resource{{
			ID: "shop-platform", Name: "Shop platform", Kind: bcp.ResourceApplication,
			Asset:       isms.NewRef(isms.KindAsset, "shop-platform"),
			RestoreTime: isms.Hours(6), RestoreMeasured: true,
			Backup: &bcp.BackupSchedule{Interval: isms.Hours(24), JobDuration: isms.Hours(1), Retention: isms.Days(30)},
		}},
	})
	if err != nil {
		return nil, err
	}
	if v, err = lib.SignOff(ctx, v.ID, bcp.SignOffCommand{Revision: v.Revision}); err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "BIA %s version %d signed off by %s: order processing RTO %s, RPO %s, MTPD %s\n",
		v.BIA.ID, v.BIA.Version, v.SignedOffBy, v.BIA.Activities[0].RTO, v.BIA.Activities[0].RPO, v.BIA.Activities[0].MTPD)
	snap := &bcp.Snapshot{BIA: &v.BIA}
	if err := snap.Validate(); err != nil {
		return nil, err
	}
	return bcp.Check(snap, today), nil
}
