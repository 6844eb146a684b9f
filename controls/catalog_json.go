package controls

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/ismskit/ismskit/isms"
)

// catalogJSON is the SDK's own JSON format of a catalog: the fields of
// CatalogInfo, then the groups and the controls in catalog order.
type catalogJSON struct {
	CatalogInfo
	Groups   []Group   `json:"groups,omitempty"`
	Controls []Control `json:"controls"`
}

// MarshalJSON writes the catalog in the SDK's catalog format:
//
//	{"id": "...", "title": "...", "version": "...", "publisher": "...",
//	 "licence": "...", "source": "...",
//	 "groups": [{"id": "A.5", "title": "Organizational"}],
//	 "controls": [{"id": "A.5.1", "title": "...", "group": "A.5"}]}
//
// It has a value receiver so that a Catalog held by value marshals too;
// json.Marshal writes a nil *Catalog as null without calling it.
func (c Catalog) MarshalJSON() ([]byte, error) {
	w := catalogJSON{CatalogInfo: c.info, Groups: c.Groups(), Controls: c.Controls()}
	if w.Controls == nil {
		w.Controls = []Control{}
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads a catalog in the SDK's format strictly, as
// ReadCatalog does, and validates it with the rules of NewCatalog. On
// error c is left unchanged; a nil c is an error.
func (c *Catalog) UnmarshalJSON(b []byte) error {
	if c == nil {
		return fmt.Errorf("controls: decode catalog: %w", isms.Invalidf("UnmarshalJSON into a nil *Catalog"))
	}
	nc, err := parseCatalog(b)
	if err != nil {
		return wrap("decode catalog", err)
	}
	*c = *nc
	return nil
}

// parseCatalog decodes and validates a catalog document, with unprefixed
// errors.
func parseCatalog(b []byte) (*Catalog, error) {
	var w catalogJSON
	if err := isms.UnmarshalStrict(b, &w); err != nil {
		return nil, err
	}
	return newCatalog(w.CatalogInfo, w.Groups, w.Controls)
}

// ReadCatalog reads one catalog in the SDK's JSON format from r and
// validates it with the rules of NewCatalog. It is strict, for documents
// from users: unknown fields, unknown attribute values, trailing data, a
// document of more than isms.MaxDocumentSize bytes and nesting deeper than
// isms.MaxDocumentDepth are refused. Errors answer
// errors.Is(err, isms.ErrInvalid), except a failure of r itself.
func ReadCatalog(r io.Reader) (*Catalog, error) {
	var w catalogJSON
	if err := isms.ReadStrict(r, &w); err != nil {
		return nil, wrap("read catalog", err)
	}
	c, err := newCatalog(w.CatalogInfo, w.Groups, w.Controls)
	if err != nil {
		return nil, wrap("read catalog", err)
	}
	return c, nil
}

// WriteCatalog writes c to w in the SDK's JSON format, indented by two
// spaces and followed by a newline; HTML characters are not escaped. This is
// the form of the built-in catalogs embedded in the SDK, and ReadCatalog
// reads it back equal. A nil w or c is an error answering
// errors.Is(err, isms.ErrInvalid).
func WriteCatalog(w io.Writer, c *Catalog) error {
	if c == nil {
		return fmt.Errorf("controls: write catalog: %w", isms.Invalidf("catalog is nil"))
	}
	if err := writeJSON(w, c); err != nil {
		return wrap("write catalog", err)
	}
	return nil
}

// writeJSON encodes v to w indented by two spaces, without HTML escaping.
func writeJSON(w io.Writer, v any) error {
	if w == nil {
		return isms.Invalidf("writer is nil")
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// opError prefixes an error with "controls: " and the operation. Unlike
// fmt.Errorf it formats the message only when asked: a validation error
// can list hundreds of thousands of problems.
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string { return "controls: " + e.op + ": " + e.err.Error() }
func (e *opError) Unwrap() error { return e.err }

// wrap returns err prefixed with "controls: op: ", or nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &opError{op: op, err: err}
}

// unmarshalEnum is isms.UnmarshalEnum with a nil receiver refused.
func unmarshalEnum[T ~string](dst *T, name string, b []byte, values []T) error {
	if dst == nil {
		return isms.Invalidf("%s: UnmarshalText into a nil pointer", name)
	}
	return isms.UnmarshalEnum(dst, name, b, values)
}
