package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// Storm sizes: StormWorkers goroutines each make StormIncrements
// read-modify-write increments of one counter, retrying on conflict.
const (
	StormWorkers    = 32
	StormIncrements = 200
)

// RunBackend runs the conformance suite against the backends newBackend
// returns. newBackend is called once per subtest and must return an empty
// backend; the suite closes it when the subtest ends.
func RunBackend(t *testing.T, newBackend func(t *testing.T) store.Backend) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, b store.Backend)
	}{
		{"NotFound", testNotFound},
		{"CRUD", testCRUD},
		{"CreateConflict", testCreateConflict},
		{"StaleRevision", testStaleRevision},
		{"InvalidInput", testInvalidInput},
		{"Paging", testPaging},
		{"PageTokenForeign", testPageTokenForeign},
		{"TenantIsolation", testTenantIsolation},
		{"KindIsolation", testKindIsolation},
		{"NoAliasing", testNoAliasing},
		{"Times", testTimes},
		{"RecreateAfterDelete", testRecreateAfterDelete},
		{"Storm", testStorm},
		{"Journal", testJournal},
		{"JournalTamper", testJournalTamper},
		{"CancelledContext", testCancelledContext},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newBackend(t)
			if b == nil {
				t.Fatal("storetest: newBackend returned nil")
			}
			t.Cleanup(func() {
				if err := b.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, b)
		})
	}
}

const (
	tenantA = "tenant-a"
	tenantB = "tenant-b"
	kindX   = "widget"
	kindY   = "gadget"
)

func doc(v int) []byte { return fmt.Appendf(nil, `{"n":%d}`, v) }

func rec(tenant, kind string, id isms.ID, data []byte) store.Record {
	return store.Record{Tenant: tenant, Kind: kind, ID: id, Data: data}
}

func mustPut(t *testing.T, b store.Backend, r store.Record) store.Record {
	t.Helper()
	got, err := b.Put(context.Background(), r)
	if err != nil {
		t.Fatalf("Put %s/%s/%s rev %d: %v", r.Tenant, r.Kind, r.ID, r.Revision, err)
	}
	return got
}

func wantErr(t *testing.T, err, target error, what string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want one answering errors.Is(%v)", what, err, target)
	}
}

func testNotFound(t *testing.T, b store.Backend) {
	ctx := context.Background()
	_, err := b.Get(ctx, tenantA, kindX, "missing")
	wantErr(t, err, isms.ErrNotFound, "Get of a missing record")
	_, err = b.Put(ctx, store.Record{Tenant: tenantA, Kind: kindX, ID: "missing", Revision: 1, Data: doc(1)})
	wantErr(t, err, isms.ErrNotFound, "update of a missing record")
	wantErr(t, b.Delete(ctx, tenantA, kindX, "missing", 1), isms.ErrNotFound, "Delete of a missing record")
	recs, next, err := b.List(ctx, tenantA, kindX, store.ListOptions{})
	if err != nil || len(recs) != 0 || next != "" {
		t.Errorf("List of an empty kind = %d records, token %q, error %v; want none", len(recs), next, err)
	}
}

func testCRUD(t *testing.T, b store.Backend) {
	ctx := context.Background()
	created := mustPut(t, b, rec(tenantA, kindX, "r1", doc(1)))
	if created.Revision != 1 {
		t.Errorf("revision after create = %d, want 1", created.Revision)
	}
	if created.CreatedAt.IsZero() || created.UpdatedAt.IsZero() {
		t.Errorf("create left times zero: %v, %v", created.CreatedAt, created.UpdatedAt)
	}
	if created.Tenant != tenantA || created.Kind != kindX || created.ID != "r1" || string(created.Data) != string(doc(1)) {
		t.Errorf("create returned %+v", created)
	}
	got, err := b.Get(ctx, tenantA, kindX, "r1")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if !sameRecord(got, created) {
		t.Errorf("Get = %+v, want %+v", got, created)
	}

	upd := got
	upd.Data = doc(2)
	upd.UpdatedAt = time.Time{}
	updated := mustPut(t, b, upd)
	if updated.Revision != 2 {
		t.Errorf("revision after update = %d, want 2", updated.Revision)
	}
	if !updated.CreatedAt.Equal(created.CreatedAt) {
		t.Errorf("update changed created_at from %v to %v", created.CreatedAt, updated.CreatedAt)
	}
	if updated.UpdatedAt.Before(created.UpdatedAt) {
		t.Errorf("updated_at went back from %v to %v", created.UpdatedAt, updated.UpdatedAt)
	}
	again := updated
	again.Data = doc(3)
	if r := mustPut(t, b, again); r.Revision != 3 {
		t.Errorf("revision after second update = %d, want 3", r.Revision)
	}
	got, err = b.Get(ctx, tenantA, kindX, "r1")
	if err != nil || string(got.Data) != string(doc(3)) || got.Revision != 3 {
		t.Fatalf("Get after updates = %+v, %v; want data %s at revision 3", got, err, doc(3))
	}

	wantErr(t, b.Delete(ctx, tenantA, kindX, "r1", 2), isms.ErrConflict, "Delete of a stale revision")
	if err := b.Delete(ctx, tenantA, kindX, "r1", 3); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	_, err = b.Get(ctx, tenantA, kindX, "r1")
	wantErr(t, err, isms.ErrNotFound, "Get after Delete")
	wantErr(t, b.Delete(ctx, tenantA, kindX, "r1", 3), isms.ErrNotFound, "second Delete")
}

func testCreateConflict(t *testing.T, b store.Backend) {
	mustPut(t, b, rec(tenantA, kindX, "dup", doc(1)))
	_, err := b.Put(context.Background(), rec(tenantA, kindX, "dup", doc(2)))
	wantErr(t, err, isms.ErrConflict, "create over an existing record")
	got, err := b.Get(context.Background(), tenantA, kindX, "dup")
	if err != nil || string(got.Data) != string(doc(1)) || got.Revision != 1 {
		t.Errorf("after a refused create: %+v, %v; want the first data at revision 1", got, err)
	}
}

func testStaleRevision(t *testing.T, b store.Backend) {
	ctx := context.Background()
	r1 := mustPut(t, b, rec(tenantA, kindX, "s", doc(1)))
	r2 := r1
	r2.Data = doc(2)
	mustPut(t, b, r2) // now at revision 2
	stale := r1
	stale.Data = doc(99)
	_, err := b.Put(ctx, stale)
	wantErr(t, err, isms.ErrConflict, "update from revision 1 when 2 is stored")
	ahead := r1
	ahead.Revision = 7
	_, err = b.Put(ctx, ahead)
	wantErr(t, err, isms.ErrConflict, "update from a revision never stored")
	got, err := b.Get(ctx, tenantA, kindX, "s")
	if err != nil || string(got.Data) != string(doc(2)) || got.Revision != 2 {
		t.Errorf("after refused updates: %+v, %v; want data %s at revision 2", got, err, doc(2))
	}
}

func testInvalidInput(t *testing.T, b store.Backend) {
	ctx := context.Background()
	cases := []store.Record{
		{Tenant: "", Kind: kindX, ID: "x", Data: doc(1)},
		{Tenant: tenantA, Kind: "", ID: "x", Data: doc(1)},
		{Tenant: tenantA, Kind: kindX, ID: "", Data: doc(1)},
		{Tenant: tenantA, Kind: kindX, ID: "has space", Data: doc(1)},
		{Tenant: tenantA, Kind: kindX, ID: "x", Data: nil},
		{Tenant: tenantA, Kind: kindX, ID: "x", Revision: -1, Data: doc(1)},
	}
	for i, r := range cases {
		_, err := b.Put(ctx, r)
		wantErr(t, err, isms.ErrInvalid, fmt.Sprintf("Put of invalid record %d", i))
	}
	_, err := b.Get(ctx, "", kindX, "x")
	wantErr(t, err, isms.ErrInvalid, "Get with empty tenant")
	_, _, err = b.List(ctx, tenantA, "", store.ListOptions{})
	wantErr(t, err, isms.ErrInvalid, "List with empty kind")
	_, _, err = b.List(ctx, tenantA, kindX, store.ListOptions{PageToken: "not a token"})
	wantErr(t, err, isms.ErrInvalid, "List with a malformed token")
	if _, _, err := b.List(ctx, tenantA, kindX, store.ListOptions{}); err != nil {
		t.Errorf("List after invalid input: %v", err)
	}
	_, err = b.Get(ctx, tenantA, kindX, "x")
	wantErr(t, err, isms.ErrNotFound, "Get after invalid puts (nothing may have been stored)")
}

func testPaging(t *testing.T, b store.Backend) {
	ctx := context.Background()
	// IDs created out of order, with shared prefixes and varying lengths, to
	// check byte order rather than insertion or numeric order.
	var ids []isms.ID
	for i := range 57 {
		ids = append(ids, isms.ID(fmt.Sprintf("id-%d", (i*37)%57)))
	}
	ids = append(ids, "A", "Z", "a", "a-", "a-0", "b", "~", "é")
	for i, id := range ids {
		mustPut(t, b, rec(tenantA, kindX, id, doc(i)))
	}
	// Noise in the other tenant and kind must not appear.
	mustPut(t, b, rec(tenantB, kindX, "id-1000", doc(0)))
	mustPut(t, b, rec(tenantA, kindY, "id-1001", doc(0)))

	want := slices.Clone(ids)
	slices.Sort(want)
	for _, limit := range []int{1, 2, 7, 64, 65, 66, 1000, 0} {
		t.Run(fmt.Sprintf("limit=%d", limit), func(t *testing.T) {
			var got []isms.ID
			token := ""
			pages := 0
			for {
				recs, next, err := b.List(ctx, tenantA, kindX, store.ListOptions{Limit: limit, PageToken: token})
				if err != nil {
					t.Fatalf("List page %d: %v", pages, err)
				}
				pages++
				if limit > 0 && len(recs) > limit {
					t.Fatalf("page %d has %d records, limit %d", pages, len(recs), limit)
				}
				for _, r := range recs {
					got = append(got, r.ID)
				}
				if next == "" {
					break
				}
				if len(recs) == 0 {
					t.Fatalf("page %d is empty but has a next token", pages)
				}
				if pages > len(want)+2 {
					t.Fatal("paging does not end")
				}
				token = next
			}
			if !slices.Equal(got, want) {
				t.Errorf("paging visited\n%v\nwant each record once in ascending ID order\n%v", got, want)
			}
		})
	}
}

func testPageTokenForeign(t *testing.T, b store.Backend) {
	ctx := context.Background()
	for i := range 5 {
		mustPut(t, b, rec(tenantA, kindX, isms.ID(fmt.Sprintf("p%d", i)), doc(i)))
	}
	_, next, err := b.List(ctx, tenantA, kindX, store.ListOptions{Limit: 2})
	if err != nil || next == "" {
		t.Fatalf("first page: token %q, %v", next, err)
	}
	// Deleting the record a token points after must not break paging.
	if err := b.Delete(ctx, tenantA, kindX, "p1", 1); err != nil {
		t.Fatal(err)
	}
	recs, _, err := b.List(ctx, tenantA, kindX, store.ListOptions{Limit: 10, PageToken: next})
	if err != nil {
		t.Fatalf("List after deleting the token's record: %v", err)
	}
	var got []isms.ID
	for _, r := range recs {
		got = append(got, r.ID)
	}
	if want := []isms.ID{"p2", "p3", "p4"}; !slices.Equal(got, want) {
		t.Errorf("second page = %v, want %v", got, want)
	}
}

func testTenantIsolation(t *testing.T, b store.Backend) {
	ctx := context.Background()
	a := mustPut(t, b, rec(tenantA, kindX, "shared-id", doc(1)))
	_, err := b.Get(ctx, tenantB, kindX, "shared-id")
	wantErr(t, err, isms.ErrNotFound, "Get across tenants")
	recs, _, err := b.List(ctx, tenantB, kindX, store.ListOptions{})
	if err != nil || len(recs) != 0 {
		t.Errorf("List of tenant B = %d records, %v; want none", len(recs), err)
	}
	cross := a
	cross.Tenant = tenantB
	cross.Data = doc(666)
	_, err = b.Put(ctx, cross)
	wantErr(t, err, isms.ErrNotFound, "update across tenants")
	wantErr(t, b.Delete(ctx, tenantB, kindX, "shared-id", 1), isms.ErrNotFound, "Delete across tenants")

	// The same key in tenant B is a separate record.
	bRec := mustPut(t, b, rec(tenantB, kindX, "shared-id", doc(2)))
	if bRec.Revision != 1 {
		t.Errorf("tenant B's record revision = %d, want 1", bRec.Revision)
	}
	got, err := b.Get(ctx, tenantA, kindX, "shared-id")
	if err != nil || string(got.Data) != string(doc(1)) || got.Revision != 1 {
		t.Errorf("tenant A's record after tenant B's writes: %+v, %v", got, err)
	}
	if err := b.Delete(ctx, tenantB, kindX, "shared-id", 1); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Get(ctx, tenantA, kindX, "shared-id"); err != nil {
		t.Errorf("deleting tenant B's record removed tenant A's: %v", err)
	}
}

func testKindIsolation(t *testing.T, b store.Backend) {
	ctx := context.Background()
	mustPut(t, b, rec(tenantA, kindX, "k", doc(1)))
	_, err := b.Get(ctx, tenantA, kindY, "k")
	wantErr(t, err, isms.ErrNotFound, "Get across kinds")
	wantErr(t, b.Delete(ctx, tenantA, kindY, "k", 1), isms.ErrNotFound, "Delete across kinds")
	y := mustPut(t, b, rec(tenantA, kindY, "k", doc(2)))
	if y.Revision != 1 {
		t.Errorf("kind Y's record revision = %d, want 1", y.Revision)
	}
	recs, _, err := b.List(ctx, tenantA, kindY, store.ListOptions{})
	if err != nil || len(recs) != 1 || string(recs[0].Data) != string(doc(2)) {
		t.Errorf("List of kind Y = %+v, %v", recs, err)
	}
}

func testNoAliasing(t *testing.T, b store.Backend) {
	ctx := context.Background()
	data := []byte(`{"v":"original"}`)
	created := mustPut(t, b, rec(tenantA, kindX, "alias", data))
	data[6] = 'X' // caller changes its buffer after Put
	created.Data[6] = 'Y'
	got, err := b.Get(ctx, tenantA, kindX, "alias")
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Data) != `{"v":"original"}` {
		t.Fatalf("stored data changed with the caller's buffers: %s", got.Data)
	}
	got.Data[6] = 'Z' // caller changes what Get returned
	recs, _, err := b.List(ctx, tenantA, kindX, store.ListOptions{})
	if err != nil || len(recs) != 1 {
		t.Fatalf("List: %v", err)
	}
	recs[0].Data[6] = 'W' // and what List returned
	again, err := b.Get(ctx, tenantA, kindX, "alias")
	if err != nil || string(again.Data) != `{"v":"original"}` {
		t.Errorf("stored data changed through a returned record: %s, %v", again.Data, err)
	}
}

func testTimes(t *testing.T, b store.Backend) {
	ctx := context.Background()
	zone := time.FixedZone("UTC+5:30", 5*3600+1800)
	created := time.Date(2026, 3, 1, 10, 0, 0, 123456789, zone)
	updated := time.Date(2026, 3, 2, 11, 30, 15, 999999999, zone)
	r := mustPut(t, b, store.Record{Tenant: tenantA, Kind: kindX, ID: "t", Data: doc(1), CreatedAt: created, UpdatedAt: updated})
	wantCreated := time.Date(2026, 3, 1, 4, 30, 0, 123456000, time.UTC)
	wantUpdated := time.Date(2026, 3, 2, 6, 0, 15, 999999000, time.UTC)
	check := func(what string, got store.Record) {
		t.Helper()
		if !got.CreatedAt.Equal(wantCreated) || got.CreatedAt.Location() != time.UTC {
			t.Errorf("%s: created_at = %v, want %v in UTC", what, got.CreatedAt, wantCreated)
		}
		if !got.UpdatedAt.Equal(wantUpdated) || got.UpdatedAt.Location() != time.UTC {
			t.Errorf("%s: updated_at = %v, want %v in UTC", what, got.UpdatedAt, wantUpdated)
		}
	}
	check("Put", r)
	g, err := b.Get(ctx, tenantA, kindX, "t")
	if err != nil {
		t.Fatal(err)
	}
	check("Get", g)
	recs, _, err := b.List(ctx, tenantA, kindX, store.ListOptions{})
	if err != nil || len(recs) != 1 {
		t.Fatal(err)
	}
	check("List", recs[0])

	// An update keeps the stored created_at whatever the caller sends.
	g.CreatedAt = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)
	g.UpdatedAt = time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	u := mustPut(t, b, g)
	if !u.CreatedAt.Equal(wantCreated) {
		t.Errorf("update changed created_at to %v", u.CreatedAt)
	}
	if want := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC); !u.UpdatedAt.Equal(want) {
		t.Errorf("update's updated_at = %v, want %v", u.UpdatedAt, want)
	}
}

func testRecreateAfterDelete(t *testing.T, b store.Backend) {
	ctx := context.Background()
	mustPut(t, b, rec(tenantA, kindX, "again", doc(1)))
	if err := b.Delete(ctx, tenantA, kindX, "again", 1); err != nil {
		t.Fatal(err)
	}
	r := mustPut(t, b, rec(tenantA, kindX, "again", doc(2)))
	if r.Revision != 1 {
		t.Errorf("revision of a record created again = %d, want 1", r.Revision)
	}
	recs, _, err := b.List(ctx, tenantA, kindX, store.ListOptions{})
	if err != nil || len(recs) != 1 || string(recs[0].Data) != string(doc(2)) {
		t.Errorf("List after delete and create again = %+v, %v; want the one new record", recs, err)
	}
}

func testStorm(t *testing.T, b store.Backend) {
	ctx := isms.WithActor(context.Background(), "storm")
	res, err := Storm(ctx, b, tenantA, StormWorkers, StormIncrements)
	if err != nil {
		t.Fatal(err)
	}
	const want = StormWorkers * StormIncrements
	if res.Count != want {
		t.Errorf("counter = %d after %d increments: updates were lost", res.Count, want)
	}
	if res.Revision != want+1 {
		t.Errorf("revision = %d, want %d", res.Revision, want+1)
	}
	if _, ok := b.(store.JournalReader); ok {
		if err := store.VerifyJournal(ctx, b, tenantA); err != nil {
			t.Errorf("journal after the storm: %v", err)
		}
		entries := readAll(t, b, tenantA)
		if len(entries) != want+1 {
			t.Errorf("journal has %d entries, want %d", len(entries), want+1)
		}
	}
}

func readAll(t *testing.T, b store.Backend, tenant string) []store.JournalEntry {
	t.Helper()
	var all []store.JournalEntry
	after := int64(0)
	for {
		page, err := store.ReadJournal(context.Background(), b, tenant, store.JournalOptions{AfterSequence: after, Limit: 333})
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

func testJournal(t *testing.T, b store.Backend) {
	if _, ok := b.(store.JournalReader); !ok {
		_, err := store.ReadJournal(context.Background(), b, tenantA, store.JournalOptions{})
		wantErr(t, err, isms.ErrUnsupported, "ReadJournal of a backend without a journal")
		return
	}
	ctx := isms.WithActor(context.Background(), "alice@example.com")
	r := mustPut(t, b, rec(tenantA, kindX, "j1", doc(1)))
	r.Data = doc(2)
	r2, err := b.Put(isms.WithActor(context.Background(), "bob@example.com"), r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Put(ctx, rec(tenantB, kindX, "j1", doc(9))); err != nil {
		t.Fatal(err)
	}
	if err := b.Delete(ctx, tenantA, kindX, "j1", r2.Revision); err != nil {
		t.Fatal(err)
	}
	// A refused write journals nothing.
	_, _ = b.Put(ctx, store.Record{Tenant: tenantA, Kind: kindX, ID: "j1", Revision: 5, Data: doc(0)})

	a := readAll(t, b, tenantA)
	type short struct {
		seq  int64
		op   store.Operation
		id   isms.ID
		rev  int64
		hash string
	}
	var got []short
	for _, e := range a {
		got = append(got, short{e.Sequence, e.Operation, e.ID, e.Revision, e.DataHash})
	}
	want := []short{
		{1, store.OpCreate, "j1", 1, store.DataHash(doc(1))},
		{2, store.OpUpdate, "j1", 2, store.DataHash(doc(2))},
		{3, store.OpDelete, "j1", 2, store.DataHash(nil)},
	}
	if !slices.Equal(got, want) {
		t.Errorf("tenant A's journal = %+v, want %+v", got, want)
	}
	if len(a) == 3 {
		if a[1].Actor != "bob@example.com" || a[2].Actor != "alice@example.com" {
			t.Errorf("journal actors = %q, %q; want bob, alice", a[1].Actor, a[2].Actor)
		}
		if a[0].PrevHash != "" || a[1].PrevHash != a[0].Hash || a[2].PrevHash != a[1].Hash {
			t.Error("journal entries are not chained by prev_hash")
		}
		for _, e := range a {
			if e.Tenant != tenantA || e.Kind != kindX || e.Time.IsZero() || e.Time.Location() != time.UTC {
				t.Errorf("entry %d: tenant %q kind %q time %v", e.Sequence, e.Tenant, e.Kind, e.Time)
			}
		}
	}
	if bEntries := readAll(t, b, tenantB); len(bEntries) != 1 || bEntries[0].Sequence != 1 {
		t.Errorf("tenant B's journal = %+v, want its own single entry numbered 1", bEntries)
	}
	for _, tenant := range []string{tenantA, tenantB} {
		if err := store.VerifyJournal(ctx, b, tenant); err != nil {
			t.Errorf("VerifyJournal(%s): %v", tenant, err)
		}
	}
	// A page after the end is empty; AfterSequence skips entries.
	page, err := store.ReadJournal(ctx, b, tenantA, store.JournalOptions{AfterSequence: 2})
	if err != nil || len(page) != 1 || page[0].Sequence != 3 {
		t.Errorf("ReadJournal after 2 = %+v, %v", page, err)
	}
	page, err = store.ReadJournal(ctx, b, tenantA, store.JournalOptions{AfterSequence: 3})
	if err != nil || len(page) != 0 {
		t.Errorf("ReadJournal after the end = %+v, %v", page, err)
	}
}

func testJournalTamper(t *testing.T, b store.Backend) {
	if _, ok := b.(store.JournalReader); !ok {
		return // covered by testJournal
	}
	for i := range 5 {
		mustPut(t, b, rec(tenantA, kindX, isms.ID(fmt.Sprintf("e%d", i)), doc(i)))
	}
	entries := readAll(t, b, tenantA)
	if err := store.VerifyEntries(entries); err != nil {
		t.Fatalf("untouched journal: %v", err)
	}
	// Returned entries must not alias the journal.
	entries[0].Actor = "mallory"
	if err := store.VerifyJournal(context.Background(), b, tenantA); err != nil {
		t.Fatalf("journal changed through a returned entry: %v", err)
	}
	entries[0].Actor = ""

	tampers := []struct {
		name string
		at   int64
		edit func(es []store.JournalEntry) []store.JournalEntry
	}{
		{"actor changed", 3, func(es []store.JournalEntry) []store.JournalEntry { es[2].Actor = "mallory"; return es }},
		{"data hash changed", 2, func(es []store.JournalEntry) []store.JournalEntry {
			es[1].DataHash = store.DataHash(doc(42))
			return es
		}},
		{"revision changed", 4, func(es []store.JournalEntry) []store.JournalEntry { es[3].Revision = 9; return es }},
		{"time changed", 5, func(es []store.JournalEntry) []store.JournalEntry {
			es[4].Time = es[4].Time.Add(time.Second)
			return es
		}},
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

func testCancelledContext(t *testing.T, b store.Backend) {
	mustPut(t, b, rec(tenantA, kindX, "c", doc(1)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err := b.Get(ctx, tenantA, kindX, "c")
	wantErr(t, err, context.Canceled, "Get with a cancelled context")
	_, err = b.Put(ctx, rec(tenantA, kindX, "c2", doc(1)))
	wantErr(t, err, context.Canceled, "Put with a cancelled context")
	wantErr(t, b.Delete(ctx, tenantA, kindX, "c", 1), context.Canceled, "Delete with a cancelled context")
	_, _, err = b.List(ctx, tenantA, kindX, store.ListOptions{})
	wantErr(t, err, context.Canceled, "List with a cancelled context")
	if _, ok := b.(store.JournalReader); ok {
		_, err = store.ReadJournal(ctx, b, tenantA, store.JournalOptions{})
		wantErr(t, err, context.Canceled, "ReadJournal with a cancelled context")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("calls with a cancelled context took %v", d)
	}
	// Nothing was written.
	if _, err := b.Get(context.Background(), tenantA, kindX, "c2"); !errors.Is(err, isms.ErrNotFound) {
		t.Errorf("Put with a cancelled context stored a record: %v", err)
	}
	if _, err := b.Get(context.Background(), tenantA, kindX, "c"); err != nil {
		t.Errorf("Delete with a cancelled context removed a record: %v", err)
	}
}

func sameRecord(a, b store.Record) bool {
	return a.Tenant == b.Tenant && a.Kind == b.Kind && a.ID == b.ID && a.Revision == b.Revision &&
		string(a.Data) == string(b.Data) && a.CreatedAt.Equal(b.CreatedAt) && a.UpdatedAt.Equal(b.UpdatedAt)
}
