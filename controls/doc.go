// Package controls models control catalogs, crosswalks between them, and
// the Statement of Applicability (SoA) of ISO/IEC 27001:2022 6.1.3 d).
//
// # Catalogs
//
// A [Catalog] is an immutable, validated list of groups and controls in
// catalog order. Two are built in, embedded in the binary:
//
//   - [ISO27001_2022]: the 93 Annex A controls (A.5.1 to A.8.34) with
//     their short titles in four themes, the 11 new in 2022 marked with
//     [PropNewIn2022]. Ids and titles only: ISO control text and the
//     ISO/IEC 27002 attribute tables are licensed and not shipped. The
//     attribute types exist as enums ([Attributes]) so that holders of a
//     licence can attach values with [Catalog.WithAttributes].
//   - [NISTCSF2]: NIST CSF 2.0 functions, categories and active
//     subcategories, from NIST's OSCAL catalog.
//
// Catalogs of your own are read and written in the SDK's JSON format with
// [ReadCatalog] and [WriteCatalog], or built with [NewCatalog].
//
// # Crosswalks and coverage
//
// A [Mapping] relates the controls of a source catalog to those of a target
// catalog with the set relationships of NIST IR 8477 ([Relationship]), and
// records its [Provenance]. Built in: [ISO27001_2013To2022] (the transition
// mapping) and [NISTCSF2ToISO27001_2022]. [InferCoverage] derives coverage
// of the target catalog from implementation statuses in the source: assess
// once, report many. Every derived level carries the pairs that explain it.
//
// # Statement of Applicability
//
// An [SoA] holds one [Entry] per control: applicability (applicable,
// not_applicable, inherited), inclusion reasons with the risks that
// selected the control, the exclusion reason and written justification,
// the provider of an inherited control, the implementation status (OSCAL's
// values), owner, planned date and evidence. [SoA.Validate] checks that it
// is well formed (structural validity, an error); [CheckSoA] judges its
// decisions as an auditor would and returns [isms.Finding]s with stable
// codes such as [CodeControlMissing] ("soa.control_missing"). [Rules]
// lists every check as an [isms.Rule]: its code, its severity under the
// SDK's severity policy, and the ISO/IEC 27001:2022 clause it comes from
// (6.1.3 c and d for most). CheckSoA takes the current time as an argument
// and never reads the clock. [DiffSoA] compares two versions field by
// field; [Summarize], [WriteCSV], [WriteMarkdown] and [WriteSoA] report
// it.
//
// The risk treatment reaches the SoA as [isms.ControlSelection] values
// ([Selection] is that type), which package risk produces from the
// controls treatments select (risk.Selections, Register.Selections):
// [SoA.RecordSelections] records them (inclusion for risk treatment, the
// selecting risks) and [SoACheckOptions] checks the SoA against them. Control
// refs are [isms.ControlRef] values of kind [isms.KindControl], which
// [KindControl] names too.
//
// [Suggest] proposes applicability from an organisation [Profile] of
// [ProfileFact]s using [SuggestionRule]s that are data
// ([DefaultSuggestionRules]); each suggestion names the rule and facts
// behind it. Suggestions are advice: the decisions stay with people.
//
// # Reading and writing
//
// [ReadSoA], [ReadCatalog] and [ReadMapping] (and Catalog.UnmarshalJSON)
// are strict, for documents from users: they use isms.ReadStrict, so
// unknown fields, unknown enum values, an explicit empty enum value (the
// SDK's writers leave empty fields out instead), trailing data, documents
// larger than isms.MaxDocumentSize and nesting deeper than
// isms.MaxDocumentDepth are refused with isms.ErrInvalid. Stored documents
// (an SoA kept by a store.Repository) are read leniently, with
// encoding/json, for forward compatibility. What Validate accepts, the
// writers write and the readers read back equal; the writers refuse what
// Validate refuses. Every validator and decoder takes time linear in its
// input.
//
// Errors carry the package prefix and the operation once ("controls: read
// soa: soa soa-1: invalid: ..."); Validate methods return a bare
// *isms.ValidationError whose Subject names the entity. Nil receivers and
// nil arguments give a documented zero result or an isms.ErrInvalid error,
// never a panic.
//
// Package controls refers to risks, evidence and scopes by [isms.Ref] and
// imports no other domain package.
package controls
