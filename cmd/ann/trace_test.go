package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTraceCommand(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := runTrace(context.Background(), nil, &out, &out); err != nil {
		t.Fatalf("ann trace: %v\n%s", err, out.String())
	}
	for _, want := range []string{"example 0 of the 1000 in moons", "δ^(4) = a^(4) - y", "δ^(2) =", "D^(1) =", "matches Backprop: yes"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("ann trace printed\n%s\nwant it to contain %q", out.String(), want)
		}
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-example", "1000"}, "0..999"},
		{[]string{"-example", "-1"}, "0..999"},
		{[]string{"-first", "10", "-example", "10"}, "0..9"},
		{[]string{"-m", "0"}, "-m 0"},
		{[]string{"-m", "51"}, "-m 51"},
		{[]string{"-m", "3", "-example", "998"}, "only 1000 rows"},
		{[]string{"-alpha", "-1"}, "-alpha -1"},
		{[]string{"-model", "no-such-file.npz"}, "no-such-file.npz"},
	} {
		err := runTrace(context.Background(), tt.args, &out, &out)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("ann trace %v: error %v, want a usage error", tt.args, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ann trace %v: error %q, want it to name %s", tt.args, err, tt.want)
		}
	}
}

// ann trace -m 3 traces three examples at once and passes its own checks, also
// from another -example and with λ and α.
func TestTraceCommandExamples(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"trace", "-m", "3"},
		{"trace", "-m", "4", "-example", "10", "-lambda", "1", "-alpha", "2", "-layers", "2,3,2"},
	} {
		code, out, errs := runAnn(args...)
		if code != 0 {
			t.Fatalf("ann %v: exit %d: %s", args, code, errs)
		}
		for _, want := range []string{"for m = ", "(1/m) Δ^(1)", "J after the update", "matches CostOf: yes", "matches Backprop: yes",
			"largest relative difference below 1e-7: yes"} {
			if !strings.Contains(out, want) {
				t.Errorf("ann %v lacks %q", args, want)
			}
		}
	}
	_, out, _ := runAnn("trace", "-m", "4", "-example", "10", "-layers", "2,3,2")
	for _, want := range []string{"examples 10..13 of the 1000", "for m = 4 examples", "ex 10: δ^(2) (a^(1))ᵀ", "ex 13: δ^(3) (a^(2))ᵀ"} {
		if !strings.Contains(out, want) {
			t.Errorf("ann trace -m 4 -example 10 lacks %q", want)
		}
	}
}

// -model traces the weights of a model that ann train -out saved, with the
// inputs standardized when the model says so, and names its file; the flags of
// an initial network are an error beside it.
func TestTraceCommandModel(t *testing.T) {
	t.Parallel()
	for _, standardize := range []bool{false, true} {
		dir := t.TempDir()
		train := []string{"train", "-iters", "10", "-layers", "2,4,2", "-q", "-out", dir}
		if standardize {
			train = append(train, "-standardize")
		}
		if code, _, errs := runAnn(train...); code != 0 {
			t.Fatalf("ann %v: exit %d: %s", train, code, errs)
		}
		path := filepath.Join(dir, "model.npz")
		args := []string{"trace", "-model", path, "-m", "2"}
		code, out, errs := runAnn(args...)
		if code != 0 {
			t.Fatalf("ann %v: exit %d: %s", args, code, errs)
		}
		for _, want := range []string{"with the trained weights of " + path, "s_1..s_3 = 2, 4, 2", "matches Backprop: yes"} {
			if !strings.Contains(out, want) {
				t.Errorf("standardize %v: ann %v lacks %q", standardize, args, want)
			}
		}
		if said := strings.Contains(out, "trained on standardized inputs"); said != standardize {
			t.Errorf("ann %v says the inputs are standardized: %v, want %v", args, said, standardize)
		}
		// The first example's x is the data's, or standardized: not the data's.
		if raw := strings.Contains(out, "  ex 0   2.042715   0.518124"); raw == standardize {
			t.Errorf("standardize %v: ann %v prints the raw first example: %v", standardize, args, raw)
		}
		if code, _, errs := runAnn("trace", "-model", path, "-layers", "2,4,2"); code != 2 || !strings.Contains(errs, "-layers") {
			t.Errorf("-model with -layers: exit %d, %q, want a usage error", code, errs)
		}
		csv := filepath.Join(dir, "three.csv")
		if err := os.WriteFile(csv, []byte("1,2,3,0\n4,5,6,1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := runAnn("trace", "-model", path, "-data", csv); code != 2 || !strings.Contains(errs, path) {
			t.Errorf("-model on data it does not fit: exit %d, %q, want a usage error naming the model", code, errs)
		}
	}
}

// TestTraceRows: -rows prints a, z, δ and y one example per row, with
// numpy's shapes and names in the captions, and the same numbers.
func TestTraceRows(t *testing.T) {
	t.Parallel()
	code, out, errs := runAnn("trace", "-layers", "2,3,2", "-m", "3", "-rows")
	if code != 0 {
		t.Fatalf("trace -rows: exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"a^(1) = [1; x]  (3x3, numpy: A[1])",
		"a^(2) = [1; g(z^(2))]  (3x4, numpy: A[2])",
		"h = a^(3) = g(z^(3))  (3x2, no bias unit, numpy: A[3])",
		"δ^(3) = a^(3) - y  (3x2, numpy: d[3])",
		"y, the one-hot labels: y_k = 1 for k = label + 1  (3x2, numpy: y_mat)",
		"              j=0        j=1        j=2        j=3\n  ex 0   1.000000   0.632191   0.491132   0.726732\n",
		"the terms  (3x2)\n              k=1        k=2        Σ_k\n  ex 0   0.761062   0.911242   1.672304\n",
		"matches Backprop: yes",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("trace -rows lacks %q", want)
		}
	}
	if strings.Contains(out, ".T)") {
		t.Errorf("trace -rows still names a transpose in a caption")
	}
	// "How to read it" describes the layout printed, in both layouts.
	_, cols, _ := runAnn("trace", "-layers", "2,3,2", "-m", "3")
	for _, c := range []struct {
		name, out, says, not string
	}{
		{"trace -rows", out, "one row per example", "one column per example (\"ex 17\""},
		{"trace", cols, "Each quantity has one column per example", "one row per example"},
	} {
		read := c.out[strings.Index(c.out, "How to read it."):strings.Index(c.out, "\nExamples\n")]
		if !strings.Contains(read, c.says) || strings.Contains(read, c.not) {
			t.Errorf("%s: its \"How to read it\" says\n%s\nwant %q and not %q", c.name, read, c.says, c.not)
		}
	}
}
