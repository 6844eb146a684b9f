package audit_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
)

func TestCheckImprovements(t *testing.T) {
	base := func() *audit.Improvement {
		return &audit.Improvement{Meta: isms.Meta{ID: "imp-1"}, Title: "Automate leaver checks", SourceKind: audit.SourceReview,
			Owner: "cat", Due: date(2027, 2, 1), Status: audit.ImprovementPlanned,
			Actions: []audit.ImprovementAction{{Title: "Script the HR export", Owner: "cat", Due: date(2026, 12, 15), Status: audit.ImprovementInProgress}}}
	}
	cases := []struct {
		name string
		edit func(m *audit.Improvement)
		want []string
	}{
		{"clean", func(*audit.Improvement) {}, []string{}},
		{"owner missing", func(m *audit.Improvement) { m.Owner = "" }, []string{audit.CodeImprovementOwnerMissing}},
		{"overdue", func(m *audit.Improvement) { m.Due = date(2026, 11, 1) }, []string{audit.CodeImprovementOverdue}},
		{"action overdue", func(m *audit.Improvement) { m.Actions[0].Due = date(2026, 11, 1) }, []string{audit.CodeImprovementOverdue}},
		{"action done is not overdue", func(m *audit.Improvement) {
			m.Actions[0].Due, m.Actions[0].Status = date(2026, 11, 1), audit.ImprovementDone
		}, []string{}},
		{"rejected is not checked", func(m *audit.Improvement) { m.Owner, m.Status = "", audit.ImprovementRejected }, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := base()
			c.edit(m)
			require.NoError(t, m.Validate())
			fs, err := audit.CheckImprovements([]*audit.Improvement{m, nil}, now, nil)
			require.NoError(t, err)
			assert.Equal(t, c.want, codes(fs))
		})
	}
	_, err := audit.ParseImprovement([]byte(`{"title":"x","source_kind":"gut_feeling","status":"planned"}`))
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestIncidentImprovements(t *testing.T) {
	incs := []*incident.Incident{
		{Meta: isms.Meta{ID: "inc-1"}, Title: "Phishing", Owner: "ann",
			Review: &incident.Review{RootCause: "no MFA", CompletedAt: date(2026, 3, 20), Lessons: []incident.Lesson{{Text: "Enforce MFA"}, {Text: " "}}}},
		{Meta: isms.Meta{ID: "inc-2"}, Title: "Draft review", Review: &incident.Review{Lessons: []incident.Lesson{{Text: "not yet"}}}},
		nil,
	}
	assert.Equal(t, []*audit.Improvement{{Title: "Enforce MFA", Source: isms.Ref{Kind: incident.Kind, ID: "inc-1"}, SourceKind: audit.SourceIncident,
		Owner: "ann", Status: audit.ImprovementProposed, RaisedAt: date(2026, 3, 20)}}, audit.IncidentImprovements(incs))
}

func TestPDCA(t *testing.T) {
	s := readyISMS()
	s.Incidents = []*incident.Incident{{Meta: isms.Meta{ID: "inc-1"}, Title: "Phishing mail reported", Status: incident.StatusReported,
		ReportedAt: date(2026, 10, 15)}}
	s.Improvements = []*audit.Improvement{{Meta: isms.Meta{ID: "imp-1"}, Title: "Automate leaver checks", SourceKind: audit.SourceReview,
		Owner: "cat", Status: audit.ImprovementPlanned, RaisedAt: date(2026, 11, 5), Due: date(2026, 11, 20)}}
	v, err := audit.PDCA(s, date(2026, 10, 1), date(2026, 11, 30))
	require.NoError(t, err)
	what := func(evs []audit.Event) []string {
		out := []string{}
		for _, e := range evs {
			out = append(out, e.At.Format("01-02")+" "+e.What)
		}
		return out
	}
	assert.Equal(t, []string{"11-05 improvement \"Automate leaver checks\" raised"}, what(v.Plan))
	assert.Equal(t, []string{"10-15 incident \"Phishing mail reported\" reported"}, what(v.Do))
	assert.Equal(t, []string{
		"10-08 minor nonconformity raised: \"Leaver not removed from the shop admin group\"",
		"10-09 audit \"ISMS audit 2026\" completed (1 findings)",
		"11-01 control check \"MFA enforced for admins\" ran 2 times, 0 failed",
		"11-02 management review \"Management review 2026\" held (1 decisions)",
	}, what(v.Check))
	assert.Equal(t, []string{"11-10 finding \"Leaver not removed from the shop admin group\" closed"}, what(v.Act))
	assert.Equal(t, []string{audit.CodeImprovementOverdue}, codes(v.Overdue))

	_, err = audit.PDCA(s, date(2026, 10, 1), date(2026, 10, 1))
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
