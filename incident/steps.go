package incident

import (
	"slices"
	"strconv"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// StepCommand asks for one move of Lifecycle, with the data the move's
// guards require.
type StepCommand struct {
	// To is the target status; required.
	To Status `json:"to"`
	// Reason is recorded on the timeline; reopening requires it.
	Reason string `json:"reason,omitempty"`
	// Criteria and Severity declare the incident (triaging → declared).
	Criteria []string `json:"criteria,omitempty"`
	Severity string   `json:"severity,omitempty"`
	// RecoveryCriteria are required to enter recovery.
	RecoveryCriteria string `json:"recovery_criteria,omitempty"`
	// Outcome is required to close.
	Outcome string `json:"outcome,omitempty"`
	// CarryOver lists open actions that stay open after closing.
	CarryOver []isms.ID `json:"carry_over,omitempty"`
	// Dismissal is the reason of a dismissal.
	Dismissal DismissReason `json:"dismissal,omitempty"`
	// MergeInto is the incident merged into.
	MergeInto isms.ID `json:"merge_into,omitempty"`
	// Revision is the revision the user saw; 0 skips the check, and a
	// different stored revision is isms.ErrConflict.
	Revision int64 `json:"revision,omitempty"`
}

func (inc *Incident) checkRevision(rev int64) error {
	if rev != 0 && rev != inc.Revision {
		return &isms.ConflictError{Kind: Kind, ID: inc.ID, Expected: rev, Actual: inc.Revision}
	}
	return nil
}

// Step moves the incident as cmd asks, by by at now under policy p
// (Lifecycle): a refused move is an *isms.TransitionError naming the
// guard that failed (isms.ErrInvalid). The move sets the instants it
// stands for (declared, resolved, closed), the declaration, recovery
// criteria, outcome, dismissal or merge target, marks carried-over
// actions, and writes the timeline: one status entry, and a severity
// entry when the declaration sets or changes it.
func (inc *Incident) Step(by string, cmd StepCommand, now time.Time, p Policy) error {
	if inc == nil {
		return isms.Invalidf("incident: step: nil incident")
	}
	if err := inc.checkRevision(cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	from := inc.Status
	if err := lifecycle.Check(from, cmd.To, TransitionRequest{Incident: inc, Command: cmd, By: by, At: now, Policy: p}); err != nil {
		return err
	}
	switch cmd.To {
	case StatusDeclared:
		if from == StatusClosed {
			inc.ClosedAt = time.Time{}
			break
		}
		inc.Declaration = &Declaration{Criteria: slices.Clone(cmd.Criteria), By: by, At: now}
		inc.DeclaredAt = now
		if cmd.Severity != "" && cmd.Severity != inc.Severity {
			inc.record(now, by, FieldSeverity, inc.Severity, cmd.Severity, cmd.Reason, 0)
			inc.Severity = cmd.Severity
		}
	case StatusRecovery:
		if cmd.RecoveryCriteria != "" {
			inc.RecoveryCriteria = cmd.RecoveryCriteria
		}
	case StatusResolved:
		inc.ResolvedAt = now
	case StatusClosed:
		if cmd.Outcome != "" {
			inc.Outcome = cmd.Outcome
		}
		for i := range inc.Actions {
			if slices.Contains(cmd.CarryOver, inc.Actions[i].ID) {
				inc.Actions[i].CarriedOver = true
			}
		}
		inc.ClosedAt = now
	case StatusDismissed:
		inc.Dismissal = cmd.Dismissal
	case StatusMerged:
		inc.MergedInto = cmd.MergeInto
	}
	reason := cmd.Reason
	switch {
	case cmd.To == StatusDismissed && reason == "":
		reason = string(cmd.Dismissal)
	case cmd.To == StatusMerged && reason == "":
		reason = "merged into " + string(cmd.MergeInto)
	}
	inc.record(now, by, FieldStatus, string(from), string(cmd.To), reason, 0)
	inc.Status = cmd.To
	return nil
}

// ClassifyCommand changes the severity or the regulatory classification
// flags. Nil flags are left alone.
type ClassifyCommand struct {
	Severity    string   `json:"severity,omitempty"`
	Category    Category `json:"category,omitempty"`
	Significant *bool    `json:"significant,omitempty"`
	Major       *bool    `json:"major,omitempty"`
	Material    *bool    `json:"material,omitempty"`
	// Reason is recorded on each entry.
	Reason string `json:"reason,omitempty"`
	// Revision is the revision the user saw; 0 skips the check.
	Revision int64 `json:"revision,omitempty"`
}

// Classify applies cmd by by at now: one timeline entry per changed value.
// Classifying as significant or major for the first time sets
// ClassifiedAt (the DORA initial notification counts from it);
// determining materiality sets MaterialityDeterminedAt.
func (inc *Incident) Classify(by string, cmd ClassifyCommand, now time.Time, p Policy) error {
	if inc == nil {
		return isms.Invalidf("incident: classify: nil incident")
	}
	if err := inc.checkRevision(cmd.Revision); err != nil {
		return err
	}
	if by == "" {
		return isms.Invalidf("%s: classify: no actor", subjectOf(inc.ID))
	}
	if cmd.Severity != "" && p.Scale.Rank(cmd.Severity) == 0 {
		return isms.Invalidf("%s: classify: severity %q is not on the scale", subjectOf(inc.ID), cmd.Severity)
	}
	if cmd.Category != "" && !cmd.Category.IsValid() {
		return isms.Invalidf("%s: classify: unknown category %q", subjectOf(inc.ID), cmd.Category)
	}
	now = isms.NormalizeTime(now)
	if cmd.Severity != "" && cmd.Severity != inc.Severity {
		inc.record(now, by, FieldSeverity, inc.Severity, cmd.Severity, cmd.Reason, 0)
		inc.Severity = cmd.Severity
	}
	if cmd.Category != "" && cmd.Category != inc.Category {
		inc.record(now, by, FieldCategory, string(inc.Category), string(cmd.Category), cmd.Reason, 0)
		inc.Category = cmd.Category
	}
	flag := func(field string, v *bool, dst *bool, at *time.Time) {
		if v == nil || *v == *dst {
			return
		}
		inc.record(now, by, field, strconv.FormatBool(*dst), strconv.FormatBool(*v), cmd.Reason, 0)
		*dst = *v
		if *v && at != nil && at.IsZero() {
			*at = now
		}
	}
	flag(FieldSignificant, cmd.Significant, &inc.Significant, &inc.ClassifiedAt)
	flag(FieldMajor, cmd.Major, &inc.Major, &inc.ClassifiedAt)
	flag(FieldMaterial, cmd.Material, &inc.Material, &inc.MaterialityDeterminedAt)
	return nil
}

// SubmitCommand records the submission of an obligation's report.
type SubmitCommand struct {
	Obligation string `json:"obligation"`
	// At is when it was submitted; zero means now.
	At        time.Time `json:"at,omitzero"`
	Reasons   string    `json:"reasons,omitempty"`
	Reference string    `json:"reference,omitempty"`
	Revision  int64     `json:"revision,omitempty"`
}

// Submit records a submission by by (at cmd.At, or now), with a timeline
// entry. A submission after now is refused.
func (inc *Incident) Submit(by string, cmd SubmitCommand, now time.Time) error {
	if inc == nil {
		return isms.Invalidf("incident: submit: nil incident")
	}
	if err := inc.checkRevision(cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	at := isms.NormalizeTime(cmd.At)
	if at.IsZero() {
		at = now
	}
	switch {
	case by == "":
		return isms.Invalidf("%s: submit: no actor", subjectOf(inc.ID))
	case cmd.Obligation == "":
		return isms.Invalidf("%s: submit: the submission names its obligation", subjectOf(inc.ID))
	case at.After(now):
		return isms.Invalidf("%s: submit: submission time is after now", subjectOf(inc.ID))
	}
	inc.Submissions = append(inc.Submissions, Submission{Obligation: cmd.Obligation, At: at, By: by, Reasons: cmd.Reasons, Reference: cmd.Reference})
	inc.record(now, by, FieldSubmission, "", cmd.Obligation, cmd.Reasons, 0)
	return nil
}

// RequestCommand records a request received for a report.
type RequestCommand struct {
	Obligation string    `json:"obligation"`
	At         time.Time `json:"at,omitzero"`
	From       string    `json:"from,omitempty"`
	Revision   int64     `json:"revision,omitempty"`
}

// Request records a request for cmd.Obligation received at cmd.At (or
// now), with a timeline entry.
func (inc *Incident) Request(by string, cmd RequestCommand, now time.Time) error {
	if inc == nil {
		return isms.Invalidf("incident: request: nil incident")
	}
	if err := inc.checkRevision(cmd.Revision); err != nil {
		return err
	}
	now = isms.NormalizeTime(now)
	at := isms.NormalizeTime(cmd.At)
	if at.IsZero() {
		at = now
	}
	if by == "" || cmd.Obligation == "" || at.After(now) {
		return isms.Invalidf("%s: request: an actor, an obligation and a time not after now are required", subjectOf(inc.ID))
	}
	inc.Requests = append(inc.Requests, Request{Obligation: cmd.Obligation, At: at, From: cmd.From})
	inc.record(now, by, FieldRequest, "", cmd.Obligation, cmd.From, 0)
	return nil
}

// AssessCommand records that an obligation is not required, and why.
type AssessCommand struct {
	Obligation string `json:"obligation"`
	Exemption  string `json:"exemption,omitempty"`
	Reason     string `json:"reason"`
	Revision   int64  `json:"revision,omitempty"`
}

// Assess records the assessment by by at now, with a timeline entry. The
// reason is required.
func (inc *Incident) Assess(by string, cmd AssessCommand, now time.Time) error {
	if inc == nil {
		return isms.Invalidf("incident: assess: nil incident")
	}
	if err := inc.checkRevision(cmd.Revision); err != nil {
		return err
	}
	if by == "" || cmd.Obligation == "" || cmd.Reason == "" {
		return isms.Invalidf("%s: assess: an actor, an obligation and a reason are required", subjectOf(inc.ID))
	}
	now = isms.NormalizeTime(now)
	inc.NotRequired = append(inc.NotRequired, Assessment{Obligation: cmd.Obligation, Exemption: cmd.Exemption, Reason: cmd.Reason, At: now, By: by})
	inc.record(now, by, FieldAssessment, "", cmd.Obligation, cmd.Reason, 0)
	return nil
}
