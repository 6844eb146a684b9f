package memstore

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// TestVerifyJournalDetectsTamperingInPlace changes the store's own journal,
// as an intruder with access to the process memory or a faulty backend
// would, and checks that VerifyJournal reports the entry.
func TestVerifyJournalDetectsTamperingInPlace(t *testing.T) {
	ctx := isms.WithActor(context.Background(), "alice")
	s := New()
	for _, id := range []isms.ID{"a", "b", "c", "d"} {
		_, err := s.Put(ctx, store.Record{Tenant: "t", Kind: "k", ID: id, Data: []byte(`{}`)})
		require.NoError(t, err)
	}
	require.NoError(t, store.VerifyJournal(ctx, s, "t"))

	s.journal["t"].at(2).actor = s.strs.intern("mallory")
	err := store.VerifyJournal(ctx, s, "t")
	var broken *store.BrokenLinkError
	require.ErrorAs(t, err, &broken)
	assert.Equal(t, int64(3), broken.Sequence)
	assert.Equal(t, "t", broken.Tenant)
	assert.True(t, errors.Is(err, store.ErrJournalBroken))
}

func TestClosedStoreRefusesCalls(t *testing.T) {
	s := New()
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "closing twice")
	_, err := s.Get(context.Background(), "t", "k", "x")
	assert.ErrorIs(t, err, isms.ErrUnsupported)
	_, err = s.Put(context.Background(), store.Record{Tenant: "t", Kind: "k", ID: "x", Data: []byte(`{}`)})
	assert.ErrorIs(t, err, isms.ErrUnsupported)
}

func TestListSortsIDsCreatedOutOfOrderAndAfterDeletes(t *testing.T) {
	ctx := context.Background()
	s := New()
	for _, id := range []isms.ID{"m", "c", "x", "a"} {
		_, err := s.Put(ctx, store.Record{Tenant: "t", Kind: "k", ID: id, Data: []byte(`{}`)})
		require.NoError(t, err)
	}
	require.NoError(t, s.Delete(ctx, "t", "k", "c", 1))
	_, err := s.Put(ctx, store.Record{Tenant: "t", Kind: "k", ID: "b", Data: []byte(`{}`)})
	require.NoError(t, err)
	recs, next, err := s.List(ctx, "t", "k", store.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, next)
	var ids []isms.ID
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []isms.ID{"a", "b", "m", "x"}, ids)
}
