package bcp_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
)

// FuzzParseBIA: ParseBIA never panics; what it accepts validates, checks
// without panicking, and marshals to a document it accepts again with the
// same findings.
func FuzzParseBIA(f *testing.F) {
	data, err := json.Marshal(baseline().BIA)
	require.NoError(f, err)
	f.Add(data)
	data, err = json.Marshal(diamond())
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte(`{"id":"b","resources":[{"id":"r","name":"r","kind":"system","depends_on":["s"]},{"id":"s","name":"s","kind":"system","depends_on":["r"]}]}`))
	f.Add([]byte(`{"id":"b","activities":[{"id":"a","name":"a","criticality":"low","rto":"P1Y"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bcp.ParseBIA(data)
		if err != nil {
			return
		}
		if err := b.Validate(); err != nil {
			t.Fatalf("accepted but invalid: %v", err)
		}
		fs := bcp.Check(&bcp.Snapshot{BIA: b}, checkNow)
		again, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		b2, err := bcp.ParseBIA(again)
		if err != nil {
			t.Fatalf("re-parse: %v\n%s", err, again)
		}
		if got := bcp.Check(&bcp.Snapshot{BIA: b2}, checkNow); len(got) != len(fs) {
			t.Fatalf("findings changed on a round trip: %d then %d", len(fs), len(got))
		}
	})
}

// FuzzParseSnapshot: ParseSnapshot never panics, and Check and Report on
// what it accepts never panic.
func FuzzParseSnapshot(f *testing.F) {
	data, err := json.Marshal(baseline())
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte(`{"bia":{"id":"b"},"plans":[{"id":"p","name":"p","target":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := bcp.ParseSnapshot(data)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted but invalid: %v", err)
		}
		_ = bcp.Report(s, checkNow)
	})
}

// FuzzGraph builds a graph from the input, cycles and invalid edges
// included, and checks that the analysis terminates, that the recovery
// order lists every dependency before its dependents and leaves out
// exactly the nodes in or above a cycle, and that every cycle is closed
// and follows edges.
func FuzzGraph(f *testing.F) {
	f.Add([]byte{4, 0, 1, 1, 2, 2, 3})
	f.Add([]byte{3, 0, 1, 1, 2, 2, 1})
	f.Add([]byte{5, 1, 1, 2, 3, 3, 2, 4, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		n := int(data[0])%64 + 1
		acts := n / 4
		b := &bcp.BIA{ID: "fuzz"}
		id := func(i int) isms.ID { return isms.ID("n" + strconv.Itoa(i)) }
		for i := range n {
			if i < acts {
				b.Activities = append(b.Activities, bcp.Activity{ID: id(i), Name: "a", Criticality: bcp.CriticalityValues()[i%4],
					RTO: isms.Hours(i % 5), RPO: isms.Hours(i % 3), Recovery: bcp.RecoveryModeValues()[i%2]})
			} else {
				b.Resources = append(b.Resources, bcp.Resource{ID: id(i), Name: "r", Kind: bcp.ResourceDataStore,
					RTO: isms.Hours(i % 7), RestoreTime: isms.Hours(i % 4), Recovery: bcp.RecoveryModeValues()[i%2],
					Backup: &bcp.BackupSchedule{Interval: isms.Hours(i%6 + 1)}})
			}
		}
		deps := func(i int) *[]isms.ID {
			if i < acts {
				return &b.Activities[i].DependsOn
			}
			return &b.Resources[i-acts].DependsOn
		}
		edges := map[[2]int]bool{}
		for k := 1; k+1 < len(data); k += 2 {
			from, to := int(data[k])%n, int(data[k+1])%(n+1) // n: an unknown ID
			*deps(from) = append(*deps(from), id(to))
			if to < n && to >= acts {
				edges[[2]int{from, to}] = true
			}
		}
		a := bcp.Analyze(b)
		_ = bcp.Check(&bcp.Snapshot{BIA: b}, checkNow)
		pos := map[isms.ID]int{}
		for _, s := range a.RecoveryOrder() {
			pos[s.ID] = s.Position
		}
		for e := range edges {
			pf, okf := pos[id(e[0])]
			pt, okt := pos[id(e[1])]
			if okf && (!okt || pt >= pf) {
				t.Fatalf("%s recovered at %d before its dependency %s (%v at %d)", id(e[0]), pf, id(e[1]), okt, pt)
			}
		}
		for i := range n {
			nd, ok := a.Node(id(i))
			if !ok {
				t.Fatalf("node %s missing", id(i))
			}
			if _, in := pos[id(i)]; in != nd.RolledUp {
				t.Fatalf("%s: in the order %v, rolled up %v", id(i), in, nd.RolledUp)
			}
		}
		for _, c := range a.Cycles() {
			if len(c) < 2 || c[0] != c[len(c)-1] {
				t.Fatalf("cycle not closed: %v", c)
			}
			for k := 1; k < len(c); k++ {
				f, _ := strconv.Atoi(string(c[k-1][1:]))
				to, _ := strconv.Atoi(string(c[k][1:]))
				if !edges[[2]int{f, to}] {
					t.Fatalf("cycle %v follows no edge %s → %s", c, c[k-1], c[k])
				}
			}
		}
	})
}
