package isms

import (
	"cmp"
	"slices"
	"time"
)

// Effectiveness is what a control's checks say about it at a time.
type Effectiveness string

// Effectiveness statuses.
const (
	// EffectivenessEffective: every check of the control has a current
	// pass (latest result a pass, not overdue).
	EffectivenessEffective Effectiveness = "effective"
	// EffectivenessIneffective: a check of the control failed (its latest
	// pass or fail is a fail).
	EffectivenessIneffective Effectiveness = "ineffective"
	// EffectivenessUnknown: no check failed, but some check has no current
	// pass (never run, not run, or overdue).
	EffectivenessUnknown Effectiveness = "unknown"
)

var effectivenessValues = []Effectiveness{EffectivenessEffective, EffectivenessIneffective, EffectivenessUnknown}

// EffectivenessValues returns every Effectiveness.
func EffectivenessValues() []Effectiveness { return slices.Clone(effectivenessValues) }

// IsValid reports whether e is a known Effectiveness.
func (e Effectiveness) IsValid() bool { return slices.Contains(effectivenessValues, e) }

// UnmarshalText accepts only known statuses.
func (e *Effectiveness) UnmarshalText(b []byte) error {
	return UnmarshalEnum(e, "effectiveness", b, effectivenessValues)
}

// ControlEffectiveness is the effectiveness of one control at a time, with
// the checks behind it: the trace of the verdict.
type ControlEffectiveness struct {
	Control ID            `json:"control"`
	Status  Effectiveness `json:"status"`
	// Checks are the IDs of every check of the control; Failing and
	// Unknown those whose state is a fail or has no current pass.
	Checks  []ID `json:"checks"`
	Failing []ID `json:"failing,omitempty"`
	Unknown []ID `json:"unknown,omitempty"`
}

// EffectivenessAt returns the effectiveness of every control the checks
// test, at now, sorted by control ID. A check's state is a fail when its
// latest pass or fail is a fail (a failure stands until a pass, however
// old); a pass when its latest result is a pass and it is not overdue
// (latest At + Frequency not before now); unknown otherwise. A control is
// ineffective when any of its checks fails, effective when all pass, and
// unknown otherwise. Nil checks are skipped.
func EffectivenessAt(checks []*ControlCheck, now time.Time) []ControlEffectiveness {
	byControl := map[ID]*ControlEffectiveness{}
	type use struct {
		control ID
		check   int
	}
	seen := map[use]bool{}
	for i, c := range checks {
		if c == nil {
			continue
		}
		state := EffectivenessUnknown
		if last, ok := c.lastRun(); ok && last.Outcome == CheckFail {
			state = EffectivenessIneffective
		} else if latest, ok := c.Latest(); ok && latest.Outcome == CheckPass && !c.Frequency.AddTo(latest.At).Before(now) {
			state = EffectivenessEffective
		}
		for _, id := range c.Controls {
			e := byControl[id]
			if e == nil {
				e = &ControlEffectiveness{Control: id}
				byControl[id] = e
			}
			if seen[use{id, i}] {
				continue
			}
			seen[use{id, i}] = true
			e.Checks = append(e.Checks, c.ID)
			switch state {
			case EffectivenessIneffective:
				e.Failing = append(e.Failing, c.ID)
			case EffectivenessUnknown:
				e.Unknown = append(e.Unknown, c.ID)
			}
		}
	}
	out := make([]ControlEffectiveness, 0, len(byControl))
	for _, e := range byControl {
		switch {
		case len(e.Failing) > 0:
			e.Status = EffectivenessIneffective
		case len(e.Unknown) > 0:
			e.Status = EffectivenessUnknown
		default:
			e.Status = EffectivenessEffective
		}
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b ControlEffectiveness) int { return cmp.Compare(a.Control, b.Control) })
	return out
}

// ControlStatusOptions configures CheckControlStatus. A nil
// *ControlStatusOptions, and each nil field, means the default.
type ControlStatusOptions struct {
	// Implemented are the SoA implementation statuses that claim a control
	// works. Default: "implemented" (the status of package controls).
	Implemented []string `json:"implemented,omitempty"`
}

func (o *ControlStatusOptions) implemented() []string {
	if o == nil || o.Implemented == nil {
		return []string{"implemented"}
	}
	return o.Implemented
}

// CheckControlStatus compares the SoA's implementation status of each
// control with what its checks say, sorted with SortFindings. soa maps a
// control's natural id to its implementation status as the caller's SoA
// records it (package controls' ImplementationStatus as a string); eff is
// EffectivenessAt's result. For each control the SoA says is implemented
// (opts.Implemented):
//
//   - control.implemented_but_failing: its checks say ineffective.
//   - control.implemented_unverified: it has checks, but their verdict is
//     unknown.
//   - control.implemented_unmonitored: no check tests it.
//
// The subject is Ref{KindControl, id}; Related lists the failing or
// unknown checks. It runs in time linear in the size of eff and soa.
func CheckControlStatus(eff []ControlEffectiveness, soa map[ID]string, opts *ControlStatusOptions) []Finding {
	implemented := opts.implemented()
	byControl := make(map[ID]*ControlEffectiveness, len(eff))
	for i := range eff {
		byControl[eff[i].Control] = &eff[i]
	}
	ids := make([]ID, 0, len(soa))
	for id := range soa {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var fs []Finding
	for _, id := range ids {
		status := soa[id]
		if !slices.Contains(implemented, status) {
			continue
		}
		subject := ControlRef(id)
		e, ok := byControl[id]
		var f Finding
		switch {
		case !ok:
			f = newFinding(CodeControlImplementedUnmonitored, subject, "", map[string]string{"soa_status": status},
				"the SoA says %s is %s, but no check tests it", id, status)
		case e.Status == EffectivenessIneffective:
			f = newFinding(CodeControlImplementedButFailing, subject, "",
				map[string]string{"soa_status": status, "effectiveness": string(e.Status), "failing": joinIDs(e.Failing)},
				"the SoA says %s is %s, but its checks fail: %s", id, status, joinIDs(e.Failing))
			f.Related = checkRefList(e.Failing)
		case e.Status == EffectivenessUnknown:
			f = newFinding(CodeControlImplementedUnverified, subject, "",
				map[string]string{"soa_status": status, "effectiveness": string(e.Status), "unknown": joinIDs(e.Unknown)},
				"the SoA says %s is %s, but its checks have no current result: %s", id, status, joinIDs(e.Unknown))
			f.Related = checkRefList(e.Unknown)
		default:
			continue
		}
		fs = append(fs, f)
	}
	SortFindings(fs)
	return fs
}

func checkRefList(ids []ID) []Ref {
	out := make([]Ref, len(ids))
	for i, id := range ids {
		out[i] = Ref{Kind: KindControlCheck, ID: id}
	}
	return out
}
