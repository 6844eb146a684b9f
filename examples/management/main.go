// Command management runs the management system of a small company,
// Northwind Ltd, on the in-memory store: its policy set with one procedure
// per essential area, roles with a RACI matrix and segregation of duties,
// training and awareness records, and the monitoring of two controls.
//
//	go run ./examples/management
//
// It shows what an auditor checks between audits (ISO/IEC 27001:2022
// clauses 5, 7 and 9.1, A.5.1–A.5.4, A.5.37, A.6.3): every policy says
// what it must and is implemented by a procedure whose steps are staffed;
// one person holds conflicting duties; one training record has expired;
// one of two control checks fails, contradicting the SoA. The clock is
// fixed and the IDs are chosen, so the output is the same on every run.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

const tenant = "northwind"

// today is the example's fixed "now".
var today = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "management:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	ctx := isms.WithActor(context.Background(), "ivan@northwind.example")
	s := memstore.NewStore(&store.Options{IDs: ismstest.NewSequentialIDs(), Clock: ismstest.NewFixedClock(today)})
	defer s.Close()
	fmt.Fprintln(w, "Northwind Ltd's management system on", today.Format(time.DateOnly))

	staff := staffing()
	if err := saveStaffing(ctx, s, staff); err != nil {
		return err
	}
	docs, err := policySet()
	if err != nil {
		return err
	}
	if err := createAll(ctx, s, isms.KindDocument, docs); err != nil {
		return err
	}
	var findings []isms.Finding

	fmt.Fprintln(w, "\n== Policies and procedures")
	for _, d := range docs {
		label := string(d.Implements)
		if d.Type == isms.DocumentPolicy {
			label = fmt.Sprintf("%d sections, controls %v", len(d.Sections), d.Controls)
		} else {
			label = fmt.Sprintf("implements %s, steps: %d", label, len(d.Steps))
		}
		fmt.Fprintf(w, "%-9s %-24s %-38s %s\n", d.Type, d.ID, d.Title, label)
		fs, err := isms.CheckPolicyContent(d, nil)
		if err != nil {
			return err
		}
		findings = append(findings, fs...)
	}
	findings = append(findings, isms.CheckDocumentSet(docs, staff, today, nil)...)

	fmt.Fprintln(w, "\n== Roles and responsibilities")
	raci := raciMatrix()
	if err := createAll(ctx, s, isms.KindRACIMatrix, []*isms.RACIMatrix{raci}); err != nil {
		return err
	}
	for _, r := range staff.Roles {
		fmt.Fprintf(w, "%-16s %-18s held by %v\n", r.ID, r.Name, staff.Holders(r.ID, today))
	}
	findings = append(findings, isms.CheckRoles(staff, raci, today)...)
	rules := isms.DefaultSoDRules()
	if err := createAll(ctx, s, isms.KindSoDRule, rules); err != nil {
		return err
	}
	sod := isms.CheckSoD(staff, rules, today)
	fmt.Fprintf(w, "RACI: %d entries; segregation of duties: %d rules, %d conflicts\n", len(raci.Entries), len(rules), len(sod))
	for _, f := range sod {
		fmt.Fprintf(w, "  %s: assignments %s and %s\n", f.Subject.ID, f.Details["assignment_a"], f.Details["assignment_b"])
	}
	findings = append(findings, sod...)

	fmt.Fprintln(w, "\n== Competence and awareness")
	records := trainingRecords()
	if err := createAll(ctx, s, isms.KindTrainingRecord, records); err != nil {
		return err
	}
	fs, err := isms.CheckCompetence(staff, records, today, nil)
	if err != nil {
		return err
	}
	findings = append(findings, fs...)
	cov, err := isms.AwarenessCoverage(staff, records, today, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d training records; awareness coverage %d of %d staff (%.0f%%) within %s\n",
		len(records), cov.Trained, cov.Staff, 100*cov.Share, cov.Period)

	fmt.Fprintln(w, "\n== Control monitoring")
	monitoring, err := monitor(ctx, s, w)
	if err != nil {
		return err
	}
	findings = append(findings, monitoring...)

	isms.SortFindings(findings)
	fmt.Fprintf(w, "\n%d findings:\n", len(findings))
	for _, f := range findings {
		fmt.Fprintf(w, "  %-7s %-32s %-24s %s\n", f.Severity, f.Code, f.Subject, f.Message)
	}

	if err := s.VerifyJournal(ctx, tenant); err != nil {
		return err
	}
	entries, err := s.ReadJournal(ctx, tenant, store.JournalOptions{Limit: store.MaxLimit})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d writes journaled; the hash chain verifies\n", len(entries))
	return nil
}

// createAll stores vs in a repository of kind.
func createAll[T any](ctx context.Context, s *store.Store, kind string, vs []*T) error {
	r, err := store.NewRepository[T](s, tenant, kind)
	if err != nil {
		return err
	}
	for _, v := range vs {
		if err := r.Create(ctx, v); err != nil {
			return err
		}
	}
	return nil
}

func saveStaffing(ctx context.Context, s *store.Store, st *isms.Staffing) error {
	if err := createAll(ctx, s, isms.KindPerson, st.People); err != nil {
		return err
	}
	if err := createAll(ctx, s, isms.KindRole, st.Roles); err != nil {
		return err
	}
	return createAll(ctx, s, isms.KindRoleAssignment, st.Assignments)
}

// staffing: six people and seven roles. Olaf runs IT operations, where he
// requests access for users; since March he also deputises as IT lead,
// who approves access: the one segregation-of-duties conflict.
func staffing() *isms.Staffing {
	person := func(id, name string) *isms.Person {
		return &isms.Person{Meta: isms.Meta{ID: isms.ID(id)}, Name: name, JoinedAt: date(2024, 1, 1)}
	}
	role := func(id, name string, mgmt bool, duties, competences []string) *isms.Role {
		return &isms.Role{Meta: isms.Meta{ID: isms.ID(id)}, Name: name, Management: mgmt, Duties: duties, Competences: competences}
	}
	assign := func(id, person, role string, from time.Time) *isms.RoleAssignment {
		return &isms.RoleAssignment{Meta: isms.Meta{ID: isms.ID(id)}, Person: isms.ID(person), Role: isms.ID(role), From: from}
	}
	return &isms.Staffing{
		People: []*isms.Person{
			person("mara", "Mara Lind"), person("ivan", "Ivan Petrov"), person("olaf", "Olaf Berg"),
			person("hana", "Hana Sato"), person("sam", "Sam Okafor"), person("lena", "Lena Vogt"),
		},
		Roles: []*isms.Role{
			role("md", "Managing director", true, []string{isms.DutyDocumentApprove, isms.DutyRiskAcceptOthers}, nil),
			role("it-lead", "IT lead", false, []string{isms.DutyAccessApprove, isms.DutyDocumentAuthor, isms.DutyRiskOwn}, []string{"iso27001_foundation"}),
			role("it-ops", "IT operations", false, []string{isms.DutyAccessRequest, isms.DutyControlPerform}, []string{"backup_admin"}),
			role("incident", "Incident handler", false, nil, []string{"incident_handling"}),
			role("hr", "HR lead", false, []string{isms.DutyDocumentAuthor}, nil),
			role("facilities", "Facilities", false, []string{isms.DutyControlPerform}, nil),
			role("auditor", "Internal auditor", false, []string{isms.DutyControlAudit}, []string{"iso27001_auditor"}),
		},
		Assignments: []*isms.RoleAssignment{
			assign("ra-1", "mara", "md", date(2024, 1, 1)),
			assign("ra-2", "ivan", "it-lead", date(2024, 1, 1)),
			assign("ra-3", "ivan", "incident", date(2024, 1, 1)),
			assign("ra-4", "olaf", "it-ops", date(2024, 1, 1)),
			assign("ra-5", "olaf", "it-lead", date(2026, 3, 1)),
			assign("ra-6", "hana", "hr", date(2024, 1, 1)),
			assign("ra-7", "sam", "facilities", date(2024, 1, 1)),
			assign("ra-8", "lena", "auditor", date(2024, 1, 1)),
		},
	}
}

func raciMatrix() *isms.RACIMatrix {
	e := func(activity, role string, part isms.RACI) isms.RACIEntry {
		return isms.RACIEntry{Activity: activity, Role: isms.ID(role), Part: part}
	}
	return &isms.RACIMatrix{Meta: isms.Meta{ID: "raci"}, Name: "ISMS responsibilities", Entries: []isms.RACIEntry{
		e(isms.ActivityRiskOwnership, "md", isms.RACIAccountable), e(isms.ActivityRiskOwnership, "it-lead", isms.RACIResponsible),
		e(isms.ActivityControlOwnership, "it-lead", isms.RACIAccountable), e(isms.ActivityControlOwnership, "it-ops", isms.RACIResponsible),
		e(isms.ActivityIncidentHandling, "it-lead", isms.RACIAccountable), e(isms.ActivityIncidentHandling, "incident", isms.RACIResponsible),
		e(isms.ActivityInternalAudit, "auditor", isms.RACIAccountable), e(isms.ActivityInternalAudit, "md", isms.RACIInformed),
		e(isms.ActivityDocumentApproval, "md", isms.RACIAccountable), e(isms.ActivityDocumentApproval, "it-lead", isms.RACIConsulted),
		e(isms.ActivityAccessReview, "it-lead", isms.RACIAccountable), e(isms.ActivityAccessReview, "it-ops", isms.RACIResponsible),
	}}
}

// area is one essential area: a topic-specific policy and the procedure
// implementing it.
type area struct {
	topic, policy, procedure string
	controls                 []isms.ID
	steps                    []isms.ProcedureStep
}

func step(name, role string, records ...string) isms.ProcedureStep {
	return isms.ProcedureStep{Name: name, Role: isms.ID(role), Records: records, ExpectedDuration: isms.Hours(1)}
}

func areas() []area {
	return []area{
		{"access_control", "Access control policy", "Access management procedure", []isms.ID{"A.5.15", "A.5.18", "A.8.5"}, []isms.ProcedureStep{
			step("Request access in the service desk", "it-ops", "access request"),
			step("Approve the request", "it-lead", "approval"),
			step("Review access quarterly", "it-lead", "access review")}},
		{"asset_management", "Asset management policy", "Asset management procedure", []isms.ID{"A.5.9", "A.5.10", "A.5.11"}, []isms.ProcedureStep{
			step("Register a new asset", "it-ops", "asset inventory entry"),
			step("Return assets on leaving", "hr", "return checklist")}},
		{"physical_security", "Physical security policy", "Physical security procedure", []isms.ID{"A.7.1", "A.7.2"}, []isms.ProcedureStep{
			step("Issue and revoke badges", "facilities", "badge log"),
			step("Check the visitor log weekly", "facilities", "visitor log review")}},
		{"clear_desk", "Clear desk and clear screen policy", "Clear desk and clear screen procedure", []isms.ID{"A.7.7", "A.8.1"}, []isms.ProcedureStep{
			step("Enforce screen lock", "it-ops", "device policy report"),
			step("Walk the office after hours", "facilities", "clear desk walk record")}},
		{"incident_management", "Incident management policy", "Incident response procedure", []isms.ID{"A.5.24", "A.5.25", "A.5.26"}, []isms.ProcedureStep{
			step("Log and triage the report", "incident", "incident record"),
			step("Contain and recover", "incident", "incident record"),
			step("Review lessons learned", "it-lead", "post-incident review")}},
		{"backup", "Backup policy", "Backup procedure", []isms.ID{"A.8.13"}, []isms.ProcedureStep{
			step("Check nightly backup jobs", "it-ops", "backup job report"),
			step("Test a restore monthly", "it-ops", "restore test record")}},
	}
}

// policySet returns the information security policy, one topic-specific
// policy per area, and their procedures, each moved through review,
// approval (by the managing director for policies, the IT lead for
// procedures) and publication.
func policySet() ([]*isms.Document, error) {
	sections := func(scope string) []isms.DocumentSection {
		return []isms.DocumentSection{
			{Kind: isms.SectionScope, Heading: "Scope", Text: scope},
			{Kind: isms.SectionOwnership, Heading: "Ownership", Text: "The IT lead maintains this policy; line managers enforce it."},
			{Kind: isms.SectionNonCompliance, Heading: "Non-compliance", Text: "Breaches are handled under the disciplinary process."},
		}
	}
	isp := &isms.Document{Meta: isms.Meta{ID: "pol-isp"}, Type: isms.DocumentPolicy, Title: "Information security policy",
		Version: "2.0", Status: isms.DocumentDraft, Owner: "mara", Author: "ivan",
		Sections: append([]isms.DocumentSection{
			{Kind: isms.SectionObjectives, Heading: "Objectives", Text: "Set and reviewed at each management review."},
			{Kind: isms.SectionRequirements, Heading: "Requirements", Text: "We meet GDPR, our contracts and our regulators' requirements."},
			{Kind: isms.SectionImprovement, Heading: "Improvement", Text: "We continually improve the ISMS."},
		}, sections("All staff, contractors, systems and sites of Northwind Ltd.")...)}
	control := &isms.Document{Meta: isms.Meta{ID: "proc-doc-control"}, Type: isms.DocumentProcedure, Title: "Document control procedure",
		Status: isms.DocumentDraft, Owner: "ivan", Author: "hana", Implements: "pol-isp",
		Steps: []isms.ProcedureStep{step("Review documents at their interval", "it-lead", "review record")}}
	docs := []*isms.Document{isp, control}
	for _, a := range areas() {
		docs = append(docs,
			&isms.Document{Meta: isms.Meta{ID: isms.ID("pol-" + a.topic)}, Type: isms.DocumentPolicy, Title: a.policy, Topic: a.topic,
				Version: "1.0", Status: isms.DocumentDraft, Owner: "ivan", Author: "ivan", Controls: a.controls,
				Sections: sections("Everyone who handles Northwind's information.")},
			&isms.Document{Meta: isms.Meta{ID: isms.ID("proc-" + a.topic)}, Type: isms.DocumentProcedure, Title: a.procedure,
				Version: "1.0", Status: isms.DocumentDraft, Owner: "olaf", Author: "olaf", Implements: isms.ID("pol-" + a.topic),
				Controls: a.controls, Steps: a.steps})
	}
	for _, d := range docs {
		approver, at := "mara", date(2026, 1, 12)
		if d.Type == isms.DocumentProcedure {
			approver, at = "ivan", date(2026, 2, 2)
			if d.Author == "ivan" {
				approver = "mara"
			}
		}
		for _, t := range []struct {
			to isms.DocumentStatus
			by string
			at time.Time
		}{{isms.DocumentInReview, d.Author, at.AddDate(0, 0, -5)}, {isms.DocumentApproved, approver, at}, {isms.DocumentPublished, d.Owner, at.AddDate(0, 0, 1)}} {
			if err := d.Transition(t.to, t.by, t.at); err != nil {
				return nil, err
			}
		}
	}
	return docs, nil
}

// trainingRecords: everyone took the awareness course in January; the
// role courses are current except Olaf's backup administration course,
// which expired at the end of April.
func trainingRecords() []*isms.TrainingRecord {
	var out []*isms.TrainingRecord
	for i, p := range []string{"mara", "ivan", "olaf", "hana", "sam", "lena"} {
		out = append(out, &isms.TrainingRecord{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("tr-aw-%d", i+1))}, Person: isms.ID(p),
			Course: "Security awareness 2026", Awareness: true, CompletedAt: date(2026, 1, 20), Result: isms.TrainingAttended})
	}
	course := func(id, person, course, competence string, done, expires time.Time) *isms.TrainingRecord {
		return &isms.TrainingRecord{Meta: isms.Meta{ID: isms.ID(id)}, Person: isms.ID(person), Course: course,
			Competences: []string{competence}, CompletedAt: done, Result: isms.TrainingPassed, ExpiresAt: expires}
	}
	return append(out,
		course("tr-1", "ivan", "ISO/IEC 27001 Foundation", "iso27001_foundation", date(2025, 3, 10), date(2028, 3, 10)),
		course("tr-2", "ivan", "Incident handling", "incident_handling", date(2025, 9, 1), date(2027, 9, 1)),
		course("tr-3", "olaf", "Backup administration", "backup_admin", date(2024, 4, 30), date(2026, 4, 30)),
		course("tr-4", "olaf", "ISO/IEC 27001 Foundation", "iso27001_foundation", date(2026, 2, 20), date(2029, 2, 20)),
		course("tr-5", "lena", "ISO/IEC 27001 Lead Auditor", "iso27001_auditor", date(2025, 5, 5), date(2028, 5, 5)),
	)
}

// monitor stores two control checks, appends their results through the
// store (results are never overwritten), and compares their verdict with
// the SoA's implementation status.
func monitor(ctx context.Context, s *store.Store, w io.Writer) ([]isms.Finding, error) {
	repo, err := store.NewRepository[isms.ControlCheck](s, tenant, isms.KindControlCheck)
	if err != nil {
		return nil, err
	}
	checks := []*isms.ControlCheck{
		{Meta: isms.Meta{ID: "cc-mfa"}, Name: "MFA enforced for every account", Controls: []isms.ID{"A.8.5"},
			Method: isms.CheckAutomated, Owner: "ivan", Frequency: isms.Days(1)},
		{Meta: isms.Meta{ID: "cc-restore"}, Name: "Monthly restore test", Controls: []isms.ID{"A.8.13"},
			Method: isms.CheckManual, Owner: "olaf", Frequency: isms.Months(1)},
	}
	for _, c := range checks {
		if err := repo.Create(ctx, c); err != nil {
			return nil, err
		}
	}
	results := []struct {
		id string
		r  isms.ControlCheckResult
	}{
		{"cc-restore", isms.ControlCheckResult{Outcome: isms.CheckPass, At: date(2026, 4, 28), By: "olaf",
			Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-restore-04")}}},
		{"cc-mfa", isms.ControlCheckResult{Outcome: isms.CheckPass, At: today.Add(-3 * time.Hour), By: "idp-probe",
			Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-mfa-0601")}}},
		{"cc-restore", isms.ControlCheckResult{Outcome: isms.CheckFail, At: date(2026, 5, 28), By: "olaf",
			Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-restore-05")}, Note: "CRM database restore failed: corrupt archive"}},
	}
	for _, res := range results {
		stored, err := repo.Get(ctx, isms.ID(res.id))
		if err != nil {
			return nil, err
		}
		updated := *stored
		updated.Results = append([]isms.ControlCheckResult(nil), stored.Results...)
		if err := updated.Record(res.r); err != nil {
			return nil, err
		}
		if err := isms.ValidateControlCheckUpdate(stored, &updated); err != nil {
			return nil, err
		}
		if err := repo.Update(ctx, &updated); err != nil {
			return nil, err
		}
	}
	// Rewriting history is refused before it reaches the store.
	stored, err := repo.Get(ctx, "cc-restore")
	if err != nil {
		return nil, err
	}
	forged := *stored
	forged.Results = []isms.ControlCheckResult{stored.Results[0], stored.Results[1]}
	forged.Results[1].Outcome = isms.CheckPass
	fmt.Fprintln(w, "refused:", isms.ValidateControlCheckUpdate(stored, &forged))

	checks = checks[:0]
	for c, err := range repo.All(ctx) {
		if err != nil {
			return nil, err
		}
		checks = append(checks, c)
	}
	for _, c := range checks {
		latest, _ := c.Latest()
		fmt.Fprintf(w, "%-10s %-32s %-9s every %-4s results: %d, latest %s on %s\n", c.ID, c.Name, c.Method, c.Frequency,
			len(c.Results), latest.Outcome, latest.At.Format(time.DateOnly))
	}
	eff := isms.EffectivenessAt(checks, today)
	for _, e := range eff {
		fmt.Fprintf(w, "control %-7s %s\n", e.Control, e.Status)
	}
	// The SoA's implementation status, as package controls records it.
	soa := map[isms.ID]string{"A.8.5": "implemented", "A.8.13": "implemented", "A.5.15": "implemented", "A.7.7": "partial"}
	fs := isms.CheckControlChecks(checks, today)
	return append(fs, isms.CheckControlStatus(eff, soa, nil)...), nil
}
