// Package risk models qualitative information security risk management as
// ISO/IEC 27001:2022 requires it (clauses 6.1.2, 6.1.3, 8.2 and 8.3) and
// ISO/IEC 27005:2022 guides it: the method as data, risks and their
// assessments, treatment, acceptance sign-off, review cadence, lint checks,
// a register over any storage backend, and heatmaps.
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
// # Acceptance sign-off
//
// ISO/IEC 27001 6.1.3 f requires the risk owners to approve the treatment
// plan and accept the residual risks. An Acceptance moves
//
//	created -> submitted -> accepted | rejected
//	accepted -> revoked | expired
//
// and only the risk owner or an approver the owner delegated to may decide
// or revoke. An accepted sign-off keeps a snapshot of the risk it
// accepted and an expiry, after which the risk is due for review again;
// revocation and expiry send the risk back to open. Refused steps return a
// *TransitionError.
//
// # Review cadence
//
// ReviewPolicy maps risk levels to review intervals (isms.Duration, so
// "P3M" means three calendar months); NextReview and ReviewOverdue apply
// it to a risk, taking an acceptance's expiry into account.
//
// # Lint
//
// Lint and LintAll are pure functions of the risks, the matrix and a time.
// They return isms.Findings whose codes are stable (Rules lists them with
// their severities):
//
//	risk.owner_missing                    error    no owner
//	risk.current_not_assessed             warning  no current assessment
//	risk.residual_missing                 warning  current assessed, residual not
//	risk.residual_above_current           error    treatment cannot raise a risk
//	risk.current_above_inherent           warning  existing controls cannot raise a risk
//	risk.residual_lowered_without_control error    residual below current with no control selected
//	risk.accepted_without_signoff         error    status accepted without an accepted sign-off
//	risk.acceptance_expired               error    the acceptance in force reached its expiry
//	risk.acceptance_outdated              warning  level now above the level accepted
//	risk.control_existing_and_planned     warning  a control both existing and selected
//	risk.retained_above_appetite          error    above appetite, retained, no acceptance in force
//	risk.treatment_missing                warning  above appetite with no treatment
//	risk.action_overdue                   warning  an open treatment action past its due date
//	risk.review_overdue                   warning  next review date passed
//	risk.assessment_inconsistent          error    re-scoring gives another level or combined impact
//	risk.matrix_outdated                  info     assessed with another matrix or version
//	risk.criteria_mismatch                warning  the risk's own criteria do not fit the matrix
//
// # Register
//
// NewRegister binds a matrix, criteria and review cadence to one tenant of
// a store.Backend. Its methods take the context first, take the actor from
// it (isms.WithActor) for every step that records who acted, and use the
// register's isms.Clock and isms.IDSource, so that tests and examples are
// deterministic with the helpers of package ismstest. Besides the workflow
// steps, it lists risks with a Filter, ranks the top N, lints the whole
// register, and aggregates a Heatmap, which renders as a standalone SVG.
package risk
