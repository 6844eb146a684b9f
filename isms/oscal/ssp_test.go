package oscal_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
)

// fullSoA returns an SoA of the 93 Annex A controls with every field of
// the SoA and of its entries used somewhere.
func fullSoA(t testing.TB) *controls.SoA {
	t.Helper()
	s := controls.NewSoA(controls.ISO27001_2022())
	s.ID = "soa-2026"
	s.Revision = 3
	s.CreatedAt = time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	s.UpdatedAt = time.Date(2026, 2, 20, 16, 45, 30, 123456000, time.UTC)
	s.Title = "Statement of Applicability — Acme"
	s.Scope = "Acme's SaaS platform, its London office and the teams that run them."
	s.ScopeRef = isms.Ref{Kind: isms.KindScope, ID: "scope-1"}
	s.Version = "2.1"
	s.ApprovedBy = "CEO"
	s.ApprovedAt = time.Date(2026, 2, 21, 9, 0, 0, 0, time.UTC)
	statuses := controls.ImplementationStatusValues()
	for i := range s.Entries {
		e := &s.Entries[i]
		switch {
		case i%10 == 9:
			e.Applicability = controls.NotApplicable
			e.ExclusionReason = controls.ExcludedNoAssetOrTechnology
			e.Justification = "No such technology in scope.\n\nReviewed yearly."
		case i%10 == 8:
			e.Applicability = controls.Inherited
			e.InclusionReasons = []controls.InclusionReason{controls.ReasonContractual}
			e.Provider = "Cloud provider"
			e.Status = controls.StatusImplemented
		default:
			e.Applicability = controls.Applicable
			e.InclusionReasons = []controls.InclusionReason{controls.ReasonRiskTreatment, controls.ReasonBestPractice}
			e.Risks = []isms.Ref{{Kind: "risk", ID: "R-2"}, {Kind: "risk", ID: "R-1"}}
			e.Status = statuses[i%4]
			e.Owner = "CISO"
			e.Evidence = []isms.Ref{{Kind: isms.KindEvidence, ID: "ev-9"}}
			e.Notes = "See the runbook."
			if e.Status == controls.StatusPlanned {
				e.PlannedDate = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
			}
		}
	}
	// One entry left undecided, as a draft may have.
	s.Entries[5] = controls.Entry{ControlID: s.Entries[5].ControlID}
	require.NoError(t, s.Validate())
	return s
}

func TestSSPRoundTrip(t *testing.T) {
	s := fullSoA(t)
	minimal := &controls.SoA{CatalogID: controls.CatalogISO27001_2022, Entries: []controls.Entry{{ControlID: "A.5.1"}}}
	for _, soa := range []*controls.SoA{s, minimal} {
		for _, v := range oscal.VersionValues() {
			t.Run(string(soa.ID)+"/"+string(v), func(t *testing.T) {
				out, err := oscal.ExportSSP(soa, controls.ISO27001_2022(), &oscal.Options{Version: v, LastModified: modified, Indent: true})
				require.NoError(t, err)
				requireValidOSCAL(t, string(v), "ssp", out)
				again, err := oscal.ExportSSP(soa, controls.ISO27001_2022(), &oscal.Options{Version: v, LastModified: modified, Indent: true})
				require.NoError(t, err)
				assert.Equal(t, out, again, "deterministic")
				back, err := oscal.ImportSSP(out)
				require.NoError(t, err)
				assert.Equal(t, soa, back)
			})
		}
	}
}

func TestSSPShape(t *testing.T) {
	s := fullSoA(t)
	out, err := oscal.ExportSSP(s, nil, nil)
	require.NoError(t, err)
	var doc struct {
		SSP struct {
			Metadata struct {
				LastModified string `json:"last-modified"`
				OSCALVersion string `json:"oscal-version"`
			} `json:"metadata"`
			SystemCharacteristics struct {
				Description string `json:"description"`
			} `json:"system-characteristics"`
			SystemImplementation struct {
				Components []struct {
					UUID string `json:"uuid"`
					Type string `json:"type"`
				} `json:"components"`
			} `json:"system-implementation"`
			ControlImplementation struct {
				ImplementedRequirements []struct {
					ControlID string `json:"control-id"`
					Remarks   string `json:"remarks"`
					Props     []struct {
						Name, NS, Value string
					} `json:"props"`
					ByComponents []struct {
						ComponentUUID        string `json:"component-uuid"`
						ImplementationStatus *struct {
							State string `json:"state"`
						} `json:"implementation-status"`
					} `json:"by-components"`
				} `json:"implemented-requirements"`
			} `json:"control-implementation"`
		} `json:"system-security-plan"`
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	p := doc.SSP
	assert.Equal(t, "1.1.3", p.Metadata.OSCALVersion)
	// Without Options.LastModified, the SoA's UpdatedAt, at microseconds.
	assert.Equal(t, "2026-02-20T16:45:30.123456Z", p.Metadata.LastModified)
	assert.Equal(t, s.Scope, p.SystemCharacteristics.Description)
	require.Len(t, p.SystemImplementation.Components, 1)
	assert.Equal(t, "this-system", p.SystemImplementation.Components[0].Type)
	reqs := p.ControlImplementation.ImplementedRequirements
	require.Len(t, reqs, 93)
	// Entry 9 (A.5.10) is excluded: its justification is the remarks.
	assert.Equal(t, "A.5.10", reqs[9].ControlID)
	assert.Equal(t, "No such technology in scope.\n\nReviewed yearly.", reqs[9].Remarks)
	assert.Contains(t, reqs[9].Props, struct{ Name, NS, Value string }{"applicability", oscal.Namespace, "not_applicable"})
	// Entry 0 is implemented (statuses[0]) on the ISMS component.
	require.Len(t, reqs[0].ByComponents, 1)
	assert.Equal(t, p.SystemImplementation.Components[0].UUID, reqs[0].ByComponents[0].ComponentUUID)
	assert.Equal(t, "implemented", reqs[0].ByComponents[0].ImplementationStatus.State)
	assert.Equal(t, "alternative", reqs[3].ByComponents[0].ImplementationStatus.State)
}

func TestExportSSPRefuses(t *testing.T) {
	s := fullSoA(t)
	for name, tc := range map[string]struct {
		soa *controls.SoA
		cat *controls.Catalog
	}{
		"nil soa":         {nil, nil},
		"no entries":      {&controls.SoA{Meta: isms.Meta{ID: "x"}, CatalogID: "c"}, nil},
		"other catalog":   {s, controls.NISTCSF2()},
		"unknown control": {&controls.SoA{Meta: isms.Meta{ID: "x"}, CatalogID: controls.CatalogISO27001_2022, Entries: []controls.Entry{{ControlID: "A.9.9"}}}, controls.ISO27001_2022()},
		"not a token":     {&controls.SoA{Meta: isms.Meta{ID: "x"}, CatalogID: "c", Entries: []controls.Entry{{ControlID: "5.1"}}}, nil},
		"padded owner":    {&controls.SoA{Meta: isms.Meta{ID: "x"}, CatalogID: "c", Entries: []controls.Entry{{ControlID: "A.1", Owner: " CISO"}}}, nil},
		"no time":         {&controls.SoA{Meta: isms.Meta{ID: "x"}, CatalogID: "c", Entries: []controls.Entry{{ControlID: "A.1"}}}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			opts := &oscal.Options{LastModified: modified}
			if name == "no time" {
				opts = nil
			}
			_, err := oscal.ExportSSP(tc.soa, tc.cat, opts)
			require.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
	_, err := oscal.ExportSSP(s, nil, &oscal.Options{Version: "1.2.0"})
	require.ErrorIs(t, err, isms.ErrInvalid, "OSCAL 1.2.0 is never written")
}
