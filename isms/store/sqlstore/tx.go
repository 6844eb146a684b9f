package sqlstore

import (
	"context"
	"database/sql"
	sqldriver "database/sql/driver"
	"fmt"
	"time"
)

// querier is what *sql.Conn and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// txn is one write transaction. With prepare set (batches) it prepares
// each statement once and reuses it.
type txn struct {
	q       querier
	prepare bool
	stmts   map[string]*sql.Stmt
}

func (t *txn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := t.stmts[query]; ok {
		return s, nil
	}
	s, err := t.q.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = make(map[string]*sql.Stmt)
	}
	t.stmts[query] = s
	return s, nil
}

func (t *txn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if t.prepare {
		s, err := t.stmt(ctx, query)
		if err != nil {
			return nil, err
		}
		return s.ExecContext(ctx, args...)
	}
	return t.q.ExecContext(ctx, query, args...)
}

func (t *txn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if t.prepare {
		s, err := t.stmt(ctx, query)
		if err == nil {
			return s.QueryRowContext(ctx, args...)
		}
	}
	return t.q.QueryRowContext(ctx, query, args...)
}

func (t *txn) close() {
	for _, s := range t.stmts {
		_ = s.Close()
	}
}

// inTx runs fn in one write transaction and commits it if fn succeeds.
//
// On SQLite the transaction is BEGIN IMMEDIATE on a connection of its own,
// after setting busy_timeout and synchronous on it, so a writer takes the
// write lock first and waits for other processes instead of failing with
// "database is locked"; writers of this process queue on a mutex. On
// PostgreSQL it is a READ COMMITTED transaction: the conditional updates
// and the lock on the tenant's journal head do the rest.
func (b *Backend) inTx(ctx context.Context, prepare bool, fn func(t *txn) error) error {
	if b.cfg.d == PostgreSQL {
		tx, err := b.db.BeginTx(ctx, nil)
		if err != nil {
			return fail(ctx, err, "begin transaction")
		}
		t := &txn{q: tx, prepare: prepare}
		err = fn(t)
		t.close()
		if err != nil {
			_ = tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fail(ctx, err, "commit")
		}
		return nil
	}
	b.wmu.Lock()
	defer b.wmu.Unlock()
	conn, err := b.db.Conn(ctx)
	if err != nil {
		return fail(ctx, err, "connect")
	}
	defer conn.Close()
	mode := "NORMAL"
	if b.cfg.fullSync {
		mode = "FULL"
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", b.cfg.busy.Milliseconds())); err != nil {
		return fail(ctx, err, "set busy timeout")
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = "+mode); err != nil {
		return fail(ctx, err, "set synchronous")
	}
	if err := retryBusy(ctx, func() error {
		_, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE")
		return err
	}); err != nil {
		return fail(ctx, err, "begin transaction")
	}
	t := &txn{q: conn, prepare: prepare}
	err = fn(t)
	t.close()
	if err == nil {
		if _, cerr := conn.ExecContext(ctx, "COMMIT"); cerr != nil {
			err = fail(ctx, cerr, "commit")
		} else {
			return nil
		}
	}
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); rerr != nil && !noTransaction(rerr) {
		// A connection whose transaction could not be ended must not go
		// back to the pool.
		_ = conn.Raw(func(any) error { return sqldriver.ErrBadConn })
	}
	return err
}

// noTransaction reports whether a ROLLBACK failed only because SQLite had
// already rolled the transaction back (an interrupted statement does that).
func noTransaction(err error) bool {
	return err != nil && containsAny(err.Error(), "no transaction is active", "cannot rollback - no transaction")
}

// retryBusy calls fn until it returns something other than SQLite's busy
// error, or ctx ends. busy_timeout has already waited inside each call.
func retryBusy(ctx context.Context, fn func() error) error {
	delay := time.Millisecond
	for {
		err := fn()
		if !isBusy(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 50*time.Millisecond)
	}
}
