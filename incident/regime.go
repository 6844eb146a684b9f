package incident

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// AnchorEvent names the fact an obligation's period counts from.
type AnchorEvent string

// Anchor events. Each reads one instant of Facts; AnchorSubmitted and
// AnchorRequested read the submission of, or a request for, the obligation
// the anchor names.
const (
	AnchorOccurred   AnchorEvent = "occurred"
	AnchorDetected   AnchorEvent = "detected"
	AnchorAware      AnchorEvent = "aware"
	AnchorDeclared   AnchorEvent = "declared"
	AnchorClassified AnchorEvent = "classified"
	// AnchorMateriality is the determination that the incident is material.
	AnchorMateriality AnchorEvent = "materiality_determined"
	// AnchorRansomPaid is the payment of a ransom, or the moment the entity
	// became aware of it (Facts.RansomPaidAt).
	AnchorRansomPaid AnchorEvent = "ransom_paid"
	// AnchorResolved is the end of the incident's handling.
	AnchorResolved AnchorEvent = "resolved"
	// AnchorCorrectiveMeasure is when a corrective or mitigating measure
	// became available.
	AnchorCorrectiveMeasure AnchorEvent = "corrective_measure"
	// AnchorAwareYearEnd is the end of the calendar year (in the regime's
	// zone) in which the entity became aware: 1 January 00:00 of the next
	// year.
	AnchorAwareYearEnd AnchorEvent = "aware_year_end"
	// AnchorSubmitted is the (latest) submission of Anchor.Obligation.
	AnchorSubmitted AnchorEvent = "submitted"
	// AnchorRequested is the (latest) request received for
	// Anchor.Obligation.
	AnchorRequested AnchorEvent = "requested"
)

var anchorEventValues = []AnchorEvent{AnchorOccurred, AnchorDetected, AnchorAware, AnchorDeclared, AnchorClassified,
	AnchorMateriality, AnchorRansomPaid, AnchorResolved, AnchorCorrectiveMeasure, AnchorAwareYearEnd, AnchorSubmitted, AnchorRequested}

// AnchorEventValues returns every AnchorEvent.
func AnchorEventValues() []AnchorEvent { return slices.Clone(anchorEventValues) }

// IsValid reports whether e is a known AnchorEvent.
func (e AnchorEvent) IsValid() bool { return slices.Contains(anchorEventValues, e) }

// UnmarshalText accepts only known anchor events.
func (e *AnchorEvent) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(e, "anchor event", b, anchorEventValues)
}

// Deadline is a period counted from an anchor.
type Deadline struct {
	// Anchor is the event the period counts from.
	Anchor AnchorEvent `json:"anchor"`
	// Obligation is the obligation whose submission or request the anchor
	// is (AnchorSubmitted, AnchorRequested only).
	Obligation string `json:"obligation,omitempty"`
	// Period is added to the anchor in the regime's zone and calendar.
	Period isms.Duration `json:"period"`
}

// Trigger is the condition on an incident's facts under which an
// obligation applies. Every set field must hold; the zero Trigger always
// holds.
type Trigger struct {
	// PersonalData: the incident involves personal data (a personal data
	// breach).
	PersonalData bool `json:"personal_data,omitempty"`
	// HighRisk: the breach is likely to result in a high risk to people.
	HighRisk bool `json:"high_risk,omitempty"`
	// Significant: classified as significant (NIS2 Art. 23(3)).
	Significant bool `json:"significant,omitempty"`
	// Major: classified as major (DORA Art. 18).
	Major bool `json:"major,omitempty"`
	// Material: determined to be material (SEC Item 1.05).
	Material bool `json:"material,omitempty"`
	// RansomPaid: a ransom or extortion payment is recorded.
	RansomPaid bool `json:"ransom_paid,omitempty"`
	// Requested: a request for this obligation was received.
	Requested bool `json:"requested,omitempty"`
	// MinPeople and MaxPeople bound the number of people affected (0: no
	// bound).
	MinPeople int `json:"min_people,omitempty"`
	MaxPeople int `json:"max_people,omitempty"`
	// MinResidentsOneState bounds the most residents of one State (US)
	// affected.
	MinResidentsOneState int `json:"min_residents_one_state,omitempty"`
	// Tags must all be among the incident's tags ("nis2.trust_service").
	Tags []string `json:"tags,omitempty"`
	// NotTags must all be absent from the incident's tags.
	NotTags []string `json:"not_tags,omitempty"`
	// Ongoing: the incident is still being handled at the obligation's due
	// instant (a progress report).
	Ongoing bool `json:"ongoing,omitempty"`
}

// Obligation is one report a regime requires.
type Obligation struct {
	// ID is stable and unique across the regimes evaluated together
	// ("gdpr.art33.authority"); submissions name it.
	ID string `json:"id"`
	// Name is a short title.
	Name string `json:"name"`
	// Recipient is who receives it ("supervisory authority").
	Recipient string `json:"recipient,omitempty"`
	// Rule is the rule text that produced the obligation, with its
	// citation; every result carries it.
	Rule string `json:"rule"`
	// Trigger is when the obligation applies.
	Trigger Trigger `json:"trigger,omitzero"`
	// Due is the period and its anchor. Leave it zero with NoNumericDue.
	Due Deadline `json:"due,omitzero"`
	// NoLaterThan, when set, caps the due instant: the earlier of the two
	// applies (DORA: 4 hours after classification, no later than 24 hours
	// after awareness).
	NoLaterThan *Deadline `json:"no_later_than,omitempty"`
	// IfOngoing, when set, replaces Due when the incident is still being
	// handled at the due instant (NIS2 final report: one month after
	// handling ends).
	IfOngoing *Deadline `json:"if_ongoing,omitempty"`
	// NoNumericDue: the rule sets no numeric deadline ("without undue
	// delay"); results have no due instant and are never overdue.
	NoNumericDue bool `json:"no_numeric_due,omitempty"`
	// Exemptions lists the recorded exemptions accepted as making the
	// obligation not required; empty accepts any recorded assessment with
	// a reason.
	Exemptions []string `json:"exemptions,omitempty"`
	// WeekendRelief marks the obligation as one the regime's weekend rule
	// applies to.
	WeekendRelief bool `json:"weekend_relief,omitempty"`
	// From is the date the obligation applies from: an anchor before it
	// is not required.
	From time.Time `json:"from,omitzero"`
}

// MaxBusinessDays is the longest business-day period a regime may set.
const MaxBusinessDays = 1000

// Regime is a set of obligations with the zone and calendar their
// deadlines are computed in. Regimes are data: the built-in ones
// (BuiltinRegimes) and users' own (contractual SLAs, internal targets,
// other regulators) have the same form, in Go or in JSON (ParseRegime).
type Regime struct {
	// ID is a stable identifier ("gdpr").
	ID string `json:"id"`
	// Name is the regime's title.
	Name string `json:"name"`
	// Zone is the IANA time zone of the regulator ("Europe/Brussels");
	// due instants are given in it. Empty means UTC.
	Zone string `json:"zone,omitempty"`
	// Calendar counts the obligations' periods. Empty kind means
	// continuous.
	Calendar CalendarKind `json:"calendar,omitempty"`
	// WorkingDays is the working calendar of business-day periods and of
	// the weekend rule.
	WorkingDays Calendar `json:"working_days,omitzero"`
	// WeekendRelief turns on the rule that a due instant of an obligation
	// marked WeekendRelief falling on a non-working day moves to 12:00 of
	// the next working day (DORA, Delegated Regulation (EU) 2025/301
	// Art. 5, for the entities it applies to). Off by default.
	WeekendRelief bool `json:"weekend_relief,omitempty"`
	// Obligations are the reports the regime requires.
	Obligations []Obligation `json:"obligations"`
}

// Validate reports every problem of the regime: an ID, a name and at
// least one obligation are required; obligation IDs are unique; enums,
// periods and zones must be known; a submission or request anchor names
// an obligation of the regime; an obligation with a numeric due has an
// anchor. It runs in time linear in the regime's size.
func (r *Regime) Validate() error {
	if r == nil {
		return isms.Invalidf("regime is nil")
	}
	var ps isms.Problems
	if strings.TrimSpace(r.ID) == "" {
		ps.Add("id", isms.CodeRequired, "id is required")
	}
	if strings.TrimSpace(r.Name) == "" {
		ps.Add("name", isms.CodeRequired, "name is required")
	}
	if _, err := loadZone(r.Zone); err != nil {
		ps.Addf("zone", isms.CodeUnknown, "unknown time zone %q", r.Zone)
	}
	isms.CheckEnum(&ps, "calendar", r.Calendar, calendarKindValues, false)
	ps.Merge("working_days", r.WorkingDays.Validate())
	if len(r.Obligations) == 0 {
		ps.Add("obligations", isms.CodeRequired, "a regime needs at least one obligation")
	}
	ids := make(map[string]bool, len(r.Obligations))
	for _, o := range r.Obligations {
		ids[o.ID] = true
	}
	seen := make(map[string]bool, len(r.Obligations))
	for i, o := range r.Obligations {
		f := indexField("obligations", i)
		if strings.TrimSpace(o.ID) == "" {
			ps.Add(f+".id", isms.CodeRequired, "id is required")
		} else if seen[o.ID] {
			ps.Addf(f+".id", isms.CodeDuplicate, "obligation %q is listed twice", o.ID)
		}
		seen[o.ID] = true
		if strings.TrimSpace(o.Name) == "" {
			ps.Add(f+".name", isms.CodeRequired, "name is required")
		}
		if strings.TrimSpace(o.Rule) == "" {
			ps.Add(f+".rule", isms.CodeRequired, "rule text is required")
		}
		isms.CheckTime(&ps, f+".from", o.From)
		t := o.Trigger
		if t.MinPeople < 0 || t.MaxPeople < 0 || t.MinResidentsOneState < 0 {
			ps.Add(f+".trigger", isms.CodeOutOfRange, "people bounds must not be negative")
		}
		if t.MaxPeople > 0 && t.MinPeople > t.MaxPeople {
			ps.Add(f+".trigger", isms.CodeOrder, "min_people is above max_people")
		}
		if o.NoNumericDue {
			if o.Due != (Deadline{}) || o.NoLaterThan != nil || o.IfOngoing != nil {
				ps.Add(f+".due", isms.CodeForbidden, "an obligation without a numeric due has no deadline")
			}
			continue
		}
		if r.Calendar == CalendarBusinessDays && (o.Due.Period.Clock != 0 || o.Due.Period.Days > MaxBusinessDays) {
			ps.Addf(f+".due.period", isms.CodeOutOfRange, "a business-day period counts whole days, at most %d", MaxBusinessDays)
		}
		checkDeadline(&ps, f+".due", o.Due, ids, true)
		if o.NoLaterThan != nil {
			checkDeadline(&ps, f+".no_later_than", *o.NoLaterThan, ids, true)
		}
		if o.IfOngoing != nil {
			checkDeadline(&ps, f+".if_ongoing", *o.IfOngoing, ids, true)
		}
	}
	subject := "regime"
	if r.ID != "" {
		subject += " " + r.ID
	}
	return ps.Err(subject)
}

func checkDeadline(ps *isms.Problems, f string, d Deadline, ids map[string]bool, required bool) {
	isms.CheckEnum(ps, f+".anchor", d.Anchor, anchorEventValues, required)
	ps.Merge(f+".period", d.Period.Validate())
	switch d.Anchor {
	case AnchorSubmitted, AnchorRequested:
		if !ids[d.Obligation] {
			ps.Addf(f+".obligation", isms.CodeUnknown, "anchor names obligation %q, which the regime does not list", d.Obligation)
		}
	default:
		if d.Obligation != "" {
			ps.Add(f+".obligation", isms.CodeForbidden, "only submitted and requested anchors name an obligation")
		}
	}
}

// ParseRegime decodes a JSON regime from a user strictly
// (isms.UnmarshalStrict: unknown fields, trailing data, oversize or
// over-deep documents refused) and validates it. Errors answer
// isms.ErrInvalid.
func ParseRegime(data []byte) (*Regime, error) {
	var r Regime
	if err := isms.UnmarshalStrict(data, &r); err != nil {
		return nil, fmt.Errorf("incident: parse regime: %w", err)
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("incident: parse regime: %w", err)
	}
	return &r, nil
}

// loadZone resolves an IANA zone name; empty and "UTC" are UTC.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if name == "Local" {
		return nil, isms.Invalidf("zone Local depends on the machine; name an IANA zone")
	}
	return time.LoadLocation(name)
}
