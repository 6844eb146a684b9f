package store

import (
	"fmt"
	"runtime"
	"strconv"
	"testing"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// pageOf returns n records whose data is their index in the page.
func pageOf(n int) []driver.Record {
	recs := make([]driver.Record, n)
	for i := range recs {
		recs[i] = driver.Record{Key: driver.Key{Tenant: "t", Kind: "k", ID: isms.ID(fmt.Sprintf("r%05d", i))}, Data: []byte(strconv.Itoa(i))}
	}
	return recs
}

// decodeIndex decodes a record's data back to its index, and fails on the
// records whose index is in bad.
func decodeIndex(bad map[int]bool) func(driver.Record) (*int, error) {
	return func(rec driver.Record) (*int, error) {
		i, err := strconv.Atoi(string(rec.Data))
		if err != nil {
			return nil, err
		}
		if bad[i] {
			return nil, fmt.Errorf("record %d is bad", i)
		}
		return &i, nil
	}
}

// TestDecodePageKeepsOrder: whatever the page size (one record, a part
// chunk, several chunks and a partial last one), slot i holds record i.
func TestDecodePageKeepsOrder(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Log("GOMAXPROCS is 1: the pages decode on one goroutine")
	}
	for _, n := range []int{0, 1, decodeChunk - 1, decodeChunk, decodeChunk + 1, 1000, 1001} {
		out, err := decodePage(pageOf(n), decodeIndex(nil))
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(out) != n {
			t.Fatalf("n=%d: %d values", n, len(out))
		}
		for i, v := range out {
			if v == nil || *v != i {
				t.Fatalf("n=%d: slot %d holds %v", n, i, v)
			}
		}
	}
}

// TestDecodePageFirstError: with failures in several chunks, the error is
// the one of the first failing record in page order, the one a loop over
// the page would return, on every run.
func TestDecodePageFirstError(t *testing.T) {
	cases := []struct {
		bad  []int
		want string
	}{
		{[]int{999}, "record 999 is bad"},
		{[]int{5, 6}, "record 5 is bad"},
		{[]int{900, 130, 64}, "record 64 is bad"},
		{[]int{63, 0}, "record 0 is bad"},
	}
	for _, c := range cases {
		bad := map[int]bool{}
		for _, i := range c.bad {
			bad[i] = true
		}
		for range 50 {
			out, err := decodePage(pageOf(1000), decodeIndex(bad))
			if err == nil || err.Error() != c.want {
				t.Fatalf("bad %v: error %v, want %q", c.bad, err, c.want)
			}
			if out != nil {
				t.Fatalf("bad %v: values returned with the error", c.bad)
			}
		}
	}
	if _, err := decodePage(pageOf(3), decodeIndex(map[int]bool{1: true})); err == nil || err.Error() != "record 1 is bad" {
		t.Fatalf("small page: %v", err)
	}
}

// TestDecodePagePanicReachesCaller: a panic in the decoding of any record
// (the first chunk, which the caller's goroutine may decode, or a later
// one) is raised again in the caller, where it can be recovered, once
// every goroutine has stopped.
func TestDecodePagePanicReachesCaller(t *testing.T) {
	for _, at := range []int{3, 700, 999} {
		got := func() (p any) {
			defer func() { p = recover() }()
			_, _ = decodePage(pageOf(1000), func(rec driver.Record) (*int, error) {
				if string(rec.Data) == strconv.Itoa(at) {
					panic(fmt.Sprintf("bad record %d", at))
				}
				return decodeIndex(nil)(rec)
			})
			return nil
		}()
		if got != fmt.Sprintf("bad record %d", at) {
			t.Fatalf("panic at %d: recovered %v", at, got)
		}
	}
}
