package incident

import "github.com/ismskit/ismskit/isms"

// Reach is one asset or service within an incident's blast radius: how
// it is reached from an affected one, as the path of refs from the
// affected ref to it (both included) and its length in edges.
type Reach struct {
	Ref   isms.Ref   `json:"ref"`
	Path  []isms.Ref `json:"path"`
	Depth int        `json:"depth"`
}

// BlastRadius returns what depends, transitively, on the affected refs
// in the asset dependency graph of isms (Asset.DependsOn: this asset
// needs that one; Asset.Supports: that one needs this asset), with a
// shortest path to each, in breadth-first order (nearest first, then in
// the order of the inventory's edges). The affected refs themselves are
// not listed. Refs of other kinds (services, processes) are reached and
// listed, and followed further when an asset depends on them. There is
// no isolation: a "separate" system shows what it reaches. Nil assets
// are skipped; the walk is iterative and linear in the number of assets
// and edges.
func BlastRadius(assets []*isms.Asset, affected []isms.Ref) []Reach {
	// Number the refs and list the edges x -> y, "y needs x", then lay
	// them out by x (compressed sparse rows): no per-node slices.
	edges := 0
	for _, a := range assets {
		if a != nil {
			edges += len(a.DependsOn) + len(a.Supports)
		}
	}
	index := make(map[isms.Ref]int32, len(assets)+len(assets)/4)
	refs := make([]isms.Ref, 0, len(assets))
	id := func(r isms.Ref) int32 {
		if i, ok := index[r]; ok {
			return i
		}
		i := int32(len(refs))
		index[r] = i
		refs = append(refs, r)
		return i
	}
	type edge struct{ from, to int32 }
	list := make([]edge, 0, edges)
	for _, a := range assets {
		if a == nil {
			continue
		}
		self := id(a.Meta.Ref(isms.KindAsset))
		for _, d := range a.DependsOn {
			list = append(list, edge{id(d), self})
		}
		for _, s := range a.Supports {
			list = append(list, edge{self, id(s)})
		}
	}
	start := make([]int32, len(refs)+1)
	for _, e := range list {
		start[e.from+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	next := make([]int32, len(list))
	fill := append([]int32(nil), start[:len(refs)]...)
	for _, e := range list {
		next[fill[e.from]] = e.to
		fill[e.from]++
	}

	const unvisited = -2
	parent := make([]int32, len(refs))
	for i := range parent {
		parent[i] = unvisited
	}
	depth := make([]int32, len(refs))
	queue := make([]int32, 0, len(affected))
	for _, r := range affected {
		i, ok := index[r]
		if !ok || parent[i] != unvisited {
			continue
		}
		parent[i] = -1
		queue = append(queue, i)
	}
	roots, total := len(queue), 0
	for h := 0; h < len(queue); h++ {
		v := queue[h]
		for _, w := range next[start[v]:start[v+1]] {
			if parent[w] != unvisited {
				continue
			}
			parent[w], depth[w] = v, depth[v]+1
			queue = append(queue, w)
			total += int(depth[w]) + 1
		}
	}
	reached := queue[roots:]
	if len(reached) == 0 {
		return nil
	}
	// One backing array holds every path.
	arena := make([]isms.Ref, total)
	out := make([]Reach, len(reached))
	for k, w := range reached {
		n := int(depth[w]) + 1
		path := arena[:n:n]
		arena = arena[n:]
		for j, x := n-1, w; j >= 0; j, x = j-1, parent[x] {
			path[j] = refs[x]
		}
		out[k] = Reach{Ref: refs[w], Path: path, Depth: n - 1}
	}
	return out
}
