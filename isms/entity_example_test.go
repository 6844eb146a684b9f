package isms_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// A policy goes through review, approval and publication on a leap day;
// its yearly review falls due on 28 February 2025 (the month step clamps to
// the end of February), and CheckDocument reports it first as due soon,
// then as overdue.
func ExampleCheckDocument() {
	doc := &isms.Document{
		Meta:   isms.Meta{ID: "pol-1"},
		Type:   isms.DocumentPolicy,
		Title:  "Information security policy",
		Status: isms.DocumentDraft,
		Owner:  "ciso",
	}
	steps := []struct {
		to isms.DocumentStatus
		by string
		at time.Time
	}{
		{isms.DocumentInReview, "alice", time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC)},
		{isms.DocumentApproved, "bob", time.Date(2024, 2, 28, 16, 0, 0, 0, time.UTC)},
		{isms.DocumentPublished, "bob", time.Date(2024, 2, 29, 9, 0, 0, 0, time.UTC)},
	}
	for _, s := range steps {
		if err := doc.Transition(s.to, s.by, s.at); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("author:", doc.Author, "approver:", doc.Approver)
	fmt.Println("review interval:", doc.EffectiveReviewInterval())
	fmt.Println("next review:", doc.NextReviewAt.Format(time.RFC3339))

	for _, now := range []time.Time{
		time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC),
	} {
		fmt.Printf("%s: %s\n", now.Format(time.DateOnly), doc.ReviewStatus(now))
		fs, err := isms.CheckDocument(doc, now, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, f := range fs {
			fmt.Printf("  %s %s: %s (due %s)\n", f.Severity, f.Code, f.Message, f.Details["due"])
		}
	}
	// Output:
	// author: alice approver: bob
	// review interval: P1Y
	// next review: 2025-02-28T09:00:00Z
	// 2024-09-01: current
	// 2025-02-10: due_soon
	//   warning document.review_due_soon: review of document "Information security policy" is due on 2025-02-28 (due 2025-02-28T09:00:00Z)
	// 2025-03-02: overdue
	//   error document.review_overdue: review of document "Information security policy" was due on 2025-02-28 (due 2025-02-28T09:00:00Z)
}

// The author of a document cannot approve it: the transition is refused
// with a *TransitionError that names the guard that failed.
func ExampleDocument_Transition() {
	doc := &isms.Document{Type: isms.DocumentProcedure, Title: "Access review procedure", Status: isms.DocumentDraft}
	at := time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
	if err := doc.Transition(isms.DocumentInReview, "alice", at); err != nil {
		fmt.Println(err)
		return
	}

	err := doc.Transition(isms.DocumentApproved, "alice", at.Add(time.Hour))
	var te *isms.TransitionError
	if errors.As(err, &te) {
		fmt.Println(errors.Is(err, isms.ErrInvalid), te.From, "->", te.To, te.Guard)
	}
	fmt.Println(err)
	fmt.Println(doc.Transition(isms.DocumentApproved, "bob", at.Add(time.Hour)), doc.Status)
	fmt.Println(isms.DocumentApproved.Next())
	// Output:
	// true in_review -> approved approver_not_author
	// document lifecycle: cannot move from "in_review" to "approved": guard approver_not_author failed: "alice" cannot approve a document they wrote
	// <nil> approved
	// [published retired]
}

// Evidence of a restore test is hashed when collected, stays valid for six
// months, and is reported as expiring soon and then expired.
func ExampleCheckEvidence() {
	report := "restore test 2025-01-15: 12/12 systems restored within RTO"
	sum, err := isms.HashContent(strings.NewReader(report))
	if err != nil {
		fmt.Println(err)
		return
	}
	collected := time.Date(2025, 1, 15, 14, 0, 0, 0, time.UTC)
	ev := &isms.Evidence{
		Meta:        isms.Meta{ID: "ev-restore-2025q1"},
		Kind:        isms.EvidenceFile,
		Name:        "Restore test report Q1",
		Location:    "evidence/2025/restore-q1.txt",
		SHA256:      sum,
		CollectedAt: collected,
		CollectedBy: "it ops",
		ValidUntil:  isms.Months(6).AddTo(collected),
		Supports:    []isms.Ref{isms.NewRef("control", "A.8.13")},
	}
	fmt.Println("valid:", ev.Validate() == nil, "until", ev.ValidUntil.Format(time.RFC3339))
	fmt.Println("content unchanged:", ev.VerifyContent(strings.NewReader(report)) == nil)

	for _, now := range []time.Time{
		time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC),
	} {
		fmt.Printf("%s fresh=%t\n", now.Format(time.DateOnly), ev.FreshAt(now))
		for _, f := range isms.CheckEvidence(ev, now) {
			fmt.Printf("  %s %s: %s\n", f.Severity, f.Code, f.Message)
		}
	}
	// Output:
	// valid: true until 2025-07-15T14:00:00Z
	// content unchanged: true
	// 2025-03-01 fresh=true
	// 2025-07-01 fresh=true
	//   warning evidence.expires_soon: evidence "Restore test report Q1" expires on 2025-07-15
	// 2025-08-01 fresh=false
	//   error evidence.expired: evidence "Restore test report Q1" expired on 2025-07-15
}

// CheckAssets finds dependencies on assets missing from the inventory and
// dependency cycles.
func ExampleCheckAssets() {
	asset := func(id isms.ID, dependsOn ...isms.ID) *isms.Asset {
		a := &isms.Asset{
			Meta: isms.Meta{ID: id}, Name: string(id), Kind: isms.AssetSoftware, Status: isms.AssetActive,
			Owner: "platform team", Classification: isms.ClassificationInternal,
		}
		for _, d := range dependsOn {
			a.DependsOn = append(a.DependsOn, isms.NewRef(isms.KindAsset, d))
		}
		return a
	}
	inventory := []*isms.Asset{
		asset("crm", "db", "sso"),
		asset("sso", "ldap"),
		asset("ldap", "dns"),
		asset("dns", "ldap"),
		asset("db", "storage"),
	}
	for _, f := range isms.CheckAssets(inventory) {
		fmt.Printf("%s %s %s: %s\n", f.Severity, f.Code, f.Subject, f.Message)
	}
	// Output:
	// error asset.dangling_dependency asset/db: asset "db" depends on asset/storage, which is not in the inventory
	// warning asset.dependency_cycle asset/dns: assets depend on each other in a cycle: dns -> ldap -> dns
}
