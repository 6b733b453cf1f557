//go:build long

package main

import (
	"strings"
	"testing"
)

// ann gradcheck -m 70000, near the work budget's largest m for the
// tutorial's network, passes: the cost's sum of 140000 terms no longer loses
// the digits the check's differences need (it printed FAILED, 1.4e-7).
func TestGradcheckManyExamples(t *testing.T) {
	t.Parallel()
	code, out, errs := runAnn("gradcheck", "-m", "70000")
	if code != 0 || !strings.Contains(out, "gradient check: passed") {
		t.Fatalf("ann gradcheck -m 70000: exit %d, %s%s, want passed", code, out, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		if verdictLine.MatchString(line) {
			t.Log(line)
		}
	}
}
