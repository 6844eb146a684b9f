package jsonread

import (
	"strings"
	"unicode"
	"unicode/utf16"
)

// unquote returns the content of a JSON string, its quotes removed, with
// its escapes replaced as encoding/json replaces them: a \u escape of a
// high surrogate followed by one of a low surrogate is one code point; any
// other surrogate escape is U+FFFD. It reports false for an escape JSON
// does not have (encoding/json's scanner refuses the document). s must be
// valid UTF-8 and hold no quote or control character.
func unquote(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			j := strings.IndexByte(s[i:], '\\')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		if i+1 == len(s) {
			return "", false
		}
		switch e := s[i+1]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			rr := u4(s, i)
			if rr < 0 {
				return "", false
			}
			i += 6
			if utf16.IsSurrogate(rr) {
				if d := utf16.DecodeRune(rr, u4(s, i)); d != unicode.ReplacementChar {
					i += 6
					b.WriteRune(d)
					continue
				}
				rr = unicode.ReplacementChar
			}
			b.WriteRune(rr)
			continue
		default:
			return "", false
		}
		i += 2
	}
	return b.String(), true
}

// u4 returns the code unit of the \uXXXX escape at s[i:], or -1 when
// there is none there.
func u4(s string, i int) rune {
	if len(s)-i < 6 || s[i] != '\\' || s[i+1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range []byte(s[i+2 : i+6]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}
