package risk

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// RegisterOptions configures NewRegister. A nil *RegisterOptions, and each
// zero field, means the default.
type RegisterOptions struct {
	// Clock dates assessments, decisions and writes. Default:
	// isms.SystemClock().
	Clock isms.Clock
	// IDs makes the IDs of new risks, acceptances and treatment actions.
	// Default: isms.UUIDv7().
	IDs isms.IDSource
	// Criteria are the risk acceptance criteria for risks without their
	// own. Default: DefaultCriteria(matrix).
	Criteria *Criteria
	// Review is the review cadence. Default: DefaultReviewPolicy(matrix).
	Review *ReviewPolicy
	// AcceptanceValidity is how long an acceptance stays in force when the
	// request does not say. Default: DefaultAcceptanceValidity().
	AcceptanceValidity isms.Duration
}

// Register is the risk register of one tenant: risks stored through a
// store.Repository, scored with one matrix, under one set of criteria and
// one review cadence. Every workflow step (assess, treat, the acceptance
// sign-off, review) reads the risk, applies the step and writes it back
// with the revision it read, so a concurrent change makes the step fail
// with isms.ErrConflict rather than be lost.
//
// Steps that record who did something take the actor from the context
// (isms.WithActor) and fail with isms.ErrInvalid without one.
//
// A Register is safe for concurrent use.
type Register struct {
	repo     store.Repository[Risk]
	m        *Matrix
	clock    isms.Clock
	ids      isms.IDSource
	criteria Criteria
	review   ReviewPolicy
	validity isms.Duration
}

// NewRegister returns the register of tenant in backend, scoring with a
// copy of m. It fails with isms.ErrInvalid when m, the criteria or the
// review policy is invalid, or the backend or tenant is missing.
func NewRegister(backend store.Backend, tenant string, m *Matrix, opts *RegisterOptions) (*Register, error) {
	if m == nil {
		return nil, isms.Invalidf("risk: new register: matrix is required")
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("risk: new register: %w", err)
	}
	g := &Register{
		m:        m.Clone(),
		clock:    isms.SystemClock(),
		ids:      isms.UUIDv7(),
		criteria: DefaultCriteria(m),
		review:   DefaultReviewPolicy(m),
		validity: DefaultAcceptanceValidity(),
	}
	if opts != nil {
		if opts.Clock != nil {
			g.clock = opts.Clock
		}
		if opts.IDs != nil {
			g.ids = opts.IDs
		}
		if opts.Criteria != nil {
			g.criteria = *opts.Criteria
		}
		if opts.Review != nil {
			g.review = *opts.Review
			g.review.Intervals = append([]ReviewInterval(nil), opts.Review.Intervals...)
		}
		if !opts.AcceptanceValidity.IsZero() {
			g.validity = opts.AcceptanceValidity
		}
	}
	var ps isms.Problems
	ps.Merge("criteria", g.criteria.Validate(g.m))
	ps.Merge("review", g.review.Validate(g.m))
	ps.Merge("acceptance_validity", g.validity.Validate())
	if err := ps.Err("risk: new register"); err != nil {
		return nil, err
	}
	repo, err := store.NewRepository[Risk](backend, tenant, Kind, &store.RepositoryOptions{IDs: g.ids, Clock: g.clock})
	if err != nil {
		return nil, fmt.Errorf("risk: new register: %w", err)
	}
	g.repo = repo
	return g, nil
}

// Matrix returns a copy of the register's matrix.
func (g *Register) Matrix() *Matrix { return g.m.Clone() }

// Criteria returns the register's risk criteria.
func (g *Register) Criteria() Criteria { return g.criteria }

// ReviewPolicy returns a copy of the register's review cadence.
func (g *Register) ReviewPolicy() ReviewPolicy {
	p := g.review
	p.Intervals = append([]ReviewInterval(nil), g.review.Intervals...)
	return p
}

// Create stores a new risk and sets its Meta (an empty ID is filled from
// the register's IDSource). An empty status becomes open, and every time
// is stored in UTC at microsecond precision. The risk is validated; everything else, including assessments and acceptances
// imported from another tool, is stored as given and checked by Lint.
func (g *Register) Create(ctx context.Context, r *Risk) error {
	if r == nil {
		return isms.Invalidf("risk: create: nil risk")
	}
	if r.Status == "" {
		r.Status = StatusOpen
	}
	r.normalizeTimes()
	if err := g.repo.Create(ctx, r); err != nil {
		return fmt.Errorf("risk: create %q: %w", r.Title, err)
	}
	return nil
}

// Get returns the risk with the given ID.
func (g *Register) Get(ctx context.Context, id isms.ID) (*Risk, error) {
	r, err := g.repo.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("risk: get %s: %w", id, err)
	}
	return r, nil
}

// Update stores edits to a risk's descriptive fields: title, description,
// owner, category, assets, threat, vulnerability, impact rule, criteria and
// existing controls. The fields that workflow steps manage (assessments,
// treatment, acceptances, delegations, review) keep their stored values,
// which are copied into r. The status may only move between open and
// closed, or from accepted to closed; a risk becomes accepted only by
// DecideAcceptance. r must carry the revision it was read at.
func (g *Register) Update(ctx context.Context, r *Risk) error {
	if r == nil {
		return isms.Invalidf("risk: update: nil risk")
	}
	cur, err := g.repo.Get(ctx, r.ID)
	if err != nil {
		return fmt.Errorf("risk: update %s: %w", r.ID, err)
	}
	if cur.Revision != r.Revision {
		return fmt.Errorf("risk: update %s: %w", r.ID, &isms.ConflictError{Kind: Kind, ID: r.ID, Expected: r.Revision, Actual: cur.Revision})
	}
	if r.Status == "" {
		r.Status = cur.Status
	}
	if r.Status != cur.Status {
		ok := (cur.Status == StatusOpen && r.Status == StatusClosed) ||
			(cur.Status == StatusAccepted && r.Status == StatusClosed) ||
			(cur.Status == StatusClosed && r.Status == StatusOpen)
		if !ok {
			return fmt.Errorf("risk: update %s: %w", r.ID,
				isms.Invalidf("status cannot change from %s to %s by an update; use the acceptance steps", cur.Status, r.Status))
		}
	}
	r.Inherent, r.Current, r.Residual = cur.Inherent, cur.Current, cur.Residual
	r.Treatment, r.Acceptances, r.Delegations = cur.Treatment, cur.Acceptances, cur.Delegations
	r.ReviewedAt, r.ReviewedBy = cur.ReviewedAt, cur.ReviewedBy
	if err := g.repo.Update(ctx, r); err != nil {
		return fmt.Errorf("risk: update %s: %w", r.ID, err)
	}
	return nil
}

// Delete removes the risk if revision is still the stored one.
func (g *Register) Delete(ctx context.Context, id isms.ID, revision int64) error {
	if err := g.repo.Delete(ctx, id, revision); err != nil {
		return fmt.Errorf("risk: delete %s: %w", id, err)
	}
	return nil
}

// step reads a risk, applies fn with the context's actor and the clock's
// time, and writes the risk back with the revision it read.
func (g *Register) step(ctx context.Context, op string, id isms.ID, fn func(r *Risk, actor string, now time.Time) error) (*Risk, error) {
	actor, ok := isms.ActorFrom(ctx)
	if !ok {
		return nil, fmt.Errorf("risk: %s %s: %w", op, id, isms.Invalidf("no actor in the context (use isms.WithActor)"))
	}
	r, err := g.repo.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("risk: %s %s: %w", op, id, err)
	}
	now := isms.NormalizeTime(g.clock.Now())
	if err := fn(r, actor, now); err != nil {
		return nil, fmt.Errorf("risk: %s %s: %w", op, id, err)
	}
	if err := g.repo.Update(ctx, r); err != nil {
		return nil, fmt.Errorf("risk: %s %s: %w", op, id, err)
	}
	return r, nil
}

// Assess scores the rating with the register's matrix and stores it as
// the risk's assessment at stage, by the context's actor, now. An empty
// rating rule means the risk's ImpactRule. Use Matrix.Explain for the
// trace of the score.
func (g *Register) Assess(ctx context.Context, id isms.ID, stage Stage, in Rating, rationale string) (*Risk, error) {
	return g.step(ctx, "assess", id, func(r *Risk, actor string, now time.Time) error {
		if !stage.IsValid() {
			return isms.Invalidf("unknown assessment stage %q", string(stage))
		}
		if r.Status == StatusClosed {
			return isms.Invalidf("the risk is closed")
		}
		if in.Rule == "" {
			in.Rule = r.ImpactRule
		}
		a, err := g.m.Assess(in, rationale, actor, now)
		if err != nil {
			return err
		}
		return r.SetAssessment(stage, a)
	})
}

// Treat records the treatment decision and plan, by the context's actor,
// now. Actions without an ID get one from the register's IDSource, and
// actions without a status are planned.
func (g *Register) Treat(ctx context.Context, id isms.ID, t Treatment) (*Risk, error) {
	t = *t.Clone()
	return g.step(ctx, "treat", id, func(r *Risk, actor string, now time.Time) error {
		if r.Status == StatusClosed {
			return isms.Invalidf("the risk is closed")
		}
		for i := range t.Actions {
			a := &t.Actions[i]
			if a.ID == "" {
				a.ID = g.ids.NewID()
			}
			if a.Status == "" {
				a.Status = ActionPlanned
			}
			a.Due, a.CompletedAt = isms.NormalizeTime(a.Due), isms.NormalizeTime(a.CompletedAt)
		}
		t.DecidedBy, t.DecidedAt = actor, now
		if err := t.Validate(); err != nil {
			return err
		}
		r.Treatment = &t
		return nil
	})
}

// SetActionStatus sets the status of one treatment action; done records
// the completion time.
func (g *Register) SetActionStatus(ctx context.Context, id, action isms.ID, status ActionStatus) (*Risk, error) {
	return g.step(ctx, "set action status", id, func(r *Risk, _ string, now time.Time) error {
		if !status.IsValid() {
			return isms.Invalidf("unknown action status %q", string(status))
		}
		if r.Treatment == nil {
			return isms.Invalidf("the risk has no treatment")
		}
		for i := range r.Treatment.Actions {
			a := &r.Treatment.Actions[i]
			if a.ID != action {
				continue
			}
			a.Status = status
			a.CompletedAt = time.Time{}
			if status == ActionDone {
				a.CompletedAt = now
			}
			return nil
		}
		return &isms.NotFoundError{Kind: "risk treatment action", ID: action}
	})
}

// Delegate lets approver decide on the risk's acceptance until expiresAt
// (zero for no expiry). Only the risk owner, as the context's actor, may
// delegate; a new delegation to the same approver replaces the old one.
func (g *Register) Delegate(ctx context.Context, id isms.ID, approver string, expiresAt time.Time) (*Risk, error) {
	return g.step(ctx, "delegate", id, func(r *Risk, actor string, now time.Time) error {
		if actor != r.Owner {
			return isms.Invalidf("only the risk owner %q may delegate, not %q", r.Owner, actor)
		}
		if approver == "" {
			return isms.Invalidf("approver is required")
		}
		d := Delegation{Approver: approver, GrantedBy: actor, GrantedAt: now, ExpiresAt: isms.NormalizeTime(expiresAt)}
		for i := range r.Delegations {
			if r.Delegations[i].Approver == approver {
				r.Delegations[i] = d
				return nil
			}
		}
		r.Delegations = append(r.Delegations, d)
		return nil
	})
}

// Undelegate removes the delegation to approver. Only the risk owner may.
func (g *Register) Undelegate(ctx context.Context, id isms.ID, approver string) (*Risk, error) {
	return g.step(ctx, "undelegate", id, func(r *Risk, actor string, _ time.Time) error {
		if actor != r.Owner {
			return isms.Invalidf("only the risk owner %q may remove a delegation, not %q", r.Owner, actor)
		}
		for i := range r.Delegations {
			if r.Delegations[i].Approver == approver {
				r.Delegations = append(r.Delegations[:i], r.Delegations[i+1:]...)
				return nil
			}
		}
		return &isms.NotFoundError{Kind: "risk delegation", ID: isms.ID(approver)}
	})
}

// RequestAcceptance opens an acceptance sign-off requested by the
// context's actor. A zero validFor means the register's acceptance
// validity.
func (g *Register) RequestAcceptance(ctx context.Context, id isms.ID, justification string, validFor isms.Duration) (*Risk, error) {
	if validFor.IsZero() {
		validFor = g.validity
	}
	return g.step(ctx, "request acceptance", id, func(r *Risk, actor string, now time.Time) error {
		return r.RequestAcceptance(AcceptanceRequest{ID: g.ids.NewID(), RequestedBy: actor, Justification: justification, ValidFor: validFor}, now)
	})
}

// SubmitAcceptance submits the open acceptance for decision.
func (g *Register) SubmitAcceptance(ctx context.Context, id isms.ID) (*Risk, error) {
	return g.step(ctx, "submit acceptance", id, func(r *Risk, actor string, now time.Time) error {
		return r.SubmitAcceptance(actor, now)
	})
}

// DecideAcceptance accepts or rejects the submitted acceptance. The
// approver is the context's actor, who must be the risk owner or hold a
// delegation in force; d.Approver, when set, must be the same person.
func (g *Register) DecideAcceptance(ctx context.Context, id isms.ID, d Decision) (*Risk, error) {
	return g.step(ctx, "decide acceptance", id, func(r *Risk, actor string, now time.Time) error {
		if d.Approver != "" && d.Approver != actor {
			return isms.Invalidf("the decision names approver %q but the actor is %q", d.Approver, actor)
		}
		d.Approver = actor
		return r.DecideAcceptance(d, now)
	})
}

// RevokeAcceptance withdraws the acceptance in force, for a reason, and
// sends the risk back to open.
func (g *Register) RevokeAcceptance(ctx context.Context, id isms.ID, reason string) (*Risk, error) {
	return g.step(ctx, "revoke acceptance", id, func(r *Risk, actor string, now time.Time) error {
		return r.RevokeAcceptance(actor, reason, now)
	})
}

// ExpireAcceptances marks expired every acceptance whose expiry has
// passed at the clock's time, sends those risks back to open, and returns
// their IDs in ascending order. The context's actor is recorded in the
// journal of each write.
//
// Each risk is read again and written with the revision read: when
// another write comes first (isms.ErrConflict), the risk is read and
// checked again, up to maxStepAttempts times; a risk deleted meanwhile is
// skipped. Any other error stops the sweep and is returned with the IDs
// expired so far.
func (g *Register) ExpireAcceptances(ctx context.Context) ([]isms.ID, error) {
	now := isms.NormalizeTime(g.clock.Now())
	var due []isms.ID
	for r, err := range store.All(ctx, g.repo) {
		if err != nil {
			return nil, fmt.Errorf("risk: expire acceptances: %w", err)
		}
		if r.AcceptanceDue(now) {
			due = append(due, r.ID)
		}
	}
	var done []isms.ID
	for _, id := range due {
		expired, err := g.expireAcceptance(ctx, id, now)
		if err != nil {
			return done, fmt.Errorf("risk: expire acceptance of %s: %w", id, err)
		}
		if expired {
			done = append(done, id)
		}
	}
	return done, nil
}

// maxStepAttempts bounds how often ExpireAcceptances reads a risk again
// after losing a race to another write.
const maxStepAttempts = 5

// expireAcceptance expires the acceptance of one risk if it is still due,
// reading the risk again after a conflict, and reports whether it did.
func (g *Register) expireAcceptance(ctx context.Context, id isms.ID, now time.Time) (bool, error) {
	for attempt := 1; ; attempt++ {
		r, err := g.repo.Get(ctx, id)
		if errors.Is(err, isms.ErrNotFound) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if !r.AcceptanceDue(now) {
			return false, nil
		}
		if err := r.ExpireAcceptance(now); err != nil {
			return false, err
		}
		err = g.repo.Update(ctx, r)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, isms.ErrNotFound):
			return false, nil
		case errors.Is(err, isms.ErrConflict) && attempt < maxStepAttempts:
			continue
		}
		return false, err
	}
}

// Review records that the context's actor reviewed the risk now, which
// restarts its review interval.
func (g *Register) Review(ctx context.Context, id isms.ID) (*Risk, error) {
	return g.step(ctx, "review", id, func(r *Risk, actor string, now time.Time) error {
		r.ReviewedAt, r.ReviewedBy = now, actor
		return nil
	})
}

// NextReview returns when the risk is next due for review under the
// register's cadence.
func (g *Register) NextReview(r *Risk) time.Time { return NextReview(r, g.review) }

// All iterates over every risk in ascending ID order. Iteration stops at
// the first error, which is yielded with a nil risk.
func (g *Register) All(ctx context.Context) iter.Seq2[*Risk, error] {
	return store.All(ctx, g.repo)
}

// Filter selects risks. The zero Filter selects every risk; each set field
// narrows the selection.
type Filter struct {
	// Stage is the assessment whose level Levels matches. Default:
	// StageCurrent.
	Stage Stage
	// Levels keeps the risks whose level at Stage is one of these risk
	// level IDs.
	Levels []string
	// Owner keeps the risks of this owner.
	Owner string
	// Statuses keeps the risks in one of these statuses.
	Statuses []Status
	// Category keeps the risks of this category.
	Category string
	// Overdue keeps the risks whose review is overdue.
	Overdue bool
}

// Match reports whether the filter selects r, with the review policy and
// time used for Overdue. A nil filter matches every risk.
func (f *Filter) Match(r *Risk, review ReviewPolicy, now time.Time) bool {
	if f == nil {
		return true
	}
	if f.Owner != "" && r.Owner != f.Owner {
		return false
	}
	if f.Category != "" && r.Category != f.Category {
		return false
	}
	if len(f.Statuses) > 0 && !containsStatus(f.Statuses, r.Status) {
		return false
	}
	if len(f.Levels) > 0 {
		stage := f.Stage
		if stage == "" {
			stage = StageCurrent
		}
		a := r.Assessment(stage)
		if a == nil || !containsString(f.Levels, a.Level) {
			return false
		}
	}
	if f.Overdue && !ReviewOverdue(r, review, now) {
		return false
	}
	return true
}

func containsStatus(ss []Status, s Status) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (f *Filter) validate() error {
	if f == nil {
		return nil
	}
	var ps isms.Problems
	isms.CheckEnum(&ps, "stage", f.Stage, stageValues, false)
	for i, s := range f.Statuses {
		isms.CheckEnum(&ps, fmt.Sprintf("statuses[%d]", i), s, statusValues, true)
	}
	return ps.Err("risk filter")
}

// List returns the risks the filter selects, in ascending ID order. The
// Overdue filter uses the register's clock.
func (g *Register) List(ctx context.Context, f *Filter) ([]*Risk, error) {
	if err := f.validate(); err != nil {
		return nil, fmt.Errorf("risk: list: %w", err)
	}
	now := g.clock.Now()
	var out []*Risk
	for r, err := range store.All(ctx, g.repo) {
		if err != nil {
			return nil, fmt.Errorf("risk: list: %w", err)
		}
		if f.Match(r, g.review, now) {
			out = append(out, r)
		}
	}
	return out, nil
}

// Top returns the n highest risks at stage among those the filter selects,
// ranked by Rank; n <= 0 returns them all.
func (g *Register) Top(ctx context.Context, n int, stage Stage, f *Filter) ([]*Risk, error) {
	if !stage.IsValid() {
		return nil, isms.Invalidf("risk: top: unknown stage %q", string(stage))
	}
	rs, err := g.List(ctx, f)
	if err != nil {
		return nil, err
	}
	ranked := Rank(rs, g.m, stage)
	if n > 0 && len(ranked) > n {
		ranked = ranked[:n]
	}
	return ranked, nil
}

// Heatmap counts the selected risks' assessments at stage on the
// register's grid.
func (g *Register) Heatmap(ctx context.Context, stage Stage, f *Filter) (*Heatmap, error) {
	if err := f.validate(); err != nil {
		return nil, fmt.Errorf("risk: heatmap: %w", err)
	}
	h, err := NewHeatmap(g.m, stage)
	if err != nil {
		return nil, err
	}
	now := g.clock.Now()
	for r, err := range store.All(ctx, g.repo) {
		if err != nil {
			return nil, fmt.Errorf("risk: heatmap: %w", err)
		}
		if f.Match(r, g.review, now) {
			h.Add(r)
		}
	}
	return h, nil
}

// Lint checks the selected risks at the clock's time with the register's
// matrix, criteria and review cadence, and returns the findings sorted
// with isms.SortFindings.
func (g *Register) Lint(ctx context.Context, f *Filter) ([]isms.Finding, error) {
	rs, err := g.List(ctx, f)
	if err != nil {
		return nil, err
	}
	return LintAll(rs, g.m, g.clock.Now(), &LintOptions{Criteria: &g.criteria, Review: &g.review}), nil
}
