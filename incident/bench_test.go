package incident_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
)

// BenchmarkTransition is one guarded move (target: under 1 µs).
func BenchmarkTransition(b *testing.B) {
	p := incident.DefaultPolicy()
	cmd := fullCommand(incident.StatusDeclared)
	inc := atStatus(incident.StatusTriaging)
	b.ReportAllocs()
	for b.Loop() {
		inc.Status, inc.Timeline = incident.StatusTriaging, inc.Timeline[:0]
		if err := inc.Step("b", cmd, t0, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkObligations1M evaluates every built-in obligation for 1,000,000
// incidents (target: under 1 s on one core). Incidents vary: personal
// data, significant, major with submissions, material.
func BenchmarkObligations1M(b *testing.B) {
	c, err := incident.NewClocks(incident.BuiltinRegimes(), nil)
	if err != nil {
		b.Fatal(err)
	}
	const n = 1_000_000
	facts := make([]incident.Facts, 64)
	for i := range facts {
		aware := t0.Add(time.Duration(i) * 7 * time.Hour)
		f := incident.Facts{AwareAt: aware, DetectedAt: aware, PersonalData: i%2 == 0, Significant: i%3 == 0, Major: i%4 == 0,
			ClassifiedAt: aware.Add(time.Hour), Material: i%5 == 0, MaterialityDeterminedAt: aware.Add(48 * time.Hour), PeopleAffected: i * 20}
		if i%4 == 0 {
			f.Submissions = []incident.Submission{{Obligation: "dora.initial", At: aware.Add(3 * time.Hour)}, {Obligation: "nis2.notification", At: aware.Add(50 * time.Hour)}}
		}
		facts[i] = f
	}
	var buf []incident.ObligationState
	now := t0.Add(30 * 24 * time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < n; i++ {
			buf = c.AppendObligations(buf[:0], &facts[i%len(facts)], now)
		}
	}
}

// BenchmarkBlastRadius100K walks 100,000 assets with three edges each
// (target: under 100 ms).
func BenchmarkBlastRadius100K(b *testing.B) {
	const n = 100_000
	assets := make([]*isms.Asset, n)
	ref := func(i int) isms.Ref { return isms.Ref{Kind: isms.KindAsset, ID: isms.ID(fmt.Sprintf("a%06d", i))} }
	for i := range assets {
		a := &isms.Asset{Meta: isms.Meta{ID: ref(i).ID}, Name: "x"}
		for _, j := range []int{i / 2, i / 3, i / 5} {
			if j != i {
				a.DependsOn = append(a.DependsOn, ref(j))
			}
		}
		assets[i] = a
	}
	affected := []isms.Ref{ref(0)}
	b.ReportAllocs()
	for b.Loop() {
		if len(incident.BlastRadius(assets, affected)) == 0 {
			b.Fatal("nothing reached")
		}
	}
}

// BenchmarkParseIncident10MB decodes and validates a 10 MB incident (a
// long timeline and many affected assets): linear validation.
func BenchmarkParseIncident10MB(b *testing.B) {
	inc := &incident.Incident{Meta: isms.Meta{ID: "inc-1"}, Title: "big", Status: incident.StatusDeclared}
	for i := 0; len(inc.Timeline) < 55_000; i++ {
		inc.AffectedAssets = append(inc.AffectedAssets, isms.Ref{Kind: isms.KindAsset, ID: isms.ID(fmt.Sprintf("asset-%07d", i))})
		inc.Timeline = append(inc.Timeline, incident.Entry{Seq: i + 1, At: t0, Actor: "soc", Field: "status", From: "a", To: "b", Reason: "a reason of some length for the entry"})
	}
	data, err := json.Marshal(inc)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := incident.ParseIncident(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseRegime10MB decodes and validates a regime of about 10 MB.
func BenchmarkParseRegime10MB(b *testing.B) {
	r := &incident.Regime{ID: "big", Name: "big"}
	for i := 0; i < 40_000; i++ {
		id := fmt.Sprintf("big.o%06d", i)
		d := incident.Deadline{Anchor: incident.AnchorAware, Period: isms.Hours(72)}
		if i > 0 {
			d = incident.Deadline{Anchor: incident.AnchorSubmitted, Obligation: r.Obligations[i-1].ID, Period: isms.Months(1)}
		}
		r.Obligations = append(r.Obligations, incident.Obligation{ID: id, Name: "obligation " + id, Rule: "a rule text long enough to be realistic for a regulation citation", Due: d,
			Trigger: incident.Trigger{Tags: []string{"t1", "t2"}}})
	}
	data, err := json.Marshal(r)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := incident.ParseRegime(data); err != nil {
			b.Fatal(err)
		}
	}
}
