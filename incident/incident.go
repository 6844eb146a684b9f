package incident

import (
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Kind is the storage kind and Ref kind of incidents.
const Kind = "incident"

// Category classifies what happened.
type Category string

// Categories.
const (
	CategoryMalware            Category = "malware"
	CategoryRansomware         Category = "ransomware"
	CategoryPhishing           Category = "phishing"
	CategoryUnauthorizedAccess Category = "unauthorized_access"
	CategoryDataBreach         Category = "data_breach"
	CategoryDenialOfService    Category = "denial_of_service"
	CategoryInsider            Category = "insider"
	CategoryLossOrTheft        Category = "loss_or_theft"
	CategoryMisconfiguration   Category = "misconfiguration"
	CategoryVulnerability      Category = "vulnerability"
	CategoryOther              Category = "other"
)

var categoryValues = []Category{CategoryMalware, CategoryRansomware, CategoryPhishing, CategoryUnauthorizedAccess,
	CategoryDataBreach, CategoryDenialOfService, CategoryInsider, CategoryLossOrTheft, CategoryMisconfiguration,
	CategoryVulnerability, CategoryOther}

// CategoryValues returns every Category.
func CategoryValues() []Category { return slices.Clone(categoryValues) }

// IsValid reports whether c is a known Category.
func (c Category) IsValid() bool { return slices.Contains(categoryValues, c) }

// UnmarshalText accepts only known categories.
func (c *Category) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(c, "category", b, categoryValues)
}

// Impact is the incident's impact on the three axes of NIST SP 800-61r2
// section 3.2.6: functional ("none", "low", "medium", "high"),
// information ("none", "privacy", "proprietary", "integrity") and
// recoverability ("regular", "supplemented", "extended",
// "not_recoverable").
type Impact struct {
	Functional     string `json:"functional,omitempty"`
	Information    string `json:"information,omitempty"`
	Recoverability string `json:"recoverability,omitempty"`
}

var (
	functionalImpacts  = []string{"none", "low", "medium", "high"}
	informationImpacts = []string{"none", "privacy", "proprietary", "integrity"}
	recoverability     = []string{"regular", "supplemented", "extended", "not_recoverable"}
)

// PersonalData describes the personal data a breach involves.
type PersonalData struct {
	// Categories of data ("contact", "financial", "health").
	Categories []string `json:"categories,omitempty"`
	// People is the approximate number of people concerned.
	People int `json:"people,omitempty"`
	// Records is the approximate number of records concerned.
	Records int `json:"records,omitempty"`
	// MaxResidentsOneState is the most residents of one US State concerned.
	MaxResidentsOneState int `json:"max_residents_one_state,omitempty"`
	// HighRisk: likely to result in a high risk to people (GDPR Art. 34).
	HighRisk bool `json:"high_risk,omitempty"`
}

// Declaration records that an event became an incident: the criteria it
// met, who declared it and when.
type Declaration struct {
	Criteria []string  `json:"criteria"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// Incident is one security event or incident, from its report to its
// closure. Every intake source (a SOC alert, a user report, a supplier)
// creates the same record, so the same lifecycle and the same clocks
// apply. The workflow fields (status, declaration, timeline, actions,
// review, evidence, submissions) change only through the steps of
// Service, or the pure step methods, which write the timeline.
type Incident struct {
	isms.Meta
	// Title is required.
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Category    Category `json:"category,omitempty"`
	// Severity is a level of the service's Scale.
	Severity string `json:"severity,omitempty"`
	// Status is where the incident stands in Lifecycle.
	Status Status `json:"status"`
	Impact Impact `json:"impact,omitzero"`
	// AffectedAssets and AffectedServices name what is hit.
	AffectedAssets   []isms.Ref    `json:"affected_assets,omitempty"`
	AffectedServices []isms.Ref    `json:"affected_services,omitempty"`
	PersonalData     *PersonalData `json:"personal_data,omitempty"`
	// Significant (NIS2 Art. 23(3)), Major (DORA Art. 18) and Material
	// (SEC Item 1.05) record the regulatory classifications.
	Significant     bool   `json:"significant,omitempty"`
	Major           bool   `json:"major,omitempty"`
	Material        bool   `json:"material,omitempty"`
	DetectionSource string `json:"detection_source,omitempty"`
	Owner           string `json:"owner,omitempty"`
	// Tags select regime triggers (TagTrustService, TagHIPAA, ...).
	Tags []string `json:"tags,omitempty"`

	OccurredAt              time.Time `json:"occurred_at,omitzero"`
	DetectedAt              time.Time `json:"detected_at,omitzero"`
	AwareAt                 time.Time `json:"aware_at,omitzero"`
	ReportedAt              time.Time `json:"reported_at,omitzero"`
	DeclaredAt              time.Time `json:"declared_at,omitzero"`
	ClassifiedAt            time.Time `json:"classified_at,omitzero"`
	MaterialityDeterminedAt time.Time `json:"materiality_determined_at,omitzero"`
	RansomPaidAt            time.Time `json:"ransom_paid_at,omitzero"`
	CorrectiveMeasureAt     time.Time `json:"corrective_measure_at,omitzero"`
	ResolvedAt              time.Time `json:"resolved_at,omitzero"`
	ClosedAt                time.Time `json:"closed_at,omitzero"`

	Declaration      *Declaration  `json:"declaration,omitempty"`
	RecoveryCriteria string        `json:"recovery_criteria,omitempty"`
	Outcome          string        `json:"outcome,omitempty"`
	Dismissal        DismissReason `json:"dismissal,omitempty"`
	MergedInto       isms.ID       `json:"merged_into,omitempty"`

	Actions     []Action     `json:"actions,omitempty"`
	Review      *Review      `json:"review,omitempty"`
	Evidence    []Evidence   `json:"evidence,omitempty"`
	Submissions []Submission `json:"submissions,omitempty"`
	Requests    []Request    `json:"requests,omitempty"`
	NotRequired []Assessment `json:"not_required,omitempty"`
	// Timeline is append-only: every step writes to it.
	Timeline []Entry `json:"timeline,omitempty"`
}

// Ref returns the incident's Ref (zero for a nil incident).
func (inc *Incident) Ref() isms.Ref {
	if inc == nil {
		return isms.Ref{}
	}
	return inc.Meta.Ref(Kind)
}

// Validate reports every problem of inc: a title and a known status are
// required; enums must be known; refs well formed; the instants in order
// (occurred ≤ detected ≤ reported, resolved after occurred, closed after
// resolved) and stored exactly (isms.CheckTime); actions, evidence and
// timeline entries well formed. Validate does not compare times with a
// clock; ValidateAt does. It runs in linear time. A nil inc is an error.
func (inc *Incident) Validate() error {
	return inc.ValidateAt(time.Time{})
}

// ValidateAt is Validate plus the rule that no instant lies after now
// (a zero now skips it).
func (inc *Incident) ValidateAt(now time.Time) error {
	if inc == nil {
		return isms.Invalidf("incident is nil")
	}
	var ps isms.Problems
	if strings.TrimSpace(inc.Title) == "" {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	isms.CheckEnum(&ps, "status", inc.Status, statusValues, true)
	isms.CheckEnum(&ps, "category", inc.Category, categoryValues, false)
	isms.CheckEnum(&ps, "dismissal", inc.Dismissal, dismissReasonValues, false)
	checkIn(&ps, "impact.functional", inc.Impact.Functional, functionalImpacts)
	checkIn(&ps, "impact.information", inc.Impact.Information, informationImpacts)
	checkIn(&ps, "impact.recoverability", inc.Impact.Recoverability, recoverability)
	checkRefs(&ps, "affected_assets", inc.AffectedAssets)
	checkRefs(&ps, "affected_services", inc.AffectedServices)
	if p := inc.PersonalData; p != nil && (p.People < 0 || p.Records < 0 || p.MaxResidentsOneState < 0) {
		ps.Add("personal_data", isms.CodeOutOfRange, "counts must not be negative")
	}
	if inc.MergedInto != "" && !inc.MergedInto.IsValid() {
		ps.Add("merged_into", isms.CodeMalformed, "merged_into is not a valid ID")
	}
	times := [...]struct {
		f string
		t time.Time
	}{{"occurred_at", inc.OccurredAt}, {"detected_at", inc.DetectedAt}, {"aware_at", inc.AwareAt},
		{"reported_at", inc.ReportedAt}, {"declared_at", inc.DeclaredAt}, {"classified_at", inc.ClassifiedAt},
		{"materiality_determined_at", inc.MaterialityDeterminedAt}, {"ransom_paid_at", inc.RansomPaidAt},
		{"corrective_measure_at", inc.CorrectiveMeasureAt}, {"resolved_at", inc.ResolvedAt}, {"closed_at", inc.ClosedAt}}
	for _, x := range times {
		isms.CheckTime(&ps, x.f, x.t)
		if !now.IsZero() && x.t.After(now) {
			ps.Addf(x.f, isms.CodeOutOfRange, "%s is after now (%s)", x.f, now.UTC().Format(time.RFC3339))
		}
	}
	order := func(f string, a, b time.Time, strict bool, msg string) {
		if a.IsZero() || b.IsZero() {
			return
		}
		if b.Before(a) || strict && b.Equal(a) {
			ps.Add(f, isms.CodeOrder, msg)
		}
	}
	order("detected_at", inc.OccurredAt, inc.DetectedAt, false, "detected before it occurred")
	order("reported_at", inc.DetectedAt, inc.ReportedAt, false, "reported before it was detected")
	order("reported_at", inc.OccurredAt, inc.ReportedAt, false, "reported before it occurred")
	order("resolved_at", inc.OccurredAt, inc.ResolvedAt, true, "resolved_at must be after occurred_at")
	order("closed_at", inc.ResolvedAt, inc.ClosedAt, false, "closed before it was resolved")
	ids := make(map[isms.ID]bool, len(inc.Actions))
	for i := range inc.Actions {
		ps.Merge(indexField("actions", i), inc.Actions[i].validate())
		if ids[inc.Actions[i].ID] {
			ps.Add(indexField("actions", i)+".id", isms.CodeDuplicate, "action id listed twice")
		}
		ids[inc.Actions[i].ID] = true
	}
	clear(ids)
	for i := range inc.Evidence {
		ps.Merge(indexField("evidence", i), inc.Evidence[i].Validate())
		if ids[inc.Evidence[i].ID] {
			ps.Add(indexField("evidence", i)+".id", isms.CodeDuplicate, "evidence id listed twice")
		}
		ids[inc.Evidence[i].ID] = true
	}
	for i, e := range inc.Timeline {
		f := indexField("timeline", i)
		if e.Seq != i+1 {
			ps.Addf(f+".seq", isms.CodeOrder, "entry %d has seq %d", i+1, e.Seq)
		}
		if e.Corrects < 0 || e.Corrects >= e.Seq {
			ps.Add(f+".corrects", isms.CodeOrder, "a correction points at an earlier entry")
		}
		isms.CheckTime(&ps, f+".at", e.At)
	}
	return ps.Err(subjectOf(inc.ID))
}

func subjectOf(id isms.ID) string {
	if id == "" {
		return "incident"
	}
	return "incident " + string(id)
}

func checkIn(ps *isms.Problems, f, v string, values []string) {
	if v != "" && !slices.Contains(values, v) {
		ps.Addf(f, isms.CodeUnknown, "unknown value %q (want one of %s)", v, strings.Join(values, ", "))
	}
}

func checkRefs(ps *isms.Problems, f string, refs []isms.Ref) {
	seen := make(map[isms.Ref]bool, len(refs))
	for i, r := range refs {
		if err := r.Validate(); err != nil {
			ps.Merge(indexField(f, i), err)
		}
		if seen[r] {
			ps.Add(indexField(f, i), isms.CodeDuplicate, "listed twice")
		}
		seen[r] = true
	}
}

// ParseIncident decodes a JSON incident from a user strictly
// (isms.UnmarshalStrict) and validates it; an empty status becomes
// reported. Errors answer isms.ErrInvalid.
func ParseIncident(data []byte) (*Incident, error) {
	var inc Incident
	if err := isms.UnmarshalStrict(data, &inc); err != nil {
		return nil, wrap("parse", err)
	}
	if inc.Status == "" {
		inc.Status = StatusReported
	}
	if err := inc.Validate(); err != nil {
		return nil, wrap("parse", err)
	}
	return &inc, nil
}

// Facts returns what the notification clocks read of the incident: its
// instants (aware defaults to detected), classifications, personal data,
// tags, submissions, requests and assessments. Nil gives zero Facts.
func (inc *Incident) Facts() Facts {
	if inc == nil {
		return Facts{}
	}
	f := Facts{OccurredAt: inc.OccurredAt, DetectedAt: inc.DetectedAt, AwareAt: inc.AwareAt,
		DeclaredAt: inc.DeclaredAt, ClassifiedAt: inc.ClassifiedAt, MaterialityDeterminedAt: inc.MaterialityDeterminedAt,
		RansomPaidAt: inc.RansomPaidAt, ResolvedAt: inc.ResolvedAt, CorrectiveMeasureAt: inc.CorrectiveMeasureAt,
		Significant: inc.Significant, Major: inc.Major, Material: inc.Material, Tags: inc.Tags,
		Submissions: inc.Submissions, Requests: inc.Requests, NotRequired: inc.NotRequired}
	if f.AwareAt.IsZero() {
		f.AwareAt = inc.DetectedAt
	}
	if p := inc.PersonalData; p != nil {
		f.PersonalData, f.HighRisk, f.PeopleAffected, f.MaxResidentsOneState = true, p.HighRisk, p.People, p.MaxResidentsOneState
	}
	return f
}

func (inc *Incident) normalizeTimes() {
	for _, t := range []*time.Time{&inc.OccurredAt, &inc.DetectedAt, &inc.AwareAt, &inc.ReportedAt, &inc.DeclaredAt,
		&inc.ClassifiedAt, &inc.MaterialityDeterminedAt, &inc.RansomPaidAt, &inc.CorrectiveMeasureAt, &inc.ResolvedAt, &inc.ClosedAt} {
		*t = isms.NormalizeTime(*t)
	}
}
