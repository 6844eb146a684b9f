package oscal

import (
	"strconv"
	"time"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// The component that stands for the ISMS in an exported SSP.
const (
	componentType  = "this-system"
	componentTitle = "Information security management system"
)

// statusStates maps the SDK's implementation statuses to OSCAL's
// implementation-status states.
var statusStates = map[controls.ImplementationStatus]string{
	controls.StatusImplemented:   "implemented",
	controls.StatusPartial:       "partial",
	controls.StatusPlanned:       "planned",
	controls.StatusAlternative:   "alternative",
	controls.StatusNotApplicable: "not-applicable",
}

// ExportSSP writes a Statement of Applicability as an OSCAL system security
// plan whose control-implementation holds one implemented-requirement per
// SoA entry, in SoA order:
//
//   - the ISMS is the SSP's one component, of type this-system, and the
//     SoA's scope is the system-characteristics description (and the
//     authorization boundary);
//   - each entry's applicability, inclusion reasons, exclusion reason,
//     risks, evidence, provider, owner and planned date are props in the
//     SDK's Namespace ("applicability", "inclusion_reason",
//     "exclusion_reason", "risk", "evidence", "provider", "owner",
//     "planned_date"; refs written "kind/id");
//   - the justification (of an exclusion, or of an inclusion) is the
//     requirement's remarks;
//   - the implementation status is the implementation-status of the
//     requirement's by-component entry for the ISMS component, and the
//     entry's notes are that entry's remarks;
//   - the catalog is a back-matter resource that import-profile points at.
//
// The SoA must pass its Validate and hold at least one entry (OSCAL needs
// one implemented requirement). When cat is not nil, the SoA's catalog id
// must be cat's and every entry's control must be in cat. Control ids must
// be OSCAL tokens, and the texts written as props (owner, provider,
// approved by, catalog version) must not be padded with spaces. UUIDs are
// version-5 UUIDs of the SoA's id and the control ids, so the same SoA
// exports the same document every time. ImportSSP reads it back equal to
// the SoA (normalised as storage does: UTC at microsecond precision, empty
// lists as nil). Errors answer errors.Is(err, isms.ErrInvalid).
func ExportSSP(s *controls.SoA, cat *controls.Catalog, opts *Options) ([]byte, error) {
	doc, err := exportSSP(s, cat, opts)
	if err != nil {
		return nil, wrap("export ssp", err)
	}
	out, err := marshal(sspDoc{SSP: doc}, opts.indent())
	return out, wrap("export ssp", err)
}

func exportSSP(s *controls.SoA, cat *controls.Catalog, opts *Options) (*ssp, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if len(s.Entries) == 0 {
		return nil, problem("soa %s has no entries: an OSCAL SSP needs at least one implemented requirement", s.ID)
	}
	if cat != nil {
		if cat.ID() != s.CatalogID {
			return nil, problem("soa is for catalog %q, not %q", s.CatalogID, cat.ID())
		}
		for _, e := range s.Entries {
			if !cat.Has(e.ControlID) {
				return nil, problem("control %q of the soa is not in catalog %q", e.ControlID, cat.ID())
			}
		}
	}
	v, err := opts.version()
	if err != nil {
		return nil, err
	}
	id := string(s.ID)
	md, err := newMetadata(s.Title, s.Version, v, opts.lastModified(s.UpdatedAt, s.ApprovedAt, s.CreatedAt))
	if err != nil {
		return nil, err
	}
	if md.Title == "Untitled" {
		md.Title = "Statement of Applicability"
	}
	var ps propList
	ps.add("catalog_id", string(s.CatalogID))
	ps.add("catalog_version", s.CatalogVersion)
	if s.Revision != 0 {
		ps.add("revision", strconv.FormatInt(s.Revision, 10))
	}
	ps.time("created_at", s.CreatedAt)
	ps.time("updated_at", s.UpdatedAt)
	ps.add("approved_by", s.ApprovedBy)
	ps.time("approved_at", s.ApprovedAt)
	if !s.ScopeRef.IsZero() {
		ps.add("scope_ref", s.ScopeRef.String())
	}
	if s.ID == "" {
		ps.add("unset", "id")
		id = "unidentified"
	}
	scope := s.Scope
	if scope == "" {
		ps.add("unset", "scope")
		scope = "The scope of the ISMS is not stated."
	}
	if ps.err != nil {
		return nil, ps.err
	}
	md.Props = append(md.Props, ps.props...)

	compUUID := uuidFor("soa", string(s.ID), "component", componentType)
	resUUID := uuidFor("soa", string(s.ID), "resource", "catalog", string(s.CatalogID))
	doc := &ssp{
		UUID:          uuidFor("soa", string(s.ID)),
		Metadata:      md,
		ImportProfile: importProfile{Href: "#" + resUUID},
		SystemCharacteristics: systemCharacteristics{
			SystemIDs:   []systemID{{IdentifierType: Namespace, ID: id}},
			SystemName:  md.Title,
			Description: scope,
			SystemInformation: systemInformation{InformationTypes: []informationType{{
				UUID:        uuidFor("soa", string(s.ID), "information-type", "isms"),
				Title:       "Information within the ISMS scope",
				Description: "The information the information security management system protects.",
			}}},
			Status:                state{State: "operational"},
			AuthorizationBoundary: description{Description: scope},
		},
		SystemImplementation: systemImplementation{
			Users: []user{{UUID: uuidFor("soa", string(s.ID), "user", "isms-owner"), Title: "ISMS owner"}},
			Components: []component{{
				UUID: compUUID, Type: componentType, Title: componentTitle,
				Description: "The information security management system the Statement of Applicability covers.",
				Status:      state{State: "operational"},
			}},
		},
		ControlImplementation: controlImplementation{
			Description: "Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d)) for the controls of catalog " + string(s.CatalogID) + ".",
		},
		BackMatter: &backMatter{Resources: []resource{{
			UUID:  resUUID,
			Title: string(s.CatalogID),
			Props: []property{sdkProp("catalog_id", string(s.CatalogID))},
		}}},
	}
	reqs := make([]implementedRequirement, len(s.Entries))
	for i, e := range s.Entries {
		r, err := exportEntry(string(s.ID), compUUID, e)
		if err != nil {
			return nil, err
		}
		reqs[i] = r
	}
	doc.ControlImplementation.ImplementedRequirements = reqs
	return doc, nil
}

func exportEntry(soaID, compUUID string, e controls.Entry) (implementedRequirement, error) {
	cid := string(e.ControlID)
	if !isToken(cid) {
		return implementedRequirement{}, problem("control id %q is not an OSCAL token", cid)
	}
	var ps propList
	ps.add("applicability", string(e.Applicability))
	for _, r := range e.InclusionReasons {
		ps.add("inclusion_reason", string(r))
	}
	ps.add("exclusion_reason", string(e.ExclusionReason))
	for _, r := range e.Risks {
		ps.add("risk", r.String())
	}
	for _, r := range e.Evidence {
		ps.add("evidence", r.String())
	}
	ps.add("provider", e.Provider)
	ps.add("owner", e.Owner)
	ps.time("planned_date", e.PlannedDate)
	if ps.err != nil {
		return implementedRequirement{}, problem("control %s: %v", cid, ps.err)
	}
	bc := byComponent{
		ComponentUUID: compUUID,
		UUID:          uuidFor("soa", soaID, "entry", cid, "by-component"),
		Description:   "How the ISMS implements control " + cid + ".",
		Remarks:       e.Notes,
	}
	if e.Status != "" {
		bc.ImplementationStatus = &state{State: statusStates[e.Status]}
	}
	return implementedRequirement{
		UUID:         uuidFor("soa", soaID, "entry", cid),
		ControlID:    cid,
		Props:        ps.props,
		ByComponents: []byComponent{bc},
		Remarks:      e.Justification,
	}, nil
}

// propList collects SDK-namespace props, skipping empty values and
// remembering the first value OSCAL cannot hold.
type propList struct {
	props []property
	err   error
}

func (l *propList) add(name, v string) {
	if v == "" {
		return
	}
	if !isOSCALString(v) && l.err == nil {
		l.err = problem("%s %q is padded with spaces, which an OSCAL prop cannot hold", name, v)
		return
	}
	l.props = append(l.props, sdkProp(name, v))
}

func (l *propList) time(name string, t time.Time) {
	if t.IsZero() {
		return
	}
	s, err := formatTime(t)
	if err != nil {
		if l.err == nil {
			l.err = problem("%s: %v", name, err)
		}
		return
	}
	l.props = append(l.props, sdkProp(name, s))
}

// ImportSSP reads an OSCAL system security plan into an SoA: one entry per
// implemented requirement, in document order, read as ExportSSP writes
// them. An SSP from another tool gives entries whose applicability is not
// decided yet (unless it carries the SDK's props) and whose status comes
// from the first by-component implementation-status. The result must pass
// SoA.Validate. The document is at most isms.MaxDocumentSize bytes and
// isms.MaxDocumentDepth deep; fields the SDK does not model are ignored.
// Errors answer errors.Is(err, isms.ErrInvalid).
func ImportSSP(data []byte) (*controls.SoA, error) {
	s, err := importSSP(data)
	return s, wrap("import ssp", err)
}

func importSSP(data []byte) (*controls.SoA, error) {
	var doc sspDoc
	if err := decode(data, &doc); err != nil {
		return nil, err
	}
	p := doc.SSP
	if p == nil {
		return nil, problem("the document holds no system-security-plan")
	}
	md := p.Metadata
	vals := propValues(md.Props)
	s := &controls.SoA{
		Title:          md.Title,
		Version:        md.Version,
		Scope:          p.SystemCharacteristics.Description,
		CatalogID:      isms.ID(first(vals, "catalog_id")),
		CatalogVersion: first(vals, "catalog_version"),
		ApprovedBy:     first(vals, "approved_by"),
	}
	if len(p.SystemCharacteristics.SystemIDs) > 0 {
		s.ID = isms.ID(p.SystemCharacteristics.SystemIDs[0].ID)
	}
	for _, u := range vals["unset"] {
		switch u {
		case "title":
			s.Title = ""
		case "version":
			s.Version = ""
		case "scope":
			s.Scope = ""
		case "id":
			s.ID = ""
		}
	}
	if s.CatalogID == "" && p.BackMatter != nil {
		for _, r := range p.BackMatter.Resources {
			if "#"+r.UUID == p.ImportProfile.Href {
				s.CatalogID = isms.ID(r.Title)
			}
		}
	}
	if v := first(vals, "revision"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, problem("revision %q is not a count", v)
		}
		s.Revision = n
	}
	var err error
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{"created_at", &s.CreatedAt}, {"updated_at", &s.UpdatedAt}, {"approved_at", &s.ApprovedAt}} {
		if v := first(vals, f.name); v != "" {
			if *f.dst, err = parseTime(v); err != nil {
				return nil, err
			}
		}
	}
	if v := first(vals, "scope_ref"); v != "" {
		if s.ScopeRef, err = parseRef(v); err != nil {
			return nil, err
		}
	}
	reqs := p.ControlImplementation.ImplementedRequirements
	if len(reqs) > 0 {
		s.Entries = make([]controls.Entry, 0, len(reqs))
	}
	for _, r := range reqs {
		e, err := importEntry(r)
		if err != nil {
			return nil, err
		}
		s.Entries = append(s.Entries, e)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

func importEntry(r implementedRequirement) (controls.Entry, error) {
	vals := propValues(r.Props)
	e := controls.Entry{
		ControlID:       isms.ID(r.ControlID),
		Applicability:   controls.Applicability(first(vals, "applicability")),
		ExclusionReason: controls.ExclusionReason(first(vals, "exclusion_reason")),
		Justification:   r.Remarks,
		Provider:        first(vals, "provider"),
		Owner:           first(vals, "owner"),
	}
	for _, v := range vals["inclusion_reason"] {
		e.InclusionReasons = append(e.InclusionReasons, controls.InclusionReason(v))
	}
	for _, list := range []struct {
		name string
		dst  *[]isms.Ref
	}{{"risk", &e.Risks}, {"evidence", &e.Evidence}} {
		for _, v := range vals[list.name] {
			ref, err := parseRef(v)
			if err != nil {
				return controls.Entry{}, problem("control %s: %s: %v", r.ControlID, list.name, err)
			}
			*list.dst = append(*list.dst, ref)
		}
	}
	if v := first(vals, "planned_date"); v != "" {
		t, err := parseTime(v)
		if err != nil {
			return controls.Entry{}, problem("control %s: planned_date: %v", r.ControlID, err)
		}
		e.PlannedDate = t
	}
	for _, bc := range r.ByComponents {
		if e.Notes == "" {
			e.Notes = bc.Remarks
		}
		if bc.ImplementationStatus != nil && e.Status == "" {
			st, ok := stateStatus(bc.ImplementationStatus.State)
			if !ok {
				return controls.Entry{}, problem("control %s: unknown implementation-status %q", r.ControlID, bc.ImplementationStatus.State)
			}
			e.Status = st
		}
	}
	return e, nil
}

// stateStatus maps an OSCAL implementation-status state back.
func stateStatus(s string) (controls.ImplementationStatus, bool) {
	for _, st := range controls.ImplementationStatusValues() {
		if statusStates[st] == s {
			return st, true
		}
	}
	return "", false
}
