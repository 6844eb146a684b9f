package archtest

import (
	"bytes"
	"os/exec"
	"testing"
)

// TestNilSweepsAreCurrent checks that every library package has its
// generated nil-and-zero sweep (nilsweep_gen_test.go) and that it matches
// the package's exported API, so that a new function or method cannot
// escape the sweep.
func TestNilSweepsAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run; the non-short run checks it")
	}
	cmd := exec.Command("go", "run", "./internal/gennilsweep", "-check")
	cmd.Dir = "../.."
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
}
