// Package sqlstore is the SQL storage backend of ismskit: SQLite for an
// embedded file (a single service, a desktop tool) and PostgreSQL for a
// multi-tenant platform, over database/sql.
//
// # Opening
//
// The package imports no database driver; the program does, and passes
// its *sql.DB (which stays the program's to close):
//
//	import _ "modernc.org/sqlite"             // or _ "github.com/ncruces/go-sqlite3/driver" ("sqlite3")
//	db, err := sql.Open("sqlite", "file:isms.db?_pragma=busy_timeout(5000)")
//	s, err := sqlstore.Open(ctx, db, sqlstore.SQLite, nil)
//
//	import _ "github.com/jackc/pgx/v5/stdlib"
//	db, err := sql.Open("pgx", "postgres://isms@db.example/isms")
//	s, err := sqlstore.Open(ctx, db, sqlstore.PostgreSQL, &sqlstore.Options{Schema: "isms"})
//
// Open applies the pending schema migrations (Migrate) and returns the
// *store.Store every service of the SDK takes. Options.TablePrefix and, on
// PostgreSQL, Options.Schema let the tables live beside a host's own.
//
// # Schema
//
// Four tables (names with the default prefix "isms_"): isms_records, one
// JSON document per (tenant, kind, id) with its revision and created and
// updated times in Unix microseconds; isms_journal, each tenant's
// hash-chained journal keyed by (tenant, seq); isms_journal_heads, the last
// sequence and hash of each tenant's journal; and isms_migrations, the
// applied migrations. On PostgreSQL the document is kept both as the exact
// bytes written (data, JSON, whose SHA-256 the journal records) and as
// JSONB (doc, a generated column) with a GIN index for queries such as
//
//	SELECT id FROM isms.isms_records
//	WHERE tenant = 'acme' AND kind = 'risk' AND doc @> '{"owner": "CTO"}';
//
// PostgreSQL's JSONB cannot hold the escape \u0000: such a document is
// refused with isms.ErrInvalid. On SQLite the document is TEXT, usable with
// SQLite's JSON functions (json_extract(data, '$.owner')).
//
// # Semantics
//
// The backend passes the conformance suite (storetest.RunBackend) on both
// dialects and all three drivers above. Optimistic concurrency is enforced
// by the database: an update is UPDATE ... WHERE revision = ?, a create
// INSERT ... ON CONFLICT DO NOTHING, never a check followed by a write.
// Each write and its journal entry commit in one transaction. The journal
// sequence is allocated under a lock on the tenant's head row (on SQLite,
// the database's write lock), taken after the record's row so that writers
// cannot deadlock; it has no gaps and no duplicates whatever the number of
// processes, and the primary key (tenant, seq) would refuse a duplicate.
// Listing pages by key (id > the last ID of the previous page, in byte
// order: the "C" collation on PostgreSQL), so paging is stable under
// concurrent inserts. A done context aborts the statement in flight and
// the call returns the context's error. Every value is a bound parameter.
//
// SQLite runs in WAL mode (set by Migrate, kept by the file). Each write
// transaction is BEGIN IMMEDIATE on a connection with busy_timeout set
// (Options.BusyTimeout) and synchronous = NORMAL (Options.SQLiteFullSync
// for FULL), so concurrent writers wait for the lock instead of failing with
// "database is locked"; writers of one process queue in Go. An in-memory
// SQLite database exists once per connection, so NewBackend limits such a
// *sql.DB to one connection.
//
// # Batches
//
// The backend implements driver.Batcher: Store.Apply and
// Repository.CreateAll write a whole batch, with its journal entries, in
// one transaction, and a failed batch writes nothing.
//
// # Tenant isolation in the database
//
// Every query of the package names its tenant. On PostgreSQL a host can
// also make the database enforce the separation for its own SQL with
// row-level security: enable it on the three data tables, with a policy
// that compares each row's tenant with a setting the host's session sets,
// and give the host's role (not the role the SDK connects as, which owns
// the tables and is not subject to the policies) only the rights it needs.
// With Options.Schema "isms":
//
//	ALTER TABLE isms.isms_records ENABLE ROW LEVEL SECURITY;
//	CREATE POLICY tenant_isolation ON isms.isms_records
//	    USING (tenant = current_setting('isms.tenant', true))
//	    WITH CHECK (tenant = current_setting('isms.tenant', true));
//	-- the same for isms.isms_journal and isms.isms_journal_heads
//	GRANT USAGE ON SCHEMA isms TO reporting;
//	GRANT SELECT ON isms.isms_records, isms.isms_journal TO reporting;
//
// and in the host's session (SET LOCAL inside a transaction):
//
//	SET isms.tenant = 'acme';
//	SELECT id, doc->>'title' FROM isms.isms_records WHERE kind = 'risk';
//
// A session that has not set isms.tenant sees no rows, and one that has
// sees and can write only its tenant's. TestRowLevelSecurity runs exactly
// these statements against a server.
package sqlstore
