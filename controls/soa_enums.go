package controls

import (
	"slices"
)

// Applicability says whether a control applies to the ISMS.
type Applicability string

// Applicabilities.
const (
	// Applicable: the control is included and the organisation implements it.
	Applicable Applicability = "applicable"
	// NotApplicable: the control is excluded, for a stated reason.
	NotApplicable Applicability = "not_applicable"
	// Inherited: the control is included and a provider (a cloud platform,
	// a parent company, a managed service) implements it.
	Inherited Applicability = "inherited"
)

var applicabilityValues = []Applicability{Applicable, NotApplicable, Inherited}

// ApplicabilityValues returns every Applicability.
func ApplicabilityValues() []Applicability { return slices.Clone(applicabilityValues) }

// IsValid reports whether a is a known Applicability.
func (a Applicability) IsValid() bool { return slices.Contains(applicabilityValues, a) }

// Included reports whether a includes the control (applicable or inherited).
func (a Applicability) Included() bool { return a == Applicable || a == Inherited }

// UnmarshalText accepts only known applicabilities.
func (a *Applicability) UnmarshalText(b []byte) error {
	return unmarshalEnum(a, "applicability", b, applicabilityValues)
}

// InclusionReason says why a control is included (ISO/IEC 27001:2022
// 6.1.3 d) asks for the justification of every inclusion).
type InclusionReason string

// Inclusion reasons.
const (
	// ReasonRiskTreatment: a risk treatment selected the control; the
	// entry's Risks name the risks.
	ReasonRiskTreatment InclusionReason = "risk_treatment"
	// ReasonLegalRegulatory: a law or regulation requires it.
	ReasonLegalRegulatory InclusionReason = "legal_regulatory"
	// ReasonContractual: a contract or customer requirement asks for it.
	ReasonContractual InclusionReason = "contractual"
	// ReasonBusinessRequirement: the organisation's own requirements or
	// policies ask for it.
	ReasonBusinessRequirement InclusionReason = "business_requirement"
	// ReasonBestPractice: it is adopted as good practice.
	ReasonBestPractice InclusionReason = "best_practice"
)

var inclusionReasonValues = []InclusionReason{
	ReasonRiskTreatment, ReasonLegalRegulatory, ReasonContractual, ReasonBusinessRequirement, ReasonBestPractice,
}

// InclusionReasonValues returns every InclusionReason.
func InclusionReasonValues() []InclusionReason { return slices.Clone(inclusionReasonValues) }

// IsValid reports whether r is a known InclusionReason.
func (r InclusionReason) IsValid() bool { return slices.Contains(inclusionReasonValues, r) }

// UnmarshalText accepts only known inclusion reasons.
func (r *InclusionReason) UnmarshalText(b []byte) error {
	return unmarshalEnum(r, "inclusion reason", b, inclusionReasonValues)
}

// ExclusionReason classifies why a control is excluded. The written
// Justification of the entry says the rest.
type ExclusionReason string

// Exclusion reasons.
const (
	// ExcludedOutsideScope: what the control protects is outside the ISMS scope.
	ExcludedOutsideScope ExclusionReason = "outside_scope"
	// ExcludedNoAssetOrTechnology: the organisation has no such asset or
	// technology (no premises, no wireless network, no removable media).
	ExcludedNoAssetOrTechnology ExclusionReason = "no_asset_or_technology"
	// ExcludedFunctionNotPerformed: the organisation does not perform the
	// activity (no software development, no outsourced development).
	ExcludedFunctionNotPerformed ExclusionReason = "function_not_performed"
	// ExcludedRequirementNotApplicable: no risk, law, contract or business
	// requirement calls for the control.
	ExcludedRequirementNotApplicable ExclusionReason = "requirement_not_applicable"
	// ExcludedCoveredByOtherControl: another control already treats the
	// risks; the justification names it.
	ExcludedCoveredByOtherControl ExclusionReason = "covered_by_other_control"
)

var exclusionReasonValues = []ExclusionReason{
	ExcludedOutsideScope, ExcludedNoAssetOrTechnology, ExcludedFunctionNotPerformed,
	ExcludedRequirementNotApplicable, ExcludedCoveredByOtherControl,
}

// ExclusionReasonValues returns every ExclusionReason.
func ExclusionReasonValues() []ExclusionReason { return slices.Clone(exclusionReasonValues) }

// IsValid reports whether r is a known ExclusionReason.
func (r ExclusionReason) IsValid() bool { return slices.Contains(exclusionReasonValues, r) }

// UnmarshalText accepts only known exclusion reasons.
func (r *ExclusionReason) UnmarshalText(b []byte) error {
	return unmarshalEnum(r, "exclusion reason", b, exclusionReasonValues)
}

// ImplementationStatus says how far a control is implemented. The values
// are OSCAL's implementation-status states.
type ImplementationStatus string

// Implementation statuses.
const (
	// StatusImplemented: the control is fully in place.
	StatusImplemented ImplementationStatus = "implemented"
	// StatusPartial: the control is partly in place.
	StatusPartial ImplementationStatus = "partial"
	// StatusPlanned: the control is planned; the entry's PlannedDate says when.
	StatusPlanned ImplementationStatus = "planned"
	// StatusAlternative: an alternative (compensating) implementation meets
	// the control's objective.
	StatusAlternative ImplementationStatus = "alternative"
	// StatusNotApplicable: there is nothing to implement (excluded control).
	StatusNotApplicable ImplementationStatus = "not_applicable"
)

var implementationStatusValues = []ImplementationStatus{
	StatusImplemented, StatusPartial, StatusPlanned, StatusAlternative, StatusNotApplicable,
}

// ImplementationStatusValues returns every ImplementationStatus.
func ImplementationStatusValues() []ImplementationStatus {
	return slices.Clone(implementationStatusValues)
}

// IsValid reports whether s is a known ImplementationStatus.
func (s ImplementationStatus) IsValid() bool { return slices.Contains(implementationStatusValues, s) }

// UnmarshalText accepts only known implementation statuses.
func (s *ImplementationStatus) UnmarshalText(b []byte) error {
	return unmarshalEnum(s, "implementation status", b, implementationStatusValues)
}
