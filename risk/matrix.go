package risk

import (
	"fmt"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/ismskit/ismskit/isms"
)

// MaxLevels is the largest number of levels a Matrix may have on each of its
// axes (likelihood, impact, risk).
const MaxLevels = 64

// MaxMatrixDocumentSize is the largest JSON document ParseMatrix decodes
// (1 MiB). A matrix within MaxLevels on every scale, with descriptions of
// a few kilobytes on each of its levels, stays well below it; a larger
// document is refused before it is decoded.
const MaxMatrixDocumentSize = 1 << 20

// maxLevelID is the longest level ID, in bytes, that Validate accepts.
const maxLevelID = 64

// Level is one step of a scale: a likelihood level, an impact level or a
// risk level. Levels of a scale are ordered from the lowest to the highest,
// and the order is what ranks them.
type Level struct {
	// ID identifies the level within its scale ("likely", "high"). It is
	// what assessments store, so it must stay stable across versions of a
	// matrix.
	ID string `json:"id"`
	// Name is the short human name ("Likely").
	Name string `json:"name"`
	// Description tells assessors when the level applies ("expected to
	// happen at least once a year").
	Description string `json:"description,omitempty"`
	// Color is an optional display colour, "#rgb" or "#rrggbb".
	Color string `json:"color,omitempty"`
}

// MatrixRef names a matrix and its version. Every Assessment records the
// MatrixRef it was scored with, so that a new version of a matrix never
// silently rescales old assessments.
type MatrixRef struct {
	// Name is the matrix's name.
	Name string `json:"name"`
	// Version is the matrix's version.
	Version string `json:"version"`
}

// String returns "name (version v)".
func (r MatrixRef) String() string {
	return fmt.Sprintf("%s (version %s)", r.Name, r.Version)
}

// IsZero reports whether r is the zero MatrixRef.
func (r MatrixRef) IsZero() bool { return r == MatrixRef{} }

// Matrix is a qualitative risk method as data: the likelihood scale, the
// impact scale, the risk levels, and an explicit grid mapping each
// (likelihood, impact) pair to a risk level.
//
// The grid is not assumed to be likelihood × impact: real methods (EBIOS
// RM, many national 4×4 matrices) weigh impact more than likelihood, and a
// grid written out cell by cell expresses any of them. Grid[l][i] is the
// index into Risk of the level for likelihood index l and impact index i;
// all indices are 0-based, the lowest level first.
//
// A Matrix is plain data and is not changed by any method: share it freely
// once it is built. Call Validate (or use ParseMatrix) before scoring with
// a matrix from outside the program. Scoring an invalid matrix returns
// errors, never panics.
type Matrix struct {
	// Name identifies the method ("Acme 5x5").
	Name string `json:"name"`
	// Version identifies this revision of the method ("2025-1"). Change it
	// whenever a level or a cell changes.
	Version string `json:"version"`
	// Description explains the method and where it comes from.
	Description string `json:"description,omitempty"`
	// Likelihood is the likelihood scale, lowest first.
	Likelihood []Level `json:"likelihood"`
	// Impact is the impact (consequence) scale, lowest first.
	Impact []Level `json:"impact"`
	// Risk is the list of risk levels, lowest first.
	Risk []Level `json:"risk"`
	// Grid has one row per likelihood level and one column per impact
	// level; each cell is an index into Risk.
	Grid [][]int `json:"grid"`
	// Monotonic declares that no cell is lower than the cell below it (one
	// likelihood level lower) or to its left (one impact level lower).
	// Validate checks the declaration when it is set.
	Monotonic bool `json:"monotonic,omitempty"`
}

// Ref returns the matrix's name and version; the zero MatrixRef for a nil
// matrix.
func (m *Matrix) Ref() MatrixRef {
	if m == nil {
		return MatrixRef{}
	}
	return MatrixRef{Name: m.Name, Version: m.Version}
}

// Clone returns a deep copy of m.
func (m *Matrix) Clone() *Matrix {
	if m == nil {
		return nil
	}
	c := *m
	c.Likelihood = slices.Clone(m.Likelihood)
	c.Impact = slices.Clone(m.Impact)
	c.Risk = slices.Clone(m.Risk)
	c.Grid = cloneGrid(m.Grid)
	return &c
}

// Validate checks m and reports every problem it finds, as an
// *isms.ValidationError answering errors.Is(err, isms.ErrInvalid):
//
//   - name and version are present;
//   - each scale has between 1 and MaxLevels levels, each with a unique,
//     well-formed ID, a name, and a colour that is "#rgb" or "#rrggbb" when
//     set;
//   - the grid has one row per likelihood level, each row has one cell per
//     impact level, and each cell is an index into Risk;
//   - when Monotonic is set, no cell falls as likelihood or impact rises.
//
// A matrix that passes Validate scores every in-range input. Validation is
// linear in the size of the matrix: a scale of more than MaxLevels levels,
// or a grid with more than MaxLevels rows or cells in a row, is reported
// once and its levels or cells are not checked one by one, so that an
// oversized document is refused quickly.
func (m *Matrix) Validate() error {
	if m == nil {
		return isms.Invalidf("risk matrix is nil")
	}
	var ps isms.Problems
	if m.Name == "" {
		ps.Add("name", isms.CodeRequired, "name is required")
	}
	if m.Version == "" {
		ps.Add("version", isms.CodeRequired, "version is required")
	}
	validateScale(&ps, "likelihood", m.Likelihood)
	validateScale(&ps, "impact", m.Impact)
	validateScale(&ps, "risk", m.Risk)
	gridOK := m.validateGrid(&ps)
	if gridOK && m.Monotonic {
		for _, c := range m.NonMonotonicCells() {
			ps.Addf(cellField(c.Likelihood, c.Impact), isms.CodeOrder,
				"cell is %s, lower than %s at %s although the matrix is declared monotonic",
				m.cellName(c.Likelihood, c.Impact), m.cellName(c.FromLikelihood, c.FromImpact), cellField(c.FromLikelihood, c.FromImpact))
		}
	}
	return ps.Err("risk matrix " + m.Name)
}

func cellField(l, i int) string { return "grid[" + strconv.Itoa(l) + "][" + strconv.Itoa(i) + "]" }

func indexField(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

func (m *Matrix) cellName(l, i int) string {
	return strconv.Quote(m.Risk[m.Grid[l][i]].ID)
}

// validateScale checks one scale in a single pass: duplicate IDs are found
// with a set, not by comparing every pair.
func validateScale(ps *isms.Problems, field string, levels []Level) {
	switch {
	case len(levels) == 0:
		ps.Add(field, isms.CodeRequired, "at least one level is required")
		return
	case len(levels) > MaxLevels:
		ps.Addf(field, isms.CodeOutOfRange, "%d levels; at most %d are allowed", len(levels), MaxLevels)
		return
	}
	seen := make(map[string]int, len(levels))
	for i, lv := range levels {
		if err := checkLevelID(lv.ID); err != nil {
			if lv.ID == "" {
				ps.Add(isms.JoinField(indexField(field, i), "id"), isms.CodeRequired, "id is required")
			} else {
				ps.Add(isms.JoinField(indexField(field, i), "id"), isms.CodeMalformed, err.Error())
			}
		} else if j, dup := seen[lv.ID]; dup {
			ps.Addf(isms.JoinField(indexField(field, i), "id"), isms.CodeDuplicate, "id %q is also the id of %s[%d]", lv.ID, field, j)
		} else {
			seen[lv.ID] = i
		}
		if lv.Name == "" {
			ps.Add(isms.JoinField(indexField(field, i), "name"), isms.CodeRequired, "name is required")
		}
		if lv.Color != "" && !validColor(lv.Color) {
			ps.Addf(isms.JoinField(indexField(field, i), "color"), isms.CodeMalformed, "colour %q is not #rgb or #rrggbb", lv.Color)
		}
	}
}

// checkLevelID accepts 1 to 64 bytes of printable UTF-8 without spaces.
func checkLevelID(id string) error {
	if id == "" {
		return isms.Invalidf("id is empty")
	}
	if len(id) > maxLevelID {
		return isms.Invalidf("id is longer than %d bytes", maxLevelID)
	}
	if !utf8.ValidString(id) {
		return isms.Invalidf("id %q is not valid UTF-8", id)
	}
	for _, r := range id {
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return isms.Invalidf("id %q holds a space or an unprintable character", id)
		}
	}
	return nil
}

func validColor(c string) bool {
	if len(c) != 4 && len(c) != 7 || c[0] != '#' {
		return false
	}
	for i := 1; i < len(c); i++ {
		b := c[i]
		if !('0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F') {
			return false
		}
	}
	return true
}

// validateGrid checks the grid's shape and cells and reports whether the
// grid is well formed. A grid or row longer than MaxLevels is reported once
// and its cells are not checked.
func (m *Matrix) validateGrid(ps *isms.Problems) bool {
	ok := true
	if len(m.Grid) != len(m.Likelihood) {
		ps.Addf("grid", isms.CodeMalformed, "grid has %d rows; one per likelihood level (%d) is required", len(m.Grid), len(m.Likelihood))
		ok = false
	}
	if len(m.Grid) > MaxLevels {
		return false
	}
	for l, row := range m.Grid {
		if len(row) != len(m.Impact) {
			ps.Addf(indexField("grid", l), isms.CodeMalformed, "row has %d cells; one per impact level (%d) is required", len(row), len(m.Impact))
			ok = false
		}
		if len(row) > MaxLevels {
			continue
		}
		for i, v := range row {
			if v < 0 || v >= len(m.Risk) {
				ps.Addf(cellField(l, i), isms.CodeOutOfRange, "risk level index %d is outside 0..%d", v, len(m.Risk)-1)
				ok = false
			}
		}
	}
	return ok && len(m.Grid) > 0 && len(m.Impact) > 0 && len(m.Risk) <= MaxLevels
}

// CellRef names a grid cell that breaks monotonicity, and the neighbouring
// cell (one likelihood or impact level lower) that is higher than it.
type CellRef struct {
	// Likelihood and Impact are the indices of the cell that falls.
	Likelihood int `json:"likelihood"`
	Impact     int `json:"impact"` // see Likelihood
	// FromLikelihood and FromImpact are the indices of the higher
	// neighbour.
	FromLikelihood int `json:"from_likelihood"`
	FromImpact     int `json:"from_impact"` // see FromLikelihood
}

// NonMonotonicCells returns every cell whose risk level is lower than that
// of the cell one likelihood level below it or one impact level to its
// left, in row-major order. It returns nil when the grid is monotonic or
// the matrix is nil, and skips cells it cannot read in a malformed grid.
// Its time is linear in the number of cells.
func (m *Matrix) NonMonotonicCells() []CellRef {
	if m == nil {
		return nil
	}
	var out []CellRef
	in := func(l, i int) bool {
		return l >= 0 && l < len(m.Grid) && i >= 0 && i < len(m.Grid[l]) && m.Grid[l][i] >= 0 && m.Grid[l][i] < len(m.Risk)
	}
	for l, row := range m.Grid {
		for i := range row {
			if !in(l, i) {
				continue
			}
			if in(l-1, i) && m.Grid[l-1][i] > row[i] {
				out = append(out, CellRef{Likelihood: l, Impact: i, FromLikelihood: l - 1, FromImpact: i})
			}
			if in(l, i-1) && row[i-1] > row[i] {
				out = append(out, CellRef{Likelihood: l, Impact: i, FromLikelihood: l, FromImpact: i - 1})
			}
		}
	}
	return out
}

// ParseMatrix decodes a matrix from a JSON document supplied by a user,
// strictly (isms.UnmarshalStrict: unknown fields, trailing data and
// documents nested deeper than isms.MaxDocumentDepth are refused), and
// validates it. A document over MaxMatrixDocumentSize bytes is refused
// without being decoded. Errors answer errors.Is(err, isms.ErrInvalid).
// Its time is linear in the size of the document.
func ParseMatrix(data []byte) (*Matrix, error) {
	if len(data) > MaxMatrixDocumentSize {
		return nil, fmt.Errorf("risk: parse matrix: %w", isms.Invalidf("document is %d bytes; at most %d are allowed", len(data), MaxMatrixDocumentSize))
	}
	var m Matrix
	if err := isms.UnmarshalStrict(data, &m); err != nil {
		return nil, fmt.Errorf("risk: parse matrix: %w", err)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("risk: parse matrix: %w", err)
	}
	return &m, nil
}

// LikelihoodIndex returns the index of the likelihood level with the given
// ID, or -1 (also for a nil matrix).
func (m *Matrix) LikelihoodIndex(id string) int {
	if m == nil {
		return -1
	}
	return levelIndex(m.Likelihood, id)
}

// ImpactIndex returns the index of the impact level with the given ID, or
// -1 (also for a nil matrix).
func (m *Matrix) ImpactIndex(id string) int {
	if m == nil {
		return -1
	}
	return levelIndex(m.Impact, id)
}

// RiskIndex returns the index (the rank, 0 for the lowest) of the risk
// level with the given ID, or -1 (also for a nil matrix).
func (m *Matrix) RiskIndex(id string) int {
	if m == nil {
		return -1
	}
	return levelIndex(m.Risk, id)
}

func levelIndex(levels []Level, id string) int {
	for i := range levels {
		// Level IDs of one scale often share a length ("minor", "major"):
		// comparing the first byte first skips most full comparisons.
		if s := levels[i].ID; len(s) == len(id) && (len(s) == 0 || s[0] == id[0]) && s == id {
			return i
		}
	}
	return -1
}

// CompareLevels compares two risk levels of m by rank, returning -1, 0 or
// +1, and false when either ID is not a risk level of m (or m is nil).
func (m *Matrix) CompareLevels(a, b string) (int, bool) {
	x, y := m.RiskIndex(a), m.RiskIndex(b)
	if x < 0 || y < 0 {
		return 0, false
	}
	switch {
	case x < y:
		return -1, true
	case x > y:
		return 1, true
	}
	return 0, true
}
