package sqlstore_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/sqlstore"
)

// TestNilAndZero calls the exported API with nil and zero arguments: every
// call fails with isms.ErrInvalid (or does nothing), none panics.
func TestNilAndZero(t *testing.T) {
	ctx := context.Background()
	var nilCtx context.Context
	db, err := sql.Open("sqlite", ":memory:")
	assert.NoError(t, err)
	defer db.Close()

	_, err = sqlstore.Open(nilCtx, db, sqlstore.SQLite, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = sqlstore.Open(ctx, nil, sqlstore.SQLite, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = sqlstore.NewBackend(ctx, db, "", nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.ErrorIs(t, sqlstore.Migrate(nilCtx, db, sqlstore.SQLite, nil), isms.ErrInvalid)
	assert.ErrorIs(t, sqlstore.Migrate(ctx, nil, sqlstore.SQLite, nil), isms.ErrInvalid)
	assert.ErrorIs(t, sqlstore.Migrate(ctx, db, "mysql", nil), isms.ErrInvalid)
	_, err = sqlstore.Migrations("", nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	for name, opts := range map[string]*sqlstore.Options{
		"prefix with a capital":  {TablePrefix: "Isms_"},
		"prefix with a hyphen":   {TablePrefix: "isms-"},
		"prefix too long":        {TablePrefix: "a234567890123456789012345678901234567890x"},
		"schema on SQLite":       {Schema: "isms"},
		"negative busy timeout":  {BusyTimeout: -time.Second},
		"busy timeout too large": {BusyTimeout: sqlstore.MaxBusyTimeout + 1},
	} {
		_, err := sqlstore.NewBackend(ctx, db, sqlstore.SQLite, opts)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
	_, err = sqlstore.Migrations(sqlstore.PostgreSQL, &sqlstore.Options{Schema: "1bad"})
	assert.ErrorIs(t, err, isms.ErrInvalid, "a schema starting with a digit")

	var d sqlstore.Dialect
	assert.False(t, d.IsValid())
	assert.ErrorIs(t, d.UnmarshalText([]byte("oracle")), isms.ErrInvalid)
	assert.NoError(t, d.UnmarshalText([]byte("postgres")))
	assert.Equal(t, sqlstore.PostgreSQL, d)
	assert.Equal(t, []sqlstore.Dialect{sqlstore.SQLite, sqlstore.PostgreSQL}, sqlstore.DialectValues())

	var b *sqlstore.Backend
	assert.NoError(t, b.Close())
	assert.Equal(t, sqlstore.Dialect(""), b.Dialect())
	assert.Nil(t, b.DB())
	k := driver.Key{Tenant: "t", Kind: "k", ID: "i"}
	_, err = b.Get(ctx, k)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = b.Put(ctx, driver.Record{Key: k, Data: []byte("{}")}, driver.Write{Actor: "a"})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.ErrorIs(t, b.Delete(ctx, k, 1, driver.Write{Actor: "a"}), isms.ErrInvalid)
	_, err = b.List(ctx, "t", "k", "", 10)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = b.ReadJournal(ctx, "t", 0, 10)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = b.Batch(ctx, nil)
	assert.ErrorIs(t, err, isms.ErrInvalid)

	live, err := sqlstore.NewBackend(ctx, db, sqlstore.SQLite, nil)
	assert.NoError(t, err)
	_, err = live.Get(nilCtx, k)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	recs, err := live.Batch(ctx, nil)
	assert.NoError(t, err)
	assert.Empty(t, recs)

	// The store's batch API with nil and zero values.
	var batch *store.Batch
	assert.Equal(t, 0, batch.Len())
	var s *store.Store
	assert.ErrorIs(t, s.Apply(ctx, &store.Batch{}), isms.ErrInvalid)
	var r *store.Repository[Asset]
	assert.ErrorIs(t, r.BatchCreate(&store.Batch{}, &Asset{}), isms.ErrInvalid)
	assert.ErrorIs(t, r.BatchUpdate(&store.Batch{}, &Asset{}), isms.ErrInvalid)
	assert.ErrorIs(t, r.BatchDelete(&store.Batch{}, "x", 1), isms.ErrInvalid)
	assert.ErrorIs(t, r.CreateAll(ctx, nil), isms.ErrInvalid)
	var be *driver.BatchOpError
	assert.Equal(t, "<nil>", be.Error())
	assert.NoError(t, be.Unwrap())
}
