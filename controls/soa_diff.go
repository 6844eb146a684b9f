package controls

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// FieldChange is one field that differs between two versions, with both
// values rendered as text: lists are sorted and joined with ", ", refs are
// "kind/id", times are RFC 3339 in UTC, and an absent value is "".
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// EntryChange lists the fields that changed in one control's entry.
type EntryChange struct {
	ControlID isms.ID       `json:"control_id"`
	Fields    []FieldChange `json:"fields"`
}

// SoADiff is the difference between two versions of an SoA.
type SoADiff struct {
	// OldVersion and NewVersion are the documents' Version fields.
	OldVersion string `json:"old_version,omitempty"`
	NewVersion string `json:"new_version,omitempty"`
	// Document lists the changed document fields (title, scope, catalog,
	// version, approval), in a fixed order.
	Document []FieldChange `json:"document,omitempty"`
	// Added holds the entries only the new version has; Removed those only
	// the old one has; Changed the entries whose fields differ. Each is in
	// CompareIDs order of control id.
	Added   []Entry       `json:"added,omitempty"`
	Removed []Entry       `json:"removed,omitempty"`
	Changed []EntryChange `json:"changed,omitempty"`
}

// IsEmpty reports whether the two versions record the same decisions. A
// nil diff is empty.
func (d *SoADiff) IsEmpty() bool {
	if d == nil {
		return true
	}
	return len(d.Document) == 0 && len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Changed) == 0
}

// DiffSoA compares two versions of an SoA, from the older to the newer,
// field by field. Bookkeeping (isms.Meta) is not compared. Lists (reasons,
// risks, evidence) compare as sets: reordering them is not a change. When a
// version has several entries for a control, its first entry is used. A nil
// SoA counts as an empty one.
func DiffSoA(from, to *SoA) *SoADiff {
	if from == nil {
		from = &SoA{}
	}
	if to == nil {
		to = &SoA{}
	}
	d := &SoADiff{OldVersion: from.Version, NewVersion: to.Version}
	for _, f := range []struct {
		name     string
		old, new string
	}{
		{"title", from.Title, to.Title},
		{"scope", from.Scope, to.Scope},
		{"scope_ref", from.ScopeRef.String(), to.ScopeRef.String()},
		{"catalog_id", string(from.CatalogID), string(to.CatalogID)},
		{"catalog_version", from.CatalogVersion, to.CatalogVersion},
		{"version", from.Version, to.Version},
		{"approved_by", from.ApprovedBy, to.ApprovedBy},
		{"approved_at", formatTime(from.ApprovedAt), formatTime(to.ApprovedAt)},
	} {
		if f.old != f.new {
			d.Document = append(d.Document, FieldChange{Field: f.name, Old: f.old, New: f.new})
		}
	}
	olds, news := firstEntries(from), firstEntries(to)
	for _, id := range sortedKeys(news) {
		n := news[id]
		o, ok := olds[id]
		if !ok {
			d.Added = append(d.Added, n.clone())
			continue
		}
		if fs := diffEntry(o, n); len(fs) > 0 {
			d.Changed = append(d.Changed, EntryChange{ControlID: id, Fields: fs})
		}
	}
	for _, id := range sortedKeys(olds) {
		if _, ok := news[id]; !ok {
			d.Removed = append(d.Removed, olds[id].clone())
		}
	}
	return d
}

func firstEntries(s *SoA) map[isms.ID]*Entry {
	m := make(map[isms.ID]*Entry, len(s.Entries))
	for i := range s.Entries {
		if _, ok := m[s.Entries[i].ControlID]; !ok {
			m[s.Entries[i].ControlID] = &s.Entries[i]
		}
	}
	return m
}

func sortedKeys(m map[isms.ID]*Entry) []isms.ID {
	ids := make([]isms.ID, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, CompareIDs)
	return ids
}

// diffEntry returns the fields of o and n that differ, in a fixed order.
func diffEntry(o, n *Entry) []FieldChange {
	var out []FieldChange
	for _, f := range []struct {
		name     string
		old, new string
	}{
		{"applicability", string(o.Applicability), string(n.Applicability)},
		{"inclusion_reasons", sortedValues(o.InclusionReasons), sortedValues(n.InclusionReasons)},
		{"risks", sortedRefs(o.Risks), sortedRefs(n.Risks)},
		{"exclusion_reason", string(o.ExclusionReason), string(n.ExclusionReason)},
		{"justification", o.Justification, n.Justification},
		{"provider", o.Provider, n.Provider},
		{"implementation_status", string(o.Status), string(n.Status)},
		{"owner", o.Owner, n.Owner},
		{"planned_date", formatTime(o.PlannedDate), formatTime(n.PlannedDate)},
		{"evidence", sortedRefs(o.Evidence), sortedRefs(n.Evidence)},
		{"notes", o.Notes, n.Notes},
	} {
		if f.old != f.new {
			out = append(out, FieldChange{Field: f.name, Old: f.old, New: f.new})
		}
	}
	return out
}

func sortedValues[T ~string](vs []T) string {
	s := slices.Clone(vs)
	slices.Sort(s)
	s = slices.Compact(s)
	return joinValues(s)
}

func sortedRefs(refs []isms.Ref) string {
	s := slices.Clone(refs)
	slices.SortFunc(s, isms.Ref.Compare)
	s = slices.Compact(s)
	return joinRefs(s)
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// String renders the diff as text, one line per change, for logs and
// review comments. Values are quoted as Go strings (strconv.Quote), so a
// value holding a line break stays on its line. A nil diff renders as "".
func (d *SoADiff) String() string {
	if d == nil {
		return ""
	}
	var b strings.Builder
	for _, f := range d.Document {
		b.WriteString("~ document " + f.Field + ": " + quote(f.Old) + " -> " + quote(f.New) + "\n")
	}
	for _, e := range d.Added {
		b.WriteString("+ " + string(e.ControlID) + " " + string(e.Applicability) + "\n")
	}
	for _, e := range d.Removed {
		b.WriteString("- " + string(e.ControlID) + " " + string(e.Applicability) + "\n")
	}
	for _, c := range d.Changed {
		for _, f := range c.Fields {
			b.WriteString("~ " + string(c.ControlID) + " " + f.Field + ": " + quote(f.Old) + " -> " + quote(f.New) + "\n")
		}
	}
	return b.String()
}

// quote renders a value for String: Go-quoted, so that line breaks and
// other control characters in it cannot break the one-line-per-change
// form.
func quote(s string) string {
	if s == "" {
		return "(none)"
	}
	return strconv.Quote(s)
}
