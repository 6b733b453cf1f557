//go:build long

package golden

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// bitPackages are the packages whose numbers the documents and tests pin to
// the bit (numpy's, scikit-learn's, the trainer's runs): each product in them
// that is added to something is written float64(x*y), which the Go
// specification forbids fusing, so they compute the same bits on every CPU.
// Not listed: network/fast, whose kernels' arithmetic docs/performance.md
// describes, and svgplot and internal/svgcheck, whose coordinates are
// printed to two decimals.
var bitPackages = []string{
	"matrix", "sigmoid", "layer", "moons",
	"network", "network/model", "network/trace", "network/check",
	"trainer", "trainer/dataset", "trainer/metrics",
	"internal/nprand", "internal/randdata",
}

// fused matches a fused multiply-add in the compiler's arm64 assembly
// listing, with its source position.
var fused = regexp.MustCompile(`\(([^()]+\.go:\d+)\)\s+(FMADDD|FMSUBD|FNMADDD|FNMSUBD|FMADDS|FMSUBS|FNMADDS|FNMSUBS)\b`)

// Compiled for arm64, which fuses x*y + z wherever the specification lets it,
// bitPackages hold no fused multiply-add (the momentum update and gradient
// descent's Θ - α D had them).
func TestNoFusedMultiplyAdd(t *testing.T) {
	args := []string{"build", "-gcflags=-S"}
	for _, p := range bitPackages {
		args = append(args, "github.com/ann-go/ann/"+p)
	}
	cmd := exec.Command("go", args...)
	cmd.Env = append(cmd.Environ(), "GOARCH=arm64", "GOOS=linux", "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("GOARCH=arm64 go build -gcflags=-S: %v\n%.2000s", err, out)
	}
	for _, p := range bitPackages {
		if !strings.Contains(string(out), "# github.com/ann-go/ann/"+p+"\n") {
			t.Fatalf("the assembly listing has no section for %s:\n%.2000s", p, out)
		}
	}
	seen := map[string]bool{}
	for _, m := range fused.FindAllStringSubmatch(string(out), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			t.Errorf("%s: a fused multiply-add (%s) on arm64: write the product as float64(x*y)", m[1], m[2])
		}
	}
}
