package audit

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/ismskit/ismskit/isms"
)

// WriteMarkdown writes r as the readiness report an organisation hands
// its consultant: the two verdicts with their reasons, a table of every
// clause and of every included control with its state and the number of
// findings behind it, then those findings by requirement. A nil r writes
// nothing and is an error answering isms.ErrInvalid.
func WriteMarkdown(w io.Writer, r *Report) error {
	if r == nil {
		return isms.Invalidf("audit: write markdown: nil report")
	}
	if w == nil {
		return isms.Invalidf("audit: write markdown: nil writer")
	}
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# ISMS readiness report\n\nAssessed at %s.", stamp(r.At))
	if !r.OperatingSince.IsZero() {
		fmt.Fprintf(b, " Records since %s.", day(r.OperatingSince))
	}
	fmt.Fprintf(b, " Stage 2 needs %s of records.\n\n", r.MinOperation)
	verdict := func(name string, v Verdict) {
		word := "ready"
		if !v.Ready {
			word = "not ready"
		}
		fmt.Fprintf(b, "## %s: %s\n\n", name, word)
		for _, f := range v.Reasons {
			fmt.Fprintf(b, "- `%s` %s\n", f.Code, mdText(f.Message))
		}
		if len(v.Reasons) > 0 {
			b.WriteString("\n")
		}
	}
	verdict("Stage 1 (design documented and complete)", r.Stage1)
	verdict("Stage 2 (operation)", r.Stage2)
	table := func(title string, rows []RequirementStatus, controls bool) {
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(b, "## %s\n\n", title)
		if controls {
			b.WriteString("| Control | Title | State | Implementation | Effectiveness | Findings |\n|---|---|---|---|---|---|\n")
		} else {
			b.WriteString("| Clause | Heading | State | Findings |\n|---|---|---|---|\n")
		}
		for _, s := range rows {
			if controls {
				fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %d |\n", s.Requirement.ID, mdText(s.Title), s.State,
					orDash(string(s.Implementation)), orDash(string(s.Effectiveness)), len(s.Findings))
			} else {
				fmt.Fprintf(b, "| %s | %s | %s | %d |\n", s.Requirement.ID, mdText(s.Title), s.State, len(s.Findings))
			}
		}
		b.WriteString("\n")
	}
	table("Clauses", r.Clauses, false)
	table("Controls", r.Controls, true)
	details := func(rows []RequirementStatus) {
		for _, s := range rows {
			if len(s.Findings) == 0 || strings.Count(string(s.Requirement.ID), ".") == 1 && s.Requirement.Kind == KindClause && hasSub(s.Requirement.ID) {
				continue
			}
			fmt.Fprintf(b, "### %s %s\n\n", s.Requirement.ID, mdText(s.Title))
			for _, f := range s.Findings {
				fmt.Fprintf(b, "- %s `%s` %s", f.Severity, f.Code, mdText(f.Message))
				if !f.Subject.IsZero() {
					fmt.Fprintf(b, " (%s)", f.Subject)
				}
				b.WriteString("\n")
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("## Findings by requirement\n\n")
	details(r.Clauses)
	details(r.Controls)
	return b.Flush()
}

// hasSub reports whether the clause has sub-clauses (whose findings the
// details list under them).
func hasSub(id isms.ID) bool {
	for _, c := range clauseList() {
		if parentClause(c.id) == string(id) {
			return true
		}
	}
	return false
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// mdText keeps text on one line and escapes table separators.
func mdText(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ", "|", "\\|").Replace(s)
}
