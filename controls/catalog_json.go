package controls

import (
	"bytes"
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
func (c Catalog) MarshalJSON() ([]byte, error) {
	w := catalogJSON{CatalogInfo: c.info, Groups: c.Groups(), Controls: c.Controls()}
	if w.Controls == nil {
		w.Controls = []Control{}
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads a catalog in the SDK's format and validates it with
// the rules of NewCatalog. Unknown fields and unknown attribute values are
// errors. On error c is left unchanged.
func (c *Catalog) UnmarshalJSON(b []byte) error {
	var w catalogJSON
	if err := decodeStrict(b, &w); err != nil {
		return fmt.Errorf("controls: decode catalog: %w", err)
	}
	nc, err := NewCatalog(w.CatalogInfo, w.Groups, w.Controls)
	if err != nil {
		return err
	}
	*c = *nc
	return nil
}

// ReadCatalog reads one catalog in the SDK's JSON format from r and
// validates it. Errors answer errors.Is(err, isms.ErrInvalid).
func ReadCatalog(r io.Reader) (*Catalog, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("controls: read catalog: %w", err)
	}
	c := new(Catalog)
	if err := c.UnmarshalJSON(b); err != nil {
		return nil, err
	}
	return c, nil
}

// WriteCatalog writes c to w in the SDK's JSON format, indented by two
// spaces and followed by a newline; HTML characters are not escaped. This is
// the form of the built-in catalogs embedded in the SDK.
func WriteCatalog(w io.Writer, c *Catalog) error {
	return writeJSON(w, c)
}

// decodeStrict decodes exactly one JSON value from b into v, rejecting
// unknown fields and trailing data. Errors answer errors.Is(err,
// isms.ErrInvalid).
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return invalidJSON(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return isms.Invalidf("unexpected data after the JSON value")
	}
	return nil
}

// invalidJSON makes a decoding error answer errors.Is(err, isms.ErrInvalid)
// while keeping it available to errors.As.
func invalidJSON(err error) error {
	return &jsonError{err: err}
}

type jsonError struct{ err error }

func (e *jsonError) Error() string { return "invalid JSON: " + e.err.Error() }
func (e *jsonError) Unwrap() []error {
	return []error{e.err, isms.ErrInvalid}
}

// writeJSON encodes v indented by two spaces, without HTML escaping.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("controls: encode JSON: %w", err)
	}
	return nil
}
