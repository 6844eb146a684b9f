package sampling

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/ismskit/ismskit/isms"
)

// Method names a selection method.
type Method string

// Selection methods.
const (
	// MethodSimpleRandom draws Size items without replacement, every item
	// equally likely (a partial Fisher-Yates shuffle).
	MethodSimpleRandom Method = "simple_random"
	// MethodSystematic takes every (N/Size)-th item from a random start,
	// with a fractional interval so every item has probability Size/N.
	MethodSystematic Method = "systematic"
	// MethodStratified groups items by Stratum, allocates Size among the
	// strata (proportionally or fixed), and draws a simple random sample
	// in each.
	MethodStratified Method = "stratified"
	// MethodMonetaryUnit treats every currency unit of Value as a sampling
	// unit and takes every (V/Size)-th unit from a random start (fixed
	// interval), selecting the items the units fall in: probability
	// proportional to size.
	MethodMonetaryUnit Method = "monetary_unit"
	// MethodCell splits the V currency units into Size consecutive cells
	// and draws one unit at random in each cell.
	MethodCell Method = "cell"
)

var methodValues = []Method{MethodSimpleRandom, MethodSystematic, MethodStratified, MethodMonetaryUnit, MethodCell}

// MethodValues returns every Method.
func MethodValues() []Method { return slices.Clone(methodValues) }

// IsValid reports whether m is a known Method.
func (m Method) IsValid() bool { return slices.Contains(methodValues, m) }

// UnmarshalText accepts only known methods.
func (m *Method) UnmarshalText(b []byte) error {
	return unmarshalEnum(m, "method", b, methodValues)
}

// Allocation names how stratified selection shares the sample among
// strata.
type Allocation string

// Allocations.
const (
	// AllocationProportional gives each stratum floor(Size x N_h / N)
	// items and the remaining ones to the strata with the largest
	// remainders of Size x N_h / N (ties to the smaller key): the
	// largest-remainder method, in integers.
	AllocationProportional Allocation = "proportional"
	// AllocationFixed takes the per-stratum sizes from StratumSizes.
	AllocationFixed Allocation = "fixed"
)

var allocationValues = []Allocation{AllocationProportional, AllocationFixed}

// AllocationValues returns every Allocation.
func AllocationValues() []Allocation { return slices.Clone(allocationValues) }

// IsValid reports whether a is a known Allocation.
func (a Allocation) IsValid() bool { return slices.Contains(allocationValues, a) }

// UnmarshalText accepts known allocations, and an explicit empty value as
// the default (proportional), as the zero Allocation means.
func (a *Allocation) UnmarshalText(b []byte) error {
	return unmarshalEnumOrDefault(a, "allocation", b, allocationValues)
}

// SelectionSpec says what to select: everything needed, with the
// population, to re-perform the selection.
type SelectionSpec struct {
	// Method is the selection method.
	Method Method `json:"method"`
	// Size is the number of items to draw (simple random, systematic,
	// stratified) or of monetary units to hit (monetary unit, cell; at
	// most MaxSampleSize). With fixed allocation it may be 0, meaning the
	// sum of StratumSizes.
	Size int `json:"size"`
	// Seed seeds the generator. Record it: the same seed and population
	// give the same sample on every platform.
	Seed uint64 `json:"seed"`
	// Allocation applies to stratified selection; empty means
	// proportional.
	Allocation Allocation `json:"allocation,omitempty"`
	// StratumSizes gives the sample size of each stratum for fixed
	// allocation; strata not listed get none.
	StratumSizes map[string]int `json:"stratum_sizes,omitempty"`
	// Plan is the plan the selection serves (AttributeResult.SelectionPlan,
	// MonetaryResult.SelectionPlan), recorded with it. When set, Select
	// refuses a size other than the planned one, a method that does not
	// suit the plan, and a population other than the planned one (the
	// number of items of an attribute plan with a population, the total
	// value of a monetary plan with a population value).
	Plan *SelectionPlan `json:"plan,omitempty"`
}

// AlgorithmVersion is the version of the selection algorithms. It changes
// whenever any algorithm would select differently for the same population
// and seed; Reperform refuses records of other versions.
const AlgorithmVersion = 1

// Selection is a recorded sample: the request, the algorithm and
// generator, the population's fingerprint, and the items drawn.
type Selection struct {
	// Spec is the request the selection carried out.
	Spec SelectionSpec `json:"spec"`
	// Algorithm names the algorithm, such as "simple-random/fisher-yates".
	Algorithm string `json:"algorithm"`
	// AlgorithmVersion is the version of the algorithms (see
	// AlgorithmVersion).
	AlgorithmVersion int `json:"algorithm_version"`
	// Generator names the random generator, its seed and stream.
	Generator string `json:"generator"`
	// Population summarises the population the sample was drawn from.
	Population PopulationInfo `json:"population"`
	// Interval describes the fixed-interval walk of systematic and
	// monetary-unit selection.
	Interval *Interval `json:"interval,omitempty"`
	// Strata lists the strata of a stratified selection, in key order.
	Strata []StratumSelection `json:"strata,omitempty"`
	// Items are the selected items in canonical order (ascending ID).
	Items []SelectedItem `json:"items"`
	// Procedure describes in words how to re-perform the selection.
	Procedure string `json:"procedure"`
}

// PopulationInfo summarises a population.
type PopulationInfo struct {
	// Size is the number of items.
	Size int `json:"size"`
	// Value is the sum of the item values.
	Value int64 `json:"value"`
	// Fingerprint is the SHA-256 fingerprint (see Fingerprint).
	Fingerprint string `json:"fingerprint"`
	// FingerprintFormat names its byte format (FingerprintFormat).
	FingerprintFormat string `json:"fingerprint_format"`
}

// Interval is the fixed-interval walk of systematic (Span = N items) and
// monetary-unit (Span = V currency units) selection: hit i, for i = 0 ...
// Size-1, is position floor((Start + i x Span) / Size), counted from 0 in
// canonical order (for monetary units, along the running total of values).
type Interval struct {
	// Start is the random start, drawn uniformly in [0, Span).
	Start int64 `json:"start"`
	// Span is the number of items (systematic) or currency units
	// (monetary unit) walked.
	Span int64 `json:"span"`
	// Size is the number of hits.
	Size int `json:"size"`
	// Length is Span / Size, for reading only: the walk uses integers.
	Length float64 `json:"length"`
}

// StratumSelection describes one stratum of a stratified selection.
type StratumSelection struct {
	// Key is the stratum's Item.Stratum value.
	Key string `json:"key"`
	// Population is the number of items in the stratum.
	Population int `json:"population"`
	// Size is the number of items drawn from it.
	Size int `json:"size"`
	// Generator names the stratum's generator stream.
	Generator string `json:"generator"`
}

// SelectedItem is one selected item.
type SelectedItem struct {
	// Index is the item's position in canonical order, from 0.
	Index int `json:"index"`
	// ID is the item's ID.
	ID string `json:"id"`
	// Value is the item's value.
	Value int64 `json:"value,omitempty"`
	// Stratum is the item's stratum.
	Stratum string `json:"stratum,omitempty"`
	// Draw is the order, from 1, in which the item was drawn (within its
	// stratum for stratified selection; its first hit for monetary units).
	Draw int `json:"draw"`
	// Hits are the currency units, counted from 0 along the running total
	// of values, that selected the item (monetary-unit and cell selection).
	// An item larger than the interval may be hit more than once.
	Hits []int64 `json:"hits,omitempty"`
}

// Select draws a sample from items as spec says and records it. The items
// are first put in canonical order (ascending ID), so their input order
// does not matter; passing them already sorted saves the sort.
//
// The error wraps isms.ErrInvalid for an invalid spec or population:
// a population or size that does not match spec.Plan, empty or duplicate
// IDs, a size outside [1, N] (or, for the monetary
// methods, outside [1, min(V, MaxSampleSize)] currency units), negative
// values or a total value above 2^63-1 for monetary methods, an
// unknown stratum in StratumSizes, or a stratum size above its population.
func Select(items []Item, spec SelectionSpec) (*Selection, error) {
	sel, err := selectItems(items, spec)
	if err != nil {
		return nil, wrap("select", err)
	}
	return sel, nil
}

// selectItems is Select with unprefixed errors.
func selectItems(items []Item, spec SelectionSpec) (*Selection, error) {
	p, err := scan(items)
	if err != nil {
		return nil, err
	}
	pop, total, overflow, negative := p.items, p.total, p.overflow, p.negative
	sel := &Selection{
		Spec:             spec,
		AlgorithmVersion: AlgorithmVersion,
		Population: PopulationInfo{
			Size:              len(pop),
			Fingerprint:       p.fingerprint,
			FingerprintFormat: FingerprintFormat,
		},
	}
	if !overflow {
		sel.Population.Value = total
	}
	var ps isms.Problems
	if !spec.Method.IsValid() {
		ps.Addf("method", isms.CodeUnknown, "unknown method %q", string(spec.Method))
	}
	if spec.Method != MethodStratified && (spec.Allocation != "" || len(spec.StratumSizes) > 0) {
		ps.Add("allocation", isms.CodeForbidden, "allocation and stratum_sizes apply to stratified selection only")
	}
	switch spec.Method {
	case MethodSimpleRandom, MethodSystematic:
		if spec.Size < 1 || spec.Size > len(pop) {
			ps.Addf("size", isms.CodeOutOfRange, "size must be between 1 and the population size %d, got %d", len(pop), spec.Size)
		}
	case MethodMonetaryUnit, MethodCell:
		switch {
		case negative:
			ps.Add("items", isms.CodeOutOfRange, "monetary selection needs values of at least 0")
		case overflow:
			ps.Add("items", isms.CodeOutOfRange, "the total value exceeds 2^63-1")
		case spec.Size < 1 || int64(spec.Size) > total:
			ps.Addf("size", isms.CodeOutOfRange, "size must be between 1 and the total value %d, got %d", total, spec.Size)
		case spec.Size > MaxSampleSize:
			ps.Addf("size", isms.CodeOutOfRange, "a monetary-unit sample takes at most %d units, got %d", MaxSampleSize, spec.Size)
		}
	}
	if spec.Plan != nil {
		checkPlan(&ps, spec, len(pop), total, overflow)
	}
	if err := ps.Err("selection"); err != nil {
		return nil, err
	}
	switch spec.Method {
	case MethodSimpleRandom:
		selectSimple(sel, pop)
	case MethodSystematic:
		selectSystematic(sel, pop)
	case MethodStratified:
		if err := selectStratified(sel, pop); err != nil {
			return nil, err
		}
	case MethodMonetaryUnit:
		selectMonetary(sel, pop, total)
	case MethodCell:
		selectCell(sel, pop, total)
	}
	return sel, nil
}

func selectSimple(sel *Selection, pop []Item) {
	src := rand.NewPCG(sel.Spec.Seed, selectionStream)
	sel.Algorithm = "simple-random/fisher-yates"
	sel.Generator = generatorText(sel.Spec.Seed, selectionStream)
	draws := drawWithoutReplacement(src, sel.Spec.Size, len(pop))
	sel.Items = itemsFromDraws(pop, draws, nil)
	sel.Procedure = fmt.Sprintf("Sort the %d items by id (bytes, ascending) and number them from 0. "+
		"With %s, for i = 0 .. %d draw j = i + uniform(%d - i), where uniform(m) takes the next 64-bit output x and "+
		"returns the high 64 bits of the 128-bit product x*m, drawing again while the low 64 bits are below 2^64 mod m; "+
		"swap positions i and j of the list 0 .. %d and take the number now at position i.",
		len(pop), sel.Generator, sel.Spec.Size-1, len(pop), len(pop)-1)
}

// itemsFromDraws turns drawn positions (in draw order) into SelectedItems
// in canonical order. offset maps a stratum-local position to a global
// index when not nil.
func itemsFromDraws(pop []Item, draws []int, offset []int) []SelectedItem {
	out := make([]SelectedItem, len(draws))
	for d, pos := range draws {
		idx := pos
		if offset != nil {
			idx = offset[pos]
		}
		it := pop[idx]
		out[d] = SelectedItem{Index: idx, ID: it.ID, Value: it.Value, Stratum: it.Stratum, Draw: d + 1}
	}
	slices.SortFunc(out, func(a, b SelectedItem) int { return cmp.Compare(a.Index, b.Index) })
	return out
}

func selectSystematic(sel *Selection, pop []Item) {
	n, total := sel.Spec.Size, len(pop)
	src := rand.NewPCG(sel.Spec.Seed, selectionStream)
	sel.Algorithm = "systematic/fractional-interval"
	sel.Generator = generatorText(sel.Spec.Seed, selectionStream)
	start := uniform(src, uint64(total))
	sel.Interval = &Interval{Start: int64(start), Span: int64(total), Size: n, Length: float64(total) / float64(n)}
	draws := make([]int, n)
	for i := range draws {
		draws[i] = int(mulDiv(uint64(i), uint64(total), start, uint64(n)))
	}
	sel.Items = itemsFromDraws(pop, draws, nil)
	sel.Procedure = fmt.Sprintf("Sort the %d items by id (bytes, ascending) and number them from 0. "+
		"With %s draw the start s = uniform(%d) (as for simple random selection); s = %d. "+
		"Select item floor((s + i x %d) / %d) for i = 0 .. %d.",
		total, sel.Generator, total, start, total, n, n-1)
}

func selectStratified(sel *Selection, pop []Item) error {
	spec := sel.Spec
	alloc := spec.Allocation
	if alloc == "" {
		alloc = AllocationProportional
	}
	sel.Algorithm = "stratified/" + string(alloc) + "/fisher-yates"
	sel.Generator = fmt.Sprintf("math/rand/v2 PCG(seed=%d, stream per stratum)", spec.Seed)
	// Group the canonical positions by stratum.
	groups := map[string][]int{}
	for i, it := range pop {
		groups[it.Stratum] = append(groups[it.Stratum], i)
	}
	keys := slices.Sorted(maps.Keys(groups))
	sizes := make([]int, len(keys))
	var ps isms.Problems
	switch alloc {
	case AllocationProportional:
		if len(spec.StratumSizes) > 0 {
			ps.Add("stratum_sizes", isms.CodeForbidden, "stratum_sizes apply to fixed allocation only")
		}
		if spec.Size < 1 || spec.Size > len(pop) {
			ps.Addf("size", isms.CodeOutOfRange, "size must be between 1 and the population size %d, got %d", len(pop), spec.Size)
		}
		if len(ps) == 0 {
			allocateProportional(sizes, keys, groups, spec.Size, len(pop))
		}
	case AllocationFixed:
		sum := 0
		for _, k := range slices.Sorted(maps.Keys(spec.StratumSizes)) {
			v := spec.StratumSizes[k]
			g, ok := groups[k]
			switch {
			case !ok:
				ps.Addf(isms.JoinField("stratum_sizes", k), isms.CodeUnknown, "no item has stratum %q", k)
			case v < 0 || v > len(g):
				ps.Addf(isms.JoinField("stratum_sizes", k), isms.CodeOutOfRange, "size must be between 0 and the stratum's %d items, got %d", len(g), v)
			default:
				sum += v
				i, _ := slices.BinarySearch(keys, k)
				sizes[i] = v
			}
		}
		if len(ps) == 0 && sum == 0 {
			ps.Add("stratum_sizes", isms.CodeRequired, "fixed allocation needs at least one stratum size above 0")
		}
		if len(ps) == 0 && spec.Size != 0 && spec.Size != sum {
			ps.Addf("size", isms.CodeOutOfRange, "size %d differs from the sum %d of stratum_sizes", spec.Size, sum)
		}
	default:
		ps.Addf("allocation", isms.CodeUnknown, "unknown allocation %q", string(alloc))
	}
	if err := ps.Err("selection"); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Sort the %d items by id (bytes, ascending) and number them from 0; group them by stratum, keeping that order. ", len(pop))
	b.WriteString("In each stratum draw a simple random sample of the allocated size as for simple random selection, numbering the stratum's items from 0, with PCG(seed, stream) where stream is the first 8 bytes, big-endian, of SHA-256(\"ismskit-stratum-v1\" + 0x00 + key). Allocation: ")
	if alloc == AllocationProportional {
		fmt.Fprintf(&b, "floor(%d x N_h / %d) per stratum, the remainder to the largest remainders of %d x N_h mod %d, ties to the smaller key.", spec.Size, len(pop), spec.Size, len(pop))
	} else {
		b.WriteString("fixed by stratum_sizes.")
	}
	sel.Procedure = b.String()
	for i, k := range keys {
		stream := stratumStream(k)
		sel.Strata = append(sel.Strata, StratumSelection{
			Key: k, Population: len(groups[k]), Size: sizes[i], Generator: generatorText(spec.Seed, stream),
		})
		if sizes[i] == 0 {
			continue
		}
		src := rand.NewPCG(spec.Seed, stream)
		draws := drawWithoutReplacement(src, sizes[i], len(groups[k]))
		sel.Items = append(sel.Items, itemsFromDraws(pop, draws, groups[k])...)
	}
	slices.SortFunc(sel.Items, func(a, b SelectedItem) int { return cmp.Compare(a.Index, b.Index) })
	return nil
}

// allocateProportional fills sizes by the largest-remainder method.
func allocateProportional(sizes []int, keys []string, groups map[string][]int, n, total int) {
	rem := make([]int, len(keys))
	left := n
	for i, k := range keys {
		prod := uint64(n) * uint64(len(groups[k]))
		sizes[i] = int(prod / uint64(total))
		rem[i] = int(prod % uint64(total))
		left -= sizes[i]
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	// Larger remainder first; keys are sorted, so the index breaks ties
	// toward the smaller key.
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rem[b], rem[a]) })
	for _, i := range order[:left] {
		sizes[i]++
	}
}

func selectMonetary(sel *Selection, pop []Item, total int64) {
	n := sel.Spec.Size
	src := rand.NewPCG(sel.Spec.Seed, selectionStream)
	sel.Algorithm = "monetary-unit/fixed-interval"
	sel.Generator = generatorText(sel.Spec.Seed, selectionStream)
	start := uniform(src, uint64(total))
	sel.Interval = &Interval{Start: int64(start), Span: total, Size: n, Length: float64(total) / float64(n)}
	units := make([]int64, n)
	for i := range units {
		units[i] = int64(mulDiv(uint64(i), uint64(total), start, uint64(n)))
	}
	sel.Items = itemsFromUnits(pop, units)
	sel.Procedure = fmt.Sprintf("Sort the %d items by id (bytes, ascending) and lay their values end to end, so item j holds "+
		"the currency units from the running total before it up to (not including) the running total after it; total %d. "+
		"With %s draw the start s = uniform(%d) (as for simple random selection); s = %d. "+
		"Hit unit floor((s + i x %d) / %d) for i = 0 .. %d and select the items holding the hit units.",
		len(pop), total, sel.Generator, total, start, total, n, n-1)
}

func selectCell(sel *Selection, pop []Item, total int64) {
	n := sel.Spec.Size
	src := rand.NewPCG(sel.Spec.Seed, selectionStream)
	sel.Algorithm = "monetary-unit/cell"
	sel.Generator = generatorText(sel.Spec.Seed, selectionStream)
	units := make([]int64, n)
	for i := range units {
		lo := mulDiv(uint64(i), uint64(total), 0, uint64(n))
		hi := mulDiv(uint64(i+1), uint64(total), 0, uint64(n))
		units[i] = int64(lo + uniform(src, hi-lo))
	}
	sel.Items = itemsFromUnits(pop, units)
	sel.Procedure = fmt.Sprintf("Sort the %d items by id (bytes, ascending) and lay their values end to end (total %d currency units). "+
		"Cell i, for i = 0 .. %d, holds the units from floor(i x %d / %d) up to (not including) floor((i+1) x %d / %d). "+
		"With %s, for each cell in order, hit unit (cell start + uniform(cell width)) (uniform as for simple random selection), "+
		"and select the items holding the hit units.",
		len(pop), total, n-1, total, n, total, n, sel.Generator)
}

// itemsFromUnits maps ascending hit units to the items holding them, in
// one pass along the running total. The hits of one item are consecutive
// in units, so each item's Hits is a capacity-limited window of units.
func itemsFromUnits(pop []Item, units []int64) []SelectedItem {
	var out []SelectedItem
	var end int64 // running total after item j
	j, first := -1, 0
	for d, u := range units {
		if len(out) > 0 && u < end {
			out[len(out)-1].Hits = units[first : d+1 : d+1]
			continue
		}
		for u >= end {
			j++
			end += max(pop[j].Value, 0)
		}
		it := pop[j]
		first = d
		out = append(out, SelectedItem{Index: j, ID: it.ID, Value: it.Value, Stratum: it.Stratum, Draw: d + 1, Hits: units[d : d+1 : d+1]})
	}
	return out
}
