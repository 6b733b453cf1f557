package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"testing"

	_ "github.com/ann-go/ann/internal/golden" // go test ./... -update passes here too
)

// The program reproduces the notebook's costs as `ann tutorial` prints
// them: the first and the last cost of Take 1 and of Take 2, digit for
// digit.
func TestTutorialMatchesAnnTutorial(t *testing.T) {
	var out bytes.Buffer
	dir := t.TempDir()
	if err := run(&out, dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"data.svg", "take1-cost.svg", "take1-boundary.svg", "take2-cost.svg", "take2-boundary.svg"} {
		if fi, err := os.Stat(dir + "/" + f); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, want a figure", f, err)
		}
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run ann tutorial with")
	}
	ann, err := exec.Command(goTool, "run", "../ann", "tutorial", "-q", "-out", t.TempDir()).Output()
	if err != nil {
		t.Fatalf("ann tutorial: %v", err)
	}
	costs := regexp.MustCompile(`cost \d+\.\d+ at iteration 1, \d+\.\d+ at iteration \d+`)
	mine, theirs := costs.FindAllString(out.String(), -1), costs.FindAllString(string(ann), -1)
	if len(mine) != 2 || !slices.Equal(mine, theirs) {
		t.Errorf("cmd/tutorial's costs %q, ann tutorial's %q: want the same two lines", mine, theirs)
	}
}
