package memstore_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/ismstest"
	"github.com/ismskit/ismskit/isms/store"
	"github.com/ismskit/ismskit/isms/store/memstore"
)

// Note is a small entity: any struct that embeds isms.Meta can be stored.
type Note struct {
	isms.Meta
	Text string `json:"text"`
}

func Example() {
	ctx := isms.WithActor(context.Background(), "alice")
	s := memstore.NewStore(&store.Options{IDs: ismstest.NewSequentialIDs()})
	defer s.Close()
	notes, err := store.NewRepository[Note](s, "acme", "note")
	if err != nil {
		fmt.Println(err)
		return
	}

	n := &Note{Text: "draft"}
	_ = notes.Create(ctx, n)
	fmt.Println("created", n.ID, "revision", n.Revision)

	stale := *n
	n.Text = "final"
	_ = notes.Update(ctx, n)
	fmt.Println("updated revision", n.Revision)

	// Writing from the old revision again is a conflict: no lost update.
	err = notes.Update(ctx, &stale)
	fmt.Println("stale write is a conflict:", errors.Is(err, isms.ErrConflict))

	// A write without an actor is refused: the journal names everyone.
	err = notes.Create(context.Background(), &Note{Text: "anonymous"})
	fmt.Println("anonymous write refused:", errors.Is(err, isms.ErrInvalid))

	// Another tenant sees nothing.
	other, _ := store.NewRepository[Note](s, "globex", "note")
	_, err = other.Get(ctx, n.ID)
	fmt.Println("other tenant:", errors.Is(err, isms.ErrNotFound))

	entries, _ := s.ReadJournal(ctx, "acme", store.JournalOptions{})
	for _, e := range entries {
		fmt.Println(e.Sequence, e.Operation, e.Kind+"/"+string(e.ID), "rev", e.Revision, "by", e.Actor)
	}
	fmt.Println("journal verifies:", s.VerifyJournal(ctx, "acme") == nil)
	// Output:
	// created note-0001 revision 1
	// updated revision 2
	// stale write is a conflict: true
	// anonymous write refused: true
	// other tenant: true
	// 1 create note/note-0001 rev 1 by alice
	// 2 update note/note-0001 rev 2 by alice
	// journal verifies: true
}
