package audit_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/isms"
)

// roundTrip checks the invariant of every strict decoder: an error
// answers isms.ErrInvalid; what parses validates, re-encodes and parses
// back equal.
func roundTrip[T any](t *testing.T, data []byte, parse func([]byte) (*T, error), validate func(*T) error) {
	v, err := parse(data)
	if err != nil {
		if !errors.Is(err, isms.ErrInvalid) {
			t.Fatalf("error does not answer ErrInvalid: %v", err)
		}
		return
	}
	if err := validate(v); err != nil {
		t.Fatalf("parsed value does not validate: %v", err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	w, err := parse(out)
	if err != nil {
		t.Fatalf("re-parse of %s: %v", out, err)
	}
	if !reflect.DeepEqual(v, w) {
		t.Fatalf("round trip differs:\n%#v\n%#v", v, w)
	}
}

func FuzzParseFinding(f *testing.F) {
	f.Add([]byte(`{"kind":"minor_nonconformity","title":"x","requirement":{"kind":"control","id":"A.5.15"},"status":"open","due":"2026-12-01T00:00:00Z"}`))
	f.Add([]byte(`{"kind":"observation","title":"x","requirement":{"kind":"clause","id":"7.5.3"},"status":"closed","history":[{"from":"open","to":"closed","by":"bob","at":"2026-01-01T00:00:00Z"}]}`))
	f.Add([]byte(`{"kind":"major_nonconformity","title":"x","requirement":{"kind":"risk","id":"r"},"status":"open"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, data, audit.ParseFinding, (*audit.Finding).Validate)
	})
}

func FuzzParseProgramme(f *testing.F) {
	f.Add([]byte(`{"title":"P","cycle_start":"2026-06-01T00:00:00Z","audits":[{"id":"a","title":"A","scope":[{"kind":"clause","id":"9"}],"auditors":["bob"],"planned_start":"2026-10-01T00:00:00Z","planned_end":"2026-10-02T00:00:00Z","status":"planned"}]}`))
	f.Add([]byte(`{"title":"P","cycle_start":"2026-06-01T00:00:00Z","cycle_length":"P3Y"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, data, audit.ParseProgramme, (*audit.Programme).Validate)
	})
}

func FuzzParseChecklist(f *testing.F) {
	f.Add([]byte(`{"audit":"a-1","items":[{"requirement":{"kind":"clause","id":"9.2.2"},"method":"inspect","result":"conforming","examined":[{"kind":"document","id":"d"}]}]}`))
	f.Add([]byte(`{"audit":"a-1","items":[{"requirement":{"kind":"control","id":"A.8.15"},"method":"reperform","sample":{"selection":null,"tested":1,"deviations":0}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, data, audit.ParseChecklist, (*audit.Checklist).Validate)
	})
}

func FuzzParseManagementReview(f *testing.F) {
	f.Add([]byte(`{"title":"MR","held_at":"2026-11-02T09:00:00Z","decisions":[{"id":"d-1","kind":"improvement","text":"x","owner":"cat","due":"2027-01-01T00:00:00Z"}],"inputs":{"missing":["issues"],"issues":["a"]}}`))
	f.Add([]byte(`{"title":"MR","inputs":{"risk":{"risks":1,"by_level":{"high":1},"accepted":0,"untreated":0,"actions_open":0,"actions_overdue":0,"controls_planned":0}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, data, audit.ParseManagementReview, (*audit.ManagementReview).Validate)
	})
}

func FuzzParseImprovement(f *testing.F) {
	f.Add([]byte(`{"title":"x","source_kind":"audit","source":{"kind":"audit.finding","id":"f-1"},"status":"planned","actions":[{"title":"a","status":"done","done_at":"2026-01-01T00:00:00Z"}]}`))
	f.Add([]byte(`{"title":"x","source_kind":"other","status":"rejected","requirement":{"kind":"clause","id":"10.1"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip(t, data, audit.ParseImprovement, (*audit.Improvement).Validate)
	})
}

// FuzzFindingLifecycle drives random step sequences: the finding never
// reaches a state outside the table, a refused step leaves it unchanged.
func FuzzFindingLifecycle(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 0x81, 2})
	values := audit.FindingStatusValues()
	m := audit.FindingLifecycle()
	f.Fuzz(func(t *testing.T, seq []byte) {
		if len(seq) > 64 {
			seq = seq[:64]
		}
		fd := minorNC()
		for i, b := range seq {
			to := values[int(b&0x7f)%len(values)]
			cmd := audit.StepCommand{To: to}
			if b&0x80 == 0 {
				cmd = audit.StepCommand{To: to, Reason: "r", Owner: "cat", Due: now, RootCause: "c", Correction: "x", CorrectiveAction: "y",
					Effectiveness: &audit.EffectivenessCheck{Effective: true, By: "eve"}}
			}
			from, n := fd.Status, len(fd.History)
			if err := fd.Step("bob", cmd, now); err != nil {
				if fd.Status != from || len(fd.History) != n {
					t.Fatalf("step %d: a refused move changed the finding", i)
				}
				continue
			}
			if !m.Allowed(from, fd.Status) {
				t.Fatalf("step %d: %s -> %s is not in the table", i, from, fd.Status)
			}
			if err := fd.Validate(); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
		}
	})
}
