// Package ismstest provides deterministic clocks and ID sources for tests
// of code built on ismskit, in the spirit of net/http/httptest.
//
// Services in the SDK take an isms.Clock and an isms.IDSource; give them a
// FixedClock or StepClock and a SequentialIDs or SeededIDs, and every time
// and ID they produce is predictable, so outputs can be compared exactly.
package ismstest
