package memstore_test

import (
	"testing"

	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/isms/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunBackend(t, func(t *testing.T) store.Backend { return memstore.New() })
}
