package controls_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

func TestWriteCSV(t *testing.T) {
	s := validSoA()
	c4 := s.Entries[3]
	c4.ControlID = "C.9"
	c4.InclusionReasons = append(c4.InclusionReasons, controls.ReasonContractual)
	c4.Justification = "GDPR Art. 32"
	c4.Notes = "line1, with comma"
	s.Entries[3] = c4 // C.4 has no entry now; C.9 is not in the catalog

	var buf bytes.Buffer
	require.NoError(t, controls.WriteCSV(&buf, s, demoCatalog(t), nil))
	assert.Equal(t, strings.ReplaceAll(`control_id,title,applicable,inclusion_reasons,exclusion_justification,implementation_status,owner,evidence,risks,provider,planned_date,notes
C.1,Access control,yes,risk_treatment,,implemented,CISO,evidence/E-1,risk/R-1,,,
C.2,Secure coding,no,,function_not_performed: We do not develop software.,not_applicable,,,,,,
C.3,Hosting,inherited,contractual,,implemented,Ops,evidence/E-2,,CloudCo,,
C.4,Privacy,,,,,,,,,,
C.9,,yes,legal_regulatory; contractual: GDPR Art. 32,,planned,DPO,,,,2026-06-30,"line1, with comma"
`, "\n", "\r\n"), buf.String())

	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	assert.Len(t, rows, 6)
	assert.Equal(t, controls.CSVColumns(), rows[0])
}

func TestWriteCSVDefusesFormulas(t *testing.T) {
	s := validSoA()
	s.Entries = s.Entries[:1]
	s.Entries[0].Owner = "=HYPERLINK(\"http://x\")"
	s.Entries[0].Notes = "-1+1"
	s.Entries[0].Evidence = nil
	s.Entries[0].Risks = nil

	var buf bytes.Buffer
	require.NoError(t, controls.WriteCSV(&buf, s, nil, nil))
	rows, err := csv.NewReader(strings.NewReader(buf.String())).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, `'=HYPERLINK("http://x")`, rows[1][6])
	assert.Equal(t, "'-1+1", rows[1][11])

	buf.Reset()
	require.NoError(t, controls.WriteCSV(&buf, s, nil, &controls.CSVOptions{KeepFormulas: true}))
	rows, err = csv.NewReader(strings.NewReader(buf.String())).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, `=HYPERLINK("http://x")`, rows[1][6])
	assert.Equal(t, "-1+1", rows[1][11])
}

func TestWriteCSVBuiltinCatalogListsEveryControl(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, controls.WriteCSV(&buf, &controls.SoA{CatalogID: controls.CatalogISO27001_2022}, controls.ISO27001_2022(), nil))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 94)
	assert.Equal(t, []string{"A.5.1", "Policies for information security"}, rows[1][:2])
	assert.Equal(t, []string{"A.8.34", "Protection of information systems during audit testing"}, rows[93][:2])
}

func TestWriteMarkdown(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, controls.WriteMarkdown(&buf, validSoA(), demoCatalog(t)))
	assert.Equal(t, `# Demo SoA

| Field | Value |
|---|---|
| Scope | Everything |
| Catalog | Demo catalog (demo), version 1 |
| Version | 1.0 |
| Approved by | Board |
| Approved at | 2026-01-15T10:00:00Z |

## Summary

| Group | Controls | Applicable | Inherited | Not applicable | Undecided | Implemented | Partial | Planned | Alternative | No status | No entry |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| G1 First | 2 | 1 | 0 | 1 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |
| G2 Second | 2 | 1 | 1 | 0 | 0 | 1 | 0 | 1 | 0 | 0 | 0 |
| **Total** | 4 | 2 | 1 | 1 | 0 | 2 | 0 | 1 | 0 | 0 | 0 |

## G1 First

| Control | Title | Applicability | Reasons or justification | Status | Owner | Evidence |
|---|---|---|---|---|---|---|
| C.1 | Access control | applicable | risk\_treatment (risks: risk/R-1) | implemented | CISO | evidence/E-1 |
| C.2 | Secure coding | not\_applicable | function\_not\_performed: We do not develop software. | not\_applicable |  |  |

## G2 Second

| Control | Title | Applicability | Reasons or justification | Status | Owner | Evidence |
|---|---|---|---|---|---|---|
| C.3 | Hosting | inherited (CloudCo) | contractual | implemented | Ops | evidence/E-2 |
| C.4 | Privacy | applicable | legal\_regulatory: GDPR | planned (due 2026-06-30) | DPO |  |
`, buf.String())
}

func TestWriteMarkdownEscapesAndGaps(t *testing.T) {
	s := &controls.SoA{
		Title:     "SoA | <b>bold</b>",
		CatalogID: "demo",
		Entries: []controls.Entry{
			{ControlID: "C.1", Applicability: controls.NotApplicable, ExclusionReason: controls.ExcludedOutsideScope,
				Justification: "a|b\nc *d* [e](f) `g` & h _u_ ~~s~~"},
			{ControlID: "Z.1", Applicability: controls.Applicable},
			{ControlID: "C.3"},
		},
	}
	var buf bytes.Buffer
	require.NoError(t, controls.WriteMarkdown(&buf, s, demoCatalog(t)))
	out := buf.String()
	assert.Contains(t, out, "# SoA \\| &lt;b&gt;bold&lt;/b&gt;\n")
	// Underscores and tildes are escaped too, so "_u_" does not render in
	// italics nor "~~s~~" struck through.
	assert.Contains(t, out, "| C.1 | Access control | not\\_applicable | outside\\_scope: a\\|b c \\*d\\* \\[e\\](f) \\`g\\` &amp; h \\_u\\_ \\~\\~s\\~\\~ |  |  |  |\n")
	assert.Contains(t, out, "| C.2 | Secure coding | (no entry) |  |  |  |  |\n")
	assert.Contains(t, out, "| C.3 | Hosting | (undecided) |  |  |  |  |\n")
	assert.Contains(t, out, "| Approved by | - |\n")
	assert.Contains(t, out, "1 entries name controls that are not in the catalog")
	assert.Contains(t, out, "## Not in the catalog\n\n| Control |")
	assert.Contains(t, out, "| Z.1 |  | applicable |")
	assert.True(t, strings.Index(out, "## G2 Second") < strings.Index(out, "## Not in the catalog"))
}

func TestSummarize(t *testing.T) {
	sum := controls.Summarize(validSoA(), demoCatalog(t))
	assert.Equal(t, isms.ID("demo"), sum.CatalogID)
	assert.Equal(t, controls.Counts{Controls: 4, Applicable: 2, NotApplicable: 1, Inherited: 1, Implemented: 2, Planned: 1}, sum.Total)
	assert.Equal(t, []controls.GroupCounts{
		{Group: "G1", Title: "First", Counts: controls.Counts{Controls: 2, Applicable: 1, NotApplicable: 1, Implemented: 1}},
		{Group: "G2", Title: "Second", Counts: controls.Counts{Controls: 2, Applicable: 1, Inherited: 1, Implemented: 1, Planned: 1}},
	}, sum.Groups)
	assert.Equal(t, 3, sum.Total.Included())
	assert.Equal(t, 2, sum.Total.Done())
	assert.Zero(t, sum.NotInCatalog)

	s := validSoA()
	s.Entries = append(s.Entries[:1], controls.Entry{ControlID: "X", Applicability: controls.Applicable}, controls.Entry{ControlID: "C.2"})
	s.Entries[0].Status = controls.StatusAlternative
	sum = controls.Summarize(s, demoCatalog(t))
	assert.Equal(t, controls.Counts{Controls: 4, NoEntry: 2, Undecided: 1, Applicable: 1, Alternative: 1}, sum.Total)
	assert.Equal(t, 1, sum.NotInCatalog)
}

func TestSummarizeISOThemes(t *testing.T) {
	s := controls.NewSoA(controls.ISO27001_2022())
	for i := range s.Entries {
		s.Entries[i].Applicability = controls.Applicable
	}
	sum := controls.Summarize(s, controls.ISO27001_2022())
	var got []int
	for _, g := range sum.Groups {
		got = append(got, g.Applicable)
	}
	assert.Equal(t, []int{37, 8, 14, 34}, got)
	assert.Equal(t, 93, sum.Total.NoStatus)
}

func TestSummarizeCSFFunctions(t *testing.T) {
	sum := controls.Summarize(&controls.SoA{}, controls.NISTCSF2())
	var got []int
	for _, g := range sum.Groups {
		got = append(got, g.Controls)
	}
	assert.Equal(t, []int{31, 21, 22, 11, 13, 8}, got, "subcategories per CSF function")
	assert.Equal(t, 106, sum.Total.NoEntry)
}

func TestWriteSoAMatchesReadSoA(t *testing.T) {
	s := validSoA()
	s.Entry("C.4").PlannedDate = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	require.NoError(t, controls.WriteSoA(&buf, s))
	back, err := controls.ReadSoA(&buf)
	require.NoError(t, err)
	assert.Empty(t, controls.DiffSoA(s, back).String())
}
