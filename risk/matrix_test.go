package risk_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// presetCase is a hand-worked preset: every cell written out by hand from
// the preset's documented rule, not computed by the code under test.
type presetCase struct {
	matrix     *risk.Matrix
	likelihood []string   // lowest first
	impact     []string   // lowest first
	risk       []string   // lowest first
	cells      [][]string // cells[likelihood][impact], lowest likelihood first
}

func presetCases() map[string]presetCase {
	return map[string]presetCase{
		// Product of ordinals: 1-2 low, 3-4 medium, 6-9 high.
		"3x3": {
			matrix:     risk.Preset3x3(),
			likelihood: []string{"low", "medium", "high"},
			impact:     []string{"low", "medium", "high"},
			risk:       []string{"low", "medium", "high"},
			cells: [][]string{
				{"low", "low", "medium"},   // 1 2 3
				{"low", "medium", "high"},  // 2 4 6
				{"medium", "high", "high"}, // 3 6 9
			},
		},
		// Explicit impact-weighted grid.
		"4x4": {
			matrix:     risk.Preset4x4(),
			likelihood: []string{"unlikely", "possible", "likely", "very_likely"},
			impact:     []string{"limited", "significant", "serious", "critical"},
			risk:       []string{"low", "medium", "high"},
			cells: [][]string{
				{"low", "low", "medium", "high"},
				{"low", "medium", "medium", "high"},
				{"low", "medium", "high", "high"},
				{"medium", "medium", "high", "high"},
			},
		},
		// Product of ordinals: 1-4 low, 5-9 medium, 10-16 high, 20-25 very high.
		"5x5": {
			matrix:     risk.Preset5x5(),
			likelihood: []string{"rare", "unlikely", "possible", "likely", "almost_certain"},
			impact:     []string{"insignificant", "minor", "moderate", "major", "severe"},
			risk:       []string{"low", "medium", "high", "very_high"},
			cells: [][]string{
				{"low", "low", "low", "low", "medium"},               // 1 2 3 4 5
				{"low", "low", "medium", "medium", "high"},           // 2 4 6 8 10
				{"low", "medium", "medium", "high", "high"},          // 3 6 9 12 15
				{"low", "medium", "high", "high", "very_high"},       // 4 8 12 16 20
				{"medium", "high", "high", "very_high", "very_high"}, // 5 10 15 20 25
			},
		},
		// Sum of ordinals: 2-4 low, 5-6 medium, 7-8 high, 9-10 very high.
		"5x5 ISO/IEC 27005-style": {
			matrix:     risk.Preset5x5ISO27005(),
			likelihood: []string{"rare", "unlikely", "possible", "likely", "almost_certain"},
			impact:     []string{"negligible", "minor", "significant", "serious", "critical"},
			risk:       []string{"low", "medium", "high", "very_high"},
			cells: [][]string{
				{"low", "low", "low", "medium", "medium"},            // 2 3 4 5 6
				{"low", "low", "medium", "medium", "high"},           // 3 4 5 6 7
				{"low", "medium", "medium", "high", "high"},          // 4 5 6 7 8
				{"medium", "medium", "high", "high", "very_high"},    // 5 6 7 8 9
				{"medium", "high", "high", "very_high", "very_high"}, // 6 7 8 9 10
			},
		},
	}
}

func ids(levels []risk.Level) []string {
	out := make([]string, len(levels))
	for i, l := range levels {
		out[i] = l.ID
	}
	return out
}

func TestPresetsHandWorked(t *testing.T) {
	for name, tc := range presetCases() {
		t.Run(name, func(t *testing.T) {
			m := tc.matrix
			require.NoError(t, m.Validate())
			assert.True(t, m.Monotonic)
			assert.Empty(t, m.NonMonotonicCells())
			assert.Equal(t, tc.likelihood, ids(m.Likelihood))
			assert.Equal(t, tc.impact, ids(m.Impact))
			assert.Equal(t, tc.risk, ids(m.Risk))
			for l, row := range tc.cells {
				for i, want := range row {
					res, err := m.Evaluate(risk.Rating{Likelihood: tc.likelihood[l], Impact: tc.impact[i]})
					require.NoError(t, err)
					assert.Equal(t, want, m.Risk[res.Level].ID, "cell %s × %s", tc.likelihood[l], tc.impact[i])
					idx, err := m.Score(l, i)
					require.NoError(t, err)
					assert.Equal(t, res.Level, idx)
				}
			}
			for _, lv := range m.Risk {
				assert.NotEmpty(t, lv.Color, "preset risk levels have colours")
			}
		})
	}
}

func TestPresetsAreFreshCopies(t *testing.T) {
	a := risk.Preset5x5()
	a.Grid[0][0] = 3
	a.Likelihood[0].ID = "changed"
	b := risk.Preset5x5()
	assert.Equal(t, 0, b.Grid[0][0])
	assert.Equal(t, "rare", b.Likelihood[0].ID)
	assert.Len(t, risk.Presets(), 4)
}

func TestPreset4x4IsAsymmetric(t *testing.T) {
	m := risk.Preset4x4()
	// Unlikely but critical is high; very likely but limited is medium.
	lo, err := m.Evaluate(risk.Rating{Likelihood: "unlikely", Impact: "critical"})
	require.NoError(t, err)
	hi, err := m.Evaluate(risk.Rating{Likelihood: "very_likely", Impact: "limited"})
	require.NoError(t, err)
	assert.Equal(t, "high", m.Risk[lo.Level].ID)
	assert.Equal(t, "medium", m.Risk[hi.Level].ID)
}

func validMatrix() *risk.Matrix {
	return &risk.Matrix{
		Name: "t", Version: "1",
		Likelihood: []risk.Level{{ID: "l1", Name: "L1"}, {ID: "l2", Name: "L2"}},
		Impact:     []risk.Level{{ID: "i1", Name: "I1"}, {ID: "i2", Name: "I2"}, {ID: "i3", Name: "I3"}},
		Risk:       []risk.Level{{ID: "r1", Name: "R1", Color: "#0f0"}, {ID: "r2", Name: "R2", Color: "#FF0000"}},
		Grid:       [][]int{{0, 0, 1}, {0, 1, 1}},
		Monotonic:  true,
	}
}

func TestMatrixValidate(t *testing.T) {
	type problem struct{ field, code string }
	tests := []struct {
		name   string
		mutate func(m *risk.Matrix)
		want   []problem
	}{
		{"valid", func(*risk.Matrix) {}, nil},
		{"name and version missing", func(m *risk.Matrix) { m.Name, m.Version = "", "" },
			[]problem{{"name", isms.CodeRequired}, {"version", isms.CodeRequired}}},
		{"empty scales", func(m *risk.Matrix) { m.Likelihood, m.Impact, m.Risk, m.Grid = nil, nil, nil, nil },
			[]problem{{"likelihood", isms.CodeRequired}, {"impact", isms.CodeRequired}, {"risk", isms.CodeRequired}}},
		{"duplicate ids", func(m *risk.Matrix) { m.Impact[2].ID = "i1"; m.Risk[1].ID = "r1" },
			[]problem{{"impact[2].id", isms.CodeDuplicate}, {"risk[1].id", isms.CodeDuplicate}}},
		{"missing and malformed ids and names", func(m *risk.Matrix) {
			m.Likelihood[0].ID = ""
			m.Likelihood[1].ID = "has space"
			m.Impact[0].Name = ""
		}, []problem{{"likelihood[0].id", isms.CodeRequired}, {"likelihood[1].id", isms.CodeMalformed}, {"impact[0].name", isms.CodeRequired}}},
		{"bad colours", func(m *risk.Matrix) { m.Risk[0].Color = "green"; m.Risk[1].Color = "#12345g" },
			[]problem{{"risk[0].color", isms.CodeMalformed}, {"risk[1].color", isms.CodeMalformed}}},
		{"too few rows", func(m *risk.Matrix) { m.Grid = m.Grid[:1] },
			[]problem{{"grid", isms.CodeMalformed}}},
		{"short row", func(m *risk.Matrix) { m.Grid[1] = []int{0, 1} },
			[]problem{{"grid[1]", isms.CodeMalformed}}},
		{"cells out of range", func(m *risk.Matrix) { m.Grid[0][1] = -1; m.Grid[1][2] = 2 },
			[]problem{{"grid[0][1]", isms.CodeOutOfRange}, {"grid[1][2]", isms.CodeOutOfRange}}},
		{"not monotonic", func(m *risk.Matrix) { m.Grid[1][1] = 0; m.Grid[0][2] = 1; m.Grid[1][2] = 0 },
			// row 1 = {0,0,0}: cell [1][2] falls below [0][2]=1.
			[]problem{{"grid[1][2]", isms.CodeOrder}}},
		{"not monotonic but not declared", func(m *risk.Matrix) { m.Monotonic = false; m.Grid[1] = []int{1, 0, 0} }, nil},
		{"too many levels", func(m *risk.Matrix) {
			m.Risk = make([]risk.Level, risk.MaxLevels+1)
			for i := range m.Risk {
				m.Risk[i] = risk.Level{ID: string(rune('a'+i%26)) + string(rune('a'+i/26)), Name: "x"}
			}
		}, []problem{{"risk", isms.CodeOutOfRange}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := validMatrix()
			tc.mutate(m)
			err := m.Validate()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, isms.ErrInvalid)
			var ve *isms.ValidationError
			require.True(t, errors.As(err, &ve))
			got := make([]problem, len(ve.Problems))
			for i, p := range ve.Problems {
				got[i] = problem{p.Field, p.Code}
			}
			assert.Equal(t, tc.want, got, "%v", err)
		})
	}
}

func TestNonMonotonicCells(t *testing.T) {
	m := validMatrix()
	m.Grid = [][]int{{1, 0, 1}, {0, 1, 1}}
	// [0][1]=0 < [0][0]=1 (left); [1][0]=0 < [0][0]=1 (below).
	assert.Equal(t, []risk.CellRef{
		{Likelihood: 0, Impact: 1, FromLikelihood: 0, FromImpact: 0},
		{Likelihood: 1, Impact: 0, FromLikelihood: 0, FromImpact: 0},
	}, m.NonMonotonicCells())
	assert.Nil(t, validMatrix().NonMonotonicCells())
}

func TestMatrixJSONRoundTrip(t *testing.T) {
	for _, m := range risk.Presets() {
		t.Run(m.Name, func(t *testing.T) {
			data, err := json.Marshal(m)
			require.NoError(t, err)
			back, err := risk.ParseMatrix(data)
			require.NoError(t, err)
			assert.Equal(t, m, back)
		})
	}
	data, err := json.Marshal(validMatrix())
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"name":"t","version":"1",
		"likelihood":[{"id":"l1","name":"L1"},{"id":"l2","name":"L2"}],
		"impact":[{"id":"i1","name":"I1"},{"id":"i2","name":"I2"},{"id":"i3","name":"I3"}],
		"risk":[{"id":"r1","name":"R1","color":"#0f0"},{"id":"r2","name":"R2","color":"#FF0000"}],
		"grid":[[0,0,1],[0,1,1]],
		"monotonic":true}`, string(data))
}

func TestParseMatrixStrict(t *testing.T) {
	good, err := json.Marshal(validMatrix())
	require.NoError(t, err)
	tests := map[string]string{
		"unknown field": `{"name":"t","version":"1","monotone":true}`,
		"trailing data": string(good) + ` {}`,
		// json.Decoder.More reports false before a closing bracket, so
		// these must be caught otherwise.
		"trailing brace":   string(good) + `}`,
		"trailing bracket": string(good) + ` ]`,
		"not json":         `grid`,
		"invalid":          `{"name":"t","version":"1","likelihood":[],"impact":[],"risk":[],"grid":[]}`,
		"wrong type":       `{"name":"t","version":"1","grid":[["a"]]}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := risk.ParseMatrix([]byte(in))
			require.Error(t, err)
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
}

func TestGenerators(t *testing.T) {
	levels := func(ids ...string) []risk.Level {
		out := make([]risk.Level, len(ids))
		for i, id := range ids {
			out[i] = risk.Level{ID: id, Name: id}
		}
		return out
	}
	spec := risk.GridSpec{
		Name: "g", Version: "1",
		Likelihood: levels("a", "b", "c", "d"),
		Impact:     levels("w", "x", "y"),
		Risk:       levels("lo", "mid", "hi"),
		Thresholds: []int{4, 8},
	}
	t.Run("multiplicative", func(t *testing.T) {
		m, err := risk.Multiplicative(spec)
		require.NoError(t, err)
		// Products: a:1 2 3, b:2 4 6, c:3 6 9, d:4 8 12; <4 lo, 4-7 mid, >=8 hi.
		assert.Equal(t, [][]int{{0, 0, 0}, {0, 1, 1}, {0, 1, 2}, {1, 2, 2}}, m.Grid)
		assert.True(t, m.Monotonic)
	})
	t.Run("additive", func(t *testing.T) {
		m, err := risk.Additive(spec)
		require.NoError(t, err)
		// Sums: a:2 3 4, b:3 4 5, c:4 5 6, d:5 6 7; all below 8.
		assert.Equal(t, [][]int{{0, 0, 1}, {0, 1, 1}, {1, 1, 1}, {1, 1, 1}}, m.Grid)
	})
	t.Run("wrong threshold count", func(t *testing.T) {
		s := spec
		s.Thresholds = []int{4}
		_, err := risk.Multiplicative(s)
		assert.ErrorIs(t, err, isms.ErrInvalid)
	})
	t.Run("thresholds not ascending", func(t *testing.T) {
		s := spec
		s.Thresholds = []int{8, 8}
		_, err := risk.Additive(s)
		var ve *isms.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("thresholds[1]", isms.CodeOrder))
	})
	t.Run("invalid levels", func(t *testing.T) {
		s := spec
		s.Name = ""
		_, err := risk.Multiplicative(s)
		assert.ErrorIs(t, err, isms.ErrInvalid)
	})
}

func TestMatrixLookups(t *testing.T) {
	m := risk.Preset5x5()
	assert.Equal(t, 3, m.LikelihoodIndex("likely"))
	assert.Equal(t, -1, m.LikelihoodIndex("major"))
	assert.Equal(t, 4, m.ImpactIndex("severe"))
	assert.Equal(t, 2, m.RiskIndex("high"))
	c, ok := m.CompareLevels("high", "medium")
	assert.True(t, ok)
	assert.Equal(t, 1, c)
	c, ok = m.CompareLevels("low", "low")
	assert.True(t, ok)
	assert.Equal(t, 0, c)
	_, ok = m.CompareLevels("low", "nope")
	assert.False(t, ok)
	assert.Equal(t, risk.MatrixRef{Name: "ismskit 5x5", Version: "1"}, m.Ref())
	assert.Equal(t, "ismskit 5x5 (version 1)", m.Ref().String())
	assert.True(t, risk.MatrixRef{}.IsZero())
	var nilM *risk.Matrix
	assert.Nil(t, nilM.Clone())
	assert.ErrorIs(t, nilM.Validate(), isms.ErrInvalid)
}

func TestEnumsStrict(t *testing.T) {
	tests := []struct {
		name   string
		target interface{ UnmarshalText([]byte) error }
		good   string
	}{
		{"status", new(risk.Status), "accepted"},
		{"stage", new(risk.Stage), "residual"},
		{"rule", new(risk.CombineRule), "mean"},
		{"option", new(risk.TreatmentOption), "share"},
		{"action status", new(risk.ActionStatus), "in_progress"},
		{"plan status", new(risk.PlanStatus), "completed"},
		{"acceptance status", new(risk.AcceptanceStatus), "revoked"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.target.UnmarshalText([]byte(tc.good)))
			err := tc.target.UnmarshalText([]byte("Accepted-ish"))
			assert.ErrorIs(t, err, isms.ErrInvalid)
			err = tc.target.UnmarshalText(nil)
			assert.ErrorIs(t, err, isms.ErrInvalid)
		})
	}
	assert.Equal(t, []risk.Status{"open", "accepted", "closed"}, risk.StatusValues())
	assert.Equal(t, []risk.Stage{"inherent", "current", "residual"}, risk.StageValues())
	assert.Equal(t, []risk.CombineRule{"max", "mean"}, risk.CombineRuleValues())
	assert.Equal(t, []risk.TreatmentOption{"modify", "retain", "avoid", "share"}, risk.TreatmentOptionValues())
	assert.Equal(t, []risk.ActionStatus{"planned", "in_progress", "done", "cancelled"}, risk.ActionStatusValues())
	assert.Equal(t, []risk.PlanStatus{"empty", "not_started", "in_progress", "completed"}, risk.PlanStatusValues())
	assert.Equal(t, []risk.AcceptanceStatus{"created", "submitted", "accepted", "rejected", "revoked", "expired", "withdrawn"}, risk.AcceptanceStatusValues())
	for _, v := range risk.StatusValues() {
		assert.True(t, v.IsValid())
	}
	assert.False(t, risk.Status("draft").IsValid())
	assert.False(t, risk.Stage("target").IsValid())
	assert.False(t, risk.CombineRule("sum").IsValid())
	assert.False(t, risk.TreatmentOption("transfer").IsValid())
	assert.False(t, risk.ActionStatus("todo").IsValid())
	assert.False(t, risk.PlanStatus("x").IsValid())
	assert.False(t, risk.AcceptanceStatus("pending").IsValid())

	var r risk.Risk
	err := json.Unmarshal([]byte(`{"title":"x","status":"pending"}`), &r)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestDimensionValidate(t *testing.T) {
	for _, d := range []risk.Dimension{risk.Confidentiality, risk.Integrity, risk.Availability, "privacy", "safety_2"} {
		assert.NoError(t, d.Validate(), d)
	}
	for _, d := range []risk.Dimension{"", "Privacy", "2fa", "_x", "has space", risk.Dimension(make([]byte, 65))} {
		assert.ErrorIs(t, d.Validate(), isms.ErrInvalid, "%q", d)
	}
}

// ParseMatrix decodes a document of exactly MaxMatrixDocumentSize bytes
// and refuses one byte more without decoding it; the largest matrix the
// limits allow, with a 4 KB description on every level, fits below it.
func TestParseMatrixSizeLimit(t *testing.T) {
	good, err := json.Marshal(validMatrix())
	require.NoError(t, err)
	pad := func(n int) []byte {
		return append(append([]byte(nil), good...), bytes.Repeat([]byte(" "), n-len(good))...)
	}
	_, err = risk.ParseMatrix(pad(risk.MaxMatrixDocumentSize))
	require.NoError(t, err)
	_, err = risk.ParseMatrix(pad(risk.MaxMatrixDocumentSize + 1))
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), "at most 1048576")

	desc := strings.Repeat("d", 4<<10)
	m := &risk.Matrix{Name: "widest", Version: "1"}
	for i := range risk.MaxLevels {
		lv := func(p string) risk.Level {
			return risk.Level{ID: fmt.Sprintf("%s%d", p, i), Name: p, Description: desc, Color: "#ffffff"}
		}
		m.Likelihood = append(m.Likelihood, lv("l"))
		m.Impact = append(m.Impact, lv("i"))
		m.Risk = append(m.Risk, lv("r"))
		m.Grid = append(m.Grid, make([]int, risk.MaxLevels))
		for j := range m.Grid[i] {
			m.Grid[i][j] = risk.MaxLevels - 1
		}
	}
	widest, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	require.Less(t, len(widest), risk.MaxMatrixDocumentSize)
	_, err = risk.ParseMatrix(widest)
	require.NoError(t, err)
}
