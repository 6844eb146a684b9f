package schema_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
	"github.com/ismskit/ismskit/risk/fair"
)

// Hand-written documents, one per kind, each accepted by the SDK's own
// strict decoder (so that they are documents the SDK reads and writes).
var handWritten = map[string]string{
	"isms.scope": `{"id":"scope-1","revision":2,"created_at":"2026-01-01T00:00:00Z","name":"Acme ISMS",
		"inclusions":[{"kind":"system","name":"SaaS platform"}],
		"interfaces":[{"kind":"dependency","description":"Hosting","counterparty":"Cloud provider"}],
		"version":"1","approved_by":"CEO","approved_at":"2026-01-02T10:00:00Z"}`,
	"isms.interested_party": `{"id":"p-1","name":"Customers","kind":"customer",
		"requirements":[{"description":"Data kept in the EU","type":"contractual"}]}`,
	"isms.asset": `{"id":"a-1","name":"CRM","kind":"software","status":"active","owner":"sales",
		"classification":"confidential","cia":{"confidentiality":"high","integrity":"medium","availability":"low"},
		"depends_on":[{"kind":"asset","id":"a-2"}]}`,
	"isms.document": `{"id":"pol-1","type":"policy","title":"Information security policy","status":"approved",
		"version":"1.0","owner":"ciso","approver":"ceo","approved_at":"2026-01-10T09:00:00Z",
		"review_interval":"P1Y","last_reviewed_at":"2026-01-10T09:00:00Z",
		"history":[{"from":"draft","to":"in_review","by":"ciso","at":"2026-01-05T09:00:00Z"},{"from":"in_review","to":"approved","by":"ceo","at":"2026-01-10T09:00:00Z"}]}`,
	"isms.objective": `{"id":"o-1","title":"Patch critical vulnerabilities fast","status":"on_track",
		"target":{"metric":"days to patch","value":7,"unit":"days","direction":"at_most"},"current":5,
		"measured_at":"2026-02-01T00:00:00Z"}`,
	"isms.evidence": `{"id":"ev-1","kind":"link","name":"Backup dashboard","location":"https://example.com/backups",
		"collected_at":"2026-02-01T08:00:00Z","collected_by":"ops","valid_until":"2026-08-01T08:00:00Z",
		"supports":[{"kind":"control","id":"A.8.13"}]}`,
	"risk.risk": `{"id":"R-1","title":"Ransomware encrypts the file server","owner":"cio","status":"open",
		"assets":[{"kind":"asset","id":"a-1"}],"threat":"ransomware","vulnerability":"unpatched hosts",
		"inherent":{"matrix":{"name":"5x5","version":"1"},"likelihood":"likely","impact":"major","level":"high","rule":"max",
		  "impacts":[{"dimension":"availability","impact":"major"}]},
		"treatment":{"option":"modify","controls":[{"kind":"control","id":"A.8.13"}],
		  "actions":[{"id":"act-1","title":"Offline backups","status":"planned","due":"2026-06-30T00:00:00Z"}]},
		"acceptances":[{"id":"acc-1","status":"created","requested_by":"cio","valid_for":"P6M","requested_at":"2026-02-01T00:00:00Z"}]}`,
	"risk.matrix": `{"name":"3x3","version":"1",
		"likelihood":[{"id":"low","name":"Low"},{"id":"medium","name":"Medium"},{"id":"high","name":"High"}],
		"impact":[{"id":"low","name":"Low"},{"id":"medium","name":"Medium"},{"id":"high","name":"High","color":"#c00"}],
		"risk":[{"id":"low","name":"Low"},{"id":"medium","name":"Medium"},{"id":"high","name":"High"}],
		"grid":[[0,0,1],[0,1,2],[1,2,2]],"monotonic":true}`,
	"controls.soa": `{"id":"soa-1","catalog_id":"iso27001-2022","title":"SoA","approved_at":"2026-02-01T00:00:00Z",
		"entries":[{"control_id":"A.5.1","applicability":"applicable","inclusion_reasons":["risk_treatment"],
		  "risks":[{"kind":"risk","id":"R-1"}],"implementation_status":"implemented","owner":"ciso"},
		  {"control_id":"A.7.1","applicability":"not_applicable","exclusion_reason":"no_asset_or_technology","justification":"No premises."}]}`,
	"controls.mapping": `{"id":"m-1","title":"A to B","source_catalog":"a","target_catalog":"b",
		"provenance":{"author":"Acme","method":"Expert judgement","date":"2026-01-01T00:00:00Z"},
		"pairs":[{"source":"x","target":"y","relationship":"subset_of","notes":"partly"}]}`,
	"controls.catalog": `{"id":"c-1","title":"Custom","version":"1","groups":[{"id":"g","title":"G"}],
		"controls":[{"id":"c.1","title":"One","group":"g","props":{"k":"v"},"attributes":{"control_types":["preventive"]}}]}`,
	"sampling.attribute_plan": `{"confidence":0.95,"tolerable_rate":0.05,"expected_rate":0.01,"population":5000,"model":"hypergeometric"}`,
	"sampling.monetary_plan":  `{"confidence":0.95,"tolerable_misstatement":0.05,"expected_misstatement":0.01,"population_value":1000000}`,
	"isms.person": `{"id":"person-1","revision":1,"created_at":"2026-01-01T00:00:00Z","name":"Ada Lovelace",
		"email":"ada@example.com","joined_at":"2024-03-01T00:00:00Z"}`,
	"isms.role": `{"id":"role-ciso","name":"CISO","description":"Owns the ISMS","responsibilities":["run the ISMS"],
		"management":true,"duties":["risk.own","document.approve"],"competences":["iso27001-lead-implementer"]}`,
	"isms.role_assignment": `{"id":"ra-1","person":"person-1","role":"role-ciso","from":"2025-01-01T00:00:00Z","until":"2027-01-01T00:00:00Z"}`,
	"isms.raci_matrix": `{"id":"raci-1","name":"ISMS RACI","entries":[{"activity":"risk_ownership","role":"role-ciso","part":"accountable"},
		{"activity":"internal_audit","role":"role-auditor","part":"responsible"}]}`,
	"isms.sod_rule": `{"id":"sod-1","name":"Request and approve access","duty_a":"access.request","duty_b":"access.approve","rationale":"no self-approval"}`,
	"isms.training_record": `{"id":"tr-1","person":"person-1","course":"Security awareness 2026","competences":["awareness"],
		"awareness":true,"completed_at":"2026-02-01T10:00:00Z","result":"passed","expires_at":"2027-02-01T10:00:00Z"}`,
	"isms.control_check": `{"id":"cc-1","name":"MFA enforced on admin accounts","controls":["A.8.5"],"method":"automated","owner":"it.ops",
		"frequency":"P1M","evidence_max_age":"P35D",
		"results":[{"outcome":"pass","at":"2026-02-01T00:00:00Z","by":"scanner","evidence":[{"kind":"evidence","id":"ev-1"}],"note":"all 12 admins"}]}`,
	"fair.scenario": `{"name":"ransomware","mode":"compound","currency":"EUR",
		"threat_event_frequency":{"type":"poisson","rate":2},
		"threat_capability":{"type":"pert","min":20,"mode":50,"max":90},"resistance_strength":{"type":"uniform","min":40,"max":80},
		"primary_loss":{"type":"lognormal_ci90","low":100000,"high":1000000},
		"secondary_loss_event_frequency":{"type":"constant","value":0.3},"secondary_loss":{"type":"triangular","min":1000,"mode":5000,"max":50000}}`,
	"fair.impact_scale": `{"matrix":{"name":"ismskit 5x5","version":"1"},"thresholds":[{"level":"insignificant","from":0},
		{"level":"minor","from":10000},{"level":"moderate","from":100000},{"level":"major","from":1000000},{"level":"severe","from":10000000}]}`,
	"incident.incident": `{"id":"inc-1","title":"Phishing led to a mailbox takeover","category":"phishing","status":"reported",
		"severity":"high","owner":"ciso","detected_at":"2026-03-01T08:00:00Z","occurred_at":"2026-03-01T07:00:00Z",
		"affected_assets":[{"kind":"asset","id":"mail"}],"personal_data":{"categories":["contact"],"people":10,"records":10},
		"tags":["internal"]}`,
	"incident.regime": `{"id":"acme.internal","name":"Internal reporting","zone":"Europe/Brussels","calendar":"business_days",
		"working_days":{"weekend":["saturday","sunday"],"holidays":["2026-12-25"]},
		"obligations":[{"id":"acme.internal.first","name":"First report","recipient":"the board","rule":"Internal policy 4.2","trigger":{"significant":true},"due":{"anchor":"aware","period":"P2D"}}]}`,
	"bcp.bia": `{"id":"bia-1","version":1,"impact_scale":["minor","major"],"intolerable_level":"major",
		"activities":[{"id":"checkout","name":"Checkout","owner":"ecom","criticality":"critical","mtpd":"PT8H","rto":"PT4H","rpo":"PT15M",
		  "impacts":[{"after":"PT1H","level":"minor","quantity":{"value":8000,"unit":"EUR"}},{"after":"PT12H","level":"major"}],
		  "depends_on":["db"]}],
		"resources":[{"id":"db","name":"Orders database","kind":"data_store","restore_time":"PT2H","restore_measured":true,
		  "backup":{"interval":"PT1H","job_duration":"PT10M","retention":"P35D","immutable":true}}]}`,
	"bcp.snapshot": `{"bia":{"id":"bia-1","impact_scale":["minor","major"],"intolerable_level":"major",
		  "activities":[{"id":"checkout","name":"Checkout","criticality":"critical","rto":"PT4H","rpo":"PT1H","depends_on":["db"]}],
		  "resources":[{"id":"db","name":"Orders database","kind":"data_store","restore_time":"PT2H","backup":{"interval":"PT1H"}}]},
		"plans":[{"id":"plan-1","name":"Recover checkout","target":"checkout","test_interval":"P1Y",
		  "steps":[{"name":"Restore the database","role":"DBA","resources":["db"],"duration":"PT2H"}]}],
		"tests":[{"id":"t-1","name":"Restore drill","kind":"backup_restore","plan":"plan-1","resources":["db"],
		  "planned_for":"2026-05-01T09:00:00Z","criteria":[{"description":"orders readable"}]}]}`,
}

// parse decodes a hand-written document with the SDK's strict decoder of
// its kind and returns what the SDK writes for it.
func parse(t testing.TB, kind, doc string) []byte {
	t.Helper()
	b := []byte(doc)
	var v any
	var err error
	switch kind {
	case "isms.scope":
		v, err = isms.ParseScope(b)
	case "isms.interested_party":
		v, err = isms.ParseInterestedParty(b)
	case "isms.asset":
		v, err = isms.ParseAsset(b)
	case "isms.document":
		v, err = isms.ParseDocument(b)
	case "isms.objective":
		v, err = isms.ParseObjective(b)
	case "isms.evidence":
		v, err = isms.ParseEvidence(b)
	case "risk.risk":
		v, err = risk.ParseRisk(b)
	case "risk.matrix":
		v, err = risk.ParseMatrix(b)
	case "controls.soa":
		v, err = controls.ReadSoA(bytes.NewReader(b))
	case "controls.mapping":
		v, err = controls.ReadMapping(bytes.NewReader(b))
	case "controls.catalog":
		v, err = controls.ReadCatalog(bytes.NewReader(b))
	case "sampling.attribute_plan":
		v, err = sampling.ParseAttributePlan(b)
	case "sampling.monetary_plan":
		v, err = sampling.ParseMonetaryPlan(b)
	case "sampling.selection":
		v, err = sampling.ParseSelection(b)
	case "isms.person":
		v, err = isms.ParsePerson(b)
	case "isms.role":
		v, err = isms.ParseRole(b)
	case "isms.role_assignment":
		v, err = isms.ParseRoleAssignment(b)
	case "isms.raci_matrix":
		v, err = isms.ParseRACIMatrix(b)
	case "isms.sod_rule":
		v, err = isms.ParseSoDRule(b)
	case "isms.training_record":
		v, err = isms.ParseTrainingRecord(b)
	case "isms.control_check":
		v, err = isms.ParseControlCheck(b)
	case "fair.scenario":
		v, err = fair.ParseScenario(b)
	case "fair.impact_scale":
		v, err = fair.ParseImpactScale(b, risk.Preset5x5())
	case "incident.incident":
		v, err = incident.ParseIncident(b)
	case "incident.regime":
		v, err = incident.ParseRegime(b)
	case "bcp.bia":
		v, err = bcp.ParseBIA(b)
	case "bcp.snapshot":
		v, err = bcp.ParseSnapshot(b)
	default:
		t.Fatalf("no decoder for kind %s", kind)
	}
	require.NoError(t, err, kind)
	out, err := json.Marshal(v)
	require.NoError(t, err)
	return out
}

// producedDocs returns documents the SDK itself produces, by kind.
func producedDocs(t testing.TB) map[string][][]byte {
	t.Helper()
	out := map[string][][]byte{}
	add := func(kind string, v any) {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		out[kind] = append(out[kind], b)
	}
	for kind, doc := range handWritten {
		out[kind] = append(out[kind], parse(t, kind, doc))
	}
	for kind, docs := range auditDocs(t) {
		out[kind] = append(out[kind], docs...)
	}
	add("controls.catalog", controls.ISO27001_2022())
	add("controls.catalog", controls.NISTCSF2())
	add("controls.mapping", controls.NISTCSF2ToISO27001_2022())
	add("controls.mapping", controls.ISO27001_2013To2022())
	soa := controls.NewSoA(controls.ISO27001_2022())
	soa.ID = "soa-draft"
	add("controls.soa", soa)
	for _, m := range []*risk.Matrix{risk.Preset5x5(), risk.Preset3x3(), risk.Preset4x4()} {
		add("risk.matrix", m)
	}
	items := make([]sampling.Item, 200)
	for i := range items {
		items[i] = sampling.Item{ID: string(rune('a'+i%26)) + string(rune('a'+i/26)), Value: int64(100 + i), Stratum: []string{"eu", "us"}[i%2]}
	}
	for _, spec := range []sampling.SelectionSpec{
		{Method: sampling.MethodSimpleRandom, Size: 10, Seed: 42},
		{Method: sampling.MethodSystematic, Size: 10, Seed: 42},
		{Method: sampling.MethodStratified, Size: 10, Seed: 42},
		{Method: sampling.MethodMonetaryUnit, Size: 10, Seed: 42},
	} {
		sel, err := sampling.Select(items, spec)
		require.NoError(t, err)
		add("sampling.selection", sel)
	}
	for _, r := range isms.DefaultSoDRules() {
		add("isms.sod_rule", r)
	}
	for _, r := range incident.BuiltinRegimes() {
		add("incident.regime", r)
	}
	addServiceDocs(t, add)
	return out
}
