package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// storedDoc has the shapes a stored entity has: strings, a number, a
// time, a nested pointer, a slice, a map and a type with UnmarshalText.
type storedDoc struct {
	ID    string            `json:"id"`
	N     int               `json:"n"`
	At    time.Time         `json:"at"`
	Sub   *storedDoc        `json:"sub,omitempty"`
	List  []string          `json:"list,omitempty"`
	Tags  map[string]string `json:"tags,omitempty"`
	Level textLevel         `json:"level,omitempty"`
}

type textLevel string

func (l *textLevel) UnmarshalText(b []byte) error {
	if string(b) != "low" && string(b) != "high" {
		return fmt.Errorf("bad level %q", b)
	}
	*l = textLevel(b)
	return nil
}

var storedInputs = []string{
	`{"id":"a","n":1,"at":"2026-01-02T03:04:05Z","sub":{"id":"b"},"list":["x","y"],"tags":{"k":"v"},"level":"low"}`,
	`  {"id":"lead"}`,
	`{"id":"trail"}   ` + "\n\t\r",
	`{"id":"a"}x`,
	`{"id":"a"}]`,
	`{"id":"a"}}`,
	`{"id":"a"} {"id":"b"}`,
	``,
	`   `,
	`{`,
	`{"id":`,
	`{"id":"a",}`,
	`{"n":"not a number","id":"kept"}`,
	`{"level":"medium"}`,
	`{"at":"yesterday"}`,
	`[1,2]`,
	`null`,
	`{"id":"\u00e9\ud83d\ude00"}`,
	`{"unknown":1,"id":"lenient"}`,
	"{\"id\":\"a\"}\x00",
}

// TestDecodeStoredIsUnmarshal compares decodeStored with json.Unmarshal,
// the behaviour it must keep, on every input of the table, one after the
// other through the same pool (so a decoder that saw trailing bytes or an
// error is never reused), twice over: the decoded value when there is no
// error, and the error's text when there is one.
func TestDecodeStoredIsUnmarshal(t *testing.T) {
	for round := range 2 {
		for _, in := range append(storedInputs, storedInputs[0]) {
			var want, got storedDoc
			wantErr := json.Unmarshal([]byte(in), &want)
			gotErr := decodeStored([]byte(in), &got)
			if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
				t.Fatalf("round %d, %q: error %v, json.Unmarshal gives %v", round, in, gotErr, wantErr)
			}
			if wantErr == nil && !reflect.DeepEqual(want, got) {
				t.Fatalf("round %d, %q: decoded %+v, json.Unmarshal gives %+v", round, in, got, want)
			}
		}
	}
	big := `{"id":"` + strings.Repeat("b", maxPooledDocument) + `"}`
	var got storedDoc
	if err := decodeStored([]byte(big), &got); err != nil || len(got.ID) != maxPooledDocument {
		t.Fatalf("a document larger than the pooled size: %v, %d bytes of ID", err, len(got.ID))
	}
	if err := decodeStored(nil, new(storedDoc)); err == nil || err.Error() != json.Unmarshal(nil, new(storedDoc)).Error() {
		t.Fatalf("nil data: %v", err)
	}
}

// TestDecodeStoredConcurrent decodes the table from eight goroutines at
// once (run with -race), each checking its results against json.Unmarshal.
func TestDecodeStoredConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for i := range 200 {
				in := []byte(storedInputs[i%len(storedInputs)])
				var want, got storedDoc
				wantErr, gotErr := json.Unmarshal(in, &want), decodeStored(in, &got)
				if (wantErr == nil) != (gotErr == nil) || (wantErr == nil && !reflect.DeepEqual(want, got)) {
					errs <- fmt.Errorf("%q: got %+v, %v; want %+v, %v", in, got, gotErr, want, wantErr)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// FuzzDecodeStored: for any bytes, decodeStored gives what json.Unmarshal
// gives (same error text, or the same value), also right after decoding
// the previous input through the same pool.
func FuzzDecodeStored(f *testing.F) {
	for _, in := range storedInputs {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var want, got storedDoc
		wantErr := json.Unmarshal(in, &want)
		gotErr := decodeStored(in, &got)
		if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
			t.Fatalf("%q: error %v, json.Unmarshal gives %v", in, gotErr, wantErr)
		}
		if wantErr == nil && !reflect.DeepEqual(want, got) {
			t.Fatalf("%q: decoded %+v, json.Unmarshal gives %+v", in, got, want)
		}
	})
}

func BenchmarkDecodeStored(b *testing.B) {
	in := []byte(storedInputs[0])
	b.ReportAllocs()
	for b.Loop() {
		var d storedDoc
		if err := decodeStored(in, &d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeUnmarshal(b *testing.B) {
	in := []byte(storedInputs[0])
	b.ReportAllocs()
	for b.Loop() {
		var d storedDoc
		if err := json.Unmarshal(in, &d); err != nil {
			b.Fatal(err)
		}
	}
}
