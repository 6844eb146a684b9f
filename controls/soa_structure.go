package controls

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Validate checks that the SoA is well formed: valid ids and refs, known
// enum values, a catalog id, entries with a control id and no control
// listed twice. An entry may leave Applicability empty (not decided yet), so
// that a draft can be stored while people work on it. Validate does not
// judge the decisions; that is ValidateSoA's job. The error lists every
// problem and answers errors.Is(err, isms.ErrInvalid). Storage calls
// Validate before each write.
func (s *SoA) Validate() error {
	if err := s.problems().Err("soa " + string(s.ID)); err != nil {
		return fmt.Errorf("controls: %w", err)
	}
	return nil
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
		ps.Merge("scope_ref", s.ScopeRef.Validate())
	}
	checkTime(&ps, "created_at", s.CreatedAt)
	checkTime(&ps, "updated_at", s.UpdatedAt)
	checkTime(&ps, "approved_at", s.ApprovedAt)
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
		for k, r := range e.InclusionReasons {
			if !r.IsValid() {
				isms.CheckEnum(&ps, entryField(i, fmt.Sprintf("inclusion_reasons[%d]", k)), r, inclusionReasonValues, true)
			} else if slices.Contains(e.InclusionReasons[:k], r) {
				ps.Addf(entryField(i, fmt.Sprintf("inclusion_reasons[%d]", k)), isms.CodeDuplicate, "reason %q is repeated", r)
			}
		}
		if e.ExclusionReason != "" && !e.ExclusionReason.IsValid() {
			isms.CheckEnum(&ps, entryField(i, "exclusion_reason"), e.ExclusionReason, exclusionReasonValues, false)
		}
		if e.Status != "" && !e.Status.IsValid() {
			isms.CheckEnum(&ps, entryField(i, "implementation_status"), e.Status, implementationStatusValues, false)
		}
		if !e.PlannedDate.IsZero() {
			if y := e.PlannedDate.UTC().Year(); y < 1 || y > 9999 {
				checkTime(&ps, entryField(i, "planned_date"), e.PlannedDate)
			}
		}
		checkRefs(&ps, i, "risks", e.Risks)
		checkRefs(&ps, i, "evidence", e.Evidence)
	}
	return ps
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

// checkTime reports a time that RFC 3339 cannot carry once stored in UTC.
func checkTime(ps *isms.Problems, field string, t time.Time) {
	if t.IsZero() {
		return
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		ps.Addf(field, isms.CodeOutOfRange, "year %d is outside 1 to 9999", y)
	}
}

func checkRefs(ps *isms.Problems, entry int, name string, refs []isms.Ref) {
	for k, r := range refs {
		if refOK(r) {
			// valid
		} else if err := r.Validate(); err != nil {
			ps.Merge(entryField(entry, fmt.Sprintf("%s[%d]", name, k)), err)
			continue
		}
		if slices.Contains(refs[:k], r) {
			ps.Addf(entryField(entry, fmt.Sprintf("%s[%d]", name, k)), isms.CodeDuplicate, "%s is repeated", r)
		}
	}
}

func entryField(i int, name string) string {
	return isms.JoinField(fmt.Sprintf("entries[%d]", i), name)
}
