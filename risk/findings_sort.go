package risk

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ismskit/ismskit/isms"
)

// sortFindings sorts findings in the order of isms.SortFindings (severity,
// most serious first, then code, subject, field and message; stable), but
// faster on large reports: it sorts pointers rather than moving the large
// Finding values, and compares key by key, stopping at the first that
// differs, where isms.SortFindings computes every key of every pair.
func sortFindings(fs []isms.Finding) {
	if len(fs) < 2 {
		return
	}
	ps := make([]*isms.Finding, len(fs))
	for i := range fs {
		ps[i] = &fs[i]
	}
	slices.SortStableFunc(ps, func(a, b *isms.Finding) int {
		if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
			return c
		}
		if c := strings.Compare(a.Code, b.Code); c != 0 {
			return c
		}
		if c := a.Subject.Compare(b.Subject); c != 0 {
			return c
		}
		if c := strings.Compare(a.Field, b.Field); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	sorted := make([]isms.Finding, len(fs))
	for i, p := range ps {
		sorted[i] = *p
	}
	copy(fs, sorted)
}
