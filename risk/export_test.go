package risk_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// hostile is text that breaks naive exports: formulas, quotes, commas,
// lone CR and LF, CRLF, table bars, Markdown markup, HTML, entities,
// backslashes, leading and trailing spaces, tabs, control characters and
// non-ASCII text.
var hostile = []string{
	`=HYPERLINK("http://evil","x")`,
	"+1 555, -2",
	"@SUM(A1:A2)",
	"a\rb",
	"a\nb",
	"a\r\nb",
	"\nstarts with LF",
	"|pipe| and \\|escaped\\|",
	"_under_ *star* ~~strike~~ `code` [link](x) ![img](y) # not a heading",
	"<script>alert(1)</script> &amp; &#32; <br>",
	"  padded  ",
	"tab\there\x01ctl",
	"Ｒisk ＝ 日本語 — ü",
	`\.`,
}

func exportRisks() []*risk.Risk {
	m := risk.Preset5x5()
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	a := func(l, i string) *risk.Assessment {
		x, _ := m.Assess(risk.Rating{Likelihood: l, Impact: i}, "", "ann", at)
		return x
	}
	var rs []*risk.Risk
	for i, h := range hostile {
		rs = append(rs, &risk.Risk{
			Meta:  isms.Meta{ID: isms.ID("R-" + strconv.Itoa(i+1))},
			Title: h, Owner: h, Status: risk.StatusOpen, Category: h, Threat: h, Vulnerability: h,
			Assets: []isms.Ref{isms.NewRef(isms.KindAsset, "db")},
		})
	}
	treated := &risk.Risk{
		Meta: isms.Meta{ID: "R-T"}, Title: "Ransomware", Owner: "olivia", Status: risk.StatusAccepted,
		Inherent: a("almost_certain", "major"), Current: a("likely", "major"), Residual: a("possible", "moderate"),
		Treatment: &risk.Treatment{
			Option:   risk.OptionModify,
			Controls: []isms.Ref{isms.ControlRef("A.8.13"), isms.NewRef("policy", "P-1")},
			Actions: []risk.Action{
				{ID: "act-1", Title: hostile[0], Owner: hostile[3], Due: at.AddDate(0, 1, 0), Status: risk.ActionDone, CompletedAt: at.AddDate(0, 0, 20)},
				{ID: "act-2", Title: "Segment | VLANs", Owner: "it-ops", Due: at.AddDate(0, 2, 0), Status: risk.ActionInProgress},
				{ID: "act-3", Title: "Dropped", Status: risk.ActionCancelled},
			},
		},
		Acceptances: []risk.Acceptance{{ID: "acc-1", Status: risk.AcceptanceAccepted, ExpiresAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}},
	}
	avoided := &risk.Risk{
		Meta: isms.Meta{ID: "R-V"}, Title: "Legacy FTP", Owner: "cio", Status: risk.StatusOpen,
		Treatment:   &risk.Treatment{Option: risk.OptionAvoid},
		Acceptances: []risk.Acceptance{{ID: "acc-1", Status: risk.AcceptanceSubmitted}},
	}
	return append(rs, nil, treated, avoided, &risk.Risk{Meta: isms.Meta{ID: "R-N"}, Title: "untreated", Status: risk.StatusOpen})
}

// wantRegister is the register, cell by cell, written out from the input
// above (not computed by the exporter). The 5x5 preset: almost_certain 5
// × major 4 = 20 very_high; likely 4 × major 4 = 16 high; possible 3 ×
// moderate 3 = 9 medium. Progress 1/2: act-1 done, act-2 open, act-3
// cancelled and not counted.
func wantRegister() [][]string {
	rows := [][]string{risk.RegisterColumns()}
	for i, h := range hostile {
		rows = append(rows, []string{"R-" + strconv.Itoa(i+1), h, h, "open", h, "asset/db", h, h, "", "", "", "", "", "", "", "", ""})
	}
	return append(rows,
		[]string{"R-T", "Ransomware", "olivia", "accepted", "", "", "", "", "very_high", "high", "medium", "modify", "A.8.13; policy/P-1", "1/2", "in_progress", "accepted", "2026-03-01"},
		[]string{"R-V", "Legacy FTP", "cio", "open", "", "", "", "", "", "", "", "avoid", "", "0/0", "empty", "submitted", ""},
		[]string{"R-N", "untreated", "", "open", "", "", "", "", "", "", "", "", "", "", "", "", ""},
	)
}

func wantPlan() [][]string {
	head := []string{"R-T", "Ransomware", "olivia", "modify", "A.8.13; policy/P-1"}
	tail := []string{"1/2", "medium", "accepted", "2026-03-01"}
	row := func(cells ...string) []string {
		return append(append(append([]string(nil), head...), cells...), tail...)
	}
	return [][]string{
		risk.TreatmentPlanColumns(),
		row("act-1", hostile[0], hostile[3], "2025-04-01", "done", "2025-03-21"),
		row("act-2", "Segment | VLANs", "it-ops", "2025-05-01", "in_progress", ""),
		row("act-3", "Dropped", "", "", "cancelled", ""),
		{"R-V", "Legacy FTP", "cio", "avoid", "", "", "", "", "", "", "", "0/0", "", "submitted", ""},
	}
}

// guarded is what the formula guard makes of a cell: a quote before a
// cell starting with a tab, CR or LF, or whose first character after
// spaces, tabs, CRs and LFs is = + - @ (or their full-width forms).
func guarded(s string) string {
	if s == "" {
		return s
	}
	if strings.ContainsRune("\t\r\n", rune(s[0])) {
		return "'" + s
	}
	t := strings.TrimLeft(s, " \t\r\n")
	for _, p := range []string{"=", "+", "-", "@", "＝", "＋", "－", "＠"} {
		if strings.HasPrefix(t, p) {
			return "'" + s
		}
	}
	return s
}

func guardAll(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, c := range r {
			if i == 0 {
				out[i][j] = c
			} else {
				out[i][j] = guarded(c)
			}
		}
	}
	return out
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	rows, err := r.ReadAll()
	require.NoError(t, err)
	return rows
}

func TestExportCSVRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		write func(*bytes.Buffer, *risk.ExportOptions) error
		want  [][]string
	}{
		{"register", func(b *bytes.Buffer, o *risk.ExportOptions) error { return risk.WriteRegisterCSV(b, exportRisks(), o) }, wantRegister()},
		{"treatment plan", func(b *bytes.Buffer, o *risk.ExportOptions) error {
			return risk.WriteTreatmentPlanCSV(b, exportRisks(), o)
		}, wantPlan()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var raw bytes.Buffer
			require.NoError(t, tc.write(&raw, &risk.ExportOptions{KeepFormulas: true}))
			assert.Equal(t, tc.want, readCSV(t, raw.Bytes()), "every byte of every cell")

			var safe bytes.Buffer
			require.NoError(t, tc.write(&safe, nil))
			got := readCSV(t, safe.Bytes())
			assert.Equal(t, guardAll(tc.want), got, "formulas defused")
			assert.True(t, bytes.HasSuffix(safe.Bytes(), []byte("\r\n")))
		})
	}
	assert.Equal(t, "'=HYPERLINK(\"http://evil\",\"x\")", guarded(hostile[0]))
	assert.Equal(t, "'\nstarts with LF", guarded(hostile[6]))
}

// parseMarkdownTable reads the first GitHub-flavoured Markdown table of a
// document back into cells, independently of the writer: rows split on
// unescaped bars, each cell trimmed, then backslash escapes, <br> and
// character references (&amp; &lt; &gt; &#N; &#xN;) decoded.
func parseMarkdownTable(t *testing.T, doc string) [][]string {
	t.Helper()
	var rows [][]string
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		if strings.HasPrefix(line, "|---") {
			continue
		}
		var cells []string
		var cur strings.Builder
		for i := 1; i < len(line); i++ {
			switch c := line[i]; c {
			case '\\':
				cur.WriteByte(c)
				i++
				cur.WriteByte(line[i])
			case '|':
				cells = append(cells, decodeCell(t, strings.TrimSpace(cur.String())))
				cur.Reset()
			default:
				cur.WriteByte(c)
			}
		}
		require.Empty(t, strings.TrimSpace(cur.String()), "a row ends with a bar: %q", line)
		rows = append(rows, cells)
	}
	return rows
}

func decodeCell(t *testing.T, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
			b.WriteByte(s[i])
		case strings.HasPrefix(s[i:], "<br>"):
			b.WriteByte('\n')
			i += len("<br>") - 1
		case s[i] == '<' || s[i] == '>':
			t.Fatalf("raw HTML in cell %q", s)
		case s[i] == '&':
			end := strings.IndexByte(s[i:], ';')
			require.Positive(t, end, "entity in %q", s)
			ent := s[i+1 : i+end]
			switch {
			case ent == "amp":
				b.WriteByte('&')
			case ent == "lt":
				b.WriteByte('<')
			case ent == "gt":
				b.WriteByte('>')
			case strings.HasPrefix(ent, "#x"):
				n, err := strconv.ParseInt(ent[2:], 16, 32)
				require.NoError(t, err)
				b.WriteRune(rune(n))
			case strings.HasPrefix(ent, "#"):
				n, err := strconv.ParseInt(ent[1:], 10, 32)
				require.NoError(t, err)
				b.WriteRune(rune(n))
			default:
				t.Fatalf("unknown entity %q", ent)
			}
			i += end
		case strings.ContainsRune("`*_~[]!#", rune(s[i])):
			t.Fatalf("unescaped markup %q in cell %q", s[i], s)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func TestExportMarkdownRoundTrip(t *testing.T) {
	var reg, plan bytes.Buffer
	require.NoError(t, risk.WriteRegisterMarkdown(&reg, exportRisks()))
	require.NoError(t, risk.WriteTreatmentPlanMarkdown(&plan, exportRisks()))
	assert.True(t, strings.HasPrefix(reg.String(), "# Risk register\n\n| risk\\_id | title |"))
	assert.True(t, strings.HasPrefix(plan.String(), "# Risk treatment plan\n\n| risk\\_id | risk |"))
	assert.Equal(t, wantRegister(), parseMarkdownTable(t, reg.String()), "cell for cell, hostile text included")
	assert.Equal(t, wantPlan(), parseMarkdownTable(t, plan.String()))
	for _, line := range strings.Split(strings.TrimSuffix(reg.String(), "\n"), "\n")[2:] {
		assert.Equal(t, len(risk.RegisterColumns())+1, strings.Count(line, "|")-strings.Count(line, `\|`), "one table row per line: %q", line)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestExportErrors(t *testing.T) {
	for name, err := range map[string]error{
		"register csv": risk.WriteRegisterCSV(nil, nil, nil),
		"plan csv":     risk.WriteTreatmentPlanCSV(nil, nil, nil),
		"register md":  risk.WriteRegisterMarkdown(nil, nil),
		"plan md":      risk.WriteTreatmentPlanMarkdown(nil, nil),
	} {
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
	err := risk.WriteRegisterCSV(failWriter{}, exportRisks(), nil)
	assert.EqualError(t, err, "risk: write register csv: disk full")
	var empty bytes.Buffer
	require.NoError(t, risk.WriteTreatmentPlanCSV(&empty, nil, nil))
	assert.Equal(t, [][]string{risk.TreatmentPlanColumns()}, readCSV(t, empty.Bytes()))
}
