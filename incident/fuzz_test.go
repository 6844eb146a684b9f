package incident_test

import (
	"encoding/json"
	"testing"

	"github.com/ismskit/ismskit/incident"
)

// FuzzLifecycle drives random event sequences: the incident never reaches
// a state outside the table, a refused step leaves it unchanged, and
// nothing panics.
func FuzzLifecycle(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8})
	f.Add([]byte{9, 10, 0, 3})
	values := incident.StatusValues()
	m := incident.Lifecycle()
	f.Fuzz(func(t *testing.T, seq []byte) {
		if len(seq) > 64 {
			seq = seq[:64]
		}
		inc := atStatus(incident.StatusReported)
		for i, b := range seq {
			to := values[int(b)%len(values)]
			cmd := fullCommand(to)
			if b&0x80 != 0 {
				cmd = incident.StepCommand{To: to}
			}
			from, n := inc.Status, len(inc.Timeline)
			err := inc.Step("fuzz", cmd, t0, incident.DefaultPolicy())
			if err != nil {
				if inc.Status != from || len(inc.Timeline) != n {
					t.Fatalf("step %d: refused move changed the incident", i)
				}
				continue
			}
			if !m.Allowed(from, inc.Status) || !inc.Status.IsValid() {
				t.Fatalf("step %d: %s -> %s is not in the table", i, from, inc.Status)
			}
		}
	})
}

// FuzzParseIncident: whatever parses validates and round-trips.
func FuzzParseIncident(f *testing.F) {
	f.Add([]byte(`{"id":"inc-1","title":"x","status":"declared","severity":"high","occurred_at":"2026-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"title":"x","detected_at":"2026-01-02T00:00:00Z","occurred_at":"2026-01-03T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		inc, err := incident.ParseIncident(data)
		if err != nil {
			if inc != nil {
				t.Fatal("error with a result")
			}
			return
		}
		if err := inc.Validate(); err != nil {
			t.Fatalf("parsed incident does not validate: %v", err)
		}
		out, err := json.Marshal(inc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := incident.ParseIncident(out); err != nil {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// FuzzParseRegime: whatever parses compiles into clocks and evaluates
// without panicking.
func FuzzParseRegime(f *testing.F) {
	b, _ := json.Marshal(incident.NIS2())
	f.Add(b)
	b, _ = json.Marshal(incident.SEC8K())
	f.Add(b)
	f.Add([]byte(`{"id":"x","name":"x","obligations":[{"id":"a","name":"a","rule":"r","due":{"anchor":"aware","period":"PT1H"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := incident.ParseRegime(data)
		if err != nil {
			return
		}
		c, err := incident.NewClocks([]*incident.Regime{r}, nil)
		if err != nil {
			t.Fatalf("a parsed regime does not compile: %v", err)
		}
		facts := incident.Facts{AwareAt: t0, Significant: true, Major: true, ClassifiedAt: t0, Material: true, MaterialityDeterminedAt: t0,
			Submissions: []incident.Submission{{Obligation: r.Obligations[0].ID, At: t0}}}
		if got := len(c.Obligations(&facts, t0)); got != len(r.Obligations) {
			t.Fatalf("%d states for %d obligations", got, len(r.Obligations))
		}
	})
}
