package isms

import "slices"

// PartyKind says what an interested party is.
type PartyKind string

// Kinds of interested parties.
const (
	PartyCustomer    PartyKind = "customer"
	PartyRegulator   PartyKind = "regulator"
	PartySupplier    PartyKind = "supplier"
	PartyEmployee    PartyKind = "employee"
	PartyShareholder PartyKind = "shareholder"
	PartyPartner     PartyKind = "partner"
	PartyPublic      PartyKind = "public"
	PartyOther       PartyKind = "other"
)

var partyKindValues = []PartyKind{
	PartyCustomer, PartyRegulator, PartySupplier, PartyEmployee,
	PartyShareholder, PartyPartner, PartyPublic, PartyOther,
}

// PartyKindValues returns every PartyKind.
func PartyKindValues() []PartyKind { return slices.Clone(partyKindValues) }

// IsValid reports whether k is a known PartyKind.
func (k PartyKind) IsValid() bool { return slices.Contains(partyKindValues, k) }

// UnmarshalText accepts only known kinds.
func (k *PartyKind) UnmarshalText(b []byte) error {
	return UnmarshalEnum(k, "interested party kind", b, partyKindValues)
}

// PartyRequirementType says where a requirement of an interested party
// comes from.
type PartyRequirementType string

// Types of interested parties' requirements.
const (
	// PartyRequirementLegal comes from a law.
	PartyRequirementLegal PartyRequirementType = "legal"
	// PartyRequirementRegulatory comes from a regulator or a binding
	// standard imposed by one.
	PartyRequirementRegulatory PartyRequirementType = "regulatory"
	// PartyRequirementContractual comes from a contract.
	PartyRequirementContractual PartyRequirementType = "contractual"
	// PartyRequirementOther is any other need or expectation.
	PartyRequirementOther PartyRequirementType = "other"
)

var requirementTypeValues = []PartyRequirementType{
	PartyRequirementLegal, PartyRequirementRegulatory, PartyRequirementContractual, PartyRequirementOther,
}

// PartyRequirementTypeValues returns every PartyRequirementType.
func PartyRequirementTypeValues() []PartyRequirementType { return slices.Clone(requirementTypeValues) }

// IsValid reports whether t is a known PartyRequirementType.
func (t PartyRequirementType) IsValid() bool { return slices.Contains(requirementTypeValues, t) }

// UnmarshalText accepts only known types.
func (t *PartyRequirementType) UnmarshalText(b []byte) error {
	return UnmarshalEnum(t, "requirement type", b, requirementTypeValues)
}

// InterestedParty is a party relevant to the ISMS and its requirements
// (ISO/IEC 27001:2022 clause 4.2).
type InterestedParty struct {
	Meta
	// Name is required.
	Name string `json:"name"`
	// Kind is required.
	Kind        PartyKind `json:"kind"`
	Description string    `json:"description,omitempty"`
	// Contact is how to reach the party, such as a person or an address.
	Contact string `json:"contact,omitempty"`
	// Requirements are the party's relevant requirements (4.2 b).
	Requirements []PartyRequirement `json:"requirements,omitzero"`
}

// PartyRequirement is one requirement of an interested party, and whether
// the ISMS addresses it (4.2 c).
type PartyRequirement struct {
	// Description is required.
	Description string `json:"description"`
	// Type is required.
	Type PartyRequirementType `json:"type"`
	// Source names where the requirement comes from, such as "GDPR" or
	// "master services agreement 2024".
	Source string `json:"source,omitempty"`
	// Reference locates it in the source, such as "Art. 33" or a URL.
	Reference string `json:"reference,omitempty"`
	// Addressed reports whether the requirement is addressed through the
	// ISMS.
	Addressed bool `json:"addressed,omitempty"`
	// AddressedBy lists what addresses it (controls, documents,
	// objectives). It must be empty when Addressed is false.
	AddressedBy []Ref `json:"addressed_by,omitzero"`
	// Rationale explains the decision, in particular why a requirement is
	// not addressed through the ISMS.
	Rationale string `json:"rationale,omitempty"`
}

// Validate reports every problem of p: a name and a known kind are
// required; every requirement needs a description and a known type; refs
// must be well formed and listed once, and a requirement not addressed
// through the ISMS cannot name what addresses it. It runs in time linear
// in the size of p. A nil p is an error.
func (p *InterestedParty) Validate() error {
	if p == nil {
		return Invalidf("interested party is nil")
	}
	var ps Problems
	checkMeta(&ps, p.Meta)
	checkRequired(&ps, "name", p.Name)
	CheckEnum(&ps, "kind", p.Kind, partyKindValues, true)
	for i, r := range p.Requirements {
		f := indexField("requirements", i)
		checkRequired(&ps, f+".description", r.Description)
		CheckEnum(&ps, f+".type", r.Type, requirementTypeValues, true)
		checkRefs(&ps, f+".addressed_by", r.AddressedBy, "")
		if !r.Addressed && len(r.AddressedBy) > 0 {
			ps.Add(f+".addressed_by", CodeForbidden, "addressed_by is set but addressed is false")
		}
	}
	return ps.Err(subjectName(KindInterestedParty, p.ID))
}

// ParseInterestedParty decodes a JSON interested party from a user
// strictly (UnmarshalStrict: unknown fields, trailing data, more than
// MaxDocumentSize bytes or MaxDocumentDepth levels are refused) and
// validates it. Every error answers errors.Is(err, ErrInvalid). Stored
// parties are read leniently, for forward compatibility;
// ParseInterestedParty is for documents from users.
func ParseInterestedParty(data []byte) (*InterestedParty, error) {
	return parseEntity[InterestedParty](KindInterestedParty, data)
}
