package sampling

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFingerprintByteFormat hashes the documented bytes, written out by
// hand, and compares.
func TestFingerprintByteFormat(t *testing.T) {
	items := []Item{{ID: "b", Value: -1, Stratum: "x"}, {ID: "a", Value: 5}}
	var want []byte
	want = append(want, "ismskit-population-v1"...)
	want = append(want, 0)
	want = append(want, 0, 0, 0, 0, 0, 0, 0, 2) // two items
	want = append(want, 0x01, 'a', 0x0a, 0x00)  // "a", 5 -> zig-zag 10, no stratum
	want = append(want, 0x01, 'b', 0x01, 0x01, 'x')
	sum := sha256.Sum256(want)
	got, err := Fingerprint(items)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(sum[:]), got)

	// A two-byte varint: an ID of 200 bytes and the value 64 (zig-zag 128).
	long := strings.Repeat("z", 200)
	want = append([]byte("ismskit-population-v1\x00"), 0, 0, 0, 0, 0, 0, 0, 1)
	want = append(want, 0xc8, 0x01)
	want = append(want, long...)
	want = append(want, 0x80, 0x01, 0x00)
	sum = sha256.Sum256(want)
	got, err = Fingerprint([]Item{{ID: long, Value: 64}})
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(sum[:]), got)

	// The empty population.
	sum = sha256.Sum256(append([]byte("ismskit-population-v1\x00"), 0, 0, 0, 0, 0, 0, 0, 0))
	got, err = Fingerprint(nil)
	require.NoError(t, err)
	assert.Equal(t, hex.EncodeToString(sum[:]), got)
}

// refFingerprint builds the whole byte string in memory, as a
// re-performer in another language would.
func refFingerprint(items []Item) string {
	b := append([]byte("ismskit-population-v1\x00"), 0, 0, 0, 0, 0, 0, 0, 0)
	n := len(items)
	for i := 0; i < 8; i++ {
		b[22+i] = byte(n >> (56 - 8*i))
	}
	for _, it := range items {
		b = appendUvarintRef(b, uint64(len(it.ID)))
		b = append(b, it.ID...)
		z := uint64(it.Value) << 1
		if it.Value < 0 {
			z = ^z
		}
		b = appendUvarintRef(b, z)
		b = appendUvarintRef(b, uint64(len(it.Stratum)))
		b = append(b, it.Stratum...)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func appendUvarintRef(b []byte, x uint64) []byte {
	for x >= 0x80 {
		b = append(b, byte(x)|0x80)
		x >>= 7
	}
	return append(b, byte(x))
}

// TestFingerprintLargePopulation crosses many 64 KiB blocks, with an ID and
// a stratum each longer than a block, and compares with the in-memory
// reference.
func TestFingerprintLargePopulation(t *testing.T) {
	items := make([]Item, 30000)
	for i := range items {
		items[i] = Item{ID: fmt.Sprintf("id-%06d-%s", i, strings.Repeat("x", i%37)), Value: int64(i*7919) - 50000, Stratum: fmt.Sprint(i % 5)}
	}
	items[1234].ID = "id-001234-" + strings.Repeat("L", 70000)
	items[2345].Stratum = strings.Repeat("S", 200000)
	got, err := Fingerprint(items)
	require.NoError(t, err)
	assert.Equal(t, refFingerprint(items), got)
}

func TestFingerprintDetectsChanges(t *testing.T) {
	base := []Item{{ID: "INV-1", Value: 100}, {ID: "INV-2", Value: 250, Stratum: "high"}, {ID: "INV-3", Value: 75}}
	fp, err := Fingerprint(base)
	require.NoError(t, err)
	// The order of the input does not matter.
	same, err := Fingerprint([]Item{base[2], base[0], base[1]})
	require.NoError(t, err)
	assert.Equal(t, fp, same)
	changes := map[string][]Item{
		"value":   {{ID: "INV-1", Value: 101}, base[1], base[2]},
		"id":      {{ID: "INV-1a", Value: 100}, base[1], base[2]},
		"stratum": {base[0], {ID: "INV-2", Value: 250, Stratum: "low"}, base[2]},
		"added":   {base[0], base[1], base[2], {ID: "INV-4", Value: 1}},
		"removed": {base[0], base[1]},
		// Moving bytes between fields must not collide.
		"boundary": {{ID: "INV-1", Value: 100}, {ID: "INV-2", Value: 250, Stratum: "hig"}, {ID: "hINV-3", Value: 75}},
	}
	seen := map[string]string{fp: "base"}
	for name, items := range changes {
		got, err := Fingerprint(items)
		require.NoError(t, err)
		prev, dup := seen[got]
		assert.False(t, dup, "%s collides with %s", name, prev)
		seen[got] = name
	}
}

func TestFingerprintErrors(t *testing.T) {
	_, err := Fingerprint([]Item{{ID: "a"}, {ID: ""}})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	_, err = Fingerprint([]Item{{ID: "a"}, {ID: "b"}, {ID: "a"}})
	assert.ErrorIs(t, err, isms.ErrInvalid)
	assert.ErrorContains(t, err, `duplicate item id "a"`)
}
