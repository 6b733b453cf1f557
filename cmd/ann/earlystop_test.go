package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// overfitArgs is docs/crossvalidation.md's overfitting run.
var overfitArgs = []string{"train", "-n", "200", "-noise", "0.35", "-layers", "2,30,30,2", "-iters", "20000", "-alpha", "2", "-test-fraction", "0.5"}

// With -early-stopping, the overfitting run stops within -n-iter-no-change
// of its best validation cost, says so, keeps the best weights (the cost
// after training is the training cost of the best iteration), draws both
// curves and the best iteration, and run.json and costs.csv record them.
func TestEarlyStoppingRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := append(slices.Clone(overfitArgs), "-early-stopping", "-validation-fraction", "0.2", "-n-iter-no-change", "300", "-tol", "0", "-q", "-out", dir)
	code, out, errs := runAnn(args...)
	if code != 0 {
		t.Fatalf("ann %v: exit %d: %s", args, code, errs)
	}
	var rec runRecord
	b, err := os.ReadFile(filepath.Join(dir, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	e := rec.EarlyStopping
	if e == nil || len(e.ValidationCosts) != e.Iterations || len(e.TrainingCosts) != e.Iterations || e.ValidationRows != 20 {
		t.Fatalf("run.json's early_stopping is %+v, want both curves of its iterations and 20 validation rows", e)
	}
	if least := slices.Min(e.ValidationCosts); e.ValidationCosts[e.BestIteration-1] != least || e.BestValidationCost != least {
		t.Errorf("best iteration %d, cost %v; the validation curve's least is %v", e.BestIteration, e.BestValidationCost, least)
	}
	if !e.Stopped || e.Iterations-e.BestIteration > 300 || e.Iterations >= 20000 {
		t.Errorf("stopped %v at %d, best %d: want a stop within 300 of the best", e.Stopped, e.Iterations, e.BestIteration)
	}
	want := fmt.Sprintf("early stopping: best validation cost %.6f at iteration %d; stopped at %d, after 300 iterations without a decrease of 0, on 20 validation rows set aside\n",
		e.BestValidationCost, e.BestIteration, e.Iterations)
	if !strings.Contains(out, want) {
		t.Errorf("ann %v printed\n%s\nwant the line %q", args, out, want)
	}
	if after := fmt.Sprintf("%.6f after training", e.TrainingCosts[e.BestIteration-1]); !strings.Contains(out, after) || rec.Result.FinalCost != e.TrainingCosts[e.BestIteration-1] {
		t.Errorf("final cost %v, want the best iteration's training cost %v (printed %q)", rec.Result.FinalCost, e.TrainingCosts[e.BestIteration-1], after)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "cost.svg"))
	if err != nil {
		t.Fatal(err)
	}
	checkXML(t, "cost.svg", svg)
	for _, s := range []string{"training cost", "validation cost", "held-out cost", fmt.Sprintf("best: iteration %d", e.BestIteration), "stroke-dasharray"} {
		if !strings.Contains(string(svg), s) {
			t.Errorf("cost.svg lacks %q", s)
		}
	}
	csv, err := os.ReadFile(filepath.Join(dir, "costs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if lines[0] != "iteration,cost,test_cost,validation_cost" || len(lines) != e.Iterations+1 {
		t.Errorf("costs.csv starts %q and has %d lines, want the validation_cost column and %d rows", lines[0], len(lines), e.Iterations)
	}
}

// Without -early-stopping, or with -early-stopping=false, train and cv
// print and write what they did before it existed: the same bytes.
func TestEarlyStoppingOffUnchanged(t *testing.T) {
	t.Parallel()
	for _, base := range [][]string{
		{"train", "-iters", "50", "-test-fraction", "0.2"},
		{"cv", "-n", "100", "-iters", "30", "-k", "3"},
	} {
		var outs [2]string
		var files [2]map[string]string
		for i, extra := range [][]string{nil, {"-early-stopping=false"}} {
			dir := t.TempDir()
			args := append(append(slices.Clone(base), extra...), "-q", "-out", dir)
			code, out, errs := runAnn(args...)
			if code != 0 {
				t.Fatalf("ann %v: exit %d: %s", args, code, errs)
			}
			outs[i] = out
			files[i] = map[string]string{}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, de := range entries {
				b, err := os.ReadFile(filepath.Join(dir, de.Name()))
				if err != nil {
					t.Fatal(err)
				}
				files[i][de.Name()] = string(b)
			}
		}
		if outs[0] != outs[1] || strings.Contains(outs[0], "early stopping") {
			t.Errorf("ann %v printed\n%s\nand with -early-stopping=false\n%s", base, outs[0], outs[1])
		}
		if len(files[0]) != len(files[1]) {
			t.Errorf("ann %v: %d files, with -early-stopping=false %d", base, len(files[0]), len(files[1]))
		}
		for name, b := range files[0] {
			if files[1][name] != b {
				t.Errorf("ann %v: %s differs with -early-stopping=false", base, name)
			}
			if regexp.MustCompile(`early_stopping|validation_cost|best: iteration`).MatchString(b) {
				t.Errorf("ann %v: %s mentions early stopping without it", base, name)
			}
		}
	}
}

// A validation fraction that leaves a class without validation rows, and
// early stopping's flags without it, are one line and exit 2.
func TestEarlyStoppingFlagErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"train", "-n", "20", "-early-stopping", "-validation-fraction", "0.01"},
			"ann train: -validation-fraction 0.01: cannot set aside a stratified validation set of 20 examples: want a larger fraction: it holds out 1 rows for 2 classes\n"},
		{[]string{"train", "-n", "20", "-early-stopping", "-validation-fraction", "1.5"}, "ann train: -validation-fraction 1.5: want a fraction between 0 and 1\n"},
		{[]string{"train", "-tol", "0.1"}, "ann train: -tol 0.1: only with early stopping\n"},
		{[]string{"train", "-early-stopping", "-n-iter-no-change", "0"}, "ann train: -n-iter-no-change 0: want at least 1 iteration\n"},
		{[]string{"cv", "-n", "20", "-early-stopping", "-validation-fraction", "0.01"},
			"ann cv: fold 1: -validation-fraction 0.01: cannot set aside a stratified validation set of 16 examples: want a larger fraction: it holds out 1 rows for 2 classes\n"},
	} {
		code, _, errs := runAnn(tt.args...)
		if code != 2 || errs != tt.want {
			t.Errorf("ann %v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}
