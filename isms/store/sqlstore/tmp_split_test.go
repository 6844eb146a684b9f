package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

func BenchmarkTmpSplit(b *testing.B) {
	const n = 100_000
	run := func(b *testing.B, d driver.Backend) {
		s := store.New(d, &store.Options{Clock: ismstest.NewFixedClock(benchT0), IDs: ismstest.NewSequentialIDs()})
		m := risk.Preset5x5()
		repo, _ := store.NewRepository[risk.Risk](s, "bench", risk.Kind)
		ctx := isms.WithActor(context.Background(), "bench")
		a, _ := m.Assess(risk.Rating{Likelihood: m.Likelihood[2].ID, Impact: m.Impact[2].ID}, "benchmark", "ann", benchT0)
		for start := 0; start < n; start += 10_000 {
			rs := make([]*risk.Risk, 10_000)
			for i := range rs {
				rs[i] = &risk.Risk{Title: fmt.Sprintf("Risk %d", start+i), Owner: "olivia", Category: "cyber", Status: risk.StatusOpen,
					Assets: []isms.Ref{{Kind: isms.KindAsset, ID: "srv-1"}}, Current: a}
			}
			if err := repo.CreateAll(ctx, rs); err != nil {
				b.Fatal(err)
			}
		}
		var tRaw, tAll, tReg time.Duration
		for b.Loop() {
			t0 := time.Now()
			after := isms.ID("")
			cnt := 0
			for {
				recs, err := d.List(ctx, "bench", risk.Kind, after, 1001)
				if err != nil {
					b.Fatal(err)
				}
				cnt += min(len(recs), 1000)
				if len(recs) <= 1000 {
					break
				}
				after = recs[999].ID
			}
			tRaw += time.Since(t0)
			t0 = time.Now()
			r2, _ := repo.WithCache(0)
			c := 0
			for _, err := range r2.All(ctx) {
				if err != nil {
					b.Fatal(err)
				}
				c++
			}
			tAll += time.Since(t0)
			t0 = time.Now()
			cold, _ := risk.NewRegister(s, "bench", m, nil)
			rs, err := cold.List(ctx, nil)
			if err != nil || len(rs) != n {
				b.Fatal(err)
			}
			tReg += time.Since(t0)
			_ = cnt
		}
		k := float64(b.N)
		b.ReportMetric(tRaw.Seconds()/k, "raw-s")
		b.ReportMetric(tAll.Seconds()/k, "nocache-all-s")
		b.ReportMetric(tReg.Seconds()/k, "register-s")
	}
	b.Run("memstore", func(b *testing.B) { run(b, memstore.NewBackend()) })
	for _, tg := range benchTargets() {
		b.Run(tg.name, func(b *testing.B) {
			tg.available(b)
			run(b, newBackend(b, tg))
		})
	}
}
