package audit

import (
	"fmt"
	"slices"

	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// KindChecklist is the storage kind and Ref kind of an audit checklist.
const KindChecklist = "audit.checklist"

// Method is how an auditor tests a checklist item.
type Method string

// Test methods.
const (
	MethodInspect   Method = "inspect"
	MethodObserve   Method = "observe"
	MethodEnquire   Method = "enquire"
	MethodReperform Method = "reperform"
)

var methodValues = []Method{MethodInspect, MethodObserve, MethodEnquire, MethodReperform}

// MethodValues returns every Method.
func MethodValues() []Method { return slices.Clone(methodValues) }

// IsValid reports whether m is a known Method.
func (m Method) IsValid() bool { return slices.Contains(methodValues, m) }

// UnmarshalText accepts only known methods.
func (m *Method) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(m, "test method", b, methodValues)
}

// Result is the result of a checklist item.
type Result string

// Item results.
const (
	ResultConforming    Result = "conforming"
	ResultNonconformity Result = "nonconformity"
	ResultObservation   Result = "observation"
	ResultNotSampled    Result = "not_sampled"
)

var resultValues = []Result{ResultConforming, ResultNonconformity, ResultObservation, ResultNotSampled}

// ResultValues returns every Result.
func ResultValues() []Result { return slices.Clone(resultValues) }

// IsValid reports whether r is a known Result.
func (r Result) IsValid() bool { return slices.Contains(resultValues, r) }

// UnmarshalText accepts only known results.
func (r *Result) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(r, "item result", b, resultValues)
}

// Sample is the sample a checklist item tests a population with: the
// recorded selection (which carries its plan, seed and population
// fingerprint) and what testing found.
type Sample struct {
	Selection  *sampling.Selection           `json:"selection"`
	Tested     int                           `json:"tested"`
	Deviations int                           `json:"deviations"`
	Evaluation *sampling.AttributeEvaluation `json:"evaluation,omitempty"`
}

// Item is one checklist item: the requirement tested, the evidence to
// examine, the test procedure, and the result.
type Item struct {
	// Requirement is the clause or control tested; required.
	Requirement isms.Ref `json:"requirement"`
	Title       string   `json:"title"`
	// Evidence is the evidence the SoA points at, to examine.
	Evidence []isms.Ref `json:"evidence,omitzero"`
	// Method and Procedure are the test procedure.
	Method    Method `json:"method"`
	Procedure string `json:"procedure,omitempty"`
	// Sample is set where a population is tested (RecordSample).
	Sample *Sample `json:"sample,omitempty"`
	// Result is empty until the item is tested.
	Result Result `json:"result,omitempty"`
	// Examined is the evidence actually examined.
	Examined []isms.Ref `json:"examined,omitzero"`
	Notes    string     `json:"notes,omitempty"`
	// Finding is the ID of the finding the item raised.
	Finding isms.ID `json:"finding,omitempty"`
}

// Checklist is the working paper of one audit: one item per requirement
// in its scope.
type Checklist struct {
	isms.Meta
	// Audit is the ID of the audit; required.
	Audit isms.ID `json:"audit"`
	Title string  `json:"title,omitempty"`
	Items []Item  `json:"items,omitzero"`
}

// BuildChecklist returns the checklist of audit a: one item for each
// clause of RequirementClauses its scope covers (method inspect), then
// one for each control the SoA marks applicable or inherited that its
// scope covers, with the SoA's evidence refs (method inspect when there
// is evidence, enquire otherwise), in catalog order. annex names the
// controls' titles (nil: the built-in Annex A). A nil audit gives nil; a
// nil SoA gives the clause items only.
func BuildChecklist(a *Audit, soa *controls.SoA, annex *controls.Catalog) *Checklist {
	if a == nil {
		return nil
	}
	annex = annexOr(annex)
	cl := &Checklist{Audit: a.ID, Title: "Checklist: " + a.Title}
	inScope := func(req isms.Ref) bool {
		return slices.ContainsFunc(a.Scope, func(s isms.Ref) bool { return Covers(s, req) })
	}
	for _, id := range RequirementClauses() {
		req := controls.ClauseRef(id)
		if !inScope(req) {
			continue
		}
		title := requirementTitle(req, annex)
		cl.Items = append(cl.Items, Item{Requirement: req, Title: string(id) + " " + title, Method: MethodInspect,
			Procedure: fmt.Sprintf("Inspect the documented information and records that show clause %s (%s) is met; enquire of the process owner how it is kept up to date.", id, title)})
	}
	if soa == nil {
		return cl
	}
	for _, e := range soa.Entries {
		req := e.Ref()
		if !e.Applicability.Included() || !inScope(req) {
			continue
		}
		title := requirementTitle(req, annex)
		it := Item{Requirement: req, Title: string(e.ControlID) + " " + title, Evidence: slices.Clone(e.Evidence), Method: MethodEnquire,
			Procedure: fmt.Sprintf("Enquire of the control owner %q how control %s operates, then obtain evidence of its operation.", e.Owner, e.ControlID)}
		if len(e.Evidence) > 0 {
			it.Method = MethodInspect
			it.Procedure = fmt.Sprintf("Inspect the %d evidence record(s) of control %s and test that the control operated as designed over the period.", len(e.Evidence), e.ControlID)
		}
		cl.Items = append(cl.Items, it)
	}
	return cl
}

// RecordSample ties the item to a recorded attribute-sampling selection
// and the deviations found in its tested items, evaluates it
// (sampling.EvaluateAttributeSelection) and sets the result the
// evaluation supports: conforming when it supports reliance with no
// deviation, observation when it supports reliance despite deviations,
// nonconformity when it does not. The method becomes re-perform. The
// error wraps isms.ErrInvalid for a nil item and the evaluation's errors;
// the item is then unchanged.
func (it *Item) RecordSample(sel *sampling.Selection, tested, deviations int) error {
	if it == nil {
		return isms.Invalidf("audit: record sample: nil item")
	}
	ev, err := sampling.EvaluateAttributeSelection(sel, tested, deviations)
	if err != nil {
		return wrap("record sample", err)
	}
	it.Sample = &Sample{Selection: sel, Tested: tested, Deviations: deviations, Evaluation: &ev}
	it.Method = MethodReperform
	switch {
	case ev.Conclusion != sampling.ConclusionRelyAsPlanned:
		it.Result = ResultNonconformity
	case deviations > 0:
		it.Result = ResultObservation
	default:
		it.Result = ResultConforming
	}
	return nil
}

// Validate reports every problem of cl: a valid audit ID; items with a
// requirement of kind clause or control, a known method, a known result
// when set, valid refs each once, a valid finding ID when set and a
// sample with a valid selection and counts in range. A nil cl is an
// error.
func (cl *Checklist) Validate() error {
	if cl == nil {
		return isms.Invalidf("checklist is nil")
	}
	var ps isms.Problems
	if cl.ID != "" && !cl.ID.IsValid() {
		ps.Add("id", isms.CodeMalformed, "id is not a valid ID")
	}
	if err := cl.Audit.Validate(); err != nil {
		ps.Add("audit", isms.CodeRequired, err.Error())
	}
	for i := range cl.Items {
		it := &cl.Items[i]
		f := indexField("items", i)
		checkRequirement(&ps, f+".requirement", it.Requirement)
		isms.CheckEnum(&ps, f+".method", it.Method, methodValues, true)
		isms.CheckEnum(&ps, f+".result", it.Result, resultValues, false)
		checkRefList(&ps, f+".evidence", it.Evidence)
		checkRefList(&ps, f+".examined", it.Examined)
		if it.Finding != "" && !it.Finding.IsValid() {
			ps.Add(f+".finding", isms.CodeMalformed, "finding is not a valid ID")
		}
		if s := it.Sample; s != nil {
			if s.Selection == nil {
				ps.Add(f+".sample.selection", isms.CodeRequired, "a sample records its selection")
			} else {
				ps.Merge(f+".sample.selection", s.Selection.Validate())
			}
			if s.Tested < 0 || s.Deviations < 0 || s.Deviations > s.Tested {
				ps.Add(f+".sample", isms.CodeOutOfRange, "tested and deviations must satisfy 0 <= deviations <= tested")
			}
		}
	}
	return ps.Err(subjectName("checklist", cl.ID))
}

// ParseChecklist decodes a JSON checklist from a user strictly
// (isms.UnmarshalStrict) and validates it. Every error answers
// isms.ErrInvalid.
func ParseChecklist(data []byte) (*Checklist, error) {
	return parseStrict[Checklist]("parse checklist", data)
}

// CheckChecklist returns what needs attention about cl, sorted with
// isms.SortFindings; completed says whether its audit is completed. A nil
// cl has none. The checks:
//
//   - audit.checklist.item_open: the audit is completed and an item has
//     no result.
//   - audit.checklist.sample_contradicted: an item is conforming but its
//     sample's evaluation does not support reliance.
//   - audit.checklist.nonconformity_not_raised: an item found a
//     nonconformity and names no finding.
//   - audit.checklist.evidence_not_examined: an item has a result (other
//     than not sampled) and lists no evidence examined and no sample.
func CheckChecklist(cl *Checklist, completed bool) []isms.Finding {
	if cl == nil {
		return nil
	}
	subj := cl.Meta.Ref(KindChecklist)
	var out []isms.Finding
	for i, it := range cl.Items {
		f := indexField("items", i)
		d := map[string]string{"requirement": it.Requirement.String(), "audit": string(cl.Audit)}
		rel := []isms.Ref{it.Requirement}
		if completed && it.Result == "" {
			out = append(out, withRelated(newFinding(CodeItemOpen, subj, f+".result", d, "item %q has no result", it.Title), rel...))
		}
		if it.Result == ResultConforming && it.Sample != nil && it.Sample.Evaluation != nil &&
			it.Sample.Evaluation.Conclusion != sampling.ConclusionRelyAsPlanned {
			d2 := map[string]string{"requirement": it.Requirement.String(), "conclusion": string(it.Sample.Evaluation.Conclusion)}
			out = append(out, withRelated(newFinding(CodeSampleContradicted, subj, f+".result", d2,
				"item %q is conforming but its sample concludes %s", it.Title, it.Sample.Evaluation.Conclusion), rel...))
		}
		if it.Result == ResultNonconformity && it.Finding == "" {
			out = append(out, withRelated(newFinding(CodeNonconformityNotRaised, subj, f+".finding", d,
				"item %q found a nonconformity that no finding records", it.Title), rel...))
		}
		if it.Result != "" && it.Result != ResultNotSampled && len(it.Examined) == 0 && it.Sample == nil {
			out = append(out, withRelated(newFinding(CodeEvidenceNotExamined, subj, f+".examined", d,
				"item %q records no evidence examined", it.Title), rel...))
		}
	}
	isms.SortFindings(out)
	return out
}
