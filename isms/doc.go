// Package isms is the kernel of ismskit: the types and conventions every
// ISMS procedure of the SDK shares. It imports no other package of ours.
//
// # Identity and bookkeeping
//
// Entities are identified by an opaque ID (UUIDv7 by default, made by an
// injected IDSource; host applications may bring their own keys) and refer
// to one another across packages by Ref{Kind, ID}. Every persisted entity
// embeds Meta, whose Metadata method makes it storable through
// isms/store.
//
// # Time
//
// Logic never reads the wall clock: services take a Clock and pure
// functions take a time.Time. Times are stored in UTC at microsecond
// precision (NormalizeTime). Durations are ISO 8601 and calendar-aware
// (Duration: "PT4H", "P30D", "P1Y").
//
// # Errors and findings
//
// Errors fall into four categories, ErrNotFound, ErrConflict, ErrInvalid and
// ErrUnsupported, which every error of the SDK answers through errors.Is.
// A *ValidationError lists every Problem of an input, not just the first.
// Checks (document review, risk lint, SoA validation, ...) return []Finding
// with stable dotted codes such as "document.review_overdue", which users
// filter and suppress by code.
//
// # Enums
//
// Enumerations are string types with typed constants, a Values function,
// IsValid, and a strict UnmarshalText that rejects unknown values
// (ParseEnum), so a typo in stored data is an error rather than a silent
// new state.
//
// # ISMS entities
//
// The clause-level entities of ISO/IEC 27001:2022 live here: Scope (4.3),
// InterestedParty (4.2), Asset (A.5.9), Document (7.5), Objective (6.2) and
// Evidence, each with Validate and pure rules that return Findings.
package isms
