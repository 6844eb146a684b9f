package bcp

import (
	"bytes"
	"encoding/json"
	"slices"
)

// Change is one difference between two versions of a BIA: a field of the
// analysis, of an activity or of a resource (named by ID) that was added,
// removed or changed, with the old and new values as JSON.
type Change struct {
	// Path names the value: "intolerable_level",
	// "activities[checkout].rto", "resources[db]" (a whole resource).
	Path string `json:"path"`
	// Op is "added", "removed" or "changed".
	Op string `json:"op"`
	// Old is the previous value as JSON; empty when added.
	Old string `json:"old,omitempty"`
	// New is the new value as JSON; empty when removed.
	New string `json:"new,omitempty"`
}

// Change operations.
const (
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
	ChangeChanged = "changed"
)

// Diff returns the changes from old to new: the analysis' own fields
// other than its version, then the activities and the resources matched
// by ID, field by field (JSON field names), in the order of old and then
// of what new adds. It runs in time linear in the size of both. A nil BIA
// counts as an empty one.
func Diff(old, new *BIA) []Change {
	if old == nil {
		old = &BIA{}
	}
	if new == nil {
		new = &BIA{}
	}
	var out []Change
	top := func(path string, a, b any) {
		out = appendFieldChange(out, path, marshal(a), marshal(b))
	}
	top("id", old.ID, new.ID)
	top("impact_scale", old.ImpactScale, new.ImpactScale)
	top("intolerable_level", old.IntolerableLevel, new.IntolerableLevel)
	out = diffEntities(out, "activities", ids(old.Activities, activityID), ids(new.Activities, activityID),
		func(i int) any { return &old.Activities[i] }, func(i int) any { return &new.Activities[i] })
	out = diffEntities(out, "resources", ids(old.Resources, resourceID), ids(new.Resources, resourceID),
		func(i int) any { return &old.Resources[i] }, func(i int) any { return &new.Resources[i] })
	return out
}

func activityID(a *Activity) string { return string(a.ID) }
func resourceID(r *Resource) string { return string(r.ID) }

func ids[T any](s []T, id func(*T) string) []string {
	out := make([]string, len(s))
	for i := range s {
		out[i] = id(&s[i])
	}
	return out
}

func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return []byte(`"` + err.Error() + `"`)
	}
	return b
}

// empty reports JSON that stands for no value.
func empty(b []byte) bool {
	switch string(b) {
	case "", "null", `""`, "[]", "{}", "false", "0", `"PT0S"`:
		return true
	}
	return false
}

func appendFieldChange(out []Change, path string, a, b []byte) []Change {
	switch {
	case bytes.Equal(a, b) || empty(a) && empty(b):
		return out
	case empty(a):
		return append(out, Change{Path: path, Op: ChangeAdded, New: string(b)})
	case empty(b):
		return append(out, Change{Path: path, Op: ChangeRemoved, Old: string(a)})
	}
	return append(out, Change{Path: path, Op: ChangeChanged, Old: string(a), New: string(b)})
}

func diffEntities(out []Change, name string, oldIDs, newIDs []string, oldAt, newAt func(int) any) []Change {
	newIndex := make(map[string]int, len(newIDs))
	for i := len(newIDs) - 1; i >= 0; i-- {
		newIndex[newIDs[i]] = i
	}
	oldSeen := make(map[string]bool, len(oldIDs))
	for i, id := range oldIDs {
		if oldSeen[id] {
			continue
		}
		oldSeen[id] = true
		path := name + "[" + id + "]"
		j, ok := newIndex[id]
		if !ok {
			out = append(out, Change{Path: path, Op: ChangeRemoved, Old: string(marshal(oldAt(i)))})
			continue
		}
		out = diffFields(out, path, marshal(oldAt(i)), marshal(newAt(j)))
	}
	for j, id := range newIDs {
		if oldSeen[id] {
			continue
		}
		oldSeen[id] = true
		out = append(out, Change{Path: name + "[" + id + "]", Op: ChangeAdded, New: string(marshal(newAt(j)))})
	}
	return out
}

// diffFields compares two JSON objects field by field, in sorted order of
// the field names.
func diffFields(out []Change, path string, a, b []byte) []Change {
	if bytes.Equal(a, b) {
		return out
	}
	var ma, mb map[string]json.RawMessage
	if json.Unmarshal(a, &ma) != nil || json.Unmarshal(b, &mb) != nil {
		return appendFieldChange(out, path, a, b)
	}
	keys := make([]string, 0, len(ma)+len(mb))
	for k := range ma {
		keys = append(keys, k)
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		out = appendFieldChange(out, path+"."+k, ma[k], mb[k])
	}
	return out
}
