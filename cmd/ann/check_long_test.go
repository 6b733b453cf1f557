//go:build long

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/network/check"
)

// checkOriginal is the line of docs/numpy/tutorial.py that each mistake's
// Numpy line replaces.
var checkOriginal = map[string]string{
	"label-vector":     "d[L] = A[L] - y_mat",
	"mean-cost":        "J = - (1 / m) * (y_mat * np.log(h) + (1 - y_mat) * np.log(1 - h)).sum()",
	"no-gprime":        "d[L-i] = d[L-i+1].dot(Thetas[L-i][:,1:]) * sigmoid_gradient(Z[L-i])",
	"gprime-of-a":      "d[L-i] = d[L-i+1].dot(Thetas[L-i][:,1:]) * sigmoid_gradient(Z[L-i])",
	"bias-delta":       "d[L-i] = d[L-i+1].dot(Thetas[L-i][:,1:]) * sigmoid_gradient(Z[L-i])",
	"bias-last":        "d[L-i] = d[L-i+1].dot(Thetas[L-i][:,1:]) * sigmoid_gradient(Z[L-i])",
	"transposed-delta": "Deltas[L-i] = d[L-i+1].T.dot(A[L-i])",
	"reg-bias":         "Theta_regs[L-i] = np.append(np.zeros([Thetas[L-i].shape[0], 1]), (lamb / m) * Thetas[L-i][:,1:], axis=1)",
	"no-m":             "Theta_grads[L-i] = (1 / m) * Deltas[L-i] + Theta_regs[L-i]",
	"in-place":         "Thetas[i] = Thetas[i] - alpha * Theta_grads[i]",
	"random-stream":    "Thetas[i] = (np.random.rand(layers[i], layers[i-1] + 1) - 0.5) * epsilon",
}

// numpyPython returns /usr/bin/python3 if it has numpy, and skips the test
// otherwise.
func numpyPython(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import numpy").Run(); err != nil {
		t.Skipf("skipped: %s with numpy is not available (%v)", py, err)
	}
	return py
}

// checkMine runs docs/numpy/check_mine.py on module with the inputs in
// inputs/<name> and returns the .npz path and the script's output.
func checkMine(t *testing.T, py, module, inputs, name string) (string, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), name+".npz")
	b, err := exec.Command(py, filepath.Join("..", "..", "docs", "numpy", "check_mine.py"), module, filepath.Join(inputs, name), out).CombinedOutput()
	if err != nil {
		t.Fatalf("check_mine.py %s %s: %v\n%s", module, name, err, b)
	}
	return out, string(b)
}

// TestCheckMineNumpy runs the restored tutorial code through check_mine.py
// (ann check exits 0 on both cases, and the gradient check passes), then
// each catalogue mistake injected into a copy of it: exit 1, the first
// wrong quantity the one where the mistake shows, and its name.
func TestCheckMineNumpy(t *testing.T) {
	py := numpyPython(t)
	inputs := t.TempDir()
	if code, _, errs := runAnn("check", "-inputs", inputs); code != 0 {
		t.Fatalf("check -inputs: %s", errs)
	}
	tutorial, err := filepath.Abs(filepath.Join("..", "..", "docs", "numpy", "tutorial.py"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(tutorial)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"small", "moons"} {
		npz, pyOut := checkMine(t, py, tutorial, inputs, name)
		if !strings.Contains(pyOut, "below 1e-7: your backpropagation is the gradient of your cost") {
			t.Errorf("check_mine.py on tutorial.py, %s: the gradient check does not pass:\n%s", name, pyOut)
		}
		if code, out, errs := runAnn("check", npz); code != 0 || !strings.Contains(out, "quantities agree") {
			t.Errorf("ann check on tutorial.py's %s: exit %d\n%s%s", name, code, out, errs)
		}
	}
	// The notebook snippet of docs/checkpoints.md: the functions defined in
	// __main__, check_mine.run on them.
	doc := readDoc(t, "checkpoints.md")
	i := strings.Index(doc, "    import importlib.util, sys\n")
	j := strings.Index(doc, "    !go run ./cmd/ann check small.npz\n")
	if i < 0 || j < i {
		t.Fatal("docs/checkpoints.md: no notebook snippet")
	}
	var snippet []string
	for _, l := range strings.Split(doc[i:j], "\n") {
		snippet = append(snippet, strings.TrimPrefix(l, "    "))
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	notebook := "import os\nexec(open(" + strconv.Quote(tutorial) + ").read())\nos.chdir(" + strconv.Quote(root) + ")\n" +
		strings.ReplaceAll(strings.Join(snippet, "\n"), "'in/small', 'small.npz'", strconv.Quote(filepath.Join(inputs, "small"))+", "+strconv.Quote(filepath.Join(inputs, "nb.npz")))
	if b, err := exec.Command(py, "-c", notebook).CombinedOutput(); err != nil || !strings.Contains(string(b), "below 1e-7") {
		t.Errorf("the notebook snippet: %v\n%s", err, b)
	}
	if code, out, errs := runAnn("check", filepath.Join(inputs, "nb.npz")); code != 0 {
		t.Errorf("ann check on the notebook snippet's file: exit %d\n%s%s", code, out, errs)
	}

	for _, mk := range check.Mistakes {
		old := checkOriginal[mk.Name]
		if strings.Count(string(src), old) != 1 {
			t.Fatalf("%s: tutorial.py holds %q %d times, want once", mk.Name, old, strings.Count(string(src), old))
		}
		module := filepath.Join(t.TempDir(), "mine.py")
		if err := os.WriteFile(module, []byte(strings.Replace(string(src), old, mk.Numpy, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		npz, pyOut := checkMine(t, py, module, inputs, "small")
		passes := strings.Contains(pyOut, "below 1e-7")
		if passes == mk.Gradient() {
			t.Errorf("%s: check_mine.py's gradient check passes %v, want %v:\n%s", mk.Name, passes, !mk.Gradient(), pyOut)
		}
		code, out, errs := runAnn("check", npz)
		first := checkFirstWrong[mk.Name]
		if code != 1 || !strings.Contains(out, "\n✗ "+first+" ") || !strings.Contains(out, "the mistake "+mk.Name+" gives") {
			t.Errorf("%s injected into tutorial.py: exit %d, want 1 with ✗ %s and the mistake named:\n%s%s", mk.Name, code, first, out, errs)
		}
	}
}
