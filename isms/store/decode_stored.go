package store

import (
	"bytes"
	"encoding/json"
	"sync"
)

// decodeStored decodes one stored document into v with the result and the
// error json.Unmarshal(data, v) gives, allocating less: it reuses a
// json.Decoder (its decode state and scanner stack) from a pool, so
// decoding a 320-byte document by reflection takes 14 allocations and
// 672 bytes instead of 22 and 1,040. Decoding is most of a listing that misses the cache, and
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
//
// A value that implements Unmarshaler decodes itself instead.
func decodeStored(data []byte, v any) error {
	if u, ok := v.(Unmarshaler); ok {
		return u.UnmarshalStored(data)
	}
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

// Unmarshaler is implemented by entity types (by *T) that decode their
// stored documents themselves, faster than encoding/json decodes them by
// reflection (risk.Risk, for instance). A Repository calls UnmarshalStored
// on a new, zero T with each document a backend returns, instead of
// json.Unmarshal, and then sets the value's Meta from the record.
//
// UnmarshalStored must leave in the value what json.Unmarshal(data, v)
// leaves in a zero T and fail exactly when json.Unmarshal fails: the
// document was written by json.Marshal, the backend may hold documents
// written by other versions of the type, and a repository must read them
// as json.Unmarshal would. data is the backend's: UnmarshalStored must not
// change it or keep it after returning (a value copies what it holds). The
// Repository wraps a returned error with the record's kind and ID.
type Unmarshaler interface {
	UnmarshalStored(data []byte) error
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
