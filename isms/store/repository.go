package store

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"reflect"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// Entity is a persisted domain value: a pointer to a struct that embeds
// isms.Meta. Entities that also have a Validate() error method are
// validated before every write.
type Entity interface {
	Metadata() *isms.Meta
}

type validator interface{ Validate() error }

// Repository is typed access to one kind of entity of one tenant, over a
// Store. It owns each entity's Meta: Create sets the ID (from the store's
// IDSource when empty), revision 1 and the times; Update names the
// revision it read and fails with isms.ErrConflict when another write came
// first; reads set Meta from the stored record, whatever the document says.
//
// Every write needs an actor in its context (isms.WithActor) and fails with
// isms.ErrInvalid without one, so that no journal entry is anonymous.
//
// Stored documents are decoded leniently (unknown fields are ignored), so
// that data written by a newer version of a program stays readable.
//
// Decoded values are cached when *T implements Cloner (a deep Clone): a
// read of a record the repository has decoded before, at the same
// revision, times and bytes, copies the decoded value instead of decoding
// JSON again, which is most of the cost of reading (a risk decodes in
// about 20 µs and clones in well under 1 µs). Every read still asks the
// backend for the record, so the cache never serves a value the backend
// no longer holds, and every caller gets its own copy. The cache holds at
// most DefaultCacheEntries values (WithCache changes the bound, 0 turns it
// off); it costs the decoded values (the record bytes are shared with the
// backend's own).
//
// A Repository is safe for concurrent use.
type Repository[T any] struct {
	s      *Store
	tenant string
	kind   string
	cache  *decodedCache[T] // nil: decode every read
}

// NewRepository returns the repository of tenant's entities of kind in s.
// *T must implement Entity (embed isms.Meta); it fails with
// isms.ErrInvalid when it does not, when s has no backend, or when tenant
// or kind is empty or malformed.
//
//	risks, err := store.NewRepository[risk.Risk](s, "acme", risk.Kind)
func NewRepository[T any](s *Store, tenant, kind string) (*Repository[T], error) {
	var ps isms.Problems
	if err := s.usable(); err != nil {
		ps.Add("store", isms.CodeRequired, err.Error())
	}
	checkScope(&ps, tenant, kind)
	if _, ok := any(new(T)).(Entity); !ok {
		ps.Addf("type", isms.CodeForbidden, "*%s does not implement store.Entity (embed isms.Meta)", reflect.TypeFor[T]())
	}
	if err := ps.Err("repository"); err != nil {
		return nil, err
	}
	return &Repository[T]{s: s, tenant: tenant, kind: kind, cache: newDecodedCache[T](DefaultCacheEntries)}, nil
}

// WithCache returns a repository for the same store, tenant and kind with
// its own cache of at most entries decoded values (see Repository); 0
// turns caching off. It fails with isms.ErrInvalid for a nil repository or
// entries outside [0, MaxCacheEntries]. Types that do not implement
// Cloner are never cached.
func (r *Repository[T]) WithCache(entries int) (*Repository[T], error) {
	if r == nil || r.s == nil {
		return nil, isms.Invalidf("nil repository")
	}
	if entries < 0 || entries > MaxCacheEntries {
		return nil, isms.Invalidf("cache entries must be between 0 and %d, got %d", MaxCacheEntries, entries)
	}
	return &Repository[T]{s: r.s, tenant: r.tenant, kind: r.kind, cache: newDecodedCache[T](entries)}, nil
}

// Tenant returns the tenant the repository is bound to.
func (r *Repository[T]) Tenant() string {
	if r == nil {
		return ""
	}
	return r.tenant
}

// Kind returns the kind of the repository's records.
func (r *Repository[T]) Kind() string {
	if r == nil {
		return ""
	}
	return r.kind
}

// Store returns the store the repository reads and writes.
func (r *Repository[T]) Store() *Store {
	if r == nil {
		return nil
	}
	return r.s
}

func (r *Repository[T]) usable(ctx context.Context) error {
	if r == nil || r.s == nil {
		return isms.Invalidf("nil repository")
	}
	if ctx == nil {
		return isms.Invalidf("nil context")
	}
	return r.s.usable()
}

func meta[T any](v *T) *isms.Meta { return any(v).(Entity).Metadata() }

// Create stores v as a new entity and updates its Meta. v's revision must
// be 0; an empty ID is filled from the store's IDSource.
func (r *Repository[T]) Create(ctx context.Context, v *T) error {
	if err := r.usable(ctx); err != nil {
		return err
	}
	if v == nil {
		return isms.Invalidf("%s: nil entity", r.kind)
	}
	m := meta(v)
	if m.Revision != 0 {
		return isms.Invalidf("%s %q: revision is %d; a new entity has revision 0", r.kind, m.ID, m.Revision)
	}
	if _, err := isms.RequireActor(ctx); err != nil {
		return err
	}
	saved := *m
	if m.ID == "" {
		m.ID = r.s.ids.NewID(r.kind)
	}
	m.Revision = 1
	rec, err := r.write(ctx, v, m, driver.Record{Key: r.key(m.ID)})
	if err != nil {
		*m = saved
		return err
	}
	setMeta(m, rec)
	return nil
}

// Update stores v if v's revision is still the stored one, and updates
// its Meta. The stored created time is kept whatever v says.
func (r *Repository[T]) Update(ctx context.Context, v *T) error {
	if err := r.usable(ctx); err != nil {
		return err
	}
	if v == nil {
		return isms.Invalidf("%s: nil entity", r.kind)
	}
	m := meta(v)
	if m.Revision <= 0 {
		return isms.Invalidf("%s %q: revision is %d; update the revision you read", r.kind, m.ID, m.Revision)
	}
	if _, err := isms.RequireActor(ctx); err != nil {
		return err
	}
	saved := *m
	m.Revision = saved.Revision + 1
	rec, err := r.write(ctx, v, m, driver.Record{Key: r.key(m.ID), Revision: saved.Revision, CreatedAt: saved.CreatedAt})
	if err != nil {
		*m = saved
		return err
	}
	setMeta(m, rec)
	return nil
}

func (r *Repository[T]) key(id isms.ID) driver.Key {
	return driver.Key{Tenant: r.tenant, Kind: r.kind, ID: id}
}

// write stamps v's Meta m with the write's time (the revision is already
// set), validates and encodes v, and puts it as rec.
func (r *Repository[T]) write(ctx context.Context, v *T, m *isms.Meta, rec driver.Record) (driver.Record, error) {
	if !rec.ID.IsValid() {
		return driver.Record{}, isms.Invalidf("%s: %v", r.kind, rec.ID.Validate())
	}
	now := r.s.now()
	m.UpdatedAt = now
	if rec.Revision == 0 {
		m.CreatedAt = now
	}
	if val, ok := any(v).(validator); ok {
		if err := val.Validate(); err != nil {
			return driver.Record{}, err
		}
	}
	data, err := json.Marshal(v)
	if err != nil {
		return driver.Record{}, isms.Invalidf("%s %q: encode: %v", r.kind, rec.ID, err)
	}
	w, err := r.s.writeInfo(ctx, now, data)
	if err != nil {
		return driver.Record{}, err
	}
	if err := ctx.Err(); err != nil {
		return driver.Record{}, err
	}
	rec.Data = data
	rec.UpdatedAt = now
	if rec.Revision == 0 {
		rec.CreatedAt = now
	}
	out, err := r.s.d.Put(ctx, rec, w)
	if err != nil {
		return driver.Record{}, err
	}
	if out.Revision != rec.Revision+1 || out.Key != rec.Key {
		return driver.Record{}, brokenDriver(r.s.d, "Put of %s %q at revision %d returned %s %q at revision %d", r.kind, rec.ID, rec.Revision, out.Kind, out.ID, out.Revision)
	}
	return out, nil
}

// Get returns the entity with the given ID (isms.ErrNotFound if none).
func (r *Repository[T]) Get(ctx context.Context, id isms.ID) (*T, error) {
	if err := r.usable(ctx); err != nil {
		return nil, err
	}
	if !id.IsValid() {
		return nil, isms.Invalidf("%s: %v", r.kind, id.Validate())
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rec, err := r.s.d.Get(ctx, r.key(id))
	if err != nil {
		return nil, err
	}
	if rec.Key != r.key(id) {
		return nil, brokenDriver(r.s.d, "Get of %s %q returned %s %q of tenant %q", r.kind, id, rec.Kind, rec.ID, rec.Tenant)
	}
	return r.decode(rec)
}

// Delete removes the entity if revision is still the stored one.
func (r *Repository[T]) Delete(ctx context.Context, id isms.ID, revision int64) error {
	if err := r.usable(ctx); err != nil {
		return err
	}
	if !id.IsValid() {
		return isms.Invalidf("%s: %v", r.kind, id.Validate())
	}
	if revision <= 0 {
		return isms.Invalidf("%s %q: revision is %d; delete the revision you read", r.kind, id, revision)
	}
	w, err := r.s.writeInfo(ctx, r.s.now(), nil)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err = r.s.d.Delete(ctx, r.key(id), revision, w)
	if err == nil && r.cache != nil {
		r.cache.drop(id)
	}
	return err
}

// List returns one page of entities in ascending byte order of ID and the
// next page's token ("" after the last page). A token is opaque and valid
// only for the same tenant and kind; any other is isms.ErrInvalid.
func (r *Repository[T]) List(ctx context.Context, opts ListOptions) ([]*T, string, error) {
	if err := r.usable(ctx); err != nil {
		return nil, "", err
	}
	recs, next, err := r.s.list(ctx, r.tenant, r.kind, opts)
	if err != nil {
		return nil, "", err
	}
	out, err := decodePage(recs, r.decode)
	if err != nil {
		return nil, "", err
	}
	return out, next, nil
}

// All iterates over every entity of the repository, page by page, in
// ascending ID order. Iteration stops at the first error, which is yielded
// with a nil entity.
//
// While a page is decoded and yielded, the next one is already being
// read from the backend, on a goroutine of its own; an iteration that
// stops early waits for that read to end before it returns, so nothing
// touches the backend after it. A panic of the backend or of the
// decoding is raised in the caller's goroutine, where a loop over the
// pages would have raised it.
//
//	for risk, err := range risks.All(ctx) { ... }
func (r *Repository[T]) All(ctx context.Context) iter.Seq2[*T, error] {
	return r.all(ctx, r.decode)
}

// AllShared is All for callers that only read: the entities it yields
// may be the repository's cached values, shared with other readers, and
// must not be changed (not even their Meta); copy one (its Clone) before
// changing or keeping it. It saves All's copy of every entity, which is
// what reports over a whole register (counts, rankings, checks) need. For
// types that are not cached it is All.
func (r *Repository[T]) AllShared(ctx context.Context) iter.Seq2[*T, error] {
	return r.all(ctx, r.decodeShared)
}

// rawPage is one page of records as the store returned it, or the panic
// of the read that was to return it.
type rawPage struct {
	recs     []driver.Record
	next     string
	err      error
	panicked bool
	panicVal any
}

func (r *Repository[T]) all(ctx context.Context, dec func(driver.Record) (*T, error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if err := r.usable(ctx); err != nil {
			yield(nil, err)
			return
		}
		read := func(token string) rawPage {
			recs, next, err := r.s.list(ctx, r.tenant, r.kind, ListOptions{Limit: MaxLimit, PageToken: token})
			return rawPage{recs: recs, next: next, err: err}
		}
		page := read("")
		for {
			if page.err != nil {
				yield(nil, page.err)
				return
			}
			// Read the next page while this one is decoded and yielded.
			var ahead chan rawPage
			if page.next != "" {
				ahead = make(chan rawPage, 1)
				go func(token string) {
					// A panicking backend panics in the caller's
					// goroutine, when the loop reaches this page.
					var pg rawPage
					defer func() {
						if p := recover(); p != nil {
							pg = rawPage{panicked: true, panicVal: p}
						}
						ahead <- pg
					}()
					pg = read(token)
				}(page.next)
			}
			vals, err := decodePage(page.recs, dec)
			if err != nil {
				waitFor(ahead)
				yield(nil, err)
				return
			}
			for _, v := range vals {
				if !yield(v, nil) {
					waitFor(ahead)
					return
				}
			}
			if ahead == nil {
				return
			}
			page = <-ahead
			if page.panicked {
				panic(page.panicVal)
			}
			if err := ctx.Err(); err != nil && page.err == nil {
				// Cancelled while this page was yielded, after the next
				// one was read: stop as a read started now would.
				page.err = err
			}
		}
	}
}

// waitFor waits for the read of a page ahead, if one was started, and
// drops it: the loop has stopped before that page, so its error or panic
// is of a read the caller no longer needs, as a read never made.
func waitFor(ahead chan rawPage) {
	if ahead != nil {
		<-ahead
	}
}

// decode returns the entity of rec, the caller's own: a copy of the
// cached value when there is one, else a fresh decoding (cached too).
func (r *Repository[T]) decode(rec driver.Record) (*T, error) {
	if r.cache == nil {
		return r.unmarshal(rec)
	}
	v, err := r.decodeShared(rec)
	if err != nil {
		return nil, err
	}
	return clone(v), nil
}

// decodeShared returns the entity of rec, possibly the cached value itself
// (which must not be changed).
func (r *Repository[T]) decodeShared(rec driver.Record) (*T, error) {
	if r.cache == nil {
		return r.unmarshal(rec)
	}
	if v, ok := r.cache.get(rec); ok {
		return v, nil
	}
	v, err := r.unmarshal(rec)
	if err != nil {
		return nil, err
	}
	r.cache.put(rec, v)
	return v, nil
}

// unmarshal decodes rec.Data into a new T and sets its Meta from rec, which
// is authoritative over any meta fields inside the document.
func (r *Repository[T]) unmarshal(rec driver.Record) (*T, error) {
	v := new(T)
	if err := decodeStored(rec.Data, v); err != nil {
		return nil, fmt.Errorf("%s %q: decode stored document: %w", r.kind, rec.ID, err)
	}
	setMeta(meta(v), rec)
	return v, nil
}

func setMeta(m *isms.Meta, rec driver.Record) {
	m.ID, m.Revision = rec.ID, rec.Revision
	m.CreatedAt, m.UpdatedAt = isms.NormalizeTime(rec.CreatedAt), isms.NormalizeTime(rec.UpdatedAt)
}

// brokenDriver reports a backend that broke the driver contract. It answers
// none of the categories: it is a bug in the backend, not in the call.
func brokenDriver(d driver.Backend, format string, args ...any) error {
	return fmt.Errorf("backend %T broke the driver contract: %s", d, fmt.Sprintf(format, args...))
}
