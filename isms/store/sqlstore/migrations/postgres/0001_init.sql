-- Records: one JSON document per (tenant, kind, id). data keeps the exact
-- bytes the SDK wrote (their SHA-256 is in the journal); doc is the same
-- document as JSONB, indexed for queries such as
--   SELECT id FROM isms_records WHERE tenant = 'acme' AND doc @> '{"status":"open"}'
-- Times are Unix microseconds (UTC). Keys use the "C" collation, so IDs
-- sort in byte order.
CREATE TABLE {{q}}records (
	tenant     TEXT COLLATE "C" NOT NULL,
	kind       TEXT COLLATE "C" NOT NULL,
	id         TEXT COLLATE "C" NOT NULL,
	revision   BIGINT NOT NULL,
	data       JSON   NOT NULL,
	doc        JSONB  GENERATED ALWAYS AS (data::jsonb) STORED,
	created_us BIGINT NOT NULL,
	updated_us BIGINT NOT NULL,
	PRIMARY KEY (tenant, kind, id)
);
-- split
CREATE INDEX {{p}}records_doc ON {{q}}records USING GIN (doc jsonb_path_ops);
-- split
-- The journal: each tenant's hash chain, numbered from 1 without gaps.
CREATE TABLE {{q}}journal (
	tenant    TEXT COLLATE "C" NOT NULL,
	seq       BIGINT NOT NULL,
	time_us   BIGINT NOT NULL,
	actor     TEXT   NOT NULL,
	kind      TEXT   NOT NULL,
	id        TEXT   NOT NULL,
	revision  BIGINT NOT NULL,
	op        TEXT   NOT NULL,
	data_hash BYTEA  NOT NULL,
	prev_hash BYTEA  NOT NULL,
	hash      BYTEA  NOT NULL,
	PRIMARY KEY (tenant, seq)
);
-- split
-- The head of each tenant's journal: its last sequence and hash. Writers
-- lock a tenant's head row, which serializes the tenant's journal.
CREATE TABLE {{q}}journal_heads (
	tenant TEXT COLLATE "C" PRIMARY KEY,
	seq    BIGINT NOT NULL,
	hash   BYTEA  NOT NULL
);
