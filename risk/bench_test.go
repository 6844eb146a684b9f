package risk_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

// Commands and figures are recorded in the package's final report; run
//
//	go test ./risk -run '^$' -bench . -benchmem
var benchSink int

// BenchmarkScore5x5 reads one grid cell of the 5x5 preset by indices.
func BenchmarkScore5x5(b *testing.B) {
	m := risk.Preset5x5()
	b.ReportAllocs()
	l, i := 0, 0
	for b.Loop() {
		v, err := m.Score(l, i)
		if err != nil {
			b.Fatal(err)
		}
		benchSink += v
		if i++; i == 5 {
			i = 0
			if l++; l == 5 {
				l = 0
			}
		}
	}
}

// BenchmarkEvaluate5x5 scores one risk with the 5x5 preset from level IDs:
// likelihood plus confidentiality, integrity and availability impacts
// combined by max.
func BenchmarkEvaluate5x5(b *testing.B) {
	m := risk.Preset5x5()
	ratings := make([]risk.Rating, 0, 25)
	for _, l := range m.Likelihood {
		for _, i := range m.Impact {
			ratings = append(ratings, risk.Rating{Likelihood: l.ID, Impacts: cia(i.ID, "minor", "moderate")})
		}
	}
	b.ReportAllocs()
	k := 0
	for b.Loop() {
		res, err := m.Evaluate(ratings[k])
		if err != nil {
			b.Fatal(err)
		}
		benchSink += res.Level
		if k++; k == len(ratings) {
			k = 0
		}
	}
}

// BenchmarkExplain5x5 is the traced counterpart of BenchmarkEvaluate5x5,
// for comparison; it allocates by design.
func BenchmarkExplain5x5(b *testing.B) {
	m := risk.Preset5x5()
	in := risk.Rating{Likelihood: "likely", Impacts: cia("major", "minor", "moderate")}
	b.ReportAllocs()
	for b.Loop() {
		tr, err := m.Explain(in)
		if err != nil {
			b.Fatal(err)
		}
		benchSink += tr.Level.Index
	}
}

// BenchmarkHeatmap1M aggregates the current assessments of 1,000,000
// in-memory risks on the 5x5 grid.
func BenchmarkHeatmap1M(b *testing.B) {
	m := risk.Preset5x5()
	const n = 1_000_000
	risks := make([]*risk.Risk, n)
	assessments := make([]risk.Assessment, n)
	for k := range risks {
		l, i := m.Likelihood[k%5], m.Impact[(k/5)%5]
		v, err := m.Score(k%5, (k/5)%5)
		if err != nil {
			b.Fatal(err)
		}
		assessments[k] = risk.Assessment{Matrix: m.Ref(), Likelihood: l.ID, Impact: i.ID, Level: m.Risk[v].ID}
		risks[k] = &risk.Risk{Title: "r", Current: &assessments[k]}
	}
	b.ReportAllocs()
	for b.Loop() {
		h, err := risk.AggregateHeatmap(m, risk.StageCurrent, risks)
		if err != nil {
			b.Fatal(err)
		}
		if h.Total != n {
			b.Fatalf("placed %d of %d", h.Total, n)
		}
	}
}

// BenchmarkRegisterList100k lists 100,000 risks through a Register over
// memstore (JSON decoding included).
func BenchmarkRegisterList100k(b *testing.B) {
	const n = 100_000
	m := risk.Preset5x5()
	s := memstore.NewStore(&store.Options{Clock: ismstest.NewFixedClock(t0), IDs: ismstest.NewSequentialIDs()})
	reg, err := risk.NewRegister(s, "bench", m, nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := isms.WithActor(context.Background(), "bench")
	for k := range n {
		a, err := m.Assess(risk.Rating{Likelihood: m.Likelihood[k%5].ID, Impacts: cia(m.Impact[(k/5)%5].ID, "minor", "moderate")}, "benchmark", "ann", t0)
		if err != nil {
			b.Fatal(err)
		}
		r := &risk.Risk{
			Title:            fmt.Sprintf("Risk %d", k),
			Owner:            "olivia",
			Category:         "cyber",
			Assets:           []isms.Ref{{Kind: isms.KindAsset, ID: "srv-1"}},
			ExistingControls: []isms.Ref{control("A.8.7")},
			Current:          a,
		}
		if err := reg.Create(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		rs, err := reg.List(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(rs) != n {
			b.Fatalf("listed %d of %d", len(rs), n)
		}
	}
}
