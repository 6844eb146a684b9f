package isms

import "strings"

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

// Validate reports whether r names a kind and a valid ID.
func (r Ref) Validate() error {
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
