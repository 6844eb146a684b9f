package oscal

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// POAMOptions adjust ExportPOAM. A nil *POAMOptions means the defaults.
type POAMOptions struct {
	// Options are the common export options (version, last-modified,
	// indentation). When LastModified is zero, the latest UpdatedAt (or
	// CreatedAt) of the risks is used.
	Options
	// ID names the POA&M; its UUID is derived from it. Empty means
	// "risk-register".
	ID isms.ID
	// Title is the metadata title; empty means "Plan of action and
	// milestones".
	Title string
	// Version is the metadata version; empty is written "unversioned" and
	// flagged with the SDK prop unset = version.
	Version string
	// SystemID, when not empty, is written as the POA&M's system-id (in the
	// SDK's Namespace): the id ExportSSP writes for an SoA is the SoA's
	// id, so giving it ties the POA&M to that SSP.
	SystemID string
	// SSPHref, when not empty, is written as import-ssp: a URI reference
	// to the SSP the POA&M is for.
	SSPHref string
	// MatrixNamespace is the naming system (an absolute URI) of the
	// likelihood, impact and level facets: the organisation's namespace
	// for its risk matrix. Empty means MatrixNamespace(m).
	MatrixNamespace string
	// Organisation names the party that assessed a risk when its
	// assessment names no assessor. Empty means "Organisation".
	Organisation string
}

func (o *POAMOptions) common() *Options {
	if o == nil {
		return nil
	}
	return &o.Options
}

// resolve returns a copy of o (nil: the defaults) with its defaults filled
// in, the POA&M's id defaulting to defaultID, and the OSCAL version it
// asks for; an invalid id or a padded text is an error.
func (o *POAMOptions) resolve(defaultID isms.ID) (POAMOptions, Version, error) {
	var r POAMOptions
	if o != nil {
		r = *o
	}
	v, err := r.common().version()
	if err != nil {
		return r, v, err
	}
	if r.ID == "" {
		r.ID = defaultID
	}
	if err := r.ID.Validate(); err != nil {
		return r, v, problem("poam id: %v", err)
	}
	if r.Title == "" {
		r.Title = "Plan of action and milestones"
	}
	if r.Organisation == "" {
		r.Organisation = "Organisation"
	}
	for _, s := range [...]struct{ name, v string }{{"title", r.Title}, {"version", r.Version},
		{"system id", r.SystemID}, {"ssp href", r.SSPHref}, {"organisation", r.Organisation}} {
		if s.v != "" && !isOSCALString(s.v) {
			return r, v, problem("%s %q is padded with spaces", s.name, s.v)
		}
	}
	return r, v, nil
}

// MatrixNamespace returns the default naming system of the facets
// ExportPOAM writes for matrix m: Namespace + "/matrix/" + the matrix's
// name + "/" + its version, each path-escaped
// ("https://ismskit.github.io/ns/oscal/matrix/ismskit%205x5/1"). A nil m
// gives Namespace + "/matrix".
func MatrixNamespace(m *risk.Matrix) string {
	if m == nil {
		return Namespace + "/matrix"
	}
	return Namespace + "/matrix/" + url.PathEscape(m.Name) + "/" + url.PathEscape(m.Version)
}

// riskStates maps the SDK's risk statuses to OSCAL risk-status values. An
// open risk whose treatment has open actions is "remediating" instead.
var riskStates = map[risk.Status]string{
	risk.StatusOpen:     "open",
	risk.StatusAccepted: "deviation-approved",
	risk.StatusClosed:   "closed",
}

// ExportPOAM writes risks, with their assessments and treatment plans, as
// an OSCAL plan of action and milestones (POA&M):
//
//   - each risk is an OSCAL risk, sorted by id: its title and description,
//     a statement built from its threat, vulnerability and assets, and its
//     status ("open", "remediating" when open with open treatment actions,
//     "deviation-approved" when accepted, "closed"); its owner, category,
//     status, assets, existing controls and treatment option are props in
//     the SDK's Namespace;
//   - each assessment (inherent, current, residual) is a characterization
//     whose facets "likelihood", "impact" and "level" (and
//     "impact.<dimension>" for each dimension rated) hold the matrix's
//     level ids in the organisation's matrix namespace
//     (POAMOptions.MatrixNamespace), its origin the party who assessed it;
//   - the treatment is the risk's remediation (lifecycle "planned", or
//     "completed" when its plan is completed), each treatment action one of
//     its tasks (type "action", due date as timing on-date, status, owner
//     and controls as props; an action without an id is named by its
//     position for its UUID); the latest due date of the open actions is
//     the risk's deadline;
//   - each risk has one poam-item that points at it.
//
// Every assessment must be scored with m (same name and version) and name
// levels of m. Each risk must pass its Validate, ids must be unique, and
// there must be at least one risk (a POA&M needs one item). UUIDs are
// version-5 UUIDs of the POA&M id and the SDK's ids, so the same risks
// export the same document every time. Errors answer
// errors.Is(err, isms.ErrInvalid).
func ExportPOAM(risks []*risk.Risk, m *risk.Matrix, opts *POAMOptions) ([]byte, error) {
	doc, err := exportPOAM(risks, m, opts)
	if err != nil {
		return nil, wrap("export poam", err)
	}
	out, err := marshal(poamDoc{POAM: doc}, opts.common().indent())
	return out, wrap("export poam", err)
}

func exportPOAM(risks []*risk.Risk, m *risk.Matrix, opts *POAMOptions) (*poam, error) {
	if m == nil {
		return nil, problem("matrix is nil")
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if len(risks) == 0 {
		return nil, problem("no risks: an OSCAL POA&M needs at least one item")
	}
	o, v, err := opts.resolve("risk-register")
	if err != nil {
		return nil, err
	}
	if o.MatrixNamespace == "" {
		o.MatrixNamespace = MatrixNamespace(m)
	}
	if u, err := url.Parse(o.MatrixNamespace); err != nil || !u.IsAbs() || !isOSCALString(o.MatrixNamespace) {
		return nil, problem("matrix namespace %q is not an absolute URI", o.MatrixNamespace)
	}

	sorted := make([]*risk.Risk, len(risks))
	copy(sorted, risks)
	for i, r := range sorted {
		if r == nil {
			return nil, problem("risk %d is nil", i)
		}
		if r.ID == "" {
			return nil, problem("risk %d (%q) has no id, from which its UUID is derived", i, r.Title)
		}
	}
	slices.SortFunc(sorted, func(a, b *risk.Risk) int { return cmp.Compare(a.ID, b.ID) })
	var latest time.Time
	for i, r := range sorted {
		if err := r.Validate(); err != nil {
			return nil, err
		}
		if i > 0 && sorted[i-1].ID == r.ID {
			return nil, problem("risk %q is listed twice", r.ID)
		}
		for _, t := range []time.Time{r.CreatedAt, r.UpdatedAt} {
			if t.After(latest) {
				latest = t
			}
		}
	}
	md, err := newMetadata(o.Title, o.Version, v, o.common().lastModified(latest))
	if err != nil {
		return nil, err
	}
	pid := string(o.ID)
	e := &poamExporter{id: pid, m: m, ns: o.MatrixNamespace, org: o.Organisation, parties: map[string]string{}}
	doc := &poam{UUID: uuidFor("poam", pid), Metadata: md}
	if o.SystemID != "" {
		doc.SystemID = &systemID{IdentifierType: Namespace, ID: o.SystemID}
	}
	if o.SSPHref != "" {
		doc.ImportSSP = &importProfile{Href: o.SSPHref}
	}
	for _, r := range sorted {
		or, err := e.risk(r)
		if err != nil {
			return nil, problem("risk %s: %v", r.ID, err)
		}
		doc.Risks = append(doc.Risks, or)
		doc.POAMItems = append(doc.POAMItems, poamItem{
			UUID:         uuidFor("poam", pid, "item", string(r.ID)),
			Title:        or.Title,
			Description:  "Treat risk " + string(r.ID) + ": " + or.Title + ".",
			Props:        []property{sdkProp("risk", r.Ref().String())},
			RelatedRisks: []relatedRisk{{RiskUUID: or.UUID}},
		})
	}
	doc.Metadata.Parties = e.partyList(o.Organisation)
	return doc, nil
}

type poamExporter struct {
	id, ns, org string
	m           *risk.Matrix
	// parties maps each party's name to its UUID.
	parties map[string]string
}

// partyList returns the parties named, sorted by name: org is an
// organisation, the others persons.
func (e *poamExporter) partyList(org string) []party {
	names := make([]string, 0, len(e.parties))
	for n := range e.parties {
		names = append(names, n)
	}
	slices.Sort(names)
	var out []party
	for _, n := range names {
		typ := "person"
		if n == org {
			typ = "organization"
		}
		out = append(out, party{UUID: e.parties[n], Type: typ, Name: n})
	}
	return out
}

func (e *poamExporter) party(name string) string {
	if name == "" {
		name = e.org
	}
	u, ok := e.parties[name]
	if !ok {
		u = uuidFor("poam", e.id, "party", name)
		e.parties[name] = u
	}
	return u
}

func (e *poamExporter) risk(r *risk.Risk) (poamRisk, error) {
	rid := string(r.ID)
	var ps propList
	ps.add("owner", r.Owner)
	ps.add("category", r.Category)
	ps.add("status", string(r.Status))
	for _, a := range r.Assets {
		ps.add("asset", a.String())
	}
	for _, c := range r.ExistingControls {
		ps.add("control", c.String())
	}
	if r.Treatment != nil {
		ps.add("treatment_option", string(r.Treatment.Option))
	}
	if ps.err != nil {
		return poamRisk{}, ps.err
	}
	desc := r.Description
	if desc == "" {
		desc = r.Title
	}
	out := poamRisk{
		UUID:        uuidFor("poam", e.id, "risk", rid),
		Title:       r.Title,
		Description: desc,
		Statement:   statement(r),
		Props:       ps.props,
		Status:      riskStates[r.Status],
	}
	for _, st := range risk.StageValues() {
		a := r.Assessment(st)
		if a == nil {
			continue
		}
		c, err := e.characterization(rid, st, a)
		if err != nil {
			return poamRisk{}, err
		}
		out.Characterizations = append(out.Characterizations, c)
	}
	if t := r.Treatment; t != nil {
		resp, deadline, open, err := e.remediation(rid, t)
		if err != nil {
			return poamRisk{}, err
		}
		out.Remediations = []response{resp}
		if !deadline.IsZero() {
			if out.Deadline, err = formatTime(deadline); err != nil {
				return poamRisk{}, err
			}
		}
		if open && r.Status == risk.StatusOpen {
			out.Status = "remediating"
		}
	}
	return out, nil
}

// statement describes how the risk affects the ISMS, from its threat,
// vulnerability and assets.
func statement(r *risk.Risk) string {
	var parts []string
	if r.Threat != "" {
		parts = append(parts, "Threat: "+r.Threat+".")
	}
	if r.Vulnerability != "" {
		parts = append(parts, "Vulnerability: "+r.Vulnerability+".")
	}
	if len(r.Assets) > 0 {
		as := make([]string, len(r.Assets))
		for i, a := range r.Assets {
			as[i] = a.String()
		}
		parts = append(parts, "Assets: "+strings.Join(as, ", ")+".")
	}
	if len(parts) == 0 {
		return r.Title + "."
	}
	return strings.Join(parts, " ")
}

func (e *poamExporter) characterization(rid string, st risk.Stage, a *risk.Assessment) (characterization, error) {
	if a.Matrix != e.m.Ref() {
		return characterization{}, problem("%s assessment is scored with matrix %s %s, not %s %s",
			st, a.Matrix.Name, a.Matrix.Version, e.m.Name, e.m.Version)
	}
	if e.m.LikelihoodIndex(a.Likelihood) < 0 || e.m.ImpactIndex(a.Impact) < 0 || e.m.RiskIndex(a.Level) < 0 {
		return characterization{}, problem("%s assessment names a level that is not in matrix %s", st, e.m.Name)
	}
	fs := []facet{
		{Name: "likelihood", System: e.ns, Value: a.Likelihood},
		{Name: "impact", System: e.ns, Value: a.Impact},
		{Name: "level", System: e.ns, Value: a.Level},
	}
	for _, d := range a.Impacts {
		if e.m.ImpactIndex(d.Impact) < 0 {
			return characterization{}, problem("%s assessment: impact %q of %s is not in matrix %s", st, d.Impact, d.Dimension, e.m.Name)
		}
		fs = append(fs, facet{Name: "impact." + string(d.Dimension), System: e.ns, Value: d.Impact})
	}
	var ps propList
	ps.add("stage", string(st))
	ps.add("rule", string(a.Rule))
	ps.time("assessed_at", a.AssessedAt)
	if ps.err != nil {
		return characterization{}, ps.err
	}
	return characterization{
		Props:  ps.props,
		Origin: origin{Actors: []originActor{{Type: "party", ActorUUID: e.party(a.AssessedBy)}}},
		Facets: fs,
	}, nil
}

// remediation returns the treatment as a response, the latest due date of
// its open actions, and whether it has open actions.
func (e *poamExporter) remediation(rid string, t *risk.Treatment) (response, time.Time, bool, error) {
	var ps propList
	ps.add("treatment_option", string(t.Option))
	ps.add("plan_status", string(t.PlanStatus()))
	for _, c := range t.Controls {
		ps.add("control", c.String())
	}
	for _, p := range t.SharedWith {
		ps.add("shared_with", p.Name)
	}
	ps.add("decided_by", t.DecidedBy)
	ps.time("decided_at", t.DecidedAt)
	if ps.err != nil {
		return response{}, time.Time{}, false, ps.err
	}
	desc := t.Rationale
	if desc == "" {
		desc = "Treatment of risk " + rid + " by the option " + string(t.Option) + "."
	}
	lifecycle := "planned"
	if t.PlanStatus() == risk.PlanCompleted {
		lifecycle = "completed"
	}
	resp := response{
		UUID:        uuidFor("poam", e.id, "risk", rid, "treatment"),
		Lifecycle:   lifecycle,
		Title:       "Treatment (" + string(t.Option) + ")",
		Description: desc,
		Props:       ps.props,
	}
	var deadline time.Time
	open := false
	for i, a := range t.Actions {
		var aps propList
		aps.add("action_id", string(a.ID))
		aps.add("status", string(a.Status))
		aps.add("owner", a.Owner)
		for _, c := range a.Controls {
			aps.add("control", c.String())
		}
		aps.time("completed_at", a.CompletedAt)
		if aps.err != nil {
			return response{}, time.Time{}, false, problem("action %s: %v", a.ID, aps.err)
		}
		// An action without an id (the risk package allows one) is named
		// by its position instead.
		tu := uuidFor("poam", e.id, "risk", rid, "action", string(a.ID))
		if a.ID == "" {
			tu = uuidFor("poam", e.id, "risk", rid, "action-at", strconv.Itoa(i))
		}
		task := task{
			UUID:  tu,
			Type:  "action",
			Title: a.Title,
			Props: aps.props,
		}
		if !a.Due.IsZero() {
			d, err := formatTime(a.Due)
			if err != nil {
				return response{}, time.Time{}, false, problem("action %s: due: %v", a.ID, err)
			}
			task.Timing = &timing{OnDate: &onDate{Date: d}}
		}
		if a.Status.Open() {
			open = true
			if a.Due.After(deadline) {
				deadline = a.Due
			}
		}
		resp.Tasks = append(resp.Tasks, task)
	}
	return resp, deadline, open, nil
}
