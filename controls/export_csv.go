package controls

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/internal/csvout"
	"github.com/ismskit/ismskit/isms"
)

var csvColumns = []string{
	"control_id", "title", "applicable", "inclusion_reasons", "exclusion_justification",
	"implementation_status", "owner", "evidence", "risks", "provider", "planned_date", "notes",
}

// CSVColumns returns the header row of WriteCSV.
func CSVColumns() []string { return slices.Clone(csvColumns) }

// CSVOptions configures WriteCSV. A nil *CSVOptions means the defaults.
type CSVOptions struct {
	// KeepFormulas writes cells exactly as they are. By default a cell that
	// a spreadsheet could read as a formula is prefixed with a single quote
	// ('), so that opening the export cannot run text someone typed into
	// the SoA: a cell whose first character is a tab, CR or LF, or whose
	// first character other than a space, tab, CR or LF is =, +, -, @ or
	// one of their full-width forms ＝ ＋ － ＠.
	KeepFormulas bool `json:"keep_formulas,omitempty"`
}

// WriteCSV writes the SoA as CSV (RFC 4180: records ended by CRLF, fields
// quoted as needed), one row per control: first every catalog control in
// catalog order (a control with no entry gets a row with only its id and
// title, so the gap shows), then entries for controls the catalog does not
// hold, in CompareIDs order. cat may be nil, in which case the rows follow
// CompareIDs order and titles are empty; a nil s gives the rows of an
// empty SoA. A nil w is an error answering errors.Is(err, isms.ErrInvalid).
//
// Every cell reads back byte for byte with encoding/csv's Reader (with
// KeepFormulas; otherwise up to the quote the formula guard adds): a field
// is quoted when it holds a comma, a quote, a CR or an LF, or starts with
// a space, and inside quotes every LF is written as CRLF, which the Reader
// turns back into the LF (a CR before it is kept, as are lone CRs).
//
// The columns are those of CSVColumns:
//
//   - applicable: "yes", "no" or "inherited";
//   - inclusion_reasons: the reasons joined by "; ", then ": " and the
//     justification when an included control has one;
//   - exclusion_justification: "reason: justification" for an excluded
//     control;
//   - evidence and risks: refs ("kind/id") joined by "; ";
//   - planned_date: YYYY-MM-DD in UTC.
func WriteCSV(w io.Writer, s *SoA, cat *Catalog, opts *CSVOptions) error {
	if w == nil {
		return fmt.Errorf("controls: write csv: %w", isms.Invalidf("writer is nil"))
	}
	cw := csvout.NewWriter(w, opts != nil && opts.KeepFormulas)
	cw.Write(csvColumns)
	row := make([]string, len(csvColumns))
	for _, r := range reportRows(s, cat) {
		e := r.entry
		clear(row)
		row[0], row[1] = string(r.id), r.title
		if e != nil {
			row[2] = applicableWord(e.Applicability)
			row[3] = inclusionText(e)
			row[4] = exclusionText(e)
			row[5] = string(e.Status)
			row[6] = e.Owner
			row[7] = joinRefsSep(e.Evidence, "; ")
			row[8] = joinRefsSep(e.Risks, "; ")
			row[9] = e.Provider
			row[10] = dateText(e.PlannedDate)
			row[11] = e.Notes
		}
		cw.Write(row)
	}
	// the writer keeps the first error of w; Flush reports it.
	if err := cw.Flush(); err != nil {
		return wrap("write csv", err)
	}
	return nil
}

// reportRow is one control in an export: catalog controls first, then
// entries the catalog does not hold.
type reportRow struct {
	id    isms.ID
	title string
	// group is the index of the control's top-level group in the catalog,
	// -1 for none, -2 for a control not in the catalog.
	group int
	entry *Entry
}

func reportRows(s *SoA, cat *Catalog) []reportRow {
	if s == nil {
		s = &SoA{}
	}
	entries := firstEntries(s)
	rows := make([]reportRow, 0, cat.Len()+len(entries))
	if cat != nil {
		for i := range cat.controls {
			c := &cat.controls[i]
			rows = append(rows, reportRow{id: c.ID, title: c.Title, group: cat.topGroupIndex(i), entry: entries[c.ID]})
		}
	}
	var extra []isms.ID
	for id := range entries {
		if !cat.Has(id) {
			extra = append(extra, id)
		}
	}
	slices.SortFunc(extra, CompareIDs)
	for _, id := range extra {
		rows = append(rows, reportRow{id: id, group: -2, entry: entries[id]})
	}
	return rows
}

func applicableWord(a Applicability) string {
	switch a {
	case Applicable:
		return "yes"
	case NotApplicable:
		return "no"
	case Inherited:
		return "inherited"
	}
	return string(a)
}

func inclusionText(e *Entry) string {
	if e.Applicability == NotApplicable {
		return ""
	}
	parts := make([]string, len(e.InclusionReasons))
	for i, r := range e.InclusionReasons {
		parts[i] = string(r)
	}
	t := strings.Join(parts, "; ")
	if e.Justification != "" {
		if t != "" {
			t += ": "
		}
		t += e.Justification
	}
	return t
}

func exclusionText(e *Entry) string {
	if e.Applicability != NotApplicable {
		return ""
	}
	t := string(e.ExclusionReason)
	if e.Justification != "" {
		if t != "" {
			t += ": "
		}
		t += e.Justification
	}
	return t
}

func joinRefsSep(refs []isms.Ref, sep string) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = r.String()
	}
	return strings.Join(parts, sep)
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
