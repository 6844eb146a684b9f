// Command sqlite keeps a small ISMS — the quickstart's scope, assets and
// risk — in a SQLite file: it writes it, closes the database, opens it
// again, reads everything back and verifies the journal.
//
//	go run ./examples/sqlite
//
// It uses modernc.org/sqlite (pure Go, no cgo); github.com/ncruces/go-sqlite3
// works the same way with the driver name "sqlite3". The file lives in a
// temporary directory that is removed at the end, and the clock and IDs are
// fixed, so the output is the same on every run.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/sqlstore"
	"github.com/ismskit/ismskit/risk"
)

var today = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

const tenant = "acme"

// out is where the example prints; tests replace it.
var out io.Writer = os.Stdout

func main() {
	dir, err := os.MkdirTemp("", "ismskit-sqlite-")
	if err == nil {
		err = run(filepath.Join(dir, "isms.db"))
		os.RemoveAll(dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sqlite:", err)
		os.Exit(1)
	}
}

// open opens the SQLite file at path and the store over it, applying the
// schema migrations the first time.
func open(ctx context.Context, path string) (*sql.DB, *store.Store, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, nil, err
	}
	s, err := sqlstore.Open(ctx, db, sqlstore.SQLite, &sqlstore.Options{
		Store: &store.Options{Clock: ismstest.NewFixedClock(today), IDs: ismstest.NewSequentialIDs()},
	})
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, s, nil
}

func run(path string) error {
	ctx := isms.WithActor(context.Background(), "ciso@acme.example")
	db, s, err := open(ctx, path)
	if err != nil {
		return err
	}
	if err := write(ctx, s); err != nil {
		db.Close()
		return err
	}
	// Close everything: what follows reads only what is in the file.
	if err := s.Close(); err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\n== Closed and reopened")
	db, s, err = open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	defer s.Close()
	return readBack(ctx, s)
}

// write records the scope, imports the asset inventory in one batch (one
// transaction: all or nothing) and registers and assesses a risk.
func write(ctx context.Context, s *store.Store) error {
	fmt.Fprintln(out, "== Writing Acme Ltd's ISMS to a SQLite file")
	scopes, err := store.NewRepository[isms.Scope](s, tenant, isms.KindScope)
	if err != nil {
		return err
	}
	scope := &isms.Scope{
		Name:        "Acme online shop",
		Description: "The development and operation of the Acme online shop from the Leeds office.",
		Inclusions:  []isms.ScopeItem{{Kind: isms.ScopeItemSystem, Name: "Shop platform"}},
		Version:     "1.0", ApprovedBy: "board", ApprovedAt: today.AddDate(0, -2, 0),
	}
	if err := scopes.Create(ctx, scope); err != nil {
		return err
	}
	fmt.Fprintf(out, "scope %s %q\n", scope.ID, scope.Name)

	assets, err := store.NewRepository[isms.Asset](s, tenant, isms.KindAsset)
	if err != nil {
		return err
	}
	inventory := []*isms.Asset{
		{Meta: isms.Meta{ID: "customer-db"}, Name: "Customer database", Kind: isms.AssetInformation, Status: isms.AssetActive, Owner: "head of sales",
			Classification: isms.ClassificationConfidential},
		{Meta: isms.Meta{ID: "shop-platform"}, Name: "Shop platform", Kind: isms.AssetSoftware, Status: isms.AssetActive, Owner: "CTO",
			Classification: isms.ClassificationInternal},
		{Meta: isms.Meta{ID: "cloudco"}, Name: "CloudCo IaaS", Kind: isms.AssetSupplier, Status: isms.AssetActive, Owner: "CTO",
			Classification: isms.ClassificationInternal},
	}
	if err := assets.CreateAll(ctx, inventory); err != nil {
		return err
	}
	fmt.Fprintf(out, "imported %d assets in one transaction\n", len(inventory))

	m := risk.Preset5x5ISO27005()
	reg, err := risk.NewRegister(s, tenant, m, nil)
	if err != nil {
		return err
	}
	r := &risk.Risk{
		Title:  "Ransomware encrypts the shop platform and its backups",
		Owner:  "CTO",
		Assets: []isms.Ref{isms.NewRef(isms.KindAsset, "shop-platform")},
	}
	if err := reg.Create(ctx, r); err != nil {
		return err
	}
	r, err = reg.Assess(ctx, r.ID, risk.AssessCommand{Stage: risk.StageCurrent,
		Rating: risk.Rating{Likelihood: "likely", Impact: "serious"}, Rationale: "backups are reachable from the servers"})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "risk %s %q: current %s\n", r.ID, r.Title, r.Current.Level)
	return nil
}

// readBack reads every record back from the reopened file and verifies the
// journal's hash chain.
func readBack(ctx context.Context, s *store.Store) error {
	scopes, err := store.NewRepository[isms.Scope](s, tenant, isms.KindScope)
	if err != nil {
		return err
	}
	scope, err := scopes.Get(ctx, "scope-0001")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "scope %s %q, revision %d, created %s\n", scope.ID, scope.Name, scope.Revision, scope.CreatedAt.Format(time.RFC3339))
	assets, err := store.NewRepository[isms.Asset](s, tenant, isms.KindAsset)
	if err != nil {
		return err
	}
	for a, err := range assets.All(ctx) {
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "asset %-13s %-11s owner %q\n", a.ID, a.Kind, a.Owner)
	}
	reg, err := risk.NewRegister(s, tenant, risk.Preset5x5ISO27005(), nil)
	if err != nil {
		return err
	}
	r, err := reg.Get(ctx, "risk-0001")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "risk %s %q: current %s, revision %d\n", r.ID, r.Title, r.Current.Level, r.Revision)

	entries, err := s.ReadJournal(ctx, tenant, store.JournalOptions{Limit: store.MaxLimit})
	if err != nil {
		return err
	}
	last := entries[len(entries)-1]
	fmt.Fprintf(out, "%d writes journaled; last: #%d %s %s/%s by %s\n", len(entries), last.Sequence, last.Operation, last.Kind, last.ID, last.Actor)
	if err := s.VerifyJournal(ctx, tenant); err != nil {
		return err
	}
	fmt.Fprintln(out, "journal hash chain verifies")
	return nil
}
