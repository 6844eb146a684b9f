package sqlstore_test

import (
	"testing"

	"github.com/ismskit/ismskit/isms/store/driver"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

// TestBatch runs the batch suite on every dialect and driver (one
// transaction per batch), and on memstore, which has no batch capability,
// for the store's one-write-at-a-time fallback.
func TestBatch(t *testing.T) {
	for _, tg := range targets() {
		t.Run(tg.name, func(t *testing.T) {
			tg.available(t)
			storetest.RunBatch(t, func(t *testing.T) driver.Backend { return newBackend(t, tg) })
		})
	}
	t.Run("memstore-fallback", func(t *testing.T) {
		storetest.RunBatch(t, func(t *testing.T) driver.Backend { return memstore.NewBackend() })
	})
}
