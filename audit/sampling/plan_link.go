package sampling

import (
	"strconv"

	"github.com/ismskit/ismskit/isms"
)

// SelectionPlan is the plan a selection serves, recorded in its spec
// (SelectionSpec.Plan) so that the sample stays tied to what it samples:
// Select refuses a population or size that does not match it, and
// EvaluateAttributeSelection and EvaluateMonetarySelection evaluate
// against it. Exactly one of Attribute and Monetary is set. Build it with
// AttributeResult.SelectionPlan or MonetaryResult.SelectionPlan.
type SelectionPlan struct {
	// Attribute is the attribute plan (population, confidence, tolerable
	// and expected rates), with Model resolved.
	Attribute *AttributePlan `json:"attribute,omitempty"`
	// Monetary is the monetary-unit plan (confidence, tolerable and
	// expected misstatement, population value).
	Monetary *MonetaryPlan `json:"monetary,omitempty"`
	// SampleSize is the planned sample size: items for an attribute plan,
	// monetary units for a monetary one.
	SampleSize int `json:"sample_size"`
	// AllowedDeviations is ceil(ExpectedRate x SampleSize), the deviations
	// an attribute plan allows; 0 for a monetary plan.
	AllowedDeviations int `json:"allowed_deviations,omitempty"`
}

// SelectionPlan returns the plan record of the planned sample, for
// SelectionSpec.Plan.
func (r AttributeResult) SelectionPlan() *SelectionPlan {
	p := r.Plan
	return &SelectionPlan{Attribute: &p, SampleSize: r.SampleSize, AllowedDeviations: r.AllowedDeviations}
}

// SelectionPlan returns the plan record of the planned sample, for
// SelectionSpec.Plan.
func (r MonetaryResult) SelectionPlan() *SelectionPlan {
	p := r.Plan
	return &SelectionPlan{Monetary: &p, SampleSize: r.SampleSize}
}

// Validate checks that exactly one plan is set and validates, that the
// sample size lies in [1, MaxSampleSize], and that an attribute plan's
// allowed deviations are ceil(ExpectedRate x SampleSize). A nil plan is
// invalid.
func (p *SelectionPlan) Validate() error {
	var ps isms.Problems
	p.validate(&ps, "")
	return ps.Err("selection plan")
}

func (p *SelectionPlan) validate(ps *isms.Problems, prefix string) {
	f := func(name string) string { return isms.JoinField(prefix, name) }
	if p == nil {
		ps.Add(prefix, isms.CodeRequired, "the plan is nil")
		return
	}
	if p.SampleSize < 1 || p.SampleSize > MaxSampleSize {
		ps.Addf(f("sample_size"), isms.CodeOutOfRange, "sample_size must be between 1 and %d, got %d", MaxSampleSize, p.SampleSize)
	}
	switch {
	case (p.Attribute == nil) == (p.Monetary == nil):
		ps.Add(f("attribute"), isms.CodeRequired, "exactly one of attribute and monetary is set")
	case p.Attribute != nil:
		ap, err := p.Attribute.params()
		if err != nil {
			ps.Merge(f("attribute"), err)
			return
		}
		if p.SampleSize >= 1 && p.SampleSize <= MaxSampleSize {
			if want := ap.allowed(p.SampleSize); p.AllowedDeviations != want {
				ps.Addf(f("allowed_deviations"), isms.CodeOutOfRange,
					"allowed_deviations is ceil(expected_rate x sample_size) = %d, got %d", want, p.AllowedDeviations)
			}
		}
		if p.Attribute.Population > 0 && p.SampleSize > p.Attribute.Population {
			ps.Addf(f("sample_size"), isms.CodeOutOfRange, "sample_size %d exceeds the population %d", p.SampleSize, p.Attribute.Population)
		}
	default:
		ps.Merge(f("monetary"), p.Monetary.Validate())
		if p.AllowedDeviations != 0 {
			ps.Add(f("allowed_deviations"), isms.CodeForbidden, "allowed_deviations applies to attribute plans only")
		}
	}
}

// checkPlan compares a spec's plan with the population it is to select
// from: the method must suit the plan, the size must be the planned one,
// and the population must be the planned one (its number of items for an
// attribute plan with a population, its total value for a monetary plan
// with a population value).
func checkPlan(ps *isms.Problems, spec SelectionSpec, items int, total int64, overflow bool) {
	p := spec.Plan
	var vps isms.Problems
	p.validate(&vps, "spec.plan")
	if len(vps) > 0 {
		*ps = append(*ps, vps...)
		return
	}
	if spec.Size != p.SampleSize {
		ps.Addf("size", isms.CodeOutOfRange, "size %d is not the planned sample size %d", spec.Size, p.SampleSize)
	}
	if a := p.Attribute; a != nil {
		switch spec.Method {
		case MethodSimpleRandom, MethodSystematic, MethodStratified:
		default:
			ps.Addf("method", isms.CodeForbidden, "an attribute plan samples items; method %q samples monetary units", string(spec.Method))
		}
		if a.Population > 0 && items != a.Population {
			ps.Addf("items", isms.CodeOutOfRange, "the plan is for a population of %d items, got %d", a.Population, items)
		}
		return
	}
	m := p.Monetary
	if spec.Method != MethodMonetaryUnit && spec.Method != MethodCell {
		ps.Addf("method", isms.CodeForbidden, "a monetary plan samples monetary units; method %q samples items", string(spec.Method))
	}
	if m.PopulationValue > 0 && (overflow || float64(total) != m.PopulationValue) {
		ps.Addf("items", isms.CodeOutOfRange, "the plan is for a population value of %s, the items total %s",
			fmtNum(m.PopulationValue), totalText(total, overflow))
	}
}

func totalText(total int64, overflow bool) string {
	if overflow {
		return "more than 2^63-1"
	}
	return strconv.FormatInt(total, 10)
}

// EvaluateAttributeSelection evaluates a test of controls on a recorded
// selection against the attribute plan it serves (SelectionSpec.Plan):
// tested is the number of selected items tested, which must be the
// selection's size (every selected item is tested), and deviations the
// deviations found in them. It is EvaluateAttribute with the plan and the
// size taken from the record, so that a sample cannot be evaluated against
// another plan or size than it was drawn for.
//
// The error wraps isms.ErrInvalid for a nil or invalid selection, one
// without an attribute plan, a tested count other than the selection's
// size, and EvaluateAttribute's errors.
func EvaluateAttributeSelection(sel *Selection, tested, deviations int) (AttributeEvaluation, error) {
	const op = "evaluate attribute selection"
	p, err := selectionPlan(sel)
	if err != nil {
		return AttributeEvaluation{}, wrap(op, err)
	}
	if p.Attribute == nil {
		return AttributeEvaluation{}, wrap(op, isms.Invalidf("the selection serves no attribute plan"))
	}
	if n := len(sel.Items); tested != n {
		return AttributeEvaluation{}, wrap(op, isms.Invalidf("%d items tested, but the selection holds %d", tested, n))
	}
	ev, err := evaluateAttribute(*p.Attribute, tested, deviations)
	if err != nil {
		return AttributeEvaluation{}, wrap(op, err)
	}
	return ev, nil
}

// EvaluateMonetarySelection evaluates a monetary-unit sample on a
// recorded selection against the monetary plan it serves
// (SelectionSpec.Plan): tested is the number of monetary units sampled,
// which must be the selection's size (Spec.Size), and taints are as for
// EvaluateMonetary.
//
// The error wraps isms.ErrInvalid for a nil or invalid selection, one
// without a monetary plan, a tested count other than the selection's size,
// and EvaluateMonetary's errors.
func EvaluateMonetarySelection(sel *Selection, tested int, taints []float64, opts *MonetaryOptions) (MonetaryEvaluation, error) {
	const op = "evaluate monetary selection"
	p, err := selectionPlan(sel)
	if err != nil {
		return MonetaryEvaluation{}, wrap(op, err)
	}
	if p.Monetary == nil {
		return MonetaryEvaluation{}, wrap(op, isms.Invalidf("the selection serves no monetary plan"))
	}
	if tested != sel.Spec.Size {
		return MonetaryEvaluation{}, wrap(op, isms.Invalidf("%d units tested, but the selection sampled %d", tested, sel.Spec.Size))
	}
	ev, err := evaluateMonetary(*p.Monetary, tested, taints, opts)
	if err != nil {
		return MonetaryEvaluation{}, wrap(op, err)
	}
	return ev, nil
}

func selectionPlan(sel *Selection) (*SelectionPlan, error) {
	if sel == nil {
		return nil, isms.Invalidf("no selection to evaluate")
	}
	if sel.Spec.Plan == nil {
		return nil, isms.Invalidf("the selection records no plan (SelectionSpec.Plan)")
	}
	if err := sel.Validate(); err != nil {
		return nil, err
	}
	return sel.Spec.Plan, nil
}
