package bcp_test

import (
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
)

// bigBIA returns a seeded random acyclic graph of n nodes, a tenth of them
// activities, each node depending on three resources after it (the last
// few on fewer) drawn uniformly, with objectives, restore times and
// backups, so that every part of Check runs.
func bigBIA(n int) *bcp.BIA { return graphBIA(n, 0) }

// clusteredBIA is bigBIA with every node's three dependencies drawn from
// the 64 resources at its place in the graph (activity i from those at
// i/acts of the way through the resources, a resource from those just
// after it): the same numbers of nodes, edges, objectives and findings,
// but what one node needs is stored near what its neighbours need, as in
// an estate of services that each rely on their own few systems.
func clusteredBIA(n int) *bcp.BIA { return graphBIA(n, 64) }

// graphBIA draws the dependencies of each node from all the resources
// after it (window 0) or from the window resources at its place.
func graphBIA(n, window int) *bcp.BIA {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	acts := n / 10
	b := &bcp.BIA{ID: "big", ImpactScale: []string{"low", "high"}, IntolerableLevel: "high"}
	id := func(i int) isms.ID { return isms.ID("n" + strconv.Itoa(i)) }
	depsOf := func(i int) []isms.ID {
		lo, hi := max(i+1, acts), n
		if window > 0 {
			if i < acts {
				lo = acts + i*(n-acts)/acts
			}
			hi = min(n, lo+window)
		}
		if lo >= hi {
			return nil
		}
		var out []isms.ID
		seen := map[int]bool{}
		for len(out) < 3 && len(out) < hi-lo {
			j := lo + rng.IntN(hi-lo)
			if !seen[j] {
				seen[j] = true
				out = append(out, id(j))
			}
		}
		return out
	}
	for i := range acts {
		b.Activities = append(b.Activities, bcp.Activity{ID: id(i), Name: "activity", Owner: "o",
			Criticality: bcp.CriticalityValues()[i%4], MTPD: isms.Hours(48), RTO: isms.Hours(24 + i%24), RPO: isms.Hours(4),
			ResumeTime: isms.Hours(1), Impacts: []bcp.ImpactThreshold{{After: isms.Hours(72), Level: "high"}},
			DependsOn: depsOf(i)})
	}
	for i := acts; i < n; i++ {
		r := bcp.Resource{ID: id(i), Name: "resource", Kind: bcp.ResourceApplication, RestoreTime: isms.Hours(i%3 + 1),
			Recovery: bcp.RecoveryModeValues()[i%2], DependsOn: depsOf(i)}
		if i%5 == 0 {
			r.Kind = bcp.ResourceDataStore
			r.Backup = &bcp.BackupSchedule{Interval: isms.Hours(1), Offline: true}
		}
		b.Resources = append(b.Resources, r)
	}
	return b
}

func benchCheck(b *testing.B, n int) { benchCheckBIA(b, n, bigBIA) }

func benchCheckBIA(b *testing.B, n int, make func(int) *bcp.BIA) {
	if n >= 1_000_000 && testing.Short() {
		b.Skip("1,000,000 nodes in -short mode")
	}
	s := &bcp.Snapshot{BIA: make(n)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = bcp.Check(s, checkNow)
	}
}

// BenchmarkCheck runs Check on graphs of 10,000, 100,000 and 1,000,000
// nodes with three edges per node.
func BenchmarkCheck10k(b *testing.B)  { benchCheck(b, 10_000) }
func BenchmarkCheck100k(b *testing.B) { benchCheck(b, 100_000) }
func BenchmarkCheck1M(b *testing.B)   { benchCheck(b, 1_000_000) }

// BenchmarkCheckClustered runs Check on clusteredBIA graphs: the same
// work as BenchmarkCheck, with dependencies stored near each other. Set
// beside BenchmarkCheck, it separates the growth of the work from the
// growth of the cost of a random memory access once a graph no longer
// fits in the processor's caches.
func BenchmarkCheckClustered10k(b *testing.B)  { benchCheckBIA(b, 10_000, clusteredBIA) }
func BenchmarkCheckClustered100k(b *testing.B) { benchCheckBIA(b, 100_000, clusteredBIA) }
func BenchmarkCheckClustered1M(b *testing.B)   { benchCheckBIA(b, 1_000_000, clusteredBIA) }

func BenchmarkAnalyze100k(b *testing.B) {
	bia := bigBIA(100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = bcp.Analyze(bia).RecoveryOrder()
	}
}

// BenchmarkParseBIA10MB decodes and validates a BIA document of about
// 10 MB.
func BenchmarkParseBIA10MB(b *testing.B) {
	n := 10_000
	var data []byte
	for {
		var err error
		data, err = json.Marshal(bigBIA(n))
		if err != nil {
			b.Fatal(err)
		}
		if len(data) >= 10<<20 {
			break
		}
		n *= 2
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := bcp.ParseBIA(data); err != nil {
			b.Fatal(err)
		}
	}
}
