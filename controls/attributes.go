package controls

import (
	"fmt"
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// Attributes are the five attribute types by which ISO/IEC 27002:2022
// classifies controls. The SDK defines the types and their values so that
// users can attach them; it ships no values for any control, because the
// per-control attribute tables of ISO/IEC 27002 are licensed content. Load
// them from your own licensed copy with Catalog.WithAttributes.
type Attributes struct {
	ControlTypes            []ControlType           `json:"control_types,omitempty"`
	SecurityProperties      []SecurityProperty      `json:"security_properties,omitempty"`
	CybersecurityConcepts   []CybersecurityConcept  `json:"cybersecurity_concepts,omitempty"`
	OperationalCapabilities []OperationalCapability `json:"operational_capabilities,omitempty"`
	SecurityDomains         []SecurityDomain        `json:"security_domains,omitempty"`
}

// IsZero reports whether no attribute value is set.
func (a Attributes) IsZero() bool {
	return len(a.ControlTypes) == 0 && len(a.SecurityProperties) == 0 &&
		len(a.CybersecurityConcepts) == 0 && len(a.OperationalCapabilities) == 0 &&
		len(a.SecurityDomains) == 0
}

// Validate reports unknown and repeated values. The error answers
// errors.Is(err, isms.ErrInvalid).
func (a Attributes) Validate() error {
	var ps isms.Problems
	checkEnumList(&ps, "control_types", a.ControlTypes, controlTypeValues)
	checkEnumList(&ps, "security_properties", a.SecurityProperties, securityPropertyValues)
	checkEnumList(&ps, "cybersecurity_concepts", a.CybersecurityConcepts, cybersecurityConceptValues)
	checkEnumList(&ps, "operational_capabilities", a.OperationalCapabilities, operationalCapabilityValues)
	checkEnumList(&ps, "security_domains", a.SecurityDomains, securityDomainValues)
	return ps.Err("attributes")
}

func (a Attributes) clone() Attributes {
	a.ControlTypes = slices.Clone(a.ControlTypes)
	a.SecurityProperties = slices.Clone(a.SecurityProperties)
	a.CybersecurityConcepts = slices.Clone(a.CybersecurityConcepts)
	a.OperationalCapabilities = slices.Clone(a.OperationalCapabilities)
	a.SecurityDomains = slices.Clone(a.SecurityDomains)
	return a
}

// normalized returns a with empty lists set to nil, so that a value and its
// JSON round trip compare equal.
func (a Attributes) normalized() Attributes {
	a.ControlTypes = nilIfEmpty(a.ControlTypes)
	a.SecurityProperties = nilIfEmpty(a.SecurityProperties)
	a.CybersecurityConcepts = nilIfEmpty(a.CybersecurityConcepts)
	a.OperationalCapabilities = nilIfEmpty(a.OperationalCapabilities)
	a.SecurityDomains = nilIfEmpty(a.SecurityDomains)
	return a
}

func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}

// checkEnumList adds a problem for every value of vs that is not in allowed
// or that repeats an earlier one, in one pass.
func checkEnumList[T ~string](ps *isms.Problems, field string, vs, allowed []T) {
	if len(vs) == 0 {
		return
	}
	seen := make(map[T]struct{}, min(len(vs), len(allowed)))
	for i, v := range vs {
		if !slices.Contains(allowed, v) { // allowed is a short, fixed list
			isms.CheckEnum(ps, fmt.Sprintf("%s[%d]", field, i), v, allowed, true)
			continue
		}
		if _, dup := seen[v]; dup {
			ps.Addf(fmt.Sprintf("%s[%d]", field, i), isms.CodeDuplicate, "value %q is repeated", string(v))
			continue
		}
		seen[v] = struct{}{}
	}
}

// ControlType is the ISO/IEC 27002 attribute that says when a control acts
// relative to an incident.
type ControlType string

// Control types.
const (
	ControlTypePreventive ControlType = "preventive"
	ControlTypeDetective  ControlType = "detective"
	ControlTypeCorrective ControlType = "corrective"
)

var controlTypeValues = []ControlType{ControlTypePreventive, ControlTypeDetective, ControlTypeCorrective}

// ControlTypeValues returns every ControlType.
func ControlTypeValues() []ControlType { return slices.Clone(controlTypeValues) }

// IsValid reports whether t is a known ControlType.
func (t ControlType) IsValid() bool { return slices.Contains(controlTypeValues, t) }

// UnmarshalText accepts only known control types.
func (t *ControlType) UnmarshalText(b []byte) error {
	return unmarshalEnum(t, "control type", b, controlTypeValues)
}

// SecurityProperty is the ISO/IEC 27002 attribute that names the property
// of information a control preserves.
type SecurityProperty string

// Information security properties.
const (
	SecurityPropertyConfidentiality SecurityProperty = "confidentiality"
	SecurityPropertyIntegrity       SecurityProperty = "integrity"
	SecurityPropertyAvailability    SecurityProperty = "availability"
)

var securityPropertyValues = []SecurityProperty{SecurityPropertyConfidentiality, SecurityPropertyIntegrity, SecurityPropertyAvailability}

// SecurityPropertyValues returns every SecurityProperty.
func SecurityPropertyValues() []SecurityProperty { return slices.Clone(securityPropertyValues) }

// IsValid reports whether p is a known SecurityProperty.
func (p SecurityProperty) IsValid() bool { return slices.Contains(securityPropertyValues, p) }

// UnmarshalText accepts only known security properties.
func (p *SecurityProperty) UnmarshalText(b []byte) error {
	return unmarshalEnum(p, "security property", b, securityPropertyValues)
}

// CybersecurityConcept is the ISO/IEC 27002 attribute that places a control
// in the concepts of ISO/IEC TS 27110 (which the NIST CSF functions follow).
type CybersecurityConcept string

// Cybersecurity concepts.
const (
	CybersecurityConceptIdentify CybersecurityConcept = "identify"
	CybersecurityConceptProtect  CybersecurityConcept = "protect"
	CybersecurityConceptDetect   CybersecurityConcept = "detect"
	CybersecurityConceptRespond  CybersecurityConcept = "respond"
	CybersecurityConceptRecover  CybersecurityConcept = "recover"
)

var cybersecurityConceptValues = []CybersecurityConcept{
	CybersecurityConceptIdentify, CybersecurityConceptProtect, CybersecurityConceptDetect,
	CybersecurityConceptRespond, CybersecurityConceptRecover,
}

// CybersecurityConceptValues returns every CybersecurityConcept.
func CybersecurityConceptValues() []CybersecurityConcept {
	return slices.Clone(cybersecurityConceptValues)
}

// IsValid reports whether c is a known CybersecurityConcept.
func (c CybersecurityConcept) IsValid() bool { return slices.Contains(cybersecurityConceptValues, c) }

// UnmarshalText accepts only known cybersecurity concepts.
func (c *CybersecurityConcept) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, "cybersecurity concept", b, cybersecurityConceptValues)
}

// OperationalCapability is the ISO/IEC 27002 attribute that views a control
// from the practitioner's side.
type OperationalCapability string

// Operational capabilities.
const (
	CapabilityGovernance                         OperationalCapability = "governance"
	CapabilityAssetManagement                    OperationalCapability = "asset_management"
	CapabilityInformationProtection              OperationalCapability = "information_protection"
	CapabilityHumanResourceSecurity              OperationalCapability = "human_resource_security"
	CapabilityPhysicalSecurity                   OperationalCapability = "physical_security"
	CapabilitySystemAndNetworkSecurity           OperationalCapability = "system_and_network_security"
	CapabilityApplicationSecurity                OperationalCapability = "application_security"
	CapabilitySecureConfiguration                OperationalCapability = "secure_configuration"
	CapabilityIdentityAndAccessManagement        OperationalCapability = "identity_and_access_management"
	CapabilityThreatAndVulnerabilityManagement   OperationalCapability = "threat_and_vulnerability_management"
	CapabilityContinuity                         OperationalCapability = "continuity"
	CapabilitySupplierRelationshipsSecurity      OperationalCapability = "supplier_relationships_security"
	CapabilityLegalAndCompliance                 OperationalCapability = "legal_and_compliance"
	CapabilityInformationSecurityEventManagement OperationalCapability = "information_security_event_management"
	CapabilityInformationSecurityAssurance       OperationalCapability = "information_security_assurance"
)

var operationalCapabilityValues = []OperationalCapability{
	CapabilityGovernance, CapabilityAssetManagement, CapabilityInformationProtection,
	CapabilityHumanResourceSecurity, CapabilityPhysicalSecurity, CapabilitySystemAndNetworkSecurity,
	CapabilityApplicationSecurity, CapabilitySecureConfiguration, CapabilityIdentityAndAccessManagement,
	CapabilityThreatAndVulnerabilityManagement, CapabilityContinuity, CapabilitySupplierRelationshipsSecurity,
	CapabilityLegalAndCompliance, CapabilityInformationSecurityEventManagement, CapabilityInformationSecurityAssurance,
}

// OperationalCapabilityValues returns every OperationalCapability.
func OperationalCapabilityValues() []OperationalCapability {
	return slices.Clone(operationalCapabilityValues)
}

// IsValid reports whether c is a known OperationalCapability.
func (c OperationalCapability) IsValid() bool { return slices.Contains(operationalCapabilityValues, c) }

// UnmarshalText accepts only known operational capabilities.
func (c *OperationalCapability) UnmarshalText(b []byte) error {
	return unmarshalEnum(c, "operational capability", b, operationalCapabilityValues)
}

// SecurityDomain is the ISO/IEC 27002 attribute that groups controls into
// four broad domains.
type SecurityDomain string

// Security domains.
const (
	SecurityDomainGovernanceAndEcosystem SecurityDomain = "governance_and_ecosystem"
	SecurityDomainProtection             SecurityDomain = "protection"
	SecurityDomainDefence                SecurityDomain = "defence"
	SecurityDomainResilience             SecurityDomain = "resilience"
)

var securityDomainValues = []SecurityDomain{
	SecurityDomainGovernanceAndEcosystem, SecurityDomainProtection, SecurityDomainDefence, SecurityDomainResilience,
}

// SecurityDomainValues returns every SecurityDomain.
func SecurityDomainValues() []SecurityDomain { return slices.Clone(securityDomainValues) }

// IsValid reports whether d is a known SecurityDomain.
func (d SecurityDomain) IsValid() bool { return slices.Contains(securityDomainValues, d) }

// UnmarshalText accepts only known security domains.
func (d *SecurityDomain) UnmarshalText(b []byte) error {
	return unmarshalEnum(d, "security domain", b, securityDomainValues)
}
