package controls

import (
	"fmt"
	"io"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/ismskit/ismskit/isms"
)

// Relationship is the set relationship between the source and the target of
// a mapping pair, as defined by NIST IR 8477 (and used by OSCAL mapping
// models): it says how the source control relates to the target control.
type Relationship string

// Relationships. Each reads "source <relationship> target".
const (
	// RelEqual: the two controls ask for the same thing.
	RelEqual Relationship = "equal"
	// RelSubsetOf: the source asks for part of what the target asks.
	RelSubsetOf Relationship = "subset_of"
	// RelSupersetOf: the source asks for all the target asks, and more.
	RelSupersetOf Relationship = "superset_of"
	// RelIntersectsWith: the two overlap, and each asks for something the
	// other does not.
	RelIntersectsWith Relationship = "intersects_with"
	// RelNoRelationship: the two were compared and found unrelated.
	RelNoRelationship Relationship = "no_relationship"
)

var relationshipValues = []Relationship{RelEqual, RelSubsetOf, RelSupersetOf, RelIntersectsWith, RelNoRelationship}

// RelationshipValues returns every Relationship.
func RelationshipValues() []Relationship { return slices.Clone(relationshipValues) }

// IsValid reports whether r is a known Relationship.
func (r Relationship) IsValid() bool { return slices.Contains(relationshipValues, r) }

// UnmarshalText accepts only known relationships.
func (r *Relationship) UnmarshalText(b []byte) error {
	return unmarshalEnum(r, "relationship", b, relationshipValues)
}

// Inverse returns the relationship read from the target to the source:
// subset_of and superset_of swap, the others are symmetric.
func (r Relationship) Inverse() Relationship {
	switch r {
	case RelSubsetOf:
		return RelSupersetOf
	case RelSupersetOf:
		return RelSubsetOf
	}
	return r
}

// Provenance says who made a mapping, how and when: an auditor weighs a
// derived coverage by the mapping it came from.
type Provenance struct {
	// Author is who made the mapping (a body, a vendor, a person).
	Author string `json:"author"`
	// Method is how the pairs and their relationships were decided.
	Method string `json:"method"`
	// Date is when the mapping was published or made.
	Date time.Time `json:"date,omitzero"`
	// Source names the document or data set the pairs come from.
	Source string `json:"source,omitempty"`
}

// Pair maps one source control to one target control.
type Pair struct {
	Source       isms.ID      `json:"source"`
	Target       isms.ID      `json:"target"`
	Relationship Relationship `json:"relationship"`
	// Notes explains the pair, when the author did.
	Notes string `json:"notes,omitempty"`
}

// Mapping is a crosswalk: a set of pairs from the controls of a source
// catalog to the controls of a target catalog, with its provenance.
type Mapping struct {
	ID            isms.ID    `json:"id"`
	Title         string     `json:"title"`
	SourceCatalog isms.ID    `json:"source_catalog"`
	TargetCatalog isms.ID    `json:"target_catalog"`
	Provenance    Provenance `json:"provenance"`
	Pairs         []Pair     `json:"pairs,omitempty"`
}

// Validate checks the mapping's own rules: valid ids, a title, both catalog
// ids, an author and a method, a provenance date in the years 1 to 9999,
// text in valid UTF-8, and for every pair valid ids, a known relationship
// and no repeated (source, target). The error is an *isms.ValidationError
// with Subject "mapping <id>"; it lists every problem and answers
// errors.Is(err, isms.ErrInvalid). A nil mapping is invalid. The time is
// linear in the number of pairs.
func (m *Mapping) Validate() error {
	if m == nil {
		var ps isms.Problems
		ps.Add("", isms.CodeRequired, "the mapping is nil")
		return ps.Err("mapping")
	}
	var ps isms.Problems
	if err := m.ID.Validate(); err != nil {
		ps.Add("id", isms.CodeMalformed, err.Error())
	}
	if m.Title == "" {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	if err := m.SourceCatalog.Validate(); err != nil {
		ps.Add("source_catalog", isms.CodeMalformed, err.Error())
	}
	if err := m.TargetCatalog.Validate(); err != nil {
		ps.Add("target_catalog", isms.CodeMalformed, err.Error())
	}
	if m.Provenance.Author == "" {
		ps.Add("provenance.author", isms.CodeRequired, "author is required")
	}
	if m.Provenance.Method == "" {
		ps.Add("provenance.method", isms.CodeRequired, "method is required")
	}
	for _, f := range [...]struct{ name, v string }{
		{"title", m.Title}, {"provenance.author", m.Provenance.Author},
		{"provenance.method", m.Provenance.Method}, {"provenance.source", m.Provenance.Source},
	} {
		checkText(&ps, f.name, f.v)
	}
	isms.CheckTime(&ps, "provenance.date", m.Provenance.Date)
	seen := make(map[[2]isms.ID]int, len(m.Pairs))
	for i, p := range m.Pairs {
		// The field name is formatted only when there is a problem: mappings
		// can hold tens of thousands of pairs.
		if !idOK(p.Source) {
			if err := p.Source.Validate(); err != nil {
				ps.Add(pairField(i, "source"), isms.CodeMalformed, err.Error())
			}
		}
		if !idOK(p.Target) {
			if err := p.Target.Validate(); err != nil {
				ps.Add(pairField(i, "target"), isms.CodeMalformed, err.Error())
			}
		}
		if !p.Relationship.IsValid() {
			isms.CheckEnum(&ps, pairField(i, "relationship"), p.Relationship, relationshipValues, true)
		}
		if !isASCIIText(p.Notes) {
			checkText(&ps, pairField(i, "notes"), p.Notes)
		}
		k := [2]isms.ID{p.Source, p.Target}
		if j, dup := seen[k]; dup {
			ps.Addf(pairField(i, ""), isms.CodeDuplicate, "pair %s -> %s repeats pairs[%d]", p.Source, p.Target, j)
		} else {
			seen[k] = i
		}
	}
	return ps.Err(mappingSubject(m.ID))
}

func mappingSubject(id isms.ID) string {
	if id == "" || !utf8.ValidString(string(id)) {
		return "mapping"
	}
	return "mapping " + string(id)
}

func pairField(i int, name string) string {
	return isms.JoinField(fmt.Sprintf("pairs[%d]", i), name)
}

// ValidateAgainst checks the mapping against the catalogs it joins: the
// catalog ids match and every pair names controls the catalogs hold. A nil
// catalog is not checked (use it for a catalog the SDK does not ship, such
// as ISO/IEC 27001:2013). It returns the problems of Validate too, and a
// nil mapping is invalid.
func (m *Mapping) ValidateAgainst(source, target *Catalog) error {
	if m == nil {
		return m.Validate()
	}
	var ps isms.Problems
	ps.Merge("", m.Validate())
	for _, side := range []struct {
		field string
		want  isms.ID
		cat   *Catalog
		id    func(Pair) isms.ID
	}{
		{"source", m.SourceCatalog, source, func(p Pair) isms.ID { return p.Source }},
		{"target", m.TargetCatalog, target, func(p Pair) isms.ID { return p.Target }},
	} {
		if side.cat == nil {
			continue
		}
		if side.cat.ID() != side.want {
			ps.Addf(side.field+"_catalog", isms.CodeUnknown, "mapping names catalog %q, got catalog %q", side.want, side.cat.ID())
			continue
		}
		for i, p := range m.Pairs {
			if id := side.id(p); !side.cat.Has(id) {
				ps.Addf(pairField(i, side.field), isms.CodeUnknown, "control %q is not in catalog %q", id, side.want)
			}
		}
	}
	return ps.Err(mappingSubject(m.ID))
}

// Clone returns a deep copy of m; the clone of a nil mapping is nil.
func (m *Mapping) Clone() *Mapping {
	if m == nil {
		return nil
	}
	c := *m
	c.Pairs = slices.Clone(m.Pairs)
	return &c
}

// Inverse returns the mapping read the other way: source and target swap in
// the catalogs and in every pair, and every relationship is inverted
// (subset_of becomes superset_of and the reverse). Its id is the original
// id with ".inverse" appended, and its provenance says it was inverted.
// Inverting twice gives the original pairs back. The inverse of a nil
// mapping is nil, whose Validate reports it.
func (m *Mapping) Inverse() *Mapping {
	if m == nil {
		return nil
	}
	inv := &Mapping{
		ID:            m.ID + ".inverse",
		Title:         "Inverse of " + m.Title,
		SourceCatalog: m.TargetCatalog,
		TargetCatalog: m.SourceCatalog,
		Provenance:    m.Provenance,
	}
	if m.Pairs != nil {
		inv.Pairs = make([]Pair, len(m.Pairs))
	}
	inv.Provenance.Method += " Inverted by ismskit: source and target swapped, subset_of and superset_of exchanged."
	for i, p := range m.Pairs {
		inv.Pairs[i] = Pair{Source: p.Target, Target: p.Source, Relationship: p.Relationship.Inverse(), Notes: p.Notes}
	}
	return inv
}

// TargetsOf returns the pairs whose source is id, in mapping order.
func (m *Mapping) TargetsOf(id isms.ID) []Pair {
	if m == nil {
		return nil
	}
	var out []Pair
	for _, p := range m.Pairs {
		if p.Source == id {
			out = append(out, p)
		}
	}
	return out
}

// SourcesOf returns the pairs whose target is id, in mapping order.
func (m *Mapping) SourcesOf(id isms.ID) []Pair {
	if m == nil {
		return nil
	}
	var out []Pair
	for _, p := range m.Pairs {
		if p.Target == id {
			out = append(out, p)
		}
	}
	return out
}

// ReadMapping reads one mapping in the SDK's JSON format from r and
// validates it. Empty lists read as nil and times are stored in UTC at
// microsecond precision. It is strict, for documents from users
// (isms.ReadStrict): unknown fields, unknown relationships, trailing data,
// a document of more than isms.MaxDocumentSize bytes and nesting deeper
// than isms.MaxDocumentDepth are refused. Errors answer
// errors.Is(err, isms.ErrInvalid), except a failure of r itself.
func ReadMapping(r io.Reader) (*Mapping, error) {
	var m Mapping
	if err := isms.ReadStrict(r, &m); err != nil {
		return nil, wrap("read mapping", err)
	}
	m.Pairs = nilIfEmpty(m.Pairs)
	m.Provenance.Date = isms.NormalizeTime(m.Provenance.Date)
	if err := m.Validate(); err != nil {
		return nil, wrap("read mapping", err)
	}
	return &m, nil
}

// WriteMapping writes m to w in the SDK's JSON format, indented by two
// spaces and followed by a newline; ReadMapping reads it back equal (with
// the provenance date in UTC at microsecond precision). A mapping that
// Validate refuses is not written: the error answers
// errors.Is(err, isms.ErrInvalid), as does a nil w or m.
func WriteMapping(w io.Writer, m *Mapping) error {
	if err := m.Validate(); err != nil {
		return wrap("write mapping", err)
	}
	n := m.Clone()
	n.Pairs = nilIfEmpty(n.Pairs)
	n.Provenance.Date = isms.NormalizeTime(n.Provenance.Date)
	if err := writeJSON(w, n); err != nil {
		return wrap("write mapping", err)
	}
	return nil
}
