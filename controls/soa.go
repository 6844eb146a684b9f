package controls

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// KindSoA is the storage kind and Ref kind of a Statement of Applicability.
const KindSoA = "soa"

// Entry is the SoA's decision about one control.
type Entry struct {
	// ControlID is the id of the control in the SoA's catalog.
	ControlID isms.ID `json:"control_id"`
	// Applicability says whether the control is included, excluded or
	// inherited from a provider; empty while the decision is pending.
	Applicability Applicability `json:"applicability,omitempty"`
	// InclusionReasons says why an included control is included.
	InclusionReasons []InclusionReason `json:"inclusion_reasons,omitempty"`
	// Risks names the risks whose treatment selected the control (with
	// ReasonRiskTreatment), as Refs such as {Kind: "risk", ID: "R-12"}.
	Risks []isms.Ref `json:"risks,omitempty"`
	// ExclusionReason classifies why an excluded control is excluded.
	ExclusionReason ExclusionReason `json:"exclusion_reason,omitempty"`
	// Justification is the written justification: required for an
	// exclusion, and welcome for an inclusion (which law, which contract).
	Justification string `json:"justification,omitempty"`
	// Provider names who implements an inherited control.
	Provider string `json:"provider,omitempty"`
	// Status says how far the control is implemented.
	Status ImplementationStatus `json:"implementation_status,omitempty"`
	// Owner is the person or role accountable for the control.
	Owner string `json:"owner,omitempty"`
	// PlannedDate is when a planned or partial control is due to be
	// implemented.
	PlannedDate time.Time `json:"planned_date,omitzero"`
	// Evidence points at the evidence of the implementation.
	Evidence []isms.Ref `json:"evidence,omitempty"`
	// Notes holds anything else worth recording.
	Notes string `json:"notes,omitempty"`
}

// Ref returns the Ref of the entry's control.
func (e Entry) Ref() isms.Ref { return isms.Ref{Kind: KindControl, ID: e.ControlID} }

// clone returns a copy of e that shares no memory with it.
func (e Entry) clone() Entry {
	e.InclusionReasons = slices.Clone(e.InclusionReasons)
	e.Risks = slices.Clone(e.Risks)
	e.Evidence = slices.Clone(e.Evidence)
	return e
}

// SoA is a Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d)): for
// every control of a catalog, whether it is included and why, whether it is
// implemented, and why any control is excluded. It is a versioned, approved
// document; store it with a store.Repository[SoA] under KindSoA.
type SoA struct {
	isms.Meta
	// Title names the document.
	Title string `json:"title,omitempty"`
	// Scope summarises the ISMS scope the SoA covers.
	Scope string `json:"scope,omitempty"`
	// ScopeRef points at the ISMS scope entity, when there is one.
	ScopeRef isms.Ref `json:"scope_ref,omitzero"`
	// CatalogID is the id of the catalog the entries refer to, such as
	// CatalogISO27001_2022.
	CatalogID isms.ID `json:"catalog_id"`
	// CatalogVersion is the version of that catalog.
	CatalogVersion string `json:"catalog_version,omitempty"`
	// Version is the document's own version, such as "1.2".
	Version string `json:"version,omitempty"`
	// ApprovedBy is who approved this version.
	ApprovedBy string `json:"approved_by,omitempty"`
	// ApprovedAt is when this version was approved.
	ApprovedAt time.Time `json:"approved_at,omitzero"`
	// Entries holds one entry per control, conventionally in catalog order.
	Entries []Entry `json:"entries,omitempty"`
}

// NewSoA returns a draft SoA for the catalog: one entry per control, in
// catalog order, with only the control id set and the applicability still
// to be decided by people. A nil catalog gives an empty SoA with no catalog
// id (which Validate refuses until CatalogID is set).
func NewSoA(cat *Catalog) *SoA {
	s := &SoA{CatalogID: cat.ID(), CatalogVersion: cat.Info().Version}
	if n := cat.Len(); n > 0 {
		s.Entries = make([]Entry, n)
		for i, id := range cat.IDs() {
			s.Entries[i].ControlID = id
		}
	}
	return s
}

// Entry returns a pointer to the first entry for the control, so that it
// can be edited in place, or nil when there is none (or s is nil).
func (s *SoA) Entry(id isms.ID) *Entry {
	if s == nil {
		return nil
	}
	for i := range s.Entries {
		if s.Entries[i].ControlID == id {
			return &s.Entries[i]
		}
	}
	return nil
}

// Clone returns a deep copy of s; the clone of a nil SoA is nil.
func (s *SoA) Clone() *SoA {
	if s == nil {
		return nil
	}
	c := *s
	if s.Entries != nil {
		c.Entries = make([]Entry, len(s.Entries))
		for i, e := range s.Entries {
			c.Entries[i] = e.clone()
		}
	}
	return &c
}

// Statuses returns the implementation status of every entry, keyed by
// control id, ready for InferCoverage. An excluded control counts as
// StatusNotApplicable whatever its recorded status; an entry with no status
// is left out (not assessed). When a control has several entries the first
// wins. A nil SoA has no statuses: Statuses returns nil. The values are not
// checked here; InferCoverage refuses unknown ones.
func (s *SoA) Statuses() map[isms.ID]ImplementationStatus {
	if s == nil {
		return nil
	}
	out := make(map[isms.ID]ImplementationStatus, len(s.Entries))
	for _, e := range s.Entries {
		if _, dup := out[e.ControlID]; dup {
			continue
		}
		switch {
		case e.Applicability == NotApplicable:
			out[e.ControlID] = StatusNotApplicable
		case e.Status != "":
			out[e.ControlID] = e.Status
		}
	}
	return out
}
