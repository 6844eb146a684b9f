package isms_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

// TestRules checks the kernel's rules against the severity policy as
// decided for issue 8, written out by hand: a missing owner is always an
// error, an overdue review an error and a review due soon a warning.
func TestRules(t *testing.T) {
	type want struct {
		severity isms.Severity
		source   string
	}
	expected := map[string]want{
		"document.review_overdue":      {isms.SeverityError, "7.5.2"},
		"document.review_due_soon":     {isms.SeverityWarning, "7.5.2"},
		"document.owner_missing":       {isms.SeverityError, "5.3"},
		"document.not_published":       {isms.SeverityWarning, "7.5.3"},
		"document.review_date_missing": {isms.SeverityWarning, "7.5.2"},
		"document.self_approved":       {isms.SeverityError, "A.5.3"},
		"document.not_approved":        {isms.SeverityError, "7.5.2"},
		"evidence.expired":             {isms.SeverityError, "7.5.1"},
		"evidence.expires_soon":        {isms.SeverityWarning, "7.5.1"},
		"evidence.hash_missing":        {isms.SeverityWarning, "7.5.3"},
		"evidence.collected_in_future": {isms.SeverityError, ""},
		"evidence.unlinked":            {isms.SeverityInfo, ""},
		"objective.overdue":            {isms.SeverityError, "6.2"},
		"objective.owner_missing":      {isms.SeverityError, "6.2 h"},
		"objective.target_missing":     {isms.SeverityWarning, "6.2 b"},
		"objective.due_date_missing":   {isms.SeverityError, "6.2 i"},
		"objective.achieved_not_met":   {isms.SeverityError, "6.2"},
		"asset.owner_missing":          {isms.SeverityError, "A.5.9"},
		"asset.classification_missing": {isms.SeverityWarning, "A.5.12"},
		"asset.dangling_dependency":    {isms.SeverityError, "A.5.9"},
		"asset.dependency_cycle":       {isms.SeverityWarning, "A.5.30"},
		"asset.duplicate_id":           {isms.SeverityError, ""},
		// Issue 14, the management system.
		"policy.no_procedure":               {isms.SeverityWarning, "8.1"},
		"policy.approver_not_management":    {isms.SeverityError, "A.5.1"},
		"policy.review_interval_too_long":   {isms.SeverityError, "A.5.1"},
		"policy.section_missing":            {isms.SeverityError, "5.2"},
		"policy.section_empty":              {isms.SeverityError, "5.2"},
		"policy.controls_missing":           {isms.SeverityWarning, "A.5.1"},
		"procedure.policy_missing":          {isms.SeverityError, "A.5.37"},
		"procedure.policy_unknown":          {isms.SeverityError, "A.5.37"},
		"procedure.policy_changed":          {isms.SeverityWarning, "A.5.37"},
		"procedure.approver_not_management": {isms.SeverityError, "7.5.2"},
		"procedure.step_role_missing":       {isms.SeverityError, "A.5.37"},
		"procedure.step_role_vacant":        {isms.SeverityError, "5.3"},
		"raci.accountable_missing":          {isms.SeverityError, "5.3"},
		"raci.accountable_multiple":         {isms.SeverityError, "5.3"},
		"raci.role_unknown":                 {isms.SeverityError, "5.3"},
		"role.vacant":                       {isms.SeverityWarning, "5.3"},
		"role.unknown":                      {isms.SeverityError, "5.3"},
		"sod.conflict":                      {isms.SeverityError, "A.5.3"},
		"competence.missing":                {isms.SeverityError, "7.2"},
		"competence.expired":                {isms.SeverityError, "7.2"},
		"awareness.missing":                 {isms.SeverityError, "7.3"},
		"awareness.expired":                 {isms.SeverityError, "A.6.3"},
		"control_check.owner_missing":       {isms.SeverityError, "5.3"},
		"control_check.failed":              {isms.SeverityError, "9.1"},
		"control_check.overdue":             {isms.SeverityError, "9.1"},
		"control_check.not_run":             {isms.SeverityWarning, "9.1"},
		"control_check.evidence_missing":    {isms.SeverityWarning, "9.1"},
		"control_check.evidence_stale":      {isms.SeverityWarning, "9.1"},
		"control.implemented_but_failing":   {isms.SeverityError, "9.1"},
		"control.implemented_unverified":    {isms.SeverityWarning, "9.1"},
		"control.implemented_unmonitored":   {isms.SeverityInfo, "9.1"},
	}
	rules := isms.Rules()
	require.Len(t, rules, len(expected))
	source := regexp.MustCompile(`^(\d+(\.\d+)*( [a-z])?|A\.\d+\.\d+)$`)
	seen := map[string]bool{}
	for _, r := range rules {
		assert.False(t, seen[r.Code], "code %s listed twice", r.Code)
		seen[r.Code] = true
		assert.Regexp(t, `^(document|evidence|objective|asset|policy|procedure|raci|role|sod|competence|awareness|control_check|control)\.[a-z_]+$`, r.Code)
		w, ok := expected[r.Code]
		if assert.True(t, ok, "unexpected rule %s", r.Code) {
			assert.Equal(t, w.severity, r.Severity, r.Code)
			assert.Equal(t, w.source, r.Source, r.Code)
		}
		assert.NotEmpty(t, r.Summary, r.Code)
		assert.True(t, strings.HasSuffix(r.Summary, "."), r.Code)
		if r.Source != "" {
			assert.Regexp(t, source, r.Source, r.Code)
		}
		if strings.HasSuffix(r.Code, ".owner_missing") {
			assert.Equal(t, isms.SeverityError, r.Severity, "a missing owner is always an error")
		}
	}
	rules[0].Code = "mutated"
	assert.Equal(t, isms.CodeDocumentReviewOverdue, isms.Rules()[0].Code, "Rules returns a copy")

	// The finding-code constants never collide with the problem codes.
	for _, c := range []string{isms.CodeRequired, isms.CodeUnknown, isms.CodeOutOfRange, isms.CodeDuplicate,
		isms.CodeMalformed, isms.CodeOrder, isms.CodeForbidden} {
		assert.False(t, seen[c], c)
	}
}

func TestRuleFinding(t *testing.T) {
	r := isms.Rule{Code: "asset.owner_missing", Severity: isms.SeverityError, Summary: "s", Source: "A.5.9"}
	f := r.Finding(isms.NewRef(isms.KindAsset, "a1"), "asset a1 has no owner")
	assert.Equal(t, isms.Finding{Code: "asset.owner_missing", Severity: isms.SeverityError,
		Subject: isms.NewRef(isms.KindAsset, "a1"), Message: "asset a1 has no owner"}, f)
	b, err := jsonMarshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"asset.owner_missing","severity":"error","summary":"s","source":"A.5.9"}`, string(b))
}

// TestJSONNamesAreSnakeCase walks every struct of the package that is
// marshalled and checks that each exported field has an explicit
// snake_case JSON name (or is left out with "-").
func TestJSONNamesAreSnakeCase(t *testing.T) {
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	values := []any{
		isms.Meta{}, isms.Ref{}, isms.Finding{}, isms.Rule{}, isms.Problem{}, isms.ValidationError{},
		isms.NotFoundError{}, isms.ConflictError{}, isms.TransitionError{},
		isms.Scope{}, isms.ScopeItem{}, isms.ScopeInterface{}, isms.InterestedParty{}, isms.PartyRequirement{},
		isms.Asset{}, isms.CIA{}, isms.Document{}, isms.DocumentTransition{}, isms.DocumentCheckOptions{},
		isms.DocumentTransitionRequest{}, isms.Objective{}, isms.ObjectiveTarget{}, isms.Evidence{},
	}
	for _, v := range values {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() || (f.Anonymous && f.Type == reflect.TypeOf(isms.Meta{})) {
				continue
			}
			tag, ok := f.Tag.Lookup("json")
			if !assert.True(t, ok, "%s.%s has no json tag", typ.Name(), f.Name) {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if name != "-" {
				assert.Regexp(t, snake, name, "%s.%s", typ.Name(), f.Name)
			}
		}
	}
}
