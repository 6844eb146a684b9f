package incident

import (
	"context"
	"fmt"
	"time"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// ActionKindID is the ID kind of actions the service numbers.
const ActionKindID = "incident.action"

// ServiceOptions configures NewService. Nil, and each zero field, means
// the default.
type ServiceOptions struct {
	// Policy is the severity scale and review level. Default:
	// DefaultPolicy.
	Policy *Policy `json:"policy,omitempty"`
}

// Service is the incident register of one tenant, stored through a
// store.Repository over a store.Store. Dates come from the store's clock
// and new IDs from its IDSource ("incident", ActionKindID). Every write
// takes its actor from the context (isms.WithActor) and fails with
// isms.ErrInvalid without one. Every workflow step reads the incident,
// applies the pure step with the same command, and writes it back with
// the revision it read, so a concurrent change fails with
// isms.ErrConflict rather than being lost. Errors carry one prefix,
// "incident: <operation>: ". A Service is safe for concurrent use.
type Service struct {
	repo   *store.Repository[Incident]
	clock  isms.Clock
	ids    isms.IDSource
	policy Policy
}

// NewService returns the incident service of tenant in s. It fails with
// isms.ErrInvalid when the policy is invalid, or the store or tenant is
// missing.
func NewService(s *store.Store, tenant string, opts *ServiceOptions) (*Service, error) {
	p := DefaultPolicy()
	if opts != nil && opts.Policy != nil {
		p = *opts.Policy
	}
	if err := p.Validate(); err != nil {
		return nil, wrap("new service", err)
	}
	repo, err := store.NewRepository[Incident](s, tenant, Kind)
	if err != nil {
		return nil, wrap("new service", err)
	}
	return &Service{repo: repo, clock: s.Clock(), ids: s.IDs(), policy: p}, nil
}

// Policy returns the service's policy (zero for a nil service).
func (v *Service) Policy() Policy {
	if v == nil {
		return Policy{}
	}
	return v.policy
}

func (v *Service) usable(ctx context.Context) error {
	switch {
	case v == nil || v.repo == nil:
		return isms.Invalidf("nil service (use NewService)")
	case ctx == nil:
		return isms.Invalidf("nil context")
	}
	return nil
}

func (v *Service) writable(ctx context.Context) (string, error) {
	if err := v.usable(ctx); err != nil {
		return "", err
	}
	return isms.RequireActor(ctx)
}

// Report is the one intake of every source: it stores a new incident in
// status reported, with ReportedAt now (unless set), AwareAt defaulting
// to DetectedAt, and a first timeline entry. The incident is validated
// against the clock (no instant after now).
func (v *Service) Report(ctx context.Context, inc *Incident) error {
	actor, err := v.writable(ctx)
	if err != nil {
		return wrap("report", err)
	}
	if inc == nil {
		return isms.Invalidf("incident: report: nil incident")
	}
	now := isms.NormalizeTime(v.clock.Now())
	inc.Status = StatusReported
	inc.normalizeTimes()
	if inc.ReportedAt.IsZero() {
		inc.ReportedAt = now
	}
	if inc.AwareAt.IsZero() {
		inc.AwareAt = inc.DetectedAt
	}
	if inc.ID == "" {
		inc.ID = v.ids.NewID(Kind)
	}
	inc.Timeline = nil
	inc.record(now, actor, FieldStatus, "", string(StatusReported), inc.DetectionSource, 0)
	if inc.Severity != "" && v.policy.Scale.Rank(inc.Severity) == 0 {
		return isms.Invalidf("incident: report: severity %q is not on the scale", inc.Severity)
	}
	if err := inc.ValidateAt(now); err != nil {
		return wrap("report", err)
	}
	if err := v.repo.Create(ctx, inc); err != nil {
		return wrap("report", err)
	}
	return nil
}

// Get returns the incident with the given ID (isms.ErrNotFound if none).
func (v *Service) Get(ctx context.Context, id isms.ID) (*Incident, error) {
	if err := v.usable(ctx); err != nil {
		return nil, wrap("get", err)
	}
	if err := id.Validate(); err != nil {
		return nil, isms.Invalidf("incident: get: invalid incident ID: %v", err)
	}
	inc, err := v.repo.Get(ctx, id)
	if err != nil {
		return nil, wrap("get", err)
	}
	return inc, nil
}

// All iterates over every incident in ID order; iteration stops at the
// first error, yielded with a nil incident.
func (v *Service) All(ctx context.Context) func(yield func(*Incident, error) bool) {
	return func(yield func(*Incident, error) bool) {
		if err := v.usable(ctx); err != nil {
			yield(nil, wrap("all", err))
			return
		}
		for inc, err := range v.repo.All(ctx) {
			if !yield(inc, err) {
				return
			}
		}
	}
}

// apply reads an incident, applies fn with the actor and the clock's
// time, validates and writes it back with the revision it read.
func (v *Service) apply(ctx context.Context, op string, id isms.ID, fn func(inc *Incident, actor string, now time.Time) error) (*Incident, error) {
	actor, err := v.writable(ctx)
	if err != nil {
		return nil, wrap(op, err)
	}
	if err := id.Validate(); err != nil {
		return nil, isms.Invalidf("incident: %s: invalid incident ID: %v", op, err)
	}
	inc, err := v.repo.Get(ctx, id)
	if err != nil {
		return nil, wrap(op, err)
	}
	now := isms.NormalizeTime(v.clock.Now())
	if err := fn(inc, actor, now); err != nil {
		return nil, wrap(op, err)
	}
	if err := inc.ValidateAt(now); err != nil {
		return nil, wrap(op, err)
	}
	if err := v.repo.Update(ctx, inc); err != nil {
		return nil, wrap(op, err)
	}
	return inc, nil
}

// Update stores edits to the incident's descriptive fields: title,
// description, impact, affected assets and services, personal data,
// detection source, owner, tags and the instants the workflow does not
// set (occurred, detected, aware, reported, ransom paid, corrective
// measure). Everything the steps manage (status, severity, category,
// flags, declaration, outcome, actions, review, evidence, submissions,
// requests, assessments, timeline and their instants) keeps its stored
// value. inc must carry the revision it was read at (isms.ErrConflict
// otherwise); the edit is one timeline entry, field "record".
func (v *Service) Update(ctx context.Context, inc *Incident) error {
	if inc == nil {
		return isms.Invalidf("incident: update: nil incident")
	}
	got, err := v.apply(ctx, "update", inc.ID, func(cur *Incident, actor string, now time.Time) error {
		if err := cur.checkRevision(inc.Revision); err != nil {
			return err
		}
		if inc.Revision == 0 {
			return isms.Invalidf("%s: update names the revision it read", subjectOf(cur.ID))
		}
		inc.normalizeTimes()
		cur.Title, cur.Description, cur.Impact = inc.Title, inc.Description, inc.Impact
		cur.AffectedAssets, cur.AffectedServices, cur.PersonalData = inc.AffectedAssets, inc.AffectedServices, inc.PersonalData
		cur.DetectionSource, cur.Owner, cur.Tags = inc.DetectionSource, inc.Owner, inc.Tags
		cur.OccurredAt, cur.DetectedAt, cur.AwareAt, cur.ReportedAt = inc.OccurredAt, inc.DetectedAt, inc.AwareAt, inc.ReportedAt
		cur.RansomPaidAt, cur.CorrectiveMeasureAt = inc.RansomPaidAt, inc.CorrectiveMeasureAt
		cur.record(now, actor, "record", "", "edited", "descriptive fields edited", 0)
		return nil
	})
	if err != nil {
		return err
	}
	*inc = *got
	return nil
}

// Step moves the incident through Lifecycle (Incident.Step). A merge
// names an incident of the same tenant (isms.ErrNotFound otherwise).
func (v *Service) Step(ctx context.Context, id isms.ID, cmd StepCommand) (*Incident, error) {
	if cmd.To == StatusMerged && cmd.MergeInto.IsValid() && cmd.MergeInto != id && v.usable(ctx) == nil {
		if _, err := v.repo.Get(ctx, cmd.MergeInto); err != nil {
			return nil, wrap("step", err)
		}
	}
	return v.apply(ctx, "step", id, func(inc *Incident, actor string, now time.Time) error {
		return inc.Step(actor, cmd, now, v.policy)
	})
}

// Classify changes the severity, category or classification flags
// (Incident.Classify).
func (v *Service) Classify(ctx context.Context, id isms.ID, cmd ClassifyCommand) (*Incident, error) {
	return v.apply(ctx, "classify", id, func(inc *Incident, actor string, now time.Time) error {
		return inc.Classify(actor, cmd, now, v.policy)
	})
}

// Correct appends a timeline correction (Incident.Correct).
func (v *Service) Correct(ctx context.Context, id isms.ID, cmd CorrectCommand) (*Incident, error) {
	return v.apply(ctx, "correct", id, func(inc *Incident, actor string, now time.Time) error {
		return inc.Correct(actor, cmd, now)
	})
}

// SetAction adds or updates an action (Incident.SetAction); an empty
// action ID is filled from the store's IDs (ActionKindID).
func (v *Service) SetAction(ctx context.Context, id isms.ID, cmd ActionCommand) (*Incident, error) {
	return v.apply(ctx, "action", id, func(inc *Incident, actor string, now time.Time) error {
		if cmd.Action.ID == "" {
			cmd.Action.ID = v.ids.NewID(ActionKindID)
		}
		return inc.SetAction(actor, cmd, now)
	})
}

// RecordReview stores the post-incident review (Incident.RecordReview).
func (v *Service) RecordReview(ctx context.Context, id isms.ID, cmd ReviewCommand) (*Incident, error) {
	return v.apply(ctx, "review", id, func(inc *Incident, actor string, now time.Time) error {
		return inc.RecordReview(actor, cmd, now)
	})
}

// RecordEvidence adds evidence or appends hand-overs
// (Incident.RecordEvidence).
func (v *Service) RecordEvidence(ctx context.Context, id isms.ID, cmd EvidenceCommand) (*Incident, error) {
	return v.apply(ctx, "evidence", id, func(inc *Incident, actor string, now time.Time) error {
		return inc.RecordEvidence(actor, cmd, now)
	})
}

// Submit records a submission (Incident.Submit).
func (v *Service) Submit(ctx context.Context, id isms.ID, cmd SubmitCommand) (*Incident, error) {
	return v.apply(ctx, "submit", id, func(inc *Incident, actor string, now time.Time) error {
		return inc.Submit(actor, cmd, now)
	})
}

// Request records a request received (Incident.Request).
func (v *Service) Request(ctx context.Context, id isms.ID, cmd RequestCommand) (*Incident, error) {
	return v.apply(ctx, "request", id, func(inc *Incident, actor string, now time.Time) error {
		return inc.Request(actor, cmd, now)
	})
}

// Assess records that an obligation is not required (Incident.Assess).
func (v *Service) Assess(ctx context.Context, id isms.ID, cmd AssessCommand) (*Incident, error) {
	return v.apply(ctx, "assess", id, func(inc *Incident, actor string, now time.Time) error {
		return inc.Assess(actor, cmd, now)
	})
}

// String names the service for debugging.
func (v *Service) String() string {
	if v == nil || v.repo == nil {
		return "incident.Service(nil)"
	}
	return fmt.Sprintf("incident.Service(%s)", v.repo.Tenant())
}
