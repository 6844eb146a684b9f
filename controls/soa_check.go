package controls

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Finding codes of CheckSoA. They are stable: filter and suppress findings
// by them (isms.WithoutCodes). Each code has one severity, given below and
// by Rules with the requirement it comes from, following the severity
// policy of isms.Rule: error when an auditor would raise a nonconformity on
// the SoA as it stands, warning when it will become one if nothing is done,
// info when it is only worth knowing.
const (
	// CodeSoAMalformed (error): the SoA breaks a structural rule of
	// SoA.Validate (a bad id or ref, an unknown enum value, a missing
	// catalog id). Field names the value; Details["problem"] holds the
	// problem code. An entry with a bad control id counts as absent; an
	// entry with a bad applicability gets no further checks. Error: a
	// record that cannot be read cannot be relied on.
	CodeSoAMalformed = "soa.malformed"
	// CodeCatalogMismatch (error): the SoA names another catalog than the
	// one it is checked against, so it does not record the comparison with
	// Annex A that 6.1.3 c asks for. The checks that need the catalog are
	// skipped. An SoA that names no catalog gets CodeSoAMalformed instead,
	// and is checked against the catalog given.
	CodeCatalogMismatch = "soa.catalog_mismatch"
	// CodeCatalogVersionMismatch (warning): the SoA names the catalog, but
	// another version of it. Warning: the decisions still map onto the
	// controls, and become a nonconformity once the old version is
	// withdrawn (as ISO/IEC 27001:2013 was, at the end of its transition).
	CodeCatalogVersionMismatch = "soa.catalog_version_mismatch"
	// CodeControlMissing (error): a catalog control has no entry. 6.1.3 d
	// asks for every Annex A control to be included or justified as
	// excluded.
	CodeControlMissing = "soa.control_missing"
	// CodeApplicabilityMissing (error): an entry has no applicability yet
	// (the decision is pending); it gets no further checks. Related lists
	// the selections of the control, if any. 6.1.3 d: the decision is the
	// SoA's content.
	CodeApplicabilityMissing = "soa.applicability_missing"
	// CodeUnknownControl (error): an entry names a control the catalog does
	// not hold. Error: the entry records no decision on any control of the
	// catalog (most often it is a typo for one, which then shows as
	// missing); controls of the organisation's own belong in a catalog of
	// their own. It is the only finding of such an entry: its other fields
	// (applicability, reasons, owner, status) are not checked.
	CodeUnknownControl = "soa.unknown_control"
	// CodeDuplicateEntry (error): a control has more than one entry; only
	// the first is checked. Error: the SoA records two decisions for one
	// control, and the reader cannot tell which stands.
	CodeDuplicateEntry = "soa.duplicate_entry"
	// CodeExclusionReasonMissing (error): an excluded control has no
	// exclusion reason (6.1.3 d: the justification for excluding it).
	CodeExclusionReasonMissing = "soa.exclusion_reason_missing"
	// CodeJustificationMissing (error): an excluded control has no written
	// justification (6.1.3 d).
	CodeJustificationMissing = "soa.justification_missing"
	// CodeProviderMissing (error): an inherited control names no provider,
	// so nothing records who implements it (6.1.3 d: whether the control
	// is implemented).
	CodeProviderMissing = "soa.provider_missing"
	// CodeInclusionReasonMissing (error): an included (applicable or
	// inherited) control has no inclusion reason (6.1.3 d: the
	// justification for including it).
	CodeInclusionReasonMissing = "soa.inclusion_reason_missing"
	// CodeRiskRefsMissing (warning): an entry gives risk_treatment as a
	// reason but names no risk. Warning: a justification is given, but it
	// cannot be traced to the risk treatment (6.1.3 d) until the risks are
	// named.
	CodeRiskRefsMissing = "soa.risk_refs_missing"
	// CodeReasonsInconsistent (warning): an entry mixes the two sides: an
	// excluded control with inclusion reasons, risks or a provider, or an
	// included control with an exclusion reason, or with risks but without
	// risk_treatment among its reasons. Warning: the decision itself is
	// recorded; the stray values make it ambiguous.
	CodeReasonsInconsistent = "soa.reasons_inconsistent"
	// CodeSelectedControlExcluded (error): a risk treatment selected the
	// control (SoACheckOptions.Selections) but the SoA excludes it: 6.1.3 c
	// asks to verify that no necessary control is omitted. Related lists
	// what selected it.
	CodeSelectedControlExcluded = "soa.selected_control_excluded"
	// CodeSelectionNotRecorded (warning): a risk treatment selected an
	// included control, but the entry does not list risk_treatment or the
	// selecting risk. Related lists the selections not recorded. Warning:
	// the control is included; its justification is incomplete.
	CodeSelectionNotRecorded = "soa.selection_not_recorded"
	// CodeSelectionUnknownControl (error): a selection names a control the
	// catalog does not hold, so the SoA cannot contain a control the risk
	// treatment found necessary (6.1.3 d).
	CodeSelectionUnknownControl = "soa.selection_unknown_control"
	// CodeStatusMissing (error): an included control has no implementation
	// status; 6.1.3 d asks the SoA to say whether each necessary control is
	// implemented.
	CodeStatusMissing = "soa.status_missing"
	// CodeStatusInconsistent (error): the implementation status contradicts
	// the applicability: an excluded control with a status other than
	// not_applicable, or an included control marked not_applicable (6.1.3
	// d).
	CodeStatusInconsistent = "soa.status_inconsistent"
	// CodePlannedDateMissing (warning): a planned or partial control has no
	// planned date. Warning: the risk treatment plan (6.1.3 e) is
	// incomplete, and the control can never be found overdue.
	CodePlannedDateMissing = "soa.planned_date_missing"
	// CodePlannedDatePassed (error): a planned or partial control's planned
	// date is before now: the risk treatment plan is not being implemented
	// as planned (8.3). Overdue is an error across the SDK.
	CodePlannedDatePassed = "soa.planned_date_passed"
	// CodeOwnerMissing (error): an included control has no owner.
	// Responsibility for it is not assigned (5.3); a missing owner is an
	// error across the SDK.
	CodeOwnerMissing = "soa.owner_missing"
	// CodeEvidenceMissing (info): an implemented (or alternative) control
	// points at no evidence. Info: the SoA need not reference evidence;
	// the auditor will ask for it all the same.
	CodeEvidenceMissing = "soa.evidence_missing"
	// CodeNotApproved (error): the SoA has no approver or approval time, or
	// its approval is dated after now (7.5.2 c: documented information is
	// reviewed and approved).
	CodeNotApproved = "soa.not_approved"
)

// soaRules lists the rules of CheckSoA in the order their codes are
// declared.
var soaRules = []isms.Rule{
	{Code: CodeSoAMalformed, Severity: isms.SeverityError, Summary: "The SoA breaks a structural rule (a bad id, ref or enum value, no catalog id)."},
	{Code: CodeCatalogMismatch, Severity: isms.SeverityError, Summary: "The SoA is for another catalog than the one it is checked against.", Source: "6.1.3 c"},
	{Code: CodeCatalogVersionMismatch, Severity: isms.SeverityWarning, Summary: "The SoA is for another version of the catalog.", Source: "6.1.3 c"},
	{Code: CodeControlMissing, Severity: isms.SeverityError, Summary: "A catalog control has no entry in the SoA.", Source: "6.1.3 d"},
	{Code: CodeApplicabilityMissing, Severity: isms.SeverityError, Summary: "An entry has no applicability decision yet.", Source: "6.1.3 d"},
	{Code: CodeUnknownControl, Severity: isms.SeverityError, Summary: "An entry names a control the catalog does not hold."},
	{Code: CodeDuplicateEntry, Severity: isms.SeverityError, Summary: "A control has more than one entry."},
	{Code: CodeExclusionReasonMissing, Severity: isms.SeverityError, Summary: "An excluded control has no exclusion reason.", Source: "6.1.3 d"},
	{Code: CodeJustificationMissing, Severity: isms.SeverityError, Summary: "An excluded control has no written justification.", Source: "6.1.3 d"},
	{Code: CodeProviderMissing, Severity: isms.SeverityError, Summary: "An inherited control names no provider.", Source: "6.1.3 d"},
	{Code: CodeInclusionReasonMissing, Severity: isms.SeverityError, Summary: "An included control has no inclusion reason.", Source: "6.1.3 d"},
	{Code: CodeRiskRefsMissing, Severity: isms.SeverityWarning, Summary: "An entry is included for risk treatment but names no risk.", Source: "6.1.3 d"},
	{Code: CodeReasonsInconsistent, Severity: isms.SeverityWarning, Summary: "An entry mixes inclusion and exclusion reasons, or names risks without risk_treatment."},
	{Code: CodeSelectedControlExcluded, Severity: isms.SeverityError, Summary: "A control selected by a risk treatment is excluded.", Source: "6.1.3 c"},
	{Code: CodeSelectionNotRecorded, Severity: isms.SeverityWarning, Summary: "An included control does not record the risk treatment that selected it.", Source: "6.1.3 d"},
	{Code: CodeSelectionUnknownControl, Severity: isms.SeverityError, Summary: "A risk treatment selects a control the catalog does not hold.", Source: "6.1.3 d"},
	{Code: CodeStatusMissing, Severity: isms.SeverityError, Summary: "An included control has no implementation status.", Source: "6.1.3 d"},
	{Code: CodeStatusInconsistent, Severity: isms.SeverityError, Summary: "The implementation status contradicts the applicability.", Source: "6.1.3 d"},
	{Code: CodePlannedDateMissing, Severity: isms.SeverityWarning, Summary: "A planned or partial control has no planned date.", Source: "6.1.3 e"},
	{Code: CodePlannedDatePassed, Severity: isms.SeverityError, Summary: "A planned or partial control is past its planned date.", Source: "8.3"},
	{Code: CodeOwnerMissing, Severity: isms.SeverityError, Summary: "An included control has no owner.", Source: "5.3"},
	{Code: CodeEvidenceMissing, Severity: isms.SeverityInfo, Summary: "An implemented control points at no evidence."},
	{Code: CodeNotApproved, Severity: isms.SeverityError, Summary: "The SoA is not approved, or its approval is dated after now.", Source: "7.5.2 c"},
}

// soaRule gives the rule of each code, for the checker.
var soaRule = func() map[string]isms.Rule {
	m := make(map[string]isms.Rule, len(soaRules))
	for _, r := range soaRules {
		m[r.Code] = r
	}
	return m
}()

// Rules returns the rules of CheckSoA, one per finding code, in the order
// the codes are declared: the code, its severity, a one-line summary and
// the ISO/IEC 27001:2022 clause it comes from (empty for the SDK's own
// consistency checks). The slice is a fresh copy.
func Rules() []isms.Rule { return slices.Clone(soaRules) }

// Selection records that a risk treatment selected a control: the input
// that lets CheckSoA catch a control the risk process needs but the SoA
// excludes. It is the kernel's isms.ControlSelection, which package risk
// produces (risk.Selections, Register.Selections), so the two packages
// need no glue and no import between them.
type Selection = isms.ControlSelection

// SoACheckOptions configures CheckSoA. A nil *SoACheckOptions means the
// defaults.
type SoACheckOptions struct {
	// Selections lists the controls that risk treatments selected. Default:
	// none, and the selection checks do nothing.
	Selections []Selection `json:"selections,omitempty"`
}

// CheckSoA judges the decisions an SoA records against its catalog and the
// risk treatment, as an auditor would, and returns the findings sorted
// with isms.SortFindings. Each finding has a stable code (see Rules), the
// control or SoA it is about as Subject, the Field of the value, and
// Details holding the compared values. Structural problems (those
// SoA.Validate reports) are findings too, with CodeSoAMalformed.
//
// It is a pure function: now is the time against which planned dates and
// the approval are judged. A nil cat skips the checks that need the catalog
// (missing and unknown controls, catalog mismatch), except that a selected
// control with no entry is still reported missing. It never fails: a nil
// SoA gives one CodeSoAMalformed finding. Its time is linear in the size of
// the SoA and the selections, plus the sort of the findings.
func CheckSoA(s *SoA, cat *Catalog, now time.Time, opts *SoACheckOptions) []isms.Finding {
	v := soaValidator{s: s, cat: cat, now: now}
	if s == nil {
		v.add(CodeSoAMalformed, isms.Ref{Kind: KindSoA}, "", "the SoA is nil", nil)
		return v.fs
	}
	v.soaRef = isms.Ref{Kind: KindSoA, ID: s.ID}
	if opts != nil {
		v.groupSelections(opts.Selections)
	}
	v.structure()
	v.catalog()
	for i := range s.Entries {
		v.entry(i)
	}
	v.selectionChecks()
	v.approval()
	isms.SortFindings(v.fs)
	return v.fs
}

type soaValidator struct {
	s      *SoA
	cat    *Catalog
	now    time.Time
	soaRef isms.Ref
	// selected lists the selected controls in order of first selection;
	// selBy[k] holds what selected control selected[k], sorted, and
	// selSlot gives k for a control id.
	selected []isms.ID
	selSlot  idIndex
	selBy    [][]isms.Ref
	// entries indexes the entries (see entryIndex).
	entries entryIndex
	// selPos[k] is the catalog position of selected[k], or -1.
	selPos []int
	// unknown[i] marks entries reported as CodeUnknownControl: their
	// decision is about no control of the catalog, so it gets no further
	// checks (the cause is reported once).
	unknown []bool
	fs      []isms.Finding
}

// add appends a finding of the rule with the given code.
func (v *soaValidator) add(code string, subject isms.Ref, field, msg string, details map[string]string) *isms.Finding {
	f := soaRule[code].Finding(subject, msg)
	f.Field, f.Details = field, details
	v.fs = append(v.fs, f)
	return &v.fs[len(v.fs)-1]
}

// groupSelections indexes the selections: the selected controls in order
// of first selection (the findings are sorted in the end, so this order
// only needs to be deterministic), and for each the selecting refs, sorted
// and without repeats. The refs of all controls share one backing array.
func (v *soaValidator) groupSelections(sel []Selection) {
	if len(sel) == 0 {
		return
	}
	v.selSlot = newIDIndex(v.cat)
	v.selected = make([]isms.ID, 0, len(sel))
	v.selPos = make([]int, 0, len(sel))
	count := make([]int, 0, len(sel))
	slotOf := make([]int, len(sel))
	for i, x := range sel {
		pos := v.selSlot.lookup(x.Control)
		k, seen := v.selSlot.getOrSetAt(pos, x.Control, len(v.selected))
		if !seen {
			v.selected = append(v.selected, x.Control)
			v.selPos = append(v.selPos, pos)
			count = append(count, 0)
		}
		slotOf[i] = k
		count[k]++
	}
	start := make([]int, len(count)+1)
	for k, n := range count {
		start[k+1] = start[k] + n
		count[k] = 0
	}
	buf := make([]isms.Ref, len(sel))
	for i, x := range sel {
		k := slotOf[i]
		buf[start[k]+count[k]] = x.By
		count[k]++
	}
	v.selBy = make([][]isms.Ref, len(v.selected))
	for k := range v.selected {
		refs := buf[start[k]:start[k+1]:start[k+1]]
		if len(refs) > 1 {
			slices.SortFunc(refs, isms.Ref.Compare)
			refs = slices.Compact(refs)
		}
		v.selBy[k] = refs
	}
}

// selectedBy returns what selected the control, or nil.
func (v *soaValidator) selectedBy(id isms.ID) []isms.Ref {
	if v.selBy == nil {
		return nil
	}
	if k, ok := v.selSlot.get(id); ok {
		return v.selBy[k]
	}
	return nil
}

// structure reports the structural problems and indexes the entries: the
// first entry of each control is the one checked, later ones are reported
// as duplicates.
func (v *soaValidator) structure() {
	n := len(v.s.Entries)
	v.entries = entryIndex{first: newIDIndex(v.cat), isFirst: make([]bool, n), pos: make([]int, n)}
	var dups [][2]int
	ps := v.s.structure(&v.entries, func(i, j int) { dups = append(dups, [2]int{i, j}) })
	// Most SoAs give no finding here; a malformed one may give hundreds of
	// thousands, which are better allocated once.
	if k := len(dups) + len(ps); k > 0 {
		v.fs = slices.Grow(v.fs, k+v.cat.Len()+len(v.selected)+64)
	}
	for _, d := range dups {
		i, j := d[0], d[1]
		e := &v.s.Entries[i]
		v.add(CodeDuplicateEntry, e.Ref(), entryField(i, "control_id"),
			fmt.Sprintf("%s has more than one entry; entries[%d] is the one checked", e.ControlID, j),
			map[string]string{"first": fmt.Sprintf("entries[%d]", j)})
	}
	for _, p := range ps {
		v.add(CodeSoAMalformed, v.soaRef, p.Field, p.Message, map[string]string{"problem": p.Code})
	}
}

// catalog checks the SoA against its catalog.
func (v *soaValidator) catalog() {
	if v.cat == nil {
		// Without a catalog, a selected control without an entry is still
		// known to be missing.
		for _, id := range v.selected {
			if _, ok := v.entries.first.get(id); !ok {
				v.missing(id)
			}
		}
		return
	}
	info := v.cat.Info()
	switch {
	case v.s.CatalogID != "" && v.s.CatalogID != info.ID:
		// Comparing the entries with another catalog would only bury this
		// finding under one per control. (An SoA with no catalog id is
		// reported as CodeSoAMalformed and checked against cat.)
		v.add(CodeCatalogMismatch, v.soaRef, "catalog_id",
			fmt.Sprintf("the SoA is for catalog %q, not %q", v.s.CatalogID, info.ID),
			map[string]string{"soa_catalog": string(v.s.CatalogID), "catalog": string(info.ID)})
		v.cat = nil
		v.catalog()
		return
	case v.s.CatalogVersion != "" && info.Version != "" && v.s.CatalogVersion != info.Version:
		v.add(CodeCatalogVersionMismatch, v.soaRef, "catalog_version",
			fmt.Sprintf("the SoA is for version %q of catalog %q, not version %q", v.s.CatalogVersion, info.ID, info.Version),
			map[string]string{"soa_version": v.s.CatalogVersion, "catalog_version": info.Version})
	}
	covered := make([]bool, len(v.cat.controls))
	for i := range v.s.Entries {
		if !v.entries.isFirst[i] {
			continue
		}
		e := &v.s.Entries[i]
		if k := v.entries.pos[i]; k >= 0 {
			covered[k] = true
		} else {
			v.add(CodeUnknownControl, e.Ref(), entryField(i, "control_id"),
				fmt.Sprintf("%s is not a control of catalog %q", e.ControlID, info.ID), nil)
			if v.unknown == nil {
				v.unknown = make([]bool, len(v.s.Entries))
			}
			v.unknown[i] = true
		}
	}
	for k, ok := range covered {
		if !ok {
			v.missing(v.cat.controls[k].ID)
		}
	}
}

func (v *soaValidator) missing(id isms.ID) {
	f := v.add(CodeControlMissing, isms.Ref{Kind: KindControl, ID: id}, "",
		fmt.Sprintf("%s has no entry in the SoA", id), nil)
	f.Related = slices.Clone(v.selectedBy(id))
}

// entry checks the decision recorded in one entry.
func (v *soaValidator) entry(i int) {
	if !v.entries.isFirst[i] {
		return // a duplicate or a bad control id (reported as such)
	}
	if v.unknown != nil && v.unknown[i] {
		return // reported once, as CodeUnknownControl
	}
	e := &v.s.Entries[i]
	ref := e.Ref()
	switch {
	case e.Applicability == "":
		f := v.add(CodeApplicabilityMissing, ref, entryField(i, "applicability"),
			fmt.Sprintf("%s has no applicability decision yet", e.ControlID), nil)
		f.Related = slices.Clone(v.selectedBy(e.ControlID))
		return
	case !e.Applicability.IsValid():
		return // reported as CodeSoAMalformed
	}
	field := func(name string) string { return entryField(i, name) }
	id := e.ControlID
	hasRiskReason := slices.Contains(e.InclusionReasons, ReasonRiskTreatment)
	if e.Applicability == NotApplicable {
		if e.ExclusionReason == "" {
			v.add(CodeExclusionReasonMissing, ref, field("exclusion_reason"),
				fmt.Sprintf("%s is excluded without an exclusion reason", id), nil)
		}
		if strings.TrimSpace(e.Justification) == "" {
			v.add(CodeJustificationMissing, ref, field("justification"),
				fmt.Sprintf("%s is excluded without a written justification", id), nil)
		}
		if len(e.InclusionReasons) > 0 || len(e.Risks) > 0 || e.Provider != "" {
			v.add(CodeReasonsInconsistent, ref, field("applicability"),
				fmt.Sprintf("%s is excluded but lists inclusion reasons, risks or a provider", id),
				map[string]string{"inclusion_reasons": joinValues(e.InclusionReasons), "risks": joinRefs(e.Risks), "provider": e.Provider})
		}
		if e.Status != "" && e.Status != StatusNotApplicable {
			v.add(CodeStatusInconsistent, ref, field("implementation_status"),
				fmt.Sprintf("%s is excluded but its implementation status is %s", id, e.Status),
				map[string]string{"applicability": string(e.Applicability), "implementation_status": string(e.Status)})
		}
		return
	}
	// Applicable or inherited: the control is included.
	if len(e.InclusionReasons) == 0 {
		v.add(CodeInclusionReasonMissing, ref, field("inclusion_reasons"),
			fmt.Sprintf("%s is included without an inclusion reason", id), nil)
	}
	if hasRiskReason && len(e.Risks) == 0 {
		v.add(CodeRiskRefsMissing, ref, field("risks"),
			fmt.Sprintf("%s is included for risk treatment but names no risk", id), nil)
	}
	switch {
	case e.ExclusionReason != "":
		v.add(CodeReasonsInconsistent, ref, field("exclusion_reason"),
			fmt.Sprintf("%s is included but has exclusion reason %s", id, e.ExclusionReason),
			map[string]string{"applicability": string(e.Applicability), "exclusion_reason": string(e.ExclusionReason)})
	case len(e.Risks) > 0 && !hasRiskReason:
		v.add(CodeReasonsInconsistent, ref, field("inclusion_reasons"),
			fmt.Sprintf("%s names risks but risk_treatment is not among its inclusion reasons", id),
			map[string]string{"risks": joinRefs(e.Risks), "inclusion_reasons": joinValues(e.InclusionReasons)})
	}
	if e.Applicability == Inherited && strings.TrimSpace(e.Provider) == "" {
		v.add(CodeProviderMissing, ref, field("provider"),
			fmt.Sprintf("%s is inherited but names no provider", id), nil)
	}
	if strings.TrimSpace(e.Owner) == "" {
		v.add(CodeOwnerMissing, ref, field("owner"),
			fmt.Sprintf("%s has no owner", id), nil)
	}
	switch e.Status {
	case "":
		v.add(CodeStatusMissing, ref, field("implementation_status"),
			fmt.Sprintf("%s is included but has no implementation status", id), nil)
	case StatusNotApplicable:
		v.add(CodeStatusInconsistent, ref, field("implementation_status"),
			fmt.Sprintf("%s is %s but its implementation status is not_applicable", id, e.Applicability),
			map[string]string{"applicability": string(e.Applicability), "implementation_status": string(e.Status)})
	case StatusPlanned, StatusPartial:
		switch {
		case e.PlannedDate.IsZero():
			v.add(CodePlannedDateMissing, ref, field("planned_date"),
				fmt.Sprintf("%s is %s but has no planned date", id, e.Status), nil)
		case e.PlannedDate.Before(v.now):
			v.add(CodePlannedDatePassed, ref, field("planned_date"),
				fmt.Sprintf("%s was planned for %s and is still %s", id, e.PlannedDate.UTC().Format(time.DateOnly), e.Status),
				map[string]string{"planned_date": e.PlannedDate.UTC().Format(time.RFC3339), "now": v.now.UTC().Format(time.RFC3339)})
		}
	case StatusImplemented, StatusAlternative:
		if len(e.Evidence) == 0 {
			v.add(CodeEvidenceMissing, ref, field("evidence"),
				fmt.Sprintf("%s is %s but points at no evidence", id, e.Status), nil)
		}
	}
}

// selectionChecks compares what risk treatments selected with the SoA.
func (v *soaValidator) selectionChecks() {
	for k, id := range v.selected {
		by := v.selBy[k]
		ref := isms.Ref{Kind: KindControl, ID: id}
		pos := v.selPos[k]
		if v.cat != nil && pos < 0 {
			f := v.add(CodeSelectionUnknownControl, ref, "",
				fmt.Sprintf("%s is selected by a risk treatment but is not a control of catalog %q", id, v.cat.ID()), nil)
			f.Related = slices.Clone(by)
			continue
		}
		i, ok := v.entries.first.getAt(pos, id)
		if !ok {
			continue // reported as CodeControlMissing, with the selections
		}
		e := &v.s.Entries[i]
		if !e.Applicability.IsValid() {
			continue // reported as CodeApplicabilityMissing or CodeSoAMalformed
		}
		if e.Applicability == NotApplicable {
			f := v.add(CodeSelectedControlExcluded, ref, entryField(i, "applicability"),
				fmt.Sprintf("%s is selected by %s but the SoA excludes it", id, joinRefs(by)), nil)
			f.Related = slices.Clone(by)
			continue
		}
		var notRecorded []isms.Ref
		if !slices.Contains(e.InclusionReasons, ReasonRiskTreatment) {
			notRecorded = slices.Clone(by)
		} else {
			notRecorded = refsMissing(by, e.Risks)
		}
		if len(notRecorded) > 0 {
			f := v.add(CodeSelectionNotRecorded, ref, entryField(i, "risks"),
				fmt.Sprintf("%s is selected by %s, which the entry does not record as risk treatment", id, joinRefs(notRecorded)), nil)
			f.Related = notRecorded
		}
	}
}

// approval checks that the SoA is approved, and not in the future.
func (v *soaValidator) approval() {
	s := v.s
	switch {
	case strings.TrimSpace(s.ApprovedBy) == "":
		v.add(CodeNotApproved, v.soaRef, "approved_by", "the SoA has no approver", nil)
	case s.ApprovedAt.IsZero():
		v.add(CodeNotApproved, v.soaRef, "approved_at", "the SoA has no approval time", nil)
	case s.ApprovedAt.After(v.now):
		v.add(CodeNotApproved, v.soaRef, "approved_at", "the SoA's approval is dated after now",
			map[string]string{"approved_at": s.ApprovedAt.UTC().Format(time.RFC3339), "now": v.now.UTC().Format(time.RFC3339)})
	}
}

// refsMissing returns the refs of want that have is missing, in want's
// order: pairwise for short lists, through a set of have for long ones, so
// the time stays linear.
func refsMissing(want, have []isms.Ref) []isms.Ref {
	var out []isms.Ref
	if len(want)*len(have) <= 256 {
		for _, r := range want {
			if !slices.Contains(have, r) {
				out = append(out, r)
			}
		}
		return out
	}
	set := make(map[isms.Ref]struct{}, len(have))
	for _, r := range have {
		set[r] = struct{}{}
	}
	for _, r := range want {
		if _, ok := set[r]; !ok {
			out = append(out, r)
		}
	}
	return out
}

func joinValues[T ~string](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

func joinRefs(refs []isms.Ref) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}
