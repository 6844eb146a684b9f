package bcp

import (
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Derived is a value the package computed rather than one a user typed
// in: Derived is always true, and Trace spells out the arithmetic so an
// auditor can re-perform it.
type Derived struct {
	// Value is the result.
	Value isms.Duration `json:"value"`
	// Derived labels the value as computed.
	Derived bool `json:"derived"`
	// Trace is the arithmetic, such as "PT24H + PT1H + PT30M = PT25H30M".
	Trace string `json:"trace"`
}

func derived(d time.Duration, trace string) Derived {
	return Derived{Value: isms.ClockDuration(d), Derived: true, Trace: trace}
}

// show prints a nominal length as an ISO 8601 clock duration.
func show(d time.Duration) string { return isms.ClockDuration(d).String() }

// WorstCaseRPO returns the most data a backup schedule can lose: interval
// + job duration + transfer lag, plus the verification delay when only
// verified copies count. A nil schedule gives a zero Derived. Each term
// is the duration's nominal length (isms.Duration.Nominal).
func (s *BackupSchedule) WorstCaseRPO() Derived {
	if s == nil {
		return Derived{}
	}
	terms := []isms.Duration{s.Interval, s.JobDuration, s.TransferLag}
	names := []string{"interval", "job", "transfer"}
	if s.VerifiedOnly {
		terms = append(terms, s.VerificationDelay)
		names = append(names, "verification")
	}
	var sum time.Duration
	parts := make([]string, len(terms))
	for i, t := range terms {
		sum = addSat(sum, t.Nominal())
		parts[i] = show(t.Nominal()) + " " + names[i]
	}
	return derived(sum, strings.Join(parts, " + ")+" = "+show(sum))
}

// WorstCaseRPO returns the most data the resource can lose: with
// continuous replication, its maximum lag (the better of replication and
// backup when it has both); otherwise its backup schedule's worst case.
// ok is false when the resource has neither.
func (r *Resource) WorstCaseRPO() (d Derived, ok bool) {
	if r == nil {
		return Derived{}, false
	}
	var b Derived
	if r.Backup != nil {
		b = r.Backup.WorstCaseRPO()
		b.Trace = "backup: " + b.Trace
	}
	if r.ReplicationLag.IsZero() {
		return b, r.Backup != nil
	}
	lag := r.ReplicationLag.Nominal()
	rep := derived(lag, "replication: max lag "+show(lag))
	if r.Backup != nil && b.Value.Nominal() < lag {
		return b, true
	}
	return rep, true
}

// worst is WorstCaseRPO's value without its trace.
func (s *BackupSchedule) worst() time.Duration {
	sum := addSat(addSat(s.Interval.Nominal(), s.JobDuration.Nominal()), s.TransferLag.Nominal())
	if s.VerifiedOnly {
		sum = addSat(sum, s.VerificationDelay.Nominal())
	}
	return sum
}

// worstRPO is Resource.WorstCaseRPO's value without its trace.
func (r *Resource) worstRPO() (time.Duration, bool) {
	switch {
	case r.ReplicationLag.IsZero() && r.Backup == nil:
		return 0, false
	case r.ReplicationLag.IsZero():
		return r.Backup.worst(), true
	case r.Backup == nil:
		return r.ReplicationLag.Nominal(), true
	}
	return min(r.Backup.worst(), r.ReplicationLag.Nominal()), true
}

// addSat adds two non-negative durations, saturating.
func addSat(a, b time.Duration) time.Duration {
	if a > 1<<63-1-b {
		return 1<<63 - 1
	}
	return a + b
}

// DerivedMTPD returns the activity's derived MTPD: the time of its first
// impact threshold whose level reaches the BIA's intolerable level on the
// BIA's impact scale. ok is false when b or a is nil, b declares no
// intolerable level on its scale, or no threshold reaches it. It runs in
// time linear in the scale and the thresholds.
func (b *BIA) DerivedMTPD(a *Activity) (d Derived, ok bool) {
	if b == nil || a == nil {
		return Derived{}, false
	}
	return derivedMTPD(a, scaleRanks(b.ImpactScale), b.IntolerableLevel)
}

// derivedMTPD is DerivedMTPD with the scale's ranks computed once.
func derivedMTPD(a *Activity, rank map[string]int, intolerable string) (Derived, bool) {
	want, known := rank[intolerable]
	if !known {
		return Derived{}, false
	}
	for _, t := range a.Impacts {
		if r, on := rank[t.Level]; on && r >= want {
			trace := "first threshold at or above " + strconvQuote(intolerable) + ": " +
				strconvQuote(t.Level) + " after " + t.After.String()
			return Derived{Value: t.After, Derived: true, Trace: trace}, true
		}
	}
	return Derived{}, false
}

// scaleRanks maps each level of an impact scale to its position; a level
// listed twice keeps its first.
func scaleRanks(scale []string) map[string]int {
	m := make(map[string]int, len(scale))
	for i, l := range scale {
		if _, dup := m[l]; !dup {
			m[l] = i
		}
	}
	return m
}

func strconvQuote(s string) string { return strconv.Quote(s) }
