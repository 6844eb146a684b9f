package csvout

import (
	"bufio"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Writer writes CSV records. Errors of the underlying writer are kept by
// the buffer and reported by Flush.
type Writer struct {
	bw           *bufio.Writer
	keepFormulas bool
}

// NewWriter returns a Writer on w. With keepFormulas every cell is written
// exactly as it is; otherwise each cell goes through Defuse first.
func NewWriter(w io.Writer, keepFormulas bool) *Writer {
	return &Writer{bw: bufio.NewWriter(w), keepFormulas: keepFormulas}
}

// Write writes one record ended by CRLF. The row is not modified.
func (w *Writer) Write(row []string) {
	for i, f := range row {
		if i > 0 {
			w.bw.WriteByte(',')
		}
		if !w.keepFormulas {
			f = Defuse(f)
		}
		w.field(f)
	}
	w.bw.WriteString("\r\n")
}

// Flush writes what is buffered and returns the first error the
// underlying writer reported.
func (w *Writer) Flush() error { return w.bw.Flush() }

// field writes one field, quoted when needsQuotes says so. Inside quotes a
// quote is doubled and an LF is written as CRLF; every other byte, lone CRs
// included, is written as it is. encoding/csv's Reader reads a CRLF inside
// quotes as LF, so the field reads back unchanged. (encoding/csv's own
// Writer with UseCRLF drops lone CRs instead.)
func (w *Writer) field(f string) {
	if !needsQuotes(f) {
		w.bw.WriteString(f)
		return
	}
	w.bw.WriteByte('"')
	for f != "" {
		i := strings.IndexAny(f, "\"\n")
		if i < 0 {
			w.bw.WriteString(f)
			break
		}
		w.bw.WriteString(f[:i])
		if f[i] == '"' {
			w.bw.WriteString(`""`)
		} else {
			w.bw.WriteString("\r\n")
		}
		f = f[i+1:]
	}
	w.bw.WriteByte('"')
}

// needsQuotes reports whether a field must be quoted: it holds a comma, a
// quote, a CR or an LF, starts with a space (which some readers trim), or
// is the end-of-data marker \. of PostgreSQL's COPY (as encoding/csv does).
func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

// Defuse prefixes with a single quote (') a cell a spreadsheet could read
// as a formula: one whose first character is a tab, CR or LF, or whose
// first character other than a space, tab, CR or LF is =, +, -, @ or one of
// their full-width forms ＝ ＋ － ＠. Any other cell is returned as it is.
func Defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '\t', '\r', '\n':
		return "'" + s
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " \t\r\n"))
	switch r {
	case '=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20':
		return "'" + s
	}
	return s
}
