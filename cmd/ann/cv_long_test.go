//go:build long

package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The handwritten digits, cross-validated in 5 folds, reach at least 0.97 mean
// accuracy. This is a shortened run (300 iterations); docs/crossvalidation.md
// gives the full one.
func TestCVDigits(t *testing.T) {
	if testing.Short() {
		t.Skip("about 2 seconds of training")
	}
	code, out, errs := runAnn("cv", "-q", "-data", filepath.Join("..", "..", "testdata", "digits.csv.gz"),
		"-layers", "64,25,10", "-standardize", "-alpha", "2", "-iters", "300")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	i := strings.Index(out, "accuracy: mean ")
	if i < 0 {
		t.Fatalf("no mean accuracy in\n%s", out)
	}
	mean, err := strconv.ParseFloat(strings.Fields(out[i:])[2][:6], 64)
	if err != nil || mean < 0.97 {
		t.Errorf("digits: mean accuracy %v (%v), want at least 0.97\n%s", mean, err, out)
	}
	if !strings.Contains(out, "1797 rows") || strings.Count(out, "held-out rows") != 5 {
		t.Errorf("output:\n%s", out)
	}
}
