// Package nilsweep runs the generated nil-and-zero sweep of each package
// (the nilsweep_gen_test.go files written by internal/gennilsweep): it
// calls every exported function with zero arguments and every exported
// method with nil and zero receivers and zero arguments, and fails the
// test on a panic or a call that does not return within a time limit.
//
// "Zero" is the zero value of each parameter's type (nil for pointers,
// slices, maps, funcs and interfaces), except that a context.Context is
// context.Background(): a nil context is an error the hand-written tests
// of each package check, not something a sweep should trip over in every
// call. The sweep checks only that nothing panics or hangs; what each call
// returns is for the package's own tests.
package nilsweep
