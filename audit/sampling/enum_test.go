package sampling

import (
	"encoding"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// enumCase exercises one string enum generically.
type enumCase struct {
	name   string
	values []string
	valid  func(string) bool
	target func() encoding.TextUnmarshaler
	get    func(encoding.TextUnmarshaler) string
}

// emptyIsDefault lists the enums whose UnmarshalText accepts an explicit
// empty value as the default their zero value means.
var emptyIsDefault = map[string]bool{"model": true, "allocation": true, "monetary bound": true}

// accepts reports whether UnmarshalText of the case accepts s.
func (c enumCase) accepts(s string) bool { return c.valid(s) || (s == "" && emptyIsDefault[c.name]) }

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func enumCases() []enumCase {
	return []enumCase{
		{"model", strs(ModelValues()), func(s string) bool { return Model(s).IsValid() },
			func() encoding.TextUnmarshaler { return new(Model) },
			func(u encoding.TextUnmarshaler) string { return string(*u.(*Model)) }},
		{"conclusion", strs(ConclusionValues()), func(s string) bool { return Conclusion(s).IsValid() },
			func() encoding.TextUnmarshaler { return new(Conclusion) },
			func(u encoding.TextUnmarshaler) string { return string(*u.(*Conclusion)) }},
		{"frequency", strs(FrequencyValues()), func(s string) bool { return Frequency(s).IsValid() },
			func() encoding.TextUnmarshaler { return new(Frequency) },
			func(u encoding.TextUnmarshaler) string { return string(*u.(*Frequency)) }},
		{"method", strs(MethodValues()), func(s string) bool { return Method(s).IsValid() },
			func() encoding.TextUnmarshaler { return new(Method) },
			func(u encoding.TextUnmarshaler) string { return string(*u.(*Method)) }},
		{"allocation", strs(AllocationValues()), func(s string) bool { return Allocation(s).IsValid() },
			func() encoding.TextUnmarshaler { return new(Allocation) },
			func(u encoding.TextUnmarshaler) string { return string(*u.(*Allocation)) }},
		{"monetary bound", strs(MonetaryBoundValues()), func(s string) bool { return MonetaryBound(s).IsValid() },
			func() encoding.TextUnmarshaler { return new(MonetaryBound) },
			func(u encoding.TextUnmarshaler) string { return string(*u.(*MonetaryBound)) }},
	}
}

func TestEnums(t *testing.T) {
	want := map[string][]string{
		"model":          {"binomial", "hypergeometric", "poisson"},
		"conclusion":     {"rely_as_planned", "do_not_rely"},
		"frequency":      {"annual", "quarterly", "monthly", "weekly", "daily", "multiple_daily"},
		"method":         {"simple_random", "systematic", "stratified", "monetary_unit", "cell"},
		"allocation":     {"proportional", "fixed"},
		"monetary bound": {"stringer", "poisson"},
	}
	for _, c := range enumCases() {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, want[c.name], c.values)
			for _, v := range c.values {
				assert.True(t, c.valid(v))
				u := c.target()
				require.NoError(t, u.UnmarshalText([]byte(v)))
				assert.Equal(t, v, c.get(u))
			}
			for _, bad := range []string{"", "Binomial", "unknown", " poisson"} {
				assert.False(t, c.valid(bad))
				u := c.target()
				if bad == "" && emptyIsDefault[c.name] {
					require.NoError(t, u.UnmarshalText([]byte(bad)), "an explicit empty value is the default")
					assert.Empty(t, c.get(u))
					continue
				}
				assert.ErrorIs(t, u.UnmarshalText([]byte(bad)), isms.ErrInvalid)
			}
		})
	}
	// Values returns a copy.
	vs := ModelValues()
	vs[0] = "changed"
	assert.Equal(t, ModelBinomial, ModelValues()[0])
}
