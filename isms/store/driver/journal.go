package driver

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
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
func (o Operation) IsValid() bool { return o == OpCreate || o == OpUpdate || o == OpDelete }

// UnmarshalText accepts only known operations.
func (o *Operation) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(o, "operation", b, operationValues)
}

// Hash is a SHA-256 sum. In JSON and text it is 64 lower-case hex digits.
type Hash [sha256.Size]byte

// DataHash returns the SHA-256 of data.
func DataHash(data []byte) Hash { return sha256.Sum256(data) }

// IsZero reports whether h is all zero bytes (the PrevHash of a journal's
// first entry).
func (h Hash) IsZero() bool { return h == Hash{} }

// String returns h in lower-case hex.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// MarshalText returns h in lower-case hex.
func (h Hash) MarshalText() ([]byte, error) {
	out := make([]byte, hex.EncodedLen(len(h)))
	hex.Encode(out, h[:])
	return out, nil
}

// UnmarshalText accepts exactly 64 lower-case hex digits.
func (h *Hash) UnmarshalText(b []byte) error {
	if len(b) != hex.EncodedLen(len(h)) {
		return isms.Invalidf("hash: %d characters, want %d hex digits", len(b), hex.EncodedLen(len(h)))
	}
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return isms.Invalidf("hash: %q is not lower-case hex", b)
		}
	}
	_, err := hex.Decode(h[:], b)
	return err
}

// JournalEntry records one write. Each tenant has its own journal: entries
// are numbered from 1 without gaps, and each carries the hash of the entry
// before it (PrevHash, zero for the first), so that changing, removing or
// inserting an entry breaks the chain at that point.
type JournalEntry struct {
	Tenant    string    `json:"tenant"`
	Sequence  int64     `json:"sequence"`
	Time      time.Time `json:"time"`
	Actor     string    `json:"actor"`
	Kind      string    `json:"kind"`
	ID        isms.ID   `json:"id"`
	Revision  int64     `json:"revision"`
	Operation Operation `json:"operation"`
	// DataHash is the SHA-256 of the record's Data after the write (of no
	// bytes for a delete).
	DataHash Hash `json:"data_hash"`
	// PrevHash is the previous entry's Hash, zero for the first entry.
	PrevHash Hash `json:"prev_hash,omitzero"`
	// Hash is the SHA-256 of the entry's hash input (see ComputeHash).
	Hash Hash `json:"hash"`
}

// HashInputVersion opens every entry's hash input.
const HashInputVersion = "ismskit.journal.v2\n"

// ComputeHash returns the hash the entry should carry: the SHA-256 of this
// byte string, which anyone can rebuild to re-perform the check:
//
//	"ismskit.journal.v2\n", then the fields in the order
//	tenant, sequence, time, actor, kind, id, revision, operation,
//	data_hash, prev_hash, each encoded as
//	  a string (tenant, actor, kind, id, operation): its length in bytes
//	    as a 4-byte big-endian unsigned integer, then its bytes;
//	  an integer (sequence, revision): 8 bytes, big-endian two's complement;
//	  time: the Unix time in microseconds, 8 bytes, big-endian;
//	  a hash (data_hash, prev_hash): its 32 raw bytes (32 zero bytes for
//	    the prev_hash of the first entry).
//
// It allocates nothing for entries whose strings total under 400 bytes.
// A nil e has the zero Hash.
func (e *JournalEntry) ComputeHash() Hash {
	if e == nil {
		return Hash{}
	}
	var buf [512]byte
	return sha256.Sum256(e.AppendHashInput(buf[:0]))
}

// AppendHashInput appends the entry's hash input (see ComputeHash) to buf;
// a nil e appends nothing.
func (e *JournalEntry) AppendHashInput(buf []byte) []byte {
	if e == nil {
		return buf
	}
	buf = append(buf, HashInputVersion...)
	buf = appendString(buf, e.Tenant)
	buf = binary.BigEndian.AppendUint64(buf, uint64(e.Sequence))
	buf = binary.BigEndian.AppendUint64(buf, uint64(e.Time.UnixMicro()))
	buf = appendString(buf, e.Actor)
	buf = appendString(buf, e.Kind)
	buf = appendString(buf, string(e.ID))
	buf = binary.BigEndian.AppendUint64(buf, uint64(e.Revision))
	buf = appendString(buf, string(e.Operation))
	buf = append(buf, e.DataHash[:]...)
	return append(buf, e.PrevHash[:]...)
}

func appendString(buf []byte, s string) []byte {
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(s)))
	return append(buf, s...)
}

// Seal makes e the entry after prev (nil for a journal's first entry): it
// sets e.Sequence and e.PrevHash from prev, truncates e.Time to UTC
// microseconds and sets e.Hash. Backends call it under the same lock or
// transaction as the write the entry records. Sealing a nil e does
// nothing.
func (e *JournalEntry) Seal(prev *JournalEntry) {
	if e == nil {
		return
	}
	if prev == nil {
		e.Sequence, e.PrevHash = 1, Hash{}
	} else {
		e.Sequence, e.PrevHash = prev.Sequence+1, prev.Hash
	}
	e.Time = isms.NormalizeTime(e.Time)
	e.Hash = e.ComputeHash()
}
