package risk

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ismskit/ismskit/isms"
)

// WriteRegisterCSV writes the risk register as CSV (RFC 4180: records
// ended by CRLF, fields quoted as needed): the header of RegisterColumns,
// then one row per risk in the order given (nil risks skipped; select and
// order them with Register.List). Levels are the risk level IDs of the
// three assessments; treatment is the option and controls the catalog ids
// it selects, joined by "; "; progress is "done/total" actions (cancelled
// ones do not count); acceptance is the status of the last acceptance and
// acceptance_expires its expiry (YYYY-MM-DD, UTC) when accepted.
//
// Every cell reads back byte for byte with encoding/csv's Reader, with
// opts.KeepFormulas; by default a cell a spreadsheet could evaluate gets
// the single-quote prefix of ExportOptions. A nil w is an error answering
// isms.ErrInvalid; the writer's error is returned.
func WriteRegisterCSV(w io.Writer, risks []*Risk, opts *ExportOptions) error {
	return writeCSV("write register csv", w, registerColumns, registerRows(risks), opts)
}

// WriteTreatmentPlanCSV writes the risk treatment plan (ISO/IEC
// 27001:2022 6.1.3 e, 8.3) as CSV: the header of TreatmentPlanColumns,
// then, for every risk with a treatment in the order given, one row per
// action (its ID, title, owner, due date, status and completion date) with
// the risk, its owner, the option, the controls, the plan's progress, the
// residual level and the acceptance state; a treatment without actions
// has one row with empty action cells. Risks without treatment have no
// plan and no row. Cells and errors are as for WriteRegisterCSV.
func WriteTreatmentPlanCSV(w io.Writer, risks []*Risk, opts *ExportOptions) error {
	return writeCSV("write treatment plan csv", w, planColumns, planRows(risks), opts)
}

func writeCSV(op string, w io.Writer, header []string, rows [][]string, opts *ExportOptions) error {
	if w == nil {
		return fmt.Errorf("risk: %s: %w", op, isms.Invalidf("writer is nil"))
	}
	keep := opts != nil && opts.KeepFormulas
	bw := bufio.NewWriter(w)
	writeCSVRecord(bw, header)
	for _, row := range rows {
		if !keep {
			for i := range row {
				row[i] = defuseFormula(row[i])
			}
		}
		writeCSVRecord(bw, row)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("risk: %s: %w", op, err)
	}
	return nil
}

// writeCSVRecord writes one record ended by CRLF.
func writeCSVRecord(bw *bufio.Writer, row []string) {
	for i, f := range row {
		if i > 0 {
			bw.WriteByte(',')
		}
		writeCSVField(bw, f)
	}
	bw.WriteString("\r\n")
}

// writeCSVField writes one field, quoted when it holds a comma, a quote, a
// CR or an LF, starts with a space, or is PostgreSQL's end-of-data marker
// \. . Inside quotes a quote is doubled and an LF is written as CRLF,
// which encoding/csv's Reader turns back into the LF; every other byte,
// lone CRs included, is written as it is, so the field reads back byte for
// byte. (encoding/csv's own Writer with UseCRLF drops lone CRs.)
func writeCSVField(bw *bufio.Writer, f string) {
	if !csvNeedsQuotes(f) {
		bw.WriteString(f)
		return
	}
	bw.WriteByte('"')
	for f != "" {
		i := strings.IndexAny(f, "\"\n")
		if i < 0 {
			bw.WriteString(f)
			break
		}
		bw.WriteString(f[:i])
		if f[i] == '"' {
			bw.WriteString(`""`)
		} else {
			bw.WriteString("\r\n")
		}
		f = f[i+1:]
	}
	bw.WriteByte('"')
}

func csvNeedsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

// defuseFormula prefixes with a single quote a cell a spreadsheet could
// evaluate (see ExportOptions.KeepFormulas).
func defuseFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '\t', '\r', '\n':
		return "'" + s
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " \t\r\n"))
	switch r {
	case '=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20': // and ＝ ＋ － ＠
		return "'" + s
	}
	return s
}
