package oscal_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
)

// sampleTests returns two tests: access reviews sampled with an attribute
// plan (simple random), and invoices sampled by monetary units.
func sampleTests(t testing.TB) []oscal.SampleTest {
	t.Helper()
	accounts := make([]sampling.Item, 500)
	for i := range accounts {
		accounts[i] = sampling.Item{ID: fmt.Sprintf("acct-%03d", i)}
	}
	plan, err := sampling.PlanAttribute(sampling.AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0, Population: 500})
	require.NoError(t, err)
	sel, err := sampling.Select(accounts, sampling.SelectionSpec{Method: sampling.MethodSimpleRandom, Size: plan.SampleSize, Seed: 20261122, Plan: plan.SelectionPlan()})
	require.NoError(t, err)

	invoices := make([]sampling.Item, 300)
	for i := range invoices {
		invoices[i] = sampling.Item{ID: fmt.Sprintf("inv-%03d", i), Value: int64(100 + 37*i)}
	}
	var total int64
	for _, it := range invoices {
		total += it.Value
	}
	mplan, err := sampling.PlanMonetary(sampling.MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.05, PopulationValue: float64(total)})
	require.NoError(t, err)
	msel, err := sampling.Select(invoices, sampling.SelectionSpec{Method: sampling.MethodMonetaryUnit, Size: mplan.SampleSize, Seed: 7, Plan: mplan.SelectionPlan()})
	require.NoError(t, err)
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	return []oscal.SampleTest{
		{ID: "test-invoices", Title: "Supplier invoices approved before payment", Controls: []isms.ID{"A.5.19", "A.5.20"},
			Selection: msel, Start: start.Add(24 * time.Hour)},
		{ID: "test-access", Title: "Quarterly access reviews", Controls: []isms.ID{"A.5.18"}, Selection: sel,
			Start: start, End: start.Add(6 * time.Hour), Tester: "internal.auditor"},
	}
}

func TestExportAssessmentResultsValidatesAgainstNIST(t *testing.T) {
	for _, v := range []oscal.Version{oscal.Version1_1_3, oscal.Version1_2_1} {
		out, err := oscal.ExportAssessmentResults(sampleTests(t), &oscal.ResultsOptions{Options: oscal.Options{Version: v}})
		require.NoError(t, err)
		requireValidOSCAL(t, string(v), "assessment-results", out)
		out, err = oscal.ExportAssessmentResults(sampleTests(t)[1:], &oscal.ResultsOptions{
			Options: oscal.Options{Version: v}, AssessmentPlanHref: "https://acme.example/audit/plan-2026.json", Version: "1"})
		require.NoError(t, err)
		requireValidOSCAL(t, string(v), "assessment-results", out)
	}
}

// TestExportAssessmentResultsShape checks the export against hand-written
// expectations. The attribute sample size is the hypergeometric one for a
// population of 500 (the model the plan resolves to when it names a
// population): the smallest n with C(475, n) / C(500, n) <= 0.05, 25 being
// the tolerable deviations (5% of 500), worked in Python with math.comb:
// 56 (against 59 for the binomial model of the AICPA tables).
func TestExportAssessmentResultsShape(t *testing.T) {
	tests := sampleTests(t)
	out, err := oscal.ExportAssessmentResults(tests, nil)
	require.NoError(t, err)
	var doc struct {
		AR struct {
			Metadata struct {
				LastModified string `json:"last-modified"`
				Parties      []struct{ UUID, Type, Name string }
			} `json:"metadata"`
			ImportAP struct{ Href string } `json:"import-ap"`
			Results  []struct {
				Title, Start, End string
				ReviewedControls  struct {
					ControlSelections []struct {
						IncludeControls []struct {
							ControlID string `json:"control-id"`
						} `json:"include-controls"`
					} `json:"control-selections"`
				} `json:"reviewed-controls"`
				Observations []struct {
					Methods   []string
					Collected string
					Props     []struct{ Name, Value string }
					Origins   []struct {
						Actors []struct {
							ActorUUID string `json:"actor-uuid"`
						}
					}
					Remarks string
				}
			} `json:"results"`
		} `json:"assessment-results"`
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	ar := doc.AR
	assert.Equal(t, "2026-11-03T09:00:00Z", ar.Metadata.LastModified, "the latest start or end")
	require.Len(t, ar.Results, 2)
	access := ar.Results[0]
	assert.Equal(t, "Quarterly access reviews", access.Title, "sorted by test id")
	assert.Equal(t, "2026-11-02T09:00:00Z", access.Start)
	assert.Equal(t, "2026-11-02T15:00:00Z", access.End)
	assert.Equal(t, "A.5.18", access.ReviewedControls.ControlSelections[0].IncludeControls[0].ControlID)
	obs := access.Observations[0]
	assert.Equal(t, []string{"TEST"}, obs.Methods)
	props := map[string][]string{}
	for _, p := range obs.Props {
		props[p.Name] = append(props[p.Name], p.Value)
	}
	assert.Equal(t, []string{"simple_random"}, props["sampling_method"])
	assert.Equal(t, []string{"20261122"}, props["seed"])
	assert.Equal(t, []string{"attribute"}, props["plan"])
	assert.Equal(t, []string{"0.95"}, props["confidence"])
	assert.Equal(t, []string{"0.05"}, props["tolerable_rate"])
	assert.Equal(t, []string{"500"}, props["population_size"])
	assert.Equal(t, []string{"56"}, props["planned_sample_size"])
	assert.Equal(t, []string{"56"}, props["sample_size"])
	assert.Equal(t, []string{"hypergeometric"}, props["model"])
	assert.Len(t, props["sampled_item"], len(tests[1].Selection.Items))
	for i, it := range tests[1].Selection.Items {
		assert.Equal(t, it.ID, props["sampled_item"][i], "items in draw order")
	}
	assert.Equal(t, tests[1].Selection.Population.Fingerprint, props["population_fingerprint"][0])
	assert.Equal(t, tests[1].Selection.Procedure, obs.Remarks)
	require.Len(t, ar.Metadata.Parties, 1)
	assert.Equal(t, "internal.auditor", ar.Metadata.Parties[0].Name)
	assert.Equal(t, ar.Metadata.Parties[0].UUID, obs.Origins[0].Actors[0].ActorUUID)

	inv := ar.Results[1]
	assert.Empty(t, inv.End)
	var ctls []string
	for _, c := range inv.ReviewedControls.ControlSelections[0].IncludeControls {
		ctls = append(ctls, c.ControlID)
	}
	assert.Equal(t, []string{"A.5.19", "A.5.20"}, ctls)
	mprops := map[string]string{}
	for _, p := range inv.Observations[0].Props {
		mprops[p.Name] = p.Value
	}
	assert.Equal(t, "monetary_unit", mprops["sampling_method"])
	assert.Equal(t, "monetary", mprops["plan"])
	assert.Equal(t, "7", mprops["seed"])
	// 300 invoices of 100 + 37i: 300*100 + 37*(299*300/2) = 1,689,450.
	assert.Equal(t, "1689450", mprops["population_value"])
	assert.Empty(t, inv.Observations[0].Origins, "no tester")

	again, err := oscal.ExportAssessmentResults(sampleTests(t), nil)
	require.NoError(t, err)
	assert.Equal(t, string(out), string(again), "deterministic")
}

func TestExportAssessmentResultsRefuses(t *testing.T) {
	mod := func(f func(ts []oscal.SampleTest)) []oscal.SampleTest {
		ts := sampleTests(t)
		f(ts)
		return ts
	}
	for name, tc := range map[string]struct {
		tests []oscal.SampleTest
		opts  *oscal.ResultsOptions
	}{
		"no tests":         {nil, nil},
		"zero test":        {[]oscal.SampleTest{{}}, &oscal.ResultsOptions{Options: oscal.Options{LastModified: modified}}},
		"OSCAL 1.2.0":      {sampleTests(t), &oscal.ResultsOptions{Options: oscal.Options{Version: "1.2.0"}}},
		"bad id":           {sampleTests(t), &oscal.ResultsOptions{ID: "a b"}},
		"padded title":     {sampleTests(t), &oscal.ResultsOptions{Title: "AR "}},
		"duplicate test":   {mod(func(ts []oscal.SampleTest) { ts[1].ID = ts[0].ID }), nil},
		"no controls":      {mod(func(ts []oscal.SampleTest) { ts[0].Controls = nil }), nil},
		"twice a control":  {mod(func(ts []oscal.SampleTest) { ts[0].Controls = []isms.ID{"A.5.19", "A.5.19"} }), nil},
		"non-token ctl":    {mod(func(ts []oscal.SampleTest) { ts[0].Controls = []isms.ID{"5.19"} }), nil},
		"no selection":     {mod(func(ts []oscal.SampleTest) { ts[0].Selection = nil }), nil},
		"bad selection":    {mod(func(ts []oscal.SampleTest) { ts[0].Selection.Spec.Method = "haphazard" }), nil},
		"empty selection":  {mod(func(ts []oscal.SampleTest) { ts[0].Selection.Items = nil }), nil},
		"no start":         {mod(func(ts []oscal.SampleTest) { ts[0].Start = time.Time{} }), nil},
		"end before start": {mod(func(ts []oscal.SampleTest) { ts[1].End = ts[1].Start.Add(-time.Hour) }), nil},
		"padded tester":    {mod(func(ts []oscal.SampleTest) { ts[1].Tester = " x" }), nil},
		"no title":         {mod(func(ts []oscal.SampleTest) { ts[1].Title = "" }), nil},
	} {
		_, err := oscal.ExportAssessmentResults(tc.tests, tc.opts)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
}
