// Command soa walks through the Statement of Applicability workflow of
// package controls for a small software company:
//
//  1. describe the organisation by facts and get applicability suggestions;
//  2. decide every Annex A control in an SoA (people decide; suggestions
//     only help);
//  3. check the SoA against the catalog and the risk treatment;
//  4. export it as CSV, Markdown and JSON, with an implementation summary;
//  5. derive NIST CSF 2.0 coverage from it (assess once, report many);
//  6. fix the findings in a new version and diff the two versions.
//
// Run it from the module root:
//
//	go run ./examples/soa              # writes into a new temporary directory
//	go run ./examples/soa -out examples/soa/out
//
// The standard output is deterministic (a fixed clock, no randomness); the
// output directory is reported on standard error.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

func main() {
	out := flag.String("out", "", "directory to write soa.csv, soa.md and soa.json into (default: a new temporary directory)")
	flag.Parse()
	if err := run(os.Stdout, os.Stderr, *out); err != nil {
		fmt.Fprintln(os.Stderr, "soa:", err)
		os.Exit(1)
	}
}

// now is the example's fixed clock.
var now = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func riskRef(id string) isms.Ref { return isms.NewRef(risk.Kind, isms.ID(id)) }

// treatments is the example's risk treatment: the controls each risk's
// treatment plan selected. In an application it comes from the risk
// register (package risk), which refers to controls by isms.Ref.
var treatments = []struct {
	risk     string
	controls []isms.ID
}{
	{"R-1", []isms.ID{"A.5.15", "A.5.16", "A.5.17", "A.5.18", "A.8.2", "A.8.3", "A.8.5"}},                       // account takeover
	{"R-2", []isms.ID{"A.8.7", "A.8.8", "A.8.9", "A.8.19", "A.8.20", "A.8.21", "A.8.22"}},                       // exploited vulnerability
	{"R-3", []isms.ID{"A.5.24", "A.5.25", "A.5.26", "A.5.27", "A.5.28", "A.6.8", "A.8.15", "A.8.16"}},           // undetected breach
	{"R-4", []isms.ID{"A.5.29", "A.5.30", "A.8.13", "A.8.14", "A.7.4"}},                                         // outage, office break-in
	{"R-5", []isms.ID{"A.5.12", "A.5.13", "A.5.14", "A.8.10", "A.8.11", "A.8.12", "A.8.24"}},                    // customer data leak
	{"R-6", []isms.ID{"A.8.25", "A.8.26", "A.8.27", "A.8.28", "A.8.29", "A.8.31", "A.8.32", "A.8.4", "A.8.33"}}, // insecure release
}

func run(stdout, stderr io.Writer, outDir string) error {
	if outDir == "" {
		d, err := os.MkdirTemp("", "ismskit-soa-")
		if err != nil {
			return err
		}
		outDir = d
	} else if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "writing into", outDir)
	w := stdout
	cat := controls.ISO27001_2022()

	// 1. The organisation profile and the suggestions it triggers.
	var profile controls.Profile
	profile.Set(controls.FactDevelopsSoftware, true).
		Set(controls.FactOutsourcesDevelopment, false).
		Set(controls.FactUsesCloudServices, true).
		Set(controls.FactHasPhysicalPremises, true).
		Set(controls.FactProcessesPersonalData, true).
		Set(controls.FactAllowsRemoteWorking, true).
		Set(controls.FactUsesRemovableMedia, false)
	suggestions, err := controls.Suggest(profile, cat, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "== 1. Suggestions for Acme Analytics (%d)\n", len(suggestions))
	for _, s := range suggestions {
		fmt.Fprintf(w, "%-6s %-14s rule %-26s facts %s\n", s.ControlID, s.Applicability, s.RuleID, facts(s.Facts))
	}

	// 2. The decisions. People accept the suggestions, decide the rest, and
	// record why.
	// The risk treatment's selections come from the risks themselves
	// (risk.Selections; a Register's Selections reads them from the
	// store): controls.Selection is the kernel's isms.ControlSelection.
	var treated []*risk.Risk
	for _, t := range treatments {
		treated = append(treated, &risk.Risk{
			Meta: isms.Meta{ID: isms.ID(t.risk)}, Status: risk.StatusOpen,
			Treatment: &risk.Treatment{Option: risk.OptionModify, Controls: isms.ControlRefs(t.controls...)},
		})
	}
	selections := risk.Selections(treated)
	soa, err := decide(cat, suggestions, selections)
	if err != nil {
		return err
	}

	// 3. The check, as an auditor would make it.
	findings := controls.CheckSoA(soa, cat, now, &controls.SoACheckOptions{Selections: selections})
	fmt.Fprintf(w, "\n== 3. Check of version %s: %d findings\n", soa.Version, len(findings))
	for _, f := range findings {
		fmt.Fprintf(w, "%-7s %-30s %s\n", f.Severity, f.Code, f.Message)
	}

	// 4. Exports and summary.
	fmt.Fprintln(w, "\n== 4. Exports")
	if err := export(w, outDir, soa, cat); err != nil {
		return err
	}
	sum := controls.Summarize(soa, cat)
	fmt.Fprintf(w, "%-14s %8s %10s %9s %8s %11s %7s %7s\n", "theme", "controls", "applicable", "inherited", "excluded", "implemented", "partial", "planned")
	for _, g := range sum.Groups {
		fmt.Fprintf(w, "%-14s %8d %10d %9d %8d %11d %7d %7d\n", g.Title, g.Controls, g.Applicable, g.Inherited,
			g.NotApplicable, g.Implemented, g.Partial, g.Planned)
	}
	t := sum.Total
	fmt.Fprintf(w, "%-14s %8d %10d %9d %8d %11d %7d %7d\n", "Total", t.Controls, t.Applicable, t.Inherited,
		t.NotApplicable, t.Implemented, t.Partial, t.Planned)

	// 5. NIST CSF 2.0 coverage derived from the SoA.
	rep, err := controls.InferCoverage(controls.NISTCSF2ToISO27001_2022().Inverse(), soa.Statuses(),
		&controls.CoverageOptions{Target: controls.NISTCSF2()})
	if err != nil {
		return err
	}
	csf := controls.NISTCSF2()
	fmt.Fprintf(w, "\n== 5. NIST CSF 2.0 coverage derived from the SoA (%d subcategories)\n", len(rep.Items))
	for _, l := range controls.CoverageLevelValues() {
		fmt.Fprintf(w, "%-15s %3d\n", l, rep.Count(l))
	}
	fmt.Fprintln(w, "Every NIST reference to ISO/IEC 27001 is intersects_with, so coverage derived from it is at most partial.")
	for _, id := range []isms.ID{"PR.AA-01", "DE.CM-09", "GV.OC-01"} {
		it, _ := rep.Item(id)
		ctl, _ := csf.Control(id)
		fmt.Fprintf(w, "%s %s: %s\n", id, ctl.Title, it.Level)
		for _, r := range it.Because {
			fmt.Fprintf(w, "    %-6s %s, %s -> %s\n", r.Source, r.Relationship, orNone(string(r.Status)), r.Contribution)
		}
	}

	// 6. Version 1.1 fixes the findings; the diff is what the approver reviews.
	v2 := soa.Clone()
	v2.Version = "1.1"
	v2.ApprovedAt = date(2026, 3, 2)
	monitoring := v2.Entry("A.7.4")
	*monitoring = controls.Entry{ControlID: "A.7.4", Applicability: controls.Applicable,
		InclusionReasons: []controls.InclusionReason{controls.ReasonRiskTreatment}, Risks: []isms.Ref{riskRef("R-4")},
		Status: controls.StatusPlanned, Owner: "Office manager", PlannedDate: date(2026, 6, 30)}
	dlp := v2.Entry("A.8.12")
	dlp.Status, dlp.PlannedDate = controls.StatusPartial, date(2026, 5, 31)
	dlp.Notes = "Email DLP live; endpoint DLP in rollout."
	fmt.Fprintln(w, "\n== 6. Changes from 1.0 to 1.1")
	fmt.Fprint(w, controls.DiffSoA(soa, v2))
	after := controls.CheckSoA(v2, cat, date(2026, 3, 2), &controls.SoACheckOptions{Selections: selections})
	fmt.Fprintf(w, "findings after the fix: %d\n", len(after))
	for _, f := range after {
		fmt.Fprintf(w, "%-7s %-30s %s\n", f.Severity, f.Code, f.Message)
	}
	return nil
}

// decide builds version 1.0 of the SoA: the suggestions as drafts, then
// every other control decided by the ISMS team.
func decide(cat *controls.Catalog, suggestions []controls.Suggestion, selections []controls.Selection) (*controls.SoA, error) {
	soa := controls.NewSoA(cat)
	soa.ID = "soa-acme"
	soa.Title = "Acme Analytics - Statement of Applicability"
	soa.Scope = "The Acme Analytics SaaS platform, its development and operation, and the Lyon office"
	soa.ScopeRef = isms.NewRef(isms.KindScope, "scope-2026")
	soa.Version = "1.0"
	soa.ApprovedBy = "Management board"
	soa.ApprovedAt = date(2026, 1, 20)

	for _, s := range suggestions {
		e := soa.Entry(s.ControlID)
		*e = s.Draft()
		if s.Applicability == controls.NotApplicable {
			e.Justification = "Acme does not outsource any development; all code is written by its own staff."
		}
	}
	// Risk treatment: record the risks that selected each control.
	if missing := soa.RecordSelections(selections); len(missing) > 0 {
		return nil, fmt.Errorf("the treatments select controls the catalog lacks: %v", missing)
	}
	for i := range soa.Entries {
		e := &soa.Entries[i]
		if e.Applicability == controls.NotApplicable {
			continue
		}
		if e.Applicability == "" {
			e.Applicability = controls.Applicable
			e.InclusionReasons = []controls.InclusionReason{controls.ReasonBestPractice}
		}
		if len(e.InclusionReasons) == 0 {
			e.InclusionReasons = []controls.InclusionReason{controls.ReasonBusinessRequirement}
		}
		e.Owner = "CISO"
		e.Status = controls.StatusImplemented
		e.Evidence = []isms.Ref{isms.NewRef(isms.KindEvidence, "EV-"+e.ControlID)}
	}

	// Decisions that differ from the defaults.
	privacy := soa.Entry("A.5.34")
	privacy.Justification = "GDPR: Acme processes customer and employee personal data."
	privacy.Owner = "DPO"

	inherited := soa.Entry("A.8.14")
	inherited.Applicability = controls.Inherited
	inherited.Provider = "Hosting provider (three availability zones)"
	inherited.Evidence = []isms.Ref{isms.NewRef(isms.KindEvidence, "EV-hosting-SOC2")}

	media := soa.Entry("A.7.10")
	media.Justification = "No removable media, but laptop disks are storage media too."

	dlp := soa.Entry("A.8.12")
	dlp.Status, dlp.Evidence = controls.StatusPlanned, nil
	dlp.PlannedDate = date(2026, 1, 31)

	masking := soa.Entry("A.8.11")
	masking.Status, masking.Evidence = controls.StatusPartial, nil
	masking.PlannedDate = date(2026, 9, 30)

	// A decision the auditor will question: R-4 selected it, yet it is
	// excluded, and without a written justification.
	monitoring := soa.Entry("A.7.4")
	*monitoring = controls.Entry{ControlID: "A.7.4", Applicability: controls.NotApplicable,
		ExclusionReason: controls.ExcludedRequirementNotApplicable}
	return soa, nil
}

// export writes soa.csv, soa.md and soa.json into dir.
func export(w io.Writer, dir string, soa *controls.SoA, cat *controls.Catalog) error {
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"soa.csv", func(b io.Writer) error { return controls.WriteCSV(b, soa, cat, nil) }},
		{"soa.md", func(b io.Writer) error { return controls.WriteMarkdown(b, soa, cat) }},
		{"soa.json", func(b io.Writer) error { return controls.WriteSoA(b, soa) }},
	} {
		var buf bytes.Buffer
		if err := f.write(&buf); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %-8s %6d bytes\n", f.name, buf.Len())
	}
	return nil
}

func facts(cs []controls.Condition) string {
	s := ""
	for i, c := range cs {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s=%t", c.Fact, c.Value)
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "not assessed"
	}
	return s
}
