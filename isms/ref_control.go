package isms

// KindControl is the Ref kind of a catalog control (an Annex A control
// such as "A.8.24", a NIST CSF 2.0 subcategory): the one kind every
// package uses when it points at a control. The catalogs keep the
// controls' natural ids.
const KindControl = "control"

// ControlRef returns Ref{Kind: KindControl, ID: id}.
func ControlRef(id ID) Ref { return Ref{Kind: KindControl, ID: id} }

// ControlRefs returns one control Ref per id, in order: the refs a risk
// treatment selects, as in ControlRefs("A.8.13", "A.8.20"). No ids give
// nil.
func ControlRefs(ids ...ID) []Ref {
	if len(ids) == 0 {
		return nil
	}
	out := make([]Ref, len(ids))
	for i, id := range ids {
		out[i] = ControlRef(id)
	}
	return out
}
