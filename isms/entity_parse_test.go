package isms_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// parser is one strict Parse… function of an entity, with a valid
// fixture.
type parser struct {
	kind  string
	parse func([]byte) (any, error)
	valid any
}

func parsers() []parser {
	wrap := func(f func([]byte) (any, error)) func([]byte) (any, error) { return f }
	return []parser{
		{isms.KindScope, wrap(func(b []byte) (any, error) { return isms.ParseScope(b) }), validScope()},
		{isms.KindInterestedParty, wrap(func(b []byte) (any, error) { return isms.ParseInterestedParty(b) }), validParty()},
		{isms.KindAsset, wrap(func(b []byte) (any, error) { return isms.ParseAsset(b) }), validAsset()},
		{isms.KindDocument, wrap(func(b []byte) (any, error) { return isms.ParseDocument(b) }), validDocument()},
		{isms.KindObjective, wrap(func(b []byte) (any, error) { return isms.ParseObjective(b) }), validObjective()},
		{isms.KindEvidence, wrap(func(b []byte) (any, error) { return isms.ParseEvidence(b) }), validEvidence()},
	}
}

func TestParseEntities(t *testing.T) {
	for _, p := range parsers() {
		t.Run(p.kind, func(t *testing.T) {
			good, err := json.Marshal(p.valid)
			require.NoError(t, err)
			got, err := p.parse(good)
			require.NoError(t, err)
			assert.Equal(t, p.valid, got, "a valid entity parses back equal")

			// An unknown field names the kind once, then the decoder's
			// message.
			var raw map[string]any
			require.NoError(t, json.Unmarshal(good, &raw))
			raw["colour"] = "blue"
			unknown, err := json.Marshal(raw)
			require.NoError(t, err)
			_, err = p.parse(unknown)
			assert.ErrorIs(t, err, isms.ErrInvalid)
			assert.EqualError(t, err, p.kind+`: json: unknown field "colour"`)

			_, err = p.parse(append(good, []byte(` {}`)...))
			assert.EqualError(t, err, p.kind+": trailing data after the JSON value")
			_, err = p.parse(nil)
			assert.EqualError(t, err, p.kind+": input is empty")

			// A document that decodes but does not validate is refused
			// with the entity's own validation error.
			raw["id"] = "has space"
			delete(raw, "colour")
			bad, err := json.Marshal(raw)
			require.NoError(t, err)
			_, err = p.parse(bad)
			var ve *isms.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, p.kind+" has space", ve.Subject)
			assert.True(t, ve.Has("id", isms.CodeMalformed))
		})
	}
}

// TestErrorsNameTheSubjectOnce checks item 7 of issue 8 on the kernel's
// own errors: the subject once, then the problem.
func TestErrorsNameTheSubjectOnce(t *testing.T) {
	d := &isms.Document{Meta: isms.Meta{ID: "doc-1"}, Type: isms.DocumentPolicy, Status: isms.DocumentDraft}
	assert.EqualError(t, d.Validate(), "document doc-1: invalid: title: title is required (required)")
	_, err := isms.ParseDocument([]byte(`{"id":"doc-1","type":"policy","status":"draft"}`))
	assert.EqualError(t, err, "document doc-1: invalid: title: title is required (required)")
	a := &isms.Asset{Meta: isms.Meta{ID: "a-1"}, Name: "n", Kind: isms.AssetSite, Status: isms.AssetActive,
		DependsOn: []isms.Ref{{Kind: "asset"}}}
	assert.EqualError(t, a.Validate(), "asset a-1: invalid: depends_on[0].id: id is empty (malformed)")
	err = d.RecordReview("ciso", entDate(2025, 1, 1))
	assert.EqualError(t, err, `document doc-1: only a published document can be reviewed, not one in status "draft"`)
	e := &isms.Evidence{Meta: isms.Meta{ID: "ev-1"}}
	assert.EqualError(t, e.VerifyContent(nil), "evidence ev-1: records no sha256")
}

func TestTimesMustBeStorable(t *testing.T) {
	year10000 := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	t.Run("evidence valid until year 10000", func(t *testing.T) {
		e := validEvidence()
		e.ValidUntil = year10000
		entProblems(t, e.Validate(), [2]string{"valid_until", isms.CodeOutOfRange})
		// Indeed it cannot be written as RFC 3339.
		_, err := json.Marshal(e)
		assert.Error(t, err)
	})
	t.Run("year 9999 in an offset west of UTC is year 10000 in UTC", func(t *testing.T) {
		e := validEvidence()
		e.ValidUntil = time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("", -2*3600))
		entProblems(t, e.Validate(), [2]string{"valid_until", isms.CodeOutOfRange})
		e.ValidUntil = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)
		entProblems(t, e.Validate())
	})
	t.Run("every entity checks its times", func(t *testing.T) {
		s := validScope()
		s.ApprovedAt = year10000
		entProblems(t, s.Validate(), [2]string{"approved_at", isms.CodeOutOfRange})
		o := validObjective()
		o.DueAt, o.MeasuredAt = year10000, year10000
		entProblems(t, o.Validate(), [2]string{"due_at", isms.CodeOutOfRange}, [2]string{"measured_at", isms.CodeOutOfRange})
		d := validDocument()
		d.NextReviewAt, d.History[2].At = year10000, year10000
		entProblems(t, d.Validate(), [2]string{"next_review_at", isms.CodeOutOfRange}, [2]string{"history[2].at", isms.CodeOutOfRange})
		a := validAsset()
		a.CreatedAt = time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC)
		entProblems(t, a.Validate(), [2]string{"created_at", isms.CodeOutOfRange})
	})
	t.Run("CheckTime", func(t *testing.T) {
		var ps isms.Problems
		isms.CheckTime(&ps, "zero", time.Time{})
		isms.CheckTime(&ps, "first", time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC))
		isms.CheckTime(&ps, "last", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC))
		isms.CheckTime(&ps, "offset", time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("", 5*3600+45*60)))
		assert.Empty(t, ps)
		isms.CheckTime(&ps, "too late", year10000)
		isms.CheckTime(&ps, "too early", time.Date(1, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600)))
		isms.CheckTime(&ps, "seconds offset", time.Date(1900, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 1172)))
		require.Len(t, ps, 3)
		assert.Equal(t, isms.Problem{Field: "too late", Code: isms.CodeOutOfRange,
			Message: "too late is in year 10000 in UTC, outside 0001 to 9999"}, ps[0])
		assert.Equal(t, "too early is in year 0 in UTC, outside 0001 to 9999", ps[1].Message)
		assert.Equal(t, "seconds offset has a zone offset of 1172 seconds, which RFC 3339 cannot write", ps[2].Message)
		isms.CheckTime(nil, "nil problems", year10000) // no panic
	})
	t.Run("a transition at an unstorable time is refused", func(t *testing.T) {
		d := docIn(isms.DocumentDraft)
		err := d.Transition(isms.DocumentInReview, "alice", year10000)
		var te *isms.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, isms.DocumentGuardTimeValid, te.Guard)
		d = publishedPolicy(t)
		assert.ErrorIs(t, d.RecordReview("ciso", year10000), isms.ErrInvalid)
	})
}

// entFuzzParse checks the invariant of a strict parser: what it accepts
// re-encodes, re-parses without error and re-encodes to the same bytes;
// what it refuses, it refuses with ErrInvalid.
func entFuzzParse[T any](f *testing.F, parse func([]byte) (*T, error), seeds ...any) {
	for _, s := range seeds {
		b, err := json.Marshal(s)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"id":"x","created_at":"2025-01-01T00:00:00+00:00","updated_at":"0001-01-01T00:30:00+01:00"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := parse(data)
		if err != nil {
			if !errors.Is(err, isms.ErrInvalid) {
				t.Fatalf("refused without ErrInvalid: %v", err)
			}
			return
		}
		b1, err := json.Marshal(v)
		require.NoError(t, err, "an accepted entity must encode")
		v2, err := parse(b1)
		require.NoError(t, err, "its encoding must parse: %s", b1)
		b2, err := json.Marshal(v2)
		require.NoError(t, err)
		require.Equal(t, string(b1), string(b2))
	})
}

func FuzzParseScope(f *testing.F) {
	entFuzzParse(f, isms.ParseScope, validScope(), isms.Scope{Name: "x"})
}

func FuzzParseInterestedParty(f *testing.F) {
	entFuzzParse(f, isms.ParseInterestedParty, validParty())
}

func FuzzParseAsset(f *testing.F) {
	entFuzzParse(f, isms.ParseAsset, validAsset(), entAsset("a", "b"))
}

func FuzzParseDocument(f *testing.F) {
	entFuzzParse(f, isms.ParseDocument, validDocument(),
		isms.Document{Type: isms.DocumentRecord, Title: "t", Status: isms.DocumentDraft, ReviewInterval: isms.Duration{Days: 14, Clock: time.Second / 2}})
}

func FuzzParseObjective(f *testing.F) {
	entFuzzParse(f, isms.ParseObjective, validObjective())
}

func FuzzParseEvidence(f *testing.F) {
	entFuzzParse(f, isms.ParseEvidence, validEvidence())
}
