package risk

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// storedRisk is a risk as the register stores it: the documents of
// BenchmarkRegisterList100k and of a fresh register.
const storedRisk = `{"id":"01J0000000000000000000000","revision":1,"created_at":"2026-01-01T00:00:00Z","title":"Risk 1","owner":"olivia","status":"open","category":"cyber","assets":[{"kind":"asset","id":"srv-1"}],"current":{"matrix":{"name":"ismskit 5x5","version":"1"},"likelihood":"possible","impact":"moderate","level":"medium","rationale":"benchmark","assessed_by":"ann","assessed_at":"2026-01-01T00:00:00Z"}}`

// fullRisk returns a risk with every field of Risk and of Assessment set,
// so that its document holds every key the decoder reads.
func fullRisk() *Risk {
	t0 := time.Date(2026, 3, 4, 5, 6, 7, 8000, time.UTC)
	a := func(stage string) *Assessment {
		return &Assessment{
			Matrix: MatrixRef{Name: "ismskit 5x5", Version: "2"}, Likelihood: "likely",
			Impacts: []DimensionImpact{{Dimension: Confidentiality, Impact: "major"}, {Dimension: Availability, Impact: "minor"}},
			Rule:    RuleMax, Impact: "major", Level: "high", Rationale: stage + " rationale",
			AssessedBy: "ann", AssessedAt: t0.Add(time.Hour),
		}
	}
	return &Risk{
		Meta:  isms.Meta{ID: "risk-0001", Revision: 7, CreatedAt: t0, UpdatedAt: t0.Add(48 * time.Hour)},
		Title: `R&D laptops <tier 1> "lost"`, Description: "A laptop with source code is lost.\nCafé, 日本, 😀",
		Owner: "olivia", Status: StatusAccepted, Category: "physical",
		Assets: []isms.Ref{{Kind: isms.KindAsset, ID: "laptop-1"}, {Kind: isms.KindAsset, ID: "repo-2"}},
		Threat: "theft", Vulnerability: "no disk encryption", ImpactRule: RuleMean,
		Criteria:         &Criteria{Matrix: MatrixRef{Name: "ismskit 5x5", Version: "2"}, Appetite: "medium"},
		ExistingControls: []isms.Ref{isms.ControlRef("A.8.1")},
		Inherent:         a("inherent"), Current: a("current"), Residual: a("residual"),
		Treatment: &Treatment{Option: OptionModify, Rationale: "encrypt", Controls: []isms.Ref{isms.ControlRef("A.8.24")},
			DecidedBy: "olivia", DecidedAt: t0},
		Quantitative: &QuantitativeScenario{Mode: "compound", Currency: "EUR"},
		Acceptances: []Acceptance{{ID: "acc-1", Status: AcceptanceAccepted, Justification: "budget", ValidFor: isms.Days(90),
			RequestedBy: "olivia", RequestedAt: t0, DecidedBy: "carol", DecidedAt: t0, ExpiresAt: t0.Add(90 * 24 * time.Hour)}},
		Delegations: []Delegation{{Approver: "carol", GrantedBy: "olivia", GrantedAt: t0, ExpiresAt: t0.Add(time.Hour)}},
		ReviewedAt:  t0.Add(72 * time.Hour), ReviewedBy: "dave",
	}
}

// TestFullRiskSetsEveryField keeps fullRisk complete: a field added to
// Risk or Assessment without a value here fails this test, and then,
// once set, TestUnmarshalStoredIsUnmarshal until the decoder reads it.
func TestFullRiskSetsEveryField(t *testing.T) {
	r := fullRisk()
	for _, v := range []reflect.Value{reflect.ValueOf(*r), reflect.ValueOf(*r.Current), reflect.ValueOf(r.Meta)} {
		for i := range v.NumField() {
			if v.Field(i).IsZero() {
				t.Errorf("fullRisk leaves %s.%s zero", v.Type().Name(), v.Type().Field(i).Name)
			}
		}
	}
}

// storedCase is a document and whether the decoder written for Risk reads
// it (true) or hands it to json.Unmarshal (false).
type storedCase struct {
	name string
	doc  string
	fast bool
}

func storedCases(t testing.TB) []storedCase {
	full, err := json.Marshal(fullRisk())
	if err != nil {
		t.Fatal(err)
	}
	indented, err := json.MarshalIndent(fullRisk(), " ", "\t")
	if err != nil {
		t.Fatal(err)
	}
	minimal, err := json.Marshal(&Risk{Title: "t", Status: StatusOpen})
	if err != nil {
		t.Fatal(err)
	}
	return []storedCase{
		{"stored by the register", storedRisk, true},
		{"every field", string(full), true},
		// psql -c "select '<a stored risk>'::jsonb::text": keys by length, a
		// space after every colon and comma, & unescaped.
		{"as PostgreSQL returns it", `{"id": "01J0000000000000000000000", "owner": "olivia", "title": "R&D \"x\" 😀", "assets": [{"id": "srv-1", "kind": "asset"}], "status": "open", "current": {"level": "medium", "impact": "moderate", "matrix": {"name": "ismskit 5x5", "version": "1"}, "rationale": "benchmark", "likelihood": "possible", "assessed_at": "2026-01-01T00:00:00Z", "assessed_by": "ann"}, "category": "cyber", "revision": 1, "created_at": "2026-01-01T00:00:00Z"}`, true},
		{"indented", string(indented), true},
		{"minimal", string(minimal), true},
		{"empty object", `{}`, true},
		{"white space around", " \n{\"title\":\"t\"}\t\r\n", true},
		{"nulls", `{"id":null,"revision":null,"created_at":null,"title":null,"status":null,"assets":null,"impact_rule":null,"criteria":null,"inherent":null,"current":{"matrix":null,"assessed_at":null,"rule":null,"impacts":null},"treatment":null,"quantitative":null,"acceptances":null,"delegations":null,"reviewed_at":null}`, true},
		{"empty arrays", `{"assets":[],"existing_controls":[],"acceptances":[],"delegations":[],"current":{"impacts":[]}}`, true},
		{"escapes", `{"title":"R\u0026D \"x\" \\ \/ \n \ud83d\ude00 \ud800","owner":"\u00e9"}`, true},
		{"escaped key", `{"t\u0069tle":"t"}`, true},
		{"escaped enum", `{"status":"\u006fpen"}`, true},
		{"offset time", `{"created_at":"2026-01-02T03:04:05.123456+05:30"}`, true},
		{"negative zero revision", `{"revision":-0}`, true},
		{"largest revision", `{"revision":9223372036854775807}`, true},

		{"unknown key", `{"title":"t","unknown":{"a":[1,2]}}`, false},
		{"unknown key in an assessment", `{"current":{"likelihood":"l","extra":1}}`, false},
		{"unknown key in a ref", `{"assets":[{"kind":"asset","id":"a","x":1}]}`, false},
		{"key in other case", `{"Title":"t"}`, false},
		{"key in other case in an assessment", `{"current":{"Level":"high"}}`, false},
		{"key twice", `{"title":"a","title":"b"}`, false},
		{"assessment twice (merged by encoding/json)", `{"current":{"likelihood":"l"},"current":{"impact":"i"}}`, false},
		{"assets twice", `{"assets":[{"kind":"a","id":"1"},{"kind":"a","id":"2"}],"assets":[{"id":"3"}]}`, false},
		{"ref key twice", `{"assets":[{"kind":"a","kind":"b","id":"1"}]}`, false},
		{"null ref", `{"assets":[null]}`, false},
		{"invalid UTF-8 (replaced by encoding/json)", "{\"title\":\"a\xffb\"}", false},
		{"unknown status", `{"status":"pending"}`, false},
		{"unknown rule", `{"current":{"rule":"sum"}}`, false},
		{"status not a string", `{"status":1}`, false},
		{"title not a string", `{"title":1,"owner":"kept"}`, false},
		{"revision not an integer", `{"revision":1.5}`, false},
		{"revision as a string", `{"revision":"1"}`, false},
		{"revision too large", `{"revision":9223372036854775808}`, false},
		{"bad time", `{"created_at":"yesterday"}`, false},
		{"time not a string", `{"created_at":0}`, false},
		{"assets not an array", `{"assets":{"kind":"a"}}`, false},
		{"assessment not an object", `{"current":"high"}`, false},
		{"treatment of the wrong type", `{"treatment":{"option":"ignore"}}`, false},
		{"acceptances not an array", `{"acceptances":{}}`, false},
		{"an array", `[]`, false},
		{"null", `null`, false},
		{"a string", `"risk"`, false},
		{"empty", ``, false},
		{"trailing comma", `{"title":"t",}`, false},
		{"trailing data", `{"title":"t"}x`, false},
		{"two objects", `{"title":"t"} {}`, false},
		{"truncated", `{"title":"t"`, false},
		{"truncated delegate", `{"treatment":{"option":"modify"`, false},
		{"invalid delegate", `{"treatment":{"option":"modify",}}`, false},
		{"invalid escape", `{"title":"\x"}`, false},
		{"single-quote escape", `{"title":"\'"}`, false},
		{"control character", "{\"title\":\"a\tb\"}", false},
		{"NUL after", "{\"title\":\"t\"}\x00", false},
	}
}

// TestUnmarshalStoredIsUnmarshal compares UnmarshalStored with
// json.Unmarshal into a zero Risk, the behaviour it must have, on every
// case, and checks which decoder read each: the documents the store
// writes must be read by the decoder written for Risk (or the comparison
// would hold with it broken), and the odd ones by encoding/json.
func TestUnmarshalStoredIsUnmarshal(t *testing.T) {
	for _, c := range storedCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var got, want Risk
			gotErr := got.UnmarshalStored([]byte(c.doc))
			wantErr := json.Unmarshal([]byte(c.doc), &want)
			if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
				t.Fatalf("UnmarshalStored: %v\njson.Unmarshal: %v", gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("UnmarshalStored:\n%+v\njson.Unmarshal:\n%+v", got, want)
			}
			var v Risk
			if fast := decodeStoredRisk([]byte(c.doc), &v); fast != c.fast {
				t.Errorf("read by the decoder written for Risk: %v; want %v", fast, c.fast)
			}
		})
	}
}

// TestUnmarshalStoredRoundTrip checks the decoder against the value it
// came from: every field of the full risk comes back.
func TestUnmarshalStoredRoundTrip(t *testing.T) {
	want := fullRisk()
	data, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var got Risk
	if !decodeStoredRisk(data, &got) {
		t.Fatal("the decoder written for Risk did not read a marshalled risk")
	}
	if !reflect.DeepEqual(&got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", &got, want)
	}
}

// TestUnmarshalStoredReplaces checks that UnmarshalStored replaces the
// whole value (json.Unmarshal would keep the fields the document does not
// name) and that a nil receiver is an error.
func TestUnmarshalStoredReplaces(t *testing.T) {
	for _, doc := range []string{`{"title":"new"}`, `{"Title":"new"}`} {
		r := fullRisk()
		if err := r.UnmarshalStored([]byte(doc)); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*r, Risk{Title: "new"}) {
			t.Errorf("UnmarshalStored(%s) into a full risk = %+v; want only the title", doc, *r)
		}
	}
	var nilRisk *Risk
	if err := nilRisk.UnmarshalStored([]byte(storedRisk)); err == nil || !strings.Contains(err.Error(), "nil *risk.Risk") {
		t.Errorf("UnmarshalStored on nil = %v; want json's error for a nil pointer", err)
	}
}

// TestUnmarshalStoredAllocations checks the allocations promised: one
// copy of the document for every string in it, the assets and the
// assessment.
func TestUnmarshalStoredAllocations(t *testing.T) {
	doc := []byte(storedRisk)
	var r Risk
	allocs := testing.AllocsPerRun(100, func() {
		if err := r.UnmarshalStored(doc); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 3 {
		t.Errorf("UnmarshalStored allocated %v times; want 3", allocs)
	}
}

// FuzzUnmarshalStored holds UnmarshalStored to json.Unmarshal into a zero
// Risk for any bytes: the same value and the same error.
func FuzzUnmarshalStored(f *testing.F) {
	for _, c := range storedCases(f) {
		f.Add([]byte(c.doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		var got, want Risk
		gotErr := got.UnmarshalStored(doc)
		wantErr := json.Unmarshal(doc, &want)
		if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
			t.Fatalf("UnmarshalStored(%q): %v; json.Unmarshal: %v", doc, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("UnmarshalStored(%q):\n%+v\njson.Unmarshal:\n%+v", doc, got, want)
		}
	})
}

// BenchmarkUnmarshalStored decodes the stored document of a register's
// risk (393 bytes) with UnmarshalStored; BenchmarkUnmarshalStoredJSON
// with json.Unmarshal, which it replaces.
//
//	go test ./risk -run '^$' -bench UnmarshalStored -benchmem
func BenchmarkUnmarshalStored(b *testing.B) {
	doc := []byte(storedRisk)
	b.ReportAllocs()
	for b.Loop() {
		var r Risk
		if err := r.UnmarshalStored(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalStoredJSON(b *testing.B) {
	doc := []byte(storedRisk)
	b.ReportAllocs()
	for b.Loop() {
		var r Risk
		if err := json.Unmarshal(doc, &r); err != nil {
			b.Fatal(err)
		}
	}
}
