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
type ReviewPolicy struct {
	// Intervals gives the interval of each risk level.
	Intervals []ReviewInterval `json:"intervals,omitempty"`
	// Default applies to risks whose level has no interval, and to risks
	// not yet assessed.
	Default isms.Duration `json:"default"`
}

// DefaultReviewPolicy returns the default cadence for m: its highest risk
// level every 3 months, the next highest every 6 months, every other level
// every 12 months, and risks not yet assessed within 3 months.
func DefaultReviewPolicy(m *Matrix) ReviewPolicy {
	p := ReviewPolicy{Default: isms.Months(3)}
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
// positive, and that Default is positive.
func (p ReviewPolicy) Validate(m *Matrix) error {
	var ps isms.Problems
	if p.Default.IsZero() || p.Default.Validate() != nil {
		ps.Add("default", isms.CodeOutOfRange, "default interval must be positive")
	}
	for i, iv := range p.Intervals {
		f := fmt.Sprintf("intervals[%d]", i)
		if m.RiskIndex(iv.Level) < 0 {
			ps.Addf(f+".level", isms.CodeUnknown, "%q is not a risk level of matrix %s", iv.Level, m.Ref())
		}
		for _, o := range p.Intervals[:i] {
			if o.Level == iv.Level {
				ps.Addf(f+".level", isms.CodeDuplicate, "level %q has two intervals", iv.Level)
				break
			}
		}
		if iv.Every.IsZero() || iv.Every.Validate() != nil {
			ps.Add(f+".every", isms.CodeOutOfRange, "interval must be positive")
		}
	}
	return ps.Err("review policy")
}

// LastReview returns when the risk was last reviewed: ReviewedAt, else its
// latest assessment time, else its creation time (zero when it has none).
func LastReview(r *Risk) time.Time {
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
// current assessment's, else the inherent one's, else "".
func ReviewLevel(r *Risk) string {
	switch {
	case r.Current != nil:
		return r.Current.Level
	case r.Inherent != nil:
		return r.Inherent.Level
	}
	return ""
}

// NextReview returns when the risk is next due for review: the last review
// plus the interval for its level, or the expiry of an acceptance in
// force when that comes first. A risk with no review, assessment or
// creation time is due at once (the zero time).
func NextReview(r *Risk, p ReviewPolicy) time.Time {
	last := LastReview(r)
	if last.IsZero() {
		return time.Time{}
	}
	next := p.Interval(ReviewLevel(r)).AddTo(last)
	if a := r.LatestAcceptance(); a != nil && a.Status == AcceptanceAccepted && !a.ExpiresAt.IsZero() && a.ExpiresAt.Before(next) {
		next = a.ExpiresAt
	}
	return next
}

// ReviewOverdue reports whether the risk's next review is before now.
// Closed risks are never overdue.
func ReviewOverdue(r *Risk, p ReviewPolicy, now time.Time) bool {
	if r.Status == StatusClosed {
		return false
	}
	return NextReview(r, p).Before(now)
}
