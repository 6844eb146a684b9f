package oscal

import (
	"cmp"

	"github.com/ismskit/ismskit/audit"
)

// findingRiskStates maps the audit's finding statuses to OSCAL
// risk-status values.
var findingRiskStates = map[audit.FindingStatus]string{
	audit.StatusOpen:              "open",
	audit.StatusReopened:          "open",
	audit.StatusInProgress:        "remediating",
	audit.StatusImplemented:       "remediating",
	audit.StatusVerifiedEffective: "closed",
	audit.StatusClosed:            "closed",
}

// ExportFindingsPOAM writes the corrective actions of audit
// nonconformities (ISO/IEC 27001:2022 10.2) as an OSCAL plan of action and
// milestones. It is a separate export from ExportPOAM, whose items are
// risks: a nonconformity is a requirement found not fulfilled, which OSCAL
// models as a finding. Only major and minor nonconformities are written
// (observations and opportunities for improvement need no corrective
// action: see ExportAuditResults); each, sorted by id, becomes:
//
//   - an OSCAL finding: its title and description; target type
//     objective-id, target-id from RequirementTargetID, "not-satisfied"
//     (reason fail) until the corrective action is verified effective or
//     the finding closed, "satisfied" (reason pass) after; its id, kind,
//     status, requirement, audit and evidence as SDK props ("finding",
//     "finding_kind", "finding_status", "requirement", "audit",
//     "evidence"); who raised it (or POAMOptions.Organisation) as origin;
//   - an OSCAL risk: the root cause (or description) as its description,
//     its status "open" (open, reopened), "remediating" (in progress,
//     implemented) or "closed" (verified effective, closed), the due date
//     as deadline while open, and the correction and corrective action as
//     one remediation (lifecycle "planned", "completed" once implemented)
//     with the owner, due, implemented_at and closed_at as props;
//   - a poam-item ("Corrective action: " and the title) with the
//     corrective action as description, the props "finding",
//     "finding_status", "owner", "due" and "requirement", who raised it as
//     origin, and related-findings and related-risks pointing at the two
//     above.
//
// POAMOptions apply as to ExportPOAM, except that ID defaults to
// "corrective-actions" and MatrixNamespace is not used; when LastModified
// is zero, the latest UpdatedAt, CreatedAt or RaisedAt of the
// nonconformities is used (and with none of them set, LastModified is
// required). Each finding must pass its Validate and have a unique id, and at
// least one must be a nonconformity. UUIDs are version-5 UUIDs (see
// Namespace) of the NUL-joined names "poam" P (the document, P the
// POA&M id), "poam" P "finding" F, "poam" P "finding" F "risk", "poam" P
// "finding" F "corrective-action" (the remediation), "poam" P "item" F,
// and "poam" P "party" N, F being the finding id and N the party's name.
// Errors answer errors.Is(err, isms.ErrInvalid).
func ExportFindingsPOAM(findings []*audit.Finding, opts *POAMOptions) ([]byte, error) {
	doc, err := exportFindingsPOAM(findings, opts)
	if err != nil {
		return nil, wrap("export findings poam", err)
	}
	out, err := marshal(poamDoc{POAM: doc}, opts.common().indent())
	return out, wrap("export findings poam", err)
}

func exportFindingsPOAM(findings []*audit.Finding, opts *POAMOptions) (*poam, error) {
	sorted, err := checkFindings(findings, "")
	if err != nil {
		return nil, err
	}
	var ncs []*audit.Finding
	for _, f := range sorted {
		if f.Kind.IsNonconformity() {
			ncs = append(ncs, f)
		}
	}
	if len(ncs) == 0 {
		return nil, problem("no nonconformity among the findings: an OSCAL POA&M needs at least one item")
	}
	o, v, err := opts.resolve("corrective-actions")
	if err != nil {
		return nil, err
	}
	latest := ncs[0].RaisedAt
	for _, f := range ncs {
		if f.RaisedAt.After(latest) {
			latest = f.RaisedAt
		}
		if f.CreatedAt.After(latest) {
			latest = f.CreatedAt
		}
		if f.UpdatedAt.After(latest) {
			latest = f.UpdatedAt
		}
	}
	md, err := newMetadata(o.Title, o.Version, v, o.common().lastModified(latest))
	if err != nil {
		return nil, err
	}
	pid := string(o.ID)
	e := &poamExporter{id: pid, org: o.Organisation, parties: map[string]string{}}
	doc := &poam{UUID: uuidFor("poam", pid), Metadata: md}
	if o.SystemID != "" {
		doc.SystemID = &systemID{IdentifierType: Namespace, ID: o.SystemID}
	}
	if o.SSPHref != "" {
		doc.ImportSSP = &importProfile{Href: o.SSPHref}
	}
	for _, f := range ncs {
		if err := e.correctiveAction(doc, f); err != nil {
			return nil, problem("finding %s: %v", f.ID, err)
		}
	}
	doc.Metadata.Parties = e.partyList(o.Organisation)
	return doc, nil
}

func (e *poamExporter) correctiveAction(doc *poam, f *audit.Finding) error {
	fid, q := string(f.ID), f.Requirement.String()
	target, err := RequirementTargetID(f.Requirement)
	if err != nil {
		return err
	}
	orig := []origin{{Actors: []originActor{{Type: "party", ActorUUID: e.party(f.RaisedBy)}}}}

	var fp propList
	fp.add("finding", fid)
	fp.add("finding_kind", string(f.Kind))
	fp.add("finding_status", string(f.Status))
	fp.add("requirement", q)
	fp.add("audit", string(f.Audit))
	for _, ev := range sortedRefs(f.Evidence) {
		fp.add("evidence", ev.String())
	}
	fp.time("raised_at", f.RaisedAt)
	if fp.err != nil {
		return fp.err
	}
	fd := finding{
		UUID:        uuidFor("poam", e.id, "finding", fid),
		Title:       f.Title,
		Description: cmp.Or(f.Description, kindLabel[f.Kind]+" against "+q+": "+f.Title+"."),
		Props:       fp.props,
		Origins:     orig,
		Target:      findingTarget{Type: "objective-id", TargetID: target, Status: objectiveStatus{State: "not-satisfied", Reason: "fail"}},
	}
	if !f.Open() {
		fd.Target.Status = objectiveStatus{State: "satisfied", Reason: "pass"}
	}

	var rp propList
	rp.add("owner", f.Owner)
	rp.time("due", f.Due)
	rp.time("implemented_at", f.ImplementedAt)
	rp.time("closed_at", f.ClosedAt)
	if rp.err != nil {
		return rp.err
	}
	rk := poamRisk{
		UUID:        uuidFor("poam", e.id, "finding", fid, "risk"),
		Title:       f.Title,
		Description: cmp.Or(f.RootCause, f.Description, f.Title),
		Statement:   kindLabel[f.Kind] + " against " + q + ": " + f.Title + ".",
		Props:       []property{sdkProp("finding", fid)},
		Status:      findingRiskStates[f.Status],
	}
	if f.Open() && !f.Due.IsZero() {
		if rk.Deadline, err = formatTime(f.Due); err != nil {
			return problem("due: %v", err)
		}
	}
	if f.CorrectiveAction != "" || f.Correction != "" {
		lifecycle := "planned"
		if !f.ImplementedAt.IsZero() || f.Status == audit.StatusImplemented || !f.Open() {
			lifecycle = "completed"
		}
		desc := f.CorrectiveAction
		if f.Correction != "" {
			desc = cmp.Or(desc, "None recorded.")
			desc = "Correction: " + f.Correction + "\n\nCorrective action: " + desc
		}
		rk.Remediations = []response{{
			UUID:        uuidFor("poam", e.id, "finding", fid, "corrective-action"),
			Lifecycle:   lifecycle,
			Title:       "Corrective action",
			Description: desc,
			Props:       rp.props,
		}}
	}

	var ip propList
	ip.add("finding", fid)
	ip.add("finding_status", string(f.Status))
	ip.add("owner", f.Owner)
	ip.time("due", f.Due)
	ip.add("requirement", q)
	if ip.err != nil {
		return ip.err
	}
	doc.Findings = append(doc.Findings, fd)
	doc.Risks = append(doc.Risks, rk)
	doc.POAMItems = append(doc.POAMItems, poamItem{
		UUID:            uuidFor("poam", e.id, "item", fid),
		Title:           "Corrective action: " + f.Title,
		Description:     cmp.Or(f.CorrectiveAction, "The corrective action of "+fid+" is not yet decided."),
		Props:           ip.props,
		Origins:         orig,
		RelatedFindings: []relatedFinding{{FindingUUID: fd.UUID}},
		RelatedRisks:    []relatedRisk{{RiskUUID: rk.UUID}},
	})
	return nil
}
