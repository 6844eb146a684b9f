package oscal

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/isms"
)

// SampleTest is a test of controls on a statistical sample (ISO/IEC
// 27001:2022 9.2, ISO 19011 A.6): the controls tested and the sample drawn
// for them with package sampling. ExportAssessmentResults writes each as
// one OSCAL result holding one observation made by the method TEST.
type SampleTest struct {
	// ID names the test; required. The result's UUIDs derive from it.
	ID isms.ID
	// Title is required.
	Title string
	// Controls are the natural ids of the controls tested ("A.8.15"); at
	// least one, each an OSCAL token, each once.
	Controls []isms.ID
	// Selection is the sample, as sampling.Select drew it (its spec holds
	// the method, size, seed and, when planned, the sampling plan);
	// required, it must pass its Validate and hold at least one item.
	Selection *sampling.Selection
	// Start is when testing began; required. End, when not zero, is when
	// it ended, not before Start.
	Start time.Time
	End   time.Time
	// Tester names who tested the sample, when known; they are the
	// observation's origin.
	Tester string
}

// ResultsOptions adjust ExportAssessmentResults. A nil *ResultsOptions
// means the defaults.
type ResultsOptions struct {
	// Options are the common export options. When LastModified is zero,
	// the latest Start or End of the tests is used.
	Options
	// ID names the assessment results; their UUID derives from it. Empty
	// means "audit".
	ID isms.ID
	// Title is the metadata title; empty means "Assessment results".
	Title string
	// Version is the metadata version; empty is written "unversioned" and
	// flagged with the SDK prop unset = version.
	Version string
	// AssessmentPlanHref is the import-ap reference to the assessment plan
	// the results are for. Empty means a back-matter resource that stands
	// for the plan (OSCAL requires the reference), flagged with the SDK
	// prop unset = assessment_plan.
	AssessmentPlanHref string
}

func (o *ResultsOptions) common() *Options {
	if o == nil {
		return nil
	}
	return &o.Options
}

// ExportAssessmentResults writes tests of controls on samples as OSCAL
// assessment-results: one result per test, sorted by id, whose
// reviewed-controls are the controls tested and whose one observation,
// made by the method TEST, records the sample in SDK props (Namespace):
//
//   - the selection: "sampling_method", "seed", "sample_size",
//     "algorithm", "algorithm_version", "generator", "population_size",
//     "population_value" (monetary-unit samples), "population_fingerprint"
//     and "fingerprint_format", and "sampled_item" (each item's id, in
//     draw order);
//   - the sampling plan, when the selection's spec holds one: "plan"
//     ("attribute" or "monetary"), "confidence", "tolerable_rate",
//     "expected_rate", "model", "allowed_deviations" or
//     "tolerable_misstatement", "expected_misstatement",
//     "plan_population_value", and "planned_sample_size";
//   - the selection's procedure text is the observation's remarks.
//
// Deviations, conclusions and findings (satisfied or not) are not written:
// they are the audit's, which this export does not see. UUIDs are
// version-5 UUIDs of the results' id and the tests' ids. Errors answer
// errors.Is(err, isms.ErrInvalid).
func ExportAssessmentResults(tests []SampleTest, opts *ResultsOptions) ([]byte, error) {
	doc, err := exportResults(tests, opts)
	if err != nil {
		return nil, wrap("export assessment results", err)
	}
	out, err := marshal(resultsDoc{AR: doc}, opts.common().indent())
	return out, wrap("export assessment results", err)
}

func exportResults(tests []SampleTest, opts *ResultsOptions) (*assessmentResults, error) {
	if len(tests) == 0 {
		return nil, problem("no tests: OSCAL assessment results need at least one result")
	}
	var o ResultsOptions
	if opts != nil {
		o = *opts
	}
	v, err := o.common().version()
	if err != nil {
		return nil, err
	}
	if o.ID == "" {
		o.ID = "audit"
	}
	if err := o.ID.Validate(); err != nil {
		return nil, problem("assessment results id: %v", err)
	}
	if o.Title == "" {
		o.Title = "Assessment results"
	}
	for _, s := range [...]struct{ name, v string }{{"title", o.Title}, {"version", o.Version}, {"assessment plan href", o.AssessmentPlanHref}} {
		if s.v != "" && !isOSCALString(s.v) {
			return nil, problem("%s %q is padded with spaces", s.name, s.v)
		}
	}
	sorted := make([]*SampleTest, len(tests))
	for i := range tests {
		sorted[i] = &tests[i]
	}
	slices.SortFunc(sorted, func(a, b *SampleTest) int { return cmp.Compare(a.ID, b.ID) })
	var latest time.Time
	for i, t := range sorted {
		if i > 0 && sorted[i-1].ID == t.ID {
			return nil, problem("test %q is listed twice", t.ID)
		}
		for _, at := range []time.Time{t.Start, t.End} {
			if at.After(latest) {
				latest = at
			}
		}
	}
	md, err := newMetadata(o.Title, o.Version, v, o.common().lastModified(latest))
	if err != nil {
		return nil, err
	}
	id := string(o.ID)
	doc := &assessmentResults{UUID: uuidFor("results", id), Metadata: md}
	setImportAP(doc, id, o.AssessmentPlanHref)
	parties := map[string]string{}
	for _, t := range sorted {
		r, err := exportResult(id, t, parties)
		if err != nil {
			return nil, problem("test %q: %v", t.ID, err)
		}
		doc.Results = append(doc.Results, r)
	}
	names := make([]string, 0, len(parties))
	for n := range parties {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		doc.Metadata.Parties = append(doc.Metadata.Parties, party{UUID: parties[n], Type: "person", Name: n})
	}
	return doc, nil
}

func exportResult(id string, t *SampleTest, parties map[string]string) (result, error) {
	if err := t.ID.Validate(); err != nil {
		return result{}, problem("id: %v", err)
	}
	if !isOSCALString(t.Title) {
		return result{}, problem("title %q is empty or padded with spaces", t.Title)
	}
	if len(t.Controls) == 0 {
		return result{}, problem("no controls: a test reviews at least one control")
	}
	if t.Selection == nil {
		return result{}, problem("no selection")
	}
	if err := t.Selection.Validate(); err != nil {
		return result{}, err
	}
	if len(t.Selection.Items) == 0 {
		return result{}, problem("the selection holds no items: nothing was tested")
	}
	if t.Start.IsZero() {
		return result{}, problem("start is required")
	}
	if !t.End.IsZero() && t.End.Before(t.Start) {
		return result{}, problem("end is before start")
	}
	tid := string(t.ID)
	start, err := formatTime(t.Start)
	if err != nil {
		return result{}, problem("start: %v", err)
	}
	r := result{
		UUID:        uuidFor("results", id, "test", tid),
		Title:       t.Title,
		Description: "Test of controls on a statistical sample (" + string(t.Selection.Spec.Method) + ").",
		Start:       start,
		Props:       []property{sdkProp("test_id", tid)},
	}
	if !t.End.IsZero() {
		if r.End, err = formatTime(t.End); err != nil {
			return result{}, problem("end: %v", err)
		}
	}
	seen := make(map[isms.ID]bool, len(t.Controls))
	var sel controlSelection
	for _, c := range t.Controls {
		if !isToken(string(c)) {
			return result{}, problem("control id %q is not an OSCAL token", c)
		}
		if seen[c] {
			return result{}, problem("control %q is listed twice", c)
		}
		seen[c] = true
		sel.IncludeControls = append(sel.IncludeControls, selectControl{ControlID: string(c)})
	}
	r.ReviewedControls = reviewedControls{ControlSelections: []controlSelection{sel}}

	obs, err := sampleObservation(id, tid, t, start)
	if err != nil {
		return result{}, err
	}
	if t.Tester != "" {
		if !isOSCALString(t.Tester) {
			return result{}, problem("tester %q is padded with spaces", t.Tester)
		}
		u, ok := parties[t.Tester]
		if !ok {
			u = uuidFor("results", id, "party", t.Tester)
			parties[t.Tester] = u
		}
		obs.Origins = []origin{{Actors: []originActor{{Type: "party", ActorUUID: u}}}}
	}
	r.Observations = []observation{obs}
	return r, nil
}

func sampleObservation(id, tid string, t *SampleTest, collected string) (observation, error) {
	s := t.Selection
	var ps propList
	selectionProps(&ps, s)
	if ps.err != nil {
		return observation{}, ps.err
	}
	desc := "Sample of " + strconv.Itoa(len(s.Items)) + " of " + strconv.Itoa(s.Population.Size) +
		" items drawn by " + string(s.Spec.Method) + " selection with seed " + strconv.FormatUint(s.Spec.Seed, 10) +
		" and tested for the controls reviewed."
	obs := observation{
		UUID:        uuidFor("results", id, "test", tid, "observation"),
		Title:       "Sample for " + tid,
		Description: desc,
		Props:       ps.props,
		Methods:     []string{"TEST"},
		Collected:   collected,
	}
	if s.Procedure != "" {
		obs.Remarks = s.Procedure
	}
	return obs, nil
}

// selectionProps adds the props that record a sampling selection: its
// method, seed, size, algorithm, population and plan, and every sampled
// item's id in draw order.
func selectionProps(ps *propList, s *sampling.Selection) {
	ps.add("sampling_method", string(s.Spec.Method))
	ps.add("seed", strconv.FormatUint(s.Spec.Seed, 10))
	ps.add("sample_size", strconv.Itoa(len(s.Items)))
	ps.add("algorithm", s.Algorithm)
	ps.add("algorithm_version", strconv.Itoa(s.AlgorithmVersion))
	ps.add("generator", s.Generator)
	ps.add("population_size", strconv.Itoa(s.Population.Size))
	if s.Spec.Method == sampling.MethodMonetaryUnit {
		ps.add("population_value", strconv.FormatInt(s.Population.Value, 10))
	}
	ps.add("population_fingerprint", s.Population.Fingerprint)
	ps.add("fingerprint_format", s.Population.FingerprintFormat)
	if p := s.Spec.Plan; p != nil {
		float := func(name string, f float64) { ps.add(name, strconv.FormatFloat(f, 'g', -1, 64)) }
		switch {
		case p.Attribute != nil:
			ps.add("plan", "attribute")
			float("confidence", p.Attribute.Confidence)
			float("tolerable_rate", p.Attribute.TolerableRate)
			float("expected_rate", p.Attribute.ExpectedRate)
			ps.add("model", string(p.Attribute.Model))
			ps.add("allowed_deviations", strconv.Itoa(p.AllowedDeviations))
		case p.Monetary != nil:
			ps.add("plan", "monetary")
			float("confidence", p.Monetary.Confidence)
			float("tolerable_misstatement", p.Monetary.TolerableMisstatement)
			float("expected_misstatement", p.Monetary.ExpectedMisstatement)
			if p.Monetary.PopulationValue != 0 {
				float("plan_population_value", p.Monetary.PopulationValue)
			}
		}
		ps.add("planned_sample_size", strconv.Itoa(p.SampleSize))
	}
	for _, it := range s.Items {
		ps.add("sampled_item", it.ID)
	}
}
