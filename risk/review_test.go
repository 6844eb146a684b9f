package risk_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

func TestDefaultReviewPolicy(t *testing.T) {
	p := risk.DefaultReviewPolicy(risk.Preset5x5())
	assert.Equal(t, risk.ReviewPolicy{
		Intervals: []risk.ReviewInterval{
			{Level: "low", Every: isms.Years(1)},
			{Level: "medium", Every: isms.Years(1)},
			{Level: "high", Every: isms.Months(6)},
			{Level: "very_high", Every: isms.Months(3)},
		},
		Default: isms.Months(3),
	}, p)
	require.NoError(t, p.Validate(risk.Preset5x5()))

	p3 := risk.DefaultReviewPolicy(risk.Preset3x3())
	assert.Equal(t, isms.Years(1), p3.Interval("low"))
	assert.Equal(t, isms.Months(6), p3.Interval("medium"))
	assert.Equal(t, isms.Months(3), p3.Interval("high"))
	assert.Equal(t, isms.Months(3), p3.Interval("unknown"))
}

func TestReviewPolicyValidate(t *testing.T) {
	m := risk.Preset3x3()
	p := risk.ReviewPolicy{
		Intervals: []risk.ReviewInterval{
			{Level: "low", Every: isms.Years(1)},
			{Level: "extreme", Every: isms.Days(7)},
			{Level: "low", Every: isms.Years(2)},
			{Level: "high"},
		},
	}
	err := p.Validate(m)
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("default", isms.CodeOutOfRange))
	assert.True(t, ve.Has("intervals[1].level", isms.CodeUnknown))
	assert.True(t, ve.Has("intervals[2].level", isms.CodeDuplicate))
	assert.True(t, ve.Has("intervals[3].every", isms.CodeOutOfRange))
	assert.Len(t, ve.Problems, 4)
}

func TestNextReview(t *testing.T) {
	m := risk.Preset3x3()
	p := risk.DefaultReviewPolicy(m)
	created := time.Date(2025, 1, 31, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		risk  func() *risk.Risk
		last  time.Time
		next  time.Time
		level string
	}{
		{"nothing known: due at once", func() *risk.Risk { return &risk.Risk{} }, time.Time{}, time.Time{}, ""},
		// Unassessed: default P3M from creation, 31 Jan + 3 months = 30
		// April: April has no 31st, so the step clamps to its last day.
		{"unassessed, from creation", func() *risk.Risk {
			return &risk.Risk{Meta: isms.Meta{CreatedAt: created}}
		}, created, time.Date(2025, 4, 30, 9, 0, 0, 0, time.UTC), ""},
		// Current medium: P6M from the latest assessment (10 Feb): 10 Aug.
		{"from the latest assessment", func() *risk.Risk {
			return &risk.Risk{
				Meta:     isms.Meta{CreatedAt: created},
				Inherent: mustAssess(t, m, "high", "high", created.AddDate(0, 0, 5)),
				Current:  mustAssess(t, m, "medium", "medium", created.AddDate(0, 0, 10)),
			}
		}, time.Date(2025, 2, 10, 9, 0, 0, 0, time.UTC), time.Date(2025, 8, 10, 9, 0, 0, 0, time.UTC), "medium"},
		// Inherent high when current is missing: P3M from 5 Feb: 5 May.
		{"inherent when current is missing", func() *risk.Risk {
			return &risk.Risk{Inherent: mustAssess(t, m, "high", "high", created.AddDate(0, 0, 5))}
		}, time.Date(2025, 2, 5, 9, 0, 0, 0, time.UTC), time.Date(2025, 5, 5, 9, 0, 0, 0, time.UTC), "high"},
		// Explicit review wins over assessment times; low: P1Y.
		// 29 Feb 2024 + 1 year = 28 February 2025 (2025 has no 29th).
		{"explicit review, leap day", func() *risk.Risk {
			return &risk.Risk{
				Current:    mustAssess(t, m, "low", "low", created),
				ReviewedAt: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
			}
		}, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC), "low"},
		// High: P3M. 30 November 2024 + 3 months = 28 February 2025.
		{"30 November plus three months", func() *risk.Risk {
			return &risk.Risk{ReviewedAt: time.Date(2024, 11, 30, 8, 0, 0, 0, time.UTC), Current: mustAssess(t, m, "high", "high", created)}
		}, time.Date(2024, 11, 30, 8, 0, 0, 0, time.UTC), time.Date(2025, 2, 28, 8, 0, 0, 0, time.UTC), "high"},
		// Medium: P6M. 31 March + 6 months = 30 September.
		{"31 March plus six months", func() *risk.Risk {
			return &risk.Risk{ReviewedAt: time.Date(2025, 3, 31, 8, 0, 0, 0, time.UTC), Current: mustAssess(t, m, "medium", "medium", created)}
		}, time.Date(2025, 3, 31, 8, 0, 0, 0, time.UTC), time.Date(2025, 9, 30, 8, 0, 0, 0, time.UTC), "medium"},
		// An acceptance expiring before the cadence brings the review forward.
		{"acceptance expiry first", func() *risk.Risk {
			r := &risk.Risk{Current: mustAssess(t, m, "low", "low", created)}
			r.Acceptances = []risk.Acceptance{{Status: risk.AcceptanceAccepted, ExpiresAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}}
			return r
		}, created, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), "low"},
		// A revoked acceptance's expiry does not count.
		{"revoked acceptance ignored", func() *risk.Risk {
			r := &risk.Risk{Current: mustAssess(t, m, "low", "low", created)}
			r.Acceptances = []risk.Acceptance{{Status: risk.AcceptanceRevoked, ExpiresAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}}
			return r
		}, created, time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC), "low"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.risk()
			assert.Equal(t, tc.last, risk.LastReview(r))
			assert.Equal(t, tc.level, risk.ReviewLevel(r))
			next, err := risk.NextReview(r, p)
			require.NoError(t, err)
			assert.Equal(t, tc.next, next)
			overdue, err := risk.ReviewOverdue(r, p, next)
			require.NoError(t, err)
			assert.False(t, overdue)
			overdue, err = risk.ReviewOverdue(r, p, next.Add(time.Nanosecond))
			require.NoError(t, err)
			assert.True(t, overdue)
			r.Status = risk.StatusClosed
			overdue, err = risk.ReviewOverdue(r, p, next.AddDate(10, 0, 0))
			require.NoError(t, err)
			assert.False(t, overdue, "closed risks are never overdue")
		})
	}
}

func TestNextReviewErrors(t *testing.T) {
	_, err := risk.NextReview(nil, risk.ReviewPolicy{Default: isms.Months(3)})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = risk.ReviewOverdue(nil, risk.ReviewPolicy{Default: isms.Months(3)}, checkNow)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	// A zero interval would make the risk due at its last review for ever.
	r := &risk.Risk{Meta: isms.Meta{ID: "r1", CreatedAt: checkNow}}
	_, err = risk.NextReview(r, risk.ReviewPolicy{})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.EqualError(t, err, `risk: next review: risk r1: the review policy has no positive interval for level ""`)
	_, err = risk.ReviewOverdue(r, risk.ReviewPolicy{Default: isms.Duration{Days: -1}}, checkNow)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.True(t, risk.LastReview(nil).IsZero())
	assert.Empty(t, risk.ReviewLevel(nil))
}
