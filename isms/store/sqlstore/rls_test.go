package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/sqlstore"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// TestRowLevelSecurity runs the row-level security statements of the
// package documentation and checks that a host role's own SQL sees and
// writes only the tenant its session names, while the SDK, connected as
// the tables' owner, keeps working for every tenant.
func TestRowLevelSecurity(t *testing.T) {
	db, opts := postgres(t)
	ctx := isms.WithActor(context.Background(), "alice")
	s, err := sqlstore.Open(ctx, db, sqlstore.PostgreSQL, opts)
	require.NoError(t, err)
	for _, tenant := range []string{"acme", "globex"} {
		r, err := store.NewRepository[storetest.Widget](s, tenant, "risk")
		require.NoError(t, err)
		for i := range 3 {
			require.NoError(t, r.Create(ctx, &storetest.Widget{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("risk-%d", i))}, N: i, Text: tenant}))
		}
	}
	sch := opts.Schema
	role := fmt.Sprintf("ismstest_reporting_%d", os.Getpid())
	_, err = db.ExecContext(ctx, "CREATE ROLE "+role+" NOLOGIN")
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = db.ExecContext(context.Background(), "DROP OWNED BY "+role)
		_, _ = db.ExecContext(context.Background(), "DROP ROLE "+role)
	})
	for _, table := range []string{"isms_records", "isms_journal", "isms_journal_heads"} {
		for _, stmt := range []string{
			"ALTER TABLE " + sch + "." + table + " ENABLE ROW LEVEL SECURITY",
			"CREATE POLICY tenant_isolation ON " + sch + "." + table +
				" USING (tenant = current_setting('isms.tenant', true)) WITH CHECK (tenant = current_setting('isms.tenant', true))",
		} {
			_, err := db.ExecContext(ctx, stmt)
			require.NoError(t, err, stmt)
		}
	}
	for _, stmt := range []string{
		"GRANT USAGE ON SCHEMA " + sch + " TO " + role,
		"GRANT SELECT, INSERT ON " + sch + ".isms_records, " + sch + ".isms_journal TO " + role,
	} {
		_, err := db.ExecContext(ctx, stmt)
		require.NoError(t, err, stmt)
	}

	count := func(tenant, table string) (int, error) {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return 0, err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "SET LOCAL ROLE "+role); err != nil {
			return 0, err
		}
		if tenant != "" {
			if _, err := tx.ExecContext(ctx, "SELECT set_config('isms.tenant', $1, true)", tenant); err != nil {
				return 0, err
			}
		}
		var n int
		err = tx.QueryRowContext(ctx, "SELECT count(*) FROM "+sch+"."+table).Scan(&n)
		return n, err
	}
	for _, tc := range []struct {
		tenant, table string
		want          int
	}{
		{"acme", "isms_records", 3}, {"globex", "isms_records", 3}, {"initech", "isms_records", 0}, {"", "isms_records", 0},
		{"acme", "isms_journal", 3}, {"", "isms_journal", 0},
	} {
		n, err := count(tc.tenant, tc.table)
		require.NoError(t, err)
		assert.Equal(t, tc.want, n, "rows of %s visible to tenant %q", tc.table, tc.tenant)
	}

	// Writing another tenant's row is refused by the policy's WITH CHECK.
	tx, err := db.BeginTx(ctx, nil)
	require.NoError(t, err)
	_, err = tx.ExecContext(ctx, "SET LOCAL ROLE "+role)
	require.NoError(t, err)
	_, err = tx.ExecContext(ctx, "SELECT set_config('isms.tenant', 'acme', true)")
	require.NoError(t, err)
	_, err = tx.ExecContext(ctx, "INSERT INTO "+sch+".isms_records (tenant, kind, id, revision, data, created_us, updated_us) VALUES ('globex', 'risk', 'x', 1, '{}', 0, 0)")
	assert.ErrorContains(t, err, "row-level security")
	require.NoError(t, tx.Rollback())

	// The SDK, as the tables' owner, still reads and writes every tenant.
	r, err := store.NewRepository[storetest.Widget](s, "globex", "risk")
	require.NoError(t, err)
	w, err := r.Get(ctx, "risk-1")
	require.NoError(t, err)
	w.N = 42
	require.NoError(t, r.Update(ctx, w))
	require.NoError(t, s.VerifyJournal(ctx, "globex"))
}
