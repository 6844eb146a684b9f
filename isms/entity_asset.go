package isms

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// AssetKind says what an asset is.
type AssetKind string

// Kinds of assets in the inventory (ISO/IEC 27001:2022 A.5.9).
const (
	AssetInformation AssetKind = "information"
	AssetSoftware    AssetKind = "software"
	AssetHardware    AssetKind = "hardware"
	AssetService     AssetKind = "service"
	AssetPeople      AssetKind = "people"
	AssetSite        AssetKind = "site"
	AssetSupplier    AssetKind = "supplier"
)

var assetKindValues = []AssetKind{
	AssetInformation, AssetSoftware, AssetHardware, AssetService, AssetPeople, AssetSite, AssetSupplier,
}

// AssetKindValues returns every AssetKind.
func AssetKindValues() []AssetKind { return slices.Clone(assetKindValues) }

// IsValid reports whether k is a known AssetKind.
func (k AssetKind) IsValid() bool { return slices.Contains(assetKindValues, k) }

// UnmarshalText accepts only known kinds.
func (k *AssetKind) UnmarshalText(b []byte) error {
	return UnmarshalEnum(k, "asset kind", b, assetKindValues)
}

// InformationClassification is the classification of information
// (ISO/IEC 27001:2022 A.5.12), from the least to the most sensitive. An
// Asset records the classification of the information it is or holds.
type InformationClassification string

// Classifications, least sensitive first.
const (
	ClassificationPublic       InformationClassification = "public"
	ClassificationInternal     InformationClassification = "internal"
	ClassificationConfidential InformationClassification = "confidential"
	ClassificationRestricted   InformationClassification = "restricted"
)

var classificationValues = []InformationClassification{
	ClassificationPublic, ClassificationInternal, ClassificationConfidential, ClassificationRestricted,
}

// InformationClassificationValues returns every InformationClassification,
// least sensitive first.
func InformationClassificationValues() []InformationClassification {
	return slices.Clone(classificationValues)
}

// IsValid reports whether c is a known InformationClassification.
func (c InformationClassification) IsValid() bool { return slices.Contains(classificationValues, c) }

// Rank returns 1 for public up to 4 for restricted, and 0 for an empty or
// unknown classification, so that a higher rank is more sensitive.
func (c InformationClassification) Rank() int { return slices.Index(classificationValues, c) + 1 }

// UnmarshalText accepts only known classifications.
func (c *InformationClassification) UnmarshalText(b []byte) error {
	return UnmarshalEnum(c, "classification", b, classificationValues)
}

// CIALevel is the level of a confidentiality, integrity or availability
// requirement. The SDK uses three ordered levels, low, medium and high,
// rather than numbers: they are what most asset inventories record, and a
// named level cannot be mistaken for a score on another scale.
type CIALevel string

// CIA levels, lowest first.
const (
	CIALow    CIALevel = "low"
	CIAMedium CIALevel = "medium"
	CIAHigh   CIALevel = "high"
)

var ciaLevelValues = []CIALevel{CIALow, CIAMedium, CIAHigh}

// CIALevelValues returns every CIALevel, lowest first.
func CIALevelValues() []CIALevel { return slices.Clone(ciaLevelValues) }

// IsValid reports whether l is a known CIALevel.
func (l CIALevel) IsValid() bool { return slices.Contains(ciaLevelValues, l) }

// Rank returns 1 for low, 2 for medium, 3 for high and 0 for an empty or
// unknown level.
func (l CIALevel) Rank() int { return slices.Index(ciaLevelValues, l) + 1 }

// UnmarshalText accepts only known levels.
func (l *CIALevel) UnmarshalText(b []byte) error {
	return UnmarshalEnum(l, "CIA level", b, ciaLevelValues)
}

// CIA holds an asset's confidentiality, integrity and availability
// requirements. An empty level is not assessed.
type CIA struct {
	Confidentiality CIALevel `json:"confidentiality,omitempty"`
	Integrity       CIALevel `json:"integrity,omitempty"`
	Availability    CIALevel `json:"availability,omitempty"`
}

// Max returns the highest of the three levels (the maximum principle), or
// "" when none is assessed.
func (c CIA) Max() CIALevel {
	best := CIALevel("")
	for _, l := range [...]CIALevel{c.Confidentiality, c.Integrity, c.Availability} {
		if l.Rank() > best.Rank() {
			best = l
		}
	}
	return best
}

// AssetStatus is where an asset is in its lifecycle.
type AssetStatus string

// Lifecycle statuses, in lifecycle order.
const (
	// AssetPlanned is an asset being acquired or built.
	AssetPlanned AssetStatus = "planned"
	// AssetActive is an asset in use.
	AssetActive AssetStatus = "active"
	// AssetRetired is an asset out of use that may still hold information.
	AssetRetired AssetStatus = "retired"
	// AssetDisposed is an asset securely disposed of (A.7.14); it holds
	// nothing anymore.
	AssetDisposed AssetStatus = "disposed"
)

var assetStatusValues = []AssetStatus{AssetPlanned, AssetActive, AssetRetired, AssetDisposed}

// AssetStatusValues returns every AssetStatus, in lifecycle order.
func AssetStatusValues() []AssetStatus { return slices.Clone(assetStatusValues) }

// IsValid reports whether s is a known AssetStatus.
func (s AssetStatus) IsValid() bool { return slices.Contains(assetStatusValues, s) }

// UnmarshalText accepts only known statuses.
func (s *AssetStatus) UnmarshalText(b []byte) error {
	return UnmarshalEnum(s, "asset status", b, assetStatusValues)
}

// Asset is an entry of the inventory of information and other associated
// assets (ISO/IEC 27001:2022 A.5.9).
//
// DependsOn and Supports draw the dependency graph: a DependsOn ref of kind
// asset says this asset needs that one; a Supports ref of kind asset says
// that asset needs this one. Refs of other kinds (processes, services,
// controls) are allowed and are not checked against the inventory.
type Asset struct {
	Meta
	// Name is required.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Kind is required.
	Kind AssetKind `json:"kind"`
	// Status is required.
	Status AssetStatus `json:"status"`
	// Owner is accountable for the asset. A missing owner is a finding of
	// CheckAssets (asset.owner_missing, severity error), not a validation
	// error, so incomplete inventories can be imported.
	Owner string `json:"owner,omitempty"`
	// Custodian looks after the asset day to day on the owner's behalf.
	Custodian string `json:"custodian,omitempty"`
	// Location is where the asset is kept or runs.
	Location string `json:"location,omitempty"`
	// Classification is optional in Validate; CheckAssets reports a
	// missing one.
	Classification InformationClassification `json:"classification,omitempty"`
	// CIA holds the protection requirements.
	CIA       CIA   `json:"cia,omitzero"`
	Supports  []Ref `json:"supports,omitzero"`
	DependsOn []Ref `json:"depends_on,omitzero"`
}

// Validate reports every problem of a: a name, a known kind and a known
// status are required; classification and CIA levels must be known when
// set; refs must be well formed, listed once per list, and must not point
// at the asset itself; times must lie in years 0001 to 9999 (CheckTime).
// It runs in time linear in the number of refs. A nil a is an error.
func (a *Asset) Validate() error {
	if a == nil {
		return Invalidf("asset is nil")
	}
	var ps Problems
	checkMeta(&ps, a.Meta)
	checkRequired(&ps, "name", a.Name)
	CheckEnum(&ps, "kind", a.Kind, assetKindValues, true)
	CheckEnum(&ps, "status", a.Status, assetStatusValues, true)
	CheckEnum(&ps, "classification", a.Classification, classificationValues, false)
	CheckEnum(&ps, "cia.confidentiality", a.CIA.Confidentiality, ciaLevelValues, false)
	CheckEnum(&ps, "cia.integrity", a.CIA.Integrity, ciaLevelValues, false)
	CheckEnum(&ps, "cia.availability", a.CIA.Availability, ciaLevelValues, false)
	self := a.Meta.Ref(KindAsset)
	for _, l := range [...]struct {
		field string
		refs  []Ref
	}{{"supports", a.Supports}, {"depends_on", a.DependsOn}} {
		checkRefs(&ps, l.field, l.refs, "")
		for i, r := range l.refs {
			if a.ID != "" && r == self {
				ps.Add(indexField(l.field, i), CodeForbidden, "the asset refers to itself")
			}
		}
	}
	return ps.Err(subjectName(KindAsset, a.ID))
}

// ParseAsset decodes a JSON asset from a user strictly (UnmarshalStrict:
// unknown fields, trailing data, more than MaxDocumentSize bytes or
// MaxDocumentDepth levels are refused) and validates it. Every error
// answers errors.Is(err, ErrInvalid). Stored assets are read leniently,
// for forward compatibility; ParseAsset is for documents from users.
func ParseAsset(data []byte) (*Asset, error) { return parseEntity[Asset](KindAsset, data) }

// CheckAssets checks an inventory as a whole and returns its findings,
// sorted with SortFindings: assets without an owner or a classification
// (disposed assets excepted), dependencies on assets that are not in the
// set, dependency cycles (one finding per strongly connected component,
// naming a shortest cycle through its smallest ID), and duplicate IDs. Nil
// entries are skipped; a nil or empty inventory has no findings.
// CheckAssets does not validate the assets. It runs in time linear in the
// number of assets and refs, apart from sorting.
func CheckAssets(assets []*Asset) []Finding {
	var fs []Finding
	byID := make(map[ID]*Asset, len(assets))
	count := make(map[ID]int, len(assets))
	for _, a := range assets {
		if a == nil || a.ID == "" {
			continue
		}
		count[a.ID]++
		if _, ok := byID[a.ID]; !ok {
			byID[a.ID] = a
		}
	}
	for id, n := range count {
		if n > 1 {
			fs = append(fs, newFinding(CodeAssetDuplicateID, NewRef(KindAsset, id), "id",
				map[string]string{"count": strconv.Itoa(n)}, "%d assets have the id %q", n, id))
		}
	}
	for _, a := range assets {
		if a == nil {
			continue
		}
		subject := a.Meta.Ref(KindAsset)
		if a.Status != AssetDisposed {
			if blank(a.Owner) {
				fs = append(fs, newFinding(CodeAssetOwnerMissing, subject, "owner",
					map[string]string{"status": string(a.Status)}, "asset %q has no owner", a.Name))
			}
			if a.Classification == "" {
				fs = append(fs, newFinding(CodeAssetClassificationMissing, subject, "classification",
					map[string]string{"status": string(a.Status)}, "asset %q has no classification", a.Name))
			}
		}
		for _, l := range [...]struct {
			field, verb string
			refs        []Ref
		}{{"depends_on", "depends on", a.DependsOn}, {"supports", "supports", a.Supports}} {
			for i, r := range l.refs {
				if r.Kind != KindAsset {
					continue
				}
				if _, ok := byID[r.ID]; ok {
					continue
				}
				f := newFinding(CodeAssetDanglingDependency, subject, fmt.Sprintf("%s[%d]", l.field, i),
					map[string]string{"ref": r.String()}, "asset %q %s %s, which is not in the inventory", a.Name, l.verb, r)
				f.Related = []Ref{r}
				fs = append(fs, f)
			}
		}
	}
	fs = append(fs, assetCycles(byID)...)
	SortFindings(fs)
	return fs
}

// assetCycles finds the strongly connected components of the "depends on"
// graph (Tarjan's algorithm, visiting IDs and edges in sorted order so the
// result is deterministic) and reports each cyclic one.
func assetCycles(byID map[ID]*Asset) []Finding {
	ids := make([]ID, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	pos := make(map[ID]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	// adj[i] lists the nodes node i depends on, sorted, without repeats.
	adj := make([][]int, len(ids))
	for i, id := range ids {
		a := byID[id]
		for _, r := range a.DependsOn {
			if j, ok := pos[r.ID]; ok && r.Kind == KindAsset {
				adj[i] = append(adj[i], j)
			}
		}
		for _, r := range a.Supports {
			if j, ok := pos[r.ID]; ok && r.Kind == KindAsset {
				adj[j] = append(adj[j], i)
			}
		}
	}
	for i := range adj {
		slices.Sort(adj[i])
		adj[i] = slices.Compact(adj[i])
	}

	// Tarjan's algorithm with an explicit stack of (node, next edge)
	// frames, so that a long chain of dependencies cannot exhaust the
	// goroutine stack.
	var (
		index   = make([]int, len(ids)) // 0: not visited yet
		low     = make([]int, len(ids))
		onStack = make([]bool, len(ids))
		stack   []int
		counter int
		fs      []Finding
	)
	type frame struct{ v, edge int }
	var call []frame
	for root := range ids {
		if index[root] != 0 {
			continue
		}
		counter++
		index[root], low[root] = counter, counter
		stack = append(stack, root)
		onStack[root] = true
		call = append(call, frame{v: root})
		for len(call) > 0 {
			top := &call[len(call)-1]
			v := top.v
			if top.edge < len(adj[v]) {
				w := adj[v][top.edge]
				top.edge++
				switch {
				case index[w] == 0:
					counter++
					index[w], low[w] = counter, counter
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{v: w})
				case onStack[w]:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			// Every edge of v is done: pop its frame, pass low to the
			// caller and close the component v roots.
			call = call[:len(call)-1]
			if len(call) > 0 {
				u := call[len(call)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			var comp []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			if len(comp) == 1 {
				if _, self := slices.BinarySearch(adj[v], v); !self {
					continue
				}
			}
			slices.Sort(comp)
			fs = append(fs, cycleFinding(ids, comp, adj))
		}
	}
	return fs
}

// cycleFinding reports one cyclic component (node indexes into ids,
// sorted), naming a shortest cycle through its smallest ID, found by
// breadth-first search in sorted edge order.
func cycleFinding(ids []ID, comp []int, adj [][]int) Finding {
	start := comp[0]
	prev := make(map[int]int, len(comp))
	in := make(map[int]bool, len(comp))
	for _, v := range comp {
		in[v] = true
	}
	queue := []int{start}
	last := -1
	for len(queue) > 0 && last < 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range adj[v] {
			if w == start {
				last = v
				break
			}
			if _, seen := prev[w]; !seen && in[w] {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	// Walk back from the node before start, then put the path in order.
	path := []int{start}
	for v := last; v != start; v = prev[v] {
		path = append(path, v)
	}
	path = append(path, start)
	slices.Reverse(path[1 : len(path)-1])
	names := make([]string, len(path))
	for i, v := range path {
		names[i] = string(ids[v])
	}
	members := make([]string, len(comp))
	var related []Ref
	for i, v := range comp {
		members[i] = string(ids[v])
		if v != start {
			related = append(related, NewRef(KindAsset, ids[v]))
		}
	}
	cycle := strings.Join(names, " -> ")
	f := newFinding(CodeAssetDependencyCycle, NewRef(KindAsset, ids[start]), "depends_on",
		map[string]string{"cycle": cycle, "members": strings.Join(members, ", ")},
		"assets depend on each other in a cycle: %s", cycle)
	f.Related = related
	return f
}
