package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// Storm sizes: StormWorkers goroutines each make StormIncrements
// read-modify-write increments of one counter, retrying on conflict. With
// -short (as under the race detector, where a backend that serialises its
// writes spends minutes on the conflicts of 32 writers) the suite's storm
// is ShortStormWorkers x ShortStormIncrements.
const (
	StormWorkers         = 32
	StormIncrements      = 200
	ShortStormWorkers    = 8
	ShortStormIncrements = 50
)

// RunBackend runs the conformance suite against the backends newBackend
// returns. newBackend is called once per subtest and must return an empty
// backend; the suite wraps it in a *store.Store, exercises it through
// repositories exactly as the SDK's services do, and closes it when the
// subtest ends.
func RunBackend(t *testing.T, newBackend func(t *testing.T) driver.Backend) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, h *harness)
	}{
		{"NotFound", testNotFound},
		{"CRUD", testCRUD},
		{"CreateConflict", testCreateConflict},
		{"StaleRevision", testStaleRevision},
		{"InvalidInput", testInvalidInput},
		{"NoActor", testNoActor},
		{"Paging", testPaging},
		{"PageTokens", testPageTokens},
		{"TenantIsolation", testTenantIsolation},
		{"KindIsolation", testKindIsolation},
		{"ReturnedDataIsNotModified", testReturnedData},
		{"Times", testTimes},
		{"RecreateAfterDelete", testRecreateAfterDelete},
		{"Storm", testStorm},
		{"Journal", testJournal},
		{"JournalPaging", testJournalPaging},
		{"JournalTamper", testJournalTamper},
		{"CancelledContext", testCancelledContext},
		{"Closed", testClosed},
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

const (
	tenantA = "tenant-a"
	tenantB = "tenant-b"
	kindX   = "storetest.widget"
	kindY   = "storetest.gadget"
	actor   = "storetest@example.com"
)

// Widget is the entity the suite stores.
type Widget struct {
	isms.Meta
	N    int    `json:"n"`
	Text string `json:"text,omitempty"`
}

// Validate refuses a negative N, so the suite can check that invalid
// entities are never written.
func (w *Widget) Validate() error {
	if w.N < 0 {
		return isms.Invalidf("widget %q: n is negative", w.ID)
	}
	return nil
}

// clock is a settable clock, safe for concurrent use.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Second)
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

type harness struct {
	d     driver.Backend
	s     *store.Store
	clock *clock
	ctx   context.Context
}

func newHarness(d driver.Backend) *harness {
	c := &clock{now: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	var n atomic.Int64
	ids := isms.IDFunc(func(kind string) isms.ID { return isms.ID(fmt.Sprintf("%s-%d", kind, n.Add(1))) })
	return &harness{
		d:     d,
		s:     store.New(d, &store.Options{Clock: c, IDs: ids}),
		clock: c,
		ctx:   isms.WithActor(context.Background(), actor),
	}
}

func (h *harness) repo(t *testing.T, tenant, kind string) *store.Repository[Widget] {
	t.Helper()
	r, err := store.NewRepository[Widget](h.s, tenant, kind)
	if err != nil {
		t.Fatalf("NewRepository(%s, %s): %v", tenant, kind, err)
	}
	return r
}

func (h *harness) create(t *testing.T, r *store.Repository[Widget], id isms.ID, n int) *Widget {
	t.Helper()
	w := &Widget{Meta: isms.Meta{ID: id}, N: n}
	if err := r.Create(h.ctx, w); err != nil {
		t.Fatalf("Create %s/%s/%s: %v", r.Tenant(), r.Kind(), id, err)
	}
	return w
}

func wantErr(t *testing.T, err, target error, what string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want one answering errors.Is(%v)", what, err, target)
	}
}

func testNotFound(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	_, err := r.Get(h.ctx, "missing")
	wantErr(t, err, isms.ErrNotFound, "Get of a missing record")
	err = r.Update(h.ctx, &Widget{Meta: isms.Meta{ID: "missing", Revision: 1}})
	wantErr(t, err, isms.ErrNotFound, "update of a missing record")
	wantErr(t, r.Delete(h.ctx, "missing", 1), isms.ErrNotFound, "Delete of a missing record")
	ws, next, err := r.List(h.ctx, store.ListOptions{})
	if err != nil || len(ws) != 0 || next != "" {
		t.Errorf("List of an empty kind = %d records, token %q, error %v; want none", len(ws), next, err)
	}
}

func testCRUD(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	w := h.create(t, r, "r1", 1)
	if w.Revision != 1 || w.CreatedAt.IsZero() || !w.UpdatedAt.Equal(w.CreatedAt) {
		t.Errorf("after create: revision %d, created %v, updated %v; want 1 and equal non-zero times", w.Revision, w.CreatedAt, w.UpdatedAt)
	}
	got, err := r.Get(h.ctx, "r1")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if *got != *w {
		t.Errorf("Get = %+v, want %+v", got, w)
	}
	got.N = 2
	if err := r.Update(h.ctx, got); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if got.Revision != 2 || !got.CreatedAt.Equal(w.CreatedAt) || !got.UpdatedAt.After(w.UpdatedAt) {
		t.Errorf("after update: %+v; want revision 2, created %v kept, updated later", got.Meta, w.CreatedAt)
	}
	got.N = 3
	if err := r.Update(h.ctx, got); err != nil || got.Revision != 3 {
		t.Fatalf("second Update: revision %d, %v", got.Revision, err)
	}
	again, err := r.Get(h.ctx, "r1")
	if err != nil || again.N != 3 || again.Revision != 3 {
		t.Fatalf("Get after updates = %+v, %v; want n 3 at revision 3", again, err)
	}
	wantErr(t, r.Delete(h.ctx, "r1", 2), isms.ErrConflict, "Delete of a stale revision")
	if err := r.Delete(h.ctx, "r1", 3); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	_, err = r.Get(h.ctx, "r1")
	wantErr(t, err, isms.ErrNotFound, "Get after Delete")
	wantErr(t, r.Delete(h.ctx, "r1", 3), isms.ErrNotFound, "second Delete")
}

func testCreateConflict(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	h.create(t, r, "dup", 1)
	second := &Widget{Meta: isms.Meta{ID: "dup"}, N: 2}
	wantErr(t, r.Create(h.ctx, second), isms.ErrConflict, "create over an existing record")
	if second.Revision != 0 || !second.CreatedAt.IsZero() {
		t.Errorf("a refused create changed the caller's Meta: %+v", second.Meta)
	}
	got, err := r.Get(h.ctx, "dup")
	if err != nil || got.N != 1 || got.Revision != 1 {
		t.Errorf("after a refused create: %+v, %v; want the first data at revision 1", got, err)
	}
}

func testStaleRevision(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	first := h.create(t, r, "s", 1)
	stale := *first
	next := *first
	next.N = 2
	if err := r.Update(h.ctx, &next); err != nil { // now at revision 2
		t.Fatal(err)
	}
	stale.N = 99
	wantErr(t, r.Update(h.ctx, &stale), isms.ErrConflict, "update from revision 1 when 2 is stored")
	if stale.Revision != 1 {
		t.Errorf("a refused update changed the caller's revision to %d", stale.Revision)
	}
	ahead := *first
	ahead.Revision = 7
	wantErr(t, r.Update(h.ctx, &ahead), isms.ErrConflict, "update from a revision never stored")
	got, err := r.Get(h.ctx, "s")
	if err != nil || got.N != 2 || got.Revision != 2 {
		t.Errorf("after refused updates: %+v, %v; want n 2 at revision 2", got, err)
	}
}

func testInvalidInput(t *testing.T, h *harness) {
	for _, sc := range [][2]string{{"", kindX}, {tenantA, ""}, {"has space", kindX}, {tenantA, "bad\nkind"}} {
		_, err := store.NewRepository[Widget](h.s, sc[0], sc[1])
		wantErr(t, err, isms.ErrInvalid, fmt.Sprintf("NewRepository(%q, %q)", sc[0], sc[1]))
	}
	r := h.repo(t, tenantA, kindX)
	wantErr(t, r.Create(h.ctx, nil), isms.ErrInvalid, "Create(nil)")
	wantErr(t, r.Create(h.ctx, &Widget{Meta: isms.Meta{ID: "has space"}}), isms.ErrInvalid, "Create with a malformed ID")
	wantErr(t, r.Create(h.ctx, &Widget{Meta: isms.Meta{ID: "x", Revision: 3}}), isms.ErrInvalid, "Create with a revision")
	wantErr(t, r.Create(h.ctx, &Widget{Meta: isms.Meta{ID: "x"}, N: -1}), isms.ErrInvalid, "Create of an entity that does not validate")
	wantErr(t, r.Update(h.ctx, &Widget{Meta: isms.Meta{ID: "x"}}), isms.ErrInvalid, "Update with revision 0")
	wantErr(t, r.Delete(h.ctx, "x", 0), isms.ErrInvalid, "Delete of revision 0")
	wantErr(t, r.Delete(h.ctx, "", 1), isms.ErrInvalid, "Delete of an empty ID")
	_, err := r.Get(h.ctx, "")
	wantErr(t, err, isms.ErrInvalid, "Get of an empty ID")
	_, _, err = r.List(h.ctx, store.ListOptions{PageToken: "not a token"})
	wantErr(t, err, isms.ErrInvalid, "List with a malformed token")
	_, err = r.Get(h.ctx, "x")
	wantErr(t, err, isms.ErrNotFound, "Get after invalid writes (nothing may have been stored)")
	entries := readAll(t, h, tenantA)
	if len(entries) != 0 {
		t.Errorf("refused writes were journaled: %+v", entries)
	}
}

func testNoActor(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	w := h.create(t, r, "a", 1)
	for name, ctx := range map[string]context.Context{
		"no actor":    context.Background(),
		"empty actor": isms.WithActor(context.Background(), ""),
	} {
		wantErr(t, r.Create(ctx, &Widget{Meta: isms.Meta{ID: "b"}}), isms.ErrInvalid, "Create with "+name)
		u := *w
		u.N = 5
		wantErr(t, r.Update(ctx, &u), isms.ErrInvalid, "Update with "+name)
		wantErr(t, r.Delete(ctx, "a", 1), isms.ErrInvalid, "Delete with "+name)
	}
	got, err := r.Get(context.Background(), "a") // reads need no actor
	if err != nil || got.N != 1 || got.Revision != 1 {
		t.Errorf("after anonymous writes: %+v, %v; want the record unchanged", got, err)
	}
	entries := readAll(t, h, tenantA)
	if len(entries) != 1 {
		t.Errorf("journal has %d entries, want only the create", len(entries))
	}
	for _, e := range entries {
		if e.Actor == "" {
			t.Errorf("journal entry %d has no actor", e.Sequence)
		}
	}
}

func listIDs(t *testing.T, r *store.Repository[Widget], ctx context.Context, limit int) []isms.ID {
	t.Helper()
	var got []isms.ID
	token := ""
	for pages := 0; ; pages++ {
		ws, next, err := r.List(ctx, store.ListOptions{Limit: limit, PageToken: token})
		if err != nil {
			t.Fatalf("List page %d: %v", pages, err)
		}
		if want := (store.ListOptions{Limit: limit}).EffectiveLimit(); len(ws) > want {
			t.Fatalf("page %d has %d records, limit %d", pages, len(ws), want)
		}
		for _, w := range ws {
			got = append(got, w.ID)
		}
		if next == "" {
			return got
		}
		if len(ws) == 0 {
			t.Fatalf("page %d is empty but has a next token", pages)
		}
		if pages > 100_000 {
			t.Fatal("paging does not end")
		}
		token = next
	}
}

func testPaging(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	// IDs created out of order, with shared prefixes and varying lengths, to
	// check byte order rather than insertion or numeric order.
	var ids []isms.ID
	for i := range 57 {
		ids = append(ids, isms.ID(fmt.Sprintf("id-%d", (i*37)%57)))
	}
	ids = append(ids, "A", "Z", "a", "a-", "a-0", "b", "~", "é", "日本")
	for i, id := range ids {
		h.create(t, r, id, i)
	}
	// Deleted records must not appear, nor records of other tenants and kinds.
	for _, id := range []isms.ID{"id-3", "a-"} {
		if err := r.Delete(h.ctx, id, 1); err != nil {
			t.Fatal(err)
		}
		ids = slices.DeleteFunc(ids, func(x isms.ID) bool { return x == id })
	}
	h.create(t, h.repo(t, tenantB, kindX), "id-1000", 0)
	h.create(t, h.repo(t, tenantA, kindY), "id-1001", 0)

	want := slices.Clone(ids)
	slices.Sort(want)
	for _, limit := range []int{1, 2, 7, 63, 64, 65, 1000, 5000, 0, -3} {
		t.Run(fmt.Sprintf("limit=%d", limit), func(t *testing.T) {
			if got := listIDs(t, r, h.ctx, limit); !slices.Equal(got, want) {
				t.Errorf("paging visited\n%v\nwant each record once in ascending byte order of ID\n%v", got, want)
			}
		})
	}
	var all []isms.ID
	for w, err := range r.All(h.ctx) {
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, w.ID)
	}
	if !slices.Equal(all, want) {
		t.Errorf("All visited %v, want %v", all, want)
	}
}

func testPageTokens(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	for i := range 5 {
		h.create(t, r, isms.ID(fmt.Sprintf("p%d", i)), i)
	}
	_, next, err := r.List(h.ctx, store.ListOptions{Limit: 2})
	if err != nil || next == "" {
		t.Fatalf("first page: token %q, %v", next, err)
	}
	// Deleting the record a token points after must not break paging.
	if err := r.Delete(h.ctx, "p1", 1); err != nil {
		t.Fatal(err)
	}
	ws, last, err := r.List(h.ctx, store.ListOptions{Limit: 10, PageToken: next})
	if err != nil {
		t.Fatalf("List after deleting the token's record: %v", err)
	}
	var got []isms.ID
	for _, w := range ws {
		got = append(got, w.ID)
	}
	if want := []isms.ID{"p2", "p3", "p4"}; !slices.Equal(got, want) || last != "" {
		t.Errorf("second page = %v (next %q), want %v and no next page", got, last, want)
	}
	// A token is bound to its tenant and kind, and read exactly.
	for name, rr := range map[string]*store.Repository[Widget]{
		"other tenant": h.repo(t, tenantB, kindX),
		"other kind":   h.repo(t, tenantA, kindY),
	} {
		_, _, err := rr.List(h.ctx, store.ListOptions{PageToken: next})
		wantErr(t, err, isms.ErrInvalid, "a token used for the "+name)
	}
	for _, bad := range []string{next + "\n", next + "=", " " + next, next[:len(next)-1] + "\r\n" + next[len(next)-1:], "p1.", "p2." + next[3:]} {
		_, _, err := r.List(h.ctx, store.ListOptions{PageToken: bad})
		wantErr(t, err, isms.ErrInvalid, fmt.Sprintf("token %q", bad))
	}
}

func testTenantIsolation(t *testing.T, h *harness) {
	a, b := h.repo(t, tenantA, kindX), h.repo(t, tenantB, kindX)
	w := h.create(t, a, "shared-id", 1)
	_, err := b.Get(h.ctx, "shared-id")
	wantErr(t, err, isms.ErrNotFound, "Get across tenants")
	ws, _, err := b.List(h.ctx, store.ListOptions{})
	if err != nil || len(ws) != 0 {
		t.Errorf("List of tenant B = %d records, %v; want none", len(ws), err)
	}
	cross := *w
	cross.N = 666
	wantErr(t, b.Update(h.ctx, &cross), isms.ErrNotFound, "update across tenants")
	wantErr(t, b.Delete(h.ctx, "shared-id", 1), isms.ErrNotFound, "Delete across tenants")
	// The same ID in tenant B is a separate record.
	if bw := h.create(t, b, "shared-id", 2); bw.Revision != 1 {
		t.Errorf("tenant B's record revision = %d, want 1", bw.Revision)
	}
	got, err := a.Get(h.ctx, "shared-id")
	if err != nil || got.N != 1 || got.Revision != 1 {
		t.Errorf("tenant A's record after tenant B's writes: %+v, %v", got, err)
	}
	if err := b.Delete(h.ctx, "shared-id", 1); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Get(h.ctx, "shared-id"); err != nil {
		t.Errorf("deleting tenant B's record removed tenant A's: %v", err)
	}
}

func testKindIsolation(t *testing.T, h *harness) {
	x, y := h.repo(t, tenantA, kindX), h.repo(t, tenantA, kindY)
	h.create(t, x, "k", 1)
	_, err := y.Get(h.ctx, "k")
	wantErr(t, err, isms.ErrNotFound, "Get across kinds")
	wantErr(t, y.Delete(h.ctx, "k", 1), isms.ErrNotFound, "Delete across kinds")
	if yw := h.create(t, y, "k", 2); yw.Revision != 1 {
		t.Errorf("kind Y's record revision = %d, want 1", yw.Revision)
	}
	ws, _, err := y.List(h.ctx, store.ListOptions{})
	if err != nil || len(ws) != 1 || ws[0].N != 2 {
		t.Errorf("List of kind Y = %+v, %v", ws, err)
	}
}

// testReturnedData checks the ownership rule of driver.Backend: data a
// backend returned is never modified by later writes.
func testReturnedData(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	w := h.create(t, r, "own", 1)
	k := driver.Key{Tenant: tenantA, Kind: kindX, ID: "own"}
	before, err := h.d.Get(h.ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	listed, err := h.d.List(h.ctx, tenantA, kindX, "", 10)
	if err != nil || len(listed) != 1 {
		t.Fatalf("driver List = %d records, %v", len(listed), err)
	}
	saved, savedListed := string(before.Data), string(listed[0].Data)
	w.Text = "a longer text that would overwrite a reused buffer"
	if err := r.Update(h.ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := r.Delete(h.ctx, "own", w.Revision); err != nil {
		t.Fatal(err)
	}
	if string(before.Data) != saved || string(listed[0].Data) != savedListed {
		t.Errorf("data returned by the backend changed after later writes: %s", before.Data)
	}
}

func testTimes(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	zone := time.FixedZone("UTC+5:30", 5*3600+1800)
	h.clock.set(time.Date(2026, 3, 1, 9, 59, 59, 123456789, zone)) // the next reading is a second later
	w := h.create(t, r, "t", 1)
	wantCreated := time.Date(2026, 3, 1, 4, 30, 0, 123456000, time.UTC)
	check := func(what string, got *Widget, created, updated time.Time) {
		t.Helper()
		if !got.CreatedAt.Equal(created) || got.CreatedAt.Location() != time.UTC {
			t.Errorf("%s: created_at = %v, want %v in UTC", what, got.CreatedAt, created)
		}
		if !got.UpdatedAt.Equal(updated) || got.UpdatedAt.Location() != time.UTC {
			t.Errorf("%s: updated_at = %v, want %v in UTC", what, got.UpdatedAt, updated)
		}
	}
	check("Create", w, wantCreated, wantCreated)
	g, err := r.Get(h.ctx, "t")
	if err != nil {
		t.Fatal(err)
	}
	check("Get", g, wantCreated, wantCreated)
	ws, _, err := r.List(h.ctx, store.ListOptions{})
	if err != nil || len(ws) != 1 {
		t.Fatal(err)
	}
	check("List", ws[0], wantCreated, wantCreated)

	// An update keeps the stored created_at whatever the entity says.
	g.CreatedAt = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := r.Update(h.ctx, g); err != nil {
		t.Fatal(err)
	}
	wantUpdated := wantCreated.Add(time.Second)
	check("Update", g, wantCreated, wantUpdated)
	g, err = r.Get(h.ctx, "t")
	if err != nil {
		t.Fatal(err)
	}
	check("Get after update", g, wantCreated, wantUpdated)
	for _, e := range readAll(t, h, tenantA) {
		if e.Time.Location() != time.UTC || e.Time.Nanosecond()%1000 != 0 {
			t.Errorf("journal entry %d time %v is not UTC microseconds", e.Sequence, e.Time)
		}
	}
}

func testRecreateAfterDelete(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	h.create(t, r, "again", 1)
	if err := r.Delete(h.ctx, "again", 1); err != nil {
		t.Fatal(err)
	}
	if w := h.create(t, r, "again", 2); w.Revision != 1 {
		t.Errorf("revision of a record created again = %d, want 1", w.Revision)
	}
	ws, _, err := r.List(h.ctx, store.ListOptions{})
	if err != nil || len(ws) != 1 || ws[0].N != 2 {
		t.Errorf("List after delete and create again = %+v, %v; want the one new record", ws, err)
	}
}

func testStorm(t *testing.T, h *harness) {
	workers, increments := StormWorkers, StormIncrements
	if testing.Short() {
		workers, increments = ShortStormWorkers, ShortStormIncrements
	}
	res, err := Storm(h.ctx, h.s, tenantA, workers, increments)
	if err != nil {
		t.Fatal(err)
	}
	want := workers * increments
	if res.Count != want {
		t.Errorf("counter = %d after %d increments: updates were lost", res.Count, want)
	}
	if res.Revision != int64(want)+1 {
		t.Errorf("revision = %d, want %d", res.Revision, want+1)
	}
	if err := h.s.VerifyJournal(h.ctx, tenantA); err != nil {
		t.Errorf("journal after the storm: %v", err)
	}
	if entries := readAll(t, h, tenantA); len(entries) != want+1 {
		t.Errorf("journal has %d entries, want %d", len(entries), want+1)
	}
}

func readAll(t *testing.T, h *harness, tenant string) []store.JournalEntry {
	t.Helper()
	var all []store.JournalEntry
	after := int64(0)
	for {
		page, err := h.s.ReadJournal(h.ctx, tenant, store.JournalOptions{AfterSequence: after, Limit: 333})
		if err != nil {
			t.Fatalf("ReadJournal: %v", err)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].Sequence
	}
}

func testJournal(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	alice := isms.WithActor(context.Background(), "alice@example.com")
	bob := isms.WithActor(context.Background(), "bob@example.com")
	w := &Widget{Meta: isms.Meta{ID: "j1"}, N: 1}
	if err := r.Create(alice, w); err != nil {
		t.Fatal(err)
	}
	created, _ := json.Marshal(w)
	w.N = 2
	if err := r.Update(bob, w); err != nil {
		t.Fatal(err)
	}
	updated, _ := json.Marshal(w)
	stored, err := h.d.Get(alice, driver.Key{Tenant: tenantA, Kind: kindX, ID: "j1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.repo(t, tenantB, kindX).Create(alice, &Widget{Meta: isms.Meta{ID: "j1"}, N: 9}); err != nil {
		t.Fatal(err)
	}
	if err := r.Delete(alice, "j1", w.Revision); err != nil {
		t.Fatal(err)
	}
	// A refused write journals nothing.
	_ = r.Update(alice, &Widget{Meta: isms.Meta{ID: "j1", Revision: 5}})

	a := readAll(t, h, tenantA)
	type short struct {
		seq   int64
		op    store.Operation
		id    isms.ID
		rev   int64
		actor string
		hash  store.Hash
	}
	var got []short
	for _, e := range a {
		got = append(got, short{e.Sequence, e.Operation, e.ID, e.Revision, e.Actor, e.DataHash})
	}
	want := []short{
		{1, store.OpCreate, "j1", 1, "alice@example.com", driver.DataHash(created)},
		{2, store.OpUpdate, "j1", 2, "bob@example.com", driver.DataHash(updated)},
		{3, store.OpDelete, "j1", 2, "alice@example.com", driver.DataHash(nil)},
	}
	if !slices.Equal(got, want) {
		t.Errorf("tenant A's journal = %+v, want %+v", got, want)
	}
	if driver.DataHash(stored.Data) != driver.DataHash(updated) {
		t.Errorf("stored data %s is not the encoded entity %s", stored.Data, updated)
	}
	if len(a) == 3 {
		if !a[0].PrevHash.IsZero() || a[1].PrevHash != a[0].Hash || a[2].PrevHash != a[1].Hash {
			t.Error("journal entries are not chained by prev_hash")
		}
		for _, e := range a {
			if e.Tenant != tenantA || e.Kind != kindX || e.Time.IsZero() || e.Hash != e.ComputeHash() {
				t.Errorf("entry %d: tenant %q kind %q time %v, hash consistent %v", e.Sequence, e.Tenant, e.Kind, e.Time, e.Hash == e.ComputeHash())
			}
		}
	}
	if bEntries := readAll(t, h, tenantB); len(bEntries) != 1 || bEntries[0].Sequence != 1 {
		t.Errorf("tenant B's journal = %+v, want its own single entry numbered 1", bEntries)
	}
	for _, tenant := range []string{tenantA, tenantB} {
		if err := h.s.VerifyJournal(h.ctx, tenant); err != nil {
			t.Errorf("VerifyJournal(%s): %v", tenant, err)
		}
	}
	if err := h.s.VerifyJournal(h.ctx, "tenant-without-writes"); err != nil {
		t.Errorf("VerifyJournal of an empty journal: %v", err)
	}
}

func testJournalPaging(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	for i := range 25 {
		h.create(t, r, isms.ID(fmt.Sprintf("e%02d", i)), i)
	}
	for _, tc := range []struct {
		after      int64
		limit      int
		first, num int64
	}{{0, 0, 1, 25}, {0, 10, 1, 10}, {10, 10, 11, 10}, {20, 10, 21, 5}, {25, 10, 0, 0}, {99, 10, 0, 0}} {
		page, err := h.s.ReadJournal(h.ctx, tenantA, store.JournalOptions{AfterSequence: tc.after, Limit: tc.limit})
		if err != nil {
			t.Fatalf("ReadJournal(after %d, limit %d): %v", tc.after, tc.limit, err)
		}
		if int64(len(page)) != tc.num || (tc.num > 0 && page[0].Sequence != tc.first) {
			t.Errorf("ReadJournal(after %d, limit %d) = %d entries from %v; want %d from %d", tc.after, tc.limit, len(page), page, tc.num, tc.first)
		}
	}
	_, err := h.s.ReadJournal(h.ctx, tenantA, store.JournalOptions{AfterSequence: -1})
	wantErr(t, err, isms.ErrInvalid, "ReadJournal after a negative sequence")
	_, err = h.s.ReadJournal(h.ctx, "", store.JournalOptions{})
	wantErr(t, err, isms.ErrInvalid, "ReadJournal of an empty tenant")
}

func testJournalTamper(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	for i := range 5 {
		h.create(t, r, isms.ID(fmt.Sprintf("e%d", i)), i)
	}
	entries := readAll(t, h, tenantA)
	if err := store.VerifyEntries(entries); err != nil {
		t.Fatalf("untouched journal: %v", err)
	}
	// Returned entries must not alias the journal.
	entries[0].Actor = "mallory"
	entries[0].Hash[0] ^= 1
	if err := h.s.VerifyJournal(h.ctx, tenantA); err != nil {
		t.Fatalf("journal changed through a returned entry: %v", err)
	}
	entries = readAll(t, h, tenantA)

	tampers := []struct {
		name string
		at   int64
		edit func(es []store.JournalEntry) []store.JournalEntry
	}{
		{"actor changed", 3, func(es []store.JournalEntry) []store.JournalEntry { es[2].Actor = "mallory"; return es }},
		{"actor removed and rehashed", 3, func(es []store.JournalEntry) []store.JournalEntry {
			es[2].Actor = ""
			es[2].Hash = es[2].ComputeHash()
			return es
		}},
		{"data hash changed", 2, func(es []store.JournalEntry) []store.JournalEntry { es[1].DataHash[5] ^= 0x80; return es }},
		{"revision changed", 4, func(es []store.JournalEntry) []store.JournalEntry { es[3].Revision = 9; return es }},
		{"time changed", 5, func(es []store.JournalEntry) []store.JournalEntry {
			es[4].Time = es[4].Time.Add(time.Microsecond)
			return es
		}},
		{"operation changed", 1, func(es []store.JournalEntry) []store.JournalEntry { es[0].Operation = store.OpUpdate; return es }},
		{"entry removed", 3, func(es []store.JournalEntry) []store.JournalEntry { return slices.Delete(es, 2, 3) }},
		{"entries swapped", 2, func(es []store.JournalEntry) []store.JournalEntry { es[1], es[2] = es[2], es[1]; return es }},
		{"rehashed alone", 4, func(es []store.JournalEntry) []store.JournalEntry {
			es[2].Actor = "mallory"
			es[2].Hash = es[2].ComputeHash() // consistent entry, but the next link breaks
			return es
		}},
	}
	for _, tc := range tampers {
		es := tc.edit(slices.Clone(entries))
		err := store.VerifyEntries(es)
		var broken *store.BrokenLinkError
		if !errors.As(err, &broken) || !errors.Is(err, store.ErrJournalBroken) {
			t.Errorf("%s: VerifyEntries = %v, want a *BrokenLinkError", tc.name, err)
			continue
		}
		if broken.Sequence != tc.at {
			t.Errorf("%s: broken at %d, want %d", tc.name, broken.Sequence, tc.at)
		}
	}
}

func testCancelledContext(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	w := h.create(t, r, "c", 1)
	ctx, cancel := context.WithCancel(h.ctx)
	cancel()
	start := time.Now()
	_, err := r.Get(ctx, "c")
	wantErr(t, err, context.Canceled, "Get with a cancelled context")
	wantErr(t, r.Create(ctx, &Widget{Meta: isms.Meta{ID: "c2"}}), context.Canceled, "Create with a cancelled context")
	u := *w
	wantErr(t, r.Update(ctx, &u), context.Canceled, "Update with a cancelled context")
	wantErr(t, r.Delete(ctx, "c", 1), context.Canceled, "Delete with a cancelled context")
	_, _, err = r.List(ctx, store.ListOptions{})
	wantErr(t, err, context.Canceled, "List with a cancelled context")
	_, err = h.s.ReadJournal(ctx, tenantA, store.JournalOptions{})
	wantErr(t, err, context.Canceled, "ReadJournal with a cancelled context")
	// The backend itself honours a cancelled context too.
	k := driver.Key{Tenant: tenantA, Kind: kindX, ID: "c"}
	_, err = h.d.Get(ctx, k)
	wantErr(t, err, context.Canceled, "backend Get with a cancelled context")
	_, err = h.d.Put(ctx, driver.Record{Key: driver.Key{Tenant: tenantA, Kind: kindX, ID: "c3"}, Data: []byte(`{}`)}, driver.Write{Actor: actor, Time: time.Now().UTC()})
	wantErr(t, err, context.Canceled, "backend Put with a cancelled context")
	wantErr(t, h.d.Delete(ctx, k, 1, driver.Write{Actor: actor, Time: time.Now().UTC()}), context.Canceled, "backend Delete with a cancelled context")
	_, err = h.d.List(ctx, tenantA, kindX, "", 10)
	wantErr(t, err, context.Canceled, "backend List with a cancelled context")
	_, err = h.d.ReadJournal(ctx, tenantA, 0, 10)
	wantErr(t, err, context.Canceled, "backend ReadJournal with a cancelled context")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("calls with a cancelled context took %v", d)
	}
	// Nothing was written.
	for _, id := range []isms.ID{"c2", "c3"} {
		if _, err := r.Get(h.ctx, id); !errors.Is(err, isms.ErrNotFound) {
			t.Errorf("a write with a cancelled context stored %s: %v", id, err)
		}
	}
	if got, err := r.Get(h.ctx, "c"); err != nil || got.Revision != 1 {
		t.Errorf("a write with a cancelled context changed a record: %+v, %v", got, err)
	}
	if n := len(readAll(t, h, tenantA)); n != 1 {
		t.Errorf("journal has %d entries after cancelled writes, want 1", n)
	}
}

func testClosed(t *testing.T, h *harness) {
	r := h.repo(t, tenantA, kindX)
	h.create(t, r, "x", 1)
	if err := h.s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	_, err := r.Get(h.ctx, "x")
	wantErr(t, err, isms.ErrUnsupported, "Get after Close")
	wantErr(t, r.Create(h.ctx, &Widget{Meta: isms.Meta{ID: "y"}}), isms.ErrUnsupported, "Create after Close")
	_, _, err = r.List(h.ctx, store.ListOptions{})
	wantErr(t, err, isms.ErrUnsupported, "List after Close")
	_, err = h.s.ReadJournal(h.ctx, tenantA, store.JournalOptions{})
	wantErr(t, err, isms.ErrUnsupported, "ReadJournal after Close")
}
