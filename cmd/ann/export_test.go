package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The exported code names the network and the run, and imports nothing but
// math; bad flags are one line and exit 2.
func TestExportSource(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, errs := runAnn("train", "-iters", "5", "-q", "-out", dir); code != 0 {
		t.Fatal(errs)
	}
	mdl := filepath.Join(dir, "model.npz")
	code, src, errs := runAnn("export", "-model", mdl)
	if code != 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{"package classifier\n\nimport \"math\"\n", "Network 2,5,5,2", "trained by ann train", "on moons, 1000 of 1000 rows: alpha 0.5, lambda 0, 5 iterations", "func Predict(x []float64) int", "func Probabilities(x []float64) []float64"} {
		if !strings.Contains(src, want) {
			t.Errorf("ann export printed no %q:\n%s", want, src[:min(len(src), 800)])
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-model", mdl, "-lang", "rust"}, "ann export: -lang \"rust\": want go, python or js\n"},
		{[]string{"-lang", "go"}, "ann export: -model is required\n"},
		{[]string{"-model", mdl, "-package", "2x"}, "ann export: -package \"2x\": want a Go identifier\n"},
	} {
		code, _, errs := runAnn(append([]string{"export"}, tt.args...)...)
		if code != 2 || errs != tt.want {
			t.Errorf("ann export %v: exit %d, stderr %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}
