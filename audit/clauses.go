package audit

import (
	"strings"
	"sync"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// KindClause is the Ref kind of a clause (controls.KindClause), as in
// isms.Ref{Kind: "clause", ID: "9.2.2"}; build one with
// controls.ClauseRef.
const KindClause = controls.KindClause

// clauses is the built-in clause catalog, shared by the package.
var clauses = sync.OnceValue(controls.ISO27001_2022Clauses)

// clauseInfo is one clause of the catalog, in the order of the standard.
type clauseInfo struct {
	id, title string
}

// clauseList returns every clause of the catalog, in order.
var clauseList = sync.OnceValue(func() []clauseInfo {
	var out []clauseInfo
	for _, c := range clauses().Controls() {
		out = append(out, clauseInfo{string(c.ID), c.Title})
	}
	return out
})

// requirementClauses are the leaf clauses; built once.
var requirementClauses = sync.OnceValue(func() []isms.ID {
	parents := map[string]bool{}
	for _, c := range clauses().Controls() {
		if p := c.Prop(controls.PropParent); p != "" {
			parents[p] = true
		}
	}
	var out []isms.ID
	for _, c := range clauseList() {
		if !parents[c.id] {
			out = append(out, isms.ID(c.id))
		}
	}
	return out
})

// RequirementClauses returns the ids of the clauses that are audited as
// requirements: every clause of controls.ISO27001_2022Clauses that has
// no sub-clause (6.1, 7.5, 9.2 and 9.3 are covered through theirs), in
// the order of the standard: 30 clauses.
func RequirementClauses() []isms.ID { return append([]isms.ID(nil), requirementClauses()...) }

// parentClause returns "6.1" for "6.1.2", and "" for an id without a dot.
func parentClause(id string) string {
	i := strings.LastIndexByte(id, '.')
	if i < 0 {
		return ""
	}
	return id[:i]
}

// Covers reports whether auditing scope covers the requirement req: they
// are of the same kind and scope's ID is req's or a prefix of it at a dot
// (clause "9.2" covers "9.2.2"; control "A.5" covers "A.5.15").
func Covers(scope, req isms.Ref) bool {
	if scope.Kind != req.Kind || scope.ID == "" {
		return false
	}
	return scope.ID == req.ID || strings.HasPrefix(string(req.ID), string(scope.ID)+".")
}

// requirementTitle returns the heading of a clause or the title of an
// Annex A control, or "" when the catalogs do not hold it.
func requirementTitle(r isms.Ref, annex *controls.Catalog) string {
	switch r.Kind {
	case KindClause:
		if c, ok := clauses().Control(r.ID); ok {
			return c.Title
		}
		if g, ok := clauses().Group(r.ID); ok {
			return g.Title
		}
	case isms.KindControl:
		if c, ok := annex.Control(r.ID); ok {
			return c.Title
		}
		if g, ok := annex.Group(r.ID); ok {
			return g.Title
		}
	}
	return ""
}

// knownRequirement reports whether r names a clause, a clause group, an
// Annex A control or theme of annex.
func knownRequirement(r isms.Ref, annex *controls.Catalog) bool {
	return requirementTitle(r, annex) != ""
}

// annexOr returns c, or the built-in Annex A catalog when c is nil.
func annexOr(c *controls.Catalog) *controls.Catalog {
	if c == nil {
		return controls.ISO27001_2022()
	}
	return c
}
