package bcp_test

import (
	"testing"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
)

// walkFloor is the least work any check of a BIA's dependency graph does,
// written without package bcp: resolve every node's and edge's ID through
// a map once, lay the edges out in one array (CSR), and take the longest
// restore path from every node in dependency order (Kahn's algorithm), one
// visit per edge. It returns the longest path, in hours, so that the
// compiler keeps the work.
func walkFloor(b *bcp.BIA) int64 {
	n := len(b.Activities) + len(b.Resources)
	index := make(map[isms.ID]int32, n)
	deps := make([][]isms.ID, 0, n)
	cost := make([]int64, 0, n)
	for i := range b.Activities {
		index[b.Activities[i].ID] = int32(len(deps))
		deps = append(deps, b.Activities[i].DependsOn)
		cost = append(cost, 0)
	}
	for i := range b.Resources {
		index[b.Resources[i].ID] = int32(len(deps))
		deps = append(deps, b.Resources[i].DependsOn)
		cost = append(cost, int64(b.Resources[i].RestoreTime.Clock.Hours()))
	}
	start := make([]int32, n+1)
	var edges []int32
	indeg := make([]int32, n)
	for v, ds := range deps {
		for _, id := range ds {
			if w, ok := index[id]; ok {
				edges = append(edges, w)
				indeg[w]++
			}
		}
		start[v+1] = int32(len(edges))
	}
	// Reverse topological order: a node's longest path needs its
	// dependencies' first, so walk from the nodes nobody depends on and
	// finish each node when its last dependent has been seen.
	order := make([]int32, 0, n)
	for v := range n {
		if indeg[v] == 0 {
			order = append(order, int32(v))
		}
	}
	for i := 0; i < len(order); i++ {
		v := order[i]
		for _, w := range edges[start[v]:start[v+1]] {
			if indeg[w]--; indeg[w] == 0 {
				order = append(order, w)
			}
		}
	}
	longest := make([]int64, n)
	var best int64
	for i := len(order) - 1; i >= 0; i-- {
		v := order[i]
		var m int64
		for _, w := range edges[start[v]:start[v+1]] {
			m = max(m, longest[w])
		}
		longest[v] = m + cost[v]
		best = max(best, longest[v])
	}
	return best
}

func benchFloor(b *testing.B, n int) {
	if n >= 1_000_000 && testing.Short() {
		b.Skip("1,000,000 nodes in -short mode")
	}
	bia := bigBIA(n)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = walkFloor(bia)
	}
}

// BenchmarkWalkFloor is walkFloor on the graphs of BenchmarkCheck: how
// much of Check's growth per 10x nodes the machine's memory gives any
// linear walk of a random graph (run them together:
// go test -run '^$' -bench 'Check|WalkFloor' ./bcp).
func BenchmarkWalkFloor10k(b *testing.B)  { benchFloor(b, 10_000) }
func BenchmarkWalkFloor100k(b *testing.B) { benchFloor(b, 100_000) }
func BenchmarkWalkFloor1M(b *testing.B)   { benchFloor(b, 1_000_000) }

// TestWalkFloorLongestPath checks walkFloor on a graph worked out by hand:
// activity a needs r1 (2 h) and r2 (1 h); r1 needs r3 (3 h); the longest
// restore path is a → r1 → r3, 5 hours.
func TestWalkFloorLongestPath(t *testing.T) {
	b := &bcp.BIA{
		Activities: []bcp.Activity{{ID: "a", DependsOn: []isms.ID{"r1", "r2"}}},
		Resources: []bcp.Resource{
			{ID: "r1", RestoreTime: isms.Hours(2), DependsOn: []isms.ID{"r3"}},
			{ID: "r2", RestoreTime: isms.Hours(1)},
			{ID: "r3", RestoreTime: isms.Hours(3)},
		},
	}
	if got := walkFloor(b); got != 5 {
		t.Fatalf("longest path %d h, want 5", got)
	}
}
