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
// few on fewer) drawn uniformly, with objectives, restore times and backups, so that every
// part of Check runs.
func bigBIA(n int) *bcp.BIA {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	acts := n / 10
	b := &bcp.BIA{ID: "big", ImpactScale: []string{"low", "high"}, IntolerableLevel: "high"}
	id := func(i int) isms.ID { return isms.ID("n" + strconv.Itoa(i)) }
	depsOf := func(i int) []isms.ID {
		lo := max(i+1, acts)
		if lo >= n {
			return nil
		}
		var out []isms.ID
		seen := map[int]bool{}
		for len(out) < 3 && len(out) < n-lo {
			j := lo + rng.IntN(n-lo)
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

func benchCheck(b *testing.B, n int) {
	if n >= 1_000_000 && testing.Short() {
		b.Skip("1,000,000 nodes in -short mode")
	}
	s := &bcp.Snapshot{BIA: bigBIA(n)}
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
