package bcp

import (
	"container/heap"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/internal/parallel"
	"github.com/ismskit/ismskit/isms"
)

// none marks an objective or capability that is not known.
const none time.Duration = -1

// unbounded is the worst-case RPO of data with neither backup nor
// replication: everything since the data was created can be lost.
const unbounded time.Duration = math.MaxInt64

// maxPath is the most entries a path in a finding or an analysis lists,
// Elided included.
const maxPath = 32

// graph is the BIA's dependency graph in compressed form: nodes are the
// activities (0..acts-1) then the resources, edges point from a node to
// what it depends on. The first node with an ID owns it; unknown and
// repeated dependencies are left out.
type graph struct {
	b     *BIA
	acts  int
	ids   []isms.ID
	index map[isms.ID]int32
	off   []int32 // deps of v: adj[off[v]:off[v+1]]
	adj   []int32
	roff  []int32 // dependents of v: radj[roff[v]:roff[v+1]]
	radj  []int32
}

func newGraph(b *BIA) *graph {
	g := &graph{b: b, acts: len(b.Activities)}
	n := len(b.Activities) + len(b.Resources)
	g.ids = make([]isms.ID, n)
	g.index = make(map[isms.ID]int32, n)
	for i := range b.Activities {
		g.ids[i] = b.Activities[i].ID
	}
	for i := range b.Resources {
		g.ids[g.acts+i] = b.Resources[i].ID
	}
	for i := n - 1; i >= 0; i-- {
		g.index[g.ids[i]] = int32(i)
	}
	// Resolve every dependency's ID first, on every processor for a large
	// graph (the map is only read): in a graph larger than the caches each
	// lookup waits on memory, and goroutines wait in parallel.
	eoff := make([]int32, n+1) // the dependencies of v are at eoff[v]:eoff[v+1]
	for v := range n {
		eoff[v+1] = eoff[v] + int32(len(g.deps(v)))
	}
	resolved := make([]int32, eoff[n]) // node of each dependency, -1 when unknown
	parallel.Runs(n, resolveRun, func(_, lo, hi int) {
		for v := lo; v < hi; v++ {
			out := resolved[eoff[v]:eoff[v+1]]
			for k, d := range g.deps(v) {
				w, ok := g.index[d]
				if !ok {
					w = -1
				}
				out[k] = w
			}
		}
	})
	g.off = make([]int32, n+1)
	last := make([]int32, n) // last[w] = v+1 when v already has the edge to w
	g.adj = make([]int32, 0, eoff[n])
	indeg := make([]int32, n+1)
	for v := range n {
		g.off[v] = int32(len(g.adj))
		for _, w := range resolved[eoff[v]:eoff[v+1]] {
			if w < 0 || int(w) < g.acts || last[w] == int32(v)+1 {
				continue
			}
			last[w] = int32(v) + 1
			g.adj = append(g.adj, w)
			indeg[w+1]++
		}
	}
	g.off[n] = int32(len(g.adj))
	for v := range n {
		indeg[v+1] += indeg[v]
	}
	g.roff = indeg
	g.radj = make([]int32, len(g.adj))
	fill := make([]int32, n)
	copy(fill, g.roff[:n])
	for v := range n {
		for _, w := range g.adj[g.off[v]:g.off[v+1]] {
			g.radj[fill[w]] = int32(v)
			fill[w]++
		}
	}
	return g
}

// resolveRun is the number of nodes whose dependencies a goroutine
// resolves at a time.
const resolveRun = 4096

func (g *graph) n() int { return len(g.ids) }

func (g *graph) deps(v int) []isms.ID {
	if v < g.acts {
		return g.b.Activities[v].DependsOn
	}
	return g.b.Resources[v-g.acts].DependsOn
}

func (g *graph) out(v int32) []int32 { return g.adj[g.off[v]:g.off[v+1]] }
func (g *graph) in(v int32) []int32  { return g.radj[g.roff[v]:g.roff[v+1]] }

func (g *graph) activity(v int32) *Activity {
	if int(v) < g.acts {
		return &g.b.Activities[v]
	}
	return nil
}

func (g *graph) resource(v int32) *Resource {
	if int(v) >= g.acts {
		return &g.b.Resources[int(v)-g.acts]
	}
	return nil
}

// cycles finds the strongly connected components with a cycle (Tarjan's
// algorithm, iteratively) and returns, for each, one cycle through its
// first node in BIA order, closed (the first node repeated at the end),
// in BIA order of those first nodes, together with a mark of every node
// in a cyclic component. Nodes marked in skip are known to lie on no
// cycle and are left out (with their edges); when every node is skipped
// there is nothing to search. Linear in nodes and edges.
func (g *graph) cycles(skip []bool) ([][]int32, []bool) {
	n := g.n()
	inCycle := make([]bool, n)
	if !slices.Contains(skip, false) {
		return nil, inCycle
	}
	idx := make([]int32, n)
	low := make([]int32, n)
	comp := make([]int32, n)
	for i := range idx {
		idx[i], comp[i] = -1, -1
	}
	onStack := make([]bool, n)
	var stack []int32
	type frame struct{ v, e int32 }
	var calls []frame
	var next, ncomp int32
	var roots []int32 // a node of each cyclic component
	for s := range n {
		if idx[s] >= 0 || skip[s] {
			continue
		}
		calls = append(calls[:0], frame{int32(s), g.off[s]})
		idx[s], low[s] = next, next
		next++
		stack = append(stack, int32(s))
		onStack[s] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.e < g.off[v+1] {
				w := g.adj[f.e]
				f.e++
				switch {
				case skip[w]:
				case idx[w] < 0:
					idx[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, g.off[w]})
				case onStack[w]:
					low[v] = min(low[v], idx[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				p := calls[len(calls)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] != idx[v] {
				continue
			}
			first, size, selfLoop := v, 0, false
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp[w] = ncomp
				size++
				first = min(first, w)
				if w == v {
					break
				}
			}
			if size == 1 {
				for _, w := range g.out(v) {
					selfLoop = selfLoop || w == v
				}
			}
			if size > 1 || selfLoop {
				roots = append(roots, first)
			}
			ncomp++
		}
	}
	// One cycle per cyclic component, in BIA order of the components'
	// first nodes: a breadth-first search inside the component from its
	// first node back to it.
	slices.Sort(roots)
	out := make([][]int32, 0, len(roots))
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = -2
	}
	var queue []int32
	for _, r := range roots {
		c := comp[r]
		queue = append(queue[:0], r)
		parent[r] = -1
		var closing int32 = -1
		for h := 0; h < len(queue) && closing < 0; h++ {
			v := queue[h]
			for _, w := range g.out(v) {
				if comp[w] != c {
					continue
				}
				if w == r {
					closing = v
					break
				}
				if parent[w] == -2 {
					parent[w] = v
					queue = append(queue, w)
				}
			}
		}
		var path []int32
		for v := closing; v >= 0; v = parent[v] {
			path = append(path, v)
		}
		for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
			path[i], path[j] = path[j], path[i]
		}
		out = append(out, append(path, r))
	}
	// Mark every member of a cyclic component.
	cyclic := make([]bool, ncomp)
	for _, r := range roots {
		cyclic[comp[r]] = true
	}
	for v := range n {
		inCycle[v] = comp[v] >= 0 && cyclic[comp[v]]
	}
	return out, inCycle
}

// Objective is a recovery objective a node must meet: its value and the
// node that sets it (the node itself or the strictest of what depends on
// it), with the path from that node down to this one.
type Objective struct {
	// Value is the objective; zero when none applies.
	Value isms.Duration `json:"value"`
	// SetBy is the node whose declared objective this is; empty when none
	// applies.
	SetBy isms.ID `json:"set_by,omitempty"`
	// Path runs from SetBy down the dependencies to the node (both
	// included); a single node when the node sets it itself.
	Path []isms.ID `json:"path,omitempty"`
}

// IsZero reports whether no objective applies.
func (o Objective) IsZero() bool { return o.SetBy == "" }

// Analysis is the dependency graph of a BIA analysed: its cycles, the
// objectives inherited down the graph, the capabilities rolled up, and a
// recovery order. It is made by Analyze and reads the BIA it was made
// from, which must not change while it is used. A nil or zero *Analysis
// answers every method with zero values.
type Analysis struct {
	g        *graph
	cycles   [][]int32
	inCycle  []bool
	downDone []bool // objectives fully inherited (no cycle above)
	upDone   []bool // capabilities fully rolled up (no cycle below)
	// Inherited from the dependents (none when nothing above sets one).
	inhRTO, inhRPO []time.Duration
	inhRTOVia      []int32
	inhRPOVia      []int32
	effRTOSet      []int32 // node whose declared RTO is the effective one, -1
	effRPOSet      []int32
	effRTO, effRPO []time.Duration // the effective values, none when unset
	crit           []int8          // inherited criticality rank
	// Rolled up.
	achRTO  []time.Duration
	rtoCrit []int32 // the dependency that contributes the longest time, -1
	achRPO  []time.Duration
	rpoSrc  []int32 // the data resource that sets the worst RPO, -1
	critEnd []int32 // the last node of the critical path from each node
}

// Analyze analyses the dependency graph of b in time linear in its nodes
// and edges (the recovery order adds a logarithmic factor). Cycles do not
// stop it: each cyclic component is reported once with one cycle through
// it; nodes in or below a cycle get no inherited objective, and nodes in
// or above one no rolled-up capability (NodeAnalysis.Inherited,
// NodeAnalysis.RolledUp). Unknown and repeated dependencies are ignored
// (Validate reports them); the first node with an ID owns it. A nil b
// gives an empty analysis.
func Analyze(b *BIA) *Analysis {
	if b == nil {
		b = &BIA{}
	}
	g := newGraph(b)
	n := g.n()
	a := &Analysis{g: g}
	a.inhRTO, a.inhRPO = make([]time.Duration, n), make([]time.Duration, n)
	a.inhRTOVia, a.inhRPOVia = make([]int32, n), make([]int32, n)
	a.effRTOSet, a.effRPOSet = make([]int32, n), make([]int32, n)
	a.effRTO, a.effRPO = make([]time.Duration, n), make([]time.Duration, n)
	a.crit = make([]int8, n)
	a.downDone, a.upDone = make([]bool, n), make([]bool, n)
	a.achRTO, a.achRPO = make([]time.Duration, n), make([]time.Duration, n)
	a.rtoCrit, a.rpoSrc = make([]int32, n), make([]int32, n)
	a.critEnd = make([]int32, n)

	df, uf := a.gatherFacts()
	queue := make([]int32, 0, n)
	// Down: dependents before their dependencies.
	a.down(df, queue)
	// Up: dependencies before their dependents.
	a.up(uf, queue)
	// A node in a cycle never has all its dependents done, so the cycles
	// lie among the nodes the down pass left; none left, none to find.
	a.cycles, a.inCycle = g.cycles(a.downDone)
	return a
}

// declared returns the node's own RTO and RPO, none when not declared.
func (a *Analysis) declared(v int32) (rto, rpo time.Duration) {
	var r, p isms.Duration
	if act := a.g.activity(v); act != nil {
		r, p = act.RTO, act.RPO
	} else {
		res := a.g.resource(v)
		r, p = res.RTO, res.RPO
	}
	rto, rpo = none, none
	if !r.IsZero() {
		rto = r.Nominal()
	}
	if !p.IsZero() {
		rpo = p.Nominal()
	}
	return rto, rpo
}

func (a *Analysis) mode(v int32) RecoveryMode {
	if act := a.g.activity(v); act != nil {
		return act.Recovery
	}
	return a.g.resource(v).Recovery
}

// ownTime is the time a node takes once everything it depends on is back:
// an activity's resume time; a resource's failover time when it fails
// over (manually or automatically), otherwise its restore time, otherwise
// its supplier's contracted RTO. The label says which.
func (a *Analysis) ownTime(v int32) (time.Duration, string) {
	if act := a.g.activity(v); act != nil {
		return act.ResumeTime.Nominal(), "resume"
	}
	r := a.g.resource(v)
	switch {
	case r.Failover != nil && (r.Failover.Mode == FailoverManual || r.Failover.Mode == FailoverAutomatic):
		return r.Failover.Time.Nominal(), string(r.Failover.Mode) + " failover"
	case !r.RestoreTime.IsZero():
		if r.RestoreMeasured {
			return r.RestoreTime.Nominal(), "measured restore"
		}
		return r.RestoreTime.Nominal(), "estimated restore"
	case r.SLA != nil && !r.SLA.RTO.IsZero():
		return r.SLA.RTO.Nominal(), "contracted RTO"
	}
	return 0, "no restore time"
}

// ownRPO is the worst-case RPO of a data resource's own copies.
func (a *Analysis) ownRPO(r *Resource) time.Duration {
	if d, ok := r.worstRPO(); ok {
		return d
	}
	if r.SLA != nil && !r.SLA.RPO.IsZero() {
		return r.SLA.RPO.Nominal()
	}
	return unbounded
}

// NodeAnalysis is what Analysis found about one activity or resource.
type NodeAnalysis struct {
	// ID is the node's ID.
	ID isms.ID `json:"id"`
	// Activity is true for an activity, false for a resource.
	Activity bool `json:"activity"`
	// InCycle is true when the node is in a dependency cycle.
	InCycle bool `json:"in_cycle,omitempty"`
	// Inherited is true when every node above it was analysed (no cycle
	// above or through it), so the effective objectives are complete.
	Inherited bool `json:"inherited"`
	// RolledUp is true when every node below it was analysed, so the
	// achievable values are complete.
	RolledUp bool `json:"rolled_up"`
	// Criticality is the highest criticality of the activities that
	// depend on it (its own, for an activity); empty when none does.
	Criticality Criticality `json:"criticality,omitempty"`
	// RTO and RPO are the effective objectives: the strictest of the
	// node's own and of everything that depends on it.
	RTO Objective `json:"rto,omitzero"`
	RPO Objective `json:"rpo,omitzero"` // see RTO
	// AchievableRTO is the longest recovery path through what the node
	// depends on, plus its own time.
	AchievableRTO Derived `json:"achievable_rto,omitzero"`
	// CriticalPath runs from the node down the dependencies that take the
	// longest to recover.
	CriticalPath []isms.ID `json:"critical_path,omitempty"`
	// AchievableRPO is the worst worst-case RPO of the data the node holds
	// or depends on; zero when it holds and depends on no data.
	AchievableRPO Derived `json:"achievable_rpo,omitzero"`
	// RPOSource is the data resource that sets AchievableRPO.
	RPOSource isms.ID `json:"rpo_source,omitempty"`
	// RPOUnbounded is true when RPOSource has no backup, replication or
	// contracted RPO: all its data can be lost (AchievableRPO then holds
	// the largest duration).
	RPOUnbounded bool `json:"rpo_unbounded,omitempty"`
}

// Len returns the number of nodes analysed.
func (a *Analysis) Len() int {
	if a == nil || a.g == nil {
		return 0
	}
	return a.g.n()
}

// Cycles returns one cycle for each cyclic part of the graph (strongly
// connected component), as the IDs along it with the first repeated at
// the end (a → b → a). Each cycle starts at its component's first node
// in BIA order (activities, then resources), and the cycles are in that
// order too.
func (a *Analysis) Cycles() [][]isms.ID {
	if a == nil || a.g == nil {
		return nil
	}
	out := make([][]isms.ID, len(a.cycles))
	for i, c := range a.cycles {
		out[i] = a.idPath(c)
	}
	return out
}

func (a *Analysis) idPath(p []int32) []isms.ID {
	out := make([]isms.ID, len(p))
	for i, v := range p {
		if v == elided {
			out[i] = Elided
		} else {
			out[i] = a.g.ids[v]
		}
	}
	return out
}

// Node returns the analysis of the node with the given ID.
func (a *Analysis) Node(id isms.ID) (NodeAnalysis, bool) {
	if a == nil || a.g == nil {
		return NodeAnalysis{}, false
	}
	v, ok := a.g.index[id]
	if !ok {
		return NodeAnalysis{}, false
	}
	return a.node(v), true
}

func (a *Analysis) node(v int32) NodeAnalysis {
	na := NodeAnalysis{
		ID: a.g.ids[v], Activity: int(v) < a.g.acts, InCycle: a.inCycle[v],
		Inherited: a.downDone[v], RolledUp: a.upDone[v],
	}
	if r := a.crit[v]; r > 0 {
		na.Criticality = criticalityValues[len(criticalityValues)-int(r)]
	}
	if na.Inherited {
		na.RTO = a.objective(v, true)
		na.RPO = a.objective(v, false)
	}
	if na.RolledUp {
		na.AchievableRTO = a.rtoTrace(v)
		na.CriticalPath = a.idPath(a.criticalPath(v))
		if a.achRPO[v] != none {
			na.AchievableRPO = a.rpoDerived(v)
			na.RPOSource = a.g.ids[a.rpoSrc[v]]
			na.RPOUnbounded = a.achRPO[v] == unbounded
		}
	}
	return na
}

// objective returns the node's effective RTO (rto) or RPO with the path
// from the node that sets it.
func (a *Analysis) objective(v int32, rto bool) Objective {
	set, via := a.effRTOSet, a.inhRTOVia
	if !rto {
		set, via = a.effRPOSet, a.inhRPOVia
	}
	s := set[v]
	if s < 0 {
		return Objective{}
	}
	r, p := a.declaredDurations(s)
	o := Objective{Value: r, SetBy: a.g.ids[s]}
	if !rto {
		o.Value = p
	}
	// Walk up from v through the dependents that passed it down, keeping
	// the maxPath-2 nodes nearest v, Elided and the setter.
	var path []int32
	u := v
	for ; u >= 0 && u != s && len(path) < maxPath-2; u = via[u] {
		path = append(path, u)
	}
	if u != s && u >= 0 {
		path = append(path, elided)
	}
	path = append(path, s)
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	o.Path = a.idPath(path)
	return o
}

func (a *Analysis) declaredDurations(v int32) (rto, rpo isms.Duration) {
	if act := a.g.activity(v); act != nil {
		return act.RTO, act.RPO
	}
	r := a.g.resource(v)
	return r.RTO, r.RPO
}

// elided stands in a path for the nodes left out of a long one; it
// prints as Elided.
const elided int32 = -2

// Elided is the ID that stands in a path (Objective.Path,
// NodeAnalysis.CriticalPath, a finding's "path") for the nodes left out
// of a path longer than 32 nodes: such a path keeps 30 nodes at the end
// where it starts to be walked, Elided, and the node at its other end.
const Elided isms.ID = "…"

// criticalPath follows the longest-recovering dependency from v down,
// keeping the first maxPath-2 nodes, Elided and the last.
func (a *Analysis) criticalPath(v int32) []int32 {
	path := []int32{v}
	u := a.rtoCrit[v]
	for ; u >= 0 && len(path) < maxPath-2; u = a.rtoCrit[u] {
		path = append(path, u)
	}
	if u >= 0 {
		if end := a.critEnd[v]; end != u {
			path = append(path, elided)
		}
		path = append(path, a.critEnd[v])
	}
	return path
}

// rtoTrace spells out a node's achievable RTO: its own time plus the
// slowest of its dependencies (parallel) or their sum (sequential).
func (a *Analysis) rtoTrace(v int32) Derived {
	own, label := a.ownTime(v)
	var b strings.Builder
	b.WriteString(show(own))
	b.WriteByte(' ')
	b.WriteString(label)
	if deps := a.g.out(v); len(deps) > 0 {
		seq := a.mode(v) == RecoverySequential
		if seq {
			b.WriteString(" + sum(")
		} else {
			b.WriteString(" + max(")
		}
		for i, w := range deps {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(string(a.g.ids[w]))
			b.WriteByte(' ')
			b.WriteString(show(a.achRTO[w]))
		}
		b.WriteByte(')')
	}
	b.WriteString(" = ")
	b.WriteString(show(a.achRTO[v]))
	return derived(a.achRTO[v], b.String())
}

func (a *Analysis) rpoDerived(v int32) Derived {
	src := a.rpoSrc[v]
	d := a.achRPO[v]
	r := a.g.resource(src)
	var trace string
	switch w, ok := r.WorstCaseRPO(); {
	case ok:
		trace = string(r.ID) + " " + w.Trace
	case d == unbounded:
		trace = string(r.ID) + " has no backup, replication or contracted RPO: unbounded"
	default:
		trace = string(r.ID) + " contracted RPO " + show(d)
	}
	if src != v {
		trace = "worst of the data dependencies: " + trace
	}
	return derived(d, trace)
}

// RecoveryStep is one entry of a recovery order.
type RecoveryStep struct {
	// Position counts from 1.
	Position int `json:"position"`
	// ID is the node recovered.
	ID isms.ID `json:"id"`
	// Activity is true for an activity, false for a resource.
	Activity bool `json:"activity"`
	// Criticality is the node's inherited criticality.
	Criticality Criticality `json:"criticality,omitempty"`
	// RTO is the node's effective RTO; zero when none applies.
	RTO isms.Duration `json:"rto,omitzero"`
	// AchievableRTO is the node's achievable RTO.
	AchievableRTO isms.Duration `json:"achievable_rto"`
	// Critical is true when the node is on the critical path.
	Critical bool `json:"critical,omitempty"`
}

// RecoveryOrder returns the nodes outside cycles in an order that recovers
// every dependency before what depends on it, preferring, among the nodes
// ready at each point, the highest inherited criticality, then the
// strictest effective RTO, then the BIA order. Nodes on the critical path
// (CriticalPath) are marked. O(n log n).
func (a *Analysis) RecoveryOrder() []RecoveryStep {
	if a == nil || a.g == nil {
		return nil
	}
	g := a.g
	n := g.n()
	onPath := make(map[int32]bool)
	for _, v := range a.criticalPathNodes() {
		onPath[v] = true
	}
	pending := make([]int32, n)
	h := &readyHeap{a: a}
	for v := range n {
		pending[v] = int32(len(g.out(int32(v))))
		if pending[v] == 0 {
			h.items = append(h.items, int32(v))
		}
	}
	heap.Init(h)
	out := make([]RecoveryStep, 0, n)
	for h.Len() > 0 {
		v := heap.Pop(h).(int32)
		na := RecoveryStep{Position: len(out) + 1, ID: g.ids[v], Activity: int(v) < g.acts,
			AchievableRTO: isms.ClockDuration(a.achRTO[v]), Critical: onPath[v]}
		if r := a.crit[v]; r > 0 {
			na.Criticality = criticalityValues[len(criticalityValues)-int(r)]
		}
		if a.downDone[v] {
			if s := a.effRTOSet[v]; s >= 0 {
				na.RTO, _ = a.declaredDurations(s)
			}
		}
		out = append(out, na)
		for _, u := range g.in(v) {
			if pending[u]--; pending[u] == 0 {
				heap.Push(h, u)
			}
		}
	}
	return out
}

// CriticalPath returns the recovery's critical path: from the most
// critical activity with the longest achievable RTO (the first in BIA
// order among equals) down the dependencies that take the longest to
// recover. Empty when no activity is rolled up.
func (a *Analysis) CriticalPath() []isms.ID {
	if a == nil || a.g == nil {
		return nil
	}
	return a.idPath(a.criticalPathNodes())
}

func (a *Analysis) criticalPathNodes() []int32 {
	best := int32(-1)
	for v := range int32(a.g.acts) {
		if !a.upDone[v] {
			continue
		}
		if best < 0 || a.crit[v] > a.crit[best] || a.crit[v] == a.crit[best] && a.achRTO[v] > a.achRTO[best] {
			best = v
		}
	}
	if best < 0 {
		return nil
	}
	return a.criticalPath(best)
}

type readyHeap struct {
	a     *Analysis
	items []int32
}

func (h *readyHeap) Len() int { return len(h.items) }
func (h *readyHeap) Less(i, j int) bool {
	a, x, y := h.a, h.items[i], h.items[j]
	if a.crit[x] != a.crit[y] {
		return a.crit[x] > a.crit[y]
	}
	rx, ry := a.effRTO[x], a.effRTO[y]
	if rx != ry {
		if rx == none || ry == none {
			return ry == none
		}
		return rx < ry
	}
	return x < y
}
func (h *readyHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *readyHeap) Push(x any)    { h.items = append(h.items, x.(int32)) }
func (h *readyHeap) Pop() any {
	v := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return v
}
