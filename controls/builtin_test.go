package controls_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/internal/catalogs"
	"github.com/ismskit/ismskit/isms"
)

// The expected values in this file are written out by hand from
// ../shared/reference (iso27001-2022-annexA.tsv, NIST_CSF_v2.0_catalog.json,
// map_csf2_to_iso27001_2022.tsv); none is computed by the code under test.

func TestISO27001_2022Counts(t *testing.T) {
	cat := controls.ISO27001_2022()
	require.Equal(t, 93, cat.Len())
	assert.Equal(t, controls.CatalogISO27001_2022, cat.ID())
	assert.Equal(t, "2022", cat.Info().Version)

	themes := []struct {
		id, title string
		count     int
		first     isms.ID
		last      isms.ID
	}{
		{"A.5", "Organizational", 37, "A.5.1", "A.5.37"},
		{"A.6", "People", 8, "A.6.1", "A.6.8"},
		{"A.7", "Physical", 14, "A.7.1", "A.7.14"},
		{"A.8", "Technological", 34, "A.8.1", "A.8.34"},
	}
	groups := cat.Groups()
	require.Len(t, groups, len(themes))
	for i, th := range themes {
		t.Run(th.title, func(t *testing.T) {
			assert.Equal(t, isms.ID(th.id), groups[i].ID)
			assert.Equal(t, th.title, groups[i].Title)
			assert.Empty(t, groups[i].Parent)
			in := cat.ControlsInGroup(isms.ID(th.id))
			require.Len(t, in, th.count)
			assert.Equal(t, th.first, in[0].ID)
			assert.Equal(t, th.last, in[len(in)-1].ID)
		})
	}
}

func TestISO27001_2022Titles(t *testing.T) {
	cat := controls.ISO27001_2022()
	for _, tc := range []struct{ id, title, group string }{
		{"A.5.1", "Policies for information security", "A.5"},
		{"A.5.7", "Threat intelligence", "A.5"},
		{"A.5.10", "Acceptable use of information and other associated assets", "A.5"},
		{"A.5.23", "Information security for use of cloud services", "A.5"},
		{"A.5.31", "Legal, statutory, regulatory and contractual requirements", "A.5"},
		{"A.5.37", "Documented operating procedures", "A.5"},
		{"A.6.3", "Information security awareness, education and training", "A.6"},
		{"A.6.7", "Remote working", "A.6"},
		{"A.7.4", "Physical security monitoring", "A.7"},
		{"A.7.14", "Secure disposal or re-use of equipment", "A.7"},
		{"A.8.1", "User end point devices", "A.8"},
		{"A.8.12", "Data leakage prevention", "A.8"},
		{"A.8.17", "Clock synchronization", "A.8"},
		{"A.8.30", "Outsourced development", "A.8"},
		{"A.8.34", "Protection of information systems during audit testing", "A.8"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			c, ok := cat.Control(isms.ID(tc.id))
			require.True(t, ok)
			assert.Equal(t, tc.title, c.Title)
			assert.Equal(t, isms.ID(tc.group), c.Group)
		})
	}
	_, ok := cat.Control("A.5.38")
	assert.False(t, ok, "Annex A:2022 has 37 organizational controls")
	_, ok = cat.Control("A.8.35")
	assert.False(t, ok)
	// Catalog order is the natural one: A.5.9 before A.5.10.
	assert.Less(t, cat.Index("A.5.9"), cat.Index("A.5.10"))
	assert.Equal(t, 0, cat.Index("A.5.1"))
	assert.Equal(t, 92, cat.Index("A.8.34"))
}

func TestISO27001_2022NewControls(t *testing.T) {
	want := []isms.ID{
		"A.5.7", "A.5.23", "A.5.30", "A.7.4", "A.8.9", "A.8.10",
		"A.8.11", "A.8.12", "A.8.16", "A.8.23", "A.8.28",
	}
	var got []isms.ID
	for _, c := range controls.ISO27001_2022().Filter(func(c controls.Control) bool {
		return c.Prop(controls.PropNewIn2022) == "true"
	}) {
		got = append(got, c.ID)
	}
	assert.Equal(t, want, got)
}

func TestISO27001_2022HasNoAttributesOrText(t *testing.T) {
	for _, c := range controls.ISO27001_2022().Controls() {
		assert.True(t, c.Attributes.IsZero(), c.ID)
		for k := range c.Props {
			assert.Equal(t, controls.PropNewIn2022, k, "only the new_in_2022 property is shipped")
		}
	}
}

func TestISO27001_2013To2022(t *testing.T) {
	m := controls.ISO27001_2013To2022()
	require.NoError(t, m.ValidateAgainst(nil, controls.ISO27001_2022()))
	assert.Equal(t, controls.CatalogISO27001_2013, m.SourceCatalog)
	assert.Equal(t, controls.CatalogISO27001_2022, m.TargetCatalog)
	assert.Len(t, m.Pairs, 115)
	sources := map[isms.ID]bool{}
	for _, p := range m.Pairs {
		sources[p.Source] = true
	}
	assert.Len(t, sources, 114, "ISO/IEC 27001:2013 Annex A has 114 controls")
	assert.NotEmpty(t, m.Provenance.Author)
	assert.NotEmpty(t, m.Provenance.Method)
	assert.Equal(t, "2022-02-15", m.Provenance.Date.Format("2006-01-02"))

	type src struct {
		id  isms.ID
		rel controls.Relationship
	}
	for _, tc := range []struct {
		target isms.ID
		want   []src
	}{
		{"A.5.1", []src{{"A.5.1.1", controls.RelSubsetOf}, {"A.5.1.2", controls.RelSubsetOf}}},
		{"A.5.2", []src{{"A.6.1.1", controls.RelEqual}}},
		{"A.5.7", nil},
		{"A.5.17", []src{{"A.9.2.4", controls.RelSubsetOf}, {"A.9.3.1", controls.RelSubsetOf}, {"A.9.4.3", controls.RelSubsetOf}}},
		{"A.5.36", []src{{"A.18.2.2", controls.RelSubsetOf}, {"A.18.2.3", controls.RelIntersectsWith}}},
		{"A.6.6", []src{{"A.13.2.4", controls.RelEqual}}},
		{"A.7.10", []src{{"A.8.3.1", controls.RelSubsetOf}, {"A.8.3.2", controls.RelSubsetOf}, {"A.8.3.3", controls.RelSubsetOf}, {"A.11.2.5", controls.RelSubsetOf}}},
		{"A.8.8", []src{{"A.12.6.1", controls.RelSubsetOf}, {"A.18.2.3", controls.RelIntersectsWith}}},
		{"A.8.28", nil},
		{"A.8.32", []src{{"A.12.1.2", controls.RelSubsetOf}, {"A.14.2.2", controls.RelSubsetOf}, {"A.14.2.3", controls.RelSubsetOf}, {"A.14.2.4", controls.RelSubsetOf}}},
		{"A.8.34", []src{{"A.12.7.1", controls.RelEqual}}},
	} {
		t.Run(string(tc.target), func(t *testing.T) {
			var got []src
			for _, p := range m.SourcesOf(tc.target) {
				got = append(got, src{p.Source, p.Relationship})
			}
			assert.Equal(t, tc.want, got)
		})
	}
	// 18.2.3 was split between A.5.36 and A.8.8.
	assert.Len(t, m.TargetsOf("A.18.2.3"), 2)
}

func TestNISTCSF2(t *testing.T) {
	cat := controls.NISTCSF2()
	assert.Equal(t, controls.CatalogNISTCSF2, cat.ID())
	assert.Equal(t, "NIST", cat.Info().Publisher)
	require.Equal(t, 106, cat.Len(), "active subcategories")
	require.Len(t, cat.Groups(), 6+22, "functions and active categories")

	for _, tc := range []struct {
		id, title  string
		categories []isms.ID
		subcats    int
	}{
		{"GV", "GOVERN", []isms.ID{"GV.OC", "GV.OV", "GV.PO", "GV.RM", "GV.RR", "GV.SC"}, 31},
		{"ID", "IDENTIFY", []isms.ID{"ID.AM", "ID.IM", "ID.RA"}, 21},
		{"PR", "PROTECT", []isms.ID{"PR.AA", "PR.AT", "PR.DS", "PR.IR", "PR.PS"}, 22},
		{"DE", "DETECT", []isms.ID{"DE.AE", "DE.CM"}, 11},
		{"RS", "RESPOND", []isms.ID{"RS.AN", "RS.CO", "RS.MA", "RS.MI"}, 13},
		{"RC", "RECOVER", []isms.ID{"RC.CO", "RC.RP"}, 8},
	} {
		t.Run(tc.id, func(t *testing.T) {
			g, ok := cat.Group(isms.ID(tc.id))
			require.True(t, ok)
			assert.Equal(t, tc.title, g.Title)
			var cats []isms.ID
			for _, sub := range cat.Groups() {
				if sub.Parent == isms.ID(tc.id) {
					cats = append(cats, sub.ID)
				}
			}
			assert.Equal(t, tc.categories, cats)
			assert.Len(t, cat.ControlsInGroup(isms.ID(tc.id)), tc.subcats)
		})
	}
	for _, tc := range []struct{ id, group, title string }{
		{"GV.OC-01", "GV.OC", "The organizational mission is understood and informs cybersecurity risk management"},
		{"PR.AA-01", "PR.AA", "Identities and credentials for authorized users, services, and hardware are managed by the organization"},
		{"DE.CM-09", "DE.CM", "Computing hardware and software, runtime environments, and their data are monitored to find potentially adverse events"},
	} {
		c, ok := cat.Control(isms.ID(tc.id))
		require.True(t, ok, tc.id)
		assert.Equal(t, isms.ID(tc.group), c.Group)
		assert.Equal(t, tc.title, c.Title)
	}
	g, ok := cat.TopGroupOf("RC.RP-01")
	require.True(t, ok)
	assert.Equal(t, isms.ID("RC"), g.ID)

	// Withdrawn: PR.AT-03 (incorporated into PR.AT-01/02), DE.AE-01, and
	// the whole of ID.BE, PR.AC, PR.IP, DE.DP.
	for _, id := range []isms.ID{"PR.AT-03", "DE.AE-01", "RS.AN-01", "ID.BE-01", "PR.AC-01", "PR.IP-01", "DE.DP-01"} {
		assert.False(t, cat.Has(id), id)
	}
	for _, id := range []isms.ID{"ID.BE", "ID.GV", "ID.RM", "ID.SC", "PR.AC", "PR.IP", "PR.MA", "PR.PT", "DE.DP", "RS.IM", "RS.RP", "RC.IM"} {
		_, ok := cat.Group(id)
		assert.False(t, ok, id)
	}
}

func TestNISTCSF2ToISO27001_2022(t *testing.T) {
	m := controls.NISTCSF2ToISO27001_2022()
	require.NoError(t, m.ValidateAgainst(controls.NISTCSF2(), controls.ISO27001_2022()))
	// 341 published pairs, of which 97 go to clauses 4-10: 244 remain.
	assert.Len(t, m.Pairs, 244)
	for _, p := range m.Pairs {
		assert.Equal(t, controls.RelIntersectsWith, p.Relationship)
	}
	targets := func(src isms.ID) []isms.ID {
		var out []isms.ID
		for _, p := range m.TargetsOf(src) {
			out = append(out, p.Target)
		}
		return out
	}
	assert.Equal(t, []isms.ID{"A.5.20", "A.5.31"}, targets("GV.OC-03"))
	assert.Equal(t, []isms.ID{"A.5.3"}, targets("GV.OC-05"))
	assert.Equal(t, []isms.ID{"A.5.15", "A.5.18", "A.8.2", "A.8.5"}, targets("PR.AA-01"))
	assert.Equal(t, []isms.ID{"A.8.16"}, targets("DE.CM-09"))
	assert.Empty(t, targets("GV.OC-01"), "GV.OC-01 maps to clauses only")
}

// TestEmbeddedFormat checks that the generator (which may not import this
// package) writes exactly the format WriteCatalog and WriteMapping write.
func TestEmbeddedFormat(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{catalogs.ISO27001_2022, func(b *bytes.Buffer) error { return controls.WriteCatalog(b, controls.ISO27001_2022()) }},
		{catalogs.NISTCSF2, func(b *bytes.Buffer) error { return controls.WriteCatalog(b, controls.NISTCSF2()) }},
		{catalogs.ISO27001_2013To2022, func(b *bytes.Buffer) error { return controls.WriteMapping(b, controls.ISO27001_2013To2022()) }},
		{catalogs.NISTCSF2ToISO27001_2022, func(b *bytes.Buffer) error {
			return controls.WriteMapping(b, controls.NISTCSF2ToISO27001_2022())
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := catalogs.ReadFile(tc.name)
			require.NoError(t, err)
			var got bytes.Buffer
			require.NoError(t, tc.write(&got))
			assert.Equal(t, string(want), got.String())
		})
	}
}

func TestBuiltinsAreNotShared(t *testing.T) {
	m := controls.ISO27001_2013To2022()
	m.Pairs[0].Relationship = controls.RelNoRelationship
	assert.Equal(t, controls.RelSubsetOf, controls.ISO27001_2013To2022().Pairs[0].Relationship)

	cs := controls.ISO27001_2022().Controls()
	cs[6].Props[controls.PropNewIn2022] = "false"
	c, _ := controls.ISO27001_2022().Control("A.5.7")
	assert.Equal(t, "true", c.Prop(controls.PropNewIn2022))
}

func TestBuiltinsConcurrentUse(t *testing.T) {
	s, sel := fullISOSoA()
	done := make(chan []isms.Finding)
	for range 8 {
		go func() {
			cat := controls.ISO27001_2022()
			_ = controls.NISTCSF2ToISO27001_2022().Inverse()
			done <- controls.CheckSoA(s, cat, validNow, &controls.SoACheckOptions{Selections: sel})
		}()
	}
	for range 8 {
		assert.Empty(t, <-done)
	}
}
