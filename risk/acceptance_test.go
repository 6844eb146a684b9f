package risk_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

var t0 = time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC)

func mustAssess(t testing.TB, m *risk.Matrix, l, i string, at time.Time) *risk.Assessment {
	t.Helper()
	a, err := m.Assess(risk.Rating{Likelihood: l, Impact: i}, "", "assessor", at)
	require.NoError(t, err)
	return a
}

// acceptableRisk is an assessed, treated risk owned by olivia, with a
// delegation in force to dave, an expired one to eve, and one to paul
// granted by a former owner.
func acceptableRisk(t testing.TB) *risk.Risk {
	m := risk.Preset5x5()
	return &risk.Risk{
		Meta:     isms.Meta{ID: "r1", Revision: 3},
		Title:    "Ransomware on file servers",
		Owner:    "olivia",
		Status:   risk.StatusOpen,
		Current:  mustAssess(t, m, "likely", "major", t0),
		Residual: mustAssess(t, m, "possible", "major", t0),
		Treatment: &risk.Treatment{
			Option:   risk.OptionModify,
			Controls: []isms.Ref{{Kind: risk.ControlKind, ID: "A.8.13"}},
		},
		ExistingControls: []isms.Ref{{Kind: risk.ControlKind, ID: "A.8.7"}},
		Delegations: []risk.Delegation{
			{Approver: "dave", GrantedBy: "olivia"},
			{Approver: "eve", GrantedBy: "olivia", ExpiresAt: t0.Add(time.Hour)},
			{Approver: "paul", GrantedBy: "peter"},
		},
	}
}

type acceptanceStep func(r *risk.Risk, now time.Time) error

var acceptanceActions = map[string]acceptanceStep{
	"request": func(r *risk.Risk, now time.Time) error {
		return r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: isms.ID(fmt.Sprintf("acc-%d", len(r.Acceptances)+1)), Justification: "cost of further controls exceeds benefit"}, now)
	},
	"submit": func(r *risk.Risk, now time.Time) error {
		return r.SubmitAcceptance("rita", risk.SubmitAcceptanceCommand{}, now)
	},
	"accept": func(r *risk.Risk, now time.Time) error {
		return r.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true, Note: "ok for a year"}, now)
	},
	"reject": func(r *risk.Risk, now time.Time) error {
		return r.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Note: "treat further"}, now)
	},
	"revoke": func(r *risk.Risk, now time.Time) error {
		return r.RevokeAcceptance("olivia", risk.RevokeAcceptanceCommand{Reason: "new threat intelligence"}, now)
	},
	"expire": func(r *risk.Risk, now time.Time) error { return r.ExpireAcceptance("system", now) },
	"withdraw": func(r *risk.Risk, now time.Time) error {
		return r.WithdrawAcceptance("rita", risk.WithdrawAcceptanceCommand{Reason: "treat further first"}, now)
	},
}

// actionTarget is the status each action moves the last acceptance to.
var actionTarget = map[string]risk.AcceptanceStatus{
	"request": risk.AcceptanceCreated, "submit": risk.AcceptanceSubmitted,
	"accept": risk.AcceptanceAccepted, "reject": risk.AcceptanceRejected,
	"revoke": risk.AcceptanceRevoked, "expire": risk.AcceptanceExpired,
	"withdraw": risk.AcceptanceWithdrawn,
}

// riskIn returns acceptableRisk with its last acceptance brought to
// status from ("" for no acceptance) by the allowed steps.
func riskIn(t *testing.T, from risk.AcceptanceStatus) *risk.Risk {
	t.Helper()
	r := acceptableRisk(t)
	paths := map[risk.AcceptanceStatus][]string{
		"":                       nil,
		risk.AcceptanceCreated:   {"request"},
		risk.AcceptanceSubmitted: {"request", "submit"},
		risk.AcceptanceAccepted:  {"request", "submit", "accept"},
		risk.AcceptanceRejected:  {"request", "submit", "reject"},
		risk.AcceptanceRevoked:   {"request", "submit", "accept", "revoke"},
		risk.AcceptanceExpired:   {"request", "submit", "accept", "expire"},
		risk.AcceptanceWithdrawn: {"request", "withdraw"},
	}
	now := t0
	for _, step := range paths[from] {
		if step == "expire" {
			now = t0.AddDate(2, 0, 0)
		}
		require.NoError(t, acceptanceActions[step](r, now), "%s", step)
		now = now.Add(time.Hour)
	}
	if from != "" {
		require.Equal(t, from, r.LatestAcceptance().Status)
	}
	return r
}

func TestAcceptanceTransitions(t *testing.T) {
	// allowed[from] lists the actions the state machine allows from each
	// status, written out by hand from the documented life cycle.
	allowed := map[risk.AcceptanceStatus][]string{
		"":                       {"request"},
		risk.AcceptanceCreated:   {"submit", "withdraw"},
		risk.AcceptanceSubmitted: {"accept", "reject", "withdraw"},
		risk.AcceptanceAccepted:  {"revoke", "expire"},
		risk.AcceptanceRejected:  {"request"},
		risk.AcceptanceRevoked:   {"request"},
		risk.AcceptanceExpired:   {"request"},
		risk.AcceptanceWithdrawn: {"request"},
	}
	// What each allowed action leaves: the last acceptance's status and the
	// risk's status.
	result := map[string][2]string{
		"request":  {"created", "open"},
		"submit":   {"submitted", "open"},
		"accept":   {"accepted", "accepted"},
		"reject":   {"rejected", "open"},
		"revoke":   {"revoked", "open"},
		"expire":   {"expired", "open"},
		"withdraw": {"withdrawn", "open"},
	}
	for from, ok := range allowed {
		for _, action := range []string{"request", "submit", "accept", "reject", "revoke", "expire", "withdraw"} {
			want := false
			for _, a := range ok {
				want = want || a == action
			}
			name := fmt.Sprintf("%s/%s", orNone(from), action)
			t.Run(name, func(t *testing.T) {
				r := riskIn(t, from)
				before := len(r.Acceptances)
				now := t0.Add(24 * time.Hour)
				if action == "expire" {
					now = t0.AddDate(1, 1, 0) // after the one-year validity
				}
				err := acceptanceActions[action](r, now)
				if !want {
					require.Error(t, err)
					assert.ErrorIs(t, err, isms.ErrInvalid)
					var te *isms.TransitionError
					require.ErrorAs(t, err, &te)
					assert.Equal(t, "risk acceptance", te.Machine)
					assert.Equal(t, string(actionTarget[action]), te.To)
					if action == "request" {
						assert.Empty(t, te.From, "a request is the move from no acceptance")
						assert.Equal(t, risk.AcceptanceGuardPreviousClosed, te.Guard)
					} else {
						assert.Equal(t, string(from), te.From)
					}
					assert.Len(t, r.Acceptances, before, "a refused step changes nothing")
					return
				}
				require.NoError(t, err)
				assert.Equal(t, result[action][0], string(r.LatestAcceptance().Status))
				assert.Equal(t, result[action][1], string(r.Status))
				require.NoError(t, r.Validate())
			})
		}
	}
}

func orNone(s risk.AcceptanceStatus) string {
	if s == "" {
		return "none"
	}
	return string(s)
}

func TestAcceptanceStateMachineData(t *testing.T) {
	m := risk.AcceptanceLifecycle()
	require.NoError(t, m.Validate())
	// Every pair of statuses: only these five moves exist.
	moves := map[[2]risk.AcceptanceStatus]bool{
		{risk.AcceptanceCreated, risk.AcceptanceSubmitted}:   true,
		{risk.AcceptanceSubmitted, risk.AcceptanceAccepted}:  true,
		{risk.AcceptanceSubmitted, risk.AcceptanceRejected}:  true,
		{risk.AcceptanceAccepted, risk.AcceptanceRevoked}:    true,
		{risk.AcceptanceAccepted, risk.AcceptanceExpired}:    true,
		{risk.AcceptanceCreated, risk.AcceptanceWithdrawn}:   true,
		{risk.AcceptanceSubmitted, risk.AcceptanceWithdrawn}: true,
	}
	for _, from := range risk.AcceptanceStatusValues() {
		for _, to := range risk.AcceptanceStatusValues() {
			assert.Equal(t, moves[[2]risk.AcceptanceStatus{from, to}], m.Allowed(from, to), "%s -> %s", from, to)
		}
		assert.Equal(t, from == risk.AcceptanceRejected || from == risk.AcceptanceRevoked || from == risk.AcceptanceExpired || from == risk.AcceptanceWithdrawn, from.Final(), from)
	}
	// The diagram, written out by hand from the documented table.
	assert.Equal(t, `stateDiagram-v2
    %% risk acceptance
    [*] --> created
    created --> submitted : actor_named, risk_not_closed
    submitted --> accepted : risk_not_closed, approver_authorised, risk_assessed, expiry_after_decision
    submitted --> rejected : risk_not_closed, approver_authorised
    accepted --> revoked : approver_authorised, reason_given
    accepted --> expired : actor_named, expiry_reached
    created --> withdrawn : actor_named, withdrawer_authorised
    submitted --> withdrawn : actor_named, withdrawer_authorised
    rejected --> [*]
    revoked --> [*]
    expired --> [*]
    withdrawn --> [*]
`, m.Mermaid())
	assert.Same(t, m, risk.AcceptanceLifecycle(), "one shared table")
}

// TestAcceptanceGuardsRefuseByName makes each guard of the lifecycle (and
// of a request) refuse once, and checks the refusal names it.
func TestAcceptanceGuardsRefuseByName(t *testing.T) {
	later := t0.Add(24 * time.Hour)
	tests := []struct {
		guard string
		from  risk.AcceptanceStatus
		step  func(r *risk.Risk) error
	}{
		{risk.AcceptanceGuardActorNamed, risk.AcceptanceCreated, func(r *risk.Risk) error {
			return r.SubmitAcceptance("", risk.SubmitAcceptanceCommand{}, later)
		}},
		{risk.AcceptanceGuardRiskNotClosed, risk.AcceptanceCreated, func(r *risk.Risk) error {
			r.Status = risk.StatusClosed
			return r.SubmitAcceptance("rita", risk.SubmitAcceptanceCommand{}, later)
		}},
		{risk.AcceptanceGuardApprover, risk.AcceptanceSubmitted, func(r *risk.Risk) error {
			return r.DecideAcceptance("mallory", risk.DecideAcceptanceCommand{Accept: true}, later)
		}},
		{risk.AcceptanceGuardRiskAssessed, risk.AcceptanceSubmitted, func(r *risk.Risk) error {
			r.Current, r.Residual = nil, nil
			return r.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true}, later)
		}},
		{risk.AcceptanceGuardExpiryAfterDecision, risk.AcceptanceSubmitted, func(r *risk.Risk) error {
			return r.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true, ExpiresAt: later}, later)
		}},
		{risk.AcceptanceGuardReasonGiven, risk.AcceptanceAccepted, func(r *risk.Risk) error {
			return r.RevokeAcceptance("olivia", risk.RevokeAcceptanceCommand{}, later)
		}},
		{risk.AcceptanceGuardExpiryReached, risk.AcceptanceAccepted, func(r *risk.Risk) error {
			return r.ExpireAcceptance("system", later)
		}},
		{risk.AcceptanceGuardActorNamed, risk.AcceptanceAccepted, func(r *risk.Risk) error {
			return r.ExpireAcceptance("", t0.AddDate(2, 0, 0))
		}},
		// A request: the move from no acceptance to created.
		{risk.AcceptanceGuardActorNamed, "", func(r *risk.Risk) error {
			return r.RequestAcceptance("", risk.RequestAcceptanceCommand{ID: "a"}, later)
		}},
		{risk.AcceptanceGuardRiskNotClosed, "", func(r *risk.Risk) error {
			r.Status = risk.StatusClosed
			return r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a"}, later)
		}},
		{risk.AcceptanceGuardRiskAssessed, "", func(r *risk.Risk) error {
			r.Current, r.Residual = nil, nil
			return r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a"}, later)
		}},
		{risk.AcceptanceGuardOwnerNamed, "", func(r *risk.Risk) error {
			r.Owner = ""
			return r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a"}, later)
		}},
		{risk.AcceptanceGuardOwnerNamed, "", func(r *risk.Risk) error {
			r.Owner = "  "
			return r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a", Submit: true}, later)
		}},
		{risk.AcceptanceGuardWithdrawer, risk.AcceptanceSubmitted, func(r *risk.Risk) error {
			return r.WithdrawAcceptance("mallory", risk.WithdrawAcceptanceCommand{}, later)
		}},
		{risk.AcceptanceGuardActorNamed, risk.AcceptanceCreated, func(r *risk.Risk) error {
			return r.WithdrawAcceptance("", risk.WithdrawAcceptanceCommand{}, later)
		}},
		{risk.AcceptanceGuardPreviousClosed, risk.AcceptanceSubmitted, func(r *risk.Risk) error {
			return r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a2"}, later)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.guard+"/"+orNone(tc.from), func(t *testing.T) {
			r := riskIn(t, tc.from)
			before := r.Clone()
			err := tc.step(r)
			var te *isms.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tc.guard, te.Guard)
			assert.ErrorIs(t, err, isms.ErrInvalid)
			assert.Contains(t, err.Error(), "guard "+tc.guard+" failed")
			assert.Equal(t, before.Acceptances, r.Acceptances, "a refused step changes no acceptance")
		})
	}
}

func TestAcceptanceApprover(t *testing.T) {
	tests := []struct {
		approver string
		at       time.Time
		ok       bool
	}{
		{"olivia", t0, true},                    // the owner
		{"dave", t0, true},                      // delegated, no expiry
		{"eve", t0.Add(30 * time.Minute), true}, // delegated, before expiry
		{"eve", t0.Add(2 * time.Hour), false},   // delegation expired
		{"paul", t0, false},                     // granted by a former owner
		{"mallory", t0, false},                  // a stranger
		{"", t0, false},                         // nobody
		{"OLIVIA", t0, false},                   // names are exact
	}
	for _, tc := range tests {
		for _, accept := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/accept=%v/%s", tc.approver, accept, tc.at.Format("15:04")), func(t *testing.T) {
				r := acceptableRisk(t)
				require.NoError(t, r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a1"}, t0.Add(-2*time.Hour)))
				require.NoError(t, r.SubmitAcceptance("rita", risk.SubmitAcceptanceCommand{}, t0.Add(-time.Hour)))
				err := r.DecideAcceptance(tc.approver, risk.DecideAcceptanceCommand{Accept: accept}, tc.at)
				if tc.ok {
					require.NoError(t, err)
					assert.Equal(t, tc.approver, r.LatestAcceptance().DecidedBy)
					return
				}
				assert.ErrorIs(t, err, isms.ErrInvalid)
				assert.ErrorIs(t, err, risk.ErrNotApprover)
				assert.Equal(t, risk.AcceptanceSubmitted, r.LatestAcceptance().Status)
			})
		}
	}
	t.Run("revoke by a stranger", func(t *testing.T) {
		r := riskIn(t, risk.AcceptanceAccepted)
		err := r.RevokeAcceptance("mallory", risk.RevokeAcceptanceCommand{Reason: "because"}, t0.Add(48*time.Hour))
		assert.ErrorIs(t, err, risk.ErrNotApprover)
		assert.Equal(t, risk.StatusAccepted, r.Status)
	})
	t.Run("revoke by a delegate", func(t *testing.T) {
		r := riskIn(t, risk.AcceptanceAccepted)
		require.NoError(t, r.RevokeAcceptance("dave", risk.RevokeAcceptanceCommand{Reason: "supplier changed"}, t0.Add(48*time.Hour)))
		a := r.LatestAcceptance()
		assert.Equal(t, "dave", a.ClosedBy)
		assert.Equal(t, "supplier changed", a.CloseReason)
		assert.Equal(t, risk.StatusOpen, r.Status)
	})
	t.Run("revoke without a reason", func(t *testing.T) {
		r := riskIn(t, risk.AcceptanceAccepted)
		err := r.RevokeAcceptance("olivia", risk.RevokeAcceptanceCommand{}, t0.Add(48*time.Hour))
		assert.ErrorIs(t, err, isms.ErrInvalid)
		assert.False(t, errors.Is(err, risk.ErrNotApprover))
	})
}

func TestAcceptanceDecisionDetails(t *testing.T) {
	r := riskIn(t, risk.AcceptanceSubmitted)
	decided := time.Date(2025, 1, 31, 12, 0, 0, 0, time.UTC)
	require.NoError(t, r.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true, Note: "ok"}, decided))
	a := r.LatestAcceptance()
	// Default validity P1Y from 2025-01-31.
	assert.Equal(t, time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC), a.ExpiresAt)
	assert.Equal(t, isms.Years(1), a.ValidFor)
	require.NotNil(t, a.Snapshot)
	assert.Equal(t, &risk.AcceptanceSnapshot{
		RiskRevision:     3,
		Stage:            risk.StageResidual,
		Level:            "high", // possible 3 × major 4 = 12
		Matrix:           risk.Preset5x5().Ref(),
		Current:          r.Current,
		Residual:         r.Residual,
		Treatment:        r.Treatment,
		ExistingControls: r.ExistingControls,
	}, a.Snapshot)
	// The snapshot is a copy: later changes to the risk do not reach it.
	r.Residual.Level = "low"
	r.Treatment.Controls[0].ID = "A.5.1"
	assert.Equal(t, "high", a.Snapshot.Residual.Level)
	assert.Equal(t, isms.ID("A.8.13"), a.Snapshot.Treatment.Controls[0].ID)
	assert.True(t, a.InForce(decided))
	assert.False(t, a.InForce(a.ExpiresAt))
	assert.False(t, r.AcceptanceDue(a.ExpiresAt.Add(-time.Second)))
	assert.True(t, r.AcceptanceDue(a.ExpiresAt))

	t.Run("expire before expiry is refused", func(t *testing.T) {
		c := r.Clone()
		err := c.ExpireAcceptance("system", a.ExpiresAt.Add(-time.Second))
		assert.ErrorIs(t, err, isms.ErrInvalid)
		require.NoError(t, c.ExpireAcceptance("system", a.ExpiresAt))
		assert.Equal(t, a.ExpiresAt, c.LatestAcceptance().ClosedAt)
		assert.Equal(t, "system", c.LatestAcceptance().ClosedBy)
		assert.Equal(t, "expired on 2026-01-31T12:00:00Z", c.LatestAcceptance().CloseReason)
	})

	t.Run("requested validity", func(t *testing.T) {
		c := acceptableRisk(t)
		require.NoError(t, c.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a", ValidFor: isms.Months(6)}, decided))
		require.NoError(t, c.SubmitAcceptance("rita", risk.SubmitAcceptanceCommand{}, decided))
		require.NoError(t, c.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true}, decided))
		// 31 January + 6 months = 31 July.
		assert.Equal(t, time.Date(2025, 7, 31, 12, 0, 0, 0, time.UTC), c.LatestAcceptance().ExpiresAt)
	})
	t.Run("one month from 31 January clamps to 28 February", func(t *testing.T) {
		c := acceptableRisk(t)
		require.NoError(t, c.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a", ValidFor: isms.Months(1)}, decided))
		require.NoError(t, c.SubmitAcceptance("rita", risk.SubmitAcceptanceCommand{}, decided))
		require.NoError(t, c.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true}, decided))
		// 2025 is not a leap year: 31 January + P1M = 28 February, not 3 March.
		assert.Equal(t, time.Date(2025, 2, 28, 12, 0, 0, 0, time.UTC), c.LatestAcceptance().ExpiresAt)
	})
	t.Run("explicit expiry", func(t *testing.T) {
		c := riskIn(t, risk.AcceptanceSubmitted)
		exp := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
		require.NoError(t, c.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true, ExpiresAt: exp}, decided))
		assert.Equal(t, exp, c.LatestAcceptance().ExpiresAt)
	})
	t.Run("expiry before the decision is refused", func(t *testing.T) {
		c := riskIn(t, risk.AcceptanceSubmitted)
		err := c.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true, ExpiresAt: decided.Add(-time.Hour)}, decided)
		assert.ErrorIs(t, err, isms.ErrInvalid)
		assert.Equal(t, risk.AcceptanceSubmitted, c.LatestAcceptance().Status)
	})
}

func TestRequestAcceptanceRefusals(t *testing.T) {
	tests := map[string]struct {
		mutate func(r *risk.Risk)
		by     string
		cmd    risk.RequestAcceptanceCommand
	}{
		"closed risk":    {func(r *risk.Risk) { r.Status = risk.StatusClosed }, "rita", risk.RequestAcceptanceCommand{ID: "a"}},
		"not assessed":   {func(r *risk.Risk) { r.Current, r.Residual = nil, nil }, "rita", risk.RequestAcceptanceCommand{ID: "a"}},
		"no requester":   {func(*risk.Risk) {}, "", risk.RequestAcceptanceCommand{ID: "a"}},
		"bad id":         {func(*risk.Risk) {}, "rita", risk.RequestAcceptanceCommand{ID: "a b"}},
		"no id":          {func(*risk.Risk) {}, "rita", risk.RequestAcceptanceCommand{}},
		"negative valid": {func(*risk.Risk) {}, "rita", risk.RequestAcceptanceCommand{ID: "a", ValidFor: isms.Duration{Days: -1}}},
		"id reused": {func(r *risk.Risk) {
			r.Acceptances = []risk.Acceptance{{ID: "a", Status: risk.AcceptanceRejected, RequestedBy: "x", DecidedBy: "olivia"}}
		}, "rita", risk.RequestAcceptanceCommand{ID: "a"}},
		"negative revision": {func(*risk.Risk) {}, "rita", risk.RequestAcceptanceCommand{ID: "a", Revision: -1}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := acceptableRisk(t)
			tc.mutate(r)
			n := len(r.Acceptances)
			err := r.RequestAcceptance(tc.by, tc.cmd, t0)
			assert.ErrorIs(t, err, isms.ErrInvalid)
			assert.Len(t, r.Acceptances, n)
		})
	}
	t.Run("stale revision", func(t *testing.T) {
		r := acceptableRisk(t) // revision 3
		err := r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a", Revision: 2}, t0)
		var ce *isms.ConflictError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, isms.ConflictError{Kind: risk.Kind, ID: "r1", Expected: 2, Actual: 3}, *ce)
		require.NoError(t, r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a", Revision: 3}, t0))
	})
	t.Run("error text names the risk once", func(t *testing.T) {
		r := riskIn(t, risk.AcceptanceCreated)
		err := r.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true}, t0)
		assert.EqualError(t, err, `risk r1: risk acceptance: cannot move from "created" to "accepted": the last acceptance, acc-1, is created; accepted needs one that is submitted`)
		err = acceptableRisk(t).SubmitAcceptance("rita", risk.SubmitAcceptanceCommand{}, t0)
		assert.EqualError(t, err, `risk r1: risk acceptance: cannot move from "" to "submitted": the risk has no acceptance`)
		r = riskIn(t, risk.AcceptanceSubmitted)
		err = r.DecideAcceptance("mallory", risk.DecideAcceptanceCommand{Accept: true}, t0)
		assert.EqualError(t, err, `risk r1: risk acceptance: cannot move from "submitted" to "accepted": guard approver_authorised failed: "mallory" is not the risk owner or a delegated approver`)
	})
}

func TestAcceptanceValidate(t *testing.T) {
	tests := []struct {
		name string
		a    risk.Acceptance
		want []string // fields with problems
	}{
		{"created ok", risk.Acceptance{ID: "a", Status: risk.AcceptanceCreated, RequestedBy: "r"}, nil},
		{"empty", risk.Acceptance{}, []string{"id", "status", "requested_by"}},
		{"accepted without decision", risk.Acceptance{ID: "a", Status: risk.AcceptanceAccepted, RequestedBy: "r"}, []string{"decided_by", "expires_at", "snapshot"}},
		{"rejected without approver", risk.Acceptance{ID: "a", Status: risk.AcceptanceRejected, RequestedBy: "r"}, []string{"decided_by"}},
		{"revoked without close", risk.Acceptance{ID: "a", Status: risk.AcceptanceRevoked, RequestedBy: "r", DecidedBy: "o", ExpiresAt: t0, Snapshot: &risk.AcceptanceSnapshot{}}, []string{"closed_at"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.a.Validate()
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			var ve *isms.ValidationError
			require.ErrorAs(t, err, &ve)
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.Field)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestAcceptanceRefusedOnClosedRisk(t *testing.T) {
	// A risk closed while its sign-off was pending must not come back as
	// accepted: submission and decision are refused, as a request is.
	t.Run("submit", func(t *testing.T) {
		r := riskIn(t, risk.AcceptanceCreated)
		r.Status = risk.StatusClosed
		err := acceptanceActions["submit"](r, t0.Add(24*time.Hour))
		var te *isms.TransitionError
		require.ErrorAs(t, err, &te)
		assert.ErrorIs(t, err, isms.ErrInvalid)
		assert.Equal(t, risk.AcceptanceCreated, r.LatestAcceptance().Status)
	})
	for _, action := range []string{"accept", "reject"} {
		t.Run(action, func(t *testing.T) {
			r := riskIn(t, risk.AcceptanceSubmitted)
			r.Status = risk.StatusClosed
			err := acceptanceActions[action](r, t0.Add(24*time.Hour))
			var te *isms.TransitionError
			require.ErrorAs(t, err, &te)
			assert.ErrorIs(t, err, isms.ErrInvalid)
			assert.Equal(t, risk.StatusClosed, r.Status)
			assert.Equal(t, risk.AcceptanceSubmitted, r.LatestAcceptance().Status)
			assert.Nil(t, r.LatestAcceptance().Snapshot)
		})
	}
}

// TestRequestAndSubmitInOneStep: cmd.Submit moves the new acceptance to
// submitted in the same step; a refused request leaves nothing behind.
func TestRequestAndSubmitInOneStep(t *testing.T) {
	r := acceptableRisk(t)
	require.NoError(t, r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a1", Justification: "cost exceeds benefit", Submit: true}, t0))
	a := r.LatestAcceptance()
	assert.Equal(t, risk.AcceptanceSubmitted, a.Status)
	assert.Equal(t, "rita", a.SubmittedBy)
	assert.Equal(t, t0, a.SubmittedAt)
	assert.Equal(t, t0, a.RequestedAt)
	require.NoError(t, r.Validate())
	// The owner decides straight away: request+submit, then decide.
	require.NoError(t, r.DecideAcceptance("olivia", risk.DecideAcceptanceCommand{Accept: true}, t0.Add(time.Hour)))
	assert.Equal(t, risk.StatusAccepted, r.Status)

	// Refused: an ownerless risk, with or without Submit; nothing is added.
	r = acceptableRisk(t)
	r.Owner = ""
	err := r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a1", Submit: true}, t0)
	require.ErrorIs(t, err, isms.ErrInvalid)
	assert.Contains(t, err.Error(), "no owner")
	assert.Empty(t, r.Acceptances)
}

func TestWithdrawAcceptance(t *testing.T) {
	tests := []struct {
		name string
		from risk.AcceptanceStatus
		by   string
		ok   bool
	}{
		{"requester withdraws a created request", risk.AcceptanceCreated, "rita", true},
		{"requester withdraws a submitted request", risk.AcceptanceSubmitted, "rita", true},
		{"owner withdraws", risk.AcceptanceSubmitted, "olivia", true},
		{"delegated approver withdraws", risk.AcceptanceSubmitted, "dave", true},
		{"expired delegation may not", risk.AcceptanceSubmitted, "eve", false},
		{"a stranger may not", risk.AcceptanceSubmitted, "mallory", false},
		{"nobody may not", risk.AcceptanceCreated, "", false},
		{"an accepted sign-off is revoked, not withdrawn", risk.AcceptanceAccepted, "olivia", false},
		{"a rejected request is final", risk.AcceptanceRejected, "rita", false},
		{"no request to withdraw", "", "rita", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := riskIn(t, tc.from)
			before := r.Clone()
			at := t0.Add(48 * time.Hour)
			err := r.WithdrawAcceptance(tc.by, risk.WithdrawAcceptanceCommand{Reason: "more controls first"}, at)
			if !tc.ok {
				require.ErrorIs(t, err, isms.ErrInvalid)
				assert.Equal(t, before, r, "a refused step changes nothing")
				return
			}
			require.NoError(t, err)
			a := r.LatestAcceptance()
			assert.Equal(t, risk.AcceptanceWithdrawn, a.Status)
			assert.Equal(t, tc.by, a.ClosedBy)
			assert.Equal(t, at, a.ClosedAt)
			assert.Equal(t, "more controls first", a.CloseReason)
			assert.Equal(t, risk.StatusOpen, r.Status)
			require.NoError(t, r.Validate())
			// A new request may follow a withdrawn one.
			require.NoError(t, r.RequestAcceptance("rita", risk.RequestAcceptanceCommand{ID: "a-next"}, at.Add(time.Hour)))
		})
	}
	err := r0().WithdrawAcceptance("rita", risk.WithdrawAcceptanceCommand{Revision: 9}, t0)
	assert.ErrorIs(t, err, isms.ErrConflict)
}

func r0() *risk.Risk {
	return &risk.Risk{Meta: isms.Meta{ID: "r0", Revision: 1}, Title: "t", Owner: "o", Status: risk.StatusOpen}
}

func TestDelegateExpiry(t *testing.T) {
	tests := []struct {
		name    string
		expires time.Time
		ok      bool
	}{
		{"no expiry", time.Time{}, true},
		{"a day ahead", t0.AddDate(0, 0, 1), true},
		{"a microsecond ahead", t0.Add(time.Microsecond), true},
		{"exactly now", t0, false},
		// Stored at microsecond precision, 500 ns ahead is the grant time.
		{"less than a microsecond ahead", t0.Add(500 * time.Nanosecond), false},
		{"in the past", t0.Add(-time.Hour), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := acceptableRisk(t)
			err := r.Delegate("olivia", risk.DelegateCommand{Approver: "zoe", ExpiresAt: tc.expires}, t0)
			if !tc.ok {
				require.ErrorIs(t, err, isms.ErrInvalid)
				assert.False(t, r.CanApprove("zoe", t0))
				return
			}
			require.NoError(t, err)
			assert.True(t, r.CanApprove("zoe", t0))
		})
	}
}
