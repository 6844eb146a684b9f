package risk_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
	"github.com/ismskit/ismskit/risk"
)

// A matrix is data: scales, risk levels and an explicit grid. This one
// weighs impact more than likelihood, which no product formula expresses.
func ExampleMatrix() {
	m := &risk.Matrix{
		Name:    "Acme 3x3",
		Version: "2025-1",
		Likelihood: []risk.Level{
			{ID: "rare", Name: "Rare"}, {ID: "possible", Name: "Possible"}, {ID: "frequent", Name: "Frequent"},
		},
		Impact: []risk.Level{
			{ID: "minor", Name: "Minor"}, {ID: "serious", Name: "Serious"}, {ID: "critical", Name: "Critical"},
		},
		Risk: []risk.Level{
			{ID: "low", Name: "Low", Color: "#2e7d32"},
			{ID: "medium", Name: "Medium", Color: "#f9a825"},
			{ID: "high", Name: "High", Color: "#c62828"},
		},
		Grid: [][]int{
			{0, 1, 2}, // rare: a critical impact is already high
			{0, 1, 2}, // possible
			{1, 1, 2}, // frequent: a minor impact is only medium
		},
		Monotonic: true,
	}
	if err := m.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	for _, in := range []risk.Rating{
		{Likelihood: "rare", Impact: "critical"},
		{Likelihood: "frequent", Impact: "minor"},
	} {
		res, _ := m.Evaluate(in)
		fmt.Printf("%s × %s -> %s\n", in.Likelihood, in.Impact, m.Risk[res.Level].Name)
	}

	// Validate reports every problem at once.
	m.Grid[2][0] = 3
	m.Grid[1] = m.Grid[1][:2]
	fmt.Println(m.Validate())
	// Output:
	// rare × critical -> High
	// frequent × minor -> Medium
	// risk matrix Acme 3x3: invalid: grid[1]: row has 2 cells; one per impact level (3) is required (malformed); grid[2][0]: risk level index 3 is outside 0..2 (out_of_range)
}

// Explain returns the trace of a score: the inputs resolved to levels, the
// dimension rule and its arithmetic, and the grid cell read.
func ExampleMatrix_Explain() {
	m := risk.Preset5x5()
	tr, err := m.Explain(risk.Rating{
		Likelihood: "likely",
		Impacts: []risk.DimensionImpact{
			{Dimension: risk.Confidentiality, Impact: "major"},
			{Dimension: risk.Integrity, Impact: "minor"},
			{Dimension: risk.Availability, Impact: "moderate"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(tr)
	// Output:
	// matrix:     ismskit 5x5 (version 1)
	// likelihood: L4 of 5  Likely [likely]
	// impact:     I4 of 5  Major [major]  (confidentiality)
	// impact:     I2 of 5  Minor [minor]  (integrity)
	// impact:     I3 of 5  Moderate [moderate]  (availability)
	// rule:       max: max(4, 2, 3) = 4, set by confidentiality
	// impact:     I4 of 5  Major [major]  (combined)
	// cell:       grid[L4][I4]
	// level:      R3 of 4  High [high]
}

// The acceptance sign-off of ISO/IEC 27001 6.1.3 f through a register: only
// the risk owner (or a delegate) may accept, and the decision keeps a
// snapshot and an expiry. Every step is (ctx, id, command), and every write
// names its actor in the context.
func ExampleRegister_DecideAcceptance() {
	clock := ismstest.NewFixedClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
	s := memstore.NewStore(&store.Options{Clock: clock, IDs: ismstest.NewSequentialIDs()})
	reg, err := risk.NewRegister(s, "acme", risk.Preset5x5(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	analyst, owner := isms.WithActor(ctx, "ann"), isms.WithActor(ctx, "olivia")
	r := &risk.Risk{Title: "Payroll supplier breach", Owner: "olivia"}
	if err := reg.Create(analyst, r); err != nil {
		fmt.Println(err)
		return
	}
	steps := []func() (*risk.Risk, error){
		func() (*risk.Risk, error) {
			return reg.Assess(analyst, r.ID, risk.AssessCommand{
				Stage:     risk.StageCurrent,
				Rating:    risk.Rating{Likelihood: "possible", Impact: "major"},
				Rationale: "supplier holds payroll data",
			})
		},
		func() (*risk.Risk, error) {
			return reg.Treat(owner, r.ID, risk.TreatCommand{Option: risk.OptionRetain, Rationale: "exit clause at renewal"})
		},
		func() (*risk.Risk, error) {
			return reg.RequestAcceptance(analyst, r.ID, risk.RequestAcceptanceCommand{
				Justification: "retain until the contract renewal", ValidFor: isms.Months(6),
			})
		},
		func() (*risk.Risk, error) { return reg.SubmitAcceptance(analyst, r.ID, risk.SubmitAcceptanceCommand{}) },
	}
	for _, step := range steps {
		if _, err := step(); err != nil {
			fmt.Println(err)
			return
		}
	}

	_, err = reg.DecideAcceptance(isms.WithActor(ctx, "mallory"), r.ID, risk.DecideAcceptanceCommand{Accept: true})
	fmt.Println("mallory may not accept:", errors.Is(err, risk.ErrNotApprover))
	fmt.Println(err)

	got, err := reg.DecideAcceptance(owner, r.ID, risk.DecideAcceptanceCommand{Accept: true, Note: "agreed with the CFO", Revision: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := got.LatestAcceptance()
	fmt.Println("risk status:", got.Status)
	fmt.Println("acceptance:", a.ID, a.Status, "by", a.DecidedBy)
	fmt.Println("accepted level:", a.Snapshot.Level, "at the", a.Snapshot.Stage, "stage")
	fmt.Println("expires:", a.ExpiresAt.Format(time.DateOnly))
	next, err := reg.NextReview(got)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("next review:", next.Format(time.DateOnly))

	got, err = reg.RevokeAcceptance(owner, r.ID, risk.RevokeAcceptanceCommand{Reason: "the supplier reported an incident"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("after revocation:", got.Status, got.LatestAcceptance().Status)
	// Output:
	// mallory may not accept: true
	// risk: decide acceptance: risk risk-0001: risk acceptance: cannot move from "submitted" to "accepted": guard approver_authorised failed: "mallory" is not the risk owner or a delegated approver
	// risk status: accepted
	// acceptance: risk.acceptance-0001 accepted by olivia
	// accepted level: high at the current stage
	// expires: 2025-09-01
	// next review: 2025-09-01
	// after revocation: open revoked
}

// The acceptance lifecycle is a table: the steps check its guards, and it
// draws itself as a Mermaid state diagram.
func ExampleAcceptanceLifecycle() {
	m := risk.AcceptanceLifecycle()
	fmt.Println(m.Next(risk.AcceptanceSubmitted))
	fmt.Print(m.Mermaid())
	// Output:
	// [accepted rejected withdrawn]
	// stateDiagram-v2
	//     %% risk acceptance
	//     [*] --> created
	//     created --> submitted : actor_named, risk_not_closed
	//     submitted --> accepted : risk_not_closed, approver_authorised, risk_assessed, expiry_after_decision
	//     submitted --> rejected : risk_not_closed, approver_authorised
	//     accepted --> revoked : approver_authorised, reason_given
	//     accepted --> expired : actor_named, expiry_reached
	//     created --> withdrawn : actor_named, withdrawer_authorised
	//     submitted --> withdrawn : actor_named, withdrawer_authorised
	//     rejected --> [*]
	//     revoked --> [*]
	//     expired --> [*]
	//     withdrawn --> [*]
}

// A heatmap counts risks per grid cell for one stage; it prints as text and
// renders as SVG.
func ExampleAggregateHeatmap() {
	m := risk.Preset3x3()
	at := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	var risks []*risk.Risk
	for _, li := range [][2]string{{"high", "high"}, {"high", "high"}, {"medium", "low"}, {"low", "medium"}} {
		a, err := m.Assess(risk.Rating{Likelihood: li[0], Impact: li[1]}, "", "ann", at)
		if err != nil {
			fmt.Println(err)
			return
		}
		risks = append(risks, &risk.Risk{Title: "r", Current: a})
	}
	h, err := risk.AggregateHeatmap(m, risk.StageCurrent, risks)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(h)
	fmt.Println("per level:", h.LevelCounts())
	// Output:
	// current heatmap, matrix ismskit 3x3 (version 1)
	// L \ I         low medium   high
	// high            0      0      2
	// medium          1      0      0
	// low             0      1      0
	// placed 4, unassessed 0, excluded 0
	// per level: [2 0 2]
}

// Check judges a risk against the matrix, the criteria and the review
// cadence at a given time, as an auditor would, and explains each finding.
func ExampleCheck() {
	m := risk.Preset5x5()
	at := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)
	cur, _ := m.Assess(risk.Rating{Likelihood: "likely", Impact: "major"}, "", "ann", at)
	res, _ := m.Assess(risk.Rating{Likelihood: "unlikely", Impact: "major"}, "", "ann", at)
	r := &risk.Risk{
		Meta:      isms.Meta{ID: "r-7"},
		Title:     "Unpatched VPN appliance",
		Status:    risk.StatusOpen,
		Current:   cur,
		Residual:  res,
		Treatment: &risk.Treatment{Option: risk.OptionRetain},
	}
	findings, err := risk.Check(r, m, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		fmt.Printf("%s %s: %s\n", f.Severity, f.Code, f.Message)
	}
	// Output:
	// error risk.owner_missing: the risk has no owner
	// error risk.residual_lowered_without_control: residual level "medium" is below current level "high" but no treatment selects a control
	// error risk.retained_above_appetite: level "medium" is above the appetite "low", the risk is retained, and no acceptance is in force
	// error risk.review_overdue: the risk was due for review on 2025-07-10
}

// UnmarshalStored reads a stored risk as json.Unmarshal would, leniently:
// a field a newer version of the program wrote is ignored. The store calls
// it for every risk it reads; ParseRisk is for documents from users.
func ExampleRisk_UnmarshalStored() {
	var r risk.Risk
	err := r.UnmarshalStored([]byte(`{"id":"risk-0001","revision":3,"title":"Laptop theft","status":"open",` +
		`"current":{"matrix":{"name":"ismskit 5x5","version":"1"},"likelihood":"possible","impact":"major","level":"high"},` +
		`"added_in_v9":true}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ID, r.Revision, r.Title, r.Status, r.Current.Level)
	err = r.UnmarshalStored([]byte(`{"title":"Laptop theft","status":"pending"}`))
	fmt.Println(err)
	// Output:
	// risk-0001 3 Laptop theft open high
	// unknown risk status "pending" (want one of open, accepted, closed)
}

// ParseRisk reads a risk from a user's document strictly: an unknown field
// is an error, where a stored risk would be read leniently.
func ExampleParseRisk() {
	_, err := risk.ParseRisk([]byte(`{"title":"Laptop theft","status":"open","severety":"high"}`))
	fmt.Println(err)
	r, err := risk.ParseRisk([]byte(`{"title":"Laptop theft","status":"open","owner":"it-ops"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title, r.Owner, r.Status)
	// Output:
	// risk: parse: json: unknown field "severety"
	// Laptop theft it-ops open
}
