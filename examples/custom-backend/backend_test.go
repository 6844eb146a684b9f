package main

import (
	"testing"

	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// TestConformance runs the exported suite against the hand-written
// backend: what any third-party backend does to be trusted.
func TestConformance(t *testing.T) {
	storetest.RunBackend(t, func(t *testing.T) driver.Backend { return newSliceBackend() })
}
