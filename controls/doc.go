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
// values), owner, planned date and evidence. [ValidateSoA] judges it as an
// auditor would and returns [isms.Finding]s with stable codes such as
// [CodeControlMissing] ("soa.control_missing"); it takes the current time
// as an argument and never reads the clock. [DiffSoA] compares two
// versions field by field; [Summarize], [WriteCSV], [WriteMarkdown] and
// [WriteSoA] report it.
//
// [Suggest] proposes applicability from an organisation [Profile] using
// rules that are data ([DefaultRules]); each suggestion names the rule and
// facts behind it. Suggestions are advice: the decisions stay with people.
//
// Package controls refers to risks, evidence and scopes by [isms.Ref] and
// imports no other domain package.
package controls
