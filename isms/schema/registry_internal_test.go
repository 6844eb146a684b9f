package schema

import (
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/risk/fair"
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

// TestFieldEnumsAreTheParsersSets checks the closed sets of fieldEnums
// against the SDK's own parser: every listed distribution type, frequency
// type and mode is accepted by fair.ParseScenario with parameters of its
// kind (written by hand from the doc comments of
// risk.QuantitativeDistribution and risk.QuantitativeFrequency), and an
// unlisted one is refused.
func TestFieldEnumsAreTheParsersSets(t *testing.T) {
	listed := map[string][]string{}
	for _, fe := range fieldEnums() {
		listed[fe.typ.Name()+"."+fe.field] = fe.values
	}
	dists := map[string]string{
		"constant": `{"type":"constant","value":10}`, "uniform": `{"type":"uniform","min":1,"max":10}`,
		"triangular": `{"type":"triangular","min":1,"mode":2,"max":10}`, "pert": `{"type":"pert","min":1,"mode":2,"max":10}`,
		"lognormal_ci90": `{"type":"lognormal_ci90","low":1,"high":10}`, "normal": `{"type":"normal","mean":10,"sd":1}`,
		"gamma": `{"type":"gamma","min":1,"max":10}`,
	}
	freqs := map[string]string{
		"bernoulli": `{"type":"bernoulli","probability":0.1}`, "poisson": `{"type":"poisson","rate":2}`,
		"poisson_rate": `{"type":"poisson_rate","rate_distribution":{"type":"uniform","min":1,"max":3}}`,
		"binomial":     `{"type":"binomial","probability":0.1}`,
	}
	parse := func(mode, freq, dist string) error {
		_, err := fair.ParseScenario([]byte(`{"name":"s","mode":"` + mode + `","loss_event_frequency":` + freq + `,"primary_loss":` + dist + `}`))
		return err
	}
	for name, dist := range dists {
		ok := slices.Contains(listed["QuantitativeDistribution.Type"], name)
		assert.Equal(t, ok, parse("", freqs["poisson"], dist) == nil, "distribution %s", name)
	}
	for name, freq := range freqs {
		ok := slices.Contains(listed["QuantitativeFrequency.Type"], name)
		assert.Equal(t, ok, parse("", freq, dists["constant"]) == nil, "frequency %s", name)
	}
	for _, mode := range []string{"", "compound", "product", "sum"} {
		ok := slices.Contains(listed["QuantitativeScenario.Mode"], mode)
		assert.Equal(t, ok, parse(mode, freqs["poisson"], dists["constant"]) == nil, "mode %q", mode)
	}
	assert.ElementsMatch(t, []string{"added", "removed", "changed"}, listed["Change.Op"])
}
