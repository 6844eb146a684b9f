package schema

import (
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"
)

// allowNull lets the properties that encoding/json writes as null be null:
// slices, maps and pointers whose field has neither omitempty nor
// omitzero (a nil slice marshals as null). It also gives the plain string
// fields of fieldEnums their values. It walks the struct types reachable
// from t, matching each to its schema (the root for t, which is expanded,
// and its $defs entry for the others), once per type.
func allowNull(root *jsonschema.Schema, t reflect.Type) {
	closed := map[reflect.Type]map[string][]string{}
	for _, fe := range fieldEnums() {
		if closed[fe.typ] == nil {
			closed[fe.typ] = map[string][]string{}
		}
		closed[fe.typ][fe.field] = fe.values
	}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type, s *jsonschema.Schema)
	walk = func(t reflect.Type, s *jsonschema.Schema) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		if s == nil {
			s = root.Definitions[defName(t)]
		}
		if s == nil || s.Properties == nil {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" {
				continue
			}
			if f.Anonymous && name == "" {
				walk(f.Type, s) // embedded: its fields are s's own
				continue
			}
			if name == "" {
				name = f.Name
			}
			walk(f.Type, nil)
			if vs, ok := closed[t][f.Name]; ok {
				if p, ok := s.Properties.Get(name); ok && p != nil {
					p.Enum = nil
					for _, v := range vs {
						p.Enum = append(p.Enum, v)
					}
				}
			}
			k := f.Type.Kind()
			if k != reflect.Slice && k != reflect.Map && k != reflect.Pointer {
				continue
			}
			if strings.Contains(","+opts+",", ",omitempty,") || strings.Contains(","+opts+",", ",omitzero,") {
				continue
			}
			if k == reflect.Slice && f.Type.Elem().Kind() == reflect.Uint8 {
				continue
			}
			p, ok := s.Properties.Get(name)
			if !ok || p == nil {
				continue
			}
			desc := p.Description
			inner := *p
			inner.Description = ""
			s.Properties.Set(name, &jsonschema.Schema{
				AnyOf:       []*jsonschema.Schema{&inner, {Type: "null"}},
				Description: desc,
			})
		}
	}
	walk(t, root)
}
