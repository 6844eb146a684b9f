package oscal

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// ExportCatalog writes cat as an OSCAL catalog: its groups (the themes of
// ISO/IEC 27001 Annex A, the functions of the CSF) as nested OSCAL groups,
// its controls with their ids and titles only (the SDK ships no licensed
// control text), and its properties and ISO/IEC 27002 attribute values as
// props (see PropClass, PropParent and Namespace for the rules). The
// catalog's id, publisher, licence and source are SDK props of the
// metadata.
//
// The output is deterministic: the catalog's UUID is a version-5 UUID of
// its id, props are in key order, groups and controls in catalog order,
// and empty lists are left out. Options.LastModified is required (a
// catalog holds no time). ImportCatalog reads the output back equal to
// cat when cat lists its groups parents first, depth first, and its
// controls in the order of their groups (as every built-in and every
// imported catalog does).
//
// Ids must be OSCAL tokens (a letter or underscore first, then letters,
// digits, '.', '-', '_'), and property values must not be empty or padded
// with spaces; otherwise, and for a nil catalog, the error answers
// errors.Is(err, isms.ErrInvalid).
func ExportCatalog(cat *controls.Catalog, opts *Options) ([]byte, error) {
	doc, err := exportCatalog(cat, opts)
	if err != nil {
		return nil, wrap("export catalog", err)
	}
	out, err := marshal(catalogDoc{Catalog: doc}, opts.indent())
	return out, wrap("export catalog", err)
}

func exportCatalog(cat *controls.Catalog, opts *Options) (*catalog, error) {
	if cat == nil {
		return nil, problem("catalog is nil")
	}
	v, err := opts.version()
	if err != nil {
		return nil, err
	}
	info := cat.Info()
	md, err := newMetadata(info.Title, info.Version, v, opts.lastModified())
	if err != nil {
		return nil, err
	}
	for _, p := range [...]struct{ name, v string }{
		{"catalog_id", string(info.ID)}, {"publisher", info.Publisher},
		{"licence", info.Licence}, {"source", info.Source},
	} {
		if p.v == "" {
			continue
		}
		if !isOSCALString(p.v) {
			return nil, problem("catalog %s: %s %q is empty or padded with spaces", info.ID, p.name, p.v)
		}
		md.Props = append(md.Props, sdkProp(p.name, p.v))
	}
	doc := &catalog{UUID: uuidFor("catalog", string(info.ID)), Metadata: md}

	groups, ctls := cat.Groups(), cat.Controls()
	gIdx := make(map[isms.ID]int, len(groups))
	for i, g := range groups {
		gIdx[g.ID] = i
	}
	cIdx := make(map[isms.ID]int, len(ctls))
	// Children, in catalog order: subgroups and controls of each group,
	// controls nested in each control, and the top level.
	subGroups := make([][]int, len(groups))
	groupCtls := make([][]int, len(groups))
	subCtls := make([][]int, len(ctls))
	var topGroups, topCtls []int
	for i, g := range groups {
		if !isToken(string(g.ID)) {
			return nil, problem("group id %q is not an OSCAL token", g.ID)
		}
		if g.Parent == "" {
			topGroups = append(topGroups, i)
		} else {
			p := gIdx[g.Parent]
			subGroups[p] = append(subGroups[p], i)
		}
	}
	for i, c := range ctls {
		if !isToken(string(c.ID)) {
			return nil, problem("control id %q is not an OSCAL token", c.ID)
		}
		// A parent listed before the child, in the same group, nests it;
		// listing before keeps the nesting acyclic.
		if p, ok := cIdx[isms.ID(c.Props[PropParent])]; ok && ctls[p].Group == c.Group {
			subCtls[p] = append(subCtls[p], i)
		} else if c.Group == "" {
			topCtls = append(topCtls, i)
		} else {
			g := gIdx[c.Group]
			groupCtls[g] = append(groupCtls[g], i)
		}
		cIdx[c.ID] = i
	}
	var buildControl func(i int) (control, error)
	buildControl = func(i int) (control, error) {
		c := ctls[i]
		props := c.Props
		if p, ok := cIdx[isms.ID(c.Props[PropParent])]; !ok || ctls[p].Group != c.Group || p >= i {
			// Not nested: keep the parent as a plain prop.
			if v, has := props[PropParent]; has {
				props = withKey(props, "parent_control", v)
			}
		}
		ps, class, err := exportProps("control "+string(c.ID), props)
		if err != nil {
			return control{}, err
		}
		ps = append(ps, attributeProps(c.Attributes)...)
		oc := control{ID: string(c.ID), Class: class, Title: c.Title, Props: ps}
		for _, k := range subCtls[i] {
			sc, err := buildControl(k)
			if err != nil {
				return control{}, err
			}
			oc.Controls = append(oc.Controls, sc)
		}
		return oc, nil
	}
	var buildGroup func(i int) (group, error)
	buildGroup = func(i int) (group, error) {
		g := groups[i]
		ps, class, err := exportProps("group "+string(g.ID), g.Props)
		if err != nil {
			return group{}, err
		}
		og := group{ID: string(g.ID), Class: class, Title: g.Title, Props: ps}
		if v == Version1_2_1 && len(subGroups[i]) > 0 && len(groupCtls[i]) > 0 {
			return group{}, problem("group %q holds both groups and controls, which the OSCAL 1.2.1 JSON schema does not allow; export OSCAL 1.1.3", g.ID)
		}
		for _, k := range subGroups[i] {
			sg, err := buildGroup(k)
			if err != nil {
				return group{}, err
			}
			og.Groups = append(og.Groups, sg)
		}
		for _, k := range groupCtls[i] {
			c, err := buildControl(k)
			if err != nil {
				return group{}, err
			}
			og.Controls = append(og.Controls, c)
		}
		return og, nil
	}
	for _, i := range topGroups {
		g, err := buildGroup(i)
		if err != nil {
			return nil, err
		}
		doc.Groups = append(doc.Groups, g)
	}
	for _, i := range topCtls {
		c, err := buildControl(i)
		if err != nil {
			return nil, err
		}
		doc.Controls = append(doc.Controls, c)
	}
	return doc, nil
}

// withKey returns a copy of m without PropParent and with k set to v.
func withKey(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m))
	for key, val := range m {
		if key != PropParent {
			out[key] = val
		}
	}
	out[k] = v
	return out
}

// newMetadata builds the metadata every export starts with. An empty
// title or version, which OSCAL requires, is written as a placeholder and
// flagged by an SDK prop "unset", so that import restores it empty.
func newMetadata(title, version string, v Version, modified time.Time) (metadata, error) {
	if modified.IsZero() {
		return metadata{}, problem("last-modified is required: set Options.LastModified")
	}
	lm, err := formatTime(modified)
	if err != nil {
		return metadata{}, err
	}
	md := metadata{Title: title, LastModified: lm, Version: version, OSCALVersion: string(v)}
	if title == "" {
		md.Title = "Untitled"
		md.Props = append(md.Props, sdkProp("unset", "title"))
	}
	if version == "" {
		md.Version = "unversioned"
		md.Props = append(md.Props, sdkProp("unset", "version"))
	}
	return md, nil
}

// ImportCatalog reads an OSCAL catalog (any 1.x version) into a
// controls.Catalog. Groups, at any depth, become groups (a group without
// an id gets "group-N", N counting from 1 in document order); controls,
// at any depth, become controls in document order, a nested control with
// PropParent naming the control it is nested in and the group of its
// nearest enclosing group. Props become properties (see PropClass), the
// SDK's attribute props become Attributes, and control text, parameters
// and links are not kept. Withdrawn controls (status = withdrawn) are left
// out with the controls nested in them, unless IncludeWithdrawn is set.
//
// The catalog's id is opts.ID, else the SDK's catalog_id prop, else the
// OSCAL catalog's UUID. The document is at most isms.MaxDocumentSize bytes
// and isms.MaxDocumentDepth deep; fields the SDK does not model are
// ignored, as OSCAL documents carry much the SDK does not keep. The result
// is checked by controls.NewCatalog. Errors answer
// errors.Is(err, isms.ErrInvalid).
func ImportCatalog(data []byte, opts *ImportOptions) (*controls.Catalog, error) {
	c, err := importCatalog(data, opts)
	return c, wrap("import catalog", err)
}

func importCatalog(data []byte, opts *ImportOptions) (*controls.Catalog, error) {
	var doc catalogDoc
	if err := decode(data, &doc); err != nil {
		return nil, err
	}
	oc := doc.Catalog
	if oc == nil {
		return nil, problem("the document holds no catalog")
	}
	keepWithdrawn := opts != nil && opts.IncludeWithdrawn
	md := oc.Metadata
	vals := propValues(md.Props)
	info := controls.CatalogInfo{
		ID:        isms.ID(oc.UUID),
		Title:     md.Title,
		Version:   md.Version,
		Publisher: first(vals, "publisher"),
		Licence:   first(vals, "licence"),
		Source:    first(vals, "source"),
	}
	if id := first(vals, "catalog_id"); id != "" {
		info.ID = isms.ID(id)
	}
	if opts != nil && opts.ID != "" {
		info.ID = opts.ID
	}
	for _, u := range vals["unset"] {
		switch u {
		case "title":
			info.Title = ""
		case "version":
			info.Version = ""
		}
	}
	if info.Publisher == "" {
		info.Publisher = publisherOf(md)
	}
	if info.Source == "" && first(vals, "catalog_id") == "" {
		info.Source = fmt.Sprintf("OSCAL catalog %q (uuid %s), version %s, OSCAL %s, last modified %s.",
			md.Title, oc.UUID, md.Version, md.OSCALVersion, md.LastModified)
	}
	var groups []controls.Group
	var ctls []controls.Control
	var addControl func(c control, groupID, parent isms.ID)
	addControl = func(c control, groupID, parent isms.ID) {
		props, attrs := importProps(c.Props, c.Class)
		if !keepWithdrawn && strings.EqualFold(props[PropStatus], StatusWithdrawn) {
			return
		}
		if parent != "" {
			if props == nil {
				props = map[string]string{}
			}
			props[PropParent] = string(parent)
		}
		if v, ok := props["parent_control"]; ok && parent == "" {
			delete(props, "parent_control")
			props[PropParent] = v
		}
		ctls = append(ctls, controls.Control{ID: isms.ID(c.ID), Title: c.Title, Group: groupID, Props: props, Attributes: attrs})
		for _, sc := range c.Controls {
			addControl(sc, groupID, isms.ID(c.ID))
		}
	}
	var addGroup func(g group, parent isms.ID)
	addGroup = func(g group, parent isms.ID) {
		props, _ := importProps(g.Props, g.Class)
		id := isms.ID(g.ID)
		if id == "" {
			id = isms.ID(fmt.Sprintf("group-%d", len(groups)+1))
		}
		groups = append(groups, controls.Group{ID: id, Title: g.Title, Parent: parent, Props: props})
		for _, c := range g.Controls {
			addControl(c, id, "")
		}
		for _, sg := range g.Groups {
			addGroup(sg, id)
		}
	}
	for _, g := range oc.Groups {
		addGroup(g, "")
	}
	for _, c := range oc.Controls {
		addControl(c, "", "")
	}
	return controls.NewCatalog(info, groups, ctls)
}

// publisherOf returns the name of the party holding the "publisher" or
// "creator" role, or "".
func publisherOf(md metadata) string {
	names := make(map[string]string, len(md.Parties))
	for _, p := range md.Parties {
		names[p.UUID] = p.Name
	}
	for _, want := range []string{"publisher", "creator"} {
		for _, rp := range md.ResponsibleParties {
			if rp.RoleID == want && len(rp.PartyUUIDs) > 0 {
				return names[rp.PartyUUIDs[0]]
			}
		}
	}
	return ""
}

// decode reads an OSCAL document leniently (OSCAL documents hold much the
// SDK does not model), within the SDK's size and depth limits.
func decode(data []byte, v any) error {
	if err := isms.CheckDocumentLimits(data); err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return problem("json: %v", strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}
