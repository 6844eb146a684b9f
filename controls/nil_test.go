package controls_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// sweepCall is one call of the nil-and-zero sweep: fn returns the error of
// the call (nil for functions without one), want the documented category
// (nil: the call succeeds).
type sweepCall struct {
	name string
	want error
	fn   func() error
}

// noErr wraps a call without an error result.
func noErr(f func()) func() error { return func() error { f(); return nil } }

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
	calls := []sweepCall{
		// Identifiers and catalogs.
		{"CompareIDs", nil, noErr(func() { assert.Zero(t, controls.CompareIDs("", "")) })},
		{"SoA.RecordSelections nil and zero", nil, noErr(func() {
			assert.Nil(t, nilSoA.RecordSelections(nil))
			assert.Nil(t, nilSoA.RecordSelections([]isms.ControlSelection{{}}))
			assert.Equal(t, []isms.ID{""}, (&controls.SoA{}).RecordSelections([]isms.ControlSelection{{}}))
		})},
		{"NewCatalog zero", inv, func() error { _, err := controls.NewCatalog(controls.CatalogInfo{}, nil, nil); return err }},
		{"NewCatalog zero group and control", inv, func() error {
			_, err := controls.NewCatalog(smallInfo(), []controls.Group{{}}, []controls.Control{{}})
			return err
		}},
		{"NewCatalog no groups or controls", nil, func() error { _, err := controls.NewCatalog(smallInfo(), nil, nil); return err }},
		{"ReadCatalog nil", inv, func() error { _, err := controls.ReadCatalog(nil); return err }},
		{"ReadCatalog empty", inv, func() error { _, err := controls.ReadCatalog(strings.NewReader("")); return err }},
		{"WriteCatalog nil writer", inv, func() error { return controls.WriteCatalog(nil, demoCatalog(t)) }},
		{"WriteCatalog nil catalog", inv, func() error { return controls.WriteCatalog(&buf, nil) }},
		{"WriteCatalog zero catalog", nil, func() error { return controls.WriteCatalog(&buf, zeroCat) }},
		{"builtins", nil, noErr(func() {
			_, _, _, _ = controls.ISO27001_2022(), controls.NISTCSF2(), controls.ISO27001_2013To2022(), controls.NISTCSF2ToISO27001_2022()
		})},
		{"Control zero", nil, noErr(func() {
			var c controls.Control
			assert.Empty(t, c.Prop(""))
			assert.Equal(t, isms.Ref{Kind: controls.KindControl}, c.Ref())
		})},
		{"Attributes zero", nil, func() error {
			var a controls.Attributes
			assert.True(t, a.IsZero())
			return a.Validate()
		}},
		{"Catalog.MarshalJSON zero", nil, func() error { _, err := controls.Catalog{}.MarshalJSON(); return err }},
		{"Catalog.UnmarshalJSON nil receiver", inv, func() error { return nilCat.UnmarshalJSON([]byte(`{"id":"x","title":"X","controls":[]}`)) }},
		{"Catalog.UnmarshalJSON nil data", inv, func() error { return new(controls.Catalog).UnmarshalJSON(nil) }},
		{"Catalog.WithAttributes nil receiver", inv, func() error { _, err := nilCat.WithAttributes(nil); return err }},
		{"Catalog.WithAttributes zero catalog", inv, func() error { _, err := zeroCat.WithAttributes(nil); return err }},
		{"Catalog.WithAttributes nil map", nil, func() error { _, err := demoCatalog(t).WithAttributes(nil); return err }},
	}
	for _, c := range []*controls.Catalog{nilCat, zeroCat} {
		calls = append(calls, sweepCall{"Catalog accessors", nil, noErr(func() {
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
	calls = append(calls, sweepCall{"Catalog.Filter nil keep", nil, noErr(func() { assert.Nil(t, demoCatalog(t).Filter(nil)) })})

	// Enums: values, validity, nil receivers of UnmarshalText.
	calls = append(calls,
		sweepCall{"enum values", nil, noErr(func() {
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
		calls = append(calls, sweepCall{name + ".UnmarshalText nil receiver", inv, func() error { return u.UnmarshalText(nil) }})
	}

	// The SoA.
	calls = append(calls,
		sweepCall{"NewSoA nil", nil, noErr(func() { assert.Equal(t, &controls.SoA{}, controls.NewSoA(nil)) })},
		sweepCall{"Entry zero", nil, noErr(func() { assert.Equal(t, isms.Ref{Kind: controls.KindControl}, controls.Entry{}.Ref()) })},
		sweepCall{"SoA.Entry nil", nil, noErr(func() { assert.Nil(t, nilSoA.Entry("")) })},
		sweepCall{"SoA.Clone nil", nil, noErr(func() { assert.Nil(t, nilSoA.Clone()) })},
		sweepCall{"SoA.Statuses nil", nil, noErr(func() { assert.Nil(t, nilSoA.Statuses()) })},
		sweepCall{"SoA.Statuses zero", nil, noErr(func() { assert.Empty(t, (&controls.SoA{}).Statuses()) })},
		sweepCall{"SoA.Validate nil", inv, func() error { return nilSoA.Validate() }},
		sweepCall{"SoA.Validate zero", inv, func() error { return (&controls.SoA{}).Validate() }},
		sweepCall{"SoA.Validate zero entry", inv, func() error {
			return (&controls.SoA{CatalogID: "x", Entries: []controls.Entry{{}}}).Validate()
		}},
		sweepCall{"ReadSoA nil", inv, func() error { _, err := controls.ReadSoA(nil); return err }},
		sweepCall{"ReadSoA empty", inv, func() error { _, err := controls.ReadSoA(strings.NewReader("")); return err }},
		sweepCall{"ReadSoA null", inv, func() error { _, err := controls.ReadSoA(strings.NewReader("null")); return err }},
		sweepCall{"WriteSoA nil writer", inv, func() error { return controls.WriteSoA(nil, validSoA()) }},
		sweepCall{"WriteSoA nil SoA", inv, func() error { return controls.WriteSoA(&buf, nil) }},
		sweepCall{"WriteSoA zero SoA", inv, func() error { return controls.WriteSoA(&buf, &controls.SoA{}) }},
		sweepCall{"CheckSoA nil", nil, noErr(func() {
			fs := controls.CheckSoA(nil, nil, zeroTime, nil)
			require.Len(t, fs, 1)
			assert.Equal(t, controls.CodeSoAMalformed, fs[0].Code)
		})},
		sweepCall{"CheckSoA zero", nil, noErr(func() {
			assert.NotEmpty(t, controls.CheckSoA(&controls.SoA{}, zeroCat, zeroTime, &controls.SoACheckOptions{Selections: []controls.Selection{{}}}))
		})},
		sweepCall{"Rules", nil, noErr(func() { assert.NotEmpty(t, controls.Rules()) })},
		sweepCall{"DiffSoA nil", nil, noErr(func() { assert.True(t, controls.DiffSoA(nil, nil).IsEmpty()) })},
		sweepCall{"SoADiff nil", nil, noErr(func() {
			assert.True(t, nilDiff.IsEmpty())
			assert.Empty(t, nilDiff.String())
		})},
		sweepCall{"Summarize nil", nil, noErr(func() { assert.Equal(t, &controls.Summary{}, controls.Summarize(nil, nil)) })},
		sweepCall{"Counts zero", nil, noErr(func() {
			assert.Zero(t, controls.Counts{}.Included())
			assert.Zero(t, controls.Counts{}.Done())
		})},
		sweepCall{"CSVColumns", nil, noErr(func() { assert.Len(t, controls.CSVColumns(), 12) })},
		sweepCall{"WriteCSV nil writer", inv, func() error { return controls.WriteCSV(nil, nil, nil, nil) }},
		sweepCall{"WriteCSV nil SoA and catalog", nil, func() error { return controls.WriteCSV(&buf, nil, nil, nil) }},
		sweepCall{"WriteCSV zero", nil, func() error { return controls.WriteCSV(&buf, &controls.SoA{}, zeroCat, &controls.CSVOptions{}) }},
		sweepCall{"WriteMarkdown nil writer", inv, func() error { return controls.WriteMarkdown(nil, nil, nil) }},
		sweepCall{"WriteMarkdown nil SoA and catalog", nil, func() error { return controls.WriteMarkdown(&buf, nil, nil) }},
		sweepCall{"WriteMarkdown zero", nil, func() error { return controls.WriteMarkdown(&buf, &controls.SoA{}, zeroCat) }},
	)

	// Suggestions.
	calls = append(calls,
		sweepCall{"Profile.Set nil", nil, noErr(func() {
			p := nilProf.Set(controls.FactDevelopsSoftware, true).Set(controls.FactUsesCloudServices, false)
			assert.Equal(t, map[controls.ProfileFact]bool{controls.FactDevelopsSoftware: true, controls.FactUsesCloudServices: false}, p.Facts)
		})},
		sweepCall{"Profile.Validate zero", nil, func() error { return controls.Profile{}.Validate() }},
		sweepCall{"SuggestionRule.Validate zero", inv, func() error { return controls.SuggestionRule{}.Validate() }},
		sweepCall{"DefaultSuggestionRules", nil, noErr(func() { assert.NotEmpty(t, controls.DefaultSuggestionRules()) })},
		sweepCall{"Suggestion.Draft zero", nil, noErr(func() { assert.Equal(t, controls.Entry{}, controls.Suggestion{}.Draft()) })},
		sweepCall{"Suggest nil catalog", inv, func() error { _, err := controls.Suggest(controls.Profile{}, nil, nil); return err }},
		sweepCall{"Suggest zero catalog", inv, func() error { _, err := controls.Suggest(controls.Profile{}, zeroCat, nil); return err }},
		sweepCall{"Suggest zero options", nil, func() error {
			sg, err := controls.Suggest(controls.Profile{}, controls.ISO27001_2022(), &controls.SuggestOptions{})
			assert.Empty(t, sg, "no fact is known, so no rule fires")
			return err
		}},
		sweepCall{"Suggest empty rule set", nil, func() error {
			sg, err := controls.Suggest(controls.Profile{}, zeroCat, &controls.SuggestOptions{SuggestionRules: []controls.SuggestionRule{}})
			assert.Empty(t, sg)
			return err
		}},
		sweepCall{"Suggest zero rule", inv, func() error {
			_, err := controls.Suggest(controls.Profile{}, zeroCat, &controls.SuggestOptions{SuggestionRules: []controls.SuggestionRule{{}}})
			return err
		}},
	)

	// Mappings and coverage.
	calls = append(calls,
		sweepCall{"Mapping.Validate nil", inv, func() error { return nilMap.Validate() }},
		sweepCall{"Mapping.Inverse nil then Validate", inv, func() error { return nilMap.Inverse().Validate() }},
		sweepCall{"Mapping.ValidateAgainst nil", inv, func() error { return nilMap.ValidateAgainst(nil, nil) }},
		sweepCall{"Mapping.Validate zero", inv, func() error { return (&controls.Mapping{}).Validate() }},
		sweepCall{"Mapping.ValidateAgainst zero", inv, func() error { return (&controls.Mapping{}).ValidateAgainst(zeroCat, zeroCat) }},
		sweepCall{"Mapping nil accessors", nil, noErr(func() {
			assert.Nil(t, nilMap.Clone())
			assert.Nil(t, nilMap.Inverse())
			assert.Nil(t, nilMap.TargetsOf(""))
			assert.Nil(t, nilMap.SourcesOf(""))
		})},
		sweepCall{"ReadMapping nil", inv, func() error { _, err := controls.ReadMapping(nil); return err }},
		sweepCall{"ReadMapping empty", inv, func() error { _, err := controls.ReadMapping(strings.NewReader("")); return err }},
		sweepCall{"WriteMapping nil writer", inv, func() error { return controls.WriteMapping(nil, demoMapping()) }},
		sweepCall{"WriteMapping nil mapping", inv, func() error { return controls.WriteMapping(&buf, nil) }},
		sweepCall{"InferCoverage nil", inv, func() error { _, err := controls.InferCoverage(nil, nil, nil); return err }},
		sweepCall{"InferCoverage zero mapping", inv, func() error {
			_, err := controls.InferCoverage(&controls.Mapping{}, nil, &controls.CoverageOptions{})
			return err
		}},
		sweepCall{"InferCoverage nil statuses", nil, func() error { _, err := controls.InferCoverage(demoMapping(), nil, nil); return err }},
		sweepCall{"CoverageReport nil", nil, noErr(func() {
			assert.Zero(t, nilRep.Count(controls.CoverageFull))
			_, ok := nilRep.Item("")
			assert.False(t, ok)
		})},
	)

	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = c.fn() })
			if c.want == nil {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.True(t, errors.Is(err, c.want), "%v does not answer %v", err, c.want)
			// Validate methods return a bare *isms.ValidationError and
			// UnmarshalText the kernel's enum error (the decoder wraps it);
			// every other error starts with the package prefix, once.
			if !strings.Contains(c.name, "Validate") && !strings.Contains(c.name, "UnmarshalText") {
				assert.True(t, strings.HasPrefix(err.Error(), "controls: "), "no package prefix: %v", err)
				assert.NotContains(t, err.Error(), ": controls: ", "prefixed once: %v", err)
			}
		})
	}
}
