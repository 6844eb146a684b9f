package controls

import (
	"fmt"
	"maps"
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// Fact is a yes-or-no fact about an organisation that bears on which
// controls apply to it.
type Fact string

// Facts.
const (
	FactDevelopsSoftware      Fact = "develops_software"
	FactOutsourcesDevelopment Fact = "outsources_development"
	FactUsesCloudServices     Fact = "uses_cloud_services"
	FactHasPhysicalPremises   Fact = "has_physical_premises"
	FactProcessesPersonalData Fact = "processes_personal_data"
	FactAllowsRemoteWorking   Fact = "allows_remote_working"
	FactUsesRemovableMedia    Fact = "uses_removable_media"
)

var factValues = []Fact{
	FactDevelopsSoftware, FactOutsourcesDevelopment, FactUsesCloudServices, FactHasPhysicalPremises,
	FactProcessesPersonalData, FactAllowsRemoteWorking, FactUsesRemovableMedia,
}

// FactValues returns every Fact.
func FactValues() []Fact { return slices.Clone(factValues) }

// IsValid reports whether f is a known Fact.
func (f Fact) IsValid() bool { return slices.Contains(factValues, f) }

// UnmarshalText accepts only known facts.
func (f *Fact) UnmarshalText(b []byte) error { return isms.UnmarshalEnum(f, "fact", b, factValues) }

// Profile describes an organisation by facts. A fact absent from Facts is
// unknown, and rules that depend on it do not fire.
type Profile struct {
	Facts map[Fact]bool `json:"facts,omitempty"`
}

// Set records a fact and returns p, for chaining.
func (p *Profile) Set(f Fact, v bool) *Profile {
	if p.Facts == nil {
		p.Facts = make(map[Fact]bool)
	}
	p.Facts[f] = v
	return p
}

// Validate reports unknown facts. The error answers
// errors.Is(err, isms.ErrInvalid).
func (p Profile) Validate() error {
	var ps isms.Problems
	for _, f := range slices.Sorted(maps.Keys(p.Facts)) {
		isms.CheckEnum(&ps, "facts", f, factValues, true)
	}
	return ps.Err("profile")
}

// Condition is a fact a rule needs, with the value it needs.
type Condition struct {
	Fact  Fact `json:"fact"`
	Value bool `json:"value"`
}

// Rule suggests the applicability of some controls when every condition
// holds in a profile. Rules are data: users may write their own, extend or
// replace DefaultRules.
type Rule struct {
	// ID names the rule in suggestions.
	ID string `json:"id"`
	// When lists the conditions; all must hold.
	When []Condition `json:"when"`
	// Controls lists the controls the rule speaks about.
	Controls []isms.ID `json:"controls"`
	// Applicability is the suggested applicability.
	Applicability Applicability `json:"applicability"`
	// InclusionReason optionally suggests why an included control is included.
	InclusionReason InclusionReason `json:"inclusion_reason,omitempty"`
	// ExclusionReason says why an excluded control is excluded; required
	// when Applicability is NotApplicable.
	ExclusionReason ExclusionReason `json:"exclusion_reason,omitempty"`
	// Rationale explains the rule to the people who decide.
	Rationale string `json:"rationale"`
}

// Validate checks the rule's own rules: an id, at least one condition on a
// known fact (each fact once), at least one valid control id, a known
// applicability, an exclusion reason exactly when the rule excludes, an
// inclusion reason only when it includes, and a rationale.
func (r Rule) Validate() error {
	var ps isms.Problems
	if r.ID == "" {
		ps.Add("id", isms.CodeRequired, "id is required")
	}
	if len(r.When) == 0 {
		ps.Add("when", isms.CodeRequired, "at least one condition is required")
	}
	for i, c := range r.When {
		f := fmt.Sprintf("when[%d].fact", i)
		isms.CheckEnum(&ps, f, c.Fact, factValues, true)
		if slices.ContainsFunc(r.When[:i], func(o Condition) bool { return o.Fact == c.Fact }) {
			ps.Addf(f, isms.CodeDuplicate, "fact %q is used twice", c.Fact)
		}
	}
	if len(r.Controls) == 0 {
		ps.Add("controls", isms.CodeRequired, "at least one control is required")
	}
	for i, id := range r.Controls {
		if err := id.Validate(); err != nil {
			ps.Add(fmt.Sprintf("controls[%d]", i), isms.CodeMalformed, err.Error())
		} else if slices.Contains(r.Controls[:i], id) {
			ps.Addf(fmt.Sprintf("controls[%d]", i), isms.CodeDuplicate, "control %s is listed twice", id)
		}
	}
	isms.CheckEnum(&ps, "applicability", r.Applicability, applicabilityValues, true)
	isms.CheckEnum(&ps, "inclusion_reason", r.InclusionReason, inclusionReasonValues, false)
	isms.CheckEnum(&ps, "exclusion_reason", r.ExclusionReason, exclusionReasonValues, false)
	if r.Applicability == NotApplicable {
		if r.ExclusionReason == "" {
			ps.Add("exclusion_reason", isms.CodeRequired, "a rule that excludes needs an exclusion reason")
		}
		if r.InclusionReason != "" {
			ps.Add("inclusion_reason", isms.CodeForbidden, "a rule that excludes has no inclusion reason")
		}
	} else if r.ExclusionReason != "" {
		ps.Add("exclusion_reason", isms.CodeForbidden, "a rule that includes has no exclusion reason")
	}
	if r.Rationale == "" {
		ps.Add("rationale", isms.CodeRequired, "rationale is required")
	}
	return ps.Err("rule " + r.ID)
}

// holds reports whether every condition of r holds in p.
func (r Rule) holds(p Profile) bool {
	for _, c := range r.When {
		v, known := p.Facts[c.Fact]
		if !known || v != c.Value {
			return false
		}
	}
	return true
}

// Suggestion is one rule's suggestion for one control, with what triggered
// it. It is advice: the SoA decision stays with people.
type Suggestion struct {
	ControlID       isms.ID         `json:"control_id"`
	Applicability   Applicability   `json:"applicability"`
	InclusionReason InclusionReason `json:"inclusion_reason,omitempty"`
	ExclusionReason ExclusionReason `json:"exclusion_reason,omitempty"`
	// Rule is the id of the rule that made the suggestion.
	Rule string `json:"rule"`
	// Rationale is the rule's rationale.
	Rationale string `json:"rationale"`
	// Facts are the profile facts that triggered the rule.
	Facts []Condition `json:"facts"`
	// Conflicts lists the rules that suggest another applicability for
	// the same control, so people can see the disagreement.
	Conflicts []string `json:"conflicts,omitempty"`
}

// Draft returns an SoA entry that records the suggestion, for a person to
// review, complete (risks, owner, status) and approve. For an exclusion the
// rationale becomes the draft justification, to be rewritten in the
// organisation's own words.
func (sg Suggestion) Draft() Entry {
	e := Entry{ControlID: sg.ControlID, Applicability: sg.Applicability}
	if sg.InclusionReason != "" {
		e.InclusionReasons = []InclusionReason{sg.InclusionReason}
	}
	if sg.Applicability == NotApplicable {
		e.ExclusionReason = sg.ExclusionReason
		e.Justification = sg.Rationale
		e.Status = StatusNotApplicable
	}
	return e
}

// SuggestOptions configures Suggest. A nil *SuggestOptions means the
// defaults.
type SuggestOptions struct {
	// Rules replaces the rule set. Default: DefaultRules().
	Rules []Rule
}

// Suggest applies the rules to the profile and returns a suggestion for
// each (rule, control) whose conditions all hold, ordered by the control's
// position in cat and then by rule order. Every suggestion names its rule
// and the facts that triggered it; suggestions for one control that
// disagree name each other in Conflicts.
//
// It fails with isms.ErrInvalid when the profile or a rule is invalid or
// when a rule names a control cat does not hold.
func Suggest(p Profile, cat *Catalog, opts *SuggestOptions) ([]Suggestion, error) {
	rules := DefaultRules()
	if opts != nil && opts.Rules != nil {
		rules = opts.Rules
	}
	var ps isms.Problems
	ps.Merge("profile", p.Validate())
	ids := make(map[string]bool, len(rules))
	for i, r := range rules {
		field := fmt.Sprintf("rules[%d]", i)
		ps.Merge(field, r.Validate())
		if ids[r.ID] && r.ID != "" {
			ps.Addf(field+".id", isms.CodeDuplicate, "rule id %q is used twice", r.ID)
		}
		ids[r.ID] = true
		for k, id := range r.Controls {
			if id != "" && !cat.Has(id) {
				ps.Addf(fmt.Sprintf("%s.controls[%d]", field, k), isms.CodeUnknown, "control %q is not in catalog %q", id, cat.ID())
			}
		}
	}
	if err := ps.Err("suggest"); err != nil {
		return nil, fmt.Errorf("controls: suggest: %w", err)
	}

	var out []Suggestion
	for _, r := range rules {
		if !r.holds(p) {
			continue
		}
		for _, id := range r.Controls {
			out = append(out, Suggestion{
				ControlID:       id,
				Applicability:   r.Applicability,
				InclusionReason: r.InclusionReason,
				ExclusionReason: r.ExclusionReason,
				Rule:            r.ID,
				Rationale:       r.Rationale,
				Facts:           slices.Clone(r.When),
			})
		}
	}
	// Stable sort by catalog position keeps rule order within a control.
	slices.SortStableFunc(out, func(a, b Suggestion) int { return cat.Index(a.ControlID) - cat.Index(b.ControlID) })
	for i := range out {
		for j := range out {
			if out[i].ControlID == out[j].ControlID && out[i].Applicability != out[j].Applicability &&
				!slices.Contains(out[i].Conflicts, out[j].Rule) {
				out[i].Conflicts = append(out[i].Conflicts, out[j].Rule)
			}
		}
	}
	return out, nil
}
