package controls_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// coverageFixture is a hand-worked case: each target exercises one rule.
func coverageFixture(t *testing.T) (*controls.Mapping, map[isms.ID]controls.ImplementationStatus, *controls.Catalog) {
	t.Helper()
	p := func(s, tg string, r controls.Relationship) controls.Pair {
		return controls.Pair{Source: isms.ID(s), Target: isms.ID(tg), Relationship: r}
	}
	m := &controls.Mapping{
		ID: "m", Title: "M", SourceCatalog: "src", TargetCatalog: "dst",
		Provenance: controls.Provenance{Author: "a", Method: "b"},
		Pairs: []controls.Pair{
			p("s1", "T1", controls.RelEqual),
			p("s2", "T2", controls.RelSupersetOf),
			p("s3", "T3", controls.RelSubsetOf),
			p("s4", "T4", controls.RelIntersectsWith),
			p("s5", "T5", controls.RelNoRelationship),
			p("s6", "T6", controls.RelEqual),
			p("s7", "T6", controls.RelSubsetOf),
			p("s8", "T7", controls.RelEqual),
			p("s9", "T8", controls.RelEqual),
			p("s10", "T9", controls.RelEqual),
			p("s11", "T10", controls.RelSubsetOf),
			p("s12", "T10", controls.RelSupersetOf),
			p("s13", "T11", controls.RelEqual),
			p("s14", "T11", controls.RelSubsetOf),
		},
	}
	st := map[isms.ID]controls.ImplementationStatus{
		"s1": controls.StatusImplemented, "s2": controls.StatusImplemented, "s3": controls.StatusImplemented,
		"s4": controls.StatusImplemented, "s5": controls.StatusImplemented, "s6": controls.StatusPlanned,
		"s7": controls.StatusImplemented, "s8": controls.StatusNotApplicable, "s10": controls.StatusPartial,
		"s11": controls.StatusAlternative, "s12": controls.StatusAlternative, "s13": controls.StatusNotApplicable,
		"s14": controls.StatusPlanned,
	}
	var cs []controls.Control
	for _, id := range []string{"T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"} {
		cs = append(cs, controls.Control{ID: isms.ID(id), Title: id})
	}
	cat, err := controls.NewCatalog(controls.CatalogInfo{ID: "dst", Title: "D"}, nil, cs)
	require.NoError(t, err)
	return m, st, cat
}

func TestInferCoverageRules(t *testing.T) {
	m, st, cat := coverageFixture(t)
	rep, err := controls.InferCoverage(m, st, &controls.CoverageOptions{Target: cat})
	require.NoError(t, err)
	assert.Equal(t, isms.ID("m"), rep.Mapping)
	want := []struct {
		id    isms.ID
		level controls.CoverageLevel
		why   string
	}{
		{"T1", controls.CoverageFull, "implemented and equal"},
		{"T2", controls.CoverageFull, "implemented and superset"},
		{"T3", controls.CoveragePartial, "implemented but subset"},
		{"T4", controls.CoveragePartial, "implemented but intersecting"},
		{"T5", controls.CoverageUnmapped, "no_relationship does not map"},
		{"T6", controls.CoveragePartial, "best of none (planned equal) and partial (implemented subset)"},
		{"T7", controls.CoverageNotApplicable, "the only source is not applicable"},
		{"T8", controls.CoverageNone, "the source is not assessed"},
		{"T9", controls.CoveragePartial, "a partial source gives partial even when equal"},
		{"T10", controls.CoverageFull, "alternative counts as implemented; the superset gives full"},
		{"T11", controls.CoverageNone, "one not applicable, one planned"},
		{"T12", controls.CoverageUnmapped, "in the catalog, in no pair"},
	}
	require.Len(t, rep.Items, len(want))
	for i, w := range want {
		assert.Equal(t, w.id, rep.Items[i].Control)
		assert.Equal(t, w.level, rep.Items[i].Level, "%s: %s", w.id, w.why)
	}
	// Explanations: T6 lists both pairs in mapping order with contributions.
	t6, ok := rep.Item("T6")
	require.True(t, ok)
	assert.Equal(t, []controls.CoverageReason{
		{Source: "s6", Relationship: controls.RelEqual, Status: controls.StatusPlanned, Contribution: controls.CoverageNone},
		{Source: "s7", Relationship: controls.RelSubsetOf, Status: controls.StatusImplemented, Contribution: controls.CoveragePartial},
	}, t6.Because)
	t8, _ := rep.Item("T8")
	assert.Equal(t, []controls.CoverageReason{{Source: "s9", Relationship: controls.RelEqual, Contribution: controls.CoverageNone}}, t8.Because)
	t5, _ := rep.Item("T5")
	assert.Empty(t, t5.Because)

	assert.Equal(t, 3, rep.Count(controls.CoverageFull))
	assert.Equal(t, 4, rep.Count(controls.CoveragePartial))
	assert.Equal(t, 2, rep.Count(controls.CoverageNone))
	assert.Equal(t, 1, rep.Count(controls.CoverageNotApplicable))
	assert.Equal(t, 2, rep.Count(controls.CoverageUnmapped))
}

func TestInferCoverageWithoutTarget(t *testing.T) {
	m, st, _ := coverageFixture(t)
	rep, err := controls.InferCoverage(m, st, nil)
	require.NoError(t, err)
	var ids []isms.ID
	for _, it := range rep.Items {
		ids = append(ids, it.Control)
	}
	// Only targets reached by a relationship, in CompareIDs order (T10
	// after T9); T5 (no_relationship only) and T12 (no pair) are absent.
	assert.Equal(t, []isms.ID{"T1", "T2", "T3", "T4", "T6", "T7", "T8", "T9", "T10", "T11"}, ids)
}

func TestInferCoverageErrors(t *testing.T) {
	m, st, cat := coverageFixture(t)
	_, err := controls.InferCoverage(nil, st, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	bad := m.Clone()
	bad.Pairs[0].Relationship = "close"
	_, err = controls.InferCoverage(bad, st, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	_, err = controls.InferCoverage(m, map[isms.ID]controls.ImplementationStatus{"s1": "done"}, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	_, err = controls.InferCoverage(m.Inverse(), st, &controls.CoverageOptions{Target: cat})
	assert.ErrorIs(t, err, isms.ErrInvalid, "the inverse targets src, not dst")
}

func TestInferCoverageTransition(t *testing.T) {
	// A 2013 implementation carried to 2022 through the transition mapping.
	st := map[isms.ID]controls.ImplementationStatus{
		"A.6.1.1":  controls.StatusImplemented, // -> A.5.2, equal
		"A.5.1.1":  controls.StatusImplemented, // -> A.5.1, subset (merged)
		"A.5.1.2":  controls.StatusImplemented,
		"A.18.2.3": controls.StatusImplemented, // -> A.8.8 and A.5.36, intersects
	}
	rep, err := controls.InferCoverage(controls.ISO27001_2013To2022(), st,
		&controls.CoverageOptions{Target: controls.ISO27001_2022()})
	require.NoError(t, err)
	require.Len(t, rep.Items, 93)
	level := func(id isms.ID) controls.CoverageLevel {
		it, ok := rep.Item(id)
		require.True(t, ok, id)
		return it.Level
	}
	assert.Equal(t, controls.CoverageFull, level("A.5.2"))
	assert.Equal(t, controls.CoveragePartial, level("A.5.1"))
	assert.Equal(t, controls.CoveragePartial, level("A.8.8"))
	assert.Equal(t, controls.CoveragePartial, level("A.5.36"))
	assert.Equal(t, controls.CoverageNone, level("A.5.3"), "mapped from A.6.1.2, not assessed")
	assert.Equal(t, controls.CoverageUnmapped, level("A.5.7"), "new in 2022")
	assert.Equal(t, 11, rep.Count(controls.CoverageUnmapped), "the 11 new controls")
}

func TestInferCoverageFromSoAToCSF(t *testing.T) {
	soa := controls.NewSoA(controls.ISO27001_2022())
	e := soa.Entry("A.8.16")
	e.Applicability, e.Status = controls.Applicable, controls.StatusImplemented
	rep, err := controls.InferCoverage(controls.NISTCSF2ToISO27001_2022().Inverse(), soa.Statuses(),
		&controls.CoverageOptions{Target: controls.NISTCSF2()})
	require.NoError(t, err)
	require.Len(t, rep.Items, 106)
	it, _ := rep.Item("DE.CM-09") // maps to A.8.16 only, intersects_with
	assert.Equal(t, controls.CoveragePartial, it.Level)
	assert.Equal(t, []controls.CoverageReason{{Source: "A.8.16", Relationship: controls.RelIntersectsWith,
		Status: controls.StatusImplemented, Contribution: controls.CoveragePartial}}, it.Because)
	it, _ = rep.Item("GV.OC-01") // maps to clauses only, left out
	assert.Equal(t, controls.CoverageUnmapped, it.Level)
}

func TestCoverageLevelEnum(t *testing.T) {
	assert.Equal(t, []controls.CoverageLevel{"full", "partial", "none", "not_applicable", "unmapped"}, controls.CoverageLevelValues())
	var l controls.CoverageLevel
	require.NoError(t, l.UnmarshalText([]byte("full")))
	assert.True(t, l.IsValid())
	assert.ErrorIs(t, l.UnmarshalText([]byte("most")), isms.ErrInvalid)
}
