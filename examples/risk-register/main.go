// Command risk-register builds the risk register of a small company with
// package risk: a dozen realistic risks assessed with the ISO/IEC
// 27005-style 5x5 preset, treated, two of them accepted with a sign-off,
// then checked, ranked and drawn as a heatmap. Every write names its actor,
// and the store's tamper-evident journal is verified at the end.
//
//	go run ./examples/risk-register [-out heatmap.svg] [-stage current]
//
// Its output is deterministic: the store's clock and IDs come from package
// ismstest. The heatmap SVG goes to -out (default: a file in the OS
// temporary directory) and opens in any browser.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

func main() {
	out := flag.String("out", filepath.Join(os.TempDir(), "ismskit-risk-register", "heatmap.svg"), "where to write the heatmap SVG")
	stage := flag.String("stage", string(risk.StageCurrent), "assessment stage of the heatmap: inherent, current or residual")
	flag.Parse()
	var st risk.Stage
	if err := st.UnmarshalText([]byte(*stage)); err != nil {
		fmt.Fprintln(os.Stderr, "risk-register:", err)
		os.Exit(2)
	}
	if err := run(context.Background(), os.Stdout, *out, st); err != nil {
		fmt.Fprintln(os.Stderr, "risk-register:", err)
		os.Exit(1)
	}
}

// seed describes one risk of the register and how it is assessed and
// treated.
type seed struct {
	id, title, owner, category string
	threat, vulnerability      string
	assets                     []string
	existing                   []isms.ID
	inherent                   risk.Rating
	current                    *risk.Rating
	residual                   *risk.Rating
	treatment                  *risk.TreatCommand
}

func rating(l, i string) *risk.Rating { return &risk.Rating{Likelihood: l, Impact: i} }

func ciaRating(l, c, i, a string) *risk.Rating {
	return &risk.Rating{Likelihood: l, Impacts: []risk.DimensionImpact{
		{Dimension: risk.Confidentiality, Impact: c},
		{Dimension: risk.Integrity, Impact: i},
		{Dimension: risk.Availability, Impact: a},
	}}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 17, 0, 0, 0, time.UTC) }

func seeds() []seed {
	return []seed{
		{
			id: "R-01", title: "Ransomware encrypts file servers", owner: "cio", category: "cyber",
			threat: "criminal ransomware group", vulnerability: "flat network; backups reachable from servers",
			assets: []string{"file-servers", "backup-store"}, existing: []isms.ID{"A.8.7"},
			inherent: *rating("almost_certain", "critical"), current: rating("likely", "serious"), residual: rating("unlikely", "serious"),
			treatment: &risk.TreatCommand{
				Option: risk.OptionModify, Rationale: "isolate backups and segment the network",
				Controls: isms.ControlRefs("A.8.13", "A.8.20"),
				Actions: []risk.Action{
					{Title: "Immutable off-site backups", Owner: "it-ops", Due: day(2025, 3, 31), Status: risk.ActionDone, CompletedAt: day(2025, 3, 20)},
					{Title: "Segment server VLANs", Owner: "it-ops", Due: day(2025, 5, 31), Status: risk.ActionInProgress},
				},
			},
		},
		{
			id: "R-02", title: "Phishing steals staff credentials", owner: "ciso", category: "cyber",
			threat: "credential phishing campaigns", vulnerability: "password-only login to e-mail and SaaS",
			assets: []string{"m365-tenant"}, existing: []isms.ID{"A.6.3"},
			inherent:  *ciaRating("almost_certain", "serious", "significant", "minor"),
			current:   ciaRating("likely", "serious", "minor", "minor"),
			residual:  ciaRating("possible", "significant", "minor", "minor"),
			treatment: &risk.TreatCommand{Option: risk.OptionModify, Rationale: "phishing-resistant MFA everywhere", Controls: isms.ControlRefs("A.8.5")},
		},
		{
			id: "R-03", title: "Misconfigured cloud storage exposes customer data", owner: "head-of-engineering", category: "cloud",
			threat: "opportunistic scanning of public buckets", vulnerability: "manual bucket configuration",
			assets: []string{"customer-db-exports"}, existing: []isms.ID{"A.5.23"},
			inherent: *rating("likely", "critical"), current: rating("possible", "critical"),
			treatment: &risk.TreatCommand{Option: risk.OptionModify, Rationale: "policy-as-code guardrails", Controls: isms.ControlRefs("A.8.9")},
		},
		{
			id: "R-04", title: "Payroll SaaS supplier is breached", owner: "cfo", category: "supplier",
			threat: "attack on the payroll provider", vulnerability: "provider holds all employee bank details",
			assets: []string{"payroll-data"}, existing: []isms.ID{"A.5.19"},
			inherent: *rating("possible", "serious"), current: rating("possible", "serious"), residual: rating("unlikely", "significant"),
			treatment: &risk.TreatCommand{
				Option: risk.OptionShare, Rationale: "contractual security duties and insurance",
				Controls: isms.ControlRefs("A.5.20"),
				SharedWith: []risk.Party{
					{Name: "Payroll provider", Arrangement: "DPA with breach notification and liability clauses"},
					{Name: "Cyber insurer", Arrangement: "policy CY-2025-114"},
				},
			},
		},
		{
			id: "R-05", title: "DDoS takes the customer portal offline", owner: "cto", category: "availability",
			threat: "volumetric DDoS", vulnerability: "single region, no scrubbing",
			assets:    []string{"customer-portal"},
			inherent:  *ciaRating("likely", "negligible", "negligible", "critical"),
			current:   ciaRating("likely", "negligible", "negligible", "serious"),
			residual:  ciaRating("unlikely", "negligible", "negligible", "significant"),
			treatment: &risk.TreatCommand{Option: risk.OptionModify, Rationale: "CDN scrubbing and a second region", Controls: isms.ControlRefs("A.8.14", "A.8.20")},
		},
		{
			id: "R-06", title: "Attackers exploit the unpatched VPN appliance", owner: "it-ops", category: "cyber",
			threat: "mass exploitation of edge devices", vulnerability: "monthly patch window for the VPN",
			assets: []string{"vpn-gateway"}, existing: []isms.ID{"A.8.8"},
			inherent: *rating("almost_certain", "critical"), current: rating("likely", "critical"), residual: rating("unlikely", "serious"),
			treatment: &risk.TreatCommand{Option: risk.OptionModify, Rationale: "emergency patching for edge devices", Controls: isms.ControlRefs("A.8.8", "A.8.16")},
		},
		{
			id: "R-07", title: "Stolen laptop exposes local data", owner: "it-ops", category: "endpoint",
			threat: "theft while travelling", vulnerability: "some laptops without disk encryption",
			assets: []string{"laptops"}, existing: []isms.ID{"A.8.1"},
			inherent: *rating("likely", "serious"), current: rating("possible", "serious"), residual: rating("possible", "minor"),
			treatment: &risk.TreatCommand{
				Option: risk.OptionModify, Rationale: "enforce full-disk encryption", Controls: isms.ControlRefs("A.8.24"),
				Actions: []risk.Action{{Title: "Enforce disk encryption by MDM", Owner: "it-ops", Due: day(2025, 2, 28), Status: risk.ActionDone, CompletedAt: day(2025, 2, 14)}},
			},
		},
		{
			id: "R-08", title: "Power failure stops the server room", owner: "facilities", category: "physical",
			threat: "grid outage longer than UPS autonomy", vulnerability: "no generator",
			assets: []string{"server-room"}, existing: []isms.ID{"A.7.11"},
			inherent: *rating("possible", "serious"), current: rating("unlikely", "significant"), residual: rating("unlikely", "significant"),
			treatment: &risk.TreatCommand{Option: risk.OptionRetain, Rationale: "cloud migration planned next year"},
		},
		{
			id: "R-09", title: "Administrator misuses privileged access", owner: "ciso", category: "insider",
			threat: "malicious or coerced administrator", vulnerability: "shared admin accounts",
			assets: []string{"domain-controllers", "m365-tenant"}, existing: []isms.ID{"A.5.15"},
			inherent: *rating("likely", "critical"), current: rating("possible", "critical"), residual: rating("possible", "serious"),
			treatment: &risk.TreatCommand{Option: risk.OptionModify, Rationale: "named admin accounts and session monitoring", Controls: isms.ControlRefs("A.8.2", "A.8.16")},
		},
		{
			id: "R-10", title: "Source code leaks through a public repository", category: "cyber",
			threat: "accidental publication", vulnerability: "personal accounts allowed on the code host",
			assets:   []string{"source-code"},
			inherent: *rating("possible", "serious"),
		},
		{
			id: "R-11", title: "Backups cannot be restored when needed", owner: "it-ops", category: "continuity",
			threat: "silent backup corruption", vulnerability: "restores never tested",
			assets:   []string{"backup-store"},
			inherent: *rating("possible", "critical"), current: rating("possible", "serious"), residual: rating("unlikely", "serious"),
			treatment: &risk.TreatCommand{Option: risk.OptionRetain, Rationale: "restore tests considered enough"},
		},
		{
			id: "R-12", title: "Departing salesperson takes the customer list", owner: "sales-director", category: "insider",
			threat: "data theft by leavers", vulnerability: "CRM exports unrestricted",
			assets:   []string{"crm"},
			inherent: *rating("likely", "serious"), current: rating("likely", "serious"), residual: rating("likely", "serious"),
			treatment: &risk.TreatCommand{Option: risk.OptionRetain, Rationale: "sales needs exports"},
		},
	}
}

// run builds the register, prints the report to w and writes the heatmap
// SVG of stage to out.
func run(ctx context.Context, w io.Writer, out string, stage risk.Stage) error {
	m := risk.Preset5x5ISO27005()
	clock := ismstest.NewStepClock(time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC), time.Minute)
	s := memstore.NewStore(&store.Options{Clock: clock, IDs: ismstest.NewSequentialIDs()})
	defer s.Close()
	reg, err := risk.NewRegister(s, "acme", m, &risk.RegisterOptions{
		Criteria:    &risk.Criteria{Matrix: m.Ref(), Appetite: "medium"},
		SystemActor: "acceptance-sweep",
	})
	if err != nil {
		return err
	}
	analyst := isms.WithActor(ctx, "risk-manager")
	as := func(who string) context.Context { return isms.WithActor(ctx, who) }

	// January: identify, assess and treat.
	for _, sd := range seeds() {
		r := &risk.Risk{
			Meta: isms.Meta{ID: isms.ID(sd.id)}, Title: sd.title, Owner: sd.owner, Category: sd.category,
			Threat: sd.threat, Vulnerability: sd.vulnerability, ExistingControls: isms.ControlRefs(sd.existing...),
		}
		for _, a := range sd.assets {
			r.Assets = append(r.Assets, isms.Ref{Kind: isms.KindAsset, ID: isms.ID(a)})
		}
		if err := reg.Create(analyst, r); err != nil {
			return err
		}
		stages := []struct {
			stage risk.Stage
			in    *risk.Rating
		}{{risk.StageInherent, &sd.inherent}, {risk.StageCurrent, sd.current}, {risk.StageResidual, sd.residual}}
		for _, st := range stages {
			if st.in == nil {
				continue
			}
			cmd := risk.AssessCommand{Stage: st.stage, Rating: *st.in, Rationale: "workshop of 6 January 2025"}
			if _, err := reg.Assess(analyst, r.ID, cmd); err != nil {
				return err
			}
		}
		if sd.treatment != nil {
			owner := sd.owner
			if owner == "" {
				owner = "risk-manager"
			}
			if _, err := reg.Treat(as(owner), r.ID, *sd.treatment); err != nil {
				return err
			}
		}
	}

	// R-08 is accepted for three months only, pending a generator quote.
	if err := acceptRisk(reg, "R-08", "facilities", isms.Months(3), nil); err != nil {
		return err
	}

	// March: the CISO accepts R-09's residual risk; an unauthorised
	// approver is refused first.
	clock.Set(time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC))
	fmt.Fprintln(w, "== Acceptance sign-off for R-09 (ISO/IEC 27001 6.1.3 f)")
	if err := acceptRisk(reg, "R-09", "ciso", isms.Years(1), w); err != nil {
		return err
	}

	// June: the owners review their risks, except R-06's.
	clock.Set(time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC))
	for _, sd := range seeds() {
		if sd.id == "R-06" {
			continue
		}
		who := sd.owner
		if who == "" {
			who = "risk-manager"
		}
		if _, err := reg.Review(as(who), isms.ID(sd.id), risk.ReviewCommand{}); err != nil {
			return err
		}
	}

	// 30 June: report.
	clock.Set(time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC))
	fmt.Fprintf(w, "\n== Risk register of acme, matrix %s, appetite %q\n", m.Ref(), reg.Criteria().Appetite)
	all, err := reg.List(ctx, nil)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tRisk\tOwner\tInherent\tCurrent\tResidual\tTreatment\tStatus")
	for _, r := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Title, orDash(r.Owner),
			level(r.Inherent), level(r.Current), level(r.Residual), treatment(r.Treatment), r.Status)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\n== Top 5 current risks")
	top, err := reg.Top(ctx, 5, risk.StageCurrent, &risk.Filter{Statuses: []risk.Status{risk.StatusOpen, risk.StatusAccepted}})
	if err != nil {
		return err
	}
	for i, r := range top {
		fmt.Fprintf(w, "%d. %s %-9s %s × %s  %s\n", i+1, r.ID, r.Current.Level, r.Current.Likelihood, r.Current.Impact, r.Title)
	}

	r02, err := reg.Get(ctx, "R-02")
	if err != nil {
		return err
	}
	tr, err := m.Explain(r02.Current.Rating())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n== How R-02's current level was reached\n%s", tr)

	findings, err := reg.Check(ctx, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n== Findings on %s (%d)\n", clock.Peek().Format(time.DateOnly), len(findings))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range findings {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Severity, f.Code, f.Subject.ID, f.Message)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	expired, err := reg.ExpireAcceptances(ctx) // runs as the register's system actor
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n== Expiry sweep by %s: acceptances expired on %v; those risks are open again\n", reg.SystemActor(), expired)

	h, err := reg.Heatmap(ctx, stage, &risk.Filter{Statuses: []risk.Status{risk.StatusOpen, risk.StatusAccepted}})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n== Heatmap\n%s", h)
	svg, err := h.SVG(&risk.SVGOptions{Title: fmt.Sprintf("acme risk heatmap: %s level, 30 June 2025", stage)})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(out, svg, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nwrote %s (%d bytes)\n", out, len(svg))

	// The audit trail: every write above is journaled with its actor.
	actors := map[string]int{}
	writes := 0
	for after := int64(0); ; {
		page, err := s.ReadJournal(ctx, "acme", store.JournalOptions{AfterSequence: after, Limit: store.MaxLimit})
		if err != nil {
			return err
		}
		if len(page) == 0 {
			break
		}
		for _, e := range page {
			actors[e.Actor]++
		}
		writes += len(page)
		after = page[len(page)-1].Sequence
	}
	if err := s.VerifyJournal(ctx, "acme"); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n== Journal: %d writes, %d anonymous, %d by the sweep; the hash chain verifies\n", writes, actors[""], actors[reg.SystemActor()])
	return nil
}

// acceptRisk runs the sign-off: the risk manager requests and submits,
// the IT operations lead tries to approve and is refused (when w is not
// nil, the steps are printed), and the owner accepts.
func acceptRisk(reg *risk.Register, id isms.ID, owner string, validFor isms.Duration, w io.Writer) error {
	ctx := context.Background()
	say := func(format string, args ...any) {
		if w != nil {
			fmt.Fprintf(w, format+"\n", args...)
		}
	}
	manager := isms.WithActor(ctx, "risk-manager")
	// Request and submit in one step (one write, one round trip).
	r, err := reg.RequestAcceptance(manager, id, risk.RequestAcceptanceCommand{
		Justification: "residual risk above appetite; further controls not proportionate",
		ValidFor:      validFor,
		Submit:        true,
	})
	if err != nil {
		return err
	}
	say("request %s by risk-manager: %s (revision %d)", r.LatestAcceptance().ID, r.LatestAcceptance().Status, r.Revision)
	if w != nil {
		_, err = reg.DecideAcceptance(isms.WithActor(ctx, "it-ops"), id, risk.DecideAcceptanceCommand{Accept: true})
		if !errors.Is(err, risk.ErrNotApprover) {
			return fmt.Errorf("approval by it-ops should be refused, got %v", err)
		}
		say("decision by it-ops refused: %v", err)
	}
	// The owner signs off on the revision that was submitted: had the risk
	// changed since, the decision would be refused with isms.ErrConflict.
	r, err = reg.DecideAcceptance(isms.WithActor(ctx, owner), id, risk.DecideAcceptanceCommand{
		Accept: true, Note: "reviewed with the management team", Revision: r.Revision,
	})
	if err != nil {
		return err
	}
	a := r.LatestAcceptance()
	say("decision by %s: %s; accepted level %s (%s stage); expires %s; risk status %s",
		a.DecidedBy, a.Status, a.Snapshot.Level, a.Snapshot.Stage, a.ExpiresAt.Format(time.DateOnly), r.Status)
	return nil
}

func level(a *risk.Assessment) string {
	if a == nil {
		return "-"
	}
	return a.Level
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func treatment(t *risk.Treatment) string {
	if t == nil {
		return "-"
	}
	var ids []string
	for _, c := range t.Controls {
		ids = append(ids, string(c.ID))
	}
	if len(ids) == 0 {
		return string(t.Option)
	}
	return fmt.Sprintf("%s %s", t.Option, strings.Join(ids, ","))
}
