package risk

import (
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// ReviewInterval is how often risks at one risk level are reviewed.
type ReviewInterval struct {
	// Level is the ID of a risk level.
	Level string `json:"level"`
	// Every is the time between two reviews.
	Every isms.Duration `json:"every"`
}

// ReviewPolicy is the review cadence (ISO/IEC 27001 8.2, 6.1.2 d): how long
// after its last review a risk is due again, by the risk level of its
// current assessment (the inherent one when the current is missing).
//
// Intervals are calendar durations (isms.Duration.AddTo): month and year
// steps clamp to the last day of the month, so a risk last reviewed on
// 31 January with a P1M interval is due on 28 February (29 in a leap
// year), not in March.
type ReviewPolicy struct {
	// Intervals gives the interval of each risk level.
	Intervals []ReviewInterval `json:"intervals,omitempty"`
	// Default applies to risks whose level has no interval, and to risks
	// not yet assessed.
	Default isms.Duration `json:"default"`
}

// DefaultReviewPolicy returns the default cadence for m: its highest risk
// level every 3 months, the next highest every 6 months, every other level
// every 12 months, and risks not yet assessed within 3 months. A nil matrix
// (or one without risk levels) gives the policy with the 3-month default
// only.
func DefaultReviewPolicy(m *Matrix) ReviewPolicy {
	p := ReviewPolicy{Default: isms.Months(3)}
	if m == nil {
		return p
	}
	n := len(m.Risk)
	for i, lv := range m.Risk {
		every := isms.Years(1)
		switch i {
		case n - 1:
			every = isms.Months(3)
		case n - 2:
			every = isms.Months(6)
		}
		p.Intervals = append(p.Intervals, ReviewInterval{Level: lv.ID, Every: every})
	}
	return p
}

// Interval returns the interval for a risk level, or Default.
func (p ReviewPolicy) Interval(level string) isms.Duration {
	for _, iv := range p.Intervals {
		if iv.Level == level {
			return iv.Every
		}
	}
	return p.Default
}

// Validate checks that every interval names a risk level of m once and is
// positive, and that Default is positive. Its time is linear in the number
// of intervals and levels. A nil matrix is an error.
func (p ReviewPolicy) Validate(m *Matrix) error {
	var ps isms.Problems
	if m == nil {
		ps.Add("matrix", isms.CodeRequired, "a matrix is required to check the levels")
	}
	if !positive(p.Default) {
		ps.Add("default", isms.CodeOutOfRange, "default interval must be positive")
	}
	var levels map[string]bool
	if m != nil {
		levels = make(map[string]bool, len(m.Risk))
		for _, lv := range m.Risk {
			levels[lv.ID] = true
		}
	}
	seen := make(map[string]bool, len(p.Intervals))
	for i, iv := range p.Intervals {
		f := indexField("intervals", i)
		if m != nil && !levels[iv.Level] {
			ps.Addf(f+".level", isms.CodeUnknown, "%q is not a risk level of matrix %s", iv.Level, m.Ref())
		}
		if seen[iv.Level] {
			ps.Addf(f+".level", isms.CodeDuplicate, "level %q has two intervals", iv.Level)
		}
		seen[iv.Level] = true
		if !positive(iv.Every) {
			ps.Add(f+".every", isms.CodeOutOfRange, "interval must be positive")
		}
	}
	return ps.Err("review policy")
}

// positive reports whether d is a valid, non-zero duration.
func positive(d isms.Duration) bool { return !d.IsZero() && d.Validate() == nil }

// LastReview returns when the risk was last reviewed: ReviewedAt, else its
// latest assessment time, else its creation time (zero when it has none,
// and for a nil risk).
func LastReview(r *Risk) time.Time {
	if r == nil {
		return time.Time{}
	}
	if !r.ReviewedAt.IsZero() {
		return r.ReviewedAt
	}
	var last time.Time
	for _, st := range stageValues {
		if a := r.Assessment(st); a != nil && a.AssessedAt.After(last) {
			last = a.AssessedAt
		}
	}
	if last.IsZero() {
		return r.CreatedAt
	}
	return last
}

// ReviewLevel returns the risk level that sets the review cadence: the
// current assessment's, else the inherent one's, else "" (also for a nil
// risk).
func ReviewLevel(r *Risk) string {
	switch {
	case r == nil:
		return ""
	case r.Current != nil:
		return r.Current.Level
	case r.Inherent != nil:
		return r.Inherent.Level
	}
	return ""
}

// NextReview returns when the risk is next due for review: the last review
// plus the interval for its level (calendar arithmetic, months clamped to
// the end of the month), or the expiry of an acceptance in force when that
// comes first. A risk with no review, assessment or creation time is due at
// once (the zero time). A nil risk, or a policy whose interval for the
// risk's level is not positive, is an error answering isms.ErrInvalid.
func NextReview(r *Risk, p ReviewPolicy) (time.Time, error) {
	if r == nil {
		return time.Time{}, isms.Invalidf("risk: next review: nil risk")
	}
	next, err := nextReview(r, p)
	if err != nil {
		return time.Time{}, fmt.Errorf("risk: next review: %w", r.subject(err))
	}
	return next, nil
}

func nextReview(r *Risk, p ReviewPolicy) (time.Time, error) {
	last := LastReview(r)
	if last.IsZero() {
		return time.Time{}, nil
	}
	level := ReviewLevel(r)
	every := p.Interval(level)
	if !positive(every) {
		return time.Time{}, isms.Invalidf("the review policy has no positive interval for level %q", level)
	}
	next := every.AddTo(last)
	if a := r.LatestAcceptance(); a != nil && a.Status == AcceptanceAccepted && !a.ExpiresAt.IsZero() && a.ExpiresAt.Before(next) {
		next = a.ExpiresAt
	}
	return next, nil
}

// ReviewOverdue reports whether the risk's next review is before now.
// Closed risks are never overdue. Its errors are NextReview's.
func ReviewOverdue(r *Risk, p ReviewPolicy, now time.Time) (bool, error) {
	if r == nil {
		return false, isms.Invalidf("risk: review overdue: nil risk")
	}
	overdue, err := reviewOverdue(r, p, now)
	if err != nil {
		return false, fmt.Errorf("risk: review overdue: %w", r.subject(err))
	}
	return overdue, nil
}

func reviewOverdue(r *Risk, p ReviewPolicy, now time.Time) (bool, error) {
	if r.Status == StatusClosed {
		return false, nil
	}
	next, err := nextReview(r, p)
	if err != nil {
		return false, err
	}
	return next.Before(now), nil
}
