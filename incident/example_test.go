package incident_test

import (
	"fmt"
	"time"

	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
)

// The lifecycle refuses a move whose guard fails, and names the guard.
func ExampleLifecycle() {
	inc := &incident.Incident{Meta: isms.Meta{ID: "inc-1"}, Title: "Suspicious logins", Status: incident.StatusTriaging}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	err := inc.Step("soc", incident.StepCommand{To: incident.StatusDeclared, Severity: "high"}, now, incident.DefaultPolicy())
	fmt.Println(err)
	err = inc.Step("soc", incident.StepCommand{To: incident.StatusDeclared, Severity: "high",
		Criteria: []string{"valid credentials used from an unknown country"}}, now, incident.DefaultPolicy())
	fmt.Println(err, inc.Status, inc.Timeline[len(inc.Timeline)-1].From)
	// Output:
	// incident lifecycle: cannot move from "triaging" to "declared": guard declaration_criteria_given failed: a declaration names the criteria the event meets
	// <nil> declared triaging
}

// The clocks of GDPR and NIS2 for a significant breach of personal data,
// before and after the NIS2 notification is submitted.
func ExampleClocks() {
	clocks, err := incident.NewClocks([]*incident.Regime{incident.GDPR(), incident.NIS2()}, nil)
	if err != nil {
		panic(err)
	}
	f := incident.Facts{PersonalData: true, Significant: true, AwareAt: time.Date(2026, 1, 29, 9, 0, 0, 0, time.UTC)}
	show := func(now time.Time) {
		for _, o := range clocks.Obligations(&f, now) {
			if o.Status == incident.ObligationNotRequired {
				continue
			}
			due := "-"
			if !o.Due.IsZero() {
				due = o.Due.Format("2006-01-02 15:04 MST")
			}
			fmt.Printf("%-20s %-17s %s\n", o.Obligation, o.Status, due)
		}
	}
	show(time.Date(2026, 1, 30, 12, 0, 0, 0, time.UTC))
	f.Submissions = []incident.Submission{{Obligation: "nis2.notification", At: time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)}}
	fmt.Println("--")
	show(time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC))
	// Output:
	// gdpr.art33           pending           2026-02-01 10:00 CET
	// nis2.early_warning   overdue           2026-01-30 10:00 CET
	// nis2.notification    pending           2026-02-01 10:00 CET
	// nis2.progress        not_computable    -
	// nis2.final           not_computable    -
	// --
	// gdpr.art33           overdue           2026-02-01 10:00 CET
	// nis2.early_warning   overdue           2026-01-30 10:00 CET
	// nis2.notification    submitted_on_time 2026-02-01 10:00 CET
	// nis2.progress        pending           2026-02-28 10:00 CET
	// nis2.final           pending           2026-02-28 10:00 CET
}

// A user's own regime, in JSON: a contractual duty to tell a customer
// within 6 hours of awareness and a CERT-In style 6-hour report.
func ExampleParseRegime() {
	r, err := incident.ParseRegime([]byte(`{
  "id": "acme_contract", "name": "ACME master services agreement", "zone": "Asia/Kolkata",
  "obligations": [
    {"id": "acme.notice", "name": "Customer notice", "recipient": "ACME security desk",
     "rule": "MSA clause 14.2: notify ACME within 6 hours of becoming aware of a security incident.",
     "due": {"anchor": "aware", "period": "PT6H"}}
  ]}`))
	if err != nil {
		panic(err)
	}
	f := incident.Facts{AwareAt: time.Date(2026, 5, 4, 22, 0, 0, 0, time.UTC)}
	out, _ := incident.Obligations([]*incident.Regime{r}, &f, f.AwareAt, nil)
	fmt.Println(out[0].Obligation, out[0].Status, out[0].Due.Format(time.RFC3339))
	// Output:
	// acme.notice due_soon 2026-05-05T09:30:00+05:30
}
