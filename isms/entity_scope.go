package isms

import (
	"slices"
	"time"
)

// ScopeItemKind says what a scope boundary item is.
type ScopeItemKind string

// Kinds of scope boundary items.
const (
	// ScopeItemOrganizationalUnit is a part of the organization: a
	// department, a subsidiary, a team.
	ScopeItemOrganizationalUnit ScopeItemKind = "organizational_unit"
	// ScopeItemLocation is a site, an office, a data centre.
	ScopeItemLocation ScopeItemKind = "location"
	// ScopeItemProcess is a business or support process.
	ScopeItemProcess ScopeItemKind = "process"
	// ScopeItemSystem is an information system, an application, a
	// network.
	ScopeItemSystem ScopeItemKind = "system"
	// ScopeItemService is a service the organization provides or runs.
	ScopeItemService ScopeItemKind = "service"
	// ScopeItemOther is anything else that draws the boundary.
	ScopeItemOther ScopeItemKind = "other"
)

var scopeItemKindValues = []ScopeItemKind{
	ScopeItemOrganizationalUnit, ScopeItemLocation, ScopeItemProcess,
	ScopeItemSystem, ScopeItemService, ScopeItemOther,
}

// ScopeItemKindValues returns every ScopeItemKind.
func ScopeItemKindValues() []ScopeItemKind { return slices.Clone(scopeItemKindValues) }

// IsValid reports whether k is a known ScopeItemKind.
func (k ScopeItemKind) IsValid() bool { return slices.Contains(scopeItemKindValues, k) }

// UnmarshalText accepts only known kinds.
func (k *ScopeItemKind) UnmarshalText(b []byte) error {
	return UnmarshalEnum(k, "scope item kind", b, scopeItemKindValues)
}

// ScopeInterfaceKind says whether a ScopeInterface is an interface or a
// dependency.
type ScopeInterfaceKind string

// Kinds of scope interfaces (ISO/IEC 27001:2022 4.3 c).
const (
	// ScopeInterfaceExchange is an interface: the organization and another
	// party exchange information or services at the boundary.
	ScopeInterfaceExchange ScopeInterfaceKind = "interface"
	// ScopeInterfaceDependency is a dependency: an activity inside the
	// scope relies on an activity performed by another party.
	ScopeInterfaceDependency ScopeInterfaceKind = "dependency"
)

var scopeInterfaceKindValues = []ScopeInterfaceKind{ScopeInterfaceExchange, ScopeInterfaceDependency}

// ScopeInterfaceKindValues returns every ScopeInterfaceKind.
func ScopeInterfaceKindValues() []ScopeInterfaceKind {
	return slices.Clone(scopeInterfaceKindValues)
}

// IsValid reports whether k is a known ScopeInterfaceKind.
func (k ScopeInterfaceKind) IsValid() bool { return slices.Contains(scopeInterfaceKindValues, k) }

// UnmarshalText accepts only known kinds.
func (k *ScopeInterfaceKind) UnmarshalText(b []byte) error {
	return UnmarshalEnum(k, "scope interface kind", b, scopeInterfaceKindValues)
}

// Scope is the scope of the ISMS (ISO/IEC 27001:2022 clause 4.3): what it
// covers, what it leaves out and why, and where it meets activities
// performed by others. It is documented information, so it carries a
// version and its approval.
type Scope struct {
	Meta
	// Name is required.
	Name string `json:"name"`
	// Description is the scope statement, as it would appear in a
	// certificate.
	Description string `json:"description,omitempty"`
	// Inclusions are the organizational units, locations, processes and
	// systems inside the boundary.
	Inclusions []ScopeItem `json:"inclusions,omitzero"`
	// Exclusions are what is left out; each needs a justification.
	Exclusions []ScopeItem `json:"exclusions,omitzero"`
	// Interfaces are the interfaces and dependencies between activities
	// performed by the organization and those performed by others.
	Interfaces []ScopeInterface `json:"interfaces,omitzero"`
	// Parties are the interested parties (kind interested_party) whose
	// requirements the scope considers (4.3 b).
	Parties []Ref `json:"parties,omitzero"`
	// Version of the scope document, such as "2.1".
	Version string `json:"version,omitempty"`
	// ApprovedBy and ApprovedAt record the approval; both or neither.
	ApprovedBy string    `json:"approved_by,omitempty"`
	ApprovedAt time.Time `json:"approved_at,omitzero"`
}

// ScopeItem is one item of the scope's boundary: something included, or
// something excluded with a justification.
type ScopeItem struct {
	// Kind is required.
	Kind ScopeItemKind `json:"kind"`
	// Name is required, and unique per kind within a list.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Ref optionally points at the entity the item stands for, such as an
	// asset.
	Ref Ref `json:"ref,omitzero"`
	// Justification says why an item is excluded; it is required for
	// exclusions and optional for inclusions.
	Justification string `json:"justification,omitempty"`
}

// ScopeInterface is a point where an activity inside the scope meets one
// performed by another party, internal or external (4.3 c).
type ScopeInterface struct {
	// Kind is required.
	Kind ScopeInterfaceKind `json:"kind"`
	// Description is required: what crosses the boundary, or what is
	// relied upon.
	Description string `json:"description"`
	// Counterparty is required: who performs the activity on the other
	// side.
	Counterparty string `json:"counterparty"`
	// CounterpartyRef optionally points at the counterparty, such as an
	// interested party or a supplier asset.
	CounterpartyRef Ref `json:"counterparty_ref,omitzero"`
	// InternalActivity is the activity of the organization involved.
	InternalActivity string `json:"internal_activity,omitempty"`
	// ExternalActivity is the activity of the counterparty involved.
	ExternalActivity string `json:"external_activity,omitempty"`
}

// Validate reports every problem of s: a name is required; every item
// needs a known kind and a name, listed once per list; an item cannot be
// both included and excluded; exclusions need a justification; interfaces
// need a kind, a description and a counterparty; refs must be well formed
// (parties of kind interested_party); approval needs both who and when;
// times must lie in years 0001 to 9999 (CheckTime). It runs in time linear
// in the size of s. A nil s is an error.
func (s *Scope) Validate() error {
	if s == nil {
		return Invalidf("scope is nil")
	}
	var ps Problems
	checkMeta(&ps, s.Meta)
	checkRequired(&ps, "name", s.Name)
	included := checkScopeItems(&ps, "inclusions", s.Inclusions, false)
	checkScopeItems(&ps, "exclusions", s.Exclusions, true)
	for i, x := range s.Exclusions {
		if in, ok := included[scopeItemKey{x.Kind, x.Name}]; ok && !blank(x.Name) {
			ps.Addf(indexField("exclusions", i), CodeForbidden, "%s %q is also included (inclusions[%d])", x.Kind, x.Name, in)
		}
	}
	for i, x := range s.Interfaces {
		f := indexField("interfaces", i)
		CheckEnum(&ps, f+".kind", x.Kind, scopeInterfaceKindValues, true)
		checkRequired(&ps, f+".description", x.Description)
		checkRequired(&ps, f+".counterparty", x.Counterparty)
		if !x.CounterpartyRef.IsZero() {
			checkRef(&ps, f+".counterparty_ref", x.CounterpartyRef, "")
		}
	}
	checkRefs(&ps, "parties", s.Parties, KindInterestedParty)
	if blank(s.ApprovedBy) != s.ApprovedAt.IsZero() {
		if s.ApprovedAt.IsZero() {
			ps.Add("approved_at", CodeRequired, "approved_at is required when approved_by is set")
		} else {
			ps.Add("approved_by", CodeRequired, "approved_by is required when approved_at is set")
		}
	}
	CheckTime(&ps, "approved_at", s.ApprovedAt)
	return ps.Err(subjectName(KindScope, s.ID))
}

// ParseScope decodes a JSON scope from a user strictly (UnmarshalStrict:
// unknown fields, trailing data, more than MaxDocumentSize bytes or
// MaxDocumentDepth levels are refused) and validates it. Every error
// answers errors.Is(err, ErrInvalid). Stored scopes are read leniently,
// for forward compatibility; ParseScope is for documents from users.
func ParseScope(data []byte) (*Scope, error) { return parseEntity[Scope](KindScope, data) }

// scopeItemKey identifies a scope item within a list.
type scopeItemKey struct {
	kind ScopeItemKind
	name string
}

// checkScopeItems validates a list of items in one pass and returns the
// index of the first item of each kind and name.
func checkScopeItems(ps *Problems, field string, items []ScopeItem, exclusion bool) map[scopeItemKey]int {
	first := make(map[scopeItemKey]int, len(items))
	for i, x := range items {
		f := indexField(field, i)
		CheckEnum(ps, f+".kind", x.Kind, scopeItemKindValues, true)
		checkRequired(ps, f+".name", x.Name)
		if !x.Ref.IsZero() {
			checkRef(ps, f+".ref", x.Ref, "")
		}
		if exclusion {
			checkRequired(ps, f+".justification", x.Justification)
		}
		if blank(x.Name) {
			continue
		}
		k := scopeItemKey{x.Kind, x.Name}
		if j, dup := first[k]; dup {
			ps.Addf(f, CodeDuplicate, "%s %q is listed twice (first at [%d])", x.Kind, x.Name, j)
		} else {
			first[k] = i
		}
	}
	return first
}
