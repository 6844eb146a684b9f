package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// Phase is a phase of the Plan-Do-Check-Act cycle.
type Phase string

// PDCA phases.
const (
	PhasePlan  Phase = "plan"
	PhaseDo    Phase = "do"
	PhaseCheck Phase = "check"
	PhaseAct   Phase = "act"
)

var phaseValues = []Phase{PhasePlan, PhaseDo, PhaseCheck, PhaseAct}

// PhaseValues returns every Phase, in cycle order.
func PhaseValues() []Phase { return slices.Clone(phaseValues) }

// IsValid reports whether p is a known Phase.
func (p Phase) IsValid() bool { return slices.Contains(phaseValues, p) }

// UnmarshalText accepts only known phases.
func (p *Phase) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(p, "pdca phase", b, phaseValues)
}

// Event is one thing that happened in the ISMS, placed in a PDCA phase.
type Event struct {
	Phase   Phase     `json:"phase"`
	At      time.Time `json:"at"`
	Subject isms.Ref  `json:"subject"`
	What    string    `json:"what"`
}

// atOf returns when an assessment was made; zero for nil.
func atOf(a *risk.Assessment) time.Time {
	if a == nil {
		return time.Time{}
	}
	return a.AssessedAt
}

// PDCAView is what happened in each phase of the cycle over a period,
// and what is overdue at its end.
type PDCAView struct {
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
	Plan  []Event   `json:"plan,omitzero"`
	Do    []Event   `json:"do,omitzero"`
	Check []Event   `json:"check,omitzero"`
	Act   []Event   `json:"act,omitzero"`
	// Overdue are the findings with "overdue" in their code that the
	// snapshot's checks report at To.
	Overdue []isms.Finding `json:"overdue,omitzero"`
}

// PDCA places what happened in s in [from, to) in the phases of the
// cycle, each phase in time order:
//
//   - plan: risk assessments, treatment decisions, the SoA's and
//     documents' approvals, improvements raised;
//   - do: treatment actions completed, documents published, incidents
//     reported, training completed;
//   - check: control checks run (one event per check with its results in
//     the period), audits completed, findings raised, effectiveness checks,
//     management reviews held;
//   - act: corrective actions implemented, findings closed, improvements
//     and review decisions done, incident reviews completed.
//
// Overdue is evaluated at to. The error, answering isms.ErrInvalid,
// reports a period whose end is not after its start, and the errors of
// the checks Readiness runs. A nil s has no events.
func PDCA(s *Snapshot, from, to time.Time) (*PDCAView, error) {
	if !to.After(from) {
		return nil, isms.Invalidf("audit: pdca: the period ends %s, not after its start %s", stamp(to), stamp(from))
	}
	if s == nil {
		s = &Snapshot{}
	}
	v := &PDCAView{From: from, To: to}
	add := func(p Phase, at time.Time, subj isms.Ref, format string, args ...any) {
		if at.IsZero() || at.Before(from) || !at.Before(to) {
			return
		}
		e := Event{Phase: p, At: at, Subject: subj, What: fmt.Sprintf(format, args...)}
		switch p {
		case PhasePlan:
			v.Plan = append(v.Plan, e)
		case PhaseDo:
			v.Do = append(v.Do, e)
		case PhaseCheck:
			v.Check = append(v.Check, e)
		case PhaseAct:
			v.Act = append(v.Act, e)
		}
	}
	for _, r := range s.Risks {
		if r == nil {
			continue
		}
		seen := map[time.Time]bool{}
		for _, st := range []struct {
			name string
			at   time.Time
		}{{"inherent", atOf(r.Inherent)}, {"current", atOf(r.Current)}, {"residual", atOf(r.Residual)}} {
			if !st.at.IsZero() && !seen[st.at] {
				seen[st.at] = true
				add(PhasePlan, st.at, r.Ref(), "risk %q assessed", r.Title)
			}
		}
		if t := r.Treatment; t != nil {
			add(PhasePlan, t.DecidedAt, r.Ref(), "treatment of risk %q decided (%s)", r.Title, t.Option)
			for _, a := range t.Actions {
				add(PhaseDo, a.CompletedAt, r.Ref(), "treatment action %q completed", a.Title)
			}
		}
	}
	if s.SoA != nil {
		add(PhasePlan, s.SoA.ApprovedAt, s.SoA.Meta.Ref("soa"), "Statement of Applicability %s approved", s.SoA.Version)
	}
	for _, d := range s.Documents {
		if d != nil {
			add(PhasePlan, d.ApprovedAt, d.Meta.Ref(isms.KindDocument), "document %q approved", d.Title)
			add(PhaseDo, d.PublishedAt, d.Meta.Ref(isms.KindDocument), "document %q published", d.Title)
		}
	}
	for _, inc := range s.Incidents {
		if inc == nil {
			continue
		}
		add(PhaseDo, inc.ReportedAt, inc.Ref(), "incident %q reported", inc.Title)
		if inc.Review != nil {
			add(PhaseAct, inc.Review.CompletedAt, inc.Ref(), "post-incident review of %q completed (%d lessons)", inc.Title, len(inc.Review.Lessons))
		}
	}
	for _, tr := range s.Training {
		if tr != nil {
			add(PhaseDo, tr.CompletedAt, tr.Meta.Ref(isms.KindTrainingRecord), "%s completed %q", tr.Person, tr.Course)
		}
	}
	for _, c := range s.ControlChecks {
		if c == nil {
			continue
		}
		n, failed := 0, 0
		var last time.Time
		for _, r := range c.Results {
			if r.At.Before(from) || !r.At.Before(to) {
				continue
			}
			n++
			if r.Outcome == isms.CheckFail {
				failed++
			}
			if r.At.After(last) {
				last = r.At
			}
		}
		if n > 0 {
			add(PhaseCheck, last, c.Meta.Ref(isms.KindControlCheck), "control check %q ran %d times, %d failed", c.Name, n, failed)
		}
	}
	if s.Programme != nil {
		for i := range s.Programme.Audits {
			a := &s.Programme.Audits[i]
			if a.Status == AuditCompleted {
				add(PhaseCheck, a.CompletedAt, a.Ref(), "audit %q completed (%d findings)", a.Title, len(a.Findings))
			}
		}
	}
	for _, f := range s.Findings {
		if f == nil {
			continue
		}
		add(PhaseCheck, f.RaisedAt, f.Ref(), "%s raised: %q", strings.ReplaceAll(string(f.Kind), "_", " "), f.Title)
		if f.Effectiveness != nil {
			add(PhaseCheck, f.Effectiveness.At, f.Ref(), "effectiveness of the action on %q checked: effective %t", f.Title, f.Effectiveness.Effective)
		}
		add(PhaseAct, f.ImplementedAt, f.Ref(), "corrective action on %q implemented", f.Title)
		add(PhaseAct, f.ClosedAt, f.Ref(), "finding %q closed", f.Title)
	}
	for _, r := range s.Reviews {
		if r == nil {
			continue
		}
		add(PhaseCheck, r.HeldAt, r.Ref(), "management review %q held (%d decisions)", r.Title, len(r.Decisions))
		for _, d := range r.Decisions {
			add(PhaseAct, d.DoneAt, r.Ref(), "review decision %q done", d.Text)
		}
	}
	for _, m := range s.Improvements {
		if m == nil {
			continue
		}
		add(PhasePlan, m.RaisedAt, m.Ref(), "improvement %q raised", m.Title)
		add(PhaseAct, m.DoneAt, m.Ref(), "improvement %q done", m.Title)
	}
	for _, evs := range [][]Event{v.Plan, v.Do, v.Check, v.Act} {
		slices.SortStableFunc(evs, func(a, b Event) int {
			return cmp.Or(a.At.Compare(b.At), a.Subject.Compare(b.Subject), cmp.Compare(a.What, b.What))
		})
	}
	fs, err := collect(s, to)
	if err != nil {
		return nil, wrap("pdca", err)
	}
	for _, f := range fs {
		if strings.Contains(f.Code, "overdue") {
			v.Overdue = append(v.Overdue, f)
		}
	}
	isms.SortFindings(v.Overdue)
	return v, nil
}
