package controls

import (
	"strings"

	"github.com/ismskit/ismskit/isms"
)

// CompareIDs orders control identifiers the way people read them ("natural
// order"): each id is cut into runs of digits and runs of other
// characters; runs of digits compare as numbers and sort before other runs,
// which compare as strings. So "A.5.9" sorts before "A.5.10", "GV.OC-02"
// before "GV.OC-10" and "T9" before "T10". Ids whose runs are all equal
// ("A.05" and "A.5") compare as plain strings, so the order is total and
// safe for sorting. It returns -1, 0 or +1.
//
// Catalog order, not CompareIDs, is the order of every listing that has a
// catalog; CompareIDs orders ids that no catalog places, such as the entries
// of an SoA that are not in its catalog.
func CompareIDs(a, b isms.ID) int {
	as, bs := string(a), string(b)
	for as != "" && bs != "" {
		ra, restA := nextRun(as)
		rb, restB := nextRun(bs)
		if c := compareRuns(ra, rb); c != 0 {
			return c
		}
		as, bs = restA, restB
	}
	switch {
	case as == "" && bs == "":
		return strings.Compare(string(a), string(b))
	case as == "":
		return -1
	default:
		return 1
	}
}

// nextRun returns the leading run of digits or of non-digits of s, and the
// rest.
func nextRun(s string) (run, rest string) {
	digit := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == digit {
		i++
	}
	return s[:i], s[i:]
}

func compareRuns(a, b string) int {
	da, db := isDigit(a[0]), isDigit(b[0])
	switch {
	case da && db:
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a) != len(b) {
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
	case da:
		return -1
	case db:
		return 1
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
