package incident

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Submission records that an obligation's report was submitted.
type Submission struct {
	// Obligation is the obligation's ID.
	Obligation string `json:"obligation"`
	// At is when it was submitted.
	At time.Time `json:"at"`
	// By is who submitted it.
	By string `json:"by,omitempty"`
	// Reasons explain a late submission (GDPR Art. 33(1) requires them).
	Reasons string `json:"reasons,omitempty"`
	// Reference is the recipient's reference, if any.
	Reference string `json:"reference,omitempty"`
}

// Request records that a recipient asked for a report (NIS2 intermediate
// report).
type Request struct {
	// Obligation is the obligation's ID.
	Obligation string `json:"obligation"`
	// At is when the request was received.
	At time.Time `json:"at"`
	// From is who asked.
	From string `json:"from,omitempty"`
}

// Assessment records that an obligation is not required, and why: the
// GDPR Art. 33(1) assessment that a breach is unlikely to result in a
// risk, or one of the Art. 34(3) exemptions.
type Assessment struct {
	// Obligation is the obligation's ID.
	Obligation string `json:"obligation"`
	// Exemption is the exemption relied on, when the obligation lists
	// them.
	Exemption string `json:"exemption,omitempty"`
	// Reason is the recorded reasoning; required.
	Reason string `json:"reason"`
	// At is when the assessment was made.
	At time.Time `json:"at,omitzero"`
	// By is who made it.
	By string `json:"by,omitempty"`
}

// Facts are what the notification clocks read of an incident: the
// instants, the classification, the people affected, the tags, and the
// submissions, requests and assessments recorded. Incident.Facts builds
// them from an incident; an event reported from any source gets the same
// facts and therefore the same clocks.
type Facts struct {
	// The instants anchors read (see AnchorEvent); zero means "has not
	// happened".
	OccurredAt              time.Time `json:"occurred_at,omitzero"`
	DetectedAt              time.Time `json:"detected_at,omitzero"`
	AwareAt                 time.Time `json:"aware_at,omitzero"`
	DeclaredAt              time.Time `json:"declared_at,omitzero"`
	ClassifiedAt            time.Time `json:"classified_at,omitzero"`
	MaterialityDeterminedAt time.Time `json:"materiality_determined_at,omitzero"`
	RansomPaidAt            time.Time `json:"ransom_paid_at,omitzero"`
	ResolvedAt              time.Time `json:"resolved_at,omitzero"`
	CorrectiveMeasureAt     time.Time `json:"corrective_measure_at,omitzero"`

	// The classifications triggers read (see Trigger).
	PersonalData bool `json:"personal_data,omitempty"`
	HighRisk     bool `json:"high_risk,omitempty"`
	Significant  bool `json:"significant,omitempty"`
	Major        bool `json:"major,omitempty"`
	Material     bool `json:"material,omitempty"`
	// PeopleAffected is the (approximate) number of people affected.
	PeopleAffected int `json:"people_affected,omitempty"`
	// MaxResidentsOneState is the most residents of one US State affected.
	MaxResidentsOneState int `json:"max_residents_one_state,omitempty"`
	// Tags select regime-specific triggers ("nis2.trust_service",
	// "cra.severe_incident", "soci.critical").
	Tags []string `json:"tags,omitempty"`

	// What was submitted, requested and assessed as not required.
	Submissions []Submission `json:"submissions,omitempty"`
	Requests    []Request    `json:"requests,omitempty"`
	NotRequired []Assessment `json:"not_required,omitempty"`
}

// ObligationStatus is where an obligation stands at a given time.
type ObligationStatus string

// Obligation statuses.
const (
	// ObligationPending: required, not submitted, not yet due soon.
	ObligationPending ObligationStatus = "pending"
	// ObligationDueSoon: required, not submitted, due within the lead time.
	ObligationDueSoon ObligationStatus = "due_soon"
	// ObligationOverdue: required, not submitted, past its due instant.
	ObligationOverdue ObligationStatus = "overdue"
	// ObligationSubmittedOnTime: submitted at or before its due instant.
	ObligationSubmittedOnTime ObligationStatus = "submitted_on_time"
	// ObligationSubmittedLate: submitted after its due instant.
	ObligationSubmittedLate ObligationStatus = "submitted_late"
	// ObligationNotRequired: the trigger does not hold, or an assessment
	// recorded why it is not required (Reason says which).
	ObligationNotRequired ObligationStatus = "not_required"
	// ObligationNotComputable: required, but its anchor has not happened,
	// so it has no due instant yet; never overdue.
	ObligationNotComputable ObligationStatus = "not_computable"
)

var obligationStatusValues = []ObligationStatus{ObligationPending, ObligationDueSoon, ObligationOverdue,
	ObligationSubmittedOnTime, ObligationSubmittedLate, ObligationNotRequired, ObligationNotComputable}

// ObligationStatusValues returns every ObligationStatus.
func ObligationStatusValues() []ObligationStatus { return slices.Clone(obligationStatusValues) }

// IsValid reports whether s is a known ObligationStatus.
func (s ObligationStatus) IsValid() bool { return slices.Contains(obligationStatusValues, s) }

// UnmarshalText accepts only known obligation statuses.
func (s *ObligationStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "obligation status", b, obligationStatusValues)
}

// ObligationState is one obligation of one regime evaluated for an
// incident at a time: its status, its due instant in the regulator's zone
// (zero when not computable or not numeric), the anchor it counted from,
// and the rule text that produced it.
type ObligationState struct {
	Regime     string           `json:"regime"`
	Obligation string           `json:"obligation"`
	Name       string           `json:"name"`
	Recipient  string           `json:"recipient,omitempty"`
	Status     ObligationStatus `json:"status"`
	Due        time.Time        `json:"due,omitzero"`
	// Anchor is the event the due instant counts from, and AnchorAt when
	// it happened.
	Anchor   AnchorEvent `json:"anchor,omitempty"`
	AnchorAt time.Time   `json:"anchor_at,omitzero"`
	// NoNumericDue: the rule sets no numeric deadline.
	NoNumericDue bool `json:"no_numeric_due,omitempty"`
	// SubmittedAt is the first submission, and Reasons its reasons.
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	Reasons     string    `json:"reasons,omitempty"`
	// Note explains the status: why not required or not computable, a cap
	// or a move that applied.
	Note string `json:"note,omitempty"`
	// Rule is the obligation's rule text.
	Rule string `json:"rule"`
}

// DefaultDueSoon is the lead time of ObligationDueSoon when ClockOptions
// leave it out: 24 hours.
const DefaultDueSoon = 24 * time.Hour

// ClockOptions configures NewClocks. Nil means defaults.
type ClockOptions struct {
	// DueSoon is the lead time before a due instant from which an
	// obligation is due soon, counted as elapsed time (isms.Duration.Nominal:
	// a day is 24 hours). Zero means DefaultDueSoon; at most P366D.
	DueSoon isms.Duration `json:"due_soon,omitzero"`
}

// Clocks evaluates the obligations of a set of regimes. It is made once
// (zones loaded, calendars compiled) and is safe for concurrent use.
type Clocks struct {
	regimes []compiledRegime
	dueSoon time.Duration
	count   int
}

type compiledRegime struct {
	r   Regime
	loc *time.Location
	cal *compiledCalendar
}

// NewClocks validates and compiles the regimes. Obligation IDs must be
// unique across them. Errors answer isms.ErrInvalid.
func NewClocks(regimes []*Regime, opts *ClockOptions) (*Clocks, error) {
	c := &Clocks{dueSoon: DefaultDueSoon}
	if opts != nil && !opts.DueSoon.IsZero() {
		if err := opts.DueSoon.Validate(); err != nil || opts.DueSoon.Nominal() > 366*24*time.Hour {
			return nil, isms.Invalidf("incident: new clocks: due_soon %s is not a duration from zero to P366D", opts.DueSoon)
		}
		c.dueSoon = opts.DueSoon.Nominal()
	}
	seen := make(map[string]string)
	for i, r := range regimes {
		if r == nil {
			return nil, isms.Invalidf("incident: new clocks: regime [%d] is nil", i)
		}
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("incident: new clocks: %w", err)
		}
		for _, o := range r.Obligations {
			if other, dup := seen[o.ID]; dup {
				return nil, isms.Invalidf("incident: new clocks: obligation %q is in regimes %s and %s", o.ID, other, r.ID)
			}
			seen[o.ID] = r.ID
		}
		loc, _ := loadZone(r.Zone)
		cal, _ := compileCalendar(r.WorkingDays)
		cr := compiledRegime{r: *r, loc: loc, cal: cal}
		cr.r.Obligations = slices.Clone(r.Obligations)
		c.regimes = append(c.regimes, cr)
		c.count += len(cr.r.Obligations)
	}
	return c, nil
}

// Obligations evaluates every obligation of regimes for facts at now (see
// Clocks.Obligations). It compiles the regimes on each call; reuse a
// Clocks to evaluate many incidents.
func Obligations(regimes []*Regime, facts *Facts, now time.Time, opts *ClockOptions) ([]ObligationState, error) {
	c, err := NewClocks(regimes, opts)
	if err != nil {
		return nil, err
	}
	return c.Obligations(facts, now), nil
}

// Obligations returns every obligation of the clocks' regimes, in regime
// and obligation order, evaluated for facts at now. A nil Clocks or nil
// facts give nil.
func (c *Clocks) Obligations(facts *Facts, now time.Time) []ObligationState {
	if c == nil || facts == nil {
		return nil
	}
	return c.AppendObligations(nil, facts, now)
}

// AppendObligations appends the states Obligations returns to dst and
// returns it, so that a caller evaluating many incidents can reuse one
// buffer.
func (c *Clocks) AppendObligations(dst []ObligationState, facts *Facts, now time.Time) []ObligationState {
	if c == nil || facts == nil {
		return dst
	}
	dst = slices.Grow(dst, c.count)
	for i := range c.regimes {
		cr := &c.regimes[i]
		for j := range cr.r.Obligations {
			dst = dst[:len(dst)+1]
			c.evaluate(cr, &cr.r.Obligations[j], facts, now, &dst[len(dst)-1])
		}
	}
	return dst
}

// Notes of evaluated obligations. They are constants so that evaluation
// allocates nothing.
const (
	noteTriggerPersonalData = "not required: no personal data is involved"
	noteTriggerHighRisk     = "not required: not assessed as likely to result in a high risk"
	noteTriggerSignificant  = "not required: not classified as significant"
	noteTriggerMajor        = "not required: not classified as major"
	noteTriggerMaterial     = "not required: not determined to be material"
	noteTriggerRansom       = "not required: no ransom or extortion payment recorded"
	noteTriggerRequested    = "not required: no request received"
	noteTriggerPeople       = "not required: the number of people affected is outside the trigger's bounds"
	noteTriggerResidents    = "not required: too few residents of one State affected"
	noteTriggerTags         = "not required: the incident's tags do not match the trigger"
	noteNotInForce          = "not required: the anchor is before the date the obligation applies from"
	noteResolvedBeforeDue   = "not required: handling ended at or before the due instant"
	noteIfStillOngoing      = "required only if the incident is still being handled at the due instant"
	noteMovesIfOngoing      = "provisional: moves after the end of handling if the incident is still being handled at this instant"
	noteOngoing             = "the incident was still being handled at the first due instant: counted from the end of handling"
	noteCapped              = "the no-later-than deadline applies (it is earlier)"
	noteRelief              = "moved to 12:00 of the next working day (weekend rule)"
	noteNoNumericDue        = "no numeric deadline: without undue delay"
	noteAnchorMissing       = "not computable: the anchor has not happened"
	noteUnrecognised        = "a recorded assessment names an exemption the obligation does not list; it is ignored"
)

// evaluate writes the state of o into st, which it overwrites whole.
func (c *Clocks) evaluate(cr *compiledRegime, o *Obligation, f *Facts, now time.Time, st *ObligationState) {
	*st = ObligationState{Regime: cr.r.ID, Obligation: o.ID, Name: o.Name, Recipient: o.Recipient, Rule: o.Rule,
		Anchor: o.Due.Anchor, NoNumericDue: o.NoNumericDue}
	if note := triggerFails(&o.Trigger, o.ID, f); note != "" {
		st.Status, st.Note = ObligationNotRequired, note
		return
	}
	for k := range f.NotRequired {
		a := &f.NotRequired[k]
		if a.Obligation != o.ID || a.Reason == "" {
			continue
		}
		if len(o.Exemptions) > 0 && !slices.Contains(o.Exemptions, a.Exemption) {
			st.Note = noteUnrecognised
			continue
		}
		st.Status, st.Note = ObligationNotRequired, "not required: "+a.Reason
		if a.Exemption != "" {
			st.Note = "not required (" + a.Exemption + "): " + a.Reason
		}
		return
	}
	var sub *Submission
	for k := range f.Submissions {
		if s := &f.Submissions[k]; s.Obligation == o.ID && (sub == nil || s.At.Before(sub.At)) {
			sub = s
		}
	}
	if sub != nil {
		st.SubmittedAt, st.Reasons = sub.At, sub.Reasons
	}
	if o.NoNumericDue {
		st.Note = noteNoNumericDue
		st.Status = ObligationPending
		if sub != nil {
			st.Status = ObligationSubmittedOnTime
		}
		return
	}
	st.AnchorAt = anchorAt(o.Due, f, cr.loc)
	if !o.From.IsZero() && !st.AnchorAt.IsZero() && st.AnchorAt.Before(o.From) {
		st.Status, st.Note = ObligationNotRequired, noteNotInForce
		return
	}
	due := cr.add(st.AnchorAt, o.Due.Period)
	if o.NoLaterThan != nil {
		if capAt := anchorAt(*o.NoLaterThan, f, cr.loc); !capAt.IsZero() {
			if cap := cr.add(capAt, o.NoLaterThan.Period); due.IsZero() || cap.Before(due) {
				due, st.Anchor, st.AnchorAt, st.Note = cap, o.NoLaterThan.Anchor, capAt, noteCapped
			}
		}
	}
	if !due.IsZero() && (o.IfOngoing != nil || o.Trigger.Ongoing) {
		resolved := f.ResolvedAt
		switch {
		case !resolved.IsZero() && !resolved.After(due):
			if o.Trigger.Ongoing {
				st.Status, st.Note = ObligationNotRequired, noteResolvedBeforeDue
				return
			}
		case resolved.IsZero() && now.Before(due):
			if o.Trigger.Ongoing {
				st.Note = noteIfStillOngoing
			} else {
				st.Note = noteMovesIfOngoing
			}
		default:
			if o.IfOngoing != nil {
				st.Anchor, st.AnchorAt, st.Note = o.IfOngoing.Anchor, anchorAt(*o.IfOngoing, f, cr.loc), noteOngoing
				due = cr.add(st.AnchorAt, o.IfOngoing.Period)
			}
		}
	}
	if due.IsZero() {
		st.Status = ObligationNotComputable
		if st.Note == "" || st.Note == noteCapped {
			st.Note = noteAnchorMissing
		}
		if sub != nil {
			st.Status = ObligationSubmittedOnTime
		}
		return
	}
	if cr.r.WeekendRelief && o.WeekendRelief {
		if moved := cr.cal.nextWorkingNoon(due); !moved.Equal(due) {
			due, st.Note = moved, noteRelief
		}
	}
	st.Due = due
	switch {
	case sub != nil && !sub.At.After(due):
		st.Status = ObligationSubmittedOnTime
	case sub != nil:
		st.Status = ObligationSubmittedLate
	case now.After(due):
		st.Status = ObligationOverdue
	case !now.Before(due.Add(-c.dueSoon)):
		st.Status = ObligationDueSoon
	default:
		st.Status = ObligationPending
	}
}

// add returns t plus p in the regime's zone and calendar; zero for a zero
// t.
func (cr *compiledRegime) add(t time.Time, p isms.Duration) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	t = t.In(cr.loc)
	if cr.r.Calendar == CalendarBusinessDays {
		end := cr.cal.endOfBusinessDays(isms.Duration{Years: p.Years, Months: p.Months}.AddTo(t), p.Days)
		return end.Add(p.Clock)
	}
	return p.AddTo(t)
}

// triggerFails returns the note of the first trigger condition that does
// not hold, or "" when the trigger holds. Ongoing is checked later, with
// the due instant.
func triggerFails(t *Trigger, id string, f *Facts) string {
	switch {
	case t.PersonalData && !f.PersonalData:
		return noteTriggerPersonalData
	case t.HighRisk && !f.HighRisk:
		return noteTriggerHighRisk
	case t.Significant && !f.Significant:
		return noteTriggerSignificant
	case t.Major && !f.Major:
		return noteTriggerMajor
	case t.Material && !f.Material:
		return noteTriggerMaterial
	case t.RansomPaid && f.RansomPaidAt.IsZero():
		return noteTriggerRansom
	case t.MinPeople > 0 && f.PeopleAffected < t.MinPeople, t.MaxPeople > 0 && f.PeopleAffected > t.MaxPeople:
		return noteTriggerPeople
	case t.MinResidentsOneState > 0 && f.MaxResidentsOneState < t.MinResidentsOneState:
		return noteTriggerResidents
	}
	if t.Requested && !slices.ContainsFunc(f.Requests, func(r Request) bool { return r.Obligation == id }) {
		return noteTriggerRequested
	}
	for _, tag := range t.Tags {
		if !slices.Contains(f.Tags, tag) {
			return noteTriggerTags
		}
	}
	for _, tag := range t.NotTags {
		if slices.Contains(f.Tags, tag) {
			return noteTriggerTags
		}
	}
	return ""
}

// anchorAt returns the instant of d's anchor in f, or zero.
func anchorAt(d Deadline, f *Facts, loc *time.Location) time.Time {
	switch d.Anchor {
	case AnchorOccurred:
		return f.OccurredAt
	case AnchorDetected:
		return f.DetectedAt
	case AnchorAware:
		return f.AwareAt
	case AnchorDeclared:
		return f.DeclaredAt
	case AnchorClassified:
		return f.ClassifiedAt
	case AnchorMateriality:
		return f.MaterialityDeterminedAt
	case AnchorRansomPaid:
		return f.RansomPaidAt
	case AnchorResolved:
		return f.ResolvedAt
	case AnchorCorrectiveMeasure:
		return f.CorrectiveMeasureAt
	case AnchorAwareYearEnd:
		if f.AwareAt.IsZero() {
			return time.Time{}
		}
		return time.Date(f.AwareAt.In(loc).Year()+1, time.January, 1, 0, 0, 0, 0, loc)
	case AnchorSubmitted:
		var last time.Time
		for k := range f.Submissions {
			if s := &f.Submissions[k]; s.Obligation == d.Obligation && s.At.After(last) {
				last = s.At
			}
		}
		return last
	case AnchorRequested:
		var last time.Time
		for k := range f.Requests {
			if r := &f.Requests[k]; r.Obligation == d.Obligation && r.At.After(last) {
				last = r.At
			}
		}
		return last
	}
	return time.Time{}
}
