// Command export writes the interchange documents of a small ISMS (the
// quickstart's Acme Ltd: its SoA, its risk register and an internal-audit
// test of controls on a sample) into a folder: the SDK's JSON Schemas for
// every kind, the Statement of Applicability as an OSCAL system security
// plan, the risks and their treatment plans as an OSCAL POA&M, the audit
// sample as OSCAL assessment-results, a small internal audit (its
// checklist built from the SoA, one minor nonconformity) as OSCAL
// assessment-results and its corrective action as a second POA&M, the ISO/IEC 27001:2022 catalog as an
// OSCAL catalog, and the ISO/IEC 27001 → NIST CSF 2.0 crosswalk as an
// OSCAL 1.2.1 mapping-collection.
//
//	go run ./examples/export [-out DIR]
//
// Without -out it writes into ismskit-export under the system's temporary
// directory. It uses a fixed clock and sequential IDs, so that the
// documents are the same on every run.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/oscal"
	"github.com/ismskit/ismskit/isms/schema"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

// today is the example's fixed "now".
var today = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

const tenant = "acme"

// out is where the example prints; tests replace it.
var out io.Writer = os.Stdout

func main() {
	dir := flag.String("out", filepath.Join(os.TempDir(), "ismskit-export"), "folder to write the documents into")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "export:", err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "written into", *dir)
}

func run(dir string) error {
	ctx := isms.WithActor(context.Background(), "ciso@acme.example")
	backend := memstore.NewStore(&store.Options{IDs: ismstest.NewSequentialIDs(), Clock: ismstest.NewFixedClock(today)})
	defer backend.Close()

	soa, err := storedSoA(ctx, backend)
	if err != nil {
		return err
	}
	m := risk.Preset5x5ISO27005()
	risks, err := storedRisks(ctx, backend, m)
	if err != nil {
		return err
	}
	test, err := accessReviewTest()
	if err != nil {
		return err
	}
	cat := controls.ISO27001_2022()
	ia, cl, findings, err := internalAudit(soa, cat, test.Selection)
	if err != nil {
		return err
	}
	files := map[string]func() ([]byte, error){
		"oscal/assessment-results-internal-audit.json": func() ([]byte, error) {
			return oscal.ExportAuditResults(ia, cl, findings, &oscal.ResultsOptions{
				Options: oscal.Options{Indent: true}, ID: "acme-internal-audit-2026", Title: "Acme internal audit 2026: results", Version: "1.0"})
		},
		"oscal/poam-corrective-actions.json": func() ([]byte, error) {
			return oscal.ExportFindingsPOAM(findings, &oscal.POAMOptions{Options: oscal.Options{Indent: true},
				ID: "acme-corrective-actions", Title: "Acme corrective actions", Version: "1.0",
				SystemID: string(soa.ID), SSPHref: "ssp-soa.json", Organisation: "Acme Ltd"})
		},
		"oscal/poam-risks.json": func() ([]byte, error) {
			return oscal.ExportPOAM(risks, m, &oscal.POAMOptions{Options: oscal.Options{Indent: true},
				ID: "acme-poam", Title: "Acme risk treatment plan", Version: "1.0",
				SystemID: string(soa.ID), SSPHref: "ssp-soa.json"})
		},
		"oscal/assessment-results-audit.json": func() ([]byte, error) {
			return oscal.ExportAssessmentResults([]oscal.SampleTest{test}, &oscal.ResultsOptions{
				Options: oscal.Options{Indent: true}, ID: "acme-audit-2026", Title: "Acme internal audit 2026", Version: "1.0"})
		},
		"risks.json": func() ([]byte, error) {
			return json.MarshalIndent(risks, "", "  ")
		},
		"oscal/ssp-soa.json": func() ([]byte, error) {
			return oscal.ExportSSP(soa, cat, &oscal.Options{Indent: true})
		},
		"oscal/catalog-iso27001-2022.json": func() ([]byte, error) {
			return oscal.ExportCatalog(cat, &oscal.Options{LastModified: today, Indent: true})
		},
		"oscal/mapping-iso27001-2022-to-csf-2.0.json": func() ([]byte, error) {
			return oscal.ExportMapping(controls.NISTCSF2ToISO27001_2022().Inverse(), &oscal.Options{LastModified: today, Indent: true})
		},
		"soa.json": func() ([]byte, error) {
			return jsonOf(soa)
		},
	}
	if err := schema.WriteAll(filepath.Join(dir, "schema")); err != nil {
		return err
	}
	fmt.Fprintf(out, "schema/: %d JSON Schemas (draft 2020-12), one per kind\n", len(schema.Kinds()))
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		b, err := files[name]()
		if err != nil {
			return err
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(out, "%s: %d bytes\n", name, len(b))
	}
	// The SSP reads back into the same SoA.
	b, err := os.ReadFile(filepath.Join(dir, "oscal", "ssp-soa.json"))
	if err != nil {
		return err
	}
	back, err := oscal.ImportSSP(b)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "ssp-soa.json reads back as soa %s with %d entries\n", back.ID, len(back.Entries))
	for _, r := range risks {
		fmt.Fprintf(out, "poam: risk %s %q, current %s, %d treatment action(s)\n", r.ID, r.Title, r.Current.Level, len(r.Treatment.Actions))
	}
	fmt.Fprintf(out, "assessment results: %s, %d of %d accounts drawn with seed %d\n",
		test.ID, len(test.Selection.Items), test.Selection.Population.Size, test.Selection.Spec.Seed)
	for _, it := range cl.Items {
		fmt.Fprintf(out, "internal audit %s: %s by %s: %s\n", ia.ID, it.Requirement, it.Method, it.Result)
	}
	if err := printAuditFindings(filepath.Join(dir, "oscal", "assessment-results-internal-audit.json")); err != nil {
		return err
	}
	for _, f := range findings {
		fmt.Fprintf(out, "corrective action of %s (%s, %s): owner %s, due %s\n", f.ID, f.Kind, f.Requirement, f.Owner, f.Due.Format(time.DateOnly))
	}
	return nil
}

// printAuditFindings reads the audit's assessment results back and prints
// each OSCAL finding's target and status.
func printAuditFindings(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc struct {
		AR struct {
			Results []struct {
				Findings []struct {
					Target struct {
						TargetID string `json:"target-id"`
						Status   struct{ State string }
					}
				}
			}
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return err
	}
	for _, r := range doc.AR.Results {
		for _, f := range r.Findings {
			fmt.Fprintf(out, "assessment-results-internal-audit.json: %s %s\n", f.Target.TargetID, f.Target.Status.State)
		}
	}
	return nil
}

// internalAudit is a small internal audit of clause 9.2, A.5.18 and
// A.8.13, its checklist built from the SoA (audit.BuildChecklist): the
// access reviews re-performed on the access-review sample without
// deviation, the audit clauses inspected and conforming, and a minor
// nonconformity on the backups (A.8.13), which the SoA records as still
// planned.
func internalAudit(soa *controls.SoA, cat *controls.Catalog, sel *sampling.Selection) (*audit.Audit, *audit.Checklist, []*audit.Finding, error) {
	a := &audit.Audit{ID: "ia-2026-1", Title: "Internal audit 2026: audits, access reviews and backups",
		Criteria: []string{"ISO/IEC 27001:2022", "Acme backup policy v1"},
		Scope:    []isms.Ref{controls.ClauseRef("9.2"), isms.ControlRef("A.5.18"), isms.ControlRef("A.8.13")},
		Auditors: []isms.ID{"internal-auditor"}, PlannedStart: today.AddDate(0, 0, -14), PlannedEnd: today.AddDate(0, 0, -12),
		Status: audit.AuditCompleted, CompletedAt: today.AddDate(0, 0, -12)}
	cl := audit.BuildChecklist(a, soa, cat)
	var nc *audit.Finding
	for i := range cl.Items {
		it := &cl.Items[i]
		switch it.Requirement {
		case isms.ControlRef("A.5.18"):
			if err := it.RecordSample(sel, len(sel.Items), 0); err != nil {
				return nil, nil, nil, err
			}
			it.Examined = slices.Clone(it.Evidence)
		case isms.ControlRef("A.8.13"):
			it.Result, it.Finding = audit.ResultNonconformity, "audit-f-1"
			it.Notes = "The immutable off-site backups are planned, not in place."
			nc = &audit.Finding{Meta: isms.Meta{ID: it.Finding}, Audit: a.ID, Kind: audit.MinorNonconformity,
				Title: "Backups are not yet protected against ransomware", Requirement: it.Requirement,
				RootCause:        "The backup change waits on a budget decision.",
				CorrectiveAction: "Approve the budget and put the immutable off-site backups in place.",
				Owner:            "IT operations", Due: today.AddDate(0, 2, 0), Status: audit.StatusOpen,
				RaisedBy: "internal-auditor", RaisedAt: a.CompletedAt}
		default:
			it.Result = audit.ResultConforming
			it.Examined = []isms.Ref{isms.NewRef(isms.KindDocument, "audit-programme-2026")}
		}
	}
	if nc == nil {
		return nil, nil, nil, fmt.Errorf("the checklist has no A.8.13 item")
	}
	return a, cl, []*audit.Finding{nc}, nil
}

// storedRisks registers Acme's ransomware risk as the quickstart does
// (risk-0001, the risk the SoA's A.8.13 entry names) and a supplier risk,
// assesses and treats them, and returns them as stored.
func storedRisks(ctx context.Context, b *store.Store, m *risk.Matrix) ([]*risk.Risk, error) {
	reg, err := risk.NewRegister(b, tenant, m, nil)
	if err != nil {
		return nil, err
	}
	ctx = isms.WithActor(ctx, "risk-manager")
	type plan struct {
		r       *risk.Risk
		current risk.Rating
		treat   risk.TreatCommand
	}
	plans := []plan{
		{&risk.Risk{Title: "Ransomware encrypts the shop platform and its backups", Owner: "CTO",
			Assets: []isms.Ref{isms.NewRef(isms.KindAsset, "shop-platform"), isms.NewRef(isms.KindAsset, "customer-db")},
			Threat: "ransomware", Vulnerability: "backups reachable from the servers",
			ExistingControls: isms.ControlRefs("A.8.7")},
			risk.Rating{Likelihood: "likely", Impacts: []risk.DimensionImpact{
				{Dimension: risk.Confidentiality, Impact: "significant"}, {Dimension: risk.Availability, Impact: "serious"}}},
			risk.TreatCommand{Option: risk.OptionModify, Controls: isms.ControlRefs("A.8.13", "A.8.20"),
				Actions: []risk.Action{{Title: "Immutable off-site backups", Owner: "IT operations", Due: today.AddDate(0, 3, 0)}}}},
		{&risk.Risk{Title: "Payment provider outage stops checkout", Owner: "COO",
			Assets: []isms.Ref{isms.NewRef(isms.KindAsset, "checkout")}, Threat: "supplier outage", Vulnerability: "single payment provider"},
			risk.Rating{Likelihood: "possible", Impact: "significant"},
			risk.TreatCommand{Option: risk.OptionModify, Controls: isms.ControlRefs("A.5.19", "A.5.30"),
				Actions: []risk.Action{
					{Title: "Contract a second payment provider", Owner: "COO", Due: today.AddDate(0, 6, 0)},
					{Title: "Exercise the provider switch", Owner: "IT operations", Due: today.AddDate(0, 8, 0)}}}},
	}
	out := make([]*risk.Risk, 0, len(plans))
	for _, p := range plans {
		if err := reg.Create(ctx, p.r); err != nil {
			return nil, err
		}
		if _, err := reg.Assess(ctx, p.r.ID, risk.AssessCommand{Stage: risk.StageCurrent, Rating: p.current}); err != nil {
			return nil, err
		}
		r, err := reg.Treat(ctx, p.r.ID, p.treat)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// accessReviewTest is an internal-audit test of the quarterly access
// reviews (A.5.18) on a sample of Acme's 480 user accounts, planned for
// 95% confidence, 5% tolerable and 1% expected deviation rate, and drawn
// with a recorded seed.
func accessReviewTest() (oscal.SampleTest, error) {
	accounts := make([]sampling.Item, 480)
	for i := range accounts {
		accounts[i] = sampling.Item{ID: fmt.Sprintf("user-%04d", i+1)}
	}
	p, err := sampling.PlanAttribute(sampling.AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0.01, Population: len(accounts)})
	if err != nil {
		return oscal.SampleTest{}, err
	}
	sel, err := sampling.Select(accounts, sampling.SelectionSpec{Method: sampling.MethodSimpleRandom, Size: p.SampleSize, Seed: 20261122, Plan: p.SelectionPlan()})
	if err != nil {
		return oscal.SampleTest{}, err
	}
	return oscal.SampleTest{ID: "test-access-reviews", Title: "Quarterly access reviews performed and signed off",
		Controls: []isms.ID{"A.5.18"}, Selection: sel, Start: today.AddDate(0, 0, -14), End: today.AddDate(0, 0, -12),
		Tester: "internal auditor"}, nil
}

// storedSoA builds Acme's SoA, as the quickstart does, stores it and reads
// it back from the store (with its stored revision and times).
func storedSoA(ctx context.Context, b *store.Store) (*controls.SoA, error) {
	cat := controls.ISO27001_2022()
	soa := controls.NewSoA(cat)
	soa.Title, soa.Scope, soa.Version = "Acme online shop SoA", "Acme online shop", "1.0"
	soa.ApprovedBy, soa.ApprovedAt = "board", today.AddDate(0, -1, 0)
	for i := range soa.Entries {
		e := &soa.Entries[i]
		e.Applicability = controls.Applicable
		e.InclusionReasons = []controls.InclusionReason{controls.ReasonBestPractice}
		e.Status, e.Owner = controls.StatusImplemented, "CISO"
		e.Evidence = []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-"+e.ControlID)}
	}
	outsourced := soa.Entry("A.8.30")
	*outsourced = controls.Entry{
		ControlID: "A.8.30", Applicability: controls.NotApplicable,
		ExclusionReason: controls.ExcludedFunctionNotPerformed,
		Justification:   "All development is done in house; nothing is outsourced.",
	}
	hosting := soa.Entry("A.8.14")
	hosting.Applicability, hosting.Provider = controls.Inherited, "CloudCo (IaaS provider)"
	backup := soa.Entry("A.8.13")
	backup.Status, backup.Evidence, backup.PlannedDate = controls.StatusPlanned, nil, today.AddDate(0, 1, 0)
	backup.InclusionReasons = []controls.InclusionReason{controls.ReasonRiskTreatment}
	backup.Risks = []isms.Ref{isms.NewRef("risk", "risk-0001")}

	repo, err := store.NewRepository[controls.SoA](b, tenant, controls.KindSoA)
	if err != nil {
		return nil, err
	}
	if err := repo.Create(ctx, soa); err != nil {
		return nil, err
	}
	return repo.Get(ctx, soa.ID)
}

// jsonOf writes an SoA in the SDK's own format (controls.WriteSoA).
func jsonOf(s *controls.SoA) ([]byte, error) {
	var buf bytes.Buffer
	if err := controls.WriteSoA(&buf, s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
