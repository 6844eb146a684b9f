package jsonread

import (
	"time"
	"unicode/utf8"
)

// A Reader reads one JSON document token by token. The zero Reader holds
// an empty document; Reset gives it another. A Reader is not safe for
// concurrent use.
type Reader struct {
	data   []byte // the document as given, for Raw and Text
	s      string // the same bytes, copied once: strings are cut from it
	i      int    // the next byte to read
	failed bool
}

// Reset makes r read data from its first byte, with no failure. It copies
// data once, into the string every unescaped string value is cut from;
// data itself is read only by Raw, Text and Time and must not change while r
// reads it.
func (r *Reader) Reset(data []byte) {
	r.data, r.s, r.i, r.failed = data, string(data), 0, false
}

// Fail marks r failed: a decoder calls it when it meets what it does not
// decode itself (an unknown key, a key seen twice, a delegated value that
// did not decode).
func (r *Reader) Fail() { r.failed = true }

// Failed reports whether r met anything it does not read, or was told to
// Fail. Once failed, r reads nothing more: every method returns its zero
// result.
func (r *Reader) Failed() bool { return r.failed }

// End reports whether the document is over: r has not failed and only
// white space is left.
func (r *Reader) End() bool {
	r.skipSpace()
	return !r.failed && r.i == len(r.s)
}

func (r *Reader) skipSpace() {
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// next skips white space and returns the next byte without reading it; 0
// at the end of the document or after a failure.
func (r *Reader) next() byte {
	if r.failed {
		return 0
	}
	r.skipSpace()
	if r.i == len(r.s) {
		return 0
	}
	return r.s[r.i]
}

// literal reads the literal word (true, false or null) at r.i.
func (r *Reader) literal(word string) bool {
	if len(r.s)-r.i >= len(word) && r.s[r.i:r.i+len(word)] == word {
		r.i += len(word)
		return true
	}
	r.failed = true
	return false
}

// Null reads a null if one comes next and reports whether it did; it
// reads nothing otherwise.
func (r *Reader) Null() bool {
	if r.next() != 'n' {
		return false
	}
	return r.literal("null")
}

// BeginObject reads the '{' that opens an object and reports whether a
// key follows (false for an empty object, which it reads to its end, and
// on failure). Read the members as
//
//	for more := r.BeginObject(); more; more = r.MoreMembers() {
//		switch r.Key() { ... }
//	}
func (r *Reader) BeginObject() bool { return r.begin('{', '}') }

// MoreMembers reads what follows a member's value: a ',' (true: another
// key follows) or the '}' that closes the object (false). Anything else
// fails.
func (r *Reader) MoreMembers() bool { return r.more('}') }

// BeginArray reads the '[' that opens an array and reports whether an
// element follows (false for an empty array, which it reads to its end,
// and on failure). Read the elements as
//
//	for more := r.BeginArray(); more; more = r.MoreElements() { ... }
func (r *Reader) BeginArray() bool { return r.begin('[', ']') }

// begin reads the opening bracket of an object or an array, and its
// closing one too when nothing is between them.
func (r *Reader) begin(opening, closing byte) bool {
	if r.next() != opening {
		r.failed = true
		return false
	}
	r.i++
	if r.next() == closing {
		r.i++
		return false
	}
	return !r.failed
}

// MoreElements reads what follows an element: a ',' (true: another
// element follows) or the ']' that closes the array (false).
func (r *Reader) MoreElements() bool { return r.more(']') }

func (r *Reader) more(closing byte) bool {
	switch r.next() {
	case ',':
		r.i++
		return true
	case closing:
		r.i++
		return false
	}
	r.failed = true
	return false
}

// Members records which members of an object a decoder has read, one bit
// each, of the decoder's choosing.
type Members uint64

// Mark marks member bit of an object read. A zero bit (a key the decoder
// does not know) or a bit marked before (a key seen twice, whose value
// encoding/json would decode into the first one's, merging objects and
// slices, rather than replace it) fails r.
func (r *Reader) Mark(seen *Members, bit Members) {
	if bit == 0 || *seen&bit != 0 {
		r.failed = true
	}
	*seen |= bit
}

// Key reads a member's key and the ':' after it. A key is matched
// exactly, as written: encoding/json would also match a key that differs
// only in case, which a decoder should treat as unknown and Fail.
func (r *Reader) Key() string {
	if r.next() != '"' {
		r.failed = true
		return ""
	}
	k := r.str()
	if r.next() != ':' {
		r.failed = true
		return ""
	}
	r.i++
	return k
}

// String reads a string value. A null reads as "" (encoding/json leaves
// a string unchanged for a null, and decoders read into zero values).
func (r *Reader) String() string {
	switch r.next() {
	case '"':
		return r.str()
	case 'n':
		r.literal("null")
		return ""
	}
	r.failed = true
	return ""
}

// str reads the string whose opening quote is at r.i. A string without
// escapes is cut from r.s; one with escapes is unquoted as encoding/json
// does. Invalid UTF-8, which encoding/json replaces byte by byte with
// U+FFFD, fails instead.
func (r *Reader) str() string {
	start := r.i + 1
	end, escaped, ascii := r.stringEnd(start)
	if r.failed {
		return ""
	}
	r.i = end + 1
	raw := r.s[start:end]
	if !ascii && !utf8.ValidString(raw) {
		r.failed = true
		return ""
	}
	if !escaped {
		return raw
	}
	u, ok := unquote(raw)
	if !ok {
		r.failed = true
		return ""
	}
	return u
}

// stringEnd finds the closing quote of the string whose content starts at
// start, and reports whether the content holds escapes and whether it is
// all ASCII. A control character or the end of the document fails.
func (r *Reader) stringEnd(start int) (end int, escaped, ascii bool) {
	ascii = true
	for i := start; i < len(r.s); i++ {
		c := r.s[i]
		if plain[c] {
			continue
		}
		switch {
		case c == '"':
			return i, escaped, ascii
		case c == '\\':
			escaped = true
			i++ // the escaped byte; unquote checks it
		case c < ' ':
			r.failed = true
			return 0, false, false
		default:
			ascii = false
		}
	}
	r.failed = true
	return 0, false, false
}

// plain[c] is true for the bytes that stand for themselves in a JSON
// string and are ASCII: not a quote, a backslash, a control character or
// a byte of a multi-byte UTF-8 sequence.
var plain = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Text reads a string value and passes its content, unquoted, to
// u.UnmarshalText, as encoding/json does for a type that implements
// encoding.TextUnmarshaler; a null leaves u unchanged. An error of u
// fails r. The bytes passed may be the document's own: UnmarshalText must
// not keep them (the encoding.TextUnmarshaler contract).
func (r *Reader) Text(u interface{ UnmarshalText([]byte) error }) {
	switch r.next() {
	case '"':
	case 'n':
		r.literal("null")
		return
	default:
		r.failed = true
		return
	}
	start := r.i + 1
	end, escaped, ascii := r.stringEnd(start)
	if r.failed {
		return
	}
	var text []byte
	switch {
	case !ascii && !utf8.ValidString(r.s[start:end]):
		r.failed = true
		return
	case escaped:
		s, ok := unquote(r.s[start:end])
		if !ok {
			r.failed = true
			return
		}
		text = []byte(s)
	default:
		text = r.data[start:end]
	}
	r.i = end + 1
	if u.UnmarshalText(text) != nil {
		r.failed = true
	}
}

// Time reads a time as encoding/json does: the value's bytes, quotes
// included, go to time.Time.UnmarshalJSON (which takes only a quoted RFC
// 3339 time, or null to leave t unchanged). An error fails r.
func (r *Reader) Time(t *time.Time) {
	switch r.next() {
	case 'n':
		r.literal("null")
		return
	case '"':
	default:
		r.failed = true
		return
	}
	start := r.i
	end, escaped, _ := r.stringEnd(start + 1)
	if r.failed {
		return
	}
	if escaped {
		// time.Time.UnmarshalJSON reads no escapes (an error), but the
		// escape itself must be valid JSON for the document to be.
		if _, ok := unquote(r.s[start+1 : end]); !ok {
			r.failed = true
			return
		}
	}
	r.i = end + 1
	if t.UnmarshalJSON(r.data[start:r.i]) != nil {
		r.failed = true
	}
}

// Int64 reads an integer as encoding/json reads it into an int64: a JSON
// number without fraction or exponent, within range (a null reads as 0).
// Anything else fails, including numbers encoding/json accepts elsewhere
// (1.0, 1e3), which it would refuse for an int64 too.
func (r *Reader) Int64() int64 {
	switch c := r.next(); {
	case c == 'n':
		r.literal("null")
		return 0
	case c != '-' && (c < '0' || c > '9'):
		r.failed = true
		return 0
	}
	neg := r.s[r.i] == '-'
	if neg {
		r.i++
	}
	start := r.i
	for r.i < len(r.s) && r.s[r.i] >= '0' && r.s[r.i] <= '9' {
		r.i++
	}
	digits := r.s[start:r.i]
	// JSON: at least one digit, no leading zero; an int64: at most 19
	// digits; no fraction or exponent may follow.
	if len(digits) == 0 || len(digits) > 19 || (digits[0] == '0' && len(digits) > 1) ||
		(r.i < len(r.s) && (r.s[r.i] == '.' || r.s[r.i] == 'e' || r.s[r.i] == 'E')) {
		r.failed = true
		return 0
	}
	var u uint64
	for _, d := range []byte(digits) {
		u = u*10 + uint64(d-'0')
	}
	switch {
	case !neg && u <= 1<<63-1:
		return int64(u)
	case neg && u <= 1<<63:
		return int64(-u)
	}
	r.failed = true
	return 0
}

// Raw returns the bytes of the next value, read to its end but not
// checked: a decoder hands them to encoding/json (json.Unmarshal checks
// them whole) and calls Fail if that fails. The bytes are the document's
// own. Objects and arrays end at the bracket that balances the first,
// outside strings; other values at the next ',', '}', ']', white space or
// the end.
func (r *Reader) Raw() []byte {
	c := r.next()
	start := r.i
	switch c {
	case 0:
		r.failed = true
		return nil
	case '"':
		end, _, _ := r.stringEnd(start + 1)
		if r.failed {
			return nil
		}
		r.i = end + 1
		return r.data[start:r.i]
	case '{', '[':
		depth := 0
		for ; r.i < len(r.s); r.i++ {
			switch r.s[r.i] {
			case '"':
				end, _, _ := r.stringEnd(r.i + 1)
				if r.failed {
					return nil
				}
				r.i = end
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					r.i++
					return r.data[start:r.i]
				}
			}
		}
		r.failed = true
		return nil
	}
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return r.data[start:r.i]
		}
		r.i++
	}
	return r.data[start:r.i]
}
