package controls_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// fullISOSoA returns a complete, approved SoA over the 93 Annex A controls:
// every fifth control excluded with a reason and justification, the rest
// applicable for risk treatment, implemented, owned and evidenced.
func fullISOSoA() (*controls.SoA, []controls.Selection) {
	s := controls.NewSoA(controls.ISO27001_2022())
	s.ID, s.Title, s.Version = "soa-bench", "Bench SoA", "1.0"
	s.ApprovedBy, s.ApprovedAt = "Board", approvedAt
	var sel []controls.Selection
	for i := range s.Entries {
		e := &s.Entries[i]
		if i%5 == 4 {
			e.Applicability = controls.NotApplicable
			e.ExclusionReason = controls.ExcludedRequirementNotApplicable
			e.Justification = "No risk, law or contract calls for it."
			e.Status = controls.StatusNotApplicable
			continue
		}
		r := isms.NewRef("risk", isms.ID(fmt.Sprintf("R-%d", i)))
		e.Applicability = controls.Applicable
		e.InclusionReasons = []controls.InclusionReason{controls.ReasonRiskTreatment, controls.ReasonBestPractice}
		e.Risks = []isms.Ref{r}
		e.Status = controls.StatusImplemented
		e.Owner = "CISO"
		e.Evidence = []isms.Ref{isms.NewRef(isms.KindEvidence, isms.ID(fmt.Sprintf("E-%d", i)))}
		sel = append(sel, controls.Selection{Control: e.ControlID, By: r})
	}
	return s, sel
}

func TestFullISOSoAIsClean(t *testing.T) {
	s, sel := fullISOSoA()
	require.Empty(t, controls.CheckSoA(s, controls.ISO27001_2022(), validNow, &controls.SoACheckOptions{Selections: sel}))
}

// Measured on the shared 2-core development machine (Intel Xeon, go1.26,
// other sessions running), with
//
//	go test ./controls/ -run '^$' -bench 'CheckSoA$|InferCoverage$|WriteCSV$' -benchtime=1s -count=3
//
// BenchmarkCheckSoA: 15.7 to 16.8 µs/op, 11 KB/op, 12 allocs/op.
// BenchmarkInferCoverage: 2.7 to 3.0 ms/op, 1.6 MB/op, 78 allocs/op.
// BenchmarkWriteCSV: 70 to 74 µs/op, 24 KB/op, 267 allocs/op.
// Re-measure before quoting. The 10 MB worst cases are in
// bench10mb_test.go.

// BenchmarkCheckSoA checks a complete 93-entry SoA with 74 risk
// selections. Target: under 50 µs per validation.
func BenchmarkCheckSoA(b *testing.B) {
	s, sel := fullISOSoA()
	cat := controls.ISO27001_2022()
	opts := &controls.SoACheckOptions{Selections: sel}
	b.ReportAllocs()
	for b.Loop() {
		if fs := controls.CheckSoA(s, cat, validNow, opts); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}

// coverageBench builds 1,000 source and 1,000 target controls joined by
// 10,000 pairs (each source to ten targets, relationships cycling), with a
// status for every source.
func coverageBench(b *testing.B) (*controls.Mapping, map[isms.ID]controls.ImplementationStatus, *controls.Catalog) {
	const n, fan = 1000, 10
	rels := controls.RelationshipValues()
	statuses := controls.ImplementationStatusValues()
	m := &controls.Mapping{ID: "bench", Title: "Bench", SourceCatalog: "src", TargetCatalog: "dst",
		Provenance: controls.Provenance{Author: "bench", Method: "synthetic"},
		Pairs:      make([]controls.Pair, 0, n*fan)}
	st := make(map[isms.ID]controls.ImplementationStatus, n)
	targets := make([]controls.Control, n)
	for i := range n {
		targets[i] = controls.Control{ID: isms.ID(fmt.Sprintf("T-%d", i)), Title: "target"}
		src := isms.ID(fmt.Sprintf("S-%d", i))
		st[src] = statuses[i%len(statuses)]
		for k := range fan {
			m.Pairs = append(m.Pairs, controls.Pair{
				Source: src, Target: isms.ID(fmt.Sprintf("T-%d", (i*7+k*101)%n)), Relationship: rels[(i+k)%len(rels)],
			})
		}
	}
	cat, err := controls.NewCatalog(controls.CatalogInfo{ID: "dst", Title: "Targets"}, nil, targets)
	require.NoError(b, err)
	require.NoError(b, m.Validate())
	return m, st, cat
}

// BenchmarkInferCoverage derives coverage of 1,000 target controls over
// 10,000 pairs, validation of the mapping included. Target: under 10 ms.
func BenchmarkInferCoverage(b *testing.B) {
	m, st, cat := coverageBench(b)
	opts := &controls.CoverageOptions{Target: cat}
	b.ReportAllocs()
	for b.Loop() {
		rep, err := controls.InferCoverage(m, st, opts)
		if err != nil || len(rep.Items) != 1000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuiltinISO27001_2022 measures the accessor after the first call
// (the embedded JSON is parsed once).
func BenchmarkBuiltinISO27001_2022(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if controls.ISO27001_2022().Len() != 93 {
			b.Fatal("93")
		}
	}
}

// BenchmarkWriteCSV exports the complete 93-entry SoA.
func BenchmarkWriteCSV(b *testing.B) {
	s, _ := fullISOSoA()
	cat := controls.ISO27001_2022()
	b.ReportAllocs()
	for b.Loop() {
		if err := controls.WriteCSV(discard{}, s, cat, nil); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
