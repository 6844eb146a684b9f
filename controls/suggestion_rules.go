package controls

import "github.com/ismskit/ismskit/isms"

// DefaultSuggestionRules returns the SDK's applicability suggestion rules
// for the ISO/IEC 27001:2022 catalog, as a fresh slice the caller may
// change. They are deliberately cautious: they suggest excluding a control
// only when a fact removes what the control protects, and otherwise suggest
// that it applies. Every rule explains itself in its Rationale.
//
// Rule ids: software-development, no-software-development,
// outsourced-development, no-outsourced-development, cloud-services,
// no-cloud-services, physical-premises, no-physical-premises,
// personal-data, personal-data-masking, remote-working, no-remote-working,
// removable-media.
func DefaultSuggestionRules() []SuggestionRule {
	return []SuggestionRule{
		{
			ID:            "software-development",
			When:          []Condition{{FactDevelopsSoftware, true}},
			Controls:      ids("A.8.4", "A.8.25", "A.8.26", "A.8.27", "A.8.28", "A.8.29", "A.8.31", "A.8.33"),
			Applicability: Applicable,
			Rationale: "The organisation writes software, so its source code, development life cycle, " +
				"coding practice, security testing, environments and test data need protecting.",
		},
		{
			ID:              "no-software-development",
			When:            []Condition{{FactDevelopsSoftware, false}, {FactOutsourcesDevelopment, false}},
			Controls:        ids("A.8.25", "A.8.28"),
			Applicability:   NotApplicable,
			ExclusionReason: ExcludedFunctionNotPerformed,
			Rationale: "No software is developed, in house or on the organisation's behalf, so there is no " +
				"development life cycle or coding practice to secure. Acquired software is still covered by " +
				"the controls on requirements, testing and change.",
		},
		{
			ID:            "outsourced-development",
			When:          []Condition{{FactOutsourcesDevelopment, true}},
			Controls:      ids("A.8.30"),
			Applicability: Applicable,
			Rationale: "Development is done by others on the organisation's behalf, so that work must be " +
				"directed, monitored and reviewed.",
		},
		{
			ID:              "no-outsourced-development",
			When:            []Condition{{FactOutsourcesDevelopment, false}},
			Controls:        ids("A.8.30"),
			Applicability:   NotApplicable,
			ExclusionReason: ExcludedFunctionNotPerformed,
			Rationale:       "No development is outsourced, so there is no outsourced development to oversee.",
		},
		{
			ID:            "cloud-services",
			When:          []Condition{{FactUsesCloudServices, true}},
			Controls:      ids("A.5.23"),
			Applicability: Applicable,
			Rationale: "Cloud services are used, so their acquisition, use, management and exit need " +
				"security requirements.",
		},
		{
			ID:              "no-cloud-services",
			When:            []Condition{{FactUsesCloudServices, false}},
			Controls:        ids("A.5.23"),
			Applicability:   NotApplicable,
			ExclusionReason: ExcludedNoAssetOrTechnology,
			Rationale: "No cloud services are used. Check that no team uses software as a service before " +
				"excluding.",
		},
		{
			ID:            "physical-premises",
			When:          []Condition{{FactHasPhysicalPremises, true}},
			Controls:      ids("A.7.1", "A.7.2", "A.7.3", "A.7.4", "A.7.6"),
			Applicability: Applicable,
			Rationale: "The organisation has premises of its own, whose perimeter, entry, offices, " +
				"monitoring and secure areas need protecting.",
		},
		{
			ID:              "no-physical-premises",
			When:            []Condition{{FactHasPhysicalPremises, false}},
			Controls:        ids("A.7.1", "A.7.2", "A.7.3", "A.7.4", "A.7.6"),
			Applicability:   NotApplicable,
			ExclusionReason: ExcludedNoAssetOrTechnology,
			Rationale: "The organisation has no premises of its own: there is no perimeter, entry, office or " +
				"secure area to protect. Facilities run by providers are covered through supplier controls; " +
				"equipment, media and clear-desk controls still apply.",
		},
		{
			ID:              "personal-data",
			When:            []Condition{{FactProcessesPersonalData, true}},
			Controls:        ids("A.5.34"),
			Applicability:   Applicable,
			InclusionReason: ReasonLegalRegulatory,
			Rationale: "Personal data is processed, so privacy and data-protection law applies to it " +
				"(for example the GDPR).",
		},
		{
			ID:            "personal-data-masking",
			When:          []Condition{{FactProcessesPersonalData, true}},
			Controls:      ids("A.8.11"),
			Applicability: Applicable,
			Rationale: "Personal data is processed; masking or pseudonymising it limits who sees it and is " +
				"often expected by data-protection law.",
		},
		{
			ID:            "remote-working",
			When:          []Condition{{FactAllowsRemoteWorking, true}},
			Controls:      ids("A.6.7", "A.7.9"),
			Applicability: Applicable,
			Rationale: "People work away from the premises, so remote working and the assets they take with " +
				"them need protecting.",
		},
		{
			ID:              "no-remote-working",
			When:            []Condition{{FactAllowsRemoteWorking, false}},
			Controls:        ids("A.6.7"),
			Applicability:   NotApplicable,
			ExclusionReason: ExcludedFunctionNotPerformed,
			Rationale:       "Remote working is not allowed, so there is no remote working to secure.",
		},
		{
			ID:            "removable-media",
			When:          []Condition{{FactUsesRemovableMedia, true}},
			Controls:      ids("A.7.10"),
			Applicability: Applicable,
			Rationale: "Removable media are used, so their handling, transport, storage and disposal need " +
				"rules. (Without removable media the control still covers fixed storage media, so no rule " +
				"suggests excluding it.)",
		},
	}
}

func ids(s ...string) []isms.ID {
	out := make([]isms.ID, len(s))
	for i, x := range s {
		out[i] = isms.ID(x)
	}
	return out
}
