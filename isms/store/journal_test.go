package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

// TestComputeHashFollowsTheDocumentedFormat rebuilds the hash input by hand,
// byte for byte as ComputeHash documents it, and hashes it with
// crypto/sha256 directly.
func TestComputeHashFollowsTheDocumentedFormat(t *testing.T) {
	e := store.JournalEntry{
		Tenant: "acme", Sequence: 12, Time: time.Date(2026, 11, 22, 9, 30, 0, 123456000, time.FixedZone("CET", 3600)),
		Actor: "alice", Kind: "risk", ID: "r-1", Revision: 3, Operation: store.OpUpdate,
		DataHash: "aa", PrevHash: "bb",
	}
	input := "ismskit.journal.v1\n" +
		"4:acme\n" +
		"2:12\n" +
		"27:2026-11-22T08:30:00.123456Z\n" +
		"5:alice\n" +
		"4:risk\n" +
		"3:r-1\n" +
		"1:3\n" +
		"6:update\n" +
		"2:aa\n" +
		"2:bb\n"
	sum := sha256.Sum256([]byte(input))
	assert.Equal(t, hex.EncodeToString(sum[:]), e.ComputeHash())
}

func TestDataHashIsSHA256(t *testing.T) {
	// SHA-256 of the empty string and of "abc" (FIPS 180-2 test vectors).
	assert.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", store.DataHash(nil))
	assert.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", store.DataHash([]byte("abc")))
}

func TestSealChainsEntries(t *testing.T) {
	first := store.JournalEntry{Tenant: "acme", Time: time.Date(2026, 1, 1, 0, 0, 0, 999, time.UTC), Kind: "k", ID: "a", Revision: 1, Operation: store.OpCreate, DataHash: store.DataHash([]byte("{}"))}
	first.Seal(nil)
	assert.Equal(t, int64(1), first.Sequence)
	assert.Empty(t, first.PrevHash)
	assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), first.Time, "sealed times are truncated to microseconds")
	second := store.JournalEntry{Tenant: "acme", Time: first.Time, Kind: "k", ID: "a", Revision: 1, Operation: store.OpDelete, DataHash: store.DataHash(nil)}
	second.Seal(&first)
	assert.Equal(t, int64(2), second.Sequence)
	assert.Equal(t, first.Hash, second.PrevHash)
	require.NoError(t, store.VerifyEntries([]store.JournalEntry{first, second}))

	var v store.JournalVerifier
	_, ok := v.Last()
	assert.False(t, ok)
	require.NoError(t, v.Add(first))
	last, ok := v.Last()
	assert.True(t, ok)
	assert.Equal(t, first, last)
	// A verifier that has not seen entry 1 refuses to start at entry 2.
	var fresh store.JournalVerifier
	err := fresh.Add(second)
	var broken *store.BrokenLinkError
	require.ErrorAs(t, err, &broken)
	assert.Equal(t, int64(1), broken.Sequence)
	// Unknown operations break the chain even when hashed consistently.
	bad := store.JournalEntry{Tenant: "acme", Operation: "rename"}
	bad.Seal(nil)
	assert.ErrorIs(t, store.VerifyEntries([]store.JournalEntry{bad}), store.ErrJournalBroken)
}

func TestJournalEntryJSON(t *testing.T) {
	e := store.JournalEntry{Tenant: "acme", Sequence: 1, Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Kind: "k", ID: "a", Revision: 1, Operation: store.OpCreate}
	e.Seal(nil)
	b, err := json.Marshal(e)
	require.NoError(t, err)
	var back store.JournalEntry
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, e, back)
	require.NoError(t, store.VerifyEntries([]store.JournalEntry{back}), "an exported journal verifies after a JSON round trip")
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"operation":"rename"}`), &back), isms.ErrInvalid)
}

// noJournal is a Backend without the JournalReader interface.
type noJournal struct{ store.Backend }

func TestReadJournalUnsupported(t *testing.T) {
	_, err := store.ReadJournal(context.Background(), noJournal{}, "acme", store.JournalOptions{})
	assert.ErrorIs(t, err, isms.ErrUnsupported)
	assert.ErrorIs(t, store.VerifyJournal(context.Background(), noJournal{}, "acme"), isms.ErrUnsupported)
}
