package isms

import (
	"context"
	"time"
)

// Clock tells the time. Services take a Clock so that tests and replays can
// fix it; pure functions take a time.Time argument instead.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to a Clock.
type ClockFunc func() time.Time

// Now calls f; a nil ClockFunc returns the zero time.
func (f ClockFunc) Now() time.Time {
	if f == nil {
		return time.Time{}
	}
	return f()
}

// SystemClock returns the wall clock, in UTC.
func SystemClock() Clock { return systemClock{} }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now().UTC() }

type actorKey struct{}

// WithActor returns a context that carries the actor (a user, a service
// account) on whose behalf the calls made with it act. Storage backends
// record the actor in the journal of every write. A nil ctx stands for
// context.Background().
func WithActor(ctx context.Context, actor string) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns the actor carried by ctx, and whether there was one
// (an empty actor counts as none). A nil ctx carries no actor.
func ActorFrom(ctx context.Context) (string, bool) {
	if ctx == nil {
		return "", false
	}
	a, ok := ctx.Value(actorKey{}).(string)
	return a, ok && a != ""
}

// errNoActor is the one refusal of a write without an actor.
var errNoActor = Invalidf("no actor in the context: every write is journaled with who made it (isms.WithActor)")

// RequireActor returns the actor carried by ctx, or, when there is none,
// the error every write of the SDK refuses with (answering ErrInvalid):
// no journal entry is anonymous.
func RequireActor(ctx context.Context) (string, error) {
	a, ok := ActorFrom(ctx)
	if !ok {
		return "", errNoActor
	}
	return a, nil
}
