package controls_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// An SoA over the 93 Annex A controls, validated as an auditor would: three
// decisions are questionable, and the findings say which and why.
func ExampleCheckSoA() {
	cat := controls.ISO27001_2022()
	soa := controls.NewSoA(cat)
	soa.ID, soa.Version = "soa-2026", "1.0"
	soa.ApprovedBy, soa.ApprovedAt = "Management board", time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)
	for i := range soa.Entries {
		e := &soa.Entries[i]
		e.Applicability = controls.Applicable
		e.InclusionReasons = []controls.InclusionReason{controls.ReasonBestPractice}
		e.Status = controls.StatusImplemented
		e.Owner = "CISO"
		e.Evidence = []isms.Ref{isms.NewRef(isms.KindEvidence, "EV-"+e.ControlID)}
	}
	// Excluded without a justification, although a risk treatment selected it.
	*soa.Entry("A.8.30") = controls.Entry{ControlID: "A.8.30", Applicability: controls.NotApplicable,
		ExclusionReason: controls.ExcludedFunctionNotPerformed}
	// Inherited, but from whom?
	soa.Entry("A.5.23").Applicability = controls.Inherited
	// Planned for February, still planned in March.
	crypto := soa.Entry("A.8.24")
	crypto.Status, crypto.Evidence = controls.StatusPlanned, nil
	crypto.PlannedDate = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)

	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	selected := []controls.Selection{{Control: "A.8.30", By: isms.NewRef("risk", "R-7")}}
	for _, f := range controls.CheckSoA(soa, cat, now, &controls.SoACheckOptions{Selections: selected}) {
		fmt.Printf("%-7s %-30s %s\n", f.Severity, f.Code, f.Message)
	}
	// Output:
	// error   soa.justification_missing      A.8.30 is excluded without a written justification
	// error   soa.planned_date_passed        A.8.24 was planned for 2026-02-01 and is still planned
	// error   soa.provider_missing           A.5.23 is inherited but names no provider
	// error   soa.selected_control_excluded  A.8.30 is selected by risk/R-7 but the SoA excludes it
}

// Assess once, report many: implementation statuses recorded in an ISO/IEC
// 27001:2022 SoA give coverage of NIST CSF 2.0 subcategories through the
// inverse of NIST's CSF-to-ISO mapping, each level with the pairs that
// explain it.
func ExampleInferCoverage() {
	soa := controls.NewSoA(controls.ISO27001_2022())
	for id, st := range map[isms.ID]controls.ImplementationStatus{
		"A.5.15": controls.StatusImplemented,
		"A.5.18": controls.StatusPartial,
		"A.8.2":  controls.StatusPlanned,
		"A.8.16": controls.StatusImplemented,
	} {
		e := soa.Entry(id)
		e.Applicability, e.Status = controls.Applicable, st
	}
	isoToCSF := controls.NISTCSF2ToISO27001_2022().Inverse()
	rep, err := controls.InferCoverage(isoToCSF, soa.Statuses(), &controls.CoverageOptions{Target: controls.NISTCSF2()})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []isms.ID{"PR.AA-01", "DE.CM-09", "GV.OC-01"} {
		it, _ := rep.Item(id)
		fmt.Printf("%s: %s\n", it.Control, it.Level)
		for _, r := range it.Because {
			status := string(r.Status)
			if status == "" {
				status = "not assessed"
			}
			fmt.Printf("  %-6s %s, %s -> %s\n", r.Source, r.Relationship, status, r.Contribution)
		}
	}
	fmt.Printf("partial %d, none %d, unmapped %d of %d\n", rep.Count(controls.CoveragePartial),
		rep.Count(controls.CoverageNone), rep.Count(controls.CoverageUnmapped), len(rep.Items))
	// Output:
	// PR.AA-01: partial
	//   A.5.15 intersects_with, implemented -> partial
	//   A.5.18 intersects_with, partial -> partial
	//   A.8.2  intersects_with, planned -> none
	//   A.8.5  intersects_with, not assessed -> none
	// DE.CM-09: partial
	//   A.8.16 intersects_with, implemented -> partial
	// GV.OC-01: unmapped
	// partial 13, none 84, unmapped 9 of 106
}

// The transition mapping carries an ISO/IEC 27001:2013 assessment over to
// the 2022 controls: a one-to-one successor is fully covered, a control
// merged from several is partly covered, and a new control is unmapped.
func ExampleInferCoverage_transition() {
	statuses := map[isms.ID]controls.ImplementationStatus{
		"A.6.1.1": controls.StatusImplemented,
		"A.5.1.1": controls.StatusImplemented,
		"A.5.1.2": controls.StatusImplemented,
	}
	rep, _ := controls.InferCoverage(controls.ISO27001_2013To2022(), statuses,
		&controls.CoverageOptions{Target: controls.ISO27001_2022()})
	for _, id := range []isms.ID{"A.5.1", "A.5.2", "A.5.7"} {
		it, _ := rep.Item(id)
		fmt.Println(id, it.Level, len(it.Because))
	}
	// Output:
	// A.5.1 partial 2
	// A.5.2 full 1
	// A.5.7 unmapped 0
}

// Suggestions from an organisation profile, each naming its rule and the
// facts that triggered it.
func ExampleSuggest() {
	var p controls.Profile
	p.Set(controls.FactHasPhysicalPremises, false).Set(controls.FactUsesCloudServices, true)
	suggestions, err := controls.Suggest(p, controls.ISO27001_2022(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range suggestions {
		fmt.Printf("%-6s %-14s %-22s rule %s\n", s.ControlID, s.Applicability, s.ExclusionReason, s.RuleID)
	}
	// Output:
	// A.5.23 applicable                            rule cloud-services
	// A.7.1  not_applicable no_asset_or_technology rule no-physical-premises
	// A.7.2  not_applicable no_asset_or_technology rule no-physical-premises
	// A.7.3  not_applicable no_asset_or_technology rule no-physical-premises
	// A.7.4  not_applicable no_asset_or_technology rule no-physical-premises
	// A.7.6  not_applicable no_asset_or_technology rule no-physical-premises
}

// Two versions of an SoA, compared field by field.
func ExampleDiffSoA() {
	v1 := &controls.SoA{CatalogID: controls.CatalogISO27001_2022, Version: "1.0", Entries: []controls.Entry{
		{ControlID: "A.5.23", Applicability: controls.Applicable, Status: controls.StatusPlanned},
		{ControlID: "A.8.30", Applicability: controls.NotApplicable, ExclusionReason: controls.ExcludedFunctionNotPerformed},
	}}
	v2 := v1.Clone()
	v2.Version = "1.1"
	v2.Entry("A.5.23").Status = controls.StatusImplemented
	v2.Entries = v2.Entries[:1]
	fmt.Print(controls.DiffSoA(v1, v2))
	// Output:
	// ~ document version: "1.0" -> "1.1"
	// - A.8.30 not_applicable
	// ~ A.5.23 implementation_status: "planned" -> "implemented"
}

// The CSV export lists every catalog control, so gaps show.
func ExampleWriteCSV() {
	cat, _ := controls.NewCatalog(controls.CatalogInfo{ID: "mini", Title: "Mini"}, nil, []controls.Control{
		{ID: "C.1", Title: "Backups"}, {ID: "C.2", Title: "Wireless networks"}, {ID: "C.3", Title: "Logging"},
	})
	soa := &controls.SoA{CatalogID: "mini", Entries: []controls.Entry{
		{ControlID: "C.1", Applicability: controls.Applicable, InclusionReasons: []controls.InclusionReason{controls.ReasonRiskTreatment},
			Risks: []isms.Ref{isms.NewRef("risk", "R-1")}, Status: controls.StatusImplemented, Owner: "IT"},
		{ControlID: "C.2", Applicability: controls.NotApplicable, ExclusionReason: controls.ExcludedNoAssetOrTechnology,
			Justification: "No wireless network in scope."},
	}}
	var buf bytes.Buffer
	_ = controls.WriteCSV(&buf, soa, cat, nil)
	// Records end with CRLF (RFC 4180); shown here with LF.
	fmt.Print(strings.ReplaceAll(buf.String(), "\r\n", "\n"))
	// Output:
	// control_id,title,applicable,inclusion_reasons,exclusion_justification,implementation_status,owner,evidence,risks,provider,planned_date,notes
	// C.1,Backups,yes,risk_treatment,,implemented,IT,,risk/R-1,,,
	// C.2,Wireless networks,no,,no_asset_or_technology: No wireless network in scope.,,,,,,,
	// C.3,Logging,,,,,,,,,,
}

// The checks of CheckSoA are data: each rule has a stable code, one
// severity and the clause of ISO/IEC 27001:2022 it comes from.
func ExampleRules() {
	for _, r := range controls.Rules() {
		switch r.Code {
		case controls.CodeControlMissing, controls.CodeOwnerMissing, controls.CodeCatalogVersionMismatch, controls.CodeEvidenceMissing:
			fmt.Printf("%-29s %-7s %-7s %s\n", r.Code, r.Severity, r.Source, r.Summary)
		}
	}
	// Output:
	// soa.catalog_version_mismatch  warning 6.1.3 c The SoA is for another version of the catalog.
	// soa.control_missing           error   6.1.3 d A catalog control has no entry in the SoA.
	// soa.owner_missing             error   5.3     An included control has no owner.
	// soa.evidence_missing          info            An implemented control points at no evidence.
}
