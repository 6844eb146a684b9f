package sampling

import (
	"fmt"
	"testing"
)

// BenchmarkAttributeSampleSize plans the largest cell of Table A-1 below
// 2,000 items: 95% confidence, 4% tolerable, 3.25% expected: n = 1936.
func BenchmarkAttributeSampleSize(b *testing.B) {
	plan := AttributePlan{Confidence: 0.95, TolerableRate: 0.04, ExpectedRate: 0.0325}
	b.ReportAllocs()
	for b.Loop() {
		n, err := AttributeSampleSize(plan)
		if err != nil || n != 1936 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkAttributeSampleSizeHypergeometric plans a daily control of 365
// occurrences.
func BenchmarkAttributeSampleSizeHypergeometric(b *testing.B) {
	plan := AttributePlan{Confidence: 0.95, TolerableRate: 0.05, ExpectedRate: 0.01, Population: 365}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AttributeSampleSize(plan); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpperDeviationLimit computes one Clopper-Pearson limit: 3
// deviations in 100 items at 95% confidence.
func BenchmarkUpperDeviationLimit(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := UpperDeviationLimit(100, 3, 0.95); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonetarySampleSize plans 95% confidence, 1% tolerable, 0.5%
// expected misstatement: n = 2308.
func BenchmarkMonetarySampleSize(b *testing.B) {
	plan := MonetaryPlan{Confidence: 0.95, TolerableMisstatement: 0.005, ExpectedMisstatement: 0.0025}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MonetarySampleSize(plan); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSelect selects 1,000 from 1,000,000 items (IDs of 11 bytes,
// already in canonical order), including the SHA-256 fingerprint of the
// population.
func BenchmarkSelect(b *testing.B) {
	items := make([]Item, 1_000_000)
	for i := range items {
		items[i] = Item{ID: fmt.Sprintf("INV-%07d", i), Value: int64(i%5000 + 1)}
	}
	for _, m := range []Method{MethodSimpleRandom, MethodSystematic, MethodMonetaryUnit} {
		b.Run(string(m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Select(items, SelectionSpec{Method: m, Size: 1000, Seed: 42}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
