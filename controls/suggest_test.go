package controls_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

func TestDefaultSuggestionRulesAreValid(t *testing.T) {
	cat := controls.ISO27001_2022()
	seen := map[string]bool{}
	for _, r := range controls.DefaultSuggestionRules() {
		require.NoError(t, r.Validate(), r.ID)
		assert.False(t, seen[r.ID], "rule id %s repeated", r.ID)
		seen[r.ID] = true
		for _, id := range r.Controls {
			assert.True(t, cat.Has(id), "%s names %s", r.ID, id)
		}
	}
	// DefaultSuggestionRules returns a fresh copy each time.
	rs := controls.DefaultSuggestionRules()
	rs[0].Controls[0] = "changed"
	assert.NotEqual(t, isms.ID("changed"), controls.DefaultSuggestionRules()[0].Controls[0])
}

func TestSuggestFullyRemoteSaaSVendor(t *testing.T) {
	// A software company with no office, on cloud services, processing
	// personal data, not outsourcing development.
	var p controls.Profile
	p.Set(controls.FactDevelopsSoftware, true).
		Set(controls.FactOutsourcesDevelopment, false).
		Set(controls.FactUsesCloudServices, true).
		Set(controls.FactHasPhysicalPremises, false).
		Set(controls.FactProcessesPersonalData, true).
		Set(controls.FactAllowsRemoteWorking, true)
	// uses_removable_media is unknown: no rule on it fires.
	sg, err := controls.Suggest(p, controls.ISO27001_2022(), nil)
	require.NoError(t, err)

	type short struct {
		id   isms.ID
		app  controls.Applicability
		rule string
	}
	var got []short
	for _, s := range sg {
		got = append(got, short{s.ControlID, s.Applicability, s.RuleID})
	}
	// Expected, worked out from the rules by hand, in catalog order.
	A, N := controls.Applicable, controls.NotApplicable
	assert.Equal(t, []short{
		{"A.5.23", A, "cloud-services"},
		{"A.5.34", A, "personal-data"},
		{"A.6.7", A, "remote-working"},
		{"A.7.1", N, "no-physical-premises"},
		{"A.7.2", N, "no-physical-premises"},
		{"A.7.3", N, "no-physical-premises"},
		{"A.7.4", N, "no-physical-premises"},
		{"A.7.6", N, "no-physical-premises"},
		{"A.7.9", A, "remote-working"},
		{"A.8.4", A, "software-development"},
		{"A.8.11", A, "personal-data-masking"},
		{"A.8.25", A, "software-development"},
		{"A.8.26", A, "software-development"},
		{"A.8.27", A, "software-development"},
		{"A.8.28", A, "software-development"},
		{"A.8.29", A, "software-development"},
		{"A.8.30", N, "no-outsourced-development"},
		{"A.8.31", A, "software-development"},
		{"A.8.33", A, "software-development"},
	}, got)

	first := sg[0]
	assert.Equal(t, []controls.Condition{{Fact: controls.FactUsesCloudServices, Value: true}}, first.Facts)
	assert.NotEmpty(t, first.Rationale)
	privacy := sg[1]
	assert.Equal(t, controls.ReasonLegalRegulatory, privacy.InclusionReason)
	premises := sg[3]
	assert.Equal(t, controls.ExcludedNoAssetOrTechnology, premises.ExclusionReason)
	for _, s := range sg {
		assert.Empty(t, s.Conflicts)
	}
}

func TestSuggestNeedsBothFacts(t *testing.T) {
	var p controls.Profile
	p.Set(controls.FactDevelopsSoftware, false)
	sg, err := controls.Suggest(p, controls.ISO27001_2022(), nil)
	require.NoError(t, err)
	assert.Empty(t, sg, "no-software-development needs outsources_development=false too")

	p.Set(controls.FactOutsourcesDevelopment, false)
	sg, err = controls.Suggest(p, controls.ISO27001_2022(), nil)
	require.NoError(t, err)
	var ids []isms.ID
	for _, s := range sg {
		ids = append(ids, s.ControlID)
		assert.Equal(t, controls.ExcludedFunctionNotPerformed, s.ExclusionReason)
	}
	assert.Equal(t, []isms.ID{"A.8.25", "A.8.28", "A.8.30"}, ids)
	assert.Equal(t, []controls.Condition{
		{Fact: controls.FactDevelopsSoftware, Value: false}, {Fact: controls.FactOutsourcesDevelopment, Value: false},
	}, sg[0].Facts)
}

func TestSuggestConflicts(t *testing.T) {
	rules := []controls.SuggestionRule{
		{ID: "keep", When: []controls.Condition{{Fact: controls.FactUsesCloudServices, Value: true}},
			Controls: []isms.ID{"A.5.23", "A.8.1"}, Applicability: controls.Applicable, Rationale: "r"},
		{ID: "drop", When: []controls.Condition{{Fact: controls.FactAllowsRemoteWorking, Value: false}},
			Controls: []isms.ID{"A.5.23"}, Applicability: controls.NotApplicable,
			ExclusionReason: controls.ExcludedOutsideScope, Rationale: "r"},
	}
	var p controls.Profile
	p.Set(controls.FactUsesCloudServices, true).Set(controls.FactAllowsRemoteWorking, false)
	sg, err := controls.Suggest(p, controls.ISO27001_2022(), &controls.SuggestOptions{SuggestionRules: rules})
	require.NoError(t, err)
	require.Len(t, sg, 3)
	assert.Equal(t, "keep", sg[0].RuleID)
	assert.Equal(t, []string{"drop"}, sg[0].Conflicts)
	assert.Equal(t, "drop", sg[1].RuleID)
	assert.Equal(t, []string{"keep"}, sg[1].Conflicts)
	assert.Equal(t, isms.ID("A.8.1"), sg[2].ControlID)
	assert.Empty(t, sg[2].Conflicts)
}

func TestSuggestErrors(t *testing.T) {
	good := controls.SuggestionRule{ID: "r", When: []controls.Condition{{Fact: controls.FactUsesCloudServices, Value: true}},
		Controls: []isms.ID{"A.5.23"}, Applicability: controls.Applicable, Rationale: "why"}
	for _, tc := range []struct {
		name   string
		change func(*controls.SuggestionRule)
		field  string
		code   string
	}{
		{"no id", func(r *controls.SuggestionRule) { r.ID = "" }, "suggestion_rules[0].id", isms.CodeRequired},
		{"no condition", func(r *controls.SuggestionRule) { r.When = nil }, "suggestion_rules[0].when", isms.CodeRequired},
		{"unknown fact", func(r *controls.SuggestionRule) { r.When[0].Fact = "has_cats" }, "suggestion_rules[0].when[0].fact", isms.CodeUnknown},
		{"fact twice", func(r *controls.SuggestionRule) { r.When = append(r.When, r.When[0]) }, "suggestion_rules[0].when[1].fact", isms.CodeDuplicate},
		{"no controls", func(r *controls.SuggestionRule) { r.Controls = nil }, "suggestion_rules[0].controls", isms.CodeRequired},
		{"unknown control", func(r *controls.SuggestionRule) { r.Controls = []isms.ID{"A.9.9"} }, "suggestion_rules[0].controls[0]", isms.CodeUnknown},
		{"control twice", func(r *controls.SuggestionRule) { r.Controls = []isms.ID{"A.5.1", "A.5.1"} }, "suggestion_rules[0].controls[1]", isms.CodeDuplicate},
		{"exclusion without reason", func(r *controls.SuggestionRule) { r.Applicability = controls.NotApplicable }, "suggestion_rules[0].exclusion_reason", isms.CodeRequired},
		{"inclusion with exclusion reason", func(r *controls.SuggestionRule) { r.ExclusionReason = controls.ExcludedOutsideScope }, "suggestion_rules[0].exclusion_reason", isms.CodeForbidden},
		{"exclusion with inclusion reason", func(r *controls.SuggestionRule) {
			r.Applicability, r.ExclusionReason, r.InclusionReason = controls.NotApplicable, controls.ExcludedOutsideScope, controls.ReasonBestPractice
		}, "suggestion_rules[0].inclusion_reason", isms.CodeForbidden},
		{"no rationale", func(r *controls.SuggestionRule) { r.Rationale = "" }, "suggestion_rules[0].rationale", isms.CodeRequired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := good
			r.When = append([]controls.Condition(nil), good.When...)
			tc.change(&r)
			_, err := controls.Suggest(controls.Profile{}, controls.ISO27001_2022(), &controls.SuggestOptions{SuggestionRules: []controls.SuggestionRule{r}})
			require.ErrorIs(t, err, isms.ErrInvalid)
			requireProblem(t, err, tc.field, tc.code)
		})
	}
	_, err := controls.Suggest(controls.Profile{}, controls.ISO27001_2022(), &controls.SuggestOptions{SuggestionRules: []controls.SuggestionRule{good, good}})
	assert.ErrorIs(t, err, isms.ErrInvalid, "rule ids are unique")

	_, err = controls.Suggest(controls.Profile{Facts: map[controls.ProfileFact]bool{"is_big": true}}, controls.ISO27001_2022(), nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = controls.Suggest(controls.Profile{}, controls.NISTCSF2(), nil)
	assert.ErrorIs(t, err, isms.ErrInvalid, "the default rules speak about ISO/IEC 27001:2022 controls")
}

func TestProfileJSON(t *testing.T) {
	var p controls.Profile
	require.NoError(t, json.Unmarshal([]byte(`{"facts":{"develops_software":true,"uses_removable_media":false}}`), &p))
	assert.Equal(t, map[controls.ProfileFact]bool{controls.FactDevelopsSoftware: true, controls.FactUsesRemovableMedia: false}, p.Facts)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"facts":{"owns_boats":true}}`), &p), isms.ErrInvalid)
	assert.Len(t, controls.ProfileFactValues(), 7)
}

func TestSuggestionDraft(t *testing.T) {
	sg := controls.Suggestion{ControlID: "A.8.30", Applicability: controls.NotApplicable,
		ExclusionReason: controls.ExcludedFunctionNotPerformed, RuleID: "no-outsourced-development", Rationale: "No outsourcing."}
	assert.Equal(t, controls.Entry{ControlID: "A.8.30", Applicability: controls.NotApplicable,
		ExclusionReason: controls.ExcludedFunctionNotPerformed, Justification: "No outsourcing.",
		Status: controls.StatusNotApplicable}, sg.Draft())
	sg = controls.Suggestion{ControlID: "A.5.34", Applicability: controls.Applicable, InclusionReason: controls.ReasonLegalRegulatory}
	assert.Equal(t, controls.Entry{ControlID: "A.5.34", Applicability: controls.Applicable,
		InclusionReasons: []controls.InclusionReason{controls.ReasonLegalRegulatory}}, sg.Draft())
}
