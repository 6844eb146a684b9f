package isms_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

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
	type call struct {
		name    string
		fn      func() error
		invalid bool
	}
	calls := []call{
		{name: "Person.Validate nil", fn: func() error { return nilPerson.Validate() }, invalid: true},
		{name: "Person.Validate zero", fn: func() error { return (&isms.Person{}).Validate() }, invalid: true},
		{name: "Person.ActiveAt nil", fn: func() error { same(t, false, nilPerson.ActiveAt(zero)); return nil }},
		{name: "Role.Validate nil", fn: func() error { return nilRole.Validate() }, invalid: true},
		{name: "Role.Validate zero", fn: func() error { return (&isms.Role{}).Validate() }, invalid: true},
		{name: "RoleAssignment.Validate nil", fn: func() error { return nilAssign.Validate() }, invalid: true},
		{name: "RoleAssignment.Validate zero", fn: func() error { return (&isms.RoleAssignment{}).Validate() }, invalid: true},
		{name: "RoleAssignment.ActiveAt nil", fn: func() error { same(t, false, nilAssign.ActiveAt(zero)); return nil }},
		{name: "RACIMatrix.Validate nil", fn: func() error { return nilRACI.Validate() }, invalid: true},
		{name: "RACIMatrix.Validate zero", fn: func() error { return (&isms.RACIMatrix{}).Validate() }, invalid: true},
		{name: "SoDRule.Validate nil", fn: func() error { return nilSoD.Validate() }, invalid: true},
		{name: "SoDRule.Validate zero", fn: func() error { return (&isms.SoDRule{}).Validate() }, invalid: true},
		{name: "TrainingRecord.Validate nil", fn: func() error { return nilTraining.Validate() }, invalid: true},
		{name: "TrainingRecord.Validate zero", fn: func() error { return (&isms.TrainingRecord{}).Validate() }, invalid: true},
		{name: "ControlCheck.Validate nil", fn: func() error { return nilCheck.Validate() }, invalid: true},
		{name: "ControlCheck.Validate zero", fn: func() error { return (&isms.ControlCheck{}).Validate() }, invalid: true},
		{name: "ControlCheck.Record nil", fn: func() error { return nilCheck.Record(isms.ControlCheckResult{}) }, invalid: true},
		{name: "ControlCheck.Record zero result", fn: func() error { return (&isms.ControlCheck{}).Record(isms.ControlCheckResult{}) }, invalid: true},
		{name: "ControlCheck.Latest nil", fn: func() error {
			r, ok := nilCheck.Latest()
			same(t, isms.ControlCheckResult{}, r)
			same(t, false, ok)
			return nil
		}},
		{name: "ValidateControlCheckUpdate nil, nil", fn: func() error { return isms.ValidateControlCheckUpdate(nil, nil) }, invalid: true},
		{name: "ValidateControlCheckUpdate nil stored", fn: func() error { return isms.ValidateControlCheckUpdate(nil, &isms.ControlCheck{}) }},
		{name: "Staffing.Holders nil", fn: func() error { same(t, []isms.ID(nil), nilStaff.Holders("", zero)); return nil }},

		// Parsers.
		{name: "ParsePerson nil", fn: func() error { _, err := isms.ParsePerson(nil); return err }, invalid: true},
		{name: "ParseRole nil", fn: func() error { _, err := isms.ParseRole(nil); return err }, invalid: true},
		{name: "ParseRoleAssignment nil", fn: func() error { _, err := isms.ParseRoleAssignment(nil); return err }, invalid: true},
		{name: "ParseRACIMatrix nil", fn: func() error { _, err := isms.ParseRACIMatrix(nil); return err }, invalid: true},
		{name: "ParseSoDRule nil", fn: func() error { _, err := isms.ParseSoDRule(nil); return err }, invalid: true},
		{name: "ParseTrainingRecord nil", fn: func() error { _, err := isms.ParseTrainingRecord(nil); return err }, invalid: true},
		{name: "ParseControlCheck nil", fn: func() error { _, err := isms.ParseControlCheck(nil); return err }, invalid: true},

		// Options.
		{name: "PolicyContentOptions.Validate nil", fn: func() error { return nilPCOpts.Validate() }},
		{name: "PolicyContentOptions.Validate zero", fn: func() error { return (&isms.PolicyContentOptions{}).Validate() }},
		{name: "CompetenceCheckOptions.Validate nil", fn: func() error { return nilCCOpts.Validate() }},
		{name: "CompetenceCheckOptions.Validate zero", fn: func() error { return (&isms.CompetenceCheckOptions{}).Validate() }},

		// Checks: nil inputs have no findings.
		{name: "CheckPolicyContent nil", fn: func() error {
			fs, err := isms.CheckPolicyContent(nilDoc, nilPCOpts)
			same(t, 0, len(fs))
			return err
		}},
		{name: "CheckPolicyContent zero document", fn: func() error {
			fs, err := isms.CheckPolicyContent(&isms.Document{}, nil)
			same(t, 0, len(fs))
			return err
		}},
		{name: "CheckPolicyContent zero policy", fn: func() error {
			// A policy with no sections lacks all six.
			fs, err := isms.CheckPolicyContent(&isms.Document{Type: isms.DocumentPolicy}, nil)
			same(t, 6, len(fs))
			return err
		}},
		{name: "CheckDocumentSet nil", fn: func() error {
			same(t, 0, len(isms.CheckDocumentSet(nil, nilStaff, zero, nilSetOpts)))
			same(t, 0, len(isms.CheckDocumentSet([]*isms.Document{nil}, &isms.Staffing{}, zero, &isms.DocumentSetOptions{})))
			return nil
		}},
		{name: "CheckRoles nil", fn: func() error {
			same(t, 0, len(isms.CheckRoles(nilStaff, nilRACI, zero)))
			same(t, 0, len(isms.CheckRoles(&isms.Staffing{People: []*isms.Person{nil}, Roles: []*isms.Role{nil},
				Assignments: []*isms.RoleAssignment{nil}}, &isms.RACIMatrix{}, zero)))
			return nil
		}},
		{name: "CheckSoD nil", fn: func() error {
			same(t, 0, len(isms.CheckSoD(nilStaff, nil, zero)))
			same(t, 0, len(isms.CheckSoD(&isms.Staffing{Roles: []*isms.Role{nil}, Assignments: []*isms.RoleAssignment{nil}},
				[]*isms.SoDRule{nil, {}}, zero)))
			return nil
		}},
		{name: "CheckCompetence nil", fn: func() error {
			fs, err := isms.CheckCompetence(nilStaff, nil, zero, nilCCOpts)
			same(t, 0, len(fs))
			return err
		}},
		{name: "CheckCompetence nil entries", fn: func() error {
			fs, err := isms.CheckCompetence(&isms.Staffing{People: []*isms.Person{nil}, Roles: []*isms.Role{nil},
				Assignments: []*isms.RoleAssignment{nil}}, []*isms.TrainingRecord{nil}, zero, &isms.CompetenceCheckOptions{})
			same(t, 0, len(fs))
			return err
		}},
		{name: "AwarenessCoverage nil", fn: func() error {
			c, err := isms.AwarenessCoverage(nilStaff, nil, zero, nilCCOpts)
			same(t, isms.Coverage{Period: isms.Years(1)}, c)
			return err
		}},
		{name: "CheckControlChecks nil", fn: func() error { same(t, 0, len(isms.CheckControlChecks(nil, zero))); return nil }},
		{name: "CheckControlChecks zero check", fn: func() error {
			// A zero check has no owner and no result.
			same(t, []string{"control_check.owner_missing", "control_check.not_run"},
				entCodes(isms.CheckControlChecks([]*isms.ControlCheck{{}}, zero)))
			return nil
		}},
		{name: "EffectivenessAt nil", fn: func() error {
			same(t, []isms.ControlEffectiveness{}, isms.EffectivenessAt(nil, zero))
			return nil
		}},
		{name: "CheckControlStatus nil", fn: func() error { same(t, 0, len(isms.CheckControlStatus(nil, nil, nilStatus))); return nil }},

		// Enums.
		{name: "SectionKind.UnmarshalText nil", fn: func() error { var p *isms.SectionKind; return p.UnmarshalText(nil) }, invalid: true},
		{name: "RACI.UnmarshalText nil", fn: func() error { var p *isms.RACI; return p.UnmarshalText(nil) }, invalid: true},
		{name: "TrainingResult.UnmarshalText nil", fn: func() error { var p *isms.TrainingResult; return p.UnmarshalText(nil) }, invalid: true},
		{name: "CheckMethod.UnmarshalText nil", fn: func() error { var p *isms.CheckMethod; return p.UnmarshalText(nil) }, invalid: true},
		{name: "CheckOutcome.UnmarshalText nil", fn: func() error { var p *isms.CheckOutcome; return p.UnmarshalText(nil) }, invalid: true},
		{name: "Effectiveness.UnmarshalText nil", fn: func() error { var p *isms.Effectiveness; return p.UnmarshalText(nil) }, invalid: true},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panic: %v", r)
					}
				}()
				err = c.fn()
			}()
			if c.invalid {
				assert.ErrorIs(t, err, isms.ErrInvalid, fmt.Sprint(err))
			} else {
				assert.NoError(t, err)
			}
		})
	}
}
