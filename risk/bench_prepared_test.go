package risk_test

import (
	"testing"

	"github.com/ismskit/ismskit/risk"
)

// BenchmarkEvaluatePrepared5x5 scores the ratings of BenchmarkEvaluate5x5
// prepared once (Matrix.Prepare): no level ID is looked up per call.
func BenchmarkEvaluatePrepared5x5(b *testing.B) {
	m := risk.Preset5x5()
	var prepared []risk.PreparedRating
	for _, l := range m.Likelihood {
		for _, i := range m.Impact {
			p, err := m.Prepare(risk.Rating{Likelihood: l.ID, Impacts: cia(i.ID, "minor", "moderate")})
			if err != nil {
				b.Fatal(err)
			}
			prepared = append(prepared, p)
		}
	}
	b.ReportAllocs()
	k := 0
	for b.Loop() {
		res, err := m.EvaluatePrepared(prepared[k])
		if err != nil {
			b.Fatal(err)
		}
		benchSink += res.Level
		if k++; k == len(prepared) {
			k = 0
		}
	}
}
