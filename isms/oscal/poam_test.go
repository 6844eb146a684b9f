package oscal_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
	"github.com/ismskit/ismskit/risk"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// registerRisks returns four risks on the 5x5 preset: an open one being
// treated (open actions), an accepted one, a closed one and an open one
// not yet treated.
func registerRisks() []*risk.Risk {
	mref := risk.Preset5x5().Ref()
	created := time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)
	return []*risk.Risk{
		{Meta: isms.Meta{ID: "R-2", Revision: 3, CreatedAt: created, UpdatedAt: created.Add(48 * time.Hour)},
			Title: "Laptop theft exposes customer data", Owner: "cio", Status: risk.StatusAccepted,
			Threat: "theft", Vulnerability: "travel",
			Inherent: &risk.Assessment{Matrix: mref, Likelihood: "possible", Impact: "moderate", Level: "medium", AssessedBy: "risk.manager"},
			Residual: &risk.Assessment{Matrix: mref, Likelihood: "unlikely", Impact: "moderate", Level: "medium", AssessedBy: "risk.manager"},
			Treatment: &risk.Treatment{Option: risk.OptionModify, Rationale: "Full-disk encryption", Controls: []isms.Ref{{Kind: "control", ID: "A.8.24"}},
				Actions: []risk.Action{{ID: "act-3", Title: "Encrypt laptops", Status: risk.ActionDone, CompletedAt: day(2026, 1, 11)}}}},
		{Meta: isms.Meta{ID: "R-1", Revision: 2, CreatedAt: created, UpdatedAt: created.Add(24 * time.Hour)},
			Title: "Ransomware encrypts the file server", Description: "Encryption of shared drives halts operations.",
			Owner: "cio", Status: risk.StatusOpen, Category: "cyber",
			Assets: []isms.Ref{{Kind: "asset", ID: "fileserver"}}, Threat: "ransomware", Vulnerability: "unpatched hosts",
			ExistingControls: []isms.Ref{{Kind: "control", ID: "A.8.7"}},
			Inherent: &risk.Assessment{Matrix: mref, Likelihood: "likely", Impact: "major", Level: "very_high",
				Impacts: []risk.DimensionImpact{{Dimension: "availability", Impact: "major"}, {Dimension: "integrity", Impact: "moderate"}},
				Rule:    risk.RuleMax, AssessedBy: "risk.manager", AssessedAt: created},
			Treatment: &risk.Treatment{Option: risk.OptionModify, Controls: []isms.Ref{{Kind: "control", ID: "A.8.13"}},
				DecidedBy: "cio", DecidedAt: created.Add(time.Hour),
				Actions: []risk.Action{
					{ID: "act-1", Title: "Offline backups", Owner: "it.ops", Status: risk.ActionInProgress, Due: day(2026, 6, 30),
						Controls: []isms.Ref{{Kind: "control", ID: "A.8.13"}}},
					{ID: "act-2", Title: "Patch SLA of 14 days", Status: risk.ActionPlanned, Due: day(2026, 9, 30)},
					{ID: "act-0", Title: "Cancelled pilot", Status: risk.ActionCancelled, Due: day(2026, 12, 31)},
				}}},
		{Meta: isms.Meta{ID: "R-3"}, Title: "Legacy fax line", Status: risk.StatusClosed,
			Treatment: &risk.Treatment{Option: risk.OptionAvoid, Rationale: "Fax decommissioned"}},
		{Meta: isms.Meta{ID: "R-4"}, Title: "Supplier insolvency", Status: risk.StatusOpen,
			Current: &risk.Assessment{Matrix: mref, Likelihood: "rare", Impact: "severe", Level: "medium"}},
	}
}

type poamJSON struct {
	POAM struct {
		UUID     string `json:"uuid"`
		Metadata struct {
			Title        string `json:"title"`
			LastModified string `json:"last-modified"`
			OSCALVersion string `json:"oscal-version"`
			Parties      []struct {
				UUID, Type, Name string
			} `json:"parties"`
		} `json:"metadata"`
		SystemID struct {
			ID string `json:"id"`
		} `json:"system-id"`
		Risks []struct {
			UUID              string `json:"uuid"`
			Title             string `json:"title"`
			Statement         string `json:"statement"`
			Status            string `json:"status"`
			Deadline          string `json:"deadline"`
			Characterizations []struct {
				Props  []struct{ Name, Value string } `json:"props"`
				Origin struct {
					Actors []struct {
						Type      string `json:"type"`
						ActorUUID string `json:"actor-uuid"`
					} `json:"actors"`
				} `json:"origin"`
				Facets []struct{ Name, System, Value string } `json:"facets"`
			} `json:"characterizations"`
			Remediations []struct {
				Lifecycle string `json:"lifecycle"`
				Tasks     []struct {
					UUID   string `json:"uuid"`
					Type   string `json:"type"`
					Title  string `json:"title"`
					Timing *struct {
						OnDate struct{ Date string } `json:"on-date"`
					} `json:"timing"`
				} `json:"tasks"`
			} `json:"remediations"`
		} `json:"risks"`
		Items []struct {
			Title        string `json:"title"`
			RelatedRisks []struct {
				RiskUUID string `json:"risk-uuid"`
			} `json:"related-risks"`
		} `json:"poam-items"`
	} `json:"plan-of-action-and-milestones"`
}

func TestExportPOAMValidatesAgainstNIST(t *testing.T) {
	for _, v := range []oscal.Version{oscal.Version1_1_3, oscal.Version1_2_1} {
		out, err := oscal.ExportPOAM(registerRisks(), risk.Preset5x5(), &oscal.POAMOptions{
			Options: oscal.Options{Version: v, Indent: true}, SystemID: "soa-1", SSPHref: "ssp-soa.json"})
		require.NoError(t, err)
		requireValidOSCAL(t, string(v), "poam", out)
	}
	// Actions without ids (the risk package allows them) get distinct
	// task UUIDs.
	rs := registerRisks()
	rs[1].Treatment.Actions[0].ID, rs[1].Treatment.Actions[1].ID = "", ""
	out, err := oscal.ExportPOAM(rs, risk.Preset5x5(), nil)
	require.NoError(t, err)
	requireValidOSCAL(t, "1.1.3", "poam", out)
	// The minimal case: one risk with nothing but a title.
	out, err = oscal.ExportPOAM([]*risk.Risk{{Meta: isms.Meta{ID: "R-9"}, Title: "T", Status: risk.StatusOpen}},
		risk.Preset3x3(), &oscal.POAMOptions{Options: oscal.Options{LastModified: modified}})
	require.NoError(t, err)
	requireValidOSCAL(t, "1.1.3", "poam", out)
}

// TestExportPOAMShape checks the export against hand-written expectations.
// The UUIDs were computed with Python's uuid module:
//
//	>>> sp = uuid.uuid5(uuid.NAMESPACE_URL, 'https://ismskit.github.io/ns/oscal')
//	>>> uuid.uuid5(sp, 'poam\x00risk-register')
//	UUID('555a0eab-0d10-579d-be2b-4cc4263fbfa6')
//	>>> uuid.uuid5(sp, 'poam\x00risk-register\x00risk\x00R-1')
//	UUID('8bcd19d3-fe25-5e05-bf1f-c0e6294bf538')
//	>>> uuid.uuid5(sp, 'poam\x00risk-register\x00risk\x00R-1\x00action\x00act-1')
//	UUID('2c045612-2c91-5574-8398-bdebb5a28e7e')
func TestExportPOAMShape(t *testing.T) {
	out, err := oscal.ExportPOAM(registerRisks(), risk.Preset5x5(), nil)
	require.NoError(t, err)
	var doc poamJSON
	require.NoError(t, json.Unmarshal(out, &doc))
	p := doc.POAM
	assert.Equal(t, "555a0eab-0d10-579d-be2b-4cc4263fbfa6", p.UUID)
	assert.Equal(t, "1.1.3", p.Metadata.OSCALVersion)
	assert.Equal(t, "Plan of action and milestones", p.Metadata.Title)
	assert.Equal(t, "2026-01-12T08:00:00Z", p.Metadata.LastModified, "the latest UpdatedAt of the risks")

	var titles, statuses []string
	for _, r := range p.Risks {
		titles = append(titles, r.Title)
		statuses = append(statuses, r.Status)
	}
	assert.Equal(t, []string{"Ransomware encrypts the file server", "Laptop theft exposes customer data", "Legacy fax line", "Supplier insolvency"},
		titles, "sorted by risk id")
	assert.Equal(t, []string{"remediating", "deviation-approved", "closed", "open"}, statuses)

	r1 := p.Risks[0]
	assert.Equal(t, "8bcd19d3-fe25-5e05-bf1f-c0e6294bf538", r1.UUID)
	assert.Equal(t, "Threat: ransomware. Vulnerability: unpatched hosts. Assets: asset/fileserver.", r1.Statement)
	assert.Equal(t, "2026-09-30T00:00:00Z", r1.Deadline, "the latest due date of the open actions (the cancelled one is not)")
	ns := "https://ismskit.github.io/ns/oscal/matrix/ismskit%205x5/1"
	require.Len(t, r1.Characterizations, 1)
	assert.Equal(t, []struct{ Name, System, Value string }{
		{"likelihood", ns, "likely"}, {"impact", ns, "major"}, {"level", ns, "very_high"},
		{"impact.availability", ns, "major"}, {"impact.integrity", ns, "moderate"},
	}, r1.Characterizations[0].Facets)
	assert.Equal(t, []struct{ Name, Value string }{{"stage", "inherent"}, {"rule", "max"}, {"assessed_at", "2026-01-10T08:00:00Z"}},
		r1.Characterizations[0].Props)
	require.Len(t, r1.Remediations, 1)
	assert.Equal(t, "planned", r1.Remediations[0].Lifecycle)
	tasks := r1.Remediations[0].Tasks
	require.Len(t, tasks, 3)
	assert.Equal(t, "2c045612-2c91-5574-8398-bdebb5a28e7e", tasks[0].UUID)
	assert.Equal(t, "action", tasks[0].Type)
	assert.Equal(t, "Offline backups", tasks[0].Title)
	require.NotNil(t, tasks[0].Timing)
	assert.Equal(t, "2026-06-30T00:00:00Z", tasks[0].Timing.OnDate.Date)

	r2 := p.Risks[1]
	require.Len(t, r2.Characterizations, 2, "inherent and residual")
	assert.Equal(t, "completed", r2.Remediations[0].Lifecycle, "every action done")
	assert.Empty(t, r2.Deadline)
	assert.Empty(t, p.Risks[3].Remediations)

	// Parties: the assessor, and the organisation for R-4's anonymous
	// assessment; each characterization's actor is one of them.
	var parties []string
	ids := map[string]bool{}
	for _, pa := range p.Metadata.Parties {
		parties = append(parties, pa.Type+":"+pa.Name)
		ids[pa.UUID] = true
	}
	assert.Equal(t, []string{"organization:Organisation", "person:risk.manager"}, parties)
	for _, r := range p.Risks {
		for _, c := range r.Characterizations {
			assert.Equal(t, "party", c.Origin.Actors[0].Type)
			assert.True(t, ids[c.Origin.Actors[0].ActorUUID])
		}
	}
	// Every facet holds a level of the 5x5 preset (written out by hand).
	levels := map[string][]string{
		"likelihood": {"rare", "unlikely", "possible", "likely", "almost_certain"},
		"impact":     {"insignificant", "minor", "moderate", "major", "severe"},
		"level":      {"low", "medium", "high", "very_high"},
	}
	for _, r := range p.Risks {
		for _, c := range r.Characterizations {
			for _, f := range c.Facets {
				name, _, _ := strings.Cut(f.Name, ".")
				assert.Contains(t, levels[name], f.Value, "facet %s of %s", f.Name, r.Title)
				assert.Equal(t, ns, f.System)
			}
		}
	}
	require.Len(t, p.Items, 4)
	for i, it := range p.Items {
		assert.Equal(t, p.Risks[i].Title, it.Title)
		assert.Equal(t, p.Risks[i].UUID, it.RelatedRisks[0].RiskUUID)
	}
}

func TestExportPOAMIsDeterministic(t *testing.T) {
	rs := registerRisks()
	a, err := oscal.ExportPOAM(rs, risk.Preset5x5(), nil)
	require.NoError(t, err)
	slices.Reverse(rs)
	b, err := oscal.ExportPOAM(rs, risk.Preset5x5(), nil)
	require.NoError(t, err)
	assert.Equal(t, string(a), string(b), "the same risks in another order export the same bytes")
	c, err := oscal.ExportPOAM(rs, risk.Preset5x5(), &oscal.POAMOptions{ID: "acme-poam", MatrixNamespace: "https://acme.example/risk/matrix/v1"})
	require.NoError(t, err)
	var doc poamJSON
	require.NoError(t, json.Unmarshal(c, &doc))
	assert.Equal(t, "0491a3a5-7e5b-5c81-beaf-b41ef6b4eafa", doc.POAM.UUID)
	assert.Equal(t, "https://acme.example/risk/matrix/v1", doc.POAM.Risks[0].Characterizations[0].Facets[0].System)
}

func TestExportPOAMRefuses(t *testing.T) {
	m := risk.Preset5x5()
	other := risk.Preset3x3()
	bad := func(f func(rs []*risk.Risk) []*risk.Risk) []*risk.Risk { return f(registerRisks()) }
	for name, tc := range map[string]struct {
		risks []*risk.Risk
		m     *risk.Matrix
		opts  *oscal.POAMOptions
	}{
		"nil matrix":      {registerRisks(), nil, nil},
		"no risks":        {nil, m, nil},
		"nil risk":        {[]*risk.Risk{nil}, m, nil},
		"other matrix":    {registerRisks(), other, nil},
		"OSCAL 1.2.0":     {registerRisks(), m, &oscal.POAMOptions{Options: oscal.Options{Version: "1.2.0"}}},
		"relative ns":     {registerRisks(), m, &oscal.POAMOptions{MatrixNamespace: "matrix/v1"}},
		"padded title":    {registerRisks(), m, &oscal.POAMOptions{Title: " POA&M"}},
		"bad poam id":     {registerRisks(), m, &oscal.POAMOptions{ID: "a b"}},
		"no time":         {[]*risk.Risk{{Meta: isms.Meta{ID: "R-9"}, Title: "T", Status: risk.StatusOpen}}, m, nil},
		"duplicate id":    {bad(func(rs []*risk.Risk) []*risk.Risk { rs[1].ID = rs[0].ID; return rs }), m, nil},
		"no id":           {bad(func(rs []*risk.Risk) []*risk.Risk { rs[0].ID = ""; return rs }), m, nil},
		"invalid risk":    {bad(func(rs []*risk.Risk) []*risk.Risk { rs[0].Status = "mitigated"; return rs }), m, nil},
		"unknown level":   {bad(func(rs []*risk.Risk) []*risk.Risk { rs[1].Inherent.Level = "extreme"; return rs }), m, nil},
		"unknown impact":  {bad(func(rs []*risk.Risk) []*risk.Risk { rs[1].Inherent.Impacts[0].Impact = "huge"; return rs }), m, nil},
		"padded owner":    {bad(func(rs []*risk.Risk) []*risk.Risk { rs[1].Owner = "cio "; return rs }), m, nil},
		"due before 1900": {bad(func(rs []*risk.Risk) []*risk.Risk { rs[1].Treatment.Actions[0].Due = day(1850, 1, 1); return rs }), m, nil},
	} {
		_, err := oscal.ExportPOAM(tc.risks, tc.m, tc.opts)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
}

func TestMatrixNamespace(t *testing.T) {
	assert.Equal(t, "https://ismskit.github.io/ns/oscal/matrix/ismskit%205x5/1", oscal.MatrixNamespace(risk.Preset5x5()))
	assert.Equal(t, "https://ismskit.github.io/ns/oscal/matrix", oscal.MatrixNamespace(nil))
}
