package schema_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk/fair"
)

// moreDocuments are further hand-written documents of kinds that already
// have one, each accepted by the SDK's strict decoder: a policy with its
// sections and a procedure with its steps.
var moreDocuments = map[string][]string{
	"isms.document": {
		`{"id":"pol-2","type":"policy","title":"Access control policy","status":"draft","topic":"access control",
		  "controls":["A.5.15","A.8.5"],"review_interval":"P1Y",
		  "sections":[{"kind":"scope","heading":"Scope","text":"All staff."},{"kind":"ownership","text":"The CISO."},
		    {"kind":"non_compliance","text":"Disciplinary process."},{"kind":"other","heading":"Notes"}]}`,
		`{"id":"proc-1","type":"procedure","title":"Access review","status":"draft","implements":"pol-2",
		  "steps":[{"name":"Export the accounts","role":"role-it","tools":["IdP"],"expected_duration":"PT30M"},
		    {"name":"Review with managers","inputs":["account export"],"records":["review minutes"],"expected_duration":"P2D"}]}`,
	},
}

// addServiceDocs adds the documents the SDK's services store, produced by
// running them on an in-memory store, and documents built with the
// packages' constructors.
func addServiceDocs(t testing.TB, add func(kind string, v any)) {
	t.Helper()
	for kind, docs := range moreDocuments {
		for _, d := range docs {
			add(kind, rawJSON(parse(t, kind, d)))
		}
	}
	start := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	clock := ismstest.NewStepClock(start, time.Minute)
	s := memstore.NewStore(&store.Options{Clock: clock, IDs: ismstest.NewSequentialIDs()})
	ctx := isms.WithActor(context.Background(), "ciso")

	// An incident taken through its first steps, with an action and an
	// evidence item.
	svc, err := incident.NewService(s, "acme", nil)
	require.NoError(t, err)
	inc := &incident.Incident{Title: "Ransomware on the file servers", Category: incident.CategoryRansomware,
		DetectionSource: "EDR alert", Owner: "ciso", OccurredAt: start.Add(-5 * time.Hour), DetectedAt: start.Add(-time.Hour),
		AffectedAssets: []isms.Ref{{Kind: isms.KindAsset, ID: "fileserver"}},
		PersonalData:   &incident.PersonalData{Categories: []string{"contact"}, People: 1200, Records: 4000, HighRisk: true},
		Impact:         incident.Impact{Functional: "high", Information: "privacy", Recoverability: "supplemented"}}
	require.NoError(t, svc.Report(ctx, inc))
	add("incident.incident", inc)
	_, err = svc.Step(ctx, inc.ID, incident.StepCommand{To: incident.StatusTriaging})
	require.NoError(t, err)
	_, err = svc.Step(ctx, inc.ID, incident.StepCommand{To: incident.StatusDeclared, Severity: "critical",
		Criteria: []string{"files encrypted"}})
	require.NoError(t, err)
	_, err = svc.SetAction(ctx, inc.ID, incident.ActionCommand{Action: incident.Action{Kind: incident.ActionContainment,
		Title: "Isolate the file servers", Owner: "it.ops", Due: start.Add(4 * time.Hour)}})
	require.NoError(t, err)
	got, err := svc.RecordEvidence(ctx, inc.ID, incident.EvidenceCommand{Evidence: incident.Evidence{
		ID: "ev-fs01", Item: "Disk image of fs-01", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Size: 1 << 30,
		Source: "fs-01", CollectedAt: start.Add(time.Hour), CollectedBy: "forensics",
		Custody: []incident.Custody{{From: "forensics", To: "legal", At: start.Add(2 * time.Hour), Purpose: "hold"}}}})
	require.NoError(t, err)
	add("incident.incident", got)

	// A BIA signed off and revised, and a DR test run and evaluated.
	lib, err := bcp.NewLibrary(s, "acme")
	require.NoError(t, err)
	snap, err := bcp.ParseSnapshot([]byte(handWritten["bcp.snapshot"]))
	require.NoError(t, err)
	v1, err := lib.Draft(ctx, snap.BIA)
	require.NoError(t, err)
	add("bcp.bia_record", v1)
	v1, err = lib.SignOff(ctx, v1.ID, bcp.SignOffCommand{Revision: v1.Revision})
	require.NoError(t, err)
	add("bcp.bia_record", v1)
	next := *snap.BIA
	next.Activities = append([]bcp.Activity(nil), next.Activities...)
	next.Activities[0].RTO = isms.Hours(2)
	v2, err := lib.Revise(ctx, v1.ID, bcp.ReviseCommand{BIA: next, Revision: v1.Revision})
	require.NoError(t, err)
	add("bcp.bia_record", v2)
	add("bcp.bia", &v2.BIA)

	test := snap.Tests[0]
	test.ID = ""
	require.NoError(t, lib.PlanTest(ctx, &test))
	add("bcp.dr_test", &test)
	ran, err := lib.StepTest(ctx, test.ID, bcp.DRTestCommand{To: bcp.DRTestExecuted,
		ExecutedAt: start.Add(-3 * time.Hour), DisruptedAt: start.Add(-3 * time.Hour), RestoredAt: start.Add(-90 * time.Minute), RestorePoint: start.Add(-4 * time.Hour)})
	require.NoError(t, err)
	ran, err = lib.StepTest(ctx, ran.ID, bcp.DRTestCommand{To: bcp.DRTestEvaluated, Met: []bool{true},
		Evidence:  []isms.Ref{{Kind: isms.KindEvidence, ID: "ev-drill"}},
		FollowUps: []bcp.FollowUp{{Action: "Automate the restore", Owner: "dba", Due: start.Add(30 * 24 * time.Hour)}}})
	require.NoError(t, err)
	add("bcp.dr_test", ran)
	snap.Tests = append(snap.Tests, *ran)
	add("bcp.snapshot", snap)

	// A scenario built with the package's constructors.
	add("fair.scenario", fair.Scenario{Name: "outage", Mode: fair.ModeProduct, Currency: "EUR",
		LossEventFrequency: fair.PoissonRate(fair.Normal(2, 0.5)),
		PrimaryLoss:        fair.PERTShape(1e4, 5e4, 5e5, 6)})
	add("fair.scenario", fair.Scenario{Name: "breach",
		ContactFrequency: fair.Poisson(12), ProbabilityOfAction: fair.Uniform(0.1, 0.3),
		Vulnerability: fair.Constant(0.2), PrimaryLoss: fair.LognormalCI90(1e4, 1e6)})
	add("fair.scenario", fair.Scenario{Name: "fire", LossEventFrequency: fair.Bernoulli(0.01),
		PrimaryLoss: fair.Triangular(1e5, 1e6, 5e6)})
}

// rawJSON is a document already encoded.
type rawJSON []byte

// MarshalJSON returns r itself.
func (r rawJSON) MarshalJSON() ([]byte, error) { return r, nil }
