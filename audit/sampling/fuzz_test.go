package sampling

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/ismskit/ismskit/internal/stats"
	"github.com/ismskit/ismskit/isms"
)

// requireInvalid fails unless err answers errors.Is(err, isms.ErrInvalid).
func requireInvalid(t *testing.T, err error, format string, args ...any) {
	t.Helper()
	if !errors.Is(err, isms.ErrInvalid) {
		t.Fatalf("%s: error %v does not wrap isms.ErrInvalid", fmt.Sprintf(format, args...), err)
	}
}

// FuzzPlanAttribute: any plan yields either an error wrapping ErrInvalid
// or a size in [1, MaxSampleSize] that meets the rule, where n - 1 does
// not.
func FuzzPlanAttribute(f *testing.F) {
	f.Add(0.95, 0.05, 0.0, 0, "")
	f.Add(0.90, 0.05, 0.035, 0, "binomial")
	f.Add(0.95, 0.10, 0.02, 365, "")
	f.Add(0.95, 0.05, 0.01, 0, "poisson")
	f.Add(1.2, 0.05, 0.0, 0, "")
	f.Add(0.95, 0.05, 0.05, 0, "")
	f.Add(0.51, 0.3, 0.0, 0, "binomial")
	f.Add(0.95, 0.0001, 0.00009, 0, "hypergeometric")
	f.Fuzz(func(t *testing.T, conf, tol, exp float64, pop int, model string) {
		plan := AttributePlan{Confidence: conf, TolerableRate: tol, ExpectedRate: exp, Population: pop % (MaxPopulation + 2), Model: Model(model)}
		r, err := PlanAttribute(plan)
		if err != nil {
			requireInvalid(t, err, "%+v", plan)
			return
		}
		if !(conf > 0 && conf < 1 && tol > 0 && tol < 1 && exp >= 0 && exp < tol) {
			t.Fatalf("accepted an invalid plan %+v", plan)
		}
		n := r.SampleSize
		if n < 1 || n > MaxSampleSize || (plan.Population > 0 && n > plan.Population) {
			t.Fatalf("sample size %d out of range for %+v", n, plan)
		}
		if r.AllowedDeviations != int(math.Ceil(exp*float64(n))) && math.Abs(exp*float64(n)-math.Round(exp*float64(n))) > 1e-9 {
			t.Fatalf("k = %d for %v x %d", r.AllowedDeviations, exp, n)
		}
		// The plan reads the confidence as the shortest decimal that prints
		// it (0.9999999999999999 is 1 - 10^-16, not the binary 1 - 2^-53),
		// so 1 - confidence is taken the same way here: 1 - conf in float64
		// would be off by 11% at such a confidence.
		cf, err := stats.DecimalFrac(conf)
		if err != nil {
			t.Fatalf("accepted confidence %v: %v", conf, err)
		}
		alpha := cf.Complement().Float()
		if r.Risk >= alpha*(1+1e-6) {
			t.Fatalf("risk %v not below %v at n %d for %+v", r.Risk, alpha, n, plan)
		}
		if n > 1 && r.PreviousRisk < alpha*(1-1e-6) {
			t.Fatalf("n-1 = %d already meets the plan (risk %v < %v) for %+v", n-1, r.PreviousRisk, alpha, plan)
		}
		if len(r.Explanation.Steps) == 0 || r.Explanation.Rule == "" {
			t.Fatalf("no explanation")
		}
	})
}

// FuzzUpperDeviationLimit: the limit is an error for bad input, and
// otherwise a rate in [deviations/n, 1], increasing with the deviations.
func FuzzUpperDeviationLimit(f *testing.F) {
	f.Add(60, 3, 0.95)
	f.Add(1, 0, 0.5)
	f.Add(500, 10, 0.9)
	f.Add(0, 0, 0.95)
	f.Add(10, 11, 0.95)
	f.Add(10, 1, 1.2)
	f.Fuzz(func(t *testing.T, n, d int, conf float64) {
		n %= 200_000
		ul, err := UpperDeviationLimit(n, d, conf)
		if err != nil {
			requireInvalid(t, err, "n %d d %d conf %v", n, d, conf)
			return
		}
		// At confidence 1/2 or more the limit is at least the sample rate
		// (the binomial median at p = d/n is d); below 1/2 it may not be.
		if math.IsNaN(ul) || ul < 0 || ul > 1 || (conf >= 0.5 && ul < float64(d)/float64(n)-1e-12) {
			t.Fatalf("limit %v out of range for n %d d %d conf %v", ul, n, d, conf)
		}
		if d < n {
			next, err := UpperDeviationLimit(n, d+1, conf)
			if err != nil || next < ul-1e-12 {
				t.Fatalf("limit not increasing: %v then %v (%v)", ul, next, err)
			}
		}
		if n <= 5000 {
			rate, m, err := UpperDeviationLimitFinite(n, d, 2*n, conf)
			if err != nil || m < d || m > 2*n-(n-d) || rate != float64(m)/float64(2*n) {
				t.Fatalf("finite limit %v %d %v for n %d d %d", rate, m, err, n, d)
			}
		}
	})
}

// FuzzEvaluateAttribute: evaluation never panics, and its conclusion
// agrees with the upper limit.
func FuzzEvaluateAttribute(f *testing.F) {
	f.Add(0.95, 0.06, 0.01, 0, "", 60, 3)
	f.Add(0.95, 0.10, 0.0, 365, "", 43, 2)
	f.Add(0.9, 0.07, 0.0, 0, "poisson", 112, 4)
	f.Add(1.5, 0.07, 0.0, 0, "", 112, 4)
	f.Fuzz(func(t *testing.T, conf, tol, exp float64, pop int, model string, n, d int) {
		plan := AttributePlan{Confidence: conf, TolerableRate: tol, ExpectedRate: exp, Population: pop % 100_000, Model: Model(model)}
		ev, err := EvaluateAttribute(plan, n%100_000, d)
		if err != nil {
			requireInvalid(t, err, "%+v n %d d %d", plan, n, d)
			return
		}
		// In a finite population the limit counts population deviations
		// M >= d, and M/N may be below the sample rate d/n (3 of 40 sampled
		// from 42: M = 3, 3/42 < 3/40); elsewhere, at confidence 1/2 or
		// more, the limit is at least the sample rate.
		finite := ev.Plan.Model == ModelHypergeometric
		if (finite && ev.UpperLimitDeviations < ev.Deviations) ||
			(!finite && conf >= 0.5 && ev.UpperLimit < ev.SampleRate-1e-12) ||
			ev.UpperLimit > 1 || ev.Allowance < 0 {
			t.Fatalf("inconsistent evaluation %+v", ev)
		}
		rely := ev.Conclusion == ConclusionRelyAsPlanned
		// Away from the boundary the limit and the exact decision agree.
		if math.Abs(ev.UpperLimit-tol) > 1e-9 && rely != (ev.UpperLimit < tol) {
			t.Fatalf("conclusion %s but upper limit %v vs tolerable %v", ev.Conclusion, ev.UpperLimit, tol)
		}
	})
}

// FuzzPlanMonetary: an error wrapping ErrInvalid, or a size meeting the
// rule where n - 1 does not.
func FuzzPlanMonetary(f *testing.F) {
	f.Add(0.95, 0.05, 0.0, 0.0)
	f.Add(0.95, 0.05, 0.01, 1e6)
	f.Add(0.5, 0.5, 0.3, 10.0)
	f.Add(1.2, 0.05, 0.0, 0.0)
	f.Add(0.95, 0.05, 0.06, 0.0)
	f.Fuzz(func(t *testing.T, conf, tol, exp, value float64) {
		plan := MonetaryPlan{Confidence: conf, TolerableMisstatement: tol, ExpectedMisstatement: exp, PopulationValue: value}
		r, err := PlanMonetary(plan)
		if err != nil {
			requireInvalid(t, err, "%+v", plan)
			return
		}
		if r.SampleSize < 1 || r.SampleSize > MaxSampleSize || !(r.Bound < tol*(1+1e-9)) {
			t.Fatalf("bad result %+v for %+v", r, plan)
		}
		if r.SampleSize > 1 && r.PreviousBound < tol*(1-1e-9) {
			t.Fatalf("n-1 already meets the plan: %+v", r)
		}
	})
}

// FuzzEvaluateMonetary: taints decoded from bytes; an error wrapping
// ErrInvalid, or finite bounds, at least the most likely misstatement.
func FuzzEvaluateMonetary(f *testing.F) {
	f.Add(0.95, 0.05, 100, []byte{})
	f.Add(0.95, 0.05, 100, []byte{0, 0, 0, 0, 0, 0, 0xf0, 0x3f})
	f.Add(0.9, 0.5, 3, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Fuzz(func(t *testing.T, conf, tol float64, n int, raw []byte) {
		var taints []float64
		for len(raw) >= 8 && len(taints) < 1000 {
			taints = append(taints, math.Float64frombits(binary.LittleEndian.Uint64(raw)))
			raw = raw[8:]
		}
		plan := MonetaryPlan{Confidence: conf, TolerableMisstatement: tol}
		ev, err := EvaluateMonetary(plan, n%100_000, taints, nil)
		if err != nil {
			requireInvalid(t, err, "%+v n %d taints %v", plan, n, taints)
			return
		}
		// At confidence 1/2 or more both bounds are at least the most likely
		// misstatement; below 1/2 they need not be.
		if math.IsNaN(ev.StringerBound) || math.IsNaN(ev.PoissonBound) ||
			(conf >= 0.5 && (ev.MostLikely > ev.StringerBound*(1+1e-12) || ev.MostLikely > ev.PoissonBound*(1+1e-12))) {
			t.Fatalf("inconsistent bounds %+v", ev)
		}
	})
}

// FuzzSelect: items decoded from bytes; an error wrapping ErrInvalid, or a
// sample of distinct items that re-performs and is the same again.
func FuzzSelect(f *testing.F) {
	f.Add([]byte("a1b2c3d4e5f6"), uint64(1), uint8(0), uint16(3))
	f.Add([]byte("aabbcc"), uint64(9), uint8(2), uint16(2))
	f.Add([]byte("x\x00y\xffz\x10"), uint64(0), uint8(3), uint16(5))
	f.Fuzz(func(t *testing.T, raw []byte, seed uint64, method uint8, size uint16) {
		var items []Item
		for i := 0; i+1 < len(raw) && len(items) < 500; i += 2 {
			items = append(items, Item{ID: string(raw[i : i+1]), Value: int64(raw[i+1]), Stratum: string('a' + raw[i+1]%3)})
		}
		methods := MethodValues()
		spec := SelectionSpec{Method: methods[int(method)%len(methods)], Size: int(size % 600), Seed: seed}
		s, err := Select(items, spec)
		if err != nil {
			requireInvalid(t, err, "%+v", spec)
			return
		}
		seen := map[string]bool{}
		hits := 0
		for i, it := range s.Items {
			if seen[it.ID] {
				t.Fatalf("item %q selected twice", it.ID)
			}
			seen[it.ID] = true
			if i > 0 && s.Items[i-1].Index >= it.Index {
				t.Fatalf("items not in canonical order")
			}
			hits += len(it.Hits)
		}
		switch spec.Method {
		case MethodMonetaryUnit, MethodCell:
			if hits != spec.Size {
				t.Fatalf("%d hits for size %d", hits, spec.Size)
			}
		default:
			if len(s.Items) != spec.Size {
				t.Fatalf("%d items for size %d", len(s.Items), spec.Size)
			}
		}
		if err := Reperform(s, items); err != nil {
			t.Fatalf("re-perform: %v", err)
		}
	})
}

// FuzzUnmarshalModel: strict decoding accepts exactly the valid values.
func FuzzUnmarshalModel(f *testing.F) {
	for _, v := range ModelValues() {
		f.Add(string(v))
	}
	f.Add("")
	f.Add("Poisson")
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range enumCases() {
			u := c.target()
			err := u.UnmarshalText([]byte(s))
			if (err == nil) != c.accepts(s) {
				t.Fatalf("%s %q: accepted %v, error %v", c.name, s, c.accepts(s), err)
			}
			if err != nil {
				requireInvalid(t, err, "%s %q", c.name, s)
			}
		}
	})
}
