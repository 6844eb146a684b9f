package incident

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Evidence is one item collected for an incident (ISO/IEC 27001 A.5.28),
// with its SHA-256, size and an append-only chain of custody.
type Evidence struct {
	ID          isms.ID   `json:"id"`
	Item        string    `json:"item"`
	SHA256      string    `json:"sha256"`
	Size        int64     `json:"size"`
	Source      string    `json:"source,omitempty"`
	CollectedAt time.Time `json:"collected_at"`
	CollectedBy string    `json:"collected_by"`
	Custody     []Custody `json:"custody,omitempty"`
}

// Custody is one hand-over of an evidence item.
type Custody struct {
	From    string    `json:"from"`
	To      string    `json:"to"`
	At      time.Time `json:"at"`
	Purpose string    `json:"purpose,omitempty"`
}

// Validate reports a malformed evidence record: an ID, an item, a
// lower-case hex SHA-256, a non-negative size, the collection time and
// collector are required; hand-overs name both parties and a time.
func (e *Evidence) Validate() error {
	if e == nil {
		return isms.Invalidf("evidence is nil")
	}
	var ps isms.Problems
	if !e.ID.IsValid() {
		ps.Add("id", isms.CodeMalformed, "id is not a valid ID")
	}
	if strings.TrimSpace(e.Item) == "" {
		ps.Add("item", isms.CodeRequired, "item is required")
	}
	if b, err := hex.DecodeString(e.SHA256); err != nil || len(b) != sha256.Size || strings.ToLower(e.SHA256) != e.SHA256 {
		ps.Add("sha256", isms.CodeMalformed, "sha256 must be 64 lower-case hex digits")
	}
	if e.Size < 0 {
		ps.Add("size", isms.CodeOutOfRange, "size must not be negative")
	}
	if e.CollectedAt.IsZero() {
		ps.Add("collected_at", isms.CodeRequired, "collected_at is required")
	}
	isms.CheckTime(&ps, "collected_at", e.CollectedAt)
	if e.CollectedBy == "" {
		ps.Add("collected_by", isms.CodeRequired, "collected_by is required")
	}
	for i, c := range e.Custody {
		f := indexField("custody", i)
		if c.From == "" || c.To == "" || c.At.IsZero() {
			ps.Add(f, isms.CodeRequired, "a hand-over names from, to and a time")
		}
		isms.CheckTime(&ps, f+".at", c.At)
	}
	return ps.Err("evidence")
}

// EvidenceKind is the Ref kind of evidence items in findings.
const EvidenceKind = "incident.evidence"

// CheckCustody walks the chain of custody and returns its findings, with
// the evidence item as subject and the field "custody[i]" of the
// hand-over concerned: a gap (CodeCustodyGap) is a hand-over from someone
// other than the holder (the collector, then the last receiver); an
// overlap (CodeCustodyOverlap) is two hand-overs at the same instant (two
// holders at once); out of order (CodeCustodyOutOfOrder) is a hand-over
// before the previous one or before collection. Linear in the chain's
// length; nil for a nil or sound chain.
func (e *Evidence) CheckCustody() []isms.Finding {
	if e == nil {
		return nil
	}
	var out []isms.Finding
	subj := isms.Ref{Kind: EvidenceKind, ID: e.ID}
	add := func(code string, i int, msg string) {
		f := rule(code).Finding(subj, msg)
		f.Field = indexField("custody", i)
		out = append(out, f)
	}
	holder, last := e.CollectedBy, e.CollectedAt
	for i, c := range e.Custody {
		switch {
		case c.At.Before(last):
			add(CodeCustodyOutOfOrder, i, fmt.Sprintf("hand-over %d at %s is before the previous event at %s", i, c.At.UTC().Format(time.RFC3339), last.UTC().Format(time.RFC3339)))
		case i > 0 && c.At.Equal(last):
			add(CodeCustodyOverlap, i, fmt.Sprintf("hand-over %d is at the same instant as the previous one: two holders at once", i))
		}
		if c.From != holder {
			add(CodeCustodyGap, i, fmt.Sprintf("hand-over %d is from %q, but %q held the item", i, c.From, holder))
		}
		holder = c.To
		if c.At.After(last) {
			last = c.At
		}
	}
	return out
}

// Holder returns who holds the item after the last hand-over.
func (e *Evidence) Holder() string {
	if e == nil {
		return ""
	}
	if n := len(e.Custody); n > 0 {
		return e.Custody[n-1].To
	}
	return e.CollectedBy
}

// HashContent returns the lower-case hex SHA-256 and the size of r's
// content.
func HashContent(r io.Reader) (string, int64, error) {
	if r == nil {
		return "", 0, isms.Invalidf("incident: hash content: nil reader")
	}
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return "", n, fmt.Errorf("incident: hash content: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// VerifyContent re-checks r's content against the recorded hash and
// size: nil when both match, an error answering isms.ErrInvalid when not.
func (e *Evidence) VerifyContent(r io.Reader) error {
	if e == nil {
		return isms.Invalidf("incident: verify evidence: nil evidence")
	}
	sum, n, err := HashContent(r)
	if err != nil {
		return err
	}
	if sum != e.SHA256 || n != e.Size {
		return isms.Invalidf("incident: verify evidence %s: content has sha256 %s and %d bytes, recorded %s and %d bytes", e.ID, sum, n, e.SHA256, e.Size)
	}
	return nil
}

// EvidenceCommand adds an evidence item or, for an existing ID, appends
// hand-overs to its custody (the other fields are kept as recorded).
type EvidenceCommand struct {
	Evidence Evidence `json:"evidence"`
	Revision int64    `json:"revision,omitempty"`
}

// RecordEvidence adds an item or appends its new hand-overs by by at now,
// with a timeline entry; custody is append-only (recorded hand-overs
// must be repeated unchanged).
func (inc *Incident) RecordEvidence(by string, cmd EvidenceCommand, now time.Time) error {
	if inc == nil {
		return isms.Invalidf("incident: evidence: nil incident")
	}
	if err := inc.checkRevision(cmd.Revision); err != nil {
		return err
	}
	if by == "" {
		return isms.Invalidf("%s: evidence: no actor", subjectOf(inc.ID))
	}
	now = isms.NormalizeTime(now)
	e := cmd.Evidence
	e.Custody = slices.Clone(e.Custody)
	e.CollectedAt = isms.NormalizeTime(e.CollectedAt)
	for i := range e.Custody {
		e.Custody[i].At = isms.NormalizeTime(e.Custody[i].At)
	}
	for i := range inc.Evidence {
		old := &inc.Evidence[i]
		if old.ID != e.ID {
			continue
		}
		if len(e.Custody) < len(old.Custody) {
			return isms.Invalidf("%s: evidence %s: custody is append-only", subjectOf(inc.ID), e.ID)
		}
		for j := range old.Custody {
			if old.Custody[j] != e.Custody[j] {
				return isms.Invalidf("%s: evidence %s: custody is append-only (hand-over %d differs)", subjectOf(inc.ID), e.ID, j)
			}
		}
		added := e.Custody[len(old.Custody):]
		old.Custody = append(old.Custody, added...)
		if err := old.Validate(); err != nil {
			old.Custody = old.Custody[:len(old.Custody)-len(added)]
			return isms.Invalidf("%s: %v", subjectOf(inc.ID), err)
		}
		inc.record(now, by, FieldEvidence, "", string(e.ID)+" held by "+old.Holder(), "", 0)
		return nil
	}
	if err := e.Validate(); err != nil {
		return isms.Invalidf("%s: %v", subjectOf(inc.ID), err)
	}
	inc.Evidence = append(inc.Evidence, e)
	inc.record(now, by, FieldEvidence, "", string(e.ID)+" collected", "", 0)
	return nil
}
