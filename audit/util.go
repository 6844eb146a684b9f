package audit

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// wrap adds the one "audit: op: " prefix of the public boundary.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("audit: %s: %w", op, err)
}

// indexField returns "field[i]".
func indexField(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

// blank reports whether s is empty or only white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// stamp formats t as RFC 3339 in UTC, "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// day formats t as a date in UTC.
func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// newFinding returns a finding of the rule with the given code.
func newFinding(code string, subject isms.Ref, field string, details map[string]string, format string, args ...any) isms.Finding {
	f := ruleOf(code).Finding(subject, fmt.Sprintf(format, args...))
	f.Field, f.Details = field, details
	return f
}

// checkRefList validates refs and reports duplicates, in one pass.
func checkRefList(ps *isms.Problems, field string, refs []isms.Ref) {
	seen := make(map[isms.Ref]int, len(refs))
	for i, r := range refs {
		if err := r.Validate(); err != nil {
			ps.Merge(indexField(field, i), err)
			continue
		}
		if j, dup := seen[r]; dup {
			ps.Addf(indexField(field, i), isms.CodeDuplicate, "%s is listed twice (first at [%d])", r, j)
			continue
		}
		seen[r] = i
	}
}

// checkIDs validates ids and reports duplicates, in one pass.
func checkIDs(ps *isms.Problems, field string, ids []isms.ID) {
	seen := make(map[isms.ID]int, len(ids))
	for i, id := range ids {
		if err := id.Validate(); err != nil {
			ps.Add(indexField(field, i), isms.CodeMalformed, err.Error())
			continue
		}
		if j, dup := seen[id]; dup {
			ps.Addf(indexField(field, i), isms.CodeDuplicate, "%s is listed twice (first at [%d])", id, j)
			continue
		}
		seen[id] = i
	}
}

// checkTimes checks that each named time lies in years 0001 to 9999.
func checkTimes(ps *isms.Problems, prefix string, ts map[string]time.Time) {
	for _, k := range sortedKeys(ts) {
		isms.CheckTime(ps, isms.JoinField(prefix, k), ts[k])
	}
}

// parseStrict decodes data strictly into a new T and validates it.
func parseStrict[T any, P interface {
	*T
	Validate() error
}](op string, data []byte) (*T, error) {
	var v T
	if err := isms.UnmarshalStrict(data, &v); err != nil {
		return nil, wrap(op, err)
	}
	if err := P(&v).Validate(); err != nil {
		return nil, wrap(op, err)
	}
	return &v, nil
}

// subjectName returns "kind id", or "kind" without an id.
func subjectName(kind string, id isms.ID) string {
	if id == "" {
		return kind
	}
	return kind + " " + string(id)
}
