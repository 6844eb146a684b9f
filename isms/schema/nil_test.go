package schema_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/schema"
)

// TestNilAndZeroArguments calls every exported function with zero
// arguments: none panics, and each fails with the documented category.
func TestNilAndZeroArguments(t *testing.T) {
	_, err := schema.Schema("")
	require.ErrorIs(t, err, isms.ErrNotFound)
	_, err = schema.Generate("", "")
	require.ErrorIs(t, err, isms.ErrNotFound)
	require.ErrorIs(t, schema.WriteAll(""), isms.ErrInvalid)
	_, err = schema.GenerateAll("/nonexistent-source-root")
	require.Error(t, err)
	all, err := schema.GenerateAll("")
	require.NoError(t, err)
	assert.Len(t, all, len(schema.Kinds()))
	assert.Equal(t, ".schema.json", schema.FileName(""))
}
