package risk_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/internal/timebound"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// Every validator and decoder of the package is linear in its input. Each
// gets a ~10 MB document of its worst shape (many duplicates, many refs,
// scales far beyond MaxLevels), a benchmark, and a test that fails when
// the document takes more than a second.

const (
	largeDoc     = 10 << 20 // bytes, about
	largeTimeout = time.Second
)

// repeat writes head, then item(i) separated by commas until the buffer
// holds about size bytes, then tail.
func repeat(b *bytes.Buffer, size int, head, tail string, item func(i int) string) {
	b.WriteString(head)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(item(i))
	}
	b.WriteString(tail)
}

// largeMatrix is a matrix document with a likelihood scale of about 60,000
// levels with distinct IDs (the worst shape for a pairwise duplicate
// check), and a grid of about 40,000 rows of 64 cells out of range.
func largeMatrix() []byte {
	var b bytes.Buffer
	b.WriteString(`{"name":"big","version":"1","monotonic":true,"impact":[`)
	for i := range risk.MaxLevels {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"i%d","name":"I"}`, i)
	}
	b.WriteString(`],"risk":[{"id":"r","name":"R"}],`)
	repeat(&b, largeDoc/4, `"likelihood":[`, `],`, func(i int) string { return fmt.Sprintf(`{"id":"l%d","name":"L","color":"#zzz"}`, i) })
	row := "[" + string(bytes.Repeat([]byte("7,"), risk.MaxLevels-1)) + "7]"
	repeat(&b, largeDoc, `"grid":[`, `]}`, func(int) string { return row })
	return b.Bytes()
}

// largeMatrixAtLimit is a matrix of MaxLevels levels per scale, all
// sharing one ID, with a full grid out of range: the most problems a
// matrix within the limits can have.
func largeMatrixAtLimit() *risk.Matrix {
	m := &risk.Matrix{Name: "limit", Version: "1", Monotonic: true}
	for range risk.MaxLevels {
		m.Likelihood = append(m.Likelihood, risk.Level{ID: "dup", Name: "L"})
		m.Impact = append(m.Impact, risk.Level{ID: "dup", Name: "I"})
		m.Risk = append(m.Risk, risk.Level{ID: "dup", Name: "R"})
		m.Grid = append(m.Grid, make([]int, risk.MaxLevels))
	}
	return m
}

// largeRisk is a risk document of about 10 MB of distinct refs (the worst
// shape for a pairwise duplicate check, which must compare every pair):
// assets, existing controls, treatment controls, actions with distinct IDs
// and controls, and acceptances with distinct IDs; the last of each
// repeats the first, so the document is invalid.
func largeRisk() []byte {
	var b bytes.Buffer
	b.WriteString(`{"id":"r1","title":"big","status":"open",`)
	part := largeDoc / 6
	repeat(&b, b.Len()+part, `"assets":[`, `,{"kind":"asset","id":"a0"}],`, func(i int) string { return fmt.Sprintf(`{"kind":"asset","id":"a%d"}`, i) })
	repeat(&b, b.Len()+part, `"existing_controls":[`, `,{"kind":"control","id":"E.0"}],`, func(i int) string { return fmt.Sprintf(`{"kind":"control","id":"E.%d"}`, i) })
	b.WriteString(`"treatment":{"option":"modify",`)
	repeat(&b, b.Len()+part, `"controls":[`, `,{"kind":"control","id":"T.0"}],`, func(i int) string { return fmt.Sprintf(`{"kind":"control","id":"T.%d"}`, i) })
	repeat(&b, b.Len()+2*part, `"actions":[`, `,{"id":"x0","title":"t","status":"planned"}]},`, func(i int) string {
		return fmt.Sprintf(`{"id":"x%d","title":"t","status":"planned","controls":[{"kind":"control","id":"A.%d"},{"kind":"control","id":"B.%d"}]}`, i, i, i)
	})
	repeat(&b, largeDoc, `"acceptances":[`, `,{"id":"a0","status":"rejected","requested_by":"r","decided_by":"o"}]}`, func(i int) string {
		return fmt.Sprintf(`{"id":"a%d","status":"rejected","requested_by":"r","decided_by":"o"}`, i)
	})
	return b.Bytes()
}

// largeTreatment is a treatment of about 10 MB of actions with distinct
// IDs and controls, the last repeating the first ID.
func largeTreatment() []byte {
	var b bytes.Buffer
	repeat(&b, largeDoc, `{"option":"retain","actions":[`, `,{"id":"x0","title":"t","status":"planned"}]}`, func(i int) string {
		return fmt.Sprintf(`{"id":"x%d","title":"t","status":"planned","controls":[{"kind":"control","id":"A.%d"},{"kind":"control","id":"B.%d"}]}`, i, i, i)
	})
	return b.Bytes()
}

// largeRating is a rating of about 10 MB of distinct dimensions (a
// duplicate would stop Evaluate at once), each at the highest impact.
func largeRating() []byte {
	var b bytes.Buffer
	repeat(&b, largeDoc, `{"likelihood":"likely","rule":"mean","impacts":[`, `]}`, func(i int) string {
		return fmt.Sprintf(`{"dimension":"d%d","impact":"severe"}`, i)
	})
	return b.Bytes()
}

// largeReviewPolicy is a review policy of about 10 MB of intervals for
// distinct levels the matrix lacks.
func largeReviewPolicy() []byte {
	var b bytes.Buffer
	repeat(&b, largeDoc, `{"default":"P3M","intervals":[`, `]}`, func(i int) string { return fmt.Sprintf(`{"level":"l%d","every":"P6M"}`, i) })
	return b.Bytes()
}

// largeCases are the validators and decoders fed a large document. Each
// run returns the error it is expected to return: invalid for every
// document but the rating, which scores.
func largeCases(tb testing.TB) map[string]func() error {
	decode := func(data []byte, v any) {
		require.NoError(tb, isms.UnmarshalStrict(data, v))
	}
	matrixDoc, riskDoc := largeMatrix(), largeRisk()
	var matrix risk.Matrix
	decode(matrixDoc, &matrix)
	var r risk.Risk
	decode(riskDoc, &r)
	var tr risk.Treatment
	decode(largeTreatment(), &tr)
	var rating risk.Rating
	decode(largeRating(), &rating)
	var policy risk.ReviewPolicy
	decode(largeReviewPolicy(), &policy)
	limit := largeMatrixAtLimit()
	m5 := risk.Preset5x5()
	return map[string]func() error{
		"ParseMatrix":           func() error { _, err := risk.ParseMatrix(matrixDoc); return err },
		"Matrix.Validate":       func() error { return matrix.Validate() },
		"Matrix.Validate64":     func() error { return limit.Validate() },
		"ParseRisk":             func() error { _, err := risk.ParseRisk(riskDoc); return err },
		"Risk.Validate":         func() error { return r.Validate() },
		"Treatment.Validate":    func() error { return tr.Validate() },
		"Matrix.Evaluate":       func() error { _, err := m5.Evaluate(rating); return err },
		"ReviewPolicy.Validate": func() error { return policy.Validate(m5) },
	}
}

func TestLargeDocumentsAreLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB documents; skipped with -short")
	}
	for name, run := range largeCases(t) {
		t.Run(name, func(t *testing.T) {
			var err error
			// CPU time, the fastest of three runs: other processes do not count
			took := timebound.Fastest(3, largeTimeout, func() { err = run() })
			if name == "Matrix.Evaluate" {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, isms.ErrInvalid)
			}
			if took > largeTimeout {
				t.Fatalf("%s took %v on a 10 MB document; at most %v is allowed", name, took, largeTimeout)
			}
		})
	}
}

func BenchmarkValidate10MB(b *testing.B) {
	for name, run := range largeCases(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = run()
			}
		})
	}
}

// TestLargeRatingScoresLikeSmall: the linear path for many dimensions
// (a set instead of pairwise comparison) gives the same result as the
// small path. mean of 9 severe (index 4) and one insignificant (0) over 10
// = 3.6, rounded up to 4: severe; likely 4 × severe 5 = 20: very_high.
func TestLargeRatingScoresLikeSmall(t *testing.T) {
	m := risk.Preset5x5()
	var in risk.Rating
	in.Likelihood, in.Rule = "likely", risk.RuleMean
	for i := range 10 {
		impact := "severe"
		if i == 9 {
			impact = "insignificant"
		}
		in.Impacts = append(in.Impacts, risk.DimensionImpact{Dimension: risk.Dimension(fmt.Sprintf("d%d", i)), Impact: impact})
	}
	res, err := m.Evaluate(in)
	require.NoError(t, err)
	require.Equal(t, "severe", m.Impact[res.Impact].ID)
	require.Equal(t, "very_high", m.Risk[res.Level].ID)
	in.Impacts[9].Dimension = "d0"
	_, err = m.Evaluate(in)
	require.ErrorIs(t, err, isms.ErrInvalid, "d0 rated twice, found by the set")
	data, err := json.Marshal(in)
	require.NoError(t, err)
	require.Contains(t, string(data), `"dimension":"d0"`)
}
