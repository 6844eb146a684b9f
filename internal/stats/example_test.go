package stats_test

import (
	"fmt"

	"github.com/ismskit/ismskit/internal/stats"
)

// A rate written as a decimal is read exactly, so 3.5% of 400 is exactly 14
// where float64 arithmetic gives 14.000000000000002.
func ExampleDecimalFrac() {
	f, err := stats.DecimalFrac(0.035)
	if err != nil {
		panic(err)
	}
	rate, n := 0.035, 400
	k, _ := f.CeilMul(uint64(n))
	fmt.Println(f, k, rate*float64(n))
	// Output: 7/200 14 14.000000000000002
}
