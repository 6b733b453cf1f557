package main

import (
	"bufio"
	"bytes"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/ann-go/ann/internal/npy"
	"github.com/ann-go/ann/trainer"
)

// buildAnn builds the ann binary into a temporary directory, for the tests
// that need a process of their own (signals, memory limits).
func buildAnn(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "ann")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Under an emulator (GOARCH=arm64 go test -exec qemu-aarch64-static,
	// say) the test runs but a binary it builds may not start.
	if err := exec.Command(bin, "help").Run(); err != nil {
		t.Skipf("the ann binary built here does not run on this machine: %v", err)
	}
	return bin
}

// entries returns the names in dir, or nil if it does not exist.
func entries(dir string) []string {
	es, _ := os.ReadDir(dir)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// oneLine fails the test unless the run exited with code and its stderr is
// the one line containing want.
func oneLine(t *testing.T, args []string, code int, errs string, wantCode int, want string) {
	t.Helper()
	if code != wantCode || !strings.Contains(errs, want) || strings.Count(errs, "\n") != 1 {
		t.Errorf("ann %s: exit %d, stderr %q; want exit %d and one line containing %q",
			strings.Join(args, " "), code, errs, wantCode, want)
	}
}

// Each reproduction of the review is one clear line, the right exit status,
// and no -out directory or temporary file.
func TestReliabilityMessages(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	huge := filepath.Join(parent, "huge.csv")
	var csv bytes.Buffer
	csv.WriteString("x1,x2,label\n")
	for i := range 40 {
		csv.WriteString(strings.Join([]string{
			formatG(float64(i+1) * 1e305), formatG(float64(40-i) * 2e305), formatG(float64(i % 2))}, ",") + "\n")
	}
	if err := os.WriteFile(huge, csv.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "-q", "-alpha", "1e300", "-out", out}, 1, "training diverged at iteration 2 of 1000: the cost is +Inf; try a smaller -alpha than 1e+300"},
		{[]string{"cv", "-q", "-alpha", "1e300", "-out", out}, 1, "training diverged at iteration 2 of 1000"},
		{[]string{"train", "-q", "-data", huge, "-out", out}, 2, "cannot draw the decision boundary: feature 1 spans"},
		{[]string{"cv", "-q", "-data", huge, "-out", out}, 2, "cannot draw the decision boundary"},
		{[]string{"train", "-q", "-layers", "2,100000,2", "-n", "10000"}, 2, "more than ann's budget of 2 GiB: reduce the rows (10000)"},
		{[]string{"train", "-q", "-layers", "2,100000,2", "-out", out}, 2, "the decision boundary figure of a 100000-unit layer"},
		{[]string{"train", "-q", "-iters", "100000000"}, 2, "reduce -iters 100000000"},
		{[]string{"predict", "-model", os.DevNull, "-data", huge}, 2, "not a regular file"},
		{[]string{"data", "-n", "67108864", "-out", out}, 2, "budget of 2 GiB: reduce -n 67108864"},
	}
	for _, tt := range tests {
		code, _, errs := runAnn(tt.args...)
		oneLine(t, tt.args, code, errs, tt.code, tt.want)
		if names := entries(parent); len(names) != 1 || names[0] != "huge.csv" {
			t.Errorf("ann %s: the parent of -out holds %q, want only huge.csv", strings.Join(tt.args, " "), names)
		}
	}
	// Standardizing cannot overflow on finite features, however large.
	code, out, errs := runAnn("train", "-q", "-data", huge, "-standardize", "-iters", "200")
	if code != 0 || errs != "" || !strings.Contains(out, "1.386040 after training") {
		t.Errorf("ann train -data huge.csv -standardize: exit %d, stderr %q, stdout %q; want exit 0 and a final cost of 1.386040 (the labels alternate, so about ln 2 per output)", code, errs, out)
	}
}

func formatG(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// A run whose cost rises ends with a warning, exit status 0.
func TestCostRiseWarning(t *testing.T) {
	t.Parallel()
	code, _, errs := runAnn("train", "-q", "-alpha", "100", "-n", "200", "-iters", "200")
	if code != 0 || !strings.Contains(errs, "warning: the cost rose from") || !strings.Contains(errs, "smaller -alpha than 100") {
		t.Errorf("ann train -alpha 100: exit %d, stderr %q; want 0 and the warning", code, errs)
	}
	if code, _, errs := runAnn("train", "-q", "-n", "200", "-iters", "200"); code != 0 || errs != "" {
		t.Errorf("ann train: exit %d, stderr %q; want 0 and nothing", code, errs)
	}
}

// Features on very different scales get one hint; -standardize silences it.
func TestScaleHint(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "scales.csv")
	var b bytes.Buffer
	b.WriteString("x1,x2,label\n")
	for i := range 20 {
		b.WriteString(formatG(float64(i)) + "," + formatG(float64(i%7)*1000) + "," + formatG(float64(i%2)) + "\n")
	}
	os.WriteFile(path, b.Bytes(), 0o644)
	_, _, errs := runAnn("train", "-data", path, "-iters", "10")
	if strings.Count(errs, "hint: the features' standard deviations range") != 1 {
		t.Errorf("stderr %q, want one hint line", errs)
	}
	_, _, errs = runAnn("train", "-data", path, "-iters", "10", "-standardize")
	if strings.Contains(errs, "hint:") {
		t.Errorf("with -standardize, stderr %q, want no hint", errs)
	}
}

// predict never prints NaN, and never takes a column headed "label" as a
// feature without saying so.
func TestPredictChecks(t *testing.T) {
	t.Parallel()
	// Two relu units both 2 x1, which is +Inf for x1 = 1e308, and an output
	// unit a_1 - a_2 = +Inf - +Inf = NaN, whether or not the machine fuses
	// multiply-adds (a fused 2 x1 - 2 x2 would stay finite).
	model := filepath.Join(t.TempDir(), "model.npz")
	err := npy.WriteNPZFile(model, []npy.Array{
		{Name: "Theta1", Shape: []int{2, 3}, Data: []float64{0, 2, 0, 0, 2, 0}},
		{Name: "Theta2", Shape: []int{2, 3}, Data: []float64{0, 1, -1, 0, 1, 1}},
		{Name: "hidden", Shape: []int{}, Data: []float64{2}},
	})
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(data, []byte("x1,x2\n0.5,0.5\n1e308,1e308\n"), 0o644)
	args := []string{"predict", "-model", model, "-data", data, "-proba"}
	code, out, errs := runAnn(args...)
	oneLine(t, args, code, errs, 1, "row 2 of "+data+": the output is NaN")
	if out != "" {
		t.Errorf("stdout %q, want nothing", out)
	}
	os.WriteFile(data, []byte("x1,label\n0.5,0\n1,1\n"), 0o644)
	args = []string{"predict", "-model", model, "-data", data}
	code, _, errs = runAnn(args...)
	oneLine(t, args, code, errs, 2, `column 2 is headed "label"`)
	code, out, errs = runAnn("predict", "-h")
	if code != 0 || !strings.Contains(out, "independent sigmoids") {
		t.Errorf("predict -h: exit %d, %q %q; want -proba described as independent sigmoids", code, out, errs)
	}
}

// SIGINT stops training at the next iteration: one line, exit 130, nothing
// written, no temporary files.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	bin := buildAnn(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	cmd := exec.Command(bin, "train", "-n", "20", "-iters", "1000000", "-out", out)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "iteration") {
		cmd.Process.Kill()
		t.Fatalf("first line %q, want progress", sc.Text())
	}
	cmd.Process.Signal(syscall.SIGINT)
	var rest []string
	for sc.Scan() {
		rest = append(rest, sc.Text())
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("exit %v, want status 130", err)
	}
	if len(rest) != 1 || !strings.HasPrefix(rest[0], "ann train: interrupted at iteration ") || !strings.HasSuffix(rest[0], " of 1000000; nothing written") {
		t.Errorf("after SIGINT, stderr %q, want one line saying where it stopped", rest)
	}
	if names := entries(parent); len(names) != 0 {
		t.Errorf("the parent of -out holds %q, want nothing", names)
	}
}

// trainer's divergence errors are worded by iteration: the data at 1, the
// learning rate after.
func TestTrainError(t *testing.T) {
	t.Parallel()
	c := trainer.Config{Alpha: 0.5, Iters: 10, Lambda: 0.1}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&trainer.DivergenceError{Iter: 1, Cost: math.Inf(1)}, "iteration 1, before any update: the cost is +Inf; the data's values or their scale are the likely cause (try -standardize)"},
		{&trainer.DivergenceError{Iter: 4, Cost: math.NaN()}, "iteration 4 of 10: the cost is NaN; try a smaller -alpha than 0.5 or a smaller -lambda than 0.1"},
		{&trainer.DivergenceError{Iter: 10, Layer: 2}, "iteration 10 of 10: its update made Theta2 infinite or NaN; try a smaller -alpha"},
		{&trainer.DivergenceError{Iter: 1, Layer: 1}, "iteration 1 of 10: its update made Theta1 infinite or NaN; try a smaller -alpha"},
		{&trainer.DivergenceError{Iter: 2, Cost: math.Inf(1), HeldOut: true}, "iteration 2 of 10: the held-out cost is +Inf; try a smaller -alpha than 0.5"},
		{&trainer.DivergenceError{Iter: 1, Cost: math.NaN(), HeldOut: true}, "iteration 1, before any update: the held-out cost is NaN; the data's values or their scale are the likely cause (try -standardize)"},
		{&trainer.DivergenceError{Iter: 11, Cost: math.Inf(1), Final: true}, "iteration 10 of 10: the cost after its update is +Inf; try a smaller -alpha"},
	} {
		if err := trainError(tt.err, nil, c); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("trainError(%v) = %v, want it to contain %q", tt.err, err, tt.want)
		}
	}
}

// train -out lists what it wrote in one line, and nothing with -q.
func TestWroteLine(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "run")
	_, _, errs := runAnn("train", "-iters", "5", "-n", "50", "-out", dir)
	if want := "wrote " + dir + ": model.npz, costs.csv, run.json, cost.svg, boundary.svg, neurons.svg, training.svg, training-animated.svg\n"; !strings.HasSuffix(errs, want) {
		t.Errorf("stderr %q, want it to end with %q", errs, want)
	}
	if names := entries(dir); strings.Join(names, " ") != ".ann-files boundary.svg cost.svg costs.csv model.npz neurons.svg run.json training-animated.svg training.svg" {
		t.Errorf("%s holds %q", dir, names)
	}
}
