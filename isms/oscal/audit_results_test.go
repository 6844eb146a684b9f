package oscal_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
)

// v5 derives a UUID as the package documents it, written out here
// independently: uuid v5 in the name space uuid5(URL, the SDK namespace)
// of the parts joined with NUL bytes.
func v5(parts ...string) string {
	space := uuid.NewSHA1(uuid.NameSpaceURL, []byte(sdkNS))
	return uuid.NewSHA1(space, []byte(strings.Join(parts, "\x00"))).String()
}

// auditFixture is a completed internal audit whose checklist has four
// items: A.5.18 tested on an attribute sample of 200 accounts with no
// deviation (conforming), A.5.15 inspected and found a major
// nonconformity (F-1), clause 9.2 enquired of with an observation (F-2),
// and A.8.2 not yet tested.
func auditFixture(t testing.TB) (*audit.Audit, *audit.Checklist, []*audit.Finding) {
	t.Helper()
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	a := &audit.Audit{ID: "IA-2026-1", Title: "Access control audit", Criteria: []string{"ISO/IEC 27001:2022"},
		Scope:    []isms.Ref{isms.ControlRef("A.5.15"), isms.ControlRef("A.5.18"), isms.ControlRef("A.8.2"), controls.ClauseRef("9.2")},
		Auditors: []isms.ID{"auditor-b", "auditor-a"}, PlannedStart: start, PlannedEnd: start.AddDate(0, 0, 4),
		Status: audit.AuditCompleted, CompletedAt: start.AddDate(0, 0, 4).Add(7 * time.Hour)}

	accounts := make([]sampling.Item, 200)
	for i := range accounts {
		accounts[i] = sampling.Item{ID: fmt.Sprintf("acct-%03d", i)}
	}
	plan, err := sampling.PlanAttribute(sampling.AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0, Population: 200})
	require.NoError(t, err)
	sel, err := sampling.Select(accounts, sampling.SelectionSpec{Method: sampling.MethodSimpleRandom, Size: plan.SampleSize, Seed: 42, Plan: plan.SelectionPlan()})
	require.NoError(t, err)
	sampled := audit.Item{Requirement: isms.ControlRef("A.5.18"), Title: "A.5.18 Access rights", Method: audit.MethodInspect,
		Examined: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-access-log")}}
	require.NoError(t, sampled.RecordSample(sel, len(sel.Items), 0))

	cl := &audit.Checklist{Audit: a.ID, Title: "Checklist: Access control audit", Items: []audit.Item{
		{Requirement: isms.ControlRef("A.8.2"), Title: "A.8.2 Privileged access rights", Method: audit.MethodObserve},
		sampled,
		{Requirement: isms.ControlRef("A.5.15"), Title: "A.5.15 Access control", Method: audit.MethodInspect,
			Procedure: "Inspect the access control policy and its approval.",
			Result:    audit.ResultNonconformity, Finding: "F-1",
			Examined: []isms.Ref{isms.NewRef(isms.KindDocument, "pol-access"), isms.NewRef(isms.KindEvidence, "ev-approval")}},
		{Requirement: controls.ClauseRef("9.2"), Title: "9.2 Internal audit", Method: audit.MethodEnquire,
			Result: audit.ResultObservation, Finding: "F-2", Notes: "The programme omits two sites.",
			Examined: []isms.Ref{isms.NewRef(isms.KindDocument, "audit-programme")}},
	}}
	raised := start.AddDate(0, 0, 3)
	fs := []*audit.Finding{
		{Meta: isms.Meta{ID: "F-2"}, Audit: a.ID, Kind: audit.Observation, Title: "Audit programme incomplete",
			Requirement: controls.ClauseRef("9.2"), Status: audit.StatusOpen, Owner: "CISO", Due: start.AddDate(0, 2, 0), RaisedBy: "auditor-a", RaisedAt: raised},
		{Meta: isms.Meta{ID: "F-1"}, Audit: a.ID, Kind: audit.MajorNonconformity, Title: "Access control policy not approved",
			Description: "The policy in force has no management approval.", Requirement: isms.ControlRef("A.5.15"),
			RootCause: "No approval step in the document process.", CorrectiveAction: "Add an approval step and approve the policy.",
			Owner: "CISO", Due: start.AddDate(0, 1, 0), Status: audit.StatusOpen, RaisedBy: "auditor-b", RaisedAt: raised},
	}
	return a, cl, fs
}

func TestExportAuditResultsValidatesAgainstNIST(t *testing.T) {
	for _, v := range []oscal.Version{oscal.Version1_1_3, oscal.Version1_2_1} {
		a, cl, fs := auditFixture(t)
		out, err := oscal.ExportAuditResults(a, cl, fs, &oscal.ResultsOptions{Options: oscal.Options{Version: v}})
		require.NoError(t, err)
		requireValidOSCAL(t, string(v), "assessment-results", out)
		assert.Contains(t, string(out), `"oscal-version":"`+string(v)+`"`)

		// Clauses only: reviewed-controls is include-all.
		clauses := &audit.Checklist{Audit: a.ID, Items: []audit.Item{cl.Items[3]}}
		out, err = oscal.ExportAuditResults(a, clauses, fs[:1], &oscal.ResultsOptions{Options: oscal.Options{Version: v, Indent: true},
			AssessmentPlanHref: "https://acme.example/audit/plan.json"})
		require.NoError(t, err)
		requireValidOSCAL(t, string(v), "assessment-results", out)
		assert.Contains(t, string(out), `"include-all": {}`)
	}
}

type arDoc struct {
	AR struct {
		UUID     string `json:"uuid"`
		Metadata struct {
			LastModified string `json:"last-modified"`
			Parties      []struct{ UUID, Type, Name string }
		} `json:"metadata"`
		Results []struct {
			UUID             string `json:"uuid"`
			Start, End       string
			ReviewedControls struct {
				ControlSelections []struct {
					IncludeControls []struct {
						ControlID string `json:"control-id"`
					} `json:"include-controls"`
				} `json:"control-selections"`
			} `json:"reviewed-controls"`
			Observations []struct {
				UUID             string
				Methods          []string
				Collected        string
				Props            []struct{ Name, Value string }
				RelevantEvidence []struct {
					Description string
				} `json:"relevant-evidence"`
				Origins []struct {
					Actors []struct {
						ActorUUID string `json:"actor-uuid"`
					}
				}
			}
			Risks []struct {
				UUID, Status, Deadline string
			}
			Findings []struct {
				UUID        string
				Description string
				Remarks     string
				Target      struct {
					TargetID string `json:"target-id"`
					Status   struct{ State, Reason string }
				}
				RelatedObservations []struct {
					ObservationUUID string `json:"observation-uuid"`
				} `json:"related-observations"`
				RelatedRisks []struct {
					RiskUUID string `json:"risk-uuid"`
				} `json:"related-risks"`
			}
		}
	} `json:"assessment-results"`
}

func props(ps []struct{ Name, Value string }) map[string][]string {
	out := map[string][]string{}
	for _, p := range ps {
		out[p.Name] = append(out[p.Name], p.Value)
	}
	return out
}

// TestExportAuditResultsShape checks the export of auditFixture against
// expectations worked out by hand: three tested items (A.8.2 is not
// tested) give three observations and three findings, of which exactly
// one (A.5.15, the major nonconformity) is not satisfied; the observation
// F-2 is a risk the clause 9.2 finding points at. The sample size 51 is
// the hypergeometric one for 200 accounts at 95% confidence, 5% tolerable
// (10 deviations) and 0% expected: the smallest n with
// C(190, n) / C(200, n) <= 0.05, worked in Python with math.comb.
func TestExportAuditResultsShape(t *testing.T) {
	a, cl, fs := auditFixture(t)
	out, err := oscal.ExportAuditResults(a, cl, fs, nil)
	require.NoError(t, err)
	var doc arDoc
	require.NoError(t, json.Unmarshal(out, &doc))
	ar := doc.AR
	base := []string{"results", "audit", "audit", "IA-2026-1"}
	with := func(more ...string) []string { return append(slices.Clone(base), more...) }
	assert.Equal(t, v5("results", "audit"), ar.UUID)
	// The latest time: the completion, 2026-11-06 16:00 UTC.
	assert.Equal(t, "2026-11-06T16:00:00Z", ar.Metadata.LastModified)
	require.Len(t, ar.Metadata.Parties, 2)
	assert.Equal(t, "auditor-a", ar.Metadata.Parties[0].Name)
	assert.Equal(t, v5("results", "audit", "party", "auditor-a"), ar.Metadata.Parties[0].UUID)
	assert.Equal(t, "auditor-b", ar.Metadata.Parties[1].Name)

	require.Len(t, ar.Results, 1)
	r := ar.Results[0]
	assert.Equal(t, v5(base...), r.UUID)
	assert.Equal(t, "2026-11-02T09:00:00Z", r.Start)
	assert.Equal(t, "2026-11-06T16:00:00Z", r.End)
	var reviewed []string
	for _, c := range r.ReviewedControls.ControlSelections[0].IncludeControls {
		reviewed = append(reviewed, c.ControlID)
	}
	assert.Equal(t, []string{"A.5.15", "A.5.18", "A.8.2"}, reviewed)

	// Observations, sorted by requirement: clause/9.2, control/A.5.15,
	// control/A.5.18.
	require.Len(t, r.Observations, 3)
	reqs := []string{"clause/9.2", "control/A.5.15", "control/A.5.18"}
	for i, q := range reqs {
		o := r.Observations[i]
		assert.Equal(t, v5(with("item", q, "observation")...), o.UUID, q)
		assert.Equal(t, []string{q}, props(o.Props)["requirement"])
		assert.Equal(t, "2026-11-06T16:00:00Z", o.Collected)
		require.Len(t, o.Origins, 1)
		assert.Len(t, o.Origins[0].Actors, 2)
	}
	assert.Equal(t, []string{"INTERVIEW"}, r.Observations[0].Methods)
	assert.Equal(t, []string{"EXAMINE"}, r.Observations[1].Methods)
	assert.Equal(t, []string{"TEST"}, r.Observations[2].Methods) // re-performed on the sample
	require.Len(t, r.Observations[1].RelevantEvidence, 2)
	assert.Equal(t, "Evidence examined: document/pol-access.", r.Observations[1].RelevantEvidence[0].Description)
	assert.Equal(t, "Evidence examined: evidence/ev-approval.", r.Observations[1].RelevantEvidence[1].Description)
	sp := props(r.Observations[2].Props)
	assert.Equal(t, []string{"reperform"}, sp["method"])
	assert.Equal(t, []string{"conforming"}, sp["result"])
	assert.Equal(t, []string{"42"}, sp["seed"])
	assert.Equal(t, []string{"51"}, sp["sample_size"])
	assert.Equal(t, []string{"51"}, sp["tested"])
	assert.Equal(t, []string{"0"}, sp["deviations"])
	assert.Equal(t, []string{"rely_as_planned"}, sp["conclusion"])
	assert.Equal(t, []string{"hypergeometric"}, sp["model"])
	assert.Len(t, sp["sampled_item"], 51)

	// Findings: exactly one not satisfied.
	require.Len(t, r.Findings, 3)
	var notSatisfied []string
	for i, q := range reqs {
		f := r.Findings[i]
		assert.Equal(t, v5(with("item", q, "finding")...), f.UUID, q)
		require.Len(t, f.RelatedObservations, 1)
		assert.Equal(t, r.Observations[i].UUID, f.RelatedObservations[0].ObservationUUID)
		if f.Target.Status.State == "not-satisfied" {
			notSatisfied = append(notSatisfied, f.Target.TargetID)
		}
	}
	assert.Equal(t, []string{"A.5.15"}, notSatisfied)
	// The UUID of the A.5.15 finding, from Python's uuid.uuid5.
	assert.Equal(t, "8511c48e-abce-5a53-b02a-a2dd4dbccb45", r.Findings[1].UUID)
	assert.Equal(t, "clause-9.2", r.Findings[0].Target.TargetID)
	assert.Equal(t, "satisfied", r.Findings[0].Target.Status.State)
	assert.Equal(t, "pass", r.Findings[0].Target.Status.Reason)
	assert.Equal(t, "fail", r.Findings[1].Target.Status.Reason)
	assert.Equal(t, "Major nonconformity F-1: Access control policy not approved. The policy in force has no management approval.", r.Findings[1].Description)
	assert.Equal(t, "Root cause of F-1: No approval step in the document process.", r.Findings[1].Remarks)
	assert.Equal(t, "satisfied", r.Findings[2].Target.Status.State)

	// The observation F-2 is an open risk, due 2027-01-02.
	require.Len(t, r.Risks, 1)
	assert.Equal(t, v5(with("finding", "F-2", "risk")...), r.Risks[0].UUID)
	assert.Equal(t, "open", r.Risks[0].Status)
	assert.Equal(t, "2027-01-02T09:00:00Z", r.Risks[0].Deadline)
	require.Len(t, r.Findings[0].RelatedRisks, 1)
	assert.Equal(t, r.Risks[0].UUID, r.Findings[0].RelatedRisks[0].RiskUUID)
	assert.Empty(t, r.Findings[1].RelatedRisks)
}

// TestExportAuditResultsDeterministic exports the fixture twice, the
// second time with its items and findings in reverse order.
func TestExportAuditResultsDeterministic(t *testing.T) {
	a, cl, fs := auditFixture(t)
	one, err := oscal.ExportAuditResults(a, cl, fs, nil)
	require.NoError(t, err)
	a2, cl2, fs2 := auditFixture(t)
	slices.Reverse(cl2.Items)
	slices.Reverse(fs2)
	two, err := oscal.ExportAuditResults(a2, cl2, fs2, nil)
	require.NoError(t, err)
	assert.Equal(t, string(one), string(two))
}

func TestExportAuditResultsRefuses(t *testing.T) {
	cases := map[string]struct {
		edit func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions)
		want string
	}{
		"nil audit": {func(_ *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			return nil, cl, fs, nil
		}, "audit is nil"},
		"nil checklist": {func(a *audit.Audit, _ *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			return a, nil, fs, nil
		}, "checklist is nil"},
		"audit without a start": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			a.PlannedStart = time.Time{}
			return a, cl, fs, nil
		}, "no planned start"},
		"checklist of another audit": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			cl.Audit = "IA-2025-9"
			return a, cl, fs, nil
		}, "checklist is of audit"},
		"invalid checklist": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			cl.Items[0].Method = "guess"
			return a, cl, fs, nil
		}, "method"},
		"empty checklist": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			cl.Items = nil
			return a, cl, nil, nil
		}, "no items"},
		"requirement twice": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			cl.Items[0].Requirement = isms.ControlRef("A.5.18")
			return a, cl, fs, nil
		}, "tested by two checklist items"},
		"nil finding": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			return a, cl, append(fs, nil), nil
		}, "finding 2 is nil"},
		"finding without id": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			fs[0].ID = ""
			return a, cl, fs, nil
		}, "has no id"},
		"finding twice": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			return a, cl, append(fs, fs[0]), nil
		}, "listed twice"},
		"invalid finding": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			fs[1].Kind = "disaster"
			return a, cl, fs, nil
		}, "kind"},
		"finding of another audit": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			fs[1].Audit = "IA-2025-9"
			return a, cl, fs, nil
		}, "is of audit"},
		"finding on an untested requirement": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			fs[0].Requirement = isms.ControlRef("A.8.2")
			return a, cl, fs, nil
		}, "no tested checklist item covers"},
		"item names a finding not given": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			return a, cl, fs[:1], nil
		}, "which is not given"},
		"nonconformity without a finding": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			cl.Items[2].Finding = ""
			return a, cl, fs[:1], nil
		}, "no nonconformity finding records"},
		"oscal 1.2.0": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			return a, cl, fs, &oscal.ResultsOptions{Options: oscal.Options{Version: "1.2.0"}}
		}, "unsupported OSCAL version"},
		"padded title": {func(a *audit.Audit, cl *audit.Checklist, fs []*audit.Finding) (*audit.Audit, *audit.Checklist, []*audit.Finding, *oscal.ResultsOptions) {
			return a, cl, fs, &oscal.ResultsOptions{Title: " Results"}
		}, "padded"},
	}
	for name, c := range cases {
		a, cl, fs := auditFixture(t)
		a2, cl2, fs2, o := c.edit(a, cl, fs)
		out, err := oscal.ExportAuditResults(a2, cl2, fs2, o)
		assert.Nil(t, out, name)
		require.Error(t, err, name)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
		assert.Contains(t, err.Error(), c.want, name)
	}
}

func TestRequirementTargetID(t *testing.T) {
	for r, want := range map[isms.Ref]string{isms.ControlRef("A.5.18"): "A.5.18", controls.ClauseRef("6.1.2"): "clause-6.1.2"} {
		got, err := oscal.RequirementTargetID(r)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	for _, r := range []isms.Ref{{}, isms.NewRef("risk", "R-1"), isms.ControlRef("5.18")} {
		_, err := oscal.RequirementTargetID(r)
		assert.ErrorIs(t, err, isms.ErrInvalid, r.String())
	}
}

// BenchmarkExportAuditResults exports auditFixture (three tested items,
// one on a sample of 51).
func BenchmarkExportAuditResults(b *testing.B) {
	a, cl, fs := auditFixture(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := oscal.ExportAuditResults(a, cl, fs, nil); err != nil {
			b.Fatal(err)
		}
	}
}
