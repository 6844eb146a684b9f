package controls

import (
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/ismskit/ismskit/isms"
)

// KindControl is the Ref kind of a catalog control: the kernel's
// isms.KindControl. Other packages name the controls they select as
// isms.ControlRef("A.8.24"), without importing this package.
const KindControl = isms.KindControl

// CatalogInfo describes a catalog: what it is, who publishes it, and under
// what terms its content may be used.
type CatalogInfo struct {
	// ID names the catalog in SoAs and mappings, such as "iso27001-2022".
	ID isms.ID `json:"id"`
	// Title is the catalog's human name.
	Title string `json:"title"`
	// Version is the version of the framework the catalog holds ("2022").
	Version string `json:"version,omitempty"`
	// Publisher is the body that publishes the framework ("ISO/IEC", "NIST").
	Publisher string `json:"publisher,omitempty"`
	// Licence says on what terms the catalog's content is shipped, and what
	// was left out for licensing reasons.
	Licence string `json:"licence,omitempty"`
	// Source says where the content came from and how it was derived.
	Source string `json:"source,omitempty"`
}

// Group is a heading of a catalog: an ISO/IEC 27001 theme such as "A.5
// Organizational", or a NIST CSF function or category. Groups nest through
// Parent; a group's parent is listed before it.
type Group struct {
	ID     isms.ID `json:"id"`
	Title  string  `json:"title"`
	Parent isms.ID `json:"parent,omitempty"`
	// Props holds free properties of the group.
	Props map[string]string `json:"props,omitempty"`
}

// Control is one control (or requirement, or CSF subcategory) of a catalog.
// Catalog controls keep their natural ids, such as "A.5.1" or "GV.OC-01".
type Control struct {
	ID    isms.ID `json:"id"`
	Title string  `json:"title"`
	// Group is the id of the group the control belongs to, if any.
	Group isms.ID `json:"group,omitempty"`
	// Props holds free properties, such as PropNewIn2022.
	Props map[string]string `json:"props,omitempty"`
	// Attributes holds ISO/IEC 27002-style attribute values, when the user
	// has attached them (the built-in catalogs carry none; see Attributes).
	Attributes Attributes `json:"attributes,omitzero"`
}

// Prop returns the value of the property name, or "" when it is not set.
func (c Control) Prop(name string) string { return c.Props[name] }

// Ref returns isms.Ref{Kind: KindControl, ID: c.ID}.
func (c Control) Ref() isms.Ref { return isms.Ref{Kind: KindControl, ID: c.ID} }

// clone returns a copy of c that shares no memory with it.
func (c Control) clone() Control {
	c.Props = maps.Clone(c.Props)
	c.Attributes = c.Attributes.clone()
	return c
}

func (g Group) clone() Group {
	g.Props = maps.Clone(g.Props)
	return g
}

// Catalog is a validated, immutable set of groups and controls in catalog
// order. Make one with NewCatalog, ReadCatalog or json.Unmarshal, or use a
// built-in catalog such as ISO27001_2022. Every accessor returns copies, so
// a Catalog is safe for concurrent use and can be shared freely.
//
// The zero Catalog is empty and has no id; the methods of a nil *Catalog
// behave as on an empty one (UnmarshalJSON, which must store into it,
// returns an error).
type Catalog struct {
	info     CatalogInfo
	groups   []Group
	controls []Control
	groupIdx map[isms.ID]int
	ctrlIdx  map[isms.ID]int
	// parent[g] is the index in groups of the parent of groups[g], or -1
	// for a top-level group; a parent is always listed before its child.
	parent []int
	// root[i] is the index in groups of the top-level group of controls[i],
	// or -1 when the control has no group.
	root []int
}

// NewCatalog validates info, groups and controls and returns them as a
// Catalog, in the order given. The rules: the catalog id is a valid
// isms.ID and the title is set; every group and control has a valid id,
// unique across groups and controls, and a title; a group's parent is a
// group listed before it (so nesting is acyclic and may be as deep as the
// number of groups); a control's group, when set, is a known group;
// attribute values are known and not repeated; property names are not
// empty; all text is valid UTF-8 (so that the catalog's JSON form reads
// back equal). All problems are reported at once in an error that answers
// errors.Is(err, isms.ErrInvalid). The checks take time linear in the
// input.
//
// Empty Props maps and attribute lists are stored as nil, and the inputs are
// copied: later changes to them do not reach the Catalog.
func NewCatalog(info CatalogInfo, groups []Group, controls []Control) (*Catalog, error) {
	c, err := newCatalog(info, groups, controls)
	if err != nil {
		return nil, wrap("new catalog", err)
	}
	return c, nil
}

// newCatalog is NewCatalog without the package prefix on its error.
func newCatalog(info CatalogInfo, groups []Group, controls []Control) (*Catalog, error) {
	c := &Catalog{
		info:     info,
		groups:   make([]Group, len(groups)),
		controls: make([]Control, len(controls)),
		groupIdx: make(map[isms.ID]int, len(groups)),
		ctrlIdx:  make(map[isms.ID]int, len(controls)),
		parent:   make([]int, len(groups)),
		root:     make([]int, len(controls)),
	}
	var ps isms.Problems
	if err := info.ID.Validate(); err != nil {
		ps.Add("id", isms.CodeMalformed, err.Error())
	}
	if info.Title == "" {
		ps.Add("title", isms.CodeRequired, "title is required")
	}
	for _, f := range []struct{ name, v string }{
		{"title", info.Title}, {"version", info.Version}, {"publisher", info.Publisher},
		{"licence", info.Licence}, {"source", info.Source},
	} {
		checkText(&ps, f.name, f.v)
	}
	groupRoot := make([]int, len(groups))
	for i, g := range groups {
		g = g.clone()
		if len(g.Props) == 0 {
			g.Props = nil
		}
		c.groups[i] = g
		field := fmt.Sprintf("groups[%d]", i)
		checkNode(&ps, field, g.ID, g.Title, g.Props)
		if _, dup := c.groupIdx[g.ID]; dup && g.ID != "" {
			ps.Addf(field+".id", isms.CodeDuplicate, "group id %q is used twice", g.ID)
		} else if g.ID != "" {
			c.groupIdx[g.ID] = i
		}
		groupRoot[i] = i
		c.parent[i] = -1
		if g.Parent != "" {
			p, ok := c.groupIdx[g.Parent]
			switch {
			case !ok:
				ps.Addf(field+".parent", isms.CodeUnknown, "parent %q is not a group listed before this one", g.Parent)
			case p == i:
				ps.Addf(field+".parent", isms.CodeForbidden, "group %q is its own parent", g.ID)
			default:
				// p < i: the parent's root is already known, so the roots
				// of any nesting depth take one step per group.
				groupRoot[i] = groupRoot[p]
				c.parent[i] = p
			}
		}
	}
	for i, ctl := range controls {
		ctl = ctl.clone()
		if len(ctl.Props) == 0 {
			ctl.Props = nil
		}
		ctl.Attributes = ctl.Attributes.normalized()
		c.controls[i] = ctl
		field := fmt.Sprintf("controls[%d]", i)
		checkNode(&ps, field, ctl.ID, ctl.Title, ctl.Props)
		_, dup := c.ctrlIdx[ctl.ID]
		_, clash := c.groupIdx[ctl.ID]
		switch {
		case ctl.ID == "":
		case dup:
			ps.Addf(field+".id", isms.CodeDuplicate, "control id %q is used twice", ctl.ID)
		case clash:
			ps.Addf(field+".id", isms.CodeDuplicate, "control id %q is also a group id", ctl.ID)
		default:
			c.ctrlIdx[ctl.ID] = i
		}
		c.root[i] = -1
		if ctl.Group != "" {
			if g, ok := c.groupIdx[ctl.Group]; ok {
				c.root[i] = groupRoot[g]
			} else {
				ps.Addf(field+".group", isms.CodeUnknown, "group %q is not in the catalog", ctl.Group)
			}
		}
		if !ctl.Attributes.IsZero() {
			ps.Merge(field+".attributes", ctl.Attributes.Validate())
		}
	}
	if err := ps.Err(catalogSubject(info.ID)); err != nil {
		return nil, err
	}
	return c, nil
}

func catalogSubject(id isms.ID) string {
	if id == "" || !utf8.ValidString(string(id)) {
		return "catalog"
	}
	return "catalog " + string(id)
}

func checkNode(ps *isms.Problems, field string, id isms.ID, title string, props map[string]string) {
	if !id.IsValid() {
		if err := id.Validate(); err != nil {
			ps.Add(field+".id", isms.CodeMalformed, err.Error())
		}
	}
	if title == "" {
		ps.Add(field+".title", isms.CodeRequired, "title is required")
	} else {
		checkText(ps, field+".title", title)
	}
	if len(props) == 0 {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(props)) {
		if k == "" {
			ps.Add(field+".props", isms.CodeMalformed, "property name is empty")
			continue
		}
		checkText(ps, field+".props", k)
		checkText(ps, isms.JoinField(field+".props", k), props[k])
	}
}

// checkText reports text that is not valid UTF-8: JSON cannot carry it
// (encoding/json writes U+FFFD instead), so it would not read back equal.
func checkText(ps *isms.Problems, field, s string) {
	if !utf8.ValidString(s) {
		ps.Add(field, isms.CodeMalformed, "text is not valid UTF-8")
	}
}

// Info returns the catalog's description.
func (c *Catalog) Info() CatalogInfo {
	if c == nil {
		return CatalogInfo{}
	}
	return c.info
}

// ID returns the catalog's id.
func (c *Catalog) ID() isms.ID { return c.Info().ID }

// Len returns the number of controls.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return len(c.controls)
}

// Control returns the control with the given id, and whether there is one.
func (c *Catalog) Control(id isms.ID) (Control, bool) {
	i := c.Index(id)
	if i < 0 {
		return Control{}, false
	}
	return c.controls[i].clone(), true
}

// Has reports whether the catalog holds a control with the given id.
func (c *Catalog) Has(id isms.ID) bool { return c.Index(id) >= 0 }

// Index returns the position of the control in catalog order, or -1 when
// the catalog has no such control.
func (c *Catalog) Index(id isms.ID) int {
	if c == nil {
		return -1
	}
	if i, ok := c.ctrlIdx[id]; ok {
		return i
	}
	return -1
}

// Controls returns every control in catalog order.
func (c *Catalog) Controls() []Control {
	if c == nil {
		return nil
	}
	out := make([]Control, len(c.controls))
	for i, ctl := range c.controls {
		out[i] = ctl.clone()
	}
	return out
}

// IDs returns the id of every control in catalog order.
func (c *Catalog) IDs() []isms.ID {
	if c == nil {
		return nil
	}
	out := make([]isms.ID, len(c.controls))
	for i, ctl := range c.controls {
		out[i] = ctl.ID
	}
	return out
}

// Filter returns the controls for which keep returns true, in catalog order.
// A nil keep keeps none and Filter returns nil.
func (c *Catalog) Filter(keep func(Control) bool) []Control {
	if keep == nil {
		return nil
	}
	var out []Control
	for _, ctl := range c.Controls() {
		if keep(ctl) {
			out = append(out, ctl)
		}
	}
	return out
}

// Groups returns every group in catalog order.
func (c *Catalog) Groups() []Group {
	if c == nil {
		return nil
	}
	out := make([]Group, len(c.groups))
	for i, g := range c.groups {
		out[i] = g.clone()
	}
	return out
}

// Group returns the group with the given id, and whether there is one.
func (c *Catalog) Group(id isms.ID) (Group, bool) {
	if c == nil {
		return Group{}, false
	}
	i, ok := c.groupIdx[id]
	if !ok {
		return Group{}, false
	}
	return c.groups[i].clone(), true
}

// TopGroups returns the groups that have no parent, in catalog order: the
// themes of ISO/IEC 27001 Annex A, or the functions of the NIST CSF.
func (c *Catalog) TopGroups() []Group {
	var out []Group
	for _, g := range c.Groups() {
		if g.Parent == "" {
			out = append(out, g)
		}
	}
	return out
}

// TopGroupOf returns the top-level group (the group with no parent) that
// holds the control, directly or through subgroups, and whether there is
// one.
func (c *Catalog) TopGroupOf(id isms.ID) (Group, bool) {
	g := c.topGroupIndex(c.Index(id))
	if g < 0 {
		return Group{}, false
	}
	return c.groups[g].clone(), true
}

func (c *Catalog) topGroupIndex(ctl int) int {
	if ctl < 0 {
		return -1
	}
	return c.root[ctl]
}

// ControlsInGroup returns the controls of the group and of its subgroups,
// at any depth, in catalog order. It returns nil for an unknown group. It
// takes one pass over the groups and one over the controls, however deep
// the nesting.
func (c *Catalog) ControlsInGroup(id isms.ID) []Control {
	if c == nil {
		return nil
	}
	want, ok := c.groupIdx[id]
	if !ok {
		return nil
	}
	// A parent is listed before its children, so one pass in catalog
	// order marks every descendant of want: in[g] = (g == want) or
	// in[parent[g]].
	in := make([]bool, len(c.groups))
	in[want] = true
	for g := want + 1; g < len(c.groups); g++ {
		if p := c.parent[g]; p >= want {
			in[g] = in[p]
		}
	}
	var out []Control
	for _, ctl := range c.controls {
		if ctl.Group == "" {
			continue
		}
		if g, ok := c.groupIdx[ctl.Group]; ok && in[g] {
			out = append(out, ctl.clone())
		}
	}
	return out
}

// WithAttributes returns a copy of the catalog in which the controls named
// in attrs carry the given attributes (replacing any they had). Use it to
// attach ISO/IEC 27002 attribute values you hold a licence for to the
// built-in catalog. It fails with isms.ErrInvalid when c is nil, or when
// attrs names a control the catalog does not hold or holds unknown values.
// A nil or empty attrs gives an unchanged copy.
func (c *Catalog) WithAttributes(attrs map[isms.ID]Attributes) (*Catalog, error) {
	if c == nil {
		return nil, fmt.Errorf("controls: with attributes: %w", isms.Invalidf("catalog is nil"))
	}
	var ps isms.Problems
	for _, id := range slices.SortedFunc(maps.Keys(attrs), CompareIDs) {
		if !c.Has(id) {
			ps.Addf(string(id), isms.CodeUnknown, "control %q is not in catalog %q", id, c.ID())
		}
	}
	if err := ps.Err(catalogSubject(c.ID())); err != nil {
		return nil, wrap("with attributes", err)
	}
	ctls := c.Controls()
	for i := range ctls {
		if a, ok := attrs[ctls[i].ID]; ok {
			ctls[i].Attributes = a
		}
	}
	nc, err := newCatalog(c.Info(), c.Groups(), ctls)
	if err != nil {
		return nil, wrap("with attributes", err)
	}
	return nc, nil
}
