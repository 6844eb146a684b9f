package incident_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
)

const wantMermaid = `stateDiagram-v2
    %% incident lifecycle
    [*] --> reported
    reported --> triaging : actor_named
    triaging --> declared : actor_named, declaration_criteria_given, severity_on_scale
    declared --> containment : actor_named
    containment --> eradication : actor_named
    eradication --> recovery : actor_named, recovery_criteria_given
    recovery --> resolved : actor_named
    resolved --> post_incident_review : actor_named
    resolved --> closed : actor_named, outcome_recorded, review_completed, actions_closed_or_carried_over
    post_incident_review --> closed : actor_named, outcome_recorded, review_completed, actions_closed_or_carried_over
    closed --> declared : actor_named, reopen_reason_given
    reported --> dismissed : actor_named, dismiss_reason_given
    triaging --> dismissed : actor_named, dismiss_reason_given
    declared --> dismissed : actor_named, dismiss_reason_given
    containment --> dismissed : actor_named, dismiss_reason_given
    eradication --> dismissed : actor_named, dismiss_reason_given
    recovery --> dismissed : actor_named, dismiss_reason_given
    reported --> merged : actor_named, merge_target_given
    triaging --> merged : actor_named, merge_target_given
    declared --> merged : actor_named, merge_target_given
    containment --> merged : actor_named, merge_target_given
    eradication --> merged : actor_named, merge_target_given
    recovery --> merged : actor_named, merge_target_given
    dismissed --> [*]
    merged --> [*]
`

func TestLifecycleMermaid(t *testing.T) {
	require.NoError(t, incident.Lifecycle().Validate())
	assert.Equal(t, wantMermaid, incident.Lifecycle().Mermaid())
}

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// fullCommand returns a command to `to` that satisfies every guard.
func fullCommand(to incident.Status) incident.StepCommand {
	return incident.StepCommand{To: to, Reason: "because", Criteria: []string{"confirmed compromise"}, Severity: "high",
		RecoveryCriteria: "restored from clean backups", Outcome: "contained", Dismissal: incident.DismissFalsePositive,
		MergeInto: "inc-other"}
}

func atStatus(s incident.Status) *incident.Incident {
	return &incident.Incident{Meta: isms.Meta{ID: "inc-1"}, Title: "t", Status: s, Severity: "high", Owner: "olivia",
		Review: &incident.Review{RootCause: "rc", CompletedAt: t0}}
}

// allowed is the table written by hand from the issue.
var allowed = allowedTable()

func allowedTable() map[[2]incident.Status]bool {
	allowed := map[[2]incident.Status]bool{}
	for _, p := range [][2]incident.Status{
		{"reported", "triaging"}, {"triaging", "declared"}, {"declared", "containment"}, {"containment", "eradication"},
		{"eradication", "recovery"}, {"recovery", "resolved"}, {"resolved", "post_incident_review"}, {"resolved", "closed"},
		{"post_incident_review", "closed"}, {"closed", "declared"},
	} {
		allowed[p] = true
	}
	for _, s := range []incident.Status{"reported", "triaging", "declared", "containment", "eradication", "recovery"} {
		allowed[[2]incident.Status{s, "dismissed"}] = true
		allowed[[2]incident.Status{s, "merged"}] = true
	}
	return allowed
}

func TestEveryTransition(t *testing.T) {
	for _, from := range incident.StatusValues() {
		for _, to := range incident.StatusValues() {
			inc := atStatus(from)
			err := inc.Step("olivia", fullCommand(to), t0, incident.DefaultPolicy())
			if allowed[[2]incident.Status{from, to}] {
				require.NoError(t, err, "%s -> %s", from, to)
				assert.Equal(t, to, inc.Status)
				last := inc.Timeline[len(inc.Timeline)-1]
				assert.Equal(t, incident.Entry{Seq: len(inc.Timeline), At: t0, Actor: "olivia", Field: incident.FieldStatus,
					From: string(from), To: string(to), Reason: "because"}, last, "%s -> %s", from, to)
				continue
			}
			var te *isms.TransitionError
			require.ErrorAs(t, err, &te, "%s -> %s", from, to)
			assert.Empty(t, te.Guard)
			assert.ErrorIs(t, err, isms.ErrInvalid)
			assert.Equal(t, from, inc.Status)
			assert.Empty(t, inc.Timeline)
		}
	}
}

func TestRefusedGuards(t *testing.T) {
	p := incident.DefaultPolicy()
	cases := []struct {
		name  string
		from  incident.Status
		by    string
		edit  func(*incident.Incident, *incident.StepCommand)
		to    incident.Status
		guard string
	}{
		{"no actor", incident.StatusReported, "", nil, incident.StatusTriaging, incident.GuardActorNamed},
		{"no criteria", incident.StatusTriaging, "o", func(_ *incident.Incident, c *incident.StepCommand) { c.Criteria = []string{" "} }, incident.StatusDeclared, incident.GuardCriteriaGiven},
		{"severity off scale", incident.StatusTriaging, "o", func(i *incident.Incident, c *incident.StepCommand) { c.Severity = "sev9"; i.Severity = "" }, incident.StatusDeclared, incident.GuardSeverityOnScale},
		{"no recovery criteria", incident.StatusEradication, "o", func(_ *incident.Incident, c *incident.StepCommand) { c.RecoveryCriteria = "" }, incident.StatusRecovery, incident.GuardRecoveryCriteria},
		{"no outcome", incident.StatusPostIncidentReview, "o", func(_ *incident.Incident, c *incident.StepCommand) { c.Outcome = "" }, incident.StatusClosed, incident.GuardOutcomeRecorded},
		{"review missing at high", incident.StatusResolved, "o", func(i *incident.Incident, _ *incident.StepCommand) { i.Review = nil }, incident.StatusClosed, incident.GuardReviewCompleted},
		{"review not complete", incident.StatusPostIncidentReview, "o", func(i *incident.Incident, _ *incident.StepCommand) { i.Review.CompletedAt = time.Time{} }, incident.StatusClosed, incident.GuardReviewCompleted},
		{"open action", incident.StatusPostIncidentReview, "o", func(i *incident.Incident, _ *incident.StepCommand) {
			i.Actions = []incident.Action{{ID: "a1", Kind: incident.ActionImprovement, Title: "x", Status: incident.ActionOpen}}
		}, incident.StatusClosed, incident.GuardActionsClosed},
		{"bad dismissal", incident.StatusTriaging, "o", func(_ *incident.Incident, c *incident.StepCommand) { c.Dismissal = "boredom" }, incident.StatusDismissed, incident.GuardDismissReason},
		{"merge into self", incident.StatusDeclared, "o", func(_ *incident.Incident, c *incident.StepCommand) { c.MergeInto = "inc-1" }, incident.StatusMerged, incident.GuardMergeTarget},
		{"merge no target", incident.StatusDeclared, "o", func(_ *incident.Incident, c *incident.StepCommand) { c.MergeInto = "" }, incident.StatusMerged, incident.GuardMergeTarget},
		{"reopen without reason", incident.StatusClosed, "o", func(_ *incident.Incident, c *incident.StepCommand) { c.Reason = "" }, incident.StatusDeclared, incident.GuardReopenReason},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inc := atStatus(c.from)
			cmd := fullCommand(c.to)
			if c.edit != nil {
				c.edit(inc, &cmd)
			}
			err := inc.Step(c.by, cmd, t0, p)
			var te *isms.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, c.guard, te.Guard)
			assert.Equal(t, c.from, inc.Status)
			assert.Empty(t, inc.Timeline, "a refused move writes nothing")
		})
	}
}

func TestCloseBelowReviewLevelAndCarryOver(t *testing.T) {
	inc := atStatus(incident.StatusResolved)
	inc.Severity, inc.Review = "low", nil
	inc.Actions = []incident.Action{{ID: "a1", Kind: incident.ActionImprovement, Title: "MFA", Status: incident.ActionOpen}}
	cmd := fullCommand(incident.StatusClosed)
	cmd.CarryOver = []isms.ID{"a1"}
	require.NoError(t, inc.Step("o", cmd, t0, incident.DefaultPolicy()))
	assert.True(t, inc.Actions[0].CarriedOver)
	assert.Equal(t, t0, inc.ClosedAt)
}

func TestDeclarationRecordsWhoWhenCriteriaAndSeverity(t *testing.T) {
	inc := atStatus(incident.StatusTriaging)
	inc.Severity = ""
	require.NoError(t, inc.Step("dora", fullCommand(incident.StatusDeclared), t0, incident.DefaultPolicy()))
	assert.Equal(t, &incident.Declaration{Criteria: []string{"confirmed compromise"}, By: "dora", At: t0}, inc.Declaration)
	assert.Equal(t, t0, inc.DeclaredAt)
	require.Len(t, inc.Timeline, 2)
	assert.Equal(t, incident.FieldSeverity, inc.Timeline[0].Field)
	assert.Equal(t, "high", inc.Timeline[0].To)
	assert.Equal(t, incident.History{Field: incident.FieldSeverity, First: "high", Current: "high", Changes: 1}, inc.HistoryOf(incident.FieldSeverity))
}

func TestClassifyTimelineAndHistory(t *testing.T) {
	yes, no := true, false
	inc := atStatus(incident.StatusDeclared)
	p := incident.DefaultPolicy()
	require.NoError(t, inc.Classify("a", incident.ClassifyCommand{Severity: "medium", Major: &yes, Reason: "r1"}, t0, p))
	assert.Equal(t, t0, inc.ClassifiedAt)
	require.NoError(t, inc.Classify("a", incident.ClassifyCommand{Severity: "critical", Major: &no}, t0.Add(time.Hour), p))
	require.NoError(t, inc.Step("a", fullCommand(incident.StatusContainment), t0.Add(2*time.Hour), p))
	assert.Equal(t, t0, inc.ClassifiedAt, "the first classification is kept")
	// Entries: 1 severity high->medium, 2 major false->true, 3 severity medium->critical, 4 major true->false, 5 status.
	require.Len(t, inc.Timeline, 5)
	assert.Equal(t, incident.Entry{Seq: 2, At: t0, Actor: "a", Field: "major", From: "false", To: "true", Reason: "r1"}, inc.Timeline[1])
	require.NoError(t, inc.Correct("a", incident.CorrectCommand{Seq: 3, To: "high", Reason: "typo"}, t0.Add(3*time.Hour)))
	assert.Equal(t, incident.Entry{Seq: 6, At: t0.Add(3 * time.Hour), Actor: "a", Field: "severity", From: "critical", To: "high", Reason: "typo", Corrects: 3}, inc.Timeline[5])
	assert.Equal(t, incident.History{Field: "severity", First: "medium", Current: "high", Changes: 3}, inc.HistoryOf("severity"))
	require.Error(t, inc.Correct("a", incident.CorrectCommand{Seq: 9, To: "x", Reason: "r"}, t0))
	require.Error(t, inc.Correct("a", incident.CorrectCommand{Seq: 1, To: "x"}, t0))
	require.Error(t, inc.Classify("a", incident.ClassifyCommand{Severity: "sev0"}, t0, p))
}

func TestStaleRevisionIsConflict(t *testing.T) {
	inc := atStatus(incident.StatusReported)
	inc.Revision = 3
	cmd := fullCommand(incident.StatusTriaging)
	cmd.Revision = 2
	err := inc.Step("o", cmd, t0, incident.DefaultPolicy())
	assert.True(t, errors.Is(err, isms.ErrConflict))
}
