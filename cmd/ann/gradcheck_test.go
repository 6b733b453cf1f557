package main

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/ann-go/ann/network/check"
)

// verdictLine is the last line ann gradcheck prints.
var verdictLine = regexp.MustCompile(`^gradient check: (passed|FAILED): largest relative difference (\S+) [<>] 1e-7$`)

// gradcheckVerdict returns the verdict ("passed" or "FAILED") and the
// difference of ann gradcheck's last line.
func gradcheckVerdict(t *testing.T, args []string, out string) (string, float64) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	f := verdictLine.FindStringSubmatch(lines[len(lines)-1])
	if f == nil {
		t.Fatalf("ann %v: the last line is %q, want the verdict", args, lines[len(lines)-1])
	}
	var d float64
	if _, err := fmt.Sscan(f[2], &d); err != nil {
		t.Fatalf("ann %v: verdict %q: %v", args, f[0], err)
	}
	return f[1], d
}

func TestGradcheck(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"gradcheck"},
		{"gradcheck", "-layers", "3,4,6,5,3", "-lambda", "0.5", "-m", "7"},
		{"gradcheck", "-layers", "2,6,3", "-activation", "tanh", "-seed", "4"},
		{"gradcheck", "-layers", "4,8,8,3", "-activation", "relu", "-lambda", "0.1"},
	} {
		code, out, errs := runAnn(args...)
		if code != 0 {
			t.Errorf("ann %v: exit %d, stderr %q", args, code, errs)
			continue
		}
		if v, d := gradcheckVerdict(t, args, out); v != "passed" || !(d <= gradCheckLimit) {
			t.Errorf("ann %v: verdict %s with difference %v", args, v, d)
		}
	}
	if code, _, errs := runAnn("gradcheck", "-m", "0"); code != 2 || !strings.Contains(errs, "-m 0") {
		t.Errorf("-m 0: exit %d, %q", code, errs)
	}
	if code, _, errs := runAnn("gradcheck", "-bug", "typo"); code != 2 || !strings.Contains(errs, "no-gprime") {
		t.Errorf("-bug typo: exit %d, %q, want exit 2 and the list of bugs", code, errs)
	}
}

// Every bug fails the check, exit 1 after the verdict line, for the
// tutorial's network and for one with tanh, three classes and λ; without a
// bug the same check passes.
func TestGradcheckBugs(t *testing.T) {
	t.Parallel()
	names := []string{"no-1/m"}
	for _, b := range check.Mistakes {
		if !b.Gradient() {
			if code, _, errs := runAnn("gradcheck", "-bug", b.Name); code != 2 || !strings.Contains(errs, "ann check finds it") {
				t.Errorf("-bug %s: exit %d, %q; want exit 2: a gradient check cannot see it", b.Name, code, errs)
			}
			continue
		}
		names = append(names, b.Name)
	}
	for _, net := range [][]string{nil, {"-layers", "2,4,3,3", "-activation", "tanh", "-lambda", "0.3", "-m", "5"}} {
		for _, name := range names {
			args := append([]string{"gradcheck", "-bug", name}, net...)
			code, out, errs := runAnn(args...)
			v, d := gradcheckVerdict(t, args, out)
			if code != 1 || v != "FAILED" || !(d > gradCheckLimit) || !strings.Contains(errs, "gradient check failed") {
				t.Errorf("ann %v: exit %d, verdict %s %v, stderr %q; want exit 1 and FAILED", args, code, v, d, errs)
			}
		}
	}
}

// -v prints one line per weight, Σ_l s_{l+1} (s_l + 1) of them, each with
// the two gradients and their difference, which is small without a bug.
func TestGradcheckVerbose(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		layers  string
		weights int
	}{
		{"2,5,5,2", 5*3 + 5*6 + 2*6},
		{"3,4,2", 4*4 + 2*5},
	} {
		args := []string{"gradcheck", "-v", "-layers", tt.layers, "-m", "3"}
		code, out, errs := runAnn(args...)
		if code != 0 {
			t.Fatalf("ann %v: exit %d: %s", args, code, errs)
		}
		n := 0
		for _, line := range strings.Split(out, "\n") {
			if !strings.HasPrefix(line, "Theta") || strings.Contains(line, "relative difference") || strings.HasPrefix(line, "Theta<l>") {
				continue
			}
			n++
			var l, j, i int
			var bp, num, diff float64
			if _, err := fmt.Sscanf(line, "Theta%d[%d,%d] %g %g %g", &l, &j, &i, &bp, &num, &diff); err != nil {
				t.Errorf("ann %v: line %q: %v", args, line, err)
				continue
			}
			if !(math.Abs(bp-num) <= 1e-8) {
				t.Errorf("ann %v: %q: the gradients differ by %v", args, line, bp-num)
			}
		}
		if n != tt.weights {
			t.Errorf("ann %v printed %d weight lines, want %d", args, n, tt.weights)
		}
	}
}

func TestGradcheckBugList(t *testing.T) {
	t.Parallel()
	code, out, _ := runAnn("gradcheck", "-bug", "list")
	if code != 0 {
		t.Fatalf("-bug list: exit %d", code)
	}
	for _, b := range check.Mistakes {
		if !strings.Contains(out, "  "+b.Name+" ") || !strings.Contains(out, b.What) {
			t.Errorf("-bug list lacks %s: %s\n%s", b.Name, b.What, out)
		}
	}
}
