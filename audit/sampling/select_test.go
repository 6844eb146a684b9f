package sampling

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenPopulation is 1,000 invoices INV-0001 ... INV-1000 with values
// (13 i mod 997) + 1 and three strata.
func goldenPopulation() []Item {
	items := make([]Item, 1000)
	for i := range items {
		items[i] = Item{ID: fmt.Sprintf("INV-%04d", i+1), Value: int64((i*13)%997 + 1), Stratum: []string{"high", "low", "medium"}[i%3]}
	}
	return items
}

const goldenFingerprint = "da2f265783d4a5ccee15669abd53122a9f730578eee76b69443ebc7f82dd70bf"

// TestGoldenSamples pins the samples of fixed seeds. They must not change
// on any platform or Go release without a new AlgorithmVersion.
func TestGoldenSamples(t *testing.T) {
	tests := []struct {
		spec SelectionSpec
		ids  []string
	}{
		{SelectionSpec{Method: MethodSimpleRandom, Size: 8, Seed: 1},
			[]string{"INV-0068", "INV-0274", "INV-0618", "INV-0733", "INV-0835", "INV-0875", "INV-0900", "INV-0988"}},
		{SelectionSpec{Method: MethodSimpleRandom, Size: 8, Seed: 20251231},
			[]string{"INV-0008", "INV-0112", "INV-0244", "INV-0302", "INV-0409", "INV-0499", "INV-0514", "INV-0712"}},
		{SelectionSpec{Method: MethodSystematic, Size: 8, Seed: 1},
			[]string{"INV-0105", "INV-0230", "INV-0355", "INV-0480", "INV-0605", "INV-0730", "INV-0855", "INV-0980"}},
		{SelectionSpec{Method: MethodStratified, Size: 8, Seed: 1},
			[]string{"INV-0060", "INV-0158", "INV-0361", "INV-0485", "INV-0538", "INV-0627", "INV-0752", "INV-0901"}},
		{SelectionSpec{Method: MethodMonetaryUnit, Size: 8, Seed: 1},
			[]string{"INV-0124", "INV-0230", "INV-0367", "INV-0496", "INV-0608", "INV-0743", "INV-0869", "INV-0986"}},
		{SelectionSpec{Method: MethodCell, Size: 8, Seed: 1},
			[]string{"INV-0124", "INV-0144", "INV-0378", "INV-0504", "INV-0592", "INV-0733", "INV-0800", "INV-0989"}},
	}
	items := goldenPopulation()
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.spec.Method, tt.spec.Seed), func(t *testing.T) {
			s, err := Select(items, tt.spec)
			require.NoError(t, err)
			assert.Equal(t, tt.ids, selectedIDs(s))
			assert.Equal(t, goldenFingerprint, s.Population.Fingerprint)
			assert.Equal(t, FingerprintFormat, s.Population.FingerprintFormat)
			assert.Equal(t, 1000, s.Population.Size)
			assert.Equal(t, AlgorithmVersion, s.AlgorithmVersion)
			assert.NotEmpty(t, s.Algorithm)
			assert.Contains(t, s.Generator, fmt.Sprintf("seed=%d", tt.spec.Seed))
			assert.NotEmpty(t, s.Procedure)
			require.NoError(t, Reperform(s, items))
		})
	}
}

func selectedIDs(s *Selection) []string {
	ids := make([]string, len(s.Items))
	for i, it := range s.Items {
		ids[i] = it.ID
	}
	return ids
}

// refUniform is the documented bounded draw, written out again.
func refUniform(src *rand.PCG, n uint64) uint64 {
	for {
		hi, lo := bits.Mul64(src.Uint64(), n)
		if lo >= (-n)%n {
			return hi
		}
	}
}

// refSimple is the documented Fisher-Yates procedure on a full array.
func refSimple(total, n int, seed uint64) []int {
	src := rand.NewPCG(seed, 0x69736d736b697421)
	perm := make([]int, total)
	for i := range perm {
		perm[i] = i
	}
	for i := 0; i < n; i++ {
		j := i + int(refUniform(src, uint64(total-i)))
		perm[i], perm[j] = perm[j], perm[i]
	}
	out := slices.Clone(perm[:n])
	slices.Sort(out)
	return out
}

func indexes(s *Selection) []int {
	out := make([]int, len(s.Items))
	for i, it := range s.Items {
		out[i] = it.Index
	}
	return out
}

// TestSelectionFollowsTheDocumentedProcedure re-performs selections with
// independent code written from the procedure.
func TestSelectionFollowsTheDocumentedProcedure(t *testing.T) {
	items := goldenPopulation()
	values := make([]int64, len(items))
	var total int64
	for i, it := range items {
		values[i] = it.Value
		total += it.Value
	}
	locate := func(unit int64) int {
		var end int64
		for j, v := range values {
			end += v
			if unit < end {
				return j
			}
		}
		return -1
	}
	for seed := uint64(0); seed < 40; seed++ {
		// Simple random: both the sparse (n*8 < N) and the dense path.
		for _, n := range []int{5, 100, 400, 1000} {
			s, err := Select(items, SelectionSpec{Method: MethodSimpleRandom, Size: n, Seed: seed})
			require.NoError(t, err)
			assert.Equal(t, refSimple(1000, n, seed), indexes(s), "seed %d n %d", seed, n)
		}
		// Systematic.
		src := rand.NewPCG(seed, 0x69736d736b697421)
		start := int(refUniform(src, 1000))
		var want []int
		for i := 0; i < 7; i++ {
			want = append(want, (start+i*1000)/7)
		}
		s, err := Select(items, SelectionSpec{Method: MethodSystematic, Size: 7, Seed: seed})
		require.NoError(t, err)
		assert.Equal(t, want, indexes(s))
		assert.Equal(t, int64(start), s.Interval.Start)
		// Monetary unit, fixed interval.
		src = rand.NewPCG(seed, 0x69736d736b697421)
		ustart := int64(refUniform(src, uint64(total)))
		var units []int64
		want = want[:0]
		for i := int64(0); i < 9; i++ {
			u := (ustart + i*total) / 9
			units = append(units, u)
			if j := locate(u); len(want) == 0 || want[len(want)-1] != j {
				want = append(want, j)
			}
		}
		s, err = Select(items, SelectionSpec{Method: MethodMonetaryUnit, Size: 9, Seed: seed})
		require.NoError(t, err)
		assert.Equal(t, want, indexes(s))
		var hits []int64
		for _, it := range s.Items {
			hits = append(hits, it.Hits...)
		}
		assert.Equal(t, units, hits)
		// Cell.
		src = rand.NewPCG(seed, 0x69736d736b697421)
		want = want[:0]
		for i := int64(0); i < 9; i++ {
			lo, hi := i*total/9, (i+1)*total/9
			j := locate(lo + int64(refUniform(src, uint64(hi-lo))))
			if len(want) == 0 || want[len(want)-1] != j {
				want = append(want, j)
			}
		}
		s, err = Select(items, SelectionSpec{Method: MethodCell, Size: 9, Seed: seed})
		require.NoError(t, err)
		assert.Equal(t, want, indexes(s))
	}
}

func TestSelectionIgnoresInputOrder(t *testing.T) {
	items := goldenPopulation()
	shuffled := slices.Clone(items)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, m := range MethodValues() {
		a, err := Select(items, SelectionSpec{Method: m, Size: 25, Seed: 99})
		require.NoError(t, err)
		b, err := Select(shuffled, SelectionSpec{Method: m, Size: 25, Seed: 99})
		require.NoError(t, err)
		assert.Equal(t, a, b, "%s", m)
		require.NoError(t, Reperform(a, shuffled))
	}
	// The caller's slice is left as it was.
	assert.NotEqual(t, items, shuffled)
}

// chiSquare returns sum (observed - expected)^2 / expected.
func chiSquare(observed []int, expected []float64) float64 {
	x := 0.0
	for i, o := range observed {
		d := float64(o) - expected[i]
		x += d * d / expected[i]
	}
	return x
}

// Upper 0.1% points of the chi-square distribution (published tables), so
// a uniform selector fails a test with probability 1 in 1,000; the seeds
// are fixed, so the test is deterministic.
var chiSquare999 = map[int]float64{4: 18.467, 9: 27.877, 14: 36.123, 19: 43.820, 22: 48.268}

func TestUniformity(t *testing.T) {
	const seeds = 4000
	uniform := func(n int, total float64) []float64 {
		e := make([]float64, n)
		for i := range e {
			e[i] = total / float64(n)
		}
		return e
	}
	run := func(items []Item, spec SelectionSpec, f func(s *Selection)) {
		for seed := uint64(0); seed < seeds; seed++ {
			spec.Seed = seed * 0x9e3779b97f4a7c15
			s, err := Select(items, spec)
			require.NoError(t, err)
			f(s)
		}
	}
	mk := func(n int, value func(i int) int64, stratum func(i int) string) []Item {
		items := make([]Item, n)
		for i := range items {
			items[i] = Item{ID: fmt.Sprintf("x%03d", i), Value: value(i), Stratum: stratum(i)}
		}
		return items
	}
	one := func(int) int64 { return 1 }
	none := func(int) string { return "" }

	t.Run("simple random items", func(t *testing.T) {
		items := mk(20, one, none)
		counts := make([]int, 20)
		run(items, SelectionSpec{Method: MethodSimpleRandom, Size: 5}, func(s *Selection) {
			require.Len(t, s.Items, 5)
			for _, it := range s.Items {
				counts[it.Index]++
			}
		})
		assert.Less(t, chiSquare(counts, uniform(20, seeds*5)), chiSquare999[19], "%v", counts)
	})
	t.Run("simple random pairs", func(t *testing.T) {
		// Every one of the C(6,2) = 15 pairs is equally likely.
		items := mk(6, one, none)
		counts := make([]int, 15)
		pair := map[[2]int]int{}
		for a := 0; a < 6; a++ {
			for b := a + 1; b < 6; b++ {
				pair[[2]int{a, b}] = len(pair)
			}
		}
		run(items, SelectionSpec{Method: MethodSimpleRandom, Size: 2}, func(s *Selection) {
			counts[pair[[2]int{s.Items[0].Index, s.Items[1].Index}]]++
		})
		assert.Less(t, chiSquare(counts, uniform(15, seeds)), chiSquare999[14], "%v", counts)
	})
	t.Run("systematic", func(t *testing.T) {
		// A fractional interval (23/5 = 4.6) still gives every item 5/23.
		items := mk(23, one, none)
		counts := make([]int, 23)
		run(items, SelectionSpec{Method: MethodSystematic, Size: 5}, func(s *Selection) {
			require.Len(t, s.Items, 5)
			for _, it := range s.Items {
				counts[it.Index]++
			}
		})
		assert.Less(t, chiSquare(counts, uniform(23, seeds*5)), chiSquare999[22], "%v", counts)
	})
	t.Run("stratified", func(t *testing.T) {
		// Strata of 5 and 15 items; proportional allocation of 8 gives 2
		// and 6; within each stratum every item is equally likely.
		items := mk(20, one, func(i int) string {
			if i < 5 {
				return "a"
			}
			return "b"
		})
		counts := make([]int, 20)
		run(items, SelectionSpec{Method: MethodStratified, Size: 8}, func(s *Selection) {
			require.Equal(t, []int{2, 6}, []int{s.Strata[0].Size, s.Strata[1].Size})
			for _, it := range s.Items {
				counts[it.Index]++
			}
		})
		assert.Less(t, chiSquare(counts[:5], uniform(5, seeds*2)), chiSquare999[4], "%v", counts)
		assert.Less(t, chiSquare(counts[5:], uniform(15, seeds*6)), chiSquare999[14], "%v", counts)
	})
	// Monetary-unit methods: hits proportional to value.
	for _, m := range []Method{MethodMonetaryUnit, MethodCell} {
		t.Run(string(m), func(t *testing.T) {
			items := mk(10, func(i int) int64 { return int64(i + 1) }, none) // total 55
			counts := make([]int, 10)
			expected := make([]float64, 10)
			for i := range expected {
				expected[i] = float64(seeds*5) * float64(i+1) / 55
			}
			run(items, SelectionSpec{Method: m, Size: 5}, func(s *Selection) {
				for _, it := range s.Items {
					counts[it.Index] += len(it.Hits)
				}
			})
			assert.Less(t, chiSquare(counts, expected), chiSquare999[9], "%v", counts)
		})
	}
}

func TestStratifiedAllocation(t *testing.T) {
	mk := func(sizes map[string]int) []Item {
		var items []Item
		for k, n := range sizes {
			for i := range n {
				items = append(items, Item{ID: fmt.Sprintf("%s-%03d", k, i), Stratum: k})
			}
		}
		return items
	}
	// 50/30/20 items, 7 to draw: quotas 3.5, 2.1, 1.4 -> 3, 2, 1 and the
	// seventh to the largest remainder (a).
	items := mk(map[string]int{"a": 50, "b": 30, "c": 20})
	s, err := Select(items, SelectionSpec{Method: MethodStratified, Size: 7, Seed: 3})
	require.NoError(t, err)
	require.Len(t, s.Strata, 3)
	assert.Equal(t, []int{4, 2, 1}, []int{s.Strata[0].Size, s.Strata[1].Size, s.Strata[2].Size})
	assert.Equal(t, []string{"a", "b", "c"}, []string{s.Strata[0].Key, s.Strata[1].Key, s.Strata[2].Key})
	assert.Len(t, s.Items, 7)
	// Equal remainders go to the smaller key: 1/1/1 items, 2 to draw.
	s, err = Select(mk(map[string]int{"x": 1, "y": 1, "z": 1}), SelectionSpec{Method: MethodStratified, Size: 2, Seed: 3})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 1, 0}, []int{s.Strata[0].Size, s.Strata[1].Size, s.Strata[2].Size})

	// Fixed allocation, and stratum independence: changing c's size does
	// not move a's sample.
	fixed := func(c int) *Selection {
		s, err := Select(items, SelectionSpec{Method: MethodStratified, Seed: 11, Allocation: AllocationFixed,
			StratumSizes: map[string]int{"a": 5, "c": c}})
		require.NoError(t, err)
		return s
	}
	s1, s2 := fixed(2), fixed(9)
	inA := func(s *Selection) []string {
		var ids []string
		for _, it := range s.Items {
			if it.Stratum == "a" {
				ids = append(ids, it.ID)
			}
		}
		return ids
	}
	assert.Len(t, inA(s1), 5)
	assert.Equal(t, inA(s1), inA(s2))
	assert.Len(t, s2.Items, 14)
	assert.Equal(t, 0, s2.Strata[1].Size)
	require.NoError(t, Reperform(s2, items))

	// Errors.
	for name, spec := range map[string]SelectionSpec{
		"unknown stratum":  {Method: MethodStratified, Allocation: AllocationFixed, StratumSizes: map[string]int{"q": 1}},
		"too many":         {Method: MethodStratified, Allocation: AllocationFixed, StratumSizes: map[string]int{"c": 21}},
		"negative":         {Method: MethodStratified, Allocation: AllocationFixed, StratumSizes: map[string]int{"c": -1}},
		"nothing":          {Method: MethodStratified, Allocation: AllocationFixed},
		"size mismatch":    {Method: MethodStratified, Allocation: AllocationFixed, Size: 3, StratumSizes: map[string]int{"c": 2}},
		"sizes with prop.": {Method: MethodStratified, Size: 3, StratumSizes: map[string]int{"c": 2}},
		"unknown alloc":    {Method: MethodStratified, Size: 3, Allocation: "neyman"},
		"zero size":        {Method: MethodStratified},
		"too large":        {Method: MethodStratified, Size: 101},
	} {
		_, err := Select(items, spec)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
}

func TestMonetaryUnitSelection(t *testing.T) {
	// Values 1000 (larger than the interval 1100/4 = 275), 0, 50, 50.
	items := []Item{{ID: "a", Value: 1000}, {ID: "b", Value: 0}, {ID: "c", Value: 50}, {ID: "d", Value: 50}}
	for seed := uint64(0); seed < 50; seed++ {
		s, err := Select(items, SelectionSpec{Method: MethodMonetaryUnit, Size: 4, Seed: seed})
		require.NoError(t, err)
		assert.Equal(t, int64(1100), s.Population.Value)
		assert.Equal(t, "a", s.Items[0].ID)
		// a spans units 0..999; hits are 275 apart, so a takes 3 or 4.
		assert.GreaterOrEqual(t, len(s.Items[0].Hits), 3)
		hits := 0
		for _, it := range s.Items {
			assert.NotEqual(t, "b", it.ID, "a zero value is never selected")
			hits += len(it.Hits)
		}
		assert.Equal(t, 4, hits)
	}
	for name, c := range map[string]struct {
		items []Item
		size  int
	}{
		"negative value":   {[]Item{{ID: "a", Value: -5}, {ID: "b", Value: 10}}, 2},
		"size above value": {items, 1101},
		"overflow":         {[]Item{{ID: "a", Value: 1 << 62}, {ID: "b", Value: 1 << 62}}, 2},
	} {
		_, err := Select(c.items, SelectionSpec{Method: MethodMonetaryUnit, Size: c.size})
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
		_, err = Select(c.items, SelectionSpec{Method: MethodCell, Size: c.size})
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
	// The number of monetary units is capped at MaxSampleSize: a size
	// within the total value but far beyond any sample must be an error,
	// not an attempt to allocate a slot for every hit (which would crash
	// the process).
	huge := []Item{{ID: "a", Value: 1 << 62}}
	for _, size := range []int{MaxSampleSize + 1, 1 << 40} {
		for _, m := range []Method{MethodMonetaryUnit, MethodCell} {
			_, err := Select(huge, SelectionSpec{Method: m, Size: size, Seed: 1})
			assert.ErrorIs(t, err, isms.ErrInvalid, "%s size %d", m, size)
		}
	}
	s, err := Select(huge, SelectionSpec{Method: MethodCell, Size: MaxSampleSize, Seed: 1})
	require.NoError(t, err)
	require.Len(t, s.Items, 1)
	assert.Len(t, s.Items[0].Hits, MaxSampleSize)
	// A large total value stays exact: units near 2^62.
	big := []Item{{ID: "a", Value: 1 << 61}, {ID: "b", Value: 1 << 61}, {ID: "c", Value: 3}}
	s, err = Select(big, SelectionSpec{Method: MethodMonetaryUnit, Size: 3, Seed: 5})
	require.NoError(t, err)
	require.NoError(t, Reperform(s, big))
}

func TestSelectErrors(t *testing.T) {
	items := goldenPopulation()
	for name, c := range map[string]struct {
		items []Item
		spec  SelectionSpec
	}{
		"empty id":       {[]Item{{ID: "a"}, {ID: ""}}, SelectionSpec{Method: MethodSimpleRandom, Size: 1}},
		"duplicate id":   {[]Item{{ID: "b"}, {ID: "a"}, {ID: "b"}}, SelectionSpec{Method: MethodSimpleRandom, Size: 1}},
		"unknown method": {items, SelectionSpec{Method: "haphazard", Size: 1}},
		"no method":      {items, SelectionSpec{Size: 1}},
		"zero size":      {items, SelectionSpec{Method: MethodSimpleRandom}},
		"too large":      {items, SelectionSpec{Method: MethodSystematic, Size: 1001}},
		"empty":          {nil, SelectionSpec{Method: MethodSimpleRandom, Size: 1}},
		"allocation":     {items, SelectionSpec{Method: MethodSimpleRandom, Size: 1, Allocation: AllocationFixed}},
	} {
		_, err := Select(c.items, c.spec)
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
	}
	// The whole population.
	s, err := Select(items, SelectionSpec{Method: MethodSimpleRandom, Size: 1000, Seed: 4})
	require.NoError(t, err)
	assert.Equal(t, refSimple(1000, 1000, 4), indexes(s))
}

func TestReperformDetectsChanges(t *testing.T) {
	items := goldenPopulation()
	rec, err := Select(items, SelectionSpec{Method: MethodSimpleRandom, Size: 30, Seed: 2026})
	require.NoError(t, err)
	require.NoError(t, Reperform(rec, items))

	// A changed population.
	changed := slices.Clone(items)
	changed[500].Value++
	err = Reperform(rec, changed)
	var mm *MismatchError
	require.True(t, errors.As(err, &mm), "%v", err)
	assert.Equal(t, "population", mm.What)
	assert.Equal(t, goldenFingerprint, mm.Recorded)
	assert.ErrorIs(t, err, isms.ErrConflict)
	assert.ErrorContains(t, err, "population changed")

	// An altered record: one item swapped for another.
	forged := *rec
	forged.Items = slices.Clone(rec.Items)
	forged.Items[3].ID = "INV-0999"
	err = Reperform(&forged, items)
	require.True(t, errors.As(err, &mm))
	assert.Equal(t, "sample", mm.What)
	assert.ErrorIs(t, err, isms.ErrConflict)
	// A record with an item dropped, or one added.
	forged.Items = rec.Items[:29]
	assert.ErrorIs(t, Reperform(&forged, items), isms.ErrConflict)
	forged.Items = append(slices.Clone(rec.Items), SelectedItem{ID: "x"})
	assert.ErrorIs(t, Reperform(&forged, items), isms.ErrConflict)
	// A record claiming a different seed.
	forged = *rec
	forged.Spec.Seed++
	assert.ErrorIs(t, Reperform(&forged, items), isms.ErrConflict)
	// Another algorithm version.
	forged = *rec
	forged.AlgorithmVersion = 2
	assert.ErrorIs(t, Reperform(&forged, items), isms.ErrUnsupported)
	assert.ErrorIs(t, Reperform(nil, items), isms.ErrInvalid)
	assert.ErrorIs(t, Reperform(rec, []Item{{ID: ""}}), isms.ErrInvalid)
}

func TestSelectionJSONRoundTrip(t *testing.T) {
	items := goldenPopulation()
	for _, m := range MethodValues() {
		rec, err := Select(items, SelectionSpec{Method: m, Size: 12, Seed: 8})
		require.NoError(t, err)
		b, err := json.Marshal(rec)
		require.NoError(t, err)
		var back Selection
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, *rec, back)
		// The record alone, read back from JSON, re-performs.
		require.NoError(t, Reperform(&back, items))
	}
	var spec SelectionSpec
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"method":"judgmental"}`), &spec), isms.ErrInvalid)
}
