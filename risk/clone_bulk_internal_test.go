package risk

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// TestCloneAllIsClone: the bulk copy of a listing equals Risk.Clone risk
// by risk (nil and empty slices kept as they are) and shares no memory
// with the originals or between risks.
func TestCloneAllIsClone(t *testing.T) {
	m := Preset5x5()
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	a, err := m.Assess(Rating{Likelihood: "likely", Impacts: []DimensionImpact{{Confidentiality, "major"}, {Availability, "minor"}}}, "", "ann", at)
	require.NoError(t, err)
	full := &Risk{
		Meta: isms.Meta{ID: "r1", Revision: 2}, Title: "t", Owner: "o", Status: StatusAccepted,
		Assets: []isms.Ref{isms.NewRef(isms.KindAsset, "db")}, ExistingControls: []isms.Ref{},
		Criteria: &Criteria{Matrix: m.Ref(), Appetite: "low"},
		Inherent: a, Current: a.Clone(), Residual: &Assessment{Level: "low"},
		Treatment: &Treatment{Option: OptionShare, Controls: isms.ControlRefs("A.8.13"),
			SharedWith: []Party{{Name: "Insurer"}},
			Actions:    []Action{{ID: "x", Controls: isms.ControlRefs("A.5.1")}, {ID: "y"}}},
		Acceptances:  []Acceptance{{ID: "acc", Snapshot: &AcceptanceSnapshot{Current: a.Clone(), Treatment: &Treatment{Option: OptionRetain}}}},
		Delegations:  []Delegation{{Approver: "d"}},
		Quantitative: &QuantitativeScenario{Currency: "EUR", PrimaryLoss: QuantitativeDistribution{Type: "constant", Value: 1}},
	}
	bare := &Risk{Meta: isms.Meta{ID: "r2"}, Title: "bare", Treatment: &Treatment{Option: OptionAvoid, Actions: []Action{}}}
	orig := []*Risk{full, nil, bare, {Meta: isms.Meta{ID: "r3"}}}
	want := make([]*Risk, len(orig))
	for i, r := range orig {
		want[i] = r.Clone()
	}
	got := cloneAll(append([]*Risk(nil), orig...))
	for i := range orig {
		assert.True(t, reflect.DeepEqual(want[i], got[i]), "risk %d", i)
	}
	// Changing the copies changes neither the originals nor each other.
	got[0].Assets[0].ID = "changed"
	got[0].Current.Impacts[0].Impact = "changed"
	got[0].Treatment.Controls[0].ID = "changed"
	got[0].Treatment.Actions[0].Controls[0].ID = "changed"
	got[0].Treatment.Actions = append(got[0].Treatment.Actions, Action{ID: "z"})
	got[0].Acceptances[0].Snapshot.Current.Level = "changed"
	got[0].Criteria.Appetite = "changed"
	got[0].Treatment.SharedWith[0].Name = "changed"
	got[0].Quantitative.Currency = "changed"
	got[2].Treatment.Actions = append(got[2].Treatment.Actions, Action{ID: "w"})
	assert.True(t, reflect.DeepEqual(want[0], orig[0].Clone()), "the original is unchanged")
	assert.Equal(t, []Action{}, orig[2].Treatment.Actions)
	assert.Len(t, got[0].Treatment.Actions, 3)
}

// TestCloneAllParallelRuns: a listing long enough to be copied in several
// runs on several goroutines gives the same copies as Risk.Clone, and an
// append to one copy's slices leaves its neighbours (across a run's end
// too) unchanged.
func TestCloneAllParallelRuns(t *testing.T) {
	n := 2*cloneChunk + 3
	orig := make([]*Risk, n)
	for i := range orig {
		if i%1000 == 7 {
			continue // nil entries stay nil
		}
		orig[i] = &Risk{Meta: isms.Meta{ID: isms.ID("r" + string(rune('a'+i%26)))}, Title: "t",
			Assets:    []isms.Ref{isms.NewRef(isms.KindAsset, isms.ID("a"+string(rune('a'+i%26))))},
			Current:   &Assessment{Level: "low", Impacts: []DimensionImpact{{Confidentiality, "minor"}}},
			Treatment: &Treatment{Option: OptionModify, Controls: isms.ControlRefs("A.8.13"), Actions: []Action{{ID: "x"}}}}
	}
	want := make([]*Risk, n)
	for i, r := range orig {
		want[i] = r.Clone()
	}
	got := cloneAll(append([]*Risk(nil), orig...))
	for i := range orig {
		if !reflect.DeepEqual(want[i], got[i]) {
			t.Fatalf("risk %d differs from its Clone", i)
		}
		if got[i] != nil && got[i] == orig[i] {
			t.Fatalf("risk %d was not copied", i)
		}
	}
	for i := range got {
		if got[i] != nil {
			got[i].Assets = append(got[i].Assets, isms.NewRef(isms.KindAsset, "appended"))
			got[i].Treatment.Actions = append(got[i].Treatment.Actions, Action{ID: "appended"})
		}
	}
	for i := range got {
		if got[i] == nil {
			continue
		}
		if len(got[i].Assets) != 2 || got[i].Assets[0] != want[i].Assets[0] || len(got[i].Treatment.Actions) != 2 || got[i].Treatment.Actions[0].ID != "x" {
			t.Fatalf("risk %d was overwritten by an append to a neighbour: %+v", i, got[i].Assets)
		}
	}
}
