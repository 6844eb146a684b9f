package controls

import (
	"maps"
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// CoverageLevel is how much of a target control the implementation of the
// mapped source controls covers.
type CoverageLevel string

// Coverage levels, from the most to the least covered.
const (
	// CoverageFull: a source control that is equal to or a superset of the
	// target is implemented (or met by an alternative).
	CoverageFull CoverageLevel = "full"
	// CoveragePartial: some mapped source control is implemented or partly
	// implemented, but none that covers the whole target.
	CoveragePartial CoverageLevel = "partial"
	// CoverageNone: the target is mapped, but no mapped source control is
	// implemented (they are planned or not assessed).
	CoverageNone CoverageLevel = "none"
	// CoverageNotApplicable: every mapped source control is not applicable.
	CoverageNotApplicable CoverageLevel = "not_applicable"
	// CoverageUnmapped: no pair relates any source control to the target.
	CoverageUnmapped CoverageLevel = "unmapped"
)

var coverageLevelValues = []CoverageLevel{
	CoverageFull, CoveragePartial, CoverageNone, CoverageNotApplicable, CoverageUnmapped,
}

// CoverageLevelValues returns every CoverageLevel, most covered first.
func CoverageLevelValues() []CoverageLevel { return slices.Clone(coverageLevelValues) }

// IsValid reports whether l is a known CoverageLevel.
func (l CoverageLevel) IsValid() bool { return slices.Contains(coverageLevelValues, l) }

// UnmarshalText accepts only known coverage levels.
func (l *CoverageLevel) UnmarshalText(b []byte) error {
	return unmarshalEnum(l, "coverage level", b, coverageLevelValues)
}

// rank orders the levels a single pair can contribute.
func (l CoverageLevel) rank() int {
	switch l {
	case CoverageFull:
		return 3
	case CoveragePartial:
		return 2
	case CoverageNone:
		return 1
	}
	return 0
}

// CoverageReason is one pair that explains a derived coverage: the source
// control, its relationship to the target, its status, and what it
// contributes.
type CoverageReason struct {
	Source       isms.ID              `json:"source"`
	Relationship Relationship         `json:"relationship"`
	Status       ImplementationStatus `json:"status,omitempty"`
	Contribution CoverageLevel        `json:"contribution"`
}

// Coverage is the derived coverage of one target control, with the pairs
// that explain it.
type Coverage struct {
	Control isms.ID       `json:"control"`
	Level   CoverageLevel `json:"level"`
	// Because lists every pair with a relationship other than
	// no_relationship that reaches the control, in mapping order.
	Because []CoverageReason `json:"because,omitempty"`
}

// CoverageReport is the result of InferCoverage.
type CoverageReport struct {
	// Mapping, SourceCatalog and TargetCatalog identify the mapping used.
	Mapping       isms.ID `json:"mapping"`
	SourceCatalog isms.ID `json:"source_catalog"`
	TargetCatalog isms.ID `json:"target_catalog"`
	// Items holds one Coverage per target control: in catalog order when
	// CoverageOptions.Target is set, else in CompareIDs order.
	Items []Coverage `json:"items"`
}

// Count returns how many items have the given level (0 for a nil report).
func (r *CoverageReport) Count(l CoverageLevel) int {
	if r == nil {
		return 0
	}
	n := 0
	for _, it := range r.Items {
		if it.Level == l {
			n++
		}
	}
	return n
}

// Item returns the coverage of the target control, and whether the report
// has it (a nil report has none).
func (r *CoverageReport) Item(id isms.ID) (Coverage, bool) {
	if r == nil {
		return Coverage{}, false
	}
	for _, it := range r.Items {
		if it.Control == id {
			return it, true
		}
	}
	return Coverage{}, false
}

// CoverageOptions configures InferCoverage. A nil *CoverageOptions means the
// defaults.
type CoverageOptions struct {
	// Target is the target catalog. When set, the report lists every one of
	// its controls, in catalog order, including those no pair reaches
	// (CoverageUnmapped), and leaves out targets the catalog does not hold.
	// Default: nil, and the report lists the targets the mapping names.
	Target *Catalog `json:"target,omitempty"`
}

// InferCoverage derives coverage in a mapping's target catalog from
// implementation statuses in its source catalog: assess once, report many.
// statuses maps source control ids to their status (SoA.Statuses gives
// them); a source control absent from it is not assessed.
//
// Each pair (source, target, relationship) other than no_relationship
// contributes to its target:
//
//   - full, when the source is implemented or alternative and is equal to
//     or a superset of the target;
//   - partial, when the source is implemented or alternative with any
//     other relationship, or when the source is partial;
//   - none, when the source is planned or not assessed;
//   - nothing, when the source is not applicable.
//
// A target's level is the best contribution it receives; a target whose
// mapped sources are all not applicable is CoverageNotApplicable, and a
// target that no pair reaches is CoverageUnmapped. Every item carries the
// pairs that explain it.
//
// It fails with isms.ErrInvalid when the mapping is nil or invalid, when a
// status is unknown, or when Target's id is not the mapping's target
// catalog. A nil statuses map means nothing is assessed. The time is linear
// in the pairs, the statuses and the target catalog, plus one sort of the
// targets when no Target is given.
func InferCoverage(m *Mapping, statuses map[isms.ID]ImplementationStatus, opts *CoverageOptions) (*CoverageReport, error) {
	if err := m.Validate(); err != nil {
		return nil, wrap("infer coverage", err)
	}
	var ps isms.Problems
	for _, st := range statuses {
		if !st.IsValid() {
			// Report every bad status, in a deterministic order.
			for _, id := range slices.SortedFunc(maps.Keys(statuses), CompareIDs) {
				if st := statuses[id]; !st.IsValid() {
					isms.CheckEnum(&ps, "statuses["+string(id)+"]", st, implementationStatusValues, true)
				}
			}
			break
		}
	}
	var target *Catalog
	if opts != nil {
		target = opts.Target
	}
	if target != nil && target.ID() != m.TargetCatalog {
		ps.Addf("target", isms.CodeUnknown, "mapping %q targets catalog %q, got catalog %q", m.ID, m.TargetCatalog, target.ID())
	}
	if err := ps.Err(""); err != nil {
		return nil, wrap("infer coverage", err)
	}

	// Group the relevant pairs by target, keeping mapping order: slot[t]
	// numbers the targets in order of first appearance, and the pairs of
	// slot k are byTarget[start[k]:start[k+1]] (one backing array).
	slot := make(map[isms.ID]int)
	var order []isms.ID
	var count []int
	relevant := 0
	for _, p := range m.Pairs {
		if p.Relationship == RelNoRelationship {
			continue
		}
		k, seen := slot[p.Target]
		if !seen {
			k = len(order)
			slot[p.Target] = k
			order = append(order, p.Target)
			count = append(count, 0)
		}
		count[k]++
		relevant++
	}
	start := make([]int, len(order)+1)
	for k, n := range count {
		start[k+1] = start[k] + n
		count[k] = 0
	}
	byTarget := make([]int, relevant)
	for i, p := range m.Pairs {
		if p.Relationship == RelNoRelationship {
			continue
		}
		k := slot[p.Target]
		byTarget[start[k]+count[k]] = i
		count[k]++
	}
	if target != nil {
		order = target.IDs()
	} else {
		slices.SortFunc(order, CompareIDs)
	}

	rep := &CoverageReport{
		Mapping:       m.ID,
		SourceCatalog: m.SourceCatalog,
		TargetCatalog: m.TargetCatalog,
		Items:         make([]Coverage, len(order)),
	}
	reasons := make([]CoverageReason, 0, relevant)
	for n, id := range order {
		item := Coverage{Control: id, Level: CoverageUnmapped}
		if k, ok := slot[id]; ok {
			from := len(reasons)
			best := CoverageNotApplicable
			for _, i := range byTarget[start[k]:start[k+1]] {
				p := &m.Pairs[i]
				st := statuses[p.Source]
				c := contribution(st, p.Relationship)
				reasons = append(reasons, CoverageReason{Source: p.Source, Relationship: p.Relationship, Status: st, Contribution: c})
				if c.rank() > best.rank() {
					best = c
				}
			}
			item.Level = best
			item.Because = reasons[from:len(reasons):len(reasons)]
		}
		rep.Items[n] = item
	}
	return rep, nil
}

// contribution is what one source with status st, related to its target by
// rel, contributes to the target's coverage.
func contribution(st ImplementationStatus, rel Relationship) CoverageLevel {
	switch st {
	case StatusImplemented, StatusAlternative:
		if rel == RelEqual || rel == RelSupersetOf {
			return CoverageFull
		}
		return CoveragePartial
	case StatusPartial:
		return CoveragePartial
	case StatusNotApplicable:
		return CoverageNotApplicable
	}
	return CoverageNone
}
