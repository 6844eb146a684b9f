package oscal

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ismskit/ismskit/isms"
)

// formatTime writes t as OSCAL's date-time-with-timezone: RFC 3339 in UTC
// at microsecond precision, with no trailing zero fraction (never ".000").
// OSCAL's schema accepts years 1900 to 2999 only.
func formatTime(t time.Time) (string, error) {
	t = isms.NormalizeTime(t)
	if y := t.Year(); y < 1900 || y > 2999 {
		return "", isms.Invalidf("time %s is outside the years 1900 to 2999 that OSCAL accepts", t.Format(time.RFC3339Nano))
	}
	return t.Format(time.RFC3339Nano), nil
}

// parseTime reads an RFC 3339 time and normalises it as the SDK stores
// times.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, isms.Invalidf("time %q is not RFC 3339", s)
	}
	return isms.NormalizeTime(t), nil
}

// isToken reports whether s is an OSCAL token (an XML NCName without
// colons): a letter or underscore, then letters, digits, '.', '-' or '_'.
// OSCAL ids, prop names and classes must be tokens.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || r == '_':
		case i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.N, r) || r == '.' || r == '-'):
		default:
			return false
		}
	}
	return true
}

// isOSCALString reports whether s matches OSCAL's string datatype: not
// empty and neither starting nor ending with whitespace.
func isOSCALString(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return !unicode.IsSpace(first) && !unicode.IsSpace(last)
}

// sdkProp returns a property in the SDK's namespace.
func sdkProp(name, value string) property {
	return property{Name: name, NS: Namespace, Value: value}
}

// propValues collects the values of the SDK-namespace props by name, in
// document order.
func propValues(ps []property) map[string][]string {
	out := make(map[string][]string)
	for _, p := range ps {
		if p.NS == Namespace {
			out[p.Name] = append(out[p.Name], p.Value)
		}
	}
	return out
}

// first returns the first value of name in vs, or "".
func first(vs map[string][]string, name string) string {
	if v := vs[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// marshal encodes v as JSON without HTML escaping, indented by two spaces
// when indent is true, followed by a newline.
func marshal(v any, indent bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// parseRef reads a Ref written as "kind/id".
func parseRef(s string) (isms.Ref, error) {
	kind, id, ok := strings.Cut(s, "/")
	if !ok {
		return isms.Ref{}, isms.Invalidf("reference %q is not kind/id", s)
	}
	r := isms.Ref{Kind: kind, ID: isms.ID(id)}
	if err := r.Validate(); err != nil {
		return isms.Ref{}, err
	}
	return r, nil
}

// opError prefixes an error with "oscal: " and the operation.
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string { return "oscal: " + e.op + ": " + e.err.Error() }
func (e *opError) Unwrap() error { return e.err }

// wrap returns err prefixed with "oscal: op: ", or nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &opError{op: op, err: err}
}

// problem is a short way to build an ErrInvalid error.
func problem(format string, args ...any) error { return isms.Invalidf(format, args...) }
