-- Records: one JSON document per (tenant, kind, id). Times are Unix
-- microseconds (UTC). IDs compare in byte order (BINARY collation).
CREATE TABLE {{q}}records (
	tenant     TEXT    NOT NULL,
	kind       TEXT    NOT NULL,
	id         TEXT    NOT NULL,
	revision   INTEGER NOT NULL,
	data       TEXT    NOT NULL,
	created_us INTEGER NOT NULL,
	updated_us INTEGER NOT NULL,
	PRIMARY KEY (tenant, kind, id)
) WITHOUT ROWID;
-- split
-- The journal: each tenant's hash chain, numbered from 1 without gaps.
CREATE TABLE {{q}}journal (
	tenant    TEXT    NOT NULL,
	seq       INTEGER NOT NULL,
	time_us   INTEGER NOT NULL,
	actor     TEXT    NOT NULL,
	kind      TEXT    NOT NULL,
	id        TEXT    NOT NULL,
	revision  INTEGER NOT NULL,
	op        TEXT    NOT NULL,
	data_hash BLOB    NOT NULL,
	prev_hash BLOB    NOT NULL,
	hash      BLOB    NOT NULL,
	PRIMARY KEY (tenant, seq)
) WITHOUT ROWID;
-- split
-- The head of each tenant's journal: its last sequence and hash.
CREATE TABLE {{q}}journal_heads (
	tenant TEXT    NOT NULL PRIMARY KEY,
	seq    INTEGER NOT NULL,
	hash   BLOB    NOT NULL
) WITHOUT ROWID;
