package risk

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ismskit/ismskit/isms"
)

// WriteRegisterMarkdown writes the risk register as a Markdown document: a
// title and one table with the columns of RegisterColumns, one row per
// risk in the order given (nil risks skipped), with the cells of
// WriteRegisterCSV. Cell text renders as written (see mdCell): nothing
// from the register can break the table, inject HTML or turn into markup.
// A nil w is an error answering isms.ErrInvalid.
func WriteRegisterMarkdown(w io.Writer, risks []*Risk) error {
	return writeMarkdown("write register markdown", w, "Risk register", registerColumns, registerRows(risks))
}

// WriteTreatmentPlanMarkdown writes the risk treatment plan (ISO/IEC
// 27001:2022 6.1.3 e, 8.3) as a Markdown document: a title and one table
// with the columns and rows of WriteTreatmentPlanCSV.
func WriteTreatmentPlanMarkdown(w io.Writer, risks []*Risk) error {
	return writeMarkdown("write treatment plan markdown", w, "Risk treatment plan", planColumns, planRows(risks))
}

func writeMarkdown(op string, w io.Writer, title string, header []string, rows [][]string) error {
	if w == nil {
		return fmt.Errorf("risk: %s: %w", op, isms.Invalidf("writer is nil"))
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", title)
	mdRow(bw, header)
	bw.WriteString("|")
	for range header {
		bw.WriteString("---|")
	}
	bw.WriteString("\n")
	for _, row := range rows {
		mdRow(bw, row)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("risk: %s: %w", op, err)
	}
	return nil
}

func mdRow(bw *bufio.Writer, cells []string) {
	bw.WriteString("|")
	for _, c := range cells {
		bw.WriteString(" ")
		bw.WriteString(mdCell(c))
		bw.WriteString(" |")
	}
	bw.WriteString("\n")
}

// mdCell escapes text for a GitHub-flavoured Markdown table cell so that
// it renders as written and can be read back exactly: the ASCII
// punctuation of inline markup and of the table (\ ` * _ ~ [ ] | ! #) is
// backslash-escaped; &, < and > become entities, so no HTML is injected;
// an LF becomes <br> (a line break in the cell), a CR, a tab, any other
// unprintable rune and a space at either end of the cell (which tables
// trim) become numeric character references. Invalid UTF-8 becomes
// U+FFFD.
func mdCell(s string) string {
	var b strings.Builder
	last := len(s) - 1
	for i, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '~', '[', ']', '|', '!', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString("<br>")
		case ' ':
			if i == 0 || i == last {
				b.WriteString("&#32;")
			} else {
				b.WriteByte(' ')
			}
		default:
			switch {
			case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
				b.WriteRune('\uFFFD')
			case strconv.IsPrint(r):
				b.WriteRune(r)
			default:
				b.WriteString("&#x" + strconv.FormatInt(int64(r), 16) + ";")
			}
		}
	}
	return b.String()
}
