package schema

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// TestTimesAndDurationsEverywhere walks every kind's Go type and its
// committed schema side by side, by JSON field name: every time.Time field
// must be a date-time string and every isms.Duration field a string with
// DurationPattern, wherever they occur (nested structs, slices, pointers,
// embedded structs), and every struct must be closed.
func TestTimesAndDurationsEverywhere(t *testing.T) {
	timeT, durT := reflect.TypeFor[time.Time](), reflect.TypeFor[isms.Duration]()
	for _, e := range kinds() {
		b, err := Schema(e.name)
		require.NoError(t, err)
		var doc map[string]any
		require.NoError(t, json.Unmarshal(b, &doc))
		defs, _ := doc["$defs"].(map[string]any)
		resolve := func(s map[string]any) map[string]any {
			for {
				if alts, ok := s["anyOf"].([]any); ok {
					for _, a := range alts {
						if m := a.(map[string]any); m["type"] != "null" {
							s = m
							break
						}
					}
					continue
				}
				if ref, ok := s["$ref"].(string); ok {
					s = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
					continue
				}
				return s
			}
		}
		var times, durations int
		seen := map[reflect.Type]bool{}
		var walk func(path string, typ reflect.Type, s map[string]any)
		walk = func(path string, typ reflect.Type, s map[string]any) {
			s = resolve(s)
			for typ.Kind() == reflect.Pointer {
				typ = typ.Elem()
			}
			switch {
			case typ == timeT:
				times++
				assert.Equal(t, "date-time", s["format"], "%s %s is a date-time", e.name, path)
				return
			case typ == durT:
				durations++
				assert.Equal(t, DurationPattern, s["pattern"], "%s %s is an ISO 8601 duration", e.name, path)
				assert.Equal(t, "string", s["type"], "%s %s", e.name, path)
				return
			case typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array:
				if items, ok := s["items"].(map[string]any); ok {
					walk(path+"[]", typ.Elem(), items)
				}
				return
			case typ.Kind() == reflect.Map:
				if ap, ok := s["additionalProperties"].(map[string]any); ok {
					walk(path+"{}", typ.Elem(), ap)
				}
				return
			case typ.Kind() != reflect.Struct:
				return
			}
			if seen[typ] {
				return
			}
			seen[typ] = true
			assert.Equal(t, false, s["additionalProperties"], "%s %s (%s) is closed", e.name, path, typ.Name())
			props, _ := s["properties"].(map[string]any)
			for f := range fieldsOf(typ) {
				p, ok := props[f.name].(map[string]any)
				if !assert.True(t, ok, "%s %s.%s has a property", e.name, path, f.name) {
					continue
				}
				walk(path+"."+f.name, f.typ, p)
			}
		}
		walk(e.name, e.typ, doc)
		t.Logf("%s: %d time fields, %d duration fields", e.name, times, durations)
	}
}

type jsonField struct {
	name string
	typ  reflect.Type
}

// fieldsOf yields the JSON fields of a struct type as encoding/json sees
// them: embedded structs without a name flattened, "-" skipped.
func fieldsOf(t reflect.Type) func(func(jsonField) bool) {
	return func(yield func(jsonField) bool) {
		var rec func(t reflect.Type) bool
		rec = func(t reflect.Type) bool {
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "-" {
					continue
				}
				if f.Anonymous && name == "" {
					et := f.Type
					for et.Kind() == reflect.Pointer {
						et = et.Elem()
					}
					if et.Kind() == reflect.Struct {
						if !rec(et) {
							return false
						}
						continue
					}
				}
				if !f.IsExported() {
					continue
				}
				if name == "" {
					name = f.Name
				}
				if !yield(jsonField{name, f.Type}) {
					return false
				}
			}
			return true
		}
		rec(t)
	}
}
