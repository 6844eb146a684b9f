package schema

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEnumRegistryIsComplete walks every type reachable from the kinds:
// each string type with IsValid and UnmarshalText methods (the SDK's enum
// convention) must
// be listed in enums(), and every listed value must be valid by the type's
// own IsValid.
func TestEnumRegistryIsComplete(tt *testing.T) {
	listed := map[reflect.Type][]string{}
	for _, e := range enums() {
		listed[e.typ] = e.values
	}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(t.Elem())
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				if f := t.Field(i); f.IsExported() {
					walk(f.Type)
				}
			}
		case reflect.String:
			_, valid := t.MethodByName("IsValid")
			_, strict := reflect.PointerTo(t).MethodByName("UnmarshalText")
			if valid && strict && t.PkgPath() != "" {
				vs, ok := listed[t]
				if !assert.True(tt, ok, "enum %s.%s is used by a persisted type but not listed in enums()", t.PkgPath(), t.Name()) {
					return
				}
				assert.NotEmpty(tt, vs)
				for _, v := range vs {
					ok := reflect.ValueOf(v).Convert(t).MethodByName("IsValid").Call(nil)[0].Bool()
					assert.True(tt, ok, "%s value %q", t.Name(), v)
				}
			}
		}
	}
	for _, e := range kinds() {
		walk(e.typ)
	}
	for typ := range listed {
		assert.True(tt, seen[typ], "enum %s is listed but no persisted type uses it", typ.Name())
	}
}
