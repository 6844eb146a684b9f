package risk

import (
	"fmt"
	"io"

	"github.com/ismskit/ismskit/internal/csvout"
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
	cw := csvout.NewWriter(w, opts != nil && opts.KeepFormulas)
	cw.Write(header)
	for _, row := range rows {
		cw.Write(row)
	}
	if err := cw.Flush(); err != nil {
		return fmt.Errorf("risk: %s: %w", op, err)
	}
	return nil
}
