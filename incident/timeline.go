package incident

import (
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Timeline entry fields: what an entry records a change of.
const (
	FieldStatus      = "status"
	FieldSeverity    = "severity"
	FieldSignificant = "significant"
	FieldMajor       = "major"
	FieldMaterial    = "material"
	FieldCategory    = "category"
	FieldAction      = "action"
	FieldReview      = "review"
	FieldEvidence    = "evidence"
	FieldSubmission  = "submission"
	FieldRequest     = "request"
	FieldAssessment  = "assessment"
)

// Entry is one append-only timeline entry: a change of a field from one
// value to another, by whom, when and why. A correction is a new entry
// whose Corrects is the Seq of the entry it corrects; nothing is ever
// rewritten.
type Entry struct {
	// Seq numbers entries from 1, in order.
	Seq    int       `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Field  string    `json:"field"`
	From   string    `json:"from,omitempty"`
	To     string    `json:"to,omitempty"`
	Reason string    `json:"reason,omitempty"`
	// Corrects is the Seq of the entry this one corrects (0: none).
	Corrects int `json:"corrects,omitempty"`
}

// record appends an entry.
func (inc *Incident) record(at time.Time, actor, field, from, to, reason string, corrects int) {
	inc.Timeline = append(inc.Timeline, Entry{Seq: len(inc.Timeline) + 1, At: at, Actor: actor, Field: field,
		From: from, To: to, Reason: reason, Corrects: corrects})
}

// History is the first, current and final values of one field, from the
// timeline: First is the value the field was first set to, Current the
// latest, Final the value at the last closure (empty while never closed).
// Corrections count as the value they set.
type History struct {
	Field   string `json:"field"`
	First   string `json:"first,omitempty"`
	Current string `json:"current,omitempty"`
	Final   string `json:"final,omitempty"`
	// Changes is how many entries changed the field.
	Changes int `json:"changes"`
}

// HistoryOf returns the history of field (FieldSeverity, FieldMajor, ...)
// from the incident's timeline. A nil incident gives a History with only
// the field.
func (inc *Incident) HistoryOf(field string) History {
	h := History{Field: field}
	if inc == nil {
		return h
	}
	for _, e := range inc.Timeline {
		switch {
		case e.Field == field:
			if h.Changes == 0 {
				h.First = e.To
			}
			h.Current = e.To
			h.Changes++
		case e.Field == FieldStatus && e.To == string(StatusClosed):
			h.Final = h.Current
		}
	}
	return h
}

// ClassificationHistory returns the histories of the severity and of the
// significant, major and material flags.
func (inc *Incident) ClassificationHistory() []History {
	return []History{inc.HistoryOf(FieldSeverity), inc.HistoryOf(FieldSignificant), inc.HistoryOf(FieldMajor), inc.HistoryOf(FieldMaterial)}
}

// CorrectCommand corrects a timeline entry: a new entry pointing at the
// corrected one, with the corrected value and the reason.
type CorrectCommand struct {
	// Seq is the entry corrected.
	Seq int `json:"seq"`
	// To is the corrected value.
	To string `json:"to"`
	// Reason is required.
	Reason string `json:"reason"`
	// Revision is the revision the user saw; 0 skips the check.
	Revision int64 `json:"revision,omitempty"`
}

// Correct appends a correction of entry cmd.Seq, by by at now. The
// incident's fields are not changed: a correction fixes the record of a
// change (a wrong time, a wrong value), not the state.
func (inc *Incident) Correct(by string, cmd CorrectCommand, now time.Time) error {
	if inc == nil {
		return isms.Invalidf("incident: correct: nil incident")
	}
	if err := inc.checkRevision(cmd.Revision); err != nil {
		return err
	}
	if by == "" {
		return isms.Invalidf("%s: correct: no actor", subjectOf(inc.ID))
	}
	if cmd.Seq < 1 || cmd.Seq > len(inc.Timeline) {
		return isms.Invalidf("%s: correct: no timeline entry %d", subjectOf(inc.ID), cmd.Seq)
	}
	if cmd.Reason == "" {
		return isms.Invalidf("%s: correct: a correction gives its reason", subjectOf(inc.ID))
	}
	old := inc.Timeline[cmd.Seq-1]
	inc.record(isms.NormalizeTime(now), by, old.Field, old.To, cmd.To, cmd.Reason, cmd.Seq)
	return nil
}
