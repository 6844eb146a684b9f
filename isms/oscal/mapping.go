package oscal

import (
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

// relationships maps the SDK's relationships to OSCAL's (NIST IR 8477 set
// theory relationships, in OSCAL's spelling).
var relationships = map[controls.Relationship]string{
	controls.RelEqual:          "equal-to",
	controls.RelSubsetOf:       "subset-of",
	controls.RelSupersetOf:     "superset-of",
	controls.RelIntersectsWith: "intersects-with",
	controls.RelNoRelationship: "no-relationship",
}

// ExportMapping writes a crosswalk as an OSCAL 1.2.1 mapping-collection
// (the model exists from OSCAL 1.2 on, so Options.Version is ignored): one
// mapping from the source catalog to the target catalog, each a
// back-matter resource, with one map per pair in mapping order (its
// relationship in OSCAL's spelling, equal_to as "equal-to" and so on, and
// its notes as remarks). The provenance's method text is the
// mapping-description, its author the metadata's creator party; the
// provenance method is "human", the matching rationale "semantic" and the
// status "complete". The mapping's id, author, source, date and catalog
// ids are also SDK props, so that ImportMapping reads the document back
// equal.
//
// The mapping must pass its Validate and hold at least one pair (OSCAL
// needs one map). The time written as last-modified is
// Options.LastModified, else the provenance date. Errors answer
// errors.Is(err, isms.ErrInvalid).
func ExportMapping(m *controls.Mapping, opts *Options) ([]byte, error) {
	doc, err := exportMapping(m, opts)
	if err != nil {
		return nil, wrap("export mapping", err)
	}
	out, err := marshal(mappingDoc{MappingCollection: doc}, opts.indent())
	return out, wrap("export mapping", err)
}

func exportMapping(m *controls.Mapping, opts *Options) (*mappingCollection, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if len(m.Pairs) == 0 {
		return nil, problem("mapping %s has no pairs: an OSCAL mapping needs at least one map", m.ID)
	}
	id := string(m.ID)
	md, err := newMetadata(m.Title, "", Version1_2_1, opts.lastModified(m.Provenance.Date))
	if err != nil {
		return nil, err
	}
	var ps propList
	ps.add("mapping_id", id)
	ps.add("source_catalog", string(m.SourceCatalog))
	ps.add("target_catalog", string(m.TargetCatalog))
	ps.add("author", m.Provenance.Author)
	ps.add("source", m.Provenance.Source)
	ps.time("date", m.Provenance.Date)
	if ps.err != nil {
		return nil, ps.err
	}
	md.Props = append(md.Props, ps.props...)
	partyUUID := uuidFor("mapping", id, "party", m.Provenance.Author)
	md.Roles = []role{{ID: "creator", Title: "Creator"}}
	md.Parties = []party{{UUID: partyUUID, Type: "organization", Name: m.Provenance.Author}}
	md.ResponsibleParties = []responsibleParty{{RoleID: "creator", PartyUUIDs: []string{partyUUID}}}

	srcUUID := uuidFor("mapping", id, "resource", "source", string(m.SourceCatalog))
	tgtUUID := uuidFor("mapping", id, "resource", "target", string(m.TargetCatalog))
	mp := mapping{
		UUID:           uuidFor("mapping", id, "mapping"),
		SourceResource: resourceRef{Type: "catalog", Href: "#" + srcUUID},
		TargetResource: resourceRef{Type: "catalog", Href: "#" + tgtUUID},
		Maps:           make([]mapEntry, len(m.Pairs)),
	}
	for i, p := range m.Pairs {
		mp.Maps[i] = mapEntry{
			UUID:         uuidFor("mapping", id, "pair", string(p.Source), string(p.Target)),
			Relationship: relationships[p.Relationship],
			Sources:      []mappingItem{{Type: "control", IDRef: string(p.Source)}},
			Targets:      []mappingItem{{Type: "control", IDRef: string(p.Target)}},
			Remarks:      p.Notes,
		}
	}
	return &mappingCollection{
		UUID:     uuidFor("mapping", id),
		Metadata: md,
		Provenance: mappingProvenance{
			Method:             "human",
			MatchingRationale:  "semantic",
			Status:             "complete",
			MappingDescription: m.Provenance.Method,
		},
		Mappings: []mapping{mp},
		BackMatter: &backMatter{Resources: []resource{
			{UUID: srcUUID, Title: string(m.SourceCatalog), Props: []property{sdkProp("catalog_id", string(m.SourceCatalog))}},
			{UUID: tgtUUID, Title: string(m.TargetCatalog), Props: []property{sdkProp("catalog_id", string(m.TargetCatalog))}},
		}},
	}, nil
}

// ImportMapping reads an OSCAL mapping-collection into a crosswalk: the
// pairs of its maps, in document order (a map with several sources or
// targets gives one pair per source and target), with OSCAL's
// relationships in the SDK's spelling ("equivalent-to" reads as equal).
// The catalogs are the back-matter resources the first mapping's source
// and target point at (their SDK catalog_id prop, else their title), the
// author is the SDK prop, else the creator party. The result must pass
// Mapping.Validate. Errors answer errors.Is(err, isms.ErrInvalid).
func ImportMapping(data []byte) (*controls.Mapping, error) {
	m, err := importMapping(data)
	return m, wrap("import mapping", err)
}

func importMapping(data []byte) (*controls.Mapping, error) {
	var doc mappingDoc
	if err := decode(data, &doc); err != nil {
		return nil, err
	}
	mc := doc.MappingCollection
	if mc == nil {
		return nil, problem("the document holds no mapping-collection")
	}
	md := mc.Metadata
	vals := propValues(md.Props)
	m := &controls.Mapping{
		ID:            isms.ID(first(vals, "mapping_id")),
		Title:         md.Title,
		SourceCatalog: isms.ID(first(vals, "source_catalog")),
		TargetCatalog: isms.ID(first(vals, "target_catalog")),
		Provenance: controls.Provenance{
			Author: first(vals, "author"),
			Method: mc.Provenance.MappingDescription,
			Source: first(vals, "source"),
		},
	}
	if m.ID == "" {
		m.ID = isms.ID(mc.UUID)
	}
	if m.Provenance.Author == "" {
		m.Provenance.Author = creatorOf(md)
	}
	if v := first(vals, "date"); v != "" {
		t, err := parseTime(v)
		if err != nil {
			return nil, err
		}
		m.Provenance.Date = t
	}
	titles := map[string]string{}
	if mc.BackMatter != nil {
		for _, r := range mc.BackMatter.Resources {
			title := r.Title
			if id := first(propValues(r.Props), "catalog_id"); id != "" {
				title = id
			}
			titles["#"+r.UUID] = title
		}
	}
	inverse := make(map[string]controls.Relationship, len(relationships)+1)
	for k, v := range relationships {
		inverse[v] = k
	}
	inverse["equivalent-to"] = controls.RelEqual
	for _, mp := range mc.Mappings {
		if m.SourceCatalog == "" {
			m.SourceCatalog = isms.ID(titles[mp.SourceResource.Href])
		}
		if m.TargetCatalog == "" {
			m.TargetCatalog = isms.ID(titles[mp.TargetResource.Href])
		}
		for _, e := range mp.Maps {
			rel, ok := inverse[e.Relationship]
			if !ok {
				return nil, problem("unknown relationship %q", e.Relationship)
			}
			for _, s := range e.Sources {
				for _, t := range e.Targets {
					m.Pairs = append(m.Pairs, controls.Pair{Source: isms.ID(s.IDRef), Target: isms.ID(t.IDRef), Relationship: rel, Notes: e.Remarks})
				}
			}
		}
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// creatorOf returns the name of the party with the creator role, or "".
func creatorOf(md metadata) string {
	return publisherOf(md)
}
