package isms_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/isms"
)

// TestNilAndZeroArguments calls every exported function and method of the
// package that takes a pointer, slice, map, func, interface or reader, or
// has a pointer receiver, with nil and zero arguments. None may panic; a
// call with an error result must answer the documented category
// (ErrInvalid) when the input is bad, and the documented zero result
// otherwise.
func TestNilAndZeroArguments(t *testing.T) {
	var (
		nilAsset     *isms.Asset
		nilDoc       *isms.Document
		nilEvidence  *isms.Evidence
		nilObjective *isms.Objective
		nilParty     *isms.InterestedParty
		nilScope     *isms.Scope
		nilOpts      *isms.DocumentCheckOptions
		nilProblems  *isms.Problems
		nilMeta      *isms.Meta
		nilVE        *isms.ValidationError
		nilNF        *isms.NotFoundError
		nilCE        *isms.ConflictError
		nilTE        *isms.TransitionError
		nilMachine   *isms.StateMachine[isms.DocumentStatus, isms.DocumentTransitionRequest]
		nilCtx       context.Context
		nilIDs       isms.IDFunc
		nilClock     isms.ClockFunc
		zero         time.Time
	)
	type call struct {
		name    string
		fn      func() error // returns the call's error, or nil when it has none
		invalid bool         // the error must answer ErrInvalid
	}
	same := func(t *testing.T, want, got any) { t.Helper(); assert.Equal(t, want, got) }
	calls := []call{
		// Kernel: identity, time, context.
		{name: "IDFunc(nil).NewID", fn: func() error { same(t, isms.ID(""), nilIDs.NewID("risk")); return nil }},
		{name: "ID.Validate zero", fn: func() error { return isms.ID("").Validate() }, invalid: true},
		{name: "Ref.Validate zero", fn: func() error { return isms.Ref{}.Validate() }, invalid: true},
		{name: "ClockFunc(nil).Now", fn: func() error { same(t, time.Time{}, nilClock.Now()); return nil }},
		{name: "WithActor(nil)", fn: func() error {
			a, ok := isms.ActorFrom(isms.WithActor(nilCtx, "alice"))
			same(t, "alice", a)
			same(t, true, ok)
			return nil
		}},
		{name: "ActorFrom(nil)", fn: func() error {
			a, ok := isms.ActorFrom(nilCtx)
			same(t, "", a)
			same(t, false, ok)
			return nil
		}},
		{name: "Meta.Metadata nil", fn: func() error { same(t, nilMeta, nilMeta.Metadata()); return nil }},
		{name: "NormalizeTime zero", fn: func() error { same(t, zero, isms.NormalizeTime(zero)); return nil }},
		{name: "CheckTime nil problems", fn: func() error { isms.CheckTime(nil, "at", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)); return nil }},

		// Errors and problems.
		{name: "Problems.Add nil", fn: func() error { nilProblems.Add("f", "c", "m"); return nil }},
		{name: "Problems.Addf nil", fn: func() error { nilProblems.Addf("f", "c", "%d", 1); return nil }},
		{name: "Problems.Merge nil", fn: func() error { nilProblems.Merge("f", errors.New("x")); return nil }},
		{name: "Problems.Merge nil error", fn: func() error {
			var ps isms.Problems
			ps.Merge("f", nil)
			ps.Merge("f", nilVE)
			same(t, 1, len(ps)) // a typed nil *ValidationError is an error value, merged as one problem
			return nil
		}},
		{name: "Problems(nil).Err", fn: func() error { return isms.Problems(nil).Err("") }},
		{name: "ValidationError nil", fn: func() error {
			same(t, "<nil>", nilVE.Error())
			same(t, false, nilVE.Is(isms.ErrInvalid))
			same(t, false, nilVE.Has("", ""))
			return nil
		}},
		{name: "NotFoundError nil", fn: func() error { same(t, "<nil>", nilNF.Error()); same(t, false, nilNF.Is(isms.ErrNotFound)); return nil }},
		{name: "ConflictError nil", fn: func() error { same(t, "<nil>", nilCE.Error()); same(t, false, nilCE.Is(isms.ErrConflict)); return nil }},
		{name: "TransitionError nil", fn: func() error {
			same(t, "<nil>", nilTE.Error())
			same(t, false, nilTE.Is(isms.ErrInvalid))
			same(t, nil, nilTE.Unwrap())
			return nil
		}},
		{name: "Invalidf empty", fn: func() error { return isms.Invalidf("") }, invalid: true},
		{name: "JoinField zero", fn: func() error { same(t, "", isms.JoinField("", "")); return nil }},

		// Enums.
		{name: "ParseEnum nil values", fn: func() error { _, err := isms.ParseEnum[isms.Severity]("severity", "", nil); return err }, invalid: true},
		{name: "UnmarshalEnum nil dst", fn: func() error {
			return isms.UnmarshalEnum[isms.Severity](nil, "severity", []byte("error"), isms.SeverityValues())
		}, invalid: true},
		{name: "UnmarshalEnum nil bytes", fn: func() error {
			var s isms.Severity
			return isms.UnmarshalEnum(&s, "severity", nil, isms.SeverityValues())
		}, invalid: true},
		{name: "CheckEnum nil problems", fn: func() error { isms.CheckEnum[isms.Severity](nil, "f", "", nil, true); return nil }},
		{name: "Severity.UnmarshalText nil", fn: func() error { var p *isms.Severity; return p.UnmarshalText([]byte("error")) }, invalid: true},
		{name: "AssetKind.UnmarshalText nil", fn: func() error { var p *isms.AssetKind; return p.UnmarshalText(nil) }, invalid: true},
		{name: "AssetStatus.UnmarshalText nil", fn: func() error { var p *isms.AssetStatus; return p.UnmarshalText(nil) }, invalid: true},
		{name: "CIALevel.UnmarshalText nil", fn: func() error { var p *isms.CIALevel; return p.UnmarshalText(nil) }, invalid: true},
		{name: "InformationClassification.UnmarshalText nil", fn: func() error { var p *isms.InformationClassification; return p.UnmarshalText(nil) }, invalid: true},
		{name: "DocumentType.UnmarshalText nil", fn: func() error { var p *isms.DocumentType; return p.UnmarshalText(nil) }, invalid: true},
		{name: "DocumentStatus.UnmarshalText nil", fn: func() error { var p *isms.DocumentStatus; return p.UnmarshalText(nil) }, invalid: true},
		{name: "DocumentReviewState.UnmarshalText nil", fn: func() error { var p *isms.DocumentReviewState; return p.UnmarshalText(nil) }, invalid: true},
		{name: "EvidenceKind.UnmarshalText nil", fn: func() error { var p *isms.EvidenceKind; return p.UnmarshalText(nil) }, invalid: true},
		{name: "ObjectiveStatus.UnmarshalText nil", fn: func() error { var p *isms.ObjectiveStatus; return p.UnmarshalText(nil) }, invalid: true},
		{name: "ObjectiveTargetDirection.UnmarshalText nil", fn: func() error { var p *isms.ObjectiveTargetDirection; return p.UnmarshalText(nil) }, invalid: true},
		{name: "PartyKind.UnmarshalText nil", fn: func() error { var p *isms.PartyKind; return p.UnmarshalText(nil) }, invalid: true},
		{name: "PartyRequirementType.UnmarshalText nil", fn: func() error { var p *isms.PartyRequirementType; return p.UnmarshalText(nil) }, invalid: true},
		{name: "ScopeItemKind.UnmarshalText nil", fn: func() error { var p *isms.ScopeItemKind; return p.UnmarshalText(nil) }, invalid: true},
		{name: "ScopeInterfaceKind.UnmarshalText nil", fn: func() error { var p *isms.ScopeInterfaceKind; return p.UnmarshalText(nil) }, invalid: true},
		{name: "empty enum value", fn: func() error { var s isms.AssetKind; return s.UnmarshalText([]byte{}) }, invalid: true},

		// Durations.
		{name: "Duration.UnmarshalText nil", fn: func() error { var p *isms.Duration; return p.UnmarshalText([]byte("P1D")) }, invalid: true},
		{name: "Duration.UnmarshalText empty", fn: func() error { var d isms.Duration; return d.UnmarshalText(nil) }, invalid: true},
		{name: "ParseDuration empty", fn: func() error { _, err := isms.ParseDuration(""); return err }, invalid: true},
		{name: "Duration zero", fn: func() error {
			var d isms.Duration
			same(t, zero, d.AddTo(zero))
			same(t, zero, d.SubFrom(zero))
			same(t, "PT0S", d.String())
			same(t, time.Duration(0), d.Nominal())
			_, err := d.MarshalText()
			return err
		}},

		// Findings and rules.
		{name: "SortFindings nil", fn: func() error { isms.SortFindings(nil); return nil }},
		{name: "WithCode nil", fn: func() error { same(t, 0, len(isms.WithCode(nil, ""))); return nil }},
		{name: "WithoutCodes nil", fn: func() error { same(t, 0, len(isms.WithoutCodes(nil))); return nil }},
		{name: "MaxSeverity nil", fn: func() error { same(t, isms.Severity(""), isms.MaxSeverity(nil)); return nil }},
		{name: "Rule.Finding zero", fn: func() error { same(t, isms.Finding{}, isms.Rule{}.Finding(isms.Ref{}, "")); return nil }},

		// Strict decoding.
		{name: "UnmarshalStrict nil nil", fn: func() error { return isms.UnmarshalStrict(nil, nil) }, invalid: true},
		{name: "UnmarshalStrict nil target", fn: func() error { return isms.UnmarshalStrict([]byte(`{}`), nil) }, invalid: true},
		{name: "ReadStrict nil reader", fn: func() error { return isms.ReadStrict(nil, &struct{}{}) }, invalid: true},
		{name: "ParseScope nil", fn: func() error { _, err := isms.ParseScope(nil); return err }, invalid: true},
		{name: "ParseInterestedParty nil", fn: func() error { _, err := isms.ParseInterestedParty(nil); return err }, invalid: true},
		{name: "ParseAsset nil", fn: func() error { _, err := isms.ParseAsset(nil); return err }, invalid: true},
		{name: "ParseDocument nil", fn: func() error { _, err := isms.ParseDocument(nil); return err }, invalid: true},
		{name: "ParseObjective nil", fn: func() error { _, err := isms.ParseObjective(nil); return err }, invalid: true},
		{name: "ParseEvidence nil", fn: func() error { _, err := isms.ParseEvidence(nil); return err }, invalid: true},
		{name: "ParseAsset null", fn: func() error { _, err := isms.ParseAsset([]byte(`null`)); return err }, invalid: true},

		// State machines.
		{name: "StateMachine nil", fn: func() error {
			same(t, "", nilMachine.Name())
			same(t, false, nilMachine.Allowed("", ""))
			same(t, 0, len(nilMachine.Next("")))
			same(t, 0, len(nilMachine.Transitions()))
			same(t, "stateDiagram-v2\n", nilMachine.Mermaid())
			return nilMachine.Validate()
		}, invalid: true},
		{name: "StateMachine nil Check", fn: func() error { return nilMachine.Check("", "", isms.DocumentTransitionRequest{}) }, invalid: true},
		{name: "NewStateMachine zero", fn: func() error {
			m := isms.NewStateMachine[isms.DocumentStatus, isms.DocumentTransitionRequest]("", nil)
			same(t, false, m.Allowed("", ""))
			return m.Check("", "", isms.DocumentTransitionRequest{})
		}, invalid: true},
		{name: "DocumentLifecycle Check zero request", fn: func() error {
			return isms.DocumentLifecycle().Check(isms.DocumentInReview, isms.DocumentApproved, isms.DocumentTransitionRequest{})
		}, invalid: true},

		// Entities.
		{name: "Asset.Validate nil", fn: func() error { return nilAsset.Validate() }, invalid: true},
		{name: "Asset.Validate zero", fn: func() error { return (&isms.Asset{}).Validate() }, invalid: true},
		{name: "CheckAssets nil", fn: func() error { same(t, 0, len(isms.CheckAssets(nil))); return nil }},
		{name: "CheckAssets nil entries", fn: func() error { same(t, 0, len(isms.CheckAssets([]*isms.Asset{nil, nil}))); return nil }},
		{name: "CheckAssets zero asset", fn: func() error {
			same(t, []string{isms.CodeAssetOwnerMissing, isms.CodeAssetClassificationMissing}, entCodes(isms.CheckAssets([]*isms.Asset{{}})))
			return nil
		}},
		{name: "Scope.Validate nil", fn: func() error { return nilScope.Validate() }, invalid: true},
		{name: "Scope.Validate zero", fn: func() error { return (&isms.Scope{}).Validate() }, invalid: true},
		{name: "InterestedParty.Validate nil", fn: func() error { return nilParty.Validate() }, invalid: true},
		{name: "InterestedParty.Validate zero", fn: func() error { return (&isms.InterestedParty{}).Validate() }, invalid: true},
		{name: "Objective.Validate nil", fn: func() error { return nilObjective.Validate() }, invalid: true},
		{name: "Objective.Validate zero", fn: func() error { return (&isms.Objective{}).Validate() }, invalid: true},
		{name: "Objective.TargetMet nil", fn: func() error {
			met, known := nilObjective.TargetMet()
			same(t, [2]bool{false, false}, [2]bool{met, known})
			return nil
		}},
		{name: "CheckObjective nil", fn: func() error { same(t, 0, len(isms.CheckObjective(nil, zero))); return nil }},
		{name: "CheckObjective zero", fn: func() error { isms.CheckObjective(&isms.Objective{}, zero); return nil }},
		{name: "Evidence.Validate nil", fn: func() error { return nilEvidence.Validate() }, invalid: true},
		{name: "Evidence.Validate zero", fn: func() error { return (&isms.Evidence{}).Validate() }, invalid: true},
		{name: "Evidence.VerifyContent nil", fn: func() error { return nilEvidence.VerifyContent(nil) }, invalid: true},
		{name: "Evidence.VerifyContent nil reader", fn: func() error { return validEvidence().VerifyContent(nil) }, invalid: true},
		{name: "Evidence.FreshAt nil", fn: func() error { same(t, false, nilEvidence.FreshAt(zero)); return nil }},
		{name: "CheckEvidence nil", fn: func() error { same(t, 0, len(isms.CheckEvidence(nil, zero))); return nil }},
		{name: "CheckEvidence zero", fn: func() error { isms.CheckEvidence(&isms.Evidence{}, zero); return nil }},
		{name: "HashContent nil", fn: func() error { _, err := isms.HashContent(nil); return err }, invalid: true},
		{name: "Document.Validate nil", fn: func() error { return nilDoc.Validate() }, invalid: true},
		{name: "Document.Validate zero", fn: func() error { return (&isms.Document{}).Validate() }, invalid: true},
		{name: "Document.Transition nil", fn: func() error { return nilDoc.Transition("", "", zero) }, invalid: true},
		{name: "Document.Transition zero", fn: func() error { return (&isms.Document{}).Transition("", "", zero) }, invalid: true},
		{name: "Document.RecordReview nil", fn: func() error { return nilDoc.RecordReview("", zero) }, invalid: true},
		{name: "Document.RecordReview zero", fn: func() error { return (&isms.Document{}).RecordReview("", zero) }, invalid: true},
		{name: "Document.ReviewDue nil", fn: func() error {
			due, ok := nilDoc.ReviewDue()
			same(t, zero, due)
			same(t, false, ok)
			return nil
		}},
		{name: "Document.EffectiveReviewInterval nil", fn: func() error { same(t, isms.Duration{}, nilDoc.EffectiveReviewInterval()); return nil }},
		{name: "Document.ReviewStatus nil", fn: func() error { same(t, isms.DocumentReviewNotApplicable, nilDoc.ReviewStatus(zero)); return nil }},
		{name: "Document.ReviewStatusWithin nil", fn: func() error {
			same(t, isms.DocumentReviewNotApplicable, nilDoc.ReviewStatusWithin(zero, isms.Duration{}))
			return nil
		}},
		{name: "DocumentCheckOptions.Validate nil", fn: func() error { return nilOpts.Validate() }},
		{name: "CheckDocument nil", fn: func() error {
			fs, err := isms.CheckDocument(nil, zero, nil)
			same(t, 0, len(fs))
			return err
		}},
		{name: "CheckDocument zero", fn: func() error {
			_, err := isms.CheckDocument(&isms.Document{}, zero, &isms.DocumentCheckOptions{})
			return err
		}},
		{name: "CheckDocument negative window", fn: func() error {
			_, err := isms.CheckDocument(nil, zero, &isms.DocumentCheckOptions{DueSoonWindow: isms.Days(-10)})
			return err
		}, invalid: true},
		{name: "DocumentStatus zero Next", fn: func() error { same(t, 0, len(isms.DocumentStatus("").Next())); return nil }},
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
