package audit_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// programmeCase returns the ready ISMS's programme and its context: three
// yearly audits of every clause and both applicable controls by Bob, the
// internal auditor; IT operations (Cat) owns the controls and is
// responsible for theme A.8.
func programmeCase() (*audit.Programme, *audit.ProgrammeContext) {
	s := readyISMS()
	return s.Programme, &audit.ProgrammeContext{SoA: s.SoA, Risks: s.Risks, Matrix: s.Matrix, Staffing: s.Staffing,
		Responsibilities: []audit.Responsibility{{Requirement: isms.ControlRef("A.8"), Role: "role-it"},
			{Requirement: controls.ClauseRef("9.2"), Person: "ann"}}}
}

func TestCheckProgrammeCleanAndEachCode(t *testing.T) {
	cases := []struct {
		name string
		edit func(p *audit.Programme, c *audit.ProgrammeContext)
		want []string
	}{
		{"clean", func(*audit.Programme, *audit.ProgrammeContext) {}, []string{}},
		{"owner missing", func(p *audit.Programme, _ *audit.ProgrammeContext) { p.Owner = "" }, []string{audit.CodeProgrammeOwnerMissing}},
		{"auditor missing", func(p *audit.Programme, _ *audit.ProgrammeContext) { p.Audits[1].Auditors = nil }, []string{audit.CodeAuditorMissing}},
		{"criteria missing", func(p *audit.Programme, _ *audit.ProgrammeContext) { p.Audits[1].Criteria = nil }, []string{audit.CodeCriteriaMissing}},
		// Without a scope the 2027 audit covers nothing, so both controls
		// are audited twice (2026, 2028) where the high risk asks three times.
		{"scope missing", func(p *audit.Programme, _ *audit.ProgrammeContext) { p.Audits[1].Scope = nil },
			[]string{audit.CodeFrequencyNotMet, audit.CodeFrequencyNotMet, audit.CodeScopeMissing}},
		{"requirement unknown", func(p *audit.Programme, _ *audit.ProgrammeContext) {
			p.Audits[1].Scope = append(p.Audits[1].Scope, controls.ClauseRef("11"))
		}, []string{audit.CodeRequirementUnknown}},
		{"overdue", func(p *audit.Programme, _ *audit.ProgrammeContext) {
			p.Audits[0].Status, p.Audits[0].CompletedAt = audit.AuditInProgress, time0
		}, []string{audit.CodeAuditOverdue}},
		{"results missing", func(p *audit.Programme, _ *audit.ProgrammeContext) { p.Audits[0].Summary = "" }, []string{audit.CodeResultsMissing}},
		{"report is a result", func(p *audit.Programme, _ *audit.ProgrammeContext) {
			p.Audits[0].Summary, p.Audits[0].Report = "", isms.Ref{Kind: isms.KindDocument, ID: "doc-audit-report"}
		}, []string{}},
		{"cancelled audits are not checked", func(p *audit.Programme, _ *audit.ProgrammeContext) {
			p.Audits = append(p.Audits, audit.Audit{ID: "a-x", Title: "Cancelled", PlannedStart: date(2027, 1, 1), PlannedEnd: date(2027, 1, 2), Status: audit.AuditCancelled})
		}, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, ctx := programmeCase()
			c.edit(p, ctx)
			fs, err := audit.CheckProgramme(p, ctx, now)
			require.NoError(t, err)
			assert.Equal(t, c.want, codes(fs))
		})
	}
}

func TestProgrammeCoverage(t *testing.T) {
	p, ctx := programmeCase()
	ctx.Frequency = []audit.FrequencyRule{} // coverage only
	// One audit covers clauses 4 to 8, 9.1, 9.2 and 9.3.1, theme A.5 and
	// A.8.5; the later audits are cancelled, or start after the cycle.
	p.Audits[0].Scope = []isms.Ref{controls.ClauseRef("4"), controls.ClauseRef("5"), controls.ClauseRef("6"), controls.ClauseRef("7"), controls.ClauseRef("8"),
		controls.ClauseRef("9.1"), controls.ClauseRef("9.2"), controls.ClauseRef("9.3.1"), isms.ControlRef("A.5"), isms.ControlRef("A.8.5")}
	p.Audits[1].Status = audit.AuditCancelled
	p.Audits[2].PlannedStart, p.Audits[2].PlannedEnd = date(2029, 6, 1), date(2029, 6, 5)
	ctx.SoA = soaOf(true, "A.5.15", "A.8.5", "A.8.24")
	fs, err := audit.CheckProgramme(p, ctx, now)
	require.NoError(t, err)
	type hit struct {
		code string
		ref  isms.Ref
	}
	var got []hit
	for _, f := range fs {
		h := hit{code: f.Code}
		if len(f.Related) > 0 {
			h.ref = f.Related[0]
		}
		got = append(got, h)
	}
	assert.ElementsMatch(t, []hit{
		{audit.CodeClauseNotCovered, controls.ClauseRef("9.3.2")},
		{audit.CodeClauseNotCovered, controls.ClauseRef("9.3.3")},
		{audit.CodeClauseNotCovered, controls.ClauseRef("10.1")},
		{audit.CodeClauseNotCovered, controls.ClauseRef("10.2")},
		{audit.CodeControlNotCovered, isms.ControlRef("A.8.24")},
		{audit.CodeAuditOutsideCycle, isms.Ref{}},
	}, got)
}

func TestProgrammeFrequencyRule(t *testing.T) {
	// The risk selecting A.5.15 and A.8.5 reaches level high (inherent
	// and current high x high on the 3x3 matrix; its residual is medium):
	// by default each is audited three times in the cycle, which the three
	// audits do.
	p, ctx := programmeCase()
	fs, err := audit.CheckProgramme(p, ctx, now)
	require.NoError(t, err)
	assert.Empty(t, fs)

	p.Audits[2].Scope = allClauses() // the 2028 audit drops both controls
	fs, err = audit.CheckProgramme(p, ctx, now)
	require.NoError(t, err)
	require.Equal(t, []string{audit.CodeFrequencyNotMet, audit.CodeFrequencyNotMet}, codes(fs))
	assert.Equal(t, map[string]string{"control": "A.5.15", "level": "high", "risk": "risk-1", "rule_min_level": "high",
		"required": "3", "audits": "2", "audit_ids": "a-2026, a-2027"}, fs[0].Details)

	ctx.Frequency = []audit.FrequencyRule{{MinLevel: "medium", MinAudits: 2}}
	fs, err = audit.CheckProgramme(p, ctx, now)
	require.NoError(t, err)
	assert.Empty(t, fs, "two audits meet a rule of two")

	ctx.Frequency = []audit.FrequencyRule{{MinLevel: "extreme", MinAudits: 2}}
	_, err = audit.CheckProgramme(p, ctx, now)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	ctx.Frequency = []audit.FrequencyRule{{MinLevel: "high", MinAudits: 0}}
	_, err = audit.CheckProgramme(p, ctx, now)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestAuditorIndependence(t *testing.T) {
	cases := []struct {
		name     string
		auditors []isms.ID
		scope    []isms.Ref
		edit     func(c *audit.ProgrammeContext)
		want     map[isms.ID]string // auditor -> conflicts detail
	}{
		{"internal auditor is independent", []isms.ID{"bob"}, allClauses(), nil, map[isms.ID]string{}},
		{"IT audits its own theme and controls", []isms.ID{"bob", "cat"}, []isms.Ref{isms.ControlRef("A.8.5"), isms.ControlRef("A.5.15")}, nil,
			map[isms.ID]string{"cat": "control/A.8: holds responsible role role-it; control/A.5.15: holds owning role role-it; control/A.8.5: holds owning role role-it"}},
		{"CISO audits the audit programme she is responsible for", []isms.ID{"ann"}, []isms.Ref{controls.ClauseRef("9")}, nil,
			map[isms.ID]string{"ann": "clause/9.2: responsible in person"}},
		{"CISO auditing clause 4 is independent", []isms.ID{"ann"}, []isms.Ref{controls.ClauseRef("4")}, nil, map[isms.ID]string{}},
		{"a role left before the audit does not count", []isms.ID{"cat"}, []isms.Ref{isms.ControlRef("A.8.5")}, func(c *audit.ProgrammeContext) {
			c.Staffing.Assignments[2].Until = date(2027, 1, 1)
			c.SoA = nil
		}, map[isms.ID]string{}},
		{"control owner as a person", []isms.ID{"dan"}, []isms.Ref{isms.ControlRef("A.5.15")}, func(c *audit.ProgrammeContext) {
			c.SoA.Entry("A.5.15").Owner = "dan"
		}, map[isms.ID]string{"dan": "control/A.5.15: owns the control"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, ctx := programmeCase()
			if c.edit != nil {
				c.edit(ctx)
			}
			ctx.Frequency = []audit.FrequencyRule{}
			// The 2027 audit (planned start 4 October 2027) is the one under test.
			p.Audits[1].Auditors, p.Audits[1].Scope = c.auditors, c.scope
			fs, err := audit.CheckProgramme(p, ctx, now)
			require.NoError(t, err)
			got := map[isms.ID]string{}
			for _, f := range isms.WithCode(fs, audit.CodeAuditorNotIndependent) {
				got[isms.ID(f.Details["auditor"])] = f.Details["conflicts"]
				assert.Equal(t, "a-2027", f.Details["audit"])
			}
			assert.Equal(t, c.want, got)
		})
	}
}

func TestCoversAndClauses(t *testing.T) {
	assert.True(t, audit.Covers(controls.ClauseRef("9.2"), controls.ClauseRef("9.2.2")))
	assert.True(t, audit.Covers(controls.ClauseRef("9"), controls.ClauseRef("9.3.1")))
	assert.False(t, audit.Covers(controls.ClauseRef("9.2"), controls.ClauseRef("9.3.1")))
	assert.False(t, audit.Covers(controls.ClauseRef("1"), controls.ClauseRef("10.1")), "a prefix counts only at a dot")
	assert.False(t, audit.Covers(isms.ControlRef("A.5"), controls.ClauseRef("5.1")), "kinds must match")
	assert.True(t, audit.Covers(isms.ControlRef("A.5"), isms.ControlRef("A.5.15")))

	// Every clause id NIST's informative references from CSF 2.0 to ISO/IEC
	// 27001:2022 use (map_csf2_to_iso27001_2022.tsv, distinct clause
	// targets) is a requirement clause.
	for _, id := range []isms.ID{"4.1", "4.2", "4.4", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3", "7.1", "7.2", "7.3", "7.4",
		"8.1", "8.2", "8.3", "9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "10.2"} {
		assert.Contains(t, audit.RequirementClauses(), id)
	}
	assert.Equal(t, []isms.ID{"4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3", "6.2", "6.3",
		"7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2", "8.3", "9.1", "9.2.1", "9.2.2",
		"9.3.1", "9.3.2", "9.3.3", "10.1", "10.2"}, audit.RequirementClauses())
}

func TestProgrammeValidate(t *testing.T) {
	p, _ := programmeCase()
	require.NoError(t, p.Validate())
	assert.Equal(t, date(2029, 6, 1), p.CycleEnd())
	p.Audits = append(p.Audits, audit.Audit{ID: "a-2026", Title: "", Status: "done", PlannedStart: date(2027, 1, 2), PlannedEnd: date(2027, 1, 1),
		Scope: []isms.Ref{{Kind: "risk", ID: "r"}}, CompletedAt: date(2027, 1, 1)})
	err := p.Validate()
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, pr := range [][2]string{{"audits[3].id", isms.CodeDuplicate}, {"audits[3].title", isms.CodeRequired},
		{"audits[3].status", isms.CodeUnknown}, {"audits[3].planned_end", isms.CodeOrder}, {"audits[3].scope[0].kind", isms.CodeUnknown},
		{"audits[3].completed_at", isms.CodeForbidden}} {
		assert.True(t, ve.Has(pr[0], pr[1]), "want %v in %v", pr, err)
	}
	_, err = audit.ParseProgramme([]byte(`{"title":"P","cycle_start":"2026-06-01T00:00:00Z","audits":[],"x":1}`))
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
