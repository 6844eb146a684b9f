package isms_test

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// SHA-256 test vectors of FIPS 180-2 (appendix B.1) and of the empty
// message.
const (
	sha256ABC   = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	sha256Empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

func validEvidence() *isms.Evidence {
	return &isms.Evidence{
		Meta:        isms.Meta{ID: "ev-1"},
		Kind:        isms.EvidenceFile,
		Name:        "Backup restore test report",
		Location:    "evidence/2025/restore-test.pdf",
		SHA256:      sha256ABC,
		CollectedAt: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC),
		CollectedBy: "it ops",
		ValidUntil:  time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		Supports:    []isms.Ref{isms.NewRef("control", "A.8.13")},
	}
}

func TestEvidenceValidate(t *testing.T) {
	link := func(e *isms.Evidence) {
		e.Kind, e.Location, e.SHA256 = isms.EvidenceLink, "https://status.example.com/backups", ""
	}
	record := func(e *isms.Evidence) {
		e.Kind, e.Location, e.SHA256 = isms.EvidenceRecord, "", ""
		e.Record = isms.NewRef("incident", "inc-7")
	}
	tests := []struct {
		name   string
		mutate func(e *isms.Evidence)
		want   [][2]string
	}{
		{"valid file", func(*isms.Evidence) {}, nil},
		{"file without hash is a finding, not a problem", func(e *isms.Evidence) { e.SHA256 = "" }, nil},
		{"valid link", link, nil},
		{"valid record", record, nil},
		{"record with location and hash", func(e *isms.Evidence) {
			record(e)
			e.Location, e.SHA256 = "https://app.example.com/incidents/7", sha256Empty
		}, nil},
		{"no expiry", func(e *isms.Evidence) { e.ValidUntil = time.Time{} }, nil},
		{"valid until equals collected", func(e *isms.Evidence) { e.ValidUntil = e.CollectedAt }, nil},
		{"name missing", func(e *isms.Evidence) { e.Name = "" }, [][2]string{{"name", isms.CodeRequired}}},
		{"kind missing", func(e *isms.Evidence) { e.Kind = "" }, [][2]string{{"kind", isms.CodeRequired}}},
		{"kind unknown", func(e *isms.Evidence) { e.Kind = "photo" }, [][2]string{{"kind", isms.CodeUnknown}}},
		{"file without location", func(e *isms.Evidence) { e.Location = " " }, [][2]string{{"location", isms.CodeRequired}}},
		{"link without location", func(e *isms.Evidence) { link(e); e.Location = "" }, [][2]string{{"location", isms.CodeRequired}}},
		{"link relative", func(e *isms.Evidence) { link(e); e.Location = "/backups" }, [][2]string{{"location", isms.CodeMalformed}}},
		{"link without host", func(e *isms.Evidence) { link(e); e.Location = "https://" }, [][2]string{{"location", isms.CodeMalformed}}},
		{"link unparsable", func(e *isms.Evidence) { link(e); e.Location = "http://[::1" }, [][2]string{{"location", isms.CodeMalformed}}},
		{"link opaque URN", func(e *isms.Evidence) { link(e); e.Location = "urn:isbn:0451450523" }, nil},
		{"record without record", func(e *isms.Evidence) { record(e); e.Record = isms.Ref{} }, [][2]string{{"record", isms.CodeRequired}}},
		{"record malformed", func(e *isms.Evidence) { record(e); e.Record.ID = "a b" }, [][2]string{{"record.id", isms.CodeMalformed}}},
		{"file with record", func(e *isms.Evidence) { e.Record = isms.NewRef("incident", "inc-7") }, [][2]string{{"record", isms.CodeForbidden}}},
		{"hash upper case", func(e *isms.Evidence) { e.SHA256 = strings.ToUpper(sha256ABC) }, [][2]string{{"sha256", isms.CodeMalformed}}},
		{"hash short", func(e *isms.Evidence) { e.SHA256 = sha256ABC[:63] }, [][2]string{{"sha256", isms.CodeMalformed}}},
		{"hash long", func(e *isms.Evidence) { e.SHA256 = sha256ABC + "0" }, [][2]string{{"sha256", isms.CodeMalformed}}},
		{"hash not hex", func(e *isms.Evidence) { e.SHA256 = "g" + sha256ABC[1:] }, [][2]string{{"sha256", isms.CodeMalformed}}},
		{"collected_at missing", func(e *isms.Evidence) { e.CollectedAt = time.Time{} }, [][2]string{{"collected_at", isms.CodeRequired}}},
		{"valid until before collected", func(e *isms.Evidence) { e.ValidUntil = e.CollectedAt.Add(-time.Second) },
			[][2]string{{"valid_until", isms.CodeOrder}}},
		{"supports malformed", func(e *isms.Evidence) { e.Supports[0].Kind = "" }, [][2]string{{"supports[0].kind", isms.CodeRequired}}},
		{"supports twice", func(e *isms.Evidence) { e.Supports = append(e.Supports, e.Supports[0]) },
			[][2]string{{"supports[1]", isms.CodeDuplicate}}},
		{"every problem", func(e *isms.Evidence) {
			e.Name, e.Location, e.SHA256 = "", "", "xyz"
			e.CollectedAt = time.Time{}
		}, [][2]string{{"name", isms.CodeRequired}, {"location", isms.CodeRequired}, {"sha256", isms.CodeMalformed}, {"collected_at", isms.CodeRequired}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEvidence()
			tt.mutate(e)
			entProblems(t, e.Validate(), tt.want...)
		})
	}
}

func TestEvidenceJSON(t *testing.T) {
	e := validEvidence()
	assert.Equal(t, e, entRoundTrip(t, e))
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"id": "ev-1", "kind": "file", "name": "Backup restore test report",
		"location": "evidence/2025/restore-test.pdf", "sha256": "`+sha256ABC+`",
		"collected_at": "2025-03-01T09:00:00Z", "collected_by": "it ops", "valid_until": "2026-03-01T09:00:00Z",
		"supports": [{"kind": "control", "id": "A.8.13"}]
	}`, string(b))

	r := &isms.Evidence{Meta: isms.Meta{ID: "ev-2"}, Kind: isms.EvidenceRecord, Name: "n",
		Record: isms.NewRef("incident", "inc-7"), CollectedAt: entDate(2025, 1, 1)}
	assert.Equal(t, r, entRoundTrip(t, r))

	var bad isms.Evidence
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"kind":"photo","name":"n"}`), &bad), isms.ErrInvalid)
}

func TestEvidenceEnums(t *testing.T) {
	entStrictEnum(t, isms.EvidenceKindValues())
	assert.Equal(t, []isms.EvidenceKind{"file", "link", "record"}, isms.EvidenceKindValues())
	assert.True(t, isms.EvidenceLink.IsValid())
	assert.False(t, isms.EvidenceKind("File").IsValid())
}

func TestHashContent(t *testing.T) {
	got, err := isms.HashContent(strings.NewReader("abc"))
	require.NoError(t, err)
	assert.Equal(t, sha256ABC, got)
	got, err = isms.HashContent(strings.NewReader(""))
	require.NoError(t, err)
	assert.Equal(t, sha256Empty, got)
	// FIPS 180-2 B.2: the 448-bit message.
	got, err = isms.HashContent(iotest.OneByteReader(strings.NewReader("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))
	require.NoError(t, err)
	assert.Equal(t, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", got)

	boom := errors.New("boom")
	_, err = isms.HashContent(iotest.ErrReader(boom))
	assert.ErrorIs(t, err, boom)
}

func TestEvidenceVerifyContent(t *testing.T) {
	e := validEvidence()
	assert.NoError(t, e.VerifyContent(strings.NewReader("abc")))
	err := e.VerifyContent(strings.NewReader("abd"))
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), sha256ABC)

	boom := errors.New("boom")
	assert.ErrorIs(t, e.VerifyContent(io.MultiReader(strings.NewReader("ab"), iotest.ErrReader(boom))), boom)

	e.SHA256 = ""
	assert.ErrorIs(t, e.VerifyContent(strings.NewReader("abc")), isms.ErrInvalid)
}

func TestEvidenceFreshAt(t *testing.T) {
	e := validEvidence()
	tests := []struct {
		now  time.Time
		want bool
	}{
		{e.CollectedAt.Add(-time.Nanosecond), false},
		{e.CollectedAt, true},
		{e.ValidUntil, true}, // the last instant still counts
		{e.ValidUntil.Add(time.Nanosecond), false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, e.FreshAt(tt.now), "now %s", tt.now)
	}
	e.ValidUntil = time.Time{}
	assert.True(t, e.FreshAt(e.CollectedAt.AddDate(50, 0, 0)), "no expiry")
	e.CollectedAt = time.Time{}
	assert.False(t, e.FreshAt(entDate(2025, 1, 1)), "undated evidence is not fresh")
	var nilEv *isms.Evidence
	assert.False(t, nilEv.FreshAt(entDate(2025, 1, 1)))
}

func TestCheckEvidence(t *testing.T) {
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	subject := isms.NewRef(isms.KindEvidence, "ev-1")
	require.Empty(t, isms.CheckEvidence(validEvidence(), now))

	tests := []struct {
		code     string
		trigger  func(e *isms.Evidence)
		severity isms.Severity
		field    string
		details  map[string]string
		message  string
	}{
		{isms.CodeEvidenceExpired, func(e *isms.Evidence) { e.ValidUntil = now.Add(-time.Second) },
			isms.SeverityError, "valid_until",
			map[string]string{"valid_until": "2025-05-31T23:59:59Z", "now": "2025-06-01T00:00:00Z"},
			`evidence "Backup restore test report" expired on 2025-05-31`},
		{isms.CodeEvidenceExpiresSoon, func(e *isms.Evidence) { e.ValidUntil = entDate(2025, 7, 1) },
			isms.SeverityWarning, "valid_until",
			map[string]string{"valid_until": "2025-07-01T00:00:00Z", "now": "2025-06-01T00:00:00Z", "window": "P30D", "window_end": "2025-07-01T00:00:00Z"},
			`evidence "Backup restore test report" expires on 2025-07-01`},
		{isms.CodeEvidenceHashMissing, func(e *isms.Evidence) { e.SHA256 = "" },
			isms.SeverityWarning, "sha256", map[string]string{"kind": "file"},
			`file evidence "Backup restore test report" records no sha256`},
		{isms.CodeEvidenceCollectedInFuture, func(e *isms.Evidence) { e.CollectedAt = now.Add(time.Microsecond) },
			isms.SeverityError, "collected_at",
			map[string]string{"collected_at": "2025-06-01T00:00:00.000001Z", "now": "2025-06-01T00:00:00Z"},
			`evidence "Backup restore test report" is dated 2025-06-01T00:00:00.000001Z, after now`},
		{isms.CodeEvidenceUnlinked, func(e *isms.Evidence) { e.Supports = nil },
			isms.SeverityInfo, "supports", nil,
			`evidence "Backup restore test report" supports nothing`},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			e := validEvidence()
			tt.trigger(e)
			fs := isms.CheckEvidence(e, now)
			entOneFinding(t, fs, isms.Finding{Code: tt.code, Severity: tt.severity, Subject: subject,
				Field: tt.field, Details: tt.details, Message: tt.message})
		})
	}

	t.Run("boundaries", func(t *testing.T) {
		e := validEvidence()
		e.ValidUntil = now // the last instant: still valid, expiring soon
		assert.Equal(t, []string{isms.CodeEvidenceExpiresSoon}, entCodes(isms.CheckEvidence(e, now)))
		e.ValidUntil = entDate(2025, 7, 1).Add(time.Nanosecond) // just past the window
		assert.Empty(t, isms.CheckEvidence(e, now))
		e.ValidUntil = time.Time{}
		assert.Empty(t, isms.CheckEvidence(e, now), "no expiry")
		e.CollectedAt = now // collected exactly now is not in the future
		assert.Empty(t, isms.CheckEvidence(e, now))
	})
	t.Run("links and records need no hash", func(t *testing.T) {
		for _, k := range []isms.EvidenceKind{isms.EvidenceLink, isms.EvidenceRecord} {
			e := validEvidence()
			e.Kind, e.SHA256 = k, ""
			assert.Empty(t, isms.CheckEvidence(e, now), k)
		}
	})
	t.Run("sorted", func(t *testing.T) {
		e := validEvidence()
		e.SHA256, e.Supports = "", nil
		e.CollectedAt, e.ValidUntil = now.AddDate(0, 0, 1), now.AddDate(0, 0, -1)
		assert.Equal(t, []string{
			isms.CodeEvidenceCollectedInFuture, isms.CodeEvidenceExpired, isms.CodeEvidenceHashMissing, isms.CodeEvidenceUnlinked,
		}, entCodes(isms.CheckEvidence(e, now)))
		assert.Empty(t, isms.CheckEvidence(nil, now))
	})
}
