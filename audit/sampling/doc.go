// Package sampling is the statistics behind control testing and internal
// audit (ISO/IEC 27001:2022 clause 9.2): how many items to test, which
// items, and what the results say. Certification auditors re-perform
// samples, so every answer here can be re-performed: sample sizes carry
// the rule and the probabilities that justify them, selections carry their
// seed, algorithm and a fingerprint of the population, and evaluations
// carry their arithmetic.
//
// # Planning
//
// AttributeSampleSize and PlanAttribute size a test of controls
// (attribute sampling): the smallest n such that, with k = ceil(expected
// rate x n) deviations allowed, P(X <= k) < 1 - confidence when the
// population deviation rate is the tolerable rate, for a binomial,
// hypergeometric (finite population) or Poisson X. Rates are read as exact
// decimals and the decision is exact, so the sizes follow the rule even
// where floating-point arithmetic goes wrong (at 90% confidence, a 5%
// tolerable and 3.5% expected rate need 400 items, because 0.035 x 400 is
// exactly 14; floating point gives 423). They reproduce the published AICPA
// attribute sampling tables except for three cells of the 10%-risk table
// whose printed figures do not meet the guide's own rule (200 for that
// cell, and 112 where the rule needs 113 at 7% tolerable and 3.25% or
// 3.5% expected); the package tests document each.
//
// MonetarySampleSize and PlanMonetary size a monetary-unit sample on the
// Poisson model, reproducing the AICPA monetary-unit tables. Guidance gives
// the customary non-statistical sizes by control frequency and what each
// actually supports.
//
// # Selection
//
// A selection is tied to the plan it serves: AttributeResult.SelectionPlan
// and MonetaryResult.SelectionPlan record the plan (population,
// confidence, rates, size, allowed deviations) in SelectionSpec.Plan,
// Select then refuses a population, size or method that does not match
// it, and EvaluateAttributeSelection and EvaluateMonetarySelection
// evaluate against the recorded plan, refusing a tested count other than
// the selection's size.
//
// Select draws a sample by simple random selection without replacement,
// systematic selection with a random start, stratified selection (by
// Item.Stratum, proportional or fixed allocation), or monetary-unit
// selection (fixed interval or one unit per cell). It uses math/rand/v2's
// PCG generator seeded explicitly and integer arithmetic only, so the same
// seed and population give the same sample on every platform. The
// Selection records the seed, the algorithm and its version, and the
// population's SHA-256 Fingerprint (a documented byte format); Reperform
// checks a recorded selection against a population and detects any change
// to it.
//
// # Evaluation
//
// EvaluateAttribute turns deviations found into the sample deviation rate,
// the upper deviation limit (UpperDeviationLimit, the exact Clopper-Pearson
// limit, or UpperDeviationLimitFinite for a finite population), the
// allowance for sampling risk and the conclusion: rely on the control as
// planned, or not. EvaluateMonetary does the same for monetary-unit
// samples with the Stringer and Poisson bounds.
//
// Every explanation lists its inputs as ExplanationInputs (name and value)
// and its arithmetic step by step.
//
// # Records
//
// A Selection is the record the working papers keep. ParseSelection,
// ParseAttributePlan and ParseMonetaryPlan are strict, for documents from
// users: they decode with isms.UnmarshalStrict (unknown fields, unknown
// enum values, trailing data, documents larger than isms.MaxDocumentSize
// and nesting deeper than isms.MaxDocumentDepth are refused) and then
// validate, in time linear in the document. Model, Allocation and
// MonetaryBound accept an explicit empty value as their default, as their
// zero values mean; the other enums (Method, Conclusion) refuse it. Stored
// documents may be read leniently, with encoding/json, for forward
// compatibility. What Validate accepts re-encodes and re-parses equal. The
// results of planning and evaluation are outputs: recompute them from the
// plan rather than read them back.
//
// # Errors
//
// Rates are exact decimals of at most MaxRateDecimals (18) decimal
// places; a finer rate is refused with a message that states the limit.
//
// Bad input is an error that answers errors.Is(err, isms.ErrInvalid),
// never a panic, also for nil receivers and nil arguments. Errors carry the
// package prefix and the operation once ("sampling: plan attribute:
// attribute plan: invalid: ..."); Validate methods return a bare
// *isms.ValidationError. Every numeric input has a documented bound:
// MaxSampleSize for planned and monetary sample sizes, MaxPopulation for
// populations and evaluated samples, MaxPopulationValue for population
// values.
package sampling
