package risk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// DefaultSystemActor is the actor of the register's own sweeps
// (ExpireAcceptances) when RegisterOptions.SystemActor is empty.
const DefaultSystemActor = "system"

// RegisterOptions configures NewRegister. A nil *RegisterOptions, and each
// zero field, means the default. The clock and the ID source are the
// store's (store.Options).
type RegisterOptions struct {
	// Criteria are the risk acceptance criteria for risks without their
	// own. Default: DefaultCriteria(matrix).
	Criteria *Criteria `json:"criteria,omitempty"`
	// Review is the review cadence. Default: DefaultReviewPolicy(matrix).
	Review *ReviewPolicy `json:"review,omitempty"`
	// AcceptanceValidity is how long an acceptance stays in force when the
	// request does not say. Default: DefaultAcceptanceValidity().
	AcceptanceValidity isms.Duration `json:"acceptance_validity,omitzero"`
	// SystemActor is the actor the journal records for the register's own
	// sweeps (ExpireAcceptances), and who closes the acceptances they
	// expire. Default: DefaultSystemActor ("system").
	SystemActor string `json:"system_actor,omitempty"`
	// ConflictRetries opts the workflow steps into retrying: when another
	// write changes the risk between the step's read and its write (the
	// store answers isms.ErrConflict), the step reads the risk again and
	// re-applies the command, up to ConflictRetries more times. A command
	// whose Revision the user saw is stale is never retried: that conflict
	// is the user's to resolve. Default 0: no retry, the conflict is
	// returned. At most MaxConflictRetries.
	ConflictRetries int `json:"conflict_retries,omitempty"`
}

// MaxConflictRetries bounds RegisterOptions.ConflictRetries.
const MaxConflictRetries = 10

// Register is the risk register of one tenant: risks stored through a
// store.Repository over a store.Store, scored with one matrix, under one
// set of criteria and one review cadence. Dates come from the store's
// clock and new IDs from the store's IDSource, by kind: "risk" for risks,
// ActionKind for treatment actions and AcceptanceKind for acceptances.
//
// Every workflow step is a method taking the context, the risk's ID and
// one command struct (AssessCommand, TreatCommand, ...). It reads the
// risk, applies the pure step of Risk with the same command, and writes
// the risk back with the revision it read, so a concurrent change makes
// the step fail with isms.ErrConflict rather than be lost (or, opted in
// with RegisterOptions.ConflictRetries, be re-applied to a fresh read). A command's
// Revision, when set, must also be the stored revision: the state the user
// saw.
//
// Every write (Create, Update, Delete and every step) takes its actor from
// the context (isms.WithActor) and fails with isms.ErrInvalid without one,
// so that no journal entry is anonymous; the expiry sweep runs as the
// configured system actor. Errors carry one prefix, "risk: <operation>: ",
// and name the risk once.
//
// A Register is safe for concurrent use.
type Register struct {
	repo     *store.Repository[Risk]
	clock    isms.Clock
	ids      isms.IDSource
	m        *Matrix
	criteria Criteria
	review   ReviewPolicy
	validity isms.Duration
	system   string
	retries  int
	checker  *checker
}

// NewRegister returns the register of tenant in the store s, scoring with
// a copy of m. It fails with isms.ErrInvalid when m, the criteria, the
// review policy, the acceptance validity or the system actor is invalid,
// or the store or tenant is missing.
func NewRegister(s *store.Store, tenant string, m *Matrix, opts *RegisterOptions) (*Register, error) {
	if m == nil {
		return nil, isms.Invalidf("risk: new register: matrix is required")
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("risk: new register: %w", err)
	}
	g := &Register{
		m:        m.Clone(),
		criteria: DefaultCriteria(m),
		review:   DefaultReviewPolicy(m),
		validity: DefaultAcceptanceValidity(),
		system:   DefaultSystemActor,
	}
	if opts != nil {
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
		if opts.SystemActor != "" {
			g.system = opts.SystemActor
		}
		g.retries = opts.ConflictRetries
	}
	var ps isms.Problems
	ps.Merge("criteria", g.criteria.Validate(g.m))
	ps.Merge("review", g.review.Validate(g.m))
	ps.Merge("acceptance_validity", g.validity.Validate())
	if g.retries < 0 || g.retries > MaxConflictRetries {
		ps.Addf("conflict_retries", isms.CodeOutOfRange, "conflict_retries must be between 0 and %d, got %d", MaxConflictRetries, g.retries)
	}
	if strings.TrimSpace(g.system) == "" {
		ps.Add("system_actor", isms.CodeMalformed, "the system actor must not be blank")
	}
	if err := ps.Err("register options"); err != nil {
		return nil, fmt.Errorf("risk: new register: %w", err)
	}
	repo, err := store.NewRepository[Risk](s, tenant, Kind)
	if err != nil {
		return nil, fmt.Errorf("risk: new register: %w", err)
	}
	g.repo, g.clock, g.ids = repo, s.Clock(), s.IDs()
	g.checker = &checker{m: g.m, criteria: g.criteria, review: g.review}
	return g, nil
}

// Matrix returns a copy of the register's matrix (nil for a nil register).
func (g *Register) Matrix() *Matrix {
	if g == nil {
		return nil
	}
	return g.m.Clone()
}

// Criteria returns the register's risk criteria (zero for a nil register).
func (g *Register) Criteria() Criteria {
	if g == nil {
		return Criteria{}
	}
	return g.criteria
}

// ReviewPolicy returns a copy of the register's review cadence (zero for
// a nil register).
func (g *Register) ReviewPolicy() ReviewPolicy {
	if g == nil {
		return ReviewPolicy{}
	}
	p := g.review
	p.Intervals = append([]ReviewInterval(nil), g.review.Intervals...)
	return p
}

// SystemActor returns the actor of the register's sweeps ("" for a nil
// register).
func (g *Register) SystemActor() string {
	if g == nil {
		return ""
	}
	return g.system
}

// usable reports a nil register or context.
func (g *Register) usable(ctx context.Context) error {
	switch {
	case g == nil || g.repo == nil:
		return isms.Invalidf("nil register (use NewRegister)")
	case ctx == nil:
		return isms.Invalidf("nil context")
	}
	return nil
}

// checkID refuses an ID no risk can have, before the store sees it, so
// that the error names the risk's ID once.
func checkID(id isms.ID) error {
	if err := id.Validate(); err != nil {
		return isms.Invalidf("invalid risk ID: %v", err)
	}
	return nil
}

// writable is usable plus the actor every write needs.
func (g *Register) writable(ctx context.Context) (string, error) {
	if err := g.usable(ctx); err != nil {
		return "", err
	}
	return isms.RequireActor(ctx)
}

// Create stores a new risk and sets its Meta (an empty ID is filled from
// the store's IDSource, kind "risk"). An empty status becomes open, and
// every time is stored in UTC at microsecond precision. The risk is
// validated; everything else, including assessments and acceptances
// imported from another tool, is stored as given and judged by Check.
// The context must carry the actor.
func (g *Register) Create(ctx context.Context, r *Risk) error {
	if _, err := g.writable(ctx); err != nil {
		return fmt.Errorf("risk: create: %w", err)
	}
	if r == nil {
		return isms.Invalidf("risk: create: nil risk")
	}
	if r.Status == "" {
		r.Status = StatusOpen
	}
	r.normalizeTimes()
	if err := g.repo.Create(ctx, r); err != nil {
		return fmt.Errorf("risk: create: %w", err)
	}
	return nil
}

// Get returns the risk with the given ID (isms.ErrNotFound if none).
func (g *Register) Get(ctx context.Context, id isms.ID) (*Risk, error) {
	if err := g.usable(ctx); err != nil {
		return nil, fmt.Errorf("risk: get: %w", err)
	}
	if err := checkID(id); err != nil {
		return nil, fmt.Errorf("risk: get: %w", err)
	}
	r, err := g.repo.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("risk: get: %w", err)
	}
	return r, nil
}

// Update stores edits to a risk's descriptive fields: title, description,
// owner, category, assets, threat, vulnerability, impact rule, criteria and
// existing controls. The fields that workflow steps manage (assessments,
// treatment, acceptances, delegations, review) keep their stored values,
// which are copied into r. A status change follows StatusLifecycle: open
// and closed move freely, accepted may be closed, and a risk becomes
// accepted only with a sign-off in force (DecideAcceptance records one).
// r must carry the revision it was read at (isms.ErrConflict otherwise),
// and the context the actor.
func (g *Register) Update(ctx context.Context, r *Risk) error {
	if _, err := g.writable(ctx); err != nil {
		return fmt.Errorf("risk: update: %w", err)
	}
	if r == nil {
		return isms.Invalidf("risk: update: nil risk")
	}
	if err := checkID(r.ID); err != nil {
		return fmt.Errorf("risk: update: %w", err)
	}
	cur, err := g.repo.Get(ctx, r.ID)
	if err != nil {
		return fmt.Errorf("risk: update: %w", err)
	}
	if cur.Revision != r.Revision {
		return fmt.Errorf("risk: update: %w", &isms.ConflictError{Kind: Kind, ID: r.ID, Expected: r.Revision, Actual: cur.Revision})
	}
	to := r.Status
	if to == "" {
		to = cur.Status
	}
	r.Status = cur.Status
	r.Inherent, r.Current, r.Residual = cur.Inherent, cur.Current, cur.Residual
	r.Treatment, r.Acceptances, r.Delegations = cur.Treatment, cur.Acceptances, cur.Delegations
	r.ReviewedAt, r.ReviewedBy = cur.ReviewedAt, cur.ReviewedBy
	if err := r.setStatus(to, isms.NormalizeTime(g.clock.Now())); err != nil {
		r.Status = to
		return fmt.Errorf("risk: update: %w", r.subject(err))
	}
	if err := g.repo.Update(ctx, r); err != nil {
		return fmt.Errorf("risk: update: %w", err)
	}
	return nil
}

// Delete removes the risk if revision is still the stored one
// (isms.ErrConflict otherwise). The context must carry the actor.
func (g *Register) Delete(ctx context.Context, id isms.ID, revision int64) error {
	if _, err := g.writable(ctx); err != nil {
		return fmt.Errorf("risk: delete: %w", err)
	}
	if err := checkID(id); err != nil {
		return fmt.Errorf("risk: delete: %w", err)
	}
	if err := g.repo.Delete(ctx, id, revision); err != nil {
		return fmt.Errorf("risk: delete: %w", err)
	}
	return nil
}

// step reads a risk, applies fn with the context's actor and the clock's
// time, and writes the risk back with the revision it read; with
// ConflictRetries, a write that loses a race is done again from a fresh
// read. fn is a pure
// step of Risk, whose errors already name the risk: step adds the one
// prefix "risk: <op>: ".
func (g *Register) step(ctx context.Context, op string, id isms.ID, fn func(r *Risk, actor string, now time.Time) error) (*Risk, error) {
	actor, err := g.writable(ctx)
	if err == nil {
		err = checkID(id)
	}
	if err != nil {
		return nil, fmt.Errorf("risk: %s: %w", op, err)
	}
	for attempt := 0; ; attempt++ {
		r, err := g.repo.Get(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("risk: %s: %w", op, err)
		}
		// fn's own errors, a stale command revision included, are final.
		if err := fn(r, actor, isms.NormalizeTime(g.clock.Now())); err != nil {
			return nil, fmt.Errorf("risk: %s: %w", op, err)
		}
		err = g.repo.Update(ctx, r)
		if err == nil {
			return r, nil
		}
		if errors.Is(err, isms.ErrConflict) && attempt < g.retries && ctx.Err() == nil {
			continue // another write came between the read and the write
		}
		return nil, fmt.Errorf("risk: %s: %w", op, err)
	}
}
