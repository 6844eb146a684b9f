package isms_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

func TestValidationErrorListsEveryProblem(t *testing.T) {
	var ps isms.Problems
	require.NoError(t, ps.Err("risk"), "no problems, no error")
	ps.Add("title", isms.CodeRequired, "title is required")
	ps.Addf("likelihood", isms.CodeOutOfRange, "likelihood %d is not in 0..%d", 7, 4)
	err := ps.Err("risk")
	require.Error(t, err)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.NotErrorIs(t, err, isms.ErrNotFound)
	assert.Equal(t, "risk: invalid: title: title is required (required); likelihood: likelihood 7 is not in 0..4 (out_of_range)", err.Error())

	wrapped := fmt.Errorf("risk: create: %w", err)
	var ve *isms.ValidationError
	require.ErrorAs(t, wrapped, &ve)
	assert.Len(t, ve.Problems, 2)
	assert.True(t, ve.Has("likelihood", isms.CodeOutOfRange))
	assert.True(t, ve.Has("", isms.CodeRequired))
	assert.False(t, ve.Has("title", isms.CodeOutOfRange))

	// The error owns its problems: adding to the collector later does not change it.
	ps.Add("owner", isms.CodeRequired, "owner is required")
	assert.Len(t, ve.Problems, 2)
}

func TestProblemsMergeNestsFieldPaths(t *testing.T) {
	inner := isms.Problems{{Field: "likelihood", Code: isms.CodeRequired, Message: "m"}, {Field: "[2]", Code: isms.CodeDuplicate, Message: "d"}}
	var ps isms.Problems
	ps.Merge("assessments.current", inner.Err("assessment"))
	ps.Merge("entries", (isms.Problems{{Field: "[3].owner", Code: isms.CodeRequired, Message: "o"}}).Err(""))
	ps.Merge("ref", errors.New("plain"))
	ps.Merge("nothing", nil)
	want := []isms.Problem{
		{Field: "assessments.current.likelihood", Code: isms.CodeRequired, Message: "m"},
		{Field: "assessments.current[2]", Code: isms.CodeDuplicate, Message: "d"},
		{Field: "entries[3].owner", Code: isms.CodeRequired, Message: "o"},
		{Field: "ref", Code: "invalid", Message: "plain"},
	}
	assert.Equal(t, want, []isms.Problem(ps))
}

func TestCategoryErrors(t *testing.T) {
	tests := []struct {
		err  error
		is   error
		text string
	}{
		{&isms.NotFoundError{Kind: "risk", ID: "r1"}, isms.ErrNotFound, `risk "r1" not found`},
		{&isms.ConflictError{Kind: "risk", ID: "r1", Actual: 3}, isms.ErrConflict, `risk "r1" already exists (revision 3)`},
		{&isms.ConflictError{Kind: "risk", ID: "r1", Expected: 2, Actual: 3}, isms.ErrConflict, `risk "r1": revision 2 is stale, stored revision is 3`},
		{isms.Invalidf("bad %d", 1), isms.ErrInvalid, "bad 1"},
		{isms.Unsupportedf("no %s", "journal"), isms.ErrUnsupported, "no journal"},
	}
	cats := []error{isms.ErrNotFound, isms.ErrConflict, isms.ErrInvalid, isms.ErrUnsupported}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			assert.EqualError(t, tc.err, tc.text)
			wrapped := fmt.Errorf("ctx: %w", tc.err)
			for _, c := range cats {
				assert.Equal(t, c == tc.is, errors.Is(wrapped, c), "errors.Is(%v)", c)
			}
		})
	}
}

func TestSeverityStrictUnmarshal(t *testing.T) {
	var f isms.Finding
	require.NoError(t, json.Unmarshal([]byte(`{"code":"x.y","severity":"warning","message":"m"}`), &f))
	assert.Equal(t, isms.SeverityWarning, f.Severity)
	err := json.Unmarshal([]byte(`{"code":"x.y","severity":"critical","message":"m"}`), &f)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.ErrorContains(t, err, "want one of error, warning, info")
	assert.True(t, isms.SeverityInfo.IsValid())
	assert.False(t, isms.Severity("").IsValid())
	assert.Equal(t, []isms.Severity{"error", "warning", "info"}, isms.SeverityValues())
}

func TestSortAndFilterFindings(t *testing.T) {
	fs := []isms.Finding{
		{Code: "b.code", Severity: isms.SeverityInfo, Subject: isms.NewRef("risk", "r2")},
		{Code: "a.code", Severity: isms.SeverityWarning, Subject: isms.NewRef("risk", "r2")},
		{Code: "a.code", Severity: isms.SeverityWarning, Subject: isms.NewRef("risk", "r1")},
		{Code: "z.code", Severity: isms.SeverityError, Subject: isms.NewRef("asset", "a1")},
	}
	isms.SortFindings(fs)
	var order []string
	for _, f := range fs {
		order = append(order, f.Code+" "+f.Subject.String())
	}
	assert.Equal(t, []string{"z.code asset/a1", "a.code risk/r1", "a.code risk/r2", "b.code risk/r2"}, order)
	assert.Equal(t, isms.SeverityError, isms.MaxSeverity(fs))
	assert.Equal(t, isms.Severity(""), isms.MaxSeverity(nil))
	assert.Len(t, isms.WithCode(fs, "a.code"), 2)
	assert.Len(t, isms.WithoutCodes(fs, "a.code", "z.code"), 1)
}

func TestFindingJSONIsSnakeCase(t *testing.T) {
	f := isms.Finding{Code: "document.review_overdue", Severity: isms.SeverityWarning, Subject: isms.NewRef(isms.KindDocument, "d1"),
		Message: "review overdue", Details: map[string]string{"due": "2026-01-31"}}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"document.review_overdue","severity":"warning","subject":{"kind":"document","id":"d1"},"message":"review overdue","details":{"due":"2026-01-31"}}`, string(b))
}

func TestIDValidate(t *testing.T) {
	for _, id := range []isms.ID{"A.5.1", "0193a5b0-7c1e-7000-8000-000000000001", "risk-0001", "é", "~!", isms.ID(strings.Repeat("x", 255))} {
		assert.NoError(t, id.Validate(), "%q", id)
		assert.True(t, id.IsValid(), "%q", id)
	}
	for _, id := range []isms.ID{"", "a b", "tab\t", "nul\x00", "\xff", "del\x7f", "nbsp\u00a0", "é è", isms.ID(make([]byte, 256))} {
		assert.ErrorIs(t, id.Validate(), isms.ErrInvalid, "%q", id)
		assert.False(t, id.IsValid(), "%q", id)
	}
}

func TestUUIDv7IsTimeOrdered(t *testing.T) {
	src := isms.UUIDv7()
	prev := src.NewID("risk")
	require.NoError(t, prev.Validate())
	for range 1000 {
		id := src.NewID("risk")
		assert.Len(t, string(id), 36)
		assert.Equal(t, byte('7'), id[14], "version nibble of %s", id)
		assert.Greater(t, string(id), string(prev), "UUIDv7 IDs sort in creation order")
		prev = id
	}
}

func TestRef(t *testing.T) {
	r := isms.NewRef("control", "A.8.24")
	assert.Equal(t, "control/A.8.24", r.String())
	assert.NoError(t, r.Validate())
	assert.True(t, isms.Ref{}.IsZero())
	assert.Equal(t, "", isms.Ref{}.String())
	err := isms.Ref{Kind: "a/b"}.Validate()
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("kind", isms.CodeMalformed))
	assert.True(t, ve.Has("id", isms.CodeMalformed))
}

func TestParseEnum(t *testing.T) {
	type color string
	vals := []color{"red", "green"}
	c, err := isms.ParseEnum("color", "green", vals)
	require.NoError(t, err)
	assert.Equal(t, color("green"), c)
	_, err = isms.ParseEnum("color", "Green", vals)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.EqualError(t, err, `unknown color "Green" (want one of red, green)`)

	c = "red"
	require.NoError(t, isms.UnmarshalEnum(&c, "color", []byte("green"), vals))
	assert.Equal(t, color("green"), c)
	assert.ErrorIs(t, isms.UnmarshalEnum(&c, "color", []byte("blue"), vals), isms.ErrInvalid)
	assert.Equal(t, color("green"), c, "unchanged on error")
	b := []byte("red")
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = isms.UnmarshalEnum(&c, "color", b, vals) }),
		"a known value is the accepted constant itself, not a new string")
	assert.Equal(t, color("red"), c)

	var ps isms.Problems
	isms.CheckEnum(&ps, "a", color(""), vals, true)
	isms.CheckEnum(&ps, "b", color(""), vals, false)
	isms.CheckEnum(&ps, "c", color("blue"), vals, false)
	isms.CheckEnum(&ps, "d", color("red"), vals, true)
	assert.Equal(t, []isms.Problem{
		{Field: "a", Code: isms.CodeRequired, Message: "a is required"},
		{Field: "c", Code: isms.CodeUnknown, Message: `unknown value "blue"`},
	}, []isms.Problem(ps))
}

// TestProblemsAreCapped: past MaxProblems one CodeTooMany problem closes
// the list, through Add, Addf and Merge alike.
func TestProblemsAreCapped(t *testing.T) {
	var ps isms.Problems
	for i := range isms.MaxProblems + 500 {
		if i%2 == 0 {
			ps.Add("f", isms.CodeRequired, "x")
		} else {
			ps.Addf("f", isms.CodeRequired, "x %d", i)
		}
	}
	require.Len(t, ps, isms.MaxProblems+1)
	assert.Equal(t, isms.CodeTooMany, ps[isms.MaxProblems].Code)
	assert.Equal(t, "more problems were found; only the first 1000 are listed", ps[isms.MaxProblems].Message)

	// Merging a full list into a non-empty one keeps the cap and closes
	// the list once.
	var outer isms.Problems
	outer.Add("a", isms.CodeRequired, "a is required")
	outer.Merge("items", ps.Err("items"))
	require.Len(t, outer, isms.MaxProblems+1)
	assert.Equal(t, "a", outer[0].Field)
	assert.Equal(t, "items.f", outer[1].Field)
	assert.Equal(t, isms.CodeTooMany, outer[isms.MaxProblems].Code)

	// Merging a short capped list marks the result as incomplete too.
	short := isms.Problems{{Field: "f", Code: isms.CodeRequired}, {Code: isms.CodeTooMany}}
	var got isms.Problems
	got.Merge("p", short.Err("s"))
	require.Len(t, got, 2)
	assert.Equal(t, isms.CodeTooMany, got[1].Code)
}

// The last two keys (field, then message) break ties, and findings equal
// in every key keep their input order (the sort is stable): the order is
// written out by hand.
func TestSortFindingsTieBreaks(t *testing.T) {
	s := isms.NewRef("risk", "r1")
	fs := []isms.Finding{
		{Code: "c", Severity: isms.SeverityError, Subject: s, Field: "b", Message: "m", Details: map[string]string{"n": "1"}},
		{Code: "c", Severity: isms.SeverityError, Subject: s, Field: "a", Message: "z"},
		{Code: "c", Severity: isms.SeverityError, Subject: s, Field: "b", Message: "m", Details: map[string]string{"n": "2"}},
		{Code: "c", Severity: isms.SeverityError, Subject: s, Field: "a", Message: "y"},
		{Code: "c", Severity: isms.SeverityError, Subject: s, Field: "b", Message: "a"},
	}
	isms.SortFindings(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Field+" "+f.Message+" "+f.Details["n"])
	}
	assert.Equal(t, []string{"a y ", "a z ", "b a ", "b m 1", "b m 2"}, got)
}

func BenchmarkSortFindings10k(b *testing.B) {
	base := make([]isms.Finding, 10_000)
	for i := range base {
		base[i] = isms.Finding{Code: fmt.Sprintf("code.%d", i%37), Severity: isms.SeverityValues()[i%3],
			Subject: isms.NewRef("risk", isms.ID(fmt.Sprintf("r%05d", (i*7919)%10_000))), Message: "m"}
	}
	fs := make([]isms.Finding, len(base))
	b.ReportAllocs()
	for b.Loop() {
		copy(fs, base)
		isms.SortFindings(fs)
	}
}
