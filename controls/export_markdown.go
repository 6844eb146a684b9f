package controls

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// WriteMarkdown writes the SoA as a Markdown document for people: a header
// table (scope, catalog, version, approval), the implementation summary by
// top-level group, then one table per top-level group listing every
// catalog control in catalog order, with its applicability, reasons or
// justification, status, owner and evidence. Controls the catalog does not
// hold come last. Text from the SoA is escaped, so it cannot break the
// tables or inject HTML. cat may be nil and a nil s is an empty SoA; a nil
// w is an error answering errors.Is(err, isms.ErrInvalid).
func WriteMarkdown(w io.Writer, s *SoA, cat *Catalog) error {
	if w == nil {
		return fmt.Errorf("controls: write markdown: %w", isms.Invalidf("writer is nil"))
	}
	if s == nil {
		s = &SoA{}
	}
	bw := bufio.NewWriter(w)
	title := s.Title
	if title == "" {
		title = "Statement of Applicability"
	}
	fmt.Fprintf(bw, "# %s\n\n", mdText(title))
	bw.WriteString("| Field | Value |\n|---|---|\n")
	info := cat.Info()
	catalog := string(s.CatalogID)
	if info.ID == s.CatalogID && info.Title != "" {
		catalog = info.Title + " (" + catalog + ")"
	}
	if s.CatalogVersion != "" {
		catalog += ", version " + s.CatalogVersion
	}
	approvedAt := ""
	if !s.ApprovedAt.IsZero() {
		approvedAt = s.ApprovedAt.UTC().Format(time.RFC3339)
	}
	for _, kv := range [][2]string{
		{"Scope", s.Scope},
		{"Catalog", catalog},
		{"Version", s.Version},
		{"Approved by", s.ApprovedBy},
		{"Approved at", approvedAt},
	} {
		v := kv[1]
		if v == "" {
			v = "-"
		}
		fmt.Fprintf(bw, "| %s | %s |\n", kv[0], mdCell(v))
	}

	sum := Summarize(s, cat)
	bw.WriteString("\n## Summary\n\n")
	bw.WriteString("| Group | Controls | Applicable | Inherited | Not applicable | Undecided | Implemented | Partial | Planned | Alternative | No status | No entry |\n")
	bw.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	countsRow := func(name string, c Counts) {
		fmt.Fprintf(bw, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |\n", name,
			c.Controls, c.Applicable, c.Inherited, c.NotApplicable, c.Undecided, c.Implemented, c.Partial,
			c.Planned, c.Alternative, c.NoStatus, c.NoEntry)
	}
	for _, g := range sum.Groups {
		countsRow(mdCell(string(g.Group)+" "+g.Title), g.Counts)
	}
	if sum.Ungrouped.Controls > 0 {
		countsRow("Other", sum.Ungrouped)
	}
	countsRow("**Total**", sum.Total)
	if sum.NotInCatalog > 0 {
		fmt.Fprintf(bw, "\n%d entries name controls that are not in the catalog; they are listed at the end.\n", sum.NotInCatalog)
	}

	rows := reportRows(s, cat)
	top := cat.TopGroups()
	sections := make([]struct {
		heading string
		rows    []reportRow
	}, len(top)+2)
	for i, g := range top {
		sections[i].heading = string(g.ID) + " " + g.Title
	}
	sections[len(top)].heading = "Other controls"
	sections[len(top)+1].heading = "Not in the catalog"
	index := make(map[int]int, len(top))
	if cat != nil {
		for i, g := range top {
			index[cat.groupIdx[g.ID]] = i
		}
	}
	for _, r := range rows {
		k := len(top)
		switch {
		case r.group == -2:
			k = len(top) + 1
		case r.group >= 0:
			k = index[r.group]
		}
		sections[k].rows = append(sections[k].rows, r)
	}
	for _, sec := range sections {
		if len(sec.rows) == 0 {
			continue
		}
		fmt.Fprintf(bw, "\n## %s\n\n", mdText(sec.heading))
		bw.WriteString("| Control | Title | Applicability | Reasons or justification | Status | Owner | Evidence |\n")
		bw.WriteString("|---|---|---|---|---|---|---|\n")
		for _, r := range sec.rows {
			cells := [7]string{string(r.id), r.title, "(no entry)", "", "", "", ""}
			if e := r.entry; e != nil {
				cells[2] = string(e.Applicability)
				if cells[2] == "" {
					cells[2] = "(undecided)"
				}
				if e.Applicability == Inherited && e.Provider != "" {
					cells[2] += " (" + e.Provider + ")"
				}
				cells[3] = inclusionText(e) + exclusionText(e)
				if len(e.Risks) > 0 {
					cells[3] += " (risks: " + joinRefsSep(e.Risks, ", ") + ")"
				}
				cells[4] = string(e.Status)
				if d := dateText(e.PlannedDate); d != "" {
					cells[4] += " (due " + d + ")"
				}
				cells[5] = e.Owner
				cells[6] = joinRefsSep(e.Evidence, ", ")
			}
			bw.WriteString("|")
			for _, c := range cells {
				bw.WriteString(" " + mdCell(c) + " |")
			}
			bw.WriteString("\n")
		}
	}
	if err := bw.Flush(); err != nil {
		return wrap("write markdown", err)
	}
	return nil
}

// mdText escapes text for a Markdown line: HTML, table bars and the
// characters of inline markup (backslash, backtick, asterisk, underscore,
// tilde, brackets) are
// escaped, line breaks and tabs become spaces, unprintable runes become
// U+FFFD.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '~', '[', ']', '|':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			if strconv.IsPrint(r) {
				b.WriteRune(r)
			} else {
				b.WriteRune('\uFFFD')
			}
		}
	}
	return b.String()
}

// mdCell escapes text for a table cell; an empty cell stays empty.
func mdCell(s string) string { return mdText(s) }
