package audit

import (
	"time"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// DecisionStatus is the status of a decision of a previous review (9.3.2 a).
type DecisionStatus struct {
	Review   isms.Ref     `json:"review"`
	Decision isms.ID      `json:"decision"`
	Kind     DecisionKind `json:"kind,omitempty"`
	Text     string       `json:"text"`
	Owner    string       `json:"owner,omitempty"`
	Due      time.Time    `json:"due,omitzero"`
	Done     bool         `json:"done"`
	Overdue  bool         `json:"overdue,omitempty"`
}

// PartyNeeds summarises an interested party's requirements (9.3.2 c).
type PartyNeeds struct {
	Party        isms.Ref `json:"party"`
	Name         string   `json:"name"`
	Requirements int      `json:"requirements"`
}

// NonconformitySummary summarises nonconformities, corrective actions
// and incidents (9.3.2 d 1).
type NonconformitySummary struct {
	Open     int `json:"open"`
	Major    int `json:"major"`
	Overdue  int `json:"overdue"`
	Verified int `json:"verified"`
	Closed   int `json:"closed"`
	// Incidents counts incidents reported since the previous review;
	// Lessons are the lessons of their completed reviews.
	Incidents int      `json:"incidents"`
	Lessons   []string `json:"lessons,omitzero"`
}

// MonitoringSummary summarises monitoring and measurement (9.3.2 d 2).
type MonitoringSummary struct {
	Checks      int       `json:"checks"`
	Results     int       `json:"results"`
	Effective   int       `json:"effective"`
	Ineffective []isms.ID `json:"ineffective,omitzero"`
	Unknown     int       `json:"unknown"`
	// BCPFindings counts the business-continuity check's errors.
	BCPFindings int `json:"bcp_findings"`
}

// AuditSummary summarises the audit programme's results (9.3.2 d 3).
type AuditSummary struct {
	Completed int       `json:"completed"`
	Planned   int       `json:"planned"`
	Findings  int       `json:"findings"`
	Audits    []isms.ID `json:"audits,omitzero"`
}

// ObjectiveResult is the fulfilment of an objective (9.3.2 d 4).
type ObjectiveResult struct {
	Objective isms.Ref `json:"objective"`
	Title     string   `json:"title"`
	Met       bool     `json:"met"`
	Known     bool     `json:"known"`
}

// RiskSummary summarises the results of risk assessment and the status
// of the risk treatment plan (9.3.2 f).
type RiskSummary struct {
	Risks int `json:"risks"`
	// ByLevel counts open and accepted risks by effective level.
	ByLevel        map[string]int `json:"by_level,omitempty"`
	Accepted       int            `json:"accepted"`
	Untreated      int            `json:"untreated"`
	ActionsOpen    int            `json:"actions_open"`
	ActionsOverdue int            `json:"actions_overdue"`
	// ControlsPlanned counts SoA controls still planned or partial.
	ControlsPlanned int `json:"controls_planned"`
}

// ReviewInputs are the inputs of a management review in the order of
// 9.3.2. Missing lists the inputs whose source was not given.
type ReviewInputs struct {
	PreviousActions []DecisionStatus      `json:"previous_actions,omitzero"`
	Issues          []string              `json:"issues,omitzero"`
	Parties         []PartyNeeds          `json:"interested_parties,omitzero"`
	Nonconformities *NonconformitySummary `json:"nonconformities,omitempty"`
	Monitoring      *MonitoringSummary    `json:"monitoring,omitempty"`
	AuditResults    *AuditSummary         `json:"audit_results,omitempty"`
	Objectives      []ObjectiveResult     `json:"objectives,omitzero"`
	PartyFeedback   []string              `json:"party_feedback,omitzero"`
	Risk            *RiskSummary          `json:"risk,omitempty"`
	Improvements    []string              `json:"improvements,omitzero"`
	Missing         []ReviewInput         `json:"missing,omitzero"`
}

// ReviewSnapshot is what AssembleReview reads: the records of the other
// packages at the time of the review. A nil slice or pointer is a source
// not given, and makes its input missing; an empty, non-nil slice is a
// source with nothing to report.
type ReviewSnapshot struct {
	// Previous is the previous review; FirstReview says there is none.
	Previous    *ManagementReview `json:"previous,omitempty"`
	FirstReview bool              `json:"first_review,omitempty"`
	// Issues are the changes in external and internal issues (4.1).
	Issues []string `json:"issues"`
	// Parties are the interested parties with their requirements (4.2).
	Parties []*isms.InterestedParty `json:"parties"`
	// Findings and Incidents are the nonconformity sources; either given
	// is enough.
	Findings  []*Finding           `json:"findings"`
	Incidents []*incident.Incident `json:"incidents"`
	// ControlChecks are the monitoring; BCP adds its check when given.
	ControlChecks []*isms.ControlCheck `json:"control_checks"`
	BCP           *bcp.Snapshot        `json:"bcp,omitempty"`
	Programme     *Programme           `json:"programme,omitempty"`
	Objectives    []*isms.Objective    `json:"objectives"`
	// Feedback is the feedback from interested parties.
	Feedback []string `json:"feedback"`
	// Risks (with Matrix for the levels) and SoA are the risk input.
	Risks        []*risk.Risk   `json:"risks"`
	Matrix       *risk.Matrix   `json:"matrix,omitempty"`
	SoA          *controls.SoA  `json:"soa,omitempty"`
	Improvements []*Improvement `json:"improvements"`
}

// AssembleReview gathers the inputs of a management review at now from
// s, in the order of 9.3.2, and reports each input whose source is
// missing as an audit.review.input_missing finding (Field "inputs.<input>",
// Details "input" and "clause"); such inputs are listed in
// ReviewInputs.Missing. Incidents count from the previous review's
// HeldAt (all of them at a first review). A nil s misses every input.
func AssembleReview(s *ReviewSnapshot, now time.Time) (ReviewInputs, []isms.Finding) {
	if s == nil {
		s = &ReviewSnapshot{}
	}
	var in ReviewInputs
	var fs []isms.Finding
	miss := func(input ReviewInput, why string) {
		in.Missing = append(in.Missing, input)
		fs = append(fs, newFinding(CodeReviewInputMissing, isms.Ref{Kind: KindReview}, "inputs."+string(input),
			map[string]string{"input": string(input), "clause": input.Clause()}, "review input %s (%s) is missing: %s", input, input.Clause(), why))
	}
	since := time.Time{}
	switch {
	case s.Previous != nil:
		since = s.Previous.HeldAt
		for _, d := range s.Previous.Decisions {
			in.PreviousActions = append(in.PreviousActions, DecisionStatus{Review: s.Previous.Ref(), Decision: d.ID, Kind: d.Kind,
				Text: d.Text, Owner: d.Owner, Due: d.Due, Done: !d.DoneAt.IsZero(), Overdue: d.DoneAt.IsZero() && !d.Due.IsZero() && now.After(d.Due)})
		}
		if in.PreviousActions == nil {
			in.PreviousActions = []DecisionStatus{}
		}
	case !s.FirstReview:
		miss(InputPreviousActions, "no previous review is given and this is not the first")
	}
	if s.Issues == nil {
		miss(InputIssues, "no external and internal issues are given")
	} else {
		in.Issues = append([]string{}, s.Issues...)
	}
	if s.Parties == nil {
		miss(InputParties, "no interested parties are given")
	} else {
		in.Parties = []PartyNeeds{}
		for _, p := range s.Parties {
			if p != nil {
				in.Parties = append(in.Parties, PartyNeeds{Party: p.Meta.Ref(isms.KindInterestedParty), Name: p.Name, Requirements: len(p.Requirements)})
			}
		}
	}
	if s.Findings == nil && s.Incidents == nil {
		miss(InputNonconformities, "neither findings nor incidents are given")
	} else {
		nc := &NonconformitySummary{}
		for _, f := range s.Findings {
			if f == nil || !f.Kind.IsNonconformity() {
				continue
			}
			switch {
			case f.Status == StatusClosed:
				nc.Closed++
			case f.Status == StatusVerifiedEffective:
				nc.Verified++
			default:
				nc.Open++
				if f.Kind == MajorNonconformity {
					nc.Major++
				}
				if !f.Due.IsZero() && now.After(f.Due) {
					nc.Overdue++
				}
			}
		}
		for _, inc := range s.Incidents {
			if inc == nil || (!since.IsZero() && inc.ReportedAt.Before(since)) {
				continue
			}
			nc.Incidents++
			if inc.Review != nil && !inc.Review.CompletedAt.IsZero() {
				for _, l := range inc.Review.Lessons {
					nc.Lessons = append(nc.Lessons, l.Text)
				}
			}
		}
		in.Nonconformities = nc
	}
	if s.ControlChecks == nil {
		miss(InputMonitoring, "no control checks are given")
	} else {
		m := &MonitoringSummary{}
		for _, c := range s.ControlChecks {
			if c != nil {
				m.Checks++
				m.Results += len(c.Results)
			}
		}
		for _, e := range isms.EffectivenessAt(s.ControlChecks, now) {
			switch e.Status {
			case isms.EffectivenessEffective:
				m.Effective++
			case isms.EffectivenessIneffective:
				m.Ineffective = append(m.Ineffective, e.Control)
			default:
				m.Unknown++
			}
		}
		if s.BCP != nil {
			for _, f := range bcp.Check(s.BCP, now) {
				if f.Severity == isms.SeverityError {
					m.BCPFindings++
				}
			}
		}
		in.Monitoring = m
	}
	if s.Programme == nil {
		miss(InputAuditResults, "no audit programme is given")
	} else {
		a := &AuditSummary{}
		for _, au := range s.Programme.Audits {
			switch au.Status {
			case AuditCompleted:
				a.Completed++
				a.Findings += len(au.Findings)
				a.Audits = append(a.Audits, au.ID)
			case AuditPlanned, AuditInProgress:
				a.Planned++
			}
		}
		in.AuditResults = a
	}
	if s.Objectives == nil {
		miss(InputObjectives, "no objectives are given")
	} else {
		in.Objectives = []ObjectiveResult{}
		for _, o := range s.Objectives {
			if o != nil {
				met, known := o.TargetMet()
				in.Objectives = append(in.Objectives, ObjectiveResult{Objective: o.Meta.Ref(isms.KindObjective), Title: o.Title, Met: met, Known: known})
			}
		}
	}
	if s.Feedback == nil {
		miss(InputPartyFeedback, "no feedback from interested parties is given")
	} else {
		in.PartyFeedback = append([]string{}, s.Feedback...)
	}
	if s.Risks == nil {
		miss(InputRisk, "no risk register is given")
	} else {
		in.Risk = summarizeRisks(s.Risks, s.SoA, now)
	}
	if s.Improvements == nil {
		miss(InputImprovement, "no improvement register is given")
	} else {
		in.Improvements = []string{}
		for _, m := range s.Improvements {
			if m != nil && m.Status.Open() {
				in.Improvements = append(in.Improvements, m.Title)
			}
		}
	}
	isms.SortFindings(fs)
	return in, fs
}

// summarizeRisks counts the register's risks by level, treatment and
// actions at now, and the SoA's controls not yet implemented.
func summarizeRisks(risks []*risk.Risk, soa *controls.SoA, now time.Time) *RiskSummary {
	rs := &RiskSummary{ByLevel: map[string]int{}}
	for _, r := range risks {
		if r == nil || r.Status == risk.StatusClosed {
			continue
		}
		rs.Risks++
		if a := r.Effective(); a != nil {
			rs.ByLevel[a.Level]++
		}
		if r.Status == risk.StatusAccepted {
			rs.Accepted++
		}
		if r.Treatment == nil {
			rs.Untreated++
			continue
		}
		for _, a := range r.Treatment.Actions {
			if a.Status.Open() {
				rs.ActionsOpen++
				if !a.Due.IsZero() && now.After(a.Due) {
					rs.ActionsOverdue++
				}
			}
		}
	}
	if soa != nil {
		for _, e := range soa.Entries {
			if e.Applicability.Included() && (e.Status == controls.StatusPlanned || e.Status == controls.StatusPartial) {
				rs.ControlsPlanned++
			}
		}
	}
	return rs
}
