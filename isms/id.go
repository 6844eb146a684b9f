package isms

import (
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
)

// ID identifies an entity. It is opaque to the SDK: the default source makes
// UUIDv7 strings, and host applications may bring their own keys. A valid ID
// is non-empty, at most MaxIDLength bytes of valid UTF-8, and holds only
// printable characters without spaces.
type ID string

// MaxIDLength is the longest ID, in bytes, that Validate accepts.
const MaxIDLength = 255

// String returns the ID as a string.
func (id ID) String() string { return string(id) }

// Validate reports whether id is a usable ID. The error answers
// errors.Is(err, ErrInvalid).
func (id ID) Validate() error {
	if id == "" {
		return Invalidf("id is empty")
	}
	if len(id) > MaxIDLength {
		return Invalidf("id is longer than %d bytes", MaxIDLength)
	}
	if id.IsValid() {
		return nil
	}
	if !utf8.ValidString(string(id)) {
		return Invalidf("id %q is not valid UTF-8", string(id))
	}
	for _, r := range string(id) {
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return Invalidf("id %q holds a space or an unprintable character", string(id))
		}
	}
	return nil
}

// IsValid reports whether id is a usable ID, as Validate does, without
// building an error. It is cheap for ASCII IDs, which need no Unicode
// tables.
func (id ID) IsValid() bool {
	if id == "" || len(id) > MaxIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c >= 0x7f {
			return id.isValidUnicode()
		}
	}
	return true
}

func (id ID) isValidUnicode() bool {
	if !utf8.ValidString(string(id)) {
		return false
	}
	for _, r := range string(id) {
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// IDSource makes new IDs. kind names what the ID is for (a stored kind
// such as "risk", or a part of an entity such as "risk.action"), so that a
// source can number each kind on its own or give it a prefix; the default
// source ignores it. Implementations must be safe for concurrent use.
type IDSource interface {
	NewID(kind string) ID
}

// IDFunc adapts a function to an IDSource.
type IDFunc func(kind string) ID

// NewID calls f. A nil IDFunc returns the empty ID, which every
// validator and store refuses.
func (f IDFunc) NewID(kind string) ID {
	if f == nil {
		return ""
	}
	return f(kind)
}

// UUIDv7 returns the default IDSource: time-ordered UUIDv7 strings
// (RFC 9562), which sort in creation order within one process, whatever
// the kind.
func UUIDv7() IDSource { return IDFunc(newUUIDv7) }

func newUUIDv7(string) ID {
	u, err := uuid.NewV7()
	if err != nil {
		// NewV7 fails only when the system's random source fails, in which
		// case no safe ID can be made at all.
		panic("isms: cannot read random bytes for a UUIDv7: " + err.Error())
	}
	return ID(u.String())
}
