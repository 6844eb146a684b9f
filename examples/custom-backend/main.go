// Command custom-backend shows the one extension point of ismskit's
// storage: a hand-written driver.Backend (backend.go, a sorted slice and a
// mutex) wrapped in a *store.Store, on which the SDK's services run
// unchanged. Its test runs the exported conformance suite against the
// backend, as any third-party backend should.
//
//	go run ./examples/custom-backend
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/risk"
)

var out io.Writer = os.Stdout

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "custom-backend:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx := isms.WithActor(context.Background(), "risk-manager@acme.example")
	s := store.New(newSliceBackend(), &store.Options{
		Clock: ismstest.NewFixedClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)),
		IDs:   ismstest.NewSequentialIDs(),
	})
	defer s.Close()

	reg, err := risk.NewRegister(s, "acme", risk.Preset5x5(), nil)
	if err != nil {
		return err
	}
	r := &risk.Risk{Title: "Laptop with customer data lost", Owner: "CISO"}
	if err := reg.Create(ctx, r); err != nil {
		return err
	}
	fmt.Fprintf(out, "risk %s %q stored at revision %d\n", r.ID, r.Title, r.Revision)

	// A write without an actor is refused before the backend sees it.
	if err := reg.Create(context.Background(), &risk.Risk{Title: "anonymous", Owner: "CISO"}); err != nil {
		fmt.Fprintln(out, "anonymous write refused:", err)
	}

	entries, err := s.ReadJournal(ctx, "acme", store.JournalOptions{})
	if err != nil {
		return err
	}
	for _, e := range entries {
		fmt.Fprintf(out, "journal #%d %s %s/%s by %s\n", e.Sequence, e.Operation, e.Kind, e.ID, e.Actor)
	}
	if err := s.VerifyJournal(ctx, "acme"); err != nil {
		return err
	}
	fmt.Fprintln(out, "journal hash chain verifies")
	return nil
}
