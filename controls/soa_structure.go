package controls

import (
	"fmt"
	"unicode/utf8"

	"github.com/ismskit/ismskit/isms"
)

// Validate checks that the SoA is well formed: valid ids and refs, known
// enum values, a catalog id, entries with a control id and no control
// listed twice, no reason, risk or evidence listed twice in an entry, times
// in the years 1 to 9999 and text in valid UTF-8. What Validate accepts,
// WriteSoA writes and ReadSoA reads back equal.
//
// An entry may leave Applicability empty (not decided yet), so that a
// draft can be stored while people work on it. Validate does not judge the
// decisions; that is CheckSoA's job. The error is an *isms.ValidationError
// whose Subject is "soa <id>"; it lists every problem and answers
// errors.Is(err, isms.ErrInvalid). A nil SoA is invalid. The time taken is
// linear in the size of the SoA. Storage calls Validate before each write.
func (s *SoA) Validate() error {
	if s == nil {
		var ps isms.Problems
		ps.Add("", isms.CodeRequired, "the SoA is nil")
		return ps.Err("soa")
	}
	return s.problems().Err(soaSubject(s.ID))
}

func soaSubject(id isms.ID) string {
	if id == "" || !utf8.ValidString(string(id)) {
		return "soa"
	}
	return "soa " + string(id)
}

// problems returns the structural problems of s. Field names are formatted
// only for problems, so validating a clean SoA allocates little.
func (s *SoA) problems() isms.Problems {
	return s.structure(&entryIndex{first: newIDIndex(nil)}, nil)
}

// entryIndex is what structure learns about the entries.
type entryIndex struct {
	// first gives, for each control id, the index of the control's first
	// entry with a valid id.
	first idIndex
	// isFirst marks those entries and pos holds each entry's position in
	// the catalog (-1 when not in it); structure fills them when not nil.
	isFirst []bool
	pos     []int
}

// structure checks the structure of s, fills ix and returns the problems.
// When dup is not nil it is called for each later entry of an already seen
// control, which is then not reported as a problem.
func (s *SoA) structure(ix *entryIndex, dup func(i, j int)) isms.Problems {
	var ps isms.Problems
	if s.ID != "" && !idOK(s.ID) {
		if err := s.ID.Validate(); err != nil {
			ps.Add("id", isms.CodeMalformed, err.Error())
		}
	}
	if s.CatalogID == "" {
		ps.Add("catalog_id", isms.CodeRequired, "catalog_id is required")
	} else if !idOK(s.CatalogID) {
		if err := s.CatalogID.Validate(); err != nil {
			ps.Add("catalog_id", isms.CodeMalformed, err.Error())
		}
	}
	if !s.ScopeRef.IsZero() && !refOK(s.ScopeRef) {
		if err := s.ScopeRef.Validate(); err != nil {
			ps.Merge("scope_ref", err)
		} else if !utf8.ValidString(s.ScopeRef.Kind) {
			ps.Add("scope_ref.kind", isms.CodeMalformed, "kind is not valid UTF-8")
		}
	}
	isms.CheckTime(&ps, "created_at", s.CreatedAt)
	isms.CheckTime(&ps, "updated_at", s.UpdatedAt)
	isms.CheckTime(&ps, "approved_at", s.ApprovedAt)
	for _, f := range [...]struct{ name, v string }{
		{"title", s.Title}, {"scope", s.Scope}, {"catalog_version", s.CatalogVersion},
		{"version", s.Version}, {"approved_by", s.ApprovedBy},
	} {
		checkText(&ps, f.name, f.v)
	}
	var refs refSet
	for i := range s.Entries {
		e := &s.Entries[i]
		switch {
		case e.ControlID == "":
			ps.Add(entryField(i, "control_id"), isms.CodeRequired, "control_id is required")
		case !idOK(e.ControlID) && e.ControlID.Validate() != nil:
			ps.Add(entryField(i, "control_id"), isms.CodeMalformed, e.ControlID.Validate().Error())
		default:
			pos := ix.first.lookup(e.ControlID)
			if ix.pos != nil {
				ix.pos[i] = pos
			}
			if j, seen := ix.first.getOrSetAt(pos, e.ControlID, i); !seen {
				if ix.isFirst != nil {
					ix.isFirst[i] = true
				}
			} else if dup != nil {
				dup(i, j)
			} else {
				ps.Addf(entryField(i, "control_id"), isms.CodeDuplicate, "control %s already has entries[%d]", e.ControlID, j)
			}
		}
		if e.Applicability != "" && !e.Applicability.IsValid() {
			isms.CheckEnum(&ps, entryField(i, "applicability"), e.Applicability, applicabilityValues, false)
		}
		var seenReasons uint8 // bit k: inclusionReasonValues[k] seen
		for k, r := range e.InclusionReasons {
			bit := reasonBit(r)
			switch {
			case bit == 0:
				isms.CheckEnum(&ps, entryField(i, fmt.Sprintf("inclusion_reasons[%d]", k)), r, inclusionReasonValues, true)
			case seenReasons&bit != 0:
				ps.Addf(entryField(i, fmt.Sprintf("inclusion_reasons[%d]", k)), isms.CodeDuplicate, "reason %q is repeated", r)
			default:
				seenReasons |= bit
			}
		}
		if e.ExclusionReason != "" && !e.ExclusionReason.IsValid() {
			isms.CheckEnum(&ps, entryField(i, "exclusion_reason"), e.ExclusionReason, exclusionReasonValues, false)
		}
		if e.Status != "" && !e.Status.IsValid() {
			isms.CheckEnum(&ps, entryField(i, "implementation_status"), e.Status, implementationStatusValues, false)
		}
		if !e.PlannedDate.IsZero() {
			// The field name is formatted only when the time is bad.
			var tp isms.Problems
			if isms.CheckTime(&tp, "", e.PlannedDate); len(tp) > 0 {
				isms.CheckTime(&ps, entryField(i, "planned_date"), e.PlannedDate)
			}
		}
		refs.check(&ps, i, "risks", e.Risks)
		refs.check(&ps, i, "evidence", e.Evidence)
		if !isASCIIText(e.Justification) || !isASCIIText(e.Provider) || !isASCIIText(e.Owner) || !isASCIIText(e.Notes) {
			checkText(&ps, entryField(i, "justification"), e.Justification)
			checkText(&ps, entryField(i, "provider"), e.Provider)
			checkText(&ps, entryField(i, "owner"), e.Owner)
			checkText(&ps, entryField(i, "notes"), e.Notes)
		}
	}
	return ps
}

// isASCIIText reports whether s is ASCII, and so valid UTF-8: the fast path
// of checkText for the common case.
func isASCIIText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// reasonBit returns the bit of a known inclusion reason, or 0.
func reasonBit(r InclusionReason) uint8 {
	for k, v := range inclusionReasonValues {
		if v == r {
			return 1 << k
		}
	}
	return 0
}

// idIndex maps control ids to ints. Ids of the catalog go through the
// catalog's own index into a slice (no new keys are hashed or stored);
// others, and every id when there is no catalog, go into a map.
type idIndex struct {
	cat   *Catalog
	pos   []int // by catalog position: value+1, 0 when unset
	other map[isms.ID]int
}

func newIDIndex(cat *Catalog) idIndex {
	return idIndex{cat: cat, pos: make([]int, cat.Len())}
}

// lookup returns the catalog position of id, or -1. Pass it to the ...At
// methods to look id up once.
func (x *idIndex) lookup(id isms.ID) int { return x.cat.Index(id) }

// get returns the value of id, and whether it is set.
func (x *idIndex) get(id isms.ID) (int, bool) { return x.getAt(x.lookup(id), id) }

// getAt is get for an id whose catalog position is pos.
func (x *idIndex) getAt(pos int, id isms.ID) (int, bool) {
	if pos >= 0 {
		return x.pos[pos] - 1, x.pos[pos] != 0
	}
	v, ok := x.other[id]
	return v, ok
}

// getOrSetAt returns the value of id (whose catalog position is pos) when
// it is set, and otherwise sets it to v.
func (x *idIndex) getOrSetAt(pos int, id isms.ID, v int) (int, bool) {
	if pos >= 0 {
		if x.pos[pos] != 0 {
			return x.pos[pos] - 1, true
		}
		x.pos[pos] = v + 1
		return v, false
	}
	if old, ok := x.other[id]; ok {
		return old, true
	}
	if x.other == nil {
		x.other = make(map[isms.ID]int)
	}
	x.other[id] = v
	return v, false
}

// idOK is a fast path of isms.ID.Validate: an id of printable ASCII
// without spaces is valid. Other ids need the full check.
func idOK(id isms.ID) bool {
	if id == "" || len(id) > isms.MaxIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

// refOK is a fast path of isms.Ref.Validate: a kind of printable ASCII
// without spaces or slashes and an id that passes idOK make a valid Ref.
func refOK(r isms.Ref) bool {
	if r.Kind == "" || !idOK(r.ID) {
		return false
	}
	for i := 0; i < len(r.Kind); i++ {
		if c := r.Kind[i]; c <= ' ' || c > '~' || c == '/' {
			return false
		}
	}
	return true
}

// refSet finds repeated refs in the lists of one entry. Short lists are
// compared pairwise (no allocation); longer ones go through a map that is
// reused from entry to entry, so the check stays linear in the list.
type refSet struct{ seen map[isms.Ref]struct{} }

// refSetMin is the list length from which refSet uses its map.
const refSetMin = 16

func (rs *refSet) check(ps *isms.Problems, entry int, name string, refs []isms.Ref) {
	if len(refs) >= refSetMin {
		if rs.seen == nil {
			rs.seen = make(map[isms.Ref]struct{}, len(refs))
		}
		clear(rs.seen)
	}
	for k, r := range refs {
		if !refOK(r) {
			if err := r.Validate(); err != nil {
				ps.Merge(entryField(entry, fmt.Sprintf("%s[%d]", name, k)), err)
				continue
			}
			if !utf8.ValidString(r.Kind) {
				ps.Add(entryField(entry, fmt.Sprintf("%s[%d].kind", name, k)), isms.CodeMalformed, "kind is not valid UTF-8")
				continue
			}
		}
		var dup bool
		if len(refs) >= refSetMin {
			_, dup = rs.seen[r]
			rs.seen[r] = struct{}{}
		} else {
			for _, o := range refs[:k] {
				if o == r {
					dup = true
					break
				}
			}
		}
		if dup {
			ps.Addf(entryField(entry, fmt.Sprintf("%s[%d]", name, k)), isms.CodeDuplicate, "%s is repeated", r)
		}
	}
}

func entryField(i int, name string) string {
	return isms.JoinField(fmt.Sprintf("entries[%d]", i), name)
}
