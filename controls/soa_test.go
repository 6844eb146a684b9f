package controls_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

func TestSoAEnums(t *testing.T) {
	assert.Equal(t, []controls.Applicability{"applicable", "not_applicable", "inherited"}, controls.ApplicabilityValues())
	assert.Equal(t, []controls.InclusionReason{"risk_treatment", "legal_regulatory", "contractual", "business_requirement", "best_practice"},
		controls.InclusionReasonValues())
	assert.Equal(t, []controls.ExclusionReason{"outside_scope", "no_asset_or_technology", "function_not_performed",
		"requirement_not_applicable", "covered_by_other_control"}, controls.ExclusionReasonValues())
	// OSCAL implementation-status states.
	assert.Equal(t, []controls.ImplementationStatus{"implemented", "partial", "planned", "alternative", "not_applicable"},
		controls.ImplementationStatusValues())
	assert.True(t, controls.Inherited.Included())
	assert.False(t, controls.NotApplicable.Included())

	for _, tc := range []struct {
		name string
		into interface{ UnmarshalText([]byte) error }
		good string
	}{
		{"applicability", new(controls.Applicability), "inherited"},
		{"inclusion", new(controls.InclusionReason), "contractual"},
		{"exclusion", new(controls.ExclusionReason), "outside_scope"},
		{"status", new(controls.ImplementationStatus), "alternative"},
		{"relationship", new(controls.Relationship), "superset_of"},
		{"fact", new(controls.ProfileFact), "develops_software"},
		{"control type", new(controls.ControlType), "corrective"},
		{"property", new(controls.SecurityProperty), "availability"},
		{"concept", new(controls.CybersecurityConcept), "recover"},
		{"capability", new(controls.OperationalCapability), "governance"},
		{"domain", new(controls.SecurityDomain), "resilience"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.into.UnmarshalText([]byte(tc.good)))
			assert.ErrorIs(t, tc.into.UnmarshalText([]byte("Nope")), isms.ErrInvalid)
			assert.ErrorIs(t, tc.into.UnmarshalText([]byte(strings.ToUpper(tc.good))), isms.ErrInvalid, "case matters")
		})
	}
}

func TestNewSoA(t *testing.T) {
	s := controls.NewSoA(controls.ISO27001_2022())
	assert.Equal(t, controls.CatalogISO27001_2022, s.CatalogID)
	assert.Equal(t, "2022", s.CatalogVersion)
	require.Len(t, s.Entries, 93)
	assert.Equal(t, isms.ID("A.5.1"), s.Entries[0].ControlID)
	assert.Equal(t, isms.ID("A.8.34"), s.Entries[92].ControlID)
	assert.Nil(t, s.Entry("A.9.1"))
	s.Entry("A.5.1").Owner = "CISO"
	assert.Equal(t, "CISO", s.Entries[0].Owner, "Entry edits in place")
}

func TestSoAValidate(t *testing.T) {
	require.NoError(t, validSoA().Validate())
	for _, tc := range []struct {
		name   string
		change func(*controls.SoA)
		field  string
		code   string
	}{
		{"bad id", func(s *controls.SoA) { s.ID = "a b" }, "id", isms.CodeMalformed},
		{"no catalog", func(s *controls.SoA) { s.CatalogID = "" }, "catalog_id", isms.CodeRequired},
		{"bad scope ref", func(s *controls.SoA) { s.ScopeRef = isms.Ref{Kind: "scope"} }, "scope_ref.id", isms.CodeMalformed},
		{"no control id", func(s *controls.SoA) { s.Entries[2].ControlID = "" }, "entries[2].control_id", isms.CodeRequired},
		{"repeated control", func(s *controls.SoA) { s.Entries[3].ControlID = "C.1" }, "entries[3].control_id", isms.CodeDuplicate},
		{"unknown applicability", func(s *controls.SoA) { s.Entries[0].Applicability = "maybe" }, "entries[0].applicability", isms.CodeUnknown},
		{"bad reason", func(s *controls.SoA) {
			s.Entries[0].InclusionReasons = []controls.InclusionReason{"fun"}
		}, "entries[0].inclusion_reasons[0]", isms.CodeUnknown},
		{"bad exclusion", func(s *controls.SoA) { s.Entries[1].ExclusionReason = "lazy" }, "entries[1].exclusion_reason", isms.CodeUnknown},
		{"bad status", func(s *controls.SoA) { s.Entries[1].Status = "done" }, "entries[1].implementation_status", isms.CodeUnknown},
		{"bad risk ref", func(s *controls.SoA) { s.Entries[0].Risks = []isms.Ref{{ID: "R-1"}} }, "entries[0].risks[0].kind", isms.CodeRequired},
		{"repeated evidence", func(s *controls.SoA) {
			s.Entries[0].Evidence = []isms.Ref{evidence("E"), evidence("E")}
		}, "entries[0].evidence[1]", isms.CodeDuplicate},
		{"year out of range", func(s *controls.SoA) {
			s.Entries[3].PlannedDate = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
		}, "entries[3].planned_date", isms.CodeOutOfRange},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := validSoA()
			tc.change(s)
			err := s.Validate()
			require.ErrorIs(t, err, isms.ErrInvalid)
			requireProblem(t, err, tc.field, tc.code)
		})
	}
}

func TestSoAValidateAcceptsDrafts(t *testing.T) {
	draft := controls.NewSoA(controls.ISO27001_2022())
	require.NoError(t, draft.Validate(), "undecided entries can be stored")
	fs := controls.CheckSoA(draft, controls.ISO27001_2022(), validNow, nil)
	assert.Len(t, isms.WithCode(fs, controls.CodeApplicabilityMissing), 93)
}

func TestSoAJSON(t *testing.T) {
	s := validSoA()
	s.CreatedAt = time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	require.NoError(t, controls.WriteSoA(&buf, s))
	out := buf.String()
	for _, want := range []string{
		`"id": "soa-1"`, `"catalog_id": "demo"`, `"approved_at": "2026-01-15T10:00:00Z"`,
		`"control_id": "C.1"`, `"applicability": "not_applicable"`, `"inclusion_reasons": [`,
		`"exclusion_reason": "function_not_performed"`, `"implementation_status": "planned"`,
		`"planned_date": "2026-06-30T00:00:00Z"`, `"kind": "risk"`,
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, `"provider": ""`, "omitempty")
	assert.NotContains(t, out, `"updated_at"`, "omitzero")
	back, err := controls.ReadSoA(strings.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, s, back)
}

func TestReadSoANormalizes(t *testing.T) {
	in := `{"id":"x","catalog_id":"demo","approved_at":"2026-01-15T12:00:00.1234567+02:00",
		"entries":[{"control_id":"C.1","applicability":"applicable","risks":[],"planned_date":"2026-06-30T00:00:00+01:00"}]}`
	s, err := controls.ReadSoA(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 1, 15, 10, 0, 0, 123456000, time.UTC), s.ApprovedAt, "UTC, microseconds")
	assert.Equal(t, time.Date(2026, 6, 29, 23, 0, 0, 0, time.UTC), s.Entries[0].PlannedDate)
	assert.Nil(t, s.Entries[0].Risks)
}

func TestReadSoARejects(t *testing.T) {
	for name, in := range map[string]string{
		"unknown field":         `{"catalog_id":"demo","colour":"red"}`,
		"unknown applicability": `{"catalog_id":"demo","entries":[{"control_id":"C.1","applicability":"sometimes"}]}`,
		"unknown status":        `{"catalog_id":"demo","entries":[{"control_id":"C.1","applicability":"applicable","implementation_status":"done"}]}`,
		"structurally invalid":  `{"catalog_id":"demo","entries":[{"control_id":"C.1","applicability":"applicable"},{"control_id":"C.1","applicability":"applicable"}]}`,
		"not a time":            `{"catalog_id":"demo","approved_at":"yesterday"}`,
		"two values":            `{"catalog_id":"demo"}{"catalog_id":"demo"}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := controls.ReadSoA(strings.NewReader(in))
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
}

func TestSoAStatuses(t *testing.T) {
	s := validSoA()
	s.Entry("C.2").Status = "" // excluded: not_applicable anyway
	s.Entries = append(s.Entries, controls.Entry{ControlID: "C.5", Applicability: controls.Applicable})
	s.Entries = append(s.Entries, controls.Entry{ControlID: "C.1", Applicability: controls.Applicable, Status: controls.StatusPlanned})
	assert.Equal(t, map[isms.ID]controls.ImplementationStatus{
		"C.1": controls.StatusImplemented, // first entry wins
		"C.2": controls.StatusNotApplicable,
		"C.3": controls.StatusImplemented,
		"C.4": controls.StatusPlanned,
	}, s.Statuses())
}

func TestSoACloneIsDeep(t *testing.T) {
	s := validSoA()
	c := s.Clone()
	c.Entries[0].Risks[0] = risk("R-99")
	c.Entries[0].InclusionReasons[0] = controls.ReasonBestPractice
	c.Entries[0].Evidence[0] = evidence("E-99")
	assert.Equal(t, validSoA(), s)
	var nilSoA *controls.SoA
	assert.Nil(t, nilSoA.Clone())
}

func TestSoAEntryRefAndJSONShape(t *testing.T) {
	e := controls.Entry{ControlID: "A.8.24", Applicability: controls.Applicable}
	assert.Equal(t, isms.NewRef("control", "A.8.24"), e.Ref())
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.JSONEq(t, `{"control_id":"A.8.24","applicability":"applicable"}`, string(b))
}
