package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// JournalEntry records one write; see driver.JournalEntry, of which it is
// an alias so that readers of the journal need not import package driver.
type JournalEntry = driver.JournalEntry

// Operation is the kind of write a journal entry records.
type Operation = driver.Operation

// Hash is a SHA-256 sum, written as 64 lower-case hex digits.
type Hash = driver.Hash

// Operations of journal entries.
const (
	OpCreate = driver.OpCreate
	OpUpdate = driver.OpUpdate
	OpDelete = driver.OpDelete
)

// JournalOptions selects entries of a journal: those with a Sequence above
// AfterSequence, at most Limit of them (<= 0 means DefaultLimit; at most
// MaxLimit).
type JournalOptions struct {
	AfterSequence int64 `json:"after_sequence,omitempty"`
	Limit         int   `json:"limit,omitempty"`
}

// ReadJournal returns entries of the tenant's journal in ascending
// sequence.
func (s *Store) ReadJournal(ctx context.Context, tenant string, opts JournalOptions) ([]JournalEntry, error) {
	if err := s.usable(); err != nil {
		return nil, err
	}
	if ctx == nil {
		return nil, isms.Invalidf("nil context")
	}
	var ps isms.Problems
	if tenant == "" {
		ps.Add("tenant", isms.CodeRequired, "tenant is required")
	}
	if opts.AfterSequence < 0 {
		ps.Add("after_sequence", isms.CodeOutOfRange, "after_sequence is negative")
	}
	if err := ps.Err("read journal"); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit := ListOptions{Limit: opts.Limit}.EffectiveLimit()
	entries, err := s.d.ReadJournal(ctx, tenant, opts.AfterSequence, limit)
	if err != nil {
		return nil, err
	}
	if len(entries) > limit {
		return nil, brokenDriver(s.d, "ReadJournal asked for %d entries returned %d", limit, len(entries))
	}
	for i, e := range entries {
		if e.Tenant != tenant || e.Sequence != opts.AfterSequence+int64(i)+1 {
			return nil, brokenDriver(s.d, "ReadJournal of %q after %d returned entry %d of %q at position %d", tenant, opts.AfterSequence, e.Sequence, e.Tenant, i)
		}
	}
	return entries, nil
}

// VerifyJournal reads the tenant's whole journal page by page and
// verifies its hash chain. It returns nil when every link holds, a
// *BrokenLinkError at the first broken link, and the context's error when
// ctx ends first. It keeps one entry in memory whatever the journal's
// length.
func (s *Store) VerifyJournal(ctx context.Context, tenant string) error {
	var v JournalVerifier
	after := int64(0)
	for {
		page, err := s.ReadJournal(ctx, tenant, JournalOptions{AfterSequence: after, Limit: MaxLimit})
		if err != nil {
			return err
		}
		for i := range page {
			if err := v.add(&page[i]); err != nil {
				return err
			}
		}
		if len(page) == 0 {
			return nil
		}
		after = page[len(page)-1].Sequence
	}
}

// ErrJournalBroken is the category of a journal whose hash chain does not
// verify. *BrokenLinkError answers errors.Is with it.
var ErrJournalBroken = errors.New("journal broken")

// BrokenLinkError reports the first position at which a journal fails to
// verify: Sequence is the sequence number the chain expected there (the
// entry found may carry another, when entries were removed or reordered).
type BrokenLinkError struct {
	Tenant   string `json:"tenant"`
	Sequence int64  `json:"sequence"`
	Reason   string `json:"reason"`
}

// Error names the tenant, the position and the reason.
func (e *BrokenLinkError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return fmt.Sprintf("journal of tenant %q broken at entry %d: %s", e.Tenant, e.Sequence, e.Reason)
}

// Is reports whether target is ErrJournalBroken.
func (e *BrokenLinkError) Is(target error) bool { return e != nil && target == ErrJournalBroken }

// JournalVerifier checks a journal entry by entry, so a journal of any
// length can be verified in pages. The zero value expects the first entry.
type JournalVerifier struct {
	tenant  string
	seq     int64
	hash    Hash
	started bool
}

// Add checks e against the entries added before it and returns a
// *BrokenLinkError for the first problem: another tenant, a sequence gap,
// a prev_hash that is not the previous entry's hash, an unknown operation,
// an entry without an actor, or a hash that does not match the entry's
// content.
func (v *JournalVerifier) Add(e JournalEntry) error {
	if v == nil {
		return isms.Invalidf("nil journal verifier")
	}
	return v.add(&e)
}

func (v *JournalVerifier) add(e *JournalEntry) error {
	wantSeq, wantPrev := int64(1), Hash{}
	if v.started {
		wantSeq, wantPrev = v.seq+1, v.hash
	}
	broken := func(why string) error {
		return &BrokenLinkError{Tenant: e.Tenant, Sequence: wantSeq, Reason: why}
	}
	switch {
	case v.started && e.Tenant != v.tenant:
		return broken(fmt.Sprintf("tenant %q follows tenant %q", e.Tenant, v.tenant))
	case e.Sequence != wantSeq:
		return broken(fmt.Sprintf("sequence %d where %d was expected", e.Sequence, wantSeq))
	case e.PrevHash != wantPrev:
		return broken("prev_hash does not match the previous entry's hash")
	case !e.Operation.IsValid():
		return broken(fmt.Sprintf("unknown operation %q", e.Operation))
	case e.Actor == "":
		return broken("entry has no actor")
	case e.ComputeHash() != e.Hash:
		return broken("hash does not match the entry's content")
	}
	v.tenant, v.seq, v.hash, v.started = e.Tenant, e.Sequence, e.Hash, true
	return nil
}

// Last returns the sequence and hash of the last entry verified, and false
// before the first.
func (v *JournalVerifier) Last() (int64, Hash, bool) {
	if v == nil {
		return 0, Hash{}, false
	}
	return v.seq, v.hash, v.started
}

// VerifyEntries verifies a complete journal held in memory, starting at
// sequence 1.
func VerifyEntries(entries []JournalEntry) error {
	var v JournalVerifier
	for i := range entries {
		if err := v.add(&entries[i]); err != nil {
			return err
		}
	}
	return nil
}
