package bcp_test

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
)

// TestCheckSameOnAnyProcessorCount: a BIA large enough to be checked on
// several goroutines (20,000 nodes: five runs of nodes, five of
// dependencies to resolve) gives the same findings, in the same order,
// and the same analysis on 1, 2 and 8 processors. The graph has cycles
// (every 997th resource also depends on one 50 places back), unknown
// dependencies and repeated ones, so every kind of edge crosses a run
// boundary.
func TestCheckSameOnAnyProcessorCount(t *testing.T) {
	b := bigBIA(20_000)
	for i := range b.Resources {
		r := &b.Resources[i]
		switch {
		case i%997 == 0 && i >= 50:
			r.DependsOn = append(r.DependsOn, b.Resources[i-50].ID)
		case i%501 == 0:
			r.DependsOn = append(r.DependsOn, "no-such-node")
		case i%333 == 0 && len(r.DependsOn) > 0:
			r.DependsOn = append(r.DependsOn, r.DependsOn[0])
		}
	}
	s := &bcp.Snapshot{BIA: b}
	run := func(procs int) ([]isms.Finding, []bcp.RecoveryStep, [][]isms.ID) {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		a := bcp.Analyze(b)
		return bcp.Check(s, checkNow), a.RecoveryOrder(), a.Cycles()
	}
	f1, o1, c1 := run(1)
	if len(f1) < 1000 || len(c1) == 0 {
		t.Fatalf("the graph should give many findings and some cycles: %d findings, %d cycles", len(f1), len(c1))
	}
	for _, procs := range []int{2, 8} {
		f, o, c := run(procs)
		if !reflect.DeepEqual(f, f1) {
			t.Errorf("GOMAXPROCS %d: %d findings differ from one processor's %d", procs, len(f), len(f1))
		}
		if !reflect.DeepEqual(o, o1) || !reflect.DeepEqual(c, c1) {
			t.Errorf("GOMAXPROCS %d: the recovery order or the cycles differ", procs)
		}
	}
}
