package isms_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// mgmtISP returns a published information security policy with every
// section 5.2 asks for.
func mgmtISP() *isms.Document {
	return &isms.Document{
		Meta: isms.Meta{ID: "pol-isp"}, Type: isms.DocumentPolicy, Title: "Information security policy",
		Status: isms.DocumentPublished, Owner: "ciso", Author: "carol", Approver: "ceo",
		ApprovedAt: entDate(2026, 1, 10), PublishedAt: entDate(2026, 1, 15),
		Sections: []isms.DocumentSection{
			{Kind: isms.SectionScope, Heading: "Scope", Text: "All staff, systems and sites."},
			{Kind: isms.SectionObjectives, Heading: "Objectives", Text: "Set yearly by management review."},
			{Kind: isms.SectionRequirements, Heading: "Requirements", Text: "We meet legal, regulatory and contractual requirements."},
			{Kind: isms.SectionImprovement, Heading: "Improvement", Text: "We continually improve the ISMS."},
			{Kind: isms.SectionOwnership, Heading: "Ownership", Text: "The CISO maintains and enforces this policy."},
			{Kind: isms.SectionNonCompliance, Heading: "Non-compliance", Text: "Breaches lead to disciplinary action."},
			{Kind: isms.SectionOther, Heading: "History", Text: ""},
		},
	}
}

// mgmtTopicPolicy returns a published access control policy.
func mgmtTopicPolicy() *isms.Document {
	return &isms.Document{
		Meta: isms.Meta{ID: "pol-access"}, Type: isms.DocumentPolicy, Title: "Access control policy", Topic: "access_control",
		Status: isms.DocumentPublished, Owner: "ciso", Author: "carol", Approver: "ceo",
		ApprovedAt: entDate(2026, 1, 10), PublishedAt: entDate(2026, 1, 15),
		Controls: []isms.ID{"A.5.15", "A.5.18"},
		Sections: []isms.DocumentSection{
			{Kind: isms.SectionScope, Text: "All accounts."},
			{Kind: isms.SectionOwnership, Text: "IT operations."},
			{Kind: isms.SectionNonCompliance, Text: "Access is revoked."},
		},
	}
}

func mgmtPolicyContent(t *testing.T, d *isms.Document, opts *isms.PolicyContentOptions) []isms.Finding {
	t.Helper()
	fs, err := isms.CheckPolicyContent(d, opts)
	require.NoError(t, err)
	return fs
}

func TestCheckPolicyContentComplete(t *testing.T) {
	// Every required section present with text (the empty "other"
	// section is not required): no finding.
	assert.Empty(t, mgmtPolicyContent(t, mgmtISP(), nil))
	assert.Empty(t, mgmtPolicyContent(t, mgmtTopicPolicy(), nil))
	// Not a policy, retired, nil: nothing to check.
	proc := mgmtISP()
	proc.Type = isms.DocumentProcedure
	proc.Sections = nil
	assert.Empty(t, mgmtPolicyContent(t, proc, nil))
	retired := mgmtISP()
	retired.Status, retired.Sections = isms.DocumentRetired, nil
	assert.Empty(t, mgmtPolicyContent(t, retired, nil))
	assert.Empty(t, mgmtPolicyContent(t, nil, nil))
}

func TestCheckPolicyContentSectionMissing(t *testing.T) {
	d := mgmtISP()
	d.Sections = d.Sections[:4] // scope, objectives, requirements, improvement
	fs := mgmtPolicyContent(t, d, nil)
	// Ownership and non_compliance are missing; sorted by message
	// ("non_compliance" < "ownership").
	require.Equal(t, []string{"policy.section_missing", "policy.section_missing"}, entCodes(fs))
	assert.Equal(t, isms.Finding{
		Code: "policy.section_missing", Severity: isms.SeverityError, Subject: isms.NewRef("document", "pol-isp"),
		Field: "sections", Message: `policy "Information security policy" has no non_compliance section`,
		Details: map[string]string{"section": "non_compliance", "topic": ""},
	}, fs[0])
	assert.Equal(t, `policy "Information security policy" has no ownership section`, fs[1].Message)

	// A topic-specific policy needs only scope, ownership, non_compliance.
	tp := mgmtTopicPolicy()
	tp.Sections = tp.Sections[1:]
	entOneFinding(t, mgmtPolicyContent(t, tp, nil), isms.Finding{
		Code: "policy.section_missing", Severity: isms.SeverityError, Subject: isms.NewRef("document", "pol-access"),
		Field: "sections", Message: `policy "Access control policy" has no scope section`,
		Details: map[string]string{"section": "scope", "topic": "access_control"},
	})

	// Options replace the required lists.
	opts := &isms.PolicyContentOptions{Required: []isms.SectionKind{isms.SectionScope}, TopicRequired: []isms.SectionKind{}}
	assert.Empty(t, mgmtPolicyContent(t, d, opts))
	assert.Empty(t, mgmtPolicyContent(t, tp, opts))
}

func TestCheckPolicyContentSectionEmpty(t *testing.T) {
	d := mgmtISP()
	d.Sections[2].Text = "  \n"
	entOneFinding(t, mgmtPolicyContent(t, d, nil), isms.Finding{
		Code: "policy.section_empty", Severity: isms.SeverityError, Subject: isms.NewRef("document", "pol-isp"),
		Field: "sections[2].text", Message: `policy "Information security policy" has an empty requirements section`,
		Details: map[string]string{"section": "requirements", "topic": ""},
	})
}

func TestCheckPolicyContentControlsMissing(t *testing.T) {
	d := mgmtTopicPolicy()
	d.Controls = nil
	entOneFinding(t, mgmtPolicyContent(t, d, nil), isms.Finding{
		Code: "policy.controls_missing", Severity: isms.SeverityWarning, Subject: isms.NewRef("document", "pol-access"),
		Field: "controls", Message: `topic-specific policy "Access control policy" names no Annex A control it addresses`,
		Details: map[string]string{"topic": "access_control"},
	})
	// The information security policy itself needs no control list.
	isp := mgmtISP()
	isp.Controls = nil
	assert.Empty(t, mgmtPolicyContent(t, isp, nil))
}

func TestPolicyContentOptionsValidate(t *testing.T) {
	require.NoError(t, (*isms.PolicyContentOptions)(nil).Validate())
	err := (&isms.PolicyContentOptions{Required: []isms.SectionKind{"scope", "scope", "nope"}}).Validate()
	entProblems(t, err, [2]string{"required[1]", isms.CodeDuplicate}, [2]string{"required[2]", isms.CodeUnknown})
	_, err = isms.CheckPolicyContent(mgmtISP(), &isms.PolicyContentOptions{TopicRequired: []isms.SectionKind{""}})
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestSectionKindEnum(t *testing.T) {
	entStrictEnum(t, isms.SectionKindValues())
	assert.Len(t, isms.SectionKindValues(), 7)
	assert.True(t, isms.SectionOwnership.IsValid())
	assert.False(t, isms.SectionKind("preamble").IsValid())
}

func TestDocumentValidateContent(t *testing.T) {
	require.NoError(t, mgmtISP().Validate())
	require.NoError(t, mgmtTopicPolicy().Validate())
	require.NoError(t, mgmtProcedure("proc-1", "pol-access", "role-ops").Validate())

	d := mgmtISP()
	d.Sections = append(d.Sections, isms.DocumentSection{Kind: isms.SectionScope, Text: "again"},
		isms.DocumentSection{Kind: isms.SectionOther}, isms.DocumentSection{Kind: "bogus"})
	d.Controls = []isms.ID{"A.5.1", "A.5.1", "bad id"}
	d.Implements = "pol-other"
	d.Steps = []isms.ProcedureStep{{Name: "x"}}
	entProblems(t, d.Validate(),
		[2]string{"sections[7].kind", isms.CodeDuplicate},
		[2]string{"sections[9].kind", isms.CodeUnknown},
		[2]string{"controls[1]", isms.CodeDuplicate},
		[2]string{"controls[2]", isms.CodeMalformed},
		[2]string{"implements", isms.CodeForbidden},
		[2]string{"steps", isms.CodeForbidden},
	)

	p := mgmtProcedure("proc-1", "proc-1", "bad role")
	p.Topic = "backup"
	p.Steps = append(p.Steps, isms.ProcedureStep{ExpectedDuration: isms.Duration{Days: -1}})
	entProblems(t, p.Validate(),
		[2]string{"topic", isms.CodeForbidden},
		[2]string{"implements", isms.CodeForbidden},
		[2]string{"steps[0].role", isms.CodeMalformed},
		[2]string{"steps[1].role", isms.CodeMalformed},
		[2]string{"steps[2].name", isms.CodeRequired},
		[2]string{"steps[2].expected_duration", isms.CodeOutOfRange},
	)
	tp := mgmtTopicPolicy()
	tp.Topic = " access"
	entProblems(t, tp.Validate(), [2]string{"topic", isms.CodeMalformed})
	g := mgmtProcedure("g-1", "has space", "")
	g.Type, g.Steps = isms.DocumentGuideline, nil
	entProblems(t, g.Validate(), [2]string{"implements", isms.CodeMalformed})
}

// TestDocumentContentRoundTrip: the new fields survive JSON and a strict
// parse.
func TestDocumentContentRoundTrip(t *testing.T) {
	for _, d := range []*isms.Document{mgmtISP(), mgmtTopicPolicy(), mgmtProcedure("proc-1", "pol-access", "role-ops")} {
		b, err := json.Marshal(d)
		require.NoError(t, err)
		got, err := isms.ParseDocument(b)
		require.NoError(t, err, "%s", b)
		assert.Equal(t, d, got)
	}
	_, err := isms.ParseDocument([]byte(`{"type":"policy","title":"t","status":"draft","sections":[{"kind":"preface"}]}`))
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func FuzzParseDocumentContent(f *testing.F) {
	entFuzzParse(f, isms.ParseDocument, mgmtISP(), mgmtTopicPolicy(), mgmtProcedure("proc-1", "pol-access", "role-ops"))
}

// The information security policy of a small company lacks the
// consequences of non-compliance, and its ownership section is empty;
// the access control policy addresses no Annex A control yet.
func ExampleCheckPolicyContent() {
	isp := &isms.Document{
		Meta: isms.Meta{ID: "pol-isp"}, Type: isms.DocumentPolicy, Title: "Information security policy",
		Status: isms.DocumentPublished, Owner: "ciso",
		Sections: []isms.DocumentSection{
			{Kind: isms.SectionScope, Text: "All staff, systems and sites of Example Ltd."},
			{Kind: isms.SectionObjectives, Text: "Objectives are set at each management review."},
			{Kind: isms.SectionRequirements, Text: "We meet GDPR and our customer contracts."},
			{Kind: isms.SectionImprovement, Text: "We continually improve the ISMS."},
			{Kind: isms.SectionOwnership, Text: ""},
		},
	}
	access := &isms.Document{
		Meta: isms.Meta{ID: "pol-access"}, Type: isms.DocumentPolicy, Title: "Access control policy",
		Topic: "access_control", Status: isms.DocumentDraft, Owner: "it-lead",
		Sections: []isms.DocumentSection{
			{Kind: isms.SectionScope, Text: "Every account."},
			{Kind: isms.SectionOwnership, Text: "The IT lead."},
			{Kind: isms.SectionNonCompliance, Text: "Access is revoked."},
		},
	}
	for _, d := range []*isms.Document{isp, access} {
		fs, err := isms.CheckPolicyContent(d, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, f := range fs {
			fmt.Printf("%-8s %-24s %s\n", f.Severity, f.Code, f.Message)
		}
	}
	// Output:
	// error    policy.section_empty     policy "Information security policy" has an empty ownership section
	// error    policy.section_missing   policy "Information security policy" has no non_compliance section
	// warning  policy.controls_missing  topic-specific policy "Access control policy" names no Annex A control it addresses
}
