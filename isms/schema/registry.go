package schema

import (
	"reflect"

	"github.com/ismskit/ismskit/audit"
	"github.com/ismskit/ismskit/audit/sampling"
	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
	"github.com/ismskit/ismskit/risk/fair"
)

// kinds lists every persisted type of the SDK, one line each: the kind's
// name (the name of its schema file), its Go type, and its storage kind
// when it is stored in an isms/store Repository. To cover a new package,
// add a line per persisted type here, and a line per enum type to enums,
// then run go generate ./isms/schema.
func kinds() []entry {
	return []entry{
		kind[audit.Finding]("audit.finding", audit.KindFinding),
		kind[audit.Programme]("audit.programme", ""),
		kind[audit.Checklist]("audit.checklist", ""),
		kind[audit.ManagementReview]("audit.management_review", ""),
		kind[audit.Improvement]("audit.improvement", ""),
		kind[audit.Report]("audit.readiness_report", ""),
		kind[isms.Scope]("isms.scope", isms.KindScope),
		kind[isms.InterestedParty]("isms.interested_party", isms.KindInterestedParty),
		kind[isms.Asset]("isms.asset", isms.KindAsset),
		kind[isms.Document]("isms.document", isms.KindDocument),
		kind[isms.Objective]("isms.objective", isms.KindObjective),
		kind[isms.Evidence]("isms.evidence", isms.KindEvidence),
		kind[isms.Person]("isms.person", isms.KindPerson),
		kind[isms.Role]("isms.role", isms.KindRole),
		kind[isms.RoleAssignment]("isms.role_assignment", isms.KindRoleAssignment),
		kind[isms.RACIMatrix]("isms.raci_matrix", isms.KindRACIMatrix),
		kind[isms.SoDRule]("isms.sod_rule", isms.KindSoDRule),
		kind[isms.TrainingRecord]("isms.training_record", isms.KindTrainingRecord),
		kind[isms.ControlCheck]("isms.control_check", isms.KindControlCheck),
		kind[risk.Risk]("risk.risk", risk.Kind),
		kind[risk.Matrix]("risk.matrix", ""),
		kind[scenarioDocument]("fair.scenario", "").describedBy(reflect.TypeFor[fair.Scenario]()),
		kind[fair.ImpactScale]("fair.impact_scale", ""),
		kind[controls.SoA]("controls.soa", controls.KindSoA),
		kind[controls.Mapping]("controls.mapping", ""),
		kind[catalogDocument]("controls.catalog", "").describedBy(reflect.TypeFor[controls.Catalog]()),
		kind[sampling.Selection]("sampling.selection", ""),
		kind[sampling.AttributePlan]("sampling.attribute_plan", ""),
		kind[sampling.MonetaryPlan]("sampling.monetary_plan", ""),
		kind[incident.Incident]("incident.incident", incident.Kind),
		kind[incident.Regime]("incident.regime", ""),
		kind[bcp.BIARecord]("bcp.bia_record", bcp.BIAKindName),
		kind[bcp.DRTest]("bcp.dr_test", bcp.DRTestKindName),
		kind[bcp.BIA]("bcp.bia", ""),
		kind[bcp.Snapshot]("bcp.snapshot", ""),
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
		enum(isms.ScopeInterfaceKindValues), enum(isms.SectionKindValues),
		enum(isms.TrainingResultValues), enum(isms.CheckMethodValues), enum(isms.CheckOutcomeValues),
		enum(isms.RACIValues),
		enum(risk.StatusValues), enum(risk.StageValues), enum(risk.CombineRuleValues),
		enum(risk.TreatmentOptionValues), enum(risk.ActionStatusValues),
		enum(risk.AcceptanceStatusValues),
		enum(controls.ApplicabilityValues), enum(controls.InclusionReasonValues), enum(controls.ExclusionReasonValues),
		enum(controls.ImplementationStatusValues), enum(controls.RelationshipValues), enum(controls.ControlTypeValues),
		enum(controls.SecurityPropertyValues), enum(controls.CybersecurityConceptValues),
		enum(controls.OperationalCapabilityValues), enum(controls.SecurityDomainValues),
		enum(sampling.MethodValues), enum(sampling.AllocationValues), enum(sampling.ModelValues),
		enum(incident.CategoryValues), enum(incident.StatusValues), enum(incident.DismissReasonValues),
		enum(incident.ActionKindValues), enum(incident.ActionStatusValues), enum(incident.CalendarKindValues),
		enum(incident.WeekdayValues), enum(incident.AnchorEventValues),
		enum(bcp.CriticalityValues), enum(bcp.ResourceKindValues), enum(bcp.RecoveryModeValues),
		enum(bcp.FailoverModeValues), enum(bcp.DRTestKindValues), enum(bcp.DRTestStatusValues),
		enum(bcp.BIAStatusValues),
		enum(audit.MethodValues), enum(audit.ResultValues), enum(audit.FindingKindValues),
		enum(audit.FindingStatusValues), enum(audit.SourceKindValues), enum(audit.ImprovementStatusValues),
		enum(audit.AuditStatusValues), enum(audit.StateValues),
		enum(audit.ReviewInputValues), enum(audit.DecisionKindValues),
		enum(sampling.ConclusionValues), enum(isms.SeverityValues), enum(isms.EffectivenessValues),
	}
}

// fieldEnums lists the plain string fields (not of an enum type) whose
// values are nonetheless a closed set, with the set: the doc comment of
// each field or type lists the values, and the package's parser refuses
// others.
func fieldEnums() []fieldEnum {
	modes := []string{""}
	for _, m := range fair.ModeValues() {
		modes = append(modes, string(m))
	}
	return []fieldEnum{
		// "" also means compound (risk.QuantitativeScenario.Mode).
		field[risk.QuantitativeScenario]("Mode", modes...),
		field[risk.QuantitativeDistribution]("Type", "constant", "uniform", "triangular", "pert", "lognormal_ci90", "normal"),
		field[risk.QuantitativeFrequency]("Type", "bernoulli", "poisson", "poisson_rate"),
		field[bcp.Change]("Op", bcp.ChangeAdded, bcp.ChangeRemoved, bcp.ChangeChanged),
	}
}

type fieldEnum struct {
	typ    reflect.Type
	field  string
	values []string
}

func field[T any](name string, values ...string) fieldEnum {
	return fieldEnum{typ: reflect.TypeFor[T](), field: name, values: values}
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

// scenarioDocument is the JSON form of a fair.Scenario: what
// fair.ParseScenario reads and Scenario.MarshalJSON writes.
type scenarioDocument struct {
	// Name identifies the scenario in the results; required.
	Name string `json:"name"`
	risk.QuantitativeScenario
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
