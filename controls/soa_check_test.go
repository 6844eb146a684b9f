package controls_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

var (
	approvedAt = time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)
	validNow   = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
)

// demoCatalog has two themes of two controls each.
func demoCatalog(t testing.TB) *controls.Catalog {
	t.Helper()
	c, err := controls.NewCatalog(controls.CatalogInfo{ID: "demo", Title: "Demo catalog", Version: "1"},
		[]controls.Group{{ID: "G1", Title: "First"}, {ID: "G2", Title: "Second"}},
		[]controls.Control{
			{ID: "C.1", Title: "Access control", Group: "G1"},
			{ID: "C.2", Title: "Secure coding", Group: "G1"},
			{ID: "C.3", Title: "Hosting", Group: "G2"},
			{ID: "C.4", Title: "Privacy", Group: "G2"},
		})
	require.NoError(t, err)
	return c
}

func risk(id string) isms.Ref     { return isms.NewRef("risk", isms.ID(id)) }
func evidence(id string) isms.Ref { return isms.NewRef(isms.KindEvidence, isms.ID(id)) }

// validSoA is an SoA over demoCatalog that CheckSoA accepts without a
// single finding at validNow with validSelections.
func validSoA() *controls.SoA {
	return &controls.SoA{
		Meta:           isms.Meta{ID: "soa-1"},
		Title:          "Demo SoA",
		Scope:          "Everything",
		CatalogID:      "demo",
		CatalogVersion: "1",
		Version:        "1.0",
		ApprovedBy:     "Board",
		ApprovedAt:     approvedAt,
		Entries: []controls.Entry{
			{
				ControlID: "C.1", Applicability: controls.Applicable,
				InclusionReasons: []controls.InclusionReason{controls.ReasonRiskTreatment},
				Risks:            []isms.Ref{risk("R-1")},
				Status:           controls.StatusImplemented, Owner: "CISO",
				Evidence: []isms.Ref{evidence("E-1")},
			},
			{
				ControlID: "C.2", Applicability: controls.NotApplicable,
				ExclusionReason: controls.ExcludedFunctionNotPerformed,
				Justification:   "We do not develop software.",
				Status:          controls.StatusNotApplicable,
			},
			{
				ControlID: "C.3", Applicability: controls.Inherited,
				InclusionReasons: []controls.InclusionReason{controls.ReasonContractual},
				Provider:         "CloudCo", Status: controls.StatusImplemented, Owner: "Ops",
				Evidence: []isms.Ref{evidence("E-2")},
			},
			{
				ControlID: "C.4", Applicability: controls.Applicable,
				InclusionReasons: []controls.InclusionReason{controls.ReasonLegalRegulatory},
				Justification:    "GDPR",
				Status:           controls.StatusPlanned, Owner: "DPO",
				PlannedDate: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
			},
		},
	}
}

func validSelections() []controls.Selection {
	return []controls.Selection{{Control: "C.1", By: risk("R-1")}}
}

func TestCheckSoAClean(t *testing.T) {
	fs := controls.CheckSoA(validSoA(), demoCatalog(t), validNow, &controls.SoACheckOptions{Selections: validSelections()})
	assert.Empty(t, fs)
	require.NoError(t, validSoA().Validate())
}

type soaCase struct {
	name   string
	change func(s *controls.SoA, sel *[]controls.Selection)
}

// TestCheckSoACodes gives every finding code cases that trigger it and
// near misses that do not.
func TestCheckSoACodes(t *testing.T) {
	e := func(s *controls.SoA, id isms.ID) *controls.Entry { return s.Entry(id) }
	table := []struct {
		code     string
		severity isms.Severity
		subject  isms.Ref
		triggers []soaCase
		misses   []soaCase
	}{
		{
			code: controls.CodeSoAMalformed, severity: isms.SeverityError, subject: isms.NewRef(controls.KindSoA, "soa-1"),
			triggers: []soaCase{
				{"bad evidence ref", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.1").Evidence = []isms.Ref{{ID: "E-1"}} }},
				{"unknown status", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.1").Status = "done" }},
				{"repeated reason", func(s *controls.SoA, _ *[]controls.Selection) {
					e(s, "C.1").InclusionReasons = append(e(s, "C.1").InclusionReasons, controls.ReasonRiskTreatment)
				}},
				{"no catalog id", func(s *controls.SoA, _ *[]controls.Selection) { s.CatalogID = "" }},
			},
			misses: []soaCase{
				{"good evidence ref", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.1").Evidence = []isms.Ref{evidence("E-9")} }},
				{"two distinct reasons", func(s *controls.SoA, _ *[]controls.Selection) {
					e(s, "C.1").InclusionReasons = append(e(s, "C.1").InclusionReasons, controls.ReasonBestPractice)
				}},
			},
		},
		{
			code: controls.CodeCatalogMismatch, severity: isms.SeverityError, subject: isms.NewRef(controls.KindSoA, "soa-1"),
			triggers: []soaCase{{"other catalog", func(s *controls.SoA, _ *[]controls.Selection) { s.CatalogID = "iso27001-2022" }}},
			misses:   []soaCase{{"no version recorded", func(s *controls.SoA, _ *[]controls.Selection) { s.CatalogVersion = "" }}},
		},
		{
			code: controls.CodeCatalogVersionMismatch, severity: isms.SeverityWarning, subject: isms.NewRef(controls.KindSoA, "soa-1"),
			triggers: []soaCase{{"other version", func(s *controls.SoA, _ *[]controls.Selection) { s.CatalogVersion = "2" }}},
			misses:   []soaCase{{"no version recorded", func(s *controls.SoA, _ *[]controls.Selection) { s.CatalogVersion = "" }}},
		},
		{
			code: controls.CodeControlMissing, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.4"),
			triggers: []soaCase{{"entry removed", func(s *controls.SoA, _ *[]controls.Selection) { s.Entries = s.Entries[:3] }}},
			misses: []soaCase{{"entries reordered", func(s *controls.SoA, _ *[]controls.Selection) {
				s.Entries[0], s.Entries[3] = s.Entries[3], s.Entries[0]
			}}},
		},
		{
			code: controls.CodeApplicabilityMissing, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.4"),
			triggers: []soaCase{{"undecided", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.4").Applicability = "" }}},
			misses: []soaCase{{"unknown value is malformed instead", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.4").Applicability = "maybe"
			}}},
		},
		{
			code: controls.CodeUnknownControl, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.9"),
			triggers: []soaCase{{"extra control", func(s *controls.SoA, _ *[]controls.Selection) {
				x := s.Entries[0]
				x.ControlID = "C.9"
				s.Entries = append(s.Entries, x)
			}}},
			misses: []soaCase{{"controls all known", func(*controls.SoA, *[]controls.Selection) {}}},
		},
		{
			code: controls.CodeDuplicateEntry, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.1"),
			triggers: []soaCase{{"C.1 twice", func(s *controls.SoA, _ *[]controls.Selection) { s.Entries = append(s.Entries, s.Entries[0]) }}},
			misses:   []soaCase{{"each once", func(*controls.SoA, *[]controls.Selection) {}}},
		},
		{
			code: controls.CodeExclusionReasonMissing, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.2"),
			triggers: []soaCase{{"no reason", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.2").ExclusionReason = "" }}},
			misses: []soaCase{{"another reason", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.2").ExclusionReason = controls.ExcludedOutsideScope
			}}},
		},
		{
			code: controls.CodeJustificationMissing, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.2"),
			triggers: []soaCase{
				{"empty", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.2").Justification = "" }},
				{"blank", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.2").Justification = " \n\t" }},
			},
			misses: []soaCase{{"included without justification", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.4").Justification = ""
			}}},
		},
		{
			code: controls.CodeProviderMissing, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.3"),
			triggers: []soaCase{{"no provider", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.3").Provider = "" }}},
			misses: []soaCase{{"applicable, no provider", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.3").Applicability, e(s, "C.3").Provider = controls.Applicable, ""
			}}},
		},
		{
			code: controls.CodeInclusionReasonMissing, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.4"),
			triggers: []soaCase{{"applicable without reason", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.4").InclusionReasons = nil }}},
			misses: []soaCase{{"best practice is a reason", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.4").InclusionReasons = []controls.InclusionReason{controls.ReasonBestPractice}
			}}},
		},
		{
			code: controls.CodeInclusionReasonMissing, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.3"),
			triggers: []soaCase{{"inherited without reason", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.3").InclusionReasons = nil }}},
			misses:   []soaCase{{"excluded without reason", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.2").InclusionReasons = nil }}},
		},
		{
			code: controls.CodeRiskRefsMissing, severity: isms.SeverityWarning, subject: isms.NewRef(controls.KindControl, "C.4"),
			triggers: []soaCase{{"risk treatment, no risk", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.4").InclusionReasons = []controls.InclusionReason{controls.ReasonRiskTreatment}
			}}},
			misses: []soaCase{{"risk treatment with risk", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.4").InclusionReasons = []controls.InclusionReason{controls.ReasonRiskTreatment}
				e(s, "C.4").Risks = []isms.Ref{risk("R-4")}
			}}},
		},
		{
			code: controls.CodeReasonsInconsistent, severity: isms.SeverityWarning, subject: isms.NewRef(controls.KindControl, "C.2"),
			triggers: []soaCase{
				{"excluded with inclusion reason", func(s *controls.SoA, _ *[]controls.Selection) {
					e(s, "C.2").InclusionReasons = []controls.InclusionReason{controls.ReasonBestPractice}
				}},
				{"excluded with provider", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.2").Provider = "X" }},
			},
			misses: []soaCase{{"excluded with notes", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.2").Notes = "reviewed" }}},
		},
		{
			code: controls.CodeReasonsInconsistent, severity: isms.SeverityWarning, subject: isms.NewRef(controls.KindControl, "C.4"),
			triggers: []soaCase{
				{"included with exclusion reason", func(s *controls.SoA, _ *[]controls.Selection) {
					e(s, "C.4").ExclusionReason = controls.ExcludedOutsideScope
				}},
				{"risks without risk treatment", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.4").Risks = []isms.Ref{risk("R-4")} }},
			},
		},
		{
			code: controls.CodeSelectedControlExcluded, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.2"),
			triggers: []soaCase{{"R-3 selects C.2", func(_ *controls.SoA, sel *[]controls.Selection) {
				*sel = append(*sel, controls.Selection{Control: "C.2", By: risk("R-3")})
			}}},
			misses: []soaCase{{"R-3 selects C.4", func(s *controls.SoA, sel *[]controls.Selection) {
				*sel = append(*sel, controls.Selection{Control: "C.4", By: risk("R-3")})
				e(s, "C.4").InclusionReasons = append(e(s, "C.4").InclusionReasons, controls.ReasonRiskTreatment)
				e(s, "C.4").Risks = []isms.Ref{risk("R-3")}
			}}},
		},
		{
			code: controls.CodeSelectionNotRecorded, severity: isms.SeverityWarning, subject: isms.NewRef(controls.KindControl, "C.1"),
			triggers: []soaCase{{"R-2 also selects C.1", func(_ *controls.SoA, sel *[]controls.Selection) {
				*sel = append(*sel, controls.Selection{Control: "C.1", By: risk("R-2")})
			}}},
			misses: []soaCase{{"R-1 selects C.1 twice", func(_ *controls.SoA, sel *[]controls.Selection) {
				*sel = append(*sel, controls.Selection{Control: "C.1", By: risk("R-1")})
			}}},
		},
		{
			code: controls.CodeSelectionNotRecorded, severity: isms.SeverityWarning, subject: isms.NewRef(controls.KindControl, "C.4"),
			triggers: []soaCase{{"selected but no risk_treatment reason", func(s *controls.SoA, sel *[]controls.Selection) {
				*sel = append(*sel, controls.Selection{Control: "C.4", By: risk("R-4")})
				e(s, "C.4").Risks = []isms.Ref{risk("R-4")}
			}}},
		},
		{
			code: controls.CodeSelectionUnknownControl, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.9"),
			triggers: []soaCase{{"typo", func(_ *controls.SoA, sel *[]controls.Selection) {
				*sel = append(*sel, controls.Selection{Control: "C.9", By: risk("R-1")})
			}}},
			misses: []soaCase{{"no selections", func(_ *controls.SoA, sel *[]controls.Selection) { *sel = nil }}},
		},
		{
			code: controls.CodeStatusMissing, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.1"),
			triggers: []soaCase{{"no status", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.1").Status = "" }}},
			misses:   []soaCase{{"excluded without status", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.2").Status = "" }}},
		},
		{
			code: controls.CodeStatusInconsistent, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.2"),
			triggers: []soaCase{{"excluded but implemented", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.2").Status = controls.StatusImplemented
			}}},
			misses: []soaCase{{"excluded without status", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.2").Status = "" }}},
		},
		{
			code: controls.CodeStatusInconsistent, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.1"),
			triggers: []soaCase{{"applicable but not_applicable", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.1").Status = controls.StatusNotApplicable
			}}},
			misses: []soaCase{{"applicable and alternative", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.1").Status = controls.StatusAlternative
			}}},
		},
		{
			code: controls.CodePlannedDateMissing, severity: isms.SeverityWarning, subject: isms.NewRef(controls.KindControl, "C.4"),
			triggers: []soaCase{
				{"planned, no date", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.4").PlannedDate = time.Time{} }},
				{"partial, no date", func(s *controls.SoA, _ *[]controls.Selection) {
					e(s, "C.4").PlannedDate, e(s, "C.4").Status = time.Time{}, controls.StatusPartial
				}},
			},
			misses: []soaCase{{"implemented, no date", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.4").PlannedDate, e(s, "C.4").Status = time.Time{}, controls.StatusImplemented
				e(s, "C.4").Evidence = []isms.Ref{evidence("E-4")}
			}}},
		},
		{
			code: controls.CodePlannedDatePassed, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.4"),
			triggers: []soaCase{{"date before now", func(s *controls.SoA, _ *[]controls.Selection) {
				e(s, "C.4").PlannedDate = validNow.Add(-time.Second)
			}}},
			misses: []soaCase{
				{"date is now", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.4").PlannedDate = validNow }},
				{"past date but implemented", func(s *controls.SoA, _ *[]controls.Selection) {
					e(s, "C.4").PlannedDate, e(s, "C.4").Status = validNow.AddDate(0, -1, 0), controls.StatusImplemented
					e(s, "C.4").Evidence = []isms.Ref{evidence("E-4")}
				}},
			},
		},
		{
			code: controls.CodeOwnerMissing, severity: isms.SeverityError, subject: isms.NewRef(controls.KindControl, "C.1"),
			triggers: []soaCase{{"no owner", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.1").Owner = "" }}},
			misses:   []soaCase{{"excluded, no owner", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.2").Owner = "" }}},
		},
		{
			code: controls.CodeEvidenceMissing, severity: isms.SeverityInfo, subject: isms.NewRef(controls.KindControl, "C.1"),
			triggers: []soaCase{{"implemented, no evidence", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.1").Evidence = nil }}},
			misses:   []soaCase{{"planned, no evidence", func(s *controls.SoA, _ *[]controls.Selection) { e(s, "C.4").Evidence = nil }}},
		},
		{
			code: controls.CodeNotApproved, severity: isms.SeverityError, subject: isms.NewRef(controls.KindSoA, "soa-1"),
			triggers: []soaCase{
				{"no approver", func(s *controls.SoA, _ *[]controls.Selection) { s.ApprovedBy = "" }},
				{"no approval time", func(s *controls.SoA, _ *[]controls.Selection) { s.ApprovedAt = time.Time{} }},
				{"approved in the future", func(s *controls.SoA, _ *[]controls.Selection) { s.ApprovedAt = validNow.Add(time.Hour) }},
			},
			misses: []soaCase{{"approved right now", func(s *controls.SoA, _ *[]controls.Selection) { s.ApprovedAt = validNow }}},
		},
	}

	triggered := map[string]bool{}
	missed := map[string]bool{}
	cat := demoCatalog(t)
	run := func(c soaCase) []isms.Finding {
		s := validSoA()
		sel := validSelections()
		c.change(s, &sel)
		return controls.CheckSoA(s, cat, validNow, &controls.SoACheckOptions{Selections: sel})
	}
	for _, tc := range table {
		for _, c := range tc.triggers {
			t.Run(tc.code+"/triggers/"+c.name, func(t *testing.T) {
				got := isms.WithCode(run(c), tc.code)
				require.NotEmpty(t, got)
				assert.Equal(t, tc.severity, got[0].Severity)
				assert.Equal(t, tc.subject, got[0].Subject)
				assert.NotEmpty(t, got[0].Message)
				triggered[tc.code] = true
			})
		}
		for _, c := range tc.misses {
			t.Run(tc.code+"/misses/"+c.name, func(t *testing.T) {
				assert.Empty(t, isms.WithCode(run(c), tc.code))
				missed[tc.code] = true
			})
		}
	}
	rules := map[string]isms.Rule{}
	for _, r := range controls.Rules() {
		rules[r.Code] = r
	}
	for _, tc := range table {
		assert.Equal(t, tc.severity, rules[tc.code].Severity, "Rules() gives %s the severity of its findings", tc.code)
	}
	for code := range rules {
		assert.True(t, triggered[code], "no case triggers %s", code)
		assert.True(t, missed[code], "no near miss for %s", code)
	}
}

// TestRules pins every rule of CheckSoA to the severity the policy of
// isms.Rule gives it and to the clause it comes from, as worked out by
// hand: error where an auditor would raise a nonconformity on the SoA as
// it stands (6.1.3 c and d: every control decided, justified and its
// implementation stated; a missing owner and an overdue plan are errors
// across the SDK), warning where it will become one, info where no
// requirement is at stake.
func TestRules(t *testing.T) {
	E, W, I := isms.SeverityError, isms.SeverityWarning, isms.SeverityInfo
	type rule struct {
		code   string
		sev    isms.Severity
		source string
	}
	want := []rule{
		{"soa.malformed", E, ""},
		{"soa.catalog_mismatch", E, "6.1.3 c"},
		{"soa.catalog_version_mismatch", W, "6.1.3 c"},
		{"soa.control_missing", E, "6.1.3 d"},
		{"soa.applicability_missing", E, "6.1.3 d"},
		{"soa.unknown_control", E, ""},
		{"soa.duplicate_entry", E, ""},
		{"soa.exclusion_reason_missing", E, "6.1.3 d"},
		{"soa.justification_missing", E, "6.1.3 d"},
		{"soa.provider_missing", E, "6.1.3 d"},
		{"soa.inclusion_reason_missing", E, "6.1.3 d"},
		{"soa.risk_refs_missing", W, "6.1.3 d"},
		{"soa.reasons_inconsistent", W, ""},
		{"soa.selected_control_excluded", E, "6.1.3 c"},
		{"soa.selection_not_recorded", W, "6.1.3 d"},
		{"soa.selection_unknown_control", E, "6.1.3 d"},
		{"soa.status_missing", E, "6.1.3 d"},
		{"soa.status_inconsistent", E, "6.1.3 d"},
		{"soa.planned_date_missing", W, "6.1.3 e"},
		{"soa.planned_date_passed", E, "8.3"},
		{"soa.owner_missing", E, "5.3"},
		{"soa.evidence_missing", I, ""},
		{"soa.not_approved", E, "7.5.2 c"},
	}
	var got []rule
	for _, r := range controls.Rules() {
		got = append(got, rule{r.Code, r.Severity, r.Source})
		assert.NotEmpty(t, r.Summary, r.Code)
	}
	assert.Equal(t, want, got)
	rs := controls.Rules()
	rs[0].Code = "changed"
	assert.Equal(t, "soa.malformed", controls.Rules()[0].Code, "Rules returns a copy")
}

func TestCheckSoAFindingDetails(t *testing.T) {
	s := validSoA()
	s.Entry("C.4").PlannedDate = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	s.Entry("C.2").Status = controls.StatusPartial
	sel := append(validSelections(),
		controls.Selection{Control: "C.2", By: risk("R-7")},
		controls.Selection{Control: "C.2", By: risk("R-3")},
	)
	fs := controls.CheckSoA(s, demoCatalog(t), validNow, &controls.SoACheckOptions{Selections: sel})
	// Sorted: errors first (all three are), then by code.
	assert.Equal(t, []string{
		controls.CodePlannedDatePassed, controls.CodeSelectedControlExcluded, controls.CodeStatusInconsistent,
	}, codes(fs))
	excluded := isms.WithCode(fs, controls.CodeSelectedControlExcluded)[0]
	assert.Equal(t, []isms.Ref{risk("R-3"), risk("R-7")}, excluded.Related, "sorted selecting risks")
	assert.Equal(t, "entries[1].applicability", excluded.Field)
	passed := isms.WithCode(fs, controls.CodePlannedDatePassed)[0]
	assert.Equal(t, "entries[3].planned_date", passed.Field)
	assert.Equal(t, map[string]string{"planned_date": "2026-02-01T00:00:00Z", "now": "2026-03-01T09:00:00Z"}, passed.Details)
	inconsistent := isms.WithCode(fs, controls.CodeStatusInconsistent)[0]
	assert.Equal(t, map[string]string{"applicability": "not_applicable", "implementation_status": "partial"}, inconsistent.Details)
}

func codes(fs []isms.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code
	}
	return out
}

func TestCheckSoAUndecidedSelected(t *testing.T) {
	s := validSoA()
	*s.Entry("C.1") = controls.Entry{ControlID: "C.1"}
	fs := controls.CheckSoA(s, demoCatalog(t), validNow, &controls.SoACheckOptions{Selections: validSelections()})
	require.Len(t, fs, 1, "no other check runs on an undecided entry")
	assert.Equal(t, controls.CodeApplicabilityMissing, fs[0].Code)
	assert.Equal(t, "entries[0].applicability", fs[0].Field)
	assert.Equal(t, []isms.Ref{risk("R-1")}, fs[0].Related)
}

func TestCheckSoAWithoutCatalog(t *testing.T) {
	s := validSoA()
	s.Entries = s.Entries[1:] // C.1 gone; without a catalog only the selection shows it
	fs := controls.CheckSoA(s, nil, validNow, &controls.SoACheckOptions{Selections: validSelections()})
	require.Len(t, fs, 1)
	assert.Equal(t, controls.CodeControlMissing, fs[0].Code)
	assert.Equal(t, []isms.Ref{risk("R-1")}, fs[0].Related)

	fs = controls.CheckSoA(nil, nil, validNow, nil)
	require.Len(t, fs, 1)
	assert.Equal(t, controls.CodeSoAMalformed, fs[0].Code)
}

func TestCheckSoAMalformedEntrySkipped(t *testing.T) {
	s := validSoA()
	s.Entry("C.1").Applicability = "maybe"
	fs := controls.CheckSoA(s, demoCatalog(t), validNow, nil)
	// The bad entry is reported once, as malformed; no check runs on the
	// entry's other fields, and C.1 does not count as missing.
	assert.Equal(t, []string{controls.CodeSoAMalformed}, codes(fs))
	m := isms.WithCode(fs, controls.CodeSoAMalformed)[0]
	assert.Equal(t, "entries[0].applicability", m.Field)
	assert.Equal(t, map[string]string{"problem": isms.CodeUnknown}, m.Details)
}

func TestCheckSoAIsDeterministic(t *testing.T) {
	s := validSoA()
	for i := range s.Entries {
		s.Entries[i].Owner = ""
		s.Entries[i].Evidence = nil
	}
	s.ApprovedBy = ""
	sel := []controls.Selection{{Control: "C.2", By: risk("R-2")}, {Control: "C.9", By: risk("R-1")}, {Control: "C.1", By: risk("R-5")}}
	first := controls.CheckSoA(s, demoCatalog(t), validNow, &controls.SoACheckOptions{Selections: sel})
	for range 20 {
		assert.Equal(t, first, controls.CheckSoA(s, demoCatalog(t), validNow, &controls.SoACheckOptions{Selections: sel}))
	}
	for i := 1; i < len(first); i++ {
		assert.GreaterOrEqual(t, first[i-1].Severity.Rank(), first[i].Severity.Rank())
	}
}

func TestCheckSoAOtherCatalogGivesOneFinding(t *testing.T) {
	s := validSoA()
	s.ApprovedBy = "Board"
	fs := controls.CheckSoA(s, controls.ISO27001_2022(), validNow, &controls.SoACheckOptions{Selections: validSelections()})
	require.Len(t, fs, 1, "not 93 missing and 4 unknown controls")
	assert.Equal(t, controls.CodeCatalogMismatch, fs[0].Code)
	assert.Equal(t, map[string]string{"soa_catalog": "demo", "catalog": "iso27001-2022"}, fs[0].Details)
}

// TestUnknownControlReportedOnce: an entry for a control the catalog
// lacks gets one finding, the cause, and none of the knock-on ones
// (applicability, inclusion reason, owner, status).
func TestUnknownControlReportedOnce(t *testing.T) {
	cat := controls.ISO27001_2022()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, e := range map[string]controls.Entry{
		"pending":    {ControlID: "A.99"},
		"applicable": {ControlID: "A.99", Applicability: controls.Applicable},
		"excluded":   {ControlID: "A.99", Applicability: controls.NotApplicable},
	} {
		t.Run(name, func(t *testing.T) {
			s := controls.NewSoA(cat)
			for i := range s.Entries {
				x := &s.Entries[i]
				x.Applicability, x.InclusionReasons = controls.Applicable, []controls.InclusionReason{controls.ReasonBestPractice}
				x.Owner, x.Status = "CISO", controls.StatusImplemented
				x.Evidence = []isms.Ref{isms.NewRef(isms.KindEvidence, "E-1")}
			}
			s.ApprovedBy, s.ApprovedAt = "board", now.AddDate(0, -1, 0)
			require.Empty(t, controls.CheckSoA(s, cat, now, nil), "the base SoA is clean")
			s.Entries = append(s.Entries, e)
			fs := controls.CheckSoA(s, cat, now, nil)
			require.Len(t, fs, 1, "%+v", fs)
			assert.Equal(t, controls.CodeUnknownControl, fs[0].Code)
			assert.Equal(t, isms.ControlRef("A.99"), fs[0].Subject)
		})
	}
}
