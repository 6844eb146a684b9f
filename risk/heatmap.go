package risk

import (
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/ismskit/ismskit/isms"
)

// Heatmap counts risks per grid cell of a matrix for one assessment stage.
// It carries copies of the matrix's scales and grid, so that it can be
// rendered (SVG) or serialised without the matrix.
type Heatmap struct {
	// Matrix is the matrix whose grid the heatmap counts on.
	Matrix MatrixRef `json:"matrix"`
	// Stage is the assessment counted.
	Stage Stage `json:"stage"`
	// Likelihood, Impact and Risk are copies of the matrix's scales.
	Likelihood []Level `json:"likelihood"`
	Impact     []Level `json:"impact"` // see Likelihood
	Risk       []Level `json:"risk"`   // see Likelihood
	// Grid is the matrix's grid: the risk level index of each cell.
	Grid [][]int `json:"grid"`
	// Counts[l][i] is the number of risks in the cell of likelihood index l
	// and impact index i.
	Counts [][]int `json:"counts"`
	// Total is the number of risks placed in a cell.
	Total int `json:"total"`
	// Unassessed is the number of risks with no assessment at Stage.
	Unassessed int `json:"unassessed"`
	// Excluded is the number of risks assessed with another matrix or
	// version, or naming levels the matrix lacks: they cannot be placed on
	// this grid without re-assessment.
	Excluded int `json:"excluded"`
}

// NewHeatmap returns an empty heatmap of m for stage. It fails with
// isms.ErrInvalid when m is nil or invalid or stage unknown.
func NewHeatmap(m *Matrix, stage Stage) (*Heatmap, error) {
	if !stage.IsValid() {
		return nil, isms.Invalidf("risk: heatmap: unknown stage %q", string(stage))
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("risk: heatmap: %w", err)
	}
	c := m.Clone()
	h := &Heatmap{
		Matrix: m.Ref(), Stage: stage,
		Likelihood: c.Likelihood, Impact: c.Impact, Risk: c.Risk, Grid: c.Grid,
		Counts: make([][]int, len(m.Likelihood)),
	}
	for l := range h.Counts {
		h.Counts[l] = make([]int, len(m.Impact))
	}
	return h, nil
}

// parallelThreshold is the number of risks from which AggregateHeatmap
// counts in parallel.
const parallelThreshold = 1 << 15

// AggregateHeatmap counts the risks' assessments at stage on m's grid.
// Inputs of parallelThreshold (32768) risks or more are split into one
// contiguous shard per processor (runtime.GOMAXPROCS), counted
// concurrently and merged; counts are sums, so the result does not depend
// on the number of shards.
func AggregateHeatmap(m *Matrix, stage Stage, risks []*Risk) (*Heatmap, error) {
	h, err := NewHeatmap(m, stage)
	if err != nil {
		return nil, err
	}
	shards := min(runtime.GOMAXPROCS(0), len(risks)/(parallelThreshold/2))
	if len(risks) < parallelThreshold || shards < 2 {
		for _, r := range risks {
			h.add(r)
		}
		return h, nil
	}
	parts := make([]*Heatmap, shards)
	var wg sync.WaitGroup
	for k := range parts {
		lo, hi := k*len(risks)/shards, (k+1)*len(risks)/shards
		parts[k] = h.emptyCopy()
		wg.Go(func() {
			p := parts[k]
			for _, r := range risks[lo:hi] {
				p.add(r)
			}
		})
	}
	wg.Wait()
	for _, p := range parts {
		h.merge(p)
	}
	return h, nil
}

// emptyCopy returns a heatmap with h's matrix, stage and scales (shared,
// read-only) and zero counts.
func (h *Heatmap) emptyCopy() *Heatmap {
	c := &Heatmap{Matrix: h.Matrix, Stage: h.Stage, Likelihood: h.Likelihood, Impact: h.Impact, Risk: h.Risk, Grid: h.Grid}
	c.Counts = make([][]int, len(h.Counts))
	for l := range c.Counts {
		c.Counts[l] = make([]int, len(h.Counts[l]))
	}
	return c
}

// Add counts the risk's assessment at the heatmap's stage (see
// AddAssessment). A nil risk is skipped; a nil heatmap is an error
// answering isms.ErrInvalid.
func (h *Heatmap) Add(r *Risk) error {
	if h == nil {
		return isms.Invalidf("risk: heatmap: add: nil heatmap")
	}
	h.add(r)
	return nil
}

func (h *Heatmap) add(r *Risk) {
	if r != nil {
		h.addAssessment(r.Assessment(h.Stage))
	}
}

// AddAssessment counts one assessment and reports whether it was placed in
// a cell. A nil assessment counts as unassessed; one scored with another
// matrix, or naming levels the heatmap lacks, counts as excluded. A nil
// heatmap is an error answering isms.ErrInvalid.
func (h *Heatmap) AddAssessment(a *Assessment) (bool, error) {
	if h == nil {
		return false, isms.Invalidf("risk: heatmap: add assessment: nil heatmap")
	}
	return h.addAssessment(a), nil
}

func (h *Heatmap) addAssessment(a *Assessment) bool {
	if a == nil {
		h.Unassessed++
		return false
	}
	if a.Matrix != h.Matrix {
		h.Excluded++
		return false
	}
	l, i := levelIndex(h.Likelihood, a.Likelihood), levelIndex(h.Impact, a.Impact)
	if l < 0 || i < 0 || l >= len(h.Counts) || i >= len(h.Counts[l]) {
		h.Excluded++
		return false
	}
	h.Counts[l][i]++
	h.Total++
	return true
}

// Count returns the number of risks in a cell, 0 for a cell outside the
// heatmap (or a nil heatmap).
func (h *Heatmap) Count(likelihood, impact int) int {
	if h == nil || likelihood < 0 || likelihood >= len(h.Counts) || impact < 0 || impact >= len(h.Counts[likelihood]) {
		return 0
	}
	return h.Counts[likelihood][impact]
}

// CellLevel returns the risk level index of a cell, or -1 for a cell
// outside the grid (or a nil heatmap).
func (h *Heatmap) CellLevel(likelihood, impact int) int {
	if h == nil || likelihood < 0 || likelihood >= len(h.Grid) || impact < 0 || impact >= len(h.Grid[likelihood]) {
		return -1
	}
	v := h.Grid[likelihood][impact]
	if v < 0 || v >= len(h.Risk) {
		return -1
	}
	return v
}

// LevelCounts returns the number of placed risks per risk level, indexed
// like Risk; nil for a nil heatmap.
func (h *Heatmap) LevelCounts() []int {
	if h == nil {
		return nil
	}
	out := make([]int, len(h.Risk))
	for l, row := range h.Counts {
		for i, n := range row {
			if v := h.CellLevel(l, i); v >= 0 {
				out[v] += n
			}
		}
	}
	return out
}

// Merge adds the counts of o, a heatmap of the same matrix, stage and
// shape, to h; use it to aggregate shards in parallel. A nil heatmap (h or
// o) or a mismatch is an error answering isms.ErrInvalid, and h is then
// unchanged.
func (h *Heatmap) Merge(o *Heatmap) error {
	if h == nil || o == nil {
		return isms.Invalidf("risk: merge heatmap: nil heatmap")
	}
	if o.Matrix != h.Matrix || o.Stage != h.Stage || len(o.Counts) != len(h.Counts) {
		return isms.Invalidf("risk: merge heatmap of %s %s into %s %s", o.Matrix, o.Stage, h.Matrix, h.Stage)
	}
	for l := range h.Counts {
		if len(o.Counts[l]) != len(h.Counts[l]) {
			return isms.Invalidf("risk: merge heatmap: row %d has %d cells, want %d", l, len(o.Counts[l]), len(h.Counts[l]))
		}
	}
	h.merge(o)
	return nil
}

// merge adds o's counts to h, whose shape o is known to share.
func (h *Heatmap) merge(o *Heatmap) {
	for l := range h.Counts {
		for i := range h.Counts[l] {
			h.Counts[l][i] += o.Counts[l][i]
		}
	}
	h.Total += o.Total
	h.Unassessed += o.Unassessed
	h.Excluded += o.Excluded
}

// String renders the counts as a text table, highest likelihood first, for
// terminals and logs; "<nil heatmap>" for a nil heatmap.
func (h *Heatmap) String() string {
	if h == nil {
		return "<nil heatmap>"
	}
	w := 10
	for _, lv := range h.Likelihood {
		w = max(w, len(lv.ID))
	}
	cw := make([]int, len(h.Impact))
	for i, lv := range h.Impact {
		cw[i] = max(6, len(lv.ID))
	}
	var b []byte
	b = fmt.Appendf(b, "%s heatmap, matrix %s\n", h.Stage, h.Matrix)
	b = fmt.Appendf(b, "%-*s", w, "L \\ I")
	for i, lv := range h.Impact {
		b = fmt.Appendf(b, " %*s", cw[i], lv.ID)
	}
	b = append(b, '\n')
	for l := len(h.Counts) - 1; l >= 0; l-- {
		label := fmt.Sprint(l)
		if l < len(h.Likelihood) {
			label = h.Likelihood[l].ID
		}
		b = fmt.Appendf(b, "%-*s", w, label)
		for i, n := range h.Counts[l] {
			width := 6
			if i < len(cw) {
				width = cw[i]
			}
			b = fmt.Appendf(b, " %*d", width, n)
		}
		b = append(b, '\n')
	}
	b = fmt.Appendf(b, "placed %d, unassessed %d, excluded %d\n", h.Total, h.Unassessed, h.Excluded)
	return string(b)
}

// Clone returns a deep copy of h (nil for nil).
func (h *Heatmap) Clone() *Heatmap {
	if h == nil {
		return nil
	}
	c := *h
	c.Likelihood, c.Impact, c.Risk = slices.Clone(h.Likelihood), slices.Clone(h.Impact), slices.Clone(h.Risk)
	c.Grid, c.Counts = cloneGrid(h.Grid), cloneGrid(h.Counts)
	return &c
}

func cloneGrid(g [][]int) [][]int {
	if g == nil {
		return nil
	}
	out := make([][]int, len(g))
	for i, row := range g {
		out[i] = slices.Clone(row)
	}
	return out
}
