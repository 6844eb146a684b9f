package isms

import (
	"slices"
	"strings"
)

// SectionKind says what a section of a document is about. The kinds
// besides SectionOther are the content an information security policy must
// state (ISO/IEC 27001:2022 5.2 and common practice; see
// CheckPolicyContent).
type SectionKind string

// Kinds of document sections.
const (
	// SectionScope: the scope of the policy and to whom it applies.
	SectionScope SectionKind = "scope"
	// SectionObjectives: the information security objectives, or the
	// framework for setting them (5.2 b).
	SectionObjectives SectionKind = "objectives"
	// SectionRequirements: the commitment to satisfy applicable legal,
	// regulatory and contractual requirements (5.2 c).
	SectionRequirements SectionKind = "requirements"
	// SectionImprovement: the commitment to continual improvement of the
	// ISMS (5.2 d).
	SectionImprovement SectionKind = "improvement"
	// SectionOwnership: who maintains and enforces the policy (5.3).
	SectionOwnership SectionKind = "ownership"
	// SectionNonCompliance: the consequences of not complying with it
	// (A.6.4, common practice).
	SectionNonCompliance SectionKind = "non_compliance"
	// SectionOther: any further content; it may occur more than once.
	SectionOther SectionKind = "other"
)

var sectionKindValues = []SectionKind{
	SectionScope, SectionObjectives, SectionRequirements, SectionImprovement,
	SectionOwnership, SectionNonCompliance, SectionOther,
}

// SectionKindValues returns every SectionKind.
func SectionKindValues() []SectionKind { return slices.Clone(sectionKindValues) }

// IsValid reports whether k is a known SectionKind.
func (k SectionKind) IsValid() bool { return slices.Contains(sectionKindValues, k) }

// UnmarshalText accepts only known kinds.
func (k *SectionKind) UnmarshalText(b []byte) error {
	return UnmarshalEnum(k, "section kind", b, sectionKindValues)
}

// DocumentSection is one section of a document's content: its kind, its
// heading and its text.
type DocumentSection struct {
	// Kind is required.
	Kind    SectionKind `json:"kind"`
	Heading string      `json:"heading,omitempty"`
	Text    string      `json:"text,omitempty"`
}

// InformationSecurityPolicySections returns the section kinds the
// information security policy (a policy without a topic) must have:
// scope, objectives, requirements, improvement, ownership and
// non_compliance (5.2 a–d, 5.3, A.6.4).
func InformationSecurityPolicySections() []SectionKind {
	return []SectionKind{SectionScope, SectionObjectives, SectionRequirements, SectionImprovement,
		SectionOwnership, SectionNonCompliance}
}

// TopicPolicySections returns the section kinds a topic-specific policy
// must have: scope, ownership and non_compliance (A.5.1).
func TopicPolicySections() []SectionKind {
	return []SectionKind{SectionScope, SectionOwnership, SectionNonCompliance}
}

// PolicyContentOptions configures CheckPolicyContent. A nil
// *PolicyContentOptions, and each nil field, means the default.
type PolicyContentOptions struct {
	// Required are the section kinds the information security policy must
	// have. Default: InformationSecurityPolicySections.
	Required []SectionKind `json:"required,omitempty"`
	// TopicRequired are the section kinds a topic-specific policy must
	// have. Default: TopicPolicySections.
	TopicRequired []SectionKind `json:"topic_required,omitempty"`
}

// Validate reports an error answering ErrInvalid when a listed kind is
// unknown or listed twice. A nil o is valid.
func (o *PolicyContentOptions) Validate() error {
	if o == nil {
		return nil
	}
	var ps Problems
	for _, l := range [...]struct {
		field string
		kinds []SectionKind
	}{{"required", o.Required}, {"topic_required", o.TopicRequired}} {
		seen := make(map[SectionKind]bool, len(l.kinds))
		for i, k := range l.kinds {
			CheckEnum(&ps, indexField(l.field, i), k, sectionKindValues, true)
			if seen[k] {
				ps.Addf(indexField(l.field, i), CodeDuplicate, "section kind %q is listed twice", k)
			}
			seen[k] = true
		}
	}
	return ps.Err("policy content options")
}

// CheckPolicyContent returns what a policy's content lacks, sorted with
// SortFindings. A nil document, one that is not a policy, and a retired
// one have no findings. The checks:
//
//   - policy.section_missing: a required section kind is absent (one
//     finding per kind). The information security policy (no Topic)
//     needs opts.Required, a topic-specific policy opts.TopicRequired.
//   - policy.section_empty: a required section is present but its text is
//     blank (one finding per such section).
//   - policy.controls_missing: a topic-specific policy names no Annex A
//     control it addresses.
//
// The error, answering ErrInvalid, reports options that do not validate;
// there are then no findings. It runs in time linear in the size of d.
func CheckPolicyContent(d *Document, opts *PolicyContentOptions) ([]Finding, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if d == nil || d.Type != DocumentPolicy || d.Status == DocumentRetired {
		return nil, nil
	}
	required := InformationSecurityPolicySections()
	if d.Topic != "" {
		required = TopicPolicySections()
	}
	if opts != nil && d.Topic == "" && opts.Required != nil {
		required = opts.Required
	}
	if opts != nil && d.Topic != "" && opts.TopicRequired != nil {
		required = opts.TopicRequired
	}
	subject := d.Meta.Ref(KindDocument)
	present := make(map[SectionKind]bool, len(d.Sections))
	var fs []Finding
	want := make(map[SectionKind]bool, len(required))
	for _, k := range required {
		want[k] = true
	}
	for i, s := range d.Sections {
		present[s.Kind] = true
		if want[s.Kind] && blank(s.Text) {
			fs = append(fs, newFinding(CodePolicySectionEmpty, subject, indexField("sections", i)+".text",
				map[string]string{"section": string(s.Kind), "topic": d.Topic},
				"policy %q has an empty %s section", d.Title, s.Kind))
		}
	}
	for _, k := range required {
		if !present[k] {
			fs = append(fs, newFinding(CodePolicySectionMissing, subject, "sections",
				map[string]string{"section": string(k), "topic": d.Topic},
				"policy %q has no %s section", d.Title, k))
		}
	}
	if d.Topic != "" && len(d.Controls) == 0 {
		fs = append(fs, newFinding(CodePolicyControlsMissing, subject, "controls",
			map[string]string{"topic": d.Topic},
			"topic-specific policy %q names no Annex A control it addresses", d.Title))
	}
	SortFindings(fs)
	return fs, nil
}

// validateContent checks the management-system fields of d (see
// Document.Validate).
func (d *Document) validateContent(ps *Problems) {
	if d.Topic != "" {
		if d.Type != DocumentPolicy {
			ps.Addf("topic", CodeForbidden, "only a policy has a topic, not a %s", d.Type)
		} else if blank(d.Topic) || strings.TrimSpace(d.Topic) != d.Topic {
			ps.Add("topic", CodeMalformed, "topic is blank or has leading or trailing space")
		}
	}
	checkIDList(ps, "controls", d.Controls)
	if d.Implements != "" {
		switch {
		case d.Type != DocumentStandard && d.Type != DocumentProcedure && d.Type != DocumentGuideline:
			ps.Addf("implements", CodeForbidden, "a %s implements no policy", d.Type)
		case !d.Implements.IsValid():
			addIDProblem(ps, "implements", d.Implements)
		case d.ID != "" && d.Implements == d.ID:
			ps.Add("implements", CodeForbidden, "a document cannot implement itself")
		}
	}
	seen := make(map[SectionKind]int, len(d.Sections))
	for i, s := range d.Sections {
		f := indexField("sections", i)
		CheckEnum(ps, f+".kind", s.Kind, sectionKindValues, true)
		if j, dup := seen[s.Kind]; dup && s.Kind != SectionOther {
			ps.Addf(f+".kind", CodeDuplicate, "section kind %q is listed twice (first at [%d])", s.Kind, j)
		} else if !dup {
			seen[s.Kind] = i
		}
	}
	if len(d.Steps) > 0 && d.Type != DocumentProcedure {
		ps.Addf("steps", CodeForbidden, "only a procedure has steps, not a %s", d.Type)
	}
	for i := range d.Steps {
		d.Steps[i].validate(ps, indexField("steps", i))
	}
}

// checkIDList validates each ID of a list and reports IDs listed twice, in
// one pass with a set.
func checkIDList(ps *Problems, field string, ids []ID) {
	first := make(map[ID]int, len(ids))
	for i, id := range ids {
		if j, dup := first[id]; dup {
			ps.Addf(indexField(field, i), CodeDuplicate, "%s is listed twice (first at [%d])", id, j)
			continue
		}
		first[id] = i
		if !id.IsValid() {
			addIDProblem(ps, indexField(field, i), id)
		}
	}
}
