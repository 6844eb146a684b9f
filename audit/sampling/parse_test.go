package sampling

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/internal/timebound"
	"github.com/ismskit/ismskit/isms"
)

func TestParseSelectionRoundTrip(t *testing.T) {
	items := goldenPopulation()
	specs := []SelectionSpec{
		{Method: MethodStratified, Size: 0, Seed: 3, Allocation: AllocationFixed, StratumSizes: map[string]int{"high": 2, "low": 0, "medium": 5}},
		{Method: MethodStratified, Size: 9, Seed: 4},
	}
	for _, m := range MethodValues() {
		if m != MethodStratified {
			specs = append(specs, SelectionSpec{Method: m, Size: 12, Seed: 8})
		}
	}
	for _, spec := range specs {
		t.Run(string(spec.Method), func(t *testing.T) {
			rec, err := Select(items, spec)
			require.NoError(t, err)
			require.NoError(t, rec.Validate())
			b, err := json.Marshal(rec)
			require.NoError(t, err)
			back, err := ParseSelection(b)
			require.NoError(t, err)
			assert.Equal(t, rec, back)
			require.NoError(t, Reperform(back, items))
		})
	}
}

// validRecord is a small recorded selection, worked by hand: items b and d
// of the population a, b, c, d.
func validRecord() *Selection {
	return &Selection{
		Spec:             SelectionSpec{Method: MethodSimpleRandom, Size: 2, Seed: 1},
		Algorithm:        "simple-random/fisher-yates",
		AlgorithmVersion: 1,
		Generator:        "g",
		Population:       PopulationInfo{Size: 4, Value: 10, Fingerprint: strings.Repeat("ab", 32), FingerprintFormat: FingerprintFormat},
		Items:            []SelectedItem{{Index: 1, ID: "b", Draw: 2}, {Index: 3, ID: "d", Draw: 1}},
		Procedure:        "p",
	}
}

func TestSelectionValidate(t *testing.T) {
	require.NoError(t, validRecord().Validate())
	for _, tc := range []struct {
		name   string
		change func(*Selection)
		field  string
		code   string
	}{
		{"no method", func(s *Selection) { s.Spec.Method = "" }, "spec.method", isms.CodeRequired},
		{"negative size", func(s *Selection) { s.Spec.Size = -1 }, "spec.size", isms.CodeOutOfRange},
		{"allocation without strata", func(s *Selection) { s.Spec.Allocation = AllocationFixed }, "spec.allocation", isms.CodeForbidden},
		{"negative stratum size", func(s *Selection) {
			s.Spec.Method, s.Spec.StratumSizes = MethodStratified, map[string]int{"x": -1}
		}, "spec.stratum_sizes.x", isms.CodeOutOfRange},
		{"version 0", func(s *Selection) { s.AlgorithmVersion = 0 }, "algorithm_version", isms.CodeOutOfRange},
		{"negative population", func(s *Selection) { s.Population.Size = -1 }, "population.size", isms.CodeOutOfRange},
		{"negative value", func(s *Selection) { s.Population.Value = -1 }, "population.value", isms.CodeOutOfRange},
		{"short fingerprint", func(s *Selection) { s.Population.Fingerprint = "abc" }, "population.fingerprint", isms.CodeMalformed},
		{"upper-case fingerprint", func(s *Selection) { s.Population.Fingerprint = strings.Repeat("AB", 32) }, "population.fingerprint", isms.CodeMalformed},
		{"no format", func(s *Selection) { s.Population.FingerprintFormat = "" }, "population.fingerprint_format", isms.CodeRequired},
		{"start outside span", func(s *Selection) { s.Interval = &Interval{Start: 4, Span: 4, Size: 2, Length: 2} }, "interval.start", isms.CodeOutOfRange},
		{"interval of no hits", func(s *Selection) { s.Interval = &Interval{Start: 0, Span: 4, Size: 0} }, "interval.size", isms.CodeOutOfRange},
		{"NaN length", func(s *Selection) { s.Interval = &Interval{Start: 0, Span: 4, Size: 2, Length: math.NaN()} }, "interval.length", isms.CodeOutOfRange},
		{"strata out of order", func(s *Selection) {
			s.Strata = []StratumSelection{{Key: "b", Population: 2, Size: 1}, {Key: "a", Population: 2, Size: 1}}
		}, "strata[1].key", isms.CodeOrder},
		{"stratum oversampled", func(s *Selection) { s.Strata = []StratumSelection{{Key: "a", Population: 2, Size: 3}} }, "strata[0].size", isms.CodeOutOfRange},
		{"index beyond population", func(s *Selection) { s.Items[1].Index = 4 }, "items[1].index", isms.CodeOutOfRange},
		{"items out of order", func(s *Selection) { s.Items[0], s.Items[1] = s.Items[1], s.Items[0] }, "items[1].index", isms.CodeOrder},
		{"item twice", func(s *Selection) { s.Items[1] = s.Items[0] }, "items[1].id", isms.CodeOrder},
		{"no id", func(s *Selection) { s.Items[0].ID = "" }, "items[0].id", isms.CodeRequired},
		{"draw 0", func(s *Selection) { s.Items[0].Draw = 0 }, "items[0].draw", isms.CodeOutOfRange},
		{"hits not ascending", func(s *Selection) { s.Items[0].Hits = []int64{5, 5} }, "items[0].hits[1]", isms.CodeOutOfRange},
		{"hit beyond value", func(s *Selection) { s.Items[0].Hits = []int64{10} }, "items[0].hits[0]", isms.CodeOutOfRange},
		{"id not UTF-8", func(s *Selection) { s.Items[0].ID = "\xff" }, "items[0].id", isms.CodeMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := validRecord()
			tc.change(s)
			err := s.Validate()
			require.ErrorIs(t, err, isms.ErrInvalid)
			var ve *isms.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "selection", ve.Subject)
			assert.True(t, ve.Has(tc.field, tc.code), "%v", err)
		})
	}
}

func TestParseSelectionRejects(t *testing.T) {
	good, err := json.Marshal(validRecord())
	require.NoError(t, err)
	_, err = ParseSelection(good)
	require.NoError(t, err)
	for name, doc := range map[string]string{
		"unknown field":  strings.Replace(string(good), `"algorithm":`, `"colour":"red","algorithm":`, 1),
		"unknown method": strings.Replace(string(good), `"simple_random"`, `"judgmental"`, 1),
		"empty method":   strings.Replace(string(good), `"simple_random"`, `""`, 1),
		"trailing data":  string(good) + "{}",
		"invalid":        strings.Replace(string(good), `"algorithm_version":1`, `"algorithm_version":0`, 1),
		"empty":          "",
		"null":           "null",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseSelection([]byte(doc))
			require.ErrorIs(t, err, isms.ErrInvalid)
			assert.True(t, strings.HasPrefix(err.Error(), "sampling: parse selection: "), err.Error())
		})
	}
}

func TestParsePlans(t *testing.T) {
	p, err := ParseAttributePlan([]byte(`{"confidence":0.95,"tolerable_rate":0.05,"expected_rate":0.01}`))
	require.NoError(t, err)
	assert.Equal(t, &AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0.01}, p)
	n, err := AttributeSampleSize(*p)
	require.NoError(t, err)
	assert.Equal(t, 93, n, "the AICPA table: 95%, 5% tolerable, 1% expected")
	// An explicit empty model is the default, as the zero Model is.
	p, err = ParseAttributePlan([]byte(`{"confidence":0.95,"tolerable_rate":0.05,"expected_rate":0.01,"model":""}`))
	require.NoError(t, err)
	assert.Equal(t, &AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0.01}, p)
	for _, doc := range []string{
		`{"confidence":0.95,"tolerable_rate":0.05,"expected_rate":0.01,"model":"Binomial"}`,
		`{"confidence":0.95,"tolerable_rate":0.05,"expected_rate":0.01,"modle":"binomial"}`,
		`{"confidence":1.5,"tolerable_rate":0.05}`,
	} {
		_, err := ParseAttributePlan([]byte(doc))
		require.ErrorIs(t, err, isms.ErrInvalid, doc)
		assert.True(t, strings.HasPrefix(err.Error(), "sampling: parse attribute plan: "), err.Error())
	}
	mp, err := ParseMonetaryPlan([]byte(`{"confidence":0.95,"tolerable_misstatement":0.05,"expected_misstatement":0,"population_value":1000000}`))
	require.NoError(t, err)
	assert.Equal(t, &MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05, PopulationValue: 1e6}, mp)
	_, err = ParseMonetaryPlan([]byte(`{"confidence":0.95,"tolerable_misstatement":0.05,"population_value":1e300}`))
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), "population_value must be between 0 and 9007199254740992")
}

// FuzzParseSelection: a document is refused with ErrInvalid, or accepted,
// re-encodes and re-parses equal.
func FuzzParseSelection(f *testing.F) {
	for _, m := range MethodValues() {
		rec, err := Select(goldenPopulation()[:20], SelectionSpec{Method: m, Size: 3, Seed: 5})
		require.NoError(f, err)
		b, _ := json.Marshal(rec)
		f.Add(b)
	}
	// A selection that records its plan.
	planned, err := PlanAttribute(AttributePlan{Confidence: 0.9, TolerableRate: 0.2, ExpectedRate: 0.01, Population: 20})
	require.NoError(f, err)
	rec, err := Select(goldenPopulation()[:20], SelectionSpec{Method: MethodSimpleRandom, Size: planned.SampleSize, Seed: 5, Plan: planned.SelectionPlan()})
	require.NoError(f, err)
	b, _ := json.Marshal(rec)
	f.Add(b)
	f.Add([]byte(`{"spec":{"method":"stratified","size":0,"seed":0,"stratum_sizes":{}},"algorithm":"","algorithm_version":1,"generator":"","population":{"size":0,"value":0,"fingerprint":"` + strings.Repeat("0", 64) + `","fingerprint_format":"x"},"items":[],"procedure":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSelection(data)
		if err != nil {
			requireInvalid(t, err, "%q", data)
			return
		}
		b, err := json.Marshal(s)
		require.NoError(t, err)
		back, err := ParseSelection(b)
		require.NoError(t, err, "%s", b)
		require.Equal(t, s, back)
	})
}

// TestNilAndZeroArguments calls every exported function and method of the
// package with nil and zero arguments: none panics, and each either
// succeeds with its documented result or fails with its documented
// category.
func TestNilAndZeroArguments(t *testing.T) {
	inv := isms.ErrInvalid
	var nilSel *Selection
	var nilMismatch *MismatchError
	calls := []struct {
		name string
		want error
		fn   func() error
	}{
		{"AttributeSampleSize zero", inv, func() error { _, err := AttributeSampleSize(AttributePlan{}); return err }},
		{"PlanAttribute zero", inv, func() error { _, err := PlanAttribute(AttributePlan{}); return err }},
		{"AttributePlan.Validate zero", inv, func() error { return AttributePlan{}.Validate() }},
		{"EvaluateAttribute zero", inv, func() error { _, err := EvaluateAttribute(AttributePlan{}, 0, 0); return err }},
		{"MonetarySampleSize zero", inv, func() error { _, err := MonetarySampleSize(MonetaryPlan{}); return err }},
		{"PlanMonetary zero", inv, func() error { _, err := PlanMonetary(MonetaryPlan{}); return err }},
		{"MonetaryPlan.Validate zero", inv, func() error { return MonetaryPlan{}.Validate() }},
		{"EvaluateMonetary zero", inv, func() error { _, err := EvaluateMonetary(MonetaryPlan{}, 0, nil, nil); return err }},
		{"EvaluateMonetary nil taints", nil, func() error {
			_, err := EvaluateMonetary(MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05}, 60, nil, &MonetaryOptions{})
			return err
		}},
		{"UpperDeviationLimit zero", inv, func() error { _, err := UpperDeviationLimit(0, 0, 0); return err }},
		{"UpperDeviationLimitFinite zero", inv, func() error { _, _, err := UpperDeviationLimitFinite(0, 0, 0, 0); return err }},
		{"Guidance zero", inv, func() error { _, err := Guidance(""); return err }},
		{"GuidanceTable", nil, func() error { assert.Len(t, GuidanceTable(), 6); return nil }},
		{"Fingerprint nil", nil, func() error {
			fp, err := Fingerprint(nil)
			assert.Len(t, fp, 64, "the empty population has a fingerprint")
			return err
		}},
		{"Fingerprint zero item", inv, func() error { _, err := Fingerprint([]Item{{}}); return err }},
		{"Select nil", inv, func() error { _, err := Select(nil, SelectionSpec{}); return err }},
		{"Select zero spec", inv, func() error { _, err := Select(goldenPopulation(), SelectionSpec{}); return err }},
		{"Reperform nil", inv, func() error { return Reperform(nil, nil) }},
		{"Reperform zero", isms.ErrUnsupported, func() error { return Reperform(&Selection{}, nil) }},
		{"Selection.Validate nil", inv, func() error { return nilSel.Validate() }},
		{"Selection.Validate zero", inv, func() error { return (&Selection{}).Validate() }},
		{"ParseSelection nil", inv, func() error { _, err := ParseSelection(nil); return err }},
		{"ParseAttributePlan nil", inv, func() error { _, err := ParseAttributePlan(nil); return err }},
		{"ParseMonetaryPlan nil", inv, func() error { _, err := ParseMonetaryPlan(nil); return err }},
		{"Explanation.String zero", nil, func() error { assert.NotEmpty(t, Explanation{}.String()); return nil }},
		{"EvaluateAttributeSelection nil", inv, func() error { _, err := EvaluateAttributeSelection(nil, 0, 0); return err }},
		{"EvaluateAttributeSelection zero", inv, func() error { _, err := EvaluateAttributeSelection(&Selection{}, 0, 0); return err }},
		{"EvaluateMonetarySelection nil", inv, func() error { _, err := EvaluateMonetarySelection(nil, 0, nil, nil); return err }},
		{"EvaluateMonetarySelection zero", inv, func() error {
			_, err := EvaluateMonetarySelection(&Selection{Spec: SelectionSpec{Plan: &SelectionPlan{}}}, 0, nil, nil)
			return err
		}},
		{"SelectionPlan.Validate nil", inv, func() error { return (*SelectionPlan)(nil).Validate() }},
		{"SelectionPlan.Validate zero", inv, func() error { return (&SelectionPlan{}).Validate() }},
		{"Select zero plan", inv, func() error {
			_, err := Select(goldenPopulation(), SelectionSpec{Method: MethodSimpleRandom, Size: 1, Plan: &SelectionPlan{}})
			return err
		}},
		{"result SelectionPlan zero", nil, func() error {
			assert.NotNil(t, AttributeResult{}.SelectionPlan().Attribute)
			assert.NotNil(t, MonetaryResult{}.SelectionPlan().Monetary)
			return nil
		}},
		{"MismatchError nil", nil, func() error {
			assert.Equal(t, "no mismatch", nilMismatch.Error())
			assert.True(t, errors.Is(nilMismatch, isms.ErrConflict))
			return nil
		}},
		{"enum values", nil, func() error {
			for _, ok := range []bool{Model("").IsValid(), Conclusion("").IsValid(), Frequency("").IsValid(),
				Method("").IsValid(), Allocation("").IsValid(), MonetaryBound("").IsValid()} {
				assert.False(t, ok)
			}
			_, _, _ = ModelValues(), ConclusionValues(), FrequencyValues()
			_, _, _ = MethodValues(), AllocationValues(), MonetaryBoundValues()
			return nil
		}},
	}
	for name, u := range map[string]interface{ UnmarshalText([]byte) error }{
		"Model": (*Model)(nil), "Conclusion": (*Conclusion)(nil), "Frequency": (*Frequency)(nil),
		"Method": (*Method)(nil), "Allocation": (*Allocation)(nil), "MonetaryBound": (*MonetaryBound)(nil),
	} {
		calls = append(calls, struct {
			name string
			want error
			fn   func() error
		}{name + ".UnmarshalText nil receiver", inv, func() error { return u.UnmarshalText(nil) }})
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { err = c.fn() })
			if c.want == nil {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, c.want)
			if !strings.Contains(c.name, "Validate") && !strings.Contains(c.name, "UnmarshalText") {
				assert.True(t, strings.HasPrefix(err.Error(), "sampling: "), "no package prefix: %v", err)
				assert.Equal(t, 1, strings.Count(err.Error(), "sampling:"), "prefixed once: %v", err)
			}
		})
	}
}

func TestErrorsWrappedOnce(t *testing.T) {
	_, err := PlanAttribute(AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0.06})
	assert.Equal(t, "sampling: plan attribute: attribute plan: invalid: expected_rate: expected_rate must be below tolerable_rate (out_of_range)", err.Error())
	_, err = Select([]Item{{ID: "a"}, {ID: "a"}}, SelectionSpec{Method: MethodSimpleRandom, Size: 1})
	assert.Equal(t, `sampling: select: duplicate item id "a"`, err.Error())
	_, err = UpperDeviationLimit(10, 11, 0.95)
	assert.Equal(t, "sampling: upper deviation limit: invalid: deviations: deviations must be between 0 and the sample size, got 11 (out_of_range)", err.Error())
	items := goldenPopulation()
	rec, err := Select(items, SelectionSpec{Method: MethodSimpleRandom, Size: 3, Seed: 1})
	require.NoError(t, err)
	items[0].Value++
	err = Reperform(rec, items)
	require.ErrorIs(t, err, isms.ErrConflict)
	assert.True(t, strings.HasPrefix(err.Error(), "sampling: reperform: population changed: fingerprint "+goldenFingerprint), err.Error())
}

func TestMaxPopulationValue(t *testing.T) {
	p := MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05, PopulationValue: MaxPopulationValue}
	require.NoError(t, p.Validate())
	p.PopulationValue = math.Nextafter(MaxPopulationValue, math.Inf(1))
	assert.ErrorIs(t, p.Validate(), isms.ErrInvalid)
	p.PopulationValue = math.NaN()
	assert.ErrorIs(t, p.Validate(), isms.ErrInvalid)
}

// Every exported struct that is marshalled has explicit snake_case json
// tags.
func TestJSONTagsAreSnakeCase(t *testing.T) {
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	for _, v := range []any{
		AttributePlan{}, AttributeResult{}, AttributeEvaluation{}, Explanation{}, ExplanationInput{},
		MonetaryPlan{}, MonetaryResult{}, MonetaryOptions{}, MonetaryEvaluation{}, SelectionSpec{}, Selection{},
		PopulationInfo{}, Interval{}, StratumSelection{}, SelectedItem{}, Item{}, FrequencyGuidance{},
		SupportedPlan{}, MismatchError{},
	} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			fl := typ.Field(i)
			name, _, _ := strings.Cut(fl.Tag.Get("json"), ",")
			assert.Regexp(t, snake, name, "%s.%s", typ.Name(), fl.Name)
		}
	}
}

// bigSelections returns a recorded selection of about 10 MB (100,000 items
// with two hits each, 200,000 units drawn) that ParseSelection accepts, and one of the same size whose
// every item repeats the one before (refused).
var bigSelections = sync.OnceValues(func() ([]byte, []byte) {
	s := &Selection{
		Spec:             SelectionSpec{Method: MethodMonetaryUnit, Size: 200_000, Seed: 1},
		Algorithm:        "monetary-unit/fixed-interval",
		AlgorithmVersion: 1,
		Generator:        "g",
		Population:       PopulationInfo{Size: 1_000_000, Value: 1 << 40, Fingerprint: strings.Repeat("0", 64), FingerprintFormat: FingerprintFormat},
		Interval:         &Interval{Start: 0, Span: 1 << 40, Size: 200_000, Length: 1},
		Procedure:        "p",
	}
	for i := range 100_000 {
		s.Items = append(s.Items, SelectedItem{Index: i * 5, ID: fmt.Sprintf("INV-%07d", i*5), Value: 1000, Stratum: "s",
			Draw: i + 1, Hits: []int64{int64(i) * 1000, int64(i)*1000 + 1}})
	}
	good, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	for i := 1; i < len(s.Items); i++ {
		s.Items[i] = s.Items[0]
	}
	bad, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return good, bad
})

// A plan padded to about 10 MB with white space (accepted) and with a 10
// MB unknown field (refused).
var bigPlans = sync.OnceValues(func() ([]byte, []byte) {
	pad := strings.Repeat(" ", 10<<20)
	good := `{"confidence":0.95,` + pad + `"tolerable_rate":0.05,"expected_rate":0.01}`
	bad := `{"confidence":0.95,"tolerable_rate":0.05,"notes":"` + pad + `"}`
	return []byte(good), []byte(bad)
})

func tenMBCases() []struct {
	name string
	doc  []byte
	run  func([]byte) bool
} {
	goodSel, badSel := bigSelections()
	goodPlan, badPlan := bigPlans()
	parseSel := func(b []byte) bool { _, err := ParseSelection(b); return err == nil }
	parsePlan := func(b []byte) bool { _, err := ParseAttributePlan(b); return err == nil }
	parseMon := func(b []byte) bool { _, err := ParseMonetaryPlan(b); return err == nil }
	decoded := func(b []byte) *Selection {
		var s Selection
		if err := json.Unmarshal(b, &s); err != nil {
			panic(err)
		}
		return &s
	}
	goodRec, badRec := decoded(goodSel), decoded(badSel)
	monGood := bytes.Replace(goodPlan, []byte(`"tolerable_rate":0.05,"expected_rate":0.01`), []byte(`"tolerable_misstatement":0.05`), 1)
	return []struct {
		name string
		doc  []byte
		run  func([]byte) bool
	}{
		{"ParseSelection/accepted", goodSel, parseSel},
		{"ParseSelection/refused", badSel, parseSel},
		{"Selection.Validate/accepted", goodSel, func([]byte) bool { return goodRec.Validate() == nil }},
		{"Selection.Validate/refused", badSel, func([]byte) bool { return badRec.Validate() == nil }},
		{"ParseAttributePlan/accepted", goodPlan, parsePlan},
		{"ParseAttributePlan/refused", badPlan, parsePlan},
		{"ParseMonetaryPlan/accepted", monGood, parseMon},
		{"ParseMonetaryPlan/refused", badPlan, parseMon},
	}
}

// TestDecoders10MB feeds each 10 MB input once and fails if a decoder or
// validator takes more than a second or gets the verdict wrong.
func TestDecoders10MB(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10 MB inputs")
	}
	for _, c := range tenMBCases() {
		t.Run(c.name, func(t *testing.T) {
			require.InDelta(t, 10<<20, len(c.doc), 4<<20, "the input is about 10 MB")
			var accepted bool
			// CPU time, the fastest of three runs: other processes do not count
			took := timebound.Fastest(3, time.Second, func() { accepted = c.run(c.doc) })
			require.Less(t, took, time.Second)
			require.Equal(t, !strings.HasSuffix(c.name, "refused"), accepted)
		})
	}
}

func benchCase(b *testing.B, prefix string) {
	for _, c := range tenMBCases() {
		if strings.HasPrefix(c.name, prefix+"/") {
			b.Run(c.name, func(b *testing.B) {
				b.SetBytes(int64(len(c.doc)))
				b.ReportAllocs()
				for b.Loop() {
					c.run(c.doc)
				}
			})
		}
	}
}

// Benchmark…10MB loop the inputs of TestDecoders10MB.
func BenchmarkParseSelection10MB(b *testing.B)     { benchCase(b, "ParseSelection") }
func BenchmarkSelectionValidate10MB(b *testing.B)  { benchCase(b, "Selection.Validate") }
func BenchmarkParseAttributePlan10MB(b *testing.B) { benchCase(b, "ParseAttributePlan") }
func BenchmarkParseMonetaryPlan10MB(b *testing.B)  { benchCase(b, "ParseMonetaryPlan") }

// FuzzParsePlans: a plan document is refused with ErrInvalid, or accepted,
// re-encodes and re-parses equal.
func FuzzParsePlans(f *testing.F) {
	f.Add([]byte(`{"confidence":0.95,"tolerable_rate":0.05,"expected_rate":0.01,"population":365,"model":"hypergeometric"}`))
	f.Add([]byte(`{"confidence":0.9,"tolerable_misstatement":0.05,"expected_misstatement":0.01,"population_value":1e6}`))
	f.Add([]byte(`{"confidence":0.95,"tolerable_rate":1e-300}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if p, err := ParseAttributePlan(data); err != nil {
			requireInvalid(t, err, "%q", data)
		} else {
			b, err := json.Marshal(p)
			require.NoError(t, err)
			back, err := ParseAttributePlan(b)
			require.NoError(t, err, "%s", b)
			require.Equal(t, p, back)
		}
		if p, err := ParseMonetaryPlan(data); err != nil {
			requireInvalid(t, err, "%q", data)
		} else {
			b, err := json.Marshal(p)
			require.NoError(t, err)
			back, err := ParseMonetaryPlan(b)
			require.NoError(t, err, "%s", b)
			require.Equal(t, p, back)
		}
	})
}

// A record whose items do not make up what its spec draws is refused: each
// method's selection validates as made, and fails once an item is dropped
// (Size items for simple random and systematic, the strata's sizes for
// stratified, Size hit units for monetary-unit and cell selection), and a
// record with no items at all fails too.
func TestSelectionValidateCountsItems(t *testing.T) {
	var pop []Item
	for i := range 40 {
		pop = append(pop, Item{ID: fmt.Sprintf("INV-%03d", i), Value: int64(100 + i), Stratum: []string{"a", "b"}[i%2]})
	}
	for _, spec := range []SelectionSpec{
		{Method: MethodSimpleRandom, Size: 5, Seed: 7},
		{Method: MethodSystematic, Size: 5, Seed: 7},
		{Method: MethodStratified, Size: 6, Seed: 7, Allocation: AllocationProportional},
		{Method: MethodMonetaryUnit, Size: 5, Seed: 7},
		{Method: MethodCell, Size: 5, Seed: 7},
	} {
		t.Run(string(spec.Method), func(t *testing.T) {
			sel, err := Select(pop, spec)
			require.NoError(t, err)
			require.NoError(t, sel.Validate())
			cut := *sel
			cut.Items = sel.Items[:len(sel.Items)-1]
			err = cut.Validate()
			require.ErrorIs(t, err, isms.ErrInvalid)
			var ve *isms.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, ve.Has("items", isms.CodeOutOfRange), "%v", err)
			empty := *sel
			empty.Items = nil
			require.ErrorIs(t, empty.Validate(), isms.ErrInvalid)
		})
	}
}
