package risk

import (
	"context"
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Treat records the treatment decision and plan, by the context's actor,
// now (Risk.Treat). Actions without an ID get one from the store's IDs
// (kind ActionKind), and actions without a status are planned.
func (g *Register) Treat(ctx context.Context, id isms.ID, cmd TreatCommand) (*Risk, error) {
	return g.step(ctx, "treat", id, func(r *Risk, actor string, now time.Time) error {
		c := cmd
		c.Actions = slices.Clone(cmd.Actions)
		for i := range c.Actions {
			if c.Actions[i].ID == "" {
				c.Actions[i].ID = g.ids.NewID(ActionKind)
			}
		}
		return r.Treat(actor, c, now)
	})
}

// SetActionStatus sets the status of one treatment action; done records
// the completion time (Risk.SetActionStatus).
func (g *Register) SetActionStatus(ctx context.Context, id isms.ID, cmd SetActionStatusCommand) (*Risk, error) {
	return g.step(ctx, "set action status", id, func(r *Risk, actor string, now time.Time) error {
		return r.SetActionStatus(actor, cmd, now)
	})
}
