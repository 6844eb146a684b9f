// Command fair quantifies three cyber risks of a mid-sized company with
// package risk/fair (Open FAIR Monte Carlo): ransomware, a cloud data
// breach and business e-mail compromise. Each risk is stored in a
// register (memstore) with its quantitative scenario, read back,
// simulated before and after the planned treatment, summed into a
// portfolio, placed on the qualitative matrix's impact scale, and drawn as
// a loss exceedance chart with the board's risk tolerance.
//
//	go run ./examples/fair [-out lec.svg] [-iterations 200000] [-workers 0]
//
// Its output is deterministic: fixed clock, sequential IDs and a recorded
// seed; the number of workers changes the speed only. The chart goes to
// -out (default: a file in the OS temporary directory).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
	"github.com/ismskit/ismskit/risk/fair"
)

func main() {
	out := flag.String("out", filepath.Join(os.TempDir(), "ismskit-fair", "lec.svg"), "where to write the loss exceedance chart")
	iterations := flag.Int("iterations", 200_000, "simulated years")
	workers := flag.Int("workers", 0, "goroutines (0: GOMAXPROCS); the result does not depend on it")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *out, *iterations, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "fair:", err)
		os.Exit(1)
	}
}

// plan is one risk: its current scenario and the residual one once the
// treatment (at an annual cost) is in place.
type plan struct {
	short, title string
	owner        string
	current      risk.QuantitativeScenario
	residual     func(s *fair.Scenario)
	treatment    string
	cost         float64
}

func plans() []plan {
	ransomware := &fair.Scenario{
		// About two targeted intrusion attempts a year; an attempt
		// succeeds when the attacker's capability beats our resistance.
		ThreatEventFrequency: fair.PoissonRate(fair.PERT(0.5, 2, 6)),
		ThreatCapability:     fair.PERT(40, 70, 95),
		ResistanceStrength:   fair.PERT(50, 75, 90),
		PrimaryLoss:          fair.LognormalCI90(150_000, 2_500_000), // outage, recovery, response
		// Regulatory and customer fallout when data is also stolen.
		SecondaryLossEventFrequency: fair.PERT(0.1, 0.3, 0.6),
		SecondaryLoss:               fair.LognormalCI90(100_000, 4_000_000),
	}
	breach := &fair.Scenario{
		LossEventFrequency:          fair.Bernoulli(0.08), // a misconfigured bucket found by someone
		PrimaryLoss:                 fair.PERT(50_000, 200_000, 900_000),
		SecondaryLossEventFrequency: fair.Constant(0.8),
		SecondaryLoss:               fair.LognormalCI90(200_000, 6_000_000), // notification, fines, churn
	}
	bec := &fair.Scenario{
		ContactFrequency:    fair.Poisson(40), // targeted fraud e-mails reaching finance
		ProbabilityOfAction: fair.Uniform(0.5, 1),
		Vulnerability:       fair.PERT(0.005, 0.02, 0.06), // a payment is released
		PrimaryLoss:         fair.Triangular(10_000, 60_000, 400_000),
	}
	return []plan{
		{"ransomware", "Ransomware on the production network", "cio", ransomware.Quantitative(),
			func(s *fair.Scenario) { s.ResistanceStrength = fair.PERT(65, 85, 98) }, "EDR, MFA everywhere, segmentation", 180_000},
		{"cloud breach", "Customer data exposed by a cloud misconfiguration", "cto", breach.Quantitative(),
			func(s *fair.Scenario) { s.LossEventFrequency = fair.Bernoulli(0.02) }, "CSPM with auto-remediation", 40_000},
		{"BEC fraud", "Business e-mail compromise payment fraud", "cfo", bec.Quantitative(),
			func(s *fair.Scenario) { s.Vulnerability = fair.PERT(0.001, 0.004, 0.01) }, "call-back verification of new payees", 15_000},
	}
}

func run(ctx context.Context, w io.Writer, out string, iterations, workers int) error {
	clock := ismstest.NewFixedClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	st := memstore.NewStore(&store.Options{Clock: clock, IDs: ismstest.NewSequentialIDs()})
	repo, err := store.NewRepository[risk.Risk](st, "acme", risk.Kind)
	if err != nil {
		return err
	}
	ctx = isms.WithActor(ctx, "risk-analyst")

	// Store each risk with its quantitative scenario, then read the
	// scenarios back from the register.
	ps := plans()
	var current, residual []*fair.Scenario
	for _, p := range ps {
		r := &risk.Risk{Title: p.title, Owner: p.owner, Status: risk.StatusOpen, Category: "cyber", Quantitative: new(p.current)}
		if err := repo.Create(ctx, r); err != nil {
			return err
		}
		stored, err := repo.Get(ctx, r.ID)
		if err != nil {
			return err
		}
		s, err := fair.FromRisk(stored)
		if err != nil {
			return err
		}
		res := *s
		p.residual(&res)
		current, residual = append(current, s), append(residual, &res)
	}

	// Same seed and names: residual scenarios start from the current
	// ones' random streams (common random numbers), which reduces the
	// sampling noise of the comparison.
	opts := &fair.Options{Iterations: iterations, Seed: 20260302, Workers: workers}
	cur, err := fair.Simulate(ctx, current, opts)
	if err != nil {
		return err
	}
	resd, err := fair.Simulate(ctx, residual, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Open FAIR simulation: %d years, seed %d, %s\n\n", cur.Iterations, cur.Seed, cur.Algorithm)

	matrix := risk.Preset5x5ISO27005()
	scale := &fair.ImpactScale{Matrix: matrix.Ref(), Thresholds: []fair.ImpactThreshold{
		{Level: "negligible", From: 0}, {Level: "minor", From: 50_000}, {Level: "significant", From: 250_000},
		{Level: "serious", From: 1_000_000}, {Level: "critical", From: 5_000_000}}}
	if err := scale.Validate(matrix); err != nil {
		return err
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "risk\tstage\tmean\tP(loss)\tP90\tP99\tES99\timpact (P90)\t")
	for i := range ps {
		for _, row := range []struct {
			stage string
			l     *fair.Losses
		}{{"current", cur.Scenarios[i]}, {"residual", resd.Scenarios[i]}} {
			if err := printRow(tw, row.l.Name()+" "+ps[i].short, row.stage, row.l, scale); err != nil {
				return err
			}
		}
	}
	for _, row := range []struct {
		stage string
		l     *fair.Losses
	}{{"current", cur.Portfolio}, {"residual", resd.Portfolio}} {
		if err := printRow(tw, "portfolio", row.stage, row.l, scale); err != nil {
			return err
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nTreatment effect")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "risk\ttreatment\tcost\tloss avoided\tP99 reduction\tROSI\t")
	total := 0.0
	for i, p := range ps {
		e, err := fair.Compare(cur.Scenarios[i], resd.Scenarios[i], p.cost, 0.99)
		if err != nil {
			return err
		}
		total += p.cost
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.1f\t\n", p.short, p.treatment, money(p.cost), money(e.Reduction), money(e.Quantiles[0].Reduction), *e.ROSI)
	}
	e, err := fair.Compare(cur.Portfolio, resd.Portfolio, total, 0.99)
	if err != nil {
		return err
	}
	fmt.Fprintf(tw, "portfolio\tall three\t%s\t%s\t%s\t%.1f\t\n", money(total), money(e.Reduction), money(e.Quantiles[0].Reduction), *e.ROSI)
	if err := tw.Flush(); err != nil {
		return err
	}

	// The chart: current and residual portfolio curves on one grid, and
	// the board's tolerance (at most 10% a year of losing 1M, 1% of 10M).
	grid := fair.GridFor(41, cur.Portfolio, resd.Portfolio)
	c1, err := cur.Portfolio.Curve(grid)
	if err != nil {
		return err
	}
	c2, err := resd.Portfolio.Curve(grid)
	if err != nil {
		return err
	}
	chart := &fair.Chart{Title: "Cyber risk portfolio: loss exceedance", Currency: "EUR", Current: c1, Residual: c2,
		Tolerance: []fair.CurvePoint{{Loss: 100_000, Probability: 0.3}, {Loss: 1_000_000, Probability: 0.1}, {Loss: 10_000_000, Probability: 0.01}, {Loss: 50_000_000, Probability: 0.001}}}
	svg, err := chart.SVG()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(out, svg, 0o644); err != nil {
		return err
	}
	p1m, p10m := cur.Portfolio.Exceedance(1e6), cur.Portfolio.Exceedance(1e7)
	fmt.Fprintf(w, "\nP(portfolio loss > 1M): %.1f%% current, %.1f%% residual (tolerance 10%%)\n", 100*p1m, 100*resd.Portfolio.Exceedance(1e6))
	fmt.Fprintf(w, "P(portfolio loss > 10M): %.2f%% current, %.2f%% residual (tolerance 1%%)\n", 100*p10m, 100*resd.Portfolio.Exceedance(1e7))
	fmt.Fprintf(w, "loss exceedance chart: %d bytes of SVG (-out)\n", len(svg))
	return nil
}

func printRow(w io.Writer, name, stage string, l *fair.Losses, scale *fair.ImpactScale) error {
	p90, err := l.Quantile(0.90)
	if err != nil {
		return err
	}
	p99, err := l.Quantile(0.99)
	if err != nil {
		return err
	}
	es, err := l.ExpectedShortfall(0.99)
	if err != nil {
		return err
	}
	lv, err := scale.Level(p90)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\t%s\t%s\t%.1f%%\t%s\t%s\t%s\t%s\t\n", name, stage, money(l.Mean()), 100*(1-l.ProbabilityOfZero()), money(p90), money(p99), money(es), lv)
	return err
}

// money formats an amount in thousands or millions.
func money(v float64) string {
	switch {
	case v >= 1e6 || v <= -1e6:
		return fmt.Sprintf("%.2fM", v/1e6)
	case v >= 1e3 || v <= -1e3:
		return fmt.Sprintf("%.0fk", v/1e3)
	}
	return fmt.Sprintf("%.0f", v)
}
