package isms_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// mgmtNow is the time of the management-system tests.
var mgmtNow = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)

// mgmtProcedure returns a published procedure implementing policy, with
// two steps for role, approved by olaf (operations) on 20 January 2026.
func mgmtProcedure(id, policy isms.ID, role isms.ID) *isms.Document {
	return &isms.Document{
		Meta: isms.Meta{ID: id}, Type: isms.DocumentProcedure, Title: "Procedure " + string(id),
		Status: isms.DocumentPublished, Owner: "olaf", Author: "carol", Approver: "olaf",
		ApprovedAt: entDate(2026, 1, 20), PublishedAt: entDate(2026, 1, 21), Implements: policy,
		Steps: []isms.ProcedureStep{
			{Name: "Receive request", Role: role, Inputs: []string{"ticket"}, Tools: []string{"service desk"},
				Records: []string{"request record"}, ExpectedDuration: isms.Hours(1)},
			{Name: "Grant access", Role: role, Records: []string{"access log"}, ExpectedDuration: isms.ClockDuration(30 * time.Minute)},
		},
	}
}

// mgmtStaffing: the CEO holds the management role since 2025; olaf
// holds operations since 2025; carol held operations until June 2025;
// nobody holds the auditor role.
func mgmtStaffing() *isms.Staffing {
	return &isms.Staffing{
		People: []*isms.Person{
			{Meta: isms.Meta{ID: "ceo"}, Name: "Cora"},
			{Meta: isms.Meta{ID: "olaf"}, Name: "Olaf"},
			{Meta: isms.Meta{ID: "carol"}, Name: "Carol"},
		},
		Roles: []*isms.Role{
			{Meta: isms.Meta{ID: "role-mgmt"}, Name: "Managing director", Management: true},
			{Meta: isms.Meta{ID: "role-ops"}, Name: "IT operations"},
			{Meta: isms.Meta{ID: "role-auditor"}, Name: "Internal auditor"},
		},
		Assignments: []*isms.RoleAssignment{
			{Meta: isms.Meta{ID: "ra-1"}, Person: "ceo", Role: "role-mgmt", From: entDate(2025, 1, 1)},
			{Meta: isms.Meta{ID: "ra-2"}, Person: "olaf", Role: "role-ops", From: entDate(2025, 1, 1)},
			{Meta: isms.Meta{ID: "ra-3"}, Person: "carol", Role: "role-ops", From: entDate(2024, 1, 1), Until: entDate(2025, 6, 1)},
		},
	}
}

// mgmtDocs: two policies approved by the CEO, each implemented by a
// procedure.
func mgmtDocs() []*isms.Document {
	return []*isms.Document{mgmtISP(), mgmtTopicPolicy(),
		mgmtProcedure("proc-isp", "pol-isp", "role-ops"), mgmtProcedure("proc-access", "pol-access", "role-ops")}
}

func TestCheckDocumentSetClean(t *testing.T) {
	assert.Empty(t, isms.CheckDocumentSet(mgmtDocs(), mgmtStaffing(), mgmtNow, nil))
	// A standard and a guideline implementing a policy, a retired
	// procedure-less policy and a nil entry add nothing.
	std := &isms.Document{Meta: isms.Meta{ID: "std-1"}, Type: isms.DocumentStandard, Title: "Password standard",
		Status: isms.DocumentPublished, Implements: "pol-access", ApprovedAt: entDate(2026, 2, 1)}
	guide := &isms.Document{Meta: isms.Meta{ID: "gl-1"}, Type: isms.DocumentGuideline, Title: "Passphrase tips",
		Status: isms.DocumentDraft}
	old := mgmtISP()
	old.ID, old.Status = "pol-old", isms.DocumentRetired
	docs := append(mgmtDocs(), std, guide, old, nil)
	assert.Empty(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil))
}

func TestCheckDocumentSetPolicyNoProcedure(t *testing.T) {
	docs := mgmtDocs()[:3] // proc-access left out
	entOneFinding(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil), isms.Finding{
		Code: "policy.no_procedure", Severity: isms.SeverityWarning, Subject: isms.NewRef("document", "pol-access"),
		Message: `policy "Access control policy" has no procedure implementing it`,
		Details: map[string]string{"topic": "access_control"},
	})
	// A standard does not count as the implementing procedure.
	std := &isms.Document{Meta: isms.Meta{ID: "std-1"}, Type: isms.DocumentStandard, Title: "s",
		Status: isms.DocumentPublished, Implements: "pol-access", LastReviewedAt: entDate(2026, 2, 1)}
	assert.Equal(t, []string{"policy.no_procedure"}, entCodes(isms.CheckDocumentSet(append(docs, std), mgmtStaffing(), mgmtNow, nil)))
	// A retired procedure does not either.
	retired := mgmtProcedure("proc-access", "pol-access", "role-ops")
	retired.Status = isms.DocumentRetired
	assert.Equal(t, []string{"policy.no_procedure"}, entCodes(isms.CheckDocumentSet(append(docs, retired), mgmtStaffing(), mgmtNow, nil)))
}

func TestCheckDocumentSetPolicyApprover(t *testing.T) {
	docs := mgmtDocs()
	docs[1].Approver = "olaf" // operations, not management
	entOneFinding(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil), isms.Finding{
		Code: "policy.approver_not_management", Severity: isms.SeverityError, Subject: isms.NewRef("document", "pol-access"),
		Field:   "approver",
		Message: `policy "Access control policy" was approved by olaf, who held no management role at the time`,
		Details: map[string]string{"approver": "olaf", "approved_at": "2026-01-10T00:00:00Z"},
	})
	// The CEO holds the management role from 1 January 2025: an approval
	// on 31 December 2024 was not by management; one on 1 January 2025 is.
	docs = mgmtDocs()
	docs[0].ApprovedAt = time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)
	assert.Equal(t, []string{"policy.approver_not_management"}, entCodes(isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil)))
	docs[0].ApprovedAt = entDate(2025, 1, 1)
	assert.Empty(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil))
	// A draft policy is not checked for its approver; nor is a policy with
	// no approval recorded (document.not_approved reports it).
	docs[0].Approver = "olaf"
	docs[0].Status = isms.DocumentDraft
	assert.Empty(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil))
	docs[0].Status, docs[0].ApprovedAt = isms.DocumentPublished, time.Time{}
	assert.Empty(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil))
}

func TestCheckDocumentSetPolicyReviewInterval(t *testing.T) {
	docs := mgmtDocs()
	docs[0].ReviewInterval = isms.Months(13)
	entOneFinding(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil), isms.Finding{
		Code: "policy.review_interval_too_long", Severity: isms.SeverityError, Subject: isms.NewRef("document", "pol-isp"),
		Field:   "review_interval",
		Message: `policy "Information security policy" is reviewed every P13M, less often than every P1Y`,
		Details: map[string]string{"review_interval": "P13M", "max": "P1Y"},
	})
	// P12M and P6M are at most a year.
	for _, iv := range []isms.Duration{isms.Months(12), isms.Months(6), isms.Years(1)} {
		docs[0].ReviewInterval = iv
		assert.Empty(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil), iv.String())
	}
}

func TestCheckDocumentSetProcedurePolicy(t *testing.T) {
	docs := mgmtDocs()
	docs[3].Implements = ""
	fs := isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil)
	// The procedure names no policy, so the access policy has none.
	require.Equal(t, []string{"procedure.policy_missing", "policy.no_procedure"}, entCodes(fs))
	assert.Equal(t, isms.Finding{
		Code: "procedure.policy_missing", Severity: isms.SeverityError, Subject: isms.NewRef("document", "proc-access"),
		Field: "implements", Message: `procedure "Procedure proc-access" names no policy it implements`,
		Details: map[string]string{"type": "procedure"},
	}, fs[0])

	docs = mgmtDocs()
	std := &isms.Document{Meta: isms.Meta{ID: "std-1"}, Type: isms.DocumentStandard, Title: "s", Status: isms.DocumentDraft}
	assert.Equal(t, []string{"procedure.policy_missing"}, entCodes(isms.CheckDocumentSet(append(docs, std), mgmtStaffing(), mgmtNow, nil)))

	// Unknown: no such document, a document that is not a policy, a
	// retired policy.
	for _, target := range []isms.ID{"pol-nope", "proc-isp", "pol-old"} {
		docs = mgmtDocs()
		old := mgmtISP()
		old.ID, old.Status = "pol-old", isms.DocumentRetired
		g := &isms.Document{Meta: isms.Meta{ID: "gl-1"}, Type: isms.DocumentGuideline, Title: "g",
			Status: isms.DocumentPublished, Implements: target}
		entOneFinding(t, isms.CheckDocumentSet(append(docs, old, g), mgmtStaffing(), mgmtNow, nil), isms.Finding{
			Code: "procedure.policy_unknown", Severity: isms.SeverityError, Subject: isms.NewRef("document", "gl-1"),
			Field: "implements", Message: `guideline "g" implements ` + string(target) + `, which is not a policy in force`,
			Details: map[string]string{"type": "guideline", "implements": string(target)},
		})
	}
}

func TestCheckDocumentSetPolicyChanged(t *testing.T) {
	// The access policy publishes a new version on 1 March 2026; the
	// procedure was approved on 20 January and not reviewed since.
	docs := mgmtDocs()
	docs[1].PublishedAt, docs[1].Version = entDate(2026, 3, 1), "2.0"
	fs := isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil)
	entOneFinding(t, fs, isms.Finding{
		Code: "procedure.policy_changed", Severity: isms.SeverityWarning, Subject: isms.NewRef("document", "proc-access"),
		Field:   "last_reviewed_at",
		Message: `policy "Access control policy" was published on 2026-03-01, after procedure "Procedure proc-access" was last reviewed`,
		Details: map[string]string{"policy": "pol-access", "policy_published_at": "2026-03-01T00:00:00Z",
			"reviewed_at": "2026-01-20T00:00:00Z", "policy_version": "2.0"},
	})
	assert.Equal(t, []isms.Ref{isms.NewRef("document", "pol-access")}, fs[0].Related)
	// Reviewed on 2 March: in step again. Reviewed exactly at the
	// publication: in step too (not after).
	docs[3].LastReviewedAt = entDate(2026, 3, 2)
	assert.Empty(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil))
	docs[3].LastReviewedAt = entDate(2026, 3, 1)
	assert.Empty(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil))
}

func TestCheckDocumentSetProcedureApprover(t *testing.T) {
	// olaf (operations) approved both procedures: fine by default,
	// findings when management must approve procedures.
	assert.Empty(t, isms.CheckDocumentSet(mgmtDocs(), mgmtStaffing(), mgmtNow, &isms.DocumentSetOptions{}))
	fs := isms.CheckDocumentSet(mgmtDocs(), mgmtStaffing(), mgmtNow, &isms.DocumentSetOptions{ManagementApprovesProcedures: true})
	require.Equal(t, []string{"procedure.approver_not_management", "procedure.approver_not_management"}, entCodes(fs))
	assert.Equal(t, isms.Finding{
		Code: "procedure.approver_not_management", Severity: isms.SeverityError, Subject: isms.NewRef("document", "proc-access"),
		Field:   "approver",
		Message: `procedure "Procedure proc-access" was approved by olaf, who held no management role at the time`,
		Details: map[string]string{"approver": "olaf", "approved_at": "2026-01-20T00:00:00Z"},
	}, fs[0])
	docs := mgmtDocs()
	docs[2].Approver, docs[3].Approver = "ceo", "ceo"
	assert.Empty(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, &isms.DocumentSetOptions{ManagementApprovesProcedures: true}))
}

func TestCheckDocumentSetSteps(t *testing.T) {
	docs := mgmtDocs()
	docs[3].Steps[0].Role = ""
	entOneFinding(t, isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil), isms.Finding{
		Code: "procedure.step_role_missing", Severity: isms.SeverityError, Subject: isms.NewRef("document", "proc-access"),
		Field: "steps[0].role", Message: `step 1 "Receive request" of procedure "Procedure proc-access" names no role`,
		Details: map[string]string{"step": "Receive request"},
	})

	docs = mgmtDocs()
	docs[3].Steps[0].Role = "role-auditor" // defined, held by nobody
	docs[3].Steps[1].Role = "role-ghost"   // not defined
	fs := isms.CheckDocumentSet(docs, mgmtStaffing(), mgmtNow, nil)
	require.Equal(t, []string{"procedure.step_role_vacant", "procedure.step_role_vacant"}, entCodes(fs))
	assert.Equal(t, isms.Finding{
		Code: "procedure.step_role_vacant", Severity: isms.SeverityError, Subject: isms.NewRef("document", "proc-access"),
		Field: "steps[0].role", Message: `step 1 "Receive request" of procedure "Procedure proc-access" is for role role-auditor, but nobody holds it`,
		Details: map[string]string{"step": "Receive request", "role": "role-auditor", "reason": "nobody holds it", "now": "2026-06-01T09:00:00Z"},
	}, fs[0])
	assert.Equal(t, "it is not defined", fs[1].Details["reason"])

	// A role held only by someone whose assignment ended (carol) is
	// vacant; the CEO then holds no management role either: two policy
	// approvals and four steps (errors, sorted by code).
	st := mgmtStaffing()
	st.Assignments = st.Assignments[2:]
	assert.Equal(t, []string{"policy.approver_not_management", "policy.approver_not_management",
		"procedure.step_role_vacant", "procedure.step_role_vacant", "procedure.step_role_vacant", "procedure.step_role_vacant"},
		entCodes(isms.CheckDocumentSet(mgmtDocs(), st, mgmtNow, nil)))
	// A holder who has left the organisation does not staff the role.
	st = mgmtStaffing()
	st.People[1].LeftAt = entDate(2026, 5, 1)
	assert.Equal(t, []string{"procedure.step_role_vacant", "procedure.step_role_vacant", "procedure.step_role_vacant",
		"procedure.step_role_vacant"}, entCodes(isms.CheckDocumentSet(mgmtDocs(), st, mgmtNow, nil)))
	// No staffing at all: every approval and step fails.
	assert.Len(t, isms.CheckDocumentSet(mgmtDocs(), nil, mgmtNow, nil), 6)
}
