package memstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

var _ driver.Batcher = (*Backend)(nil)

// Batch applies ops in order, all or nothing (driver.Batcher): it locks
// every tenant the batch writes to, in name order, checks every op
// against the stored revisions and the ops before it, and only then
// applies them and appends their journal entries. A batch that fails
// writes nothing and journals nothing; its error is a
// *driver.BatchOpError naming the first op that failed.
//
// List and ReadJournal see a batch all at once or not at all. Get takes no
// lock, so a Get that runs while a batch is being applied may see some of
// its writes before the others.
func (s *Backend) Batch(ctx context.Context, ops []driver.BatchOp) ([]driver.Record, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if len(ops) == 0 {
		return nil, nil
	}
	tenants := s.lockTenants(ops)
	defer func() {
		for _, t := range tenants {
			t.mu.Unlock()
		}
	}()
	if err := s.checkBatch(tenants, ops); err != nil {
		return nil, err
	}
	out := make([]driver.Record, len(ops))
	for i, op := range ops {
		t := tenants[op.Record.Tenant]
		var err error
		if op.Delete {
			err = t.delete(s.seed, op.Record.Key, op.Record.Revision, op.Write)
		} else {
			out[i], err = t.put(s.seed, op.Record, op.Write)
		}
		if err != nil {
			// checkBatch has ruled out every error put and delete return.
			return nil, fmt.Errorf("memstore: batch write %d failed after the batch was checked: %w", i, err)
		}
	}
	return out, nil
}

// lockTenants returns the tenants the ops write to, locked for writing in
// name order (so that two batches never wait for each other in a cycle).
// A tenant is added when an op creates a record in it.
func (s *Backend) lockTenants(ops []driver.BatchOp) map[string]*tenant {
	create := map[string]bool{}
	for _, op := range ops {
		create[op.Record.Tenant] = create[op.Record.Tenant] || (!op.Delete && op.Record.Revision == 0)
	}
	names := make([]string, 0, len(create))
	for name := range create {
		names = append(names, name)
	}
	slices.Sort(names)
	tenants := make(map[string]*tenant, len(names))
	for _, name := range names {
		if t := s.tenant(name, create[name]); t != nil {
			t.mu.Lock()
			tenants[name] = t
		}
	}
	return tenants
}

// checkBatch runs the batch's ops against the stored revisions, each op
// seeing the effect of the ones before it, without changing anything.
func (s *Backend) checkBatch(tenants map[string]*tenant, ops []driver.BatchOp) error {
	revs := map[driver.Key]int64{} // after the ops so far; 0: no record
	idBytes := map[*tenant]int{}
	for i, op := range ops {
		k := op.Record.Key
		t := tenants[k.Tenant]
		cur, seen := revs[k]
		if !seen && t != nil {
			cur = t.revision(s.seed, k)
		}
		want := op.Record.Revision
		var err error
		switch {
		case !op.Delete && want == 0 && cur != 0:
			err = &isms.ConflictError{Kind: k.Kind, ID: k.ID, Actual: cur}
		case !op.Delete && want == 0:
			if len(k.ID) == 0 || len(k.ID) > isms.MaxIDLength {
				err = isms.Invalidf("id is empty or longer than %d bytes", isms.MaxIDLength)
			}
			idBytes[t] += 1 + len(k.ID)
			cur = 1
		case cur == 0:
			err = &isms.NotFoundError{Kind: k.Kind, ID: k.ID}
		case cur != want:
			err = &isms.ConflictError{Kind: k.Kind, ID: k.ID, Expected: want, Actual: cur}
		case op.Delete:
			cur = 0
		default:
			cur++
		}
		if err != nil {
			return &driver.BatchOpError{Index: i, Err: err}
		}
		revs[k] = cur
	}
	for t, n := range idBytes {
		if !t.ids.fits(n) {
			return errArenaFull
		}
	}
	return nil
}
