package sqlstore_test

import (
	"strings"
	"testing"

	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// TestConformance runs the exported conformance suite, the 32 x 200 storm
// included, on every dialect and driver.
func TestConformance(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			tg.available(t)
			if raceEnabled && strings.HasSuffix(tg.name, "/memory") {
				// The race detector makes the 32 x 200 storm on one
				// in-memory connection take more than ten minutes; the
				// same SQLite code runs under it in the file targets, and
				// the memory targets run in the suite without -race.
				t.Skip("in-memory SQLite target: run without -race")
			}
			storetest.RunBackend(t, func(t *testing.T) driver.Backend { return newBackend(t, tg) })
		})
	}
}
