package risk_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

// The register read benchmarks use only API that exists since commit
// 3c8b0d5, so that the same file runs against that commit's tree for the
// ratio (see the issue 9 note for the commands):
//
//	go test ./risk -run '^$' -bench 'RegisterRead' -benchtime 3x -benchmem

var (
	benchRegMu sync.Mutex
	benchRegs  = map[int]benchReg{}
)

type benchReg struct {
	s   *store.Store
	reg *risk.Register
}

// benchRegister returns a register of n risks over memstore, built once
// per n: assessed at two stages (per-dimension impacts), treated with two
// controls and two actions, like a real register's entries.
func benchRegister(b *testing.B, n int) benchReg {
	benchRegMu.Lock()
	defer benchRegMu.Unlock()
	if br, ok := benchRegs[n]; ok {
		return br
	}
	m := risk.Preset5x5()
	s := memstore.NewStore(&store.Options{Clock: ismstest.NewFixedClock(t0), IDs: ismstest.NewSequentialIDs()})
	reg, err := risk.NewRegister(s, "bench", m, nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := isms.WithActor(context.Background(), "bench")
	for k := range n {
		due := t0.AddDate(0, 6, 0)
		if k%2 == 0 {
			due = t0.AddDate(0, 0, -1) // half the risks have an overdue action: Lint finds n/2
		}
		cur, err := m.Assess(risk.Rating{Likelihood: m.Likelihood[k%5].ID, Impacts: cia(m.Impact[(k/5)%5].ID, "minor", "moderate")}, "benchmark", "ann", t0)
		if err != nil {
			b.Fatal(err)
		}
		res, err := m.Assess(risk.Rating{Likelihood: m.Likelihood[0].ID, Impact: m.Impact[(k/5)%5].ID}, "after treatment", "ann", t0)
		if err != nil {
			b.Fatal(err)
		}
		r := &risk.Risk{
			Title:            fmt.Sprintf("Risk %d: ransomware encrypts file server %d", k, k%50),
			Owner:            fmt.Sprintf("owner-%d", k%20),
			Category:         "cyber",
			Threat:           "criminal ransomware group",
			Vulnerability:    "flat network; backups reachable from servers",
			Assets:           []isms.Ref{{Kind: isms.KindAsset, ID: isms.ID(fmt.Sprintf("srv-%d", k%50))}},
			ExistingControls: []isms.Ref{control("A.8.7")},
			Current:          cur,
			Residual:         res,
			Treatment: &risk.Treatment{
				Option:   risk.OptionModify,
				Controls: []isms.Ref{control("A.8.13"), control("A.8.20")},
				Actions: []risk.Action{
					{ID: "a1", Title: "Immutable backups", Owner: "it-ops", Status: risk.ActionDone, Due: t0},
					{ID: "a2", Title: "Segment VLANs", Owner: "it-ops", Status: risk.ActionPlanned, Due: due},
				},
			},
			ReviewedAt: t0,
		}
		if err := reg.Create(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	benchRegs[n] = benchReg{s, reg}
	return benchRegs[n]
}

// BenchmarkRegisterRead measures List, Check (the register's lint),
// Heatmap and Top over registers of 1,000, 10,000 and 100,000 risks.
func BenchmarkRegisterRead(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1_000, 10_000, 100_000} {
		ops := []struct {
			name string
			run  func(reg *risk.Register) error
		}{
			{"List", func(reg *risk.Register) error {
				rs, err := reg.List(ctx, nil)
				if err == nil && len(rs) != n {
					err = fmt.Errorf("listed %d of %d", len(rs), n)
				}
				return err
			}},
			{"Lint", func(reg *risk.Register) error {
				fs, err := reg.Check(ctx, nil)
				if err == nil && len(fs) < n/2 {
					err = fmt.Errorf("%d findings for %d risks", len(fs), n)
				}
				benchSink += len(fs)
				return err
			}},
			{"Heatmap", func(reg *risk.Register) error {
				h, err := reg.Heatmap(ctx, risk.StageCurrent, nil)
				if err == nil && h.Total != n {
					err = fmt.Errorf("placed %d of %d", h.Total, n)
				}
				return err
			}},
			{"Top", func(reg *risk.Register) error {
				rs, err := reg.Top(ctx, 10, risk.StageCurrent, nil)
				if err == nil && len(rs) != 10 {
					err = fmt.Errorf("top %d", len(rs))
				}
				return err
			}},
		}
		for _, op := range ops {
			b.Run(fmt.Sprintf("%s/n=%d", op.name, n), func(b *testing.B) {
				reg := benchRegister(b, n).reg
				// One read before timing: the steady state of a running
				// program (a cache, where there is one, is warm).
				if err := op.run(reg); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if err := op.run(reg); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/risk")
			})
		}
		// The first read of a program: a new Register (and repository) on
		// the same store every time, so that nothing decoded is reused.
		b.Run(fmt.Sprintf("ListCold/n=%d", n), func(b *testing.B) {
			br := benchRegister(b, n)
			b.ReportAllocs()
			for b.Loop() {
				reg, err := risk.NewRegister(br.s, "bench", risk.Preset5x5(), nil)
				if err != nil {
					b.Fatal(err)
				}
				rs, err := reg.List(ctx, nil)
				if err != nil || len(rs) != n {
					b.Fatalf("listed %d of %d: %v", len(rs), n, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/risk")
		})
	}
}
