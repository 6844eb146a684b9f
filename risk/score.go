package risk

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Dimension is an aspect of impact rated separately: confidentiality,
// integrity, availability, or an extra dimension the organisation defines
// ("privacy", "safety", "financial"). A dimension is 1 to 64 lower-case
// ASCII letters, digits and underscores, starting with a letter.
type Dimension string

// The three dimensions of information security. Others may be added freely.
const (
	Confidentiality Dimension = "confidentiality"
	Integrity       Dimension = "integrity"
	Availability    Dimension = "availability"
)

// Validate reports whether d is a well-formed dimension name.
func (d Dimension) Validate() error {
	switch {
	case d == "":
		return isms.Invalidf("dimension is empty")
	case len(d) > 64:
		return isms.Invalidf("dimension %q is longer than 64 bytes", string(d))
	case !d.valid():
		return isms.Invalidf("dimension %q must be lower-case letters, digits and underscores, starting with a letter", string(d))
	}
	return nil
}

// valid reports what Validate checks, without allocating.
func (d Dimension) valid() bool {
	switch d {
	case Confidentiality, Integrity, Availability:
		return true // the common case, without scanning
	case "":
		return false
	}
	if len(d) > 64 {
		return false
	}
	for i := 0; i < len(d); i++ {
		c := d[i]
		if !('a' <= c && c <= 'z' || i > 0 && ('0' <= c && c <= '9' || c == '_')) {
			return false
		}
	}
	return true
}

// CombineRule is how the per-dimension impacts of an assessment combine
// into one impact level.
type CombineRule string

// Combination rules. The empty rule means RuleMax.
const (
	// RuleMax takes the highest impact of any dimension: a breach of
	// confidentiality alone can be severe. It is the default.
	RuleMax CombineRule = "max"
	// RuleMean takes the arithmetic mean of the impact indices, rounded up
	// to the next level: ceil((i1 + ... + in) / n).
	RuleMean CombineRule = "mean"
)

var combineRuleValues = []CombineRule{RuleMax, RuleMean}

// CombineRuleValues returns every CombineRule.
func CombineRuleValues() []CombineRule { return slices.Clone(combineRuleValues) }

// IsValid reports whether r is a known rule.
func (r CombineRule) IsValid() bool { return r == RuleMax || r == RuleMean }

// UnmarshalText accepts only known rules.
func (r *CombineRule) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(r, "impact rule", b, combineRuleValues)
}

// orDefault returns RuleMax for the empty rule.
func (r CombineRule) orDefault() CombineRule {
	if r == "" {
		return RuleMax
	}
	return r
}

// DimensionImpact is the impact level rated for one dimension.
type DimensionImpact struct {
	// Dimension is the aspect rated.
	Dimension Dimension `json:"dimension"`
	// Impact is the ID of an impact level of the matrix.
	Impact string `json:"impact"`
}

// Rating is the input of a score, by level IDs: a likelihood, and either
// one impact per dimension combined by Rule, or (when Impacts is empty) one
// overall Impact.
type Rating struct {
	// Likelihood is the ID of a likelihood level.
	Likelihood string `json:"likelihood"`
	// Impact is the ID of the overall impact level; used only when Impacts
	// is empty.
	Impact string `json:"impact,omitempty"`
	// Impacts rates each dimension; each dimension may appear once.
	Impacts []DimensionImpact `json:"impacts,omitempty"`
	// Rule combines Impacts; empty means RuleMax.
	Rule CombineRule `json:"rule,omitempty"`
}

// Result is the outcome of scoring: indices into the matrix's scales.
type Result struct {
	// Likelihood is the index of the likelihood level.
	Likelihood int `json:"likelihood"`
	// Impact is the index of the combined impact level.
	Impact int `json:"impact"`
	// Level is the index of the risk level, Grid[Likelihood][Impact].
	Level int `json:"level"`
	// Decisive is the index in Rating.Impacts of the dimension that set the
	// combined impact under RuleMax (the first one at the maximum), or -1
	// when the impact was given directly or combined by another rule.
	Decisive int `json:"decisive"`
}

// Score returns the index of the risk level in the grid cell for the
// likelihood index and impact index: the whole of the method once the
// inputs are levels. It does not allocate on success. Indices outside the
// matrix, a malformed grid or a nil matrix are an error answering
// isms.ErrInvalid.
func (m *Matrix) Score(likelihood, impact int) (int, error) {
	// The fast path does no formatting: errors are built apart.
	if m != nil && uint(likelihood) < uint(len(m.Grid)) && uint(likelihood) < uint(len(m.Likelihood)) {
		row := m.Grid[likelihood]
		if uint(impact) < uint(len(row)) && uint(impact) < uint(len(m.Impact)) {
			if v := row[impact]; uint(v) < uint(len(m.Risk)) {
				return v, nil
			}
		}
	}
	return 0, fmt.Errorf("risk: score: %w", m.scoreError(likelihood, impact))
}

// scoreError says, without a package prefix, why Score refused the cell.
func (m *Matrix) scoreError(likelihood, impact int) error {
	if m == nil {
		return isms.Invalidf("the matrix is nil")
	}
	if likelihood < 0 || likelihood >= len(m.Grid) || likelihood >= len(m.Likelihood) {
		return isms.Invalidf("likelihood index %d is outside the matrix's %d levels", likelihood, len(m.Likelihood))
	}
	row := m.Grid[likelihood]
	if impact < 0 || impact >= len(row) || impact >= len(m.Impact) {
		return isms.Invalidf("impact index %d is outside the matrix's %d levels", impact, len(m.Impact))
	}
	return isms.Invalidf("grid[%d][%d] = %d is not a risk level of matrix %s", likelihood, impact, row[impact], m.Ref())
}

// smallRating is the number of dimensions up to which Evaluate looks for a
// dimension rated twice by comparing pairs, without allocating; above it,
// it uses a set, so that the check stays linear.
const smallRating = 8

// Evaluate scores a rating: it resolves the likelihood and impact level
// IDs, combines the per-dimension impacts by the rating's rule, and looks
// up the grid cell. Each rated dimension must be a well-formed Dimension,
// rated once. It does not allocate on success for ratings of up to eight
// dimensions, and its time is linear in the number of dimensions; use
// Explain for the printable trace of the same computation. A nil matrix,
// or one with more than MaxLevels levels on a scale, is an error.
func (m *Matrix) Evaluate(in Rating) (Result, error) {
	res, err := m.evaluate(&in)
	if err != nil {
		return Result{}, fmt.Errorf("risk: evaluate: %w", err)
	}
	return res, nil
}

// evaluate is Evaluate with errors that carry no package prefix.
func (m *Matrix) evaluate(in *Rating) (Result, error) {
	if m == nil || len(m.Likelihood) > MaxLevels || len(m.Impact) > MaxLevels || len(m.Risk) > MaxLevels {
		return Result{}, m.evaluateError(*in)
	}
	l := levelIndex(m.Likelihood, in.Likelihood)
	imp, decisive := -1, -1
	if len(in.Impacts) == 0 {
		imp = levelIndex(m.Impact, in.Impact)
	} else {
		rule := in.Rule
		if rule != "" && rule != RuleMax && rule != RuleMean {
			return Result{}, m.evaluateError(*in)
		}
		small := len(in.Impacts) <= smallRating
		if !small && duplicateDimension(in.Impacts) >= 0 {
			return Result{}, m.evaluateError(*in)
		}
		sum := 0
		for k := range in.Impacts {
			d := &in.Impacts[k]
			if !d.Dimension.valid() {
				return Result{}, m.evaluateError(*in)
			}
			if small {
				for j := range k {
					if in.Impacts[j].Dimension == d.Dimension {
						return Result{}, m.evaluateError(*in)
					}
				}
			}
			i := levelIndex(m.Impact, d.Impact)
			if i < 0 {
				return Result{}, m.evaluateError(*in)
			}
			if i > imp {
				imp, decisive = i, k
			}
			sum += i
		}
		if rule == RuleMean {
			n := len(in.Impacts)
			imp, decisive = (sum+n-1)/n, -1
		}
	}
	if l < 0 || imp < 0 {
		return Result{}, m.evaluateError(*in)
	}
	v, err := m.Score(l, imp)
	if err != nil {
		return Result{}, m.scoreError(l, imp)
	}
	return Result{Likelihood: l, Impact: imp, Level: v, Decisive: decisive}, nil
}

// duplicateDimension returns the index of the first impact whose dimension
// an earlier impact already rates, or -1. Up to smallRating impacts it
// compares pairs (no allocation); above, it uses a set (linear time).
func duplicateDimension(impacts []DimensionImpact) int {
	if len(impacts) <= smallRating {
		for k := 1; k < len(impacts); k++ {
			for j := range k {
				if impacts[j].Dimension == impacts[k].Dimension {
					return k
				}
			}
		}
		return -1
	}
	seen := make(map[Dimension]struct{}, len(impacts))
	for k, d := range impacts {
		if _, dup := seen[d.Dimension]; dup {
			return k
		}
		seen[d.Dimension] = struct{}{}
	}
	return -1
}

// evaluateError explains, without a package prefix, why Evaluate refused
// in; it runs only on the error path, so that Evaluate itself stays small.
func (m *Matrix) evaluateError(in Rating) error {
	switch {
	case m == nil:
		return isms.Invalidf("the matrix is nil")
	case len(m.Likelihood) > MaxLevels || len(m.Impact) > MaxLevels || len(m.Risk) > MaxLevels:
		return isms.Invalidf("matrix %s has more than %d levels on a scale; validate it first", m.Ref(), MaxLevels)
	}
	if m.LikelihoodIndex(in.Likelihood) < 0 {
		return isms.Invalidf("%q is not a likelihood level of matrix %s", in.Likelihood, m.Ref())
	}
	if len(in.Impacts) == 0 {
		if in.Impact == "" {
			return isms.Invalidf("no impact given")
		}
		return isms.Invalidf("%q is not an impact level of matrix %s", in.Impact, m.Ref())
	}
	if !in.Rule.orDefault().IsValid() {
		return isms.Invalidf("unknown impact rule %q", string(in.Rule))
	}
	if k := duplicateDimension(in.Impacts); k >= 0 {
		return isms.Invalidf("dimension %q is rated twice", string(in.Impacts[k].Dimension))
	}
	for k, d := range in.Impacts {
		if err := d.Dimension.Validate(); err != nil {
			return fmt.Errorf("impacts[%d]: %w", k, err)
		}
		if m.ImpactIndex(d.Impact) < 0 {
			return isms.Invalidf("%s impact %q is not an impact level of matrix %s", string(d.Dimension), d.Impact, m.Ref())
		}
	}
	return isms.Invalidf("rating %+v cannot be scored with matrix %s", in, m.Ref())
}

// Assess scores a rating with m and returns the Assessment that records
// it: the matrix reference, the inputs, the combined impact and the risk
// level, with rationale, assessor and time. The time is stored in UTC at
// microsecond precision.
func (m *Matrix) Assess(in Rating, rationale, by string, at time.Time) (*Assessment, error) {
	a, err := m.assess(in, rationale, by, at)
	if err != nil {
		return nil, fmt.Errorf("risk: assess: %w", err)
	}
	return a, nil
}

// assess is Assess with errors that carry no package prefix.
func (m *Matrix) assess(in Rating, rationale, by string, at time.Time) (*Assessment, error) {
	res, err := m.evaluate(&in)
	if err != nil {
		return nil, err
	}
	a := &Assessment{
		Matrix:     m.Ref(),
		Likelihood: in.Likelihood,
		Impact:     m.Impact[res.Impact].ID,
		Level:      m.Risk[res.Level].ID,
		Rationale:  rationale,
		AssessedBy: by,
		AssessedAt: isms.NormalizeTime(at),
	}
	if len(in.Impacts) > 0 {
		a.Impacts = slices.Clone(in.Impacts)
		a.Rule = in.Rule.orDefault()
	}
	return a, nil
}

// Rescore re-performs a stored assessment with m and reports the risk
// level m gives it. It fails when the assessment was scored with another
// matrix (name or version) or names levels m does not have, or when m or
// a is nil.
func (m *Matrix) Rescore(a *Assessment) (string, error) {
	level, err := m.rescore(a)
	if err != nil {
		return "", fmt.Errorf("risk: rescore: %w", err)
	}
	return level, nil
}

// rescore is Rescore with errors that carry no package prefix.
func (m *Matrix) rescore(a *Assessment) (string, error) {
	switch {
	case m == nil:
		return "", isms.Invalidf("the matrix is nil")
	case a == nil:
		return "", isms.Invalidf("no assessment")
	case a.Matrix != m.Ref():
		return "", isms.Invalidf("assessment was scored with matrix %s, not %s", a.Matrix, m.Ref())
	}
	in := a.Rating()
	res, err := m.evaluate(&in)
	if err != nil {
		return "", err
	}
	return m.Risk[res.Level].ID, nil
}
