package audit_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// dailySelection plans and draws a sample of a daily control run on every
// day of 2026 (95% confidence, 10% tolerable, 3% expected deviations).
func dailySelection(t *testing.T) (*sampling.Selection, sampling.AttributeResult) {
	t.Helper()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pop := make([]sampling.Item, 365)
	for i := range pop {
		pop[i] = sampling.Item{ID: start.AddDate(0, 0, i).Format(time.DateOnly)}
	}
	planned, err := sampling.PlanAttribute(sampling.AttributePlan{Confidence: 0.95, TolerableRate: 0.10, ExpectedRate: 0.03, Population: len(pop)})
	require.NoError(t, err)
	sel, err := sampling.Select(pop, sampling.SelectionSpec{Method: sampling.MethodSimpleRandom, Size: planned.SampleSize, Seed: 42, Plan: planned.SelectionPlan()})
	require.NoError(t, err)
	return sel, planned
}

func TestBuildChecklist(t *testing.T) {
	a := &audit.Audit{ID: "a-1", Title: "Audit of 9.2 and A.5", Scope: []isms.Ref{controls.ClauseRef("9.2"), isms.ControlRef("A.5")}}
	cl := audit.BuildChecklist(a, soaOf(true, "A.5.15", "A.8.5"), nil)
	require.NotNil(t, cl)
	assert.Equal(t, isms.ID("a-1"), cl.Audit)
	var reqs []isms.Ref
	var methods []audit.Method
	for _, it := range cl.Items {
		reqs = append(reqs, it.Requirement)
		methods = append(methods, it.Method)
	}
	assert.Equal(t, []isms.Ref{controls.ClauseRef("9.2.1"), controls.ClauseRef("9.2.2"), isms.ControlRef("A.5.15")}, reqs)
	assert.Equal(t, []audit.Method{audit.MethodInspect, audit.MethodInspect, audit.MethodInspect}, methods)
	assert.Equal(t, "9.2.2 Internal audit programme", cl.Items[1].Title)
	assert.Equal(t, "A.5.15 Access control", cl.Items[2].Title)
	assert.Equal(t, []isms.Ref{{Kind: isms.KindEvidence, ID: "ev-A.5.15"}}, cl.Items[2].Evidence)
	require.NoError(t, cl.Validate())

	// Without evidence the control is enquired about first.
	soa := soaOf(true, "A.5.15")
	soa.Entry("A.5.15").Evidence = nil
	cl = audit.BuildChecklist(&audit.Audit{ID: "a-2", Scope: []isms.Ref{isms.ControlRef("A.5.15")}}, soa, nil)
	require.Len(t, cl.Items, 1)
	assert.Equal(t, audit.MethodEnquire, cl.Items[0].Method)
	assert.Nil(t, audit.BuildChecklist(nil, soa, nil))
}

func TestRecordSample(t *testing.T) {
	sel, planned := dailySelection(t)
	n := len(sel.Items)
	require.Equal(t, planned.SampleSize, n)
	cases := []struct {
		name       string
		deviations int
		want       audit.Result
		conclusion sampling.Conclusion
	}{
		{"no deviation", 0, audit.ResultConforming, sampling.ConclusionRelyAsPlanned},
		// The plan allows ceil(3% x n) deviations and still supports reliance.
		{"deviations the plan allows", planned.AllowedDeviations, audit.ResultObservation, sampling.ConclusionRelyAsPlanned},
		// A quarter of the sample deviating is far above the 10% tolerable rate.
		{"too many deviations", n / 4, audit.ResultNonconformity, sampling.ConclusionDoNotRely},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := audit.Item{Requirement: isms.ControlRef("A.8.15"), Method: audit.MethodInspect}
			require.NoError(t, it.RecordSample(sel, n, c.deviations))
			assert.Equal(t, c.want, it.Result)
			assert.Equal(t, audit.MethodReperform, it.Method)
			require.NotNil(t, it.Sample.Evaluation)
			assert.Equal(t, c.conclusion, it.Sample.Evaluation.Conclusion)
		})
	}
	it := audit.Item{Requirement: isms.ControlRef("A.8.15"), Method: audit.MethodInspect}
	assert.ErrorIs(t, it.RecordSample(sel, n-1, 0), isms.ErrInvalid, "every selected item is tested")
	assert.Nil(t, it.Sample, "a refused sample leaves the item unchanged")
	assert.ErrorIs(t, it.RecordSample(nil, n, 0), isms.ErrInvalid)
	var nilItem *audit.Item
	assert.ErrorIs(t, nilItem.RecordSample(sel, n, 0), isms.ErrInvalid)
}

func TestCheckChecklist(t *testing.T) {
	sel, _ := dailySelection(t)
	n := len(sel.Items)
	base := func() *audit.Checklist {
		return &audit.Checklist{Meta: isms.Meta{ID: "cl-1"}, Audit: "a-1", Items: []audit.Item{
			{Requirement: controls.ClauseRef("9.2.2"), Method: audit.MethodInspect, Result: audit.ResultConforming,
				Examined: []isms.Ref{{Kind: isms.KindDocument, ID: "doc-programme"}}},
		}}
	}
	sampled := func(dev int) audit.Item {
		it := audit.Item{Requirement: isms.ControlRef("A.8.15"), Method: audit.MethodInspect}
		require.NoError(t, it.RecordSample(sel, n, dev))
		return it
	}
	cases := []struct {
		name      string
		edit      func(cl *audit.Checklist)
		completed bool
		want      []string
	}{
		{"clean", func(*audit.Checklist) {}, true, []string{}},
		{"item open in a completed audit", func(cl *audit.Checklist) { cl.Items[0].Result = "" }, true, []string{audit.CodeItemOpen}},
		{"item open while the audit runs", func(cl *audit.Checklist) { cl.Items[0].Result = "" }, false, []string{}},
		{"evidence not examined", func(cl *audit.Checklist) { cl.Items[0].Examined = nil }, true, []string{audit.CodeEvidenceNotExamined}},
		{"not sampled needs no evidence", func(cl *audit.Checklist) { cl.Items[0].Examined, cl.Items[0].Result = nil, audit.ResultNotSampled }, true, []string{}},
		{"nonconformity not raised", func(cl *audit.Checklist) { cl.Items = append(cl.Items, sampled(n/4)) }, true,
			[]string{audit.CodeNonconformityNotRaised}},
		{"nonconformity raised", func(cl *audit.Checklist) {
			it := sampled(n / 4)
			it.Finding = "f-1"
			cl.Items = append(cl.Items, it)
		}, true, []string{}},
		{"sample contradicted", func(cl *audit.Checklist) {
			it := sampled(n / 4)
			it.Result = audit.ResultConforming
			cl.Items = append(cl.Items, it)
		}, true, []string{audit.CodeSampleContradicted}},
		{"sample supports reliance", func(cl *audit.Checklist) { cl.Items = append(cl.Items, sampled(0)) }, true, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := base()
			c.edit(cl)
			require.NoError(t, cl.Validate())
			assert.Equal(t, c.want, codes(audit.CheckChecklist(cl, c.completed)))
		})
	}
	bad := &audit.Checklist{Items: []audit.Item{{Requirement: controls.ClauseRef("9.2"), Method: "guess", Result: "fine",
		Sample: &audit.Sample{Tested: 1, Deviations: 2}}}}
	var ve *isms.ValidationError
	require.ErrorAs(t, bad.Validate(), &ve)
	for _, p := range [][2]string{{"audit", isms.CodeRequired}, {"items[0].method", isms.CodeUnknown}, {"items[0].result", isms.CodeUnknown},
		{"items[0].sample.selection", isms.CodeRequired}, {"items[0].sample", isms.CodeOutOfRange}} {
		assert.True(t, ve.Has(p[0], p[1]), "want %v", p)
	}
}
