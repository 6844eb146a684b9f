package memstore

import (
	"slices"
	"strings"

	"github.com/ismskit/ismskit/isms"
)

// keyIndex keeps the IDs of a bucket in ascending byte order in sorted
// runs of at most indexChunk IDs: a two-level B+tree. Insert and remove
// cost a binary search over the runs, one within a run and a copy of at
// most indexChunk IDs; listing from any point costs the two searches and
// then one step per ID. No operation ever sorts.
type keyIndex struct {
	runs [][]isms.ID // each non-empty and sorted; runs in order
}

const indexChunk = 512

func cmpID(a, b isms.ID) int { return strings.Compare(string(a), string(b)) }

// run returns the index of the first run whose last ID is >= id, or
// len(runs) when id is above every ID.
func (x *keyIndex) run(id isms.ID) int {
	i, _ := slices.BinarySearchFunc(x.runs, id, func(r []isms.ID, id isms.ID) int {
		return cmpID(r[len(r)-1], id)
	})
	return i
}

func (x *keyIndex) insert(id isms.ID) {
	n := len(x.runs)
	if n == 0 {
		x.runs = append(x.runs, make([]isms.ID, 0, indexChunk))
		x.runs[0] = append(x.runs[0], id)
		return
	}
	i := x.run(id)
	if i == n {
		i = n - 1 // above every ID: append to the last run
	}
	r := x.runs[i]
	j, found := slices.BinarySearchFunc(r, id, cmpID)
	if found {
		return
	}
	r = slices.Insert(r, j, id)
	if len(r) <= indexChunk {
		x.runs[i] = r
		return
	}
	// Split a full run in two halves, each with room to grow.
	half := len(r) / 2
	left := append(make([]isms.ID, 0, indexChunk), r[:half]...)
	right := append(make([]isms.ID, 0, indexChunk), r[half:]...)
	x.runs[i] = left
	x.runs = slices.Insert(x.runs, i+1, right)
}

func (x *keyIndex) remove(id isms.ID) {
	i := x.run(id)
	if i == len(x.runs) {
		return
	}
	r := x.runs[i]
	j, found := slices.BinarySearchFunc(r, id, cmpID)
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

// ascend calls fn with each ID above after ("" for all), in order, until
// fn returns false.
func (x *keyIndex) ascend(after isms.ID, fn func(isms.ID) bool) {
	i, j := 0, 0
	if after != "" {
		i = x.run(after)
		if i == len(x.runs) {
			return
		}
		var found bool
		j, found = slices.BinarySearchFunc(x.runs[i], after, cmpID)
		if found {
			j++
		}
	}
	for ; i < len(x.runs); i, j = i+1, 0 {
		for _, id := range x.runs[i][j:] {
			if !fn(id) {
				return
			}
		}
	}
}
