package audit_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// largeISMS is the ready ISMS grown to 1,000 risks, the 93 Annex A
// controls all applicable, 500 incidents, 2,000 documents and 10,000
// control check results (100 checks of 100 daily results each).
func largeISMS(b *testing.B) *audit.Snapshot {
	b.Helper()
	s := readyISMS()
	ids := controls.ISO27001_2022().IDs()
	s.SoA = soaOf(true, ids...)
	base := s.Risks[0]
	s.Risks = make([]*risk.Risk, 1000)
	for i := range s.Risks {
		r := base.Clone()
		r.ID = isms.ID(fmt.Sprintf("risk-%04d", i))
		r.Treatment.Controls = []isms.Ref{isms.ControlRef(ids[i%len(ids)]), isms.ControlRef(ids[(i+7)%len(ids)])}
		r.Treatment.Actions[0].Controls = r.Treatment.Controls[:1]
		s.Risks[i] = r
	}
	s.Incidents = make([]*incident.Incident, 500)
	for i := range s.Incidents {
		s.Incidents[i] = &incident.Incident{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("inc-%04d", i))}, Title: "Phishing report",
			Status: incident.StatusReported, DetectedAt: date(2026, 6, 1).Add(time.Duration(i) * time.Hour), ReportedAt: date(2026, 6, 1).Add(time.Duration(i) * time.Hour)}
	}
	policy := s.Documents[0]
	s.Documents = []*isms.Document{policy}
	for i := 1; i < 2000; i++ {
		s.Documents = append(s.Documents, &isms.Document{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("doc-%04d", i))}, Type: isms.DocumentProcedure,
			Title: fmt.Sprintf("Procedure %d", i), Implements: "doc-policy", Status: isms.DocumentPublished, Owner: "cat", Author: "cat",
			Approver: "ann", ApprovedAt: date(2026, 4, 20), PublishedAt: date(2026, 4, 21)})
	}
	s.ControlChecks = make([]*isms.ControlCheck, 100)
	for c := range s.ControlChecks {
		res := make([]isms.ControlCheckResult, 100)
		for i := range res {
			res[i] = isms.ControlCheckResult{Outcome: isms.CheckPass, At: now.AddDate(0, 0, i-100), By: "probe"}
		}
		s.ControlChecks[c] = &isms.ControlCheck{Meta: isms.Meta{ID: isms.ID(fmt.Sprintf("chk-%03d", c))}, Name: "daily probe",
			Controls: []isms.ID{ids[c%len(ids)]}, Method: isms.CheckAutomated, Owner: "it", Frequency: isms.Days(1), Results: res}
	}
	scope := append(allClauses(), isms.ControlRef("A.5"), isms.ControlRef("A.6"), isms.ControlRef("A.7"), isms.ControlRef("A.8"))
	for i := range s.Programme.Audits {
		s.Programme.Audits[i].Scope = scope
	}
	return s
}

// BenchmarkReadiness assesses the large ISMS; the target is under 100 ms.
func BenchmarkReadiness(b *testing.B) {
	s := largeISMS(b)
	r, err := audit.Readiness(s, now, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d findings; stage 1 ready %t, stage 2 ready %t", len(r.Findings), r.Stage1.Ready, r.Stage2.Ready)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := audit.Readiness(s, now, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadinessMarkdown writes the large ISMS's report.
func BenchmarkReadinessMarkdown(b *testing.B) {
	r, err := audit.Readiness(largeISMS(b), now, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := audit.WriteMarkdown(discard{}, r); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkParseProgramme10MB decodes and validates a programme of about
// 10 MB: the strict decoder and Validate are linear in the document.
func BenchmarkParseProgramme10MB(b *testing.B) {
	p := &audit.Programme{Title: "P", Owner: "ann", CycleStart: date(2026, 6, 1)}
	scope := append(allClauses(), isms.ControlRef("A.5.15"), isms.ControlRef("A.8.5"))
	for i := 0; i < 13000; i++ {
		p.Audits = append(p.Audits, audit.Audit{ID: isms.ID(fmt.Sprintf("a-%05d", i)), Title: "ISMS audit", Criteria: []string{"ISO/IEC 27001:2022"},
			Scope: scope, Auditors: []isms.ID{"bob", "eve"}, PlannedStart: date(2027, 1, 1), PlannedEnd: date(2027, 1, 2), Status: audit.AuditPlanned,
			Findings: []isms.ID{"f-1", "f-2"}})
	}
	data, err := json.Marshal(p)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("document: %d bytes", len(data))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := audit.ParseProgramme(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseFinding10MB decodes and validates a finding with about
// 10 MB of evidence refs and history.
func BenchmarkParseFinding10MB(b *testing.B) {
	f := minorNC()
	for i := 0; i < 100000; i++ {
		f.Evidence = append(f.Evidence, isms.Ref{Kind: isms.KindEvidence, ID: isms.ID(fmt.Sprintf("ev-%06d", i))})
		f.History = append(f.History, audit.FindingTransition{From: audit.StatusOpen, To: audit.StatusInProgress, By: "bob", At: now})
	}
	data, err := json.Marshal(f)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("document: %d bytes", len(data))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := audit.ParseFinding(data); err != nil {
			b.Fatal(err)
		}
	}
}
