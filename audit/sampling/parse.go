package sampling

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/ismskit/ismskit/isms"
)

// ParseSelection decodes a recorded selection (the JSON of a *Selection,
// as kept in the working papers) and checks it with Selection.Validate, so
// that it can be handed to Reperform. Empty lists read as nil.
//
// It is strict, for documents from users (isms.UnmarshalStrict): unknown
// fields, unknown enum values, an explicit empty enum value (leave the
// field out, as encoding/json does with the SDK's omitempty fields),
// trailing data, a document of more than isms.MaxDocumentSize bytes and
// nesting deeper than isms.MaxDocumentDepth are refused. Its time is
// linear in the size of the document. Errors answer
// errors.Is(err, isms.ErrInvalid).
func ParseSelection(data []byte) (*Selection, error) {
	var s Selection
	if err := isms.UnmarshalStrict(data, &s); err != nil {
		return nil, wrap("parse selection", err)
	}
	s.normalize()
	if err := s.Validate(); err != nil {
		return nil, wrap("parse selection", err)
	}
	return &s, nil
}

// ParseAttributePlan decodes an attribute plan strictly, as ParseSelection
// does, and checks it with AttributePlan.Validate.
func ParseAttributePlan(data []byte) (*AttributePlan, error) {
	var p AttributePlan
	if err := isms.UnmarshalStrict(data, &p); err != nil {
		return nil, wrap("parse attribute plan", err)
	}
	if err := p.Validate(); err != nil {
		return nil, wrap("parse attribute plan", err)
	}
	return &p, nil
}

// ParseMonetaryPlan decodes a monetary-unit plan strictly, as
// ParseSelection does, and checks it with MonetaryPlan.Validate.
func ParseMonetaryPlan(data []byte) (*MonetaryPlan, error) {
	var p MonetaryPlan
	if err := isms.UnmarshalStrict(data, &p); err != nil {
		return nil, wrap("parse monetary plan", err)
	}
	if err := p.Validate(); err != nil {
		return nil, wrap("parse monetary plan", err)
	}
	return &p, nil
}

// normalize stores empty lists and maps as nil, as they read back from
// JSON.
func (s *Selection) normalize() {
	if len(s.Spec.StratumSizes) == 0 {
		s.Spec.StratumSizes = nil
	}
	if len(s.Strata) == 0 {
		s.Strata = nil
	}
	for i := range s.Items {
		if len(s.Items[i].Hits) == 0 {
			s.Items[i].Hits = nil
		}
	}
}

// Validate checks that a recorded selection is well formed, as Select
// writes them: a known method with a size between 0 and MaxPopulation (an
// allocation and stratum sizes only for stratified selection), an
// algorithm version of at least 1, a population of 0 to MaxPopulation
// items with a value of at least 0 and a fingerprint of 64 lowercase
// hexadecimal digits, an interval inside its span, strata in ascending key
// order with sizes within their populations, and items in canonical order:
// indexes strictly ascending within the population, non-empty ids, draws
// from 1 and hits strictly ascending. All text must be valid UTF-8, which
// JSON requires. Validate does not re-perform the selection; Reperform
// does. The error is an *isms.ValidationError with Subject "selection"
// answering errors.Is(err, isms.ErrInvalid); a nil selection is invalid.
// The time is linear in the size of the selection.
func (s *Selection) Validate() error {
	var ps isms.Problems
	if s == nil {
		ps.Add("", isms.CodeRequired, "the selection is nil")
		return ps.Err("selection")
	}
	sp := s.Spec
	isms.CheckEnum(&ps, "spec.method", sp.Method, methodValues, true)
	if sp.Size < 0 || sp.Size > MaxPopulation {
		ps.Addf("spec.size", isms.CodeOutOfRange, "size must be between 0 and %d, got %d", MaxPopulation, sp.Size)
	}
	isms.CheckEnum(&ps, "spec.allocation", sp.Allocation, allocationValues, false)
	if sp.Method != MethodStratified && (sp.Allocation != "" || len(sp.StratumSizes) > 0) {
		ps.Add("spec.allocation", isms.CodeForbidden, "allocation and stratum_sizes apply to stratified selection only")
	}
	for k, v := range sp.StratumSizes {
		if v < 0 || v > MaxPopulation || !utf8.ValidString(k) {
			// Report every bad size, in a deterministic order.
			for _, k := range slices.Sorted(maps.Keys(sp.StratumSizes)) {
				v := sp.StratumSizes[k]
				if v < 0 || v > MaxPopulation {
					ps.Addf(isms.JoinField("spec.stratum_sizes", k), isms.CodeOutOfRange, "size must be between 0 and %d, got %d", MaxPopulation, v)
				}
				checkText(&ps, "spec.stratum_sizes", k)
			}
			break
		}
	}
	if sp.Plan != nil {
		sp.Plan.validate(&ps, "spec.plan")
		if a := sp.Plan.Attribute; a != nil && a.Population > 0 && a.Population != s.Population.Size {
			ps.Addf("population.size", isms.CodeOutOfRange, "the plan is for a population of %d items, the record holds %d", a.Population, s.Population.Size)
		}
	}
	if s.AlgorithmVersion < 1 {
		ps.Addf("algorithm_version", isms.CodeOutOfRange, "algorithm_version must be at least 1, got %d", s.AlgorithmVersion)
	}
	checkText(&ps, "algorithm", s.Algorithm)
	checkText(&ps, "generator", s.Generator)
	checkText(&ps, "procedure", s.Procedure)
	pop := s.Population
	if pop.Size < 0 || pop.Size > MaxPopulation {
		ps.Addf("population.size", isms.CodeOutOfRange, "size must be between 0 and %d, got %d", MaxPopulation, pop.Size)
	}
	if pop.Value < 0 {
		ps.Add("population.value", isms.CodeOutOfRange, "value must not be negative")
	}
	if !isHexDigest(pop.Fingerprint) {
		ps.Add("population.fingerprint", isms.CodeMalformed, "fingerprint must be 64 lowercase hexadecimal digits")
	}
	if pop.FingerprintFormat == "" {
		ps.Add("population.fingerprint_format", isms.CodeRequired, "fingerprint_format is required")
	}
	checkText(&ps, "population.fingerprint_format", pop.FingerprintFormat)
	if iv := s.Interval; iv != nil {
		if iv.Span < 1 || iv.Start < 0 || iv.Start >= iv.Span {
			ps.Addf("interval.start", isms.CodeOutOfRange, "start must be at least 0 and below the span %d, got %d", iv.Span, iv.Start)
		}
		if iv.Size < 1 || iv.Size > MaxPopulation {
			ps.Addf("interval.size", isms.CodeOutOfRange, "size must be between 1 and %d, got %d", MaxPopulation, iv.Size)
		}
		if math.IsNaN(iv.Length) || math.IsInf(iv.Length, 0) || iv.Length < 0 {
			ps.Add("interval.length", isms.CodeOutOfRange, "length must be a finite number of at least 0")
		}
	}
	for i, st := range s.Strata {
		field := fmt.Sprintf("strata[%d]", i)
		if i > 0 && st.Key <= s.Strata[i-1].Key {
			ps.Add(field+".key", isms.CodeOrder, "strata must be in ascending key order, each key once")
		}
		if st.Population < 0 || st.Population > MaxPopulation {
			ps.Addf(field+".population", isms.CodeOutOfRange, "population must be between 0 and %d, got %d", MaxPopulation, st.Population)
		}
		if st.Size < 0 || st.Size > st.Population {
			ps.Addf(field+".size", isms.CodeOutOfRange, "size must be between 0 and the stratum's population %d, got %d", st.Population, st.Size)
		}
		checkText(&ps, field+".key", st.Key)
		checkText(&ps, field+".generator", st.Generator)
	}
	checkItemCount(&ps, s)
	for i := range s.Items {
		it := &s.Items[i]
		switch {
		case it.Index < 0 || it.Index >= pop.Size:
			ps.Addf(itemField(i, "index"), isms.CodeOutOfRange, "index must be at least 0 and below the population size %d, got %d", pop.Size, it.Index)
		case i > 0 && it.Index <= s.Items[i-1].Index:
			ps.Add(itemField(i, "index"), isms.CodeOrder, "items must be in canonical order, each once")
		}
		switch {
		case it.ID == "":
			ps.Add(itemField(i, "id"), isms.CodeRequired, "id is required")
		case i > 0 && it.ID <= s.Items[i-1].ID:
			ps.Add(itemField(i, "id"), isms.CodeOrder, "ids must be ascending, as the canonical order is")
		}
		if it.Draw < 1 {
			ps.Addf(itemField(i, "draw"), isms.CodeOutOfRange, "draw must be at least 1, got %d", it.Draw)
		}
		if !isASCII(it.ID) || !isASCII(it.Stratum) {
			checkText(&ps, itemField(i, "id"), it.ID)
			checkText(&ps, itemField(i, "stratum"), it.Stratum)
		}
		for k, h := range it.Hits {
			if h < 0 || (k > 0 && h <= it.Hits[k-1]) || (pop.Value > 0 && h >= pop.Value) {
				ps.Addf(itemField(i, fmt.Sprintf("hits[%d]", k)), isms.CodeOutOfRange,
					"hits must ascend strictly from 0 and lie below the population value %d", pop.Value)
				break
			}
		}
	}
	return ps.Err("selection")
}

func itemField(i int, name string) string {
	return isms.JoinField(fmt.Sprintf("items[%d]", i), name)
}

// isHexDigest reports whether s is 64 lowercase hexadecimal digits.
func isHexDigest(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// checkText reports text that is not valid UTF-8, which JSON cannot carry.
func checkText(ps *isms.Problems, field, s string) {
	if !isASCII(s) && !utf8.ValidString(s) {
		ps.Add(field, isms.CodeMalformed, "text is not valid UTF-8")
	}
}

// unmarshalEnumOrDefault is unmarshalEnum that also accepts an explicit
// empty value, for the enums whose zero value means "the default".
func unmarshalEnumOrDefault[T ~string](dst *T, name string, b []byte, values []T) error {
	if dst != nil && len(b) == 0 {
		*dst = ""
		return nil
	}
	return unmarshalEnum(dst, name, b, values)
}

// unmarshalEnum is isms.UnmarshalEnum with a nil receiver refused.
func unmarshalEnum[T ~string](dst *T, name string, b []byte, values []T) error {
	if dst == nil {
		return isms.Invalidf("%s: UnmarshalText into a nil pointer", name)
	}
	return isms.UnmarshalEnum(dst, name, b, values)
}

// opError prefixes an error with "sampling: " and the operation. Unlike
// fmt.Errorf it formats the message only when asked: a validation error
// can list hundreds of thousands of problems.
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string { return "sampling: " + e.op + ": " + e.err.Error() }
func (e *opError) Unwrap() error { return e.err }

// wrap returns err prefixed with "sampling: op: ", or nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &opError{op: op, err: err}
}

// checkItemCount reports a selection whose items do not make up what its
// spec draws: Size items for simple random and systematic selection, the
// strata's sizes for stratified selection, Size hit units for monetary-
// unit and cell selection. A record with its items cut (or padded) would
// otherwise validate, and be evaluated as if the sample were complete.
func checkItemCount(ps *isms.Problems, s *Selection) {
	sp := s.Spec
	switch sp.Method {
	case MethodSimpleRandom, MethodSystematic:
		if len(s.Items) != sp.Size {
			ps.Addf("items", isms.CodeOutOfRange, "the selection holds %d items; its spec draws %d", len(s.Items), sp.Size)
		}
	case MethodStratified:
		want := 0
		for _, st := range s.Strata {
			want += max(st.Size, 0)
		}
		if len(s.Items) != want {
			ps.Addf("items", isms.CodeOutOfRange, "the selection holds %d items; its strata draw %d", len(s.Items), want)
		}
	case MethodMonetaryUnit, MethodCell:
		hits := 0
		for i := range s.Items {
			hits += len(s.Items[i].Hits)
		}
		if hits != sp.Size {
			ps.Addf("items", isms.CodeOutOfRange, "the selection's items hold %d hit units; its spec draws %d", hits, sp.Size)
		}
	}
}
