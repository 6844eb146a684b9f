package sqlstore

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ismskit/ismskit/isms"
)

// Dialect names the SQL a database speaks.
type Dialect string

// Dialects.
const (
	// SQLite is SQLite 3.35 or later, through any database/sql driver
	// (tested with modernc.org/sqlite and github.com/ncruces/go-sqlite3).
	SQLite Dialect = "sqlite"
	// PostgreSQL is PostgreSQL 12 or later (tested with
	// github.com/jackc/pgx/v5/stdlib).
	PostgreSQL Dialect = "postgres"
)

var dialectValues = []Dialect{SQLite, PostgreSQL}

// DialectValues returns every Dialect.
func DialectValues() []Dialect { return slices.Clone(dialectValues) }

// IsValid reports whether d is a known Dialect.
func (d Dialect) IsValid() bool { return d == SQLite || d == PostgreSQL }

// UnmarshalText accepts only known dialects.
func (d *Dialect) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(d, "dialect", b, dialectValues)
}

// rebind rewrites the ? placeholders of query as $1, $2, ... for
// PostgreSQL. Queries of this package have no ? inside literals.
func (d Dialect) rebind(query string) string {
	if d != PostgreSQL {
		return query
	}
	var sb strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			sb.WriteByte('$')
			sb.WriteString(strconv.Itoa(n))
			continue
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// isBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY),
// whichever driver reported it.
func isBusy(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "database is locked") || strings.Contains(msg, "SQLITE_BUSY")
}

// sqlState returns the SQLSTATE code of a PostgreSQL error, whichever
// driver reported it ("" if none).
func sqlState(err error) string {
	type stater interface{ SQLState() string }
	for err != nil {
		if s, ok := err.(stater); ok {
			return s.SQLState()
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return ""
		}
		err = u.Unwrap()
	}
	return ""
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
