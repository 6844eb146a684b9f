package risk

import (
	"context"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Assess scores cmd.Rating with the register's matrix and stores it as the
// risk's assessment at cmd.Stage, by the context's actor, now (Risk.Assess).
// Use Matrix.Explain for the trace of the score.
func (g *Register) Assess(ctx context.Context, id isms.ID, cmd AssessCommand) (*Risk, error) {
	return g.step(ctx, "assess", id, func(r *Risk, actor string, now time.Time) error {
		return r.Assess(g.m, actor, cmd, now)
	})
}

// Review records that the context's actor reviewed the risk now, which
// restarts its review interval (Risk.Review).
func (g *Register) Review(ctx context.Context, id isms.ID, cmd ReviewCommand) (*Risk, error) {
	return g.step(ctx, "review", id, func(r *Risk, actor string, now time.Time) error {
		return r.Review(actor, cmd, now)
	})
}
