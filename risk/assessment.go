package risk

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Stage names one of a risk's three assessments.
type Stage string

// Stages of assessment.
const (
	// StageInherent is the risk with no controls at all.
	StageInherent Stage = "inherent"
	// StageCurrent is the risk as it stands, with the existing controls.
	StageCurrent Stage = "current"
	// StageResidual is the target: the risk expected once the treatment is
	// in place.
	StageResidual Stage = "residual"
)

var stageValues = []Stage{StageInherent, StageCurrent, StageResidual}

// StageValues returns every Stage, in the order inherent, current,
// residual.
func StageValues() []Stage { return slices.Clone(stageValues) }

// IsValid reports whether s is a known Stage.
func (s Stage) IsValid() bool { return slices.Contains(stageValues, s) }

// UnmarshalText accepts only known stages.
func (s *Stage) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "assessment stage", b, stageValues)
}

// Assessment is one scoring of a risk: the matrix it used, the inputs by
// level ID, the combined impact and the resulting risk level, with the
// rationale, the assessor and the time. It keeps the levels, not a number,
// so that it can be re-performed with the matrix it names.
type Assessment struct {
	// Matrix is the matrix (name and version) the assessment was scored
	// with.
	Matrix MatrixRef `json:"matrix"`
	// Likelihood is the ID of the likelihood level.
	Likelihood string `json:"likelihood"`
	// Impacts rates each dimension, when impact was rated per dimension.
	Impacts []DimensionImpact `json:"impacts,omitempty"`
	// Rule combined Impacts; empty when Impacts is empty.
	Rule CombineRule `json:"rule,omitempty"`
	// Impact is the ID of the combined (or directly given) impact level.
	Impact string `json:"impact"`
	// Level is the ID of the risk level.
	Level string `json:"level"`
	// Rationale explains the ratings.
	Rationale string `json:"rationale,omitempty"`
	// AssessedBy and AssessedAt record who assessed, and when.
	AssessedBy string    `json:"assessed_by,omitempty"`
	AssessedAt time.Time `json:"assessed_at,omitzero"` // see AssessedBy
}

// Rating returns the inputs of the assessment, to re-score it; the zero
// Rating for a nil assessment.
func (a *Assessment) Rating() Rating {
	if a == nil {
		return Rating{}
	}
	if len(a.Impacts) == 0 {
		return Rating{Likelihood: a.Likelihood, Impact: a.Impact}
	}
	return Rating{Likelihood: a.Likelihood, Impacts: a.Impacts, Rule: a.Rule}
}

// Clone returns a deep copy of a (nil for nil).
func (a *Assessment) Clone() *Assessment {
	if a == nil {
		return nil
	}
	c := *a
	c.Impacts = slices.Clone(a.Impacts)
	return &c
}

// Validate checks the assessment's structure; whether its levels belong to
// a matrix is a matter for Matrix.Rescore and Check. Its time is linear in
// the number of dimensions. A nil assessment is an error.
func (a *Assessment) Validate() error {
	if a == nil {
		return isms.Invalidf("assessment is nil")
	}
	var ps isms.Problems
	a.validate(&ps)
	return ps.Err("assessment")
}

func (a *Assessment) validate(ps *isms.Problems) {
	if a.Matrix.Name == "" {
		ps.Add("matrix.name", isms.CodeRequired, "matrix name is required")
	}
	if a.Matrix.Version == "" {
		ps.Add("matrix.version", isms.CodeRequired, "matrix version is required")
	}
	if a.Likelihood == "" {
		ps.Add("likelihood", isms.CodeRequired, "likelihood is required")
	}
	if a.Impact == "" {
		ps.Add("impact", isms.CodeRequired, "impact is required")
	}
	if a.Level == "" {
		ps.Add("level", isms.CodeRequired, "level is required")
	}
	seen := make(map[Dimension]bool, len(a.Impacts))
	for k, d := range a.Impacts {
		f := indexField("impacts", k)
		if err := d.Dimension.Validate(); err != nil {
			ps.Add(f+".dimension", isms.CodeMalformed, err.Error())
		} else if seen[d.Dimension] {
			ps.Addf(f+".dimension", isms.CodeDuplicate, "dimension %q is rated twice", string(d.Dimension))
		}
		seen[d.Dimension] = true
		if d.Impact == "" {
			ps.Add(f+".impact", isms.CodeRequired, "impact is required")
		}
	}
	isms.CheckEnum(ps, "rule", a.Rule, combineRuleValues, len(a.Impacts) > 0)
	if len(a.Impacts) == 0 && a.Rule != "" {
		ps.Add("rule", isms.CodeForbidden, "a rule needs per-dimension impacts")
	}
	isms.CheckTime(ps, "assessed_at", a.AssessedAt)
}
