package csvout_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ismskit/ismskit/internal/csvout"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The bytes are written out by hand from RFC 4180: CRLF after each record,
// quotes around a field with a comma, a quote (doubled), a CR or an LF, or a
// leading space, and an LF inside quotes written as CRLF.
func TestWriteQuoting(t *testing.T) {
	var b bytes.Buffer
	w := csvout.NewWriter(&b, true)
	w.Write([]string{"a", "b,c", `say "hi"`, "two\nlines", "lone\rcr", " lead", `\.`, ""})
	require.NoError(t, w.Flush())
	assert.Equal(t, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"lone\rcr\",\" lead\",\"\\.\",\r\n", b.String())
}

// Every field reads back byte for byte with encoding/csv's Reader.
func TestWriteReadsBack(t *testing.T) {
	row := []string{"plain", "x,y", `"`, "a\nb", "a\r\nb", "a\rb", "\t tab", "ünïcode", `\.`, ""}
	var b bytes.Buffer
	w := csvout.NewWriter(&b, true)
	w.Write(row)
	w.Write(row)
	require.NoError(t, w.Flush())
	r := csv.NewReader(&b)
	r.FieldsPerRecord = len(row)
	recs, err := r.ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.Equal(t, row, recs[0])
	assert.Equal(t, row, recs[1])
}

// The formula guard, cell by cell (OWASP's CSV injection list plus the
// full-width forms), and the row passed in is left as it was.
func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":      "'=1+1",
		"+1":        "'+1",
		"-1":        "'-1",
		"@SUM(A1)":  "'@SUM(A1)",
		"\t=1":      "'\t=1",
		"\r=1":      "'\r=1",
		"\nx":       "'\nx",
		"  =1":      "'  =1",
		"＝1":        "'＝1",
		"＋1":        "'＋1",
		"－1":        "'－1",
		"＠x":        "'＠x",
		"":          "",
		"safe":      "safe",
		"a=b":       "a=b",
		" x":        " x",
		"'=already": "'=already",
	} {
		assert.Equal(t, want, csvout.Defuse(in), "%q", in)
	}
	row := []string{"=1"}
	var b bytes.Buffer
	w := csvout.NewWriter(&b, false)
	w.Write(row)
	require.NoError(t, w.Flush())
	assert.Equal(t, "'=1\r\n", b.String())
	assert.Equal(t, []string{"=1"}, row)
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// Flush reports the underlying writer's error.
func TestFlushReportsError(t *testing.T) {
	w := csvout.NewWriter(failWriter{}, false)
	w.Write([]string{"a"})
	assert.EqualError(t, w.Flush(), "disk full")
}

func ExampleWriter() {
	var b bytes.Buffer
	w := csvout.NewWriter(&b, false)
	w.Write([]string{"control", "note"})
	w.Write([]string{"A.5.1", "=HYPERLINK(\"x\")"})
	if err := w.Flush(); err != nil {
		fmt.Println(err)
	}
	// records end in CRLF; shown here one per line
	fmt.Print(strings.ReplaceAll(b.String(), "\r\n", "\n"))
	// Output:
	// control,note
	// A.5.1,"'=HYPERLINK(""x"")"
}
