package driver_test

import (
	"crypto/sha256"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// TestComputeHashFollowsTheDocumentedFormat writes the hash input out by
// hand, byte for byte as ComputeHash documents it, and hashes it with
// crypto/sha256 directly.
func TestComputeHashFollowsTheDocumentedFormat(t *testing.T) {
	var data, prev driver.Hash
	for i := range data {
		data[i], prev[i] = 0xaa, byte(i)
	}
	e := driver.JournalEntry{
		Tenant: "acme", Sequence: 12, Time: time.Date(2026, 11, 22, 9, 30, 0, 123456000, time.FixedZone("CET", 3600)),
		Actor: "alice", Kind: "risk", ID: "r-1", Revision: 3, Operation: driver.OpUpdate,
		DataHash: data, PrevHash: prev,
	}
	// 2026-11-22T08:30:00.123456Z is 1795336200123456 µs after the epoch,
	// 0x000660d94875f440 (computed independently with Python's datetime).
	micros := time.Date(2026, 11, 22, 8, 30, 0, 123456000, time.UTC).UnixMicro()
	require.Equal(t, int64(1795336200123456), micros)
	input := []byte("ismskit.journal.v2\n")
	input = append(input, 0, 0, 0, 4, 'a', 'c', 'm', 'e')
	input = append(input, 0, 0, 0, 0, 0, 0, 0, 12)
	input = append(input, 0x00, 0x06, 0x60, 0xd9, 0x48, 0x75, 0xf4, 0x40)
	input = append(input, 0, 0, 0, 5, 'a', 'l', 'i', 'c', 'e')
	input = append(input, 0, 0, 0, 4, 'r', 'i', 's', 'k')
	input = append(input, 0, 0, 0, 3, 'r', '-', '1')
	input = append(input, 0, 0, 0, 0, 0, 0, 0, 3)
	input = append(input, 0, 0, 0, 6, 'u', 'p', 'd', 'a', 't', 'e')
	input = append(input, data[:]...)
	input = append(input, prev[:]...)
	assert.Equal(t, input, e.AppendHashInput(nil))
	assert.Equal(t, driver.Hash(sha256.Sum256(input)), e.ComputeHash())
}

func TestDataHashIsSHA256(t *testing.T) {
	// SHA-256 of the empty string and of "abc" (FIPS 180-2 test vectors).
	assert.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", driver.DataHash(nil).String())
	assert.Equal(t, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", driver.DataHash([]byte("abc")).String())
}

func TestHashText(t *testing.T) {
	h := driver.DataHash([]byte("abc"))
	text, err := h.MarshalText()
	require.NoError(t, err)
	var back driver.Hash
	require.NoError(t, back.UnmarshalText(text))
	assert.Equal(t, h, back)
	for _, bad := range []string{"", "abc", string(text) + "0", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", string(text[:63]) + "g", string(text[:63]) + "\n"} {
		assert.ErrorIs(t, back.UnmarshalText([]byte(bad)), isms.ErrInvalid, "%q", bad)
	}
}

func TestSealChainsEntries(t *testing.T) {
	first := driver.JournalEntry{Tenant: "acme", Time: time.Date(2026, 1, 1, 0, 0, 0, 999, time.UTC), Actor: "a", Kind: "k", ID: "a", Revision: 1, Operation: driver.OpCreate, DataHash: driver.DataHash([]byte("{}"))}
	first.Seal(nil)
	assert.Equal(t, int64(1), first.Sequence)
	assert.True(t, first.PrevHash.IsZero())
	assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), first.Time, "sealed times are truncated to microseconds")
	assert.Equal(t, first.ComputeHash(), first.Hash)
	second := driver.JournalEntry{Tenant: "acme", Time: first.Time, Actor: "a", Kind: "k", ID: "a", Revision: 1, Operation: driver.OpDelete, DataHash: driver.DataHash(nil)}
	second.Seal(&first)
	assert.Equal(t, int64(2), second.Sequence)
	assert.Equal(t, first.Hash, second.PrevHash)
}

func TestJournalEntryJSON(t *testing.T) {
	e := driver.JournalEntry{Tenant: "acme", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Actor: "a", Kind: "k", ID: "x", Revision: 1, Operation: driver.OpCreate, DataHash: driver.DataHash(nil)}
	e.Seal(nil)
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.JSONEq(t, `{"tenant":"acme","sequence":1,"time":"2026-01-01T00:00:00Z","actor":"a","kind":"k","id":"x","revision":1,"operation":"create",`+
		`"data_hash":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","hash":"`+e.Hash.String()+`"}`, string(b), "the first entry has no prev_hash")
	var back driver.JournalEntry
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, e, back)
	assert.Error(t, json.Unmarshal([]byte(`{"operation":"upsert"}`), &back))
}

func FuzzHashText(f *testing.F) {
	f.Add("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
	f.Add("xyz")
	f.Fuzz(func(t *testing.T, s string) {
		var h driver.Hash
		if err := h.UnmarshalText([]byte(s)); err != nil {
			return
		}
		if h.String() != s {
			t.Fatalf("%q decoded to %s", s, h)
		}
	})
}
