// Package oscal exchanges the SDK's controls data with NIST's Open Security
// Controls Assessment Language (OSCAL), in JSON:
//
//   - ExportCatalog and ImportCatalog: a controls.Catalog as an OSCAL
//     catalog (groups are the themes or functions; ids and titles only, no
//     licensed control text). Importing NIST SP 800-53 rev5 or CSF 2.0
//     keeps nested controls (enhancements, subcategories) with PropParent,
//     and leaves withdrawn controls out unless asked.
//   - ExportSSP and ImportSSP: a Statement of Applicability as the
//     control-implementation of an OSCAL system security plan, the ISMS
//     being its one this-system component.
//   - ExportMapping and ImportMapping: a crosswalk (controls.Mapping) as an
//     OSCAL 1.2.1 mapping-collection.
//   - ExportPOAM: risks (risk.Risk) with their assessments and treatment
//     plans as an OSCAL plan of action and milestones, the likelihood,
//     impact and level of each assessment as facets in the organisation's
//     matrix namespace (MatrixNamespace), each treatment action a task.
//   - ExportAssessmentResults: tests of controls on statistical samples
//     (SampleTest, drawn with package audit/sampling) as OSCAL
//     assessment-results, each sample an observation made by the method
//     TEST that records the sampling plan, the seed and the items drawn.
//   - ExportAuditResults: an internal audit (package audit: its Audit,
//     Checklist and Findings) as OSCAL assessment-results: each tested
//     checklist item an observation (EXAMINE, INTERVIEW or TEST, with the
//     evidence examined and, for a sampled item, the sample and its
//     evaluation), each requirement tested a finding satisfied or, where
//     a nonconformity names it, not satisfied; observations and
//     opportunities for improvement are risks of the result.
//   - ExportFindingsPOAM: the corrective actions of audit nonconformities
//     as an OSCAL POA&M, each nonconformity a finding, a risk (its
//     corrective action the remediation, its due date the deadline) and a
//     poam-item pointing at both.
//
// Exports are OSCAL 1.1.3 by default and 1.2.1 on request (Options.Version);
// OSCAL 1.2.0 is never written. They are deterministic: UUIDs are version-5
// UUIDs derived from the SDK's ids (the same input exports the same UUIDs
// every time), times are RFC 3339 in UTC without a zero fraction, lists are
// in the SDK's order and sets (props of a map) in key order, and no empty
// array is written. Properties outside OSCAL's vocabulary are in the SDK's
// own Namespace. The package's tests validate every export against NIST's
// official OSCAL JSON schemas, and check what those schemas cannot (unique
// UUIDs, references that resolve, allowed values of the SDK's props).
//
// Imports read leniently, as OSCAL documents carry much the SDK does not
// keep, within the SDK's document size and depth limits; what they build is
// checked by the controls package's own validation.
//
// The OSCAL structures are hand-written (the subset the package needs):
// the generated types of github.com/defenseunicorns/go-oscal are not
// available to the project's build.
package oscal
