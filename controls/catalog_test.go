package controls_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

func smallInfo() controls.CatalogInfo {
	return controls.CatalogInfo{ID: "demo", Title: "Demo", Version: "1"}
}

// nested is a catalog with two levels of groups, like the CSF.
func nested(t *testing.T) *controls.Catalog {
	t.Helper()
	c, err := controls.NewCatalog(smallInfo(),
		[]controls.Group{
			{ID: "F", Title: "Function"},
			{ID: "F.A", Title: "Category A", Parent: "F"},
			{ID: "F.B", Title: "Category B", Parent: "F"},
			{ID: "G", Title: "Other function"},
		},
		[]controls.Control{
			{ID: "F.A-1", Title: "one", Group: "F.A"},
			{ID: "F.B-1", Title: "two", Group: "F.B"},
			{ID: "G-1", Title: "three", Group: "G"},
			{ID: "X-1", Title: "ungrouped"},
		})
	require.NoError(t, err)
	return c
}

func TestNewCatalogLookups(t *testing.T) {
	c := nested(t)
	assert.Equal(t, 4, c.Len())
	assert.Equal(t, []isms.ID{"F.A-1", "F.B-1", "G-1", "X-1"}, c.IDs())
	ctl, ok := c.Control("F.B-1")
	require.True(t, ok)
	assert.Equal(t, "two", ctl.Title)
	assert.Equal(t, isms.NewRef(controls.KindControl, "F.B-1"), ctl.Ref())
	assert.Equal(t, -1, c.Index("nope"))
	assert.False(t, c.Has("F"), "group ids are not control ids")

	var ids []isms.ID
	for _, x := range c.ControlsInGroup("F") {
		ids = append(ids, x.ID)
	}
	assert.Equal(t, []isms.ID{"F.A-1", "F.B-1"}, ids, "a group holds its subgroups' controls")
	assert.Len(t, c.ControlsInGroup("F.A"), 1)
	assert.Nil(t, c.ControlsInGroup("nope"))

	var tops []isms.ID
	for _, g := range c.TopGroups() {
		tops = append(tops, g.ID)
	}
	assert.Equal(t, []isms.ID{"F", "G"}, tops)
	g, ok := c.TopGroupOf("F.B-1")
	require.True(t, ok)
	assert.Equal(t, isms.ID("F"), g.ID)
	_, ok = c.TopGroupOf("X-1")
	assert.False(t, ok)
}

func TestNilCatalog(t *testing.T) {
	var c *controls.Catalog
	assert.Equal(t, 0, c.Len())
	assert.False(t, c.Has("A.5.1"))
	assert.Nil(t, c.Controls())
	assert.Nil(t, c.Groups())
	assert.Equal(t, isms.ID(""), c.ID())
}

func TestNewCatalogInvalid(t *testing.T) {
	g := func(id, parent string) controls.Group {
		return controls.Group{ID: isms.ID(id), Title: "t", Parent: isms.ID(parent)}
	}
	ctl := func(id, group string) controls.Control {
		return controls.Control{ID: isms.ID(id), Title: "t", Group: isms.ID(group)}
	}
	for _, tc := range []struct {
		name     string
		info     controls.CatalogInfo
		groups   []controls.Group
		controls []controls.Control
		field    string
		code     string
	}{
		{"no id", controls.CatalogInfo{Title: "x"}, nil, nil, "id", isms.CodeMalformed},
		{"no title", controls.CatalogInfo{ID: "x"}, nil, nil, "title", isms.CodeRequired},
		{"duplicate group", smallInfo(), []controls.Group{g("A", ""), g("A", "")}, nil, "groups[1].id", isms.CodeDuplicate},
		{"parent listed later", smallInfo(), []controls.Group{g("A.1", "A"), g("A", "")}, nil, "groups[0].parent", isms.CodeUnknown},
		{"own parent", smallInfo(), []controls.Group{g("A", "A")}, nil, "groups[0].parent", isms.CodeForbidden},
		{"group without title", smallInfo(), []controls.Group{{ID: "A"}}, nil, "groups[0].title", isms.CodeRequired},
		{"duplicate control", smallInfo(), nil, []controls.Control{ctl("c", ""), ctl("c", "")}, "controls[1].id", isms.CodeDuplicate},
		{"control id is a group id", smallInfo(), []controls.Group{g("A", "")}, []controls.Control{ctl("A", "")}, "controls[0].id", isms.CodeDuplicate},
		{"unknown group", smallInfo(), nil, []controls.Control{ctl("c", "G")}, "controls[0].group", isms.CodeUnknown},
		{"space in id", smallInfo(), nil, []controls.Control{ctl("a b", "")}, "controls[0].id", isms.CodeMalformed},
		{"control without title", smallInfo(), nil, []controls.Control{{ID: "c"}}, "controls[0].title", isms.CodeRequired},
		{"empty property name", smallInfo(), nil, []controls.Control{{ID: "c", Title: "t", Props: map[string]string{"": "x"}}}, "controls[0].props", isms.CodeMalformed},
		{"unknown attribute", smallInfo(), nil, []controls.Control{{ID: "c", Title: "t", Attributes: controls.Attributes{
			ControlTypes: []controls.ControlType{"reactive"}}}}, "controls[0].attributes.control_types[0]", isms.CodeUnknown},
		{"repeated attribute", smallInfo(), nil, []controls.Control{{ID: "c", Title: "t", Attributes: controls.Attributes{
			SecurityDomains: []controls.SecurityDomain{controls.SecurityDomainDefence, controls.SecurityDomainDefence}}}},
			"controls[0].attributes.security_domains[1]", isms.CodeDuplicate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := controls.NewCatalog(tc.info, tc.groups, tc.controls)
			require.Error(t, err)
			assert.ErrorIs(t, err, isms.ErrInvalid)
			requireProblem(t, err, tc.field, tc.code)
		})
	}
}

func TestNewCatalogCopiesInput(t *testing.T) {
	props := map[string]string{"k": "v"}
	in := []controls.Control{{ID: "c", Title: "t", Props: props}}
	c, err := controls.NewCatalog(smallInfo(), nil, in)
	require.NoError(t, err)
	props["k"] = "changed"
	in[0].Title = "changed"
	got, _ := c.Control("c")
	assert.Equal(t, "t", got.Title)
	assert.Equal(t, "v", got.Prop("k"))
	got.Props["k"] = "mutated"
	again, _ := c.Control("c")
	assert.Equal(t, "v", again.Prop("k"))
}

func TestWithAttributes(t *testing.T) {
	base := controls.ISO27001_2022()
	attrs := controls.Attributes{
		ControlTypes:       []controls.ControlType{controls.ControlTypePreventive},
		SecurityProperties: []controls.SecurityProperty{controls.SecurityPropertyConfidentiality, controls.SecurityPropertyIntegrity},
	}
	c, err := base.WithAttributes(map[isms.ID]controls.Attributes{"A.8.24": attrs})
	require.NoError(t, err)
	got, _ := c.Control("A.8.24")
	assert.Equal(t, attrs, got.Attributes)
	orig, _ := base.Control("A.8.24")
	assert.True(t, orig.Attributes.IsZero(), "the built-in catalog is unchanged")

	_, err = base.WithAttributes(map[isms.ID]controls.Attributes{"A.9.9": attrs})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = base.WithAttributes(map[isms.ID]controls.Attributes{"A.5.1": {SecurityDomains: []controls.SecurityDomain{"offence"}}})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestAttributeEnums(t *testing.T) {
	assert.Equal(t, []controls.ControlType{"preventive", "detective", "corrective"}, controls.ControlTypeValues())
	assert.Equal(t, []controls.SecurityProperty{"confidentiality", "integrity", "availability"}, controls.SecurityPropertyValues())
	assert.Equal(t, []controls.CybersecurityConcept{"identify", "protect", "detect", "respond", "recover"}, controls.CybersecurityConceptValues())
	assert.Len(t, controls.OperationalCapabilityValues(), 15)
	assert.Equal(t, []controls.SecurityDomain{"governance_and_ecosystem", "protection", "defence", "resilience"}, controls.SecurityDomainValues())

	var a controls.Attributes
	err := json.Unmarshal([]byte(`{"control_types":["preventive"],"security_domains":["defence"]}`), &a)
	require.NoError(t, err)
	assert.True(t, a.ControlTypes[0].IsValid())
	err = json.Unmarshal([]byte(`{"cybersecurity_concepts":["prevent"]}`), &a)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.False(t, controls.OperationalCapability("x").IsValid())
	assert.True(t, controls.CapabilityContinuity.IsValid())
}

func TestCatalogJSONRoundTrip(t *testing.T) {
	c := nested(t)
	var buf bytes.Buffer
	require.NoError(t, controls.WriteCatalog(&buf, c))
	back, err := controls.ReadCatalog(&buf)
	require.NoError(t, err)
	assert.Equal(t, c.Info(), back.Info())
	assert.Equal(t, c.Groups(), back.Groups())
	assert.Equal(t, c.Controls(), back.Controls())

	// json.Marshal of a value and of a pointer agree.
	a, err := json.Marshal(c)
	require.NoError(t, err)
	b, err := json.Marshal(*c)
	require.NoError(t, err)
	assert.JSONEq(t, string(a), string(b))
}

func TestReadCatalogRejects(t *testing.T) {
	for name, in := range map[string]string{
		"unknown field":     `{"id":"x","title":"X","controls":[],"extra":1}`,
		"trailing data":     `{"id":"x","title":"X","controls":[]} {}`,
		"not JSON":          `id: x`,
		"invalid catalog":   `{"id":"x","title":"X","controls":[{"id":"a","title":"A","group":"nope"}]}`,
		"unknown attribute": `{"id":"x","title":"X","controls":[{"id":"a","title":"A","attributes":{"control_types":["x"]}}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := controls.ReadCatalog(strings.NewReader(in))
			require.Error(t, err)
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
	var c controls.Catalog
	require.Error(t, json.Unmarshal([]byte(`{"id":""}`), &c))
	assert.Equal(t, 0, c.Len(), "a failed decode leaves the catalog unchanged")
}

func TestReadCatalogError(t *testing.T) {
	_, err := controls.ReadCatalog(failingReader{})
	require.Error(t, err)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

func TestCompareIDs(t *testing.T) {
	for _, tc := range []struct {
		a, b isms.ID
		want int
	}{
		{"A.5.9", "A.5.10", -1},
		{"A.5.10", "A.5.9", 1},
		{"A.5.1", "A.5.1", 0},
		{"A.5", "A.5.1", -1},
		{"A.8.1", "A.10.1", -1},
		{"GV.OC-02", "GV.OC-10", -1},
		{"A.05", "A.5", -1}, // equal numerically: plain string order decides
		{"A.9", "A.x", -1},  // numbers sort before words
		{"B.1", "A.2", 1},
	} {
		assert.Equal(t, tc.want, controls.CompareIDs(tc.a, tc.b), "%s vs %s", tc.a, tc.b)
	}
	ids := []isms.ID{"A.8.10", "A.5.2", "A.8.9", "A.5.10", "A.6.1", "A.5.1"}
	slices.SortFunc(ids, controls.CompareIDs)
	assert.Equal(t, []isms.ID{"A.5.1", "A.5.2", "A.5.10", "A.6.1", "A.8.9", "A.8.10"}, ids)
}

// requireProblem checks that err is a *isms.ValidationError listing a
// problem with the field and code.
func requireProblem(t *testing.T, err error, field, code string) {
	t.Helper()
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has(field, code), "want %s/%s in %v", field, code, err)
}
