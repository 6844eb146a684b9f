package isms

import (
	"cmp"
	"slices"
)

// Severity ranks a Finding.
type Severity string

// Severities, from the most to the least serious.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

var severityValues = []Severity{SeverityError, SeverityWarning, SeverityInfo}

// SeverityValues returns every Severity, most serious first.
func SeverityValues() []Severity { return slices.Clone(severityValues) }

// IsValid reports whether s is a known Severity.
func (s Severity) IsValid() bool { return slices.Contains(severityValues, s) }

// Rank returns 3 for error, 2 for warning, 1 for info and 0 otherwise, so
// that a higher rank is more serious.
func (s Severity) Rank() int {
	switch s {
	case SeverityError:
		return 3
	case SeverityWarning:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// UnmarshalText accepts only known severities.
func (s *Severity) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, "severity", b, severityValues)
}

// Finding is the result of every check in the SDK (the Check… functions:
// document review, risk checks, SoA checks, ...). Code is stable and
// dotted ("document.review_overdue"); users filter and suppress by it, and
// each package's Rules function documents its codes.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Subject  Ref      `json:"subject,omitzero"`
	Message  string   `json:"message"`
	// Field is the path of the value the finding is about, when there is one.
	Field string `json:"field,omitempty"`
	// Related lists other entities involved, such as the risk that selects
	// an excluded control.
	Related []Ref `json:"related,omitempty"`
	// Details holds the values the check compared, so the finding can be
	// re-performed ("due": "2026-01-31", "now": "2026-02-03").
	Details map[string]string `json:"details,omitempty"`
}

// SortFindings sorts findings by severity (most serious first), then code,
// subject, field and message, giving every check a deterministic order.
func SortFindings(fs []Finding) {
	if len(fs) < 2 {
		return
	}
	// Sort pointers, then permute: moving a Finding is a large copy.
	ps := make([]*Finding, len(fs))
	for i := range fs {
		ps[i] = &fs[i]
	}
	slices.SortStableFunc(ps, compareFindings)
	sorted := make([]Finding, len(fs))
	for i, p := range ps {
		sorted[i] = *p
	}
	copy(fs, sorted)
}

// compareFindings compares key by key and stops at the first that
// differs (cmp.Or would compare every key first), taking the findings by
// pointer: they are large structs and a sort compares n log n times.
func compareFindings(a, b *Finding) int {
	if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Code, b.Code); c != 0 {
		return c
	}
	if c := a.Subject.Compare(b.Subject); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Field, b.Field); c != 0 {
		return c
	}
	return cmp.Compare(a.Message, b.Message)
}

// WithoutCodes returns the findings whose code is not among codes: the way
// users suppress checks they have decided to accept.
func WithoutCodes(fs []Finding, codes ...string) []Finding {
	drop := make(map[string]bool, len(codes))
	for _, c := range codes {
		drop[c] = true
	}
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		if !drop[f.Code] {
			out = append(out, f)
		}
	}
	return out
}

// WithCode returns the findings with the given code.
func WithCode(fs []Finding, code string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

// MaxSeverity returns the most serious severity among fs, or "" when fs is
// empty.
func MaxSeverity(fs []Finding) Severity {
	var max Severity
	for _, f := range fs {
		if f.Severity.Rank() > max.Rank() {
			max = f.Severity
		}
	}
	return max
}
