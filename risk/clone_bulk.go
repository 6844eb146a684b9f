package risk

import (
	"github.com/ismskit/ismskit/internal/parallel"
	"github.com/ismskit/ismskit/isms"
)

// cloneChunk is the fewest risks cloneAll copies on a goroutine of its
// own: copying a risk takes well under a microsecond, so a run of 4,096
// is worth the goroutine.
const cloneChunk = 4096

// cloneAll replaces each risk of rs by a deep copy (cloneRun), on up to
// GOMAXPROCS goroutines for a large listing (internal/parallel), each run
// of cloneChunk risks copied with arrays of its own. It returns rs.
func cloneAll(rs []*Risk) []*Risk {
	parallel.Runs(len(rs), cloneChunk, func(_, lo, hi int) { cloneRun(rs[lo:hi]) })
	return rs
}

// cloneRun replaces each risk of rs by a deep copy, as Risk.Clone makes
// it, with the copies' parts allocated together: one array each for the
// risks, their assessments, treatments, actions, refs and per-dimension
// impacts, instead of a dozen small allocations per risk. Listing a large
// register spends most of its time copying the shared decoded risks for
// the caller (store.Repository caches them), and this is that copy. The
// rarer parts (criteria, shared-with parties, acceptances, delegations)
// are copied one by one. A copy keeps the arrays of its batch alive as
// long as it is referenced: a caller who keeps one risk of a listing of
// many keeps the arrays of its run.
func cloneRun(rs []*Risk) []*Risk {
	var nAssess, nTreat, nAction, nRef, nImpact int
	for _, r := range rs {
		if r == nil {
			continue
		}
		nRef += len(r.Assets) + len(r.ExistingControls)
		for _, a := range [...]*Assessment{r.Inherent, r.Current, r.Residual} {
			if a != nil {
				nAssess++
				nImpact += len(a.Impacts)
			}
		}
		if t := r.Treatment; t != nil {
			nTreat++
			nAction += len(t.Actions)
			nRef += len(t.Controls)
			for i := range t.Actions {
				nRef += len(t.Actions[i].Controls)
			}
		}
	}
	var (
		risks    = make([]Risk, len(rs))
		assess   = make([]Assessment, 0, nAssess)
		treats   = make([]Treatment, 0, nTreat)
		actions  = make([]Action, 0, nAction)
		refs     = make([]isms.Ref, 0, nRef)
		impacts  = make([]DimensionImpact, 0, nImpact)
		refSlice = func(src []isms.Ref) []isms.Ref {
			if src == nil {
				return nil
			}
			start := len(refs)
			refs = append(refs, src...)
			return refs[start:len(refs):len(refs)]
		}
		assessment = func(a *Assessment) *Assessment {
			if a == nil {
				return nil
			}
			assess = append(assess, *a)
			c := &assess[len(assess)-1]
			if a.Impacts != nil {
				start := len(impacts)
				impacts = append(impacts, a.Impacts...)
				c.Impacts = impacts[start:len(impacts):len(impacts)]
			}
			return c
		}
	)
	for i, r := range rs {
		if r == nil {
			continue
		}
		c := &risks[i]
		*c = *r
		c.Assets, c.ExistingControls = refSlice(r.Assets), refSlice(r.ExistingControls)
		if r.Criteria != nil {
			cr := *r.Criteria
			c.Criteria = &cr
		}
		c.Inherent, c.Current, c.Residual = assessment(r.Inherent), assessment(r.Current), assessment(r.Residual)
		if t := r.Treatment; t != nil {
			treats = append(treats, *t)
			ct := &treats[len(treats)-1]
			ct.Controls = refSlice(t.Controls)
			ct.SharedWith = cloneSlice(t.SharedWith)
			if t.Actions != nil {
				start := len(actions)
				actions = append(actions, t.Actions...)
				ct.Actions = actions[start:len(actions):len(actions)]
				for k := range ct.Actions {
					ct.Actions[k].Controls = refSlice(t.Actions[k].Controls)
				}
			}
			c.Treatment = ct
		}
		if r.Acceptances != nil {
			c.Acceptances = make([]Acceptance, len(r.Acceptances))
			for k := range r.Acceptances {
				c.Acceptances[k] = r.Acceptances[k].clone()
			}
		}
		c.Delegations = cloneSlice(r.Delegations)
		if r.Quantitative != nil {
			q := *r.Quantitative
			c.Quantitative = &q
		}
		rs[i] = c
	}
	return rs
}

// cloneSlice is slices.Clone: nil stays nil, an empty slice stays empty.
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}
