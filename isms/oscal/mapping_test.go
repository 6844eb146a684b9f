package oscal_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
)

func TestMappingRoundTrip(t *testing.T) {
	csf := controls.NISTCSF2ToISO27001_2022()
	inverse := csf.Inverse()
	small := &controls.Mapping{
		ID: "m1", Title: "Small", SourceCatalog: "a", TargetCatalog: "a",
		Provenance: controls.Provenance{Author: "Acme", Method: "Expert judgement.", Date: modified},
		Pairs: []controls.Pair{
			{Source: "x", Target: "y", Relationship: controls.RelEqual, Notes: "same"},
			{Source: "x", Target: "z", Relationship: controls.RelSubsetOf},
			{Source: "y", Target: "z", Relationship: controls.RelSupersetOf},
			{Source: "z", Target: "w", Relationship: controls.RelNoRelationship},
		},
	}
	for _, m := range []*controls.Mapping{csf, inverse, controls.ISO27001_2013To2022(), small} {
		t.Run(string(m.ID), func(t *testing.T) {
			out, err := oscal.ExportMapping(m, &oscal.Options{LastModified: modified, Indent: true})
			require.NoError(t, err)
			requireValidOSCAL(t, "1.2.1", "mapping", out)
			back, err := oscal.ImportMapping(out)
			require.NoError(t, err)
			assert.Equal(t, m, back)
		})
	}
	// Every pair of the CSF crosswalk makes one map: 244 pairs to Annex A.
	require.Len(t, csf.Pairs, 244)
}

func TestExportMappingRefuses(t *testing.T) {
	_, err := oscal.ExportMapping(nil, nil)
	require.ErrorIs(t, err, isms.ErrInvalid)
	empty := &controls.Mapping{ID: "m", Title: "T", SourceCatalog: "a", TargetCatalog: "b", Provenance: controls.Provenance{Author: "A", Method: "M"}}
	_, err = oscal.ExportMapping(empty, &oscal.Options{LastModified: modified})
	require.ErrorIs(t, err, isms.ErrInvalid)
	empty.Pairs = []controls.Pair{{Source: "s", Target: "t", Relationship: controls.RelEqual}}
	_, err = oscal.ExportMapping(empty, nil)
	require.ErrorIs(t, err, isms.ErrInvalid, "no date at all")
}
