package schema

import (
	"reflect"

	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// kinds lists every persisted type of the SDK, one line each: the kind's
// name (the name of its schema file), its Go type, and its storage kind
// when it is stored in an isms/store Repository. To cover a new package,
// add a line per persisted type here, and a line per enum type to enums,
// then run go generate ./isms/schema.
func kinds() []entry {
	return []entry{
		kind[isms.Scope]("isms.scope", isms.KindScope),
		kind[isms.InterestedParty]("isms.interested_party", isms.KindInterestedParty),
		kind[isms.Asset]("isms.asset", isms.KindAsset),
		kind[isms.Document]("isms.document", isms.KindDocument),
		kind[isms.Objective]("isms.objective", isms.KindObjective),
		kind[isms.Evidence]("isms.evidence", isms.KindEvidence),
		kind[risk.Risk]("risk.risk", risk.Kind),
		kind[risk.Matrix]("risk.matrix", ""),
		kind[controls.SoA]("controls.soa", controls.KindSoA),
		kind[controls.Mapping]("controls.mapping", ""),
		kind[catalogDocument]("controls.catalog", "").describedBy(reflect.TypeFor[controls.Catalog]()),
		kind[sampling.Selection]("sampling.selection", ""),
		kind[sampling.AttributePlan]("sampling.attribute_plan", ""),
		kind[sampling.MonetaryPlan]("sampling.monetary_plan", ""),
	}
}

// enums lists every string enum type the persisted types use, with its
// values, one line each. A test fails when a persisted type uses a string
// type with an IsValid method that is not listed here.
func enums() []enumEntry {
	return []enumEntry{
		enum(isms.AssetKindValues), enum(isms.InformationClassificationValues), enum(isms.CIALevelValues),
		enum(isms.AssetStatusValues), enum(isms.DocumentTypeValues), enum(isms.DocumentStatusValues),
		enum(isms.EvidenceKindValues), enum(isms.ObjectiveStatusValues), enum(isms.ObjectiveTargetDirectionValues),
		enum(isms.PartyKindValues), enum(isms.PartyRequirementTypeValues), enum(isms.ScopeItemKindValues),
		enum(isms.ScopeInterfaceKindValues),
		enum(risk.StatusValues), enum(risk.StageValues), enum(risk.CombineRuleValues),
		enum(risk.TreatmentOptionValues), enum(risk.ActionStatusValues),
		enum(risk.AcceptanceStatusValues),
		enum(controls.ApplicabilityValues), enum(controls.InclusionReasonValues), enum(controls.ExclusionReasonValues),
		enum(controls.ImplementationStatusValues), enum(controls.RelationshipValues), enum(controls.ControlTypeValues),
		enum(controls.SecurityPropertyValues), enum(controls.CybersecurityConceptValues),
		enum(controls.OperationalCapabilityValues), enum(controls.SecurityDomainValues),
		enum(sampling.MethodValues), enum(sampling.AllocationValues), enum(sampling.ModelValues),
	}
}

// catalogDocument is the SDK's JSON form of a controls.Catalog (whose
// fields are unexported): what controls.WriteCatalog writes and
// controls.ReadCatalog reads.
type catalogDocument struct {
	controls.CatalogInfo
	// Groups are the catalog's headings, a parent before its children.
	Groups []controls.Group `json:"groups,omitempty"`
	// Controls are the catalog's controls in catalog order.
	Controls []controls.Control `json:"controls"`
}

type entry struct {
	name, storage string
	typ           reflect.Type
	// doc is the type whose doc comment describes the kind, when not typ.
	doc reflect.Type
}

// describedBy returns e described by the doc comment of t.
func (e entry) describedBy(t reflect.Type) entry {
	e.doc = t
	return e
}

func kind[T any](name, storage string) entry {
	return entry{name: name, storage: storage, typ: reflect.TypeFor[T]()}
}

type enumEntry struct {
	typ    reflect.Type
	values []string
}

func enum[T ~string](values func() []T) enumEntry {
	vs := values()
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return enumEntry{typ: reflect.TypeFor[T](), values: out}
}
