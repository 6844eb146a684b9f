package store_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// selfDecoded decodes its stored documents itself: its UnmarshalStored keeps
// the document it was given, so the test sees that the repository called
// it, and fails on a document whose name is "bad".
type selfDecoded struct {
	isms.Meta
	Name string `json:"name"`
	seen string // the document UnmarshalStored decoded
}

var errBadGadget = errors.New("bad document")

func (g *selfDecoded) UnmarshalStored(data []byte) error {
	var fields struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	*g = selfDecoded{Name: fields.Name, seen: string(data)}
	if g.Name == "bad" {
		return errBadGadget
	}
	return nil
}

var _ store.Unmarshaler = (*selfDecoded)(nil)

// TestRepositoryUsesUnmarshaler checks that a repository decodes with a
// type's UnmarshalStored (Get, List and All), sets the Meta from the
// record afterwards, and wraps its error once with the record's kind and
// ID.
func TestRepositoryUsesUnmarshaler(t *testing.T) {
	s := newStore()
	repo, err := store.NewRepository[selfDecoded](s, "acme", "gadget")
	require.NoError(t, err)
	for _, name := range []string{"one", "bad"} {
		require.NoError(t, repo.Create(ctx, &selfDecoded{Name: name}))
	}

	got, err := repo.Get(ctx, "gadget-0001")
	require.NoError(t, err)
	assert.Equal(t, "one", got.Name)
	assert.JSONEq(t, `{"id":"gadget-0001","revision":1,"created_at":"2026-11-22T09:00:00Z","updated_at":"2026-11-22T09:00:00Z","name":"one"}`, got.seen,
		"UnmarshalStored was given the stored document")
	assert.Equal(t, isms.Meta{ID: "gadget-0001", Revision: 1, CreatedAt: t0, UpdatedAt: t0}, got.Meta, "the Meta comes from the record")

	_, err = repo.Get(ctx, "gadget-0002")
	require.ErrorIs(t, err, errBadGadget)
	assert.Equal(t, `gadget "gadget-0002": decode stored document: bad document`, err.Error())

	_, _, err = repo.List(ctx, store.ListOptions{})
	require.ErrorIs(t, err, errBadGadget)
	for g, err := range repo.All(ctx) {
		if err != nil {
			require.ErrorIs(t, err, errBadGadget)
			break
		}
		assert.Equal(t, "one", g.Name)
	}
}
