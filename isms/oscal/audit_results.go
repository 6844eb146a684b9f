package oscal

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/isms"
)

// methodOf maps the audit's test methods to OSCAL observation methods:
// inspecting documents and records is EXAMINE, enquiring of people is
// INTERVIEW, observing a process run and re-performing it are TEST.
var methodOf = map[audit.Method]string{
	audit.MethodInspect:   "EXAMINE",
	audit.MethodEnquire:   "INTERVIEW",
	audit.MethodObserve:   "TEST",
	audit.MethodReperform: "TEST",
}

// kindLabel names a finding kind in prose.
var kindLabel = map[audit.FindingKind]string{
	audit.MajorNonconformity:        "Major nonconformity",
	audit.MinorNonconformity:        "Minor nonconformity",
	audit.Observation:               "Observation",
	audit.OpportunityForImprovement: "Opportunity for improvement",
}

// RequirementTargetID returns the OSCAL finding target-id of an audit
// requirement: a control's id as it is ("A.5.18"), a clause's id prefixed
// with "clause-" ("clause-9.2"), since OSCAL tokens cannot start with a
// digit. The error answers isms.ErrInvalid for another kind, or an id that
// is not an OSCAL token.
func RequirementTargetID(r isms.Ref) (string, error) {
	var id string
	switch r.Kind {
	case isms.KindControl:
		id = string(r.ID)
	case audit.KindClause:
		id = "clause-" + string(r.ID)
	default:
		return "", problem("requirement %q is neither a clause nor a control", r.String())
	}
	if r.ID == "" || !isToken(id) {
		return "", problem("requirement %q does not make an OSCAL token", r.String())
	}
	return id, nil
}

// ExportAuditResults writes an internal audit (ISO/IEC 27001:2022 9.2),
// its checklist and its findings as OSCAL assessment-results holding one
// result for the audit (start = its planned start, end = its completion
// when completed), whose reviewed-controls are the controls of the
// checklist (include-all when it tests clauses only):
//
//   - one observation per tested checklist item (result set and not
//     not_sampled), sorted by requirement: methods EXAMINE (inspect),
//     INTERVIEW (enquire) or TEST (observe, reperform); the procedure as
//     description and the notes as remarks; the SDK props "requirement",
//     "method", "result", "evidence" (each ref to examine) and "finding"
//     (the finding the item raised); each examined ref one
//     relevant-evidence entry (prop "examined"); the auditors as origins;
//     collected at the audit's completion, or its planned start. A sampled
//     item adds the selection's props (as ExportAssessmentResults writes
//     them) and its evaluation: "tested", "deviations", "sample_rate",
//     "upper_limit", "upper_limit_deviations", "allowance",
//     "overreliance_risk" and "conclusion";
//   - one finding per tested requirement, whose target (type objective-id,
//     target-id from RequirementTargetID) is "not-satisfied" (reason fail)
//     when a major or minor nonconformity names the requirement, and
//     "satisfied" (reason pass) otherwise; it points at the item's
//     observation, lists each nonconformity's id and kind as props
//     ("finding", "finding_kind") with their titles and descriptions in
//     its description and their root causes in its remarks, and points
//     (related-risks) at the risks below;
//   - each observation or opportunity for improvement is an OSCAL risk of
//     the result (a requirement that may be broken, or a suggestion):
//     status "open" while the finding is open, "closed" after; its kind,
//     id, status, requirement and owner as props, its due date as deadline
//     while open.
//
// Untested items are left out, except from reviewed-controls. The
// checklist must pass its Validate, be the audit's, hold at least one
// item and test each requirement once; an item finding a nonconformity
// must be named by a nonconformity finding; each finding must pass its
// Validate, have a unique id, name no other audit, and name the
// requirement of a tested item; a finding an item names must be given.
//
// UUIDs are version-5 UUIDs (see Namespace) of the NUL-joined names, with
// R the results id (ResultsOptions.ID, default "audit"), A the audit id,
// Q the requirement's Ref ("control/A.5.18") and F a finding id:
// "results" R (the document), "results" R "audit" A (the result),
// "results" R "audit" A "item" Q "observation", "results" R "audit" A
// "item" Q "finding", "results" R "audit" A "finding" F "risk", and
// "results" R "party" N for the auditor with id N. When LastModified is
// zero, the latest of the audit's planned start and completion and the
// findings' raised, created and updated times is used. Errors answer
// errors.Is(err, isms.ErrInvalid).
func ExportAuditResults(a *audit.Audit, cl *audit.Checklist, findings []*audit.Finding, opts *ResultsOptions) ([]byte, error) {
	doc, err := exportAuditResults(a, cl, findings, opts)
	if err != nil {
		return nil, wrap("export audit results", err)
	}
	out, err := marshal(resultsDoc{AR: doc}, opts.common().indent())
	return out, wrap("export audit results", err)
}

// checkAudit reports what makes a unusable for an export.
func checkAudit(a *audit.Audit) error {
	switch {
	case a == nil:
		return problem("audit is nil")
	case a.ID.Validate() != nil:
		return problem("audit id: %v", a.ID.Validate())
	case !isOSCALString(a.Title):
		return problem("audit title %q is empty or padded with spaces", a.Title)
	case !a.Status.IsValid():
		return problem("audit status %q is not known", string(a.Status))
	case a.PlannedStart.IsZero():
		return problem("audit has no planned start")
	case !a.CompletedAt.IsZero() && a.CompletedAt.Before(a.PlannedStart):
		return problem("audit completed before its planned start")
	}
	return nil
}

// checkFindings validates findings and returns them sorted by id.
func checkFindings(findings []*audit.Finding, auditID isms.ID) ([]*audit.Finding, error) {
	sorted := make([]*audit.Finding, len(findings))
	copy(sorted, findings)
	for i, f := range sorted {
		if f == nil {
			return nil, problem("finding %d is nil", i)
		}
		if f.ID == "" {
			return nil, problem("finding %d (%q) has no id, from which its UUIDs are derived", i, f.Title)
		}
		if err := f.Validate(); err != nil {
			return nil, err
		}
		if auditID != "" && f.Audit != "" && f.Audit != auditID {
			return nil, problem("finding %s is of audit %q, not %q", f.ID, f.Audit, auditID)
		}
		for _, s := range [...]struct{ name, v string }{{"title", f.Title}, {"description", f.Description},
			{"owner", f.Owner}, {"raised by", f.RaisedBy}, {"corrective action", f.CorrectiveAction}, {"root cause", f.RootCause}} {
			if s.v != "" && !isOSCALString(s.v) {
				return nil, problem("finding %s: %s %q is padded with spaces", f.ID, s.name, s.v)
			}
		}
	}
	slices.SortFunc(sorted, func(x, y *audit.Finding) int { return cmp.Compare(x.ID, y.ID) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i-1].ID == sorted[i].ID {
			return nil, problem("finding %q is listed twice", sorted[i].ID)
		}
	}
	return sorted, nil
}

func exportAuditResults(a *audit.Audit, cl *audit.Checklist, findings []*audit.Finding, opts *ResultsOptions) (*assessmentResults, error) {
	if err := checkAudit(a); err != nil {
		return nil, err
	}
	if cl == nil {
		return nil, problem("checklist is nil")
	}
	if err := cl.Validate(); err != nil {
		return nil, err
	}
	if cl.Audit != a.ID {
		return nil, problem("checklist is of audit %q, not %q", cl.Audit, a.ID)
	}
	if len(cl.Items) == 0 {
		return nil, problem("checklist has no items")
	}
	sortedF, err := checkFindings(findings, a.ID)
	if err != nil {
		return nil, err
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
	for _, s := range [...]struct{ name, v string }{{"title", o.Title}, {"version", o.Version}, {"assessment plan href", o.AssessmentPlanHref},
		{"audit summary", a.Summary}} {
		if s.v != "" && !isOSCALString(s.v) {
			return nil, problem("%s %q is padded with spaces", s.name, s.v)
		}
	}

	// Items by requirement, sorted; each requirement once.
	items := make([]*audit.Item, len(cl.Items))
	for i := range cl.Items {
		items[i] = &cl.Items[i]
	}
	slices.SortFunc(items, func(x, y *audit.Item) int { return cmp.Compare(x.Requirement.String(), y.Requirement.String()) })
	tested := map[isms.Ref]*audit.Item{}
	var controlsReviewed []string
	for i, it := range items {
		if i > 0 && items[i-1].Requirement == it.Requirement {
			return nil, problem("requirement %s is tested by two checklist items", it.Requirement)
		}
		if _, err := RequirementTargetID(it.Requirement); err != nil {
			return nil, err
		}
		if it.Requirement.Kind == isms.KindControl {
			controlsReviewed = append(controlsReviewed, string(it.Requirement.ID))
		}
		if it.Result != "" && it.Result != audit.ResultNotSampled {
			tested[it.Requirement] = it
		}
	}
	byID := map[isms.ID]*audit.Finding{}
	byReq := map[isms.Ref][]*audit.Finding{}
	latest := a.PlannedStart
	if a.CompletedAt.After(latest) {
		latest = a.CompletedAt
	}
	for _, f := range sortedF {
		if tested[f.Requirement] == nil {
			return nil, problem("finding %s names %s, which no tested checklist item covers", f.ID, f.Requirement)
		}
		byID[f.ID] = f
		byReq[f.Requirement] = append(byReq[f.Requirement], f)
		for _, t := range []time.Time{f.RaisedAt, f.CreatedAt, f.UpdatedAt} {
			if t.After(latest) {
				latest = t
			}
		}
	}
	for _, it := range items {
		if it.Finding != "" && byID[it.Finding] == nil {
			return nil, problem("item %s names finding %s, which is not given", it.Requirement, it.Finding)
		}
		if it.Result == audit.ResultNonconformity && !slices.ContainsFunc(byReq[it.Requirement], func(f *audit.Finding) bool { return f.Kind.IsNonconformity() }) {
			return nil, problem("item %s found a nonconformity that no nonconformity finding records", it.Requirement)
		}
	}

	md, err := newMetadata(o.Title, o.Version, v, o.common().lastModified(latest))
	if err != nil {
		return nil, err
	}
	rid, aid := string(o.ID), string(a.ID)
	doc := &assessmentResults{UUID: uuidFor("results", rid), Metadata: md}
	setImportAP(doc, rid, o.AssessmentPlanHref)

	start, err := formatTime(a.PlannedStart)
	if err != nil {
		return nil, problem("audit planned start: %v", err)
	}
	collected := start
	r := result{
		UUID:        uuidFor("results", rid, "audit", aid),
		Title:       a.Title,
		Description: "Internal audit " + aid + " (ISO/IEC 27001:2022 9.2): " + a.Title + ".",
		Start:       start,
		Remarks:     a.Summary,
	}
	if !a.CompletedAt.IsZero() {
		if r.End, err = formatTime(a.CompletedAt); err != nil {
			return nil, problem("audit completion: %v", err)
		}
		collected = r.End
	}
	var rp propList
	rp.add("audit_id", aid)
	rp.add("audit_status", string(a.Status))
	for _, c := range a.Criteria {
		rp.add("criteria", c)
	}
	if rp.err != nil {
		return nil, rp.err
	}
	r.Props = rp.props
	if len(controlsReviewed) == 0 {
		r.ReviewedControls = reviewedControls{ControlSelections: []controlSelection{{IncludeAll: &struct{}{}}}}
	} else {
		slices.Sort(controlsReviewed)
		var sel controlSelection
		for _, c := range controlsReviewed {
			sel.IncludeControls = append(sel.IncludeControls, selectControl{ControlID: c})
		}
		r.ReviewedControls = reviewedControls{ControlSelections: []controlSelection{sel}}
	}

	var origins []origin
	auditors := slices.Clone(a.Auditors)
	slices.Sort(auditors)
	auditors = slices.Compact(auditors)
	if len(auditors) > 0 {
		var actors []originActor
		for _, n := range auditors {
			u := uuidFor("results", rid, "party", string(n))
			doc.Metadata.Parties = append(doc.Metadata.Parties, party{UUID: u, Type: "person", Name: string(n)})
			actors = append(actors, originActor{Type: "party", ActorUUID: u})
		}
		origins = []origin{{Actors: actors}}
	}

	base := []string{"results", rid, "audit", aid}
	for _, it := range items {
		if tested[it.Requirement] == nil {
			continue
		}
		q := it.Requirement.String()
		obs, err := itemObservation(uuidFor(append(base, "item", q, "observation")...), it, collected)
		if err != nil {
			return nil, problem("item %s: %v", q, err)
		}
		obs.Origins = origins
		r.Observations = append(r.Observations, obs)
		fd := requirementFinding(uuidFor(append(base, "item", q, "finding")...), it, byReq[it.Requirement])
		fd.RelatedObservations = []relatedObservation{{ObservationUUID: obs.UUID}}
		fd.Origins = origins
		for _, f := range byReq[it.Requirement] {
			if f.Kind.IsNonconformity() {
				continue
			}
			rk, err := improvementRisk(uuidFor(append(base, "finding", string(f.ID), "risk")...), f)
			if err != nil {
				return nil, problem("finding %s: %v", f.ID, err)
			}
			r.Risks = append(r.Risks, rk)
			fd.RelatedRisks = append(fd.RelatedRisks, relatedRisk{RiskUUID: rk.UUID})
		}
		r.Findings = append(r.Findings, fd)
	}
	slices.SortFunc(r.Risks, func(x, y poamRisk) int {
		return cmp.Compare(first(propValues(x.Props), "finding"), first(propValues(y.Props), "finding"))
	})
	doc.Results = []result{r}
	return doc, nil
}

// setImportAP sets the document's import-ap: href, or a back-matter
// resource standing for the plan.
func setImportAP(doc *assessmentResults, id, href string) {
	if href != "" {
		doc.ImportAP = importProfile{Href: href}
		return
	}
	res := resource{
		UUID:        uuidFor("results", id, "resource", "assessment-plan"),
		Title:       "Assessment plan",
		Description: "The assessment plan these results are for; it is not part of this export.",
		Props:       []property{sdkProp("unset", "assessment_plan")},
	}
	doc.ImportAP = importProfile{Href: "#" + res.UUID}
	doc.BackMatter = &backMatter{Resources: []resource{res}}
}

// sortedRefs returns refs sorted by their string form.
func sortedRefs(refs []isms.Ref) []isms.Ref {
	out := slices.Clone(refs)
	slices.SortFunc(out, func(x, y isms.Ref) int { return cmp.Compare(x.String(), y.String()) })
	return out
}

func itemObservation(u string, it *audit.Item, collected string) (observation, error) {
	q := it.Requirement.String()
	var ps propList
	ps.add("requirement", q)
	ps.add("method", string(it.Method))
	ps.add("result", string(it.Result))
	for _, e := range sortedRefs(it.Evidence) {
		ps.add("evidence", e.String())
	}
	ps.add("finding", string(it.Finding))
	if s := it.Sample; s != nil {
		if len(s.Selection.Items) == 0 {
			return observation{}, problem("the sample's selection holds no items")
		}
		selectionProps(&ps, s.Selection)
		ps.add("tested", strconv.Itoa(s.Tested))
		ps.add("deviations", strconv.Itoa(s.Deviations))
		if ev := s.Evaluation; ev != nil {
			float := func(name string, f float64) { ps.add(name, strconv.FormatFloat(f, 'g', -1, 64)) }
			float("sample_rate", ev.SampleRate)
			float("upper_limit", ev.UpperLimit)
			if ev.UpperLimitDeviations > 0 {
				ps.add("upper_limit_deviations", strconv.Itoa(ev.UpperLimitDeviations))
			}
			float("allowance", ev.Allowance)
			float("overreliance_risk", ev.Risk)
			ps.add("conclusion", string(ev.Conclusion))
		}
	}
	for _, s := range [...]struct{ name, v string }{{"title", it.Title}, {"procedure", it.Procedure}, {"notes", it.Notes}} {
		if s.v != "" && !isOSCALString(s.v) {
			ps.err = cmp.Or(ps.err, problem("%s %q is padded with spaces", s.name, s.v))
		}
	}
	if ps.err != nil {
		return observation{}, ps.err
	}
	obs := observation{
		UUID:        u,
		Title:       cmp.Or(it.Title, "Test of "+q),
		Description: cmp.Or(it.Procedure, "Test of "+q+" ("+string(it.Method)+")."),
		Props:       ps.props,
		Methods:     []string{methodOf[it.Method]},
		Collected:   collected,
		Remarks:     it.Notes,
	}
	for _, e := range sortedRefs(it.Examined) {
		obs.RelevantEvidence = append(obs.RelevantEvidence, relevantEvidence{
			Description: "Evidence examined: " + e.String() + ".",
			Props:       []property{sdkProp("examined", e.String())},
		})
	}
	return obs, nil
}

func requirementFinding(u string, it *audit.Item, fs []*audit.Finding) finding {
	q := it.Requirement.String()
	target, _ := RequirementTargetID(it.Requirement) // checked by the caller
	fd := finding{
		UUID:        u,
		Title:       cmp.Or(it.Title, q),
		Description: "No nonconformity was found against " + q + ".",
		Props:       []property{sdkProp("requirement", q)},
		Target:      findingTarget{Type: "objective-id", TargetID: target, Status: objectiveStatus{State: "satisfied", Reason: "pass"}},
	}
	var texts, causes []string
	for _, f := range fs {
		if !f.Kind.IsNonconformity() {
			continue
		}
		fd.Props = append(fd.Props, sdkProp("finding", string(f.ID)), sdkProp("finding_kind", string(f.Kind)))
		t := kindLabel[f.Kind] + " " + string(f.ID) + ": " + f.Title + "."
		if f.Description != "" {
			t += " " + f.Description
		}
		texts = append(texts, t)
		if f.RootCause != "" {
			causes = append(causes, "Root cause of "+string(f.ID)+": "+f.RootCause)
		}
	}
	if len(texts) > 0 {
		fd.Description = strings.Join(texts, "\n\n")
		fd.Target.Status = objectiveStatus{State: "not-satisfied", Reason: "fail"}
		fd.Remarks = strings.Join(causes, "\n\n")
	}
	return fd
}

func improvementRisk(u string, f *audit.Finding) (poamRisk, error) {
	q := f.Requirement.String()
	var ps propList
	ps.add("finding", string(f.ID))
	ps.add("finding_kind", string(f.Kind))
	ps.add("finding_status", string(f.Status))
	ps.add("requirement", q)
	ps.add("owner", f.Owner)
	if ps.err != nil {
		return poamRisk{}, ps.err
	}
	rk := poamRisk{
		UUID:        u,
		Title:       f.Title,
		Description: cmp.Or(f.Description, f.Title),
		Statement:   kindLabel[f.Kind] + " about " + q + ": " + f.Title + ".",
		Props:       ps.props,
		Status:      "closed",
	}
	if f.Open() {
		rk.Status = "open"
		if !f.Due.IsZero() {
			d, err := formatTime(f.Due)
			if err != nil {
				return poamRisk{}, problem("due: %v", err)
			}
			rk.Deadline = d
		}
	}
	return rk, nil
}
