package bcp

import (
	"fmt"
	"strconv"

	"github.com/ismskit/ismskit/isms"
)

// Kinds of the Refs Check's findings name as their subjects.
const (
	KindActivity = "bcp.activity"
	KindResource = "bcp.resource"
	KindPlan     = "bcp.plan"
	KindBIA      = "bcp.bia"
)

// Snapshot is what Check inspects: a BIA with the recovery plans and the
// DR tests of its activities and resources.
type Snapshot struct {
	// BIA is the analysis; required.
	BIA *BIA `json:"bia"`
	// Plans are the recovery plans.
	Plans []RecoveryPlan `json:"plans,omitempty"`
	// Tests are the DR tests and exercises.
	Tests []DRTest `json:"tests,omitempty"`
}

// Validate reports every problem of s: the BIA's (BIA.Validate), plan IDs
// unique, each plan's target an activity or resource of the BIA and its
// steps' resources resources of it, each test valid (DRTest.Validate)
// with its plan one of the snapshot's and its resources the BIA's. It
// runs in time linear in the size of s. A nil s or BIA is an error
// answering isms.ErrInvalid.
func (s *Snapshot) Validate() error {
	if s == nil || s.BIA == nil {
		return isms.Invalidf("bcp: snapshot has no bia")
	}
	var ps isms.Problems
	ps.Merge("bia", s.BIA.Validate())
	nodes := make(map[isms.ID]bool, len(s.BIA.Activities)+len(s.BIA.Resources))
	resources := make(map[isms.ID]bool, len(s.BIA.Resources))
	for i := range s.BIA.Activities {
		nodes[s.BIA.Activities[i].ID] = true
	}
	for i := range s.BIA.Resources {
		nodes[s.BIA.Resources[i].ID] = true
		resources[s.BIA.Resources[i].ID] = true
	}
	plans := make(map[isms.ID]bool, len(s.Plans))
	for i := range s.Plans {
		p := &s.Plans[i]
		f := "plans[" + strconv.Itoa(i) + "]"
		if plans[p.ID] {
			ps.Addf(f+".id", isms.CodeDuplicate, "plan %q is listed twice", p.ID)
		}
		plans[p.ID] = true
		p.validate(&ps, f, nodes, resources)
	}
	tests := make(map[isms.ID]bool, len(s.Tests))
	for i := range s.Tests {
		t := &s.Tests[i]
		f := "tests[" + strconv.Itoa(i) + "]"
		if t.ID == "" {
			ps.Add(f+".id", isms.CodeRequired, "id is required")
		} else if tests[t.ID] {
			ps.Addf(f+".id", isms.CodeDuplicate, "test %q is listed twice", t.ID)
		}
		tests[t.ID] = true
		t.validate(&ps, f, plans, resources)
	}
	return ps.Err(fmt.Sprintf("snapshot of bia %q", s.BIA.ID))
}

// ParseSnapshot decodes a snapshot document from a user strictly
// (isms.UnmarshalStrict) and validates it. Every error answers
// isms.ErrInvalid.
func ParseSnapshot(data []byte) (*Snapshot, error) {
	var s Snapshot
	if err := isms.UnmarshalStrict(data, &s); err != nil {
		return nil, fmt.Errorf("bcp: parse snapshot: %w", err)
	}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("bcp: parse snapshot: %w", err)
	}
	return &s, nil
}
