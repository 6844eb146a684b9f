package main

import (
	"context"
	"fmt"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// soaStep decides the Statement of Applicability over the built-in
// ISO/IEC 27001:2022 catalog (suggestions from facts, then people's
// decisions), stores it, derives NIST CSF 2.0 coverage from it, and
// returns the findings of its validation. selected are the controls the
// risk treatments chose, with the risk that chose each.
func soaStep(ctx context.Context, b *store.Store, selected []controls.Selection) ([]isms.Finding, error) {
	fmt.Fprintln(out, "\n== Statement of Applicability")
	cat := controls.ISO27001_2022()
	var profile controls.Profile
	profile.Set(controls.FactDevelopsSoftware, true).
		Set(controls.FactOutsourcesDevelopment, false).
		Set(controls.FactUsesCloudServices, true).
		Set(controls.FactHasPhysicalPremises, true)
	suggestions, err := controls.Suggest(profile, cat, nil)
	if err != nil {
		return nil, err
	}
	soa := controls.NewSoA(cat)
	soa.Title, soa.Scope, soa.Version = "Acme online shop SoA", "Acme online shop", "1.0"
	soa.ApprovedBy, soa.ApprovedAt = "board", today.AddDate(0, -1, 0)
	for _, s := range suggestions { // in an application, each suggestion is reviewed by a person
		*soa.Entry(s.ControlID) = s.Draft()
	}
	soa.Entry("A.8.30").Justification = "All development is done in house; nothing is outsourced."
	for i := range soa.Entries {
		e := &soa.Entries[i]
		if e.Applicability == controls.NotApplicable {
			continue
		}
		e.Applicability = controls.Applicable
		if len(e.InclusionReasons) == 0 {
			e.InclusionReasons = []controls.InclusionReason{controls.ReasonBestPractice}
		}
		e.Status, e.Owner = controls.StatusImplemented, "CISO"
		e.Evidence = []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-"+e.ControlID)}
	}
	// Record the risk treatment that selected each control: without it,
	// CheckSoA reports soa.selection_not_recorded.
	if missing := soa.RecordSelections(selected); len(missing) > 0 {
		return nil, fmt.Errorf("the risk treatment selects controls the catalog lacks: %v", missing)
	}
	hosting := soa.Entry("A.8.14")
	hosting.Applicability, hosting.Provider = controls.Inherited, "CloudCo (IaaS provider)"
	backup := soa.Entry("A.8.13")
	backup.Status, backup.Evidence, backup.PlannedDate = controls.StatusPlanned, nil, today.AddDate(0, -1, 0)

	soas, err := repo[controls.SoA](b, controls.KindSoA)
	if err != nil {
		return nil, err
	}
	if err := soas.Create(ctx, soa); err != nil {
		return nil, err
	}
	t := controls.Summarize(soa, cat).Total
	fmt.Fprintf(out, "soa %s: %d controls: %d applicable, %d inherited, %d excluded; %d implemented, %d planned\n",
		soa.ID, t.Controls, t.Applicable, t.Inherited, t.NotApplicable, t.Implemented, t.Planned)

	csf, err := controls.InferCoverage(controls.NISTCSF2ToISO27001_2022().Inverse(), soa.Statuses(),
		&controls.CoverageOptions{Target: controls.NISTCSF2()})
	if err != nil {
		return nil, err
	}
	// Every subcategory has exactly one level: the counts add up to the
	// total.
	fmt.Fprintf(out, "NIST CSF 2.0 derived from the SoA, %d subcategories:", len(csf.Items))
	sep := " "
	for _, l := range controls.CoverageLevelValues() {
		fmt.Fprintf(out, "%s%d %s", sep, csf.Count(l), coverageWords[l])
		sep = ", "
	}
	fmt.Fprintln(out)

	return controls.CheckSoA(soa, cat, today, &controls.SoACheckOptions{Selections: selected}), nil
}

// coverageWords says what each coverage level means for a subcategory.
var coverageWords = map[controls.CoverageLevel]string{
	controls.CoverageFull:          "fully covered",
	controls.CoveragePartial:       "partly covered",
	controls.CoverageNone:          "mapped but not implemented",
	controls.CoverageNotApplicable: "mapped to excluded controls only",
	controls.CoverageUnmapped:      "not mapped to Annex A",
}
