// Package risk models qualitative information security risk management as
// ISO/IEC 27001:2022 requires it (clauses 6.1.2, 6.1.3, 8.2 and 8.3) and
// ISO/IEC 27005:2022 guides it: the method as data, risks and their
// assessments, treatment, acceptance sign-off, review cadence, checks, a
// register over any store, and heatmaps.
//
// # The method is data
//
// A Matrix holds the likelihood scale, the impact scale, the risk levels
// and an explicit grid Grid[likelihood][impact] giving the risk level of
// every cell. Nothing assumes that risk is likelihood × impact, so
// asymmetric grids (EBIOS RM, national 4×4 matrices) are expressed as
// easily as multiplicative ones. Validate reports every problem in a
// matrix, including cells that fall as likelihood or impact rises when the
// matrix declares itself Monotonic. Multiplicative and Additive build a
// grid from band thresholds; Preset3x3, Preset4x4, Preset5x5 and
// Preset5x5ISO27005 are ready to use. A matrix has a name and a version,
// and every Assessment records the MatrixRef it was scored with, so that
// a new version of a matrix never silently rescales old assessments.
//
// # Scoring and its trace
//
// Matrix.Score reads one cell by indices; Matrix.Evaluate scores a Rating
// (level IDs, with one impact per dimension combined by a CombineRule,
// RuleMax by default). Neither allocates. Matrix.Explain returns the Trace
// of the same computation (inputs, rule and its arithmetic, the grid cell,
// the level), which prints for an auditor to re-perform.
//
// # Risks
//
// A Risk names its owner, affected assets, threat and vulnerability, and
// carries three assessments: inherent (no controls), current (existing
// controls) and residual (the target once the treatment is in place). Its
// Treatment takes one of the four options of ISO/IEC 27005:2022 (modify,
// retain, avoid, share), selects controls as isms.Refs of kind "control"
// to catalog controls such as A.8.24, and plans actions with owners, due
// dates and statuses.
//
// # Workflow steps and commands
//
// Every step on a risk takes one command struct: AssessCommand,
// TreatCommand, SetActionStatusCommand, DelegateCommand,
// UndelegateCommand, RequestAcceptanceCommand, SubmitAcceptanceCommand,
// DecideAcceptanceCommand, RevokeAcceptanceCommand and ReviewCommand. The
// pure methods of Risk take the actor, the command and the time
// (r.Assess(m, "ann", cmd, now)); the Register takes the context (which
// carries the actor), the risk's ID and the same command. Each command's
// Revision is the revision of the risk the user saw: 0 skips the check, and
// another stored revision is isms.ErrConflict. Optional fields (durations,
// times) may be left out.
//
// # Acceptance sign-off and status
//
// ISO/IEC 27001 6.1.3 f requires the risk owners to approve the treatment
// plan and accept the residual risks. An Acceptance moves
//
//	created -> submitted -> accepted | rejected
//	accepted -> revoked | expired
//
// as the table AcceptanceLifecycle says, with named guards (only the risk
// owner or an approver the owner delegated to may decide or revoke). An
// accepted sign-off keeps a snapshot of the risk it accepted and an
// expiry, after which the risk is due for review again. A risk's Status
// moves as StatusLifecycle says: it becomes accepted only with a sign-off
// in force, and goes back to open on revocation, expiry or rejection.
// Refused moves return an *isms.TransitionError naming the guard that
// failed; both tables draw themselves as Mermaid state diagrams.
//
// # Review cadence
//
// ReviewPolicy maps risk levels to review intervals (isms.Duration, so
// "P3M" means three calendar months, clamped to the end of the month: 31
// January + P1M is 28 February); NextReview and ReviewOverdue apply it to
// a risk, taking an acceptance's expiry into account.
//
// # Checks
//
// Check and CheckAll are pure functions of the risks, the matrix and a
// time. They return isms.Findings whose codes are stable; Rules lists them
// as isms.Rules with their severities, under the SDK's policy (error: an
// auditor would raise a nonconformity as it stands; warning: it becomes one
// if nothing is done; info: worth knowing), and the clause each comes from:
//
//	risk.owner_missing                    error    6.1.2 c 2  no owner
//	risk.current_not_assessed             warning  6.1.2 d    no current assessment
//	risk.residual_missing                 warning  6.1.3 f    current assessed, residual not
//	risk.residual_above_current           error    6.1.2 b    treatment cannot raise a risk
//	risk.current_above_inherent           warning  6.1.2 b    existing controls cannot raise a risk
//	risk.residual_lowered_without_control error    6.1.3 b    residual below current, retained or modified with no control
//	risk.accepted_without_signoff         error    6.1.3 f    status accepted without an accepted sign-off
//	risk.acceptance_expired               error    6.1.3 f    the acceptance in force reached its expiry
//	risk.acceptance_outdated              error    6.1.3 f    level now above the level accepted
//	risk.control_existing_and_planned     info     -          a control both existing and selected
//	risk.retained_above_appetite          error    6.1.3 f    above appetite, retained, no acceptance in force
//	risk.treatment_missing                error    6.1.3 a    above appetite with no treatment
//	risk.action_overdue                   error    8.3        an open treatment action past its due date
//	risk.review_overdue                   error    8.2        next review date passed
//	risk.assessment_inconsistent          error    6.1.2 b    re-scoring gives another level or combined impact
//	risk.matrix_outdated                  warning  6.1.2 b    assessed with another matrix or version
//	risk.criteria_mismatch                warning  6.1.2 a    the risk's own criteria do not fit the matrix
//	risk.plan_missing                     warning  6.1.3 e    modify treatment with no plan actions
//	risk.acceptance_justification_missing warning  6.1.3 f    acceptance request without a justification
//	risk.avoided_still_open               warning  8.3        avoided, every action done, still open
//	risk.ref_unresolved                   error    -          asset or control ref not known (when supplied)
//
// # Register
//
// NewRegister binds a matrix, criteria and review cadence to one tenant of
// a *store.Store. Its clock and ID source are the store's (store.Options),
// so that tests and examples are deterministic with the helpers of package
// ismstest; IDs are asked for by kind ("risk", ActionKind,
// AcceptanceKind). Every write takes its actor from the context
// (isms.WithActor) and fails with isms.ErrInvalid without one; the expiry
// sweep runs as RegisterOptions.SystemActor. Besides the workflow steps,
// it lists risks with a Filter (owner, category, status, level, asset,
// treatment option, acceptance state, "awaiting my decision", overdue
// review), ranks the top N, checks the whole register, and aggregates a
// Heatmap, which renders as a standalone SVG. RegisterOptions.ConflictRetries
// opts the steps into re-applying a command after losing a race to
// another write.
//
// Reads of the whole register (Check, Heatmap, Top) use the repository's
// cache of decoded risks (store.Repository) without copying them; List
// copies them for the caller in one batch. A register of 100,000 risks is
// checked or counted in microseconds per risk rather than a JSON decoding
// each.
//
// # Treatment plan, SoA and matrix versions
//
// WriteRegisterCSV, WriteRegisterMarkdown, WriteTreatmentPlanCSV and
// WriteTreatmentPlanMarkdown export the register and the risk treatment
// plan (6.1.3 e, 8.3) as documents, CSV cells formula-guarded and
// Markdown cells escaped so that they read back as written. Selections
// (and Risk.Selections, Register.Selections) turn the controls the
// treatments select into isms.ControlSelection values that package
// controls records in the Statement of Applicability
// (controls.SoA.RecordSelections) without an import between the packages;
// control refs are isms.ControlRef values (isms.KindControl).
// MigrateAssessments and Register.MigrateMatrix carry assessments over to a
// new version of a matrix where their cells are unchanged and list those a
// person must re-assess. Matrix.Prepare resolves a rating's level IDs once
// for repeated scoring with EvaluatePrepared.
//
// # Errors
//
// Errors answer one of the categories of package isms (errors.Is with
// isms.ErrInvalid, ErrNotFound or ErrConflict). They carry one prefix, the
// package and the operation ("risk: assess: "), and name the entity once:
// "risk: assess: risk risk-0001: the risk is closed". No function panics
// on nil or zero arguments: a nil matrix, risk or heatmap is an error, or a
// documented zero result.
//
// # Documents and limits
//
// ParseRisk and ParseMatrix decode documents supplied by users strictly
// (isms.UnmarshalStrict: unknown fields and trailing data refused, at most
// isms.MaxDocumentSize bytes nested at most isms.MaxDocumentDepth deep),
// then validate them. Stored risks are read leniently for forward
// compatibility: a Register ignores unknown fields of stored documents.
// Every validator runs in time linear in its input, and a matrix has at
// most MaxLevels levels per scale.
package risk
