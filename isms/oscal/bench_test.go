package oscal_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms/oscal"
)

// BenchmarkExportSSP93 exports an SoA of the 93 Annex A controls (target:
// under 5 ms).
func BenchmarkExportSSP93(b *testing.B) {
	s := fullSoA(b)
	cat := controls.ISO27001_2022()
	opts := &oscal.Options{LastModified: modified}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := oscal.ExportSSP(s, cat, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportSP80053 imports NIST SP 800-53 rev5 (3.1 MB; target:
// under 200 ms).
func BenchmarkImportSP80053(b *testing.B) {
	data := readNIST(b, "NIST_SP-800-53_rev5_catalog.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := oscal.ImportCatalog(data, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportCatalogISO exports the ISO/IEC 27001:2022 catalog.
func BenchmarkExportCatalogISO(b *testing.B) {
	cat := controls.ISO27001_2022()
	opts := &oscal.Options{LastModified: modified}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := oscal.ExportCatalog(cat, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportSSP93 reads the SSP of BenchmarkExportSSP93 back.
func BenchmarkImportSSP93(b *testing.B) {
	out, err := oscal.ExportSSP(fullSoA(b), nil, &oscal.Options{LastModified: modified})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := oscal.ImportSSP(out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportCatalog10MB imports a synthetic OSCAL catalog of about
// 10 MB (100 groups of 400 controls, each with props and a nested
// control): import is linear in the document.
func BenchmarkImportCatalog10MB(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`{"catalog":{"uuid":"9e0f19b4-de45-5550-b64b-2c9486e18f01","metadata":{"title":"Big","last-modified":"2026-03-01T09:30:00Z","version":"1","oscal-version":"1.1.3"},"groups":[`)
	for g := 0; g < 100; g++ {
		if g > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"id":"g%d","title":"Group %d","controls":[`, g, g)
		for c := 0; c < 400; c++ {
			if c > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"id":"g%d-c%d","class":"x","title":"Control %d of group %d","props":[{"name":"label","value":"G%d-C%d"},{"name":"sort-id","value":"%05d"}],`+
				`"controls":[{"id":"g%d-c%d.1","title":"Enhancement","props":[{"name":"label","value":"E"}]}]}`, g, c, c, g, g, c, c, g, c)
		}
		buf.WriteString(`]}`)
	}
	buf.WriteString(`]}}`)
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		c, err := oscal.ImportCatalog(data, nil)
		if err != nil {
			b.Fatal(err)
		}
		if c.Len() != 80000 {
			b.Fatalf("got %d controls", c.Len())
		}
	}
}
