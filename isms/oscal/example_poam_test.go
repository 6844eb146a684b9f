package oscal_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/oscal"
	"github.com/ismskit/ismskit/risk"
)

// ExampleExportPOAM exports a treated risk as an OSCAL POA&M: its
// assessment becomes facets in the matrix's namespace, its treatment
// action a task.
func ExampleExportPOAM() {
	m := risk.Preset5x5()
	r := &risk.Risk{
		Meta:  isms.Meta{ID: "R-1", UpdatedAt: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)},
		Title: "Ransomware encrypts the file server", Status: risk.StatusOpen, Threat: "ransomware",
		Current: &risk.Assessment{Matrix: m.Ref(), Likelihood: "likely", Impact: "major", Level: "very_high"},
		Treatment: &risk.Treatment{Option: risk.OptionModify, Controls: isms.ControlRefs("A.8.13"),
			Actions: []risk.Action{{ID: "act-1", Title: "Offline backups", Status: risk.ActionPlanned,
				Due: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}}},
	}
	out, err := oscal.ExportPOAM([]*risk.Risk{r}, m, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		POAM struct {
			Risks []struct {
				Status            string
				Deadline          string
				Characterizations []struct {
					Facets []struct{ Name, System, Value string }
				}
				Remediations []struct {
					Tasks []struct{ Type, Title string }
				}
			}
		} `json:"plan-of-action-and-milestones"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		fmt.Println(err)
		return
	}
	pr := doc.POAM.Risks[0]
	fmt.Println("status:", pr.Status, "deadline:", pr.Deadline)
	for _, f := range pr.Characterizations[0].Facets {
		fmt.Printf("%s = %s (%s)\n", f.Name, f.Value, f.System)
	}
	t := pr.Remediations[0].Tasks[0]
	fmt.Println(t.Type+":", t.Title)
	// Output:
	// status: remediating deadline: 2026-06-30T00:00:00Z
	// likelihood = likely (https://ismskit.github.io/ns/oscal/matrix/ismskit%205x5/1)
	// impact = major (https://ismskit.github.io/ns/oscal/matrix/ismskit%205x5/1)
	// level = very_high (https://ismskit.github.io/ns/oscal/matrix/ismskit%205x5/1)
	// action: Offline backups
}

// ExampleExportAssessmentResults exports a test of controls on a sample as
// OSCAL assessment-results: the sample is an observation made by the
// method TEST that records the plan and the seed.
func ExampleExportAssessmentResults() {
	items := make([]sampling.Item, 200)
	for i := range items {
		items[i] = sampling.Item{ID: fmt.Sprintf("change-%03d", i)}
	}
	sel, err := sampling.Select(items, sampling.SelectionSpec{Method: sampling.MethodSystematic, Size: 25, Seed: 42})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := oscal.ExportAssessmentResults([]oscal.SampleTest{{
		ID: "test-changes", Title: "Changes approved before deployment", Controls: []isms.ID{"A.8.32"},
		Selection: sel, Start: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC),
	}}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var doc struct {
		AR struct {
			Results []struct {
				Observations []struct {
					Methods []string
					Props   []struct{ Name, Value string }
				}
			}
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		fmt.Println(err)
		return
	}
	obs := doc.AR.Results[0].Observations[0]
	fmt.Println("methods:", obs.Methods)
	for _, p := range obs.Props[:3] {
		fmt.Println(p.Name, "=", p.Value)
	}
	// Output:
	// methods: [TEST]
	// sampling_method = systematic
	// seed = 42
	// sample_size = 25
}
