//go:build long

package main

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// referenceCosts reads the cost column of a costs.csv.
func referenceCosts(t *testing.T, path string) []float64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if lines[0] != "iteration,cost" {
		t.Fatalf("%s: header %q, want iteration,cost", path, lines[0])
	}
	var costs []float64
	for i, line := range lines[1:] {
		it, c, ok := strings.Cut(line, ",")
		if !ok || it != strconv.Itoa(i+1) {
			t.Fatalf("%s: line %d is %q", path, i+2, line)
		}
		J, err := strconv.ParseFloat(c, 64)
		if err != nil {
			t.Fatalf("%s: line %d: %v", path, i+2, err)
		}
		costs = append(costs, J)
	}
	return costs
}

// ann train -reference runs the plain loop on package network; it writes the
// same costs as the engine, to 1e-12 relative, on the tutorial's two takes.
func TestTrainReference(t *testing.T) {
	for _, take := range [][]string{nil, {"-first", "500", "-iters", "5000"}} {
		var costs [2][]float64
		var outs [2]string
		for i, flags := range [][]string{nil, {"-reference"}} {
			dir := t.TempDir()
			args := append(append([]string{"train", "-q", "-out", dir}, take...), flags...)
			code, out, errs := runAnn(args...)
			if code != 0 {
				t.Fatalf("ann %v: exit %d: %s", args, code, errs)
			}
			costs[i], outs[i] = referenceCosts(t, filepath.Join(dir, "costs.csv")), out
		}
		if len(costs[0]) != len(costs[1]) || len(costs[0]) == 0 {
			t.Fatalf("ann train %v: %d costs, with -reference %d", take, len(costs[0]), len(costs[1]))
		}
		for i, J := range costs[0] {
			if d := (costs[1][i] - J) / J; !(math.Abs(d) <= 1e-12) {
				t.Errorf("ann train %v: iteration %d: cost %v, with -reference %v (relative difference %.3g)", take, i+1, J, costs[1][i], d)
			}
		}
		if !strings.Contains(outs[1], "batch gradient descent (the reference loop)") {
			t.Errorf("ann train -reference %v printed\n%s\nwant it to name the reference loop", take, outs[1])
		}
	}
}

// ann tutorial -reference prints what ann tutorial prints, a note aside: the
// same costs and accuracies to the 6 decimals shown.
func TestTutorialReference(t *testing.T) {
	if testing.Short() {
		t.Skip("trains both takes twice")
	}
	var outs [2]string
	for i, flags := range [][]string{nil, {"-reference"}} {
		dir := t.TempDir()
		args := append([]string{"tutorial", "-q", "-out", dir}, flags...)
		code, out, errs := runAnn(args...)
		if code != 0 {
			t.Fatalf("ann %v: exit %d: %s", args, code, errs)
		}
		outs[i] = strings.ReplaceAll(out, dir, "DIR")
	}
	const note = "(training on the reference loop: train_network on package network, not the engine)\n"
	if strings.Contains(outs[0], note) || !strings.Contains(outs[1], note) {
		t.Errorf("the note %q should be printed with -reference only", note)
	}
	outs[1] = strings.Replace(outs[1], note, "", 1)
	if !strings.Contains(outs[0], "0.030128 at iteration 5000") {
		t.Fatalf("ann tutorial printed\n%s\nwant Take 2's cost 0.030128", outs[0])
	}
	if outs[0] != outs[1] {
		t.Errorf("ann tutorial printed\n%s\nbut with -reference\n%s", outs[0], outs[1])
	}
}
