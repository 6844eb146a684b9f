package audit_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

// TestNilAndZero checks the documented results of nil and zero
// arguments (the generated sweep checks only that nothing panics).
func TestNilAndZero(t *testing.T) {
	var f *audit.Finding
	assert.ErrorIs(t, f.Validate(), isms.ErrInvalid)
	assert.ErrorIs(t, f.Step("bob", audit.StepCommand{To: audit.StatusClosed}, now), isms.ErrInvalid)
	assert.False(t, f.Open())
	assert.Nil(t, f.RiskInputs())
	assert.Nil(t, f.Improvement())
	assert.True(t, f.Ref().IsZero())

	var p *audit.Programme
	assert.ErrorIs(t, p.Validate(), isms.ErrInvalid)
	assert.True(t, p.CycleEnd().IsZero())
	fs, err := audit.CheckProgramme(nil, nil, now)
	assert.NoError(t, err)
	assert.Nil(t, fs)

	var cl *audit.Checklist
	assert.ErrorIs(t, cl.Validate(), isms.ErrInvalid)
	assert.Nil(t, audit.CheckChecklist(nil, true))
	var mr *audit.ManagementReview
	assert.ErrorIs(t, mr.Validate(), isms.ErrInvalid)
	assert.Nil(t, audit.ReviewImprovements(nil))
	var m *audit.Improvement
	assert.ErrorIs(t, m.Validate(), isms.ErrInvalid)
	assert.Nil(t, audit.IncidentImprovements(nil))

	for _, parse := range []func([]byte) error{
		func(b []byte) error { _, err := audit.ParseFinding(b); return err },
		func(b []byte) error { _, err := audit.ParseProgramme(b); return err },
		func(b []byte) error { _, err := audit.ParseChecklist(b); return err },
		func(b []byte) error { _, err := audit.ParseManagementReview(b); return err },
		func(b []byte) error { _, err := audit.ParseImprovement(b); return err },
	} {
		assert.ErrorIs(t, parse(nil), isms.ErrInvalid)
		assert.ErrorIs(t, parse([]byte("{}")), isms.ErrInvalid, "an empty document lacks the required fields")
	}

	// A zero snapshot is an ISMS with nothing in it (see TestReadinessEmptyISMS).
	r, err := audit.Readiness(&audit.Snapshot{}, now, nil)
	require.NoError(t, err)
	assert.False(t, r.Stage1.Ready)
	v, err := audit.PDCA(nil, now, now.AddDate(0, 1, 0))
	require.NoError(t, err)
	assert.Empty(t, v.Plan)

	var svc *audit.Service
	ctx := isms.WithActor(context.Background(), "bob")
	_, err = svc.Get(ctx, "f-1")
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = svc.Step(ctx, "f-1", audit.StepCommand{})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.Equal(t, "audit.Service(nil)", svc.String())
	real, err := audit.NewService(memstore.NewStore(nil), "acme")
	require.NoError(t, err)
	var nilCtx context.Context // the input under test
	_, err = real.Get(nilCtx, "f-1")
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.ErrorIs(t, real.Raise(ctx, nil), isms.ErrInvalid)
	_, err = real.Get(ctx, "")
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.Equal(t, "audit.Service(acme)", real.String())
}
