package isms_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// entCheckDocument calls CheckDocument and fails on an error.
func entCheckDocument(t *testing.T, d *isms.Document, now time.Time, opts *isms.DocumentCheckOptions) []isms.Finding {
	t.Helper()
	fs, err := isms.CheckDocument(d, now, opts)
	require.NoError(t, err)
	return fs
}

func TestDocumentCheckOptions(t *testing.T) {
	d := &isms.Document{Type: isms.DocumentPolicy, Title: "t", Status: isms.DocumentPublished, NextReviewAt: entDate(2026, 5, 1)}
	now := entDate(2025, 6, 1)
	for _, ok := range []isms.Duration{{}, isms.Days(1), isms.Years(1), isms.Months(12), isms.Days(365)} {
		_, err := isms.CheckDocument(d, now, &isms.DocumentCheckOptions{DueSoonWindow: ok})
		assert.NoError(t, err, "%v", ok)
	}
	// P1Y from 2025-06-01 ends on 2026-06-01, after the due date.
	fs := entCheckDocument(t, d, now, &isms.DocumentCheckOptions{DueSoonWindow: isms.Years(1)})
	assert.Equal(t, []string{isms.CodeDocumentNotApproved, isms.CodeDocumentOwnerMissing, isms.CodeDocumentReviewDueSoon}, entCodes(fs))
	for _, bad := range []isms.Duration{isms.Days(-1), isms.Months(13), isms.Days(366), {Years: 1, Clock: time.Nanosecond}, isms.Years(1 << 40)} {
		fs, err := isms.CheckDocument(d, now, &isms.DocumentCheckOptions{DueSoonWindow: bad})
		assert.ErrorIs(t, err, isms.ErrInvalid, "%v", bad)
		assert.Nil(t, fs)
	}
}

// publishedPolicy returns a policy published on 29 February 2024 (a leap
// day) through the lifecycle.
func publishedPolicy(t *testing.T) *isms.Document {
	t.Helper()
	d := &isms.Document{
		Meta:  isms.Meta{ID: "doc-1"},
		Type:  isms.DocumentPolicy,
		Title: "Information security policy",
		Owner: "ciso",
	}
	d.Status = isms.DocumentDraft
	require.NoError(t, d.Transition(isms.DocumentInReview, "alice", time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC)))
	require.NoError(t, d.Transition(isms.DocumentApproved, "bob", time.Date(2024, 2, 28, 15, 0, 0, 0, time.UTC)))
	require.NoError(t, d.Transition(isms.DocumentPublished, "carol", time.Date(2024, 2, 29, 10, 0, 0, 0, time.UTC)))
	return d
}

func validDocument() *isms.Document {
	return &isms.Document{
		Meta:           isms.Meta{ID: "doc-1", Revision: 2},
		Type:           isms.DocumentProcedure,
		Title:          "Backup procedure",
		Description:    "How backups are taken and tested.",
		Version:        "1.1",
		Status:         isms.DocumentPublished,
		Owner:          "it ops lead",
		Author:         "alice",
		Approver:       "bob",
		ApprovedAt:     entDate(2025, 1, 10),
		PublishedAt:    entDate(2025, 1, 11),
		ReviewInterval: isms.Months(6),
		LastReviewedAt: entDate(2025, 1, 10),
		LastReviewedBy: "bob",
		NextReviewAt:   entDate(2025, 7, 11),
		Location:       "https://dms.example.com/docs/42",
		History: []isms.DocumentTransition{
			{From: isms.DocumentDraft, To: isms.DocumentInReview, By: "alice", At: entDate(2025, 1, 5)},
			{From: isms.DocumentInReview, To: isms.DocumentApproved, By: "bob", At: entDate(2025, 1, 10)},
			{From: isms.DocumentApproved, To: isms.DocumentPublished, By: "bob", At: entDate(2025, 1, 11)},
		},
	}
}

func TestDocumentValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *isms.Document)
		want   [][2]string
	}{
		{"valid", func(*isms.Document) {}, nil},
		{"minimal", func(d *isms.Document) {
			*d = isms.Document{Type: isms.DocumentRecord, Title: "t", Status: isms.DocumentDraft}
		}, nil},
		{"self approval is a finding, not a validation error", func(d *isms.Document) { d.Approver = "alice" }, nil},
		{"title missing", func(d *isms.Document) { d.Title = "\t" }, [][2]string{{"title", isms.CodeRequired}}},
		{"type missing", func(d *isms.Document) { d.Type = "" }, [][2]string{{"type", isms.CodeRequired}}},
		{"type unknown", func(d *isms.Document) { d.Type = "memo" }, [][2]string{{"type", isms.CodeUnknown}}},
		{"status missing", func(d *isms.Document) { d.Status = "" }, [][2]string{{"status", isms.CodeRequired}}},
		{"status unknown", func(d *isms.Document) { d.Status = "archived" }, [][2]string{{"status", isms.CodeUnknown}}},
		{"bad id", func(d *isms.Document) { d.ID = "doc 1" }, [][2]string{{"id", isms.CodeMalformed}}},
		{"negative review interval", func(d *isms.Document) { d.ReviewInterval = isms.Duration{Days: -1} },
			[][2]string{{"review_interval", isms.CodeOutOfRange}}},
		{"retired_at without retired status", func(d *isms.Document) { d.RetiredAt = entDate(2025, 3, 1) },
			[][2]string{{"retired_at", isms.CodeForbidden}}},
		{"retired with retired_at", func(d *isms.Document) {
			d.Status, d.RetiredAt = isms.DocumentRetired, entDate(2025, 3, 1)
		}, nil},
		{"history from missing", func(d *isms.Document) { d.History[0].From = "" },
			[][2]string{{"history[0].from", isms.CodeRequired}}},
		{"history to unknown", func(d *isms.Document) { d.History[1].To = "done" },
			[][2]string{{"history[1].to", isms.CodeUnknown}}},
		{"history by missing", func(d *isms.Document) { d.History[2].By = "" },
			[][2]string{{"history[2].by", isms.CodeRequired}}},
		{"history at missing", func(d *isms.Document) { d.History[1].At = time.Time{} },
			[][2]string{{"history[1].at", isms.CodeRequired}}},
		{"history out of order", func(d *isms.Document) { d.History[2].At = entDate(2025, 1, 1) },
			[][2]string{{"history[2].at", isms.CodeOrder}}},
		{"every problem", func(d *isms.Document) {
			d.Title, d.Type, d.Status = "", "x", ""
			d.RetiredAt = entDate(2025, 3, 1)
			d.History[0].By = ""
		}, [][2]string{
			{"title", isms.CodeRequired}, {"type", isms.CodeUnknown}, {"status", isms.CodeRequired},
			{"history[0].by", isms.CodeRequired}, {"retired_at", isms.CodeForbidden},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDocument()
			tt.mutate(d)
			entProblems(t, d.Validate(), tt.want...)
		})
	}
}

func TestDocumentJSON(t *testing.T) {
	d := validDocument()
	d.CreatedAt = time.Date(2025, 1, 5, 8, 30, 0, 123000, time.UTC)
	d.UpdatedAt = time.Date(2025, 1, 11, 8, 30, 0, 0, time.UTC)
	assert.Equal(t, d, entRoundTrip(t, d))

	b, err := json.Marshal(d)
	require.NoError(t, err)
	var raw map[string]any
	require.NoError(t, json.Unmarshal(b, &raw))
	assert.Equal(t, "P6M", raw["review_interval"], "durations marshal as ISO 8601")
	assert.Equal(t, "2025-07-11T00:00:00Z", raw["next_review_at"])
	assert.Equal(t, "2025-01-05T08:30:00.000123Z", raw["created_at"])
	assert.Equal(t, "procedure", raw["type"])
	assert.Equal(t, "published", raw["status"])

	b, err = json.Marshal(isms.Document{Type: isms.DocumentPolicy, Title: "t", Status: isms.DocumentDraft})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"","type":"policy","title":"t","status":"draft"}`, string(b), "optional fields are left out")

	// Times with an offset keep the instant.
	var got isms.Document
	require.NoError(t, json.Unmarshal([]byte(`{"type":"policy","title":"t","status":"published",
		"published_at":"2025-03-01T01:00:00+02:00","review_interval":"P1Y2M"}`), &got))
	assert.True(t, got.PublishedAt.Equal(time.Date(2025, 2, 28, 23, 0, 0, 0, time.UTC)))
	assert.Equal(t, isms.Duration{Years: 1, Months: 2}, got.ReviewInterval)

	for _, bad := range []string{
		`{"type":"memo","title":"t","status":"draft"}`,
		`{"type":"policy","title":"t","status":"archived"}`,
		`{"type":"policy","title":"t","status":"draft","review_interval":"1 year"}`,
		`{"type":"policy","title":"t","status":"draft","review_interval":31536000000000000}`,
		`{"type":"policy","title":"t","status":"draft","history":[{"from":"draft","to":"gone","by":"a","at":"2025-01-01T00:00:00Z"}]}`,
	} {
		var d isms.Document
		assert.Error(t, json.Unmarshal([]byte(bad), &d), bad)
	}
}

func TestDocumentEnums(t *testing.T) {
	entStrictEnum(t, isms.DocumentTypeValues())
	entStrictEnum(t, isms.DocumentStatusValues())
	entStrictEnum(t, isms.DocumentReviewStateValues())
	assert.Equal(t, []isms.DocumentStatus{"draft", "in_review", "approved", "published", "retired"}, isms.DocumentStatusValues())
	assert.True(t, isms.DocumentRegister.IsValid())
	assert.False(t, isms.DocumentType("Policy").IsValid())
	assert.True(t, isms.DocumentInReview.IsValid())
	assert.False(t, isms.DocumentStatus("").IsValid())
	assert.True(t, isms.DocumentReviewOverdue.IsValid())
	assert.False(t, isms.DocumentReviewState("late").IsValid())
}

func TestDefaultReviewInterval(t *testing.T) {
	want := map[isms.DocumentType]isms.Duration{
		isms.DocumentPolicy:    isms.Years(1),
		isms.DocumentStandard:  isms.Years(1),
		isms.DocumentProcedure: isms.Years(1),
		isms.DocumentGuideline: isms.Years(2),
		isms.DocumentPlan:      isms.Years(1),
		isms.DocumentRegister:  isms.Years(1),
		isms.DocumentRecord:    {},
		isms.DocumentOther:     isms.Years(1),
	}
	require.Len(t, want, len(isms.DocumentTypeValues()), "every type has a row")
	for typ, iv := range want {
		assert.Equal(t, iv, isms.DefaultDocumentReviewInterval(typ), typ)
		d := isms.Document{Type: typ}
		assert.Equal(t, iv, d.EffectiveReviewInterval(), typ)
	}
	assert.Equal(t, "P1Y", isms.DefaultDocumentReviewInterval(isms.DocumentPolicy).String())
	assert.Equal(t, isms.Years(1), isms.DefaultDocumentReviewInterval("unknown"))

	d := isms.Document{Type: isms.DocumentPolicy, ReviewInterval: isms.Months(6)}
	assert.Equal(t, isms.Months(6), d.EffectiveReviewInterval(), "an explicit interval wins")
	d = isms.Document{Type: isms.DocumentRecord, ReviewInterval: isms.Years(3)}
	assert.Equal(t, isms.Years(3), d.EffectiveReviewInterval())
}

func TestDocumentStatusNext(t *testing.T) {
	allowed := map[[2]isms.DocumentStatus]bool{
		{isms.DocumentDraft, isms.DocumentInReview}:     true,
		{isms.DocumentInReview, isms.DocumentDraft}:     true,
		{isms.DocumentInReview, isms.DocumentApproved}:  true,
		{isms.DocumentApproved, isms.DocumentPublished}: true,
		{isms.DocumentPublished, isms.DocumentInReview}: true,
		{isms.DocumentDraft, isms.DocumentRetired}:      true,
		{isms.DocumentInReview, isms.DocumentRetired}:   true,
		{isms.DocumentApproved, isms.DocumentRetired}:   true,
		{isms.DocumentPublished, isms.DocumentRetired}:  true,
	}
	for _, from := range isms.DocumentStatusValues() {
		for _, to := range isms.DocumentStatusValues() {
			assert.Equal(t, allowed[[2]isms.DocumentStatus{from, to}], from.CanTransition(to), "%s -> %s", from, to)
		}
	}
	assert.Empty(t, isms.DocumentRetired.Next())
	assert.Empty(t, isms.DocumentStatus("bogus").Next())
	assert.False(t, isms.DocumentDraft.CanTransition("bogus"))
}

// docIn returns a document in the given status whose guards all pass for
// the next step: it has an author, and an approval when one is needed.
func docIn(status isms.DocumentStatus) *isms.Document {
	d := &isms.Document{Meta: isms.Meta{ID: "d"}, Type: isms.DocumentPolicy, Title: "t", Status: status, Author: "alice", Owner: "o"}
	if status == isms.DocumentApproved || status == isms.DocumentPublished {
		d.Approver, d.ApprovedAt = "bob", entDate(2025, 1, 1)
	}
	if status == isms.DocumentPublished {
		d.PublishedAt = entDate(2025, 1, 2)
		d.NextReviewAt = entDate(2026, 1, 2)
	}
	return d
}

func TestDocumentTransitionAllowed(t *testing.T) {
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, from := range isms.DocumentStatusValues() {
		for _, to := range from.Next() {
			t.Run(fmt.Sprintf("%s->%s", from, to), func(t *testing.T) {
				d := docIn(from)
				require.NoError(t, d.Transition(to, "carol", at))
				assert.Equal(t, to, d.Status)
				require.Len(t, d.History, 1)
				assert.Equal(t, isms.DocumentTransition{From: from, To: to, By: "carol", At: at}, d.History[0])
				assert.NoError(t, d.Validate())
			})
		}
	}
}

func TestDocumentTransitionEffects(t *testing.T) {
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

	t.Run("submit sets a missing author", func(t *testing.T) {
		d := docIn(isms.DocumentDraft)
		d.Author = ""
		require.NoError(t, d.Transition(isms.DocumentInReview, "dave", at))
		assert.Equal(t, "dave", d.Author)
	})
	t.Run("submit keeps the author", func(t *testing.T) {
		d := docIn(isms.DocumentDraft)
		require.NoError(t, d.Transition(isms.DocumentInReview, "dave", at))
		assert.Equal(t, "alice", d.Author)
	})
	t.Run("approve records the approval and the review", func(t *testing.T) {
		d := docIn(isms.DocumentInReview)
		require.NoError(t, d.Transition(isms.DocumentApproved, "bob", at))
		assert.Equal(t, "bob", d.Approver)
		assert.Equal(t, at, d.ApprovedAt)
		assert.Equal(t, at, d.LastReviewedAt)
		assert.Equal(t, "bob", d.LastReviewedBy)
	})
	t.Run("revision clears the approval", func(t *testing.T) {
		d := docIn(isms.DocumentPublished)
		require.NoError(t, d.Transition(isms.DocumentInReview, "alice", at))
		assert.Empty(t, d.Approver)
		assert.True(t, d.ApprovedAt.IsZero())
		assert.Equal(t, entDate(2025, 1, 2), d.PublishedAt, "the published version stays on record")
	})
	t.Run("rework changes nothing else", func(t *testing.T) {
		d := docIn(isms.DocumentInReview)
		before := *d
		require.NoError(t, d.Transition(isms.DocumentDraft, "bob", at))
		d.Status, d.History = before.Status, before.History
		assert.Equal(t, before, *d)
	})
	t.Run("retire sets retired_at", func(t *testing.T) {
		d := docIn(isms.DocumentPublished)
		require.NoError(t, d.Transition(isms.DocumentRetired, "ciso", at))
		assert.Equal(t, at, d.RetiredAt)
	})
	t.Run("times are normalized to UTC microseconds", func(t *testing.T) {
		d := docIn(isms.DocumentDraft)
		local := time.Date(2025, 6, 1, 14, 0, 0, 123456789, time.FixedZone("CEST", 2*3600))
		require.NoError(t, d.Transition(isms.DocumentInReview, "alice", local))
		assert.Equal(t, time.Date(2025, 6, 1, 12, 0, 0, 123456000, time.UTC), d.History[0].At)
	})
	t.Run("approver differing only in case is the author", func(t *testing.T) {
		d := docIn(isms.DocumentInReview)
		err := d.Transition(isms.DocumentApproved, " Alice ", at)
		var te *isms.TransitionError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, isms.DocumentGuardApproverNotAuthor, te.Guard)
	})
}

func TestDocumentTransitionRefused(t *testing.T) {
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	type tc struct {
		name  string
		doc   func() *isms.Document
		to    isms.DocumentStatus
		by    string
		at    time.Time
		guard string // "" when the lifecycle has no such move
	}
	var tests []tc
	// Every pair the lifecycle does not allow, including staying put and
	// leaving retired.
	for _, from := range isms.DocumentStatusValues() {
		for _, to := range isms.DocumentStatusValues() {
			if from.CanTransition(to) {
				continue
			}
			tests = append(tests, tc{fmt.Sprintf("%s->%s", from, to), func() *isms.Document { return docIn(from) }, to, "carol", at, ""})
		}
	}
	tests = append(tests,
		tc{"unknown target", func() *isms.Document { return docIn(isms.DocumentDraft) }, "archived", "carol", at, ""},
		tc{"unknown current", func() *isms.Document { return docIn("archived") }, isms.DocumentDraft, "carol", at, ""},
		tc{"empty current", func() *isms.Document { return docIn("") }, isms.DocumentInReview, "carol", at, ""},
		tc{"no actor", func() *isms.Document { return docIn(isms.DocumentDraft) }, isms.DocumentInReview, " ", at, isms.DocumentGuardActorNamed},
		tc{"no actor to retire", func() *isms.Document { return docIn(isms.DocumentPublished) }, isms.DocumentRetired, "", at, isms.DocumentGuardActorNamed},
		tc{"no approver", func() *isms.Document { return docIn(isms.DocumentInReview) }, isms.DocumentApproved, "", at, isms.DocumentGuardApproverNamed},
		tc{"no time", func() *isms.Document { return docIn(isms.DocumentDraft) }, isms.DocumentInReview, "carol", time.Time{}, isms.DocumentGuardTimeValid},
		tc{"time in year 10000", func() *isms.Document { return docIn(isms.DocumentDraft) }, isms.DocumentInReview, "carol",
			time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), isms.DocumentGuardTimeValid},
		tc{"before the last transition", func() *isms.Document {
			d := docIn(isms.DocumentDraft)
			d.History = []isms.DocumentTransition{{From: isms.DocumentInReview, To: isms.DocumentDraft, By: "bob", At: at.Add(time.Second)}}
			return d
		}, isms.DocumentInReview, "alice", at, isms.DocumentGuardInOrder},
		tc{"self approval", func() *isms.Document { return docIn(isms.DocumentInReview) }, isms.DocumentApproved, "alice", at, isms.DocumentGuardApproverNotAuthor},
		tc{"approval without author", func() *isms.Document {
			d := docIn(isms.DocumentInReview)
			d.Author = ""
			return d
		}, isms.DocumentApproved, "bob", at, isms.DocumentGuardAuthorNamed},
		tc{"publish without approver", func() *isms.Document {
			d := docIn(isms.DocumentApproved)
			d.Approver = ""
			return d
		}, isms.DocumentPublished, "carol", at, isms.DocumentGuardApprovalRecorded},
		tc{"publish without approval time", func() *isms.Document {
			d := docIn(isms.DocumentApproved)
			d.ApprovedAt = time.Time{}
			return d
		}, isms.DocumentPublished, "carol", at, isms.DocumentGuardApprovalRecorded},
		tc{"publish a self approval", func() *isms.Document {
			d := docIn(isms.DocumentApproved)
			d.Approver = "ALICE"
			return d
		}, isms.DocumentPublished, "carol", at, isms.DocumentGuardApprovalNotByAuthor},
		tc{"publish before the approval", func() *isms.Document { return docIn(isms.DocumentApproved) },
			isms.DocumentPublished, "carol", entDate(2024, 12, 31), isms.DocumentGuardAfterApproval},
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc()
			before := *d
			before.History = slices.Clone(d.History)
			err := d.Transition(tt.to, tt.by, tt.at)
			require.Error(t, err)
			assert.ErrorIs(t, err, isms.ErrInvalid)
			var te *isms.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tt.guard, te.Guard, "%v", err)
			assert.Equal(t, "document lifecycle", te.Machine)
			assert.Equal(t, string(before.Status), te.From)
			assert.Equal(t, string(tt.to), te.To)
			assert.True(t, strings.HasPrefix(err.Error(), "document d: document lifecycle: cannot move"), err.Error())
			if tt.guard != "" {
				assert.Contains(t, err.Error(), "guard "+tt.guard+" failed")
				assert.NotNil(t, te.Unwrap(), "the guard's own error is kept")
			}
			assert.Equal(t, before, *d, "a refused transition changes nothing")
		})
	}

	var nilDoc *isms.Document
	assert.ErrorIs(t, nilDoc.Transition(isms.DocumentInReview, "a", at), isms.ErrInvalid)
}

func TestDocumentTransitionErrorMessage(t *testing.T) {
	d := docIn(isms.DocumentRetired)
	err := d.Transition(isms.DocumentDraft, "a", entDate(2025, 1, 1))
	assert.EqualError(t, err, `document d: document lifecycle: cannot move from "retired" to "draft": a retired document is final`)
	d = docIn(isms.DocumentDraft)
	err = d.Transition(isms.DocumentPublished, "a", entDate(2025, 1, 1))
	assert.EqualError(t, err, `document d: document lifecycle: cannot move from "draft" to "published": the lifecycle allows in_review, retired only`)
	err = d.Transition("archived", "a", entDate(2025, 1, 1))
	assert.EqualError(t, err, `document d: document lifecycle: cannot move from "draft" to "archived": the target status "archived" is not a known document status`)
	d = docIn(isms.DocumentInReview)
	err = d.Transition(isms.DocumentApproved, "alice", entDate(2025, 1, 1))
	assert.EqualError(t, err, `document d: document lifecycle: cannot move from "in_review" to "approved": guard approver_not_author failed: "alice" cannot approve a document they wrote`)
	// Without an ID the subject is left out rather than printed empty.
	d.ID = ""
	err = d.Transition(isms.DocumentApproved, "", entDate(2025, 1, 1))
	assert.EqualError(t, err, `document lifecycle: cannot move from "in_review" to "approved": guard approver_named failed: an approval needs an approver`)
}

// TestDocumentLifecycle checks the table itself: it validates, it draws as
// the diagram below (written by hand from the lifecycle in the
// documentation), and each guard refuses with its own name.
func TestDocumentLifecycle(t *testing.T) {
	m := isms.DocumentLifecycle()
	require.NoError(t, m.Validate())
	assert.Equal(t, "document lifecycle", m.Name())
	const want = `stateDiagram-v2
    %% document lifecycle
    [*] --> draft
    draft --> in_review : actor_named, time_valid, in_order
    draft --> retired : actor_named, time_valid, in_order
    in_review --> draft : actor_named, time_valid, in_order
    in_review --> approved : approver_named, time_valid, in_order, author_named, approver_not_author
    in_review --> retired : actor_named, time_valid, in_order
    approved --> published : actor_named, time_valid, in_order, approval_recorded, approval_not_by_author, after_approval
    approved --> retired : actor_named, time_valid, in_order
    published --> in_review : actor_named, time_valid, in_order
    published --> retired : actor_named, time_valid, in_order
    retired --> [*]
`
	assert.Equal(t, want, m.Mermaid())
	assert.Same(t, m, isms.DocumentLifecycle(), "one shared, immutable table")

	at := entDate(2025, 6, 1)
	ok := func() isms.DocumentTransitionRequest {
		d := docIn(isms.DocumentApproved)
		d.History = []isms.DocumentTransition{{From: isms.DocumentInReview, To: isms.DocumentApproved, By: "bob", At: entDate(2025, 1, 1)}}
		return isms.DocumentTransitionRequest{Document: d, By: "carol", At: at}
	}
	require.NoError(t, m.Check(isms.DocumentApproved, isms.DocumentPublished, ok()))
	for _, tc := range []struct {
		guard  string
		from   isms.DocumentStatus
		to     isms.DocumentStatus
		breaks func(r *isms.DocumentTransitionRequest)
	}{
		{isms.DocumentGuardActorNamed, isms.DocumentApproved, isms.DocumentPublished, func(r *isms.DocumentTransitionRequest) { r.By = "" }},
		{isms.DocumentGuardApproverNamed, isms.DocumentInReview, isms.DocumentApproved, func(r *isms.DocumentTransitionRequest) { r.By = "\t" }},
		{isms.DocumentGuardTimeValid, isms.DocumentApproved, isms.DocumentPublished, func(r *isms.DocumentTransitionRequest) { r.At = time.Time{} }},
		{isms.DocumentGuardInOrder, isms.DocumentApproved, isms.DocumentRetired, func(r *isms.DocumentTransitionRequest) { r.At = entDate(2024, 12, 1) }},
		{isms.DocumentGuardAuthorNamed, isms.DocumentInReview, isms.DocumentApproved, func(r *isms.DocumentTransitionRequest) { r.Document.Author = "" }},
		{isms.DocumentGuardApproverNotAuthor, isms.DocumentInReview, isms.DocumentApproved, func(r *isms.DocumentTransitionRequest) { r.By = "ALICE" }},
		{isms.DocumentGuardApprovalRecorded, isms.DocumentApproved, isms.DocumentPublished, func(r *isms.DocumentTransitionRequest) { r.Document.Approver = "" }},
		{isms.DocumentGuardApprovalNotByAuthor, isms.DocumentApproved, isms.DocumentPublished, func(r *isms.DocumentTransitionRequest) { r.Document.Approver = "alice" }},
		{isms.DocumentGuardAfterApproval, isms.DocumentApproved, isms.DocumentPublished, func(r *isms.DocumentTransitionRequest) {
			r.Document.History = nil
			r.At = entDate(2024, 12, 31)
		}},
	} {
		t.Run(tc.guard, func(t *testing.T) {
			r := ok()
			tc.breaks(&r)
			err := m.Check(tc.from, tc.to, r)
			var te *isms.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tc.guard, te.Guard)
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
	// A request without a document is refused by the first guard that
	// needs one, not by a panic.
	err := m.Check(isms.DocumentInReview, isms.DocumentApproved, isms.DocumentTransitionRequest{By: "bob", At: at})
	var te *isms.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, isms.DocumentGuardInOrder, te.Guard)
}

func TestDocumentPublishSchedulesReview(t *testing.T) {
	t.Run("leap day policy is due on 28 February", func(t *testing.T) {
		d := publishedPolicy(t)
		assert.Equal(t, time.Date(2024, 2, 29, 10, 0, 0, 0, time.UTC), d.PublishedAt)
		// 29 February 2024 + 1 year is 29 February 2025, which does not
		// exist; the step clamps to the last day of February 2025.
		assert.Equal(t, time.Date(2025, 2, 28, 10, 0, 0, 0, time.UTC), d.NextReviewAt)
		due, ok := d.ReviewDue()
		assert.True(t, ok)
		assert.Equal(t, d.NextReviewAt, due)
	})
	t.Run("six months from 31 August is 28 February", func(t *testing.T) {
		// 31 August 2024 + 6 months = "31 February 2025", clamped to the
		// last day of February 2025.
		d := docIn(isms.DocumentApproved)
		d.ReviewInterval = isms.Months(6)
		d.ApprovedAt = entDate(2024, 8, 30)
		require.NoError(t, d.Transition(isms.DocumentPublished, "carol", time.Date(2024, 8, 31, 0, 0, 0, 0, time.UTC)))
		assert.Equal(t, time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC), d.NextReviewAt)
	})
	t.Run("clock part of the interval", func(t *testing.T) {
		d := docIn(isms.DocumentApproved)
		d.ReviewInterval = isms.Duration{Days: 1, Clock: 12 * time.Hour}
		require.NoError(t, d.Transition(isms.DocumentPublished, "carol", time.Date(2025, 3, 30, 18, 0, 0, 0, time.UTC)))
		assert.Equal(t, time.Date(2025, 4, 1, 6, 0, 0, 0, time.UTC), d.NextReviewAt)
	})
	t.Run("a planned later date is kept", func(t *testing.T) {
		d := docIn(isms.DocumentApproved)
		d.NextReviewAt = entDate(2025, 9, 1)
		require.NoError(t, d.Transition(isms.DocumentPublished, "carol", entDate(2025, 2, 1)))
		assert.Equal(t, entDate(2025, 9, 1), d.NextReviewAt)
	})
	t.Run("a stale date is replaced", func(t *testing.T) {
		d := docIn(isms.DocumentApproved)
		d.NextReviewAt = entDate(2025, 2, 1)
		require.NoError(t, d.Transition(isms.DocumentPublished, "carol", entDate(2025, 2, 1)))
		assert.Equal(t, entDate(2026, 2, 1), d.NextReviewAt, "a date equal to the publication is stale")
	})
	t.Run("records get no date", func(t *testing.T) {
		d := docIn(isms.DocumentApproved)
		d.Type = isms.DocumentRecord
		require.NoError(t, d.Transition(isms.DocumentPublished, "carol", entDate(2025, 2, 1)))
		assert.True(t, d.NextReviewAt.IsZero())
		_, ok := d.ReviewDue()
		assert.False(t, ok)
	})
	t.Run("revision cycle reschedules from the new publication", func(t *testing.T) {
		d := publishedPolicy(t)
		require.NoError(t, d.Transition(isms.DocumentInReview, "alice", time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)))
		require.NoError(t, d.Transition(isms.DocumentApproved, "bob", time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)))
		require.NoError(t, d.Transition(isms.DocumentPublished, "carol", time.Date(2025, 3, 13, 0, 0, 0, 0, time.UTC)))
		assert.Equal(t, time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC), d.NextReviewAt)
		assert.Len(t, d.History, 6)
		assert.NoError(t, d.Validate())
	})
}

func TestDocumentRecordReview(t *testing.T) {
	d := publishedPolicy(t)
	at := time.Date(2025, 2, 20, 9, 0, 0, 0, time.UTC)
	require.NoError(t, d.RecordReview("ciso", at))
	assert.Equal(t, at, d.LastReviewedAt)
	assert.Equal(t, "ciso", d.LastReviewedBy)
	assert.Equal(t, time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC), d.NextReviewAt)
	assert.Equal(t, isms.DocumentPublished, d.Status)

	rec := docIn(isms.DocumentPublished)
	rec.Type = isms.DocumentRecord
	require.NoError(t, rec.RecordReview("ciso", at))
	assert.True(t, rec.NextReviewAt.IsZero(), "no periodic review for records")

	for name, tc := range map[string]struct {
		doc *isms.Document
		by  string
		at  time.Time
	}{
		"draft":              {docIn(isms.DocumentDraft), "ciso", at},
		"no reviewer":        {publishedPolicy(t), "", at},
		"no time":            {publishedPolicy(t), "ciso", time.Time{}},
		"before publication": {publishedPolicy(t), "ciso", entDate(2024, 1, 1)},
		"nil":                {nil, "ciso", at},
	} {
		t.Run(name, func(t *testing.T) {
			var before isms.Document
			if tc.doc != nil {
				before = *tc.doc
			}
			assert.ErrorIs(t, tc.doc.RecordReview(tc.by, tc.at), isms.ErrInvalid)
			if tc.doc != nil {
				assert.Equal(t, before, *tc.doc)
			}
		})
	}
}

func TestDocumentReviewDue(t *testing.T) {
	tests := []struct {
		name string
		doc  isms.Document
		due  time.Time
		ok   bool
	}{
		{"explicit date", isms.Document{Type: isms.DocumentPolicy, NextReviewAt: entDate(2025, 5, 5), PublishedAt: entDate(2020, 1, 1)},
			entDate(2025, 5, 5), true},
		{"from publication", isms.Document{Type: isms.DocumentPolicy, PublishedAt: entDate(2024, 2, 29)},
			entDate(2025, 2, 28), true},
		{"from the later last review", isms.Document{Type: isms.DocumentGuideline, PublishedAt: entDate(2024, 1, 1), LastReviewedAt: entDate(2024, 6, 30)},
			entDate(2026, 6, 30), true},
		{"publication after review", isms.Document{Type: isms.DocumentPolicy, ReviewInterval: isms.Months(1), PublishedAt: entDate(2025, 1, 31), LastReviewedAt: entDate(2025, 1, 30)},
			entDate(2025, 2, 28), true},
		{"record", isms.Document{Type: isms.DocumentRecord, PublishedAt: entDate(2024, 1, 1)}, time.Time{}, false},
		{"nothing to derive from", isms.Document{Type: isms.DocumentPolicy}, time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due, ok := tt.doc.ReviewDue()
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.due, due)
		})
	}
}

func TestDocumentReviewStatus(t *testing.T) {
	due := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	d := &isms.Document{Type: isms.DocumentPolicy, Status: isms.DocumentPublished, NextReviewAt: due}
	tests := []struct {
		now  time.Time
		want isms.DocumentReviewState
	}{
		{due.AddDate(0, 0, -31), isms.DocumentReviewCurrent},
		{due.AddDate(0, 0, -30).Add(-time.Nanosecond), isms.DocumentReviewCurrent},
		{due.AddDate(0, 0, -30), isms.DocumentReviewDueSoon}, // window end == due
		{due.AddDate(0, 0, -1), isms.DocumentReviewDueSoon},
		{due, isms.DocumentReviewDueSoon}, // due exactly now is not yet overdue
		{due.Add(time.Nanosecond), isms.DocumentReviewOverdue},
		{due.AddDate(1, 0, 0), isms.DocumentReviewOverdue},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, d.ReviewStatus(tt.now), "now %s", tt.now)
	}
	assert.Equal(t, isms.DocumentReviewCurrent, d.ReviewStatusWithin(due.AddDate(0, 0, -8), isms.Days(7)))
	assert.Equal(t, isms.DocumentReviewDueSoon, d.ReviewStatusWithin(due.AddDate(0, 0, -7), isms.Days(7)))
	assert.Equal(t, isms.DocumentReviewDueSoon, d.ReviewStatusWithin(due.AddDate(0, -1, 0), isms.Months(1)))

	for _, st := range []isms.DocumentStatus{isms.DocumentDraft, isms.DocumentInReview, isms.DocumentApproved, isms.DocumentRetired} {
		o := *d
		o.Status = st
		assert.Equal(t, isms.DocumentReviewNotApplicable, o.ReviewStatus(due.AddDate(5, 0, 0)), st)
	}
	var nilDoc *isms.Document
	assert.Equal(t, isms.DocumentReviewNotApplicable, nilDoc.ReviewStatus(due))
	unscheduled := &isms.Document{Type: isms.DocumentRecord, Status: isms.DocumentPublished}
	assert.Equal(t, isms.DocumentReviewUnscheduled, unscheduled.ReviewStatus(due))
}

func TestCheckDocument(t *testing.T) {
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	// good is published, owned, approved by someone else, and due in more
	// than 30 days: no findings.
	good := func() *isms.Document {
		return &isms.Document{
			Meta: isms.Meta{ID: "doc-9"}, Type: isms.DocumentPolicy, Title: "Access control policy", Status: isms.DocumentPublished,
			Owner: "ciso", Author: "alice", Approver: "bob", ApprovedAt: entDate(2025, 1, 1),
			PublishedAt: entDate(2025, 1, 2), NextReviewAt: entDate(2026, 1, 2),
		}
	}
	subject := isms.NewRef(isms.KindDocument, "doc-9")
	require.Empty(t, entCheckDocument(t, good(), now, nil))

	tests := []struct {
		code     string
		trigger  func(d *isms.Document)
		severity isms.Severity
		field    string
		details  map[string]string
		message  string
	}{
		{isms.CodeDocumentReviewOverdue, func(d *isms.Document) { d.NextReviewAt = entDate(2025, 5, 31) },
			isms.SeverityError, "next_review_at",
			map[string]string{"due": "2025-05-31T00:00:00Z", "now": "2025-06-01T00:00:00Z", "basis": "next_review_at", "review_interval": "P1Y"},
			`review of document "Access control policy" was due on 2025-05-31`},
		{isms.CodeDocumentReviewDueSoon, func(d *isms.Document) { d.NextReviewAt = entDate(2025, 7, 1) },
			isms.SeverityWarning, "next_review_at",
			map[string]string{"due": "2025-07-01T00:00:00Z", "now": "2025-06-01T00:00:00Z", "basis": "next_review_at", "window": "P30D", "window_end": "2025-07-01T00:00:00Z"},
			`review of document "Access control policy" is due on 2025-07-01`},
		{isms.CodeDocumentOwnerMissing, func(d *isms.Document) { d.Owner = "" },
			isms.SeverityError, "owner", map[string]string{"status": "published"},
			`document "Access control policy" has no owner`},
		{isms.CodeDocumentNotPublished, func(d *isms.Document) { d.Status = isms.DocumentApproved },
			isms.SeverityWarning, "status", map[string]string{"status": "approved"},
			`document "Access control policy" is approved, not published`},
		{isms.CodeDocumentReviewDateMissing, func(d *isms.Document) { d.NextReviewAt, d.PublishedAt = time.Time{}, time.Time{} },
			isms.SeverityWarning, "next_review_at", map[string]string{"review_interval": "P1Y"},
			`published document "Access control policy" has no review date`},
		{isms.CodeDocumentSelfApproved, func(d *isms.Document) { d.Approver = "Alice" },
			isms.SeverityError, "approver", map[string]string{"author": "alice", "approver": "Alice"},
			`document "Access control policy" was approved by its author "Alice"`},
		{isms.CodeDocumentNotApproved, func(d *isms.Document) { d.ApprovedAt = time.Time{} },
			isms.SeverityError, "approver", map[string]string{"status": "published", "approver": "bob", "approved_at": ""},
			`document "Access control policy" is published but records no complete approval`},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			d := good()
			tt.trigger(d)
			fs := entCheckDocument(t, d, now, nil)
			entOneFinding(t, fs, isms.Finding{Code: tt.code, Severity: tt.severity, Subject: subject,
				Field: tt.field, Details: tt.details, Message: tt.message})
		})
	}

	t.Run("derived due date", func(t *testing.T) {
		d := good()
		d.NextReviewAt = time.Time{}
		d.PublishedAt = entDate(2024, 2, 29)
		f := entFinding(t, entCheckDocument(t, d, now, nil), isms.CodeDocumentReviewOverdue)
		assert.Equal(t, "2025-02-28T00:00:00Z", f.Details["due"])
		assert.Equal(t, "published_at + P1Y", f.Details["basis"])
	})
	t.Run("window option", func(t *testing.T) {
		d := good()
		d.NextReviewAt = entDate(2025, 8, 1)
		assert.Empty(t, entCheckDocument(t, d, now, nil))
		assert.Empty(t, entCheckDocument(t, d, now, &isms.DocumentCheckOptions{}))
		f := entFinding(t, entCheckDocument(t, d, now, &isms.DocumentCheckOptions{DueSoonWindow: isms.Months(2)}), isms.CodeDocumentReviewDueSoon)
		assert.Equal(t, "P2M", f.Details["window"])
		assert.Equal(t, "2025-08-01T00:00:00Z", f.Details["window_end"])
	})
	t.Run("records need no review date", func(t *testing.T) {
		d := good()
		d.Type = isms.DocumentRecord
		d.NextReviewAt, d.PublishedAt = time.Time{}, time.Time{}
		assert.Empty(t, entCheckDocument(t, d, now, nil))
	})
	t.Run("drafts are not reviewed", func(t *testing.T) {
		d := good()
		d.Status = isms.DocumentDraft
		d.NextReviewAt = entDate(2020, 1, 1)
		d.Approver, d.ApprovedAt = "", time.Time{}
		assert.Equal(t, []string{isms.CodeDocumentNotPublished}, entCodes(entCheckDocument(t, d, now, nil)))
	})
	t.Run("retired documents have no findings", func(t *testing.T) {
		d := good()
		d.Status, d.Owner, d.Approver = isms.DocumentRetired, "", "alice"
		d.NextReviewAt = entDate(2020, 1, 1)
		assert.Empty(t, entCheckDocument(t, d, now, nil))
		assert.Empty(t, entCheckDocument(t, nil, now, nil))
	})
	t.Run("several findings are sorted", func(t *testing.T) {
		d := good()
		d.Owner = ""
		d.Approver = "alice"
		d.NextReviewAt = entDate(2025, 1, 1)
		assert.Equal(t, []string{isms.CodeDocumentOwnerMissing, isms.CodeDocumentReviewOverdue, isms.CodeDocumentSelfApproved},
			entCodes(entCheckDocument(t, d, now, nil)))
	})
}

// FuzzDocumentJSON decodes arbitrary JSON into a Document. Whatever
// decodes and validates must encode, and decode again to an equal value
// that still validates and encodes to the same bytes.
func FuzzDocumentJSON(f *testing.F) {
	seed, err := json.Marshal(isms.Document{
		Meta: isms.Meta{ID: "d1", Revision: 3, CreatedAt: entDate(2024, 1, 1), UpdatedAt: entDate(2024, 1, 2)},
		Type: isms.DocumentPolicy, Title: "Policy", Status: isms.DocumentPublished, Owner: "o", Author: "a",
		Approver: "b", ApprovedAt: entDate(2024, 2, 28), PublishedAt: entDate(2024, 2, 29),
		ReviewInterval: isms.Duration{Years: 1, Clock: 90 * time.Minute}, NextReviewAt: entDate(2025, 3, 1),
		History: []isms.DocumentTransition{{From: isms.DocumentApproved, To: isms.DocumentPublished, By: "b", At: entDate(2024, 2, 29)}},
	})
	require.NoError(f, err)
	f.Add(string(seed))
	f.Add(`{"type":"record","title":"t","status":"draft","history":[]}`)
	f.Add(`{"type":"policy","title":"t","status":"retired","retired_at":"2025-01-01T10:00:00+05:30","review_interval":"P2W"}`)
	f.Add(`{"type":"plan","title":"\u00e9","status":"in_review","review_interval":"PT1.5S","next_review_at":"9999-12-31T23:59:59.999999999-23:59"}`)
	f.Add(`{"type":"policy","title":"t","status":"draft","id":null,"revision":0,"history":null}`)
	f.Add(`{"type":"policy","title":"t","status":"published","published_at":"2025-01-01T00:00:00+00:00"}`)
	f.Fuzz(func(t *testing.T, in string) {
		var d1 isms.Document
		if json.Unmarshal([]byte(in), &d1) != nil || d1.Validate() != nil {
			return
		}
		b1, err := json.Marshal(&d1)
		require.NoError(t, err, "a valid document must encode")
		var d2 isms.Document
		require.NoError(t, json.Unmarshal(b1, &d2), "its encoding must decode: %s", b1)
		// Times compare as instants: an offset of zero that parsed into
		// time.Local re-encodes as "Z" and decodes as time.UTC.
		require.Equal(t, entDocUTC(d1), entDocUTC(d2))
		require.NoError(t, d2.Validate())
		b2, err := json.Marshal(&d2)
		require.NoError(t, err)
		require.Equal(t, string(b1), string(b2))
	})
}

// entDocUTC returns d with every time in UTC, so that documents compare
// by instant.
func entDocUTC(d isms.Document) isms.Document {
	for _, p := range []*time.Time{&d.CreatedAt, &d.UpdatedAt, &d.ApprovedAt, &d.PublishedAt, &d.RetiredAt, &d.LastReviewedAt, &d.NextReviewAt} {
		*p = p.UTC()
	}
	d.History = slices.Clone(d.History)
	for i := range d.History {
		d.History[i].At = d.History[i].At.UTC()
	}
	return d
}

// ParseDocument decodes a record of exactly MaxDocumentRecordSize bytes
// and refuses one byte more before decoding it.
func TestParseDocumentSizeLimit(t *testing.T) {
	good := []byte(`{"type":"policy","title":"Information security policy","status":"draft"}`)
	pad := func(n int) []byte {
		return append(append([]byte(nil), good...), bytes.Repeat([]byte(" "), n-len(good))...)
	}
	_, err := isms.ParseDocument(pad(isms.MaxDocumentRecordSize))
	require.NoError(t, err)
	_, err = isms.ParseDocument(pad(isms.MaxDocumentRecordSize + 1))
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.EqualError(t, err, "document: input is 4194305 bytes, more than the 4194304 allowed for a document record")
}
