package isms

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"slices"
	"time"
)

// EvidenceKind says what form a piece of evidence takes.
type EvidenceKind string

// Kinds of evidence.
const (
	// EvidenceFile is a file (an export, a screenshot, a signed PDF) kept
	// at Location; its SHA256 lets an auditor check it is unchanged.
	EvidenceFile EvidenceKind = "file"
	// EvidenceLink is a page or system view at an absolute URL in
	// Location.
	EvidenceLink EvidenceKind = "link"
	// EvidenceRecord is an entity of the SDK or the host application,
	// named by Record.
	EvidenceRecord EvidenceKind = "record"
)

var evidenceKindValues = []EvidenceKind{EvidenceFile, EvidenceLink, EvidenceRecord}

// EvidenceKindValues returns every EvidenceKind.
func EvidenceKindValues() []EvidenceKind { return slices.Clone(evidenceKindValues) }

// IsValid reports whether k is a known EvidenceKind.
func (k EvidenceKind) IsValid() bool { return slices.Contains(evidenceKindValues, k) }

// UnmarshalText accepts only known kinds.
func (k *EvidenceKind) UnmarshalText(b []byte) error {
	return UnmarshalEnum(k, "evidence kind", b, evidenceKindValues)
}

// Evidence is a piece of evidence that a control operates, a risk is
// treated or a requirement is met: a file, a link or a record, when and by
// whom it was collected, how long it stays valid, and what it supports.
type Evidence struct {
	Meta
	// Kind is required.
	Kind EvidenceKind `json:"kind"`
	// Name is required.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Location is where the evidence is: a path or URL for a file
	// (required), an absolute URL for a link (required), optional for a
	// record.
	Location string `json:"location,omitempty"`
	// Record names the entity that is the evidence; required for the
	// record kind and forbidden for the others.
	Record Ref `json:"record,omitzero"`
	// SHA256 is the SHA-256 of the content as 64 lower-case hex digits
	// (see HashContent). CheckEvidence reports a file without one.
	SHA256 string `json:"sha256,omitempty"`
	// CollectedAt is required: when the evidence was collected.
	CollectedAt time.Time `json:"collected_at"`
	CollectedBy string    `json:"collected_by,omitempty"`
	// ValidUntil is the last instant the evidence counts; zero means it
	// does not expire.
	ValidUntil time.Time `json:"valid_until,omitzero"`
	// Supports lists what the evidence supports: controls, risks,
	// requirements, objectives.
	Supports []Ref `json:"supports,omitzero"`
}

// HashContent returns the SHA-256 of everything r yields, as 64
// lower-case hex digits: the form Evidence.SHA256 takes. A nil r is an
// error answering ErrInvalid; a read error is returned wrapped.
func HashContent(r io.Reader) (string, error) {
	if r == nil {
		return "", Invalidf("isms: hash content: nil reader")
	}
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", fmt.Errorf("isms: hash content: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// VerifyContent hashes r and compares it with e.SHA256. It returns nil on
// a match, an error answering errors.Is(err, ErrInvalid) when e is nil,
// records no hash or another one, or r is nil, and the read error
// otherwise.
func (e *Evidence) VerifyContent(r io.Reader) error {
	if e == nil {
		return Invalidf("evidence is nil")
	}
	subject := subjectName(KindEvidence, e.ID)
	if e.SHA256 == "" {
		return Invalidf("%s: records no sha256", subject)
	}
	if r == nil {
		return Invalidf("%s: verify content: nil reader", subject)
	}
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return fmt.Errorf("%s: verify content: %w", subject, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != e.SHA256 {
		return Invalidf("%s: content sha256 %s does not match the recorded %s", subject, got, e.SHA256)
	}
	return nil
}

// isSHA256Hex reports whether s is 64 lower-case hex digits.
func isSHA256Hex(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Validate reports every problem of e: a name, a known kind and a
// collection time are required; a file needs a location, a link an
// absolute URL, and a record a well-formed Record ref (which the other
// kinds must not set); SHA256 must be 64 lower-case hex digits when set;
// ValidUntil may not be before CollectedAt; supported refs must be well
// formed and listed once; times must lie in years 0001 to 9999
// (CheckTime), so that a ValidUntil in year 10000, which could never be
// stored, is refused. It runs in time linear in the size of e. A nil e is
// an error.
func (e *Evidence) Validate() error {
	if e == nil {
		return Invalidf("evidence is nil")
	}
	var ps Problems
	checkMeta(&ps, e.Meta)
	checkRequired(&ps, "name", e.Name)
	CheckEnum(&ps, "kind", e.Kind, evidenceKindValues, true)
	switch e.Kind {
	case EvidenceFile:
		checkRequired(&ps, "location", e.Location)
	case EvidenceLink:
		if blank(e.Location) {
			ps.Add("location", CodeRequired, "location is required")
		} else if u, err := url.Parse(e.Location); err != nil || !u.IsAbs() || (u.Host == "" && u.Opaque == "") {
			ps.Addf("location", CodeMalformed, "location %q is not an absolute URL", e.Location)
		}
	case EvidenceRecord:
		if e.Record.IsZero() {
			ps.Add("record", CodeRequired, "record is required for record evidence")
		} else {
			checkRef(&ps, "record", e.Record, "")
		}
	}
	if e.Kind != EvidenceRecord && !e.Record.IsZero() {
		ps.Addf("record", CodeForbidden, "record is only for record evidence, not %q", e.Kind)
	}
	if e.SHA256 != "" && !isSHA256Hex(e.SHA256) {
		ps.Add("sha256", CodeMalformed, "sha256 must be 64 lower-case hex digits")
	}
	if e.CollectedAt.IsZero() {
		ps.Add("collected_at", CodeRequired, "collected_at is required")
	} else if !e.ValidUntil.IsZero() && e.ValidUntil.Before(e.CollectedAt) {
		ps.Add("valid_until", CodeOrder, "valid_until is before collected_at")
	}
	CheckTime(&ps, "collected_at", e.CollectedAt)
	CheckTime(&ps, "valid_until", e.ValidUntil)
	checkRefs(&ps, "supports", e.Supports, "")
	return ps.Err(subjectName(KindEvidence, e.ID))
}

// ParseEvidence decodes a JSON evidence from a user strictly
// (UnmarshalStrict: unknown fields, trailing data, more than
// MaxDocumentSize bytes or MaxDocumentDepth levels are refused) and
// validates it. Every error answers errors.Is(err, ErrInvalid). Stored
// evidence is read leniently, for forward compatibility; ParseEvidence is
// for documents from users.
func ParseEvidence(data []byte) (*Evidence, error) {
	return parseEntity[Evidence](KindEvidence, data)
}

// FreshAt reports whether e counts as evidence at now: it was collected at
// or before now, and now is not after ValidUntil (when set). Evidence with
// no collection time is not fresh.
func (e *Evidence) FreshAt(now time.Time) bool {
	if e == nil || e.CollectedAt.IsZero() || e.CollectedAt.After(now) {
		return false
	}
	return e.ValidUntil.IsZero() || !now.After(e.ValidUntil)
}

// CheckEvidence returns what needs attention about e at now, sorted with
// SortFindings. A nil e has no findings. The checks (listed with their
// severities and sources by Rules):
//
//   - evidence.collected_in_future: CollectedAt is after now.
//   - evidence.expired: ValidUntil is set and now is after it.
//   - evidence.expires_soon: ValidUntil is not after now plus
//     DefaultDueSoonDays calendar days.
//   - evidence.hash_missing: a file without SHA256.
//   - evidence.unlinked: Supports is empty.
func CheckEvidence(e *Evidence, now time.Time) []Finding {
	if e == nil {
		return nil
	}
	subject := e.Meta.Ref(KindEvidence)
	var fs []Finding
	if e.CollectedAt.After(now) {
		fs = append(fs, newFinding(CodeEvidenceCollectedInFuture, subject, "collected_at",
			map[string]string{"collected_at": formatTime(e.CollectedAt), "now": formatTime(now)},
			"evidence %q is dated %s, after now", e.Name, formatTime(e.CollectedAt)))
	}
	if !e.ValidUntil.IsZero() {
		window := Days(DefaultDueSoonDays)
		end := window.AddTo(now)
		switch {
		case now.After(e.ValidUntil):
			fs = append(fs, newFinding(CodeEvidenceExpired, subject, "valid_until",
				map[string]string{"valid_until": formatTime(e.ValidUntil), "now": formatTime(now)},
				"evidence %q expired on %s", e.Name, e.ValidUntil.UTC().Format(time.DateOnly)))
		case !e.ValidUntil.After(end):
			fs = append(fs, newFinding(CodeEvidenceExpiresSoon, subject, "valid_until",
				map[string]string{
					"valid_until": formatTime(e.ValidUntil), "now": formatTime(now),
					"window": window.String(), "window_end": formatTime(end),
				},
				"evidence %q expires on %s", e.Name, e.ValidUntil.UTC().Format(time.DateOnly)))
		}
	}
	if e.Kind == EvidenceFile && e.SHA256 == "" {
		fs = append(fs, newFinding(CodeEvidenceHashMissing, subject, "sha256",
			map[string]string{"kind": string(e.Kind)}, "file evidence %q records no sha256", e.Name))
	}
	if len(e.Supports) == 0 {
		fs = append(fs, newFinding(CodeEvidenceUnlinked, subject, "supports", nil, "evidence %q supports nothing", e.Name))
	}
	SortFindings(fs)
	return fs
}
