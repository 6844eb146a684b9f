package controls_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/internal/timebound"
	"github.com/ismskit/ismskit/isms"
)

// The 10 MB inputs below have the worst shapes for each validator and
// decoder: many refs in one list, long lists of repeats, long chains of
// nested groups, many rules naming the same controls. Each is fed once to
// a test that fails above one second (skipped with -short), and looped by
// a Benchmark…10MB.

const tenMB = 10 << 20

// bigSoAs returns an SoA of about 10 MB that Validate accepts, with its
// catalog and selections, and one of about 10 MB full of repeats that
// Validate refuses.
var bigSoAs = sync.OnceValues(func() (*soaInput, *soaInput) {
	// Accepted: entry 0 has 60,000 distinct risks, all of which also
	// select its control; the other entries have 10 risks and 10
	// evidence refs each.
	good := &controls.SoA{Meta: isms.Meta{ID: "big"}, CatalogID: "big", ApprovedBy: "Board", ApprovedAt: approvedAt}
	var sel []controls.Selection
	var ctls []controls.Control
	first := controls.Entry{ControlID: "C-0", Applicability: controls.Applicable,
		InclusionReasons: []controls.InclusionReason{controls.ReasonRiskTreatment}, Status: controls.StatusImplemented, Owner: "o",
		Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "E-0")}}
	for k := range 60_000 {
		r := isms.NewRef("risk", isms.ID(fmt.Sprintf("R-%d", k)))
		first.Risks = append(first.Risks, r)
		sel = append(sel, controls.Selection{Control: "C-0", By: r})
	}
	good.Entries = append(good.Entries, first)
	ctls = append(ctls, controls.Control{ID: "C-0", Title: "c"})
	size := 60_000 * 40
	for i := 1; size < tenMB; i++ {
		e := controls.Entry{ControlID: isms.ID(fmt.Sprintf("C-%d", i)), Applicability: controls.Applicable,
			InclusionReasons: []controls.InclusionReason{controls.ReasonRiskTreatment, controls.ReasonBestPractice},
			Status:           controls.StatusImplemented, Owner: "owner", Notes: "notes"}
		for k := range 10 {
			e.Risks = append(e.Risks, isms.NewRef("risk", isms.ID(fmt.Sprintf("R-%d-%d", i, k))))
			e.Evidence = append(e.Evidence, isms.NewRef(isms.KindEvidence, isms.ID(fmt.Sprintf("E-%d-%d", i, k))))
		}
		sel = append(sel, controls.Selection{Control: e.ControlID, By: e.Risks[0]})
		good.Entries = append(good.Entries, e)
		ctls = append(ctls, controls.Control{ID: e.ControlID, Title: "c"})
		size += 1000
	}
	cat, err := controls.NewCatalog(controls.CatalogInfo{ID: "big", Title: "Big"}, nil, ctls)
	if err != nil {
		panic(err)
	}
	// Refused: 100,000 entries for one control, an entry whose 200,000
	// reasons are two values in two long runs, an entry with 100,000
	// copies of one risk.
	bad := &controls.SoA{Meta: isms.Meta{ID: "dups"}, CatalogID: "big"}
	for range 100_000 {
		bad.Entries = append(bad.Entries, controls.Entry{ControlID: "C-0", Applicability: controls.Applicable})
	}
	reasons := controls.Entry{ControlID: "C-1", Applicability: controls.Applicable}
	for k := range 200_000 {
		r := controls.ReasonContractual
		if k >= 100_000 {
			r = controls.ReasonBestPractice
		}
		reasons.InclusionReasons = append(reasons.InclusionReasons, r)
	}
	repeats := controls.Entry{ControlID: "C-2", Applicability: controls.Applicable}
	for range 100_000 {
		repeats.Risks = append(repeats.Risks, isms.NewRef("risk", "R-1"))
	}
	bad.Entries = append(bad.Entries, reasons, repeats)
	return newSOAInput(good, cat, sel), newSOAInput(bad, cat, nil)
})

type soaInput struct {
	soa  *controls.SoA
	cat  *controls.Catalog
	sel  []controls.Selection
	json []byte
}

func newSOAInput(s *controls.SoA, cat *controls.Catalog, sel []controls.Selection) *soaInput {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return &soaInput{soa: s, cat: cat, sel: sel, json: b}
}

// bigCatalog returns a catalog document of about 10 MB: a chain of 40,000
// groups, each the parent of the next, and 40,000 controls, one in each
// group, with a property and ISO/IEC 27002 attributes.
var bigCatalog = sync.OnceValues(func() ([]byte, *controls.Catalog) {
	const n = 40_000
	groups := make([]controls.Group, n)
	ctls := make([]controls.Control, n)
	for i := range n {
		groups[i] = controls.Group{ID: isms.ID(fmt.Sprintf("G-%d", i)), Title: "group"}
		if i > 0 {
			groups[i].Parent = groups[i-1].ID
		}
		ctls[i] = controls.Control{ID: isms.ID(fmt.Sprintf("C-%d", i)), Title: "control", Group: groups[i].ID,
			Props: map[string]string{"k": "v"},
			Attributes: controls.Attributes{
				ControlTypes:       controls.ControlTypeValues(),
				SecurityProperties: controls.SecurityPropertyValues(),
			}}
	}
	cat, err := controls.NewCatalog(controls.CatalogInfo{ID: "deep", Title: "Deep"}, groups, ctls)
	if err != nil {
		panic(err)
	}
	b, err := json.Marshal(cat)
	if err != nil {
		panic(err)
	}
	return b, cat
})

// bigMapping returns a mapping document of about 10 MB: 150,000 pairs from
// 1,000 sources to 1,000 targets, every tenth repeating an earlier pair
// (refused), and the same without repeats (accepted), with statuses and
// the target catalog.
var bigMapping = sync.OnceValues(func() (*mappingInput, *mappingInput) {
	mk := func(dups bool) *mappingInput {
		m := &controls.Mapping{ID: "big", Title: "Big", SourceCatalog: "src", TargetCatalog: "dst",
			Provenance: controls.Provenance{Author: "a", Method: "m"}}
		rels := controls.RelationshipValues()
		for i := range 150_000 {
			p := controls.Pair{Source: isms.ID(fmt.Sprintf("S-%d", i%1000)), Target: isms.ID(fmt.Sprintf("T-%d", i/150)),
				Relationship: rels[i%len(rels)], Notes: "n"}
			if dups && i%10 == 9 {
				p = m.Pairs[i-1]
			}
			m.Pairs = append(m.Pairs, p)
		}
		b, err := json.Marshal(m)
		if err != nil {
			panic(err)
		}
		st := map[isms.ID]controls.ImplementationStatus{}
		for i := range 1000 {
			st[isms.ID(fmt.Sprintf("S-%d", i))] = controls.ImplementationStatusValues()[i%5]
		}
		var ts []controls.Control
		for i := range 1000 {
			ts = append(ts, controls.Control{ID: isms.ID(fmt.Sprintf("T-%d", i)), Title: "t"})
		}
		cat, err := controls.NewCatalog(controls.CatalogInfo{ID: "dst", Title: "D"}, nil, ts)
		if err != nil {
			panic(err)
		}
		return &mappingInput{m: m, json: b, statuses: st, target: cat}
	}
	return mk(false), mk(true)
})

type mappingInput struct {
	m        *controls.Mapping
	json     []byte
	statuses map[isms.ID]controls.ImplementationStatus
	target   *controls.Catalog
}

// bigRules returns MaxSuggestionRules rules (about 10 MB as JSON) that all
// fire and all name the same 1,000 controls of a 2,000-control catalog,
// half of them including and half excluding, so every control has 1,000
// disagreeing suggestions; and the profile that fires them.
var bigRules = sync.OnceValues(func() ([]controls.SuggestionRule, *controls.Catalog) {
	var ctls []controls.Control
	for i := range 2000 {
		ctls = append(ctls, controls.Control{ID: isms.ID(fmt.Sprintf("C-%d", i)), Title: "c"})
	}
	cat, err := controls.NewCatalog(controls.CatalogInfo{ID: "c", Title: "C"}, nil, ctls)
	if err != nil {
		panic(err)
	}
	ids := make([]isms.ID, 1000)
	for i := range ids {
		ids[i] = isms.ID(fmt.Sprintf("C-%d", 1999-2*i))
	}
	rules := make([]controls.SuggestionRule, controls.MaxSuggestionRules)
	for i := range rules {
		r := controls.SuggestionRule{ID: fmt.Sprintf("rule-%d", i), Controls: ids, Rationale: "because",
			When: []controls.Condition{{Fact: controls.FactUsesCloudServices, Value: true}}, Applicability: controls.Applicable}
		if i%2 == 1 {
			r.Applicability, r.ExclusionReason = controls.NotApplicable, controls.ExcludedOutsideScope
		}
		rules[i] = r
	}
	return rules, cat
})

func cloudProfile() controls.Profile {
	var p controls.Profile
	p.Set(controls.FactUsesCloudServices, true)
	return p
}

// tenMBCases lists each validator and decoder with its 10 MB input. run
// returns whether the input was accepted.
func tenMBCases() []struct {
	name string
	size func() int
	run  func() bool
} {
	good, bad := bigSoAs()
	catJSON, cat := bigCatalog()
	mGood, mBad := bigMapping()
	rules, ruleCat := bigRules()
	rulesJSON := func() int { b, _ := json.Marshal(rules); return len(b) }
	ok := func(err error) bool { return err == nil }
	return []struct {
		name string
		size func() int
		run  func() bool
	}{
		{"ReadSoA/accepted", func() int { return len(good.json) }, func() bool { _, err := controls.ReadSoA(bytes.NewReader(good.json)); return ok(err) }},
		{"ReadSoA/refused", func() int { return len(bad.json) }, func() bool { _, err := controls.ReadSoA(bytes.NewReader(bad.json)); return ok(err) }},
		{"SoA.Validate/accepted", func() int { return len(good.json) }, func() bool { return ok(good.soa.Validate()) }},
		{"SoA.Validate/refused", func() int { return len(bad.json) }, func() bool { return ok(bad.soa.Validate()) }},
		{"CheckSoA/accepted", func() int { return len(good.json) }, func() bool {
			return len(controls.CheckSoA(good.soa, good.cat, validNow, &controls.SoACheckOptions{Selections: good.sel})) == 0
		}},
		{"CheckSoA/refused", func() int { return len(bad.json) }, func() bool {
			return len(controls.CheckSoA(bad.soa, bad.cat, validNow, nil)) == 0
		}},
		{"ReadCatalog", func() int { return len(catJSON) }, func() bool { _, err := controls.ReadCatalog(bytes.NewReader(catJSON)); return ok(err) }},
		{"NewCatalog", func() int { return len(catJSON) }, func() bool {
			_, err := controls.NewCatalog(cat.Info(), cat.Groups(), cat.Controls())
			return ok(err)
		}},
		{"ControlsInGroup", func() int { return len(catJSON) }, func() bool {
			return len(cat.ControlsInGroup("G-0")) == cat.Len() && len(cat.ControlsInGroup("G-30000")) == 10_000
		}},
		{"Suggest", rulesJSON, func() bool {
			sg, err := controls.Suggest(cloudProfile(), ruleCat, &controls.SuggestOptions{SuggestionRules: rules})
			return ok(err) && len(sg) == 1_000_000 && len(sg[0].Conflicts) == 500
		}},
		{"ReadMapping/accepted", func() int { return len(mGood.json) }, func() bool { _, err := controls.ReadMapping(bytes.NewReader(mGood.json)); return ok(err) }},
		{"ReadMapping/refused", func() int { return len(mBad.json) }, func() bool { _, err := controls.ReadMapping(bytes.NewReader(mBad.json)); return ok(err) }},
		{"Mapping.Validate/refused", func() int { return len(mBad.json) }, func() bool { return ok(mBad.m.Validate()) }},
		{"InferCoverage", func() int { return len(mGood.json) }, func() bool {
			rep, err := controls.InferCoverage(mGood.m, mGood.statuses, &controls.CoverageOptions{Target: mGood.target})
			return ok(err) && len(rep.Items) == 1000
		}},
	}
}

// TestValidators10MB feeds each 10 MB input once and fails if a validator
// or decoder takes more than a second, or accepts what it must refuse.
func TestValidators10MB(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10 MB inputs")
	}
	for _, c := range tenMBCases() {
		t.Run(c.name, func(t *testing.T) {
			require.InDelta(t, tenMB, c.size(), 4<<20, "the input is about 10 MB")
			var accepted bool
			// CPU time, the fastest of three runs: other processes do not count
			took := timebound.Fastest(3, time.Second, func() { accepted = c.run() })
			require.Less(t, took, time.Second, "%s took %v", c.name, took)
			wantAccepted := !contains(c.name, "refused")
			require.Equal(t, wantAccepted, accepted)
		})
	}
}

func contains(s, sub string) bool { return bytes.Contains([]byte(s), []byte(sub)) }

func benchCase(b *testing.B, name string) {
	for _, c := range tenMBCases() {
		if c.name == name || (len(c.name) > len(name) && c.name[:len(name)+1] == name+"/") {
			b.Run(c.name, func(b *testing.B) {
				b.SetBytes(int64(c.size()))
				b.ReportAllocs()
				for b.Loop() {
					c.run()
				}
			})
		}
	}
}

// Benchmark…10MB loop the inputs of TestValidators10MB.
func BenchmarkReadSoA10MB(b *testing.B)         { benchCase(b, "ReadSoA") }
func BenchmarkSoAValidate10MB(b *testing.B)     { benchCase(b, "SoA.Validate") }
func BenchmarkCheckSoA10MB(b *testing.B)        { benchCase(b, "CheckSoA") }
func BenchmarkReadCatalog10MB(b *testing.B)     { benchCase(b, "ReadCatalog") }
func BenchmarkNewCatalog10MB(b *testing.B)      { benchCase(b, "NewCatalog") }
func BenchmarkControlsInGroup10MB(b *testing.B) { benchCase(b, "ControlsInGroup") }
func BenchmarkSuggest10MB(b *testing.B)         { benchCase(b, "Suggest") }
func BenchmarkReadMapping10MB(b *testing.B)     { benchCase(b, "ReadMapping") }
func BenchmarkMappingValidate10MB(b *testing.B) { benchCase(b, "Mapping.Validate") }
func BenchmarkInferCoverage10MB(b *testing.B)   { benchCase(b, "InferCoverage") }
