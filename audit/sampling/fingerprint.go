package sampling

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"slices"
	"strings"

	"github.com/ismskit/ismskit/isms"
)

// FingerprintFormat names the byte format of population fingerprints.
const FingerprintFormat = "ismskit-population-v1"

// Item is one sampling unit of a population: an invoice, a change ticket,
// a day's log review.
type Item struct {
	// ID identifies the item; it must be non-empty and unique in the
	// population. IDs fix the canonical order (ascending by bytes), so IDs
	// that sort chronologically, such as "2025-03-14", make systematic
	// selection walk the population in time order.
	ID string `json:"id"`
	// Value is the item's recorded monetary value in the smallest currency
	// unit (cents), used by monetary-unit and cell selection, where it must
	// not be negative. Integers keep the cumulative arithmetic exact.
	Value int64 `json:"value,omitempty"`
	// Stratum is the key stratified selection groups the item by.
	Stratum string `json:"stratum,omitempty"`
}

// Fingerprint returns the SHA-256 fingerprint of a population as 64
// lowercase hexadecimal digits. The order of items does not matter; any
// change to an ID, a value or a stratum, or any item added or removed,
// changes it.
//
// The hashed bytes (format "ismskit-population-v1"), so that anyone can
// recompute the fingerprint in any language:
//
//	"ismskit-population-v1" followed by one zero byte
//	the number of items as an 8-byte big-endian unsigned integer
//	then, for each item in canonical order (IDs ascending, compared as
//	bytes):
//	    the length of the ID in bytes, as an unsigned varint
//	    the ID's bytes (as given; IDs are normally UTF-8)
//	    the value, as a signed (zig-zag) varint
//	    the length of the stratum in bytes, as an unsigned varint
//	    the stratum's bytes
//
// The varints are those of encoding/binary.AppendUvarint and AppendVarint
// (LEB128: 7 bits a byte, least significant group first, the high bit set
// on every byte but the last; a signed value v is first mapped to 2v for
// v >= 0 and to -2v-1 for v < 0). For example the item {ID: "a", Value: 5}
// contributes the bytes 01 61 0a 00.
//
// The error wraps isms.ErrInvalid for an empty or duplicate ID, or more
// than MaxPopulation items.
func Fingerprint(items []Item) (string, error) {
	pop, err := scan(items)
	if err != nil {
		return "", wrap("fingerprint", err)
	}
	return pop.fingerprint, nil
}

// population is a validated population in canonical order with the
// figures one pass over it yields.
type population struct {
	items       []Item // canonical order; items itself when it was sorted
	fingerprint string
	total       int64 // sum of the non-negative values
	overflow    bool  // the sum exceeds math.MaxInt64
	negative    bool  // some value is negative
}

// scan validates items and puts them in canonical order (ascending ID),
// computing the fingerprint and the total value in the same pass. It
// returns items itself when already in order, and a sorted copy otherwise;
// it never modifies items.
func scan(items []Item) (*population, error) {
	if len(items) > MaxPopulation {
		return nil, isms.Invalidf("population of %d items exceeds %d", len(items), MaxPopulation)
	}
	pop := &population{items: items}
	if pop.hash() {
		return pop, nil
	}
	for i := range items {
		if items[i].ID == "" {
			return nil, isms.Invalidf("item %d has an empty id", i)
		}
	}
	sorted := slices.Clone(items)
	slices.SortFunc(sorted, func(a, b Item) int { return strings.Compare(a.ID, b.ID) })
	for i := 1; i < len(sorted); i++ {
		if sorted[i-1].ID == sorted[i].ID {
			return nil, isms.Invalidf("duplicate item id %q", sorted[i].ID)
		}
	}
	pop = &population{items: sorted}
	pop.hash()
	return pop, nil
}

// hash walks the items once: it checks that the IDs are non-empty and
// strictly ascending (reporting false as soon as they are not), adds up the
// values and hashes the fingerprint bytes. It fills 64 KiB buffers by hand,
// which keeps the per-item cost to a few copies, and hands full buffers to
// a second goroutine that hashes them in order while the next one fills:
// the bytes hashed, and so the fingerprint, do not depend on the
// scheduling.
func (p *population) hash() bool {
	// A small population starts (and often ends) with a small block.
	bh := newBlockHasher(min(blockSize, 64+48*len(p.items)))
	defer bh.stop()
	buf := bh.buf
	off := copy(buf, FingerprintFormat)
	buf[off] = 0
	off++
	binary.BigEndian.PutUint64(buf[off:], uint64(len(p.items)))
	off += 8
	prev := ""
	for i := range p.items {
		it := &p.items[i]
		if len(it.ID) == 0 || (i > 0 && it.ID <= prev) {
			return false
		}
		prev = it.ID
		switch {
		case it.Value < 0:
			p.negative = true
		case p.total > math.MaxInt64-it.Value:
			p.overflow = true
		default:
			p.total += it.Value
		}
		// Hand the buffer over when the item may not fit: three varints of
		// at most 10 bytes each and the two strings.
		if need := 30 + len(it.ID) + len(it.Stratum); off+need > len(buf) {
			buf = bh.handOff(buf[:off])
			off = 0
			if need > blockSize {
				// A block of its own, with a capacity that marks it as not
				// to be recycled.
				bh.queue(itemBytes(make([]byte, 0, need+1), it))
				continue
			}
		}
		off = putUvarint(buf, off, uint64(len(it.ID)))
		off += copy(buf[off:], it.ID)
		// Zig-zag: 2v for v >= 0, -2v-1 for v < 0.
		off = putUvarint(buf, off, uint64(it.Value<<1)^uint64(it.Value>>63))
		off = putUvarint(buf, off, uint64(len(it.Stratum)))
		off += copy(buf[off:], it.Stratum)
	}
	p.fingerprint = bh.sum(buf[:off])
	return true
}

const blockSize = 64 << 10

// blockHasher hashes a sequence of byte blocks with SHA-256, in order, on
// a goroutine of its own once more than one block is needed. Blocks of
// blockSize capacity are recycled through free.
type blockHasher struct {
	h       hash.Hash
	buf     []byte // the first block to fill, possibly smaller than blockSize
	work    chan []byte
	free    chan []byte
	done    chan struct{}
	started bool
}

func newBlockHasher(first int) *blockHasher {
	return &blockHasher{h: sha256.New(), buf: make([]byte, first)}
}

// handOff queues the block b for hashing and returns an empty block to
// fill next. b must not be used after the call.
func (bh *blockHasher) handOff(b []byte) []byte {
	bh.queue(b)
	return <-bh.free
}

// queue queues b for hashing, starting the hashing goroutine on first use.
// The goroutine recycles b through free when its capacity is blockSize.
func (bh *blockHasher) queue(b []byte) {
	if !bh.started {
		bh.started = true
		bh.work = make(chan []byte, 2)
		bh.free = make(chan []byte, 3)
		bh.done = make(chan struct{})
		for range 2 {
			bh.free <- make([]byte, blockSize)
		}
		go func() {
			defer close(bh.done)
			for blk := range bh.work {
				bh.h.Write(blk)
				if cap(blk) == blockSize {
					bh.free <- blk[:blockSize]
				}
			}
		}()
	}
	bh.work <- b
}

// sum hashes the last block and returns the hex digest.
func (bh *blockHasher) sum(last []byte) string {
	bh.stop()
	bh.h.Write(last)
	return hex.EncodeToString(bh.h.Sum(nil))
}

// stop waits for the hashing goroutine, if any, to finish. It is safe to
// call more than once.
func (bh *blockHasher) stop() {
	if bh.started {
		bh.started = false
		close(bh.work)
		<-bh.done
	}
}

// putUvarint writes x as an unsigned varint at buf[off:] and returns the
// new offset; the one-byte case, by far the most common, is inlined.
func putUvarint(buf []byte, off int, x uint64) int {
	if x < 0x80 {
		buf[off] = byte(x)
		return off + 1
	}
	return off + binary.PutUvarint(buf[off:], x)
}

// itemBytes appends the fingerprint bytes of one item to b.
func itemBytes(b []byte, it *Item) []byte {
	b = binary.AppendUvarint(b, uint64(len(it.ID)))
	b = append(b, it.ID...)
	b = binary.AppendVarint(b, it.Value)
	b = binary.AppendUvarint(b, uint64(len(it.Stratum)))
	return append(b, it.Stratum...)
}

// MismatchError reports that a re-performed selection does not match its
// record: the population's fingerprint differs (the population changed
// since the selection), or the same population and seed gave a different
// sample (the record does not come from this algorithm, or was altered).
// It answers errors.Is(err, isms.ErrConflict).
type MismatchError struct {
	// What names the mismatch: "population" or "sample".
	What string `json:"what"`
	// Recorded and Actual describe the two sides: fingerprints for
	// "population", the first differing item for "sample".
	Recorded string `json:"recorded"`
	Actual   string `json:"actual"`
}

// Error describes the mismatch (Reperform adds the package prefix). A nil
// *MismatchError reads "no mismatch".
func (e *MismatchError) Error() string {
	switch {
	case e == nil:
		return "no mismatch"
	case e.What == "population":
		return fmt.Sprintf("population changed: fingerprint %s was recorded, the population now has %s", e.Recorded, e.Actual)
	}
	return fmt.Sprintf("re-performed sample differs from the record: recorded %s, re-performed %s", e.Recorded, e.Actual)
}

// Is reports whether target is isms.ErrConflict.
func (e *MismatchError) Is(target error) bool { return target == isms.ErrConflict }
