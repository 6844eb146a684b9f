package isms

import "time"

// Meta is the bookkeeping every persisted entity embeds. Revision counts
// writes: 0 before the first write, 1 after the create, +1 per update. The
// storage layer owns these fields: it sets them on every write and
// overwrites them from the stored record on every read.
type Meta struct {
	ID        ID        `json:"id"`
	Revision  int64     `json:"revision,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Metadata returns m. Embedding Meta makes every *Entity satisfy the
// storage layer's Entity interface.
func (m *Meta) Metadata() *Meta { return m }

// Ref returns a Ref to the entity with this Meta.
func (m Meta) Ref(kind string) Ref { return Ref{Kind: kind, ID: m.ID} }

// NormalizeTime returns t in UTC truncated to microseconds, the precision
// every backend stores.
func NormalizeTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}
