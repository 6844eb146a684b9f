package parallel

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
)

// TestRunsCoversEachIndexOnce: for sizes that divide n, do not divide it,
// exceed it and are below 1, every index of [0, n) is visited exactly
// once, in the run the arithmetic gives (run r holds [r·size, (r+1)·size)).
func TestRunsCoversEachIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 8} {
		prev := runtime.GOMAXPROCS(procs)
		for _, c := range []struct{ n, size, runs int }{
			{0, 4, 0}, {-3, 4, 0}, {1, 4, 1}, {10, 5, 2}, {10, 3, 4}, {10, 100, 1}, {7, 0, 7}, {1000, 64, 16},
		} {
			seen := make([]atomic.Int32, max(c.n, 0))
			var calls atomic.Int32
			Runs(c.n, c.size, func(run, lo, hi int) {
				calls.Add(1)
				size := max(c.size, 1)
				if lo != run*size || hi != min((run+1)*size, c.n) {
					t.Errorf("n %d size %d: run %d is [%d, %d)", c.n, c.size, run, lo, hi)
				}
				for i := lo; i < hi; i++ {
					seen[i].Add(1)
				}
			})
			if got := int(calls.Load()); got != c.runs {
				t.Errorf("GOMAXPROCS %d, n %d size %d: %d runs, want %d", procs, c.n, c.size, got, c.runs)
			}
			for i := range seen {
				if got := seen[i].Load(); got != 1 {
					t.Errorf("GOMAXPROCS %d, n %d size %d: index %d visited %d times", procs, c.n, c.size, i, got)
				}
			}
		}
		runtime.GOMAXPROCS(prev)
	}
}

// TestRunsPanicReachesCaller: a panic in one run is recovered in the
// caller's goroutine with its value, on one processor and on several,
// and runs not yet started are not started.
func TestRunsPanicReachesCaller(t *testing.T) {
	for _, procs := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		var started atomic.Int32
		got := func() (p any) {
			defer func() { p = recover() }()
			Runs(10_000, 1, func(run, _, _ int) {
				started.Add(1)
				if run == 3 {
					panic(fmt.Sprintf("run %d", run))
				}
			})
			return nil
		}()
		runtime.GOMAXPROCS(prev)
		if got != "run 3" {
			t.Errorf("GOMAXPROCS %d: recovered %v, want run 3", procs, got)
		}
		if n := started.Load(); n >= 10_000 {
			t.Errorf("GOMAXPROCS %d: all %d runs started after the panic", procs, n)
		}
	}
}

// TestRunsHugeSizes: sizes and lengths near the largest int neither
// overflow nor lose the last run.
func TestRunsHugeSizes(t *testing.T) {
	const big = int(^uint(0) >> 1)
	var got [][2]int
	Runs(5, big, func(_, lo, hi int) { got = append(got, [2]int{lo, hi}) })
	if len(got) != 1 || got[0] != [2]int{0, 5} {
		t.Fatalf("n 5, size max: runs %v", got)
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	calls := 0
	last := [2]int{}
	func() {
		defer func() { _ = recover() }()
		Runs(big, big/2, func(_, lo, hi int) {
			calls++
			last = [2]int{lo, hi}
			if calls == 3 {
				panic("stop")
			}
		})
	}()
	if calls != 3 || last != [2]int{2 * (big / 2), big} {
		t.Fatalf("n max, size max/2: %d runs, last %v", calls, last)
	}
}

func ExampleRuns() {
	squares := make([]int, 10)
	Runs(len(squares), 4, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			squares[i] = i * i
		}
	})
	fmt.Println(squares)
	// Output: [0 1 4 9 16 25 36 49 64 81]
}
