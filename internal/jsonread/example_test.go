package jsonread_test

import (
	"encoding/json"
	"fmt"

	"github.com/ismskit/ismskit/internal/jsonread"
)

type point struct {
	Name string `json:"name"`
	X    int64  `json:"x"`
}

// decodePoint reads a point with a Reader and falls back to
// json.Unmarshal for anything the Reader does not read itself, so its
// result is always json.Unmarshal's.
func decodePoint(data []byte) (point, bool) {
	var p point
	var r jsonread.Reader
	r.Reset(data)
	var seen jsonread.Members
	for more := r.BeginObject(); more; more = r.MoreMembers() {
		var bit jsonread.Members // 0 for a key it does not know
		switch r.Key() {
		case "name":
			bit, p.Name = 1, r.String()
		case "x":
			bit, p.X = 2, r.Int64()
		}
		r.Mark(&seen, bit) // unknown, or twice: leave it to encoding/json
	}
	if r.End() {
		return p, true
	}
	p = point{}
	_ = json.Unmarshal(data, &p)
	return p, false
}

func Example() {
	for _, doc := range []string{
		`{"name":"origin \u0026 centre","x":0}`,
		`{"name":"east","x":12}`,
		`{"NAME":"case differs","x":1}`,
	} {
		p, read := decodePoint([]byte(doc))
		fmt.Printf("%+v read by the Reader: %v\n", p, read)
	}
	// Output:
	// {Name:origin & centre X:0} read by the Reader: true
	// {Name:east X:12} read by the Reader: true
	// {Name:case differs X:1} read by the Reader: false
}
