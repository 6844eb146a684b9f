package isms_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// Helpers shared by the entity tests (scope, party, asset, document,
// objective, evidence). Their names start with "ent" to stay clear of other
// test files of the package.

// entDate returns midnight UTC of the given day.
func entDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// entProblems asserts that err is a *ValidationError listing exactly the
// given "field code" pairs, in any order.
func entProblems(t *testing.T, err error, want ...[2]string) {
	t.Helper()
	if len(want) == 0 {
		require.NoError(t, err)
		return
	}
	require.Error(t, err)
	assert.ErrorIs(t, err, isms.ErrInvalid)
	var ve *isms.ValidationError
	require.ErrorAs(t, err, &ve)
	got := make([][2]string, len(ve.Problems))
	for i, p := range ve.Problems {
		got[i] = [2]string{p.Field, p.Code}
	}
	assert.ElementsMatch(t, want, got, "problems: %v", err)
}

// entCodes returns the codes of fs, in order.
func entCodes(fs []isms.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code
	}
	return out
}

// entOneFinding checks that fs is exactly the one finding want, field by
// field (Related is not compared).
func entOneFinding(t *testing.T, fs []isms.Finding, want isms.Finding) {
	t.Helper()
	require.Equal(t, []string{want.Code}, entCodes(fs))
	f := fs[0]
	assert.Equal(t, want.Severity, f.Severity)
	assert.Equal(t, want.Subject, f.Subject)
	assert.Equal(t, want.Field, f.Field)
	assert.Equal(t, want.Details, f.Details)
	assert.Equal(t, want.Message, f.Message)
}

// entFinding returns the finding with the code, failing when there is not
// exactly one.
func entFinding(t *testing.T, fs []isms.Finding, code string) isms.Finding {
	t.Helper()
	got := isms.WithCode(fs, code)
	require.Len(t, got, 1, "findings with code %s in %v", code, entCodes(fs))
	return got[0]
}

// entRoundTrip encodes v, decodes it into a new value of the same type and
// returns it.
func entRoundTrip[T any](t *testing.T, v *T) *T {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out T
	require.NoError(t, json.Unmarshal(b, &out), "decode %s", b)
	return &out
}

// entStrictEnum checks that every value of an enum unmarshals from JSON,
// and that an unknown value and the empty string are errors answering
// ErrInvalid.
func entStrictEnum[T ~string](t *testing.T, values []T) {
	t.Helper()
	require.NotEmpty(t, values)
	for _, v := range values {
		var got T
		require.NoError(t, json.Unmarshal([]byte(`"`+string(v)+`"`), &got))
		assert.Equal(t, v, got)
	}
	for _, bad := range []string{`"no_such_value"`, `""`, `"` + string(values[0]) + ` "`} {
		var got T
		err := json.Unmarshal([]byte(bad), &got)
		require.Error(t, err, "unmarshal %s", bad)
		assert.True(t, errors.Is(err, isms.ErrInvalid), "unmarshal %s: %v", bad, err)
		assert.Empty(t, string(got))
	}
}

func validScope() *isms.Scope {
	return &isms.Scope{
		Meta:        isms.Meta{ID: "scope-1"},
		Name:        "Acme SaaS platform",
		Description: "The development and operation of the Acme SaaS platform.",
		Inclusions: []isms.ScopeItem{
			{Kind: isms.ScopeItemOrganizationalUnit, Name: "Engineering"},
			{Kind: isms.ScopeItemLocation, Name: "Berlin office"},
			{Kind: isms.ScopeItemProcess, Name: "Software development"},
			{Kind: isms.ScopeItemSystem, Name: "Production cluster", Ref: isms.NewRef(isms.KindAsset, "a-prod")},
		},
		Exclusions: []isms.ScopeItem{
			{Kind: isms.ScopeItemOrganizationalUnit, Name: "Retail shop", Justification: "Separate legal entity with no access to customer data."},
		},
		Interfaces: []isms.ScopeInterface{
			{Kind: isms.ScopeInterfaceDependency, Description: "Hosting of the production cluster", Counterparty: "Cloud provider",
				CounterpartyRef: isms.NewRef(isms.KindInterestedParty, "p-cloud"), InternalActivity: "Operations", ExternalActivity: "IaaS"},
			{Kind: isms.ScopeInterfaceExchange, Description: "Payroll data to the payroll bureau", Counterparty: "Payroll bureau"},
		},
		Parties:    []isms.Ref{isms.NewRef(isms.KindInterestedParty, "p-cloud")},
		Version:    "1.0",
		ApprovedBy: "ceo",
		ApprovedAt: entDate(2025, time.January, 10),
	}
}

func TestScopeValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(s *isms.Scope)
		want   [][2]string
	}{
		{"valid", func(*isms.Scope) {}, nil},
		{"minimal", func(s *isms.Scope) { *s = isms.Scope{Name: "x"} }, nil},
		{"name blank", func(s *isms.Scope) { s.Name = "  " }, [][2]string{{"name", isms.CodeRequired}}},
		{"bad id", func(s *isms.Scope) { s.ID = "a b" }, [][2]string{{"id", isms.CodeMalformed}}},
		{"negative revision", func(s *isms.Scope) { s.Revision = -1 }, [][2]string{{"revision", isms.CodeOutOfRange}}},
		{"updated before created", func(s *isms.Scope) {
			s.CreatedAt, s.UpdatedAt = entDate(2025, 2, 1), entDate(2025, 1, 1)
		}, [][2]string{{"updated_at", isms.CodeOrder}}},
		{"item kind missing", func(s *isms.Scope) { s.Inclusions[0].Kind = "" },
			[][2]string{{"inclusions[0].kind", isms.CodeRequired}}},
		{"item kind unknown", func(s *isms.Scope) { s.Inclusions[1].Kind = "planet" },
			[][2]string{{"inclusions[1].kind", isms.CodeUnknown}}},
		{"item name missing", func(s *isms.Scope) { s.Inclusions[2].Name = "" },
			[][2]string{{"inclusions[2].name", isms.CodeRequired}}},
		{"item ref malformed", func(s *isms.Scope) { s.Inclusions[3].Ref = isms.Ref{Kind: "asset"} },
			[][2]string{{"inclusions[3].ref.id", isms.CodeMalformed}}},
		{"item listed twice", func(s *isms.Scope) { s.Inclusions = append(s.Inclusions, s.Inclusions[0]) },
			[][2]string{{"inclusions[4]", isms.CodeDuplicate}}},
		{"same name other kind is fine", func(s *isms.Scope) {
			s.Inclusions = append(s.Inclusions, isms.ScopeItem{Kind: isms.ScopeItemProcess, Name: "Engineering"})
		}, nil},
		{"exclusion without justification", func(s *isms.Scope) { s.Exclusions[0].Justification = " " },
			[][2]string{{"exclusions[0].justification", isms.CodeRequired}}},
		{"included and excluded", func(s *isms.Scope) {
			s.Exclusions = append(s.Exclusions, isms.ScopeItem{Kind: isms.ScopeItemLocation, Name: "Berlin office", Justification: "x"})
		}, [][2]string{{"exclusions[1]", isms.CodeForbidden}}},
		{"interface kind missing", func(s *isms.Scope) { s.Interfaces[0].Kind = "" },
			[][2]string{{"interfaces[0].kind", isms.CodeRequired}}},
		{"interface kind unknown", func(s *isms.Scope) { s.Interfaces[0].Kind = "pipe" },
			[][2]string{{"interfaces[0].kind", isms.CodeUnknown}}},
		{"interface description missing", func(s *isms.Scope) { s.Interfaces[1].Description = "" },
			[][2]string{{"interfaces[1].description", isms.CodeRequired}}},
		{"interface counterparty missing", func(s *isms.Scope) { s.Interfaces[1].Counterparty = "" },
			[][2]string{{"interfaces[1].counterparty", isms.CodeRequired}}},
		{"interface ref malformed", func(s *isms.Scope) { s.Interfaces[0].CounterpartyRef = isms.Ref{ID: "x"} },
			[][2]string{{"interfaces[0].counterparty_ref.kind", isms.CodeRequired}}},
		{"party of another kind", func(s *isms.Scope) { s.Parties[0].Kind = isms.KindAsset },
			[][2]string{{"parties[0].kind", isms.CodeUnknown}}},
		{"party twice", func(s *isms.Scope) { s.Parties = append(s.Parties, s.Parties[0]) },
			[][2]string{{"parties[1]", isms.CodeDuplicate}}},
		{"approved_by without approved_at", func(s *isms.Scope) { s.ApprovedAt = time.Time{} },
			[][2]string{{"approved_at", isms.CodeRequired}}},
		{"approved_at without approved_by", func(s *isms.Scope) { s.ApprovedBy = "" },
			[][2]string{{"approved_by", isms.CodeRequired}}},
		{"every problem at once", func(s *isms.Scope) {
			s.Name = ""
			s.Inclusions[0].Name = ""
			s.Exclusions[0].Justification = ""
			s.Interfaces[0].Counterparty = ""
			s.ApprovedBy = ""
		}, [][2]string{
			{"name", isms.CodeRequired}, {"inclusions[0].name", isms.CodeRequired},
			{"exclusions[0].justification", isms.CodeRequired}, {"interfaces[0].counterparty", isms.CodeRequired},
			{"approved_by", isms.CodeRequired},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validScope()
			tt.mutate(s)
			entProblems(t, s.Validate(), tt.want...)
		})
	}
}

func TestScopeValidationErrorSubject(t *testing.T) {
	s := validScope()
	s.Name = ""
	var ve *isms.ValidationError
	require.ErrorAs(t, s.Validate(), &ve)
	assert.Equal(t, "scope scope-1", ve.Subject)
	s.ID = ""
	require.ErrorAs(t, s.Validate(), &ve)
	assert.Equal(t, "scope", ve.Subject)
}

func TestScopeJSON(t *testing.T) {
	s := validScope()
	s.Revision = 3
	s.CreatedAt = time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC)
	s.UpdatedAt = s.CreatedAt
	got := entRoundTrip(t, s)
	assert.Equal(t, s, got)

	b, err := json.Marshal(isms.Scope{Name: "x"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"","name":"x"}`, string(b))

	b, err = json.Marshal(s)
	require.NoError(t, err)
	var raw map[string]any
	require.NoError(t, json.Unmarshal(b, &raw))
	assert.Equal(t, "2025-01-10T00:00:00Z", raw["approved_at"])
	assert.Contains(t, raw, "inclusions")
	assert.Contains(t, raw, "interfaces")

	var bad isms.Scope
	err = json.Unmarshal([]byte(`{"name":"x","inclusions":[{"kind":"galaxy","name":"y"}]}`), &bad)
	assert.ErrorIs(t, err, isms.ErrInvalid)
}

func TestScopeEnums(t *testing.T) {
	entStrictEnum(t, isms.ScopeItemKindValues())
	entStrictEnum(t, isms.ScopeInterfaceKindValues())
	for _, v := range isms.ScopeItemKindValues() {
		assert.True(t, v.IsValid())
	}
	for _, v := range isms.ScopeInterfaceKindValues() {
		assert.True(t, v.IsValid())
	}
	assert.False(t, isms.ScopeItemKind("").IsValid())
	assert.False(t, isms.ScopeInterfaceKind("pipe").IsValid())
	// Values returns a copy.
	v := isms.ScopeItemKindValues()
	v[0] = "mutated"
	assert.Equal(t, isms.ScopeItemOrganizationalUnit, isms.ScopeItemKindValues()[0])
}
