// Package isms is the kernel of ismskit: the types and conventions every
// ISMS procedure of the SDK shares. It imports no other package of ours.
// The kernel comes first below; the clause-level entities that share the
// package come last.
//
// # Identity and bookkeeping
//
// Entities are identified by an opaque ID (UUIDv7 by default, made by an
// injected IDSource that is told the kind of each ID; host applications
// may bring their own keys) and refer to one another across packages by
// Ref{Kind, ID}. Every persisted entity embeds Meta, whose Metadata
// method makes it storable through isms/store.
//
// # Time
//
// Logic never reads the wall clock: services take a Clock and pure
// functions take a time.Time. Times are stored in UTC at microsecond
// precision (NormalizeTime), and must lie in years 0001 to 9999
// (CheckTime), the range RFC 3339 can write, so that every time that
// validates is stored and read back equal. Durations are ISO 8601 and
// calendar-aware (Duration: "PT4H", "P30D", "P1Y"): month and year steps
// clamp to the end of the month, as in XML Schema and java.time (31
// January + P1M is 28 February), and every component has one documented
// bound, applied alike when validating, writing and reading.
//
// # Errors
//
// Errors fall into four categories, ErrNotFound, ErrConflict, ErrInvalid
// and ErrUnsupported, which every error of the SDK answers through
// errors.Is. A *ValidationError lists every Problem of an input, not just
// the first, and names its subject once: "document doc-1: invalid:
// title: title is required (required)". Bad input is an error, never a
// panic: nil receivers and arguments give an error or a documented zero
// result.
//
// # Two verbs: Validate and Check
//
// Validate (or Validate<Thing>) reports structural validity: whether a
// value can be stored and read back at all. It returns a
// *ValidationError and runs in time linear in its input. Check… functions
// report what needs attention in a valid value: they return []Finding
// with stable dotted codes such as "document.review_overdue", which users
// filter and suppress by code (WithoutCodes). Every package that returns
// findings lists its checks with a function named Rules, returning
// []Rule{Code, Severity, Summary, Source}; Rules of this package lists
// the checks of its entities.
//
// Severities follow one policy across the SDK (see Rule): error when an
// auditor would raise a nonconformity as it stands (a required record or
// decision is missing or wrong — a missing owner is always an error, code
// "<kind>.owner_missing"), warning when it will become one if nothing is
// done (a review due soon, a record incomplete), info when it is merely
// worth knowing.
//
// # State machines
//
// A lifecycle is a transition table as data: StateMachine holds the moves
// and the named guards each needs, Check refuses a move with a
// *TransitionError naming the guard that failed, and Mermaid draws the
// table. DocumentLifecycle is one; risk acceptance, incidents, corrective
// actions and DR tests follow the same pattern.
//
// # Strict decoding
//
// Stored documents are read leniently, for forward compatibility; the
// Parse… functions (ParseScope, ParseAsset, ParseDocument, ...) are for
// documents from users. They decode with UnmarshalStrict, which refuses
// unknown fields, trailing data, documents larger than MaxDocumentSize
// (32 MiB) and nesting deeper than MaxDocumentDepth (64), then validate.
// Every marshalled struct has snake_case JSON names.
//
// # Enums
//
// Enumerations are string types with typed constants, a Values function,
// IsValid, and a strict UnmarshalText that rejects unknown values
// (ParseEnum, UnmarshalEnum), so a typo in stored data is an error rather
// than a silent new state.
//
// # Clause-level entities
//
// The package also holds the first entities of ISO/IEC 27001:2022 that
// every procedure refers to, in the files named entity_*.go: Scope (4.3),
// InterestedParty (4.2), Asset (A.5.9), Document (7.5), Objective (6.2)
// and Evidence. Each has Validate, a strict Parse… and, where there is
// something to watch, a Check… returning findings. Later issues extend
// them; the kernel above is what other packages build on.
//
// # The management system
//
// The files entity_policy*.go, entity_procedure*.go, entity_role*.go,
// entity_sod*.go, entity_competence*.go and entity_control_check*.go turn
// those documents into a management system (clauses 5, 7 and 9.1, A.5.1
// to A.5.4, A.5.37, A.6.3). A Document carries its content as Sections
// (CheckPolicyContent: what an information security policy must state),
// the Annex A Controls a topic-specific policy addresses, the policy it
// Implements and, for a procedure, its Steps with their roles
// (CheckDocumentSet: every policy implemented, every procedure tied to a
// policy and reviewed after it changed, policies approved by management,
// every step staffed). Person, Role, RoleAssignment (over time) and
// RACIMatrix say who does what (CheckRoles: one accountable role per
// activity); SoDRule pairs of duties find people who hold both
// (CheckSoD); TrainingRecord evidences competence and awareness
// (CheckCompetence, AwarenessCoverage). ControlCheck is the continuous
// monitoring of controls: results are appended, never overwritten
// (Record, ValidateControlCheckUpdate); CheckControlChecks reports failed,
// overdue and stale checks, and EffectivenessAt with CheckControlStatus
// compares each control's verdict with the SoA's implementation status,
// given as a map from control id to status so that this package imports
// no catalog. Staffing is the common input of the people checks.
package isms
