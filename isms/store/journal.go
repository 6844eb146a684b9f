package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Operation is the kind of write a journal entry records.
type Operation string

// Operations.
const (
	OpCreate Operation = "create"
	OpUpdate Operation = "update"
	OpDelete Operation = "delete"
)

var operationValues = []Operation{OpCreate, OpUpdate, OpDelete}

// OperationValues returns every Operation.
func OperationValues() []Operation { return slices.Clone(operationValues) }

// IsValid reports whether o is a known Operation.
func (o Operation) IsValid() bool { return slices.Contains(operationValues, o) }

// UnmarshalText accepts only known operations.
func (o *Operation) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(o, "operation", b, operationValues)
}

// JournalEntry records one write. Each tenant has its own journal: entries
// are numbered from 1 without gaps, and each carries the hash of the entry
// before it (PrevHash, "" for the first), so that changing, removing or
// inserting an entry breaks the chain at that point.
type JournalEntry struct {
	Tenant    string    `json:"tenant"`
	Sequence  int64     `json:"sequence"`
	Time      time.Time `json:"time"`
	Actor     string    `json:"actor,omitempty"`
	Kind      string    `json:"kind"`
	ID        isms.ID   `json:"id"`
	Revision  int64     `json:"revision"`
	Operation Operation `json:"operation"`
	// DataHash is the hex SHA-256 of the record's Data after the write
	// (DataHash(nil) for a delete).
	DataHash string `json:"data_hash"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// DataHash returns the lower-case hex SHA-256 of data.
func DataHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ComputeHash returns the hash the entry should carry: the lower-case hex
// SHA-256 of this byte string, which anyone can rebuild to re-perform the
// check:
//
//	"ismskit.journal.v1\n" then, for each field in the order tenant,
//	sequence, time, actor, kind, id, revision, operation, data_hash,
//	prev_hash: the field's value as decimal length, ':', value, '\n'
//
// where sequence and revision are base-10 integers and time is RFC 3339 in
// UTC with nanoseconds ("2006-01-02T15:04:05.999999999Z").
func (e JournalEntry) ComputeHash() string {
	var buf [512]byte
	sum := sha256.Sum256(e.appendHashInput(buf[:0], []byte(e.DataHash), []byte(e.PrevHash)))
	return hex.EncodeToString(sum[:])
}

// EntryDigest returns the raw SHA-256 that ComputeHash would return in hex
// for e, taking the data hash and the previous entry's hash as raw sums
// instead of e.DataHash and e.PrevHash (prev nil means the first entry).
// It allocates nothing, for backends that keep hashes in binary.
func EntryDigest(e *JournalEntry, data *[32]byte, prev *[32]byte) [32]byte {
	var buf [512]byte
	var dataHex, prevHex [64]byte
	hex.Encode(dataHex[:], data[:])
	p := prevHex[:0]
	if prev != nil {
		hex.Encode(prevHex[:], prev[:])
		p = prevHex[:]
	}
	return sha256.Sum256(e.appendHashInput(buf[:0], dataHex[:], p))
}

func (e *JournalEntry) appendHashInput(buf, dataHash, prevHash []byte) []byte {
	var num [64]byte
	buf = append(buf, "ismskit.journal.v1\n"...)
	buf = appendField(buf, e.Tenant)
	buf = appendFieldBytes(buf, strconv.AppendInt(num[:0], e.Sequence, 10))
	buf = appendFieldBytes(buf, e.Time.UTC().AppendFormat(num[:0], time.RFC3339Nano))
	buf = appendField(buf, e.Actor)
	buf = appendField(buf, e.Kind)
	buf = appendField(buf, string(e.ID))
	buf = appendFieldBytes(buf, strconv.AppendInt(num[:0], e.Revision, 10))
	buf = appendField(buf, string(e.Operation))
	buf = appendFieldBytes(buf, dataHash)
	buf = appendFieldBytes(buf, prevHash)
	return buf
}

func appendField(buf []byte, f string) []byte {
	buf = strconv.AppendInt(buf, int64(len(f)), 10)
	buf = append(buf, ':')
	buf = append(buf, f...)
	return append(buf, '\n')
}

func appendFieldBytes(buf, f []byte) []byte {
	buf = strconv.AppendInt(buf, int64(len(f)), 10)
	buf = append(buf, ':')
	buf = append(buf, f...)
	return append(buf, '\n')
}

// Seal sets e.PrevHash to prev's hash (or "" when prev is nil), e.Sequence
// to the next number, and e.Hash. Backends call it to append an entry.
func (e *JournalEntry) Seal(prev *JournalEntry) {
	if prev == nil {
		e.Sequence, e.PrevHash = 1, ""
	} else {
		e.Sequence, e.PrevHash = prev.Sequence+1, prev.Hash
	}
	e.Time = isms.NormalizeTime(e.Time)
	e.Hash = e.ComputeHash()
}

// JournalOptions selects entries of a journal: those with a Sequence above
// AfterSequence, at most Limit of them (<= 0 means DefaultLimit; at most
// MaxLimit).
type JournalOptions struct {
	AfterSequence int64
	Limit         int
}

// JournalReader is the optional interface of a Backend that keeps a
// journal. A backend that does not implement it cannot journal, and
// ReadJournal and VerifyJournal report isms.ErrUnsupported for it.
type JournalReader interface {
	// ReadJournal returns the tenant's entries in ascending sequence.
	ReadJournal(ctx context.Context, tenant string, opts JournalOptions) ([]JournalEntry, error)
}

// ReadJournal reads entries of the tenant's journal from b.
func ReadJournal(ctx context.Context, b Backend, tenant string, opts JournalOptions) ([]JournalEntry, error) {
	jr, ok := b.(JournalReader)
	if !ok {
		return nil, isms.Unsupportedf("store: backend %T keeps no journal", b)
	}
	return jr.ReadJournal(ctx, tenant, opts)
}

// ErrJournalBroken is the category of a journal whose hash chain does not
// verify. *BrokenLinkError answers errors.Is with it.
var ErrJournalBroken = errors.New("journal broken")

// BrokenLinkError reports the first position at which a journal fails to
// verify: Sequence is the sequence number the chain expected there (the
// entry found may carry another, when entries were removed or reordered).
type BrokenLinkError struct {
	Tenant   string
	Sequence int64
	Reason   string
}

// Error names the tenant, the position and the reason.
func (e *BrokenLinkError) Error() string {
	return fmt.Sprintf("store: journal of tenant %q broken at entry %d: %s", e.Tenant, e.Sequence, e.Reason)
}

// Is reports whether target is ErrJournalBroken.
func (e *BrokenLinkError) Is(target error) bool { return target == ErrJournalBroken }

// JournalVerifier checks a journal entry by entry, so a journal of any
// length can be verified in pages. The zero value expects the first entry.
type JournalVerifier struct {
	prev    JournalEntry
	started bool
}

// Add checks e against the entries added before it and returns a
// *BrokenLinkError for the first problem: a sequence gap, a prev_hash that
// is not the previous entry's hash, a hash that does not match the entry's
// content, or an unknown operation.
func (v *JournalVerifier) Add(e JournalEntry) error {
	wantSeq, wantPrev := int64(1), ""
	if v.started {
		wantSeq, wantPrev = v.prev.Sequence+1, v.prev.Hash
	}
	// The link is reported at the position where the chain stops holding.
	broken := func(why string) error {
		return &BrokenLinkError{Tenant: e.Tenant, Sequence: wantSeq, Reason: why}
	}
	if v.started {
		if e.Tenant != v.prev.Tenant {
			return broken(fmt.Sprintf("tenant %q follows tenant %q", e.Tenant, v.prev.Tenant))
		}
	}
	if e.Sequence != wantSeq {
		return broken(fmt.Sprintf("sequence %d where %d was expected", e.Sequence, wantSeq))
	}
	if e.PrevHash != wantPrev {
		return broken("prev_hash does not match the previous entry's hash")
	}
	if !e.Operation.IsValid() {
		return broken(fmt.Sprintf("unknown operation %q", e.Operation))
	}
	if got := e.ComputeHash(); got != e.Hash {
		return broken("hash does not match the entry's content")
	}
	v.prev, v.started = e, true
	return nil
}

// Last returns the last entry verified, and false before the first.
func (v *JournalVerifier) Last() (JournalEntry, bool) { return v.prev, v.started }

// VerifyEntries verifies a complete journal held in memory, starting at
// sequence 1.
func VerifyEntries(entries []JournalEntry) error {
	var v JournalVerifier
	for _, e := range entries {
		if err := v.Add(e); err != nil {
			return err
		}
	}
	return nil
}

// VerifyJournal reads the tenant's whole journal from b page by page and
// verifies its hash chain. It returns nil when every link holds, a
// *BrokenLinkError at the first broken link, isms.ErrUnsupported when b keeps
// no journal, and the context's error when ctx ends first.
func VerifyJournal(ctx context.Context, b Backend, tenant string) error {
	var v JournalVerifier
	after := int64(0)
	for {
		page, err := ReadJournal(ctx, b, tenant, JournalOptions{AfterSequence: after, Limit: MaxLimit})
		if err != nil {
			return err
		}
		for _, e := range page {
			if err := v.Add(e); err != nil {
				return err
			}
		}
		if len(page) == 0 {
			return nil
		}
		after = page[len(page)-1].Sequence
	}
}
