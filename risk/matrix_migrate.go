package risk

import (
	"context"
	"fmt"

	"github.com/ismskit/ismskit/isms"
)

// MatrixMigration is the outcome of moving assessments from one version
// of a matrix (From) to another (To): the assessments carried over, and
// those a person must assess again.
type MatrixMigration struct {
	// From and To are the matrices migrated between.
	From MatrixRef `json:"from"`
	To   MatrixRef `json:"to"` // see From
	// Migrated lists the assessments re-scored with To: their likelihood
	// and impact levels exist in To and the cell they fall in gives the
	// same combined impact and risk level as in From.
	Migrated []MigratedAssessment `json:"migrated,omitempty"`
	// Reassess lists the assessments scored with From that cannot be
	// carried over, with the reason; a person re-assesses them.
	Reassess []MigratedAssessment `json:"reassess,omitempty"`
}

// MigratedAssessment is one assessment of a migration.
type MigratedAssessment struct {
	// Risk is the risk's ID, and Stage the assessment's stage.
	Risk  isms.ID `json:"risk"`
	Stage Stage   `json:"stage"` // see Risk
	// Level is the risk level recorded with From.
	Level string `json:"level"`
	// Reason says why a person must re-assess it; empty when migrated.
	Reason string `json:"reason,omitempty"`
}

// MigrateAssessments moves the assessments of r that were scored with from
// to the matrix to, where the grid cells they fall in are unchanged: the
// likelihood and impact levels (per dimension too) exist in to, and
// re-scoring the same inputs with to gives the combined impact and risk
// level recorded. Those assessments are rewritten in place with to's
// MatrixRef (the assessor, time and rationale are kept: the inputs were
// not re-assessed, only re-scored). The others, and assessments that are
// not consistent with from itself, are left as they are and listed for a
// person to re-assess; assessments scored with any other matrix are not
// touched. Acceptance snapshots keep the matrix they were accepted with.
//
// It is pure. It fails with isms.ErrInvalid when from or to is nil or
// invalid, or when both are the same matrix and version; a nil risk has
// nothing to migrate.
func MigrateAssessments(r *Risk, from, to *Matrix) (*MatrixMigration, error) {
	mig, err := newMigration(from, to)
	if err != nil {
		return nil, fmt.Errorf("risk: migrate assessments: %w", err)
	}
	mig.risk(r, from, to)
	return mig, nil
}

func newMigration(from, to *Matrix) (*MatrixMigration, error) {
	if from == nil || to == nil {
		return nil, isms.Invalidf("both matrices are required")
	}
	if err := from.Validate(); err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	if err := to.Validate(); err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	if from.Ref() == to.Ref() {
		return nil, isms.Invalidf("both matrices are %s: nothing to migrate", from.Ref())
	}
	return &MatrixMigration{From: from.Ref(), To: to.Ref()}, nil
}

// risk migrates r's assessments and reports whether any changed.
func (mig *MatrixMigration) risk(r *Risk, from, to *Matrix) bool {
	if r == nil {
		return false
	}
	changed := false
	for _, st := range stageValues {
		a := r.Assessment(st)
		if a == nil || a.Matrix != from.Ref() {
			continue
		}
		item := MigratedAssessment{Risk: r.ID, Stage: st, Level: a.Level}
		if reason := carryOver(a, from, to); reason != "" {
			item.Reason = reason
			mig.Reassess = append(mig.Reassess, item)
			continue
		}
		a.Matrix = to.Ref()
		mig.Migrated = append(mig.Migrated, item)
		changed = true
	}
	return changed
}

// carryOver returns why a cannot be re-scored with to unchanged, or "".
func carryOver(a *Assessment, from, to *Matrix) string {
	in := a.Rating()
	old, err := from.evaluate(&in)
	if err != nil {
		return fmt.Sprintf("it cannot be re-scored with %s: %v", from.Ref(), err)
	}
	if from.Risk[old.Level].ID != a.Level || from.Impact[old.Impact].ID != a.Impact {
		return fmt.Sprintf("it records level %q and impact %q, which %s does not give its inputs", a.Level, a.Impact, from.Ref())
	}
	in = a.Rating()
	res, err := to.evaluate(&in)
	if err != nil {
		return fmt.Sprintf("%s cannot score its inputs: %v", to.Ref(), err)
	}
	level, impact := to.Risk[res.Level].ID, to.Impact[res.Impact].ID
	switch {
	case impact != a.Impact:
		return fmt.Sprintf("its combined impact is %q with %s, %q with %s", a.Impact, from.Ref(), impact, to.Ref())
	case level != a.Level:
		return fmt.Sprintf("its cell (%s, %s) gives level %q with %s, %q with %s", a.Likelihood, a.Impact, a.Level, from.Ref(), level, to.Ref())
	}
	return ""
}

// MigrateMatrix migrates the register's assessments scored with from to
// the register's matrix (MigrateAssessments for every risk, closed ones
// included) and writes each risk that changed, with the revision it read
// and the context's actor. It returns what was migrated and what a person
// must re-assess (with Register.Assess). A write that loses a race
// answers isms.ErrConflict, with the risks migrated so far in the
// result; running it again carries on. Errors answer isms.ErrInvalid for
// a nil, invalid or identical from matrix, or a context without actor.
func (g *Register) MigrateMatrix(ctx context.Context, from *Matrix) (*MatrixMigration, error) {
	const op = "risk: migrate matrix: %w"
	if _, err := g.writable(ctx); err != nil {
		return nil, fmt.Errorf(op, err)
	}
	mig, err := newMigration(from, g.m)
	if err != nil {
		return nil, fmt.Errorf(op, err)
	}
	type pending struct {
		r        *Risk
		migrated []MigratedAssessment
	}
	var todo []pending
	for r, err := range g.repo.All(ctx) {
		if err != nil {
			return nil, fmt.Errorf(op, err)
		}
		one := &MatrixMigration{}
		if one.risk(r, from, g.m) {
			todo = append(todo, pending{r, one.Migrated})
		}
		mig.Reassess = append(mig.Reassess, one.Reassess...)
	}
	// Migrated lists only what was written.
	for _, p := range todo {
		if err := g.repo.Update(ctx, p.r); err != nil {
			return mig, fmt.Errorf(op, err)
		}
		mig.Migrated = append(mig.Migrated, p.migrated...)
	}
	return mig, nil
}
