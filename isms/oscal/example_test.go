package oscal_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
)

// ExampleExportSSP exports a Statement of Applicability as an OSCAL system
// security plan and reads it back.
func ExampleExportSSP() {
	cat := controls.ISO27001_2022()
	soa := controls.NewSoA(cat)
	soa.ID = "soa-1"
	soa.Title = "Statement of Applicability"
	soa.Scope = "The SaaS platform and its operations team."
	soa.UpdatedAt = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for i := range soa.Entries {
		soa.Entries[i].Applicability = controls.Applicable
		soa.Entries[i].InclusionReasons = []controls.InclusionReason{controls.ReasonRiskTreatment}
		soa.Entries[i].Risks = []isms.Ref{{Kind: "risk", ID: "R-1"}}
		soa.Entries[i].Status = controls.StatusImplemented
	}
	e := soa.Entry("A.7.1")
	*e = controls.Entry{
		ControlID: "A.7.1", Applicability: controls.NotApplicable,
		ExclusionReason: controls.ExcludedNoAssetOrTechnology, Justification: "Fully remote: no premises.",
	}

	out, err := oscal.ExportSSP(soa, cat, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		SSP struct {
			UUID     string `json:"uuid"`
			Metadata struct {
				LastModified string `json:"last-modified"`
				OSCALVersion string `json:"oscal-version"`
			} `json:"metadata"`
			ControlImplementation struct {
				ImplementedRequirements []struct {
					ControlID string `json:"control-id"`
					Remarks   string `json:"remarks"`
				} `json:"implemented-requirements"`
			} `json:"control-implementation"`
		} `json:"system-security-plan"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		fmt.Println(err)
		return
	}
	reqs := doc.SSP.ControlImplementation.ImplementedRequirements
	fmt.Println("uuid:", doc.SSP.UUID)
	fmt.Println("oscal", doc.SSP.Metadata.OSCALVersion, "last modified", doc.SSP.Metadata.LastModified)
	fmt.Println(len(reqs), "implemented requirements; A.7.1:", reqs[soaIndex(soa, "A.7.1")].Remarks)

	back, err := oscal.ImportSSP(out)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("read back:", back.Entry("A.7.1").ExclusionReason, len(back.Entries), "entries")
	// Output:
	// uuid: 9da04e2b-ef55-5d70-b327-aeed77610571
	// oscal 1.1.3 last modified 2026-03-01T12:00:00Z
	// 93 implemented requirements; A.7.1: Fully remote: no premises.
	// read back: no_asset_or_technology 93 entries
}

func soaIndex(s *controls.SoA, id isms.ID) int {
	for i, e := range s.Entries {
		if e.ControlID == id {
			return i
		}
	}
	return -1
}

// ExampleImportCatalog imports NIST SP 800-53 rev5 from its OSCAL catalog.
func ExampleImportCatalog() {
	data, err := nistFile("NIST_SP-800-53_rev5_catalog.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	cat, err := oscal.ImportCatalog(data, &oscal.ImportOptions{ID: "nist-sp800-53-r5"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ac2, _ := cat.Control("ac-2")
	enh, _ := cat.Control("ac-2.1")
	fmt.Println(cat.ID(), len(cat.Groups()), "families,", cat.Len(), "active controls and enhancements")
	fmt.Println(ac2.Prop("label"), ac2.Title)
	fmt.Println(enh.Prop("label"), enh.Title, "(in", enh.Prop(oscal.PropParent)+")")
	// Output:
	// nist-sp800-53-r5 20 families, 1007 active controls and enhancements
	// AC-2 Account Management
	// AC-2(1) Automated System Account Management (in ac-2)
}
