package oscal_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
	"github.com/ismskit/ismskit/risk"
)

// TestNilAndZeroArguments calls every exported function of the package
// with nil and zero arguments: none panics, and each fails with
// isms.ErrInvalid or succeeds with its documented result.
func TestNilAndZeroArguments(t *testing.T) {
	for name, fn := range map[string]func() error{
		"ExportCatalog(nil)":   func() error { _, err := oscal.ExportCatalog(nil, nil); return err },
		"ExportCatalog(zero)":  func() error { _, err := oscal.ExportCatalog(&controls.Catalog{}, nil); return err },
		"ImportCatalog(nil)":   func() error { _, err := oscal.ImportCatalog(nil, nil); return err },
		"ImportCatalog(empty)": func() error { _, err := oscal.ImportCatalog([]byte(`{}`), &oscal.ImportOptions{}); return err },
		"ExportSSP(nil)":       func() error { _, err := oscal.ExportSSP(nil, nil, nil); return err },
		"ExportSSP(zero)": func() error {
			_, err := oscal.ExportSSP(&controls.SoA{}, &controls.Catalog{}, &oscal.Options{})
			return err
		},
		"ImportSSP(nil)":         func() error { _, err := oscal.ImportSSP(nil); return err },
		"ImportSSP(empty)":       func() error { _, err := oscal.ImportSSP([]byte(`{"system-security-plan":{}}`)); return err },
		"ExportMapping(nil)":     func() error { _, err := oscal.ExportMapping(nil, nil); return err },
		"ExportMapping(zero)":    func() error { _, err := oscal.ExportMapping(&controls.Mapping{}, &oscal.Options{}); return err },
		"ImportMapping(nil)":     func() error { _, err := oscal.ImportMapping(nil); return err },
		"Version.UnmarshalText":  func() error { var v *oscal.Version; return v.UnmarshalText(nil) },
		"Version.UnmarshalText2": func() error { var v oscal.Version; return v.UnmarshalText([]byte("1.2.0")) },
		"ExportCatalog(version)": func() error {
			_, err := oscal.ExportCatalog(controls.ISO27001_2022(), &oscal.Options{Version: "1.2.0", LastModified: modified})
			return err
		},
		"ExportPOAM(nil)": func() error { _, err := oscal.ExportPOAM(nil, nil, nil); return err },
		"ExportPOAM(zero risk)": func() error {
			_, err := oscal.ExportPOAM([]*risk.Risk{{}}, &risk.Matrix{}, &oscal.POAMOptions{})
			return err
		},
		"ExportPOAM(zero matrix)": func() error {
			_, err := oscal.ExportPOAM([]*risk.Risk{{}}, &risk.Matrix{}, nil)
			return err
		},
		"ExportPOAM(nil risk)": func() error { _, err := oscal.ExportPOAM([]*risk.Risk{nil}, risk.Preset3x3(), nil); return err },
		"ExportAssessmentResults(nil)": func() error {
			_, err := oscal.ExportAssessmentResults(nil, nil)
			return err
		},
		"ExportAssessmentResults(zero)": func() error {
			_, err := oscal.ExportAssessmentResults([]oscal.SampleTest{{}}, &oscal.ResultsOptions{})
			return err
		},
		"ExportCatalog(no time)": func() error { _, err := oscal.ExportCatalog(controls.ISO27001_2022(), &oscal.Options{}); return err },
		"ExportCatalog(old time)": func() error {
			_, err := oscal.ExportCatalog(controls.ISO27001_2022(), &oscal.Options{LastModified: modified.AddDate(-200, 0, 0)})
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			require.ErrorIs(t, fn(), isms.ErrInvalid)
		})
	}
	// The zero catalog exports with a time: an empty OSCAL catalog.
	out, err := oscal.ExportCatalog(&controls.Catalog{}, &oscal.Options{LastModified: modified})
	require.NoError(t, err)
	requireValidOSCAL(t, "1.1.3", "catalog", out)
	assert.False(t, oscal.Version("").IsValid())
	assert.Equal(t, "https://ismskit.github.io/ns/oscal/matrix", oscal.MatrixNamespace(nil))
	assert.Equal(t, []oscal.Version{"1.1.3", "1.2.1"}, oscal.VersionValues())
}
