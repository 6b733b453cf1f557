package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ann-go/ann/network/model"
)

// -reference is batch gradient descent only: with -batch or -momentum it is a
// usage error, in the trainer's words.
func TestTrainReferenceRefuses(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-batch", "10"}, "ann train: -batch 10: want 0: the reference loop is batch gradient descent only\n"},
		{[]string{"-momentum", "0.9"}, "ann train: -momentum 0.9: want 0: the reference loop has no momentum\n"},
	} {
		args := append([]string{"train", "-reference", "-iters", "1"}, tt.args...)
		code, _, errs := runAnn(args...)
		if code != 2 || errs != tt.want {
			t.Errorf("ann %v: exit %d, stderr %q; want exit 2 and %q", args, code, errs, tt.want)
		}
	}
}

// ann train -reference -out runs the whole run on package network (training,
// accuracies, the figures' grids) and writes the engine's files: the same
// names, every number of costs.csv, model.npz and run.json within 1e-12
// relative (run.json also says "reference": true), every figure byte for
// byte.
func TestTrainReferenceFiles(t *testing.T) {
	t.Parallel()
	args := []string{"train", "-q", "-n", "120", "-noise", "0.2", "-iters", "150", "-test-fraction", "0.25", "-lambda", "0.01"}
	var dirs [2]string
	for i, flags := range [][]string{nil, {"-reference"}} {
		dirs[i] = t.TempDir()
		a := append(append(slices.Clone(args), "-out", dirs[i]), flags...)
		if code, _, errs := runAnn(a...); code != 0 {
			t.Fatalf("ann %s: exit %d: %s", strings.Join(a, " "), code, errs)
		}
	}
	names := [2][]string{entries(dirs[0]), entries(dirs[1])}
	if !slices.Equal(names[0], names[1]) || len(names[0]) < 8 {
		t.Fatalf("ann train -out wrote %q, with -reference %q", names[0], names[1])
	}
	const tol = 1e-12
	for _, name := range names[0] {
		var b [2][]byte
		for i, dir := range dirs {
			var err error
			if b[i], err = os.ReadFile(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
		switch {
		case strings.HasPrefix(name, "."): // the set's own record of its files
		case name == "costs.csv":
			a, r := csvNumbers(t, b[0]), csvNumbers(t, b[1])
			if len(a) != len(r) || len(a) < 300 {
				t.Fatalf("costs.csv: %d numbers, with -reference %d", len(a), len(r))
			}
			for i := range a {
				if !near12(a[i], r[i], tol) {
					t.Errorf("costs.csv: number %d is %v, with -reference %v", i, a[i], r[i])
				}
			}
		case name == "model.npz":
			var ms [2]*model.Model
			for i, dir := range dirs {
				var err error
				if ms[i], err = model.ReadFile(filepath.Join(dir, name)); err != nil {
					t.Fatal(err)
				}
			}
			for l, th := range ms[0].Net.Theta {
				if th == nil {
					continue
				}
				for k, v := range th.Data {
					if r := ms[1].Net.Theta[l].Data[k]; !near12(v, r, tol) {
						t.Errorf("model.npz: Theta%d[%d] is %v, with -reference %v", l, k, v, r)
					}
				}
			}
		case name == "run.json":
			var recs [2]map[string]any
			for i := range b {
				if err := json.Unmarshal(b[i], &recs[i]); err != nil {
					t.Fatal(err)
				}
			}
			training := recs[1]["training"].(map[string]any)
			if training["reference"] != true {
				t.Errorf("run.json with -reference: training.reference is %v, want true", training["reference"])
			}
			delete(training, "reference")
			for _, d := range jsonDiffs("", recs[0], recs[1], tol) {
				t.Errorf("run.json: %s", d)
			}
		default:
			if !bytes.Equal(b[0], b[1]) {
				t.Errorf("%s differs with -reference (%d and %d bytes)", name, len(b[0]), len(b[1]))
			}
		}
	}
}

// near12 reports whether a and b agree to tol relative (absolute below 1).
func near12(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*max(1, math.Abs(a))
}

// csvNumbers returns every number of a CSV file after its header.
func csvNumbers(t *testing.T, b []byte) []float64 {
	t.Helper()
	_, body, _ := strings.Cut(string(b), "\n")
	var v []float64
	for _, f := range strings.FieldsFunc(body, func(r rune) bool { return r == ',' || r == '\n' }) {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatal(err)
		}
		v = append(v, x)
	}
	return v
}

// jsonDiffs lists where the decoded JSON values a and b differ: numbers by
// more than tol relative, anything else at all.
func jsonDiffs(path string, a, b any, tol float64) []string {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return []string{fmt.Sprintf("%s: %v, with -reference %v", path, a, b)}
		}
		var d []string
		for k, v := range a {
			d = append(d, jsonDiffs(path+"."+k, v, bm[k], tol)...)
		}
		return d
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return []string{fmt.Sprintf("%s: %d values, with -reference %v", path, len(a), b)}
		}
		var d []string
		for i := range a {
			d = append(d, jsonDiffs(fmt.Sprintf("%s[%d]", path, i), a[i], bs[i], tol)...)
		}
		return d
	case float64:
		if bf, ok := b.(float64); !ok || !near12(a, bf, tol) {
			return []string{fmt.Sprintf("%s: %v, with -reference %v", path, a, b)}
		}
		return nil
	}
	if a != b {
		return []string{fmt.Sprintf("%s: %v, with -reference %v", path, a, b)}
	}
	return nil
}
