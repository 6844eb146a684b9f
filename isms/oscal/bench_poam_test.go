package oscal_test

import (
	"fmt"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
	"github.com/ismskit/ismskit/risk"
)

// BenchmarkExportPOAM1000 exports a register of 1000 risks, each assessed
// twice and treated with three actions.
func BenchmarkExportPOAM1000(b *testing.B) {
	base := registerRisks()[1] // inherent assessment, three actions
	risks := make([]*risk.Risk, 1000)
	for i := range risks {
		r := base.Clone()
		r.ID = isms.ID(fmt.Sprintf("R-%04d", 1000-i))
		r.Current = r.Inherent
		risks[i] = r
	}
	m := risk.Preset5x5()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := oscal.ExportPOAM(risks, m, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportAssessmentResults exports the two sample tests of
// sampleTests (56 and the monetary-unit sample's items).
func BenchmarkExportAssessmentResults(b *testing.B) {
	tests := sampleTests(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := oscal.ExportAssessmentResults(tests, nil); err != nil {
			b.Fatal(err)
		}
	}
}
