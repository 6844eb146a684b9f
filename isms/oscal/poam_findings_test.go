package oscal_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
)

// correctiveFindings are auditFixture's two findings (the major
// nonconformity F-1, open, and the observation F-2) plus a minor
// nonconformity F-3 on clause 7.5.3 whose corrective action is
// implemented, and a closed minor nonconformity F-4 raised by nobody.
func correctiveFindings(t testing.TB) []*audit.Finding {
	t.Helper()
	_, _, fs := auditFixture(t)
	at := time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC)
	return append(fs,
		&audit.Finding{Meta: isms.Meta{ID: "F-3", UpdatedAt: at}, Kind: audit.MinorNonconformity, Title: "Obsolete procedure in use",
			Requirement: controls.ClauseRef("7.5.3"), Correction: "Withdrew the obsolete copy.", CorrectiveAction: "Review the document register monthly.",
			Owner: "Quality lead", Due: at.AddDate(0, 0, 10), Status: audit.StatusImplemented, ImplementedAt: at, RaisedBy: "auditor-a",
			Evidence: []isms.Ref{isms.NewRef(isms.KindEvidence, "ev-2"), isms.NewRef(isms.KindEvidence, "ev-1")}},
		&audit.Finding{Meta: isms.Meta{ID: "F-4"}, Kind: audit.MinorNonconformity, Title: "Visitor log incomplete",
			Requirement: isms.ControlRef("A.7.2"), Status: audit.StatusClosed, ClosedAt: at.AddDate(0, 0, -1)},
	)
}

func TestExportFindingsPOAMValidatesAgainstNIST(t *testing.T) {
	for _, v := range []oscal.Version{oscal.Version1_1_3, oscal.Version1_2_1} {
		out, err := oscal.ExportFindingsPOAM(correctiveFindings(t), &oscal.POAMOptions{Options: oscal.Options{Version: v},
			SystemID: "soa-0001", SSPHref: "ssp-soa.json", Version: "1"})
		require.NoError(t, err)
		requireValidOSCAL(t, string(v), "poam", out)
	}
}

// TestExportFindingsPOAMShape checks hand-worked expectations: the three
// nonconformities F-1, F-3, F-4 (not the observation F-2) give three
// findings, risks and items, in id order, with the documented UUIDs.
func TestExportFindingsPOAMShape(t *testing.T) {
	out, err := oscal.ExportFindingsPOAM(correctiveFindings(t), nil)
	require.NoError(t, err)
	var doc struct {
		POAM struct {
			UUID     string `json:"uuid"`
			Metadata struct {
				LastModified string `json:"last-modified"`
				Parties      []struct{ UUID, Type, Name string }
			}
			Risks []struct {
				UUID, Status, Deadline, Description string
				Remediations                        []struct {
					UUID, Lifecycle, Description string
				}
			}
			Findings []struct {
				UUID   string
				Props  []struct{ Name, Value string }
				Target struct {
					TargetID string `json:"target-id"`
					Status   struct{ State string }
				}
			}
			Items []struct {
				UUID, Title, Description string
				Props                    []struct{ Name, Value string }
				RelatedFindings          []struct {
					FindingUUID string `json:"finding-uuid"`
				} `json:"related-findings"`
				RelatedRisks []struct {
					RiskUUID string `json:"risk-uuid"`
				} `json:"related-risks"`
				Origins []struct {
					Actors []struct {
						ActorUUID string `json:"actor-uuid"`
					}
				}
			} `json:"poam-items"`
		} `json:"plan-of-action-and-milestones"`
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	p := doc.POAM
	assert.Equal(t, v5("poam", "corrective-actions"), p.UUID)
	// The latest time is F-3's UpdatedAt.
	assert.Equal(t, "2026-11-10T12:00:00Z", p.Metadata.LastModified)
	var names []string
	for _, pt := range p.Metadata.Parties {
		names = append(names, pt.Type+":"+pt.Name)
		assert.Equal(t, v5("poam", "corrective-actions", "party", pt.Name), pt.UUID)
	}
	assert.Equal(t, []string{"organization:Organisation", "person:auditor-a", "person:auditor-b"}, names)

	ids := []string{"F-1", "F-3", "F-4"}
	require.Len(t, p.Findings, 3)
	require.Len(t, p.Risks, 3)
	require.Len(t, p.Items, 3)
	for i, id := range ids {
		assert.Equal(t, v5("poam", "corrective-actions", "finding", id), p.Findings[i].UUID, id)
		assert.Equal(t, v5("poam", "corrective-actions", "finding", id, "risk"), p.Risks[i].UUID, id)
		assert.Equal(t, v5("poam", "corrective-actions", "item", id), p.Items[i].UUID, id)
		assert.Equal(t, []string{id}, props(p.Items[i].Props)["finding"])
		require.Len(t, p.Items[i].RelatedFindings, 1)
		assert.Equal(t, p.Findings[i].UUID, p.Items[i].RelatedFindings[0].FindingUUID)
		assert.Equal(t, p.Risks[i].UUID, p.Items[i].RelatedRisks[0].RiskUUID)
	}
	// From Python's uuid.uuid5.
	assert.Equal(t, "b734f471-3794-5f63-a82d-9e4cf7f41899", p.Items[0].UUID)

	assert.Equal(t, []string{"A.5.15", "clause-7.5.3", "A.7.2"},
		[]string{p.Findings[0].Target.TargetID, p.Findings[1].Target.TargetID, p.Findings[2].Target.TargetID})
	assert.Equal(t, []string{"not-satisfied", "not-satisfied", "satisfied"},
		[]string{p.Findings[0].Target.Status.State, p.Findings[1].Target.Status.State, p.Findings[2].Target.Status.State})
	assert.Equal(t, []string{"open", "remediating", "closed"}, []string{p.Risks[0].Status, p.Risks[1].Status, p.Risks[2].Status})
	assert.Equal(t, "2026-12-02T09:00:00Z", p.Risks[0].Deadline)
	assert.Equal(t, "2026-11-20T12:00:00Z", p.Risks[1].Deadline)
	assert.Empty(t, p.Risks[2].Deadline)
	assert.Equal(t, "No approval step in the document process.", p.Risks[0].Description)
	require.Len(t, p.Risks[1].Remediations, 1)
	assert.Equal(t, "completed", p.Risks[1].Remediations[0].Lifecycle)
	assert.Equal(t, "Correction: Withdrew the obsolete copy.\n\nCorrective action: Review the document register monthly.", p.Risks[1].Remediations[0].Description)
	assert.Equal(t, "planned", p.Risks[0].Remediations[0].Lifecycle)
	assert.Empty(t, p.Risks[2].Remediations)
	assert.Equal(t, []string{"evidence/ev-1", "evidence/ev-2"}, props(p.Findings[1].Props)["evidence"])

	it := props(p.Items[0].Props)
	assert.Equal(t, []string{"CISO"}, it["owner"])
	assert.Equal(t, []string{"2026-12-02T09:00:00Z"}, it["due"])
	assert.Equal(t, []string{"open"}, it["finding_status"])
	assert.Equal(t, "Corrective action: Access control policy not approved", p.Items[0].Title)
	assert.Equal(t, "Add an approval step and approve the policy.", p.Items[0].Description)
	assert.Equal(t, "The corrective action of F-4 is not yet decided.", p.Items[2].Description)
	assert.Equal(t, v5("poam", "corrective-actions", "party", "auditor-b"), p.Items[0].Origins[0].Actors[0].ActorUUID)
	assert.Equal(t, v5("poam", "corrective-actions", "party", "Organisation"), p.Items[2].Origins[0].Actors[0].ActorUUID)
}

func TestExportFindingsPOAMDeterministic(t *testing.T) {
	one, err := oscal.ExportFindingsPOAM(correctiveFindings(t), nil)
	require.NoError(t, err)
	fs := correctiveFindings(t)
	slices.Reverse(fs)
	two, err := oscal.ExportFindingsPOAM(fs, nil)
	require.NoError(t, err)
	assert.Equal(t, string(one), string(two))
}

func TestExportFindingsPOAMRefuses(t *testing.T) {
	cases := map[string]struct {
		edit func([]*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions)
		want string
	}{
		"no findings":       {func([]*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) { return nil, nil }, "no nonconformity"},
		"observations only": {func(fs []*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) { return fs[:1], nil }, "no nonconformity"},
		"nil finding": {func(fs []*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) {
			return append(fs, nil), nil
		}, "is nil"},
		"finding twice": {func(fs []*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) {
			return append(fs, fs[1]), nil
		}, "listed twice"},
		"invalid finding": {func(fs []*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) {
			fs[2].Status = "lost"
			return fs, nil
		}, "status"},
		"padded owner": {func(fs []*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) {
			fs[1].Owner = "CISO "
			return fs, nil
		}, "padded"},
		"due outside OSCAL's years": {func(fs []*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) {
			fs[1].Due = time.Date(3001, 1, 1, 0, 0, 0, 0, time.UTC)
			return fs, nil
		}, "2999"},
		"oscal 1.2.0": {func(fs []*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) {
			return fs, &oscal.POAMOptions{Options: oscal.Options{Version: "1.2.0"}}
		}, "unsupported OSCAL version"},
		"no time to date the document": {func(fs []*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) {
			return fs[3:], nil // F-4 has no time
		}, "last-modified is required"},
		"bad id": {func(fs []*audit.Finding) ([]*audit.Finding, *oscal.POAMOptions) {
			return fs, &oscal.POAMOptions{ID: "bad id"}
		}, "poam id"},
	}
	for name, c := range cases {
		fs, o := c.edit(correctiveFindings(t))
		out, err := oscal.ExportFindingsPOAM(fs, o)
		assert.Nil(t, out, name)
		require.Error(t, err, name)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
		assert.Contains(t, err.Error(), c.want, name)
	}
}

// BenchmarkExportFindingsPOAM exports correctiveFindings (three
// nonconformities and one observation).
func BenchmarkExportFindingsPOAM(b *testing.B) {
	fs := correctiveFindings(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := oscal.ExportFindingsPOAM(fs, nil); err != nil {
			b.Fatal(err)
		}
	}
}
