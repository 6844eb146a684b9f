package oscal_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
)

var modified = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

func readNIST(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "nist", name))
	require.NoError(t, err)
	return b
}

// counts of a controls.Catalog imported from OSCAL: groups, top-level
// controls, nested controls (enhancements), and withdrawn items.
type counts struct{ groups, controls, enhancements, withdrawn int }

func countCatalog(c *controls.Catalog) counts {
	n := counts{groups: len(c.Groups())}
	for _, ctl := range c.Controls() {
		if ctl.Prop(oscal.PropParent) == "" {
			n.controls++
		} else {
			n.enhancements++
		}
		if ctl.Prop(oscal.PropStatus) == oscal.StatusWithdrawn {
			n.withdrawn++
		}
	}
	return n
}

// TestImportNISTCatalogs imports NIST's own OSCAL catalogs. The expected
// counts were taken independently of this package, by a Python walk over
// the source JSON (groups recursively; controls directly under a group;
// controls nested in a control; controls whose status prop is
// "withdrawn"):
//
//	SP 800-53 rev5: 20 groups; 322 controls (24 withdrawn); 867 enhancements
//	  (158 withdrawn): 1189 in all, 182 withdrawn, 1007 active.
//	CSF 2.0: 6 groups (functions); 34 categories (12 withdrawn); 185
//	  subcategories (79 withdrawn): 219 in all, 91 withdrawn, 128 active
//	  (22 categories and 106 subcategories, the figures of the CSF).
func TestImportNISTCatalogs(t *testing.T) {
	for _, tc := range []struct {
		file           string
		all, active    counts
		firstID        isms.ID
		firstTitle     string
		withdrawnChild bool
	}{
		{
			file:       "NIST_SP-800-53_rev5_catalog.json",
			all:        counts{groups: 20, controls: 322, enhancements: 867, withdrawn: 182},
			active:     counts{groups: 20, controls: 298, enhancements: 709},
			firstID:    "ac-1",
			firstTitle: "Policy and Procedures",
		},
		{
			file:       "NIST_CSF_v2.0_catalog.json",
			all:        counts{groups: 6, controls: 34, enhancements: 185, withdrawn: 91},
			active:     counts{groups: 6, controls: 22, enhancements: 106},
			firstID:    "GV.OC",
			firstTitle: "Organizational Context",
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data := readNIST(t, tc.file)
			all, err := oscal.ImportCatalog(data, &oscal.ImportOptions{IncludeWithdrawn: true})
			require.NoError(t, err)
			assert.Equal(t, tc.all, countCatalog(all))
			active, err := oscal.ImportCatalog(data, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.active, countCatalog(active))
			ctl, ok := active.Control(tc.firstID)
			require.True(t, ok)
			assert.Equal(t, tc.firstTitle, ctl.Title)
			assert.Equal(t, all.Len()-tc.all.withdrawn, active.Len())

			// Import → export → import gives the same catalog, and the
			// export passes NIST's schemas in both versions.
			for _, v := range oscal.VersionValues() {
				out, err := oscal.ExportCatalog(active, &oscal.Options{Version: v, LastModified: modified})
				require.NoError(t, err)
				requireValidOSCAL(t, string(v), "catalog", out)
				back, err := oscal.ImportCatalog(out, nil)
				require.NoError(t, err)
				assert.Equal(t, active, back)
			}
		})
	}
}

// TestCSFImportMatchesBuiltIn compares the import of NIST's CSF 2.0 OSCAL
// catalog with the SDK's built-in CSF catalog, which internal/gencatalogs
// derives from the same file by another route (categories as groups): the
// same 22 categories under the same functions, and the same 106
// subcategories in each.
func TestCSFImportMatchesBuiltIn(t *testing.T) {
	imp, err := oscal.ImportCatalog(readNIST(t, "NIST_CSF_v2.0_catalog.json"), nil)
	require.NoError(t, err)
	builtin := controls.NISTCSF2()
	var subs, cats []isms.ID
	catOf := map[isms.ID]isms.ID{}
	for _, c := range imp.Controls() {
		if p := c.Prop(oscal.PropParent); p != "" {
			subs = append(subs, c.ID)
			catOf[c.ID] = isms.ID(p)
		} else {
			cats = append(cats, c.ID)
			g, ok := builtin.Group(c.ID)
			require.True(t, ok, "category %s is a group of the built-in catalog", c.ID)
			assert.Equal(t, g.Parent, c.Group, "category %s is in function %s", c.ID, g.Parent)
			assert.Equal(t, g.Title, c.Title)
		}
	}
	assert.Len(t, cats, 22)
	assert.Equal(t, builtin.IDs(), subs)
	for _, c := range builtin.Controls() {
		assert.Equal(t, c.Group, catOf[c.ID], "subcategory %s", c.ID)
	}
}

func TestSP80053Details(t *testing.T) {
	c, err := oscal.ImportCatalog(readNIST(t, "NIST_SP-800-53_rev5_catalog.json"), nil)
	require.NoError(t, err)
	// AC-2(1) "Automated System Account Management" is nested in AC-2, in
	// the Access Control family (SP 800-53 rev5, page 19).
	e, ok := c.Control("ac-2.1")
	require.True(t, ok)
	assert.Equal(t, "Automated System Account Management", e.Title)
	assert.Equal(t, "ac-2", e.Prop(oscal.PropParent))
	assert.Equal(t, isms.ID("ac"), e.Group)
	assert.Equal(t, "SP800-53-enhancement", e.Prop(oscal.PropClass))
	assert.Equal(t, "AC-2(1)", e.Prop("label"))
	g, ok := c.Group("ac")
	require.True(t, ok)
	assert.Equal(t, "Access Control", g.Title)
	// AC-2(10) is withdrawn (incorporated into AC-2k).
	assert.False(t, c.Has("ac-2.10"))
	assert.Equal(t, "NIST Special Publication 800-53 Revision 5: Security and Privacy Controls for Federal Information Systems and Organizations", c.Info().Title)
	assert.Equal(t, "5.0.1", c.Info().Version)
}

// TestCatalogRoundTrip exports the built-in catalogs, checks them against
// NIST's schemas and imports them back equal.
func TestCatalogRoundTrip(t *testing.T) {
	attrs, err := controls.ISO27001_2022().WithAttributes(map[isms.ID]controls.Attributes{
		"A.5.1": {ControlTypes: []controls.ControlType{controls.ControlTypePreventive},
			SecurityProperties: []controls.SecurityProperty{controls.SecurityPropertyConfidentiality, controls.SecurityPropertyIntegrity}},
	})
	require.NoError(t, err)
	custom, err := controls.NewCatalog(controls.CatalogInfo{ID: "custom", Title: "Custom"},
		[]controls.Group{{ID: "g1", Title: "G1", Props: map[string]string{"class": "theme", "{https://example.com/ns}x": "1"}}, {ID: "g1.a", Title: "Sub", Parent: "g1"}},
		[]controls.Control{
			{ID: "c1", Title: "One", Group: "g1", Props: map[string]string{"label": "C-1", "owner_hint": "ciso"}},
			{ID: "c1.1", Title: "One dot one", Group: "g1", Props: map[string]string{oscal.PropParent: "c1"}},
			{ID: "c2", Title: "Two", Group: "g1.a", Props: map[string]string{oscal.PropParent: "c1"}},
			{ID: "top", Title: "Ungrouped"},
		})
	require.NoError(t, err)
	for _, cat := range []*controls.Catalog{controls.ISO27001_2022(), controls.NISTCSF2(), attrs, custom} {
		for _, v := range oscal.VersionValues() {
			t.Run(string(cat.ID())+"/"+string(v), func(t *testing.T) {
				out, err := oscal.ExportCatalog(cat, &oscal.Options{Version: v, LastModified: modified, Indent: true})
				if cat == custom && v == oscal.Version1_2_1 {
					// Group g1 holds both a subgroup and controls, which
					// the OSCAL 1.2.1 JSON schema does not allow.
					require.ErrorIs(t, err, isms.ErrInvalid)
					return
				}
				require.NoError(t, err)
				requireValidOSCAL(t, string(v), "catalog", out)
				again, err := oscal.ExportCatalog(cat, &oscal.Options{Version: v, LastModified: modified, Indent: true})
				require.NoError(t, err)
				assert.Equal(t, out, again, "deterministic")
				back, err := oscal.ImportCatalog(out, nil)
				require.NoError(t, err)
				assert.Equal(t, cat, back)
			})
		}
	}
}

func TestExportCatalogShape(t *testing.T) {
	out, err := oscal.ExportCatalog(controls.ISO27001_2022(), &oscal.Options{LastModified: modified})
	require.NoError(t, err)
	var doc struct {
		Catalog struct {
			UUID     string `json:"uuid"`
			Metadata struct {
				LastModified string `json:"last-modified"`
				OSCALVersion string `json:"oscal-version"`
			} `json:"metadata"`
			Groups []struct {
				ID       string `json:"id"`
				Title    string `json:"title"`
				Controls []struct {
					ID    string           `json:"id"`
					Parts []map[string]any `json:"parts"`
				} `json:"controls"`
			} `json:"groups"`
		} `json:"catalog"`
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	assert.Equal(t, "1.1.3", doc.Catalog.Metadata.OSCALVersion)
	assert.Equal(t, "2026-03-01T09:30:00Z", doc.Catalog.Metadata.LastModified)
	// Groups = the four themes of Annex A: 37 + 8 + 14 + 34 = 93 controls.
	require.Len(t, doc.Catalog.Groups, 4)
	n := 0
	for i, want := range []struct {
		id    string
		count int
	}{{"A.5", 37}, {"A.6", 8}, {"A.7", 14}, {"A.8", 34}} {
		assert.Equal(t, want.id, doc.Catalog.Groups[i].ID)
		assert.Len(t, doc.Catalog.Groups[i].Controls, want.count)
		for _, c := range doc.Catalog.Groups[i].Controls {
			assert.Empty(t, c.Parts, "titles only: no control text")
			n++
		}
	}
	assert.Equal(t, 93, n)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, doc.Catalog.UUID)
}

func nistFile(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "nist", name))
}

// TestUUIDsAreVersion5OfSDKIds checks the UUID scheme against Python's
// uuid module: uuid5(uuid5(NAMESPACE_URL, Namespace), "catalog\x00<id>").
//
//	>>> sp = uuid.uuid5(uuid.NAMESPACE_URL, 'https://ismskit.github.io/ns/oscal')
//	>>> uuid.uuid5(sp, 'catalog\x00iso27001-2022')
//	UUID('9e0f19b4-de45-5550-b64b-2c9486e18f01')
func TestUUIDsAreVersion5OfSDKIds(t *testing.T) {
	assert.Equal(t, sdkNS, oscal.Namespace)
	out, err := oscal.ExportCatalog(controls.ISO27001_2022(), &oscal.Options{LastModified: modified})
	require.NoError(t, err)
	var doc struct {
		Catalog struct {
			UUID string `json:"uuid"`
		} `json:"catalog"`
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	assert.Equal(t, "9e0f19b4-de45-5550-b64b-2c9486e18f01", doc.Catalog.UUID)
}
