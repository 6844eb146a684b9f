package isms_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// RequireActor returns the context's actor, and refuses a nil context, a
// context without one and an empty actor alike, with ErrInvalid and the
// one message every write of the SDK gives.
func TestRequireActor(t *testing.T) {
	a, err := isms.RequireActor(isms.WithActor(context.Background(), "ciso"))
	require.NoError(t, err)
	assert.Equal(t, "ciso", a)
	var nilCtx context.Context
	for name, ctx := range map[string]context.Context{
		"nil context": nilCtx,
		"no actor":    context.Background(),
		"empty actor": isms.WithActor(context.Background(), ""),
	} {
		a, err := isms.RequireActor(ctx)
		assert.Empty(t, a, name)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
		assert.EqualError(t, err, "no actor in the context: every write is journaled with who made it (isms.WithActor)", name)
	}
}
