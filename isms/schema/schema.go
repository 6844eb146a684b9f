package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// BaseURI is the stable base of every schema's $id: the schema of kind K
// has the $id BaseURI + K + ".schema.json". It names the major version of
// the document formats; it changes only with an incompatible format.
const BaseURI = "https://ismskit.github.io/schema/v1/"

// Draft is the JSON Schema dialect of every schema.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// DurationPattern is the pattern of an isms.Duration in the schemas: an
// ISO 8601 duration of non-negative years, months, weeks, days, hours,
// minutes and seconds, as isms.ParseDuration accepts it ("PT4H", "P30D",
// "P1Y2M", "P2W", "PT0.5S"). The schemas pair it with DurationNotPattern,
// since a pattern without lookahead (which not every validator supports)
// cannot say that at least one component follows P and T.
const DurationPattern = `^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+([.,][0-9]{1,9})?S)?)?$`

// DurationNotPattern is what an isms.Duration must not match: a bare "P"
// or "PT", or a T with no time component after it.
const DurationNotPattern = `^PT?$|T$`

//go:generate go test -count=1 -run ^TestGeneratedFilesMatchTypes$ . -args -update

//go:embed json/*.schema.json
var files embed.FS

// Kind describes one kind of document the SDK persists.
type Kind struct {
	// Name names the kind and its schema file ("risk.risk",
	// "controls.soa"): the Go package, a dot, the type in snake case.
	Name string `json:"name"`
	// GoType is the Go type, qualified by its import path.
	GoType string `json:"go_type"`
	// StorageKind is the kind it is stored under in an isms/store
	// Repository, or "" for a document the SDK reads and writes but does
	// not store itself (a matrix, a catalog, a sampling plan).
	StorageKind string `json:"storage_kind,omitempty"`
	// ID is the $id of its schema.
	ID string `json:"id"`
}

// Kinds returns every kind, sorted by name.
func Kinds() []Kind {
	es := kinds()
	out := make([]Kind, len(es))
	for i, e := range es {
		out[i] = Kind{Name: e.name, GoType: e.typ.PkgPath() + "." + e.typ.Name(), StorageKind: e.storage, ID: BaseURI + e.name + ".schema.json"}
	}
	slices.SortFunc(out, func(a, b Kind) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// FileName returns the name of the schema file of a kind.
func FileName(kind string) string { return kind + ".schema.json" }

// Schema returns the JSON Schema of the kind, as committed with the SDK
// (and kept equal to the Go types by a test). An unknown kind is an error
// answering errors.Is(err, isms.ErrNotFound).
func Schema(kind string) ([]byte, error) {
	if !slices.ContainsFunc(kinds(), func(e entry) bool { return e.name == kind }) {
		return nil, fmt.Errorf("schema: %w", &isms.NotFoundError{Kind: "schema", ID: isms.ID(kind)})
	}
	b, err := files.ReadFile("json/" + FileName(kind))
	if err != nil {
		return nil, fmt.Errorf("schema: %w", &isms.NotFoundError{Kind: "schema", ID: isms.ID(kind)})
	}
	return b, nil
}

// WriteAll writes the schema of every kind into dir, one file per kind
// named by FileName, creating dir when needed. An empty dir is an error
// answering errors.Is(err, isms.ErrInvalid).
func WriteAll(dir string) error {
	if dir == "" {
		return fmt.Errorf("schema: write all: %w", isms.Invalidf("directory is empty"))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("schema: write all: %w", err)
	}
	for _, k := range Kinds() {
		b, err := Schema(k.Name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, FileName(k.Name)), b, 0o644); err != nil {
			return fmt.Errorf("schema: write all: %w", err)
		}
	}
	return nil
}

// Generate reflects the schema of a kind from its Go type. srcRoot is the
// root directory of the SDK's source (the module directory): the doc
// comments of the types and fields found there become descriptions; an
// empty srcRoot gives a schema without descriptions. Generate is what
// go generate runs to write the committed schemas; programs use Schema.
// An unknown kind answers errors.Is(err, isms.ErrNotFound).
func Generate(kind, srcRoot string) ([]byte, error) {
	i := slices.IndexFunc(kinds(), func(e entry) bool { return e.name == kind })
	if i < 0 {
		return nil, fmt.Errorf("schema: generate: %w", &isms.NotFoundError{Kind: "schema", ID: isms.ID(kind)})
	}
	var comments map[string]string
	if srcRoot != "" {
		var err error
		if comments, err = readComments(srcRoot); err != nil {
			return nil, fmt.Errorf("schema: generate: %w", err)
		}
	}
	return generate(kinds()[i], comments)
}

// GenerateAll generates every kind's schema (see Generate), keyed by file
// name.
func GenerateAll(srcRoot string) (map[string][]byte, error) {
	var comments map[string]string
	if srcRoot != "" {
		var err error
		if comments, err = readComments(srcRoot); err != nil {
			return nil, fmt.Errorf("schema: generate: %w", err)
		}
	}
	out := make(map[string][]byte)
	for _, e := range kinds() {
		b, err := generate(e, comments)
		if err != nil {
			return nil, err
		}
		out[FileName(e.name)] = b
	}
	return out, nil
}

func generate(e entry, comments map[string]string) ([]byte, error) {
	enumValues := make(map[reflect.Type][]string)
	for _, en := range enums() {
		enumValues[en.typ] = en.values
	}
	r := &jsonschema.Reflector{
		ExpandedStruct: true,
		CommentMap:     comments,
		Namer:          defName,
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			switch t {
			case reflect.TypeFor[isms.Duration]():
				return &jsonschema.Schema{
					Type:        "string",
					Pattern:     DurationPattern,
					Not:         &jsonschema.Schema{Pattern: DurationNotPattern},
					Description: describe(comments, t, ""),
					Examples:    []any{"PT4H", "P30D", "P1Y"},
				}
			}
			if p, ok := patterns()[t]; ok {
				return &jsonschema.Schema{Type: "string", Pattern: p, Description: describe(comments, t, "")}
			}
			if vs, ok := enumValues[t]; ok {
				s := &jsonschema.Schema{Type: "string", Description: describe(comments, t, "")}
				for _, v := range vs {
					s.Enum = append(s.Enum, v)
				}
				return s
			}
			return nil
		},
	}
	s := r.ReflectFromType(e.typ)
	allowNull(s, e.typ)
	s.Version = Draft
	s.ID = jsonschema.ID(BaseURI + FileName(e.name))
	s.Title = e.name
	if e.doc != nil {
		s.Description = describe(comments, e.doc, "")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("schema: generate %s: %w", e.name, err)
	}
	return buf.Bytes(), nil
}

// defName names a type's $defs entry by its import path relative to the
// module, with dots ("isms.Ref", "audit.sampling.Method"), so that types
// of the same name in different packages never collide.
func defName(t reflect.Type) string {
	if t.Name() == "" {
		return ""
	}
	p := strings.TrimPrefix(t.PkgPath(), module+"/")
	if p == module {
		p = "ismskit"
	}
	return strings.ReplaceAll(p, "/", ".") + "." + t.Name()
}

func describe(comments map[string]string, t reflect.Type, field string) string {
	k := t.PkgPath() + "." + t.Name()
	if field != "" {
		k += "." + field
	}
	return comments[k]
}

// patterns lists the string types, other than enums, whose values follow a
// pattern.
func patterns() map[reflect.Type]string {
	return map[reflect.Type]string{
		reflect.TypeFor[risk.Dimension](): `^[a-z][a-z0-9_]{0,63}$`,
	}
}
