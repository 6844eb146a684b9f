package isms_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/internal/nilsweep"
	"github.com/ismskit/ismskit/isms"
)

// TestMgmtNilAndZeroArguments extends TestNilAndZeroArguments to the
// management-system entities (issue 14): every exported function and
// method with a pointer, slice or map argument or a pointer receiver,
// called with nil and zero values. None may panic; an error must answer
// ErrInvalid where the input is bad, and the documented zero result is
// checked otherwise.
func TestMgmtNilAndZeroArguments(t *testing.T) {
	var (
		nilPerson   *isms.Person
		nilRole     *isms.Role
		nilAssign   *isms.RoleAssignment
		nilStaff    *isms.Staffing
		nilRACI     *isms.RACIMatrix
		nilSoD      *isms.SoDRule
		nilTraining *isms.TrainingRecord
		nilCheck    *isms.ControlCheck
		nilDoc      *isms.Document
		nilPCOpts   *isms.PolicyContentOptions
		nilCCOpts   *isms.CompetenceCheckOptions
		nilSetOpts  *isms.DocumentSetOptions
		nilStatus   *isms.ControlStatusOptions
		zero        time.Time
	)
	same := func(t *testing.T, want, got any) { t.Helper(); assert.Equal(t, want, got) }
	calls := []nilsweep.Case{
		{Name: "Person.Validate nil", Fn: func() error { return nilPerson.Validate() }, Want: isms.ErrInvalid},
		{Name: "Person.Validate zero", Fn: func() error { return (&isms.Person{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "Person.ActiveAt nil", Fn: func() error { same(t, false, nilPerson.ActiveAt(zero)); return nil }},
		{Name: "Role.Validate nil", Fn: func() error { return nilRole.Validate() }, Want: isms.ErrInvalid},
		{Name: "Role.Validate zero", Fn: func() error { return (&isms.Role{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "RoleAssignment.Validate nil", Fn: func() error { return nilAssign.Validate() }, Want: isms.ErrInvalid},
		{Name: "RoleAssignment.Validate zero", Fn: func() error { return (&isms.RoleAssignment{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "RoleAssignment.ActiveAt nil", Fn: func() error { same(t, false, nilAssign.ActiveAt(zero)); return nil }},
		{Name: "RACIMatrix.Validate nil", Fn: func() error { return nilRACI.Validate() }, Want: isms.ErrInvalid},
		{Name: "RACIMatrix.Validate zero", Fn: func() error { return (&isms.RACIMatrix{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "SoDRule.Validate nil", Fn: func() error { return nilSoD.Validate() }, Want: isms.ErrInvalid},
		{Name: "SoDRule.Validate zero", Fn: func() error { return (&isms.SoDRule{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "TrainingRecord.Validate nil", Fn: func() error { return nilTraining.Validate() }, Want: isms.ErrInvalid},
		{Name: "TrainingRecord.Validate zero", Fn: func() error { return (&isms.TrainingRecord{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "ControlCheck.Validate nil", Fn: func() error { return nilCheck.Validate() }, Want: isms.ErrInvalid},
		{Name: "ControlCheck.Validate zero", Fn: func() error { return (&isms.ControlCheck{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "ControlCheck.Record nil", Fn: func() error { return nilCheck.Record(isms.ControlCheckResult{}) }, Want: isms.ErrInvalid},
		{Name: "ControlCheck.Record zero result", Fn: func() error { return (&isms.ControlCheck{}).Record(isms.ControlCheckResult{}) }, Want: isms.ErrInvalid},
		{Name: "ControlCheck.Latest nil", Fn: func() error {
			r, ok := nilCheck.Latest()
			same(t, isms.ControlCheckResult{}, r)
			same(t, false, ok)
			return nil
		}},
		{Name: "ValidateControlCheckUpdate nil, nil", Fn: func() error { return isms.ValidateControlCheckUpdate(nil, nil) }, Want: isms.ErrInvalid},
		{Name: "ValidateControlCheckUpdate nil stored", Fn: func() error { return isms.ValidateControlCheckUpdate(nil, &isms.ControlCheck{}) }},
		{Name: "Staffing.Holders nil", Fn: func() error { same(t, []isms.ID(nil), nilStaff.Holders("", zero)); return nil }},

		// Parsers.
		{Name: "ParsePerson nil", Fn: func() error { _, err := isms.ParsePerson(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseRole nil", Fn: func() error { _, err := isms.ParseRole(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseRoleAssignment nil", Fn: func() error { _, err := isms.ParseRoleAssignment(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseRACIMatrix nil", Fn: func() error { _, err := isms.ParseRACIMatrix(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseSoDRule nil", Fn: func() error { _, err := isms.ParseSoDRule(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseTrainingRecord nil", Fn: func() error { _, err := isms.ParseTrainingRecord(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseControlCheck nil", Fn: func() error { _, err := isms.ParseControlCheck(nil); return err }, Want: isms.ErrInvalid},

		// Options.
		{Name: "PolicyContentOptions.Validate nil", Fn: func() error { return nilPCOpts.Validate() }},
		{Name: "PolicyContentOptions.Validate zero", Fn: func() error { return (&isms.PolicyContentOptions{}).Validate() }},
		{Name: "CompetenceCheckOptions.Validate nil", Fn: func() error { return nilCCOpts.Validate() }},
		{Name: "CompetenceCheckOptions.Validate zero", Fn: func() error { return (&isms.CompetenceCheckOptions{}).Validate() }},

		// Checks: nil inputs have no findings.
		{Name: "CheckPolicyContent nil", Fn: func() error {
			fs, err := isms.CheckPolicyContent(nilDoc, nilPCOpts)
			same(t, 0, len(fs))
			return err
		}},
		{Name: "CheckPolicyContent zero document", Fn: func() error {
			fs, err := isms.CheckPolicyContent(&isms.Document{}, nil)
			same(t, 0, len(fs))
			return err
		}},
		{Name: "CheckPolicyContent zero policy", Fn: func() error {
			// A policy with no sections lacks all six.
			fs, err := isms.CheckPolicyContent(&isms.Document{Type: isms.DocumentPolicy}, nil)
			same(t, 6, len(fs))
			return err
		}},
		{Name: "CheckDocumentSet nil", Fn: func() error {
			same(t, 0, len(isms.CheckDocumentSet(nil, nilStaff, zero, nilSetOpts)))
			same(t, 0, len(isms.CheckDocumentSet([]*isms.Document{nil}, &isms.Staffing{}, zero, &isms.DocumentSetOptions{})))
			return nil
		}},
		{Name: "CheckRoles nil", Fn: func() error {
			same(t, 0, len(isms.CheckRoles(nilStaff, nilRACI, zero)))
			same(t, 0, len(isms.CheckRoles(&isms.Staffing{People: []*isms.Person{nil}, Roles: []*isms.Role{nil},
				Assignments: []*isms.RoleAssignment{nil}}, &isms.RACIMatrix{}, zero)))
			return nil
		}},
		{Name: "CheckSoD nil", Fn: func() error {
			same(t, 0, len(isms.CheckSoD(nilStaff, nil, zero)))
			same(t, 0, len(isms.CheckSoD(&isms.Staffing{Roles: []*isms.Role{nil}, Assignments: []*isms.RoleAssignment{nil}},
				[]*isms.SoDRule{nil, {}}, zero)))
			return nil
		}},
		{Name: "CheckCompetence nil", Fn: func() error {
			fs, err := isms.CheckCompetence(nilStaff, nil, zero, nilCCOpts)
			same(t, 0, len(fs))
			return err
		}},
		{Name: "CheckCompetence nil entries", Fn: func() error {
			fs, err := isms.CheckCompetence(&isms.Staffing{People: []*isms.Person{nil}, Roles: []*isms.Role{nil},
				Assignments: []*isms.RoleAssignment{nil}}, []*isms.TrainingRecord{nil}, zero, &isms.CompetenceCheckOptions{})
			same(t, 0, len(fs))
			return err
		}},
		{Name: "AwarenessCoverage nil", Fn: func() error {
			c, err := isms.AwarenessCoverage(nilStaff, nil, zero, nilCCOpts)
			same(t, isms.Coverage{Period: isms.Years(1)}, c)
			return err
		}},
		{Name: "CheckControlChecks nil", Fn: func() error { same(t, 0, len(isms.CheckControlChecks(nil, zero))); return nil }},
		{Name: "CheckControlChecks zero check", Fn: func() error {
			// A zero check has no owner and no result.
			same(t, []string{"control_check.owner_missing", "control_check.not_run"},
				entCodes(isms.CheckControlChecks([]*isms.ControlCheck{{}}, zero)))
			return nil
		}},
		{Name: "EffectivenessAt nil", Fn: func() error {
			same(t, []isms.ControlEffectiveness{}, isms.EffectivenessAt(nil, zero))
			return nil
		}},
		{Name: "CheckControlStatus nil", Fn: func() error { same(t, 0, len(isms.CheckControlStatus(nil, nil, nilStatus))); return nil }},

		// Enums.
		{Name: "SectionKind.UnmarshalText nil", Fn: func() error { var p *isms.SectionKind; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "RACI.UnmarshalText nil", Fn: func() error { var p *isms.RACI; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "TrainingResult.UnmarshalText nil", Fn: func() error { var p *isms.TrainingResult; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "CheckMethod.UnmarshalText nil", Fn: func() error { var p *isms.CheckMethod; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "CheckOutcome.UnmarshalText nil", Fn: func() error { var p *isms.CheckOutcome; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "Effectiveness.UnmarshalText nil", Fn: func() error { var p *isms.Effectiveness; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
	}
	nilsweep.RunCases(t, calls, nil)
}
