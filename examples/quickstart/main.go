// Command quickstart builds a small ISMS in the in-memory store and prints a
// readable summary with its findings: the tour of ismskit.
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -db isms.db       # a new SQLite file
//	go run ./examples/quickstart -db postgres://user@localhost/isms
//
// Without -db the ISMS lives in memory (memstore). With -db it is written to
// a SQLite file (a path) or a PostgreSQL database (a postgres:// URL)
// through package sqlstore; the database must not hold the tour's tenant
// yet, since the tour creates the same records on every run.
//
// It uses a fixed clock and sequential IDs so that its output is the same on
// every run; a real application would use the defaults (the system clock and
// UUIDv7 IDs).
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver for -db postgres://...
	_ "modernc.org/sqlite"             // SQLite driver for -db <file>

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/isms/store/sqlstore"
)

// today is the quickstart's fixed "now".
var today = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

const tenant = "acme"

// out is where the tour prints; tests replace it.
var out io.Writer = os.Stdout

func main() {
	db := flag.String("db", "", "a SQLite file path or a postgres:// URL to keep the ISMS in (default: in memory)")
	flag.Parse()
	if err := runWith(*db); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run() error { return runWith("") }

// runWith runs the tour on the store dsn names ("" for memory).
func runWith(dsn string) error {
	ctx := isms.WithActor(context.Background(), "ciso@acme.example")
	// One store for the whole ISMS: in memory unless -db names a database,
	// with a fixed clock and IDs numbered per kind so the output is the
	// same on every run.
	opts := &store.Options{IDs: ismstest.NewSequentialIDs(), Clock: ismstest.NewFixedClock(today)}
	backend, closeDB, err := openStore(ctx, dsn, opts)
	if err != nil {
		return err
	}
	defer closeDB()
	defer backend.Close()

	fmt.Fprintln(out, "ismskit quickstart: Acme Ltd's ISMS on", today.Format(time.DateOnly))
	findings, err := ismsStep(ctx, backend)
	if err != nil {
		return err
	}
	selected, riskFindings, err := riskStep(ctx, backend)
	if err != nil {
		return err
	}
	// The controls the risk treatment selected must be in the SoA.
	soaFindings, err := soaStep(ctx, backend, selected)
	if err != nil {
		return err
	}
	if err := incidentStep(ctx, backend); err != nil {
		return err
	}
	bcpFindings, err := continuityStep(ctx, backend)
	if err != nil {
		return err
	}
	findings = append(append(append(findings, riskFindings...), soaFindings...), bcpFindings...)
	findings = append(findings, managementStep()...)
	isms.SortFindings(findings)
	printFindings(findings)
	if err := readinessStep(ctx, backend); err != nil {
		return err
	}

	fmt.Fprintln(out, "\n== Audit trail")
	entries, err := backend.ReadJournal(ctx, tenant, store.JournalOptions{Limit: store.MaxLimit})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%d writes journaled; last: #%d %s %s/%s by %s\n", len(entries),
		entries[len(entries)-1].Sequence, entries[len(entries)-1].Operation,
		entries[len(entries)-1].Kind, entries[len(entries)-1].ID, entries[len(entries)-1].Actor)
	if err := backend.VerifyJournal(ctx, tenant); err != nil {
		return err
	}
	fmt.Fprintln(out, "journal hash chain verifies")
	return nil
}

// openStore returns the tour's store: memstore for "", PostgreSQL for a
// postgres:// or postgresql:// URL, and otherwise a SQLite file at dsn.
func openStore(ctx context.Context, dsn string, opts *store.Options) (*store.Store, func(), error) {
	if dsn == "" {
		return memstore.NewStore(opts), func() {}, nil
	}
	driverName, dialect := "sqlite", sqlstore.SQLite
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		driverName, dialect = "pgx", sqlstore.PostgreSQL
	} else {
		dsn = "file:" + dsn + "?_pragma=busy_timeout(5000)"
	}
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, nil, err
	}
	s, err := sqlstore.Open(ctx, db, dialect, &sqlstore.Options{Store: opts})
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	if entries, err := s.ReadJournal(ctx, tenant, store.JournalOptions{Limit: 1}); err != nil || len(entries) > 0 {
		db.Close()
		if err == nil {
			err = fmt.Errorf("the database already holds tenant %q: use a new one", tenant)
		}
		return nil, nil, err
	}
	return s, func() { db.Close() }, nil
}

// repo makes a repository of T for the quickstart's tenant.
func repo[T any](s *store.Store, kind string) (*store.Repository[T], error) {
	return store.NewRepository[T](s, tenant, kind)
}

// ismsStep records the scope, a few assets and two documents, and returns
// the kernel's findings about them.
func ismsStep(ctx context.Context, b *store.Store) ([]isms.Finding, error) {
	fmt.Fprintln(out, "\n== Scope, assets and documents")
	scopes, err := repo[isms.Scope](b, isms.KindScope)
	if err != nil {
		return nil, err
	}
	scope := &isms.Scope{
		Name:        "Acme online shop",
		Description: "The development and operation of the Acme online shop from the Leeds office.",
		Inclusions: []isms.ScopeItem{
			{Kind: isms.ScopeItemLocation, Name: "Leeds office"},
			{Kind: isms.ScopeItemProcess, Name: "Order processing"},
			{Kind: isms.ScopeItemSystem, Name: "Shop platform"},
		},
		Exclusions: []isms.ScopeItem{
			{Kind: isms.ScopeItemLocation, Name: "Paris sales office", Justification: "Sales only; no access to customer data or the shop platform."},
		},
		Interfaces: []isms.ScopeInterface{
			{Kind: isms.ScopeInterfaceDependency, Description: "Hosting of the shop platform", Counterparty: "CloudCo (IaaS provider)"},
		},
		Version: "1.0", ApprovedBy: "board", ApprovedAt: today.AddDate(0, -2, 0),
	}
	if err := scopes.Create(ctx, scope); err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "scope %s %q: %d inclusions, %d exclusion, %d interface\n", scope.ID, scope.Name,
		len(scope.Inclusions), len(scope.Exclusions), len(scope.Interfaces))

	assets, err := repo[isms.Asset](b, isms.KindAsset)
	if err != nil {
		return nil, err
	}
	inventory := []*isms.Asset{
		{Meta: isms.Meta{ID: "customer-db"}, Name: "Customer database", Kind: isms.AssetInformation, Status: isms.AssetActive, Owner: "head of sales",
			Classification: isms.ClassificationConfidential, CIA: isms.CIA{Confidentiality: isms.CIAHigh, Integrity: isms.CIAHigh, Availability: isms.CIAMedium},
			DependsOn: []isms.Ref{isms.NewRef(isms.KindAsset, "shop-platform")}},
		{Meta: isms.Meta{ID: "shop-platform"}, Name: "Shop platform", Kind: isms.AssetSoftware, Status: isms.AssetActive, Owner: "CTO",
			Classification: isms.ClassificationInternal, CIA: isms.CIA{Confidentiality: isms.CIAMedium, Integrity: isms.CIAHigh, Availability: isms.CIAHigh},
			DependsOn: []isms.Ref{isms.NewRef(isms.KindAsset, "cloudco")}},
		{Meta: isms.Meta{ID: "cloudco"}, Name: "CloudCo IaaS", Kind: isms.AssetSupplier, Status: isms.AssetActive,
			Classification: isms.ClassificationInternal},
	}
	for _, a := range inventory {
		if err := assets.Create(ctx, a); err != nil {
			return nil, err
		}
		cia := string(a.CIA.Max())
		if cia == "" {
			cia = "not assessed"
		}
		fmt.Fprintf(out, "asset %-13s %-11s %-12s owner %-15q CIA %s\n", a.ID, a.Kind, a.Classification, a.Owner, cia)
	}

	docs, err := repo[isms.Document](b, isms.KindDocument)
	if err != nil {
		return nil, err
	}
	policy := &isms.Document{Type: isms.DocumentPolicy, Title: "Information security policy", Version: "3.0", Status: isms.DocumentDraft, Owner: "CISO"}
	backup := &isms.Document{Type: isms.DocumentProcedure, Title: "Backup procedure", Version: "1.4", Status: isms.DocumentDraft, Owner: "IT operations"}
	// The policy goes through review and approval by someone other than
	// its author (segregation of duties) and is published three months ago;
	// the backup procedure was published two years ago and never reviewed.
	for _, step := range []struct {
		doc *isms.Document
		to  isms.DocumentStatus
		by  string
		at  time.Time
	}{
		{policy, isms.DocumentInReview, "alice", today.AddDate(0, -3, -10)},
		{policy, isms.DocumentApproved, "board", today.AddDate(0, -3, -2)},
		{policy, isms.DocumentPublished, "alice", today.AddDate(0, -3, 0)},
		{backup, isms.DocumentInReview, "bob", today.AddDate(-2, 0, -7)},
		{backup, isms.DocumentApproved, "CISO", today.AddDate(-2, 0, -3)},
		{backup, isms.DocumentPublished, "bob", today.AddDate(-2, 0, 0)},
	} {
		if err := step.doc.Transition(step.to, step.by, step.at); err != nil {
			return nil, err
		}
	}
	// Publishing one's own work unapproved is refused.
	draft := &isms.Document{Type: isms.DocumentStandard, Title: "Cryptography standard", Status: isms.DocumentDraft, Owner: "CISO"}
	_ = draft.Transition(isms.DocumentInReview, "carol", today)
	if err := draft.Transition(isms.DocumentApproved, "carol", today); err != nil {
		fmt.Fprintln(out, "refused:", err)
	}
	var findings []isms.Finding
	for _, d := range []*isms.Document{policy, backup} {
		if err := docs.Create(ctx, d); err != nil {
			return nil, err
		}
		due, _ := d.ReviewDue()
		fmt.Fprintf(out, "document %s %-28q %-9s review every %s, next %s: %s\n", d.ID, d.Title, d.Status,
			d.EffectiveReviewInterval(), due.Format(time.DateOnly), d.ReviewStatus(today))
		fs, err := isms.CheckDocument(d, today, nil)
		if err != nil {
			return nil, err
		}
		findings = append(findings, fs...)
	}
	findings = append(findings, isms.CheckAssets(inventory)...)
	isms.SortFindings(findings)
	return findings, nil
}

func printFindings(fs []isms.Finding) {
	fmt.Fprintf(out, "\n%d findings:\n", len(fs))
	for _, f := range fs {
		fmt.Fprintf(out, "  %-7s %-31s %-30s %s\n", f.Severity, f.Code, f.Subject, f.Message)
	}
}
