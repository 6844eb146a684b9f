package incident

import (
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Review is the post-incident review (ISO/IEC 27001 A.5.27): root cause,
// what worked and what did not, lessons, and the actions it raised.
type Review struct {
	RootCause   string    `json:"root_cause"`
	WhatWorked  []string  `json:"what_worked,omitempty"`
	WhatDidNot  []string  `json:"what_did_not,omitempty"`
	Lessons     []Lesson  `json:"lessons,omitempty"`
	Actions     []isms.ID `json:"actions,omitempty"`
	CompletedBy string    `json:"completed_by,omitempty"`
	// CompletedAt is set when the review is complete; closing may need it.
	CompletedAt time.Time `json:"completed_at,omitzero"`
}

// Lesson is one lesson learned, with the assets, controls or risks it
// concerns.
type Lesson struct {
	Text string `json:"text"`
	// Threat and Vulnerability, when set, make the lesson a risk-register
	// input (ProposedRisks).
	Threat        string     `json:"threat,omitempty"`
	Vulnerability string     `json:"vulnerability,omitempty"`
	Refs          []isms.Ref `json:"refs,omitempty"`
}

// ReviewCommand records the review; Complete marks it complete.
type ReviewCommand struct {
	Review   Review `json:"review"`
	Complete bool   `json:"complete,omitempty"`
	Revision int64  `json:"revision,omitempty"`
}

// RecordReview stores the review by by at now, with a timeline entry. A
// complete review needs a root cause.
func (inc *Incident) RecordReview(by string, cmd ReviewCommand, now time.Time) error {
	if inc == nil {
		return isms.Invalidf("incident: review: nil incident")
	}
	if err := inc.checkRevision(cmd.Revision); err != nil {
		return err
	}
	if by == "" {
		return isms.Invalidf("%s: review: no actor", subjectOf(inc.ID))
	}
	now = isms.NormalizeTime(now)
	r := cmd.Review
	r.CompletedAt, r.CompletedBy = time.Time{}, ""
	to := "draft"
	if cmd.Complete {
		if strings.TrimSpace(r.RootCause) == "" {
			return isms.Invalidf("%s: review: a complete review states the root cause", subjectOf(inc.ID))
		}
		r.CompletedAt, r.CompletedBy, to = now, by, "completed"
	}
	from := ""
	if inc.Review != nil {
		from = "draft"
		if !inc.Review.CompletedAt.IsZero() {
			from = "completed"
		}
	}
	inc.Review = &r
	inc.record(now, by, FieldReview, from, to, "", 0)
	return nil
}

// ProposedRisk is a risk-register input drawn from a lesson, as plain
// data: package risk is not imported; a register imports it as it sees
// fit.
type ProposedRisk struct {
	Title         string     `json:"title"`
	Threat        string     `json:"threat,omitempty"`
	Vulnerability string     `json:"vulnerability,omitempty"`
	Assets        []isms.Ref `json:"assets,omitempty"`
	// Source is the incident the lesson comes from.
	Source isms.Ref   `json:"source"`
	Refs   []isms.Ref `json:"refs,omitempty"`
}

// ProposedRisks turns the review's lessons that name a threat or a
// vulnerability into risk-register inputs, with the incident's affected
// assets. Nil without a review.
func (inc *Incident) ProposedRisks() []ProposedRisk {
	if inc == nil || inc.Review == nil {
		return nil
	}
	var out []ProposedRisk
	for _, l := range inc.Review.Lessons {
		if l.Threat == "" && l.Vulnerability == "" {
			continue
		}
		out = append(out, ProposedRisk{Title: l.Text, Threat: l.Threat, Vulnerability: l.Vulnerability,
			Assets: append([]isms.Ref(nil), inc.AffectedAssets...), Source: inc.Ref(), Refs: append([]isms.Ref(nil), l.Refs...)})
	}
	return out
}
