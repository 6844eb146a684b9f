package controls

import (
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/ismskit/ismskit/isms"
)

// ProfileFact is a yes-or-no fact about an organisation, recorded in its
// Profile, that bears on which controls apply to it.
type ProfileFact string

// Profile facts.
const (
	FactDevelopsSoftware      ProfileFact = "develops_software"
	FactOutsourcesDevelopment ProfileFact = "outsources_development"
	FactUsesCloudServices     ProfileFact = "uses_cloud_services"
	FactHasPhysicalPremises   ProfileFact = "has_physical_premises"
	FactProcessesPersonalData ProfileFact = "processes_personal_data"
	FactAllowsRemoteWorking   ProfileFact = "allows_remote_working"
	FactUsesRemovableMedia    ProfileFact = "uses_removable_media"
)

var profileFactValues = []ProfileFact{
	FactDevelopsSoftware, FactOutsourcesDevelopment, FactUsesCloudServices, FactHasPhysicalPremises,
	FactProcessesPersonalData, FactAllowsRemoteWorking, FactUsesRemovableMedia,
}

// ProfileFactValues returns every ProfileFact.
func ProfileFactValues() []ProfileFact { return slices.Clone(profileFactValues) }

// IsValid reports whether f is a known ProfileFact.
func (f ProfileFact) IsValid() bool { return slices.Contains(profileFactValues, f) }

// UnmarshalText accepts only known profile facts.
func (f *ProfileFact) UnmarshalText(b []byte) error {
	return unmarshalEnum(f, "profile fact", b, profileFactValues)
}

// Profile describes an organisation by facts. A fact absent from Facts is
// unknown, and rules that depend on it do not fire.
type Profile struct {
	Facts map[ProfileFact]bool `json:"facts,omitempty"`
}

// Set records a fact and returns p, for chaining. On a nil *Profile it
// returns a new Profile holding the fact, so a chain started on nil still
// records every fact.
func (p *Profile) Set(f ProfileFact, v bool) *Profile {
	if p == nil {
		p = new(Profile)
	}
	if p.Facts == nil {
		p.Facts = make(map[ProfileFact]bool)
	}
	p.Facts[f] = v
	return p
}

// Validate reports unknown facts. The error answers
// errors.Is(err, isms.ErrInvalid).
func (p Profile) Validate() error {
	var ps isms.Problems
	for f := range p.Facts {
		if !f.IsValid() {
			// Report every unknown fact, in a deterministic order.
			for _, f := range slices.Sorted(maps.Keys(p.Facts)) {
				isms.CheckEnum(&ps, "facts", f, profileFactValues, true)
			}
			break
		}
	}
	return ps.Err("profile")
}

// Condition is a fact a suggestion rule needs, with the value it needs.
type Condition struct {
	Fact  ProfileFact `json:"fact"`
	Value bool        `json:"value"`
}

// MaxSuggestionRules is the largest number of rules Suggest accepts: far
// more than any real rule set (DefaultSuggestionRules has 13), and few
// enough that a rule set of isms.MaxDocumentSize bytes is refused at once.
const MaxSuggestionRules = 1000

// SuggestionRule suggests the applicability of some controls when every
// condition holds in a profile. Rules are data: users may write their own,
// extend or replace DefaultSuggestionRules. (The checks of the SDK, which
// produce findings, are listed as isms.Rule values by Rules; a
// SuggestionRule is advice about applicability, not a check.)
type SuggestionRule struct {
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
// known fact (each fact once), at least one valid control id (each once), a
// known applicability, an exclusion reason exactly when the rule excludes,
// an inclusion reason only when it includes, and a rationale. The time is
// linear in the size of the rule.
func (r SuggestionRule) Validate() error {
	var ps isms.Problems
	if r.ID == "" {
		ps.Add("id", isms.CodeRequired, "id is required")
	}
	checkText(&ps, "id", r.ID)
	if len(r.When) == 0 {
		ps.Add("when", isms.CodeRequired, "at least one condition is required")
	}
	var seenFacts uint8 // bit k: profileFactValues[k] used
	for i, c := range r.When {
		k := slices.Index(profileFactValues, c.Fact) // a short, fixed list
		switch {
		case k < 0:
			isms.CheckEnum(&ps, fmt.Sprintf("when[%d].fact", i), c.Fact, profileFactValues, true)
		case seenFacts&(1<<k) != 0:
			ps.Addf(fmt.Sprintf("when[%d].fact", i), isms.CodeDuplicate, "fact %q is used twice", c.Fact)
		default:
			seenFacts |= 1 << k
		}
	}
	if len(r.Controls) == 0 {
		ps.Add("controls", isms.CodeRequired, "at least one control is required")
	}
	seen := make(map[isms.ID]struct{}, len(r.Controls))
	for i, id := range r.Controls {
		if err := id.Validate(); err != nil {
			ps.Add(fmt.Sprintf("controls[%d]", i), isms.CodeMalformed, err.Error())
			continue
		}
		if _, dup := seen[id]; dup {
			ps.Addf(fmt.Sprintf("controls[%d]", i), isms.CodeDuplicate, "control %s is listed twice", id)
			continue
		}
		seen[id] = struct{}{}
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
	checkText(&ps, "rationale", r.Rationale)
	subject := "suggestion rule"
	if r.ID != "" && utf8.ValidString(r.ID) {
		subject += " " + r.ID
	}
	return ps.Err(subject)
}

// holds reports whether every condition of r holds in p.
func (r SuggestionRule) holds(p Profile) bool {
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
	// RuleID is the id of the SuggestionRule that made the suggestion.
	RuleID string `json:"rule_id"`
	// Rationale is the rule's rationale.
	Rationale string `json:"rationale"`
	// Facts are the profile facts that triggered the rule.
	Facts []Condition `json:"facts"`
	// Conflicts lists the ids of the rules that suggest another
	// applicability for the same control, in suggestion order, so people
	// can see the disagreement.
	Conflicts []string `json:"conflicts,omitempty"`
	// (Suggest shares the backing arrays of Facts among the suggestions of
	// one rule, and of Conflicts among those of one control and
	// applicability; their capacity is clipped, so appending is safe, but
	// copy them before changing an element.)
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
	// SuggestionRules replaces the rule set; at most MaxSuggestionRules.
	// Default (nil): DefaultSuggestionRules().
	SuggestionRules []SuggestionRule `json:"suggestion_rules,omitempty"`
}

// Suggest applies the suggestion rules to the profile and returns a
// suggestion for each (rule, control) whose conditions all hold, ordered by
// the control's position in cat and then by rule order. Every suggestion
// names its rule and the facts that triggered it; suggestions for one
// control that disagree name each other in Conflicts.
//
// It fails with isms.ErrInvalid when cat is nil, when the profile or a rule
// is invalid, when two rules share an id, when a rule names a control cat
// does not hold, or when there are more than MaxSuggestionRules rules. The
// time is linear in the size of the rules and of the suggestions.
func Suggest(p Profile, cat *Catalog, opts *SuggestOptions) ([]Suggestion, error) {
	rules := DefaultSuggestionRules()
	if opts != nil && opts.SuggestionRules != nil {
		rules = opts.SuggestionRules
	}
	if cat == nil {
		return nil, fmt.Errorf("controls: suggest: %w", isms.Invalidf("catalog is nil"))
	}
	if len(rules) > MaxSuggestionRules {
		return nil, fmt.Errorf("controls: suggest: %w",
			isms.Invalidf("%d suggestion rules, more than the %d allowed", len(rules), MaxSuggestionRules))
	}
	var ps isms.Problems
	ps.Merge("profile", p.Validate())
	ids := make(map[string]bool, len(rules))
	for i, r := range rules {
		field := fmt.Sprintf("suggestion_rules[%d]", i)
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
	if err := ps.Err(""); err != nil {
		return nil, wrap("suggest", err)
	}

	// Generate the suggestions in catalog order, then rule order, with a
	// counting sort on the controls' catalog positions (stable, linear).
	type gen struct {
		rule int
		pos  int
		id   isms.ID
	}
	var gens []gen
	count := make([]int, cat.Len()+1)
	for k, r := range rules {
		if !r.holds(p) {
			continue
		}
		for _, id := range r.Controls {
			pos := cat.Index(id)
			gens = append(gens, gen{rule: k, pos: pos, id: id})
			count[pos+1]++
		}
	}
	if len(gens) == 0 {
		return nil, nil
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	facts := make([][]Condition, len(rules)) // one copy per rule, shared by its suggestions
	out := make([]Suggestion, len(gens))
	for _, g := range gens {
		r := &rules[g.rule]
		if facts[g.rule] == nil {
			facts[g.rule] = slices.Clip(slices.Clone(r.When))
		}
		out[count[g.pos]] = Suggestion{
			ControlID:       g.id,
			Applicability:   r.Applicability,
			InclusionReason: r.InclusionReason,
			ExclusionReason: r.ExclusionReason,
			RuleID:          r.ID,
			Rationale:       r.Rationale,
			Facts:           facts[g.rule],
		}
		count[g.pos]++
	}
	// The suggestions of one control are now adjacent, and their rules
	// distinct (a rule names a control once). Each lists the rules of the
	// run with another applicability, in run order; the suggestions of one
	// applicability share that list, so the work and memory stay linear in
	// the suggestions however many rules disagree.
	for lo := 0; lo < len(out); {
		hi := lo + 1
		for hi < len(out) && out[hi].ControlID == out[lo].ControlID {
			hi++
		}
		run := out[lo:hi]
		var apps []Applicability // the distinct applicabilities of the run
		for _, sg := range run {
			if !slices.Contains(apps, sg.Applicability) { // at most three
				apps = append(apps, sg.Applicability)
			}
		}
		if len(apps) > 1 {
			for _, a := range apps {
				var others []string
				for _, sg := range run {
					if sg.Applicability != a {
						others = append(others, sg.RuleID)
					}
				}
				others = slices.Clip(others)
				for i := range run {
					if run[i].Applicability == a {
						run[i].Conflicts = others
					}
				}
			}
		}
		lo = hi
	}
	return out, nil
}
