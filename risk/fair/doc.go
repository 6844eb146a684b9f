// Package fair is quantitative risk analysis with the Open FAIR factor
// tree: a Monte Carlo simulation of annual losses, their statistics (mean,
// quantiles, value at risk, expected shortfall, exceedance probabilities,
// loss exceedance curves), the effect of a control (reduction and return
// on security investment), a mapping of losses onto a qualitative matrix's
// impact levels, and loss exceedance charts as SVG.
//
// # Model
//
// A Scenario is one loss scenario. Its loss event frequency is given
// directly or derived from threat event frequency (itself given or derived
// from contact frequency × probability of action) and vulnerability (given,
// or drawn per threat event as P(threat capability > resistance
// strength)); its loss magnitude is primary loss plus secondary loss
// (secondary loss event frequency × secondary magnitude). Inputs are
// Distributions (Constant, Uniform, Triangular, PERT, PERTShape,
// LognormalCI90, Normal truncated at zero) and Frequencies (Bernoulli,
// Poisson, PoissonRate).
//
// By default (ModeCompound) a year's loss is the sum of one independent
// magnitude draw per loss event, the compound distribution. ModeProduct
// computes loss event frequency × one magnitude draw, as pyfair and the
// spreadsheet tools do; the two have the same mean but not the same tail
// (see ModeProduct).
//
// # Reproducibility
//
// Simulate draws every scenario from its own streams of math/rand/v2's
// PCG generator, one per block of 4096 simulated years, seeded from the
// seed, the scenario's name and the block number (Generator). Blocks are
// the unit of work, so a result is bit-for-bit the same with 1, 2 or 8
// workers, and adding a scenario leaves the draws of the others
// unchanged. Each Result records its seed, iterations, Generator and
// AlgorithmVersion. (Results are reproducible on one platform; the last
// bits of floating-point functions may differ across architectures.)
//
// # Performance
//
// A fixed frequency does not draw every year: the simulation draws the
// geometric gap to the next year with an event, then that year's event
// count, so a Bernoulli(0.1) scenario costs a few nanoseconds per simulated
// year. A PERT input is drawn from a table built once per simulation
// (rejection from a 256-strip envelope of its beta density: two random
// numbers for most draws, against four or more for a ratio of gamma
// variates), and lognormal magnitudes through a table-driven exponential.
// A sample takes 8 bytes per simulated year, the sampling loop allocates
// nothing, and quantiles are found by selection within remembered
// partitions rather than by sorting (see Losses).
//
// # Link to qualitative risk
//
// A risk.Risk stores a scenario in its Quantitative field
// (risk.QuantitativeScenario, plain data); FromRisk and FromQuantitative
// read it strictly, Scenario.Quantitative writes it, and ImpactScale maps a
// loss onto the matrix's impact levels through thresholds given as data.
package fair
