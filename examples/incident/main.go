// Command incident walks a ransomware incident with personal data at an
// EU financial entity through package incident: intake, triage,
// declaration, classification as major (DORA) and significant (NIS2),
// containment to closure, with the GDPR, NIS2 and DORA obligations
// printed before classification, after the initial notification and at
// the final report, the blast radius over the asset inventory, and the
// timeline.
//
//	go run ./examples/incident
//
// Its output is deterministic: the store's clock and IDs come from
// package ismstest.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "incident:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer) error {
	start := time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC) // Monday 08:00 in Brussels
	clock := ismstest.NewStepClock(start, 0)
	s := memstore.NewStore(&store.Options{Clock: clock, IDs: ismstest.NewSequentialIDs()})
	svc, err := incident.NewService(s, "eurobank", nil)
	if err != nil {
		return err
	}
	clocks, err := incident.NewClocks([]*incident.Regime{incident.GDPR(), incident.NIS2(), incident.DORA()}, nil)
	if err != nil {
		return err
	}
	soc := isms.WithActor(ctx, "soc.analyst")
	ciso := isms.WithActor(ctx, "ciso")
	at := func(h time.Duration) { clock.Set(start.Add(h)) }

	inc := &incident.Incident{
		Title: "Ransomware on the payments file servers", Category: incident.CategoryRansomware,
		DetectionSource: "EDR alert", Owner: "ciso",
		OccurredAt: start.Add(-5 * time.Hour), DetectedAt: start.Add(-time.Hour),
		AffectedAssets: []isms.Ref{{Kind: isms.KindAsset, ID: "fileserver"}},
		PersonalData:   &incident.PersonalData{Categories: []string{"contact", "iban"}, People: 12000, Records: 40000, HighRisk: true},
		Impact:         incident.Impact{Functional: "high", Information: "privacy", Recoverability: "supplemented"},
	}
	if err := svc.Report(soc, inc); err != nil {
		return err
	}
	id := inc.ID
	step := func(ctx context.Context, cmd incident.StepCommand) error {
		_, err := svc.Step(ctx, id, cmd)
		return err
	}
	if err := step(soc, incident.StepCommand{To: incident.StatusTriaging}); err != nil {
		return err
	}
	at(time.Hour)
	if err := step(ciso, incident.StepCommand{To: incident.StatusDeclared, Severity: "critical",
		Criteria: []string{"files encrypted on production servers", "ransom note found"}}); err != nil {
		return err
	}
	if err := show(ctx, w, svc, clocks, id, "before classification", start.Add(time.Hour)); err != nil {
		return err
	}

	yes := true
	at(2 * time.Hour)
	if _, err := svc.Classify(ciso, id, incident.ClassifyCommand{Major: &yes, Significant: &yes, Reason: "critical services affected, > 10% of clients"}); err != nil {
		return err
	}
	if err := step(ciso, incident.StepCommand{To: incident.StatusContainment}); err != nil {
		return err
	}
	at(5 * time.Hour)
	for _, o := range []string{"dora.initial", "nis2.early_warning"} {
		if _, err := svc.Submit(ciso, id, incident.SubmitCommand{Obligation: o, Reference: "CA-2026-0612"}); err != nil {
			return err
		}
	}
	if err := show(ctx, w, svc, clocks, id, "after the initial notification", start.Add(5*time.Hour)); err != nil {
		return err
	}

	at(30 * time.Hour)
	for _, o := range []string{"gdpr.art33", "nis2.notification"} {
		if _, err := svc.Submit(ciso, id, incident.SubmitCommand{Obligation: o}); err != nil {
			return err
		}
	}
	at(60 * time.Hour)
	if _, err := svc.Submit(ciso, id, incident.SubmitCommand{Obligation: "dora.intermediate"}); err != nil {
		return err
	}
	if err := step(ciso, incident.StepCommand{To: incident.StatusEradication}); err != nil {
		return err
	}
	at(80 * time.Hour)
	if err := step(ciso, incident.StepCommand{To: incident.StatusRecovery, RecoveryCriteria: "servers rebuilt, restored from offline backups, EDR clean for 48 h"}); err != nil {
		return err
	}
	at(140 * time.Hour)
	if err := step(ciso, incident.StepCommand{To: incident.StatusResolved}); err != nil {
		return err
	}
	if _, err := svc.SetAction(ciso, id, incident.ActionCommand{Action: incident.Action{Kind: incident.ActionImprovement,
		Title: "MFA on the VPN", Owner: "it.ops", Due: start.Add(60 * 24 * time.Hour),
		Improves: []isms.Ref{{Kind: "control", ID: "A.8.5"}}}}); err != nil {
		return err
	}
	if err := step(ciso, incident.StepCommand{To: incident.StatusPostIncidentReview}); err != nil {
		return err
	}
	at(200 * time.Hour)
	if _, err := svc.RecordReview(ciso, id, incident.ReviewCommand{Complete: true, Review: incident.Review{
		RootCause:  "phished VPN credentials without MFA",
		WhatWorked: []string{"offline backups"}, WhatDidNot: []string{"flat network between file servers and payments"},
		Lessons: []incident.Lesson{{Text: "Remote access without MFA", Threat: "credential phishing", Vulnerability: "VPN without MFA"}},
	}}); err != nil {
		return err
	}
	got, err := svc.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := step(ciso, incident.StepCommand{To: incident.StatusClosed, Outcome: "recovered, no ransom paid",
		CarryOver: []isms.ID{got.Actions[0].ID}}); err != nil {
		return err
	}
	at(30 * 24 * time.Hour)
	if _, err := svc.Submit(ciso, id, incident.SubmitCommand{Obligation: "dora.final"}); err != nil {
		return err
	}
	if err := show(ctx, w, svc, clocks, id, "at the final report", start.Add(30*24*time.Hour)); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nBlast radius of the file server:")
	for _, r := range incident.BlastRadius(inventory(), inc.AffectedAssets) {
		fmt.Fprintf(w, "  %-26s via", r.Ref)
		for _, p := range r.Path {
			fmt.Fprintf(w, " %s", p.ID)
		}
		fmt.Fprintln(w)
	}

	got, err = svc.Get(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nTimeline:")
	for _, e := range got.Timeline {
		fmt.Fprintf(w, "  %2d %s %-11s %-11s %s -> %s\n", e.Seq, e.At.Format("01-02 15:04Z"), e.Actor, e.Field, e.From, e.To)
	}
	for _, h := range got.ClassificationHistory() {
		if h.Changes > 0 {
			fmt.Fprintf(w, "  %s: first %s, current %s, final %s\n", h.Field, h.First, h.Current, h.Final)
		}
	}
	fmt.Fprintf(w, "\nProposed risks: %d; findings at close: %d\n", len(got.ProposedRisks()), len(incident.Check(got, start.Add(30*24*time.Hour), &incident.CheckOptions{Clocks: clocks})))
	return nil
}

func show(ctx context.Context, w io.Writer, svc *incident.Service, clocks *incident.Clocks, id isms.ID, label string, now time.Time) error {
	inc, err := svc.Get(ctx, id)
	if err != nil {
		return err
	}
	facts := inc.Facts()
	fmt.Fprintf(w, "\nObligations %s (%s, status %s):\n", label, now.Format(time.RFC3339), inc.Status)
	for _, o := range clocks.Obligations(&facts, now) {
		due := "-"
		if !o.Due.IsZero() {
			due = o.Due.Format("2006-01-02 15:04 MST")
		}
		fmt.Fprintf(w, "  %-31s %-17s %-20s %s\n", o.Obligation, o.Status, due, o.Note)
	}
	return nil
}

func inventory() []*isms.Asset {
	a := func(id string, deps ...string) *isms.Asset {
		x := &isms.Asset{Meta: isms.Meta{ID: isms.ID(id)}, Name: id, Kind: isms.AssetKindValues()[0], Status: isms.AssetStatusValues()[0]}
		for _, d := range deps {
			x.DependsOn = append(x.DependsOn, isms.Ref{Kind: isms.KindAsset, ID: isms.ID(d)})
		}
		return x
	}
	pay := a("payments-app", "fileserver")
	pay.Supports = []isms.Ref{{Kind: "service", ID: "sepa-payments"}}
	return []*isms.Asset{a("fileserver"), pay, a("reporting", "payments-app"), a("hr-portal", "ad"), a("ad")}
}
