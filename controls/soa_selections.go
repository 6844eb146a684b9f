package controls

import (
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// RecordSelections records in the SoA what the risk treatment selected
// (ISO/IEC 27001:2022 6.1.3 c, d): for each selection, the entry of its
// control gets ReasonRiskTreatment among its inclusion reasons (first, if
// it was missing) and the selecting ref among its Risks (once). An entry
// whose applicability is still pending becomes applicable: the risk
// treatment found the control necessary. An entry that excludes the
// control is left as decided, so that CheckSoA reports
// CodeSelectedControlExcluded for a person to resolve.
//
// It returns the ids of selected controls the SoA has no entry for, in
// order of first selection and once each (CheckSoA reports them too). A
// nil SoA records nothing and returns nil. Its time is linear in the
// number of entries and selections.
func (s *SoA) RecordSelections(sel []isms.ControlSelection) []isms.ID {
	if s == nil || len(sel) == 0 {
		return nil
	}
	first := make(map[isms.ID]int, len(s.Entries))
	for i := range s.Entries {
		if _, ok := first[s.Entries[i].ControlID]; !ok {
			first[s.Entries[i].ControlID] = i
		}
	}
	var missing []isms.ID
	reported := map[isms.ID]bool{}
	// listed holds the Risks of the entries touched so far, so that a
	// control selected by many risks stays linear.
	type key struct {
		entry int
		ref   isms.Ref
	}
	listed := map[key]bool{}
	touched := map[int]bool{}
	for _, x := range sel {
		i, ok := first[x.Control]
		if !ok {
			if !reported[x.Control] {
				reported[x.Control] = true
				missing = append(missing, x.Control)
			}
			continue
		}
		e := &s.Entries[i]
		if e.Applicability == "" {
			e.Applicability = Applicable
		}
		if e.Applicability == NotApplicable {
			continue
		}
		if !slices.Contains(e.InclusionReasons, ReasonRiskTreatment) {
			e.InclusionReasons = append([]InclusionReason{ReasonRiskTreatment}, e.InclusionReasons...)
		}
		if !touched[i] {
			touched[i] = true
			for _, r := range e.Risks {
				listed[key{i, r}] = true
			}
		}
		if !x.By.IsZero() && !listed[key{i, x.By}] {
			listed[key{i, x.By}] = true
			e.Risks = append(e.Risks, x.By)
		}
	}
	return missing
}
