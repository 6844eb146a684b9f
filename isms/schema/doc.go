// Package schema publishes a JSON Schema (draft 2020-12) for every kind of
// document the SDK persists or reads from users: the kernel's entities
// (scope, interested parties, assets, documents — policies and procedures
// included —, objectives, evidence) and management-system records
// (people, roles, role assignments, RACI matrices, segregation-of-duties
// rules, training records, control checks and their results); risks, risk
// matrices, FAIR scenarios and impact scales; catalogs, Statements of
// Applicability and crosswalks; incidents and notification regimes;
// business impact analyses, their stored versions, continuity snapshots
// and DR tests; and sampling plans and selections. Kind.StorageKind names
// the store kind of those a service keeps in an isms/store Repository.
//
// Kinds lists them; Schema returns one as JSON; WriteAll writes them all to
// a directory. The schemas are generated from the Go types by Generate
// (invopop/jsonschema, which only this package imports) and committed under
// isms/schema/json; go generate ./isms/schema rewrites them, and a test
// fails when they drift from the types.
//
// Each schema has its $id under BaseURI and its types in $defs named by
// package ("isms.Ref", "controls.Entry", "audit.sampling.Method"), so that
// same-named types of different packages never collide. Descriptions come
// from the Go doc comments; every enum lists its values (and so do the
// plain string fields whose values are a closed set, such as a FAIR
// distribution's type); isms.Duration is a
// string matching DurationPattern (never an integer); times are date-time
// strings; a field is required when encoding/json always writes it (no
// omitempty or omitzero), and may be null when it is a slice, map or
// pointer that encoding/json writes as null; every struct is closed
// (additionalProperties false), as the SDK's strict decoders are.
//
// The tests validate the schemas with an independent validator
// (santhosh-tekuri/jsonschema): each compiles against the 2020-12
// meta-schema, documents the SDK writes validate, and hand-written invalid
// documents of every kind are rejected.
//
// To cover a new package, add a line per persisted type to kinds() and a
// line per enum type to enums() in registry.go, then run go generate.
package schema
