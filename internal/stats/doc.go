// Package stats holds the exact and numerically careful statistics that the
// audit sampling package rests on: exact decimal fractions, binomial,
// hypergeometric and Poisson distribution functions, the regularized
// incomplete beta and gamma functions and their inverses.
//
// Two kinds of function live here. The float64 functions (BinomialCDF,
// HypergeometricCDF, PoissonCDF, RegIncBeta, RegGammaP, BetaQuantile,
// GammaQuantile, ...) are accurate to a few units in the twelfth significant
// digit across the range the SDK uses; the probability mass functions use
// Loader's saddle-point expansion, so that they keep their relative accuracy
// for large populations where sums of log-gamma values would not. The
// comparison functions (BinomialCDFCmp, HypergeometricCDFCmp,
// PoissonCDFCmp) decide whether a distribution function lies below a
// rational threshold exactly, with math/big integers or with big.Float
// arithmetic whose error is bounded, so a value that sits right on a
// published table boundary is decided the way the exact mathematics decides
// it.
//
// The package imports only the standard library and keeps no state.
package stats
