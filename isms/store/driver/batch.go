package driver

import (
	"context"
	"strconv"
)

// BatchOp is one write of a batch: a Put of Record (Delete false) or a
// Delete of Record.Key at Record.Revision (Delete true, Record.Data
// unused). Write is what the journal records of it, as for Put and
// Delete.
type BatchOp struct {
	Record Record
	Delete bool
	Write  Write
}

// Batcher is an optional capability of a Backend: a backend that can apply
// several writes in one atomic step implements it, and package store
// detects it with a type assertion (Store.Apply). A backend without it
// still works; the store then applies a batch one write at a time.
type Batcher interface {
	// Batch applies ops in order, each with the semantics of Put or Delete
	// (revisions checked, a journal entry appended), all in one atomic
	// step: when any op fails, nothing of the batch is stored or journaled
	// and the error is that op's, wrapped in a *BatchOpError. It returns
	// one Record per op: the stored record of a put, the zero Record of a
	// delete. Package store has checked every op as it checks a single
	// write, and never passes more than MaxBatch ops.
	Batch(ctx context.Context, ops []BatchOp) ([]Record, error)
}

// MaxBatch is the largest batch a Batcher is asked to apply.
const MaxBatch = 100_000

// BatchOpError reports which op of a batch failed. It unwraps to the op's
// own error, so errors.Is(err, isms.ErrConflict) and the like still hold.
type BatchOpError struct {
	// Index is the op's position in the batch, from 0.
	Index int
	Err   error
}

// Error names the op's position and its error.
func (e *BatchOpError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return "batch write " + strconv.Itoa(e.Index) + ": " + errString(e.Err)
}

// Unwrap returns the op's error.
func (e *BatchOpError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
