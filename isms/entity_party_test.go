package isms_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

func validParty() *isms.InterestedParty {
	return &isms.InterestedParty{
		Meta:        isms.Meta{ID: "p-dpa"},
		Name:        "Data protection authority",
		Kind:        isms.PartyRegulator,
		Description: "Supervisory authority under the GDPR.",
		Requirements: []isms.PartyRequirement{
			{Description: "Notify personal data breaches within 72 hours", Type: isms.PartyRequirementLegal,
				Source: "GDPR", Reference: "Art. 33", Addressed: true,
				AddressedBy: []isms.Ref{isms.NewRef("control", "A.5.26"), isms.NewRef(isms.KindDocument, "d-ir")}},
			{Description: "Annual report on processing", Type: isms.PartyRequirementRegulatory,
				Addressed: false, Rationale: "Handled by the legal department outside the ISMS."},
		},
	}
}

func TestInterestedPartyValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *isms.InterestedParty)
		want   [][2]string
	}{
		{"valid", func(*isms.InterestedParty) {}, nil},
		{"name missing", func(p *isms.InterestedParty) { p.Name = "" }, [][2]string{{"name", isms.CodeRequired}}},
		{"kind missing", func(p *isms.InterestedParty) { p.Kind = "" }, [][2]string{{"kind", isms.CodeRequired}}},
		{"kind unknown", func(p *isms.InterestedParty) { p.Kind = "alien" }, [][2]string{{"kind", isms.CodeUnknown}}},
		{"bad id", func(p *isms.InterestedParty) { p.ID = "\x00" }, [][2]string{{"id", isms.CodeMalformed}}},
		{"requirement description missing", func(p *isms.InterestedParty) { p.Requirements[1].Description = "" },
			[][2]string{{"requirements[1].description", isms.CodeRequired}}},
		{"requirement type missing", func(p *isms.InterestedParty) { p.Requirements[0].Type = "" },
			[][2]string{{"requirements[0].type", isms.CodeRequired}}},
		{"requirement type unknown", func(p *isms.InterestedParty) { p.Requirements[0].Type = "moral" },
			[][2]string{{"requirements[0].type", isms.CodeUnknown}}},
		{"addressed_by malformed", func(p *isms.InterestedParty) { p.Requirements[0].AddressedBy[1].Kind = "a/b" },
			[][2]string{{"requirements[0].addressed_by[1].kind", isms.CodeMalformed}}},
		{"addressed_by twice", func(p *isms.InterestedParty) {
			r := &p.Requirements[0]
			r.AddressedBy = append(r.AddressedBy, r.AddressedBy[0])
		}, [][2]string{{"requirements[0].addressed_by[2]", isms.CodeDuplicate}}},
		{"addressed_by but not addressed", func(p *isms.InterestedParty) { p.Requirements[0].Addressed = false },
			[][2]string{{"requirements[0].addressed_by", isms.CodeForbidden}}},
		{"every problem", func(p *isms.InterestedParty) {
			p.Name, p.Kind = "", "x"
			p.Requirements[0].Type = ""
			p.Requirements[1].Description = ""
		}, [][2]string{
			{"name", isms.CodeRequired}, {"kind", isms.CodeUnknown},
			{"requirements[0].type", isms.CodeRequired}, {"requirements[1].description", isms.CodeRequired},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validParty()
			tt.mutate(p)
			entProblems(t, p.Validate(), tt.want...)
		})
	}
}

func TestInterestedPartyJSON(t *testing.T) {
	p := validParty()
	assert.Equal(t, p, entRoundTrip(t, p))

	b, err := json.Marshal(p.Requirements[1])
	require.NoError(t, err)
	assert.JSONEq(t, `{"description":"Annual report on processing","type":"regulatory",
		"rationale":"Handled by the legal department outside the ISMS."}`, string(b))

	var bad isms.InterestedParty
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"name":"x","kind":"citizen"}`), &bad), isms.ErrInvalid)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"name":"x","kind":"public","requirements":[{"description":"d","type":"ethical"}]}`), &bad), isms.ErrInvalid)
}

func TestPartyEnums(t *testing.T) {
	entStrictEnum(t, isms.PartyKindValues())
	entStrictEnum(t, isms.PartyRequirementTypeValues())
	assert.Len(t, isms.PartyKindValues(), 8)
	assert.Equal(t, []isms.PartyRequirementType{"legal", "regulatory", "contractual", "other"}, isms.PartyRequirementTypeValues())
	assert.True(t, isms.PartyEmployee.IsValid())
	assert.False(t, isms.PartyKind("Customer").IsValid())
	assert.True(t, isms.PartyRequirementContractual.IsValid())
	assert.False(t, isms.PartyRequirementType("").IsValid())
}
