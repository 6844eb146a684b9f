package memstore

import (
	"slices"
	"strings"
)

// keyIndex keeps the IDs of a bucket in ascending byte order, as arena
// refs, in sorted runs of at most indexChunk refs: a two-level B+tree
// without pointers. Insert and remove cost a binary search over the runs,
// one within a run and a copy of at most indexChunk refs; listing from any
// point costs the two searches and then one step per ID. No operation ever
// sorts.
type keyIndex struct {
	runs [][]uint32 // each non-empty and sorted; runs in order
}

const indexChunk = 512

// run returns the index of the first run whose last ID is >= id, or
// len(runs) when id is above every ID.
func (x *keyIndex) run(a *arena, id string) int {
	i, _ := slices.BinarySearchFunc(x.runs, id, func(r []uint32, id string) int {
		return strings.Compare(a.get(r[len(r)-1]), id)
	})
	return i
}

// search finds id in run r.
func search(a *arena, r []uint32, id string) (int, bool) {
	return slices.BinarySearchFunc(r, id, func(ref uint32, id string) int {
		return strings.Compare(a.get(ref), id)
	})
}

// insert adds the ID with arena ref ref, unless the index has it.
func (x *keyIndex) insert(a *arena, ref uint32) {
	id := a.get(ref)
	n := len(x.runs)
	if n == 0 {
		x.runs = append(x.runs, make([]uint32, 0, indexChunk))
		x.runs[0] = append(x.runs[0], ref)
		return
	}
	i := x.run(a, id)
	if i == n {
		i = n - 1 // above every ID: append to the last run
	}
	r := x.runs[i]
	j, found := search(a, r, id)
	if found {
		return
	}
	r = slices.Insert(r, j, ref)
	if len(r) <= indexChunk {
		x.runs[i] = r
		return
	}
	// Split a full run in two halves, each with room to grow.
	half := len(r) / 2
	left := append(make([]uint32, 0, indexChunk), r[:half]...)
	right := append(make([]uint32, 0, indexChunk), r[half:]...)
	x.runs[i] = left
	x.runs = slices.Insert(x.runs, i+1, right)
}

// remove drops id from the index, if it is there.
func (x *keyIndex) remove(a *arena, id string) {
	i := x.run(a, id)
	if i == len(x.runs) {
		return
	}
	r := x.runs[i]
	j, found := search(a, r, id)
	if !found {
		return
	}
	r = slices.Delete(r, j, j+1)
	if len(r) == 0 {
		x.runs = slices.Delete(x.runs, i, i+1)
		return
	}
	x.runs[i] = r
	// Merge a small run into its neighbour so runs stay dense.
	if i+1 < len(x.runs) && len(r)+len(x.runs[i+1]) <= indexChunk/2 {
		x.runs[i] = append(r, x.runs[i+1]...)
		x.runs = slices.Delete(x.runs, i+1, i+2)
	}
}

// ascend calls fn with the ref of each ID above after ("" for all), in
// order, until fn returns false.
func (x *keyIndex) ascend(a *arena, after string, fn func(ref uint32) bool) {
	i, j := 0, 0
	if after != "" {
		i = x.run(a, after)
		if i == len(x.runs) {
			return
		}
		var found bool
		j, found = search(a, x.runs[i], after)
		if found {
			j++
		}
	}
	for ; i < len(x.runs); i, j = i+1, 0 {
		for _, ref := range x.runs[i][j:] {
			if !fn(ref) {
				return
			}
		}
	}
}
