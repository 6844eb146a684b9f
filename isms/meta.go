package isms

import (
	"fmt"
	"time"
)

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

// Metadata returns m (nil for a nil m). Embedding Meta makes every
// *Entity satisfy the storage layer's Entity interface.
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

// Bounds of the times the SDK accepts: years 0001 to 9999 in UTC, the
// range RFC 3339 can write once a time is normalized to UTC
// (NormalizeTime), so that every time that validates is stored and read
// back equal.
const (
	MinTimeYear = 1
	MaxTimeYear = 9999
)

// CheckTime adds a problem with code CodeOutOfRange to ps when t cannot be
// stored and read back exactly: its year in UTC is outside MinTimeYear to
// MaxTimeYear, or its zone offset is not a whole number of minutes within
// ±24 hours (RFC 3339 has no other offsets). The zero time, which means
// "not set", is accepted. Every validator of the SDK checks its times with
// it; a nil ps is left alone.
func CheckTime(ps *Problems, field string, t time.Time) {
	if msg := timeProblem(t); msg != "" {
		ps.Add(field, CodeOutOfRange, field+" "+msg)
	}
}

// timeProblem says why t cannot be stored, or returns "" when it can.
func timeProblem(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if y := t.UTC().Year(); y < MinTimeYear || y > MaxTimeYear {
		return fmt.Sprintf("is in year %d in UTC, outside %04d to %04d", y, MinTimeYear, MaxTimeYear)
	}
	if _, off := t.Zone(); off%60 != 0 || off <= -24*3600 || off >= 24*3600 {
		return fmt.Sprintf("has a zone offset of %d seconds, which RFC 3339 cannot write", off)
	}
	return ""
}
