package sqlstore

import "strings"

// queries holds the package's SQL for one configuration, table names
// filled in and placeholders in the dialect's form. Every value is a bound
// parameter; only the checked table names are spliced in.
type queries struct {
	get, list                      string
	insert, update, delete, exists string
	head, appendEntry, setHead     string
	// appendLast appends an entry and moves the head to it in one
	// statement (PostgreSQL only; "" on SQLite).
	appendLast  string
	readJournal string
}

func newQueries(c config) queries {
	t := strings.NewReplacer("{R}", c.qualified()+"records", "{J}", c.qualified()+"journal", "{H}", c.qualified()+"journal_heads")
	q := func(s string) string { return c.d.rebind(t.Replace(s)) }
	appendLast := ""
	if c.d == PostgreSQL {
		appendLast = q(`WITH j AS (INSERT INTO {J} (tenant, seq, time_us, actor, kind, id, revision, op, data_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)) UPDATE {H} SET seq = ?, hash = ? WHERE tenant = ?`)
	}
	return queries{
		appendLast: appendLast,
		get:        q(`SELECT revision, data, created_us, updated_us FROM {R} WHERE tenant = ? AND kind = ? AND id = ?`),
		list:       q(`SELECT id, revision, data, created_us, updated_us FROM {R} WHERE tenant = ? AND kind = ? AND id > ? ORDER BY id LIMIT ?`),
		exists:     q(`SELECT revision FROM {R} WHERE tenant = ? AND kind = ? AND id = ?`),
		insert:     q(`INSERT INTO {R} (tenant, kind, id, revision, data, created_us, updated_us) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING`),
		update:     q(`UPDATE {R} SET revision = revision + 1, data = ?, updated_us = ? WHERE tenant = ? AND kind = ? AND id = ? AND revision = ? RETURNING created_us`),
		delete:     q(`DELETE FROM {R} WHERE tenant = ? AND kind = ? AND id = ? AND revision = ?`),
		// The upsert creates a tenant's head at sequence 0 and otherwise
		// locks it (on PostgreSQL; SQLite holds the database's write lock).
		head:        q(`INSERT INTO {H} (tenant, seq, hash) VALUES (?, 0, ?) ON CONFLICT (tenant) DO UPDATE SET tenant = excluded.tenant RETURNING seq, hash`),
		appendEntry: q(`INSERT INTO {J} (tenant, seq, time_us, actor, kind, id, revision, op, data_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		setHead:     q(`UPDATE {H} SET seq = ?, hash = ? WHERE tenant = ?`),
		readJournal: q(`SELECT seq, time_us, actor, kind, id, revision, op, data_hash, prev_hash, hash FROM {J} WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?`),
	}
}
