package oscal_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
)

// Small seeds keep each fuzz input well under a millisecond.
const (
	seedCatalog = `{"catalog":{"uuid":"9e0f19b4-de45-5550-b64b-2c9486e18f01","metadata":{"title":"T","last-modified":"2026-03-01T09:30:00Z","version":"1","oscal-version":"1.1.3"},
"groups":[{"id":"g","title":"G","controls":[{"id":"c1","title":"C1","props":[{"name":"label","value":"C-1"}],"controls":[{"id":"c1.1","title":"E","props":[{"name":"status","value":"withdrawn"}]}]}]}]}}`
	seedSSP = `{"system-security-plan":{"uuid":"9da04e2b-ef55-5d70-b327-aeed77610571","metadata":{"title":"S","last-modified":"2026-03-01T09:30:00Z","version":"1","oscal-version":"1.1.3",
"props":[{"name":"catalog_id","ns":"https://ismskit.github.io/ns/oscal","value":"iso27001-2022"}]},
"system-characteristics":{"system-ids":[{"id":"soa-1"}],"system-name":"S","description":"scope"},
"control-implementation":{"description":"d","implemented-requirements":[{"uuid":"9da04e2b-ef55-5d70-b327-aeed77610572","control-id":"A.5.1",
"props":[{"name":"applicability","ns":"https://ismskit.github.io/ns/oscal","value":"applicable"}],
"by-components":[{"component-uuid":"x","uuid":"y","description":"d","implementation-status":{"state":"planned"}}]}]}}}`
	seedMapping = `{"mapping-collection":{"uuid":"u","metadata":{"title":"M","last-modified":"2026-03-01T09:30:00Z","version":"1","oscal-version":"1.2.1"},
"provenance":{"method":"human","matching-rationale":"semantic","status":"complete","mapping-description":"how"},
"mappings":[{"uuid":"m","source-resource":{"type":"catalog","href":"#a"},"target-resource":{"type":"catalog","href":"#b"},
"maps":[{"uuid":"x","relationship":"subset-of","sources":[{"type":"control","id-ref":"s"}],"targets":[{"type":"control","id-ref":"t"}]}]}],
"back-matter":{"resources":[{"uuid":"a","title":"cat-a"},{"uuid":"b","title":"cat-b"}]}}}`
)

var fuzzModified = oscal.Options{LastModified: modified}

// FuzzImportCatalog: an input is refused with ErrInvalid or gives a valid
// catalog, which exports (when its ids are tokens) and imports back equal.
func FuzzImportCatalog(f *testing.F) {
	f.Add([]byte(seedCatalog))
	f.Add([]byte(`{"catalog":{"uuid":"u","metadata":{"title":"T"},"controls":[{"id":"a","title":"A"}]}}`))
	f.Add([]byte(`{"catalog":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := oscal.ImportCatalog(data, &oscal.ImportOptions{IncludeWithdrawn: true})
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		out, err := oscal.ExportCatalog(c, &fuzzModified)
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		back, err := oscal.ImportCatalog(out, &oscal.ImportOptions{IncludeWithdrawn: true})
		require.NoError(t, err)
		require.Equal(t, c.IDs(), back.IDs())
	})
}

// FuzzImportSSP: an input is refused with ErrInvalid or gives an SoA that
// validates and survives an export and an import unchanged.
func FuzzImportSSP(f *testing.F) {
	f.Add([]byte(seedSSP))
	f.Add([]byte(`{"system-security-plan":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := oscal.ImportSSP(data)
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		require.NoError(t, s.Validate())
		out, err := oscal.ExportSSP(s, nil, &fuzzModified)
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		back, err := oscal.ImportSSP(out)
		require.NoError(t, err)
		require.Equal(t, s, back)
	})
}

// FuzzImportMapping: an input is refused with ErrInvalid or gives a valid
// mapping that survives an export and an import unchanged.
func FuzzImportMapping(f *testing.F) {
	f.Add([]byte(seedMapping))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := oscal.ImportMapping(data)
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		require.NoError(t, m.Validate())
		out, err := oscal.ExportMapping(m, &fuzzModified)
		if err != nil {
			require.True(t, errors.Is(err, isms.ErrInvalid))
			return
		}
		back, err := oscal.ImportMapping(out)
		require.NoError(t, err)
		require.Equal(t, m, back)
	})
}
