package store

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/ismskit/ismskit/isms"
)

// Entity is a persisted domain value: a pointer to a struct that embeds
// isms.Meta. Entities that also have a Validate() error method are
// validated before every write.
type Entity interface {
	Metadata() *isms.Meta
}

// Repository is typed access to one kind of entity for one tenant. The
// repository owns each entity's Meta: Create sets the ID (when empty),
// revision and times; Update names the revision it read and fails with
// isms.ErrConflict when another write came first; reads set Meta from the
// stored record.
//
// NewRepository makes a Repository over any Backend. Host applications may
// also implement it directly against their own tables; the semantics above
// are the contract.
type Repository[T any] interface {
	// Create stores a new entity and updates its Meta.
	Create(ctx context.Context, v *T) error
	// Get returns the entity with the given ID (isms.ErrNotFound if none).
	Get(ctx context.Context, id isms.ID) (*T, error)
	// Update stores v if v's revision is still the stored one, and updates
	// its Meta.
	Update(ctx context.Context, v *T) error
	// Delete removes the entity if revision is still the stored one.
	Delete(ctx context.Context, id isms.ID, revision int64) error
	// List returns one page of entities in ascending ID order and the next
	// page's token ("" after the last page).
	List(ctx context.Context, opts ListOptions) ([]*T, string, error)
}

// RepositoryOptions configures NewRepository. A nil *RepositoryOptions, and
// each zero field, means the default.
type RepositoryOptions struct {
	// IDs makes the ID of an entity created without one. Default:
	// isms.UUIDv7().
	IDs isms.IDSource
	// Clock sets created and updated times. Default: isms.SystemClock().
	Clock isms.Clock
}

// NewRepository returns a Repository of T (a struct embedding isms.Meta)
// over b, bound to tenant and kind. It fails with isms.ErrInvalid when
// tenant or kind is empty or b is nil.
//
//	risks, err := store.NewRepository[risk.Risk](backend, "acme", risk.Kind, nil)
func NewRepository[T any, P interface {
	*T
	Entity
}](b Backend, tenant, kind string, opts *RepositoryOptions) (Repository[T], error) {
	var ps isms.Problems
	if b == nil {
		ps.Add("backend", isms.CodeRequired, "backend is required")
	}
	ps.Merge("", CheckScope(tenant, kind))
	if err := ps.Err("store: new repository"); err != nil {
		return nil, err
	}
	r := &backendRepository[T, P]{b: b, tenant: tenant, kind: kind, ids: isms.UUIDv7(), clock: isms.SystemClock()}
	if opts != nil {
		if opts.IDs != nil {
			r.ids = opts.IDs
		}
		if opts.Clock != nil {
			r.clock = opts.Clock
		}
	}
	return r, nil
}

type backendRepository[T any, P interface {
	*T
	Entity
}] struct {
	b      Backend
	tenant string
	kind   string
	ids    isms.IDSource
	clock  isms.Clock
}

type validator interface{ Validate() error }

func (r *backendRepository[T, P]) wrap(op string, id isms.ID, err error) error {
	return fmt.Errorf("store: %s %s %q: %w", op, r.kind, id, err)
}

func (r *backendRepository[T, P]) Create(ctx context.Context, v *T) error {
	if v == nil {
		return r.wrap("create", "", isms.Invalidf("nil entity"))
	}
	m := P(v).Metadata()
	if m.Revision != 0 {
		return r.wrap("create", m.ID, isms.Invalidf("revision is %d; a new entity has revision 0", m.Revision))
	}
	saved := *m
	if m.ID == "" {
		m.ID = r.ids.NewID()
	}
	now := isms.NormalizeTime(r.clock.Now())
	m.Revision, m.CreatedAt, m.UpdatedAt = 1, now, now
	rec, err := r.write(ctx, v, Record{Tenant: r.tenant, Kind: r.kind, ID: m.ID, CreatedAt: now, UpdatedAt: now})
	if err != nil {
		id := m.ID
		*m = saved
		return r.wrap("create", id, err)
	}
	setMeta(m, rec)
	return nil
}

func (r *backendRepository[T, P]) Update(ctx context.Context, v *T) error {
	if v == nil {
		return r.wrap("update", "", isms.Invalidf("nil entity"))
	}
	m := P(v).Metadata()
	if m.Revision <= 0 {
		return r.wrap("update", m.ID, isms.Invalidf("revision is %d; update the revision you read", m.Revision))
	}
	saved := *m
	now := isms.NormalizeTime(r.clock.Now())
	m.Revision, m.UpdatedAt = saved.Revision+1, now
	rec, err := r.write(ctx, v, Record{Tenant: r.tenant, Kind: r.kind, ID: m.ID, Revision: saved.Revision, CreatedAt: saved.CreatedAt, UpdatedAt: now})
	if err != nil {
		*m = saved
		return r.wrap("update", m.ID, err)
	}
	setMeta(m, rec)
	return nil
}

// write validates v, encodes it into rec.Data and puts rec.
func (r *backendRepository[T, P]) write(ctx context.Context, v *T, rec Record) (Record, error) {
	if err := rec.ID.Validate(); err != nil {
		return Record{}, err
	}
	if val, ok := any(P(v)).(validator); ok {
		if err := val.Validate(); err != nil {
			return Record{}, err
		}
	}
	data, err := json.Marshal(v)
	if err != nil {
		return Record{}, isms.Invalidf("encode: %v", err)
	}
	rec.Data = data
	return r.b.Put(ctx, rec)
}

func (r *backendRepository[T, P]) Get(ctx context.Context, id isms.ID) (*T, error) {
	rec, err := r.b.Get(ctx, r.tenant, r.kind, id)
	if err != nil {
		return nil, r.wrap("get", id, err)
	}
	v, err := decode[T, P](rec)
	if err != nil {
		return nil, r.wrap("get", id, err)
	}
	return v, nil
}

func (r *backendRepository[T, P]) Delete(ctx context.Context, id isms.ID, revision int64) error {
	if revision <= 0 {
		return r.wrap("delete", id, isms.Invalidf("revision is %d; delete the revision you read", revision))
	}
	if err := r.b.Delete(ctx, r.tenant, r.kind, id, revision); err != nil {
		return r.wrap("delete", id, err)
	}
	return nil
}

func (r *backendRepository[T, P]) List(ctx context.Context, opts ListOptions) ([]*T, string, error) {
	recs, next, err := r.b.List(ctx, r.tenant, r.kind, opts)
	if err != nil {
		return nil, "", fmt.Errorf("store: list %s: %w", r.kind, err)
	}
	out := make([]*T, len(recs))
	for i, rec := range recs {
		v, err := decode[T, P](rec)
		if err != nil {
			return nil, "", r.wrap("list", rec.ID, err)
		}
		out[i] = v
	}
	return out, next, nil
}

// decode unmarshals rec.Data into a new T and sets its Meta from rec, which
// is authoritative over any meta fields inside the document.
func decode[T any, P interface {
	*T
	Entity
}](rec Record) (*T, error) {
	v := new(T)
	if err := json.Unmarshal(rec.Data, v); err != nil {
		return nil, fmt.Errorf("decode stored document: %w", err)
	}
	setMeta(P(v).Metadata(), rec)
	return v, nil
}

func setMeta(m *isms.Meta, rec Record) {
	m.ID, m.Revision = rec.ID, rec.Revision
	m.CreatedAt, m.UpdatedAt = isms.NormalizeTime(rec.CreatedAt), isms.NormalizeTime(rec.UpdatedAt)
}

// All iterates over every entity of r, page by page, in ascending ID order.
// Iteration stops at the first error, which is yielded with a nil entity.
//
//	for r, err := range store.All(ctx, risks) { ... }
func All[T any](ctx context.Context, r Repository[T]) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		token := ""
		for {
			page, next, err := r.List(ctx, ListOptions{Limit: MaxLimit, PageToken: token})
			if err != nil {
				yield(nil, err)
				return
			}
			for _, v := range page {
				if !yield(v, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			token = next
		}
	}
}

// AllRecords iterates over every record of one tenant and kind in b.
func AllRecords(ctx context.Context, b Backend, tenant, kind string) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		token := ""
		for {
			page, next, err := b.List(ctx, tenant, kind, ListOptions{Limit: MaxLimit, PageToken: token})
			if err != nil {
				yield(Record{}, err)
				return
			}
			for _, rec := range page {
				if !yield(rec, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			token = next
		}
	}
}
