package risk

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/isms"
)

// TestSortFindingsIsIsmsOrder: on findings that tie on every prefix of
// the keys, the fast sort gives exactly isms.SortFindings's (stable)
// order.
func TestSortFindingsIsIsmsOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sev := []isms.Severity{isms.SeverityError, isms.SeverityWarning, isms.SeverityInfo}
	for _, n := range []int{0, 1, 2, 7, 100, 3000} {
		fs := make([]isms.Finding, n)
		for i := range fs {
			fs[i] = isms.Finding{
				Severity: sev[rng.IntN(3)],
				Code:     fmt.Sprintf("risk.c%d", rng.IntN(3)),
				Subject:  isms.Ref{Kind: "risk", ID: isms.ID(fmt.Sprintf("r%d", rng.IntN(4)))},
				Field:    fmt.Sprintf("f%d", rng.IntN(2)),
				Message:  fmt.Sprintf("m%d", rng.IntN(2)),
				Details:  map[string]string{"seq": fmt.Sprint(i)}, // tells ties apart
			}
		}
		want := slices.Clone(fs)
		isms.SortFindings(want)
		sortFindings(fs)
		assert.Equal(t, want, fs, "n=%d", n)
	}
}
