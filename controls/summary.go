package controls

import (
	"github.com/ismskit/ismskit/isms"
)

// Counts tallies SoA entries by applicability and implementation status.
type Counts struct {
	// Controls is the number of catalog controls counted.
	Controls int `json:"controls"`
	// NoEntry counts controls the SoA has no entry for (or only an entry
	// with an unknown applicability).
	NoEntry int `json:"no_entry"`
	// Undecided counts controls whose entry has no applicability yet.
	Undecided int `json:"undecided"`
	// By applicability.
	Applicable    int `json:"applicable"`
	NotApplicable int `json:"not_applicable"`
	Inherited     int `json:"inherited"`
	// By implementation status, over included (applicable and inherited)
	// controls.
	Implemented int `json:"implemented"`
	Partial     int `json:"partial"`
	Planned     int `json:"planned"`
	Alternative int `json:"alternative"`
	// NoStatus counts included controls with no status (or, wrongly,
	// not_applicable).
	NoStatus int `json:"no_status"`
}

// Included returns the number of applicable and inherited controls.
func (c Counts) Included() int { return c.Applicable + c.Inherited }

// Done returns the number of included controls that are implemented or met
// by an alternative.
func (c Counts) Done() int { return c.Implemented + c.Alternative }

func (c *Counts) add(e *Entry) {
	if e == nil {
		c.NoEntry++
		return
	}
	switch e.Applicability {
	case Applicable:
		c.Applicable++
	case NotApplicable:
		c.NotApplicable++
		return
	case Inherited:
		c.Inherited++
	case "":
		c.Undecided++
		return
	default:
		c.NoEntry++
		return
	}
	switch e.Status {
	case StatusImplemented:
		c.Implemented++
	case StatusPartial:
		c.Partial++
	case StatusPlanned:
		c.Planned++
	case StatusAlternative:
		c.Alternative++
	default:
		c.NoStatus++
	}
}

// GroupCounts is the tally of one top-level group (an ISO/IEC 27001 theme,
// a CSF function).
type GroupCounts struct {
	Group isms.ID `json:"group"`
	Title string  `json:"title"`
	Counts
}

// Summary is an SoA's implementation summary: counts by applicability and
// status, in total and per top-level group of the catalog.
type Summary struct {
	CatalogID isms.ID `json:"catalog_id"`
	Total     Counts  `json:"total"`
	// Groups holds one tally per top-level group, in catalog order.
	Groups []GroupCounts `json:"groups,omitempty"`
	// Ungrouped tallies the catalog controls that belong to no group.
	Ungrouped Counts `json:"ungrouped,omitzero"`
	// NotInCatalog counts entries for controls the catalog does not hold;
	// they are in no other count.
	NotInCatalog int `json:"not_in_catalog,omitempty"`
}

// Summarize tallies the SoA against the catalog: every catalog control is
// counted once, in the group it belongs to, from the SoA's first entry for
// it (a control with no entry, or with an unknown applicability, counts as
// NoEntry; one whose applicability is not decided yet, as Undecided).
func Summarize(s *SoA, cat *Catalog) *Summary {
	sum := &Summary{CatalogID: cat.ID()}
	if s == nil {
		s = &SoA{}
	}
	entries := firstEntries(s)
	top := cat.TopGroups()
	pos := make(map[isms.ID]int, len(top))
	for i, g := range top {
		pos[g.ID] = i
		sum.Groups = append(sum.Groups, GroupCounts{Group: g.ID, Title: g.Title})
	}
	if cat != nil {
		for i := range cat.controls {
			e := entries[cat.controls[i].ID]
			sum.Total.Controls++
			sum.Total.add(e)
			if g := cat.topGroupIndex(i); g >= 0 {
				gc := &sum.Groups[pos[cat.groups[g].ID]]
				gc.Controls++
				gc.add(e)
			} else {
				sum.Ungrouped.Controls++
				sum.Ungrouped.add(e)
			}
		}
	}
	for id := range entries {
		if !cat.Has(id) {
			sum.NotInCatalog++
		}
	}
	return sum
}
