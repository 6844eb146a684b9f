package isms

import (
	"strconv"
	"strings"
)

// Ref points at an entity by kind and ID. Domain packages refer to each
// other's entities through Refs, never by importing each other: a risk
// names the controls it selects as Ref{Kind: "control", ID: "A.8.24"}.
type Ref struct {
	Kind string `json:"kind"`
	ID   ID     `json:"id"`
}

// NewRef returns Ref{Kind: kind, ID: id}.
func NewRef(kind string, id ID) Ref { return Ref{Kind: kind, ID: id} }

// String returns "kind/id", or "" for the zero Ref.
func (r Ref) String() string {
	if r.IsZero() {
		return ""
	}
	return r.Kind + "/" + string(r.ID)
}

// IsZero reports whether r is the zero Ref.
func (r Ref) IsZero() bool { return r.Kind == "" && r.ID == "" }

// Validate reports whether r names a kind (without a slash or a space) and
// a valid ID.
func (r Ref) Validate() error {
	if r.isValid() {
		return nil
	}
	var ps Problems
	if r.Kind == "" {
		ps.Add("kind", CodeRequired, "kind is required")
	} else if strings.ContainsAny(r.Kind, "/ \t\n") {
		ps.Add("kind", CodeMalformed, "kind holds a slash or a space")
	}
	if err := r.ID.Validate(); err != nil {
		ps.Add("id", CodeMalformed, err.Error())
	}
	return ps.Err("ref")
}

// Compare orders Refs by kind, then ID. It returns -1, 0 or +1.
func (r Ref) Compare(o Ref) int {
	if c := strings.Compare(r.Kind, o.Kind); c != 0 {
		return c
	}
	return strings.Compare(string(r.ID), string(o.ID))
}

// Kinds of the kernel's entities, used in Refs and as storage kinds.
const (
	KindScope           = "scope"
	KindInterestedParty = "interested_party"
	KindAsset           = "asset"
	KindDocument        = "document"
	KindObjective       = "objective"
	KindEvidence        = "evidence"
)

// isValid reports whether Validate would accept r, without building an
// error.
func (r Ref) isValid() bool {
	return r.Kind != "" && !strings.ContainsAny(r.Kind, "/ \t\n") && r.ID.IsValid()
}

// indexField returns "field[i]".
func indexField(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

// checkRefs validates each ref of a list and reports refs listed twice, in
// one pass with a set. When kind is not empty, it is the only kind
// accepted.
func checkRefs(ps *Problems, field string, refs []Ref, kind string) {
	first := make(map[Ref]int, len(refs))
	for i, r := range refs {
		j, dup := first[r]
		if !dup {
			first[r] = i
			if r.isValid() && (kind == "" || r.Kind == kind) {
				continue
			}
		}
		f := indexField(field, i)
		checkRef(ps, f, r, kind)
		if dup {
			ps.Addf(f, CodeDuplicate, "%s is listed twice (first at [%d])", r, j)
		}
	}
}

// checkRef validates one ref; when kind is not empty, it is the only kind
// accepted.
func checkRef(ps *Problems, field string, r Ref, kind string) {
	if !r.isValid() {
		ps.Merge(field, r.Validate())
	}
	if kind != "" && r.Kind != "" && r.Kind != kind {
		ps.Addf(field+".kind", CodeUnknown, "kind %q is not %q", r.Kind, kind)
	}
}
