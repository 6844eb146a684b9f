package sampling

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/bits"
	"math/rand/v2"
)

// selectionStream is the PCG stream (increment selector) of every
// selection except the strata of a stratified one: the ASCII bytes
// "ismskit!" read as a big-endian integer.
const selectionStream = 0x69736d736b697421

// stratumStream returns the PCG stream of a stratum: the first 8 bytes,
// big-endian, of SHA-256("ismskit-stratum-v1" + 0x00 + key). Each stratum
// draws from its own stream, so a change in one stratum's allocation does
// not move the sample of another.
func stratumStream(key string) uint64 {
	sum := sha256.Sum256([]byte("ismskit-stratum-v1\x00" + key))
	return binary.BigEndian.Uint64(sum[:8])
}

func generatorText(seed, stream uint64) string {
	return fmt.Sprintf("math/rand/v2 PCG(seed=%d, stream=%#x)", seed, stream)
}

// uniform returns an integer uniformly distributed in [0, n), n > 0, from
// the 64-bit outputs of src by Lemire's multiply-shift method with
// rejection: x*n is formed in 128 bits, its low half rejected when below
// 2^64 mod n, and its high half returned. It uses only integer arithmetic,
// so the draw is the same on every platform, and it is specified here so
// that it does not depend on the standard library's own bounded-integer
// algorithm.
func uniform(src *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}

// drawWithoutReplacement returns n distinct positions in [0, total) in the
// order a Fisher-Yates shuffle draws them: for i = 0, 1, ..., n-1, draw j
// uniformly in [i, total), swap positions i and j of the (virtual)
// identity permutation, and take the value now at i. Positions not yet
// touched hold themselves, so only the swapped ones are stored: a map for
// small samples, an array for large ones. Both paths give the same result.
func drawWithoutReplacement(src *rand.PCG, n, total int) []int {
	out := make([]int, n)
	if n*8 >= total {
		perm := make([]int, total)
		for i := range perm {
			perm[i] = i
		}
		for i := 0; i < n; i++ {
			j := i + int(uniform(src, uint64(total-i)))
			perm[i], perm[j] = perm[j], perm[i]
			out[i] = perm[i]
		}
		return out
	}
	moved := make(map[int]int, 2*n)
	at := func(i int) int {
		if v, ok := moved[i]; ok {
			return v
		}
		return i
	}
	for i := 0; i < n; i++ {
		j := i + int(uniform(src, uint64(total-i)))
		vi, vj := at(i), at(j)
		moved[i], moved[j] = vj, vi
		out[i] = vj
	}
	return out
}

// mulDiv returns floor((a*b + c) / d) for a result below 2^63, in 128-bit
// arithmetic.
func mulDiv(a, b, c, d uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	var carry uint64
	lo, carry = bits.Add64(lo, c, 0)
	hi += carry
	q, _ := bits.Div64(hi, lo, d)
	return q
}
