package controls_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// csvCellSoA returns an SoA over demoCatalog whose C.1 entry carries cell
// as its owner, provider and notes (columns 6, 9 and 11).
func csvCellSoA(cell string) *controls.SoA {
	return &controls.SoA{CatalogID: "demo", Entries: []controls.Entry{{
		ControlID: "C.1", Applicability: controls.Inherited, Owner: cell, Provider: cell, Notes: cell,
	}}}
}

// readCSVCells writes s as CSV and reads it back with encoding/csv,
// returning the owner, provider and notes cells of the first data row.
func readCSVCells(t testing.TB, s *controls.SoA, opts *controls.CSVOptions) (raw string, cells [3]string) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, controls.WriteCSV(&buf, s, nil, opts))
	raw = buf.String()
	rows, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	require.NoError(t, err, "%q", raw)
	require.Len(t, rows, 2, "%q", raw)
	return raw, [3]string{rows[1][6], rows[1][9], rows[1][11]}
}

// guarded is the documented formula guard of CSVOptions, written from its
// documentation: a cell whose first character is a tab, CR or LF, or whose
// first character other than space, tab, CR and LF is = + - @ or a
// full-width form, gets a leading quote.
func guarded(cell string) string {
	if cell == "" {
		return cell
	}
	if strings.IndexByte("\t\r\n", cell[0]) >= 0 {
		return "'" + cell
	}
	rest := strings.TrimLeft(cell, " \t\r\n")
	for _, p := range []string{"=", "+", "-", "@", "＝", "＋", "－", "＠"} {
		if strings.HasPrefix(rest, p) {
			return "'" + cell
		}
	}
	return cell
}

// TestWriteCSVCellsRoundTrip writes cells that encoding/csv's own writer
// (with UseCRLF) does not carry and reads every one back byte for byte.
// Expected values are worked out by hand from the documented guard.
func TestWriteCSVCellsRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		cell, guarded string
	}{
		{"\r=1+1", "'\r=1+1"}, // the reported case: a lone CR used to vanish
		{"a\rb", "a\rb"},
		{"\r", "'\r"},
		{"\r\n", "'\r\n"},
		{"x\r\r\ny", "x\r\r\ny"},
		{"line1\nline2", "line1\nline2"},
		{"line1\r\nline2", "line1\r\nline2"},
		{"\n@SUM(A1)", "'\n@SUM(A1)"},
		{" =1+1", "' =1+1"},
		{"\t-1", "'\t-1"},
		{"-1+1", "'-1+1"},
		{"＝1+1", "'＝1+1"},
		{"＋1", "'＋1"},
		{"－1", "'－1"},
		{"＠x", "'＠x"},
		{"a=b", "a=b"},
		{`say "hi", then go`, `say "hi", then go`},
		{" leading space", " leading space"},
		{`\.`, `\.`},
		{"trailing CR\r", "trailing CR\r"},
		{"\xff\xfe not UTF-8", "\xff\xfe not UTF-8"},
		{"", ""},
	} {
		t.Run(tc.cell, func(t *testing.T) {
			_, kept := readCSVCells(t, csvCellSoA(tc.cell), &controls.CSVOptions{KeepFormulas: true})
			assert.Equal(t, [3]string{tc.cell, tc.cell, tc.cell}, kept, "KeepFormulas: byte-equal")
			_, got := readCSVCells(t, csvCellSoA(tc.cell), nil)
			assert.Equal(t, [3]string{tc.guarded, tc.guarded, tc.guarded}, got, "default: the guard's quote only")
			assert.Equal(t, tc.guarded, guarded(tc.cell), "the test's reading of the guard")
		})
	}
}

// The exact bytes of a cell with a lone CR and one with CRLF: quoted, the
// lone CR kept, the LF written as CRLF after the cell's own CR.
func TestWriteCSVCRBytes(t *testing.T) {
	raw, _ := readCSVCells(t, csvCellSoA("\r=1+1"), &controls.CSVOptions{KeepFormulas: true})
	assert.Contains(t, raw, "C.1,,inherited,,,,\"\r=1+1\",,,\"\r=1+1\",,\"\r=1+1\"\r\n")
	raw, _ = readCSVCells(t, csvCellSoA("a\r\nb"), &controls.CSVOptions{KeepFormulas: true})
	assert.Contains(t, raw, "\"a\r\r\nb\"")
}

// FuzzWriteCSVCell: any cell string reads back from WriteCSV through
// encoding/csv byte-equal with KeepFormulas, and equal to the documented
// guard of it without.
func FuzzWriteCSVCell(f *testing.F) {
	for _, s := range []string{"\r=1+1", "a\r\nb", "\n", "\"", ",", " x", "\t", "＝", "\xff", `\.`, "\r\r\n\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		_, kept := readCSVCells(t, csvCellSoA(cell), &controls.CSVOptions{KeepFormulas: true})
		require.Equal(t, [3]string{cell, cell, cell}, kept)
		_, got := readCSVCells(t, csvCellSoA(cell), nil)
		g := guarded(cell)
		require.Equal(t, [3]string{g, g, g}, got)
	})
}

// FuzzWriteSoA: an SoA built from arbitrary parts that Validate accepts is
// written by WriteSoA and read back by ReadSoA equal. The parts are already
// in the form storage keeps (times in UTC at microseconds, empty lists nil).
func FuzzWriteSoA(f *testing.F) {
	f.Add("soa-1", "Title", "CISO", "notes\r\n", "risk", "R-1", []byte{0, 1}, int64(1767225600000000), uint8(0), uint8(0))
	f.Add("a b", "\xff", "", "", "", "", []byte{}, int64(0), uint8(1), uint8(4))
	f.Add("x", "", "o", "n", "ris k", "R", []byte{2, 2}, int64(-62135596800000000), uint8(2), uint8(2))
	f.Add("x", "t", "o", "n", "k", "id", []byte{9}, int64(253402300800000000), uint8(0), uint8(3))
	f.Fuzz(func(t *testing.T, id, title, owner, notes, kind, refID string, reasons []byte, micros int64, app, status uint8) {
		apps := append(controls.ApplicabilityValues(), "")
		statuses := append(controls.ImplementationStatusValues(), "")
		e := controls.Entry{
			ControlID:     "C.1",
			Applicability: apps[int(app)%len(apps)],
			Status:        statuses[int(status)%len(statuses)],
			Owner:         owner,
			Notes:         notes,
			Justification: title,
			Provider:      owner,
		}
		all := controls.InclusionReasonValues()
		for _, b := range reasons {
			e.InclusionReasons = append(e.InclusionReasons, all[int(b)%(len(all)+1)%len(all)])
		}
		if kind != "" || refID != "" {
			e.Risks = []isms.Ref{{Kind: kind, ID: isms.ID(refID)}}
			e.Evidence = []isms.Ref{{Kind: kind, ID: isms.ID(refID + "-e")}}
		}
		tm := time.UnixMicro(micros).UTC()
		e.PlannedDate = tm
		s := &controls.SoA{
			Meta:       isms.Meta{ID: isms.ID(id), Revision: micros, CreatedAt: tm},
			Title:      title,
			Scope:      notes,
			CatalogID:  "demo",
			Version:    owner,
			ApprovedBy: owner,
			ApprovedAt: tm,
			Entries:    []controls.Entry{e, {ControlID: "C.2"}},
		}
		if s.Validate() != nil {
			var buf bytes.Buffer
			require.ErrorIs(t, controls.WriteSoA(&buf, s), isms.ErrInvalid, "an invalid SoA is not written")
			require.Zero(t, buf.Len())
			return
		}
		var buf bytes.Buffer
		require.NoError(t, controls.WriteSoA(&buf, s))
		back, err := controls.ReadSoA(&buf)
		require.NoError(t, err, "what Validate accepts reads back: %s", buf.String())
		require.Equal(t, s, back)
	})
}

func TestSoAValidateRoundTripRules(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*controls.SoA)
		field  string
	}{
		{"title not UTF-8", func(s *controls.SoA) { s.Title = "\xff" }, "title"},
		{"owner not UTF-8", func(s *controls.SoA) { s.Entries[0].Owner = "a\xc3" }, "entries[0].owner"},
		{"notes not UTF-8", func(s *controls.SoA) { s.Entries[1].Notes = "\x80" }, "entries[1].notes"},
		{"ref kind not UTF-8", func(s *controls.SoA) { s.Entries[0].Risks = []isms.Ref{{Kind: "r\xff", ID: "R-1"}} }, "entries[0].risks[0].kind"},
		{"approval in year 10000", func(s *controls.SoA) { s.ApprovedAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "approved_at"},
		{"created in year 0", func(s *controls.SoA) { s.CreatedAt = time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC) }, "created_at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := validSoA()
			tc.change(s)
			err := s.Validate()
			require.ErrorIs(t, err, isms.ErrInvalid)
			var ve *isms.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "soa soa-1", ve.Subject)
			var fields []string
			for _, p := range ve.Problems {
				fields = append(fields, p.Field)
			}
			assert.Contains(t, fields, tc.field)
			assert.ErrorIs(t, controls.WriteSoA(&bytes.Buffer{}, s), isms.ErrInvalid, "not written")
		})
	}
	// A time with an offset and nanoseconds is valid; it is written in UTC
	// at microseconds, as storage keeps it.
	s := validSoA()
	s.ApprovedAt = time.Date(2026, 1, 15, 12, 0, 0, 123456789, time.FixedZone("CET", 3600))
	var buf bytes.Buffer
	require.NoError(t, controls.WriteSoA(&buf, s))
	assert.Contains(t, buf.String(), `"approved_at": "2026-01-15T11:00:00.123456Z"`)
	assert.Equal(t, time.Date(2026, 1, 15, 12, 0, 0, 123456789, time.FixedZone("CET", 3600)), s.ApprovedAt, "the caller's SoA is unchanged")
}

// Errors carry the package prefix and the operation once, and the entity
// once.
func TestErrorsWrappedOnce(t *testing.T) {
	_, err := controls.ReadSoA(strings.NewReader(`{"id":"soa-1","catalog_id":"demo","entries":[{"control_id":"C.1"},{"control_id":"C.1"}]}`))
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Equal(t, "controls: read soa: soa soa-1: invalid: entries[1].control_id: control C.1 already has entries[0] (duplicate)", err.Error())

	_, err = controls.ReadSoA(strings.NewReader(`{"catalog_id":"demo","colour":"red"}`))
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.True(t, strings.HasPrefix(err.Error(), "controls: read soa: "), err.Error())
	assert.Equal(t, 1, strings.Count(err.Error(), "controls:"), err.Error())
	assert.Contains(t, err.Error(), `unknown field "colour"`)

	_, err = controls.ReadCatalog(strings.NewReader(`{"id":"x","controls":[]}`))
	assert.Equal(t, "controls: read catalog: catalog x: invalid: title: title is required (required)", err.Error())

	err = (&controls.SoA{Meta: isms.Meta{ID: "s"}}).Validate()
	assert.Equal(t, "soa s: invalid: catalog_id: catalog_id is required (required)", err.Error())

	_, err = controls.InferCoverage(&controls.Mapping{ID: "m"}, nil, nil)
	assert.True(t, strings.HasPrefix(err.Error(), "controls: infer coverage: mapping m: invalid: "), err.Error())
	assert.Equal(t, 1, strings.Count(err.Error(), "controls:"))

	_, err = controls.Suggest(controls.Profile{Facts: map[controls.ProfileFact]bool{"owns_boats": true}}, controls.ISO27001_2022(), nil)
	assert.Equal(t, `controls: suggest: invalid: profile.facts: unknown value "owns_boats" (unknown_value)`, err.Error())

	_, err = controls.ISO27001_2022().WithAttributes(map[isms.ID]controls.Attributes{"A.5.1": {ControlTypes: []controls.ControlType{"x"}}})
	assert.Equal(t, `controls: with attributes: catalog iso27001-2022: invalid: controls[0].attributes.control_types[0]: unknown value "x" (unknown_value)`, err.Error())
}

// Decoders refuse documents beyond the kernel's limits.
func TestDecodersRefuseBeyondLimits(t *testing.T) {
	deep := strings.Repeat("[", isms.MaxDocumentDepth+1) + strings.Repeat("]", isms.MaxDocumentDepth+1)
	big := `{"catalog_id":"demo","notes":"` + strings.Repeat("x", isms.MaxDocumentSize) + `"}`
	for name, read := range map[string]func(string) error{
		"ReadSoA":     func(s string) error { _, err := controls.ReadSoA(strings.NewReader(s)); return err },
		"ReadCatalog": func(s string) error { _, err := controls.ReadCatalog(strings.NewReader(s)); return err },
		"ReadMapping": func(s string) error { _, err := controls.ReadMapping(strings.NewReader(s)); return err },
		"UnmarshalJSON catalog": func(s string) error {
			return json.Unmarshal([]byte(`{"x":`+s+`}`), &struct{ X *controls.Catalog }{})
		},
	} {
		t.Run(name, func(t *testing.T) {
			err := read(`{"scope_ref":` + deep + `}`)
			require.ErrorIs(t, err, isms.ErrInvalid)
			assert.Contains(t, err.Error(), "nesting deeper than 64")
			if name != "UnmarshalJSON catalog" {
				err = read(big)
				require.ErrorIs(t, err, isms.ErrInvalid)
				assert.Contains(t, err.Error(), "more than the 33554432 allowed")
			}
		})
	}
}

// An explicit empty enum value is refused; leaving the field out (what
// WriteSoA does) is how an empty value is written.
func TestEmptyEnumValues(t *testing.T) {
	_, err := controls.ReadSoA(strings.NewReader(`{"catalog_id":"demo","entries":[{"control_id":"C.1","applicability":""}]}`))
	require.ErrorIs(t, err, isms.ErrInvalid)
	s, err := controls.ReadSoA(strings.NewReader(`{"catalog_id":"demo","entries":[{"control_id":"C.1"}]}`))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, controls.WriteSoA(&buf, s))
	assert.NotContains(t, buf.String(), `"applicability"`)
}

func TestMappingTimesAndTextRoundTrip(t *testing.T) {
	m := demoMapping()
	m.Provenance.Date = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	err := m.Validate()
	require.ErrorIs(t, err, isms.ErrInvalid)
	requireProblem(t, err, "provenance.date", isms.CodeOutOfRange)
	assert.ErrorIs(t, controls.WriteMapping(&bytes.Buffer{}, m), isms.ErrInvalid)

	m = demoMapping()
	m.Pairs[0].Notes = "\xff"
	requireProblem(t, m.Validate(), "pairs[0].notes", isms.CodeMalformed)

	m = demoMapping()
	m.Provenance.Date = time.Date(2025, 1, 2, 3, 4, 5, 6789, time.FixedZone("X", -3600))
	var buf bytes.Buffer
	require.NoError(t, controls.WriteMapping(&buf, m))
	back, err := controls.ReadMapping(&buf)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 1, 2, 4, 4, 5, 6000, time.UTC), back.Provenance.Date)
}

func TestCatalogTextMustBeUTF8(t *testing.T) {
	_, err := controls.NewCatalog(controls.CatalogInfo{ID: "x", Title: "X", Publisher: "\xff"}, nil,
		[]controls.Control{{ID: "c", Title: "t\xfe", Props: map[string]string{"k": "\x80"}}})
	requireProblem(t, err, "publisher", isms.CodeMalformed)
	requireProblem(t, err, "controls[0].title", isms.CodeMalformed)
	requireProblem(t, err, "controls[0].props.k", isms.CodeMalformed)
}

// Every exported struct that is marshalled has explicit snake_case json
// tags (or is embedded, and so flattened).
func TestJSONTagsAreSnakeCase(t *testing.T) {
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	for _, v := range []any{
		controls.CatalogInfo{}, controls.Group{}, controls.Control{}, controls.Attributes{}, controls.Entry{},
		controls.SoA{}, controls.Selection{}, controls.SoACheckOptions{}, controls.Condition{}, controls.Profile{},
		controls.SuggestionRule{}, controls.Suggestion{}, controls.SuggestOptions{}, controls.Provenance{},
		controls.Pair{}, controls.Mapping{}, controls.CoverageReason{}, controls.Coverage{}, controls.CoverageReport{},
		controls.CoverageOptions{}, controls.CSVOptions{}, controls.Counts{}, controls.GroupCounts{},
		controls.Summary{}, controls.FieldChange{}, controls.EntryChange{}, controls.SoADiff{},
	} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			fl := typ.Field(i)
			if !fl.IsExported() || (fl.Anonymous && fl.Tag.Get("json") == "") {
				continue
			}
			name, _, _ := strings.Cut(fl.Tag.Get("json"), ",")
			assert.Regexp(t, snake, name, "%s.%s", typ.Name(), fl.Name)
		}
	}
}

// ControlsInGroup and TopGroupOf under nesting as deep as the number of
// groups: a chain G0 <- G1 <- ... <- G(n-1), one control in each group.
func TestControlsInGroupDeepNesting(t *testing.T) {
	const n = 2000
	groups := make([]controls.Group, n)
	ctls := make([]controls.Control, n)
	for i := range n {
		groups[i] = controls.Group{ID: isms.ID("G" + itoa(i)), Title: "g"}
		if i > 0 {
			groups[i].Parent = groups[i-1].ID
		}
		ctls[i] = controls.Control{ID: isms.ID("C" + itoa(i)), Title: "c", Group: groups[i].ID}
	}
	cat, err := controls.NewCatalog(smallInfo(), groups, ctls)
	require.NoError(t, err)
	assert.Len(t, cat.ControlsInGroup("G0"), n, "the root holds every control")
	got := cat.ControlsInGroup(isms.ID("G" + itoa(n-3)))
	require.Len(t, got, 3, "the group three from the bottom holds its own and two below")
	assert.Equal(t, isms.ID("C"+itoa(n-3)), got[0].ID)
	top, ok := cat.TopGroupOf(isms.ID("C" + itoa(n-1)))
	require.True(t, ok)
	assert.Equal(t, isms.ID("G0"), top.ID)
	// A sibling branch is not a descendant.
	cat, err = controls.NewCatalog(smallInfo(),
		[]controls.Group{{ID: "A", Title: "a"}, {ID: "B", Title: "b"}, {ID: "A.1", Title: "a1", Parent: "A"}, {ID: "B.1", Title: "b1", Parent: "B"}},
		[]controls.Control{{ID: "x", Title: "x", Group: "B.1"}, {ID: "y", Title: "y", Group: "A.1"}, {ID: "z", Title: "z", Group: "B"}})
	require.NoError(t, err)
	var ids []isms.ID
	for _, c := range cat.ControlsInGroup("B") {
		ids = append(ids, c.ID)
	}
	assert.Equal(t, []isms.ID{"x", "z"}, ids)
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestSuggestLimits(t *testing.T) {
	rule := func(i int, app controls.Applicability) controls.SuggestionRule {
		r := controls.SuggestionRule{ID: "r" + itoa(i), When: []controls.Condition{{Fact: controls.FactUsesCloudServices, Value: true}},
			Controls: []isms.ID{"A.5.23"}, Applicability: app, Rationale: "r"}
		if app == controls.NotApplicable {
			r.ExclusionReason = controls.ExcludedOutsideScope
		}
		return r
	}
	var p controls.Profile
	p.Set(controls.FactUsesCloudServices, true)
	rules := make([]controls.SuggestionRule, controls.MaxSuggestionRules+1)
	for i := range rules {
		rules[i] = rule(i, controls.Applicable)
	}
	_, err := controls.Suggest(p, controls.ISO27001_2022(), &controls.SuggestOptions{SuggestionRules: rules})
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), "more than the 1000 allowed")

	// Three rules on one control, two including and one excluding: each
	// includer conflicts with the excluder only, the excluder with both.
	rules = []controls.SuggestionRule{rule(0, controls.Applicable), rule(1, controls.NotApplicable), rule(2, controls.Applicable)}
	sg, err := controls.Suggest(p, controls.ISO27001_2022(), &controls.SuggestOptions{SuggestionRules: rules})
	require.NoError(t, err)
	require.Len(t, sg, 3)
	assert.Equal(t, []string{"r1"}, sg[0].Conflicts)
	assert.Equal(t, []string{"r0", "r2"}, sg[1].Conflicts)
	assert.Equal(t, []string{"r1"}, sg[2].Conflicts)
}

func TestProfileSetOnNil(t *testing.T) {
	var p *controls.Profile
	q := p.Set(controls.FactDevelopsSoftware, true)
	require.NotNil(t, q)
	assert.True(t, q.Facts[controls.FactDevelopsSoftware])
	assert.True(t, utf8.ValidString(string(controls.FactDevelopsSoftware)))
}
