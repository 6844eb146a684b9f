package storetest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// RunBatch runs the batch-write suite (store.Batch, Store.Apply) against
// the backends newBackend returns, as RunBackend does. On a backend that
// implements driver.Batcher it also checks that a failed batch writes
// nothing; on one that does not, that the store's one-at-a-time fallback
// stops at the failed write.
func RunBatch(t *testing.T, newBackend func(t *testing.T) driver.Backend) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, h *harness)
	}{
		{"Mixed", testBatchMixed},
		{"FailedWrite", testBatchFailed},
		{"CheckedBeforeWriting", testBatchChecked},
		{"Large", testBatchLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newBackend(t)
			if d == nil {
				t.Fatal("storetest: newBackend returned nil")
			}
			h := newHarness(d)
			t.Cleanup(func() {
				if err := d.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, h)
		})
	}
}

// testBatchMixed applies creates in two kinds and two tenants, an update
// and a delete in one batch, and checks the records, the entities' Meta
// and the journals.
func testBatchMixed(t *testing.T, h *harness) {
	x, y, bx := h.repo(t, tenantA, kindX), h.repo(t, tenantA, kindY), h.repo(t, tenantB, kindX)
	old := h.create(t, x, "old", 1)
	gone := h.create(t, x, "gone", 2)
	var b store.Batch
	a1 := &Widget{Meta: isms.Meta{ID: "a1"}, N: 10}
	a2 := &Widget{N: 11} // ID from the store's IDSource
	y1 := &Widget{Meta: isms.Meta{ID: "y1"}, N: 12}
	b1 := &Widget{Meta: isms.Meta{ID: "b1"}, N: 13}
	old.N = 100
	for _, err := range []error{
		x.BatchCreate(&b, a1), x.BatchCreate(&b, a2), y.BatchCreate(&b, y1), bx.BatchCreate(&b, b1),
		x.BatchUpdate(&b, old), x.BatchDelete(&b, gone.ID, gone.Revision),
	} {
		if err != nil {
			t.Fatalf("adding to the batch: %v", err)
		}
	}
	if b.Len() != 6 {
		t.Errorf("batch holds %d writes, want 6", b.Len())
	}
	if err := h.s.Apply(h.ctx, &b); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if b.Len() != 0 {
		t.Errorf("Apply left %d writes in the batch", b.Len())
	}
	for _, w := range []*Widget{a1, a2, y1, b1} {
		if w.ID == "" || w.Revision != 1 || w.CreatedAt.IsZero() {
			t.Errorf("created entity's Meta = %+v; want an ID, revision 1 and times", w.Meta)
		}
	}
	if old.Revision != 2 {
		t.Errorf("updated entity's revision = %d, want 2", old.Revision)
	}
	if got, err := x.Get(h.ctx, "old"); err != nil || got.N != 100 || got.Revision != 2 {
		t.Errorf("updated record = %+v, %v", got, err)
	}
	if _, err := x.Get(h.ctx, "gone"); !errors.Is(err, isms.ErrNotFound) {
		t.Errorf("deleted record: %v, want not found", err)
	}
	for _, tc := range []struct {
		r  *store.Repository[Widget]
		id isms.ID
		n  int
	}{{x, "a1", 10}, {x, a2.ID, 11}, {y, "y1", 12}, {bx, "b1", 13}} {
		if got, err := tc.r.Get(h.ctx, tc.id); err != nil || got.N != tc.n {
			t.Errorf("%s/%s = %+v, %v; want n %d", tc.r.Tenant(), tc.id, got, err, tc.n)
		}
	}
	// Tenant A's journal: its 2 creates, then the batch's A writes in order.
	var ops []string
	for _, e := range readAll(t, h, tenantA) {
		ops = append(ops, fmt.Sprintf("%s %s %s@%d", e.Operation, e.Kind, e.ID, e.Revision))
	}
	want := []string{
		"create storetest.widget old@1", "create storetest.widget gone@1",
		"create storetest.widget a1@1", "create storetest.widget " + string(a2.ID) + "@1",
		"create storetest.gadget y1@1", "update storetest.widget old@2", "delete storetest.widget gone@1",
	}
	if fmt.Sprint(ops) != fmt.Sprint(want) {
		t.Errorf("tenant A's journal = %q, want %q", ops, want)
	}
	if n := len(readAll(t, h, tenantB)); n != 1 {
		t.Errorf("tenant B's journal has %d entries, want 1", n)
	}
	for _, tenant := range []string{tenantA, tenantB} {
		if err := h.s.VerifyJournal(h.ctx, tenant); err != nil {
			t.Errorf("VerifyJournal(%s): %v", tenant, err)
		}
	}
}

// testBatchFailed applies a batch whose fourth write is stale.
func testBatchFailed(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	h.create(t, r, "dup", 1)
	target := h.create(t, r, "t", 1)
	stale := *target
	target.N = 2
	if err := r.Update(h.ctx, target); err != nil {
		t.Fatal(err)
	}
	before := len(readAll(t, h, tenantA))
	var b store.Batch
	n1 := &Widget{Meta: isms.Meta{ID: "n1"}}
	n2 := &Widget{Meta: isms.Meta{ID: "n2"}}
	n3 := &Widget{Meta: isms.Meta{ID: "n3"}}
	stale.N = 99
	for _, err := range []error{r.BatchCreate(&b, n1), r.BatchCreate(&b, n2), r.BatchCreate(&b, n3), r.BatchUpdate(&b, &stale)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	err := h.s.Apply(h.ctx, &b)
	var be *driver.BatchOpError
	if !errors.Is(err, isms.ErrConflict) || !errors.As(err, &be) || be.Index != 3 {
		t.Fatalf("Apply of a batch with a stale write = %v; want a *driver.BatchOpError at index 3 answering ErrConflict", err)
	}
	if stale.Revision != 1 {
		t.Errorf("the stale entity's revision changed to %d", stale.Revision)
	}
	after := len(readAll(t, h, tenantA))
	if _, ok := h.d.(driver.Batcher); ok {
		for _, w := range []*Widget{n1, n2, n3} {
			if _, err := r.Get(h.ctx, w.ID); !errors.Is(err, isms.ErrNotFound) {
				t.Errorf("a failed batch stored %s: %v", w.ID, err)
			}
			if w.Revision != 0 {
				t.Errorf("a failed batch left %s at revision %d", w.ID, w.Revision)
			}
		}
		if after != before {
			t.Errorf("a failed batch journaled %d entries", after-before)
		}
	} else {
		// Without the capability the writes before the failed one stay.
		for _, w := range []*Widget{n1, n2, n3} {
			if got, err := r.Get(h.ctx, w.ID); err != nil || w.Revision != 1 || got.Revision != 1 {
				t.Errorf("sequential fallback: %s = %+v, %v (entity at revision %d); want it stored", w.ID, got, err, w.Revision)
			}
		}
		if after != before+3 {
			t.Errorf("sequential fallback journaled %d entries, want 3", after-before)
		}
	}
	if got, err := r.Get(h.ctx, "t"); err != nil || got.N != 2 {
		t.Errorf("the stale write changed the record: %+v, %v", got, err)
	}
	if err := h.s.VerifyJournal(h.ctx, tenantA); err != nil {
		t.Errorf("VerifyJournal: %v", err)
	}
}

// testBatchChecked checks that a batch is refused before anything is
// written when one write fails a check a single write would fail.
func testBatchChecked(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	other := store.New(h.d, nil)
	ro, err := store.NewRepository[Widget](other, tenantA, kindX)
	if err != nil {
		t.Fatal(err)
	}
	var b store.Batch
	wantErr(t, r.BatchCreate(&b, nil), isms.ErrInvalid, "BatchCreate(nil)")
	wantErr(t, r.BatchCreate(&b, &Widget{Meta: isms.Meta{ID: "x", Revision: 2}}), isms.ErrInvalid, "BatchCreate with a revision")
	wantErr(t, r.BatchCreate(&b, &Widget{Meta: isms.Meta{ID: "has space"}}), isms.ErrInvalid, "BatchCreate with a malformed ID")
	wantErr(t, r.BatchUpdate(&b, &Widget{Meta: isms.Meta{ID: "x"}}), isms.ErrInvalid, "BatchUpdate at revision 0")
	wantErr(t, r.BatchDelete(&b, "x", 0), isms.ErrInvalid, "BatchDelete at revision 0")
	wantErr(t, r.BatchDelete(&b, "", 1), isms.ErrInvalid, "BatchDelete of an empty ID")
	wantErr(t, r.BatchCreate(nil, &Widget{}), isms.ErrInvalid, "BatchCreate into a nil batch")
	if b.Len() != 0 {
		t.Fatalf("refused writes were added: %d", b.Len())
	}
	ok := &Widget{Meta: isms.Meta{ID: "ok"}, N: 1}
	if err := r.BatchCreate(&b, ok); err != nil {
		t.Fatal(err)
	}
	wantErr(t, ro.BatchCreate(&b, &Widget{Meta: isms.Meta{ID: "o"}}), isms.ErrInvalid, "a write of another store")
	wantErr(t, other.Apply(h.ctx, &b), isms.ErrInvalid, "Apply of another store's batch")
	wantErr(t, h.s.Apply(h.ctx, nil), isms.ErrInvalid, "Apply(nil)")

	// No actor: refused before anything is written.
	var nb store.Batch
	if err := r.BatchCreate(&nb, &Widget{Meta: isms.Meta{ID: "anon"}}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, h.s.Apply(t.Context(), &nb), isms.ErrInvalid, "Apply without an actor")

	// An entity that does not validate, after a valid one: nothing is written.
	bad := &Widget{Meta: isms.Meta{ID: "bad"}, N: -1}
	if err := r.BatchCreate(&b, bad); err != nil {
		t.Fatal(err)
	}
	err = h.s.Apply(h.ctx, &b)
	var be *driver.BatchOpError
	if !errors.Is(err, isms.ErrInvalid) || !errors.As(err, &be) || be.Index != 1 {
		t.Errorf("Apply with an invalid entity = %v; want a *driver.BatchOpError at index 1 answering ErrInvalid", err)
	}
	if ok.Revision != 0 || ok.ID != "ok" || !ok.CreatedAt.IsZero() {
		t.Errorf("a refused batch changed an entity's Meta: %+v", ok.Meta)
	}
	for _, id := range []isms.ID{"ok", "bad", "anon"} {
		if _, err := r.Get(h.ctx, id); !errors.Is(err, isms.ErrNotFound) {
			t.Errorf("a refused batch stored %s: %v", id, err)
		}
	}
	if n := len(readAll(t, h, tenantA)); n != 0 {
		t.Errorf("refused batches journaled %d entries", n)
	}
	if err := h.s.Apply(h.ctx, &store.Batch{}); err != nil {
		t.Errorf("Apply of an empty batch: %v", err)
	}
}

// testBatchLarge creates 2,000 records with CreateAll and lists them back.
func testBatchLarge(t *testing.T, h *harness) {
	const n = 2000
	r := h.repo(t, tenantA, kindX)
	ws := make([]*Widget, n)
	for i := range ws {
		ws[i] = &Widget{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("w%05d", i))}, N: i}
	}
	if err := r.CreateAll(h.ctx, ws); err != nil {
		t.Fatalf("CreateAll: %v", err)
	}
	i := 0
	for w, err := range r.All(h.ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if w.N != i || w.Revision != 1 {
			t.Fatalf("record %d = %+v", i, w)
		}
		i++
	}
	if i != n {
		t.Errorf("listed %d records, want %d", i, n)
	}
	if err := h.s.VerifyJournal(h.ctx, tenantA); err != nil {
		t.Errorf("VerifyJournal: %v", err)
	}
}
