package controls_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

func TestDiffSoA(t *testing.T) {
	old := validSoA()
	nw := validSoA()
	nw.Version = "1.1"
	nw.ApprovedAt = time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)
	nw.Meta.Revision = 7 // bookkeeping is not compared
	// C.1: same risks in another order, one more evidence.
	c1 := nw.Entry("C.1")
	c1.Risks = []isms.Ref{risk("R-2"), risk("R-1")}
	old.Entry("C.1").Risks = []isms.Ref{risk("R-1"), risk("R-2")}
	c1.Evidence = append(c1.Evidence, evidence("E-0"))
	// C.2: now included.
	c2 := nw.Entry("C.2")
	*c2 = controls.Entry{
		ControlID: "C.2", Applicability: controls.Applicable,
		InclusionReasons: []controls.InclusionReason{controls.ReasonContractual, controls.ReasonBestPractice},
		Status:           controls.StatusPlanned, Owner: "Dev lead",
		PlannedDate: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
	}
	// C.4 removed, C.10 and C.5 added.
	nw.Entries = append(nw.Entries[:3],
		controls.Entry{ControlID: "C.10", Applicability: controls.Applicable},
		controls.Entry{ControlID: "C.5", Applicability: controls.NotApplicable},
	)

	d := controls.DiffSoA(old, nw)
	assert.False(t, d.IsEmpty())
	assert.Equal(t, "1.0", d.OldVersion)
	assert.Equal(t, "1.1", d.NewVersion)
	assert.Equal(t, []controls.FieldChange{
		{Field: "version", Old: "1.0", New: "1.1"},
		{Field: "approved_at", Old: "2026-01-15T10:00:00Z", New: "2026-02-20T00:00:00Z"},
	}, d.Document)
	require.Len(t, d.Added, 2)
	assert.Equal(t, isms.ID("C.5"), d.Added[0].ControlID, "CompareIDs order: C.5 before C.10")
	assert.Equal(t, isms.ID("C.10"), d.Added[1].ControlID)
	require.Len(t, d.Removed, 1)
	assert.Equal(t, isms.ID("C.4"), d.Removed[0].ControlID)
	assert.Equal(t, []controls.EntryChange{
		{ControlID: "C.1", Fields: []controls.FieldChange{
			{Field: "evidence", Old: "evidence/E-1", New: "evidence/E-0, evidence/E-1"},
		}},
		{ControlID: "C.2", Fields: []controls.FieldChange{
			{Field: "applicability", Old: "not_applicable", New: "applicable"},
			{Field: "inclusion_reasons", Old: "", New: "best_practice, contractual"},
			{Field: "exclusion_reason", Old: "function_not_performed", New: ""},
			{Field: "justification", Old: "We do not develop software.", New: ""},
			{Field: "implementation_status", Old: "not_applicable", New: "planned"},
			{Field: "owner", Old: "", New: "Dev lead"},
			{Field: "planned_date", Old: "", New: "2026-09-01T00:00:00Z"},
		}},
	}, d.Changed)

	assert.Equal(t, `~ document version: "1.0" -> "1.1"
~ document approved_at: "2026-01-15T10:00:00Z" -> "2026-02-20T00:00:00Z"
+ C.5 not_applicable
+ C.10 applicable
- C.4 applicable
~ C.1 evidence: "evidence/E-1" -> "evidence/E-0, evidence/E-1"
~ C.2 applicability: "not_applicable" -> "applicable"
~ C.2 inclusion_reasons: (none) -> "best_practice, contractual"
~ C.2 exclusion_reason: "function_not_performed" -> (none)
~ C.2 justification: "We do not develop software." -> (none)
~ C.2 implementation_status: "not_applicable" -> "planned"
~ C.2 owner: (none) -> "Dev lead"
~ C.2 planned_date: (none) -> "2026-09-01T00:00:00Z"
`, d.String())
}

func TestDiffSoAIdentical(t *testing.T) {
	a, b := validSoA(), validSoA()
	b.Entries[0], b.Entries[3] = b.Entries[3], b.Entries[0] // order is not a change
	b.UpdatedAt = time.Now()
	d := controls.DiffSoA(a, b)
	assert.True(t, d.IsEmpty(), d.String())
	assert.Empty(t, d.String())
}

func TestDiffSoANil(t *testing.T) {
	d := controls.DiffSoA(nil, validSoA())
	assert.Len(t, d.Added, 4)
	d = controls.DiffSoA(validSoA(), nil)
	assert.Len(t, d.Removed, 4)
	assert.True(t, controls.DiffSoA(nil, nil).IsEmpty())
}

func TestDiffSoAAddedIsACopy(t *testing.T) {
	nw := validSoA()
	d := controls.DiffSoA(nil, nw)
	d.Added[0].Risks[0] = risk("R-99")
	assert.Equal(t, risk("R-1"), nw.Entries[0].Risks[0])
}
