package isms_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

type strictDoc struct {
	Name  string `json:"name"`
	Items []any  `json:"items,omitempty"`
}

// nested returns n arrays nested in one another: "[[...]]".
func nested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

func TestUnmarshalStrict(t *testing.T) {
	var d strictDoc
	require.NoError(t, isms.UnmarshalStrict([]byte(` {"name":"x","items":[1,{"a":[2]}]} `+"\n"), &d))
	assert.Equal(t, strictDoc{Name: "x", Items: []any{1.0, map[string]any{"a": []any{2.0}}}}, d)

	tests := []struct {
		name, in, msg string
	}{
		{"unknown field", `{"name":"x","nmae":"y"}`, `json: unknown field "nmae"`},
		{"trailing data", `{"name":"x"} {"name":"y"}`, "trailing data after the JSON value"},
		{"trailing garbage", `{"name":"x"}]`, "trailing data after the JSON value"},
		{"empty", ``, "input is empty"},
		{"only white space", " \n\t", "input is empty"},
		{"syntax error", `{"name":`, "json: unexpected EOF"},
		{"wrong type", `{"name":1}`, "json: cannot unmarshal number into Go struct field strictDoc.name of type string"},
		// 64 levels inside the object's own level make 65: the prefix is
		// 20 bytes, so the 64th "[" is at offset 20 + 63 = 83.
		{"over depth", `{"name":"x","items":` + nested(isms.MaxDocumentDepth) + `}`, "nesting deeper than 64 levels at offset 83"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d strictDoc
			err := isms.UnmarshalStrict([]byte(tc.in), &d)
			require.Error(t, err)
			assert.ErrorIs(t, err, isms.ErrInvalid)
			assert.EqualError(t, err, tc.msg)
		})
	}

	t.Run("depth exactly at the limit is accepted", func(t *testing.T) {
		var d strictDoc
		// The object is level 1, items holds 63 more: 64 in all.
		in := `{"name":"x","items":` + nested(isms.MaxDocumentDepth-1) + `}`
		require.NoError(t, isms.UnmarshalStrict([]byte(in), &d))
		var v any
		require.NoError(t, isms.UnmarshalStrict([]byte(nested(isms.MaxDocumentDepth)), &v))
		assert.ErrorIs(t, isms.UnmarshalStrict([]byte(nested(isms.MaxDocumentDepth+1)), &v), isms.ErrInvalid)
	})
	t.Run("brackets inside strings are not nesting", func(t *testing.T) {
		var d strictDoc
		name := strings.Repeat("[{", 100) + `\"[` + `\\` // an escaped quote and backslash do not end the string early
		require.NoError(t, isms.UnmarshalStrict([]byte(`{"name":"`+name+`"}`), &d))
		assert.Equal(t, strings.Repeat("[{", 100)+`"[\`, d.Name)
	})
	t.Run("over size", func(t *testing.T) {
		big := make([]byte, isms.MaxDocumentSize+1)
		copy(big, `{"name":"`)
		for i := len(`{"name":"`); i < len(big)-2; i++ {
			big[i] = 'a'
		}
		copy(big[len(big)-2:], `"}`)
		var d strictDoc
		err := isms.UnmarshalStrict(big, &d)
		assert.ErrorIs(t, err, isms.ErrInvalid)
		assert.EqualError(t, err, "input is 33554433 bytes, more than the 33554432 allowed")
		assert.Empty(t, d.Name, "nothing is decoded")

		err = isms.ReadStrict(bytes.NewReader(big), &d)
		assert.ErrorIs(t, err, isms.ErrInvalid, "ReadStrict stops reading after the limit")
	})
	t.Run("decoder errors keep their cause", func(t *testing.T) {
		var d strictDoc
		err := isms.UnmarshalStrict([]byte(`{"name":1}`), &d)
		assert.NotNil(t, errors.Unwrap(err))
	})
	t.Run("enums stay strict", func(t *testing.T) {
		var f isms.Finding
		err := isms.UnmarshalStrict([]byte(`{"code":"c","severity":"fatal","message":"m"}`), &f)
		assert.ErrorIs(t, err, isms.ErrInvalid)
	})
	t.Run("nil and bad targets", func(t *testing.T) {
		assert.ErrorIs(t, isms.UnmarshalStrict([]byte(`{}`), nil), isms.ErrInvalid)
		var p *strictDoc
		assert.ErrorIs(t, isms.UnmarshalStrict([]byte(`{}`), p), isms.ErrInvalid)
		assert.ErrorIs(t, isms.UnmarshalStrict(nil, &strictDoc{}), isms.ErrInvalid)
	})
}

func TestReadStrict(t *testing.T) {
	var d strictDoc
	require.NoError(t, isms.ReadStrict(strings.NewReader(`{"name":"r"}`), &d))
	assert.Equal(t, "r", d.Name)
	assert.ErrorIs(t, isms.ReadStrict(strings.NewReader(`{"name":"r","x":1}`), &d), isms.ErrInvalid)
	assert.ErrorIs(t, isms.ReadStrict(nil, &d), isms.ErrInvalid)
	boom := errors.New("boom")
	err := isms.ReadStrict(iotest.ErrReader(boom), &d)
	assert.ErrorIs(t, err, boom)
	assert.NotErrorIs(t, err, isms.ErrInvalid, "a read error is not the input's fault")
}

func FuzzUnmarshalStrict(f *testing.F) {
	for _, s := range []string{`{"name":"x"}`, `{"name":"x","items":[[[]]]}`, `{"name":"[\"]"}`, `{}`, ``, `[`, `{"name":"x"} 1`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d strictDoc
		if isms.UnmarshalStrict(data, &d) != nil {
			return
		}
		// Accepted: it re-encodes and re-parses equal.
		b, err := jsonMarshal(d)
		require.NoError(t, err)
		var again strictDoc
		require.NoError(t, isms.UnmarshalStrict(b, &again), "%s", b)
		b2, err := jsonMarshal(again)
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2))
	})
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
