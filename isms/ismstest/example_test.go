package ismstest_test

import (
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms/ismstest"
)

func ExampleNewStepClock() {
	clock := ismstest.NewStepClock(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), time.Minute)
	fmt.Println(clock.Now().Format(time.TimeOnly))
	fmt.Println(clock.Now().Format(time.TimeOnly))
	// Output:
	// 09:00:00
	// 09:01:00
}

func ExampleNewSequentialIDs() {
	ids := ismstest.NewSequentialIDs()
	fmt.Println(ids.NewID("risk"), ids.NewID("risk"), ids.NewID("risk.action"))
	// Output: risk-0001 risk-0002 risk.action-0001
}
