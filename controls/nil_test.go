package controls_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/internal/nilsweep"
	"github.com/ismskit/ismskit/isms"
)

// TestNilAndZeroArguments calls every exported function and method of the
// package with nil and zero arguments (and nil receivers): none panics, and
// each either succeeds with its documented zero result or fails with
// isms.ErrInvalid.
func TestNilAndZeroArguments(t *testing.T) {
	var (
		nilCat   *controls.Catalog
		zeroCat  = &controls.Catalog{}
		nilSoA   *controls.SoA
		nilMap   *controls.Mapping
		nilDiff  *controls.SoADiff
		nilRep   *controls.CoverageReport
		nilProf  *controls.Profile
		buf      bytes.Buffer
		inv      = isms.ErrInvalid
		zeroTime time.Time
	)
	calls := []nilsweep.Case{
		// Identifiers and catalogs.
		{Name: "CompareIDs", Want: nil, Fn: nilsweep.NoErr(func() { assert.Zero(t, controls.CompareIDs("", "")) })},
		{Name: "SoA.RecordSelections nil and zero", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Nil(t, nilSoA.RecordSelections(nil))
			assert.Nil(t, nilSoA.RecordSelections([]isms.ControlSelection{{}}))
			assert.Equal(t, []isms.ID{""}, (&controls.SoA{}).RecordSelections([]isms.ControlSelection{{}}))
		})},
		{Name: "NewCatalog zero", Want: inv, Fn: func() error { _, err := controls.NewCatalog(controls.CatalogInfo{}, nil, nil); return err }},
		{Name: "NewCatalog zero group and control", Want: inv, Fn: func() error {
			_, err := controls.NewCatalog(smallInfo(), []controls.Group{{}}, []controls.Control{{}})
			return err
		}},
		{Name: "NewCatalog no groups or controls", Want: nil, Fn: func() error { _, err := controls.NewCatalog(smallInfo(), nil, nil); return err }},
		{Name: "ReadCatalog nil", Want: inv, Fn: func() error { _, err := controls.ReadCatalog(nil); return err }},
		{Name: "ReadCatalog empty", Want: inv, Fn: func() error { _, err := controls.ReadCatalog(strings.NewReader("")); return err }},
		{Name: "WriteCatalog nil writer", Want: inv, Fn: func() error { return controls.WriteCatalog(nil, demoCatalog(t)) }},
		{Name: "WriteCatalog nil catalog", Want: inv, Fn: func() error { return controls.WriteCatalog(&buf, nil) }},
		{Name: "WriteCatalog zero catalog", Want: nil, Fn: func() error { return controls.WriteCatalog(&buf, zeroCat) }},
		{Name: "builtins", Want: nil, Fn: nilsweep.NoErr(func() {
			_, _, _, _ = controls.ISO27001_2022(), controls.NISTCSF2(), controls.ISO27001_2013To2022(), controls.NISTCSF2ToISO27001_2022()
		})},
		{Name: "Control zero", Want: nil, Fn: nilsweep.NoErr(func() {
			var c controls.Control
			assert.Empty(t, c.Prop(""))
			assert.Equal(t, isms.Ref{Kind: controls.KindControl}, c.Ref())
		})},
		{Name: "Attributes zero", Want: nil, Fn: func() error {
			var a controls.Attributes
			assert.True(t, a.IsZero())
			return a.Validate()
		}},
		{Name: "Catalog.MarshalJSON zero", Want: nil, Fn: func() error { _, err := controls.Catalog{}.MarshalJSON(); return err }},
		{Name: "Catalog.UnmarshalJSON nil receiver", Want: inv, Fn: func() error { return nilCat.UnmarshalJSON([]byte(`{"id":"x","title":"X","controls":[]}`)) }},
		{Name: "Catalog.UnmarshalJSON nil data", Want: inv, Fn: func() error { return new(controls.Catalog).UnmarshalJSON(nil) }},
		{Name: "Catalog.WithAttributes nil receiver", Want: inv, Fn: func() error { _, err := nilCat.WithAttributes(nil); return err }},
		{Name: "Catalog.WithAttributes zero catalog", Want: inv, Fn: func() error { _, err := zeroCat.WithAttributes(nil); return err }},
		{Name: "Catalog.WithAttributes nil map", Want: nil, Fn: func() error { _, err := demoCatalog(t).WithAttributes(nil); return err }},
	}
	for _, c := range []*controls.Catalog{nilCat, zeroCat} {
		calls = append(calls, nilsweep.Case{Name: "Catalog accessors", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Equal(t, controls.CatalogInfo{}, c.Info())
			assert.Empty(t, c.ID())
			assert.Zero(t, c.Len())
			_, ok := c.Control("")
			assert.False(t, ok)
			assert.False(t, c.Has(""))
			assert.Equal(t, -1, c.Index(""))
			assert.Empty(t, c.Controls())
			assert.Empty(t, c.IDs())
			assert.Nil(t, c.Filter(nil))
			assert.Nil(t, c.Filter(func(controls.Control) bool { return true }))
			assert.Empty(t, c.Groups())
			_, ok = c.Group("")
			assert.False(t, ok)
			assert.Empty(t, c.TopGroups())
			_, ok = c.TopGroupOf("")
			assert.False(t, ok)
			assert.Nil(t, c.ControlsInGroup(""))
		})})
	}
	calls = append(calls, nilsweep.Case{Name: "Catalog.Filter nil keep", Want: nil, Fn: nilsweep.NoErr(func() { assert.Nil(t, demoCatalog(t).Filter(nil)) })})

	// Enums: values, validity, nil receivers of UnmarshalText.
	calls = append(calls,
		nilsweep.Case{Name: "enum values", Want: nil, Fn: nilsweep.NoErr(func() {
			_ = controls.ApplicabilityValues()
			_ = controls.InclusionReasonValues()
			_ = controls.ExclusionReasonValues()
			_ = controls.ImplementationStatusValues()
			_ = controls.RelationshipValues()
			_ = controls.CoverageLevelValues()
			_ = controls.ProfileFactValues()
			_ = controls.ControlTypeValues()
			_ = controls.SecurityPropertyValues()
			_ = controls.CybersecurityConceptValues()
			_ = controls.OperationalCapabilityValues()
			_ = controls.SecurityDomainValues()
			assert.False(t, controls.Applicability("").IsValid())
			assert.False(t, controls.Applicability("").Included())
			assert.Equal(t, controls.Relationship(""), controls.Relationship("").Inverse())
			assert.False(t, controls.CoverageLevel("").IsValid())
		})},
	)
	for name, u := range map[string]interface{ UnmarshalText([]byte) error }{
		"Applicability": (*controls.Applicability)(nil), "InclusionReason": (*controls.InclusionReason)(nil),
		"ExclusionReason": (*controls.ExclusionReason)(nil), "ImplementationStatus": (*controls.ImplementationStatus)(nil),
		"Relationship": (*controls.Relationship)(nil), "CoverageLevel": (*controls.CoverageLevel)(nil),
		"ProfileFact": (*controls.ProfileFact)(nil), "ControlType": (*controls.ControlType)(nil),
		"SecurityProperty": (*controls.SecurityProperty)(nil), "CybersecurityConcept": (*controls.CybersecurityConcept)(nil),
		"OperationalCapability": (*controls.OperationalCapability)(nil), "SecurityDomain": (*controls.SecurityDomain)(nil),
	} {
		calls = append(calls, nilsweep.Case{Name: name + ".UnmarshalText nil receiver", Want: inv, Fn: func() error { return u.UnmarshalText(nil) }})
	}

	// The SoA.
	calls = append(calls,
		nilsweep.Case{Name: "NewSoA nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Equal(t, &controls.SoA{}, controls.NewSoA(nil)) })},
		nilsweep.Case{Name: "Entry zero", Want: nil, Fn: nilsweep.NoErr(func() { assert.Equal(t, isms.Ref{Kind: controls.KindControl}, controls.Entry{}.Ref()) })},
		nilsweep.Case{Name: "SoA.Entry nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Nil(t, nilSoA.Entry("")) })},
		nilsweep.Case{Name: "SoA.Clone nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Nil(t, nilSoA.Clone()) })},
		nilsweep.Case{Name: "SoA.Statuses nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Nil(t, nilSoA.Statuses()) })},
		nilsweep.Case{Name: "SoA.Statuses zero", Want: nil, Fn: nilsweep.NoErr(func() { assert.Empty(t, (&controls.SoA{}).Statuses()) })},
		nilsweep.Case{Name: "SoA.Validate nil", Want: inv, Fn: func() error { return nilSoA.Validate() }},
		nilsweep.Case{Name: "SoA.Validate zero", Want: inv, Fn: func() error { return (&controls.SoA{}).Validate() }},
		nilsweep.Case{Name: "SoA.Validate zero entry", Want: inv, Fn: func() error {
			return (&controls.SoA{CatalogID: "x", Entries: []controls.Entry{{}}}).Validate()
		}},
		nilsweep.Case{Name: "ReadSoA nil", Want: inv, Fn: func() error { _, err := controls.ReadSoA(nil); return err }},
		nilsweep.Case{Name: "ReadSoA empty", Want: inv, Fn: func() error { _, err := controls.ReadSoA(strings.NewReader("")); return err }},
		nilsweep.Case{Name: "ReadSoA null", Want: inv, Fn: func() error { _, err := controls.ReadSoA(strings.NewReader("null")); return err }},
		nilsweep.Case{Name: "WriteSoA nil writer", Want: inv, Fn: func() error { return controls.WriteSoA(nil, validSoA()) }},
		nilsweep.Case{Name: "WriteSoA nil SoA", Want: inv, Fn: func() error { return controls.WriteSoA(&buf, nil) }},
		nilsweep.Case{Name: "WriteSoA zero SoA", Want: inv, Fn: func() error { return controls.WriteSoA(&buf, &controls.SoA{}) }},
		nilsweep.Case{Name: "CheckSoA nil", Want: nil, Fn: nilsweep.NoErr(func() {
			fs := controls.CheckSoA(nil, nil, zeroTime, nil)
			require.Len(t, fs, 1)
			assert.Equal(t, controls.CodeSoAMalformed, fs[0].Code)
		})},
		nilsweep.Case{Name: "CheckSoA zero", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.NotEmpty(t, controls.CheckSoA(&controls.SoA{}, zeroCat, zeroTime, &controls.SoACheckOptions{Selections: []controls.Selection{{}}}))
		})},
		nilsweep.Case{Name: "Rules", Want: nil, Fn: nilsweep.NoErr(func() { assert.NotEmpty(t, controls.Rules()) })},
		nilsweep.Case{Name: "DiffSoA nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.True(t, controls.DiffSoA(nil, nil).IsEmpty()) })},
		nilsweep.Case{Name: "SoADiff nil", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.True(t, nilDiff.IsEmpty())
			assert.Empty(t, nilDiff.String())
		})},
		nilsweep.Case{Name: "Summarize nil", Want: nil, Fn: nilsweep.NoErr(func() { assert.Equal(t, &controls.Summary{}, controls.Summarize(nil, nil)) })},
		nilsweep.Case{Name: "Counts zero", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Zero(t, controls.Counts{}.Included())
			assert.Zero(t, controls.Counts{}.Done())
		})},
		nilsweep.Case{Name: "CSVColumns", Want: nil, Fn: nilsweep.NoErr(func() { assert.Len(t, controls.CSVColumns(), 12) })},
		nilsweep.Case{Name: "WriteCSV nil writer", Want: inv, Fn: func() error { return controls.WriteCSV(nil, nil, nil, nil) }},
		nilsweep.Case{Name: "WriteCSV nil SoA and catalog", Want: nil, Fn: func() error { return controls.WriteCSV(&buf, nil, nil, nil) }},
		nilsweep.Case{Name: "WriteCSV zero", Want: nil, Fn: func() error { return controls.WriteCSV(&buf, &controls.SoA{}, zeroCat, &controls.CSVOptions{}) }},
		nilsweep.Case{Name: "WriteMarkdown nil writer", Want: inv, Fn: func() error { return controls.WriteMarkdown(nil, nil, nil) }},
		nilsweep.Case{Name: "WriteMarkdown nil SoA and catalog", Want: nil, Fn: func() error { return controls.WriteMarkdown(&buf, nil, nil) }},
		nilsweep.Case{Name: "WriteMarkdown zero", Want: nil, Fn: func() error { return controls.WriteMarkdown(&buf, &controls.SoA{}, zeroCat) }},
	)

	// Suggestions.
	calls = append(calls,
		nilsweep.Case{Name: "Profile.Set nil", Want: nil, Fn: nilsweep.NoErr(func() {
			p := nilProf.Set(controls.FactDevelopsSoftware, true).Set(controls.FactUsesCloudServices, false)
			assert.Equal(t, map[controls.ProfileFact]bool{controls.FactDevelopsSoftware: true, controls.FactUsesCloudServices: false}, p.Facts)
		})},
		nilsweep.Case{Name: "Profile.Validate zero", Want: nil, Fn: func() error { return controls.Profile{}.Validate() }},
		nilsweep.Case{Name: "SuggestionRule.Validate zero", Want: inv, Fn: func() error { return controls.SuggestionRule{}.Validate() }},
		nilsweep.Case{Name: "DefaultSuggestionRules", Want: nil, Fn: nilsweep.NoErr(func() { assert.NotEmpty(t, controls.DefaultSuggestionRules()) })},
		nilsweep.Case{Name: "Suggestion.Draft zero", Want: nil, Fn: nilsweep.NoErr(func() { assert.Equal(t, controls.Entry{}, controls.Suggestion{}.Draft()) })},
		nilsweep.Case{Name: "Suggest nil catalog", Want: inv, Fn: func() error { _, err := controls.Suggest(controls.Profile{}, nil, nil); return err }},
		nilsweep.Case{Name: "Suggest zero catalog", Want: inv, Fn: func() error { _, err := controls.Suggest(controls.Profile{}, zeroCat, nil); return err }},
		nilsweep.Case{Name: "Suggest zero options", Want: nil, Fn: func() error {
			sg, err := controls.Suggest(controls.Profile{}, controls.ISO27001_2022(), &controls.SuggestOptions{})
			assert.Empty(t, sg, "no fact is known, so no rule fires")
			return err
		}},
		nilsweep.Case{Name: "Suggest empty rule set", Want: nil, Fn: func() error {
			sg, err := controls.Suggest(controls.Profile{}, zeroCat, &controls.SuggestOptions{SuggestionRules: []controls.SuggestionRule{}})
			assert.Empty(t, sg)
			return err
		}},
		nilsweep.Case{Name: "Suggest zero rule", Want: inv, Fn: func() error {
			_, err := controls.Suggest(controls.Profile{}, zeroCat, &controls.SuggestOptions{SuggestionRules: []controls.SuggestionRule{{}}})
			return err
		}},
	)

	// Mappings and coverage.
	calls = append(calls,
		nilsweep.Case{Name: "Mapping.Validate nil", Want: inv, Fn: func() error { return nilMap.Validate() }},
		nilsweep.Case{Name: "Mapping.Inverse nil then Validate", Want: inv, Fn: func() error { return nilMap.Inverse().Validate() }},
		nilsweep.Case{Name: "Mapping.ValidateAgainst nil", Want: inv, Fn: func() error { return nilMap.ValidateAgainst(nil, nil) }},
		nilsweep.Case{Name: "Mapping.Validate zero", Want: inv, Fn: func() error { return (&controls.Mapping{}).Validate() }},
		nilsweep.Case{Name: "Mapping.ValidateAgainst zero", Want: inv, Fn: func() error { return (&controls.Mapping{}).ValidateAgainst(zeroCat, zeroCat) }},
		nilsweep.Case{Name: "Mapping nil accessors", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Nil(t, nilMap.Clone())
			assert.Nil(t, nilMap.Inverse())
			assert.Nil(t, nilMap.TargetsOf(""))
			assert.Nil(t, nilMap.SourcesOf(""))
		})},
		nilsweep.Case{Name: "ReadMapping nil", Want: inv, Fn: func() error { _, err := controls.ReadMapping(nil); return err }},
		nilsweep.Case{Name: "ReadMapping empty", Want: inv, Fn: func() error { _, err := controls.ReadMapping(strings.NewReader("")); return err }},
		nilsweep.Case{Name: "WriteMapping nil writer", Want: inv, Fn: func() error { return controls.WriteMapping(nil, demoMapping()) }},
		nilsweep.Case{Name: "WriteMapping nil mapping", Want: inv, Fn: func() error { return controls.WriteMapping(&buf, nil) }},
		nilsweep.Case{Name: "InferCoverage nil", Want: inv, Fn: func() error { _, err := controls.InferCoverage(nil, nil, nil); return err }},
		nilsweep.Case{Name: "InferCoverage zero mapping", Want: inv, Fn: func() error {
			_, err := controls.InferCoverage(&controls.Mapping{}, nil, &controls.CoverageOptions{})
			return err
		}},
		nilsweep.Case{Name: "InferCoverage nil statuses", Want: nil, Fn: func() error { _, err := controls.InferCoverage(demoMapping(), nil, nil); return err }},
		nilsweep.Case{Name: "CoverageReport nil", Want: nil, Fn: nilsweep.NoErr(func() {
			assert.Zero(t, nilRep.Count(controls.CoverageFull))
			_, ok := nilRep.Item("")
			assert.False(t, ok)
		})},
	)

	// Validate methods return a bare *isms.ValidationError and UnmarshalText
	// the kernel's enum error (the decoder wraps it); every other error
	// starts with the package prefix, once.
	nilsweep.RunCases(t, calls, func(t *testing.T, c nilsweep.Case, err error) {
		if !strings.Contains(c.Name, "Validate") && !strings.Contains(c.Name, "UnmarshalText") {
			assert.True(t, strings.HasPrefix(err.Error(), "controls: "), "no package prefix: %v", err)
			assert.NotContains(t, err.Error(), ": controls: ", "prefixed once: %v", err)
		}
	})
}
