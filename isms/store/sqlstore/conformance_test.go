package sqlstore_test

import (
	"testing"

	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// TestConformance runs the exported conformance suite, the storm included
// (32 x 200, or 8 x 50 with -short), on every dialect and driver.
func TestConformance(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			tg.available(t)
			storetest.RunBackend(t, func(t *testing.T) driver.Backend { return newBackend(t, tg) })
		})
	}
}
