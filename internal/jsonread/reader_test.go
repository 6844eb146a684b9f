package jsonread

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// read runs one read on a fresh Reader over doc and reports its value and
// whether the whole document was read.
func read[V any](doc string, f func(*Reader) V) (V, bool) {
	var r Reader
	r.Reset([]byte(doc))
	v := f(&r)
	return v, r.End()
}

func readString(r *Reader) string { return r.String() }
func readInt64(r *Reader) int64   { return r.Int64() }

// TestStringDecodesAsRFC8259 checks strings against their values worked
// out by hand from RFC 8259 section 7 (escapes, and \u escapes of UTF-16
// surrogate pairs) and encoding/json's rule for a lone surrogate
// (U+FFFD), and against json.Unmarshal.
func TestStringDecodesAsRFC8259(t *testing.T) {
	cases := []struct{ doc, want string }{
		{`""`, ""},
		{`"plain"`, "plain"},
		{` "spaced" `, "spaced"},
		{`null`, ""},
		{`"R\u0026D \u003ctier 1\u003e"`, "R&D <tier 1>"},
		{`"quote \" backslash \\ slash \/"`, `quote " backslash \ slash /`},
		{`"\b\f\n\r\t"`, "\b\f\n\r\t"},
		{`"caf\u00e9 café"`, "café café"},
		{`"\u00E9\u00e9"`, "éé"},
		{`"\ud83d\ude00"`, "😀"},
		{`"😀 日本"`, "😀 日本"},
		{`"\ud800"`, "\uFFFD"},
		{`"\udc00"`, "\uFFFD"},
		{`"\ud800\u0041"`, "\uFFFDA"},
		{`"\ud800x"`, "\uFFFDx"},
		{`"\udc00\ud800\udc00"`, "\uFFFD\U00010000"},
		{`"\u0000"`, "\x00"},
		{`"a\u2028b"`, "a\u2028b"},
	}
	for _, c := range cases {
		got, ok := read(c.doc, readString)
		if !ok || got != c.want {
			t.Errorf("String(%s) = %q, %v; want %q", c.doc, got, ok, c.want)
		}
		var j string
		if err := json.Unmarshal([]byte(c.doc), &j); err != nil || j != c.want {
			t.Errorf("json.Unmarshal(%s) = %q, %v: the case is wrong", c.doc, j, err)
		}
	}
}

// TestStringRefusesWhatItDoesNotRead lists inputs the Reader must fail
// on: invalid JSON (which encoding/json refuses too) and invalid UTF-8
// (which encoding/json replaces, so a decoder falls back to it).
func TestStringRefusesWhatItDoesNotRead(t *testing.T) {
	for _, doc := range []string{
		``, ` `, `"`, `"open`, `"a\`, `"tab	"`, "\"nl\n\"", `"\'"`, `"\x41"`, `"\u12"`,
		`"\u12g4"`, `"\U0041"`, `'single'`, `nul`, `nulls`, `true`, `1`, `["a"]`, `{"a":1}`,
		`"a" "b"`, `"a",`, "\"\xff\"", "\"\xc3\"", "\"\xed\xa0\x80\"",
	} {
		if got, ok := read(doc, readString); ok {
			t.Errorf("String(%q) = %q, read; want a failure", doc, got)
		}
	}
}

// TestInt64 checks integers at the edges of int64 and the number forms
// encoding/json refuses for an int64.
func TestInt64(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want int64
	}{
		{`0`, 0}, {`-0`, 0}, {`7`, 7}, {`-42`, -42}, {` 12 `, 12}, {`null`, 0},
		{`9223372036854775807`, 1<<63 - 1}, {`-9223372036854775808`, -1 << 63},
	} {
		got, ok := read(c.doc, readInt64)
		if !ok || got != c.want {
			t.Errorf("Int64(%s) = %d, %v; want %d", c.doc, got, ok, c.want)
		}
	}
	for _, doc := range []string{
		``, `-`, `--1`, `+1`, `01`, `-01`, `1.0`, `1e3`, `1E3`, `1.`, `.5`, `0x10`,
		`9223372036854775808`, `-9223372036854775809`, `18446744073709551616`,
		`99999999999999999999`, `"1"`, `true`, `1 2`, `1,`,
	} {
		if got, ok := read(doc, readInt64); ok {
			t.Errorf("Int64(%q) = %d, read; want a failure", doc, got)
		}
		var n int64
		if json.Unmarshal([]byte(doc), &n) == nil {
			t.Errorf("json.Unmarshal(%q) into int64 succeeded: the case is wrong", doc)
		}
	}
}

// TestTime checks that a time is read as time.Time.UnmarshalJSON reads
// it, and that null leaves it unchanged.
func TestTime(t *testing.T) {
	want := time.Date(2026, 1, 2, 3, 4, 5, 600_000_000, time.FixedZone("", 3600))
	got, ok := read(`"2026-01-02T03:04:05.6+01:00"`, func(r *Reader) time.Time {
		var tm time.Time
		r.Time(&tm)
		return tm
	})
	if !ok || !got.Equal(want) {
		t.Errorf("Time = %v, %v; want %v", got, ok, want)
	}
	kept, ok := read(`null`, func(r *Reader) time.Time {
		tm := want
		r.Time(&tm)
		return tm
	})
	if !ok || !kept.Equal(want) {
		t.Errorf("Time(null) = %v, %v; want it unchanged", kept, ok)
	}
	for _, doc := range []string{`"yesterday"`, `"2026-01-02"`, `1`, `{}`, `"2026-01-02T03:04:05\u005a"`, `"2026-01-02T03:04:05Z`} {
		if _, ok := read(doc, func(r *Reader) time.Time { var tm time.Time; r.Time(&tm); return tm }); ok {
			t.Errorf("Time(%s) read; want a failure", doc)
		}
	}
}

type level string

var errLevel = errors.New("bad level")

func (l *level) UnmarshalText(b []byte) error {
	if string(b) != "low" && string(b) != "high" {
		return errLevel
	}
	*l = level(b)
	return nil
}

// TestText checks that Text passes the unquoted content and fails on the
// unmarshaler's error and on non-strings.
func TestText(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want level
		ok   bool
	}{
		{`"low"`, "low", true}, {`"\u0068igh"`, "high", true}, {`null`, "", true},
		{`"medium"`, "", false}, {`1`, "", false}, {`"low`, "", false},
	} {
		got, ok := read(c.doc, func(r *Reader) level {
			var l level
			r.Text(&l)
			return l
		})
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("Text(%s) = %q, %v; want %q, %v", c.doc, got, ok, c.want, c.ok)
		}
	}
}

// readPairs reads an object of strings into "k=v" pairs, and an array of
// them; the grammar under test.
func readPairs(r *Reader) string {
	var b strings.Builder
	for more := r.BeginObject(); more; more = r.MoreMembers() {
		k := r.Key()
		if r.Null() {
			b.WriteString(k + "=null;")
			continue
		}
		if r.next() == '[' {
			b.WriteString(k + "=[")
			for more := r.BeginArray(); more; more = r.MoreElements() {
				b.WriteString(r.String() + ",")
			}
			b.WriteString("];")
			continue
		}
		b.WriteString(k + "=" + r.String() + ";")
	}
	return b.String()
}

// TestObjectsAndArrays checks the grammar of RFC 8259 sections 4 and 5:
// what separates members and elements, and what may not.
func TestObjectsAndArrays(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`{}`, ""},
		{` { } `, ""},
		{`{"a":"1"}`, "a=1;"},
		{"{ \"a\" :\t\"1\" ,\n\"b\":\r\"2\" }", "a=1;b=2;"},
		{`{"a":null,"b":[],"c":["x","y"]}`, "a=null;b=[];c=[x,y,];"},
		{`{"\u0061":"1"}`, "a=1;"},
	} {
		got, ok := read(c.doc, readPairs)
		if !ok || got != c.want {
			t.Errorf("object %s = %q, %v; want %q", c.doc, got, ok, c.want)
		}
	}
	for _, doc := range []string{
		``, `{`, `}`, `{"a":"1",}`, `{,"a":"1"}`, `{"a" "1"}`, `{"a":"1" "b":"2"}`, `{"a":}`,
		`{a:"1"}`, `{"a":"1"`, `{"a":["x",]}`, `{"a":[,"x"]}`, `{"a":["x" "y"]}`, `{"a":["x"}`,
		`{"a":"1"}}`, `{"a":"1"},`, `{"a":"1"} {}`, `["a"]`,
	} {
		if got, ok := read(doc, readPairs); ok {
			t.Errorf("object %q = %q, read; want a failure", doc, got)
		}
	}
}

// TestRaw checks the spans Raw cuts: a whole value, brackets and quotes
// inside strings ignored, and a failure for a value that does not end.
func TestRaw(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`{"a":"}\"]","b":[1,{"c":2}]}`, `{"a":"}\"]","b":[1,{"c":2}]}`},
		{` [[],{}] `, `[[],{}]`},
		{`"x\"y"`, `"x\"y"`},
		{`true`, `true`},
		{`-1.5e3`, `-1.5e3`},
	} {
		got, ok := read(c.doc, func(r *Reader) string { return string(r.Raw()) })
		if !ok || got != c.want {
			t.Errorf("Raw(%s) = %s, %v; want %s", c.doc, got, ok, c.want)
		}
	}
	for _, doc := range []string{``, `{"a":1`, `["a]`, `"open`, `[1,2`} {
		if got, ok := read(doc, func(r *Reader) string { return string(r.Raw()) }); ok {
			t.Errorf("Raw(%q) = %q, read; want a failure", doc, got)
		}
	}
	// Raw stops at the end of the value; what follows is read as usual.
	var r Reader
	r.Reset([]byte(`{"a":{"b":"c"},"d":"e"}`))
	r.BeginObject()
	if k := r.Key(); k != "a" {
		t.Fatalf("Key = %q", k)
	}
	if raw := string(r.Raw()); raw != `{"b":"c"}` {
		t.Errorf("Raw = %s", raw)
	}
	if !r.MoreMembers() || r.Key() != "d" || r.String() != "e" || r.MoreMembers() || !r.End() {
		t.Errorf("the members after Raw were not read: failed=%v", r.Failed())
	}
}

// TestFailedReaderReadsNothing checks that after Fail every read returns
// its zero result and End is false.
func TestFailedReaderReadsNothing(t *testing.T) {
	var r Reader
	r.Reset([]byte(`{"a":"b"}`))
	r.Fail()
	if r.BeginObject() || r.Key() != "" || r.String() != "" || r.Int64() != 0 || r.Null() || r.Raw() != nil || r.End() || !r.Failed() {
		t.Error("a failed Reader read something")
	}
	var zero Reader
	if !zero.End() || zero.BeginObject() || !zero.Failed() {
		t.Error("the zero Reader is not an empty document")
	}
}

// TestUnescapedStringsShareOneCopy checks the allocation the package
// promises: Reset copies the document once, and strings without escapes
// are cut from that copy.
func TestUnescapedStringsShareOneCopy(t *testing.T) {
	doc := []byte(`{"a":"one","b":"two","c":"three"}`)
	var r Reader
	allocs := testing.AllocsPerRun(100, func() {
		r.Reset(doc)
		for more := r.BeginObject(); more; more = r.MoreMembers() {
			_ = r.Key()
			_ = r.String()
		}
		if !r.End() {
			t.Fatal("not read")
		}
	})
	if allocs != 1 {
		t.Errorf("reading three strings allocated %v times; want 1 (the copy)", allocs)
	}
}

// FuzzString holds String to json.Unmarshal into a string for any input:
// what the Reader reads, json.Unmarshal reads the same; and what
// json.Unmarshal reads from valid UTF-8, the Reader reads too (it falls
// back only on invalid UTF-8, which json.Unmarshal replaces).
func FuzzString(f *testing.F) {
	for _, s := range []string{`"a"`, `"\u0026\ud83d\ude00"`, `"\ud800x"`, `null`, `"\'"`, "\"\xff\"", `"é"`, ` "x" `} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		got, ok := read(doc, readString)
		var want string
		err := json.Unmarshal([]byte(doc), &want)
		switch {
		case ok && (err != nil || got != want):
			t.Fatalf("String(%q) = %q; json.Unmarshal = %q, %v", doc, got, want, err)
		case !ok && err == nil && utf8.ValidString(doc):
			t.Fatalf("String(%q) failed; json.Unmarshal read %q", doc, want)
		}
	})
}

// FuzzInt64 holds Int64 to json.Unmarshal into an int64, both ways.
func FuzzInt64(f *testing.F) {
	for _, s := range []string{`0`, `-0`, `9223372036854775807`, `-9223372036854775808`, `1e3`, `01`, `null`, ` 5 `} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		got, ok := read(doc, readInt64)
		var want int64
		err := json.Unmarshal([]byte(doc), &want)
		if ok != (err == nil) || (ok && got != want) {
			t.Fatalf("Int64(%q) = %d, %v; json.Unmarshal = %d, %v", doc, got, ok, want, err)
		}
	})
}

// TestMark checks that distinct members pass, and that an unknown one (a
// zero bit) or one marked twice fails the Reader.
func TestMark(t *testing.T) {
	for _, c := range []struct {
		name string
		bits []Members
		ok   bool
	}{
		{"distinct", []Members{1, 2, 8, 1 << 63}, true},
		{"unknown", []Members{1, 0}, false},
		{"twice", []Members{1, 2, 1}, false},
	} {
		var r Reader
		var seen Members
		for _, b := range c.bits {
			r.Mark(&seen, b)
		}
		if r.Failed() == c.ok {
			t.Errorf("%s: failed = %v; want %v", c.name, r.Failed(), !c.ok)
		}
	}
}
