package isms_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
)

func ExampleParseDuration() {
	d, err := isms.ParseDuration("P1Y")
	if err != nil {
		panic(err)
	}
	published := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	fmt.Println(d, "after", published.Format(time.DateOnly), "is", d.AddTo(published).Format(time.DateOnly))

	_, err = isms.ParseDuration("4h")
	fmt.Println(errors.Is(err, isms.ErrInvalid), err)
	// Output:
	// P1Y after 2024-02-29 is 2025-02-28
	// true duration "4h": must start with P and name at least one component
}

func ExampleProblems() {
	var ps isms.Problems
	title, owner := "", ""
	if title == "" {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	if owner == "" {
		ps.Add("owner", isms.CodeRequired, "owner is required")
	}
	err := ps.Err("asset")
	fmt.Println(errors.Is(err, isms.ErrInvalid))
	fmt.Println(err)
	// Output:
	// true
	// asset: invalid: title: title is required (required); owner: owner is required (required)
}

func ExampleWithActor() {
	ctx := isms.WithActor(context.Background(), "alice@example.com")
	actor, ok := isms.ActorFrom(ctx)
	fmt.Println(actor, ok)
	_, ok = isms.ActorFrom(context.Background())
	fmt.Println(ok)
	// Output:
	// alice@example.com true
	// false
}

func ExampleSortFindings() {
	fs := []isms.Finding{
		{Code: "document.review_due_soon", Severity: isms.SeverityInfo, Subject: isms.NewRef(isms.KindDocument, "access-policy")},
		{Code: "document.review_overdue", Severity: isms.SeverityWarning, Subject: isms.NewRef(isms.KindDocument, "backup-procedure")},
	}
	isms.SortFindings(fs)
	for _, f := range fs {
		fmt.Println(f.Severity, f.Code, f.Subject)
	}
	fmt.Println(len(isms.WithoutCodes(fs, "document.review_due_soon")))
	// Output:
	// warning document.review_overdue document/backup-procedure
	// info document.review_due_soon document/access-policy
	// 1
}
