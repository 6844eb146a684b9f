package controls_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// Seeds stay small and compact (a few controls of a built-in catalog, not
// indented): the fuzzer minimises every new interesting input, which takes
// long on inputs of more than a few hundred bytes. The whole built-in files
// are round-tripped by TestEmbeddedFormat.

// smallSeed returns the first n controls of the group of a built-in
// catalog, with the group and its parent, as compact JSON.
func smallSeed(f *testing.F, from *controls.Catalog, group isms.ID, n int) []byte {
	var groups []controls.Group
	g, _ := from.Group(group)
	if g.Parent != "" {
		p, _ := from.Group(g.Parent)
		groups = append(groups, p)
	}
	groups = append(groups, g)
	info := controls.CatalogInfo{ID: from.ID(), Title: "seed", Version: from.Info().Version}
	c, err := controls.NewCatalog(info, groups, from.ControlsInGroup(group)[:n])
	require.NoError(f, err)
	b, err := json.Marshal(c)
	require.NoError(f, err)
	return b
}

// FuzzReadCatalog: any input is either rejected with ErrInvalid, or is a
// catalog whose JSON form reads back to an equal catalog and is a fixpoint
// of write-then-read, with lookups agreeing with the listing.
func FuzzReadCatalog(f *testing.F) {
	f.Add(smallSeed(f, controls.ISO27001_2022(), "A.5", 3))
	f.Add(smallSeed(f, controls.NISTCSF2(), "GV.OC", 1))
	f.Add([]byte(`{"id":"x","title":"X","groups":[{"id":"g","title":"G","props":{}}],"controls":[{"id":"a","title":"A","group":"g","props":{"k":"v"},"attributes":{"control_types":["preventive"],"security_domains":[]}}]}`))
	f.Add([]byte(`{"id":"x","title":"X","controls":null}`))
	f.Add([]byte(`{"id":"x","title":"X","groups":[{"id":"a","title":"A"},{"id":"b","title":"B","parent":"a"}],"controls":[{"id":"c","title":"C","group":"b"}]}`))
	f.Add([]byte(`{"id":"x","title":"X","controls":[{"id":"a","title":"A"},{"id":"a","title":"A"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := controls.ReadCatalog(bytes.NewReader(data))
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		var first bytes.Buffer
		require.NoError(t, controls.WriteCatalog(&first, c))
		back, err := controls.ReadCatalog(bytes.NewReader(first.Bytes()))
		require.NoError(t, err, "a valid catalog must read back: %s", first.String())
		assert.Equal(t, c.Info(), back.Info())
		assert.Equal(t, c.Groups(), back.Groups())
		assert.Equal(t, c.Controls(), back.Controls())
		var second bytes.Buffer
		require.NoError(t, controls.WriteCatalog(&second, back))
		assert.Equal(t, first.String(), second.String())

		for i, ctl := range c.Controls() {
			got, ok := c.Control(ctl.ID)
			require.True(t, ok)
			assert.Equal(t, ctl, got)
			assert.Equal(t, i, c.Index(ctl.ID))
			if ctl.Group != "" {
				_, ok := c.TopGroupOf(ctl.ID)
				assert.True(t, ok)
			}
		}
	})
}

// FuzzReadSoA: any input is either rejected with ErrInvalid, or is a
// structurally valid SoA that round-trips through JSON unchanged, whose
// findings are sorted, use documented codes, and are the same for the
// round-tripped SoA.
func FuzzReadSoA(f *testing.F) {
	seed := validSoA()
	seed.Entries = seed.Entries[1:3]
	b, err := json.Marshal(seed)
	require.NoError(f, err)
	f.Add(b)
	f.Add([]byte(`{"catalog_id":"demo","entries":[{"control_id":"C.1","applicability":"applicable","risks":[],"planned_date":"2026-06-30T00:00:00.123456789+01:00"}]}`))
	f.Add([]byte(`{"catalog_id":"demo","approved_by":"x","approved_at":"2030-01-01T00:00:00Z","entries":[{"control_id":"C.2","applicability":"not_applicable","implementation_status":"implemented"},{"control_id":"C.2","applicability":"inherited"}]}`))
	f.Add([]byte(`{"id":"s","catalog_id":"demo","scope_ref":{"kind":"scope","id":"S-1"},"entries":[{"control_id":"C.3","applicability":"inherited","inclusion_reasons":["contractual","contractual"]}]}`))
	cat := demoCatalog(f)
	known := map[string]isms.Severity{}
	for _, r := range controls.Rules() {
		known[r.Code] = r.Severity
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := controls.ReadSoA(bytes.NewReader(data))
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		require.NoError(t, s.Validate())
		var out bytes.Buffer
		require.NoError(t, controls.WriteSoA(&out, s))
		back, err := controls.ReadSoA(bytes.NewReader(out.Bytes()))
		require.NoError(t, err, "a valid SoA must read back: %s", out.String())
		assert.Equal(t, s, back)
		assert.True(t, controls.DiffSoA(s, back).IsEmpty())

		sel := []controls.Selection{{Control: "C.1", By: isms.NewRef("risk", "R-1")}}
		fs := controls.CheckSoA(s, cat, validNow, &controls.SoACheckOptions{Selections: sel})
		assert.Equal(t, fs, controls.CheckSoA(back, cat, validNow, &controls.SoACheckOptions{Selections: sel}))
		sorted := slices.Clone(fs)
		isms.SortFindings(sorted)
		assert.Equal(t, sorted, fs, "findings are sorted")
		for _, x := range fs {
			assert.Contains(t, known, x.Code)
			assert.Equal(t, known[x.Code], x.Severity, "the severity of %s is its rule's", x.Code)
			assert.NotEmpty(t, x.Message)
			assert.False(t, x.Subject.IsZero())
			assert.NotContains(t, []string{controls.CodeSoAMalformed, controls.CodeDuplicateEntry}, x.Code,
				"a structurally valid SoA has no structural findings")
		}
		// Exports never fail on a valid SoA.
		require.NoError(t, controls.WriteCSV(&bytes.Buffer{}, s, cat, nil))
		require.NoError(t, controls.WriteMarkdown(&bytes.Buffer{}, s, cat))
		sum := controls.Summarize(s, cat)
		assert.Equal(t, cat.Len(), sum.Total.Controls)
	})
}

// FuzzReadMapping: any input is either rejected with ErrInvalid, or is a
// valid mapping that round-trips, whose double inverse has the same pairs,
// and over which coverage inference succeeds with one item per target.
func FuzzReadMapping(f *testing.F) {
	trans := controls.ISO27001_2013To2022()
	trans.Pairs = trans.Pairs[:3]
	trans.Provenance = controls.Provenance{Author: "ISO", Method: "shape"}
	for _, m := range []*controls.Mapping{trans, demoMapping()} {
		b, err := json.Marshal(m)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"m","title":"M","source_catalog":"a","target_catalog":"b","provenance":{"author":"x","method":"y","date":"2020-01-01T00:00:00+05:00"},"pairs":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := controls.ReadMapping(bytes.NewReader(data))
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		var out bytes.Buffer
		require.NoError(t, controls.WriteMapping(&out, m))
		back, err := controls.ReadMapping(bytes.NewReader(out.Bytes()))
		require.NoError(t, err)
		assert.Equal(t, m, back)
		assert.Equal(t, m.Pairs, m.Inverse().Inverse().Pairs)

		st := map[isms.ID]controls.ImplementationStatus{}
		targets := map[isms.ID]bool{}
		for i, p := range m.Pairs {
			st[p.Source] = controls.ImplementationStatusValues()[i%5]
			if p.Relationship != controls.RelNoRelationship {
				targets[p.Target] = true
			}
		}
		rep, err := controls.InferCoverage(m, st, nil)
		require.NoError(t, err)
		assert.Len(t, rep.Items, len(targets))
		for _, it := range rep.Items {
			assert.True(t, it.Level.IsValid())
			assert.NotEmpty(t, it.Because)
		}
	})
}

// FuzzCompareIDs checks that CompareIDs is a total order: antisymmetric,
// zero only for equal ids, and transitive.
func FuzzCompareIDs(f *testing.F) {
	f.Add("A.5.9", "A.5.10", "A.5.09")
	f.Add("GV.OC-01", "GV.OC-1", "GV.OC")
	f.Add("9", "10", "5x")
	f.Add("", "0", "00")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		x, y, z := isms.ID(a), isms.ID(b), isms.ID(c)
		ab, ba := controls.CompareIDs(x, y), controls.CompareIDs(y, x)
		require.Equal(t, ab, -ba)
		require.Equal(t, a == b, ab == 0)
		ids := []isms.ID{x, y, z}
		slices.SortFunc(ids, controls.CompareIDs)
		require.LessOrEqual(t, controls.CompareIDs(ids[0], ids[1]), 0)
		require.LessOrEqual(t, controls.CompareIDs(ids[1], ids[2]), 0)
		require.LessOrEqual(t, controls.CompareIDs(ids[0], ids[2]), 0, "transitive: %q", ids)
	})
}
