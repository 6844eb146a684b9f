package bcp_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
)

func problems(t *testing.T, err error) map[string]string {
	t.Helper()
	var ve *isms.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	out := map[string]string{}
	for _, p := range ve.Problems {
		out[p.Field] = p.Code
	}
	return out
}

func TestValidateBIA(t *testing.T) {
	b := baseline().BIA
	b.ImpactScale = append(b.ImpactScale, "minor", "")
	b.Activities[0].Impacts[1].After = d("PT1H") // before PT2H
	b.Activities[0].Impacts[2].Level = "catastrophic"
	b.Activities[0].MBCO = &bcp.Quantity{Value: math.Inf(1)}
	b.Activities[0].DependsOn = []isms.ID{"app", "app", "ghost", "checkout"}
	b.Activities = append(b.Activities, bcp.Activity{ID: "db", Name: "", Criticality: "vital", Recovery: "sideways"})
	b.Resources[0].Backup = &bcp.BackupSchedule{}
	b.Resources[0].Failover = &bcp.Failover{}
	b.Resources[0].Kind = ""
	b.Resources[0].Asset = isms.Ref{Kind: "asset"}
	err := b.Validate()
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Equal(t, map[string]string{
		"impact_scale[4]":                isms.CodeDuplicate,
		"impact_scale[5]":                isms.CodeRequired,
		"activities[0].impacts[1].after": isms.CodeOrder,
		"activities[0].impacts[2].level": isms.CodeUnknown,
		"activities[0].mbco.value":       isms.CodeOutOfRange,
		"activities[0].mbco.unit":        isms.CodeRequired,
		"activities[0].depends_on[1]":    isms.CodeDuplicate,
		"activities[0].depends_on[2]":    isms.CodeUnknown,
		"activities[0].depends_on[3]":    isms.CodeForbidden,
		"activities[1].name":             isms.CodeRequired,
		"activities[1].criticality":      isms.CodeUnknown,
		"activities[1].recovery":         isms.CodeUnknown,
		"resources[0].kind":              isms.CodeRequired,
		"resources[1].id":                isms.CodeDuplicate, // activities claim their IDs first
		"resources[0].asset.id":          isms.CodeMalformed,
		"resources[0].backup.interval":   isms.CodeRequired,
		"resources[0].failover.mode":     isms.CodeRequired,
	}, problems(t, err))
	assert.ErrorIs(t, (*bcp.BIA)(nil).Validate(), isms.ErrInvalid)
}

func TestValidateSnapshot(t *testing.T) {
	s := baseline()
	s.Plans = append(s.Plans, bcp.RecoveryPlan{ID: "plan-checkout", Target: "ghost",
		Steps: []bcp.PlanStep{{Resources: []isms.ID{"checkout"}}}})
	s.Tests = append(s.Tests, bcp.DRTest{Name: "x", Kind: "drill", Plan: "nope", Resources: []isms.ID{"ghost"},
		DisruptedAt: at("2026-01-01T10:00:00Z"), RestoredAt: at("2026-01-01T09:00:00Z"), RestorePoint: at("2026-01-01T11:00:00Z"),
		Criteria: []bcp.Criterion{{}}})
	assert.Equal(t, map[string]string{
		"plans[1].id":                      isms.CodeDuplicate,
		"plans[1].name":                    isms.CodeRequired,
		"plans[1].target":                  isms.CodeUnknown,
		"plans[1].steps[0].name":           isms.CodeRequired,
		"plans[1].steps[0].resources[0]":   isms.CodeUnknown,
		"tests[1].id":                      isms.CodeRequired,
		"tests[1].kind":                    isms.CodeUnknown,
		"tests[1].plan":                    isms.CodeUnknown,
		"tests[1].resources[0]":            isms.CodeUnknown,
		"tests[1].restored_at":             isms.CodeOrder,
		"tests[1].restore_point":           isms.CodeOrder,
		"tests[1].criteria[0].description": isms.CodeRequired,
	}, problems(t, s.Validate()))
}

func TestParseRoundTrip(t *testing.T) {
	s := baseline()
	data, err := json.Marshal(s)
	require.NoError(t, err)
	// Durations are ISO 8601 strings in JSON.
	assert.Contains(t, string(data), `"rto":"PT4H"`)
	assert.Contains(t, string(data), `"interval":"PT15M"`)
	got, err := bcp.ParseSnapshot(data)
	require.NoError(t, err)
	assert.Equal(t, bcp.Check(s, checkNow), bcp.Check(got, checkNow))
	again, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(data), string(again))

	bdata, err := json.Marshal(s.BIA)
	require.NoError(t, err)
	b, err := bcp.ParseBIA(bdata)
	require.NoError(t, err)
	assert.Equal(t, s.BIA.Activities[0].RTO, b.Activities[0].RTO)
}

func TestParseStrict(t *testing.T) {
	for name, doc := range map[string]string{
		"unknown field": `{"id":"b","colour":"red"}`,
		"trailing":      `{"id":"b"} {}`,
		"bad enum":      `{"id":"b","activities":[{"id":"a","name":"A","criticality":"vital"}]}`,
		"integer rto":   `{"id":"b","activities":[{"id":"a","name":"A","criticality":"low","rto":3600}]}`,
		"invalid":       `{"id":""}`,
		"empty":         ``,
	} {
		_, err := bcp.ParseBIA([]byte(doc))
		assert.ErrorIs(t, err, isms.ErrInvalid, name)
		if err != nil {
			assert.Regexp(t, `^bcp: parse bia: `, err.Error(), name)
		}
	}
	_, err := bcp.ParseSnapshot([]byte(`{"plans":[]}`))
	assert.ErrorIs(t, err, isms.ErrInvalid)
}
