package bcp

import "time"

// The two passes of Analyze visit the nodes in dependency order, which on
// a large graph is scattered all over memory. So that each visit and each
// edge costs one cache line rather than one per field (a miss each once
// the graph outgrows the caches), the passes read the declared values
// from compact records gathered in one sequential sweep, keep each node's
// working state in one record, and hand the results to the Analysis
// slices in a second sequential sweep.

// downFacts are what the down pass reads of a node's declarations.
type downFacts struct {
	rto, rpo time.Duration // declared, none when unset
	crit     int8          // an activity's criticality rank; 0 for a resource
}

// upFacts are what the up pass reads of a node's declarations.
type upFacts struct {
	own    time.Duration // ownTime
	ownRPO time.Duration // a data resource's own worst-case RPO
	seq    bool          // recovers its dependencies one after another
	data   bool          // a resource that holds data
}

// downState is a node's state in the down pass (objectives inherited from
// its dependents), padded to 64 bytes, one cache line: the slice of a
// graph large enough for this to matter is a large allocation, which
// starts on a page, so no record straddles two lines.
type downState struct {
	inhRTO, inhRPO       time.Duration
	effRTO, effRPO       time.Duration
	inhRTOVia, inhRPOVia int32
	effRTOSet, effRPOSet int32
	pending              int32
	crit                 int8
	_                    [11]byte
}

// upState is a node's state in the up pass (capabilities rolled up from
// its dependencies): half a cache line.
type upState struct {
	achRTO, achRPO  time.Duration
	rtoCrit, rpoSrc int32
	critEnd         int32
	pending         int32
}

// gatherFacts reads every node's declarations in BIA order.
func (a *Analysis) gatherFacts() ([]downFacts, []upFacts) {
	g := a.g
	n := g.n()
	df, uf := make([]downFacts, n), make([]upFacts, n)
	for v := range int32(n) {
		rto, rpo := a.declared(v)
		df[v] = downFacts{rto: rto, rpo: rpo}
		own, _ := a.ownTime(v)
		uf[v] = upFacts{own: own, seq: a.mode(v) == RecoverySequential}
		if act := g.activity(v); act != nil {
			df[v].crit = int8(act.Criticality.Rank())
		} else if r := g.resource(v); r.HoldsData() {
			uf[v].data, uf[v].ownRPO = true, a.ownRPO(r)
		}
	}
	return df, uf
}

// down inherits objectives from dependents to their dependencies
// (Kahn's algorithm from the nodes nobody depends on): a node's effective
// RTO (RPO) is its own when it declares one at least as strict as what it
// inherits, else the inherited one, set by the strictest dependent above.
// queue is scratch space of capacity n.
func (a *Analysis) down(df []downFacts, queue []int32) {
	g := a.g
	n := g.n()
	ds := make([]downState, n)
	queue = queue[:0]
	for v := range n {
		ds[v] = downState{inhRTO: none, inhRPO: none, effRTO: none, effRPO: none,
			inhRTOVia: -1, inhRPOVia: -1, effRTOSet: -1, effRPOSet: -1,
			pending: g.roff[v+1] - g.roff[v]}
		if ds[v].pending == 0 {
			queue = append(queue, int32(v))
		}
	}
	for h := 0; h < len(queue); h++ {
		v := queue[h]
		a.downDone[v] = true
		f, d := &df[v], &ds[v]
		if int(v) < g.acts {
			d.crit = f.crit
		}
		if f.rto != none && (d.inhRTO == none || f.rto <= d.inhRTO) {
			d.effRTOSet, d.effRTO = v, f.rto
		} else if d.inhRTOVia >= 0 {
			d.effRTOSet, d.effRTO = ds[d.inhRTOVia].effRTOSet, d.inhRTO
		}
		if f.rpo != none && (d.inhRPO == none || f.rpo <= d.inhRPO) {
			d.effRPOSet, d.effRPO = v, f.rpo
		} else if d.inhRPOVia >= 0 {
			d.effRPOSet, d.effRPO = ds[d.inhRPOVia].effRPOSet, d.inhRPO
		}
		effRTO, effRPO, crit := d.effRTO, d.effRPO, d.crit
		for _, w := range g.out(v) {
			e := &ds[w]
			if effRTO != none && (e.inhRTO == none || effRTO < e.inhRTO) {
				e.inhRTO, e.inhRTOVia = effRTO, v
			}
			if effRPO != none && (e.inhRPO == none || effRPO < e.inhRPO) {
				e.inhRPO, e.inhRPOVia = effRPO, v
			}
			e.crit = max(e.crit, crit)
			if e.pending--; e.pending == 0 {
				queue = append(queue, w)
			}
		}
	}
	for v := range ds {
		d := &ds[v]
		a.inhRTO[v], a.inhRPO[v] = d.inhRTO, d.inhRPO
		a.inhRTOVia[v], a.inhRPOVia[v] = d.inhRTOVia, d.inhRPOVia
		a.effRTOSet[v], a.effRPOSet[v] = d.effRTOSet, d.effRPOSet
		a.effRTO[v], a.effRPO[v] = d.effRTO, d.effRPO
		a.crit[v] = d.crit
	}
}

// up rolls capabilities up from dependencies to their dependents (Kahn's
// algorithm from the nodes that depend on nothing): a node's achievable
// RTO is its own time after the slowest of its dependencies (parallel
// recovery) or their sum (sequential), its achievable RPO the worst of
// its own copies and its dependencies'. queue is scratch space of
// capacity n.
func (a *Analysis) up(uf []upFacts, queue []int32) {
	g := a.g
	n := g.n()
	us := make([]upState, n)
	queue = queue[:0]
	for v := range n {
		us[v] = upState{achRPO: none, rtoCrit: -1, rpoSrc: -1, pending: g.off[v+1] - g.off[v]}
		if us[v].pending == 0 {
			queue = append(queue, int32(v))
		}
	}
	for h := 0; h < len(queue); h++ {
		v := queue[h]
		a.upDone[v] = true
		f, u := &uf[v], &us[v]
		if f.data {
			u.achRPO, u.rpoSrc = f.ownRPO, v
		}
		var deps, slowest time.Duration
		for _, w := range g.out(v) {
			d := &us[w]
			t := d.achRTO
			if u.rtoCrit < 0 || t > slowest {
				u.rtoCrit, slowest, u.critEnd = w, t, d.critEnd
			}
			if f.seq {
				deps = addSat(deps, t)
			} else {
				deps = max(deps, t)
			}
			if d.achRPO != none && (u.achRPO == none || d.achRPO > u.achRPO) {
				u.achRPO, u.rpoSrc = d.achRPO, d.rpoSrc
			}
		}
		u.achRTO = addSat(deps, f.own)
		if u.rtoCrit < 0 {
			u.critEnd = v
		}
		for _, p := range g.in(v) {
			if us[p].pending--; us[p].pending == 0 {
				queue = append(queue, p)
			}
		}
	}
	for v := range us {
		u := &us[v]
		a.achRTO[v], a.achRPO[v] = u.achRTO, u.achRPO
		a.rtoCrit[v], a.rpoSrc[v], a.critEnd[v] = u.rtoCrit, u.rpoSrc, u.critEnd
	}
}
