package isms

import (
	"fmt"
	"slices"
	"strings"
)

// ParseEnum returns s as a value of the string enum T when s is one of
// values, and otherwise an error that answers errors.Is(err, ErrInvalid)
// and names the accepted values. name is the enum's name in the message.
//
// It is the building block of the strict UnmarshalText methods of every enum
// in the SDK, and is exported so host applications can define their own enums
// the same way.
func ParseEnum[T ~string](name, s string, values []T) (T, error) {
	v := T(s)
	if slices.Contains(values, v) {
		return v, nil
	}
	names := make([]string, len(values))
	for i, x := range values {
		names[i] = string(x)
	}
	return "", Invalidf("unknown %s %q (want one of %s)", name, s, strings.Join(names, ", "))
}

// UnmarshalEnum parses b as one of values (see ParseEnum) into *dst, and
// leaves *dst unchanged on error; a nil dst is an error answering
// ErrInvalid. It is the whole body of a strict UnmarshalText method:
//
//	func (s *Status) UnmarshalText(b []byte) error {
//		return isms.UnmarshalEnum(s, "status", b, statusValues)
//	}
func UnmarshalEnum[T ~string](dst *T, name string, b []byte, values []T) error {
	if dst == nil {
		return Invalidf("unmarshal %s into a nil pointer", name)
	}
	// The accepted value itself, not a new string made from b: decoding a
	// stored document then allocates nothing for its enum fields.
	for _, v := range values {
		if string(v) == string(b) {
			*dst = v
			return nil
		}
	}
	_, err := ParseEnum(name, string(b), values)
	return err
}

// CheckEnum adds a problem to ps when v is not one of values. Empty values are
// reported as required when required is set and otherwise accepted. Domain
// packages use it in their Validate methods. A nil ps is left alone.
func CheckEnum[T ~string](ps *Problems, field string, v T, values []T, required bool) {
	if v == "" {
		if required {
			ps.Add(field, CodeRequired, field+" is required")
		}
		return
	}
	if !slices.Contains(values, v) {
		ps.Add(field, CodeUnknown, fmt.Sprintf("unknown value %q", string(v)))
	}
}
