package controls_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

func demoMapping() *controls.Mapping {
	return &controls.Mapping{
		ID:            "src-to-dst",
		Title:         "Source to destination",
		SourceCatalog: "src",
		TargetCatalog: "dst",
		Provenance:    controls.Provenance{Author: "tester", Method: "by hand", Date: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)},
		Pairs: []controls.Pair{
			{Source: "s1", Target: "t1", Relationship: controls.RelEqual},
			{Source: "s2", Target: "t1", Relationship: controls.RelSubsetOf},
			{Source: "s3", Target: "t2", Relationship: controls.RelSupersetOf, Notes: "s3 is broader"},
		},
	}
}

func TestMappingValidate(t *testing.T) {
	require.NoError(t, demoMapping().Validate())
	for _, tc := range []struct {
		name   string
		change func(*controls.Mapping)
		field  string
		code   string
	}{
		{"no id", func(m *controls.Mapping) { m.ID = "" }, "id", isms.CodeMalformed},
		{"no title", func(m *controls.Mapping) { m.Title = "" }, "title", isms.CodeRequired},
		{"no source catalog", func(m *controls.Mapping) { m.SourceCatalog = "" }, "source_catalog", isms.CodeMalformed},
		{"no target catalog", func(m *controls.Mapping) { m.TargetCatalog = "" }, "target_catalog", isms.CodeMalformed},
		{"no author", func(m *controls.Mapping) { m.Provenance.Author = "" }, "provenance.author", isms.CodeRequired},
		{"no method", func(m *controls.Mapping) { m.Provenance.Method = "" }, "provenance.method", isms.CodeRequired},
		{"bad source", func(m *controls.Mapping) { m.Pairs[1].Source = "a b" }, "pairs[1].source", isms.CodeMalformed},
		{"bad target", func(m *controls.Mapping) { m.Pairs[2].Target = "" }, "pairs[2].target", isms.CodeMalformed},
		{"no relationship", func(m *controls.Mapping) { m.Pairs[0].Relationship = "" }, "pairs[0].relationship", isms.CodeRequired},
		{"unknown relationship", func(m *controls.Mapping) { m.Pairs[0].Relationship = "related" }, "pairs[0].relationship", isms.CodeUnknown},
		{"repeated pair", func(m *controls.Mapping) { m.Pairs[1].Source = "s1" }, "pairs[1]", isms.CodeDuplicate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := demoMapping()
			tc.change(m)
			err := m.Validate()
			require.ErrorIs(t, err, isms.ErrInvalid)
			requireProblem(t, err, tc.field, tc.code)
		})
	}
}

func TestMappingValidateAgainst(t *testing.T) {
	src, err := controls.NewCatalog(controls.CatalogInfo{ID: "src", Title: "S"}, nil,
		[]controls.Control{{ID: "s1", Title: "1"}, {ID: "s2", Title: "2"}})
	require.NoError(t, err)
	dst, err := controls.NewCatalog(controls.CatalogInfo{ID: "dst", Title: "D"}, nil,
		[]controls.Control{{ID: "t1", Title: "1"}, {ID: "t2", Title: "2"}})
	require.NoError(t, err)
	m := demoMapping()
	err = m.ValidateAgainst(src, dst)
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("pairs[2].source", isms.CodeUnknown), "s3 is not in src: %v", err)
	assert.Len(t, ve.Problems, 1)

	m.Pairs = m.Pairs[:2]
	assert.NoError(t, m.ValidateAgainst(src, dst))
	assert.NoError(t, m.ValidateAgainst(nil, nil))
	err = m.ValidateAgainst(dst, src)
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("source_catalog", isms.CodeUnknown))
	assert.True(t, ve.Has("target_catalog", isms.CodeUnknown))
}

func TestMappingInverse(t *testing.T) {
	m := demoMapping()
	inv := m.Inverse()
	assert.Equal(t, isms.ID("src-to-dst.inverse"), inv.ID)
	assert.Equal(t, isms.ID("dst"), inv.SourceCatalog)
	assert.Equal(t, isms.ID("src"), inv.TargetCatalog)
	assert.Equal(t, []controls.Pair{
		{Source: "t1", Target: "s1", Relationship: controls.RelEqual},
		{Source: "t1", Target: "s2", Relationship: controls.RelSupersetOf},
		{Source: "t2", Target: "s3", Relationship: controls.RelSubsetOf, Notes: "s3 is broader"},
	}, inv.Pairs)
	assert.Contains(t, inv.Provenance.Method, "Inverted")
	assert.Equal(t, m.Pairs, inv.Inverse().Pairs)
	require.NoError(t, inv.Validate())

	for _, tc := range []struct{ in, want controls.Relationship }{
		{controls.RelEqual, controls.RelEqual},
		{controls.RelSubsetOf, controls.RelSupersetOf},
		{controls.RelSupersetOf, controls.RelSubsetOf},
		{controls.RelIntersectsWith, controls.RelIntersectsWith},
		{controls.RelNoRelationship, controls.RelNoRelationship},
	} {
		assert.Equal(t, tc.want, tc.in.Inverse(), tc.in)
	}
}

func TestMappingLookups(t *testing.T) {
	m := demoMapping()
	assert.Len(t, m.SourcesOf("t1"), 2)
	assert.Len(t, m.TargetsOf("s3"), 1)
	assert.Empty(t, m.TargetsOf("zz"))
	c := m.Clone()
	c.Pairs[0].Source = "changed"
	assert.Equal(t, isms.ID("s1"), m.Pairs[0].Source)
	var nilMapping *controls.Mapping
	assert.Nil(t, nilMapping.Clone())
}

func TestMappingJSON(t *testing.T) {
	m := demoMapping()
	var buf bytes.Buffer
	require.NoError(t, controls.WriteMapping(&buf, m))
	assert.Contains(t, buf.String(), `"relationship": "subset_of"`)
	assert.Contains(t, buf.String(), `"date": "2025-01-02T00:00:00Z"`)
	back, err := controls.ReadMapping(&buf)
	require.NoError(t, err)
	assert.Equal(t, m, back)

	for name, in := range map[string]string{
		"unknown relationship": `{"id":"m","title":"M","source_catalog":"a","target_catalog":"b","provenance":{"author":"x","method":"y"},"pairs":[{"source":"1","target":"2","relationship":"similar"}]}`,
		"unknown field":        `{"id":"m","title":"M","source_catalog":"a","target_catalog":"b","provenance":{"author":"x","method":"y"},"owner":"me"}`,
		"no provenance":        `{"id":"m","title":"M","source_catalog":"a","target_catalog":"b"}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := controls.ReadMapping(strings.NewReader(in))
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
	assert.Len(t, controls.RelationshipValues(), 5)
}
