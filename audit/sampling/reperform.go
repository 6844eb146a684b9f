package sampling

import (
	"fmt"
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// Reperform re-performs a recorded selection against a population: it
// recomputes the population's fingerprint and compares it with the
// record, then draws again with the recorded spec (method, size, seed,
// allocation) and compares the sample item by item.
//
// It returns nil when both match. A changed population or a different
// sample wraps a *MismatchError (errors.As finds it), which answers
// errors.Is(err, isms.ErrConflict); a record of another algorithm version
// answers errors.Is(err, isms.ErrUnsupported); a nil record or an invalid
// population or spec answers errors.Is(err, isms.ErrInvalid). Errors read
// "sampling: reperform: ...". Read a record kept as JSON with
// ParseSelection first.
func Reperform(rec *Selection, items []Item) error {
	if err := reperform(rec, items); err != nil {
		return wrap("reperform", err)
	}
	return nil
}

// reperform is Reperform with unprefixed errors.
func reperform(rec *Selection, items []Item) error {
	if rec == nil {
		return isms.Invalidf("no selection to re-perform")
	}
	if rec.AlgorithmVersion != AlgorithmVersion {
		return isms.Unsupportedf("selection algorithm version %d cannot be re-performed by version %d", rec.AlgorithmVersion, AlgorithmVersion)
	}
	pop, err := scan(items)
	if err != nil {
		return err
	}
	if actual := pop.fingerprint; actual != rec.Population.Fingerprint {
		return &MismatchError{What: "population", Recorded: rec.Population.Fingerprint, Actual: actual}
	}
	again, err := selectItems(items, rec.Spec)
	if err != nil {
		return err
	}
	n := max(len(again.Items), len(rec.Items))
	for i := range n {
		switch {
		case i >= len(rec.Items):
			return &MismatchError{What: "sample", Recorded: "no item", Actual: describe(again.Items[i])}
		case i >= len(again.Items):
			return &MismatchError{What: "sample", Recorded: describe(rec.Items[i]), Actual: "no item"}
		case !sameItem(rec.Items[i], again.Items[i]):
			return &MismatchError{What: "sample", Recorded: describe(rec.Items[i]), Actual: describe(again.Items[i])}
		}
	}
	return nil
}

func sameItem(a, b SelectedItem) bool {
	return a.Index == b.Index && a.ID == b.ID && a.Value == b.Value && a.Stratum == b.Stratum &&
		a.Draw == b.Draw && slices.Equal(a.Hits, b.Hits)
}

func describe(s SelectedItem) string {
	if len(s.Hits) > 0 {
		return fmt.Sprintf("item %d %q (draw %d, hits %v)", s.Index, s.ID, s.Draw, s.Hits)
	}
	return fmt.Sprintf("item %d %q (draw %d)", s.Index, s.ID, s.Draw)
}
