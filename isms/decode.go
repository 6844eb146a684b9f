package isms

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits of the SDK's strict decoders of user-supplied documents
// (UnmarshalStrict, ReadStrict and every Parse… and Read… function built
// on them). A larger or deeper document is refused with ErrInvalid before
// it is decoded.
const (
	// MaxDocumentSize is the largest document, in bytes: 32 MiB.
	MaxDocumentSize = 32 << 20
	// MaxDocumentDepth is the deepest nesting of JSON objects and arrays.
	MaxDocumentDepth = 64
)

// UnmarshalStrict decodes the JSON document data into v, refusing with
// ErrInvalid what a lenient decoder would let through: unknown fields,
// trailing data after the document, a document larger than
// MaxDocumentSize and nesting deeper than MaxDocumentDepth. Strict enums
// refuse unknown values as usual. Stored documents are read leniently
// (encoding/json) for forward compatibility; documents from users go
// through this. Error messages name no entity: the Parse… functions
// built on it prefix the kind ("asset: json: unknown field ...").
func UnmarshalStrict(data []byte, v any) error {
	if err := CheckDocumentLimits(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Invalidf("trailing data after the JSON value")
	}
	return nil
}

// CheckDocumentLimits refuses, with an error answering ErrInvalid, a JSON
// document over MaxDocumentSize bytes or nested deeper than
// MaxDocumentDepth: the limits UnmarshalStrict applies, for decoders that
// read a foreign format leniently (such as OSCAL) but must bound their
// input the same way. It runs in one pass over data.
func CheckDocumentLimits(data []byte) error {
	if len(data) > MaxDocumentSize {
		return Invalidf("input is %d bytes, more than the %d allowed", len(data), MaxDocumentSize)
	}
	return checkDepth(data, MaxDocumentDepth)
}

// ReadStrict reads one JSON document from r, at most MaxDocumentSize
// bytes, and decodes it as UnmarshalStrict does.
func ReadStrict(r io.Reader, v any) error {
	if r == nil {
		return Invalidf("nil reader")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	return UnmarshalStrict(data, v)
}

// decodeError turns a decoder error into one answering ErrInvalid, keeping
// the decoder's own message (which names the field or offset).
func decodeError(err error) error {
	if errors.Is(err, ErrInvalid) {
		return err
	}
	if err == io.EOF {
		return Invalidf("input is empty")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "json: ") {
		msg = "json: " + msg
	}
	return &invalidError{msg: msg, err: err}
}

// invalidError is an ErrInvalid that keeps its cause.
type invalidError struct {
	msg string
	err error
}

func (e *invalidError) Error() string        { return e.msg }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }
func (e *invalidError) Unwrap() error        { return e.err }

// checkDepth refuses JSON nested deeper than max, in one pass over data
// that skips string contents.
func checkDepth(data []byte, max int) error {
	depth, inString, escaped := 0, false, false
	for i, c := range data {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
			if depth > max {
				return Invalidf("nesting deeper than %d levels at offset %d", max, i)
			}
		case '}', ']':
			depth--
		}
	}
	return nil
}
