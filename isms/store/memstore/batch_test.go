package memstore

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

func put(k driver.Key, rev int64) driver.BatchOp {
	return driver.BatchOp{Record: driver.Record{Key: k, Revision: rev, Data: []byte(`{}`), CreatedAt: testWrite.Time, UpdatedAt: testWrite.Time}, Write: testWrite}
}

func del(k driver.Key, rev int64) driver.BatchOp {
	return driver.BatchOp{Record: driver.Record{Key: k, Revision: rev}, Delete: true, Write: testWrite}
}

func TestBatchAppliesInOrderAcrossTenants(t *testing.T) {
	ctx := isms.WithActor(context.Background(), "alice")
	b := NewBackend()
	a1 := driver.Key{Tenant: "a", Kind: "k", ID: "1"}
	b1 := driver.Key{Tenant: "b", Kind: "k", ID: "1"}
	recs, err := b.Batch(ctx, []driver.BatchOp{put(a1, 0), put(a1, 1), put(b1, 0), del(b1, 1), put(b1, 0)})
	require.NoError(t, err)
	require.Len(t, recs, 5)
	// Revisions by hand: a1 created (1) then updated (2); b1 created (1),
	// deleted, created again (1).
	assert.Equal(t, []int64{1, 2, 1, 0, 1}, []int64{recs[0].Revision, recs[1].Revision, recs[2].Revision, recs[3].Revision, recs[4].Revision})
	got, err := b.Get(ctx, a1)
	require.NoError(t, err)
	assert.Equal(t, int64(2), got.Revision)
	ja, err := b.ReadJournal(ctx, "a", 0, 10)
	require.NoError(t, err)
	jb, err := b.ReadJournal(ctx, "b", 0, 10)
	require.NoError(t, err)
	assert.Len(t, ja, 2)
	require.Len(t, jb, 3)
	assert.Equal(t, []driver.Operation{driver.OpCreate, driver.OpDelete, driver.OpCreate}, []driver.Operation{jb[0].Operation, jb[1].Operation, jb[2].Operation})
	assert.Equal(t, jb[0].Hash, jb[1].PrevHash)
}

// TestFailedBatchWritesNothing: the third op conflicts, so neither the
// records nor the journals of the first two change, and the error names
// op 2 and answers ErrConflict.
func TestFailedBatchWritesNothing(t *testing.T) {
	ctx := isms.WithActor(context.Background(), "alice")
	b := NewBackend()
	k1 := driver.Key{Tenant: "t", Kind: "k", ID: "1"}
	k2 := driver.Key{Tenant: "t", Kind: "k", ID: "2"}
	_, err := b.Put(ctx, put(k1, 0).Record, testWrite)
	require.NoError(t, err)
	for name, ops := range map[string][]driver.BatchOp{
		"conflict":     {put(k1, 1), put(k2, 0), put(k1, 1)},
		"not found":    {put(k2, 0), del(k2, 1), del(k2, 1)},
		"create twice": {put(k2, 0), put(k1, 1), put(k2, 0)},
		"other tenant": {put(k2, 0), put(driver.Key{Tenant: "u", Kind: "k", ID: "x"}, 0), put(driver.Key{Tenant: "v", Kind: "k", ID: "x"}, 3)},
	} {
		_, err := b.Batch(ctx, ops)
		var opErr *driver.BatchOpError
		require.ErrorAs(t, err, &opErr, name)
		assert.Equal(t, 2, opErr.Index, name)
		got, err := b.Get(ctx, k1)
		require.NoError(t, err)
		assert.Equal(t, int64(1), got.Revision, name)
		_, err = b.Get(ctx, k2)
		assert.ErrorIs(t, err, isms.ErrNotFound, name)
		j, err := b.ReadJournal(ctx, "t", 0, 10)
		require.NoError(t, err)
		assert.Len(t, j, 1, name)
		for _, tenant := range []string{"u", "v"} {
			j, err := b.ReadJournal(ctx, tenant, 0, 10)
			require.NoError(t, err)
			assert.Empty(t, j, name)
		}
	}
	_, err = b.Batch(ctx, []driver.BatchOp{put(k1, 1), put(k1, 1)})
	assert.ErrorIs(t, err, isms.ErrConflict)
}
