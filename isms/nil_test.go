package isms_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ismskit/ismskit/internal/nilsweep"
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
	same := func(t *testing.T, want, got any) { t.Helper(); assert.Equal(t, want, got) }
	calls := []nilsweep.Case{
		// Kernel: identity, time, context.
		{Name: "IDFunc(nil).NewID", Fn: func() error { same(t, isms.ID(""), nilIDs.NewID("risk")); return nil }},
		{Name: "ID.Validate zero", Fn: func() error { return isms.ID("").Validate() }, Want: isms.ErrInvalid},
		{Name: "Ref.Validate zero", Fn: func() error { return isms.Ref{}.Validate() }, Want: isms.ErrInvalid},
		{Name: "ClockFunc(nil).Now", Fn: func() error { same(t, time.Time{}, nilClock.Now()); return nil }},
		{Name: "WithActor(nil)", Fn: func() error {
			a, ok := isms.ActorFrom(isms.WithActor(nilCtx, "alice"))
			same(t, "alice", a)
			same(t, true, ok)
			return nil
		}},
		{Name: "ActorFrom(nil)", Fn: func() error {
			a, ok := isms.ActorFrom(nilCtx)
			same(t, "", a)
			same(t, false, ok)
			return nil
		}},
		{Name: "Meta.Metadata nil", Fn: func() error { same(t, nilMeta, nilMeta.Metadata()); return nil }},
		{Name: "NormalizeTime zero", Fn: func() error { same(t, zero, isms.NormalizeTime(zero)); return nil }},
		{Name: "CheckTime nil problems", Fn: func() error { isms.CheckTime(nil, "at", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)); return nil }},

		// Errors and problems.
		{Name: "Problems.Add nil", Fn: func() error { nilProblems.Add("f", "c", "m"); return nil }},
		{Name: "Problems.Addf nil", Fn: func() error { nilProblems.Addf("f", "c", "%d", 1); return nil }},
		{Name: "Problems.Merge nil", Fn: func() error { nilProblems.Merge("f", errors.New("x")); return nil }},
		{Name: "Problems.Merge nil error", Fn: func() error {
			var ps isms.Problems
			ps.Merge("f", nil)
			ps.Merge("f", nilVE)
			same(t, 1, len(ps)) // a typed nil *ValidationError is an error value, merged as one problem
			return nil
		}},
		{Name: "Problems(nil).Err", Fn: func() error { return isms.Problems(nil).Err("") }},
		{Name: "ValidationError nil", Fn: func() error {
			same(t, "<nil>", nilVE.Error())
			same(t, false, nilVE.Is(isms.ErrInvalid))
			same(t, false, nilVE.Has("", ""))
			return nil
		}},
		{Name: "NotFoundError nil", Fn: func() error { same(t, "<nil>", nilNF.Error()); same(t, false, nilNF.Is(isms.ErrNotFound)); return nil }},
		{Name: "ConflictError nil", Fn: func() error { same(t, "<nil>", nilCE.Error()); same(t, false, nilCE.Is(isms.ErrConflict)); return nil }},
		{Name: "TransitionError nil", Fn: func() error {
			same(t, "<nil>", nilTE.Error())
			same(t, false, nilTE.Is(isms.ErrInvalid))
			same(t, nil, nilTE.Unwrap())
			return nil
		}},
		{Name: "Invalidf empty", Fn: func() error { return isms.Invalidf("") }, Want: isms.ErrInvalid},
		{Name: "JoinField zero", Fn: func() error { same(t, "", isms.JoinField("", "")); return nil }},

		// Enums.
		{Name: "ParseEnum nil values", Fn: func() error { _, err := isms.ParseEnum[isms.Severity]("severity", "", nil); return err }, Want: isms.ErrInvalid},
		{Name: "UnmarshalEnum nil dst", Fn: func() error {
			return isms.UnmarshalEnum[isms.Severity](nil, "severity", []byte("error"), isms.SeverityValues())
		}, Want: isms.ErrInvalid},
		{Name: "UnmarshalEnum nil bytes", Fn: func() error {
			var s isms.Severity
			return isms.UnmarshalEnum(&s, "severity", nil, isms.SeverityValues())
		}, Want: isms.ErrInvalid},
		{Name: "CheckEnum nil problems", Fn: func() error { isms.CheckEnum[isms.Severity](nil, "f", "", nil, true); return nil }},
		{Name: "Severity.UnmarshalText nil", Fn: func() error { var p *isms.Severity; return p.UnmarshalText([]byte("error")) }, Want: isms.ErrInvalid},
		{Name: "AssetKind.UnmarshalText nil", Fn: func() error { var p *isms.AssetKind; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "AssetStatus.UnmarshalText nil", Fn: func() error { var p *isms.AssetStatus; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "CIALevel.UnmarshalText nil", Fn: func() error { var p *isms.CIALevel; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "InformationClassification.UnmarshalText nil", Fn: func() error { var p *isms.InformationClassification; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "DocumentType.UnmarshalText nil", Fn: func() error { var p *isms.DocumentType; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "DocumentStatus.UnmarshalText nil", Fn: func() error { var p *isms.DocumentStatus; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "DocumentReviewState.UnmarshalText nil", Fn: func() error { var p *isms.DocumentReviewState; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "EvidenceKind.UnmarshalText nil", Fn: func() error { var p *isms.EvidenceKind; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "ObjectiveStatus.UnmarshalText nil", Fn: func() error { var p *isms.ObjectiveStatus; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "ObjectiveTargetDirection.UnmarshalText nil", Fn: func() error { var p *isms.ObjectiveTargetDirection; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "PartyKind.UnmarshalText nil", Fn: func() error { var p *isms.PartyKind; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "PartyRequirementType.UnmarshalText nil", Fn: func() error { var p *isms.PartyRequirementType; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "ScopeItemKind.UnmarshalText nil", Fn: func() error { var p *isms.ScopeItemKind; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "ScopeInterfaceKind.UnmarshalText nil", Fn: func() error { var p *isms.ScopeInterfaceKind; return p.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "empty enum value", Fn: func() error { var s isms.AssetKind; return s.UnmarshalText([]byte{}) }, Want: isms.ErrInvalid},

		// Durations.
		{Name: "Duration.UnmarshalText nil", Fn: func() error { var p *isms.Duration; return p.UnmarshalText([]byte("P1D")) }, Want: isms.ErrInvalid},
		{Name: "Duration.UnmarshalText empty", Fn: func() error { var d isms.Duration; return d.UnmarshalText(nil) }, Want: isms.ErrInvalid},
		{Name: "ParseDuration empty", Fn: func() error { _, err := isms.ParseDuration(""); return err }, Want: isms.ErrInvalid},
		{Name: "Duration zero", Fn: func() error {
			var d isms.Duration
			same(t, zero, d.AddTo(zero))
			same(t, zero, d.SubFrom(zero))
			same(t, "PT0S", d.String())
			same(t, time.Duration(0), d.Nominal())
			_, err := d.MarshalText()
			return err
		}},

		// Findings and rules.
		{Name: "SortFindings nil", Fn: func() error { isms.SortFindings(nil); return nil }},
		{Name: "WithCode nil", Fn: func() error { same(t, 0, len(isms.WithCode(nil, ""))); return nil }},
		{Name: "WithoutCodes nil", Fn: func() error { same(t, 0, len(isms.WithoutCodes(nil))); return nil }},
		{Name: "MaxSeverity nil", Fn: func() error { same(t, isms.Severity(""), isms.MaxSeverity(nil)); return nil }},
		{Name: "Rule.Finding zero", Fn: func() error { same(t, isms.Finding{}, isms.Rule{}.Finding(isms.Ref{}, "")); return nil }},

		// Strict decoding.
		{Name: "UnmarshalStrict nil nil", Fn: func() error { return isms.UnmarshalStrict(nil, nil) }, Want: isms.ErrInvalid},
		{Name: "UnmarshalStrict nil target", Fn: func() error { return isms.UnmarshalStrict([]byte(`{}`), nil) }, Want: isms.ErrInvalid},
		{Name: "ReadStrict nil reader", Fn: func() error { return isms.ReadStrict(nil, &struct{}{}) }, Want: isms.ErrInvalid},
		{Name: "ParseScope nil", Fn: func() error { _, err := isms.ParseScope(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseInterestedParty nil", Fn: func() error { _, err := isms.ParseInterestedParty(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseAsset nil", Fn: func() error { _, err := isms.ParseAsset(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseDocument nil", Fn: func() error { _, err := isms.ParseDocument(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseObjective nil", Fn: func() error { _, err := isms.ParseObjective(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseEvidence nil", Fn: func() error { _, err := isms.ParseEvidence(nil); return err }, Want: isms.ErrInvalid},
		{Name: "ParseAsset null", Fn: func() error { _, err := isms.ParseAsset([]byte(`null`)); return err }, Want: isms.ErrInvalid},

		// State machines.
		{Name: "StateMachine nil", Fn: func() error {
			same(t, "", nilMachine.Name())
			same(t, false, nilMachine.Allowed("", ""))
			same(t, 0, len(nilMachine.Next("")))
			same(t, 0, len(nilMachine.Transitions()))
			same(t, "stateDiagram-v2\n", nilMachine.Mermaid())
			return nilMachine.Validate()
		}, Want: isms.ErrInvalid},
		{Name: "StateMachine nil Check", Fn: func() error { return nilMachine.Check("", "", isms.DocumentTransitionRequest{}) }, Want: isms.ErrInvalid},
		{Name: "NewStateMachine zero", Fn: func() error {
			m := isms.NewStateMachine[isms.DocumentStatus, isms.DocumentTransitionRequest]("", nil)
			same(t, false, m.Allowed("", ""))
			return m.Check("", "", isms.DocumentTransitionRequest{})
		}, Want: isms.ErrInvalid},
		{Name: "DocumentLifecycle Check zero request", Fn: func() error {
			return isms.DocumentLifecycle().Check(isms.DocumentInReview, isms.DocumentApproved, isms.DocumentTransitionRequest{})
		}, Want: isms.ErrInvalid},

		// Entities.
		{Name: "Asset.Validate nil", Fn: func() error { return nilAsset.Validate() }, Want: isms.ErrInvalid},
		{Name: "Asset.Validate zero", Fn: func() error { return (&isms.Asset{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "CheckAssets nil", Fn: func() error { same(t, 0, len(isms.CheckAssets(nil))); return nil }},
		{Name: "CheckAssets nil entries", Fn: func() error { same(t, 0, len(isms.CheckAssets([]*isms.Asset{nil, nil}))); return nil }},
		{Name: "CheckAssets zero asset", Fn: func() error {
			same(t, []string{isms.CodeAssetOwnerMissing, isms.CodeAssetClassificationMissing}, entCodes(isms.CheckAssets([]*isms.Asset{{}})))
			return nil
		}},
		{Name: "Scope.Validate nil", Fn: func() error { return nilScope.Validate() }, Want: isms.ErrInvalid},
		{Name: "Scope.Validate zero", Fn: func() error { return (&isms.Scope{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "InterestedParty.Validate nil", Fn: func() error { return nilParty.Validate() }, Want: isms.ErrInvalid},
		{Name: "InterestedParty.Validate zero", Fn: func() error { return (&isms.InterestedParty{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "Objective.Validate nil", Fn: func() error { return nilObjective.Validate() }, Want: isms.ErrInvalid},
		{Name: "Objective.Validate zero", Fn: func() error { return (&isms.Objective{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "Objective.TargetMet nil", Fn: func() error {
			met, known := nilObjective.TargetMet()
			same(t, [2]bool{false, false}, [2]bool{met, known})
			return nil
		}},
		{Name: "CheckObjective nil", Fn: func() error { same(t, 0, len(isms.CheckObjective(nil, zero))); return nil }},
		{Name: "CheckObjective zero", Fn: func() error { isms.CheckObjective(&isms.Objective{}, zero); return nil }},
		{Name: "Evidence.Validate nil", Fn: func() error { return nilEvidence.Validate() }, Want: isms.ErrInvalid},
		{Name: "Evidence.Validate zero", Fn: func() error { return (&isms.Evidence{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "Evidence.VerifyContent nil", Fn: func() error { return nilEvidence.VerifyContent(nil) }, Want: isms.ErrInvalid},
		{Name: "Evidence.VerifyContent nil reader", Fn: func() error { return validEvidence().VerifyContent(nil) }, Want: isms.ErrInvalid},
		{Name: "Evidence.FreshAt nil", Fn: func() error { same(t, false, nilEvidence.FreshAt(zero)); return nil }},
		{Name: "CheckEvidence nil", Fn: func() error { same(t, 0, len(isms.CheckEvidence(nil, zero))); return nil }},
		{Name: "CheckEvidence zero", Fn: func() error { isms.CheckEvidence(&isms.Evidence{}, zero); return nil }},
		{Name: "HashContent nil", Fn: func() error { _, err := isms.HashContent(nil); return err }, Want: isms.ErrInvalid},
		{Name: "Document.Validate nil", Fn: func() error { return nilDoc.Validate() }, Want: isms.ErrInvalid},
		{Name: "Document.Validate zero", Fn: func() error { return (&isms.Document{}).Validate() }, Want: isms.ErrInvalid},
		{Name: "Document.Transition nil", Fn: func() error { return nilDoc.Transition("", "", zero) }, Want: isms.ErrInvalid},
		{Name: "Document.Transition zero", Fn: func() error { return (&isms.Document{}).Transition("", "", zero) }, Want: isms.ErrInvalid},
		{Name: "Document.RecordReview nil", Fn: func() error { return nilDoc.RecordReview("", zero) }, Want: isms.ErrInvalid},
		{Name: "Document.RecordReview zero", Fn: func() error { return (&isms.Document{}).RecordReview("", zero) }, Want: isms.ErrInvalid},
		{Name: "Document.ReviewDue nil", Fn: func() error {
			due, ok := nilDoc.ReviewDue()
			same(t, zero, due)
			same(t, false, ok)
			return nil
		}},
		{Name: "Document.EffectiveReviewInterval nil", Fn: func() error { same(t, isms.Duration{}, nilDoc.EffectiveReviewInterval()); return nil }},
		{Name: "Document.ReviewStatus nil", Fn: func() error { same(t, isms.DocumentReviewNotApplicable, nilDoc.ReviewStatus(zero)); return nil }},
		{Name: "Document.ReviewStatusWithin nil", Fn: func() error {
			same(t, isms.DocumentReviewNotApplicable, nilDoc.ReviewStatusWithin(zero, isms.Duration{}))
			return nil
		}},
		{Name: "DocumentCheckOptions.Validate nil", Fn: func() error { return nilOpts.Validate() }},
		{Name: "CheckDocument nil", Fn: func() error {
			fs, err := isms.CheckDocument(nil, zero, nil)
			same(t, 0, len(fs))
			return err
		}},
		{Name: "CheckDocument zero", Fn: func() error {
			_, err := isms.CheckDocument(&isms.Document{}, zero, &isms.DocumentCheckOptions{})
			return err
		}},
		{Name: "CheckDocument negative window", Fn: func() error {
			_, err := isms.CheckDocument(nil, zero, &isms.DocumentCheckOptions{DueSoonWindow: isms.Days(-10)})
			return err
		}, Want: isms.ErrInvalid},
		{Name: "DocumentStatus zero Next", Fn: func() error { same(t, 0, len(isms.DocumentStatus("").Next())); return nil }},
	}
	nilsweep.RunCases(t, calls, nil)
}
